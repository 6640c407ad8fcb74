"""The codes that cross from the tariff engine to its readers (the bot, the web API, the CLI).

Every bill line, rebate option and engine note carries one of these codes; the bot translates
from the code, never from the English label. They are closed sets: the engine refuses to build a
line, rebate or note with a code that is not listed here (``LineCode("dutyy")`` raises
``ValueError``), and ``tests/rendering`` checks that the bot has a label for every member in
every language. Adding a code is therefore a visible change on both sides.

Assumption notes are the one exception: their code is the assumption's name, which the tariff
data defines (``assumptions:`` of an order file) and the loader validates, so next year's order
can name a new assumption without a code change.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

__all__ = ["Ask", "LineCode", "NoteCode", "RebateCode", "code_of"]


class LineCode(StrEnum):
    """What a charge line of the bill is."""

    ENERGY = "energy"
    TOD = "tod"
    FIXED = "fixed"
    DEMAND = "demand"
    OVERDRAWAL = "overdrawal"
    CUSTOMER_SERVICE = "customer_service"
    METER_RENT = "meter_rent"


class RebateCode(StrEnum):
    """Which rebate an option is (INTERPRETATION R1-R6)."""

    PROMPT_PAYMENT = "prompt_payment"
    RURAL = "rural"
    DIGITAL = "digital"
    EBILL = "ebill"
    PREPAID = "prepaid"
    #: LT industry (note iv) and EHT industry (note iii) load-factor rebates share one code.
    LOAD_FACTOR = "load_factor"
    STEEL_LOAD_FACTOR = "steel_load_factor"
    ALUMINIUM_LOAD_FACTOR = "aluminium_load_factor"
    RAILWAY_TRACTION = "railway_traction"
    SC_ST_HOSTEL = "sc_st_hostel"
    SWAJALA_DHARA = "swajala_dhara"
    MEGA_LIFT = "mega_lift"
    MARCH_SPECIAL = "march_special"


class NoteCode(StrEnum):
    """The engine's own notes (every kind except ``assumption``, whose code is a data name)."""

    ESTIMATE_ONLY = "estimate_only"
    CLASSIFICATION = "classification"
    KUTIR_JYOTI_ABOVE_LIMIT = "kutir_jyoti_above_limit"
    RECORDED_DEMAND_USED = "recorded_demand_used"
    PRORATED = "prorated"
    TEMPORARY_CONNECTION = "temporary_connection"
    EV_SINGLE_PART = "ev_single_part"
    TOD_NOT_APPLICABLE = "tod_not_applicable"
    TOD_NOT_YET = "tod_not_yet"
    TOD_NO_SPLIT = "tod_no_split"
    MEGA_LIFT_NO_DEMAND_CHARGE = "mega_lift_no_demand_charge"
    FY_HIGHEST_DEMAND = "fy_highest_demand"
    ICE_FACTORY = "ice_factory"
    CONTRACT_DEMAND_BILLED = "contract_demand_billed"
    METER_GRANT_SCHEME = "meter_grant_scheme"
    NO_METER_RENT_EHT = "no_meter_rent_eht"
    METER_RENT_PAID_OFF = "meter_rent_paid_off"
    DUTY_EXCLUDED = "duty_excluded"
    DUTY_NOT_LEVIED = "duty_not_levied"
    DUTY_APPROXIMATE = "duty_approximate"
    NO_LATE_PAYMENT_SURCHARGE = "no_late_payment_surcharge"
    RURAL_NOT_APPLICABLE = "rural_not_applicable"
    SC_ST_HOSTEL_NOT_APPLICABLE = "sc_st_hostel_not_applicable"
    SWAJALA_DHARA_NOT_APPLICABLE = "swajala_dhara_not_applicable"
    MEGA_LIFT_NOT_APPLICABLE = "mega_lift_not_applicable"
    LT_INDUSTRY_LF_UNKNOWN = "lt_industry_lf_unknown"
    LT_INDUSTRY_LF_LOW = "lt_industry_lf_low"
    STEEL_PLANT_NOT_ELIGIBLE = "steel_plant_not_eligible"
    STEEL_PLANT_LF_LOW = "steel_plant_lf_low"
    STEEL_PLANT_EXCLUDED_BY_CGP_SCHEME = "steel_plant_excluded_by_cgp_scheme"
    ALUMINIUM_NOT_ELIGIBLE = "aluminium_not_eligible"
    ALUMINIUM_EXCLUDED_BY_CGP_SCHEME = "aluminium_excluded_by_cgp_scheme"
    CGP_SCHEME_CONDITION_FAILED = "cgp_scheme_condition_failed"


class Ask(StrEnum):
    """A figure a category's bill depends on; the bot asks for these (``asks`` in the data)."""

    UNITS = "units"
    CONTRACT_DEMAND = "contract_demand"
    MAX_DEMAND = "max_demand"
    KWH = "kwh"
    TOD_SPLIT = "tod_split"
    RURAL = "rural"
    METER = "meter"
    EBILL = "ebill"


E = TypeVar("E", LineCode, NoteCode, RebateCode)


def code_of(kind: type[E], value: str) -> E:
    """The member of ``kind`` named ``value``; a ``ValueError`` naming the enum for an unknown
    code. A dictionary look-up: the engine names a code for every line and note it builds."""
    try:
        return _MEMBERS[kind][value]  # type: ignore[return-value]
    except KeyError:
        raise ValueError(
            f"{value!r} is not a {kind.__name__}: add it to tariff_core/codes.py"
        ) from None


_MEMBERS: dict[type[StrEnum], dict[str, StrEnum]] = {
    kind: {member.value: member for member in kind} for kind in (LineCode, NoteCode, RebateCode)
}
