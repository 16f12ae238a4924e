"""The figure steps, in the order :func:`allegedly.extract.figures.find_figures` runs them: the one
list to read.

1. ``TEXT_CHECKS`` -- numbers inside a phone number, a date written in digits ("17.03.22")
   or a run of bare digit groups are no figure;
2. ``GLUED``, ``LITERAL``, ``CANDIDATE`` -- per number literal, the checks of
   :mod:`~allegedly.extract.figures.candidates` (a check that applies rejects the number);
3. ``KINDS`` -- what makes a figure: a digit literal, number words, a vague plural, one unit
   with an article ("a gallon"), and the pairs merged by :mod:`~.ranges` (range, ratio,
   uncertainty; scores are dropped): a figure's ``method`` is ``"rule:" +`` one of these;
4. ``PASSES`` -- bounds and changes over all candidates (:mod:`~.bounds`);
5. ``DESCRIPTION`` -- counted thing, measure, time and the clean-up steps (:mod:`~.describe`).

Every name can be switched off (``Settings(disabled_rules=("figure.not_year",))``) to measure
what it does. Adding a check: write ``def my_check(r: Reading) -> bool`` in ``candidates.py``
("figure.not_<what it is>" when it rejects), put a ``Rule`` line in its list below and document
the name in ``docs/contract.md`` (the contract test fails for an undocumented name).
"""

from __future__ import annotations

from allegedly.extract.figures import bounds, candidates, describe, ranges
from allegedly.extract.figures.units import single_units
from allegedly.extract.rules import Rule

TEXT_CHECKS: tuple[Rule, ...] = (
    Rule("figure.not_phone", candidates.phone_spans),
    Rule("figure.not_numeric_date", candidates.numeric_date_spans),
    Rule("figure.not_digit_run", candidates.digit_runs),
)

GLUED: tuple[Rule, ...] = (
    Rule("figure.hyphen_after_word", candidates.hyphen_after_word),
    Rule("figure.not_glued_name", candidates.glued_name),
    Rule("figure.not_designation", candidates.designation),
    Rule("figure.not_exponent", candidates.exponent),
    Rule("figure.not_spaced_code", candidates.spaced_code),
    Rule("figure.not_glued_code", candidates.glued_code),
)
"""Characters glued to a digit literal (the first that applies decides)."""

LITERAL: tuple[Rule, ...] = (
    Rule("figure.not_date", candidates.date),
    Rule("figure.not_clock_time", candidates.clock_time),
    Rule("figure.not_address", candidates.address),
    Rule("figure.not_rating", candidates.rating),
    Rule("figure.not_ordinal", candidates.ordinal),
    Rule("figure.not_counter", candidates.counter),
    Rule("figure.not_decade", candidates.decade),
    Rule("figure.not_season", candidates.season),
    Rule("figure.not_age_apposition", candidates.age_apposition),
)
"""What a digit literal's surroundings make of it (any that applies rejects)."""

CANDIDATE: tuple[Rule, ...] = (
    Rule("figure.not_rank", candidates.rank),
    Rule("figure.not_pronoun_one", candidates.pronoun_one),
    Rule("figure.not_glued_letters", candidates.glued_letters),
    Rule("figure.not_label_or_name", candidates.label_or_name),
    Rule("figure.not_year", candidates.year),
    Rule("figure.not_ago", candidates.ago),
    Rule("figure.not_relative_time", candidates.relative_time),
    Rule("figure.not_kind_duration", candidates.kind_duration),
)
"""Every number, the unit attached after the first two (any that applies rejects)."""

KINDS: tuple[Rule, ...] = (
    Rule("figure.cardinal", candidates.candidate,
         "A number written in digits (\"1,500\", \"7.5 million\", \"$13.6M\", \"2 1/2\")."),
    Rule("figure.number_words", candidates.candidate,
         "A number written in words (\"five\", \"two and a half\", \"a dozen\")."),
    Rule("figure.vague_plural", candidates.candidate,
         "A vague plural (\"thousands of\", \"dozens of\"): low = the round number, high = ten "
         "times it, bound approx."),
    Rule("figure.single_unit", single_units),
    Rule("figure.not_score", ranges.merge_ranges, "\"2-0\", \"2-2\": a score is no figure."),
    Rule("figure.range", ranges.merge_ranges,
         "\"between 30 and 50\", \"5-10W\", \"from $200 to $4 million\": two numbers as one "
         "range."),
    Rule("figure.ratio", ranges.merge_ranges,
         "\"one in five\", \"nine out of 10\": a proportion; \"2-to-1\": odds."),
    Rule("figure.uncertainty", ranges.merge_ranges,
         "\"9.83 +/- 0.01\": a measurement with its uncertainty (low/high = the spread)."),
)
"""What makes a figure (the first three are how the number is written, not switchable; the
others can be switched off)."""

PASSES: tuple[Rule, ...] = (
    Rule("figure.post_bound", bounds.post_bounds),
    Rule("figure.pre_bound", bounds.pre_bounds),
    Rule("figure.accounting_negative", bounds.accounting_negatives),
    Rule("figure.conversion", bounds.inherit_in_conversions),
    Rule("figure.change_by", bounds.changes_by),
)
"""Over all candidates of the text, in order: ``fn(doc, text, cands)`` changes them."""

DESCRIPTION: tuple[Rule, ...] = (
    Rule("figure.age", describe.describe,
         "\"the boy, aged 12\", \"a 15-year-old girl\": an age, of unit `year of age`, counting "
         "the person whose age it is, with no measure (never compared with counts)."),
    Rule("figure.counted_carry", describe.describe,
         "\"... killed and 1,500 wounded\": a bare number after a counted one in the same "
         "sentence counts the same thing."),
    Rule("figure.not_weak_one", describe.describe,
         "\"one of his own men\": a \"one\" with no unit, measure or \"only\" is no figure."),
    Rule("figure.out_of", describe.describe,
         "\"750 out of 1,500 soldiers\": the part shares the whole's counted thing."),
    Rule("figure.not_duration_time", describe.describe,
         "\"lost in less than four weeks\": a duration that is another figure's time "
         "expression is no figure of its own."),
)
"""Steps of the description (:func:`describe.describe` runs them in this order)."""

_WRITTEN = frozenset({"figure.cardinal", "figure.number_words", "figure.vague_plural"})


def all_rules() -> tuple[Rule, ...]:
    """Every named figure step, in order."""
    return (*TEXT_CHECKS, *GLUED, *LITERAL, *CANDIDATE, *KINDS, *PASSES, *DESCRIPTION)


def switchable_rules() -> tuple[Rule, ...]:
    """The figure steps ``disabled_rules`` accepts (all but how a number is written)."""
    return tuple(r for r in all_rules() if r.name not in _WRITTEN)


def switchable() -> frozenset[str]:
    return frozenset(r.name for r in switchable_rules())


__all__ = ["CANDIDATE", "DESCRIPTION", "GLUED", "KINDS", "LITERAL", "PASSES", "TEXT_CHECKS",
           "all_rules", "switchable", "switchable_rules"]
