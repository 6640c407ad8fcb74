"""Fonts for the estimate card, and text set in them with complex-script shaping.

Odia and Devanagari are written with conjuncts (କ୍ଷ, क्ष), vowel signs drawn before the consonant
they follow (कि), the repha above the next consonant (ର୍ଜି) and nuktas (ଡ଼): only a shaping engine
turns the code points into the right glyphs. Pillow shapes text through libraqm (HarfBuzz and
FriBiDi), so every font here is opened with :attr:`PIL.ImageFont.Layout.RAQM`, and a Pillow
without it is refused with :class:`ShapingUnavailableError` rather than drawing broken words.

The fonts are Debian's: Noto Sans and Noto Sans Devanagari (``fonts-noto-core``) and Lohit Odia
(``fonts-lohit-orya``). Not Noto Sans Oriya: the version Debian 12 ships (2.000) puts vowel signs
and the repha beside conjuncts instead of on them (ଏନର୍ଜି, ଦିଅନ୍ତୁ; notofonts/noto-fonts#2385,
fixed in later releases). Lohit Odia has no bold face, so its bold is drawn with a thin stroke.

Lohit Odia and Noto Sans Devanagari have no Latin letters, so a line is cut into *runs*, each set
in the font of its script: Odia or Devanagari letters in their script's font, everything else
(Latin, digits, ₹, punctuation, spaces) in Noto Sans. Joiners stay in the run around them, so a
word is never split between fonts, and the danda (।), shared by both scripts, goes with the
script of its line.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PIL import ImageDraw, ImageFont, features

__all__ = [
    "DEVANAGARI",
    "LATIN",
    "ODIA",
    "CardFontError",
    "FontsMissingError",
    "ShapingUnavailableError",
    "TextStyle",
    "card_font",
    "draw_text",
    "font_file",
    "require_shaping",
    "text_bbox",
    "text_runs",
    "text_width",
]

_NOTO: Final = Path("/usr/share/fonts/truetype/noto")
_LOHIT: Final = Path("/usr/share/fonts/truetype/lohit-oriya")
#: The family of Latin letters, digits, ₹, punctuation and spaces in every language.
LATIN: Final = "Noto Sans"
ODIA: Final = "Lohit Odia"
DEVANAGARI: Final = "Noto Sans Devanagari"


@dataclass(frozen=True)
class _Family:
    regular: Path
    bold: Path | None  # None: bold is drawn with a stroke
    package: str  # the Debian package that installs it
    block: tuple[int, int] | None = None  # the Unicode block it sets (None: the rest)
    language: str | None = None  # the language tag given to the shaper


_FAMILIES: Final[Mapping[str, _Family]] = {
    LATIN: _Family(_NOTO / "NotoSans-Regular.ttf", _NOTO / "NotoSans-Bold.ttf", "fonts-noto-core"),
    ODIA: _Family(_LOHIT / "Lohit-Odia.ttf", None, "fonts-lohit-orya", (0x0B00, 0x0B7F), "or"),
    DEVANAGARI: _Family(
        _NOTO / "NotoSansDevanagari-Regular.ttf",
        _NOTO / "NotoSansDevanagari-Bold.ttf",
        "fonts-noto-core",
        (0x0900, 0x097F),
        "hi",
    ),
}
_SCRIPTS: Final = (ODIA, DEVANAGARI)
#: The danda and double danda: in the Devanagari block, but written in Odia too.
_DANDAS: Final = frozenset("\u0964\u0965")
#: Zero-width non-joiner and joiner: they steer conjuncts, so they stay in their run.
_JOINERS: Final = frozenset("\u200c\u200d")
#: A faux-bold stroke is this fraction of the size (at least one pixel).
_FAUX_BOLD: Final = 0.03


class CardFontError(Exception):
    """The card cannot be drawn correctly on this machine."""


class FontsMissingError(CardFontError):
    """A font the card needs is not installed."""


class ShapingUnavailableError(CardFontError):
    """Pillow was built without libraqm, so Odia and Devanagari would be drawn unshaped."""


@dataclass(frozen=True)
class TextStyle:
    """How a piece of text is drawn: its size in pixels, weight and colour (RGB)."""

    size: int
    bold: bool = False
    color: tuple[int, int, int] = (15, 23, 42)


def require_shaping() -> None:
    """Raise :class:`ShapingUnavailableError` unless Pillow can shape text with libraqm."""
    if not features.check("raqm"):
        raise ShapingUnavailableError(
            "Pillow cannot shape text (no libraqm): Odia and Devanagari conjuncts would be "
            "drawn broken. Install Pillow's wheel from PyPI (it carries libraqm) or Debian's "
            "libraqm0 (scripts/ensure-test-services.sh installs it)."
        )


def font_file(family: str, bold: bool = False) -> Path:
    """The font file of ``family``: its bold face when asked and it has one, else its regular
    face; :class:`FontsMissingError` when it is not installed."""
    spec = _FAMILIES[family]
    path = spec.bold if bold and spec.bold is not None else spec.regular
    if not path.is_file():
        raise FontsMissingError(
            f"font {path} not found: install Debian's {spec.package} "
            "(scripts/ensure-test-services.sh installs it)"
        )
    return path


@functools.cache
def card_font(family: str, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """``family`` at ``size`` pixels, opened for shaping with libraqm (cached: fonts are
    immutable and shared by every card)."""
    require_shaping()
    return ImageFont.truetype(
        str(font_file(family, bold)), size, layout_engine=ImageFont.Layout.RAQM
    )


def _stroke(family: str, style: TextStyle) -> int:
    """The stroke that makes a family without a bold face bold; 0 for all other text."""
    if not style.bold or _FAMILIES[family].bold is not None:
        return 0
    return max(1, round(style.size * _FAUX_BOLD))


def _script_of(char: str) -> str | None:
    """The script family whose block holds ``char``, or None."""
    code = ord(char)
    for family in _SCRIPTS:
        block = _FAMILIES[family].block
        if block is not None and block[0] <= code <= block[1]:
            return family
    return None


def _line_script(text: str) -> str:
    """The script of a line: the first one written in it (a line is in one language),
    Devanagari when there is none."""
    return next((s for s in map(_script_of, text) if s is not None), DEVANAGARI)


def text_runs(text: str) -> list[tuple[str, str]]:
    """``text`` cut into (family, run) pieces, each drawn in one font."""
    families: list[str | None] = []
    for char in text:
        if char in _JOINERS:
            families.append(None)  # resolved below: the family of the run it stands in
        elif char in _DANDAS:
            families.append(_line_script(text))
        else:
            families.append(_script_of(char) or LATIN)
    resolved: list[str] = []
    for index, family in enumerate(families):
        after = next((f for f in families[index + 1 :] if f is not None), LATIN)
        resolved.append(family or (resolved[-1] if resolved else after))
    runs: list[tuple[str, str]] = []
    for char, family in zip(text, resolved, strict=True):
        if runs and runs[-1][0] == family:
            runs[-1] = (family, runs[-1][1] + char)
        else:
            runs.append((family, char))
    return runs


def text_width(text: str, style: TextStyle) -> float:
    """How wide ``text`` is drawn in ``style``, in pixels (its shaped advance)."""
    return sum(
        card_font(family, style.size, style.bold).getlength(
            run, language=_FAMILIES[family].language
        )
        for family, run in text_runs(text)
    )


def text_bbox(text: str, style: TextStyle) -> tuple[float, float, float, float]:
    """The ink of ``text`` drawn at x 0 on baseline 0: (left, top, right, bottom), top negative."""
    left = top = right = bottom = 0.0
    x = 0.0
    for family, run in text_runs(text):
        font = card_font(family, style.size, style.bold)
        language = _FAMILIES[family].language
        stroke = _stroke(family, style)
        box = font.getbbox(run, anchor="ls", language=language, stroke_width=stroke)
        left, top = min(left, x + box[0]), min(top, box[1])
        right, bottom = max(right, x + box[2]), max(bottom, box[3])
        x += font.getlength(run, language=language)
    return left, top, right, bottom


def draw_text(
    draw: ImageDraw.ImageDraw, x: float, baseline: float, text: str, style: TextStyle
) -> None:
    """Draw ``text`` with its left end at ``x`` on ``baseline``, run by run."""
    for family, run in text_runs(text):
        font = card_font(family, style.size, style.bold)
        language = _FAMILIES[family].language
        draw.text(
            (x, baseline),
            run,
            font=font,
            fill=style.color,
            anchor="ls",
            language=language,
            stroke_width=_stroke(family, style),
            stroke_fill=style.color,
        )
        x += font.getlength(run, language=language)
