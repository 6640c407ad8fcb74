"""Generate the SMS template registry from the message catalogs.

The registry (``data/sms_templates.yaml``) is not written by hand: each template is a message as
the bot sends it by SMS, with every value that changes from one consumer to the next turned into
a ``{#var#}`` and everything else, including the tariff's own figures (rebate rates, hours,
limits), kept as fixed text. Sources, per language:

* **messages** — every message of :mod:`bot.messages` and :mod:`bot.appliances.names` on its
  own (a question, a re-prompt, an acknowledgement, an offer, a tip), its ``{placeholders}``
  turned into slots;
* **faq** — each FAQ answer as sent by SMS (its first sentences, figures filled in): fixed text;
* **menus** — the category menu, the supply menu, each supply's list, the language menu, the
  SMS question for the appliances at home: fixed;
* **estimate** — the two paragraphs of the SMS estimate, built by the renderer's own
  :func:`~bot.rendering.estimate.sms_summary_text` with ``{#var#}`` for the values, for each
  title, with or without the total and the late amount, and with each extra line (offer, tip,
  assumed load) that leaves the paragraph within three variables.
* **lists** — the paragraphs of the replies built per consumer, composed with the renderer's
  own :mod:`bot.rendering.sms_layout` shapes: each bill line numbered (the line menu, the
  first under its title) and with its amount (the details, a line's explanation), the duty,
  each rebate (alone or under its title), each tip under the tips' title, each category a word
  may name as a menu option, each appliance's units, the appliances' total, the saving of each
  change, and the bill check over each number of months. Labels are fixed text, one template
  per label; only what changes per consumer is a variable.

A candidate that breaks a DLT rule (more than three variables, too little fixed text) is left
out and listed by :func:`build`, so the bot can never send it through a DLT gateway.
``bijuli sms templates --write`` rewrites the file; a test checks it is up to date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Final

import yaml

from bot import messages as m
from bot.appliances import names as appliance_names
from bot.categories import GROUPS
from bot.channels.sms_templates import (
    DEFAULT_MAX_VARIABLE,
    DLT_VARIABLE,
    InvalidTemplateError,
    Slot,
    SmsTemplate,
    TemplateRegistry,
)
from bot.conversation.appliance_steps import ask_appliances
from bot.conversation.check_steps import MAX_BILL_MONTHS
from bot.conversation.choose import LANGUAGE_NAMES, ask_category, ask_group, ask_language, ask_list
from bot.conversation.context import TurnContext
from bot.conversation.session import Session, State
from bot.i18n.catalogs import LANGUAGES, Language, Translator
from bot.i18n.sms import RUPEE_IN_GSM7, SMS_MAX_SEGMENTS_ESTIMATE, first_sentences, sms_encoding
from bot.rendering.estimate import sms_summary_text, sms_summary_title
from bot.rendering.faq import FAQ_MESSAGES, render_faq
from bot.rendering.figures import tariff_figures
from bot.rendering.labels import REBATE_LABELS, category_name, unit_word
from bot.rendering.sms_layout import amount_row, numbered_row, option_row, titled
from bot.tariff_source import active_tariff
from tariff_core import TariffOrder

__all__ = ["Generated", "build", "render_yaml"]

#: The longest value each placeholder takes, by its name (money like "₹1,23,45,678.00" is 15).
SLOT_LENGTHS: Final[dict[str, int]] = {
    "amount": 18,
    "minimum": 18,
    "total": 18,
    "due": 18,
    "after": 18,
    "printed": 18,
    "expected": 18,
    "rate": 12,
    "units": 14,
    "value": 12,
    "previous": 14,
    "present": 14,
    "first": 14,
    "second": 14,
    "low": 14,
    "high": 14,
    "left": 14,
    "over": 14,
    "limit": 14,
    "kw": 10,
    "hp": 10,
    "demand": 12,
    "load": 12,
    "threshold": 8,
    "count": 3,
    "months": 3,
    "days": 4,
    "unit": 5,
    "percent": 8,
    "discount": 8,
    "surcharge": 8,
    "load_factor": 8,
    "floor": 8,
    "month": 24,
    "category": DEFAULT_MAX_VARIABLE,
}
DEFAULT_SLOT_LENGTH: Final = 20
#: Tighter limits where a label's figure is short (slab bounds, a line's number), so that the
#: labelled rows keep 30 % fixed text.
ROW_SLOT_LENGTHS: Final[dict[str, int]] = {
    "number": 2,
    "first": 6,
    "last": 6,
    "limit": 6,
    "threshold": 6,
    "count": 6,
}
#: Messages that label a bill line (one template per label and row shape).
LINE_PREFIX: Final = "LINE_"
#: Messages that are tips (each is also sent under the tips' title).
TIP_PREFIX: Final = "TIP_"
#: Modules whose messages are templates on their own (the appliances' when units are unknown).
MESSAGE_MODULES: Final[tuple[ModuleType, ...]] = (m, appliance_names)
#: Messages the estimate's second paragraph may carry as its one extra line.
EXTRA_PREFIXES: Final = ("OFFER_", "TIP_")
EXTRA_NAMES: Final = ("LOAD_ASSUMED",)
#: Demand units an extra line's {unit} can take (the assumed load): baked in, one template each.
DEMAND_UNITS: Final = ("kW", "kVA")
_PLACEHOLDER: Final = re.compile(r"\{(\w+)\}")
_VAR: Final = "\x00"  # stands for {#var#} until the text is final (sms_text must not see "{")
#: A named slot inside a composed text, until the text is final: ``\x02units\x03``.
_SLOT: Final = re.compile("\x02(\\w+)\x03")


def _slot(name: str) -> str:
    """A slot called ``name`` in a text being composed (see :meth:`_Builder.add_marked`)."""
    return f"\x02{name}\x03"


@dataclass(frozen=True)
class Generated:
    """The templates made, and the candidates left out with the rule each broke."""

    templates: list[SmsTemplate]
    left_out: list[str]


def _message_constants(*modules: ModuleType) -> Iterator[tuple[str, str]]:
    for module in modules or MESSAGE_MODULES:
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, str) and not name.startswith("_"):
                yield name, value


class _Builder:
    """Candidates for one language, with the tariff's figures baked in."""

    def __init__(self, language: Language, order: TariffOrder) -> None:
        self.language = language
        self.t = Translator.load(language)
        self.order = order
        self.figures = tariff_figures(order, self.t)
        self.figures["example"] = self.t.gettext(m.QUICK_EXAMPLE)
        self.figures["languages"] = " / ".join(LANGUAGE_NAMES[code] for code in LANGUAGES)
        self.candidates: list[SmsTemplate] = []
        self.left_out: list[str] = []

    def add(
        self, name: str, text: str, slots: list[str], lengths: dict[str, int] | None = None
    ) -> bool:
        """One candidate: ``text`` with :data:`_VAR` where the slots go, in order; ``lengths``
        overrides :data:`SLOT_LENGTHS` for this template. False when it breaks a rule."""
        # As :func:`~bot.i18n.sms.sms_text` does to the sent text: ₹ becomes "Rs " where that
        # keeps the SMS in GSM-7 (decided on the fixed text; the slots are GSM-7 either way).
        plain = text.replace("\u20b9", RUPEE_IN_GSM7)
        body = plain if sms_encoding(plain.replace(_VAR, "")) == "GSM-7" else text
        template = SmsTemplate(
            name=f"bj_{self.language}_{name}",
            language=self.language,
            text=body.replace(_VAR, DLT_VARIABLE),
            slots=tuple(Slot(s, _slot_length(s, lengths)) for s in slots),
        )
        try:
            TemplateRegistry([template])
        except InvalidTemplateError as exc:
            self.left_out.append(str(exc))
            return False
        self.candidates.append(template)
        return True

    def add_marked(self, name: str, text: str, lengths: dict[str, int] | None = None) -> bool:
        """One candidate composed with :func:`_slot` markers: each becomes a slot, in order."""
        return self.add(name, _SLOT.sub(_VAR, text), _SLOT.findall(text), lengths)

    def marked(self, msgid: str, baked: dict[str, str] | None = None) -> str:
        """The message with the tariff's figures (and ``baked``) filled in and every other
        placeholder a :func:`_slot` marker."""
        values = {**self.figures, **(baked or {})}
        return _PLACEHOLDER.sub(
            lambda found: values.get(found.group(1), _slot(found.group(1))),
            self.t.gettext(msgid),
        )

    def slotted(self, text: str, baked: dict[str, str]) -> tuple[str, list[str]]:
        """``text`` with known figures filled in and every other placeholder a slot."""
        slots: list[str] = []

        def replace(found: re.Match[str]) -> str:
            name = found.group(1)
            if name in baked:
                return baked[name]
            slots.append(name)
            return _VAR

        return _PLACEHOLDER.sub(replace, text), slots

    def messages(self) -> None:
        for name, msgid in _message_constants():
            text, slots = self.slotted(self.t.gettext(msgid), self.figures)
            if _fits(self.language, text, slots) or "{unit}" not in self.t.gettext(msgid):
                self.add(name.lower(), text, slots)
                continue
            # Within the rules only with its unit written in: one template per demand unit.
            baked = [
                (unit, *self.slotted(self.t.gettext(msgid), {**self.figures, "unit": unit}))
                for unit in DEMAND_UNITS
            ]
            if not all(_fits(self.language, text, slots) for _unit, text, slots in baked):
                self.add(name.lower(), text, slots)  # left out, with the rule it breaks
                continue
            for unit, text, slots in baked:
                self.add(f"{name.lower()}_{unit.lower()}", text, slots)

    def lists(self) -> None:
        """Each paragraph of the replies built per consumer (:mod:`bot.rendering.sms_layout`)."""
        self.line_rows()
        self.rebates_and_tips()
        self.category_options()
        self.appliances()
        self.check_months()

    def line_rows(self) -> None:
        """Every bill line label: numbered (alone, and the first under the line menu's title)
        and with its amount (the details, an explanation's head); and the duty's rows."""
        t = self.t
        which = t.gettext(m.ASK_WHICH_LINE)
        for name, msgid in _message_constants(m):
            if not name.startswith(LINE_PREFIX):
                continue
            units = DEMAND_UNITS if "{unit}" in t.gettext(msgid) else ("",)
            for unit in units:
                key = name.lower() + (f"_{unit.lower()}" if unit else "")
                label = self.marked(msgid, {"unit": unit} if unit else {})
                self.add_marked(
                    f"{key}_row", numbered_row(_slot("number"), label), ROW_SLOT_LENGTHS
                )
                self.add_marked(
                    f"{key}_menu", titled(which, numbered_row("1", label)), ROW_SLOT_LENGTHS
                )
                self.add_marked(
                    f"{key}_amount", amount_row(label, _slot("amount")), ROW_SLOT_LENGTHS
                )
        for name, msgid in (("duty", m.DUTY_LINE), ("duty_approximate", m.DUTY_LINE_APPROXIMATE)):
            self.add_marked(f"{name}_amount", amount_row(self.marked(msgid), _slot("amount")))

    def rebates_and_tips(self) -> None:
        """Each rebate with its amount (alone and under either title); each tip under the
        tips' title (alone, each tip is a message of its own)."""
        t = self.t
        titles = (
            ("", ""),
            ("counted_", t.gettext(m.REBATES_COUNTED)),
            ("open_", t.gettext(m.REBATES_OPTIONS)),
        )
        for code, msgid in REBATE_LABELS.items():
            item = t.format(m.REBATE_ITEM, label=t.gettext(msgid), amount=_slot("amount"))
            for prefix, title in titles:
                self.add_marked(
                    f"rebate_item_{prefix}{code.value}", titled(title, item) if title else item
                )
        tips_title = t.gettext(m.TIPS_TITLE)
        for name, msgid in _message_constants(m):
            if name.startswith(TIP_PREFIX):
                self.add_marked(f"tips_{name.lower()}", titled(tips_title, self.marked(msgid)))

    def category_options(self) -> None:
        """Each category as an option of "which of these do you mean?" (alone, and as the
        first under that question): the categories a word names differ from word to word."""
        which = self.t.gettext(m.ASK_WHICH_CATEGORY)
        for ids in GROUPS.values():
            for category in ids:
                name = category_name(category, self.t)
                key = category.replace(".", "_")
                self.add_marked(
                    f"category_option_{key}", option_row(_slot("number"), name), ROW_SLOT_LENGTHS
                )
                self.add_marked(f"category_pick_{key}", titled(which, option_row("1", name)))

    def appliances(self) -> None:
        """The appliances' total with the approximation note (after "could not read all"
        or not), each appliance's units, and the saving of each change."""
        t = self.t
        total = "\n".join(
            [
                self.marked(appliance_names.APPLIANCES_TOTAL),
                t.gettext(appliance_names.APPLIANCES_APPROXIMATE),
            ]
        )
        self.add_marked("appliances_total_approximate", total)
        self.add_marked(
            "appliances_total_approximate_partly",
            titled(t.gettext(appliance_names.APPLIANCES_PARTLY_READ), total),
        )
        for appliance, msgid in appliance_names.NAMES.items():
            self.add_marked(
                f"appliance_units_{appliance.value}",
                self.marked(appliance_names.APPLIANCE_LINE, {"name": t.gettext(msgid)}),
            )
        for swap, msgid in appliance_names.CHANGES.items():
            change = {"change": t.gettext(msgid)}
            self.add_marked(
                f"appliances_saving_{swap}",
                self.marked(appliance_names.APPLIANCES_SAVING_RUPEES, change),
            )
            self.add_marked(
                f"appliances_saving_units_{swap}",
                self.marked(appliance_names.APPLIANCES_SAVING_UNITS, change),
            )

    def check_months(self) -> None:
        """The bill check's totals for a bill of each number of months (written in)."""
        for months in range(2, MAX_BILL_MONTHS + 1):
            text = self.marked(m.CHECK_RESULT_MONTHS, {"months": str(months)})
            self.add_marked(f"check_result_months_{months}", text)

    def faq(self) -> None:
        for topic in FAQ_MESSAGES:
            answer = render_faq(topic, self.t, self.order)
            self.add(f"faq_{topic.value}", first_sentences(answer, SMS_MAX_SEGMENTS_ESTIMATE), [])

    def menus(self, month: dt.date) -> None:
        def prompt(state: State, options: list[str] | None = None) -> str:
            session = Session(channel="sms", language=self.language, state=state)
            session.options = options or []
            return _MENU_QUESTIONS[state](TurnContext(session, "sms", month))

        self.add("menu_category", prompt(State.CATEGORY), [])
        self.add("menu_supply", prompt(State.CATEGORY_GROUP), [])
        self.add("menu_language", prompt(State.LANGUAGE), [])
        self.add("ask_appliances_sms", prompt(State.APPLIANCES), [])
        for group, ids in GROUPS.items():
            self.add(f"menu_list_{group.lower()}", prompt(State.CATEGORY_LIST, list(ids)), [])

    def estimate(self) -> None:
        """The SMS estimate's two paragraphs, in every shape the renderer may choose."""
        t = self.t
        kj_line = t.format(m.SHORT_KUTIR_JYOTI_ABOVE, limit=self.figures.get("kj_limit", ""))
        for unit_code in ("kWh", "kVAh"):
            unit = unit_word(unit_code, t)
            key = unit_code.lower()
            for kind in ("full", "short", "units"):
                category_slots = [] if kind == "units" else ["category"]
                title = sms_summary_title(t, kind, _VAR, _VAR, unit)
                kutirs = [("", [])] if kind == "units" else [("", []), ("_kj", [kj_line])]
                for suffix, kutir in kutirs:
                    for with_total in (True, False):
                        head = sms_summary_text(
                            t,
                            title,
                            kutir_line=kutir[0] if kutir else "",
                            total=_VAR if with_total else "",
                            due="",
                        ).split("\n\n")[0]
                        slots = [*category_slots, "units", *(["total"] if with_total else [])]
                        name = f"estimate_{kind}_{key}{suffix}{'_total' if with_total else ''}"
                        self.add(name, head, slots)
        extras: list[tuple[str, str, list[str]]] = [("", "", [])]
        for name, msgid in _message_constants(m):
            if name.startswith(EXTRA_PREFIXES) or name in EXTRA_NAMES:
                for unit in DEMAND_UNITS if "{unit}" in t.gettext(msgid) else ("",):
                    text, slots = self.slotted(t.gettext(msgid), {**self.figures, "unit": unit})
                    label = f"_{name.lower()}" + (f"_{unit.lower()}" if unit else "")
                    extras.append((label, text, slots))
        closing = t.gettext(m.FOLLOW_UP_SMS)
        for label, extra, extra_slots in extras:
            for with_after in (True, False):
                for with_menu in (True, False):
                    if extra and not with_menu:
                        continue  # the renderer drops the extra before the menu
                    tail = sms_summary_text(
                        t,
                        "",
                        due=_VAR,
                        after=_VAR if with_after else "",
                        extra=extra,
                        closing=closing if with_menu else "",
                    ).split("\n\n", 1)[1]
                    slots = ["due", *(["after"] if with_after else []), *extra_slots]
                    name = f"estimate_pay{'_after' if with_after else ''}{label}"
                    self.add(name + ("" if with_menu else "_no_menu"), tail, slots)


def _slot_length(name: str, lengths: dict[str, int] | None) -> int:
    if lengths and name in lengths:
        return lengths[name]
    return SLOT_LENGTHS.get(name, DEFAULT_SLOT_LENGTH)


def _fits(language: Language, text: str, slots: list[str]) -> bool:
    """Whether a candidate keeps every DLT rule as it is."""
    trial = SmsTemplate(
        name="trial",
        language=language,
        text=text.replace(_VAR, DLT_VARIABLE),
        slots=tuple(Slot(s, _slot_length(s, None)) for s in slots),
    )
    try:
        TemplateRegistry([trial])
    except InvalidTemplateError:
        return False
    return True


#: The question of each menu state: fixed text in each language (the options included).
_MENU_QUESTIONS: Final[dict[State, Callable[[TurnContext], str]]] = {
    State.CATEGORY: ask_category,
    State.CATEGORY_GROUP: ask_group,
    State.CATEGORY_LIST: ask_list,
    State.LANGUAGE: ask_language,
    State.APPLIANCES: ask_appliances,
}


def build(month: dt.date | None = None) -> Generated:
    """Every template for every language, from the catalogs and the order in force."""
    tariff = active_tariff()
    month = month or tariff.orders[-1].order.effective_from
    order = tariff.order_for(month)
    templates: list[SmsTemplate] = []
    left_out: list[str] = []
    for language in LANGUAGES:
        builder = _Builder(language, order)
        builder.messages()
        builder.faq()
        builder.menus(month)
        builder.estimate()
        builder.lists()
        seen: set[str] = set()
        for template in builder.candidates:
            if template.text in seen:
                continue  # two messages with the same text in this language: one template
            seen.add(template.text)
            templates.append(template)
        left_out.extend(builder.left_out)
    TemplateRegistry(templates)  # names unique, every rule holds
    return Generated(templates, left_out)


def render_yaml(generated: Generated, dlt_ids: dict[str, str] | None = None) -> str:
    """The registry file's text; ``dlt_ids`` keeps the DLT ids an operator already filled in."""
    dlt_ids = dlt_ids or {}
    languages: dict[str, list[dict[str, object]]] = {code: [] for code in LANGUAGES}
    for template in generated.templates:
        entry: dict[str, object] = {"name": template.name, "text": template.text}
        if template.slots:
            entry["slots"] = [{"name": s.name, "max_length": s.max_length} for s in template.slots]
        entry["dlt_template_id"] = dlt_ids.get(template.name)
        languages[template.language].append(entry)
    header = (
        "# Bijuli's SMS templates for India's DLT registration, one list per language.\n"
        "# GENERATED from the message catalogs by `bijuli sms templates --write`: do not edit\n"
        "# by hand, except `dlt_template_id` (the id the DLT portal assigned; kept on rewrite).\n"
    )
    body = yaml.safe_dump({"languages": languages}, allow_unicode=True, sort_keys=False, width=1000)
    return header + body
