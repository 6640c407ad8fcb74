"""A local stand-in for Meta's Graph API messages endpoint, for transport and end-to-end tests.

Speaks the documented shapes of ``POST /{version}/{phone-number-id}/messages``: it checks the
bearer token (401 with an ``OAuthException`` code 190 otherwise), the JSON request (the
``messaging_product``, the recipient, and WhatsApp's limits on text, buttons and lists: 400
with code 100 otherwise), records every request, and answers as the Cloud API does
(``{"messaging_product", "contacts": [{"input", "wa_id"}], "messages": [{"id": "wamid…"}]}``).
Tests can queue failures to be answered next (429 with ``Retry-After``, 500, any Graph error).
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from tests.support.http_stand_in import Answer, StandIn, running

VERSION = "v21.0"
PHONE_NUMBER_ID = "106540352242922"
ACCESS_TOKEN = "EAAG-test-access-token-0123456789"

_PATH = re.compile(r"^/(v\d+\.\d+)/(\d+)/messages$")
_ids = itertools.count(1)


@dataclass(frozen=True)
class GraphRequest:
    """One request the stand-in received."""

    path: str
    authorization: str
    body: dict[str, Any]
    status: int
    #: When it arrived (``time.monotonic()``), for the benchmark's accept-to-send time.
    at: float = 0.0


@dataclass(frozen=True)
class Failure:
    """An answer to give instead of accepting the next message."""

    status: int
    error: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def graph_error(code: int, message: str, kind: str = "OAuthException") -> dict[str, Any]:
    """A Graph API error object."""
    return {"message": message, "type": kind, "code": code, "fbtrace_id": "AbCdEf123"}


def _limits_broken(body: dict[str, Any]) -> str | None:
    """What in a message request breaks the Cloud API's documented rules, or None."""
    if body.get("messaging_product") != "whatsapp":
        return "messaging_product must be whatsapp"
    if not str(body.get("to", "")).isdigit():
        return "to must be a WhatsApp id"
    kind = body.get("type")
    if kind == "text":
        text = body.get("text", {})
        if not 1 <= len(text.get("body", "")) <= 4096:
            return "text.body must be 1 to 4096 characters"
        return None
    if kind in ("audio", "image", "document"):
        return None if str(body.get(kind, {}).get("link", "")).startswith("http") else "no link"
    if kind != "interactive":
        return f"unknown type {kind!r}"
    interactive = body["interactive"]
    if not 1 <= len(interactive["body"]["text"]) <= 1024:
        return "interactive body.text must be 1 to 1024 characters"
    action = interactive["action"]
    if interactive["type"] == "button":
        buttons = action["buttons"]
        ids = [b["reply"]["id"] for b in buttons]
        titles = [b["reply"]["title"] for b in buttons]
        if not 1 <= len(buttons) <= 3 or len(set(ids)) != len(ids) or len(set(titles)) != len(ids):
            return "1 to 3 buttons with distinct ids and titles"
        if any(not 1 <= len(t) <= 20 for t in titles) or any(len(i) > 256 for i in ids):
            return "button title 1 to 20, id at most 256 characters"
        return None
    if interactive["type"] == "list":
        rows = [row for section in action["sections"] for row in section["rows"]]
        if not 1 <= len(action["button"]) <= 20 or not 1 <= len(rows) <= 10:
            return "list button 1 to 20 characters, 1 to 10 rows"
        for row in rows:
            if not 1 <= len(row["title"]) <= 24 or len(row.get("description", "")) > 72:
                return "row title 1 to 24, description at most 72 characters"
            if len(row["id"]) > 200:
                return "row id at most 200 characters"
        if len({row["id"] for row in rows}) != len(rows):
            return "row ids must be unique"
        return None
    return "unknown interactive type"


class GraphStandIn(StandIn[GraphRequest, Failure]):
    """The server's state: accepted messages, every request, queued failures."""

    def __init__(self, token: str = ACCESS_TOKEN) -> None:
        super().__init__()
        self.token = token

    @property
    def graph_url(self) -> str:
        """What META_GRAPH_URL is set to (with the version)."""
        return f"{self.base_url}/{VERSION}"

    @property
    def accepted(self) -> list[dict[str, Any]]:
        """The message bodies answered 200, in order."""
        return [r.body for r in self.received(lambda r: r.status == 200)]

    def sent_to(self, wa_id: str) -> list[dict[str, Any]]:
        """The message bodies accepted for the WhatsApp id ``wa_id``, in order."""
        return [body for body in self.accepted if body.get("to") == wa_id]

    def wait_for(self, wa_id: str, count: int, timeout: float = 20.0) -> list[dict[str, Any]]:
        """The messages accepted for ``wa_id`` once there are at least ``count`` (or, when
        ``timeout`` ran out, whatever there is: the caller's assertion says what is missing)."""
        self.wait_until(lambda: len(self.sent_to(wa_id)) >= count, timeout)
        return self.sent_to(wa_id)

    def wait_for_accepted(self, count: int, timeout: float = 20.0) -> list[dict[str, Any]]:
        """The accepted messages once there are at least ``count`` (or when ``timeout`` ran
        out, whatever there is: the caller's assertion then says what is missing)."""
        self.wait_until(lambda: len(self.accepted) >= count, timeout)
        return self.accepted

    def answer(self, method: str, target: str, headers: Message, raw: bytes) -> Answer:
        """The status, JSON body and headers for one message request."""
        authorization = headers.get("Authorization", "")
        try:
            body = json.loads(raw)
        except ValueError:
            body = {}
        status, payload, extra = self._decide(target, authorization, body)
        self.record(GraphRequest(target, authorization, body, status, time.monotonic()))
        return status, payload, extra

    def _decide(self, path: str, authorization: str, body: Any) -> Answer:
        if authorization != f"Bearer {self.token}":
            error = graph_error(190, "Invalid OAuth access token - Cannot parse access token")
            return 401, {"error": error}, {}
        if _PATH.match(path) is None:
            return 400, {"error": graph_error(100, "Unknown path components")}, {}
        failure = self.next_failure()
        if failure is not None:  # else accepted as usual
            return failure.status, {"error": failure.error}, failure.headers
        problem = _limits_broken(body) if isinstance(body, dict) else "not a JSON object"
        if problem is not None:
            return 400, {"error": graph_error(100, f"(#100) Invalid parameter: {problem}")}, {}
        to = body["to"]
        answer = {
            "messaging_product": "whatsapp",
            "contacts": [{"input": to, "wa_id": to}],
            "messages": [{"id": f"wamid.TEST{next(_ids):08d}"}],
        }
        return 200, answer, {}


@contextmanager
def running_graph_api(token: str = ACCESS_TOKEN) -> Iterator[GraphStandIn]:
    """A :class:`GraphStandIn` serving on a free loopback port until the block ends."""
    with running(GraphStandIn(token), "graph-api") as stand_in:
        yield stand_in
