"""``bijuli``: run the service, chat with the bot in a terminal, estimate a bill.

::

    bijuli serve [--host 127.0.0.1] [--port 8000] [--workers 1]
    bijuli worker   (sends the outbox: buttons and lists, Meta, SMS gateway)
    bijuli chat [--lang or|hi|en] [--channel whatsapp|sms] [--month YYYY-MM]
    bijuli estimate --category domestic --units 250 --month 2026-05   (tariff_core's CLI)
    bijuli batch IN.csv OUT.csv [--month YYYY-MM]   (one estimate per row: bot.batch)
    bijuli agents add|reset|disable|list [NAME]   (the agent console's accounts)
    bijuli twilio sync-content   (the WhatsApp button and list templates in Twilio)

Adding a subcommand: write a ``register_<name>(subcommands)`` function that adds its
parser and sets ``handler`` (a function taking the parsed arguments and returning the exit
status) with ``parser.set_defaults(handler=...)``, then append it to :data:`REGISTRARS`. A
command that hands its arguments to another parser also sets ``passthrough=True`` and reads
them from ``args.rest``. A registrar may live in another module (``bijuli script run`` will,
e.g. ``bot.scripts.cli.register_script``): import it here and add it to the tuple.

This is the only place that reads the environment (through :class:`~bot.config.Settings`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from copy import deepcopy
from typing import TYPE_CHECKING, Any, Final, TextIO

from pydantic import ValidationError

from bot.batch.cli import register_batch
from bot.channels.sms_cli import register_sms
from bot.channels.twilio_cli import register_twilio
from bot.config import Settings
from bot.console.cli import register_agents
from bot.i18n.catalogs import LANGUAGES
from bot.outbox.cli import register_worker
from bot.scripts.cli import register_script

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["REGISTRARS", "build_parser", "main"]

#: Exit status for bad input or configuration (as tariff_core's CLI).
EXIT_BAD_INPUT: Final = 2
DEFAULT_HOST: Final = "127.0.0.1"
DEFAULT_PORT: Final = 8000
DEFAULT_WORKERS: Final = 1
#: Highest TCP port number.
MAX_PORT: Final = 65535
#: Exit status when the reader of our output went away, as a shell reports SIGPIPE.
EXIT_BROKEN_PIPE: Final = 128 + 13
#: Seconds ``bijuli serve`` waits on SIGTERM for requests in flight before closing them.
GRACEFUL_SHUTDOWN_SECONDS: Final = 15
#: Environment variables read for the service's operation (see README, "Operate").
METRICS_TOKEN_VARIABLE: Final = "BIJULI_METRICS_TOKEN"
LOG_FORMAT_VARIABLE: Final = "BIJULI_LOG_FORMAT"

Subcommands = Any  # argparse's _SubParsersAction, which is private
Registrar = Callable[[Subcommands], None]


class ConfigError(Exception):
    """The environment's settings are invalid; the message lists each problem."""


def load_settings() -> Settings:
    """Read :class:`~bot.config.Settings` from the environment, or raise :class:`ConfigError`.

    Validation messages name the setting and the problem but never echo its value (a
    rejected value may be a secret).
    """
    try:
        return Settings()
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_input=False, include_url=False):
            where = ".".join(str(part) for part in error["loc"])
            problems.append(f"  {where}: {error['msg']}")
        raise ConfigError("invalid configuration:\n" + "\n".join(problems)) from None


# ----------------------------------------------------------------------------- serve


def app_from_environment() -> FastAPI:
    """Uvicorn's app factory for ``bijuli serve``: settings from the environment, and
    BIJULI_METRICS_TOKEN (when set, ``GET /metrics`` needs it as a bearer token)."""
    from bot.app import create_app
    from bot.serving import warm_up

    app = create_app(load_settings(), metrics_token=os.environ.get(METRICS_TOKEN_VARIABLE) or None)
    warm_up()  # before this worker takes traffic: nothing is loaded while a message waits
    return app


def _log_config(log_format: str | None = None) -> dict[str, Any]:
    """Uvicorn's logging set-up, plus the ``bot`` loggers at INFO on the same handler.

    Every line is one JSON object (:class:`bot.observability.JsonFormatter`) unless
    BIJULI_LOG_FORMAT (or ``log_format``) is ``text``: uvicorn's plain lines, for a terminal.
    """
    from uvicorn.config import LOGGING_CONFIG

    config = deepcopy(LOGGING_CONFIG)
    config["loggers"]["bot"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    chosen = (log_format or os.environ.get(LOG_FORMAT_VARIABLE) or "json").strip().lower()
    # One traceback per failure kind per minute on every handler: an outage must not flood.
    config["filters"] = {"tracebacks": {"()": "bot.observability.TracebackRateLimit"}}
    for handler in config["handlers"].values():
        handler["filters"] = ["tracebacks"]
    if chosen != "text":
        json_formatter = {"()": "bot.observability.JsonFormatter"}
        config["formatters"] = {"default": json_formatter, "access": json_formatter}
        # Libraries' own loggers (redis, asyncio) as JSON too, instead of Python's bare stderr.
        config["root"] = {"handlers": ["default"], "level": "WARNING"}
    return config


#: The app as uvicorn imports it in every worker.
APP_FACTORY: Final = "bot.cli:app_from_environment"


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    # Fail here, with one readable line, rather than in every worker: uvicorn respawns a
    # worker that crashes at start-up, for ever.
    settings = load_settings()
    _check_store(settings)
    options: dict[str, Any] = {
        "factory": True,
        "host": args.host,
        "port": args.port,
        "log_config": _log_config(),
        # Forwarded headers are never trusted: signatures are checked against
        # BIJULI_PUBLIC_URL, and client addresses are not used.
        "proxy_headers": False,
        "server_header": False,
        # On SIGTERM, stop accepting and let turns in flight finish (a turn is well under
        # Twilio's 15 s) before the connections are closed.
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
    }
    if args.workers == 1:
        uvicorn.run(APP_FACTORY, **options)
        return 0
    from uvicorn.supervisors import Multiprocess

    from bot.serving import TcpConfig, shared_metrics_dir

    # Each worker counts in files of one directory, so that /metrics (answered by whichever
    # worker takes the scrape) sums them all.
    shared_metrics_dir(settings.state_dir)
    config = TcpConfig(APP_FACTORY, workers=args.workers, **options)
    Multiprocess(config, sockets=[config.bind_socket()]).run()
    return 0


def _check_store(settings: Settings) -> None:
    """Raise :class:`ConfigError` unless the hashing key can be read and the session store
    named by ``settings`` can be opened and answers."""
    from bot.stores import open_store

    try:
        settings.hash_secret()
        store = open_store(settings.session_store_url, ttl_seconds=settings.session_ttl_seconds)
    except (ValueError, OSError) as exc:
        raise ConfigError(str(exc)) from None
    try:
        answers = store.ping()
    finally:
        store.close()
    if not answers:
        # Only the scheme: the rest of the URL may hold a host name or a password.
        scheme = settings.session_store_url.partition("://")[0]
        raise ConfigError(
            f"the session store ({scheme}, BIJULI_SESSION_STORE) does not answer: check that "
            "it is running and the URL is right"
        )


def _port(text: str) -> int:
    """An argparse type: a TCP port number."""
    if not text.isdigit() or not 1 <= int(text) <= MAX_PORT:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (1 to {MAX_PORT})")
    return int(text)


def _workers(text: str) -> int:
    """An argparse type: a number of worker processes."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return int(text)


def register_serve(subcommands: Subcommands) -> None:
    """``bijuli serve``: the web service under uvicorn."""
    parser = subcommands.add_parser("serve", help="run the web service (Twilio webhook, API)")
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to listen on")
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT, help="port to listen on")
    parser.add_argument("--workers", type=_workers, default=DEFAULT_WORKERS, help="processes")
    parser.set_defaults(handler=_serve)


# ----------------------------------------------------------------------------- chat


def _month(text: str) -> dt.date:
    """An argparse type: a month as YYYY-MM that a tariff order covers."""
    from tariff_core import default_tariff
    from tariff_core.errors import TariffNotInForceError

    try:
        month = dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month as YYYY-MM") from None
    try:
        default_tariff().order_for(month)
    except TariffNotInForceError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return month


def chat(
    lines: TextIO,
    out: TextIO,
    *,
    channel: str = "whatsapp",
    lang: str | None = None,
    month: dt.date | None = None,
    prompt: str = "",
) -> int:
    """Talk to the engine: one message per input line, replies printed; session in memory."""
    from bot.conversation.engine import handle
    from bot.inbound import CHANNELS, Inbound

    chosen = next((known for known in CHANNELS if known == channel), None)
    if chosen is None:
        raise ValueError(f"unknown channel {channel!r}; expected one of {', '.join(CHANNELS)}")
    session: str | None = None
    count = 0

    def send(text: str, *, show: bool) -> None:
        nonlocal session, count
        count += 1
        inbound = Inbound(channel=chosen, body=text, message_id=f"chat-{count}")
        turn = handle(session, inbound, now=dt.datetime.now(dt.UTC), month=month)
        session = None if turn.delete else turn.session
        if show:
            for reply in turn.replies:
                print(reply, file=out)
                print(file=out)
            out.flush()

    if lang is not None:
        # The engine's public way to choose a language: type the language's own name, which
        # it understands in any state. The reply ("OK, I will reply in …") is not shown.
        from bot.conversation.steps import LANGUAGE_NAMES
        from bot.i18n.catalogs import parse_language

        send(LANGUAGE_NAMES[parse_language(lang)], show=False)
    while True:
        if prompt:
            out.write(prompt)
            out.flush()
        line = lines.readline()
        if not line:
            break
        text = line.rstrip("\r\n")
        if text.strip():
            send(text, show=True)
    return 0


def _chat(args: argparse.Namespace) -> int:
    prompt = "> " if sys.stdin.isatty() else ""
    return chat(
        sys.stdin, sys.stdout, channel=args.channel, lang=args.lang, month=args.month, prompt=prompt
    )


def register_chat(subcommands: Subcommands) -> None:
    """``bijuli chat``: a terminal simulator of the conversation."""
    parser = subcommands.add_parser(
        "chat", help="chat with the bot in this terminal (stdin lines in, replies out)"
    )
    parser.add_argument("--lang", choices=LANGUAGES, help="start in this language")
    parser.add_argument("--channel", choices=["whatsapp", "sms"], default="whatsapp")
    parser.add_argument("--month", type=_month, help="consumption month YYYY-MM (default: now)")
    parser.set_defaults(handler=_chat)


# ----------------------------------------------------------------------------- estimate


def _estimate(args: argparse.Namespace) -> int:
    from tariff_core import cli as tariff_cli

    return tariff_cli.main(["estimate", *args.rest])


def register_estimate(subcommands: Subcommands) -> None:
    """``bijuli estimate``: tariff_core's estimate command (``bijuli estimate --help``)."""
    parser = subcommands.add_parser(
        "estimate",
        help="itemise a bill (tariff_core's CLI; see `bijuli estimate --help`)",
        add_help=False,
    )
    # Every argument after `estimate` goes to tariff_core untouched (see main()).
    parser.set_defaults(handler=_estimate, passthrough=True)


def _diagram(args: argparse.Namespace) -> int:
    from bot.conversation.diagram import markdown

    sys.stdout.write(markdown())
    return 0


def register_diagram(subcommands: Subcommands) -> None:
    """``bijuli diagram``: the conversation's Mermaid diagram (docs/conversation.md)."""
    parser = subcommands.add_parser(
        "diagram", help="print the conversation as a Mermaid diagram (docs/conversation.md)"
    )
    parser.set_defaults(handler=_diagram)


# ----------------------------------------------------------------------------- entry point

#: Every subcommand, registered in this order (the help lists them so).
REGISTRARS: tuple[Registrar, ...] = (
    register_serve,
    register_worker,
    register_chat,
    register_estimate,
    register_batch,
    register_script,
    register_diagram,
    register_agents,
    register_sms,
    register_twilio,
)


def build_parser(registrars: Sequence[Registrar] = REGISTRARS) -> argparse.ArgumentParser:
    """The ``bijuli`` parser with one subcommand per registrar."""
    parser = argparse.ArgumentParser(
        prog="bijuli", description="Bijuli: Odisha electricity bill assistant."
    )
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in registrars:
        register(subcommands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``bijuli``; return the exit status (2 for bad input or configuration)."""
    parser = build_parser()
    args, rest = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    if getattr(args, "passthrough", False):
        args.rest = rest
    elif rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        status: int = args.handler(args)
    except ConfigError as exc:
        print(f"bijuli: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`bijuli chat | head`): stop quietly. Point stdout at
        # /dev/null so that the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    return status


if __name__ == "__main__":
    sys.exit(main())
