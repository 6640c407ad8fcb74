"""Meta's WhatsApp Cloud API: the webhook's signature and payload in, Graph API messages out.

Meta calls the webhook twice over:

* ``GET`` once, when the webhook is set up: ``hub.mode=subscribe``, ``hub.verify_token`` (the
  token typed into the app's dashboard) and ``hub.challenge``, which is echoed back when the
  token matches (:func:`subscription_challenge`);
* ``POST`` for every event, JSON signed in ``X-Hub-Signature-256`` as ``sha256=`` and the hex
  HMAC-SHA256 of the raw body keyed by the app secret (:func:`is_signed`). Messages sit in
  ``entry[].changes[].value.messages[]`` beside the ``contacts`` they come from; delivery
  receipts (``statuses``) arrive the same way and are ignored (:func:`parse_webhook`).

Replies go out as Graph API message objects (:func:`render_reply`): text, or WhatsApp's native
reply buttons (up to three choices) and list (up to ten), each choice's id being its
``Choice.reply`` so that a press comes back (:func:`parse_webhook`) as exactly what typing the
option would send. Anything that would break one of WhatsApp's limits falls back to the plain
text, which always writes the menu out.

Pure: nothing here touches the network, the store or the engine (the transport is
:mod:`bot.channels.meta_transport`, the routes :mod:`bot.channels.meta_routes`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from bot.inbound import (
    MAX_BUTTON_TITLE,
    MAX_BUTTONS,
    MAX_LIST_ROWS,
    MAX_ROW_DESCRIPTION,
    MAX_ROW_TITLE,
    Choice,
    Inbound,
    Reply,
)

__all__ = [
    "MAX_BUTTON_ID",
    "MAX_INBOUND_BODY",
    "MAX_INTERACTIVE_BODY",
    "MAX_ROW_ID",
    "MAX_TEXT_BODY",
    "SIGNATURE_HEADER",
    "MetaMessage",
    "PayloadError",
    "address_of",
    "is_signed",
    "outgoing_message",
    "parse_webhook",
    "render_reply",
    "signature_of",
    "subscription_challenge",
    "whatsapp_number",
]

#: The request header carrying Meta's signature of the raw body.
SIGNATURE_HEADER: Final = "X-Hub-Signature-256"
#: Longest body of a text message (Graph API).
MAX_TEXT_BODY: Final = 4096
#: Longest body text of an interactive (buttons or list) message.
MAX_INTERACTIVE_BODY: Final = 1024
#: Longest id of a reply button, and of a list row.
MAX_BUTTON_ID: Final = 256
MAX_ROW_ID: Final = 200
#: Longest text handed to the engine: WhatsApp delivers at most 4,096 characters, so anything
#: longer is not from WhatsApp and is cut rather than processed in full.
MAX_INBOUND_BODY: Final = MAX_TEXT_BODY

_SIGNATURE_PREFIX: Final = "sha256="
_WHATSAPP_PREFIX: Final = "whatsapp:+"
#: Message types that carry no question for the bot: a reaction to an earlier message, or a
#: system notice (the user changed their number). They get no answer.
_SILENT_TYPES: Final = frozenset({"reaction", "system"})


class PayloadError(ValueError):
    """A (correctly signed) webhook body that is not a JSON object."""


def signature_of(app_secret: str, body: bytes) -> str:
    """``X-Hub-Signature-256`` as Meta computes it for ``body``."""
    digest = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return _SIGNATURE_PREFIX + digest


def is_signed(app_secret: str, body: bytes, signature: str | None) -> bool:
    """Whether ``signature`` is Meta's signature of the raw ``body`` under the app secret.

    Compared in constant time over the whole header value (``sha256=`` and 64 hex digits);
    hex digits are compared case-insensitively, as any hex encoding of the digest is valid.
    """
    if not signature:
        return False
    given = signature.strip()
    if given[: len(_SIGNATURE_PREFIX)].lower() == _SIGNATURE_PREFIX:
        given = _SIGNATURE_PREFIX + given[len(_SIGNATURE_PREFIX) :].lower()
    return hmac.compare_digest(given.encode(), signature_of(app_secret, body).encode())


def subscription_challenge(query: Mapping[str, str], verify_token: str) -> str | None:
    """The challenge to echo for Meta's verification ``GET``, or None to refuse it (403).

    Accepted only for ``hub.mode=subscribe`` with ``hub.verify_token`` equal (in constant time)
    to the configured token and a non-empty ``hub.challenge``.
    """
    if query.get("hub.mode") != "subscribe":
        return None
    token = query.get("hub.verify_token", "")
    challenge = query.get("hub.challenge", "")
    if not token or not challenge:
        return None
    if not hmac.compare_digest(token.encode(), verify_token.encode()):
        return None
    return challenge


@dataclass(frozen=True)
class MetaMessage:
    """One user message of a webhook: who sent it (``wa_id``), to which business number, and
    what the engine is to read."""

    wa_id: str
    inbound: Inbound
    phone_number_id: str = ""

    @property
    def address(self) -> str:
        """The sender's address for the pipeline (see :func:`address_of`)."""
        return address_of(self.wa_id)


def whatsapp_number(wa_id: str) -> str:
    """The digits of a WhatsApp id (``"91 98765-43210"`` -> ``"919876543210"``)."""
    return "".join(ch for ch in wa_id if ch.isascii() and ch.isdigit())


def address_of(wa_id: str) -> str:
    """``whatsapp:+<digits>``: the address Twilio's WhatsApp messages have too, so a number's
    conversation is the same user whichever provider carries it."""
    return _WHATSAPP_PREFIX + whatsapp_number(wa_id)


def parse_webhook(body: bytes) -> list[MetaMessage]:
    """The user messages of a webhook body, in order; raise :class:`PayloadError` when the
    body is not a JSON object.

    Everything else is tolerated: entries, changes or messages that lack a field or have the
    wrong shape are skipped (Meta adds fields and event kinds without notice), ``statuses``
    are ignored. A text gives its body; a pressed reply button or picked list row gives its id
    (our ``Choice.reply``); a template's quick-reply button its payload; a photo, voice note,
    location or any other kind arrives with ``media_count=1`` and no text, so that the engine
    asks for text as it does for media on any channel. Reactions and system notices are
    skipped.
    """
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise PayloadError("the body is not JSON") from exc
    if not isinstance(data, dict):
        raise PayloadError("the body is not a JSON object")
    found: list[MetaMessage] = []
    for value in _change_values(data):
        metadata = _object(value.get("metadata"))
        phone_number_id = _text(metadata.get("phone_number_id"))
        names = _profile_names(value.get("contacts"))
        for raw in _objects(value.get("messages")):
            message = _message(raw, phone_number_id, names)
            if message is not None:
                found.append(message)
    return found


def _change_values(data: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    for entry in _objects(data.get("entry")):
        for change in _objects(entry.get("changes")):
            field = change.get("field")
            if field is not None and field != "messages":
                continue  # account updates, template reviews…: not a conversation
            yield _object(change.get("value"))


def _profile_names(contacts: Any) -> dict[str, str]:
    names: dict[str, str] = {}
    for contact in _objects(contacts):
        wa_id = whatsapp_number(_text(contact.get("wa_id")))
        name = _text(_object(contact.get("profile")).get("name"))
        if wa_id and name:
            names[wa_id] = name
    return names


def _message(
    raw: Mapping[str, Any], phone_number_id: str, names: Mapping[str, str]
) -> MetaMessage | None:
    message_id = _text(raw.get("id")).strip()
    wa_id = whatsapp_number(_text(raw.get("from")))
    kind = _text(raw.get("type"))
    if not message_id or not wa_id or kind in _SILENT_TYPES:
        return None
    body, media_count = _content(kind, raw)
    inbound = Inbound(
        channel="whatsapp",
        body=body[:MAX_INBOUND_BODY],
        message_id=message_id,
        media_count=media_count,
        profile_name=names.get(wa_id, ""),
    )
    return MetaMessage(wa_id=wa_id, inbound=inbound, phone_number_id=phone_number_id)


def _content(kind: str, raw: Mapping[str, Any]) -> tuple[str, int]:
    """The text the engine reads and how many media items came with it."""
    if kind == "text":
        return _text(_object(raw.get("text")).get("body")), 0
    if kind == "interactive":
        interactive = _object(raw.get("interactive"))
        for reply_kind in ("button_reply", "list_reply"):
            picked = _object(interactive.get(reply_kind))
            chosen = _text(picked.get("id")) or _text(picked.get("title"))
            if chosen:
                return chosen, 0
        return "", 1  # another interactive kind (a flow's answer…): nothing to read
    if kind == "button":  # a quick-reply button of a template message
        button = _object(raw.get("button"))
        return _text(button.get("payload")) or _text(button.get("text")), 0
    return "", 1


def _object(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _objects(value: Any) -> Iterator[Mapping[str, Any]]:
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


# --- Replies as Graph API messages -------------------------------------------------------


def outgoing_message(to: str, message: Mapping[str, Any]) -> dict[str, Any]:
    """The request body of ``POST /{phone-number-id}/messages`` sending ``message`` (one
    item of :func:`render_reply`) to the WhatsApp number ``to``."""
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": whatsapp_number(to),
        **message,
    }


def render_reply(reply: Reply) -> list[dict[str, Any]]:
    """The Graph API messages (without recipient) that send ``reply``, in order.

    The media item first (``audio`` or ``image`` by link; another type as a ``document``),
    then the words: native reply buttons for up to three choices and a list for up to ten, with
    ``lead`` as their body; plain text otherwise, or when a limit would be broken (the text
    always writes the menu out, so typing keeps working). Text longer than WhatsApp takes is
    sent as several messages, split at line breaks.
    """
    messages: list[dict[str, Any]] = []
    if reply.media is not None:
        messages.append(_media_message(reply.media.url, reply.media.content_type))
    interactive = _interactive(reply)
    if interactive is not None:
        messages.append({"type": "interactive", "interactive": interactive})
        return messages
    messages.extend(
        {"type": "text", "text": {"preview_url": False, "body": chunk}}
        for chunk in _chunks(reply.text, MAX_TEXT_BODY)
    )
    return messages


def _media_message(url: str, content_type: str) -> dict[str, Any]:
    kind = content_type.split("/", 1)[0].strip().lower()
    if kind not in ("audio", "image"):
        kind = "document"
    return {"type": kind, kind: {"link": url}}


def _interactive(reply: Reply) -> dict[str, Any] | None:
    """WhatsApp's ``interactive`` object for the reply's choices, or None when they cannot be
    sent natively (none, too many, a body, id or label beyond WhatsApp's limits, ids alike)."""
    choices = reply.choices
    if not reply.interactive:
        return None
    body = (reply.lead or reply.text).strip()
    if not body or len(body) > MAX_INTERACTIVE_BODY:
        return None
    if len({choice.reply for choice in choices}) != len(choices):
        return None  # a press must say which option it was
    if len(choices) <= MAX_BUTTONS:
        return _buttons(body, choices)
    return _list(body, reply.button, choices)


def _buttons(body: str, choices: tuple[Choice, ...]) -> dict[str, Any] | None:
    titles = [_clip(choice.title, MAX_BUTTON_TITLE) for choice in choices]
    if any(not title for title in titles) or len(set(titles)) != len(titles):
        return None  # WhatsApp refuses empty or repeated button titles
    if any(not choice.reply or len(choice.reply) > MAX_BUTTON_ID for choice in choices):
        return None
    buttons = [
        {"type": "reply", "reply": {"id": choice.reply, "title": title}}
        for choice, title in zip(choices, titles, strict=True)
    ]
    return {"type": "button", "body": {"text": body}, "action": {"buttons": buttons}}


def _list(body: str, label: str, choices: tuple[Choice, ...]) -> dict[str, Any] | None:
    button = _clip(label, MAX_BUTTON_TITLE)
    if not button or len(choices) > MAX_LIST_ROWS:
        return None
    rows: list[dict[str, str]] = []
    for choice in choices:
        title = _clip(choice.title, MAX_ROW_TITLE)
        if not title or not choice.reply or len(choice.reply) > MAX_ROW_ID:
            return None
        row = {"id": choice.reply, "title": title}
        description = _clip(choice.description, MAX_ROW_DESCRIPTION)
        if description:
            row["description"] = description
        rows.append(row)
    action = {"button": button, "sections": [{"rows": rows}]}
    return {"type": "list", "body": {"text": body}, "action": action}


def _clip(text: str, limit: int) -> str:
    """``text`` stripped, cut to ``limit`` characters with an ellipsis if longer (the engine
    keeps its labels within the limits; this only guards against a label that grew)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _chunks(text: str, limit: int) -> Iterator[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at line breaks where possible
    (else at a space, else anywhere); empty text gives nothing."""
    text = text.strip()
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        yield text[:cut].rstrip()
        text = text[cut:].lstrip()
    if text:
        yield text
