"""Every field of the tariff data is read by something: a key nobody reads is a figure that
looks as if it changes bills but does not (issue 8: `applies_to`, `method` and ten assumption
values sat in the data unread).

How it works: the packaged data is loaded afresh, every schema object in it is listed with the
fields its file actually sets (``model_fields_set``), and then attribute reads on the schema's
models are recorded while a wide set of work runs: every golden bill (``tests/tariff/golden``,
which covers every category and provision), the what-if comparison, and the bot's own readers
(a conversation, every FAQ answer in every language, the explanation of every line, the tips).
A field is *used* when at least one object that sets it had it read. An assumption's ``value``
is checked object by object, because assumptions are a registry of names: reading one
assumption's value says nothing about another's.

So adding a field to the schema and the data without code that reads it fails here, naming the
field; so does an assumption given a value that no code reads. Text written for people (who
issued the order, where a rate was found) is listed in ``FOR_PEOPLE`` with the reason; only
``str`` fields may be listed there, so no number can hide behind it.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from bot.conversation import Inbound, handle
from bot.i18n import Translator
from bot.rendering.estimate import render_explanation
from bot.rendering.faq import render_faq
from bot.rendering.tips import coded_tips
from bot.tariff_source import tariff_in_use
from bot.understanding.question_words import FaqTopic
from tariff_core import Tariff, TariffError, compare, estimate
from tariff_core.registry import DATA_DIR
from tariff_core.schema import Strict

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "tariff" / "golden"

#: Fields for people, not for code: (model, field) -> why nothing needs to read it.
FOR_PEOPLE: dict[tuple[str, str], str] = {
    ("OrderInfo", "commission"): "who issued the order; the label names the order by its title",
    ("OrderInfo", "source"): "where the schedule was read from, for a reviewer of the data",
    ("ElectricityDutyData", "description"): "the file's own heading",
    ("DutyRate", "categories_basis"): "why these rows carry the rate, for a reviewer",
}

Read = tuple[int, str]

#: Requests refused by a rule the golden bills (which are bills) do not reach.
REFUSALS: list[dict[str, Any]] = [
    {"category": "2", "month": "2026-05", "units": 100, "contract_demand": 150},
]


def _objects(value: Any, path: str) -> Iterator[tuple[str, Strict]]:
    """Every schema object inside ``value``, with its key path."""
    if isinstance(value, Strict):
        yield path, value
        for name in value.model_fields_set:
            yield from _objects(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _objects(item, f"{path}.{key}")
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _objects(item, f"{path}.{index}")


def _recording(reads: set[Read]) -> Any:
    """A ``__getattribute__`` for the schema's models that notes (object, field) reads."""
    plain = BaseModel.__getattribute__

    def getattribute(self: BaseModel, name: str) -> Any:
        if not name.startswith("_") and name in type(self).__pydantic_fields__:
            reads.add((id(self), name))
        return plain(self, name)

    return getattribute


def _golden_requests() -> list[dict[str, Any]]:
    requests = []
    for path in sorted(GOLDEN_DIR.glob("*.yaml")):
        requests.extend(case["request"] for case in yaml.safe_load(path.read_text("utf-8")))
    return requests


def _run_everything(tariff: Tariff) -> None:
    """The wide set of work whose reads count: the engine, the what-ifs and the bot."""
    translators = [Translator.load(lang) for lang in ("or", "hi", "en")]
    for request in _golden_requests():
        try:
            est = estimate(request, tariff)
        except TariffError:
            continue  # a golden refusal reads the figures it refuses with
        order = tariff.order_for(dt.date.fromisoformat(est.month + "-01"))
        t = translators[2]
        for index in range(len(est.lines)):
            render_explanation(est, index, t, order)
        if est.billed_as.voltage == "LT":
            with contextlib.suppress(TariffError):
                coded_tips(est, compare(request, tariff), order, t)
    for refused in REFUSALS:  # a refusal quotes the figures it refuses with
        with contextlib.suppress(TariffError):
            estimate(refused, tariff)
    may = tariff.order_for(dt.date(2026, 5, 1))
    november = tariff.order_for(dt.date(2026, 11, 1))
    for t in translators:
        for topic in FaqTopic:
            render_faq(topic, t, may)
            render_faq(topic, t, november)
    with tariff_in_use(tariff):
        now = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
        for body in ("domestic 250", "shop 400 units 6 kW", "small industry 900 units 10 kVA"):
            handle(None, Inbound("whatsapp", body), now=now)


@pytest.fixture(scope="module")
def usage() -> tuple[list[tuple[str, Strict]], set[Read]]:
    tariff = Tariff.load(DATA_DIR)  # fresh objects: no read before recording starts
    objects = [item for order in tariff.orders for item in _objects(order, "order")]
    objects += list(_objects(tariff.duty, "duty"))
    reads: set[Read] = set()
    plain = BaseModel.__getattribute__
    Strict.__getattribute__ = _recording(reads)  # type: ignore[method-assign]
    try:
        _run_everything(tariff)
    finally:
        Strict.__getattribute__ = plain  # type: ignore[method-assign]
    return objects, reads


def test_every_field_in_the_data_is_read(
    usage: tuple[list[tuple[str, Strict]], set[Read]],
) -> None:
    objects, reads = usage
    setters: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    used: set[tuple[str, str]] = set()
    for path, obj in objects:
        for name in obj.model_fields_set:
            key = (type(obj).__name__, name)
            setters[key].append(f"{path}.{name}")
            if (id(obj), name) in reads:
                used.add(key)
    unread = {
        f"{model}.{name} (e.g. {paths[0]})"
        for (model, name), paths in setters.items()
        if (model, name) not in used and (model, name) not in FOR_PEOPLE
    }
    assert not unread, "data fields no code reads: read them or remove them:\n" + "\n".join(
        sorted(unread)
    )


def test_every_assumption_value_is_read(
    usage: tuple[list[tuple[str, Strict]], set[Read]],
) -> None:
    objects, reads = usage
    unread = [
        path
        for path, obj in objects
        if type(obj).__name__ == "Assumption"
        and "value" in obj.model_fields_set
        and (id(obj), "value") not in reads
    ]
    assert not unread, (
        "assumption values no code reads (an assumption that only states a reading takes no "
        f"value): {unread}"
    )


def test_fields_for_people_are_text_only() -> None:
    """The exemption list cannot hide a number, a flag or a list."""
    models = {cls.__name__: cls for cls in _schema_models(Strict)}
    for model, name in FOR_PEOPLE:
        annotation = models[model].model_fields[name].annotation
        assert annotation is str, f"{model}.{name} is {annotation}, not text"


def test_the_recorder_sees_a_field_nobody_reads(
    usage: tuple[list[tuple[str, Strict]], set[Read]],
) -> None:
    """Self-check: the recorder must report a set-but-unread field (here a documentation one),
    or the main test could pass by recording nothing."""
    objects, reads = usage
    info = next(obj for path, obj in objects if type(obj).__name__ == "OrderInfo")
    assert (id(info), "commission") not in reads
    assert (id(info), "effective_from") in reads


def _schema_models(base: type) -> Iterator[type]:
    for sub in base.__subclasses__():
        yield sub
        yield from _schema_models(sub)
