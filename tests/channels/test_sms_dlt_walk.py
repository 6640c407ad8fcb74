"""Every SMS the engine sends, over every language × category × state, is a registered DLT
template's instance within its limits; the registry file is what the catalogs give; and
``bijuli sms templates --csv`` exports it.

A few kinds of reply are not yet built from templates (listed in :data:`NOT_YET_TEMPLATED`,
each by the message its paragraph starts with). The walk proves that nothing else fails, and
that each listed kind still occurs, so the list can only shrink.
"""

from __future__ import annotations

import collections
import csv
import io
import re

import pytest
from sms_walk import Walk, walk_all

from bot import messages as m
from bot.appliances import names as appliance_names
from bot.channels.sms_cli import data_path, expected_text
from bot.channels.sms_templates import UnregisteredSmsError, plan_sms
from bot.cli import main
from bot.i18n.catalogs import LANGUAGES, Translator

#: Replies whose SMS rendering still carries more than three variables or a list built in code:
#: the line menu and explanations, the tips and rebates lists, the bill check's comparison, the
#: full details and the list of categories a word names. (kind -> the message they start with)
NOT_YET_TEMPLATED = {
    "line menu": m.ASK_WHICH_LINE,
    "tips list": m.TIPS_TITLE,
    "rebates list": m.REBATES_COUNTED,
    "rebates options": m.REBATES_OPTIONS,
    "bill check": m.CHECK_RESULT,  # over several months too: the same beginning
    "details": m.ESTIMATE_TITLE,
    "categories a word names": m.ASK_WHICH_CATEGORY,
    "appliances' units": appliance_names.APPLIANCES_TOTAL,
}
#: An explanation of one bill line starts with the line in bold: "*Meter rent: ₹40.00*".
EXPLANATION = re.compile(r"\*[^*\n]+\*\n")


def _fixed_start(t: Translator, msgid: str) -> str:
    return re.split(r"\{\w+\}", t.gettext(msgid))[0].replace("₹", "")


def _gap_kind(language: str, paragraph: str) -> str | None:
    if EXPLANATION.match(paragraph):
        return "explanation"
    t = Translator.load(language)
    for kind, msgid in NOT_YET_TEMPLATED.items():
        start = _fixed_start(t, msgid)
        if start and paragraph.replace("Rs ", "").startswith(start):
            return kind
    return None


@pytest.fixture(scope="module")
def walks() -> list[Walk]:
    return list(walk_all())


def test_every_sms_the_engine_sends_is_a_registered_template(walks: list[Walk]) -> None:
    unexpected: list[str] = []
    gaps: collections.Counter[str] = collections.Counter()
    sent = 0
    for walk in walks:
        for said, language, reply in walk.sent:
            try:
                fills = plan_sms(reply, language)
            except UnregisteredSmsError as refused:
                paragraph = refused.text.split("\n\n")[0]
                kind = _gap_kind(language, paragraph)
                if kind is None:
                    unexpected.append(f"{walk.language} after {said[:30]!r}: {refused}")
                gaps[kind or "?"] += 1
                continue
            sent += len(fills)
            for fill in fills:
                assert len(fill.values) <= 3
                assert all(
                    len(value) <= slot.max_length <= 40
                    for value, slot in zip(fill.values, fill.template.slots, strict=True)
                )
    replies = sum(len(walk.sent) for walk in walks)
    print(f"\n{replies} replies, {sent} template SMS; not yet templated: {dict(gaps)}")
    assert not unexpected, "\n".join(unexpected[:20])
    assert set(gaps) == {*NOT_YET_TEMPLATED, "explanation"} - {"rebates options"}, gaps


def test_the_walk_reaches_every_language_and_the_estimate_in_each(walks: list[Walk]) -> None:
    assert [walk.language for walk in walks] == list(LANGUAGES)
    for walk in walks:
        t = Translator.load(walk.language)
        follow_up = t.gettext(m.FOLLOW_UP_SMS)
        estimates = [reply for _said, lang, reply in walk.sent if follow_up in reply]
        assert len(estimates) > 100, walk.language
        assert {lang for _said, lang, _reply in walk.sent} >= {walk.language}


def test_the_estimate_goes_as_two_sms_with_its_figures(walks: list[Walk]) -> None:
    """Title and total, then what to pay by and after the due date (three variables each)."""
    english = next(walk for walk in walks if walk.language == "en")
    home = next(
        reply
        for said, _lang, reply in english.sent
        if reply.startswith("Bill estimate: Domestic, 300 units")
    )
    first, second = plan_sms(home, "en")
    assert first.template.name == "bj_en_estimate_full_kwh_total"
    assert first.variables() == {"category": "Domestic", "units": "300", "total": "Rs 1,520"}
    assert second.template.name.startswith("bj_en_estimate_pay_after")
    assert second.variables()["due"].startswith("Rs ")


def test_the_registry_file_is_what_the_catalogs_give() -> None:
    assert data_path().read_text("utf-8") == expected_text(), (
        "run `bijuli sms templates --write` after changing a message"
    )


def test_bijuli_sms_templates_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sms", "templates", "--csv", "--lang", "or"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows
    assert {row["language"] for row in rows} == {"or"}
    assert all(row["unicode"] == "yes" for row in rows)
    assert all(row["text"].count("{#var#}") == int(row["variables"]) for row in rows)
