"""The appliance table: typical watts and hours, BEE's refrigerator star bands, and the swaps.

The figures are data (``data/appliances.yaml``, shipped inside the package), each with the key
of its source. They are read with tariff_core's strict YAML reader (no duplicate keys, decimals
exactly as written) and validated here, so a mistake in the file fails at load time with the
file and the key path, e.g. ``appliances.yaml: appliances.3.watts_source: unknown source 'tngdc'``.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Final, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.understanding.normalize import normalize
from tariff_core.errors import TariffDataError
from tariff_core.loader import load_model

#: Where the packaged table lives (listed in pyproject's package-data, so a wheel holds it).
TABLE_PATH: Final = Path(__file__).parent / "data" / "appliances.yaml"


class ApplianceId(StrEnum):
    """Every appliance the estimator knows. The table must describe each, and no other."""

    FAN = "fan"
    FAN_5_STAR = "fan_5_star"
    BLDC_FAN = "bldc_fan"
    LED_BULB = "led_bulb"
    LED_TUBE = "led_tube"
    TUBE_LIGHT = "tube_light"
    CFL = "cfl"
    FRIDGE = "fridge"
    TV = "tv"
    COOLER = "cooler"
    AC = "ac"
    WATER_PUMP = "water_pump"
    GEYSER = "geyser"
    IRON = "iron"
    MIXER = "mixer"
    WASHING_MACHINE = "washing_machine"
    MOSQUITO_REPELLER = "mosquito_repeller"


FridgeType = Literal["direct_cool", "frost_free"]
Stars = Annotated[int, Field(ge=1, le=5)]

_STRICT = ConfigDict(extra="forbid", frozen=True)


class ApplianceDataError(ValueError):
    """The appliance table does not match its schema (the message names the key path)."""


class Source(BaseModel):
    """Where figures come from."""

    model_config = _STRICT

    title: str = Field(min_length=1)
    url: str | None = Field(default=None, pattern=r"^https://")


class Appliance(BaseModel):
    """One appliance: typical watts and hours a day, each with its source, and its words.

    The fridge alone has no watts or hours: it is estimated from its BEE label (see
    :class:`FridgeLabels`).
    """

    model_config = _STRICT

    id: ApplianceId
    watts: Decimal | None = Field(default=None, gt=0, le=10_000)
    watts_source: str | None = None
    hours_a_day: Decimal | None = Field(default=None, gt=0, le=24)
    hours_source: str | None = None
    days_a_month: Decimal | None = Field(default=None, gt=0, le=31)
    days_source: str | None = None
    words: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _figures_with_sources(self) -> Self:
        if self.id is ApplianceId.FRIDGE:
            if self.watts is not None or self.hours_a_day is not None:
                raise ValueError("the fridge is estimated from its label: no watts or hours")
            return self
        for figure, source in (
            ("watts", self.watts_source),
            ("hours_a_day", self.hours_source),
        ):
            if getattr(self, figure) is None:
                raise ValueError(f"{self.id.value}: {figure} is missing")
            if source is None:
                raise ValueError(f"{self.id.value}: {figure} has no source")
        if (self.days_a_month is None) != (self.days_source is None):
            raise ValueError(f"{self.id.value}: days_a_month and days_source come together")
        return self

    def sources(self) -> tuple[str, ...]:
        """The keys of the sources of this appliance's figures, without repeats."""
        keys = (self.watts_source, self.hours_source, self.days_source)
        return tuple(dict.fromkeys(key for key in keys if key is not None))


class StarBand(BaseModel):
    """The upper limit of one BEE star band: ``per_litre × volume + fixed`` kWh a year."""

    model_config = _STRICT

    per_litre: Decimal = Field(gt=0, lt=1)
    fixed: Decimal = Field(gt=0, lt=1000)

    def kwh_a_year(self, litres: Decimal) -> Decimal:
        """The band's limit for a fridge of ``litres``."""
        return self.per_litre * litres + self.fixed


class FridgeLabels(BaseModel):
    """BEE's refrigerator star tables and the fridge assumed when nothing is known of it."""

    model_config = _STRICT

    source: str
    tables: dict[FridgeType, dict[Stars, StarBand]]
    default_type: FridgeType
    default_litres: Decimal = Field(gt=0, le=1000)
    default_stars: Stars
    default_source: str

    @model_validator(mode="after")
    def _every_star_in_every_table(self) -> Self:
        fridge_types: tuple[FridgeType, ...] = ("direct_cool", "frost_free")
        for fridge_type in fridge_types:
            bands = self.tables.get(fridge_type)
            if bands is None or set(bands) != {1, 2, 3, 4, 5}:
                raise ValueError(f"tables.{fridge_type} needs exactly the stars 1 to 5")
            limits = [bands[stars].kwh_a_year(self.default_litres) for stars in range(1, 6)]
            if limits != sorted(limits, reverse=True):
                raise ValueError(f"tables.{fridge_type}: more stars must mean fewer kWh")
        return self

    def kwh_a_year(self, fridge_type: FridgeType, litres: Decimal, stars: int) -> Decimal:
        """The most a fridge of this type, size and star rating uses in a year, by its label."""
        return self.tables[fridge_type][stars].kwh_a_year(litres)


class Swap(BaseModel):
    """One change: an appliance replaced by a thriftier one (a fridge by a 5-star one)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    replace: ApplianceId
    with_: ApplianceId = Field(alias="with")
    stars: Stars | None = Field(default=None, description="For a fridge: the stars after.")

    @model_validator(mode="after")
    def _fridge_swaps_name_stars(self) -> Self:
        is_fridge = ApplianceId.FRIDGE in (self.replace, self.with_)
        if is_fridge and (self.replace != self.with_ or self.stars is None):
            raise ValueError(f"{self.id}: a fridge is swapped for a fridge with given stars")
        if not is_fridge and (self.replace == self.with_ or self.stars is not None):
            raise ValueError(f"{self.id}: swap one appliance for another, without stars")
        return self


class ApplianceTable(BaseModel):
    """The whole file: appliances, sources, the fridge's star tables and the swaps."""

    model_config = _STRICT

    days_a_month: Decimal = Field(gt=0, le=31)
    rounding: str = Field(min_length=1)
    sources: dict[str, Source] = Field(min_length=1)
    appliances: tuple[Appliance, ...]
    fridge: FridgeLabels
    swaps: tuple[Swap, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        ids = [appliance.id for appliance in self.appliances]
        if len(set(ids)) != len(ids):
            raise ValueError("an appliance is listed twice")
        missing = [member.value for member in ApplianceId if member not in ids]
        if missing:
            raise ValueError(f"appliances missing from the table: {', '.join(missing)}")
        cited = [key for appliance in self.appliances for key in appliance.sources()]
        cited += [self.fridge.source, self.fridge.default_source]
        unknown = sorted({key for key in cited if key not in self.sources})
        if unknown:
            raise ValueError(f"unknown source {', '.join(map(repr, unknown))}")
        owners: dict[str, ApplianceId] = {}
        for appliance in self.appliances:
            for word in appliance.words:
                key = normalize(word)
                if owners.setdefault(key, appliance.id) != appliance.id:
                    raise ValueError(
                        f"the word {word!r} names both {owners[key].value} and {appliance.id.value}"
                    )
        swap_ids = [swap.id for swap in self.swaps]
        if len(set(swap_ids)) != len(swap_ids):
            raise ValueError("a swap is listed twice")
        return self

    def appliance(self, appliance_id: ApplianceId) -> Appliance:
        """The row of ``appliance_id`` (every member has one: checked at load)."""
        return next(a for a in self.appliances if a.id is appliance_id)


def load_table(path: Path = TABLE_PATH) -> ApplianceTable:
    """Read and validate an appliance table; :class:`ApplianceDataError` says what is wrong."""
    try:
        return load_model(path, ApplianceTable)
    except TariffDataError as exc:
        raise ApplianceDataError(str(exc)) from exc


@cache
def default_table() -> ApplianceTable:
    """The packaged table, loaded once."""
    return load_table()
