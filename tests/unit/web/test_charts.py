"""Figure timelines: dates, scales, bounds as ranges, a shape per source."""

from __future__ import annotations

from datetime import date

from allegedly.web.charts import parse_day, timeline, when


def _fig(text, value, bound, as_of, who, key="russian|troops|fatal"):
    return {"text": text, "value": value, "low": value, "high": value, "bound": bound,
            "as_of": as_of, "source_name": who, "outlet": "Express", "published": "2022-03-21",
            "figure_key": key, "article_id": "a", "id": "f", "counted": "troops",
            "measure": "killed"}


def test_dates() -> None:
    assert parse_day("2022-03") == date(2022, 3, 1)
    assert parse_day("2022-02", end=True) == date(2022, 2, 28)
    assert parse_day("junk") is None
    assert when({"as_of": "2022-03-01/2022-03-10"})[:2] == (date(2022, 3, 1), date(2022, 3, 10))
    assert when({"as_of": None, "published": "2022-03-21"}) == (date(2022, 3, 21),
                                                                 date(2022, 3, 21), False)


def test_seed_figures_as_ranges_on_a_log_scale() -> None:
    c = timeline([_fig("498", 498, "exact", "2022-03-01/2022-03-10", "ministry"),
                  _fig("over 7,000", 7000, "more_than", "2022-03-14/2022-03-20", "US", "|troops|fatal"),
                  _fig("over 15,000", 15000, "more_than", "2022-02-21/2022-03-21", "Ukraine")],
                 "russian|troops|fatal")
    assert c["scale"] == "log"
    p498, p7k, p15k = c["points"]
    assert [p["label"] for p in c["points"]] == ["498", ">7,000", ">15,000"]
    assert p498["bar"] is None and p7k["bar"]["arrow"] == "up" and p7k["bar"]["y2"] == c["top"]
    assert p15k["y"] < p7k["y"] < p498["y"]  # higher values are higher up
    assert p7k["hollow"] and not p498["hollow"]  # the 7,000 does not say whose losses
    assert len({(s["colour"], s["shape"]) for s in c["legend"]}) == 3
    assert p498["x2"] > p498["x1"]  # the window is drawn


def test_nothing_to_draw() -> None:
    assert timeline([{"value": None, "low": None}]) is None
