"""The appliance table: every appliance described with a source for every figure, and a
malformed file refused with the key path of the mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.appliances.table import (
    TABLE_PATH,
    ApplianceDataError,
    ApplianceId,
    default_table,
    load_table,
)


def test_the_packaged_table_describes_every_appliance_with_sourced_figures() -> None:
    table = default_table()
    assert {appliance.id for appliance in table.appliances} == set(ApplianceId)
    for appliance in table.appliances:
        for key in appliance.sources():
            assert table.sources[key].title
        if appliance.id is not ApplianceId.FRIDGE:
            assert appliance.watts_source is not None
            assert appliance.hours_source is not None
    assert table.fridge.source in table.sources


def test_the_table_holds_the_figures_of_the_brief() -> None:
    table = default_table()
    watts = {a.id: a.watts for a in table.appliances}
    assert watts[ApplianceId.FAN] == 75
    assert watts[ApplianceId.TUBE_LIGHT] == 40
    assert watts[ApplianceId.LED_TUBE] == 20
    assert table.days_a_month == 30
    assert table.appliance(ApplianceId.WASHING_MACHINE).days_a_month == 8


def _step(node: object, part: str) -> object:
    """A list index, an integer key (the star tables) or a string key."""
    if isinstance(node, list) or (isinstance(node, dict) and part.isdigit() and int(part) in node):
        return int(part)
    return part


def _write(tmp_path: Path, change: dict[str, object]) -> Path:
    data = yaml.safe_load(TABLE_PATH.read_text(encoding="utf-8"))
    for dotted, value in change.items():
        *parents, last = dotted.split(".")
        node = data
        for part in parents:
            node = node[_step(node, part)]
        if value is None:
            del node[_step(node, last)]
        else:
            node[_step(node, last)] = value
    path = tmp_path / "appliances.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"appliances.0.watts_source": "nowhere"}, "unknown source 'nowhere'"),
        ({"appliances.0.watts_source": None}, "watts has no source"),
        ({"appliances.1.watts": -5}, "appliances.1.watts"),
        ({"appliances.2.colour": "red"}, "appliances.2.colour"),
        ({"appliances.3.id": "toaster"}, "appliances.3.id"),
        ({"appliances.0": None}, "appliances missing from the table: fan"),
        ({"appliances.4.words": ["fan"]}, "the word 'fan' names both"),
        ({"fridge.tables.frost_free.5": None}, "needs exactly the stars 1 to 5"),
        ({"fridge.tables.direct_cool.5": {"per_litre": 0.5, "fixed": 300}}, "more stars"),
        ({"swaps.0.with": "tube_light"}, "swap one appliance for another"),
        ({"sources.tangedco.url": "http://x"}, "sources.tangedco.url"),
    ],
)
def test_a_malformed_table_is_refused_naming_the_key(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    with pytest.raises(ApplianceDataError, match=r"appliances\.yaml") as caught:
        load_table(_write(tmp_path, change))
    assert message in str(caught.value)


def test_a_duplicate_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "appliances.yaml"
    path.write_text(TABLE_PATH.read_text(encoding="utf-8") + "\ndays_a_month: 31\n")
    with pytest.raises(ApplianceDataError, match="duplicate key 'days_a_month'"):
        load_table(path)
