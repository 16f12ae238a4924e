import datetime as dt

from allegedly.corpus.compare import classify, compare_group, statements
from tests.unit.corpus.conftest import claim, fig


def _stmt(value, *, day, article, origin, bound="exact", measure="killed", counted="people",
          as_of=None, text=None):
    c = claim(article, f"{text or value} {counted} {measure} in Brastovo", day=day,
              chain=[(origin, "government")],
              figures=[fig(value, measure, counted, bound=bound, as_of=as_of, article=article,
                           text=text, source=origin, source_kind="government")])
    return statements([c])[0]


def _kind(a, b):
    return classify(a, b)[0]


def test_consistent_within_bounds():
    assert _kind(_stmt(50, day=8, article="a", origin="x", bound="more_than", text="over 50"),
                 _stmt(52, day=8, article="b", origin="y")) == "consistent"
    assert _kind(_stmt(300, day=8, article="a", origin="x", bound="approx"),
                 _stmt(300, day=8, article="b", origin="y")) == "consistent"


def test_a_rising_cumulative_toll_is_an_update_whoever_reports_it():
    early = _stmt(39, day=8, article="a", origin="regional governor", as_of="2025-05-08")
    later = _stmt(52, day=9, article="b", origin="prosecutors", bound="at_least")
    kind, reason = classify(early, later)
    assert kind == "update" and "rising" in reason
    # the same day, order unknown, one count a running bound: a count rising
    assert _kind(_stmt(39, day=8, article="a", origin="x"),
                 _stmt(50, day=8, article="b", origin="y", bound="more_than")) == "update"


def test_a_count_weeks_later_is_a_revision():
    assert _kind(_stmt(300, day=dt.date(2025, 3, 25), article="a", origin="city council"),
                 _stmt(600, day=dt.date(2025, 5, 4), article="b", origin="AP investigation")
                 ) == "revision"
    # the same origin lowering its own count is a revision too
    assert _kind(_stmt(40, day=8, article="a", origin="ministry"),
                 _stmt(35, day=9, article="b", origin="ministry")) == "revision"


def test_scope_differences():
    assert _kind(_stmt(120, day=8, article="a", origin="x", measure="lost", counted="men"),
                 _stmt(23, day=8, article="b", origin="y", counted="men")) == "scope"
    assert _kind(_stmt(180, day=8, article="a", origin="x", measure="casualties"),
                 _stmt(47, day=8, article="b", origin="y")) == "scope"


def test_conflicts_need_the_same_time_and_different_origins():
    kind, reason = classify(_stmt(34, day=6, article="a", origin="ministry"),
                            _stmt(12, day=6, article="a", origin="rebels", bound="at_most"))
    assert kind == "conflict" and "ministry" in reason and "rebels" in reason
    # one day, two exact counts far apart from different origins
    assert _kind(_stmt(41, day=7, article="a", origin="ministry"),
                 _stmt(9, day=7, article="b", origin="rebels")) == "conflict"
    # a lower count the next day from another origin
    assert _kind(_stmt(41, day=7, article="a", origin="ministry"),
                 _stmt(12, day=8, article="b", origin="rebels")) == "conflict"
    # the same origin repeating itself is not a comparison at all
    assert classify(_stmt(41, day=7, article="a", origin="ministry"),
                    _stmt(41, day=8, article="b", origin="ministry")) is None


def test_unstated_counted_thing_joins_the_groups_usual_one():
    a = claim("a", "Estimated 300 dead in the theatre strike", day=25,
              figures=[fig(300, "dead", None, bound="approx", article="a")])
    b = claim("b", "The city says 300 people were killed in the theatre", day=25,
              figures=[fig(300, "killed", "people", article="b")])
    comps = compare_group("g1", [a, b])
    assert [(c.key, c.kind) for c in comps] == [("people|fatal", "consistent")]


def test_comparisons_grow_linearly_with_the_figures_of_a_key():
    """Within one key group each statement meets at most k earlier distinct values."""
    def corpus(n):
        return [claim(f"a{i}", f"{i + 10} people killed", day=1 + i % 20,
                      chain=[(f"source {i}", "person")],
                      figures=[fig(i + 10, article=f"a{i}", source=f"source {i}",
                                   source_kind="person")]) for i in range(n)]
    small, large = len(compare_group("g", corpus(50))), len(compare_group("g", corpus(400)))
    assert large <= 3 * 400 and large / small < 9
