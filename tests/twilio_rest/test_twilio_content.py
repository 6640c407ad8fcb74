"""The content templates (data) and how real replies fill them, in the three languages."""

from __future__ import annotations

import copy
import datetime as dt
from importlib import resources
from typing import Any

import pytest
import yaml

from bot.channels.twilio_content import (
    MAX_BODY,
    TemplateError,
    content_for,
    load_templates,
    parse_templates,
    templates,
)
from bot.conversation import Inbound, handle
from bot.i18n.catalogs import LANGUAGES
from bot.inbound import MAX_BUTTON_TITLE, MAX_ROW_TITLE, Choice, Reply
from tests.support.twilio_api import fill_variables, whatsapp_limits_broken

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
OPENING = {"or": "ନମସ୍କାର", "hi": "नमस्ते", "en": "hello"}
ESTIMATE = {"or": "ଘରୋଇ 250 ୟୁନିଟ", "hi": "घरेलू 250 यूनिट", "en": "domestic 250 units"}


def _raw() -> dict[str, Any]:
    """The packaged file as data, to break one rule at a time."""
    text = resources.files("bot.channels").joinpath("data", "twilio_content.yaml").read_text()
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _offers(language: str) -> list[Reply]:
    """Replies with choices met in a short conversation: the category list, the load button,
    the estimate's menu, and the category list again after "start again"."""
    offers: list[Reply] = []
    turn = handle(None, Inbound("whatsapp", OPENING[language]), now=NOW)
    for body in ("1", "2", "250"):
        offers += [r for r in turn.messages if r.choices]
        turn = handle(turn.session, Inbound("whatsapp", body), now=NOW)
    offers += [r for r in turn.messages if r.choices]
    turn = handle(None, Inbound("whatsapp", ESTIMATE[language]), now=NOW)
    offers += [r for r in turn.messages if r.choices]
    return offers


def test_one_template_per_shape_buttons_1_to_3_and_lists_4_to_10() -> None:
    shapes = sorted((t.kind, t.size) for t in templates())
    assert shapes == [("buttons", n) for n in (1, 2, 3)] + [("list", n) for n in range(4, 11)]
    names = {t.name for t in templates()}
    assert {"bijuli_buttons_1", "bijuli_buttons_3", "bijuli_list_4", "bijuli_list_10"} <= names


def test_every_field_is_a_variable_and_the_samples_fit_whatsapp() -> None:
    for template in templates():
        body = template.api_body()
        assert set(body) == {"friendly_name", "language", "variables", "types"}
        assert set(body["types"]) in (
            {"twilio/quick-reply", "twilio/text"},
            {"twilio/list-picker", "twilio/text"},
        )
        assert list(body["variables"]) == [str(n) for n in range(1, len(body["variables"]) + 1)]
        filled = fill_variables(body["types"], body["variables"])
        assert whatsapp_limits_broken(filled) is None, template.name
        assert "{{" not in str(filled), template.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_real_replies_fill_a_template_within_whatsapps_limits(language: str) -> None:
    offers = _offers(language)
    kinds = set()
    for reply in offers:
        content = content_for(reply)
        assert content is not None, reply.lead
        name, variables = content
        template = next(t for t in templates() if t.name == name)
        kinds.add(template.kind)
        assert template.size == len(reply.choices)
        filled = fill_variables(template.api_body()["types"], variables)
        assert whatsapp_limits_broken(filled) is None, (name, variables)
        assert all(value.strip() for value in variables.values())
        if template.kind == "buttons":
            actions = filled["twilio/quick-reply"]["actions"]
            assert [a["id"] for a in actions] == [c.reply for c in reply.choices]
            assert [a["title"] for a in actions] == [c.title for c in reply.choices]
            assert filled["twilio/quick-reply"]["body"] == (reply.lead or reply.text).strip()
        else:
            picker = filled["twilio/list-picker"]
            assert [i["id"] for i in picker["items"]] == [c.reply for c in reply.choices]
            assert [i["item"] for i in picker["items"]] == [c.title for c in reply.choices]
            assert picker["button"] == reply.button
            assert picker["body"] == reply.lead.strip()
        # The fallback writes the options out, so typing works where buttons are not shown.
        assert filled["twilio/text"]["body"] == reply.text.strip()
    assert kinds == {"buttons", "list"}


def test_no_template_without_choices_or_past_the_limits() -> None:
    yes_no = (Choice("yes", "Yes"), Choice("no", "No"))
    assert content_for(Reply("plain text")) is None
    assert content_for(Reply("x" * 2000, yes_no, lead="x" * (MAX_BODY + 1))) is None
    assert content_for(Reply("q", (Choice("1", "Same"), Choice("2", "Same")), lead="q")) is None
    assert content_for(Reply("q", (Choice("1", "A"), Choice("1", "B")), lead="q")) is None
    eleven = tuple(Choice(str(n), f"Option {n}") for n in range(11))
    assert content_for(Reply("q", eleven, lead="q", button="Choose")) is None
    four = tuple(Choice(str(n), f"Option {n}") for n in range(4))
    assert content_for(Reply("q", four, lead="q")) is None, "a list needs its button label"
    assert content_for(Reply("q", yes_no, lead="q")) is not None


def test_long_labels_are_clipped_and_empty_descriptions_say_what_to_type() -> None:
    long_title = "A label much longer than WhatsApp allows on a button"
    content = content_for(Reply("q", (Choice("1", long_title),), lead="q"))
    assert content is not None
    title = content[1]["2"]
    assert len(title) == MAX_BUTTON_TITLE
    assert title.endswith("…")
    rows = (
        Choice("reply 0", long_title),
        Choice("reply 1", "Row 1"),
        Choice("reply 2", "Row 2", "described"),
        Choice("reply 3", "Row 3"),
    )
    listed = content_for(Reply("q", rows, lead="q", button="Choose"))
    assert listed is not None
    name, variables = listed
    template = next(t for t in templates() if t.name == name)
    items = fill_variables(template.api_body()["types"], variables)["twilio/list-picker"]["items"]
    assert len(items[0]["item"]) == MAX_ROW_TITLE
    assert [i["description"] for i in items] == ["reply 0", "reply 1", "described", "reply 3"]


def test_a_text_over_1600_characters_falls_back_to_the_lead() -> None:
    reply = Reply("t" * 1700, (Choice("1", "One"),), lead="The lead")
    content = content_for(reply)
    assert content is not None
    assert content[1]["4"] == "The lead"


def _broken(change: Any) -> str:
    data = copy.deepcopy(_raw())
    change(data["templates"])
    with pytest.raises(TemplateError) as caught:
        parse_templates(data)
    return str(caught.value)


def test_the_loader_refuses_a_field_that_is_not_exactly_one_variable() -> None:
    def literal(templates: list[Any]) -> None:
        templates[0]["types"]["twilio/quick-reply"]["body"] = "Hello {{1}}"

    assert "exactly one variable" in _broken(literal)


def test_the_loader_refuses_missing_samples_gaps_and_reuse() -> None:
    def no_sample(templates: list[Any]) -> None:
        del templates[0]["variables"]["2"]

    def gap(templates: list[Any]) -> None:
        templates[0]["types"]["twilio/text"]["body"] = "{{9}}"
        templates[0]["variables"]["9"] = templates[0]["variables"].pop("4")

    def reused(templates: list[Any]) -> None:
        templates[0]["types"]["twilio/text"]["body"] = "{{1}}"

    def too_long(templates: list[Any]) -> None:
        templates[0]["variables"]["2"] = "A title past twenty characters"

    def empty(templates: list[Any]) -> None:
        templates[0]["variables"]["1"] = " "

    assert "sample" in _broken(no_sample)
    assert "without gaps" in _broken(gap)
    assert "two fields" in _broken(reused)
    assert "1 to 20 characters" in _broken(too_long)
    assert "sample of variable 1" in _broken(empty)


def test_the_loader_refuses_bad_shapes() -> None:
    def four_buttons(templates: list[Any]) -> None:
        actions = templates[2]["types"]["twilio/quick-reply"]["actions"]
        actions.append({"title": "{{9}}", "id": "{{10}}"})

    def short_list(templates: list[Any]) -> None:
        del templates[3]["types"]["twilio/list-picker"]["items"][3:]

    def no_description(templates: list[Any]) -> None:
        del templates[3]["types"]["twilio/list-picker"]["items"][0]["description"]

    def twice(templates: list[Any]) -> None:
        templates.append(copy.deepcopy(templates[0]) | {"name": "bijuli_buttons_again"})

    def no_fallback(templates: list[Any]) -> None:
        del templates[0]["types"]["twilio/text"]

    def same_name(templates: list[Any]) -> None:
        templates[1]["name"] = templates[0]["name"]

    assert "1 to 3 entries" in _broken(four_buttons)
    assert "more than 3 choices" in _broken(short_list)
    assert "exactly ['description', 'id', 'item']" in _broken(no_description)
    assert "same shape" in _broken(twice)
    assert "twilio/text fallback" in _broken(no_fallback)
    assert "unique" in _broken(same_name)


def test_the_loader_refuses_text_that_is_not_yaml_or_not_the_expected_layout() -> None:
    with pytest.raises(TemplateError, match="not valid YAML"):
        load_templates("templates: [")
    with pytest.raises(TemplateError, match="one key"):
        load_templates("other: 1")
