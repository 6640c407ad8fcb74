"""Running conversation scripts: in-process against the engine, or over HTTP against a service.

In-process, each step goes through :func:`bot.conversation.handle` with a fixed clock (the 15th
of the script's month) and the script's month pinned, so a run needs no server, no timeouts and
no sleeps. Remotely, each step is a signed Twilio webhook POST from a fresh random number; only
the replies can be checked there (the session and the estimate stay inside the service), and a
script runs only when the service bills the script's month (``GET /healthz`` says which): the
money, the ToD split and the month's name in a reply all depend on it, so a script written for
another month would fail for no fault of the service.

A run stops at a script's first failing step: later steps would only repeat the failure.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Final, Literal
from xml.etree import ElementTree

from bot.conversation import Inbound, current_estimate, handle
from bot.i18n.sms import sms_segments
from bot.scripts.format import DEFAULT_MONTH, LINE_CODES, Case, EstimateExpectation, Step
from tariff_core import BillEstimate

__all__ = [
    "REMOTE_ONLY_REPLIES",
    "WEBHOOK_PATH",
    "CaseResult",
    "Remote",
    "ServiceUnreachableError",
    "StepFailure",
    "clock",
    "month_mismatch",
    "run_case",
    "run_case_remote",
    "script_month",
]

WEBHOOK_PATH: Final = "/webhooks/twilio"
#: What a remote run cannot check, and says so.
REMOTE_ONLY_REPLIES: Final = "session/estimate/deleted checks skipped (not visible remotely)"

Status = Literal["passed", "failed", "skipped"]


@dataclass(frozen=True)
class StepFailure:
    """The first step whose expectations did not hold."""

    number: int
    said: str
    problems: list[str]
    replies: list[str]


@dataclass
class CaseResult:
    """The outcome of one case (a script, or one of its variants)."""

    case: Case
    status: Status
    failure: StepFailure | None = None
    notes: list[str] = field(default_factory=list)
    steps_run: int = 0
    #: Why a skipped case was not run.
    skip_reason: str | None = None

    @property
    def passed(self) -> bool:
        return self.status != "failed"

    def line(self) -> str:
        """The one progress line of this case: ``ok``, ``FAIL`` or ``SKIP`` and the reason."""
        if self.status == "skipped":
            return f"SKIP {self.heading()}: {self.skip_reason or 'not run'}"
        return f"{'FAIL' if self.status == 'failed' else 'ok  '} {self.heading()}"

    def heading(self) -> str:
        where = f"{self.case.path}: {self.case.test_id}"
        if self.case.description:
            where += f" ({self.case.description})"
        return where

    def report(self) -> str:
        """What failed, where, what was expected and everything the bot said."""
        return "\n".join([self.heading(), *self.details()])

    def details(self) -> list[str]:
        """The lines under the heading: the failing step and the replies, then any notes."""
        lines: list[str] = []
        failure = self.failure
        if failure is not None:
            total = len(self.case.script.steps)
            lines.append(f"  step {failure.number} of {total}: the user said {_show(failure.said)}")
            lines.extend(f"  - {problem}" for problem in failure.problems)
            if failure.replies:
                count = len(failure.replies)
                lines.append(f"  the bot said ({count} message{'s' if count != 1 else ''}):")
                for number, reply in enumerate(failure.replies, start=1):
                    if count > 1:
                        lines.append(f"  [message {number}]")
                    lines.extend(f"    | {line}" for line in reply.splitlines() or [""])
            else:
                lines.append("  the bot said nothing")
        lines.extend(f"  note: {note}" for note in self.notes)
        return lines


def _show(text: str, limit: int = 120) -> str:
    if len(text) > limit:
        return repr(text[:limit]) + f"... ({len(text)} characters)"
    return repr(text)


# -- checks shared by both modes ----------------------------------------------------------------


def check_replies(step: Step, case: Case, replies: list[str]) -> list[str]:
    """Problems with the replies of one step (empty when all expectations hold)."""
    problems: list[str] = []
    text = "\n\n".join(replies)
    if step.no_reply:
        if replies:
            problems.append("expected no reply (the user opted out)")
        return problems
    if not replies:
        problems.append("expected a reply")
        return problems
    for wanted in step.reply_contains:
        if wanted not in text:
            problems.append(f"expected the reply to contain {wanted!r}")
    for unwanted in step.reply_not_contains:
        if unwanted in text:
            problems.append(f"expected the reply not to contain {unwanted!r}")
    for pattern in step.reply_matches:
        if not re.search(pattern, text):
            problems.append(f"expected the reply to match /{pattern}/")
    if step.max_sms_segments is not None:
        for number, reply in enumerate(replies, start=1):
            segments = sms_segments(reply)
            if segments > step.max_sms_segments:
                problems.append(
                    f"message {number} takes {segments} SMS segments, "
                    f"more than {step.max_sms_segments}"
                )
    if step.max_chars is not None:
        for number, reply in enumerate(replies, start=1):
            if len(reply) > step.max_chars:
                problems.append(
                    f"message {number} has {len(reply)} characters, more than {step.max_chars}"
                )
    return problems


# -- in-process ------------------------------------------------------------------------------


def script_month(case: Case) -> str:
    """The consumption month a case is written for (YYYY-MM): its ``month``, else the default."""
    return case.script.month or DEFAULT_MONTH


def _month(case: Case) -> dt.date:
    return dt.date.fromisoformat(script_month(case) + "-01")


def clock(case: Case) -> dt.datetime:
    """The fixed "now" of a case: noon UTC on the 15th of its month."""
    month = _month(case)
    return dt.datetime(month.year, month.month, 15, 12, 0, tzinfo=dt.UTC)


def run_case(case: Case) -> CaseResult:
    """Run one case against the engine in this process."""
    script = case.script
    start = script.start_session()
    session = start.to_json() if start is not None else None
    now, month = clock(case), _month(case)
    for number, raw in enumerate(script.steps, start=1):
        said, step = case.say(raw), case.step(raw)
        inbound = Inbound(
            channel=script.channel,
            body=said,
            message_id=f"script-{script.name}-{number}",
            media_count=step.media,
        )
        turn = handle(session, inbound, now=now, month=month)
        session = None if turn.delete else turn.session
        problems = check_replies(step, case, turn.replies)
        if step.deleted and not turn.delete:
            problems.append("expected the user's data to be deleted")
        if step.session is not None:
            problems.extend(_check_session(step.session, session))
        if step.estimate is not None:
            est = current_estimate(session, now=now, month=month)
            problems.extend(_check_estimate(step.estimate, est, session))
        if problems:
            failure = StepFailure(number, said, problems, list(turn.replies))
            return CaseResult(case, "failed", failure, steps_run=number)
    return CaseResult(case, "passed", steps_run=len(script.steps))


_MISSING: Final = object()


def _lookup(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return _MISSING
        data = data[part]
    return data


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal | str):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None
    return None


def _same(expected: Any, actual: Any) -> bool:
    """Whether ``actual`` (JSON or a model's value) is what the script expects.

    Numbers compare by value (``250`` matches ``"250"`` and ``"250.00"``); a mapping matches
    when each of its keys does; ``null``, ``true`` and ``false`` match only themselves.
    """
    if expected is None or isinstance(expected, bool):
        return expected is actual
    if actual is None or isinstance(actual, bool):
        return False
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(expected) == len(actual)
            and all(_same(e, a) for e, a in zip(expected, actual, strict=True))
        )
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            key in actual and _same(value, actual[key]) for key, value in expected.items()
        )
    wanted, got = _number(expected), _number(actual)
    if wanted is not None and got is not None:
        return wanted == got
    return str(expected) == str(actual)


def _check_session(expected: dict[str, Any], session: str | None) -> list[str]:
    if session is None:
        return ["expected a session, but the bot kept none (data deleted)"]
    data = json.loads(session)
    problems = []
    for path, wanted in expected.items():
        got = _lookup(data, path)
        if got is _MISSING:
            problems.append(f"session {path}: expected {wanted!r}, but it is not set")
        elif not _same(wanted, got):
            problems.append(f"session {path}: expected {wanted!r}, got {got!r}")
    return problems


def _estimate_figures(est: BillEstimate) -> dict[str, Callable[[], Any]]:
    return {
        "total": lambda: est.charges_total,
        "payable_by_due_date": lambda: est.payable_by_due_date,
        "payable_after_due_date": lambda: est.payable_after_due_date,
        "units": lambda: est.units,
        "contract_demand": lambda: est.contract_demand,
        "load_factor_percent": lambda: est.load_factor_percent,
        "category": lambda: est.category,
        "billed_as": lambda: est.billed_as.id,
        "month": lambda: est.month,
    }


def _check_estimate(
    expected: EstimateExpectation, est: BillEstimate | None, session: str | None
) -> list[str]:
    if est is None:
        state = json.loads(session).get("state") if session else "none (data deleted)"
        return [f"expected an estimate, but the session has none (state: {state})"]
    problems = []
    wanted = expected.figures()
    codes = {code: wanted.pop(code) for code in LINE_CODES if code in wanted}
    codes.update(wanted.pop("lines", {}))
    for code, amount in codes.items():
        if not any(line.code == code for line in est.lines):
            problems.append(f"estimate {code}: expected ₹{amount}, but it has no {code} line")
        elif est.line_total(code) != amount:
            problems.append(f"estimate {code}: expected ₹{amount}, got ₹{est.line_total(code)}")
    for code, amount in wanted.pop("rebates", {}).items():
        rebate = est.rebate(code)
        if rebate is None:
            offered = ", ".join(r.code for r in est.rebates) or "none"
            problems.append(f"rebate {code}: expected ₹{amount}, not offered (offered: {offered})")
        elif rebate.amount != amount:
            problems.append(f"rebate {code}: expected ₹{amount}, got ₹{rebate.amount}")
    for code in wanted.pop("no_rebates", []):
        if est.rebate(code) is not None:
            problems.append(f"rebate {code}: expected not to be offered, but it is")
    notes = {note.code for note in est.notes}
    for code in wanted.pop("notes", []):
        if code not in notes:
            problems.append(f"note {code}: expected, got {', '.join(sorted(notes)) or 'none'}")
    figures = _estimate_figures(est)
    for name, value in wanted.items():
        got = figures[name]()
        if not _same(value, got):
            problems.append(f"estimate {name}: expected {value}, got {got}")
    return problems


# -- remote ----------------------------------------------------------------------------------


class ServiceUnreachableError(Exception):
    """The service cannot be connected to (not running, wrong host or port): stop the run."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"cannot reach {url}: {reason}")


@dataclass(frozen=True)
class Remote:
    """A running service: where to POST, what to sign with, and the month it bills.

    ``post(url, data, headers)`` returns ``(status, body)``, with status 0 and the reason as
    body when no answer came, and raises :class:`ServiceUnreachableError` when it cannot connect;
    the CLI passes an httpx client's. ``month`` is the service's billing month (YYYY-MM, from
    ``GET /healthz``), None when the service does not say.
    """

    base_url: str
    public_url: str
    auth_token: str
    post: Callable[[str, dict[str, str], dict[str, str]], tuple[int, str]]
    month: str | None = None

    def sign(self, params: dict[str, str]) -> str:
        from twilio.request_validator import RequestValidator

        url = self.public_url.rstrip("/") + WEBHOOK_PATH
        return str(RequestValidator(self.auth_token).compute_signature(url, params))


def _sender(channel: str) -> str:
    number = "+9199" + "".join(str(secrets.randbelow(10)) for _ in range(8))
    return f"whatsapp:{number}" if channel == "whatsapp" else number


def _form(sender: str, body: str, media: int) -> dict[str, str]:
    whatsapp = sender.startswith("whatsapp:")
    fields = {
        "MessageSid": "SM" + uuid.uuid4().hex,
        "AccountSid": "AC" + uuid.uuid4().hex,
        "From": sender,
        "To": "whatsapp:+14155238886" if whatsapp else "+14155238886",
        "Body": body,
        "NumMedia": str(media),
        "NumSegments": "1",
    }
    for index in range(media):
        fields[f"MediaUrl{index}"] = f"https://api.twilio.com/media/ME{uuid.uuid4().hex}"
        fields[f"MediaContentType{index}"] = "image/jpeg"
    if whatsapp:
        fields["ProfileName"] = "Script runner"
        fields["WaId"] = sender.removeprefix("whatsapp:+")
    return fields


def twiml_messages(text: str) -> list[str]:
    """The bodies of a TwiML ``<Response>``'s ``<Message>`` elements."""
    root = ElementTree.fromstring(text)
    if root.tag != "Response":
        raise ValueError(f"not TwiML: root element <{root.tag}>")
    bodies = []
    for message in root.iter("Message"):
        body = message.find("Body")
        bodies.append((body.text if body is not None else message.text) or "")
    return bodies


def month_mismatch(case: Case, service_month: str | None) -> str | None:
    """Why ``case`` cannot be expected to pass against a service billing ``service_month``
    (None when the months agree). A script without ``month`` is written for the default."""
    written = script_month(case)
    origin = "" if case.script.month else " (the default: the script has no `month`)"
    if service_month is None:
        return (
            f"written for {written}{origin}; the service does not say which month it bills "
            "(no `month` in GET /healthz)"
        )
    if service_month != written:
        return f"written for {written}{origin}, the service bills {service_month}"
    return None


def run_case_remote(case: Case, remote: Remote, *, any_month: bool = False) -> CaseResult:
    """Run one case against a service over the Twilio webhook, checking replies only.

    A case written for another month than ``remote.month`` is skipped with the reason, or run
    with that reason as a note when ``any_month`` (its failures may then be the month's).
    Raises :class:`ServiceUnreachableError` when ``remote.post`` cannot connect.
    """
    script = case.script
    if script.start is not None:
        reason = "not runnable remotely: its pre-filled `start` session cannot be sent"
        return CaseResult(case, "skipped", skip_reason=reason)
    notes = []
    mismatch = month_mismatch(case, remote.month)
    if mismatch is not None:
        if not any_month:
            return CaseResult(case, "skipped", skip_reason=mismatch)
        notes.append(f"{mismatch}: a failure may come from the month")
    if any(s.session is not None or s.estimate is not None or s.deleted for s in script.steps):
        notes.append(REMOTE_ONLY_REPLIES)
    sender = _sender(script.channel)
    for number, raw in enumerate(script.steps, start=1):
        said, step = case.say(raw), case.step(raw)
        params = _form(sender, said, step.media)
        headers = {"X-Twilio-Signature": remote.sign(params)}
        status, body = remote.post(remote.base_url.rstrip("/") + WEBHOOK_PATH, params, headers)
        if status != 200:
            problem = body if status == 0 else f"the service answered HTTP {status}: {body[:300]}"
            return CaseResult(case, "failed", StepFailure(number, said, [problem], []), notes)
        try:
            replies = twiml_messages(body)
        except (ElementTree.ParseError, ValueError) as exc:
            problem = f"the service's answer is not TwiML ({exc}): {body[:300]}"
            return CaseResult(case, "failed", StepFailure(number, said, [problem], []), notes)
        problems = check_replies(step, case, replies)
        if problems:
            failure = StepFailure(number, said, problems, replies)
            return CaseResult(case, "failed", failure, notes, steps_run=number)
    return CaseResult(case, "passed", notes=notes, steps_run=len(script.steps))
