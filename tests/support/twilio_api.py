"""A local stand-in for Twilio's Messages API and Content API, for transport, CLI and e2e tests.

One server speaks both APIs' documented shapes, so ``TWILIO_API_URL`` and
``TWILIO_CONTENT_URL`` can both point at :attr:`TwilioStandIn.base_url`:

* ``POST /2010-04-01/Accounts/{AccountSid}/Messages.json`` (form fields): ``To``, ``From`` or
  ``MessagingServiceSid``, and ``Body`` / ``MediaUrl`` / ``ContentSid`` + ``ContentVariables``.
  Answers 201 with the message resource (``sid`` ``SM…``, ``status`` ``queued``, …). A
  ContentSid that is not in the stand-in's content store gets 400 error 21655; bad
  ContentVariables (not a JSON object of non-empty strings) 400 error 21656; a Body over 1,600
  characters 400 error 21617; a rendered template that breaks WhatsApp's limits (body 1,024,
  button title 20, list item 24, description 72, ids 200, list button 20) 400 error 21656.
* ``GET /v1/Content`` (``PageSize``, ``Page``): ``{"contents": [...], "meta": {"page",
  "page_size", "first_page_url", "previous_page_url", "url", "next_page_url", "key"}}``;
  ``POST /v1/Content`` (JSON ``friendly_name``, ``language``, ``variables``, ``types``):
  201 with the resource (``sid`` ``HX…``); ``DELETE /v1/Content/{sid}``: 204, or 404.

Every request must carry HTTP basic auth with :data:`ACCOUNT_SID` and :data:`AUTH_TOKEN`
(401 error 20003 otherwise; the Messages path's account must be the same one). Errors have
Twilio's shape ``{"code", "message", "more_info", "status"}``.

Test API (:func:`running_twilio_api` yields a :class:`TwilioStandIn`):

* ``requests``: every request, as :class:`TwilioRequest` (method, path, fields or JSON body,
  idempotency header, status answered);
* ``messages`` / ``wait_for_messages(n)``: the accepted message requests' fields;
  ``sent_to(to)`` / ``wait_for(to, n)``: the same for one recipient;
* ``rendered(fields)``: a ContentSid message's template with its variables filled in;
* ``fail_next(Failure(status, code, message, headers))``: answer the next message request
  with that error (``fail_next(None)`` lets one through first); 429 with ``Retry-After`` and
  500 are the usual ones;
* ``contents``: the content store, by SID (``add_content(body)`` puts one in directly);
  ``content_page_size`` forces small pages to exercise ``next_page_url``;
* ``fail_content_next(failure)``: the same for the next Content API request.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import uuid
from collections import deque
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.support.http_stand_in import Answer, StandIn, running

ACCOUNT_SID = "AC" + "1f" * 16
AUTH_TOKEN = "0123456789abcdef0123456789abcdef"
WHATSAPP_FROM = "whatsapp:+14155238886"

_MESSAGES = re.compile(r"^/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/Messages\.json$")
_CONTENT_ONE = re.compile(r"^/v1/Content/(HX[0-9a-fA-F]{32})$")
_VARIABLE = re.compile(r"\{\{([A-Za-z0-9_]{1,16})\}\}")
_numbers = itertools.count(1)


@dataclass(frozen=True)
class TwilioRequest:
    """One request the stand-in received (``fields`` for forms and queries, ``body`` for JSON)."""

    method: str
    path: str
    fields: dict[str, list[str]]
    body: Any
    idempotency_token: str
    status: int


@dataclass(frozen=True)
class Failure:
    """An error to answer instead of handling the next request."""

    status: int
    code: int
    message: str
    headers: dict[str, str] = field(default_factory=dict)


def twilio_error(status: int, code: int, message: str) -> dict[str, Any]:
    """A Twilio REST error object."""
    return {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


def fill_variables(value: Any, variables: Mapping[str, str]) -> Any:
    """``value`` (a template's types) with each ``{{key}}`` replaced by its variable."""
    if isinstance(value, str):
        return _VARIABLE.sub(lambda m: variables.get(m[1], m[0]), value)
    if isinstance(value, list):
        return [fill_variables(v, variables) for v in value]
    if isinstance(value, dict):
        return {k: fill_variables(v, variables) for k, v in value.items()}
    return value


def whatsapp_limits_broken(types: Mapping[str, Any]) -> str | None:
    """What in a filled-in template breaks WhatsApp's limits, or None."""
    buttons = types.get("twilio/quick-reply")
    if isinstance(buttons, dict):
        if not 1 <= len(buttons["body"]) <= 1024:
            return "quick-reply body must be 1 to 1024 characters"
        titles = [a["title"] for a in buttons["actions"]]
        ids = [a["id"] for a in buttons["actions"]]
        if not 1 <= len(titles) <= 3 or len(set(titles)) != len(titles):
            return "1 to 3 quick replies with distinct titles"
        if any(not 1 <= len(t) <= 20 for t in titles) or any(not 1 <= len(i) <= 200 for i in ids):
            return "quick-reply title 1 to 20, id 1 to 200 characters"
    picker = types.get("twilio/list-picker")
    if isinstance(picker, dict):
        if not 1 <= len(picker["body"]) <= 1024 or not 1 <= len(picker["button"]) <= 20:
            return "list-picker body 1 to 1024, button 1 to 20 characters"
        items = picker["items"]
        if not 1 <= len(items) <= 10 or len({i["id"] for i in items}) != len(items):
            return "1 to 10 list items with distinct ids"
        for item in items:
            if not 1 <= len(item["item"]) <= 24 or not 1 <= len(item["id"]) <= 200:
                return "list item 1 to 24, id 1 to 200 characters"
            if not 1 <= len(item.get("description", "")) <= 72:
                return "list item description 1 to 72 characters"
    text = types.get("twilio/text")
    if isinstance(text, dict) and not 1 <= len(text["body"]) <= 1600:
        return "text body must be 1 to 1600 characters"
    return None


class TwilioStandIn(StandIn[TwilioRequest, Failure]):
    """The server's state: content templates, every request, queued failures (``failures``
    for the Messages API, ``content_failures`` for the Content API)."""

    methods = ("GET", "POST", "DELETE")

    def __init__(self, account_sid: str = ACCOUNT_SID, auth_token: str = AUTH_TOKEN) -> None:
        super().__init__()
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.contents: dict[str, dict[str, Any]] = {}
        self.content_page_size: int | None = None
        self.content_failures: deque[Failure | None] = deque()

    # -- what tests read and script

    @property
    def messages(self) -> list[dict[str, str]]:
        """The accepted message requests' fields (first value of each), in order."""
        accepted = self.received(lambda r: r.path.endswith("/Messages.json") and r.status == 201)
        return [{k: v[0] for k, v in r.fields.items()} for r in accepted]

    def wait_for_messages(self, count: int, timeout: float = 20.0) -> list[dict[str, str]]:
        """The accepted messages once there are at least ``count`` (or, when ``timeout`` ran
        out, whatever there is: the caller's assertion then says what is missing)."""
        self.wait_until(lambda: len(self.messages) >= count, timeout)
        return self.messages

    def sent_to(self, to: str) -> list[dict[str, str]]:
        """The accepted messages' fields for the recipient ``to``, in order."""
        return [message for message in self.messages if message.get("To") == to]

    def wait_for(self, to: str, count: int, timeout: float = 20.0) -> list[dict[str, str]]:
        """The messages accepted for ``to`` once there are at least ``count`` (or, when
        ``timeout`` ran out, whatever there is: the caller's assertion says what is missing)."""
        self.wait_until(lambda: len(self.sent_to(to)) >= count, timeout)
        return self.sent_to(to)

    def rendered(self, fields: Mapping[str, str]) -> dict[str, Any]:
        """The ``types`` of a ContentSid message's template with its variables filled in."""
        content = self.contents[fields["ContentSid"]]
        variables = {**content["variables"], **json.loads(fields.get("ContentVariables", "{}"))}
        filled: dict[str, Any] = fill_variables(content["types"], variables)
        return filled

    def fail_content_next(self, failure: Failure | None) -> None:
        """Answer the next Content API request not yet scripted with ``failure``."""
        with self._changed:
            self.content_failures.append(failure)

    def add_content(self, body: Mapping[str, Any]) -> str:
        """Put a Content resource in the store as if created; its SID."""
        sid = "HX" + uuid.uuid4().hex
        with self._changed:
            self.contents[sid] = self._resource(sid, body)
        return sid

    # -- answering

    def answer(self, method: str, target: str, headers: Message, raw: bytes) -> Answer:
        """The status, JSON body (None for no body) and headers for one request."""
        authorization = headers.get("Authorization", "")
        token = headers.get("I-Twilio-Idempotency-Token", "")
        parts = urlsplit(target)
        fields = parse_qs(parts.query, keep_blank_values=True)
        body: Any = None
        if raw and method == "POST":
            if parts.path.endswith("/Messages.json"):
                fields.update(parse_qs(raw.decode("utf-8"), keep_blank_values=True))
            else:
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw.decode("utf-8", "replace")
        status, payload, extra = self._decide(method, parts.path, authorization, fields, body)
        self.record(TwilioRequest(method, parts.path, fields, body, token, status))
        return status, payload, extra

    def _authorized(self, authorization: str) -> bool:
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        return authorization == f"Basic {expected}"

    def _decide(
        self,
        method: str,
        path: str,
        authorization: str,
        fields: dict[str, list[str]],
        body: Any,
    ) -> Answer:
        if not self._authorized(authorization):
            return 401, twilio_error(401, 20003, "Authenticate"), {}
        messages = _MESSAGES.match(path)
        if messages is not None and method == "POST":
            if messages[1] != self.account_sid:
                return 401, twilio_error(401, 20003, "Authenticate"), {}
            return self._message({k: v[0] for k, v in fields.items()})
        if path.startswith("/v1/Content"):
            failure = self.next_failure(self.content_failures)
            if failure is not None:
                error = twilio_error(failure.status, failure.code, failure.message)
                return failure.status, error, failure.headers
            if path == "/v1/Content" and method == "GET":
                return self._list(fields)
            if path == "/v1/Content" and method == "POST":
                return self._create(body)
            one = _CONTENT_ONE.match(path)
            if one is not None and method == "DELETE":
                with self._changed:
                    found = self.contents.pop(one[1], None)
                if found is None:
                    return 404, twilio_error(404, 20404, "The requested resource was not found"), {}
                return 204, None, {}
        return 404, twilio_error(404, 20404, "The requested resource was not found"), {}

    def _message(self, form: dict[str, str]) -> Answer:
        failure = self.next_failure()
        if failure is not None:
            error = twilio_error(failure.status, failure.code, failure.message)
            return failure.status, error, failure.headers
        if not form.get("To"):
            return 400, twilio_error(400, 21604, "A 'To' phone number is required."), {}
        if not form.get("From") and not form.get("MessagingServiceSid"):
            return 400, twilio_error(400, 21603, "A 'From' phone number is required."), {}
        if not (form.get("Body") or form.get("MediaUrl") or form.get("ContentSid")):
            return 400, twilio_error(400, 21619, "A text message body or media is required"), {}
        if len(form.get("Body", "")) > 1600:
            return 400, twilio_error(400, 21617, "The message body exceeds 1600 characters"), {}
        if "ContentSid" in form:
            problem = self._content_problem(form)
            if problem is not None:
                return 400, problem, {}
        number = next(_numbers)
        resource = {
            "sid": f"SM{number:032x}",
            "account_sid": self.account_sid,
            "to": form["To"],
            "from": form.get("From"),
            "messaging_service_sid": form.get("MessagingServiceSid"),
            "body": form.get("Body", ""),
            "num_media": "1" if form.get("MediaUrl") else "0",
            "status": "queued",
            "direction": "outbound-api",
            "api_version": "2010-04-01",
            "error_code": None,
            "error_message": None,
            "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/SM{number:032x}.json",
        }
        return 201, resource, {}

    def _content_problem(self, form: dict[str, str]) -> dict[str, Any] | None:
        if form["ContentSid"] not in self.contents:
            return twilio_error(400, 21655, "The ContentSid is Invalid")
        try:
            variables = json.loads(form.get("ContentVariables", "{}"))
        except ValueError:
            variables = None
        if not isinstance(variables, dict) or not all(
            isinstance(v, str) and v for v in variables.values()
        ):
            return twilio_error(400, 21656, "The ContentVariables Parameter is invalid")
        problem = whatsapp_limits_broken(self.rendered(form))
        if problem is not None:
            return twilio_error(400, 21656, f"The ContentVariables Parameter is invalid: {problem}")
        return None

    def _list(self, fields: dict[str, list[str]]) -> Answer:
        size = self.content_page_size or int(fields.get("PageSize", ["50"])[0])
        page = int(fields.get("Page", ["0"])[0])
        with self._changed:
            everything = list(self.contents.values())
        chunk = everything[page * size : (page + 1) * size]
        base = f"{self.base_url}/v1/Content?PageSize={size}"
        more = (page + 1) * size < len(everything)
        meta = {
            "page": page,
            "page_size": size,
            "first_page_url": f"{base}&Page=0",
            "previous_page_url": f"{base}&Page={page - 1}" if page else None,
            "url": f"{base}&Page={page}",
            "next_page_url": f"{base}&Page={page + 1}" if more else None,
            "key": "contents",
        }
        return 200, {"contents": chunk, "meta": meta}, {}

    def _create(self, body: Any) -> Answer:
        if not isinstance(body, dict):
            return 400, twilio_error(400, 20001, "Invalid JSON"), {}
        for name in ("friendly_name", "language", "types"):
            if not body.get(name):
                return 400, twilio_error(400, 20001, f"Missing required parameter {name}"), {}
        sid = self.add_content(body)
        return 201, self.contents[sid], {}

    def _resource(self, sid: str, body: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "sid": sid,
            "account_sid": self.account_sid,
            "friendly_name": body.get("friendly_name"),
            "language": body.get("language"),
            "variables": dict(body.get("variables") or {}),
            "types": json.loads(json.dumps(body.get("types") or {})),
            "url": f"{self.base_url}/v1/Content/{sid}",
            "date_created": "2026-11-23T12:00:00Z",
            "date_updated": "2026-11-23T12:00:00Z",
            "links": {
                "approval_create": f"{self.base_url}/v1/Content/{sid}/ApprovalRequests/whatsapp",
                "approval_fetch": f"{self.base_url}/v1/Content/{sid}/ApprovalRequests",
            },
        }


@contextmanager
def running_twilio_api(
    account_sid: str = ACCOUNT_SID, auth_token: str = AUTH_TOKEN
) -> Iterator[TwilioStandIn]:
    """A :class:`TwilioStandIn` serving on a free loopback port until the block ends."""
    with running(TwilioStandIn(account_sid, auth_token), "twilio-api") as stand_in:
        yield stand_in
