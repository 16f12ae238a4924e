"""The API and the CLI read settings the same way: defaults, $ALLEGEDLY_CONFIG, ALLEGEDLY_*."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

TEXT = "Officials said that 12 people were killed in the attack on Tuesday."


def _methods(result: dict) -> list[str]:
    return [a["method"] for a in result["attributions"]]


def _cli(tmp_path, env: dict[str, str]) -> dict:
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "allegedly", "analyze", str(src), "--format",
                          "json", "--single"], capture_output=True, text=True, env={**os.environ, **env},
                         check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("how", ["environment", "config file"])
def test_api_and_cli_honour_the_same_settings(tmp_path, monkeypatch, how):
    pytest.importorskip("spacy")
    import allegedly
    from allegedly.settings import load_settings

    if how == "environment":
        env = {"ALLEGEDLY_DISABLED_RULES": "verb.ccomp,verb.np_object"}
    else:
        cfg = tmp_path / "settings.toml"
        cfg.write_text('disabled_rules = ["verb.ccomp", "verb.np_object"]\n', encoding="utf-8")
        env = {"ALLEGEDLY_CONFIG": str(cfg)}
    assert "rule:verb.ccomp" in _methods(allegedly.analyze(TEXT).to_dict())  # defaults: on
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert load_settings().disabled_rules == ("verb.ccomp", "verb.np_object")
    api = allegedly.analyze(TEXT).to_dict()
    cli = _cli(tmp_path, env)
    assert "rule:verb.ccomp" not in _methods(api)
    assert _methods(api) == _methods(cli)
    assert api["attributions"] == cli["attributions"]
