"""The service's settings: one object, read from the environment once at startup, passed in.

Only the entry points (``bijuli serve``, ``bijuli chat``, the benchmark) build a
:class:`Settings` from the environment; everything else receives it. Variables::

    TWILIO_AUTH_TOKEN          Twilio's auth token; without it the Twilio webhook answers 503
    BIJULI_PUBLIC_URL          the public base URL Twilio signs (default http://127.0.0.1:8000)
    BIJULI_STATE_DIR           where local state lives (default ./state)
    BIJULI_SESSION_STORE       sqlite:///path or redis://host:port/db
                               (default sqlite:///<state dir>/sessions.db)
    BIJULI_SESSION_TTL_HOURS   hours of silence after which a conversation is forgotten (24)
    BIJULI_HASH_KEY            secret for hashing phone numbers (at least 16 bytes); if unset,
                               a random key is generated once and kept in <state dir>/hash.key
    BIJULI_MONTH               YYYY-MM: bill every conversation for this month (demos, tests)
    TWILIO_ACCOUNT_SID         the Twilio account that sends WhatsApp buttons and lists by its
                               REST API (through the outbox); unset: every reply is TwiML text
    TWILIO_API_URL             Twilio's REST API base URL (default https://api.twilio.com)
    TWILIO_CONTENT_URL         Twilio's Content API base URL (default https://content.twilio.com)
    TWILIO_MESSAGING_SERVICE_SID  send from this Messaging Service (MG…) instead of the number
                               the user wrote to (optional)
    BIJULI_INTERACTIVE         "false" sends plain text (the options written out) even where
                               buttons and lists could go (default true)
    BIJULI_OUTBOX_SENDER       "false" keeps `bijuli serve` from sending the outbox itself (run
                               `bijuli worker` instead; on Redis it never does: default true)
    BIJULI_OUTBOX_SENDERS      threads sending the outbox in each process (16)
    BIJULI_OUTBOX_LEASE_SECONDS   how long a sender holds a reply before another sender may take it
                               over (30; longer than the slowest provider call)
    BIJULI_TURN_DEADLINE_SECONDS  how long a message may wait to start before it is answered
                               "busy, send it again" and not applied (5; below 10, so every
                               reply leaves well before Twilio's 15 s limit)
    META_APP_SECRET            the Meta app's secret: signs the Cloud API webhook; without it
                               /webhooks/meta answers 503
    META_VERIFY_TOKEN          the token typed into the webhook's set-up in Meta's dashboard
    META_ACCESS_TOKEN          a (system user's) access token that may send messages
    META_PHONE_NUMBER_ID       the business number's id in the Graph API
    META_GRAPH_URL             the Graph API base URL with its version
                               (default https://graph.facebook.com/v21.0)
    SMS_GATEWAY_URL            the Indian SMS gateway's send URL (Exotel:
                               https://api.exotel.com/v1/Accounts/<sid>/Sms/send.json)
    SMS_GATEWAY_AUTH_KEY       the gateway's credentials (Exotel: <api key>:<api token>)
    SMS_GATEWAY_SENDER_ID      the DLT-registered 6-letter header the SMS go from
    SMS_GATEWAY_ENTITY_ID      the DLT principal entity id
    SMS_GATEWAY_INBOUND_TOKEN  the secret in the forward URL; without it
                               /webhooks/sms-gateway answers 503
    SMS_GATEWAY_KEYWORD        the virtual number's keyword, stripped from inbound SMS
    SMS_GATEWAY_DLT_TEMPLATE_IDS  a CSV (template_name, dlt_template_id) of the ids the DLT
                               portal assigned, when not written in the template file
    BIJULI_TRUSTED_PROXY       the reverse proxy's address(es) or network(s), comma-separated:
                               the console counts failed sign-ins that come through it under
                               the X-Forwarded-For address it appended (unset: never trusted)

Forwarded headers (``X-Forwarded-Proto``/``-Host``) are never trusted: the URL whose signature
is checked is always BIJULI_PUBLIC_URL + the request's path and query string. Only the console's
sign-in limit reads ``X-Forwarded-For``, and only from BIJULI_TRUSTED_PROXY.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import secrets
import stat
from pathlib import Path
from typing import Annotated, Any, Final
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.console.client_address import parse_trusted_proxies
from bot.stores.hashing import MIN_SECRET_BYTES

__all__ = [
    "DEFAULT_META_GRAPH_URL",
    "DEFAULT_PUBLIC_URL",
    "DEFAULT_SESSION_TTL_HOURS",
    "DEFAULT_STATE_DIR",
    "DEFAULT_TURN_DEADLINE_SECONDS",
    "DEFAULT_TWILIO_API_URL",
    "DEFAULT_TWILIO_CONTENT_URL",
    "HASH_KEY_FILE",
    "SESSION_DB_FILE",
    "Settings",
    "load_or_create_key",
]

#: Where Twilio reaches the service when nothing else is configured: a local run.
DEFAULT_PUBLIC_URL: Final = "http://127.0.0.1:8000"
#: Local state (the SQLite session file, the generated hash key), relative to the working dir.
DEFAULT_STATE_DIR: Final = Path("state")
#: A conversation is forgotten after a day of silence, like WhatsApp's free-reply window.
DEFAULT_SESSION_TTL_HOURS: Final = 24.0
#: How long a message may wait for a free turn before it gets the busy reply (seconds).
DEFAULT_TURN_DEADLINE_SECONDS: Final = 5.0
#: Threads sending the outbox in each process (provider calls are network round trips).
DEFAULT_OUTBOX_SENDERS: Final = 16
#: How long a sender holds an outbox envelope (see bot.outbox.base.CLAIM_LEASE_SECONDS).
DEFAULT_OUTBOX_LEASE_SECONDS: Final = 30.0
#: The deadline's ceiling: waiting plus the turn must stay below Twilio's 15 s limit.
MAX_TURN_DEADLINE_SECONDS: Final = 10.0
#: Meta's Graph API, with the version the Cloud API payloads were written for.
DEFAULT_META_GRAPH_URL: Final = "https://graph.facebook.com/v21.0"
#: Twilio's REST API (Messages) and its Content API (templates for buttons and lists).
DEFAULT_TWILIO_API_URL: Final = "https://api.twilio.com"
DEFAULT_TWILIO_CONTENT_URL: Final = "https://content.twilio.com"
#: The SQLite session file inside the state directory (the default store).
SESSION_DB_FILE: Final = "sessions.db"
#: The generated hashing secret inside the state directory, when BIJULI_HASH_KEY is unset.
HASH_KEY_FILE: Final = "hash.key"

# Bytes of a generated hashing secret (256 bits; stored as 64 hex characters).
_GENERATED_KEY_BYTES: Final = 32
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_TWILIO_SID = re.compile(r"[A-Z]{2}[0-9a-fA-F]{32}")

_log = logging.getLogger(__name__)


def _env(name: str) -> Any:
    """Read the field from the environment variable ``name`` (keywords use the field name)."""
    return Field(validation_alias=name)


class Settings(BaseSettings):
    """Everything the service reads from its environment; see the module docstring."""

    model_config = SettingsConfigDict(
        frozen=True, extra="forbid", case_sensitive=True, populate_by_name=True
    )

    twilio_auth_token: Annotated[SecretStr | None, _env("TWILIO_AUTH_TOKEN")] = None
    twilio_account_sid: Annotated[str | None, _env("TWILIO_ACCOUNT_SID")] = None
    twilio_api_url: Annotated[str, _env("TWILIO_API_URL")] = DEFAULT_TWILIO_API_URL
    twilio_content_url: Annotated[str, _env("TWILIO_CONTENT_URL")] = DEFAULT_TWILIO_CONTENT_URL
    twilio_messaging_service_sid: Annotated[str | None, _env("TWILIO_MESSAGING_SERVICE_SID")] = None
    interactive: Annotated[bool, _env("BIJULI_INTERACTIVE")] = True
    outbox_sender: Annotated[bool, _env("BIJULI_OUTBOX_SENDER")] = True
    outbox_senders: Annotated[int, _env("BIJULI_OUTBOX_SENDERS"), Field(ge=1, le=256)] = (
        DEFAULT_OUTBOX_SENDERS
    )
    # Longer than a provider call may last (10 s), or a second sender could take a reply over
    # while the first is still sending it.
    outbox_lease_seconds: Annotated[float, _env("BIJULI_OUTBOX_LEASE_SECONDS"), Field(gt=10)] = (
        DEFAULT_OUTBOX_LEASE_SECONDS
    )
    public_url: Annotated[str, _env("BIJULI_PUBLIC_URL")] = DEFAULT_PUBLIC_URL
    state_dir: Annotated[Path, _env("BIJULI_STATE_DIR")] = DEFAULT_STATE_DIR
    # Not in repr: a Redis URL may carry a password.
    session_store: Annotated[str | None, _env("BIJULI_SESSION_STORE"), Field(repr=False)] = None
    session_ttl_hours: Annotated[float, _env("BIJULI_SESSION_TTL_HOURS"), Field(gt=0)] = (
        DEFAULT_SESSION_TTL_HOURS
    )
    hash_key: Annotated[SecretStr | None, _env("BIJULI_HASH_KEY")] = None
    month: Annotated[dt.date | None, _env("BIJULI_MONTH")] = None
    turn_deadline_seconds: Annotated[
        float,
        _env("BIJULI_TURN_DEADLINE_SECONDS"),
        Field(gt=0, lt=MAX_TURN_DEADLINE_SECONDS),
    ] = DEFAULT_TURN_DEADLINE_SECONDS
    # Meta's WhatsApp Cloud API (bot.channels.meta): the webhook's secrets and the sender.
    meta_app_secret: Annotated[SecretStr | None, _env("META_APP_SECRET")] = None
    meta_verify_token: Annotated[SecretStr | None, _env("META_VERIFY_TOKEN")] = None
    meta_access_token: Annotated[SecretStr | None, _env("META_ACCESS_TOKEN")] = None
    meta_phone_number_id: Annotated[str | None, _env("META_PHONE_NUMBER_ID")] = None
    meta_graph_url: Annotated[str, _env("META_GRAPH_URL")] = DEFAULT_META_GRAPH_URL
    # An Indian SMS gateway (bot.channels.sms_gateway): inbound forward, DLT template sends.
    sms_gateway_url: Annotated[str | None, _env("SMS_GATEWAY_URL")] = None
    sms_gateway_auth_key: Annotated[SecretStr | None, _env("SMS_GATEWAY_AUTH_KEY")] = None
    sms_gateway_sender_id: Annotated[str | None, _env("SMS_GATEWAY_SENDER_ID")] = None
    sms_gateway_entity_id: Annotated[str | None, _env("SMS_GATEWAY_ENTITY_ID")] = None
    sms_gateway_inbound_token: Annotated[SecretStr | None, _env("SMS_GATEWAY_INBOUND_TOKEN")] = None
    sms_gateway_keyword: Annotated[str | None, _env("SMS_GATEWAY_KEYWORD")] = None
    sms_gateway_dlt_template_ids: Annotated[Path | None, _env("SMS_GATEWAY_DLT_TEMPLATE_IDS")] = (
        None
    )
    # The agent console's sign-in limit behind a reverse proxy (bot.console.client_address).
    trusted_proxy: Annotated[str | None, _env("BIJULI_TRUSTED_PROXY")] = None

    @field_validator(
        "twilio_auth_token",
        "twilio_account_sid",
        "twilio_messaging_service_sid",
        "hash_key",
        "session_store",
        "meta_app_secret",
        "meta_verify_token",
        "meta_access_token",
        "meta_phone_number_id",
        "sms_gateway_url",
        "sms_gateway_auth_key",
        "sms_gateway_sender_id",
        "sms_gateway_entity_id",
        "sms_gateway_inbound_token",
        "sms_gateway_keyword",
        "sms_gateway_dlt_template_ids",
        "trusted_proxy",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: Any) -> Any:
        """An empty variable (``FOO=``) means "not set"."""
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("public_url")
    @classmethod
    def _check_public_url(cls, value: str) -> str:
        """Require ``http(s)://host[:port][/prefix]`` and drop a trailing slash."""
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                f"BIJULI_PUBLIC_URL must be an http:// or https:// URL with a host, such as "
                f"https://bijuli.example.in (got {value!r})"
            )
        if parts.query or parts.fragment:
            raise ValueError(
                "BIJULI_PUBLIC_URL is a base URL: leave out the query string and fragment"
            )
        return value.strip().rstrip("/")

    @field_validator("trusted_proxy")
    @classmethod
    def _check_trusted_proxy(cls, value: str | None) -> str | None:
        """Addresses or networks, comma-separated (127.0.0.1, 10.0.0.0/8, ::1)."""
        if value is None:
            return None
        try:
            parse_trusted_proxies(value)
        except ValueError as exc:
            raise ValueError(f"BIJULI_TRUSTED_PROXY: {exc}") from None
        return value.strip()

    @field_validator("meta_graph_url")
    @classmethod
    def _check_graph_url(cls, value: str) -> str:
        """Require ``http(s)://host[:port]/version`` and drop a trailing slash."""
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                f"META_GRAPH_URL must be an http:// or https:// URL with a host, such as "
                f"{DEFAULT_META_GRAPH_URL} (got {value!r})"
            )
        return value.strip().rstrip("/")

    @field_validator("twilio_api_url", "twilio_content_url")
    @classmethod
    def _check_twilio_url(cls, value: str) -> str:
        """Require ``http(s)://host[:port]`` and drop a trailing slash."""
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                "TWILIO_API_URL and TWILIO_CONTENT_URL must be http:// or https:// URLs with a "
                f"host, such as {DEFAULT_TWILIO_API_URL} (got {value!r})"
            )
        return value.strip().rstrip("/")

    @field_validator("twilio_account_sid", "twilio_messaging_service_sid")
    @classmethod
    def _check_twilio_sid(cls, value: str | None, info: ValidationInfo) -> str | None:
        """An account SID is ``AC`` and 32 hex digits, a Messaging Service's ``MG`` and 32:
        anything else would change the REST API path it goes into."""
        if value is None:
            return None
        prefix = "AC" if info.field_name == "twilio_account_sid" else "MG"
        text = value.strip()
        if not _TWILIO_SID.fullmatch(text) or not text.startswith(prefix):
            variable = "TWILIO_ACCOUNT_SID" if prefix == "AC" else "TWILIO_MESSAGING_SERVICE_SID"
            raise ValueError(
                f"{variable} is {prefix} followed by 32 hexadecimal digits, as the Twilio "
                "console shows it"
            )
        return text

    @field_validator("meta_phone_number_id")
    @classmethod
    def _check_phone_number_id(cls, value: str | None) -> str | None:
        """The id is digits: anything else would change the Graph API path it goes into."""
        if value is not None and not (value.strip().isascii() and value.strip().isdigit()):
            raise ValueError(
                "META_PHONE_NUMBER_ID is the phone number's numeric id from Meta's dashboard "
                "(WhatsApp > API Setup), not the phone number itself"
            )
        return value.strip() if value is not None else None

    @field_validator("sms_gateway_url")
    @classmethod
    def _check_sms_gateway_url(cls, value: str | None) -> str | None:
        """Require an ``http(s)://`` URL with a host and no credentials in it."""
        if value is None:
            return None
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                "SMS_GATEWAY_URL must be the gateway's http:// or https:// send URL, such as "
                "https://api.exotel.com/v1/Accounts/<sid>/Sms/send.json"
            )
        if parts.username or parts.password:
            raise ValueError(
                "SMS_GATEWAY_URL must not carry credentials: put them in SMS_GATEWAY_AUTH_KEY"
            )
        return value.strip()

    @field_validator("sms_gateway_auth_key")
    @classmethod
    def _check_sms_gateway_auth_key(cls, value: SecretStr | None) -> SecretStr | None:
        """Exotel authenticates with an API key and token: ``<key>:<token>``."""
        if value is not None:
            key, colon, token = value.get_secret_value().strip().partition(":")
            if not (key and colon and token):
                raise ValueError(
                    "SMS_GATEWAY_AUTH_KEY is the gateway's API key and API token joined by a "
                    "colon, <api key>:<api token> (Exotel: Settings > API Settings)"
                )
        return value

    @field_validator("sms_gateway_sender_id")
    @classmethod
    def _check_sms_gateway_sender_id(cls, value: str | None) -> str | None:
        """A DLT header for service messages is six letters."""
        if value is None:
            return None
        text = value.strip().upper()
        if not re.fullmatch(r"[A-Z]{6}", text):
            raise ValueError(
                "SMS_GATEWAY_SENDER_ID is the 6-letter header registered on the DLT portal, "
                "such as BIJULI"
            )
        return text

    @field_validator("sms_gateway_entity_id")
    @classmethod
    def _check_sms_gateway_entity_id(cls, value: str | None) -> str | None:
        """The DLT principal entity id is digits."""
        if value is not None and not (value.strip().isascii() and value.strip().isdigit()):
            raise ValueError(
                "SMS_GATEWAY_ENTITY_ID is the numeric principal entity id the DLT portal "
                "assigned at registration"
            )
        return value.strip() if value is not None else None

    @field_validator("sms_gateway_keyword")
    @classmethod
    def _check_sms_gateway_keyword(cls, value: str | None) -> str | None:
        """One word, as the virtual number's keyword is."""
        if value is None:
            return None
        text = value.strip()
        if not text or any(char.isspace() for char in text):
            raise ValueError("SMS_GATEWAY_KEYWORD is one word, such as BIJULI")
        return text

    @field_validator("hash_key")
    @classmethod
    def _check_hash_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value().encode()) < MIN_SECRET_BYTES:
            raise ValueError(
                f"BIJULI_HASH_KEY must be at least {MIN_SECRET_BYTES} bytes; generate one with "
                "`python -c 'import secrets; print(secrets.token_hex(32))'`"
            )
        return value

    @field_validator("month", mode="before")
    @classmethod
    def _parse_month(cls, value: Any) -> Any:
        """Accept ``YYYY-MM`` (the first day of that month); nothing else."""
        if value is None or isinstance(value, dt.date):
            return value.replace(day=1) if isinstance(value, dt.date) else None
        text = str(value).strip()
        if not text:
            return None
        match = _MONTH.fullmatch(text)
        if match is None or not 1 <= int(match[2]) <= 12:
            raise ValueError(
                f"BIJULI_MONTH must be a month as YYYY-MM, such as 2026-05 (got {text!r})"
            )
        return dt.date(int(match[1]), int(match[2]), 1)

    @property
    def session_store_url(self) -> str:
        """The session store URL: BIJULI_SESSION_STORE, else SQLite in the state directory."""
        if self.session_store:
            return self.session_store
        return f"sqlite:///{self.state_dir / SESSION_DB_FILE}"

    @property
    def session_ttl_seconds(self) -> float:
        """BIJULI_SESSION_TTL_HOURS in seconds, as the stores take it."""
        return self.session_ttl_hours * 3600

    def hash_secret(self) -> bytes:
        """The secret for hashing addresses: BIJULI_HASH_KEY, else the state dir's key file.

        The key file is created (0600) on first use; call this once at startup.
        """
        if self.hash_key is not None:
            return self.hash_key.get_secret_value().encode()
        return load_or_create_key(self.state_dir / HASH_KEY_FILE)


def load_or_create_key(path: Path) -> bytes:
    """Return the secret kept in ``path``, creating it with a random key (mode 0600) if absent.

    Creation is atomic: the key is written to a private temporary file and hard-linked into
    place, so several workers starting at once all end up with the one key that won.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(_GENERATED_KEY_BYTES) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(temporary, path)
                _log.info("generated a new hashing key in %s", path)
            except FileExistsError:
                pass  # another worker created it first: use theirs
        finally:
            temporary.unlink(missing_ok=True)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        _log.warning(
            "%s is readable by other users (mode %o): run `chmod 600 %s`", path, mode, path
        )
    key = path.read_text(encoding="ascii").strip().encode()
    if len(key) < MIN_SECRET_BYTES:
        raise ValueError(
            f"{path} holds a key shorter than {MIN_SECRET_BYTES} bytes: delete the file to "
            "generate a new one (existing conversations will be forgotten) or set BIJULI_HASH_KEY"
        )
    return key
