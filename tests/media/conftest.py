"""Fixtures of the media tests (the estimates themselves are in media_support)."""

from __future__ import annotations

import pytest
from media_support import HT_INDUSTRY, Spoken, speak

from bot.i18n.catalogs import Translator


@pytest.fixture(scope="session")
def ht_scripts() -> dict[str, Spoken]:
    """The HT industry's spoken estimate in each language."""
    return {lang: speak(HT_INDUSTRY, Translator.load(lang)) for lang in ("or", "hi", "en")}
