"""Every error and warning code has a message, and every summary title names a known code."""

from __future__ import annotations

import re

from allegedly.errors import MESSAGES, TITLES, message


def test_every_titled_code_has_a_message():
    assert set(TITLES) <= set(MESSAGES)


def test_codes_are_well_formed_and_every_message_renders():
    for code in MESSAGES:
        assert re.fullmatch(r"[EW]\d{3}", code), code
        assert message(code, detail="DETAIL").strip(), code
