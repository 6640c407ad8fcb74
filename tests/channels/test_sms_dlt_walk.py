"""Every SMS the engine sends, over every language × category × state, is a registered DLT
template's instance within its limits; the registry file is what the catalogs give; and
``bijuli sms templates --csv`` exports it.

Nothing is exempt: the lists built per consumer (the line menu and explanations, the tips, the
rebates, the bill check, the details, the categories a word names, the appliances' units) go
one registered template a paragraph (:mod:`bot.rendering.sms_layout`).
"""

from __future__ import annotations

import collections
import csv
import io

import pytest
from sms_walk import Walk, walk_all

from bot import messages as m
from bot.channels.sms_cli import data_path, expected_text
from bot.channels.sms_templates import MAX_SLOTS, UnregisteredSmsError, plan_sms, registry
from bot.cli import main
from bot.i18n.catalogs import LANGUAGES, Translator
from bot.i18n.sms import SMS_MAX_SEGMENTS_REPLY, sms_segments


@pytest.fixture(scope="module")
def walks() -> list[Walk]:
    return list(walk_all())


def test_every_sms_the_engine_sends_is_a_registered_template(walks: list[Walk]) -> None:
    refused: list[str] = []
    used: collections.Counter[str] = collections.Counter()
    sent = 0
    for walk in walks:
        for said, language, reply in walk.sent:
            try:
                fills = plan_sms(reply, language)
            except UnregisteredSmsError as error:
                refused.append(f"{walk.language} after {said[:30]!r}: {error}")
                continue
            sent += len(fills)
            for fill in fills:
                used[fill.template.language] += 1
                assert len(fill.values) <= MAX_SLOTS, fill.template.name
                assert all(
                    len(value) <= slot.max_length <= 40
                    for value, slot in zip(fill.values, fill.template.slots, strict=True)
                ), fill
                assert fill.text == fill.template.fill(fill.values)
    replies = sum(len(walk.sent) for walk in walks)
    templates = {code: len(registry().templates(code)) for code in LANGUAGES}
    print(f"\n{replies} replies as {sent} template SMS {dict(used)}; templates {templates}")
    assert not refused, f"{len(refused)} refused:\n" + "\n".join(refused[:20])
    assert sent > replies


def test_the_engine_packs_lists_within_the_segment_limit(walks: list[Walk]) -> None:
    """A reply of several template SMS is packed paragraph by paragraph: no message of more
    than one paragraph (what Twilio sends as one SMS) is longer than the channel's limit."""
    packed = 0
    for walk in walks:
        for said, _language, reply in walk.sent:
            if "\n\n" in reply:
                packed += 1
                assert sms_segments(reply) <= SMS_MAX_SEGMENTS_REPLY, (said, reply)
    assert packed > 1000


def test_the_lists_go_one_template_a_paragraph(walks: list[Walk]) -> None:
    """The kinds once built in code are reached in every language and each goes as several
    registered SMS: the line menu, the tips, the rebates, the details, the bill check, the
    categories a word names and the appliances' units."""
    for walk in walks:
        t = Translator.load(walk.language)
        starts = {
            "line menu": t.gettext(m.ASK_WHICH_LINE),
            "tips": t.gettext(m.TIPS_TITLE),
            "rebates": t.gettext(m.REBATES_COUNTED),
            "categories a word names": t.gettext(m.ASK_WHICH_CATEGORY),
        }
        for kind, start in starts.items():
            replies = [reply for _said, _lang, reply in walk.sent if reply.startswith(start)]
            assert replies, (walk.language, kind)
            assert max(len(plan_sms(reply, walk.language)) for reply in replies) >= 2, kind
        names = {
            fill.template.name.split("_", 2)[2]
            for said, language, reply in walk.sent
            if said in ("details", "2500", "1", "3", "2 fans 1 tv 1 fridge")
            for fill in plan_sms(reply, language)
        }
        for expected in (
            "line_meter_rent_amount",  # the details and an explanation's head
            "check_result",
            "check_result_months_3",
            "appliance_units_fan",
            "appliances_total_approximate",
        ):
            assert expected in names, (walk.language, expected)


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
