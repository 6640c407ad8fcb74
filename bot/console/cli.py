"""``bijuli agents add|disable|reset|list NAME``: the console's accounts, for an admin.

::

    bijuli agents add rita [--lang or|hi|en]   # asks the password twice on a terminal;
    echo "$PASSWORD" | bijuli agents add rita  # else reads its first line from stdin
    bijuli agents reset rita                   # a new password; signs rita's sessions out
    bijuli agents disable rita                 # no more sign-ins; signs rita's sessions out
    bijuli agents list

Accounts live in the configured store (``BIJULI_SESSION_STORE``, else the state directory's
SQLite file), the same one ``bijuli serve`` reads. Exit status 0, or 2 with one line on stderr.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING, Any, Final, TextIO

from bot.i18n.catalogs import LANGUAGES

if TYPE_CHECKING:
    from bot.console.store import ConsoleStore

__all__ = ["register_agents", "run_agents"]

EXIT_BAD_INPUT: Final = 2


def read_password(stdin: TextIO, stderr: TextIO) -> str:
    """The new password: asked twice without echo on a terminal, else stdin's first line."""
    if stdin.isatty():
        first = getpass.getpass("password: ", stream=stderr)
        if getpass.getpass("again: ", stream=stderr) != first:
            raise ValueError("the two passwords differ")
        return first
    return stdin.readline().rstrip("\r\n")


def run_agents(
    store: ConsoleStore, args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO
) -> int:
    """Carry out one ``bijuli agents`` command on ``store``; return the exit status."""
    from bot.console.accounts import AccountError, Accounts

    accounts = Accounts(store)
    try:
        if args.action == "list":
            for agent in store.list_agents():
                state = "disabled" if agent.disabled else "active"
                print(f"{agent.name}\t{state}\t{agent.language}", file=stdout)
            return 0
        if args.name is None:
            raise AccountError(f"`bijuli agents {args.action}` needs the agent's NAME")
        if args.action == "disable":
            accounts.disable(args.name)
            print(f"disabled {args.name}; their sessions are signed out", file=stdout)
            return 0
        password = read_password(stdin, stderr)
        if args.action == "add":
            accounts.add(args.name, password, language=args.lang)
            print(f"added {args.name}", file=stdout)
        else:
            accounts.reset(args.name, password)
            print(f"new password for {args.name}; their sessions are signed out", file=stdout)
    except (AccountError, ValueError) as exc:
        print(f"bijuli agents: {exc}", file=stderr)
        return EXIT_BAD_INPUT
    return 0


def _agents(args: argparse.Namespace) -> int:
    from bot.cli import load_settings
    from bot.console.store import open_console_store

    settings = load_settings()
    store = open_console_store(settings.session_store_url)
    try:
        return run_agents(store, args, sys.stdin, sys.stdout, sys.stderr)
    finally:
        store.close()


def register_agents(subcommands: Any) -> None:
    """Add ``bijuli agents`` to the ``bijuli`` parser."""
    parser = subcommands.add_parser("agents", help="add, reset, disable or list console agents")
    parser.add_argument("action", choices=("add", "reset", "disable", "list"))
    parser.add_argument("name", nargs="?", help="the agent's name (their id in the logs)")
    parser.add_argument(
        "--lang", choices=LANGUAGES, default="or", help="language of the agent's pages (add)"
    )
    parser.set_defaults(handler=_agents)
