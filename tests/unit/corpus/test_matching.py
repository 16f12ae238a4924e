import math

from allegedly.corpus.linker import prepare
from allegedly.corpus.matching import interval, overlaps, score_pair, value_ratio
from tests.unit.corpus.conftest import claim, fig


def test_intervals_of_bounds():
    assert interval(fig(50, bound="more_than")) == (50, math.inf)
    assert interval(fig(12, bound="at_most")) == (0.0, 12)
    assert interval(fig(300, bound="approx")) == (270.0, 330.0)
    assert interval(fig(None, bound="range", low=30, high=50)) == (30, 50)
    assert interval(fig(12, bound="approx", text="dozens of")) == (24, 99)


def test_overlap_and_value_ratio():
    assert overlaps(fig(50, bound="more_than"), fig(52))
    assert overlaps(fig(300, bound="approx"), fig(300))
    assert not overlaps(fig(39), fig(52, bound="at_least"))
    assert value_ratio(fig(39), fig(50)) == 39 / 50
    assert value_ratio(fig(3), fig(13)) < 0.25


CORPUS = [
    claim("a", "Shells killed 34 people at the Brastovo market, the ministry said", day=6,
          figures=[fig(34, article="a")]),
    claim("b", "Brastovo market shelling killed 34 people, the ministry says", day=6,
          figures=[fig(34, article="b")]),
    claim("c", "Floods killed 34 people in the northern province of Karsk", day=6,
          figures=[fig(34, article="c")]),
    claim("d", "Parliament approved the budget after a long debate", day=6),
    claim("e", "Prices of bread rose again in Merinsk shops this week", day=6),
]


def test_paraphrase_scores_high_unrelated_same_figure_low():
    prepared = prepare(CORPUS)
    same, feats = score_pair(CORPUS[0], CORPUS[1], prepared.df)
    other, _ = score_pair(CORPUS[0], CORPUS[2], prepared.df)
    unrelated, _ = score_pair(CORPUS[3], CORPUS[4], prepared.df)
    assert same >= 0.55 > 0.4 > other
    assert unrelated < 0.2
    assert set(feats) >= {"text", "figures", "time"}  # how it was produced


def test_embedding_feature_counts_when_given():
    prepared = prepare(CORPUS)
    without, _ = score_pair(CORPUS[0], CORPUS[2], prepared.df)
    with_low, feats = score_pair(CORPUS[0], CORPUS[2], prepared.df, similarity=0.1)
    assert "embedding" in feats and with_low < without


def test_profile_features_equal_the_word_set_measures():
    from allegedly.corpus.matching import Weights, features, figure_agreement

    prepared = prepare(CORPUS)
    df = prepared.df
    for a, b in [(CORPUS[0], CORPUS[1]), (CORPUS[0], CORPUS[2]), (CORPUS[3], CORPUS[4])]:
        feats = features(a, b, df)
        assert feats["text"] == df.weighted_jaccard(a.words, b.words)
        ochiai = features(a, b, df, weights=Weights(overlap=True))["text"]
        assert ochiai == df.weighted_overlap(a.words, b.words)
        assert feats.get("figures") == figure_agreement(a, b)
    assert figure_agreement(CORPUS[0], CORPUS[2]) == 1.0  # same key, same value
    assert figure_agreement(CORPUS[0], CORPUS[3]) is None  # no figures on one side


def test_profile_score_is_the_score_of_the_features_to_the_last_bit():
    import random

    from allegedly.corpus.matching import Weights, profile, profile_score, score_profiles

    rng = random.Random(11)
    words = ["shelling", "Brastovo", "market", "killed", "strike", "Velmor", "drone", "bridge",
             "convoy", "hospital"]
    claims = []
    for i in range(120):
        text = " ".join(rng.sample(words, rng.randint(0, 6)))
        figures = [fig(rng.randint(2, 60), rng.choice(["killed", "wounded"]),
                       article=f"a{i}")] if rng.random() < 0.6 else []
        chain = [(rng.choice(["Radu Belsky", "the mayor"]), "person")] \
            if rng.random() < 0.5 else []
        claims.append(claim(f"a{i}", text, day=rng.choice([None, 1, 3, 9, 20]),
                            figures=figures, chain=chain))
    df = prepare(claims).df
    profiles = [profile(c, df) for c in claims]
    for weights in (Weights(), Weights(overlap=True), Weights(gate=0.0, values=False)):
        for a, b in zip(profiles, profiles[1:] + profiles[:1], strict=True):
            assert profile_score(a, b, df, weights=weights) == \
                score_profiles(a, b, df, weights=weights)[0]
