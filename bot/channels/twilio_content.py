"""WhatsApp buttons and lists through Twilio: the content templates and how a reply fills one.

Twilio sends WhatsApp quick-reply buttons and list pickers only as Content API templates
(``twilio/quick-reply``, ``twilio/list-picker``) named by a ``ContentSid`` and filled with
``ContentVariables``. Bijuli's texts are written per message in three languages, so the
templates in ``data/twilio_content.yaml`` are generic: every field is one variable. This
module loads them with strict checks (:func:`load_templates`) and turns a channel-neutral
:class:`~bot.inbound.Reply` into a template name and its variables (:func:`content_for`), or
None when the reply has no choices or one of WhatsApp's limits would be broken: the reply then
goes as plain text, which always writes its options out, so typing keeps working.

How a reply fills a template (the *role* of each variable is read from where it sits in the
template, never from its number):

* ``body`` of either type: the reply's ``lead`` (at most 1,024 characters, else no template);
* a quick-reply action's ``title`` / a list item's ``item``: the choice's title (clipped with
  an ellipsis to 20 / 24 characters; titles must differ, as WhatsApp requires);
* ``id``: the choice's ``reply`` (what pressing it means; at most 200 characters, distinct), so
  that the press comes back as ``ButtonPayload`` with exactly what typing the option sends;
* a list item's ``description`` (Twilio requires one and refuses an empty variable): the
  choice's description, else its reply, which tells what typing the option would be;
* the list's ``button``: the reply's ``button`` label (at most 20 characters);
* the ``twilio/text`` fallback: the whole ``text`` with the written menu (or the lead when the
  text is over Twilio's 1,600 characters).

Pure: nothing here touches the network (the REST calls are :mod:`bot.channels.twilio_rest`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final, Literal

import yaml

from bot.inbound import (
    MAX_BUTTON_TITLE,
    MAX_BUTTONS,
    MAX_LIST_ROWS,
    MAX_ROW_DESCRIPTION,
    MAX_ROW_TITLE,
    Choice,
    Reply,
)

__all__ = [
    "DATA_FILE",
    "MAX_BODY",
    "MAX_ID",
    "MAX_TEXT_BODY",
    "ContentTemplate",
    "TemplateError",
    "content_for",
    "load_templates",
    "parse_templates",
    "templates",
]

#: The templates' file in the package's data directory.
DATA_FILE: Final = "twilio_content.yaml"
#: Longest body of a quick-reply or list-picker message.
MAX_BODY: Final = 1024
#: Longest ``twilio/text`` body (Twilio's cap on any message body).
MAX_TEXT_BODY: Final = 1600
#: Longest action or item id.
MAX_ID: Final = 200
#: Twilio takes at most this many variables in one template.
MAX_VARIABLES: Final = 100

QUICK_REPLY: Final = "twilio/quick-reply"
LIST_PICKER: Final = "twilio/list-picker"
TEXT: Final = "twilio/text"

Role = Literal["lead", "text", "button", "title", "reply", "description"]
Kind = Literal["buttons", "list"]

_VARIABLE = re.compile(r"\{\{([1-9][0-9]*)\}\}")
_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
#: Each role's longest value.
_LIMITS: Final[dict[tuple[Kind, Role], int]] = {
    ("buttons", "lead"): MAX_BODY,
    ("list", "lead"): MAX_BODY,
    ("buttons", "text"): MAX_TEXT_BODY,
    ("list", "text"): MAX_TEXT_BODY,
    ("list", "button"): MAX_BUTTON_TITLE,
    ("buttons", "title"): MAX_BUTTON_TITLE,
    ("list", "title"): MAX_ROW_TITLE,
    ("buttons", "reply"): MAX_ID,
    ("list", "reply"): MAX_ID,
    ("list", "description"): MAX_ROW_DESCRIPTION,
}


class TemplateError(ValueError):
    """The templates' data breaks a rule; the message says which template and what."""


@dataclass(frozen=True)
class Slot:
    """What one variable carries: a reply-wide ``role`` or one choice's (``choice`` ≥ 0)."""

    role: Role
    choice: int = -1


@dataclass(frozen=True)
class ContentTemplate:
    """One Content API template: what is created in Twilio, and what each variable carries."""

    name: str
    language: str
    kind: Kind
    size: int
    types: Mapping[str, Any]
    variables: Mapping[str, str]
    slots: Mapping[str, Slot]

    def api_body(self) -> dict[str, Any]:
        """The JSON ``POST /v1/Content`` takes to create this template."""
        return {
            "friendly_name": self.name,
            "language": self.language,
            "variables": dict(self.variables),
            "types": _plain(self.types),
        }

    def fill(self, reply: Reply) -> dict[str, str] | None:
        """The ContentVariables that send ``reply`` with this template, or None when a value
        would be empty or over its limit."""
        values: dict[str, str] = {}
        for key, slot in self.slots.items():
            value = _value(reply, slot)
            if not value or len(value) > _LIMITS[(self.kind, slot.role)]:
                return None
            values[key] = value
        return values


def _plain(value: Any) -> Any:
    """``value`` as plain dicts and lists (the types are kept read-only-ish as given)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _clip(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis when longer (the
    engine keeps its labels within WhatsApp's limits; this guards a label that grew)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _value(reply: Reply, slot: Slot) -> str:
    if slot.role == "lead":
        return (reply.lead or reply.text).strip()
    if slot.role == "text":
        text = reply.text.strip()
        return text if len(text) <= MAX_TEXT_BODY else (reply.lead or "").strip()
    if slot.role == "button":
        return _clip(reply.button, MAX_BUTTON_TITLE)
    choice: Choice = reply.choices[slot.choice]
    if slot.role == "title":
        limit = MAX_BUTTON_TITLE if len(reply.choices) <= MAX_BUTTONS else MAX_ROW_TITLE
        return _clip(choice.title, limit)
    if slot.role == "reply":
        return choice.reply.strip()
    return _clip(choice.description or choice.reply, MAX_ROW_DESCRIPTION)


# ----------------------------------------------------------------------------- loading


def _variable(template: str, where: str, value: Any) -> str:
    """The variable key a field holds; the field must be exactly one ``{{n}}``."""
    match = _VARIABLE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise TemplateError(f"{template}: {where} must be exactly one variable such as '{{{{1}}}}'")
    return match[1]


def _entries(template: str, where: str, value: Any, limit: int) -> list[Mapping[str, Any]]:
    if not isinstance(value, list) or not 1 <= len(value) <= limit:
        raise TemplateError(f"{template}: {where} must be a list of 1 to {limit} entries")
    if not all(isinstance(entry, Mapping) for entry in value):
        raise TemplateError(f"{template}: each of {where} must be a mapping")
    return value


def _fields(template: str, where: str, value: Any, expected: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping) or set(value) != expected:
        raise TemplateError(f"{template}: {where} must have exactly {sorted(expected)}")
    return value


def _slots_of(name: str, types: Mapping[str, Any]) -> tuple[Kind, int, list[tuple[str, Slot]]]:
    """The kind, the number of choices and each variable's slot, read from ``types``."""
    if TEXT not in types or len(types) != 2 or not ({QUICK_REPLY, LIST_PICKER} & set(types)):
        raise TemplateError(
            f"{name}: types must be {QUICK_REPLY} or {LIST_PICKER}, and the {TEXT} fallback"
        )
    slots: list[tuple[str, Slot]] = []
    text = _fields(name, TEXT, types[TEXT], {"body"})
    slots.append((_variable(name, f"{TEXT}.body", text["body"]), Slot("text")))
    if QUICK_REPLY in types:
        buttons = _fields(name, QUICK_REPLY, types[QUICK_REPLY], {"body", "actions"})
        slots.append((_variable(name, f"{QUICK_REPLY}.body", buttons["body"]), Slot("lead")))
        actions = _entries(name, f"{QUICK_REPLY}.actions", buttons["actions"], MAX_BUTTONS)
        for number, action in enumerate(actions):
            where = f"{QUICK_REPLY}.actions[{number}]"
            action = _fields(name, where, action, {"title", "id"})
            title = _variable(name, f"{where}.title", action["title"])
            slots.append((title, Slot("title", number)))
            slots.append((_variable(name, f"{where}.id", action["id"]), Slot("reply", number)))
        return "buttons", len(actions), slots
    picker = _fields(name, LIST_PICKER, types[LIST_PICKER], {"body", "button", "items"})
    slots.append((_variable(name, f"{LIST_PICKER}.body", picker["body"]), Slot("lead")))
    slots.append((_variable(name, f"{LIST_PICKER}.button", picker["button"]), Slot("button")))
    items = _entries(name, f"{LIST_PICKER}.items", picker["items"], MAX_LIST_ROWS)
    for number, item in enumerate(items):
        where = f"{LIST_PICKER}.items[{number}]"
        item = _fields(name, where, item, {"item", "id", "description"})
        slots.append((_variable(name, f"{where}.item", item["item"]), Slot("title", number)))
        slots.append((_variable(name, f"{where}.id", item["id"]), Slot("reply", number)))
        description = _variable(name, f"{where}.description", item["description"])
        slots.append((description, Slot("description", number)))
    if len(items) <= MAX_BUTTONS:
        raise TemplateError(f"{name}: a list is for more than {MAX_BUTTONS} choices")
    return "list", len(items), slots


def _template(entry: Any) -> ContentTemplate:
    if not isinstance(entry, Mapping):
        raise TemplateError("each template must be a mapping")
    name = entry.get("name")
    if not isinstance(name, str) or _NAME.fullmatch(name) is None:
        raise TemplateError(f"template name {name!r} must be lower-case letters, digits and _")
    if set(entry) != {"name", "language", "types", "variables"}:
        raise TemplateError(f"{name}: needs exactly name, language, types and variables")
    language = entry["language"]
    if not isinstance(language, str) or re.fullmatch(r"[a-z]{2}", language) is None:
        raise TemplateError(f"{name}: language must be a two-letter code")
    types = entry["types"]
    if not isinstance(types, Mapping):
        raise TemplateError(f"{name}: types must be a mapping")
    kind, size, slots = _slots_of(name, types)
    keys = [key for key, _slot in slots]
    if len(set(keys)) != len(keys):
        raise TemplateError(f"{name}: a variable is used in two fields")
    if sorted(keys, key=int) != [str(n) for n in range(1, len(keys) + 1)]:
        raise TemplateError(f"{name}: variables must be numbered 1 to {len(keys)} without gaps")
    if len(keys) > MAX_VARIABLES:
        raise TemplateError(f"{name}: Twilio takes at most {MAX_VARIABLES} variables")
    samples = entry["variables"]
    if not isinstance(samples, Mapping) or {str(k) for k in samples} != set(keys):
        raise TemplateError(f"{name}: variables must give a sample for each of 1 to {len(keys)}")
    variables = {str(key): value for key, value in samples.items()}
    for key, slot in slots:
        sample = variables[key]
        limit = _LIMITS[(kind, slot.role)]
        if not isinstance(sample, str) or not sample.strip() or len(sample) > limit:
            raise TemplateError(
                f"{name}: the sample of variable {key} must be text of 1 to {limit} characters"
            )
    ordered = {str(n): variables[str(n)] for n in range(1, len(keys) + 1)}
    by_number = dict(sorted(slots, key=lambda pair: int(pair[0])))
    return ContentTemplate(name, language, kind, size, _plain(types), ordered, by_number)


def parse_templates(data: Any) -> tuple[ContentTemplate, ...]:
    """The templates in ``data`` (the YAML file's content); raise :class:`TemplateError`."""
    if not isinstance(data, Mapping) or set(data) != {"templates"}:
        raise TemplateError("the file must hold one key, templates")
    entries = data["templates"]
    if not isinstance(entries, list) or not entries:
        raise TemplateError("templates must be a non-empty list")
    loaded = tuple(_template(entry) for entry in entries)
    names = [t.name for t in loaded]
    if len(set(names)) != len(names):
        raise TemplateError("template names must be unique")
    shapes = [(t.kind, t.size) for t in loaded]
    if len(set(shapes)) != len(shapes):
        raise TemplateError("two templates have the same shape (kind and number of choices)")
    return loaded


def load_templates(text: str | None = None) -> tuple[ContentTemplate, ...]:
    """The templates in YAML ``text`` (default: the packaged file); raise :class:`TemplateError`."""
    if text is None:
        text = resources.files("bot.channels").joinpath("data", DATA_FILE).read_text("utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise TemplateError(f"{DATA_FILE} is not valid YAML: {exc}") from None
    return parse_templates(data)


@functools.cache
def templates() -> tuple[ContentTemplate, ...]:
    """The packaged templates, loaded once."""
    return load_templates()


def _shape(reply: Reply) -> tuple[Kind, int] | None:
    if not reply.interactive:
        return None
    return ("list" if reply.as_list else "buttons", len(reply.choices))


def content_for(
    reply: Reply, available: tuple[ContentTemplate, ...] | None = None
) -> tuple[str, dict[str, str]] | None:
    """The template name and ContentVariables that send ``reply`` as WhatsApp buttons or a
    list, or None when it should go as plain text (no choices, no template of its shape, a
    value empty or beyond WhatsApp's limits, titles or replies that repeat)."""
    shape = _shape(reply)
    if shape is None:
        return None
    if len({choice.reply.strip() for choice in reply.choices}) != len(reply.choices):
        return None  # a press must say which option it was
    limit = MAX_BUTTON_TITLE if shape[0] == "buttons" else MAX_ROW_TITLE
    titles = [_clip(choice.title, limit) for choice in reply.choices]
    if len(set(titles)) != len(titles):
        return None  # WhatsApp refuses repeated labels
    for template in templates() if available is None else available:
        if (template.kind, template.size) == shape:
            variables = template.fill(reply)
            return None if variables is None else (template.name, variables)
    return None
