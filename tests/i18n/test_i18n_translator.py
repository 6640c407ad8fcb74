"""Translator: loading compiled and uncompiled catalogs, translating, formatting, caching."""

from __future__ import annotations

import io
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.i18n import (
    LANGUAGES,
    CatalogNotFoundError,
    MissingPlaceholderError,
    Translator,
    UnknownLanguageError,
    default_locales_dir,
    messages,
)

ALL_MESSAGES = [
    value for name, value in vars(messages).items() if name.isupper() and isinstance(value, str)
]


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A private copy of the committed .po catalogs (no .mo files)."""
    target = tmp_path / "locales"
    shutil.copytree(default_locales_dir(), target, ignore=shutil.ignore_patterns("*.mo", "*.pot"))
    return target


def compile_mo(po_path: Path, replace: dict[str, str] | None = None) -> Path:
    """Compile ``po_path`` to the .mo beside it, optionally changing some translations."""
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    for msgid, text in (replace or {}).items():
        catalog[msgid].string = text
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    mo_path = po_path.with_suffix(".mo")
    mo_path.write_bytes(buffer.getvalue())
    return mo_path


def test_loads_po_in_memory_without_mo(locales: Path) -> None:
    translator = Translator.load("or", locales)
    assert translator.source == "po"
    assert translator.gettext(messages.NOT_UNDERSTOOD) == "କ୍ଷମା କରିବେ, ମୁଁ ଏହା ବୁଝିପାରିଲି ନାହିଁ।"


def test_loads_fresh_mo(locales: Path) -> None:
    po_path = locales / "hi" / "LC_MESSAGES" / "bijuli.po"
    mo_path = compile_mo(po_path, {messages.NOT_UNDERSTOOD: "संकलित"})
    os.utime(mo_path, (po_path.stat().st_mtime + 10, po_path.stat().st_mtime + 10))
    translator = Translator.load("hi", locales)
    assert translator.source == "mo"
    assert translator.gettext(messages.NOT_UNDERSTOOD) == "संकलित"


def test_stale_mo_is_ignored_in_favour_of_newer_po(locales: Path) -> None:
    po_path = locales / "hi" / "LC_MESSAGES" / "bijuli.po"
    mo_path = compile_mo(po_path, {messages.NOT_UNDERSTOOD: "पुराना"})
    os.utime(po_path, (mo_path.stat().st_mtime + 10, mo_path.stat().st_mtime + 10))
    translator = Translator.load("hi", locales)
    assert translator.source == "po"
    assert translator.gettext(messages.NOT_UNDERSTOOD) == "माफ़ कीजिए, यह बात समझ में नहीं आई।"


@pytest.mark.parametrize("lang", ["or", "hi"])
def test_every_common_message_is_translated(lang: str) -> None:
    translator = Translator.load(lang)
    for message in ALL_MESSAGES:
        assert translator.gettext(message) != message


def test_english_is_identity() -> None:
    translator = Translator.load("en")
    for message in ALL_MESSAGES:
        assert translator.gettext(message) == message


def test_untranslated_message_falls_back_to_english() -> None:
    assert Translator.load("or").gettext("Not in any catalog") == "Not in any catalog"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("or", "ଦୟାକରି 1ରୁ 4 ମଧ୍ୟରୁ ଗୋଟିଏ ନମ୍ବର ଲେଖି ପଠାନ୍ତୁ।"),
        ("hi", "कृपया 1 से 4 के बीच कोई एक नंबर भेजें।"),
        ("en", "Please reply with a number from 1 to 4."),
    ],
)
def test_format_fills_named_placeholders(lang: str, expected: str) -> None:
    assert Translator.load(lang).format(messages.CHOOSE_NUMBER, count=4) == expected


def test_format_ignores_extra_params_and_allows_param_named_msgid() -> None:
    translator = Translator.load("en")
    assert translator.format(messages.UNITS_USED, units="1,250", msgid="x") == "Units used: 1,250"


def test_format_missing_placeholder_names_message_and_placeholder() -> None:
    with pytest.raises(KeyError) as caught:
        Translator.load("or").format(messages.CHOOSE_NUMBER)
    assert isinstance(caught.value, MissingPlaceholderError)
    assert str(caught.value) == (
        "message 'Please reply with a number from 1 to {count}.' needs a value for "
        "placeholder {count}"
    )
    assert caught.value.msgid == messages.CHOOSE_NUMBER
    assert caught.value.placeholder == "count"


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("en", 1, "1 unit"),
        ("en", 0, "0 units"),
        ("en", 250, "250 units"),
        ("or", 1, "1 ୟୁନିଟ"),
        ("or", 250, "250 ୟୁନିଟ"),
        ("hi", 2, "2 यूनिट"),
    ],
)
def test_format_plural(lang: str, n: int, expected: str) -> None:
    assert Translator.load(lang).format_plural(messages.UNITS, n, units=n) == expected


def test_ngettext() -> None:
    translator = Translator.load("en")
    assert translator.ngettext("{units} unit", "{units} units", 1) == "{units} unit"
    assert translator.ngettext("{units} unit", "{units} units", 2) == "{units} units"


def test_unknown_language_is_rejected() -> None:
    with pytest.raises(UnknownLanguageError, match="unknown language 'bn': expected one of or"):
        Translator.load("bn")
    with pytest.raises(ValueError, match="unknown language"):
        Translator.load("OR")


def test_missing_catalog_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CatalogNotFoundError, match=r"scripts/catalogs\.sh init hi"):
        Translator.load("hi", tmp_path)


def test_translators_are_cached_per_language_and_directory(locales: Path) -> None:
    assert Translator.load("or") is Translator.load("or")
    assert Translator.load("or") is not Translator.load("hi")
    assert Translator.load("or") is not Translator.load("or", locales)


def test_concurrent_loads_share_one_translator(locales: Path) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        loaded = list(pool.map(lambda _: Translator.load("hi", locales), range(32)))
    assert all(translator is loaded[0] for translator in loaded)


def test_clear_cache_reloads(locales: Path) -> None:
    first = Translator.load("en", locales)
    Translator.clear_cache()
    assert Translator.load("en", locales) is not first


def test_languages() -> None:
    assert LANGUAGES == ("or", "hi", "en")
    assert repr(Translator.load("en")).startswith("Translator(lang='en'")
