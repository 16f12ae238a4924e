"""Events: cores of the first days, average linkage, anchors (place + kind of event + figure
key + day) and later reports dated back to the event, each with its evidence."""

from __future__ import annotations

import datetime as dt

from allegedly.corpus.events import _Clusters, events, merge_average
from allegedly.corpus.groups import Group, Member
from allegedly.corpus.linker import Link
from allegedly.corpus.records import FigureRef, figure_parts, make_claim

DAY = dt.date(2025, 3, 8)


def _figure(article: str, text: str, value: float, bound: str = "exact",
            as_of: str | None = None) -> FigureRef:
    return FigureRef(article, "f1", text, 0, len(text), value, None, None, bound, "killed",
                     "people", None, as_of, **figure_parts("killed", "people", None))


def _claim(article: str, text: str, day: dt.date, figure: FigureRef | None = None):
    return make_claim(article, "c1", text, figures=[figure] if figure else [],
                      published=day, outlet=article.split("-")[0])


def _group(gid: str, *claims) -> Group:
    return Group(gid, claims[0].uid, [Member(c.uid, "confirmed", 0.8, "score") for c in claims])


def _corpus():
    """A strike at Varnok station told in two differently worded groups on one day, an
    unrelated strike at Lomsk station worded like the first group two weeks earlier, and an
    inquiry's count four weeks later dated back to the strike."""
    lomsk = [_claim(f"{o}-lomsk", "Rockets hit the railway station in Lomsk, killing 12 "
                    "people waiting for trains", DAY - dt.timedelta(days=14),
                    _figure(f"{o}-lomsk", "12", 12)) for o in ("wire", "daily")]
    first = [_claim(f"{o}-a", "Rockets hit the railway station in Varnok, killing more than "
                    "30 people waiting for trains", DAY, _figure(f"{o}-a", "more than 30", 30,
                                                               "more_than"))
             for o in ("wire", "daily")]
    second = [_claim(f"{o}-b", "Varnok strike: toll climbs over 50 as allies blame the "
                     "Teshan army for the missile attack", DAY,
                     _figure(f"{o}-b", "over 50", 50, "more_than")) for o in ("post", "herald")]
    later = _claim("ledger-c", "The missile attack on the Varnok railway station on 8 March "
                   "killed 61 people, an inquiry found", DAY + dt.timedelta(days=28),
                   _figure("ledger-c", "61", 61, as_of=DAY.isoformat()))
    other = [[_claim(f"{o}-{n}", text, DAY - dt.timedelta(days=40 + 5 * n))
              for o in ("wire", "post")]
             for n, text in enumerate(("Parliament in Oskar passes the harvest budget",
                                       "Floods close the Amber bridge for a week",
                                       "Teachers in Kell strike over pay",
                                       "The Dunmore mill reopens after repairs"))]
    groups = [_group("glomsk", *lomsk), _group("gfirst", *first), _group("gsecond", *second),
              *(_group(f"gother{n}", *pair) for n, pair in enumerate(other))]
    claims = {c.uid: c for c in [*lomsk, *first, *second, *(c for p in other for c in p)]}
    return groups, claims, later


def test_one_strike_in_differently_worded_groups_is_one_event_with_evidence():
    groups, claims, later = _corpus()
    found = events(groups, claims, threshold=0.4, singles=[later])
    assert found.event_of["gfirst"] == found.event_of["gsecond"] == "gfirst"
    # linked by none of their words: they meet on the place, the kind of event, the key, the day
    (step,) = found.evidence["gsecond"]
    assert step["step"] == "anchor" and step["to"] == "gfirst"
    assert (step["name"], step["event"], step["key"], step["days"]) == (
        "varnok", "attack", "people|fatal", 0)


def test_an_earlier_strike_worded_alike_is_another_event():
    groups, claims, later = _corpus()
    found = events(groups, claims, threshold=0.4, singles=[later])
    assert found.event_of["glomsk"] == "glomsk" != found.event_of["gfirst"]
    assert found.evidence["gfirst"] == []  # it starts its own event


def test_a_count_weeks_later_dated_back_to_the_strike_joins_it():
    groups, claims, later = _corpus()
    found = events(groups, claims, threshold=0.4, singles=[later])
    assert found.event_of[later.uid] == "gfirst"
    (step,) = [s for s in found.evidence[later.uid] if s["step"] == "later"]
    assert step["dated"] == "61" and step["days"] == 28 and step["share"] == 1.0


def test_a_count_weeks_later_not_dated_back_stays_out():
    groups, claims, later = _corpus()
    undated = make_claim("ledger-c", "c1", later.text.replace(" on 8 March", ""),
                         figures=[_figure("ledger-c", "61", 61)], published=later.published)
    found = events(groups, claims, threshold=0.4, singles=[undated])
    assert undated.uid not in found.event_of  # a lone claim in no event is left out


def _state(clusters, dates):
    return _Clusters(clusters, dates, {u: u for c in clusters for u in c})


def test_events_merge_by_average_linkage_not_through_one_link():
    day = dt.date(2025, 5, 1)
    dates = {u: day for u in ("a", "b", "c", "d", "x", "y")}
    # {a, b} and {c, d}: centers a and c never linked, but most member pairs are
    links = [Link("a", "d", 0.5), Link("b", "c", 0.6), Link("b", "d", 0.5),
             # {x, y}: one strong link to b only (mean 0.7 / 4 pairs < 0.2 is not enough)
             Link("b", "x", 0.7)]
    state = _state([["a", "b"], ["c", "d"], ["x", "y"]], dates)
    merge_average(state, links, 0.2, 3)
    assert sorted(sorted(m) for m in state.members.values()) == [["a", "b", "c", "d"],
                                                                 ["x", "y"]]
    assert state.how["c"] == [{"step": "average", "mean": 0.4, "to": "a"}]


def test_events_first_reported_days_apart_do_not_merge():
    dates = {"a": dt.date(2025, 5, 1), "b": dt.date(2025, 5, 1),
             "c": dt.date(2025, 5, 20), "d": dt.date(2025, 5, 21)}
    links = [Link("a", "c", 0.9), Link("b", "d", 0.9), Link("a", "d", 0.9)]
    state = _state([["a", "b"], ["c", "d"]], dates)
    merge_average(state, links, 0.2, 3)
    assert len(state.members) == 2
    state = _state([["a", "b"], ["c", "d"]], dates)
    merge_average(state, links, 0.2, 30)
    assert len(state.members) == 1
