from allegedly.corpus.text import (
    DocumentFrequencies,
    content_words,
    event_words,
    name_words,
    normalise_word,
)


def test_normalise_folds_spelling_plural_and_possessive():
    assert normalise_word("Theatre") == normalise_word("theater") == "theater"
    assert normalise_word("strikes") == "strike"
    assert normalise_word("casualties") == "casualty"
    assert normalise_word("Mariupol's") == "mariupol"
    assert normalise_word("press") == "press"  # no plural stripped from -ss


def test_content_words_keep_numbers_but_not_stamps_or_stop_words():
    words = content_words("07.10.22 11:09 - Shelling of the town: 1,300 people and 300 dead "
                          "as of 13:00")
    assert {"shelling", "town", "1300", "300", "people", "dead"} <= words
    assert not {"07", "10", "22", "11", "09", "13", "00", "the", "of", "as"} & words


def test_name_words_leave_out_the_claims_own_sources():
    names = name_words("Colonel Radu Belsky said the Rebels shelled Brastovo",
                       exclude=["Radu Belsky"])
    assert "brastovo" in names and "rebel" in names
    assert not {"radu", "belsky"} & names


def test_event_words_group_synonyms():
    assert event_words(content_words("an airstrike and shelling")) == {"attack"}
    assert event_words(content_words("the ferry sank")) == {"sinking"}
    assert event_words(content_words("prices rose")) == frozenset()


def test_idf_weights_rare_words_more():
    df = DocumentFrequencies()
    for words in (["war", "brastovo"], ["war", "merinsk"], ["war"]):
        df.add(words)
    assert df.idf("brastovo") > df.idf("war")
    a, b = frozenset({"war", "brastovo"}), frozenset({"war", "merinsk"})
    assert 0 < df.weighted_jaccard(a, b) < 0.5
    assert df.weighted_jaccard(a, a) == 1.0
    assert df.rarest(["war", "brastovo"], 1) == ["brastovo"]
