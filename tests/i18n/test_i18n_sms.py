"""SMS encoding and segment counting; WhatsApp length cap."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.i18n import (
    SMS_MAX_SEGMENTS_ESTIMATE,
    WHATSAPP_MAX_CHARS,
    fits_segments,
    fits_whatsapp,
    sms_encoding,
    sms_segments,
    sms_units,
)
from bot.i18n.sms import first_sentences, sms_text

ODIA = "ଅ"
EMOJI = "😀"  # outside the BMP: two UTF-16 code units


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("", "GSM-7"),
        ("Your bill is Rs 1,234.50. Reply 1 for details.", "GSM-7"),
        ("Price: 5€ [approx] {x} ~ | ^ \\", "GSM-7"),
        ("Ünicode-ish: éàÉ ñ ß ÄÖ", "GSM-7"),
        ("Your bill is ₹1,234.50", "UCS-2"),  # the rupee sign is not in GSM-7
        ("Bill" + ODIA, "UCS-2"),
        ("नमस्ते", "UCS-2"),
        ("ok " + EMOJI, "UCS-2"),
        ("`backtick`", "UCS-2"),
    ],
)
def test_sms_encoding(text: str, encoding: str) -> None:
    assert sms_encoding(text) == encoding


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("", 0),
        ("a", 1),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("a" * 159 + "^", 2),  # extension characters take two septets
        ("€" * 80, 1),
        ("€" * 81, 2),
        ("a" * 152 + "[" + "a" * 152, 3),  # an escape pair is never split across parts
        (ODIA, 1),
        (ODIA * 70, 1),
        (ODIA * 71, 2),
        (ODIA * 134, 2),
        (ODIA * 135, 3),
        ("a" * 159 + ODIA, 3),  # one Odia letter turns 160 chars into UCS-2
        (EMOJI * 35, 1),
        (EMOJI * 36, 2),
        (ODIA * 69 + EMOJI, 2),  # 71 code units
        (ODIA * 66 + EMOJI + ODIA * 66, 3),  # a surrogate pair is never split across parts
    ],
)
def test_sms_segments(text: str, segments: int) -> None:
    assert sms_segments(text) == segments


def test_sms_units() -> None:
    assert sms_units("a^") == 3
    assert sms_units(ODIA + "^") == 2
    assert sms_units(EMOJI) == 2
    assert sms_units(ODIA * 76) == 76


def test_odia_bill_line_of_76_chars_is_two_segments() -> None:
    assert sms_segments(ODIA * 76) == 2


def test_fits_segments() -> None:
    assert fits_segments(ODIA * 134, SMS_MAX_SEGMENTS_ESTIMATE)
    assert not fits_segments(ODIA * 135, SMS_MAX_SEGMENTS_ESTIMATE)
    assert fits_segments(ODIA * 201, 3)
    assert fits_segments("a" * 160, 1)
    assert not fits_segments("a" * 161, 1)


def test_fits_whatsapp() -> None:
    assert WHATSAPP_MAX_CHARS == 1600
    assert fits_whatsapp(ODIA * 1600)
    assert not fits_whatsapp("a" * 1601)
    assert fits_whatsapp(EMOJI * 800)
    assert not fits_whatsapp(EMOJI * 801)


texts = st.text(alphabet=st.sampled_from(["a", "Z", "1", " ", "^", "€", ODIA, "ा", EMOJI, "₹"]))


@given(text=texts, extra=texts)
def test_appending_never_reduces_segments(text: str, extra: str) -> None:
    assert sms_segments(text + extra) >= sms_segments(text)


@given(text=texts)
def test_segments_bound_units(text: str) -> None:
    segments = sms_segments(text)
    assert fits_segments(text, segments)
    part = 153 if sms_encoding(text) == "GSM-7" else 67
    if segments > 1:
        assert (segments - 1) * part < sms_units(text) <= segments * part


def test_sms_text_writes_rs_where_that_keeps_a_message_gsm7() -> None:
    assert (
        sms_text("Total ₹1,195. Pay by due date ₹1,170")
        == "Total Rs 1,195. Pay by due date Rs 1,170"
    )
    odia = "ମୋଟ ₹1,195"
    assert sms_text(odia) == odia  # UCS-2 anyway: the rupee sign costs nothing
    assert sms_segments(sms_text("₹1 " + "a" * 150)) == 1
    assert sms_text("no rupees") == "no rupees"


def test_first_sentences_keeps_whole_sentences_within_the_segments() -> None:
    text = "First sentence here. " + "Second one is long " * 20 + "end. Third."
    assert first_sentences(text, 1) == "First sentence here."
    assert first_sentences("One. Two. Three.", 1) == "One. Two. Three."
    odia = "ପ୍ରଥମ ବାକ୍ୟ। " + "ଦ୍ୱିତୀୟ " * 30 + "ଶେଷ।"
    assert first_sentences(odia, 2) == "ପ୍ରଥମ ବାକ୍ୟ।"
