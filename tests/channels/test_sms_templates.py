"""The SMS template registry: DLT rules enforced at load, the matcher, the CSV export."""

from __future__ import annotations

import csv
import io

import pytest

from bot.channels.sms_templates import (
    InvalidTemplateError,
    Slot,
    SmsTemplate,
    TemplateRegistry,
    UnregisteredSmsError,
    VariableTooLongError,
    export_csv,
    load_registry,
    plan_sms,
    registry,
)


def _template(text: str, *slots: tuple[str, int], **extra: str) -> SmsTemplate:
    return SmsTemplate(
        name=extra.pop("name", "bj_en_test"),
        language="en",
        text=text,
        slots=tuple(Slot(name, length) for name, length in slots),
        **extra,  # type: ignore[arg-type]
    )


UNITS = _template("How many units this month? You used {#var#} last month.", ("units", 14))


def test_a_text_is_matched_and_its_values_read() -> None:
    fill = TemplateRegistry([UNITS]).to_template(
        "How many units this month? You used 1,250 last month.", "en"
    )
    assert fill.template.name == "bj_en_test"
    assert fill.values == ("1,250",)
    assert fill.variables() == {"units": "1,250"}
    assert fill.text == "How many units this month? You used 1,250 last month."


@pytest.mark.parametrize(
    "text",
    [
        "How many units this month? You used  last month.",  # an empty value
        "How many units this month? You used 1,250 last month!",  # other fixed text
        "How many units this month?\nYou used 1,250 last month.",
        "How many units this month? You used 1\n250 last month.",  # a value over two lines
    ],
)
def test_a_text_of_another_shape_is_refused(text: str) -> None:
    with pytest.raises(UnregisteredSmsError):
        TemplateRegistry([UNITS]).to_template(text, "en")


def test_a_value_over_its_limit_is_refused_by_name() -> None:
    with pytest.raises(VariableTooLongError) as refused:
        TemplateRegistry([UNITS]).to_template(
            "How many units this month? You used 123456789012345 last month.", "en"
        )
    assert refused.value.slot == "units"
    assert refused.value.template == "bj_en_test"


def test_another_language_has_its_own_templates() -> None:
    with pytest.raises(UnregisteredSmsError):
        TemplateRegistry([UNITS]).to_template(
            "How many units this month? You used 1 last month.", "hi"
        )


def test_more_than_three_variables_need_a_justification() -> None:
    text = "Readings {#var#} to {#var#} and {#var#} to {#var#} were sent to us today, thank you."
    slots = [("a", 6), ("b", 6), ("c", 6), ("d", 6)]
    with pytest.raises(InvalidTemplateError, match="justification"):
        TemplateRegistry([_template(text, *slots)])
    justified = _template(text, *slots, justification="two meters on one connection")
    assert TemplateRegistry([justified]).to_template(
        "Readings 1 to 2 and 3 to 4 were sent to us today, thank you.", "en"
    ).values == ("1", "2", "3", "4")


def test_fixed_text_must_be_thirty_percent_at_the_slots_longest() -> None:
    with pytest.raises(InvalidTemplateError, match="below 30%"):
        TemplateRegistry([_template("Pay {#var#} now", ("amount", 40))])
    TemplateRegistry([_template("Pay {#var#} now", ("amount", 8))])


def test_a_slot_may_not_exceed_the_providers_cap() -> None:
    template = _template("The name on your bill is {#var#}, is that right?", ("name", 50))
    with pytest.raises(InvalidTemplateError, match="max_length"):
        TemplateRegistry([template])
    TemplateRegistry([template], max_variable=60)


def test_slots_and_variables_must_agree_and_names_be_unique() -> None:
    with pytest.raises(InvalidTemplateError, match="slots"):
        TemplateRegistry([_template("Only fixed text here, and {#var#}.")])
    with pytest.raises(InvalidTemplateError, match="twice"):
        TemplateRegistry([UNITS, UNITS])


def test_unicode_is_derived_from_the_fixed_text() -> None:
    assert not UNITS.unicode
    assert _template("ମୋଟ {#var#} ଟଙ୍କା ଦେବାକୁ ହେବ।", ("amount", 10)).unicode
    assert _template("Total ₹{#var#} to pay by the due date.", ("amount", 10)).unicode


def test_a_broken_file_fails_to_load() -> None:
    with pytest.raises(InvalidTemplateError):
        load_registry("languages: {xx: []}")
    with pytest.raises(InvalidTemplateError):
        load_registry("languages: {en: [{name: a}]}")
    loaded = load_registry(
        "languages:\n  en:\n  - name: bj_en_hi\n    text: Namaskar! I am Bijuli.\n"
        "    dlt_template_id: '1107000000000000001'\n"
    )
    assert loaded.templates("en")[0].dlt_template_id == "1107000000000000001"


def test_a_reply_goes_as_one_sms_per_registered_paragraph() -> None:
    question = _template("How many units this month? Or send 2 meter readings.", name="bj_en_q")
    ack = _template("OK, I will take {#var#} kW.", ("value", 6), name="bj_en_ack")
    templates = TemplateRegistry([question, ack])
    reply = "OK, I will take 1 kW.\n\nHow many units this month? Or send 2 meter readings."
    fills = plan_sms(reply, "en", templates)
    assert [fill.template.name for fill in fills] == ["bj_en_ack", "bj_en_q"]
    with pytest.raises(UnregisteredSmsError):
        plan_sms(reply + "\n\nAnything else.", "en", templates)


def test_the_shipped_registry_keeps_every_rule() -> None:
    shipped = registry()
    for language in ("or", "hi", "en"):
        templates = shipped.templates(language)
        assert len(templates) > 100
        assert all(len(t.slots) <= 3 for t in templates)
        assert all(t.unicode for t in templates if language != "en")


def test_the_csv_export_has_the_portals_columns() -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(registry().templates()))))
    assert {"language", "template_name", "text", "variables", "type", "unicode"} <= set(rows[0])
    assert {row["language"] for row in rows} == {"or", "hi", "en"}
    asked = next(row for row in rows if row["template_name"] == "bj_en_ask_units_short")
    assert asked["text"] == "How many {#var#} this month? Or send 2 meter readings."
    assert asked["variables"] == "1"
    assert asked["type"] == "service_implicit"
    assert asked["unicode"] == "no"
    assert all(row["unicode"] == "yes" for row in rows if row["language"] != "en")
