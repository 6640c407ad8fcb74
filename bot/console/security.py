"""The console's session cookie, CSRF tokens and capped form reading.

* The session cookie carries a random session id signed with a key derived from the service's
  hashing secret (itsdangerous, with its time stamp): HttpOnly, SameSite=Strict, Secure when
  BIJULI_PUBLIC_URL is https, with a Max-Age. The id must also be live in the store, so signing
  out (or an admin's ``disable``/``reset``) ends it at once, whatever the browser keeps.
* Every form carries a CSRF token: an HMAC of the session id (signed in), or of a random
  pre-session cookie (the sign-in form). A POST without the right token is refused.
* A good sign-in leaves a device cookie: the agent's name, signed and time-stamped, kept
  :data:`DEVICE_SECONDS`. It only exempts that browser's next sign-ins as that agent from the
  per-address limit (see :mod:`bot.console.accounts`); it signs nobody in.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Final
from urllib.parse import parse_qs

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

__all__ = [
    "CSRF_COOKIE",
    "CSRF_FIELD",
    "DEVICE_COOKIE",
    "DEVICE_SECONDS",
    "MAX_FORM_BYTES",
    "SESSION_COOKIE",
    "SESSION_SECONDS",
    "FormTooLargeError",
    "Keys",
    "read_form",
]

#: The signed-in session's cookie.
SESSION_COOKIE: Final = "bijuli_agent"
#: The sign-in form's pre-session cookie (the CSRF token's seed before signing in).
CSRF_COOKIE: Final = "bijuli_signin"
#: The cookie of a browser an agent has signed in from.
DEVICE_COOKIE: Final = "bijuli_device"
#: How long a browser stays known after its last good sign-in.
DEVICE_SECONDS: Final = 90 * 24 * 60 * 60
#: The hidden field every form carries.
CSRF_FIELD: Final = "csrf"
#: A session lasts a working day; then the agent signs in again.
SESSION_SECONDS: Final = 12 * 60 * 60
#: Largest console form read (an estimate form is well under 1 KB).
MAX_FORM_BYTES: Final = 16 * 1024


class FormTooLargeError(ValueError):
    """A form body above :data:`MAX_FORM_BYTES`."""


class Keys:
    """The console's secrets, derived from the service's hashing secret (never used as is)."""

    def __init__(self, secret: bytes, *, secure: bool) -> None:
        """Derive the keys from ``secret``; ``secure`` sets the Secure flag on cookies."""
        self._signing = hmac.new(secret, b"bijuli console session", hashlib.sha256).digest()
        self._csrf = hmac.new(secret, b"bijuli console csrf", hashlib.sha256).digest()
        self._serializer = URLSafeTimedSerializer(self._signing, salt="bijuli-console")
        self._devices = URLSafeTimedSerializer(self._signing, salt="bijuli-console-device")
        self.secure = secure

    def sign_session(self, session_id: str) -> str:
        """The cookie value for ``session_id``."""
        return self._serializer.dumps(session_id)

    def session_id(self, request: Request) -> str | None:
        """The session id in the request's cookie, if signed by us and not too old."""
        value = request.cookies.get(SESSION_COOKIE)
        if not value:
            return None
        try:
            loaded = self._serializer.loads(value, max_age=SESSION_SECONDS)
        except BadSignature:
            return None
        return loaded if isinstance(loaded, str) else None

    def sign_device(self, agent: str) -> str:
        """The device cookie's value for a browser ``agent`` signed in from."""
        return self._devices.dumps(agent)

    def device_agent(self, request: Request) -> str | None:
        """The agent the request's device cookie names, if signed by us and not too old."""
        value = request.cookies.get(DEVICE_COOKIE)
        if not value:
            return None
        try:
            loaded = self._devices.loads(value, max_age=DEVICE_SECONDS)
        except BadSignature:
            return None
        return loaded if isinstance(loaded, str) else None

    def csrf_token(self, seed: str) -> str:
        """The CSRF token of a session id or pre-session seed."""
        return hmac.new(self._csrf, seed.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, seed: str | None, token: str | None) -> bool:
        """Whether ``token`` is the CSRF token of ``seed``."""
        if not seed or not token:
            return False
        return hmac.compare_digest(self.csrf_token(seed), token)

    def set_cookie(self, response: Response, name: str, value: str, max_age: int) -> None:
        """Set one of the console's cookies with its protections."""
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            path="/agent",
            httponly=True,
            samesite="strict",
            secure=self.secure,
        )

    def clear_cookie(self, response: Response, name: str) -> None:
        """Remove one of the console's cookies."""
        response.delete_cookie(
            name, path="/agent", httponly=True, samesite="strict", secure=self.secure
        )


def new_token() -> str:
    """A random id for a session or a pre-session seed."""
    return secrets.token_urlsafe(24)


async def read_form(request: Request) -> dict[str, str]:
    """The urlencoded form of a POST, at most :data:`MAX_FORM_BYTES` (the first value of each
    field); raises FormTooLargeError above it."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_FORM_BYTES:
        raise FormTooLargeError
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise FormTooLargeError
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {name: values[0] for name, values in fields.items()}
