"""JSONL / JSON / CSV dumps: field options, aliases, malformed records."""

from __future__ import annotations

import io
from datetime import date

from allegedly.errors import InputError
from allegedly.ingest.records import iter_csv, iter_json, iter_jsonl
from allegedly.model import Article

FIELDS = {"text": "text", "html": "html", "url": "url", "published": "published",
          "outlet": "outlet", "title": "title"}


def test_jsonl_custom_fields_and_extra() -> None:
    lines = ['{"body_text": "The army said it had retaken the town.", "when": "2022-03-21", '
             '"id": 7, "link": "https://x.example/7"}']
    fields = dict(FIELDS, text="body_text", published="when")
    (art,) = iter_jsonl(lines, "d.jsonl", fields=fields)
    assert isinstance(art, Article) and art.origin == "d.jsonl#record-1"
    assert art.published == date(2022, 3, 21) and art.url == "https://x.example/7"
    assert dict(art.extra) == {"id": "7"}


def test_jsonl_malformed_lines_do_not_stop_reading() -> None:
    lines = ['{"text": "first said."}', '{"text": ', "", "[1, 2]", '{"text": "last said."}']
    items = list(iter_jsonl(lines, "d.jsonl", fields=FIELDS))
    assert [(i.origin, getattr(i, "code", "ok")) for i in items] == [
        ("d.jsonl#record-1", "ok"), ("d.jsonl#record-2", "E107"),
        ("d.jsonl#record-4", "E107"), ("d.jsonl#record-5", "ok")]


def test_json_array_and_csv_aliases() -> None:
    doc = '{"articles": [{"headline": "H", "content": "The mayor said so."}]}'
    (art,) = iter_json(doc, "a.json", fields=FIELDS)
    assert art.title == "H" and art.text == "The mayor said so."
    csv_text = ("article_title,article_content,source,date\n"
                'Strike,"Officials said 3 died, the agency said.",wire,4/5/2017\n')
    (art,) = iter_csv(io.StringIO(csv_text), "d.csv", fields=FIELDS)
    assert (art.title, art.outlet, art.published) == ("Strike", "wire", date(2017, 4, 5))
    assert art.input_format == "csv"


def test_csv_record_without_text() -> None:
    (err,) = iter_csv(io.StringIO("title,text\nOnly a title,\n"), "d.csv", fields=FIELDS)
    assert isinstance(err, InputError) and err.code == "E107" and "--text-field" in str(err)
