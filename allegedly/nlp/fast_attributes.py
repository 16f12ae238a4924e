"""A drop-in replacement for en_core_web_sm's ``attribute_ruler`` that gives identical results
at a fraction of the cost.

The stock component runs a ``Matcher`` with 179 patterns over every token: about 15% of a full
parse. Almost all of its work is a tag map (fine tag -> POS + morphology); the rest are word
exceptions ("'s" after "let", "n't" -> "not"). :class:`FastAttributes` compiles the *same*
patterns read from the loaded pipe: the tag map is applied to the whole Doc as arrays, and only
tokens whose lower-cased form, tag or dependency can start an exception pattern are checked in
Python. Rules apply in pattern order, later rules winning, exactly as ``AttributeRuler`` does;
``tests/unit/nlp/test_fast_attributes.py`` checks token-for-token equality on real text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

Predicate = Callable[[Token], bool]


def _value_test(value: Any, get: Callable[[Token], Any]) -> Predicate:
    if isinstance(value, dict):
        tests = []
        if "IN" in value:
            allowed = set(value["IN"])
            tests.append(lambda t: get(t) in allowed)
        if "NOT_IN" in value:
            banned = set(value["NOT_IN"])
            tests.append(lambda t: get(t) not in banned)
        if "REGEX" in value:
            rx = re.compile(value["REGEX"])
            tests.append(lambda t: rx.search(get(t)) is not None)
        unknown = set(value) - {"IN", "NOT_IN", "REGEX"}
        if unknown:
            raise ValueError(f"unsupported attribute_ruler operator(s) {sorted(unknown)}")
        return lambda t: all(test(t) for test in tests)
    return lambda t: get(t) == value


_GETTERS: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}


def _token_test(spec: dict[str, Any]) -> Predicate:
    unknown = set(spec) - set(_GETTERS)
    if unknown:
        raise ValueError(f"unsupported attribute_ruler token attribute(s) {sorted(unknown)}")
    tests = [_value_test(v, _GETTERS[k]) for k, v in spec.items()]
    return lambda t: all(test(t) for test in tests)


@dataclass(frozen=True)
class _Rule:
    order: int
    tests: tuple[Predicate, ...]  # one per token of the pattern
    index: int  # which token of the match receives the attributes
    attrs: dict[str, Any]


def _keys(spec: dict[str, Any], name: str) -> list[str] | None:
    """The exact values ``spec`` allows for ``name`` (None if unconstrained or open)."""
    v = spec.get(name)
    if isinstance(v, str):
        return [v]
    if isinstance(v, dict) and set(v) == {"IN"}:
        return list(v["IN"])
    return None


class FastAttributes:
    """Applies an ``AttributeRuler``'s patterns: tag map as arrays, exceptions by index."""

    def __init__(self, patterns: list[dict[str, Any]], vocab) -> None:
        self.vocab = vocab
        self.tag_pos: dict[int, int] = {}
        self.tag_morph: dict[int, int] = {}
        self.by_lower: dict[str, list[_Rule]] = {}
        self.by_tag: dict[str, list[_Rule]] = {}
        self.by_dep: dict[str, list[_Rule]] = {}
        self.on_space: list[_Rule] = []
        self.by_regex: list[tuple[re.Pattern[str], _Rule]] = []
        self.generic: list[_Rule] = []
        self._ids: _ByIds | None = None  # the tables by string id (_key_ids)
        tag_map_done = False
        for order, p in enumerate(patterns):
            attrs = normalize_token_attrs(vocab, p["attrs"])
            for pattern in p["patterns"]:
                only_tag = (len(pattern) == 1 and set(pattern[0]) == {"TAG"}
                            and isinstance(pattern[0]["TAG"], str)
                            and set(p["attrs"]) <= {"POS", "MORPH"})
                if only_tag and not tag_map_done:
                    tag = vocab.strings.add(pattern[0]["TAG"])
                    if "POS" in p["attrs"]:
                        self.tag_pos[tag] = POS_IDS[p["attrs"]["POS"]]
                    if "MORPH" in p["attrs"]:
                        self.tag_morph[tag] = vocab.morphology.add(p["attrs"]["MORPH"])
                    continue
                tag_map_done = tag_map_done or bool(self.tag_pos)
                rule = _Rule(order, tuple(_token_test(s) for s in pattern), p.get("index", 0),
                             attrs)
                first = pattern[0]
                lowers, tags, deps = _keys(first, "LOWER"), _keys(first, "TAG"), _keys(first,
                                                                                     "DEP")
                regex = first.get("LOWER", {}).get("REGEX") if isinstance(
                    first.get("LOWER"), dict) else None
                if lowers:
                    for w in lowers:
                        self.by_lower.setdefault(w, []).append(rule)
                elif tags:
                    for tg in tags:
                        self.by_tag.setdefault(tg, []).append(rule)
                elif deps:
                    for d in deps:
                        self.by_dep.setdefault(d, []).append(rule)
                elif first.get("IS_SPACE") is True:
                    self.on_space.append(rule)
                elif regex:
                    self.by_regex.append((re.compile(regex), rule))
                else:
                    self.generic.append(rule)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        self._key_ids(doc.vocab.strings)
        cols = doc.to_array([TAG, LOWER, DEP, IS_SPACE])
        tags, where = numpy.unique(cols[:, 0], return_inverse=True)  # the tag map per tag
        pos = numpy.array([self.tag_pos.get(t, 0) for t in tags.tolist()], dtype="uint64")
        morph = numpy.array([self.tag_morph.get(t, 0) for t in tags.tolist()], dtype="uint64")
        doc.from_array([POS, MORPH], numpy.stack([pos[where], morph[where]], axis=1))
        matches: list[tuple[int, int, _Rule]] = []
        rows = cols.tolist()
        regex_rules = self._regex_rules(doc, cols[:, 1])
        for i in self._candidates(doc, cols, regex_rules):
            tag, lower, dep, space = rows[i]
            for rule in self._rules_at(lower, tag, dep, space, regex_rules):
                n = len(rule.tests)
                if i + n > len(doc):
                    continue
                if all(test(doc[i + k]) for k, test in enumerate(rule.tests)):
                    matches.append((rule.order, i, rule))
        matches.sort(key=lambda m: (m[0], m[1]))
        for _, start, rule in matches:
            set_token_attrs(doc[start + rule.index], rule.attrs)
        return doc

    def _rules_at(self, lower: int, tag: int, dep: int, space: int,
                  regex_rules: dict[int, list[_Rule]]) -> list[_Rule]:
        """The rules whose first token test may hold at a token with these string ids (lower
        form, tag, dependency) and IS_SPACE flag, in the order they are tried: by lower form,
        tag, dependency, the generic ones, those of spaces, those of a matching regex."""
        ids = self._ids
        cands = [*ids.lower.get(lower, ()), *ids.tag.get(tag, ()), *ids.dep.get(dep, ()),
                 *self.generic]
        if space:
            cands += self.on_space
        cands += regex_rules.get(lower, ())
        return cands

    def _regex_rules(self, doc: Doc, lowers: numpy.ndarray) -> dict[int, list[_Rule]]:
        """Per lower form (string id) of ``doc`` that a regex rule matches, those rules."""
        if not self.by_regex:
            return {}
        strings = doc.vocab.strings
        out: dict[int, list[_Rule]] = {}
        for h in numpy.unique(lowers).tolist():
            rules = [r for rx, r in self.by_regex if rx.search(strings[h])]
            if rules:
                out[h] = rules
        return out

    def _candidates(self, doc: Doc, cols: numpy.ndarray,
                    regex_rules: dict[int, list[_Rule]]) -> list[int]:
        """Indices (ascending) of the tokens where :meth:`_rules_at` finds any rule: every
        token if there are generic rules, else those whose lower form, tag or dependency keys
        a rule, the spaces (if rules start there) and the lower forms a regex rule matches."""
        if self.generic:
            return list(range(len(doc)))
        ids = self._key_ids(doc.vocab.strings)  # made by __call__ already
        keyed = [*ids.lower, *regex_rules]
        hit = numpy.isin(cols[:, 1], numpy.array(keyed, dtype="uint64")) \
            | numpy.isin(cols[:, 0], numpy.array(list(ids.tag), dtype="uint64")) \
            | numpy.isin(cols[:, 2], numpy.array(list(ids.dep), dtype="uint64"))
        if self.on_space:
            hit |= cols[:, 3] != 0
        return numpy.flatnonzero(hit).tolist()

    def _key_ids(self, strings: Any) -> _ByIds:
        """``by_lower``, ``by_tag`` and ``by_dep`` keyed by string ids (made once)."""
        if self._ids is None:
            self._ids = _ByIds(*({strings.add(k): v for k, v in table.items()}
                                 for table in (self.by_lower, self.by_tag, self.by_dep)))
        return self._ids


@dataclass(frozen=True)
class _ByIds:
    """A :class:`FastAttributes`' rule tables keyed by string ids instead of strings."""

    lower: dict[int, list[_Rule]]
    tag: dict[int, list[_Rule]]
    dep: dict[int, list[_Rule]]


def replace_attribute_ruler(nlp: Language) -> None:
    """Swap the pipeline's ``attribute_ruler`` for :class:`FastAttributes` (same patterns)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastAttributes(list(ruler.patterns), nlp.vocab)
    nlp.add_pipe("allegedly_fast_attributes", after="attribute_ruler")
    nlp.get_pipe("allegedly_fast_attributes").impl = fast
    nlp.disable_pipe("attribute_ruler")


class _Slot:
    """The registered component; holds the compiled rules set by replace_attribute_ruler."""

    impl: FastAttributes | None = None

    def __call__(self, doc: Doc) -> Doc:
        return self.impl(doc) if self.impl is not None else doc


@Language.factory("allegedly_fast_attributes", assigns=["token.pos", "token.morph",
                                                        "token.lemma"])
def make_fast_attributes(nlp: Language, name: str) -> _Slot:
    return _Slot()
