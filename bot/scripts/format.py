"""The conversation-script format: a strict model of one YAML file, and its loader.

A script is what a user says, step by step, and what the bot must answer::

    name: domestic-250-whatsapp
    language: en
    channel: whatsapp
    month: 2026-05            # optional: the consumption month (default 2026-05)
    start:                    # optional: a pre-filled session (validated as a Session)
      state: units
      answers: {category: "1.b", demand: 2, answered: [demand]}
    variants:                 # optional: one test per entry; {placeholders} in `say`
      - {units: "250"}
      - {name: odia-digits, units: "୨୫୦"}
    steps:
      - say: "{units}"
        reply_contains: "₹1,190.00"
        session: {state: rural, answers.units: 250}
        estimate: {total: "1215.00"}

Every level has a closed set of keys (``extra="forbid"``) and YAML duplicate keys are refused,
so a typo fails loudly. :func:`load_script` raises :class:`ScriptError` naming the file, the
step number (1-based, as a reader counts) and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.conversation.session import Session
from bot.i18n.catalogs import Language
from bot.inbound import Channel

__all__ = [
    "DEFAULT_MONTH",
    "MAX_REPEAT",
    "SCRIPT_SUFFIXES",
    "Case",
    "EstimateExpectation",
    "Repeat",
    "Script",
    "ScriptError",
    "Step",
    "expand",
    "fill",
    "find_scripts",
    "load_script",
]

#: The consumption month of a script that does not give one (before ToD starts).
DEFAULT_MONTH: Final = "2026-05"
#: The longest text a ``repeat`` helper may build (Twilio caps a body at 1,600; pastes are longer).
MAX_REPEAT: Final = 20_000
SCRIPT_SUFFIXES: Final = (".yaml", ".yml")

_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
_PLACEHOLDER_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_STRICT = ConfigDict(extra="forbid", frozen=True)


class ScriptError(Exception):
    """A script file that cannot be used: the message names the file, the step and the key."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = Path(path)
        self.problems = problems
        super().__init__(
            f"{path}: " + ("\n  ".join(problems) if len(problems) > 1 else problems[0])
        )


# -- the model ---------------------------------------------------------------------------------


class Repeat(BaseModel):
    """``say: {repeat: "a", times: 5000}``: a long paste without writing it out."""

    model_config = _STRICT

    repeat: str = Field(min_length=1)
    times: int = Field(ge=1)

    @model_validator(mode="after")
    def _bounded(self) -> Repeat:
        if len(self.repeat) * self.times > MAX_REPEAT:
            raise ValueError(f"repeat builds more than {MAX_REPEAT} characters")
        return self

    def text(self) -> str:
        return self.repeat * self.times


def _money(value: Any) -> Any:
    """Accept 25, 25.5 and "25.00" alike; refuse anything that is not a number."""
    if isinstance(value, bool):
        raise ValueError('expected an amount like "25.00", not true/false')
    if isinstance(value, int | float | str):
        try:
            return Decimal(str(value).replace(",", ""))
        except InvalidOperation:
            raise ValueError(f'{value!r} is not an amount like "1170.00"') from None
    return value


#: Line codes an expectation may name directly (each sums the estimate's lines of that code).
LINE_CODES: Final = (
    "energy",
    "fixed",
    "demand",
    "meter_rent",
    "customer_service",
    "tod",
    "overdrawal",
)
#: Other figures read as money.
_AMOUNT_FIELDS: Final = (
    "total",
    "payable_by_due_date",
    "payable_after_due_date",
    "units",
    "contract_demand",
    "load_factor_percent",
)


class EstimateExpectation(BaseModel):
    """Figures the estimate must have after the step (rupees; any line code sums its lines)."""

    model_config = _STRICT

    energy: Decimal | None = None
    fixed: Decimal | None = None
    demand: Decimal | None = None
    meter_rent: Decimal | None = None
    customer_service: Decimal | None = None
    tod: Decimal | None = None
    overdrawal: Decimal | None = None
    #: Other line codes by name, e.g. ``{kutir_jyoti: "70.00"}``.
    lines: dict[str, Decimal] = Field(default_factory=dict)
    #: ``charges_total``.
    total: Decimal | None = None
    payable_by_due_date: Decimal | None = None
    payable_after_due_date: Decimal | None = None
    #: Rebate amounts by code (``prompt_payment``, ``digital``, ``ebill``...).
    rebates: dict[str, Decimal] = Field(default_factory=dict)
    #: Rebate codes that must not be offered.
    no_rebates: list[str] = Field(default_factory=list)
    units: Decimal | None = None
    contract_demand: Decimal | None = None
    load_factor_percent: Decimal | None = None
    category: str | None = None
    billed_as: str | None = None
    month: str | None = None
    #: Note codes the estimate must carry (``tod_no_split``, ``tariff_changed``...).
    notes: list[str] = Field(default_factory=list)

    @field_validator(*LINE_CODES, *_AMOUNT_FIELDS, mode="before")
    @classmethod
    def _amount(cls, value: Any) -> Any:
        return _money(value)

    @field_validator("lines", "rebates", mode="before")
    @classmethod
    def _amounts(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: _money(amount) for key, amount in value.items()}
        return value

    @field_validator("category", "billed_as", mode="before")
    @classmethod
    def _category_id(cls, value: Any) -> Any:
        # YAML reads `billed_as: 2` as a number; category ids are text.
        return str(value) if isinstance(value, int) else value

    def figures(self) -> dict[str, Any]:
        """The expectations given, by name (what the runner checks)."""
        return self.model_dump(exclude_defaults=True)


def _text_list(value: Any) -> Any:
    if isinstance(value, str):
        return [value]
    return value


class Step(BaseModel):
    """One message from the user, and what must hold after the bot answers it."""

    model_config = _STRICT

    say: str | Repeat
    #: Attachments on the message (a photo of the bill): Twilio's NumMedia.
    media: int = Field(default=0, ge=0, le=10)
    reply_contains: list[str] = Field(default_factory=list)
    reply_not_contains: list[str] = Field(default_factory=list)
    reply_matches: list[str] = Field(default_factory=list)
    #: Expected session values by dotted path: ``{state: estimate, answers.units: 250}``.
    session: dict[str, Any] | None = None
    estimate: EstimateExpectation | None = None
    #: Every reply of this step fits in this many SMS segments.
    max_sms_segments: int | None = Field(default=None, ge=1)
    #: Every message of this step has at most this many characters (a WhatsApp screen: 700).
    max_chars: int | None = Field(default=None, ge=1)
    #: The bot stays silent (the user opted out).
    no_reply: bool = False
    #: The bot erased the user's data on this step.
    deleted: bool = False

    @field_validator("say", mode="before")
    @classmethod
    def _quoted(cls, value: Any) -> Any:
        if isinstance(value, dict) and "repeat" not in value:
            raise ValueError(
                'quote a placeholder: say: "{units}" (unquoted, YAML reads {units} as a mapping)'
            )
        if isinstance(value, dict):
            try:
                return Repeat.model_validate(value)
            except ValidationError as exc:
                problems = [
                    "unknown key " + repr(".".join(map(str, e["loc"])))
                    if e["type"] == "extra_forbidden"
                    else f"{'.'.join(map(str, e['loc'])) or 'repeat'}: "
                    + e["msg"].removeprefix("Value error, ")
                    for e in exc.errors(include_url=False)
                ]
                raise ValueError("; ".join(problems)) from None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)  # `say: 250` means the text "250"
        return value

    @field_validator("reply_contains", "reply_not_contains", "reply_matches", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return _text_list(value)

    @field_validator("reply_matches")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad regular expression {pattern!r}: {exc}") from None
        return patterns

    @field_validator("session")
    @classmethod
    def _known_paths(cls, expected: dict[str, Any] | None) -> dict[str, Any] | None:
        for path in expected or {}:
            _check_session_path(path)
        return expected

    @model_validator(mode="after")
    def _consistent(self) -> Step:
        if self.no_reply and (self.reply_contains or self.reply_matches):
            raise ValueError("no_reply cannot be combined with reply_contains/reply_matches")
        return self

    def text(self) -> str:
        return self.say.text() if isinstance(self.say, Repeat) else self.say


def _check_session_path(path: str) -> None:
    """Refuse a dotted path that names no field of the session (``answers.unit``...)."""
    model: type[BaseModel] | None = Session
    walked: list[str] = []
    for part in path.split("."):
        if model is None:
            raise ValueError(f"session path {path!r}: {'.'.join(walked)} has no fields")
        if part not in model.model_fields:
            known = ", ".join(sorted(model.model_fields))
            where = ".".join([*walked, part])
            raise ValueError(f"session path {where!r} is not a session field (known: {known})")
        walked.append(part)
        annotation = model.model_fields[part].annotation
        model = (
            annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel)
            else None
        )


class Script(BaseModel):
    """One conversation script file."""

    model_config = _STRICT

    name: str
    language: Language
    channel: Channel
    description: str = ""
    month: str | None = None
    start: dict[str, Any] | None = None
    variants: list[dict[str, str]] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1)

    @field_validator("name")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _NAME.fullmatch(value):
            raise ValueError("a name is lower-case letters, digits, '-', '_' or '.' (no spaces)")
        return value

    @field_validator("month", mode="before")
    @classmethod
    def _month(cls, value: Any) -> Any:
        if value is not None and not (isinstance(value, str) and _MONTH.fullmatch(value)):
            raise ValueError(f"month must be YYYY-MM in quotes, got {value!r}")
        return value

    @field_validator("variants", mode="before")
    @classmethod
    def _variant_values(cls, value: Any) -> Any:
        # `{units: 250}` is meant as the text "250".
        if isinstance(value, list):
            return [
                {k: v if isinstance(v, str) else str(v) for k, v in item.items()}
                if isinstance(item, dict)
                else item
                for item in value
            ]
        return value

    @model_validator(mode="after")
    def _placeholders(self) -> Script:
        in_say: set[str] = set()
        elsewhere: set[str] = set()
        for step in self.steps:
            if isinstance(step.say, str):
                in_say |= _names(step.say)
            for text in _expectation_texts(step):
                elsewhere |= _names(text)
        if in_say and not self.variants:
            raise ValueError(
                f"`say` uses {{{', '.join(sorted(in_say))}}} but the script has no variants"
            )
        for number, variant in enumerate(self.variants, start=1):
            names = set(variant) - {"name"}
            for name in names:
                if not _PLACEHOLDER_NAME.fullmatch(name):
                    raise ValueError(f"variant {number}: {name!r} is not a placeholder name")
            missing = in_say - names
            if missing:
                raise ValueError(
                    f"variant {number} gives no value for {', '.join(sorted(missing))}"
                )
            unused = names - in_say - elsewhere
            if unused:
                raise ValueError(
                    f"variant {number}: {', '.join(sorted(unused))} is not used in any step"
                )
        labels = [v.get("name") for v in self.variants if v.get("name")]
        if len(labels) != len(set(labels)):
            raise ValueError("two variants have the same name")
        return self

    def start_session(self) -> Session | None:
        """The pre-filled session, in the script's channel and language unless it says."""
        if self.start is None:
            return None
        data = {"channel": self.channel, "language": self.language, **self.start}
        return Session.model_validate(data)


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _names(text: str) -> set[str]:
    """Placeholder names in ``text``: ``{units}``."""
    return set(_PLACEHOLDER.findall(text))


def _expectation_texts(step: Step) -> list[str]:
    texts = [*step.reply_contains, *step.reply_not_contains, *step.reply_matches]
    texts += [value for value in (step.session or {}).values() if isinstance(value, str)]
    return texts


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with each ``{name}`` that ``values`` defines replaced (other braces kept)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


# -- loading -----------------------------------------------------------------------------------


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses duplicate keys (a silently overridden step is a lost check)
    and reads only ``true``/``false`` as booleans, so ``say: no`` is the word "no"."""


_BOOL_TAG: Final = "tag:yaml.org,2002:bool"
_UniqueKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_UniqueKeyLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _where(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location, as a reader counts: ``step 3, key 'reply_contains'``."""
    parts = list(loc)
    words: list[str] = []
    if len(parts) >= 2 and parts[0] == "steps" and isinstance(parts[1], int):
        words.append(f"step {parts[1] + 1}")
        parts = parts[2:]
        # a `say` that is neither text nor {repeat, times}: pydantic names the union members
        if parts and parts[0] == "say":
            parts = parts[:1] + [p for p in parts[1:] if p not in ("str", "Repeat")]
    elif len(parts) >= 2 and parts[0] == "variants" and isinstance(parts[1], int):
        words.append(f"variant {parts[1] + 1}")
        parts = parts[2:]
    if parts:
        words.append("key " + repr(".".join(str(p) for p in parts)))
    return ", ".join(words)


def _messages(exc: ValidationError) -> list[str]:
    problems = []
    for error in exc.errors(include_url=False):
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key (a typo?)"
        elif error["type"] == "missing":
            message = "missing (required)"
        where = _where(tuple(error["loc"]))
        problems.append(f"{where}: {message}" if where else message)
    return list(dict.fromkeys(problems))


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """A YAML error as ``line 6, column 5: duplicate key 'say'``."""
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        problem = exc.problem or "syntax error"
        context = f" ({exc.context})" if exc.context else ""
        return f"line {mark.line + 1}, column {mark.column + 1}: {problem}{context}"
    return str(exc)


def load_script(path: Path | str) -> Script:
    """Read and validate one script file; raise :class:`ScriptError` on any problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScriptError(path, [f"cannot read: {exc}"]) from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise ScriptError(path, [f"not valid YAML: {_yaml_problem(exc)}"]) from None
    if not isinstance(data, dict):
        raise ScriptError(path, ["a script is a mapping with name, language, channel and steps"])
    try:
        script = Script.model_validate(data)
    except ValidationError as exc:
        raise ScriptError(path, _messages(exc)) from None
    try:
        script.start_session()
    except ValidationError as exc:
        problems = [f"start: {p}" for p in _messages(exc)]
        raise ScriptError(path, problems) from None
    return script


def find_scripts(paths: list[Path]) -> list[Path]:
    """Script files under ``paths`` (files as given, directories searched), sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.suffix in SCRIPT_SUFFIXES and p.is_file())
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


# -- variants ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One runnable test: a script with one variant's values filled in."""

    script: Script
    path: Path
    variant: dict[str, str]
    label: str | None

    @property
    def test_id(self) -> str:
        """``script-name`` or ``script-name[variant-label]``."""
        return f"{self.script.name}[{self.label}]" if self.label else self.script.name

    @property
    def values(self) -> dict[str, str]:
        return {k: v for k, v in self.variant.items() if k != "name"}

    def say(self, step: Step) -> str:
        """What the user sends at ``step``, with this variant's values."""
        text = step.text()
        return fill(text, self.values) if isinstance(step.say, str) else text

    def step(self, step: Step) -> Step:
        """``step`` with this variant's values in its expectations."""
        values = self.values
        if not values:
            return step
        session = step.session
        if session is not None:
            session = {k: fill(v, values) if isinstance(v, str) else v for k, v in session.items()}
        return step.model_copy(
            update={
                "reply_contains": [fill(t, values) for t in step.reply_contains],
                "reply_not_contains": [fill(t, values) for t in step.reply_not_contains],
                "reply_matches": [fill(t, values) for t in step.reply_matches],
                "session": session,
            }
        )

    @property
    def description(self) -> str:
        if not self.variant:
            return ""
        return ", ".join(f"{k}={v!r}" for k, v in self.variant.items() if k != "name")


def expand(script: Script, path: Path) -> list[Case]:
    """One :class:`Case` per variant (a script without variants is one case)."""
    if not script.variants:
        return [Case(script, path, {}, None)]
    return [
        Case(script, path, variant, variant.get("name") or f"variant-{number}")
        for number, variant in enumerate(script.variants, start=1)
    ]
