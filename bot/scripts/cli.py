"""``bijuli script run PATH... [--against URL]``: run conversation scripts.

In-process by default. With ``--against URL`` every step is a Twilio webhook POST to
``URL/webhooks/twilio``, signed over ``BIJULI_PUBLIC_URL/webhooks/twilio`` with
``TWILIO_AUTH_TOKEN`` (the service's own settings); only replies are checked, and scripts with
a pre-filled ``start`` session are reported as not runnable remotely. Exit status: 0 when every
script passed (or was skipped remotely), 1 when one failed, 2 when a script could not be loaded
or the configuration is incomplete.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TextIO

if TYPE_CHECKING:  # the engine is imported when a command runs, not when `bijuli` starts
    from bot.scripts.format import Case
    from bot.scripts.runner import CaseResult, Remote

__all__ = ["register", "register_script", "run_scripts"]

EXIT_FAILED: Final = 1
EXIT_BAD_INPUT: Final = 2
#: Seconds to wait for one webhook answer (Twilio itself waits 15).
HTTP_TIMEOUT: Final = 15.0


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
) -> int:
    """Run the scripts under ``paths``; print one line per case and details of failures."""
    from bot.scripts.runner import run_case, run_case_remote

    cases, broken = load_cases(paths, err)
    results: list[CaseResult] = []
    for case in cases:
        result = run_case(case) if remote is None else run_case_remote(case, remote)
        results.append(result)
        if result.status == "failed":
            print(f"FAIL {result.report()}", file=out)
        elif result.status == "skipped":
            print(f"SKIP {result.report()}", file=out)
        elif verbose or result.notes:
            print(f"ok   {result.report()}", file=out)
    counts = {status: sum(r.status == status for r in results) for status in ("passed", "failed")}
    skipped = len(results) - counts["passed"] - counts["failed"]
    where = f"against {remote.base_url}" if remote else "in-process"
    summary = f"{counts['passed']} passed, {counts['failed']} failed"
    if skipped:
        summary += f", {skipped} not runnable remotely"
    if broken:
        summary += f", {broken} could not be loaded"
    print(f"{summary} ({len(results)} cases from {len(paths)} path(s), {where})", file=out)
    if broken:
        return EXIT_BAD_INPUT
    return EXIT_FAILED if counts["failed"] else 0


def _run(args: argparse.Namespace) -> int:
    if not args.against:
        return run_scripts(args.paths, sys.stdout, sys.stderr, verbose=args.verbose)
    import httpx

    from bot import cli as bijuli_cli  # the same module under `python -m bot.cli`, too
    from bot.scripts.runner import Remote

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

        def post(target: str, data: dict[str, str], headers: dict[str, str]) -> tuple[int, str]:
            try:
                response = client.post(target, data=data, headers=headers)
            except httpx.HTTPError as exc:
                return 0, f"no answer from {target}: {exc}"
            return response.status_code, response.text

        remote = Remote(args.against, settings.public_url, token.get_secret_value(), post)
        return run_scripts(args.paths, sys.stdout, sys.stderr, remote=remote, verbose=args.verbose)


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
    run.add_argument("-v", "--verbose", action="store_true", help="list passing scripts too")
    run.set_defaults(handler=_run)


#: The name the brief asked for; :mod:`bot.cli` registers :func:`register_script`.
register = register_script
