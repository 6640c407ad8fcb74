"""The conversation's state: which step the user is at, and what they have told us so far."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.i18n.catalogs import Language
from bot.inbound import Channel

#: Bumped when the session's shape changes; an older session starts afresh.
SESSION_VERSION = 2


class State(StrEnum):
    """Where the conversation is: each state asks one question."""

    LANGUAGE = "language"
    CATEGORY = "category"
    CATEGORY_GROUP = "category_group"
    CATEGORY_LIST = "category_list"
    CATEGORY_PICK = "category_pick"
    DEMAND = "demand"
    MAX_DEMAND = "max_demand"
    UNITS = "units"
    #: "Don't know" to the units: the appliances at home give an approximate figure.
    APPLIANCES = "appliances"
    KWH = "kwh"
    TOD_SPLIT = "tod_split"
    #: Two different unit figures were given: which is right?
    CONFIRM_UNITS = "confirm_units"
    ESTIMATE = "estimate"
    EXPLAIN = "explain"
    #: "Is my bill right?": the total printed, the months it covers, and the comparison.
    CHECK_TOTAL = "check_total"
    CHECK_MONTHS = "check_months"
    CHECK_RESULT = "check_result"


class Answers(BaseModel):
    """What the user has told us about their connection."""

    model_config = ConfigDict(extra="forbid")

    category: str | None = None
    demand: Decimal | None = None
    demand_defaulted: bool = False
    max_demand: Decimal | None = None
    units: Decimal | None = None
    kwh: Decimal | None = None
    #: Offers made after the estimate (they change rebates or meter rent, not the charges).
    rural: bool | None = None
    smart_meter: bool | None = None
    ebill: bool | None = None
    #: A bill amount given before the category, turned into units once the category is known.
    bill_amount: Decimal | None = None
    #: A second, different units figure waiting for the user to confirm which is right.
    units_candidate: Decimal | None = None
    solar_units: Decimal | None = None
    peak_units: Decimal | None = None
    #: Question states answered (or skipped), so each is asked once.
    answered: list[State] = Field(default_factory=list)

    def snapshot(self) -> Answers:
        """An independent copy, to tell afterwards what a turn changed. Every field but
        ``answered`` holds an immutable value, so only that list is copied (a deep copy costs
        ten times as much, on every message)."""
        return self.model_copy(update={"answered": list(self.answered)})


class Session(BaseModel):
    """One user's conversation, saved as JSON between messages."""

    model_config = ConfigDict(extra="forbid")

    version: int = SESSION_VERSION
    channel: Channel = "whatsapp"
    #: Odia until a message with words says otherwise (Bijuli serves Odisha first).
    language: Language = "or"
    #: The user chose the language (menu or its name): detection never overrides it.
    language_chosen: bool = False
    #: A message with words decided the language; until then replies carry the switch line.
    language_settled: bool = False
    #: The user wrote their language in Latin letters: English was offered once.
    english_offered: bool = False
    state: State = State.CATEGORY
    #: Question states in the order they were answered, for "back".
    history: list[State] = Field(default_factory=list)
    answers: Answers = Field(default_factory=Answers)
    #: Choices offered by the last question (category ids), when they vary.
    options: list[str] = Field(default_factory=list)
    opted_out: bool = False
    #: The user asked to hear an estimate once: every estimate then comes with a voice note.
    voice: bool = False
    #: A bill check is under way: the estimate's questions lead to the comparison instead.
    #: Kept on the session, not in the answers, so that choosing a category keeps it.
    checking: bool = False
    #: The total printed on the bill being checked, and the whole months it covers (M5).
    bill_total: Decimal | None = None
    bill_months: int | None = None
    #: Consumption month (YYYY-MM) if pinned for this conversation, else the current month.
    month: str | None = None
    turns: int = 0

    def to_json(self) -> str:
        """Serialise for a session store."""
        return self.model_dump_json(exclude_defaults=False)

    @classmethod
    def from_json(cls, text: str | None) -> Session | None:
        """Read a stored session; None when absent, unreadable or from an older version."""
        if not text:
            return None
        try:
            session = cls.model_validate_json(text)
        except ValidationError:
            return None
        return session if session.version == SESSION_VERSION else None
