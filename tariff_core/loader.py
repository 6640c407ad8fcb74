"""Loading tariff data files: strict YAML (no duplicate keys, exact decimals) into the schema.

A malformed file raises :class:`TariffDataError` naming the file and the key path, e.g.
``oerc-rst-2026-27.yaml: categories.1.b.energy.slabs.0.paise_per_kwh: ...``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from tariff_core.errors import TariffDataError

M = TypeVar("M", bound=BaseModel)

#: Top-level keys starting with this prefix hold YAML anchors only and are not data.
EXTENSION_PREFIX = "x-"
#: pydantic reports a date key of a dict as its repr; key paths show it as an ISO date.
_DATE_KEY = re.compile(r"datetime\.date\((\d+), (\d+), (\d+)\)")


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that rejects duplicate keys and reads floats as exact decimals."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


def _construct_decimal(loader: _StrictLoader, node: yaml.ScalarNode) -> Decimal:
    # Floats would turn 0.90 into 0.9000000000000000222; money needs the digits as written.
    return Decimal(str(loader.construct_scalar(node)).replace("_", ""))


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file strictly; errors name the file and the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TariffDataError(path.name, "", f"cannot read the file: {exc.strerror}") from exc
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}" if mark is not None else ""
        raise TariffDataError(path.name, where, str(exc.problem)) from exc
    except yaml.YAMLError as exc:
        raise TariffDataError(path.name, "", str(exc)) from exc


def load_model(path: Path, model: type[M]) -> M:
    """Read ``path`` and validate it as ``model``, dropping top-level ``x-`` anchor holders."""
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise TariffDataError(path.name, "", "the file must hold a mapping at the top level")
    data = {k: v for k, v in raw.items() if not str(k).startswith(EXTENSION_PREFIX)}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        # A misspelt key also makes the right key "missing": report the misspelling first.
        first = min(errors, key=lambda error: error["type"] != "extra_forbidden")
        key_path = ".".join(_key_part(part) for part in first["loc"])
        more = len(errors) - 1
        suffix = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
        problem = first["msg"].removeprefix("Value error, ")
        raise TariffDataError(path.name, key_path, problem + suffix) from exc


def _key_part(part: str | int) -> str:
    """One step of a key path, with date keys written as ISO dates."""
    match = _DATE_KEY.fullmatch(str(part))
    if match is None:
        return str(part)
    return dt.date(*(int(group) for group in match.groups())).isoformat()
