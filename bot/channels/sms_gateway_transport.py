"""Sending replies as DLT template SMS through Exotel: the outbox's ``sms_gateway`` transport.

Every SMS to an Indian number must be an instance of a template registered on a DLT platform,
or the operator drops it. So a reply is first planned into registered templates
(:func:`bot.channels.sms_templates.plan_sms`: one reply may take several SMS), and only when
every part of it is a registered instance with a known DLT template id is anything sent. A
reply that matches no template, or whose template has no DLT id yet, is refused without a
retry (the outbox dead-letters it with the reason): retrying cannot make it pass scrubbing.

Each part is one ``POST`` to Exotel's send API (SMS_GATEWAY_URL, ``…/Sms/send.json``),
form-encoded, with HTTP basic authentication (API key and token) and the fields Exotel
documents for India: ``From`` (the DLT header), ``To``, ``Body`` (the template with its
values), ``DltEntityId``, ``DltTemplateId``, ``EncodingType`` (``unicode`` for Odia and
Hindi, ``plain`` for GSM-7 text) and ``SmsType=transactional`` (service-implicit content).
What Exotel answers decides what the outbox does:

* 2xx with an ``SMSMessage`` whose ``Sid`` is set: sent (the provider id is that ``Sid``);
* 429, 5xx, a timeout or a connection error: retry later (after ``Retry-After`` if given);
* anything else: not sent and not retried, with Exotel's ``RestException`` message; the text
  we tried to send is never part of the error kept.

Exotel takes no idempotency key, so the parts of a reply already accepted are remembered in
this process: a retry after a later part failed sends only what is still missing.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import httpx

from bot.channels.http_sending import (
    MAX_ERROR_CHARS,
    SentParts,
    json_object,
    provider_answer,
    unaccepted,
)
from bot.channels.sms_gateway import indian_number
from bot.channels.sms_templates import (
    TemplateFill,
    TemplateRegistry,
    UnregisteredSmsError,
    VariableTooLongError,
    plan_sms,
    registry,
)
from bot.config import Settings
from bot.i18n.catalogs import LANGUAGES
from bot.i18n.sms import sms_encoding
from bot.outbox.base import Envelope, SendResult

__all__ = [
    "GATEWAY_TIMEOUT_SECONDS",
    "SMS_GATEWAY_TRANSPORT",
    "SmsGatewayTransport",
    "gateway_transport",
    "load_template_ids",
]

#: The transport's name in envelopes and the outbox's registry.
SMS_GATEWAY_TRANSPORT: Final = "sms_gateway"
#: How long one send request may take (connect, send and answer) before it is retried.
GATEWAY_TIMEOUT_SECONDS: Final = 10.0
#: Exotel's content type for replies a consumer asked for (DLT "service implicit").
SMS_TYPE: Final = "transactional"
#: An SMS's ``Sid`` in Exotel's XML answer (when the URL lacks ``.json``).
_XML_SID: Final = re.compile(r"<SMSMessage>.*?<Sid>([^<]+)</Sid>", re.DOTALL)

_log = logging.getLogger(__name__)


class SmsGatewayTransport:
    """The ``sms_gateway`` transport: replies to Indian numbers as DLT template SMS."""

    name: str = SMS_GATEWAY_TRANSPORT

    def __init__(
        self,
        url: str,
        auth_key: str,
        sender_id: str,
        entity_id: str,
        *,
        templates: TemplateRegistry | None = None,
        template_ids: Mapping[str, str] | None = None,
        timeout: float = GATEWAY_TIMEOUT_SECONDS,
        client: httpx.Client | None = None,
    ) -> None:
        """Send to Exotel's ``url`` with ``auth_key`` (``<api key>:<api token>``) from the
        DLT header ``sender_id`` of principal entity ``entity_id``.

        ``templates`` is the DLT template registry (the shipped one by default);
        ``template_ids`` maps template names to DLT template ids and wins over the ids
        written in the registry.
        """
        api_key, _, api_token = auth_key.partition(":")
        self._url = url
        self._auth = httpx.BasicAuth(api_key, api_token)
        self._sender_id = sender_id
        self._entity_id = entity_id
        self._templates = templates
        self._template_ids = dict(template_ids or {})
        self._client = client or httpx.Client(timeout=timeout)
        self._sent = SentParts()

    def send(self, envelope: Envelope, index: int) -> SendResult:
        """Send reply ``index`` of ``envelope`` as one or more template SMS; never raises for
        what the gateway answers."""
        reply = envelope.replies[index]
        number = indian_number(envelope.address)
        if number is None:
            return _refused(f"reply {index}: the address is not an Indian mobile number")
        if not reply.text.strip():
            return SendResult(ok=True)  # nothing an SMS could carry
        planned = self._plan(reply.text, envelope.language, index)
        if isinstance(planned, SendResult):
            return planned

        def post(_: int, sms: tuple[TemplateFill, str]) -> SendResult:
            fill, template_id = sms
            return self._post(self._fields(number, fill, template_id), fill.text)

        return self._sent.send(envelope.key, index, planned, post)

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()

    def template_id(self, fill: TemplateFill) -> str | None:
        """The DLT template id of ``fill``'s template: the mapping's, else the registry's."""
        return self._template_ids.get(fill.template.name) or fill.template.dlt_template_id

    def _plan(
        self, text: str, language: str, index: int
    ) -> list[tuple[TemplateFill, str]] | SendResult:
        """The reply's SMS with their DLT template ids, or the refusal to send any of it.

        ``language`` (the envelope's) is tried first, then the other languages: a reply is
        in one script, so only its own language's templates can match it, and a language
        guessed wrongly from a short message costs one more lookup, not the reply.
        """
        registered = self._templates or registry()
        refusal = _refused(
            f"reply {index}: no registered {language or 'SMS'} DLT template matches it; "
            "not sent (the operator would drop it)"
        )
        fills: list[TemplateFill] | None = None
        for code in sorted(LANGUAGES, key=lambda code: code != language):
            try:
                fills = plan_sms(text, code, registered)
                break
            except VariableTooLongError as exc:
                refusal = _refused(
                    f"reply {index}: a value of slot {exc.slot!r} of DLT template "
                    f"{exc.template!r} is longer than registered; not sent"
                )
            except UnregisteredSmsError:
                continue
        if fills is None:
            _log.warning("sms_gateway: %s", refusal.error)
            return refusal
        planned = []
        for fill in fills:
            template_id = self.template_id(fill)
            if not template_id:
                missing = _refused(
                    f"reply {index}: template {fill.template.name!r} has no DLT template id "
                    "(fill dlt_template_id or SMS_GATEWAY_DLT_TEMPLATE_IDS); not sent"
                )
                _log.error("sms_gateway: %s", missing.error)
                return missing
            planned.append((fill, template_id))
        return planned

    def _fields(self, number: str, fill: TemplateFill, template_id: str) -> dict[str, str]:
        """Exotel's form fields for one template SMS."""
        unicode = fill.template.unicode or sms_encoding(fill.text) == "UCS-2"
        return {
            "From": self._sender_id,
            "To": number,
            "Body": fill.text,
            "EncodingType": "unicode" if unicode else "plain",
            "DltEntityId": self._entity_id,
            "DltTemplateId": template_id,
            "SmsType": SMS_TYPE,
        }

    def _post(self, fields: dict[str, str], text: str) -> SendResult:
        answer = provider_answer(
            lambda: self._client.post(self._url, data=fields, auth=self._auth), "the SMS gateway"
        )
        if isinstance(answer, SendResult):
            return answer
        status = answer.status_code
        if answer.is_success:
            sid = _accepted_sid(answer)
            if sid:
                return SendResult(ok=True, provider_id=sid)
            # Accepted or not? Sending again could deliver it twice: give it up, loudly.
            error = f"HTTP {status} without an SMSMessage Sid: {_gateway_error(answer, text)}"
            _log.error("sms_gateway: %s", error)
            return _refused(error)
        result = unaccepted(answer, f"HTTP {status}: {_gateway_error(answer, text)}")
        if not result.retry:
            _log.warning("the SMS gateway refused an SMS: %s", result.error)
        return result


def _refused(error: str) -> SendResult:
    """Not sent, and sending again would not help."""
    return SendResult(ok=False, retry=False, error=error[:MAX_ERROR_CHARS])


def _accepted_sid(response: httpx.Response) -> str:
    """The ``Sid`` of the ``SMSMessage`` Exotel answered ("" when there is none)."""
    data = json_object(response)
    if data is None:
        found = _XML_SID.search(response.text)
        return found.group(1).strip() if found else ""
    message = data.get("SMSMessage")
    if isinstance(message, dict) and str(message.get("Status", "")).lower() != "failed":
        sid = message.get("Sid")
        return sid if isinstance(sid, str) else ""
    return ""


def _gateway_error(response: httpx.Response, text: str) -> str:
    """Exotel's ``RestException`` message (or a note that it gave none), without ``text``."""
    data = json_object(response)
    exception = data.get("RestException") if data is not None else None
    if not isinstance(exception, dict):
        return "no RestException in the answer"
    parts = []
    code = exception.get("Code")
    if code not in (None, ""):
        parts.append(f"code {code}")
    message = exception.get("Message")
    if isinstance(message, str) and message.strip():
        # A gateway may quote the body it refused: the SMS text never goes into the outbox.
        parts.append(" ".join(message.replace(text, "[the SMS]").split()))
    return ", ".join(parts) or "an empty RestException"


def load_template_ids(path: Path) -> dict[str, str]:
    """Template name -> DLT template id from a CSV with ``template_name`` and
    ``dlt_template_id`` columns (``bijuli sms templates --csv`` with the ids the DLT portal
    assigned filled in); rows without an id are skipped. ValueError for an unusable file."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            columns = set(reader.fieldnames or ())
            if not {"template_name", "dlt_template_id"} <= columns:
                raise ValueError(
                    f"{path}: SMS_GATEWAY_DLT_TEMPLATE_IDS needs the columns template_name and "
                    "dlt_template_id (as `bijuli sms templates --csv` writes them)"
                )
            ids = {}
            for row in reader:
                name = (row.get("template_name") or "").strip()
                template_id = (row.get("dlt_template_id") or "").strip()
                if name and template_id:
                    if not template_id.isdigit():
                        raise ValueError(f"{path}: the DLT template id of {name!r} is not a number")
                    ids[name] = template_id
            return ids
    except OSError as exc:
        raise ValueError(
            f"SMS_GATEWAY_DLT_TEMPLATE_IDS: cannot read {path} ({exc.strerror})"
        ) from None


def gateway_transport(settings: Settings) -> SmsGatewayTransport | None:
    """The transport the settings describe; None (logged when partly configured) while
    SMS_GATEWAY_URL, _AUTH_KEY, _SENDER_ID or _ENTITY_ID is unset."""
    url, auth_key = settings.sms_gateway_url, settings.sms_gateway_auth_key
    sender_id, entity_id = settings.sms_gateway_sender_id, settings.sms_gateway_entity_id
    if url is None or auth_key is None or sender_id is None or entity_id is None:
        given = {
            "SMS_GATEWAY_URL": url,
            "SMS_GATEWAY_AUTH_KEY": auth_key,
            "SMS_GATEWAY_SENDER_ID": sender_id,
            "SMS_GATEWAY_ENTITY_ID": entity_id,
        }
        missing = [name for name, value in given.items() if value is None]
        if len(missing) < len(given) or settings.sms_gateway_inbound_token is not None:
            _log.warning(
                "%s not set: replies to the SMS gateway cannot be sent", ", ".join(missing)
            )
        return None
    ids_file = settings.sms_gateway_dlt_template_ids
    template_ids = load_template_ids(ids_file) if ids_file is not None else {}
    templates = registry()
    every = templates.templates()
    known = sum(1 for t in every if template_ids.get(t.name) or t.dlt_template_id)
    _log.info("sms_gateway: %d of %d SMS templates have a DLT template id", known, len(every))
    return SmsGatewayTransport(
        url,
        auth_key.get_secret_value(),
        sender_id,
        entity_id,
        templates=templates,
        template_ids=template_ids,
    )
