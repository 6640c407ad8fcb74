"""`bijuli twilio sync-content` as an operator runs it, against the Content API stand-in."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.channels.twilio_content import templates
from tests.support.twilio_api import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    TwilioStandIn,
    running_twilio_api,
)

ROOT = Path(__file__).resolve().parents[2]
NAMES = [t.name for t in templates()]


@pytest.fixture
def twilio() -> Iterator[TwilioStandIn]:
    with running_twilio_api() as stand_in:
        yield stand_in


def _sync(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "twilio", "sync-content"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "BIJULI_STATE_DIR": str(tmp_path), **env},
        timeout=60,
        check=False,
    )


def _account(twilio: TwilioStandIn, token: str = AUTH_TOKEN) -> dict[str, str]:
    return {
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": token,
        "TWILIO_CONTENT_URL": twilio.base_url,
    }


def _lines(result: subprocess.CompletedProcess[str]) -> list[list[str]]:
    return [line.split("\t") for line in result.stdout.splitlines()]


def test_created_then_unchanged_then_replaced_after_a_change(
    tmp_path: Path, twilio: TwilioStandIn
) -> None:
    first = _sync(tmp_path, **_account(twilio))
    assert first.returncode == 0, first.stderr
    created = _lines(first)
    assert [(name, outcome) for name, outcome, _sid in created] == [
        (name, "created") for name in NAMES
    ]
    sids = {name: sid for name, _outcome, sid in created}
    assert set(sids.values()) == set(twilio.contents)
    stored = twilio.contents[sids["bijuli_list_9"]]
    assert stored["types"]["twilio/list-picker"]["items"][8] == {
        "item": "{{27}}",
        "id": "{{28}}",
        "description": "{{29}}",
    }
    assert stored["language"] == "en"

    second = _sync(tmp_path, **_account(twilio))
    assert second.returncode == 0, second.stderr
    assert _lines(second) == [[name, "unchanged", sids[name]] for name in NAMES]
    # Twilio adds fields of its own to what it lists: still unchanged.
    twilio.contents[sids["bijuli_buttons_1"]]["types"]["twilio/quick-reply"]["actions"][0][
        "type"
    ] = "QUICK_REPLY"

    # The account holds an older version of one template (say, before a sample changed).
    twilio.contents[sids["bijuli_list_4"]]["variables"]["1"] = "An older sample"
    third = _sync(tmp_path, **_account(twilio))
    assert third.returncode == 0, third.stderr
    outcomes = {name: (outcome, sid) for name, outcome, sid in _lines(third)}
    assert outcomes["bijuli_list_4"][0] == "replaced"
    assert outcomes["bijuli_list_4"][1] != sids["bijuli_list_4"]
    assert sids["bijuli_list_4"] not in twilio.contents  # deleted: content is immutable
    assert outcomes["bijuli_buttons_1"] == ("unchanged", sids["bijuli_buttons_1"])
    assert sum(outcome == "unchanged" for outcome, _sid in outcomes.values()) == len(NAMES) - 1
    deletes = [r for r in twilio.requests if r.method == "DELETE"]
    assert [r.path for r in deletes] == [f"/v1/Content/{sids['bijuli_list_4']}"]


def test_other_content_in_the_account_is_left_alone(tmp_path: Path, twilio: TwilioStandIn) -> None:
    theirs = twilio.add_content({"friendly_name": "marketing", "language": "en", "types": {}})
    twilio.content_page_size = 4  # the listing takes several pages
    result = _sync(tmp_path, **_account(twilio))
    assert result.returncode == 0, result.stderr
    assert theirs in twilio.contents
    assert len(twilio.contents) == len(NAMES) + 1


def test_without_credentials_it_exits_2_with_one_line(tmp_path: Path) -> None:
    result = _sync(tmp_path, TWILIO_ACCOUNT_SID=ACCOUNT_SID)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN" in result.stderr


def test_a_refusal_exits_2_with_twilios_error(tmp_path: Path, twilio: TwilioStandIn) -> None:
    result = _sync(tmp_path, **_account(twilio, token="f" * 32))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "HTTP 401, error 20003" in line
    assert "f" * 32 not in line
    assert not twilio.contents


def test_an_unreachable_content_api_exits_2(tmp_path: Path) -> None:
    with running_twilio_api() as gone:
        url = gone.base_url
    result = _sync(
        tmp_path,
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_CONTENT_URL=url,
    )
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "could not reach the Content API" in line
