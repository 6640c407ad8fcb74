"""The web chat's browser session cookie, its CSRF tokens and per-form message ids.

* The cookie holds a random chat id (256 bits from :mod:`secrets`): HttpOnly, SameSite=Strict,
  Secure when BIJULI_PUBLIC_URL is https, scoped to ``/chat`` and living as long as a session
  does (BIJULI_SESSION_TTL_HOURS), renewed by each message. The id is never stored or logged
  as is: the store sees only keyed hashes of the addresses made from it.
* Every form carries a CSRF token, an HMAC of the chat id under a key derived from the
  service's hashing secret, and a random *nonce*: a browser that sends one form twice (a
  resubmit, a double tap) sends the same nonce, and the message id made from it lets the
  pipeline answer the second from its record instead of running the turn again.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import Final

from starlette.requests import Request
from starlette.responses import Response

from bot.inbound import Channel

__all__ = [
    "CHAT_COOKIE",
    "CSRF_FIELD",
    "LANGUAGE_COOKIE",
    "NONCE_FIELD",
    "ChatKeys",
    "new_chat_id",
    "new_nonce",
    "valid_nonce",
]

#: The cookie holding the browser's chat id.
CHAT_COOKIE: Final = "bijuli_chat"
#: The cookie holding the page's language (not secret: a choice of the visitor).
LANGUAGE_COOKIE: Final = "bijuli_chat_lang"
#: The hidden field carrying the CSRF token.
CSRF_FIELD: Final = "csrf"
#: The hidden field carrying the form's nonce.
NONCE_FIELD: Final = "nonce"
#: The cookie's path: the chat's pages only.
COOKIE_PATH: Final = "/chat"
#: How long the page's language is remembered.
LANGUAGE_COOKIE_SECONDS: Final = 365 * 24 * 60 * 60

# What new_chat_id and new_nonce make (token_urlsafe of 32 and 16 bytes); anything else in a
# cookie or a form is refused before it reaches a key or a message id.
_CHAT_ID: Final = re.compile(r"[A-Za-z0-9_-]{43}")
_NONCE: Final = re.compile(r"[A-Za-z0-9_-]{22}")


def new_chat_id() -> str:
    """A fresh random chat id for a browser."""
    return secrets.token_urlsafe(32)


def new_nonce() -> str:
    """A fresh random nonce for one rendered form."""
    return secrets.token_urlsafe(16)


def valid_nonce(nonce: str | None) -> bool:
    """Whether ``nonce`` has the shape :func:`new_nonce` gives."""
    return bool(nonce) and _NONCE.fullmatch(nonce or "") is not None


class ChatKeys:
    """The chat's secrets, derived from the service's hashing secret (never used as is), and
    its cookies' protections."""

    def __init__(self, secret: bytes, *, secure: bool, max_age_seconds: float) -> None:
        """Derive the keys from ``secret``; ``secure`` sets the Secure flag on cookies and
        ``max_age_seconds`` is how long the chat cookie lives."""
        self._csrf = hmac.new(secret, b"bijuli web chat csrf", hashlib.sha256).digest()
        self._message = hmac.new(secret, b"bijuli web chat message", hashlib.sha256).digest()
        self.secure = secure
        self.max_age = max(1, int(max_age_seconds))

    def chat_id(self, request: Request) -> str | None:
        """The chat id in the request's cookie, if it has the shape of one."""
        value = request.cookies.get(CHAT_COOKIE, "")
        return value if _CHAT_ID.fullmatch(value) else None

    def csrf_token(self, chat_id: str) -> str:
        """The CSRF token of a chat id."""
        return hmac.new(self._csrf, chat_id.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, chat_id: str | None, token: str | None) -> bool:
        """Whether ``token`` is the CSRF token of ``chat_id``."""
        if not chat_id or not token:
            return False
        return hmac.compare_digest(self.csrf_token(chat_id), token)

    def message_id(self, chat_id: str, nonce: str, channel: Channel) -> str:
        """The pipeline's message id for one form sent on one channel.

        Keyed to the chat id, so one browser's nonce can never meet another's record (deletion
        tombstones are kept by message id alone), and distinct per channel, so the WhatsApp
        turn's deletion record never answers the SMS turn of the same message.
        """
        digest = hmac.new(
            self._message, f"{chat_id}:{nonce}:{channel}".encode(), hashlib.sha256
        ).hexdigest()
        return f"web-{digest[:40]}"

    def set_chat_cookie(self, response: Response, chat_id: str) -> None:
        """Give the browser its chat id (again, renewing its lifetime)."""
        response.set_cookie(
            CHAT_COOKIE,
            chat_id,
            max_age=self.max_age,
            path=COOKIE_PATH,
            httponly=True,
            samesite="strict",
            secure=self.secure,
        )

    def set_language_cookie(self, response: Response, language: str) -> None:
        """Remember the page's language."""
        response.set_cookie(
            LANGUAGE_COOKIE,
            language,
            max_age=LANGUAGE_COOKIE_SECONDS,
            path=COOKIE_PATH,
            httponly=True,
            samesite="strict",
            secure=self.secure,
        )
