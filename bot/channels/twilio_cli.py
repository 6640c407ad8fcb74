"""``bijuli twilio sync-content``: put the content templates for buttons and lists in Twilio.

::

    bijuli twilio sync-content    # one line per template: created / replaced / unchanged, SID

Lists the account's Content resources, creates each template of
``bot/channels/data/twilio_content.yaml`` that is missing, replaces one whose content differs
(Content resources cannot be changed: the old one is deleted and a new one created, with a new
SID; a running ``bijuli serve`` looks the SIDs up again by itself) and leaves equal ones. Needs
TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN; exits 2 with one line when they are unset or Twilio
refuses.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from bot.channels.twilio_content import ContentTemplate, TemplateError, templates
from bot.channels.twilio_rest import ContentApi, ExistingContent, TwilioApiError

__all__ = ["SyncResult", "register_twilio", "same_content", "sync_content"]

#: Exit status for bad configuration or a refusal (as the rest of ``bijuli``).
EXIT_FAILED: Final = 2

Outcome = Literal["created", "replaced", "unchanged"]


@dataclass(frozen=True)
class SyncResult:
    """What happened to one template."""

    name: str
    outcome: Outcome
    sid: str


def _contains(actual: Any, wanted: Any) -> bool:
    """Whether ``actual`` holds everything in ``wanted`` (Twilio may add fields of its own,
    such as an action's ``type`` or null defaults, to what it lists)."""
    if isinstance(wanted, Mapping):
        return isinstance(actual, Mapping) and all(
            key in actual and _contains(actual[key], value) for key, value in wanted.items()
        )
    if isinstance(wanted, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(wanted)
            and all(_contains(a, w) for a, w in zip(actual, wanted, strict=True))
        )
    return bool(actual == wanted)


def same_content(existing: ExistingContent, template: ContentTemplate) -> bool:
    """Whether the resource in Twilio already is ``template``."""
    body = template.api_body()
    return (
        existing.language == body["language"]
        and existing.variables == body["variables"]
        and _contains(existing.types, body["types"])
    )


def sync_content(api: ContentApi, wanted: Sequence[ContentTemplate]) -> Iterable[SyncResult]:
    """Create, replace or leave each template of ``wanted``; yields each one's result as it is
    done (a refusal raises :class:`TwilioApiError` after the earlier results)."""
    by_name: dict[str, list[ExistingContent]] = {}
    for existing in api.list():
        by_name.setdefault(existing.friendly_name, []).append(existing)
    for template in wanted:
        present = by_name.get(template.name, [])
        equal = next((e for e in present if same_content(e, template)), None)
        if equal is not None:
            yield SyncResult(template.name, "unchanged", equal.sid)
            continue
        for stale in present:
            api.delete(stale.sid)
        yield SyncResult(template.name, "replaced" if present else "created", api.create(template))


def _sync(_args: argparse.Namespace) -> int:
    from bot.cli import load_settings

    settings = load_settings()
    if settings.twilio_account_sid is None or settings.twilio_auth_token is None:
        print(
            "bijuli: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (the Twilio console, "
            "Account Info) to sync the content templates",
            file=sys.stderr,
        )
        return EXIT_FAILED
    try:
        wanted = templates()
    except TemplateError as exc:
        print(f"bijuli: the content templates are invalid: {exc}", file=sys.stderr)
        return EXIT_FAILED
    api = ContentApi(
        settings.twilio_content_url,
        settings.twilio_account_sid,
        settings.twilio_auth_token.get_secret_value(),
    )
    try:
        for result in sync_content(api, wanted):
            print(f"{result.name}\t{result.outcome}\t{result.sid}", flush=True)
    except TwilioApiError as exc:
        print(f"bijuli: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        api.close()
    return 0


def register_twilio(subcommands: Any) -> None:
    """Add ``bijuli twilio sync-content``."""
    parser = subcommands.add_parser("twilio", help="Twilio: the content templates for buttons")
    twilio = parser.add_subparsers(dest="twilio_command", required=True, metavar="TWILIO_COMMAND")
    sync = twilio.add_parser(
        "sync-content", help="create or update the WhatsApp button and list templates"
    )
    sync.set_defaults(handler=_sync)
