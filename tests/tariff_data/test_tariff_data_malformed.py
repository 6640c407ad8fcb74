"""One malformed data file per failure mode, each mapped to the words its error must say.

Every file in ``malformed/`` is a small file a reader can open to see its one mistake (most are
``minimal_order.yaml`` with one line changed; the header comment says which). The error must name
the file, where the mistake is (a key path, or a line for YAML-level mistakes) and the problem.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pydantic import BaseModel

from tariff_core.errors import TariffDataError
from tariff_core.loader import load_model
from tariff_core.registry import DUTY_FILE, Tariff
from tariff_core.schema import ElectricityDutyData, TariffOrder

HERE = Path(__file__).parent
MALFORMED = HERE / "malformed"
MINIMAL = HERE / "minimal_order.yaml"
MINIMAL_DUTY = Path(__file__).parent / "minimal_duty.yaml"
PACKAGED_DUTY = Path(__file__).parents[2] / "tariff_core" / "data" / DUTY_FILE

#: file stem -> the words its error must contain (besides the file name).
ORDER_CASES: dict[str, tuple[str, ...]] = {
    # YAML level: the loader names the line.
    "duplicate_top_level_key": ("line 10", "duplicate key 'order'"),
    "duplicate_key_in_category": ("line 47", "duplicate key 'slug'"),
    "invalid_yaml_syntax": ("line 8", "expected ',' or '}'"),
    "not_a_mapping": ("must hold a mapping at the top level",),
    "empty_file": ("must hold a mapping at the top level",),
    # Closed key sets: a typo fails loudly and is reported before the "missing" it causes.
    "unknown_key_energy_charge": ("categories.3.energy_charge", "Extra inputs are not permitted"),
    "unknown_key_paise_per_kwhh": (
        "categories.1.b.energy.slabs.1.paise_per_kwhh",
        "Extra inputs are not permitted",
    ),
    "missing_required_key": ("categories.3.voltage", "Field required"),
    "assumption_without_basis": ("assumptions.swajala_dhara_base.basis", "Field required"),
    # Types and ranges.
    "wrong_type_string_for_number": (
        "provisions.meter_rent.rupees_per_month.single-phase-static",
        "valid decimal",
    ),
    "negative_rate": ("categories.1.b.energy.slabs.0.paise_per_kwh", "greater than 0"),
    "tod_values_key_not_date": ("provisions.tod.values.July 2026", "valid date"),
    # The energy block's own rules.
    "slabs_not_rising": ("categories.1.b.energy", "slab up_to values must rise"),
    "last_slab_with_up_to": ("categories.1.b.energy", "the last slab must have no up_to"),
    "flat_with_two_slabs": ("categories.3.energy", "method flat takes exactly one slab"),
    "kwh_category_with_kvah_rates": (
        "categories.3.energy",
        "energy billed in kWh: slab rates must be paise_per_kwh",
    ),
    "both_rate_keys_on_one_slab": (
        "categories.1.b.energy.slabs.1",
        "give exactly one of paise_per_kwh or paise_per_kvah",
    ),
    "load_factor_without_table": (
        "categories.23.energy",
        "method load_factor needs load_factor_table",
    ),
    # Cross-references across the file.
    "missing_engine_assumption": ("assumptions", "the engine needs default_meter"),
    "unknown_assumption": (
        "categories.23.late_payment",
        "unknown assumption 'dps_percent_per_month'",
    ),
    "provision_unknown_assumption": (
        "provisions.prompt_payment_rebate_dps",
        "unknown assumption 'prompt_payment_percent'",
    ),
    "provision_unknown_category": ("provisions.rural", "unknown categories ['99']"),
    "tod_excludes_unknown_category": (
        "provisions.tod.values.2026-07-01.excluded_categories",
        "unknown categories ['15']",
    ),
    "default_meter_without_rent": (
        "categories.1.b.default_meter",
        "'single-phase-smart' has no meter rent",
    ),
    "duplicate_slug": ("category slugs must be unique", "'domestic'"),
}
DUTY_CASES: dict[str, tuple[str, ...]] = {
    "duty_rate_without_source": ("versions.2026-04-01.rates.0.source", "Field required"),
    "duty_rate_without_confidence": ("versions.2026-04-01.rates.0.confidence", "Field required"),
    "duty_rate_with_unknown_confidence": (
        "versions.2026-04-01.rates.0.confidence",
        "'high', 'medium' or 'low'",
    ),
    "duty_category_both_rated_and_not_levied": ("categories listed twice: ['1.a']",),
}
CASES: dict[str, tuple[type[BaseModel], tuple[str, ...]]] = {
    **{stem: (TariffOrder, words) for stem, words in ORDER_CASES.items()},
    **{stem: (ElectricityDutyData, words) for stem, words in DUTY_CASES.items()},
}


def test_minimal_order_is_valid() -> None:
    order = load_model(MINIMAL, TariffOrder)
    assert list(order.categories) == ["1.b", "3", "23"]
    assert order.provisions.tod.at(order.order.effective_from) is None


def test_every_malformed_file_has_a_case_and_every_case_a_file() -> None:
    on_disk = {path.stem for path in MALFORMED.glob("*.yaml")}
    assert on_disk == set(CASES)


@pytest.mark.parametrize("stem", sorted(CASES))
def test_malformed_file_error_says(stem: str) -> None:
    model, words = CASES[stem]
    path = MALFORMED / f"{stem}.yaml"
    with pytest.raises(TariffDataError) as caught:
        load_model(path, model)
    message = str(caught.value)
    assert caught.value.file == path.name
    assert message.startswith(f"{path.name}: ")
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"


@pytest.mark.parametrize("stem", sorted(ORDER_CASES))
def test_each_malformed_file_says_what_its_mistake_is(stem: str) -> None:
    header = (MALFORMED / f"{stem}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# Malformed on purpose")


def _data_dir(tmp_path: Path, *orders: tuple[str, str]) -> Path:
    """A data directory with the minimal duty file and the given (file name, text) orders."""
    shutil.copy(MINIMAL_DUTY, tmp_path / DUTY_FILE)
    for name, text in orders:
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_directory_with_the_minimal_order_loads(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    tariff = Tariff.load(_data_dir(tmp_path, ("oerc-rst-2026-27.yaml", text)))
    assert len(tariff.orders) == 1


def test_next_years_order_is_a_new_file(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    later = text.replace("effective_from: 2026-04-01", "effective_from: 2027-04-01")
    tariff = Tariff.load(
        _data_dir(tmp_path, ("oerc-rst-2027-28.yaml", later), ("oerc-rst-2026-27.yaml", text))
    )
    assert tariff.order_for(dt.date(2027, 3, 31)).order.effective_from == dt.date(2026, 4, 1)
    assert tariff.order_for(dt.date(2027, 4, 1)).order.effective_from == dt.date(2027, 4, 1)


def test_two_orders_sharing_a_date_are_refused(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    data_dir = _data_dir(tmp_path, ("oerc-rst-a.yaml", text), ("oerc-rst-b.yaml", text))
    with pytest.raises(TariffDataError, match="two orders share a date") as caught:
        Tariff.load(data_dir)
    assert "order.effective_from" in str(caught.value)
    assert str(data_dir) in str(caught.value)


def test_a_duty_rate_for_a_category_no_order_has_is_refused(tmp_path: Path) -> None:
    data_dir = _data_dir(tmp_path, ("oerc-rst-a.yaml", MINIMAL.read_text(encoding="utf-8")))
    shutil.copy(PACKAGED_DUTY, data_dir / DUTY_FILE)  # names EHT categories 30-34
    with pytest.raises(TariffDataError) as caught:
        Tariff.load(data_dir)
    message = str(caught.value)
    assert "electricity-duty.yaml" in message
    assert "versions.2026-04-01.rates.0.categories" in message
    assert "unknown categories ['30', '32', '33', '34']" in message


def test_a_directory_without_order_files_is_refused(tmp_path: Path) -> None:
    data_dir = _data_dir(tmp_path)
    with pytest.raises(TariffDataError, match=r"no tariff order files \(oerc-rst-\*\.yaml\)"):
        Tariff.load(data_dir)


def test_a_missing_duty_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "oerc-rst-2026-27.yaml").write_text(MINIMAL.read_text(encoding="utf-8"))
    with pytest.raises(TariffDataError, match=f"{DUTY_FILE}: cannot read the file"):
        Tariff.load(tmp_path)


def test_a_malformed_order_in_a_directory_names_its_file(tmp_path: Path) -> None:
    bad = (MALFORMED / "negative_rate.yaml").read_text(encoding="utf-8")
    data_dir = _data_dir(tmp_path, ("oerc-rst-2026-27.yaml", bad))
    with pytest.raises(TariffDataError, match=r"^oerc-rst-2026-27\.yaml: categories\.1\.b\."):
        Tariff.load(data_dir)
