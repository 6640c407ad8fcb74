"""bot.observability: bounded metric labels, the outbox hook, rate-limited tracebacks, JSON logs."""

from __future__ import annotations

import json
import logging

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot import observability
from bot.conversation.session import Answers, Session, State
from bot.observability import FailureLog, JsonFormatter
from bot.pipeline import state_and_language


def _samples(name: str) -> dict[tuple[tuple[str, str], ...], float]:
    text = observability.render_metrics().decode()
    return {
        tuple(sorted(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name
    }


def test_label_values_outside_their_fixed_sets_are_counted_as_other() -> None:
    before = _samples("bijuli_turns_total")
    observability.record_turn("+919876543210", "hello world", "answered", 0.01)
    after = _samples("bijuli_turns_total")
    key = (("channel", "other"), ("language", "other"), ("outcome", "answered"))
    assert after[key] == before.get(key, 0.0) + 1
    text = observability.render_metrics().decode()
    assert "9876543210" not in text
    assert "hello world" not in text


def test_store_errors_are_labelled_by_exception_class_only() -> None:
    class SecretError(Exception):
        pass

    observability.count_store_error(SecretError("+919876543210 could not be saved"))
    observability.count_store_error("not a class name: +91 98765")
    samples = _samples("bijuli_store_errors_total")
    assert samples[(("kind", "SecretError"),)] >= 1
    assert samples[(("kind", "other"),)] >= 1
    assert "98765" not in observability.render_metrics().decode()


def test_busy_replies_are_counted_by_cause() -> None:
    before = _samples("bijuli_busy_replies_total").get((("cause", "admission"),), 0.0)
    observability.count_busy_reply("admission")
    assert _samples("bijuli_busy_replies_total")[(("cause", "admission"),)] == before + 1


def test_the_outbox_depth_appears_only_while_a_source_is_registered() -> None:
    assert "bijuli_outbox_depth" not in observability.render_metrics().decode()
    observability.set_outbox_depth_source(lambda: 7)
    try:
        assert _samples("bijuli_outbox_depth") == {(): 7.0}
    finally:
        observability.set_outbox_depth_source(None)
    assert "bijuli_outbox_depth" not in observability.render_metrics().decode()


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("Bearer s3cret-token", True),
        ("bearer s3cret-token", True),
        ("Bearer s3cret-tokenX", False),
        ("Basic s3cret-token", False),
        ("s3cret-token", False),
        ("", False),
        (None, False),
    ],
)
def test_bearer_token_check(header: str | None, accepted: bool) -> None:
    assert observability.bearer_token_matches(header, "s3cret-token") is accepted


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _failure(kind: type[Exception]) -> Exception:
    try:
        raise kind("boom")
    except Exception as exc:  # with a real traceback
        return exc


def test_one_traceback_per_failure_kind_per_interval(caplog: pytest.LogCaptureFixture) -> None:
    clock = _Clock()
    failures = FailureLog(interval_seconds=60, clock=clock)
    logger = logging.getLogger("tests.observability")
    written = [failures.report(logger, "turn failed", _failure(OSError)) for _ in range(50)]
    written.append(failures.report(logger, "turn failed", _failure(ValueError)))
    assert written.count(True) == 2  # the first OSError and the first ValueError
    records = [r for r in caplog.records if r.name == "tests.observability"]
    assert [r.exc_info is not None for r in records] == [True, True]

    clock.now = 61.0
    assert failures.report(logger, "turn failed", _failure(OSError))
    last = [r for r in caplog.records if r.name == "tests.observability"][-1]
    assert last.suppressed == 49  # type: ignore[attr-defined]
    assert "49 more" in last.getMessage()


def test_the_json_formatter_writes_one_line_with_fields_and_traceback() -> None:
    record = logging.LogRecord(
        "bot.app", logging.ERROR, __file__, 1, "user %s: failed", ("abc",), None
    )
    record.user = "abc"
    record.ms = 1.5
    record.exc_info = (OSError, _failure(OSError), _failure(OSError).__traceback__)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "user abc: failed"
    assert entry["user"] == "abc"
    assert entry["ms"] == 1.5
    assert entry["level"] == "error"
    assert "Traceback" in entry["exc"]
    assert "OSError: boom" in entry["exc"]


def test_the_handler_filter_keeps_one_traceback_per_kind_per_interval() -> None:
    clock = _Clock()
    limit = observability.TracebackRateLimit(interval_seconds=60, clock=clock)

    def record(error: Exception, name: str = "uvicorn.error") -> logging.LogRecord:
        entry = logging.LogRecord(name, logging.ERROR, __file__, 1, "Exception in app", (), None)
        entry.exc_info = (type(error), error, error.__traceback__)
        return entry

    kept = [record(_failure(OSError)) for _ in range(20)]
    for entry in kept:
        assert limit.filter(entry)  # the line always stays
    assert [entry.exc_info is not None for entry in kept].count(True) == 1
    assert "OSError" in kept[-1].getMessage()
    other = record(_failure(ValueError))
    limit.filter(other)
    assert other.exc_info is not None  # another kind has its own allowance
    clock.now = 60.0
    again = record(_failure(OSError))
    limit.filter(again)
    assert again.exc_info is not None


@pytest.mark.parametrize("language", ["or", "hi", "en"])
@pytest.mark.parametrize("state", [s.value for s in State])
def test_the_logged_state_and_language_are_the_sessions_own(state: str, language: str) -> None:
    session = Session(language=language, state=State(state), answers=Answers(category="1.b"))
    text = session.to_json()
    parsed = json.loads(text)
    assert state_and_language(text) == (parsed["state"], parsed["language"])
    spaced = json.dumps(parsed, indent=1)  # a session written by another JSON writer
    assert state_and_language(spaced) == (state, language)


def test_no_or_unreadable_session_logs_no_state_or_language() -> None:
    assert state_and_language(None) == (None, None)
    assert state_and_language("") == (None, None)
    assert state_and_language("not json") == (None, None)
    assert state_and_language('{"deleted": true}') == (None, None)
