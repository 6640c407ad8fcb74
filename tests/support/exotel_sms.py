"""A local stand-in for Exotel's Send SMS API, for the SMS gateway's transport and e2e tests.

Speaks the documented shapes of ``POST /v1/Accounts/<sid>/Sms/send.json``: HTTP basic
authentication with the API key and token (401 with a ``RestException`` otherwise), a
form-encoded body with ``From``, ``To``, ``Body``, ``EncodingType``, ``DltEntityId``,
``DltTemplateId`` and ``SmsType``, and the JSON answer ``{"SMSMessage": {"Sid", "Status":
"queued", …}}``. Errors are ``{"RestException": {"Status", "Code", "Message"}}``.

It also plays the operator's DLT scrubbing, which Exotel leaves to the operator (an SMS that
fails it is dropped later): here a ``Body`` that is not an instance of the template registered
under ``DltTemplateId``, a wrong entity id or header, or Odia/Hindi text not sent as
``unicode`` is answered 400 at once, so a test sees it. The variables of each accepted SMS are
recorded as the operator reads them. Tests can queue failures (429 with ``Retry-After``, 500).
"""

from __future__ import annotations

import base64
import itertools
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import parse_qsl

from tests.support.http_stand_in import Answer, StandIn, running

ACCOUNT_SID = "bijulitest1"
API_KEY = "exotel-test-api-key-0123"
API_TOKEN = "exotel-test-api-token-4567"
AUTH_KEY = f"{API_KEY}:{API_TOKEN}"
SENDER_ID = "BIJULI"
ENTITY_ID = "1201160000000012345"

_PATH = re.compile(r"^/v1/Accounts/([A-Za-z0-9_]+)/Sms/send\.json$")
_VARIABLE = "{#var#}"
_sids = itertools.count(1)


@dataclass(frozen=True)
class SmsRequest:
    """One request the stand-in received, and what it answered."""

    path: str
    authorization: str
    fields: dict[str, str]
    status: int
    #: The template's values as the operator reads them (accepted requests only).
    variables: tuple[str, ...] = ()


@dataclass(frozen=True)
class Failure:
    """An answer to give instead of accepting the next SMS."""

    status: int
    message: str = "Service temporarily unavailable"
    headers: dict[str, str] = field(default_factory=dict)


def dlt_pattern(template_text: str) -> re.Pattern[str]:
    """What a registered template admits: its fixed text literally, any value per slot."""
    pieces = template_text.split(_VARIABLE)
    return re.compile("(.+?)".join(re.escape(piece) for piece in pieces), re.DOTALL)


def _gsm7(text: str) -> bool:
    allowed = (
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà\f^{}\\[~]|€"
    )
    return all(char in allowed for char in text)


def rest_exception(status: int, message: str, code: str | int = "") -> dict[str, Any]:
    """Exotel's error body."""
    return {"RestException": {"Status": status, "Code": code or status, "Message": message}}


class ExotelStandIn(StandIn[SmsRequest, Failure]):
    """The server's state: the DLT registry it scrubs against, every request, failures."""

    def __init__(
        self,
        templates: Mapping[str, str],
        *,
        auth_key: str = AUTH_KEY,
        sender_id: str = SENDER_ID,
        entity_id: str = ENTITY_ID,
    ) -> None:
        """Accept SMS from header ``sender_id`` of entity ``entity_id`` whose body is an
        instance of ``templates`` (DLT template id -> template text with ``{#var#}``)."""
        super().__init__()
        self.templates = {tid: dlt_pattern(text) for tid, text in templates.items()}
        self.authorization = "Basic " + base64.b64encode(auth_key.encode()).decode()
        self.sender_id = sender_id
        self.entity_id = entity_id

    @property
    def send_url(self) -> str:
        """What SMS_GATEWAY_URL is set to."""
        return f"{self.base_url}/v1/Accounts/{ACCOUNT_SID}/Sms/send.json"

    @property
    def accepted(self) -> list[SmsRequest]:
        """The requests answered 200, in order."""
        return self.received(lambda r: r.status == 200)

    def wait_for(self, to: str, count: int, timeout: float = 20.0) -> list[SmsRequest]:
        """The SMS accepted for ``to`` once there are at least ``count`` (or, when
        ``timeout`` ran out, whatever there is: the caller's assertion says what is missing)."""
        return self.wait_for_received(
            lambda r: r.status == 200 and r.fields.get("To") == to, count, timeout
        )

    def answer(self, method: str, target: str, headers: Message, raw: bytes) -> Answer:
        """The status, JSON body and headers for one send request."""
        authorization = headers.get("Authorization", "")
        fields = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
        status, payload, extra, variables = self._decide(target, authorization, fields)
        self.record(SmsRequest(target, authorization, fields, status, variables))
        return status, payload, extra

    def _decide(
        self, path: str, authorization: str, fields: dict[str, str]
    ) -> tuple[int, dict[str, Any], dict[str, str], tuple[str, ...]]:
        if authorization != self.authorization:
            error = rest_exception(401, "Authentication failed. Invalid API Key or Token.")
            return 401, error, {}, ()
        if _PATH.match(path) is None:
            return 404, rest_exception(404, "Not Found"), {}, ()
        failure = self.next_failure()
        if failure is not None:
            return (
                failure.status,
                rest_exception(failure.status, failure.message),
                failure.headers,
                (),
            )
        problem, variables = self._scrub(fields)
        if problem is not None:
            return 400, rest_exception(400, problem, 30002), {}, ()
        message = {
            "Sid": f"exo{next(_sids):028x}",
            "AccountSid": ACCOUNT_SID,
            "From": f"/{ACCOUNT_SID}/{fields['From']}",
            "To": fields["To"],
            "DateCreated": "2026-05-03 10:00:00",
            "DateUpdated": "2026-05-03 10:00:00",
            "DateSent": None,
            "Body": fields["Body"],
            "Direction": "outbound-api",
            "Uri": f"/v1/Accounts/{ACCOUNT_SID}/SMS/Messages/x.json",
            "ApiVersion": None,
            "Price": None,
            "Status": "queued",
            "DetailedStatusCode": 21010,
            "DetailedStatus": "PENDING_TO_OPERATOR",
            "SmsUnits": None,
        }
        return 200, {"SMSMessage": message}, {}, variables

    def _scrub(self, fields: dict[str, str]) -> tuple[str | None, tuple[str, ...]]:
        """Why the operator would drop this SMS (None: it passes), and its variables."""
        for name in ("From", "To", "Body"):
            if not fields.get(name):
                return f"Missing parameter {name}", ()
        if not re.fullmatch(r"\+91[6-9]\d{9}", fields["To"]):
            return "To is not an Indian mobile number in E.164 form", ()
        if fields["From"] != self.sender_id:
            return "Sender ID is not approved or registered", ()
        if fields.get("DltEntityId") != self.entity_id:
            return "DLT entity ID is invalid or not registered", ()
        if fields.get("SmsType") not in ("transactional", "transactional_opt_in", "promotional"):
            return "SmsType is not one of transactional, transactional_opt_in, promotional", ()
        encoding = fields.get("EncodingType", "plain")
        if encoding not in ("plain", "unicode"):
            return "EncodingType is plain or unicode", ()
        if encoding == "plain" and not _gsm7(fields["Body"]):
            return "Body has characters outside GSM-7 but EncodingType is plain", ()
        pattern = self.templates.get(fields.get("DltTemplateId", ""))
        if pattern is None:
            return "DLT template ID mismatch or not approved", ()
        found = pattern.fullmatch(fields["Body"])
        if found is None:
            return "Message blocked by DLT scrubbing: body does not match the template", ()
        return None, found.groups()


@contextmanager
def running_exotel(templates: Mapping[str, str], **options: str) -> Iterator[ExotelStandIn]:
    """An :class:`ExotelStandIn` on a free loopback port until the block ends."""
    with running(ExotelStandIn(templates, **options), "exotel-sms") as stand_in:
        yield stand_in
