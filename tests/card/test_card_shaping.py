"""The card's fonts shape Odia and Devanagari: conjuncts, nuktas, the repha and vowel signs on
conjuncts come out as the scripts write them, which an unshaped (BASIC) layout cannot do."""

from __future__ import annotations

import hashlib

import pytest
from PIL import ImageFont, features

from bot.media import card_fonts
from bot.media.card_fonts import (
    DEVANAGARI,
    LATIN,
    ODIA,
    FontsMissingError,
    ShapingUnavailableError,
    card_font,
    font_file,
    require_shaping,
    text_runs,
)

SIZE = 64


def unshaped(family: str) -> ImageFont.FreeTypeFont:
    """The same font file laid out glyph by glyph, as without libraqm."""
    return ImageFont.truetype(str(font_file(family)), SIZE, layout_engine=ImageFont.Layout.BASIC)


def pixels(font: ImageFont.FreeTypeFont, text: str) -> tuple[tuple[int, int], str]:
    """The size and a digest of the rendered ink of ``text``."""
    mask = font.getmask(text)
    return mask.size, hashlib.sha256(bytes(mask)).hexdigest()


def test_pillow_shapes_with_libraqm_and_the_card_uses_it() -> None:
    assert features.check("raqm")
    require_shaping()  # does not raise
    for family in (LATIN, ODIA, DEVANAGARI):
        assert card_font(family, SIZE).layout_engine == ImageFont.Layout.RAQM


@pytest.mark.parametrize(
    ("family", "word"),
    [
        (ODIA, "କ୍ଷ"),  # ka + virama + ssa: one conjunct glyph
        (ODIA, "ସ୍ତ୍ରୀ"),  # sa + ta + ra with a vowel sign: a stacked conjunct
        (DEVANAGARI, "क्षत्रिय"),  # two conjuncts and the i-sign drawn before its consonant
    ],
)
def test_a_conjunct_is_one_shaped_cluster_not_its_letters_side_by_side(
    family: str, word: str
) -> None:
    shaped, basic = card_font(family, SIZE), unshaped(family)
    # Unshaped, each letter and the virama take their own room; shaped, the conjunct is
    # far narrower than its parts laid in a row.
    assert shaped.getlength(word) < 0.75 * basic.getlength(word)
    assert pixels(shaped, word) != pixels(basic, word)


@pytest.mark.parametrize(
    ("family", "decomposed", "precomposed"),
    [
        (ODIA, "\u0b21\u0b3c", "\u0b5c"),  # ଡ + nukta = ଡ଼ (as in ଭଡ଼ା, meter rent)
        (ODIA, "\u0b22\u0b3c", "\u0b5d"),  # ଢ + nukta = ଢ଼
        (DEVANAGARI, "\u0915\u093c", "\u0958"),  # क + nukta = क़
        (DEVANAGARI, "\u0921\u093c", "\u095c"),  # ड + nukta = ड़
    ],
)
def test_a_letter_with_nukta_is_drawn_exactly_as_its_precomposed_reference(
    family: str, decomposed: str, precomposed: str
) -> None:
    shaped, basic = card_font(family, SIZE), unshaped(family)
    assert pixels(shaped, decomposed) == pixels(shaped, precomposed)
    # Without shaping the nukta is a glyph of its own, drawn beside the letter.
    assert pixels(basic, decomposed) != pixels(basic, precomposed)
    assert pixels(basic, precomposed) == pixels(shaped, precomposed)


def test_odia_repha_and_vowel_signs_sit_on_their_conjuncts() -> None:
    """The faults of Debian's Noto Sans Oriya 2.000, which the card's Odia font must not have:
    ର୍ଜି (the repha and i-sign over ja) as wide as ଜ alone, and the u-sign of ନ୍ତୁ under the
    conjunct, not beside it."""
    font = card_font(ODIA, 100)
    assert font.getlength("ର୍ଜି") == font.getlength("ଜ")
    conjunct_width = font.getlength("ନ୍ତ")
    assert font.getlength("ନ୍ତୁ") == conjunct_width
    _left, _top, ink_right, _bottom = font.getbbox("ନ୍ତୁ", anchor="ls")
    assert ink_right <= conjunct_width + 25  # the u-sign's tail, not a displaced glyph


def test_lines_are_cut_into_runs_by_script_keeping_words_whole() -> None:
    assert text_runs("ବିଦ୍ୟୁତ୍ ଶୁଳ୍କ (4%)") == [
        (ODIA, "ବିଦ୍ୟୁତ୍"),
        (LATIN, " "),
        (ODIA, "ଶୁଳ୍କ"),
        (LATIN, " (4%)"),
    ]
    assert text_runs("एनर्जी: ₹1,135.00") == [(DEVANAGARI, "एनर्जी"), (LATIN, ": ₹1,135.00")]
    # The danda goes with the line's script even after digits; a joiner stays in its word.
    assert text_runs("ହେଲ୍ପଲାଇନ 1912।") == [(ODIA, "ହେଲ୍ପଲାଇନ"), (LATIN, " 1912"), (ODIA, "।")]
    assert text_runs("1912।") == [(LATIN, "1912"), (DEVANAGARI, "।")]
    assert text_runs("क्\u200dष") == [(DEVANAGARI, "क्\u200dष")]
    assert text_runs("\u200dAB") == [(LATIN, "\u200dAB")]


def test_a_missing_font_is_a_clear_error_naming_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    family = card_fonts._FAMILIES[ODIA]
    gone = type(family)(
        regular=family.regular.with_name("Absent.ttf"),
        bold=None,
        package=family.package,
        block=family.block,
        language=family.language,
    )
    monkeypatch.setitem(card_fonts._FAMILIES, ODIA, gone)
    with pytest.raises(FontsMissingError, match="fonts-lohit-orya"):
        font_file(ODIA)


def test_pillow_without_raqm_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(card_fonts.features, "check", lambda feature: False)
    with pytest.raises(ShapingUnavailableError, match="libraqm"):
        require_shaping()
