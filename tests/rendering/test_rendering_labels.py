"""Every code tariff_core can put on an estimate has a label in every language, and a code the
bot does not know fails loudly instead of borrowing another code's label."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from bot.i18n import Translator
from bot.rendering.labels import (
    ENGINE_NOTE_MESSAGES,
    LINE_LABELS,
    REBATE_LABELS,
    line_label,
    note_text,
    rebate_label,
)
from tariff_core import Line, LineCode, Note, NoteCode, NoteKind, RebateCode

LANGS = ["or", "hi", "en"]
SCRIPT = {"or": re.compile("[\u0b00-\u0b7f]"), "hi": re.compile("[\u0900-\u097f]")}


def _translated(text: str, lang: str) -> bool:
    return bool(text.strip()) and (lang == "en" or SCRIPT[lang].search(text) is not None)


def test_every_enum_member_has_a_label() -> None:
    assert set(REBATE_LABELS) == set(RebateCode)
    assert set(LINE_LABELS) == set(LineCode)
    assert set(ENGINE_NOTE_MESSAGES) == set(NoteCode)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", list(RebateCode))
def test_every_rebate_code_is_labelled_in_every_language(code: RebateCode, lang: str) -> None:
    assert _translated(rebate_label(code, Translator.load(lang)), lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", list(LineCode))
def test_every_line_code_is_labelled_in_every_language(code: LineCode, lang: str) -> None:
    line = Line(
        code=code,
        label="x",
        quantity=Decimal(2),
        unit="kW",
        rate=Decimal(1),
        amount=Decimal(2),
        reference="",
        params={"period": "solar", "percent": "10", "slab": "flat"},
    )
    t = Translator.load(lang)
    assert _translated(line_label(line, t), lang)
    assert _translated(t.gettext(LINE_LABELS[code]), lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", [c for c, msg in ENGINE_NOTE_MESSAGES.items() if msg])
def test_every_shown_note_is_translated(code: NoteCode, lang: str) -> None:
    message = ENGINE_NOTE_MESSAGES[code]
    assert message is not None
    assert _translated(Translator.load(lang).gettext(message), lang)


def test_an_unknown_rebate_code_fails_loudly() -> None:
    with pytest.raises(ValueError, match="not a valid RebateCode"):
        rebate_label("loyalty_bonus", Translator.load("en"))


def test_an_unknown_line_code_fails_loudly() -> None:
    line = Line(
        code="surcharge",  # type: ignore[arg-type]
        label="x",
        quantity=Decimal(1),
        unit="month",
        rate=Decimal(1),
        amount=Decimal(1),
        reference="",
    )
    with pytest.raises(ValueError, match=r"is not a (valid )?LineCode"):
        line_label(line, Translator.load("en"))


def test_an_unknown_engine_note_fails_loudly() -> None:
    note = Note(code="mystery", kind=NoteKind.INFO, text="?")
    with pytest.raises(ValueError, match="not a valid NoteCode"):
        note_text(note, Translator.load("en"))


def test_an_assumption_named_by_new_data_is_not_an_error() -> None:
    """Assumption names are data: a new order may add one; it is simply not shown briefly."""
    note = Note(code="a_new_reading", kind=NoteKind.ASSUMPTION, text="statement")
    assert note_text(note, Translator.load("en")) is None


def test_the_engine_refuses_an_unknown_code() -> None:
    from tariff_core.charges import line
    from tariff_core.models import RebateTiming
    from tariff_core.rebates import rebate

    with pytest.raises(ValueError, match=r"is not a (valid )?LineCode"):
        line("surcharge", "x", Decimal(1), "month", Decimal(1), "")
    with pytest.raises(ValueError, match="not a valid RebateCode"):
        rebate("loyalty", "x", "y", RebateTiming.ALWAYS, Decimal(1), "")
