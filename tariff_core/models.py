"""The public request and estimate models of the tariff engine.

A :class:`BillRequest` describes one consumer's month; :func:`tariff_core.estimate` turns it into
a :class:`BillEstimate`. Money is ``Decimal`` rupees, each line rounded half-up to the paisa, and
serialised as strings with two decimals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, field_validator

from tariff_core.codes import LineCode, RebateCode

#: Rupees, serialised as a string with exactly two decimals ("1234.50").
Money = Annotated[Decimal, PlainSerializer(lambda v: f"{v:.2f}", return_type=str, when_used="json")]
#: A quantity or rate, serialised as a plain decimal string.
Amount = Annotated[
    Decimal, PlainSerializer(lambda v: f"{v.normalize():f}", return_type=str, when_used="json")
]


class MeterType(StrEnum):
    """Meter types of note (xviii), which fix the monthly meter rent."""

    SINGLE_PHASE_STATIC = "single-phase-static"
    SINGLE_PHASE_SMART = "single-phase-smart"
    THREE_PHASE_WHOLE_CURRENT = "three-phase-whole-current"
    THREE_PHASE_LT_CT = "three-phase-lt-ct"
    HT_CT_11KV = "ht-ct-11kv"
    HT_CT_33KV = "ht-ct-33kv"
    HTTV = "httv"


class CgpScheme(StrEnum):
    """The captive-generation drawal schemes of notes (vi), (vii) and (viii)."""

    UP_TO_20MW = "vi"
    ABOVE_20MW = "vii"
    NO_CGP_33KV = "viii"


class Phase(StrEnum):
    """Supply phases; note (xv) puts loads above 5 kW on three phases."""

    SINGLE = "single"
    THREE = "three"


_STRICT = ConfigDict(extra="forbid", frozen=True)

# The engine's output is built from trusted values many thousands of times a second, so its parts
# are slotted dataclasses (a fraction of a microsecond each, against several for a pydantic
# model); pydantic still validates, serialises and documents them as fields of BillEstimate.
# Treat them as immutable: the engine never changes one after building it.
_VALUE = {"slots": True, "kw_only": True}


class BillRequest(BaseModel):
    """One consumer's month, as much as is known about it.

    Only ``category``, ``month`` and ``units`` are always needed; the category's data says which
    other figures its bill depends on (see :func:`tariff_core.category_info`).
    """

    model_config = _STRICT

    category: str = Field(description="Serial number of the schedule (`1.b`, `23`) or a slug.")
    month: dt.date = Field(description="Consumption month; any day of it (YYYY-MM also accepted).")
    units: Decimal = Field(
        ge=0, description="Units consumed: kWh for LT and categories 27/35, else kVAh."
    )
    contract_demand: Decimal | None = Field(
        default=None, gt=0, description="Contract demand in kW or kVA as the category defines."
    )
    max_demand: Decimal | None = Field(
        default=None, ge=0, description="Maximum demand recorded in the month (kW or kVA)."
    )
    fy_highest_demand: Decimal | None = Field(
        default=None, ge=0, description="Highest demand recorded in the financial year (note xiv)."
    )
    kwh: Decimal | None = Field(
        default=None, ge=0, description="kWh in the month, for the load factor of HT/EHT bills."
    )
    solar_units: Decimal = Field(
        default=Decimal(0), ge=0, description="Units drawn in solar hours (08:00-16:00)."
    )
    peak_units: Decimal = Field(
        default=Decimal(0), ge=0, description="Units drawn in peak hours (18:00-24:00)."
    )
    meter: MeterType | None = Field(default=None, description="Meter type (note xviii).")
    smart_meter: bool | None = Field(
        default=None, description="Whether the meter is smart or AMR compliant (ToD, note ix)."
    )
    meter_installed: dt.date | None = Field(
        default=None, description="Month the meter was installed, for the meter-rent period."
    )
    meter_under_grant_scheme: bool = Field(
        default=False, description="Meter supplied under a grant-based government scheme."
    )
    phase: Phase | None = Field(default=None, description="Supply phases, when known.")
    rural: bool = Field(default=False, description="Rural LT domestic consumer (note xxv).")
    temporary: bool = Field(default=False, description="Temporary connection (note xvii).")
    prepaid: bool = Field(default=False, description="Prepaid consumer (note xxvii).")
    ebill: bool = Field(default=False, description="Opted for e-bill (note xxviii).")
    pays_digitally: bool = Field(
        default=False, description="Will pay the whole bill digitally by the due date (xxvi)."
    )
    days_late: int | None = Field(
        default=None, ge=0, le=3650, description="Days after the due date the bill is paid."
    )
    paid_on_time_all_year: bool = Field(
        default=False, description="Paid all 12 bills of the financial year on time (xxix)."
    )
    peak_overdrawal: bool = Field(
        default=False,
        description="Demand above contract demand was drawn in peak hours (loses note x).",
    )
    sc_st_hostel: bool = Field(default=False, description="SC/ST department school hostel (xx).")
    swajala_dhara: bool = Field(default=False, description="Swajala Dhara consumer (note xxi).")
    mega_lift: bool = Field(default=False, description="Mega lift irrigation consumer (xxxii).")
    steel_plant_without_cgp: bool = Field(
        default=False, description="HT steel plant without a CGP (note ii)."
    )
    aluminium_arc_furnace: bool = Field(
        default=False, description="33 kV aluminium arc-furnace industry without a CGP (ii)."
    )
    ev_charging_station: bool = Field(
        default=False, description="Public EV charging station (note xxxi)."
    )
    educational_institution: bool = Field(
        default=False, description="Educational institution on one HT meter (note xix)."
    )
    ice_factory_restriction: bool = Field(
        default=False,
        description="Ice factory during a Fisheries Department restriction (note xxii).",
    )
    cgp_scheme: CgpScheme | None = Field(default=None, description="CGP drawal scheme (vi-viii).")
    incremental_kvah: Decimal | None = Field(
        default=None, ge=0, description="kVAh drawn under the CGP scheme beyond its limit."
    )
    incremental_peak_kvah: Decimal | None = Field(
        default=None, ge=0, description="Of the incremental kVAh, those in peak hours (vii)."
    )
    first_or_final_bill_days: int | None = Field(
        default=None, ge=1, le=31, description="Days of supply in a first or final bill (M4)."
    )
    months: int = Field(
        default=1,
        ge=1,
        le=12,
        description="Whole months the bill covers (a provisional, average or late-read bill): "
        "slab widths and monthly charges are multiplied by it (M5). Never guessed from units.",
    )

    @field_validator("month", "meter_installed", mode="before")
    @classmethod
    def _accept_year_month(cls, value: Any) -> Any:
        """Accept ``YYYY-MM`` as the first day of that month."""
        if isinstance(value, str) and len(value) == 7 and value[4] == "-":
            return f"{value}-01"
        return value


@dataclass(**_VALUE)
class Line:
    """One itemised charge of the bill."""

    code: Annotated[LineCode, Field(description="What the line is; the bot translates from it.")]
    label: Annotated[str, Field(description="English label; the bot translates from code.")]
    quantity: Amount
    unit: Annotated[str, Field(description="kWh, kVAh, kW, kVA, month, ...")]
    rate: Annotated[Amount, Field(description="Rupees per unit of quantity.")]
    amount: Money
    reference: Annotated[str, Field(description="Row or note of the tariff order.")]
    params: Annotated[dict[str, str], Field(description="Facts for translation.")] = field(
        default_factory=dict
    )


class RebateTiming(StrEnum):
    """When a rebate is earned, which decides the payable figure it reduces."""

    ALWAYS = "always"
    BY_DUE_DATE = "by_due_date"
    DIGITAL_BY_DUE_DATE = "digital_by_due_date"
    EBILL = "ebill"
    PREPAID = "prepaid"


@dataclass(**_VALUE)
class RebateOption:
    """A rebate the consumer earns or can still earn."""

    code: RebateCode
    label: str
    condition: str
    timing: RebateTiming
    amount: Money
    reference: str
    counted: Annotated[bool, Field(description="Whether the payable figures subtract it.")]
    params: dict[str, str] = field(default_factory=dict)


class NoteKind(StrEnum):
    """What a note tells the reader."""

    ASSUMPTION = "assumption"
    TARIFF_CHANGE = "tariff_change"
    ELIGIBILITY = "eligibility"
    INFO = "info"


@dataclass(frozen=True, **_VALUE)
class Note:
    """Something the reader should know about the estimate.

    ``code`` is a :class:`NoteCode` for the engine's own notes; for an assumption note (kind
    ``assumption``) it is the assumption's name in the order's data, which the data defines.
    """

    code: str
    kind: NoteKind
    text: str
    reference: str = ""
    params: dict[str, str] = field(default_factory=dict)


class DutyConfidence(StrEnum):
    """How sure the source of an electricity-duty rate makes us (INTERPRETATION D3)."""

    HIGH = "high"  # read off a bill or a notification for this very category
    MEDIUM = "medium"  # a report of the decision, not the notification itself
    LOW = "low"  # inferred from one bill that reconciles only with this rate


class DutyStatus(StrEnum):
    """Whether, and how, an estimate accounts for electricity duty."""

    INCLUDED = "included"  # a sourced rate applied: the payable figures include the duty
    NOT_LEVIED = "not_levied"  # the tariff bears no duty (Kutir Jyoti's fixed sum, E2)
    EXCLUDED = "excluded"  # no sourced rate: the payable figures leave the duty out


@dataclass(**_VALUE)
class ElectricityDuty:
    """Electricity duty: a state levy outside the tariff order (INTERPRETATION D3).

    Levied on the energy charge (ToD included) after the load-factor rebates that do not depend
    on paying on time, rounded to the paisa, and never rebated.
    """

    included: Annotated[
        bool,
        Field(
            description="Whether the payable figures account for the duty (true also when "
            "the tariff bears none); false when no rate is sourced and the duty is left out."
        ),
    ]
    amount: Money
    rate_percent: Amount | None = None
    base: Annotated[
        Money | None, Field(description="The energy charge, less load-factor rebates, taxed.")
    ] = None
    source: str = ""
    status: DutyStatus = DutyStatus.INCLUDED
    confidence: Annotated[
        DutyConfidence | None, Field(description="How sure the rate's source is.")
    ] = None
    approximate: Annotated[
        bool, Field(description="True when the rate's confidence is low: the duty is approximate.")
    ] = False


@dataclass(**_VALUE)
class LatePayment:
    """The delayed payment surcharge for the days late given."""

    days_late: int
    percent_per_month: Amount
    base: Money
    amount: Money
    reference: str


@dataclass(**_VALUE)
class Payable:
    """A payable figure rounded to the rupee, with its round-off."""

    before_rounding: Money
    round_off: Money
    amount: Money


@dataclass(**_VALUE)
class CategorySummary:
    """Which category was billed."""

    id: str
    slug: str
    name: str
    voltage: str


class BillEstimate(BaseModel):
    """An itemised estimate of one month's bill."""

    model_config = _STRICT

    category: str = Field(description="Serial number of the category requested.")
    billed_as: CategorySummary = Field(description="The category whose tariff was applied.")
    month: str = Field(description="YYYY-MM")
    tariff: str = Field(description="The tariff order (and its effective date) applied.")
    units: Amount
    unit: str
    contract_demand: Amount | None
    demand_unit: str
    load_factor_percent: Amount | None = None
    lines: list[Line]
    charges_total: Money
    electricity_duty: ElectricityDuty
    rebates: list[RebateOption]
    late_payment: LatePayment | None = None
    payable_by_due_date: Money
    payable_after_due_date: Money
    payable_by_due_date_detail: Payable
    payable_after_due_date_detail: Payable
    notes: list[Note]
    assumptions: list[str] = Field(description="Names of the assumptions this estimate rests on.")

    @classmethod
    def from_engine(cls, **fields: Any) -> Self:
        """Build from the engine's own, already-correct values, every field given.

        What ``model_construct`` does, without its per-field alias and default search (a tenth
        of an estimate's time): this model has no aliases, defaults to fill, extra fields or
        private attributes. ``tests/tariff`` checks the result equals ``model_construct``'s.
        """
        estimate = cls.__new__(cls)
        object.__setattr__(estimate, "__dict__", fields)
        object.__setattr__(estimate, "__pydantic_fields_set__", set(fields))
        object.__setattr__(estimate, "__pydantic_extra__", None)
        object.__setattr__(estimate, "__pydantic_private__", None)
        return estimate

    def line_total(self, code: str) -> Decimal:
        """Sum of the amounts of the lines with ``code``."""
        return sum((line.amount for line in self.lines if line.code == code), Decimal(0))

    def rebate(self, code: str) -> RebateOption | None:
        """The rebate option with ``code``, if offered."""
        return next((r for r in self.rebates if r.code == code), None)
