"""The SMS template registry for India's DLT rules, and the matcher that fills it.

Under TRAI's TCCCPR 2018 every SMS to an Indian number must be an instance of a content template
the sender registered in advance on a DLT platform: fixed text with ``{#var#}`` slots. Operators
drop anything else. This module holds Bijuli's templates (``data/sms_templates.yaml``, generated
from the catalogs by :mod:`bot.channels.sms_template_source`), checks them strictly when they are
loaded, and answers the one question the SMS transport asks: *which registered template is this
SMS an instance of, and with which values?* (:func:`to_template`).

Rules enforced at load (a broken file fails at start-up, not at the operator):

* at most :data:`MAX_SLOTS` slots, unless the template carries a ``justification``;
* at least :data:`MIN_FIXED_SHARE` of the template is fixed text (slots counted at their
  maximum length, the way a reviewer reads the worst case);
* every slot's ``max_length`` is at most the provider's cap (:data:`DEFAULT_MAX_VARIABLE`,
  MSG91's 40 characters; :func:`load_registry` takes another);
* names are unique, the number of slots equals the number of ``{#var#}`` in the text.

Whether a template is Unicode (UCS-2) is derived from its fixed text, never declared.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

import yaml

from bot.i18n.catalogs import LANGUAGES, Language
from bot.i18n.sms import sms_encoding
from bot.i18n.sms import sms_text as encoded_for_sms

__all__ = [
    "DEFAULT_MAX_VARIABLE",
    "DLT_VARIABLE",
    "MAX_SLOTS",
    "MIN_FIXED_SHARE",
    "InvalidTemplateError",
    "Slot",
    "SmsTemplate",
    "TemplateFill",
    "TemplateRegistry",
    "UnregisteredSmsError",
    "VariableTooLongError",
    "export_csv",
    "load_registry",
    "plan_sms",
    "registry",
    "to_template",
]

DLT_VARIABLE: Final = "{#var#}"
"""How a variable is written in a DLT template."""
MAX_SLOTS: Final = 3
"""More variables than this need a justification on the DLT portal."""
MIN_FIXED_SHARE: Final = 0.30
"""The least share of a template that must be fixed text."""
DEFAULT_MAX_VARIABLE: Final = 40
"""The longest value one variable may carry (MSG91's cap)."""
DATA_FILE: Final = "sms_templates.yaml"
#: Texts are sorted to candidate templates by this many first characters (a template whose
#: fixed beginning is shorter is tried for every text sharing them), cached up to a bound.
_BUCKET_KEY: Final = 8
_BUCKET_CACHE: Final = 20_000
#: DLT content category: replies a consumer asked for are "service implicit".
TEMPLATE_TYPE: Final = "service_implicit"


class InvalidTemplateError(ValueError):
    """The template file breaks a DLT rule or is malformed; the message names the template."""


class UnregisteredSmsError(ValueError):
    """An SMS text is an instance of no registered template: the operator would drop it."""

    def __init__(self, language: str, text: str) -> None:
        super().__init__(f"no registered {language} SMS template matches {text[:80]!r}")
        self.language = language
        self.text = text


class VariableTooLongError(UnregisteredSmsError):
    """The SMS has a template's shape, but a value is longer than its slot allows."""

    def __init__(self, language: str, text: str, template: str, slot: str, value: str) -> None:
        super().__init__(language, text)
        self.template = template
        self.slot = slot
        self.value = value
        self.args = (
            f"{language} SMS template {template!r}: value {value!r} of slot {slot!r} is too long",
        )


@dataclass(frozen=True)
class Slot:
    """One ``{#var#}`` of a template: its name (for people and for the gateway's payload) and
    the longest value it may carry."""

    name: str
    max_length: int


@dataclass(frozen=True)
class SmsTemplate:
    """One registered template.

    ``name`` is Bijuli's own stable id (``bj_or_ask_units``); ``dlt_template_id`` is the id the
    DLT portal assigned, filled in by the operator after registration (None until then).
    """

    name: str
    language: Language
    text: str
    slots: tuple[Slot, ...]
    dlt_template_id: str | None = None
    justification: str | None = None

    @property
    def fixed_text(self) -> str:
        """The template without its variables."""
        return self.text.replace(DLT_VARIABLE, "")

    @property
    def prefix(self) -> str:
        """The fixed text before the first variable (every instance starts with it)."""
        return self.text.split(DLT_VARIABLE, 1)[0]

    @property
    def unicode(self) -> bool:
        """Whether the template goes as UCS-2 (any character outside GSM-7 in the fixed text)."""
        return sms_encoding(self.fixed_text) == "UCS-2"

    def fill(self, values: Iterable[str]) -> str:
        """The SMS text with ``values`` in the slots, in order."""
        pieces = self.text.split(DLT_VARIABLE)
        given = list(values)
        if len(given) != len(self.slots):
            raise ValueError(f"{self.name}: {len(self.slots)} values needed, got {len(given)}")
        out = [pieces[0]]
        for value, piece in zip(given, pieces[1:], strict=True):
            out.extend((value, piece))
        return "".join(out)


@dataclass(frozen=True)
class TemplateFill:
    """An SMS as the gateway sends it: the template and the value of each slot, in order."""

    template: SmsTemplate
    values: tuple[str, ...]

    @property
    def text(self) -> str:
        """The SMS text this fill produces."""
        return self.template.fill(self.values)

    def variables(self) -> dict[str, str]:
        """The values by slot name."""
        return {
            slot.name: value for slot, value in zip(self.template.slots, self.values, strict=True)
        }


def _validate(template: SmsTemplate, max_variable: int) -> None:
    where = f"SMS template {template.name!r} ({template.language})"
    count = template.text.count(DLT_VARIABLE)
    if count != len(template.slots):
        raise InvalidTemplateError(
            f"{where}: {count} {DLT_VARIABLE} but {len(template.slots)} slots"
        )
    if count > MAX_SLOTS and not template.justification:
        raise InvalidTemplateError(f"{where}: {count} variables need a justification")
    for slot in template.slots:
        if not 1 <= slot.max_length <= max_variable:
            raise InvalidTemplateError(
                f"{where}: slot {slot.name!r} max_length {slot.max_length} not in 1..{max_variable}"
            )
    fixed = len(template.fixed_text.strip())
    worst = fixed + sum(slot.max_length for slot in template.slots)
    if not fixed or fixed / worst < MIN_FIXED_SHARE:
        raise InvalidTemplateError(
            f"{where}: fixed text is {fixed} of {worst} characters, below {MIN_FIXED_SHARE:.0%}"
        )


def _pattern(template: SmsTemplate, *, bounded: bool) -> re.Pattern[str]:
    """Fixed text literally; each slot a value on one line.

    ``bounded``: each value at most its slot's length, so that where fixed text also occurs
    inside a value ("Shop, office (GP), 150 units") the split that keeps every value within
    its limit is found. The open pattern only tells a value that is too long from no match.
    """
    pieces = template.text.split(DLT_VARIABLE)
    body = re.escape(pieces[0])
    for slot, piece in zip(template.slots, pieces[1:], strict=True):
        group = f"([^\\n]{{1,{slot.max_length}}}?)" if bounded else r"([^\n]+?)"
        body += group + re.escape(piece)
    return re.compile(body, re.DOTALL)


class TemplateRegistry:
    """Every registered template, by language, compiled for matching."""

    def __init__(self, templates: Iterable[SmsTemplate], max_variable: int = DEFAULT_MAX_VARIABLE):
        self.max_variable: Final = max_variable
        self._by_language: dict[str, list[tuple[SmsTemplate, re.Pattern[str]]]] = {}
        names: set[str] = set()
        for template in templates:
            if template.name in names:
                raise InvalidTemplateError(f"SMS template {template.name!r} is declared twice")
            names.add(template.name)
            _validate(template, max_variable)
            self._by_language.setdefault(template.language, []).append(
                (template, _pattern(template, bounded=True))
            )
        # Most fixed text first: where two templates could match, the more specific one wins.
        for entries in self._by_language.values():
            entries.sort(key=lambda entry: (-len(entry[0].fixed_text), entry[0].name))
        self._buckets: dict[tuple[str, str], list[tuple[SmsTemplate, re.Pattern[str]]]] = {}
        #: The most paragraphs one template spans (a reply is never split finer than this).
        self.max_paragraphs: Final = max(
            (
                t.text.count("\n\n") + 1
                for entries in self._by_language.values()
                for t, _ in entries
            ),
            default=1,
        )

    def _candidates(
        self, sms_text: str, language: str
    ) -> list[tuple[SmsTemplate, re.Pattern[str]]]:
        """The templates whose fixed beginning ``sms_text`` starts with, most specific first."""
        head = sms_text[:_BUCKET_KEY]
        found = self._buckets.get((language, head))
        if found is None:  # every template whose beginning agrees with the text's first chars
            found = [
                (template, pattern)
                for template, pattern in self._by_language.get(language, [])
                if template.prefix[:_BUCKET_KEY] == head[: len(template.prefix)]
            ]
            if len(self._buckets) < _BUCKET_CACHE:
                self._buckets[(language, head)] = found
        return [entry for entry in found if sms_text.startswith(entry[0].prefix)]

    def templates(self, language: str | None = None) -> list[SmsTemplate]:
        """The templates of ``language`` (all when None), in file order by language."""
        languages = [language] if language else list(self._by_language)
        found = [t for code in languages for t, _p in self._by_language.get(code, [])]
        return sorted(found, key=lambda t: (LANGUAGES.index(t.language), t.name))

    def to_template(self, sms_text: str, language: str) -> TemplateFill:
        """The registered template ``sms_text`` is an instance of, and its values.

        Raises :class:`UnregisteredSmsError` when no template of ``language`` matches, and
        :class:`VariableTooLongError` when one matches only with a value over its slot's limit.
        """
        candidates = self._candidates(sms_text, language)
        for template, pattern in candidates:
            found = pattern.fullmatch(sms_text)
            if found is not None:
                return TemplateFill(template, found.groups())
        for template, _bounded in candidates:  # why not: a value too long for its slot?
            found = _pattern(template, bounded=False).fullmatch(sms_text)
            if found is None:
                continue
            for slot, value in zip(template.slots, found.groups(), strict=True):
                if len(value) > slot.max_length:
                    raise VariableTooLongError(language, sms_text, template.name, slot.name, value)
        raise UnregisteredSmsError(language, sms_text)

    def matches(self, sms_text: str, language: str) -> bool:
        """Whether ``sms_text`` is a registered template's instance within its limits."""
        try:
            self.to_template(sms_text, language)
        except UnregisteredSmsError:
            return False
        return True


def parse_templates(data: Mapping[str, object]) -> list[SmsTemplate]:
    """Templates from the YAML document's shape: ``{languages: {or: [{name, text, slots}]}}``."""
    languages = data.get("languages")
    if not isinstance(languages, dict):
        raise InvalidTemplateError("SMS templates: a 'languages' mapping is required")
    templates = []
    for language, entries in languages.items():
        if language not in LANGUAGES:
            raise InvalidTemplateError(f"SMS templates: unknown language {language!r}")
        for entry in entries or []:
            try:
                slots = tuple(
                    Slot(str(slot["name"]), int(slot["max_length"]))
                    for slot in entry.get("slots") or []
                )
                templates.append(
                    SmsTemplate(
                        name=str(entry["name"]),
                        language=language,
                        text=str(entry["text"]),
                        slots=slots,
                        dlt_template_id=_optional(entry.get("dlt_template_id")),
                        justification=_optional(entry.get("justification")),
                    )
                )
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise InvalidTemplateError(
                    f"SMS templates ({language}): bad entry {entry!r}"
                ) from exc
    return templates


def _optional(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def load_registry(
    text: str | None = None, *, max_variable: int = DEFAULT_MAX_VARIABLE
) -> TemplateRegistry:
    """The registry from YAML ``text`` (default: the file shipped with the package)."""
    if text is None:
        text = resources.files("bot.channels").joinpath("data", DATA_FILE).read_text("utf-8")
    # libyaml's loader when PyYAML has it: the file is large, and the pure-Python parser took
    # a third of a second of every worker's start.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)  # a safe loader either way
    if not isinstance(data, dict):
        raise InvalidTemplateError("SMS templates: the file is not a mapping")
    return TemplateRegistry(parse_templates(data), max_variable)


@cache
def registry() -> TemplateRegistry:
    """The shipped registry, loaded and checked once per process."""
    return load_registry()


def plan_sms(
    text: str, language: str, templates: TemplateRegistry | None = None
) -> list[TemplateFill]:
    """The registered SMS that carry one reply of the engine, in order.

    A reply is paragraphs separated by a blank line (a question, its menu, an explanation, an
    estimate's two halves). From the first paragraph on, the longest run of paragraphs that is
    one registered template goes as one SMS; each SMS is encoded on its own (₹ as "Rs " where
    that keeps it GSM-7). Raises :class:`UnregisteredSmsError` for a paragraph no template
    covers: the gateway must not send what the operator would drop.
    """
    templates = templates or registry()
    paragraphs = [part for part in text.split("\n\n") if part.strip()]
    fills: list[TemplateFill] = []
    start = 0
    while start < len(paragraphs):
        longest = min(len(paragraphs), start + templates.max_paragraphs)
        for end in range(longest, start, -1):
            candidate = encoded_for_sms("\n\n".join(paragraphs[start:end]))
            try:
                fills.append(templates.to_template(candidate, language))
            except UnregisteredSmsError:
                if end == start + 1:
                    raise
                continue
            start = end
            break
    return fills


def to_template(sms_text: str, language: str) -> TemplateFill:
    """The shipped registry's template for ``sms_text`` (:meth:`TemplateRegistry.to_template`)."""
    return registry().to_template(sms_text, language)


#: Columns of the DLT bulk-upload export, in order.
CSV_COLUMNS: Final = (
    "language",
    "template_name",
    "dlt_template_id",
    "type",
    "unicode",
    "variables",
    "text",
    "slots",
    "justification",
)


def export_csv(templates: Iterable[SmsTemplate]) -> str:
    """The templates as CSV, one row each, in the shape a DLT portal's bulk upload takes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for template in templates:
        writer.writerow(
            (
                template.language,
                template.name,
                template.dlt_template_id or "",
                TEMPLATE_TYPE,
                "yes" if template.unicode else "no",
                len(template.slots),
                template.text,
                "; ".join(f"{slot.name}<={slot.max_length}" for slot in template.slots),
                template.justification or "",
            )
        )
    return out.getvalue()
