"""``bijuli script run PATH... [--against URL]``: run conversation scripts.

In-process by default. With ``--against URL`` the service's ``GET /healthz`` is asked first
which month it bills; then every step is a Twilio webhook POST to ``URL/webhooks/twilio``,
signed over ``BIJULI_PUBLIC_URL/webhooks/twilio`` with ``TWILIO_AUTH_TOKEN`` (the service's own
settings). Only replies are checked; scripts with a pre-filled ``start`` session, and scripts
written for another month than the service bills (unless ``--any-month``), are skipped with the
reason.

Output (stdout): one line per case as it finishes (``ok``, ``FAIL`` with the failing step and
the replies, ``SKIP`` with the reason), then ``N passed, N failed, N skipped``. Exit status: 0
when no case failed, 1 when one failed, 2 when a script could not be loaded, the configuration
is incomplete, or the service cannot be reached or is not healthy (one line on stderr).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TextIO

if TYPE_CHECKING:  # the engine is imported when a command runs, not when `bijuli` starts
    import httpx

    from bot.scripts.format import Case
    from bot.scripts.runner import CaseResult, Remote

__all__ = ["register", "register_script", "run_scripts"]

EXIT_FAILED: Final = 1
EXIT_BAD_INPUT: Final = 2
#: Seconds to wait for one webhook answer (Twilio itself waits 15).
HTTP_TIMEOUT: Final = 15.0
_MONTH: Final = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def load_cases(paths: Sequence[Path], err: TextIO) -> tuple[list[Case], int]:
    """Every case under ``paths``, and how many files could not be loaded (reported)."""
    from bot.scripts.format import ScriptError, expand, find_scripts, load_script

    cases: list[Case] = []
    broken = 0
    files = find_scripts(list(paths))
    for path in files:
        if not path.exists():
            print(f"{path}: no such file or directory", file=err)
            broken += 1
            continue
        try:
            script = load_script(path)
        except ScriptError as exc:
            print(f"error: {exc}", file=err)
            broken += 1
            continue
        cases.extend(expand(script, path))
    if not files:
        print("no scripts found (*.yaml, *.yml)", file=err)
        broken += 1
    return cases, broken


def run_scripts(
    paths: Sequence[Path],
    out: TextIO,
    err: TextIO,
    *,
    remote: Remote | None = None,
    verbose: bool = False,
    any_month: bool = False,
) -> int:
    """Run the scripts under ``paths``, printing one line per case as it finishes (details
    under a failure) and a summary; return the exit status (see the module docstring)."""
    from bot.scripts.runner import ServiceUnreachableError, run_case, run_case_remote

    cases, broken = load_cases(paths, err)
    results: list[CaseResult] = []
    unreachable: ServiceUnreachableError | None = None
    for case in cases:
        try:
            result = (
                run_case(case)
                if remote is None
                else run_case_remote(case, remote, any_month=any_month)
            )
        except ServiceUnreachableError as exc:  # the service went away: every later case would too
            unreachable = exc
            break
        results.append(result)
        details = result.details() if result.status == "failed" or verbose else []
        print("\n".join([result.line(), *details]), file=out, flush=True)
    counts = {s: sum(r.status == s for r in results) for s in ("passed", "failed", "skipped")}
    where = f"against {remote.base_url}" if remote else "in-process"
    summary = f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped"
    if broken:
        summary += f", {broken} could not be loaded"
    if unreachable is not None:
        summary += f", {len(cases) - len(results)} not run"
    print(f"{summary} ({len(cases)} cases from {len(paths)} path(s), {where})", file=out)
    if remote is not None:
        _remote_notes(results, remote, out, any_month=any_month)
    if unreachable is not None:
        print(f"bijuli: {unreachable}", file=err)
        return EXIT_BAD_INPUT
    if broken:
        return EXIT_BAD_INPUT
    return EXIT_FAILED if counts["failed"] else 0


def _remote_notes(
    results: list[CaseResult], remote: Remote, out: TextIO, *, any_month: bool
) -> None:
    """Say once what a remote run could not check (each case's notes are shown by -v)."""
    from bot.scripts.runner import REMOTE_ONLY_REPLIES, month_mismatch

    unchecked = sum(REMOTE_ONLY_REPLIES in r.notes for r in results)
    if unchecked:
        print(f"note: {unchecked} case(s) ran with their {REMOTE_ONLY_REPLIES}", file=out)
    other_month = sum(
        r.status == "skipped"
        and r.case.script.start is None
        and month_mismatch(r.case, remote.month) is not None
        for r in results
    )
    if other_month and not any_month:
        billed = remote.month or "a month it does not report"
        print(
            f"note: {other_month} case(s) skipped: written for another month than the service "
            f"bills ({billed}); --any-month runs them anyway",
            file=out,
        )


def _unreachable_reason(exc: BaseException) -> str:
    """Why a connection failed, in a few words (``connection refused``), from httpx's chain."""
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        return f"no answer within {HTTP_TIMEOUT:g} s"
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror[:1].lower() + cause.strerror[1:]
        cause = cause.__cause__ or cause.__context__
    return str(exc) or type(exc).__name__


def _service_month(client: httpx.Client, base_url: str) -> str | None:
    """The month the service bills, from ``GET /healthz`` (None when it does not say).

    Raises :class:`ServiceUnreachableError` when it cannot be reached or is not a healthy service.
    """
    import httpx

    from bot.scripts.runner import ServiceUnreachableError

    url = base_url.rstrip("/") + "/healthz"
    try:
        response = client.get(url)
    except httpx.TransportError as exc:
        raise ServiceUnreachableError(base_url, _unreachable_reason(exc)) from None
    try:
        health = response.json()
    except ValueError:
        health = None
    if not isinstance(health, dict) or "status" not in health:
        raise ServiceUnreachableError(
            base_url, f"GET /healthz answered HTTP {response.status_code}, not a Bijuli service"
        )
    if response.status_code != 200:
        problem = ", ".join(f"{k}: {v}" for k, v in health.items() if k != "month")
        raise ServiceUnreachableError(
            base_url,
            f"the service is not healthy (GET /healthz: HTTP {response.status_code}, {problem})",
        )
    month = health.get("month")
    return month if isinstance(month, str) and _MONTH.fullmatch(month) else None


def _run(args: argparse.Namespace) -> int:
    if not args.against:
        return run_scripts(args.paths, sys.stdout, sys.stderr, verbose=args.verbose)
    import httpx

    from bot import cli as bijuli_cli  # the same module under `python -m bot.cli`, too
    from bot.scripts.runner import Remote, ServiceUnreachableError

    base_url: str = args.against
    if not base_url.startswith(("http://", "https://")):
        print(
            f"bijuli: --against takes a URL such as http://127.0.0.1:8000 (got {base_url!r})",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    try:
        settings = bijuli_cli.load_settings()
    except bijuli_cli.ConfigError as exc:
        print(f"bijuli: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    token = settings.twilio_auth_token
    if token is None:
        print("bijuli: TWILIO_AUTH_TOKEN is not set: it signs the webhook posts", file=sys.stderr)
        return EXIT_BAD_INPUT
    with httpx.Client(timeout=HTTP_TIMEOUT) as client:
        try:
            month = _service_month(client, base_url)
        except ServiceUnreachableError as exc:
            print(f"bijuli: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT

        def post(target: str, data: dict[str, str], headers: dict[str, str]) -> tuple[int, str]:
            try:
                response = client.post(target, data=data, headers=headers)
            except httpx.ConnectError as exc:
                raise ServiceUnreachableError(base_url, _unreachable_reason(exc)) from None
            except httpx.HTTPError as exc:  # connected, but no answer: this script's failure
                return 0, f"no answer from {target}: {_unreachable_reason(exc)}"
            return response.status_code, response.text

        remote = Remote(base_url, settings.public_url, token.get_secret_value(), post, month)
        return run_scripts(
            args.paths,
            sys.stdout,
            sys.stderr,
            remote=remote,
            verbose=args.verbose,
            any_month=args.any_month,
        )


def register_script(subcommands: Any) -> None:
    """``bijuli script run``: conversation scripts (tests/conversations/, CONTRIBUTING.md)."""
    parser = subcommands.add_parser("script", help="run conversation scripts (YAML)")
    actions = parser.add_subparsers(dest="script_command", required=True, metavar="ACTION")
    run = actions.add_parser(
        "run", help="run scripts in-process, or against a running service with --against"
    )
    run.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="script files or dirs")
    run.add_argument(
        "--against",
        metavar="URL",
        help="base URL of a running service (signs with TWILIO_AUTH_TOKEN and BIJULI_PUBLIC_URL)",
    )
    run.add_argument(
        "--any-month",
        action="store_true",
        help="with --against: also run scripts written for another month than the service "
        "bills (their failures may be the month's)",
    )
    run.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="show the notes of every case, not only failures",
    )
    run.set_defaults(handler=_run)


#: The name the brief asked for; :mod:`bot.cli` registers :func:`register_script`.
register = register_script
