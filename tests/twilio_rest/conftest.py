"""Keep the developer's own TWILIO_* and BIJULI_* variables out of the Twilio REST tests."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def _no_twilio_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(("META_", "BIJULI_", "TWILIO_")):
            monkeypatch.delenv(name)
