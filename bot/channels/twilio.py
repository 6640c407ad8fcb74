"""Twilio (WhatsApp and SMS): the webhook form in, the signature check, TwiML out.

Twilio POSTs ``application/x-www-form-urlencoded`` fields (``From``, ``Body``, ``MessageSid``,
``NumMedia``, ``ProfileName``, ``ButtonPayload``…; it adds fields without notice, so unknown
ones are accepted and ignored) and signs them in ``X-Twilio-Signature``: an HMAC keyed by the
account's auth token over the exact public URL it called plus the sorted parameters. The URL
is rebuilt from the configured public base URL and the request's path and query
(:func:`public_request_url`), never from what the server sees behind a proxy, and the check is
Twilio's own :class:`~twilio.request_validator.RequestValidator`.

Nothing here touches the network, the store or the engine; :mod:`bot.app` wires them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Final
from urllib.parse import unquote_plus

from twilio.request_validator import RequestValidator

from bot.i18n.sms import WHATSAPP_MAX_CHARS
from bot.inbound import Channel, Inbound, Reply

__all__ = [
    "MAX_BODY_CHARS",
    "SIGNATURE_HEADER",
    "WHATSAPP_PREFIX",
    "FormError",
    "TwilioForm",
    "channel_of",
    "is_signed",
    "parse_form",
    "parse_inbound",
    "public_request_url",
    "render_twiml",
]

#: The request header carrying Twilio's signature.
SIGNATURE_HEADER: Final = "X-Twilio-Signature"
#: ``From`` starts with this on WhatsApp (``whatsapp:+9198…``); SMS senders are bare numbers.
WHATSAPP_PREFIX: Final = "whatsapp:"
#: Longest body passed to the engine. Twilio delivers at most 1,600 characters; anything
#: longer is not from Twilio's pipeline and is cut rather than processed in full.
MAX_BODY_CHARS: Final = 4 * WHATSAPP_MAX_CHARS


class FormError(ValueError):
    """A (correctly signed) form lacks a field every Twilio message has, or is not a form."""


class TwilioForm(Mapping[str, str]):
    """The decoded webhook fields, keeping repeated fields for the signature.

    Behaves as a mapping to each field's first value; :meth:`getlist` gives all values (the
    method Twilio's validator looks for, so a repeated field is signed as Twilio signs it).
    """

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Collect ``(name, value)`` pairs in order."""
        self._fields: dict[str, list[str]] = {}
        for name, value in pairs:
            self._fields.setdefault(name, []).append(value)

    def __getitem__(self, name: str) -> str:
        """The first value of field ``name``."""
        return self._fields[name][0]

    def __iter__(self) -> Iterator[str]:
        """Field names, in order of first appearance."""
        return iter(self._fields)

    def __len__(self) -> int:
        """Number of distinct field names."""
        return len(self._fields)

    def getlist(self, name: str) -> list[str]:
        """Every value of field ``name`` (empty if absent)."""
        return list(self._fields.get(name, ()))


def parse_form(body: bytes) -> TwilioForm:
    """Decode a urlencoded request body (UTF-8, ``+`` as space); raise :class:`FormError`.

    Read as ``parse_qsl(..., keep_blank_values=True, errors="strict")`` reads it (a test holds
    the two together), in a third of the time: fields split at ``&``, empty ones skipped, a
    name without ``=`` kept with an empty value.
    """
    try:
        pairs = [
            (unquote_plus(name, errors="strict"), unquote_plus(value, errors="strict"))
            for name, _, value in (
                field.partition("=") for field in body.decode("utf-8").split("&") if field
            )
        ]
    except (UnicodeDecodeError, ValueError) as exc:
        raise FormError("the request body is not a UTF-8 urlencoded form") from exc
    return TwilioForm(pairs)


def public_request_url(public_base_url: str, path: str, query: str) -> str:
    """The URL Twilio called and signed: the configured public base + request path + query.

    ``public_base_url`` may carry a path prefix (``https://example.in/bot``) when a proxy
    mounts the service below one; ``path`` is the path the app received.
    """
    url = public_base_url.rstrip("/") + "/" + path.lstrip("/")
    return f"{url}?{query}" if query else url


def is_signed(auth_token: str, url: str, form: TwilioForm, signature: str | None) -> bool:
    """Whether ``signature`` is Twilio's signature of ``url`` and ``form`` under the token.

    The URL as configured is checked first, with one HMAC; only a signature that does not
    match it goes to Twilio's :class:`~twilio.request_validator.RequestValidator`, which also
    tries the URL with and without its port (Twilio is not consistent about which it signs),
    at two HMACs and a URL parse more.
    """
    if not signature:
        return False
    if hmac.compare_digest(_signature(auth_token, url, form), signature):
        return True
    return bool(RequestValidator(auth_token).validate(url, form, signature))


def _signature(auth_token: str, url: str, form: TwilioForm) -> str:
    """Twilio's signature of ``url`` and ``form``: base64 of HMAC-SHA1 under the auth token
    over the URL followed by each field name and value, names sorted, each name's distinct
    values sorted (as Twilio documents it and its validator computes it)."""
    signed = [url]
    for name in sorted(form):
        signed.extend(name + value for value in sorted(set(form.getlist(name))))
    digest = hmac.new(auth_token.encode(), "".join(signed).encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def channel_of(sender: str) -> Channel:
    """``whatsapp`` for ``whatsapp:+91…`` senders, otherwise ``sms``."""
    return "whatsapp" if sender.strip().lower().startswith(WHATSAPP_PREFIX) else "sms"


def _count(text: str) -> int:
    try:
        return max(0, int(text.strip() or 0))
    except ValueError:
        return 0


def parse_inbound(form: Mapping[str, str]) -> Inbound:
    """Read a Twilio message form as an :class:`Inbound`; raise :class:`FormError`.

    ``From`` and ``MessageSid`` are required (every Twilio message has them). On WhatsApp, a
    tapped quick-reply button arrives as ``ButtonPayload`` (the id we defined: the choice's
    reply) and ``ButtonText`` (its visible title); a picked list item as ``ListId`` and
    ``ListTitle`` (some accounts get it as ``ButtonPayload`` too). The id, else the title, is
    used as the body, so buttons, lists and typed replies reach the engine the same way.
    """
    sender = form.get("From", "").strip()
    if not sender:
        raise FormError("the form has no `From` field")
    message_id = form.get("MessageSid", "").strip() or form.get("SmsMessageSid", "").strip()
    if not message_id:
        raise FormError("the form has no `MessageSid` field")
    body = (
        form.get("ButtonPayload", "").strip()
        or form.get("ListId", "").strip()
        or form.get("ButtonText", "").strip()
        or form.get("ListTitle", "").strip()
        or form.get("Body", "")
    )
    return Inbound(
        channel=channel_of(sender),
        body=body[:MAX_BODY_CHARS],
        message_id=message_id,
        media_count=_count(form.get("NumMedia", "")),
        profile_name=form.get("ProfileName", "").strip(),
    )


def _chunks(text: str, limit: int) -> Iterator[str]:
    """Split ``text`` into pieces of at most ``limit`` characters, at line breaks if possible."""
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = limit
        yield text[:cut].rstrip("\n")
        text = text[cut:].lstrip("\n")
    if text:
        yield text


def render_twiml(replies: Sequence[Reply | str]) -> str:
    """TwiML answering with one ``<Message>`` per reply (an empty ``<Response />`` for none).

    A reply is sent as its plain text (TwiML has no buttons; the text writes its options out)
    with its media item, if any, as ``<Media>``. A reply longer than Twilio's 1,600-character
    cap is sent as several messages, split at line breaks, rather than being rejected.

    Written out directly, byte for byte what Twilio's ``MessagingResponse`` writes (a test
    holds the two together): building the element tree cost more than the rest of a
    webhook's own work.
    """
    messages: list[str] = []
    for reply in replies:
        item = Reply(reply) if isinstance(reply, str) else reply
        chunks = list(_chunks(item.text, WHATSAPP_MAX_CHARS)) or [""]
        for number, chunk in enumerate(chunks):
            if item.media is not None and number == len(chunks) - 1:
                inner = _xml_element("Body", chunk) + _xml_element("Media", item.media.url)
                messages.append(f"<Message>{inner}</Message>")
            elif chunk:
                messages.append(_xml_element("Message", chunk))
    if not messages:
        return f"{_XML_DECLARATION}<Response />"
    return f"{_XML_DECLARATION}<Response>{''.join(messages)}</Response>"


_XML_DECLARATION: Final = '<?xml version="1.0" encoding="UTF-8"?>'


def _xml_element(name: str, text: str) -> str:
    """``<name>text</name>`` with the text escaped as XML character data; ``<name />`` when
    empty."""
    if not text:
        return f"<{name} />"
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<{name}>{escaped}</{name}>"
