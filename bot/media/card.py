"""The estimate card: one PNG of an estimate at a glance, in the reader's language and script.

Top to bottom: the title (category, month, units) on a coloured band; the total charges and
what to pay by the due date, large, side by side; what to pay after it; a bar of the bill's
parts (energy, fixed, meter rent, other, duty) with a legend of their amounts; the energy rows
(units × rate = amount); the one best saving; the short disclaimer.

Every word and figure is the text summary's: the same catalog messages, the same parts and the
same formatters (:mod:`bot.rendering.estimate`, :mod:`bot.rendering.labels`), so the card never
says anything the text does not. The best saving is passed in, written by whoever wrote the text
(the conversation's ``best_saving``, or the tips for an API request), never worked out here.

Drawing is in two steps: :func:`layout_card` places every text and shape in a
:class:`CardLayout` (what the tests read, since a PNG cannot be read back), and
:func:`render_card` draws that layout and encodes it. Text is shaped with libraqm
(:mod:`bot.media.card_fonts`), so Odia and Devanagari conjuncts come out right.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, Literal

from PIL import Image, ImageDraw

from bot import messages as m
from bot.i18n.catalogs import Translator, parse_language
from bot.media.card_fonts import TextStyle, draw_text, require_shaping, text_width
from bot.rendering.estimate import (
    duty_label,
    duty_row,
    estimate_title,
    kutir_above_text,
    main_parts,
    shows_quantity_and_rate,
)
from bot.rendering.labels import line_label, money, number
from tariff_core import BillEstimate, DutyStatus

__all__ = [
    "CARD_WIDTH",
    "MAX_CARD_BYTES",
    "PNG_MEDIA_TYPE",
    "CardLayout",
    "PlacedShape",
    "PlacedText",
    "layout_card",
    "render_card",
]

#: The card's width in pixels: WhatsApp shows a 1080 px image at full width on a phone.
CARD_WIDTH: Final = 1080
#: Largest card the tests allow, in bytes (a quick download on a slow connection).
MAX_CARD_BYTES: Final = 300 * 1024
PNG_MEDIA_TYPE: Final = "image/png"

RGB = tuple[int, int, int]

_MARGIN: Final = 56
_CONTENT: Final = CARD_WIDTH - 2 * _MARGIN
_GAP: Final = 24  # between panels, and between a block and the next
_PAD: Final = 28  # inside a panel
#: A line of text takes this many times its font size; its baseline sits one size below its
#: top. Noto's Odia and Devanagari reach about 0.9 size above the baseline and 0.3 below.
_LINE: Final = 1.45
_BAR_HEIGHT: Final = 52
_BAR_MIN_SEGMENT: Final = 8  # a small part (meter rent of a factory) still shows
_SWATCH: Final = 28
_AMOUNT_SIZES: Final = range(68, 30, -2)  # the large amounts shrink until they fit their panel

_WHITE: Final[RGB] = (255, 255, 255)
_INK: Final[RGB] = (15, 23, 42)
_MUTED: Final[RGB] = (71, 85, 105)
_HEADER: Final[RGB] = (12, 74, 110)
_TOTAL_PANEL: Final[RGB] = (241, 245, 249)
_DUE_PANEL: Final[RGB] = (220, 252, 231)
_DUE_INK: Final[RGB] = (21, 101, 52)
_RULE: Final[RGB] = (226, 232, 240)
_SAVING_PANEL: Final[RGB] = (254, 243, 199)
_BULB: Final[RGB] = (245, 158, 11)
_BULB_BASE: Final[RGB] = (120, 113, 108)
_NOTE_INK: Final[RGB] = (146, 64, 14)
#: Bar colours of the summary's parts (by their message) and of the duty.
_PART_COLOURS: Final[Mapping[str, RGB]] = {
    m.SHORT_ENERGY: (37, 99, 235),
    m.SHORT_FIXED: (245, 158, 11),
    m.LINE_METER_RENT: (16, 185, 129),
    m.SHORT_OTHER: (139, 92, 246),
}
_DUTY_COLOUR: Final[RGB] = (220, 38, 38)

_TITLE = TextStyle(40, bold=True, color=_WHITE)
_LABEL = TextStyle(30, color=_MUTED)
_BODY = TextStyle(32, color=_INK)
_BODY_BOLD = TextStyle(32, bold=True, color=_INK)
_SMALL = TextStyle(28, color=_MUTED)
_NOTE = TextStyle(30, color=_NOTE_INK)
_FOOTER = TextStyle(26, color=_MUTED)


@dataclass(frozen=True)
class PlacedText:
    """A line of text on the card: what it is (``role``), its left end and baseline, and
    which text it is a line of (``row``: the lines of one wrapped text share it)."""

    role: str
    text: str
    x: float
    baseline: float
    style: TextStyle
    row: int = 0

    @property
    def width(self) -> float:
        """Its drawn width in pixels."""
        return text_width(self.text, self.style)


@dataclass(frozen=True)
class PlacedShape:
    """A filled rectangle (rounded by ``radius`` on the ``corners`` given) or ellipse."""

    role: str
    box: tuple[float, float, float, float]
    color: RGB
    radius: float = 0
    corners: tuple[bool, bool, bool, bool] = (True, True, True, True)
    kind: Literal["rect", "ellipse"] = "rect"


@dataclass
class CardLayout:
    """Everything on a card, in drawing order: shapes first, then texts."""

    width: int
    height: int = 0
    texts: list[PlacedText] = field(default_factory=list)
    shapes: list[PlacedShape] = field(default_factory=list)

    def texts_of(self, role: str) -> list[str]:
        """The lines with ``role``, top to bottom."""
        return [item.text for item in self.texts if item.role == role]

    def rows_of(self, role: str) -> list[str]:
        """The texts with ``role``, top to bottom, each wrapped text's lines joined again."""
        rows: dict[int, list[str]] = {}
        for item in self.texts:
            if item.role == role:
                rows.setdefault(item.row, []).append(item.text)
        return [" ".join(lines) for lines in rows.values()]


def render_card(estimate: BillEstimate, language: str, *, saving: str | None = None) -> bytes:
    """The estimate card of ``estimate`` in ``language`` (``or``, ``hi``, ``en``) as PNG bytes.

    ``saving`` is the one best saving as the text summary says it (the conversation's
    ``best_saving``), or None to leave it out. Raises
    :class:`~bot.media.card_fonts.CardFontError` when the fonts or text shaping are missing.
    """
    return encode_png(draw_card(layout_card(estimate, language, saving=saving)))


def draw_card(layout: CardLayout) -> Image.Image:
    """Draw a laid-out card."""
    image = Image.new("RGB", (layout.width, layout.height), _WHITE)
    draw = ImageDraw.Draw(image)
    for shape in layout.shapes:
        if shape.kind == "ellipse":
            draw.ellipse(shape.box, fill=shape.color)
            continue
        left, top, right, bottom = shape.box
        radius = min(shape.radius, (right - left) / 2, (bottom - top) / 2)
        draw.rounded_rectangle(shape.box, radius=radius, fill=shape.color, corners=shape.corners)
    for text in layout.texts:
        draw_text(draw, text.x, text.baseline, text.text, text.style)
    return image


def encode_png(image: Image.Image) -> bytes:
    """The image as a PNG with at most 256 colours: flat colours and anti-aliased text lose
    nothing visible, and the file is a third of full colour's."""
    palette = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def layout_card(estimate: BillEstimate, language: str, *, saving: str | None = None) -> CardLayout:
    """Place every text and shape of the card (see :func:`render_card`)."""
    require_shaping()  # the fonts are cached: check on every card, not on the first only
    t = Translator.load(parse_language(language))
    card = _Builder(CardLayout(width=CARD_WIDTH))
    card.header(estimate_title(estimate, t))
    if any(note.code == "kutir_jyoti_above_limit" for note in estimate.notes):
        card.paragraph("note", kutir_above_text(estimate, t, m.SHORT_KUTIR_JYOTI_ABOVE), _NOTE)
    card.figures(
        (t.gettext(m.TOTAL_CHARGES), money(estimate.charges_total, t)),
        (_label(t, m.PAY_BY_DUE_DATE), money(estimate.payable_by_due_date, t)),
    )
    after = t.format(m.PAY_AFTER_DUE_DATE, amount=money(estimate.payable_after_due_date, t))
    card.paragraph("after_due", after, _LABEL)
    card.parts(_parts(estimate, t))
    if estimate.electricity_duty.status is DutyStatus.NOT_LEVIED or not (
        estimate.electricity_duty.included
    ):
        card.paragraph("duty_note", duty_row(estimate, t), _SMALL)
    card.energy_rows(_energy_rows(estimate, t))
    if saving:
        card.saving(saving)
    card.paragraph("footer", t.gettext(m.DISCLAIMER_SHORT), _FOOTER)
    return card.finish()


_AMOUNT_MARK: Final = "\x00"


def _label(t: Translator, message: str) -> str:
    """The words of a "label: {amount}" message without the amount, so that the amount can be
    drawn large on its own: "Pay by due date: {amount}" → "Pay by due date"."""
    text = t.format(message, amount=_AMOUNT_MARK)
    before, _mark, after = text.partition(_AMOUNT_MARK)
    words = " ".join(part.strip(" :\u00a0") for part in (before, after) if part.strip(" :"))
    return words or text.replace(_AMOUNT_MARK, "").strip()


@dataclass(frozen=True)
class _Part:
    label: str
    amount: Decimal
    written: str
    color: RGB


def _parts(estimate: BillEstimate, t: Translator) -> list[_Part]:
    """The summary's main parts, then the duty when the estimate includes one."""
    parts = [
        _Part(t.gettext(label), amount, money(amount, t), _PART_COLOURS[label])
        for label, amount in main_parts(estimate)
    ]
    duty = estimate.electricity_duty
    label = duty_label(estimate, t)
    if label is not None and duty.amount:
        parts.append(_Part(label, duty.amount, money(duty.amount, t), _DUTY_COLOUR))
    return parts


def _energy_rows(estimate: BillEstimate, t: Translator) -> list[tuple[str, str, str]]:
    """(label, "units × rate" or "", amount) for each energy and time-of-day line, as the
    details view writes them."""
    rows = []
    for line in estimate.lines:
        if line.code not in ("energy", "tod"):
            continue
        rate = (
            f"{number(line.quantity, t)} × {money(line.rate, t)}"
            if shows_quantity_and_rate(line)
            else ""
        )
        rows.append((line_label(line, t), rate, money(line.amount, t)))
    return rows


class _Builder:
    """Places blocks one under another, from the top of the card."""

    def __init__(self, layout: CardLayout) -> None:
        self.layout = layout
        self.y: float = 0
        self.rows = 0  # texts placed so far: the row of the next one

    def text(self, role: str, text: str, x: float, top: float, style: TextStyle) -> float:
        """Place one line with its top at ``top``; return the top of the next line."""
        self.rows += 1
        return self._line(role, text, x, top, style)

    def _line(self, role: str, text: str, x: float, top: float, style: TextStyle) -> float:
        """Place a line of the current row."""
        self.layout.texts.append(PlacedText(role, text, x, top + style.size, style, self.rows))
        return top + style.size * _LINE

    def shape(self, shape: PlacedShape) -> None:
        self.layout.shapes.append(shape)

    def lines(
        self, role: str, text: str, x: float, top: float, width: float, style: TextStyle
    ) -> float:
        """Place ``text`` wrapped to ``width``; return the top of the line after it."""
        self.rows += 1
        for line in wrap(text, style, width):
            top = self._line(role, line, x, top, style)
        return top

    def header(self, title: str) -> None:
        top = self.lines("title", title, _MARGIN, 40, _CONTENT, _TITLE)
        self.shape(PlacedShape("header", (0, 0, CARD_WIDTH, top + 24), _HEADER))
        self.y = top + 24 + _GAP + 8

    def paragraph(self, role: str, text: str, style: TextStyle) -> None:
        self.y = self.lines(role, text, _MARGIN, self.y, _CONTENT, style) + _GAP / 2

    def figures(self, total: tuple[str, str], due: tuple[str, str]) -> None:
        """The total and the pay-by-due-date amount, large, in two panels side by side."""
        panel_width = (_CONTENT - _GAP) / 2
        inner = panel_width - 2 * _PAD
        size = next(
            (
                s
                for s in _AMOUNT_SIZES
                if max(
                    text_width(total[1], TextStyle(s, True)), text_width(due[1], TextStyle(s, True))
                )
                <= inner
            ),
            _AMOUNT_SIZES[-1],
        )
        label_lines = max(len(wrap(label, _LABEL, inner)) for label, _amount in (total, due))
        height = 2 * _PAD + label_lines * _LABEL.size * _LINE + size * 1.3
        for index, ((label, amount), panel, ink, role) in enumerate(
            (
                (total, _TOTAL_PANEL, _INK, "total"),
                (due, _DUE_PANEL, _DUE_INK, "due"),
            )
        ):
            left = _MARGIN + index * (panel_width + _GAP)
            self.shape(
                PlacedShape("panel", (left, self.y, left + panel_width, self.y + height), panel, 20)
            )
            self.lines(f"{role}_label", label, left + _PAD, self.y + _PAD, inner, _LABEL)
            top = self.y + _PAD + label_lines * _LABEL.size * _LINE
            self.text(f"{role}_amount", amount, left + _PAD, top, TextStyle(size, True, ink))
        self.y += height + _GAP

    def parts(self, parts: list[_Part]) -> None:
        """The stacked bar of the parts and its legend, one row a part with its amount."""
        positive = [part for part in parts if part.amount > 0]
        if positive:
            self._bar(positive)
        for part in parts:
            top = self.y
            row = _BODY.size * _LINE
            swatch_top = top + (row - _SWATCH) / 2 - 4
            self.shape(
                PlacedShape(
                    "swatch",
                    (_MARGIN, swatch_top, _MARGIN + _SWATCH, swatch_top + _SWATCH),
                    part.color,
                    6,
                )
            )
            amount_width = text_width(part.written, _BODY_BOLD)
            label_x = _MARGIN + _SWATCH + 20
            label_width = _CONTENT - (label_x - _MARGIN) - amount_width - _GAP
            self.text(
                "part_amount", part.written, CARD_WIDTH - _MARGIN - amount_width, top, _BODY_BOLD
            )
            self.y = self.lines("part_label", part.label, label_x, top, label_width, _BODY)
        self.y += _GAP / 2

    def _bar(self, parts: list[_Part]) -> None:
        widths = bar_widths([part.amount for part in parts], _CONTENT)
        left = float(_MARGIN)
        for index, (part, width) in enumerate(zip(parts, widths, strict=True)):
            first, last = index == 0, index == len(parts) - 1
            self.shape(
                PlacedShape(
                    "bar",
                    (left, self.y, left + width, self.y + _BAR_HEIGHT),
                    part.color,
                    14,
                    corners=(first, last, last, first),
                )
            )
            left += width
        self.y += _BAR_HEIGHT + _GAP

    def energy_rows(self, rows: list[tuple[str, str, str]]) -> None:
        """Each energy line: its label, units × rate, and amount at the right edge."""
        if not rows:
            return
        self.shape(PlacedShape("rule", (_MARGIN, self.y, CARD_WIDTH - _MARGIN, self.y + 2), _RULE))
        self.y += _GAP
        amount_width = max(text_width(amount, _BODY) for _label, _rate, amount in rows)
        rate_width = max(text_width(rate, _LABEL) for _label, rate, _amount in rows)
        amount_right = CARD_WIDTH - _MARGIN
        rate_right = amount_right - amount_width - _GAP * 1.5
        label_width = rate_right - rate_width - _GAP - _MARGIN
        for label, rate, amount in rows:
            top = self.y
            self.text("slab_amount", amount, amount_right - text_width(amount, _BODY), top, _BODY)
            if rate:
                self.text("slab_rate", rate, rate_right - text_width(rate, _LABEL), top + 2, _LABEL)
            self.y = self.lines("slab_label", label, _MARGIN, top, label_width, _BODY)
        self.y += _GAP / 2

    def saving(self, text: str) -> None:
        """The best saving in a pale panel, after a drawn bulb (no emoji font is needed)."""
        icon = 44
        text_left = _MARGIN + _PAD + icon + 20
        width = CARD_WIDTH - _MARGIN - _PAD - text_left
        lines = wrap(text, _BODY, width)
        height = 2 * _PAD + len(lines) * _BODY.size * _LINE - (_LINE - 1.2) * _BODY.size
        top = self.y
        self.shape(
            PlacedShape(
                "saving_panel",
                (_MARGIN, top, CARD_WIDTH - _MARGIN, top + height),
                _SAVING_PANEL,
                20,
            )
        )
        self._bulb(_MARGIN + _PAD, top + _PAD, icon)
        line_top = top + _PAD
        self.rows += 1
        for line in lines:
            line_top = self._line("saving", line, text_left, line_top, _BODY)
        self.y = top + height + _GAP

    def _bulb(self, left: float, top: float, size: float) -> None:
        self.shape(PlacedShape("icon", (left, top, left + size, top + size), _BULB, kind="ellipse"))
        base = (left + size * 0.3, top + size * 0.9, left + size * 0.7, top + size * 1.2)
        self.shape(PlacedShape("icon", base, _BULB_BASE, 3))

    def finish(self) -> CardLayout:
        self.layout.height = round(self.y + _MARGIN / 2)
        return self.layout


def bar_widths(amounts: Iterable[Decimal], total_width: int) -> list[float]:
    """Widths of the bar's segments, proportional to ``amounts`` (all positive), each at least
    a few pixels so that a small part still shows, adding up to ``total_width`` exactly."""
    values = list(amounts)
    whole = sum(values, Decimal(0))
    widths = [max(float(value / whole) * total_width, _BAR_MIN_SEGMENT) for value in values]
    widest = widths.index(max(widths))
    widths[widest] -= sum(widths) - total_width
    return widths


def wrap(text: str, style: TextStyle, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``, broken between words but never after a
    figure ("30 units" stays together); a word wider than the whole line keeps a line of its
    own."""
    lines: list[str] = []
    current = ""
    for word in _words(text):
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, style) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def _words(text: str) -> list[str]:
    """The words of ``text``, a figure joined to the word after it."""
    words: list[str] = []
    for word in text.split():
        if words and _is_figure(words[-1]):
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
    return words


def _is_figure(word: str) -> bool:
    return any(char.isdigit() for char in word) and all(
        char.isdigit() or char in "₹,.%-" for char in word
    )
