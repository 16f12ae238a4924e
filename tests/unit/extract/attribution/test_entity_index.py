"""The entity index answers every look-back exactly as a backward scan of ``doc.ents`` does."""

from __future__ import annotations

from allegedly.extract.attribution.entity_index import EntityIndex, entity_index_for, indexed
from allegedly.extract.attribution.mentions import is_full_name, name_tokens

TEXT = ("Ukrainian journalist Roman Tsimbalyuk met Anna Berg in Kyiv on Monday. The ministry said "
        "Mr Tsimbalyuk had left. Reuters reported that Maria Lopez and Roman Petrenko flew to "
        "Warsaw. Berg said Amnesty International and the BBC had seen the report. Lopez denied it.")


def _scan_person(doc, before, surname):
    for ent in reversed(doc.ents):
        if ent.end > before or not is_full_name(ent):
            continue
        if surname is None or name_tokens(ent)[-1].lower_ == surname:
            return ent
    return None


def _scan_entity(doc, before, labels):
    return next((e for e in reversed(doc.ents) if e.end <= before and e.label_ in labels), None)


def test_every_look_back_matches_the_backward_scan(nlp):
    doc = nlp(TEXT)
    index = EntityIndex(doc)
    surnames = {None, "tsimbalyuk", "berg", "lopez", "petrenko", "nobody"}
    labels = [{"ORG", "GPE", "NORP"}, {"PERSON"}, {"ORG"}, {"DATE"}]
    assert any(index.person(len(doc), s) is not None for s in surnames - {None})
    for before in range(len(doc) + 1):
        for surname in surnames:
            assert index.person(before, surname) == _scan_person(doc, before, surname)
        for group in labels:
            assert index.entity(before, group) == _scan_entity(doc, before, group)


def test_the_held_index_lives_only_inside_the_block(nlp):
    doc = nlp(TEXT)
    with entity_index_for(doc) as held:
        assert indexed(doc) is held
    assert indexed(doc) is not held
