"""The strict schema of the tariff data files.

Every model forbids unknown keys, so a misspelt key fails at load instead of being ignored.
Rates carry their unit in their key (``paise_per_kwh``, ``rupees_per_kva_month``) and every value
that changes money carries a ``reference`` to its row or note of the order.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tariff_core.codes import Ask, LineCode
from tariff_core.models import DutyConfidence, Note, NoteKind

_STRICT = ConfigDict(extra="forbid", frozen=True)


class Strict(BaseModel):
    """Base of every data model: closed key set, immutable."""

    model_config = _STRICT


class Voltage(StrEnum):
    """Supply level of a category."""

    LT = "LT"
    HT = "HT"
    EHT = "EHT"


class EnergyUnit(StrEnum):
    """The unit energy is billed in (note i)."""

    KWH = "kWh"
    KVAH = "kVAh"


class DemandUnit(StrEnum):
    """The unit contract demand is expressed in."""

    KW = "kW"
    KVA = "kVA"


class SlabMethod(StrEnum):
    """How the energy charge is computed from units."""

    FLAT = "flat"  # one rate for every unit
    TELESCOPIC = "telescopic"  # each slab's units at that slab's rate (E1)
    LOAD_FACTOR = "load_factor"  # the HT/EHT load-factor table, graded above the threshold (E3)
    FIXED_MONTHLY = "fixed_monthly"  # Kutir Jyoti: a fixed sum up to a unit limit (E2)


class PromptPaymentColumn(StrEnum):
    """The schedule's last column: which prompt-payment rebate a category earns."""

    REBATE_10 = "rebate_10"
    REBATE_DPS = "rebate_dps"
    NONE = "none"


class Assumption(Strict):
    """A point the order does not settle, held as named data (INTERPRETATION.md).

    ``value`` is what code reads: a number (a rate, a limit) or the bill lines a rebate's base
    is made of. An assumption that only states how the engine reads the order (a fact it takes
    as given, like "an EHT meter is AMR compliant") has no value: there is nothing to change in
    the data but the statement, and a value nobody reads would only mislead.
    """

    value: Decimal | str | tuple[LineCode, ...] | None = None
    statement: str = Field(min_length=10)
    basis: str = Field(min_length=3)

    @cached_property
    def number(self) -> Decimal:
        """The value as a number (read on every estimate, so parsed once)."""
        if self.value is None or isinstance(self.value, tuple):
            raise ValueError(f"the assumption {self.statement!r} has no number")
        return Decimal(str(self.value))

    @cached_property
    def line_codes(self) -> tuple[LineCode, ...]:
        """The value as the charge lines a base is made of (a rebate's base)."""
        if not isinstance(self.value, tuple):
            raise ValueError(f"the assumption {self.statement!r} names no bill lines")
        return self.value

    def note(self, name: str) -> Note:
        """The estimate note saying an estimate rests on this assumption (built once)."""
        cached = self._notes.get(name)
        if cached is None:
            cached = self._notes[name] = Note(
                code=name,
                kind=NoteKind.ASSUMPTION,
                text=self.statement,
                reference=self.basis,
                params=self.params,
            )
        return cached

    @cached_property
    def params(self) -> dict[str, str]:
        """The value as a note parameter (``value``), if it has one."""
        if self.value is None:
            return {}
        if isinstance(self.value, tuple):
            return {"value": ", ".join(self.value)}
        return {"value": str(self.value)}

    @cached_property
    def _notes(self) -> dict[str, Note]:
        return {}


class Slab(Strict):
    """One slab of a telescopic or flat energy charge; ``up_to`` is inclusive, None = no limit."""

    up_to: Decimal | None = None
    paise_per_kwh: Decimal | None = Field(default=None, gt=0)
    paise_per_kvah: Decimal | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _one_rate(self) -> Slab:
        if (self.paise_per_kwh is None) == (self.paise_per_kvah is None):
            raise ValueError("give exactly one of paise_per_kwh or paise_per_kvah")
        return self

    @property
    def paise(self) -> Decimal:
        """The slab rate in paise per billed unit."""
        rate = self.paise_per_kwh if self.paise_per_kwh is not None else self.paise_per_kvah
        assert rate is not None
        return rate


class FixedMonthly(Strict):
    """Kutir Jyoti's single monthly charge up to a unit limit (E2)."""

    rupees_per_month: Decimal = Field(gt=0)
    max_units: Decimal = Field(gt=0)
    above_limit_billed_as: str


class Energy(Strict):
    """The energy charge of a category."""

    billed_in: EnergyUnit
    method: SlabMethod
    reference: str
    slabs: tuple[Slab, ...] = ()
    load_factor_table: Literal["HT", "EHT"] | None = None
    fixed_monthly: FixedMonthly | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Energy:
        method = self.method
        if method in (SlabMethod.FLAT, SlabMethod.TELESCOPIC):
            if not self.slabs:
                raise ValueError(f"method {method.value} needs slabs")
            if method is SlabMethod.FLAT and len(self.slabs) != 1:
                raise ValueError("method flat takes exactly one slab")
            if self.slabs[-1].up_to is not None:
                raise ValueError("the last slab must have no up_to (it takes the rest)")
            bounds = [s.up_to for s in self.slabs[:-1]]
            if any(b is None for b in bounds) or bounds != sorted(bounds):  # type: ignore[type-var]
                raise ValueError("slab up_to values must rise")
            for slab in self.slabs:
                wants_kwh = self.billed_in is EnergyUnit.KWH
                if (slab.paise_per_kwh is not None) != wants_kwh:
                    raise ValueError(
                        f"energy billed in {self.billed_in.value}: slab rates must be "
                        f"paise_per_{self.billed_in.value.lower()}"
                    )
        elif method is SlabMethod.LOAD_FACTOR:
            if self.load_factor_table is None:
                raise ValueError("method load_factor needs load_factor_table")
        elif self.fixed_monthly is None:
            raise ValueError("method fixed_monthly needs fixed_monthly")
        return self


class PerDemandRate(Strict):
    """A monthly rate per kW or per kVA."""

    rupees_per_kw_month: Decimal | None = Field(default=None, ge=0)
    rupees_per_kva_month: Decimal | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _one_rate(self) -> PerDemandRate:
        if (self.rupees_per_kw_month is None) == (self.rupees_per_kva_month is None):
            raise ValueError("give exactly one of rupees_per_kw_month or rupees_per_kva_month")
        return self

    @property
    def rupees(self) -> Decimal:
        """The rate in rupees per demand unit per month."""
        rate = self.rupees_per_kw_month
        if rate is None:
            rate = self.rupees_per_kva_month
        assert rate is not None
        return rate

    @property
    def unit(self) -> DemandUnit:
        """The demand unit the rate is expressed in."""
        return DemandUnit.KW if self.rupees_per_kw_month is not None else DemandUnit.KVA


class MinimumFixedCharge(Strict):
    """LT monthly minimum fixed charge, charged every month (F1)."""

    first: PerDemandRate
    additional: PerDemandRate
    reference: str


class DemandCharge(Strict):
    """Demand charge per kVA (or kW) of billing demand (F2)."""

    rate: PerDemandRate
    reference: str


class CustomerServiceCharge(Strict):
    """A flat monthly customer service charge (F4)."""

    rupees_per_month: Decimal = Field(gt=0)
    reference: str


class LatePaymentRule(Strict):
    """Delayed payment surcharge of a category (D1)."""

    reference: str
    percent_per_month: Decimal | None = Field(default=None, gt=0)
    assumption: str | None = None
    min_contract_demand: Decimal | None = None

    @model_validator(mode="after")
    def _one_rate(self) -> LatePaymentRule:
        if (self.percent_per_month is None) == (self.assumption is None):
            raise ValueError("give exactly one of percent_per_month or assumption")
        return self


class DefaultMeter(Strict):
    """The meter assumed when a request names none, by phase (assumption ``default_meter``)."""

    single_phase: str | None
    three_phase: str | None
    #: The meter a single-phase consumer who says "smart meter" has.
    single_phase_smart: str | None = None


class DemandRange(Strict):
    """The contract demands a category's row admits, in its demand unit (INTERPRETATION X8).

    At most one lower bound (``at_least`` or ``above``) and one upper (``below`` or ``up_to``).
    """

    at_least: Decimal | None = Field(default=None, ge=0)
    above: Decimal | None = Field(default=None, ge=0)
    below: Decimal | None = Field(default=None, gt=0)
    up_to: Decimal | None = Field(default=None, gt=0)
    reference: str = Field(min_length=3)

    @model_validator(mode="after")
    def _one_bound_each_side(self) -> DemandRange:
        if self.at_least is not None and self.above is not None:
            raise ValueError("give at most one of at_least or above")
        if self.below is not None and self.up_to is not None:
            raise ValueError("give at most one of below or up_to")
        return self

    def problem(self, demand: Decimal) -> str | None:
        """Which bound ``demand`` breaks, in words (``"below 110"``), or None if it fits."""
        if self.at_least is not None and demand < self.at_least:
            return f"at least {self.at_least}"
        if self.above is not None and demand <= self.above:
            return f"above {self.above}"
        if self.below is not None and demand >= self.below:
            return f"below {self.below}"
        if self.up_to is not None and demand > self.up_to:
            return f"up to {self.up_to}"
        return None


class Category(Strict):
    """One row of the schedule."""

    slug: str = Field(pattern=r"^[a-z][a-z0-9-]+$")
    name: str
    voltage: Voltage
    reference: str
    demand_unit: DemandUnit
    energy: Energy
    minimum_fixed_charge: MinimumFixedCharge | None = None
    demand_charge: DemandCharge | None = None
    customer_service_charge: CustomerServiceCharge | None = None
    prompt_payment: PromptPaymentColumn
    late_payment: LatePaymentRule | None = None
    default_meter: DefaultMeter
    asks: tuple[Ask, ...]
    requires: tuple[Ask, ...] = ()
    classification_notes: tuple[str, ...] = ()
    industry: bool = False
    contract_demand_range: DemandRange | None = None


class LoadFactorTable(Strict):
    """The HT/EHT energy rates by load factor (note to the schedule, E3)."""

    reference: str
    threshold_percent: Decimal
    up_to_threshold: Slab
    above_threshold: Slab


class MeterRent(Strict):
    """Monthly meter rent by meter type (note xviii, F5)."""

    reference: str
    rupees_per_month: dict[str, Decimal]
    collection_months: dict[str, int]
    default_collection_months: int


class ToDProvision(Strict):
    """Time-of-day tariff (note ix, E5)."""

    reference: str
    solar_factor: Decimal
    peak_factor: Decimal
    #: The solar and peak periods as [from hour, to hour) on the 24-hour clock (note ix).
    solar_hours: tuple[int, int]
    peak_hours: tuple[int, int]
    min_contract_demand_kw: Decimal
    excluded_categories: tuple[str, ...]
    smart_meter_types: tuple[str, ...]


T = TypeVar("T", bound=BaseModel)


class Dated(Strict, Generic[T]):
    """A provision whose value changes on dates; ``None`` withdraws it (openfisca style)."""

    values: dict[dt.date, T | None]

    @cached_property
    def _starts(self) -> tuple[dt.date, ...]:
        return tuple(sorted(self.values))

    def at(self, day: dt.date) -> T | None:
        """The newest value whose date is on or before ``day``."""
        current: T | None = None
        for start in self._starts:
            if start > day:
                break
            current = self.values[start]
        return current


class PerUnitRebate(Strict):
    """A rebate of so many paise per billed unit."""

    reference: str
    paise_per_unit: Decimal = Field(gt=0)
    categories: tuple[str, ...] = ()


class PercentRebate(Strict):
    """A rebate of a percentage of some base."""

    reference: str
    percent: Decimal | None = Field(default=None, gt=0)
    assumption: str | None = None
    categories: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _one_rate(self) -> PercentRebate:
        if (self.percent is None) == (self.assumption is None):
            raise ValueError("give exactly one of percent or assumption")
        return self


class DigitalRebate(Strict):
    """Digital payment rebate (note xxvi, R4)."""

    reference: str
    percent: Decimal = Field(gt=0)
    categories: tuple[str, ...]
    single_phase_only: tuple[str, ...]


class FlatRebate(Strict):
    """A fixed sum per bill."""

    reference: str
    rupees_per_bill: Decimal = Field(gt=0)


class LoadFactorRebate(Strict):
    """A per-unit rebate on the units beyond (or for all units above) a load factor."""

    reference: str
    categories: tuple[str, ...]
    above_load_factor_percent: Decimal
    paise_per_unit: Decimal = Field(gt=0)
    applies_to: Literal["all_units", "units_beyond"]
    needs_payment_by_due_date: bool


class SteelBand(Strict):
    """One band of the steel-plant load-factor rebate (note ii)."""

    above_percent: Decimal
    inclusive_lower: bool
    up_to_percent: Decimal | None
    percent_up_to_6mva: Decimal | None
    percent_above_6mva: Decimal | None


class SteelPlantRebate(Strict):
    """HT steel plants without CGP, CD of 1 MVA and above (note ii)."""

    reference: str
    categories: tuple[str, ...]
    min_contract_demand_kva: Decimal
    split_contract_demand_kva: Decimal
    bands: tuple[SteelBand, ...]
    #: Categories whose consumers are likely steel plants: offered the rebate as an option,
    #: with its condition, when the request does not say (R6).
    offered_to: tuple[str, ...] = ()


class AluminiumRebate(Strict):
    """33 kV aluminium arc furnace without CGP (note ii)."""

    reference: str
    categories: tuple[str, ...]
    above_contract_demand_kva: Decimal
    up_to_contract_demand_kva: Decimal
    beyond_load_factor_percent: Decimal
    percent: Decimal
    #: Meters that show a 33 kV connection (X4).
    supply_meters: tuple[str, ...] = ()


class SpecialPerUnitRebate(Strict):
    """A special rebate per unit for categories flagged in the request."""

    reference: str
    categories: tuple[str, ...]
    rupees_per_unit: Decimal = Field(gt=0)
    needs_payment_by_due_date: bool = False


class SwajalaDharaRebate(Strict):
    """Swajala Dhara (note xxi)."""

    reference: str
    categories: tuple[str, ...]
    percent: Decimal
    base: str = Field(description="Name of the assumption that defines the base.")


class MegaLift(Strict):
    """Mega lift irrigation consumers (note xxxii)."""

    reference: str
    categories: tuple[str, ...]
    solar_rupees_per_kvah: Decimal
    other_rupees_per_kvah: Decimal


class EvCharging(Strict):
    """Public EV charging: a single-part tariff (note xxxi, E6)."""

    reference: str
    categories: tuple[str, ...]
    rupees_per_unit: Decimal


class EducationalInstitution(Strict):
    """Educational institution on one HT meter (note xix, E7)."""

    reference: str
    categories: tuple[str, ...]
    share_percent: Decimal
    share_billed_as: str


class Overdrawal(Strict):
    """Overdrawal above the permitted demand (F3, notes x and xi)."""

    reference: str
    industry_allowance_percent: Decimal
    industry_reference: str
    railway_allowance_percent: Decimal
    railway_reference: str
    railway_categories: tuple[str, ...]


class CgpDrawal(Strict):
    """One captive-generation incremental drawal scheme (notes vi-viii)."""

    reference: str
    categories: tuple[str, ...]
    rupees_per_kvah: Decimal
    peak_rupees_per_kvah: Decimal | None = None
    #: "shall not be permitted to avail benefit under other scheme" (notes vi and viii).
    excludes_other_schemes: bool = False
    #: The scheme's conditions (X3); a request whose figures fail one is billed without it.
    above_contract_demand_kva: Decimal | None = None
    up_to_contract_demand_kva: Decimal | None = None
    min_load_factor_percent: Decimal | None = None
    #: Meters that show the connection's voltage the scheme needs (note viii: 33 kV).
    supply_meters: tuple[str, ...] = ()


class Temporary(Strict):
    """Temporary connections (note xvii, E4)."""

    reference: str
    energy_multiplier: Decimal


class MarchSpecialRebate(Strict):
    """LT single-phase special rebate in March (note xxix)."""

    reference: str
    month: int = Field(ge=1, le=12)
    categories: tuple[str, ...]


class IceFactory(Strict):
    """Ice factories during a fisheries restriction (note xxii)."""

    reference: str
    categories: tuple[str, ...]


class Provisions(Strict):
    """The notes of the order that change money."""

    load_factor_tables: dict[Literal["HT", "EHT"], LoadFactorTable]
    meter_rent: MeterRent
    tod: Dated[ToDProvision]
    temporary: Temporary
    overdrawal: Overdrawal
    prompt_payment_rebate_10: PerUnitRebate
    prompt_payment_rebate_dps: PercentRebate
    rural: PerUnitRebate
    digital: DigitalRebate
    ebill: FlatRebate
    prepaid: PercentRebate
    lt_industry_load_factor: LoadFactorRebate
    eht_industry_load_factor: LoadFactorRebate
    steel_plant: SteelPlantRebate
    aluminium: AluminiumRebate
    railway_traction: SpecialPerUnitRebate
    sc_st_hostel: SpecialPerUnitRebate
    swajala_dhara: SwajalaDharaRebate
    mega_lift: MegaLift
    ev_charging: EvCharging
    educational_institution: EducationalInstitution
    cgp: dict[Literal["vi", "vii", "viii"], CgpDrawal]
    #: A rebate an order may withdraw: absent from an order's data, it is never offered.
    march_special: MarchSpecialRebate | None = None
    ice_factory: IceFactory


class OrderInfo(Strict):
    """Which order a data file encodes."""

    title: str
    commission: str
    order_date: dt.date
    effective_from: dt.date
    source: str

    @cached_property
    def label(self) -> str:
        """How an estimate names the order it applied."""
        return f"{self.title} (OERC order of {self.order_date:%d.%m.%Y})"


#: Assumptions the engine reads by name: every order file must define them (others are named
#: by the data itself and cross-checked where they are named).
ENGINE_ASSUMPTIONS: frozenset[str] = frozenset(
    {
        "billing_demand_floor_percent",
        "cgp_vii_tod_split_excludes_incremental",
        "default_contract_demand",
        "default_meter",
        "default_meter_is_amr",
        "digital_rebate_base",
        "eht_meter_is_amr",
        "load_factor_uses_contract_demand",
        "lt_max_contract_demand",
        "max_plausible_demand_eht",
        "max_plausible_demand_ht",
        "max_plausible_demand_lt",
        "mega_lift_unsplit_units_outside_solar",
        "meter_rent_first_month_is_installation_month",
        "overdrawal_outside_peak_hours",
        "prepaid_rebate_base",
        "rural_meter_is_correct",
        "single_phase_max_kva",
        "single_phase_max_kw",
    }
)


class TariffOrder(Strict):
    """One tariff order: the whole schedule, its notes and the assumptions used to read it."""

    order: OrderInfo
    assumptions: dict[str, Assumption]
    categories: dict[str, Category]
    provisions: Provisions

    @model_validator(mode="after")
    def _cross_references(self) -> TariffOrder:
        missing = sorted(ENGINE_ASSUMPTIONS - set(self.assumptions))
        if missing:
            raise ValueError(f"assumptions: the engine needs {', '.join(missing)}")
        ids = set(self.categories)
        slugs = [c.slug for c in self.categories.values()]
        if len(set(slugs)) != len(slugs):
            twice = sorted({slug for slug in slugs if slugs.count(slug) > 1})
            raise ValueError(f"category slugs must be unique: {twice} used more than once")
        rents = self.provisions.meter_rent.rupees_per_month
        for cid, cat in self.categories.items():
            rule = cat.late_payment
            if rule and rule.assumption and rule.assumption not in self.assumptions:
                raise ValueError(
                    f"categories.{cid}.late_payment: unknown assumption {rule.assumption!r}"
                )
            fm = cat.energy.fixed_monthly
            if fm and fm.above_limit_billed_as not in ids:
                raise ValueError(f"categories.{cid}: above_limit_billed_as names no category")
            defaults = cat.default_meter
            for meter in (defaults.single_phase, defaults.three_phase, defaults.single_phase_smart):
                if meter is not None and meter not in rents:
                    raise ValueError(f"categories.{cid}.default_meter: {meter!r} has no meter rent")
        for name, provision in self.provisions:
            for listed in _category_lists(provision):
                unknown = set(listed) - ids
                if unknown:
                    raise ValueError(f"provisions.{name}: unknown categories {sorted(unknown)}")
        provisions = self.provisions
        other_lists: dict[str, tuple[str, ...]] = {
            "overdrawal.railway_categories": provisions.overdrawal.railway_categories,
            "digital.single_phase_only": provisions.digital.single_phase_only,
            "educational_institution.share_billed_as": (
                provisions.educational_institution.share_billed_as,
            ),
        }
        for start, tod in provisions.tod.values.items():
            if tod is not None:
                other_lists[f"tod.values.{start}.excluded_categories"] = tod.excluded_categories
                unpriced = set(tod.smart_meter_types) - set(rents)
                if unpriced:
                    raise ValueError(
                        f"provisions.tod.values.{start}.smart_meter_types: "
                        f"no meter rent for {sorted(unpriced)}"
                    )
        for key_path, listed in other_lists.items():
            unknown = set(listed) - ids
            if unknown:
                raise ValueError(f"provisions.{key_path}: unknown categories {sorted(unknown)}")
        named = [
            ("prompt_payment_rebate_dps", self.provisions.prompt_payment_rebate_dps.assumption),
            ("prepaid", self.provisions.prepaid.assumption),
            ("swajala_dhara", self.provisions.swajala_dhara.base),
        ]
        for name, ref in named:
            if ref and ref not in self.assumptions:
                raise ValueError(f"provisions.{name}: unknown assumption {ref!r}")
        return self


def _category_lists(provision: Any) -> list[tuple[str, ...]]:
    """Every ``categories`` tuple inside a provision (nested one level for dicts)."""
    found: list[tuple[str, ...]] = []
    items = provision.values() if isinstance(provision, dict) else [provision]
    for item in items:
        cats = getattr(item, "categories", None)
        if isinstance(cats, tuple):
            found.append(cats)
    return found


class DutyRate(Strict):
    """One sourced electricity-duty rate, the categories it applies to and why."""

    categories: tuple[str, ...] = Field(min_length=1)
    percent_of_energy_charge: Decimal = Field(gt=0)
    source: str = Field(min_length=10)
    confidence: DutyConfidence
    #: Why these categories and no others: the schedule's rows the source's words cover.
    categories_basis: str = Field(min_length=10)


class DutyNotLevied(Strict):
    """Categories whose bill bears no duty at all (Kutir Jyoti's fixed sum, E2)."""

    categories: tuple[str, ...] = Field(min_length=1)
    reason: str = Field(min_length=10)
    reference: str = Field(min_length=2)


class DutyVersion(Strict):
    """Electricity duty rates in force from a date."""

    rates: tuple[DutyRate, ...]
    not_levied: tuple[DutyNotLevied, ...] = ()

    @model_validator(mode="after")
    def _one_entry_per_category(self) -> DutyVersion:
        seen: set[str] = set()
        listed = [r.categories for r in self.rates] + [n.categories for n in self.not_levied]
        for categories in listed:
            twice = seen & set(categories)
            if twice:
                raise ValueError(f"categories listed twice: {sorted(twice)}")
            seen |= set(categories)
        return self


class DutyBase(Strict):
    """What the duty is levied on (D3): charge lines, less the unconditional rebates named."""

    charge_lines: tuple[str, ...] = Field(min_length=1)
    #: Rebate codes subtracted from the base when the rebate applies whatever the payment date
    #: (a rebate earned only by paying on time cannot change the duty already billed).
    less_rebates: tuple[str, ...]
    reference: str = Field(min_length=2)


class ElectricityDutyData(Strict):
    """Electricity duty: a state levy outside the tariff order (D3), dated."""

    description: str
    levied_on: DutyBase
    versions: dict[dt.date, DutyVersion]

    def version_for(self, day: dt.date) -> DutyVersion | None:
        """The duty version in force on ``day``, if any."""
        version: DutyVersion | None = None
        for start in self._starts:
            if start > day:
                break
            version = self.versions[start]
        return version

    def rate_for(self, category_id: str, day: dt.date) -> DutyRate | None:
        """The sourced rate in force on ``day`` for a category, if any."""
        version = self.version_for(day)
        if version is None:
            return None
        return next((r for r in version.rates if category_id in r.categories), None)

    def not_levied_for(self, category_id: str, day: dt.date) -> DutyNotLevied | None:
        """Why a category bears no duty on ``day``, if the data says it bears none."""
        version = self.version_for(day)
        if version is None:
            return None
        return next((n for n in version.not_levied if category_id in n.categories), None)

    @cached_property
    def _starts(self) -> tuple[dt.date, ...]:
        return tuple(sorted(self.versions))
