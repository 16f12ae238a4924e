"""Language from the tag or the text (py3langid): sentences written for the test."""

from __future__ import annotations

from allegedly.ingest import article_from_html, article_from_text
from allegedly.ingest.language import letter_weight, resolve

CHINESE = ("国防部表示，解放军在周边海域举行了大规模军事演习，共有一百多架飞机和二十多艘军舰参与，"
           "规模为近年来最大。当局称将密切监视事态发展。")
GERMAN = ("Der Bürgermeister sagte am Dienstag, dass bei dem Hochwasser mindestens zwölf Menschen "
          "ums Leben gekommen seien und viele Straßen gesperrt bleiben.")
SPANISH = ("El alcalde dijo el martes que al menos doce personas murieron en las inundaciones y que "
           "muchas carreteras siguen cerradas. Los equipos de rescate continúan buscando a los "
           "desaparecidos en las zonas más afectadas por el agua, según las autoridades locales.")
ENGLISH = ("The mayor said on Tuesday that at least twelve people had died in the floods and that "
           "many roads would stay closed. Rescue teams were still searching for the missing in the "
           "districts worst hit by the water, local officials told reporters on Wednesday.")


def codes(warnings) -> list[str]:
    return [w.code for w in warnings]


def test_untagged_non_english_text_is_detected_and_warned() -> None:
    for text, lang in ((CHINESE, "zh"), (GERMAN, "de"), (SPANISH, "es")):
        got, warnings = resolve(text, None)
        assert got == lang
        assert codes(warnings) == ["W321"]
        assert lang in warnings[0].message and "py3langid" in warnings[0].message


def test_untagged_english_is_english_without_a_warning() -> None:
    assert resolve(ENGLISH, None) == ("en", ())
    assert resolve("Officials said 12 people were killed.", None) == ("en", ())


def test_too_little_text_is_unknown_and_analysed_as_english() -> None:
    got, warnings = resolve("Ja nein", None)
    assert got is None and codes(warnings) == ["W322"]
    assert "analysed as English" in warnings[0].message


def test_a_tag_is_kept_unless_the_text_clearly_crosses_the_english_line() -> None:
    assert resolve(ENGLISH, "en-GB") == ("en", ())
    assert resolve(GERMAN, "de") == ("de", ())
    got, warnings = resolve(SPANISH, "en")
    assert got == "es" and codes(warnings) == ["W323"]
    got, warnings = resolve(ENGLISH, "de")
    assert got == "en" and codes(warnings) == ["W323"]
    # too short to overrule a tag
    assert resolve("Der Minister sagte.", "en") == ("en", ())


def test_cjk_characters_weigh_three_letters() -> None:
    assert letter_weight("abc") == 3
    assert letter_weight("国防部") == 9
    assert letter_weight("12, .") == 0


def test_readers_detect_when_no_tag_is_given() -> None:
    art = article_from_text(CHINESE)
    assert art.language == "zh" and codes(art.ingest_warnings) == ["W321"]
    html = f"<html><body><article><p>{SPANISH}</p><p>{SPANISH}</p></article></body></html>"
    art = article_from_html(html)
    assert art.language == "es" and "W321" in codes(art.ingest_warnings)
    tagged = html.replace("<html>", '<html lang="es">')
    art = article_from_html(tagged)
    assert art.language == "es" and not codes(art.ingest_warnings)
