"""The estimate card: what it says (the text summary's own words and figures), where it says it
(nothing overlaps, nothing leaves the card), and the PNG (decodes, 1080 px wide, at most 300 KB
in every language for a small home bill and a large factory's)."""

from __future__ import annotations

import io
import itertools
from decimal import Decimal
from typing import Any

import pytest
from PIL import Image

from bot import messages as m
from bot.i18n.catalogs import LANGUAGES, Translator
from bot.media.card import (
    CARD_WIDTH,
    MAX_CARD_BYTES,
    CardLayout,
    PlacedShape,
    PlacedText,
    _label,
    bar_widths,
    layout_card,
    render_card,
    wrap,
)
from bot.media.card_fonts import ShapingUnavailableError, TextStyle, text_bbox, text_width
from bot.media.card_route import best_saving
from bot.rendering.estimate import duty_row, estimate_title, render_summary
from bot.rendering.labels import money
from tariff_core import BillEstimate, BillRequest, estimate

MONTH = "2026-11"
#: Bills of every shape the card must hold: a small home bill, a large HT factory, Kutir Jyoti
#: within its limit (no duty) and above it, a category whose duty is left out, and a smart
#: meter's time-of-day bill paid late.
BILLS: dict[str, dict[str, Any]] = {
    "domestic": {"category": "domestic", "units": 250},
    "ht_industry": {
        "category": "23",
        "units": 500000,
        "contract_demand": 1000,
        "max_demand": 900,
        "kwh": 480000,
    },
    "kutir_jyoti": {"category": "1.a", "units": 20},
    "kutir_jyoti_above": {"category": "1.a", "units": 45},
    "general_purpose": {"category": "general-purpose", "units": 1234},
    "tod_late": {
        "category": "domestic",
        "units": 400,
        "contract_demand": 12,
        "smart_meter": True,
        "peak_units": 100,
        "solar_units": 50,
        "days_late": 20,
    },
}


def bill(name: str) -> tuple[BillRequest, BillEstimate]:
    request = BillRequest.model_validate({**BILLS[name], "month": MONTH})
    return request, estimate(request)


def laid_out(name: str, language: str) -> tuple[BillEstimate, Translator, str | None, CardLayout]:
    request, est = bill(name)
    t = Translator.load(language)
    saving = best_saving(request, est, t)
    return est, t, saving, layout_card(est, language, saving=saving)


CASES = list(itertools.product(BILLS, LANGUAGES))


@pytest.mark.parametrize(("name", "language"), CASES)
def test_the_card_says_what_the_text_summary_says(name: str, language: str) -> None:
    est, t, saving, card = laid_out(name, language)
    summary = render_summary(est, t, "whatsapp", saving=saving).split("\n")

    assert card.rows_of("title") == [estimate_title(est, t)]
    assert f"*{estimate_title(est, t)}*" in summary
    assert card.texts_of("total_amount") == [money(est.charges_total, t)]
    assert card.texts_of("due_amount") == [money(est.payable_by_due_date, t)]
    total = f"{card.rows_of('total_label')[0]}: {card.texts_of('total_amount')[0]}"
    assert f"*{total}*" in summary
    due = t.format(m.PAY_BY_DUE_DATE, amount=card.texts_of("due_amount")[0])
    assert any(line.startswith(f"*{due}*") for line in summary)
    after = t.format(m.PAY_AFTER_DUE_DATE, amount=money(est.payable_after_due_date, t))
    assert card.rows_of("after_due") == [after]

    # Each part of the bar is a line of the summary, the duty as the summary writes it.
    labels = card.rows_of("part_label")
    amounts = card.texts_of("part_amount")
    assert len(labels) == len(amounts) >= 1
    for label, amount in zip(labels, amounts, strict=True):
        assert f"{label}: {amount}" in summary
    if duty_row(est, t) not in {f"{a}: {b}" for a, b in zip(labels, amounts, strict=True)}:
        assert card.rows_of("duty_note") == [duty_row(est, t)]
    assert duty_row(est, t) in summary

    energy_lines = [line for line in est.lines if line.code in ("energy", "tod")]
    assert card.texts_of("slab_amount") == [money(line.amount, t) for line in energy_lines]
    if saving is not None:
        assert card.rows_of("saving") == [saving]
        assert f"💡 {saving}" in summary
    assert card.rows_of("footer") == [t.gettext(m.DISCLAIMER_SHORT)]


def ink_box(item: PlacedText) -> tuple[float, float, float, float]:
    left, top, right, bottom = text_bbox(item.text, item.style)
    return item.x + left, item.baseline + top, item.x + right, item.baseline + bottom


def inside(box: tuple[float, float, float, float], outer: tuple[float, ...]) -> bool:
    return outer[0] <= box[0] and outer[1] <= box[1] and box[2] <= outer[2] and box[3] <= outer[3]


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize(("name", "language"), CASES)
def test_no_text_overlaps_another_or_leaves_its_place(name: str, language: str) -> None:
    _est, _t, saving, card = laid_out(name, language)
    boxes = [(item, ink_box(item)) for item in card.texts]
    for item, box in boxes:
        assert inside(box, (40, 0, CARD_WIDTH - 40, card.height)), item
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not overlap(box_a, box_b), (a, b)

    def shapes(role: str) -> list[PlacedShape]:
        return [shape for shape in card.shapes if shape.role == role]

    total_panel, due_panel = shapes("panel")
    for item, box in boxes:
        if item.role.startswith("total_"):
            assert inside(box, total_panel.box), item
        if item.role.startswith("due_"):
            assert inside(box, due_panel.box), item
        if item.role == "saving":
            assert inside(box, shapes("saving_panel")[0].box), item
        if item.role == "title":
            assert inside(box, shapes("header")[0].box), item
    # The large amounts are large, and larger than any other text.
    amounts = [i for i in card.texts if i.role in ("total_amount", "due_amount")]
    assert min(i.style.size for i in amounts) > max(
        i.style.size for i in card.texts if i not in amounts
    )
    assert (saving is None) == (not shapes("saving_panel"))


@pytest.mark.parametrize(("name", "language"), CASES)
def test_the_bar_has_a_segment_for_each_positive_part_across_the_card(
    name: str, language: str
) -> None:
    _est, _t, _saving, card = laid_out(name, language)
    segments = [shape for shape in card.shapes if shape.role == "bar"]
    swatches = [shape for shape in card.shapes if shape.role == "swatch"]
    assert 1 <= len(segments) <= len(swatches)
    assert segments[0].box[0] == 56
    assert segments[-1].box[2] == pytest.approx(CARD_WIDTH - 56)
    for left, right in itertools.pairwise(segments):
        assert left.box[2] == pytest.approx(right.box[0])
    assert [s.color for s in segments] == [s.color for s in swatches][: len(segments)]
    assert len({s.color for s in swatches}) == len(swatches)  # each part its own colour


def test_bar_widths_are_proportional_with_a_visible_minimum() -> None:
    assert bar_widths([Decimal(3), Decimal(1)], 400) == [300.0, 100.0]
    widths = bar_widths([Decimal(1_000_000), Decimal(40), Decimal(1)], 968)
    assert widths[1:] == [8, 8]
    assert sum(widths) == pytest.approx(968)


@pytest.mark.parametrize(("name", "language"), CASES)
def test_the_png_decodes_1080_wide_and_small(name: str, language: str) -> None:
    request, est = bill(name)
    saving = best_saving(request, est, Translator.load(language))
    png = render_card(est, language, saving=saving)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) <= MAX_CARD_BYTES
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        assert image.format == "PNG"
        assert image.width == CARD_WIDTH
        assert 600 <= image.height <= 1600
        # Drawn, not blank: the header band, the panels and the text bring many colours.
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 16) or []) > 20


def test_the_same_estimate_draws_the_same_card() -> None:
    _request, est = bill("domestic")
    assert render_card(est, "or") == render_card(est, "or")


def test_labels_of_amount_messages_lose_the_amount_and_its_colon() -> None:
    for language in LANGUAGES:
        t = Translator.load(language)
        for message in (m.PAY_BY_DUE_DATE, m.PAY_AFTER_DUE_DATE):
            label = _label(t, message)
            assert label
            assert "{" not in label
            assert "\x00" not in label
            assert not label.endswith(":")
            assert t.format(message, amount="₹1.00") == f"{label}: ₹1.00"
    assert _label(Translator.load("en"), m.PAY_BY_DUE_DATE) == "Pay by due date"


def test_wrapping_keeps_lines_narrow_and_figures_with_their_word() -> None:
    style = TextStyle(32)
    text = "ସାଧାରଣ ଘରୋଇ ଗ୍ରାହକଙ୍କ ପାଇଁ 30 ୟୁନିଟ ପାର ହେବାରୁ ଏହା ₹190.50ର ଘରୋଇ ବିଲ୍ ହୋଇଗଲା"
    lines = wrap(text, style, 300)
    assert " ".join(lines) == text
    assert all(text_width(line, style) <= 300 for line in lines)
    assert all(not line.endswith("30") for line in lines)
    assert wrap("", style, 300) == []


def test_without_shaping_no_card_is_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.media import card_fonts

    monkeypatch.setattr(card_fonts.features, "check", lambda feature: False)
    _request, est = bill("domestic")
    with pytest.raises(ShapingUnavailableError):
        render_card(est, "hi")
