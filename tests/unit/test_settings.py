"""Settings: defaults file, user TOML and ALLEGEDLY_* environment overrides; coded errors."""

from __future__ import annotations

import re
from dataclasses import fields
from importlib import resources

import pytest

from allegedly.errors import MESSAGES, InputError, message
from allegedly.settings import Settings, load_settings


def test_defaults_file_documents_every_setting():
    text = resources.files("allegedly").joinpath("defaults.toml").read_text("utf-8")
    for f in fields(Settings):
        assert re.search(rf"^{f.name}\s*=", text, re.M), f"{f.name} missing from defaults.toml"


def test_toml_then_environment_override(tmp_path):
    cfg = tmp_path / "a.toml"
    cfg.write_text("batch_size = 4\nprepass = false\n")
    s = load_settings(cfg, env={"ALLEGEDLY_BATCH_SIZE": "8"})
    assert s.batch_size == 8 and s.prepass is False
    assert load_settings(env={}).batch_size == Settings().batch_size


def test_unknown_setting_is_refused(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text("batchsize = 4\n")
    with pytest.raises(ValueError, match="batchsize"):
        load_settings(cfg, env={})


def test_errors_carry_code_origin_and_advice():
    err = InputError("E104", origin="big.txt", detail="21.0 MB", limit="20.0 MB")
    assert str(err).startswith("big.txt: E104 ")
    assert "ALLEGEDLY_MAX_BYTES" in str(err)
    assert all(re.fullmatch(r"[EW]\d{3}", code) for code in MESSAGES)
    assert "{" not in message("E101")


def test_disabled_rules_from_environment_and_toml(tmp_path):
    env = {"ALLEGEDLY_DISABLED_RULES": "verb.colon, figure.not_year"}
    assert load_settings(env=env).disabled_rules == ("verb.colon", "figure.not_year")
    cfg = tmp_path / "a.toml"
    cfg.write_text('disabled_rules = ["quote.follow_on"]\n')
    assert load_settings(cfg, env={}).disabled_rules == ("quote.follow_on",)
    assert load_settings(env={}).disabled_rules == ()


def test_unknown_rule_names_are_refused_when_the_pipeline_is_built():
    from allegedly.nlp.pipeline import check_rule_names

    assert check_rule_names(["verb.colon", "figure.not_year", "verb.colon"]) == [
        "figure.not_year", "verb.colon"]
    with pytest.raises(ValueError, match="verb.nope"):
        check_rule_names(["verb.nope"])
