"""The browser chat page, ``/chat``: the conversation engine as a web channel.

Routes::

    GET  /chat            the page: the history (WhatsApp and SMS side by side), the form
    POST /chat            one message (typed, or an option's button) -> 303 to the page
    POST /chat/language   the page's language, also sent to the conversation as its name
    POST /chat/restart    erase this browser's conversations and history, begin anew
    GET  /chat/static/... the page's stylesheet

Server-rendered, plain forms, no script; every asset is served by the app. Every POST carries
the CSRF token of the browser's chat id (403 without it) and a per-form nonce (the message
id: see :mod:`bot.webchat.security`). An empty, too long or too large message gets a
localised answer (400, 413), a store outage a localised 503; never a traceback.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final
from urllib.parse import parse_qs

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool

from bot.config import Settings
from bot.conversation.choose import LANGUAGE_NAMES
from bot.i18n.catalogs import LANGUAGES, Language, Translator
from bot.i18n.sms import WHATSAPP_MAX_CHARS, sms_encoding, sms_segments
from bot.inbound import Choice, Reply
from bot.pipeline import Pipeline, StoreUnavailableError, is_store_error
from bot.request_bodies import BodyRefusedError, read_capped
from bot.webchat import messages as wm
from bot.webchat.chat import WebChat
from bot.webchat.history import ChatHistory, ChatTurn
from bot.webchat.security import (
    CSRF_FIELD,
    LANGUAGE_COOKIE,
    NONCE_FIELD,
    ChatKeys,
    new_chat_id,
    new_nonce,
    valid_nonce,
)

__all__ = ["DEFAULT_LANGUAGE", "MAX_FORM_BYTES", "MAX_MESSAGE_CHARS", "add_webchat"]

_PACKAGE: Final = Path(__file__).resolve().parent
#: The page's language until the visitor chooses one.
DEFAULT_LANGUAGE: Final[Language] = "or"
#: The longest message taken: what Twilio takes in one message body.
MAX_MESSAGE_CHARS: Final = WHATSAPP_MAX_CHARS
#: Largest form read: a message of several thousand Odia characters, percent-encoded, still
#: fits, so that it gets the "too long" answer rather than a bare refusal.
MAX_FORM_BYTES: Final = 64 * 1024
#: How long a form may take to arrive.
FORM_TIMEOUT_SECONDS: Final = 10.0
#: Notices shown after a redirect, by the ``done`` query parameter.
_NOTICES: Final = {"deleted": wm.CHAT_DELETED, "restarted": wm.CHAT_RESTARTED}
#: WhatsApp's bold: *text* on one line.
_BOLD: Final = re.compile(r"\*([^*\n]+)\*")
_HEADERS: Final = {
    # Everything comes from the app itself; nothing may load from elsewhere, nothing runs.
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

_log = logging.getLogger(__name__)


def whatsapp_html(text: str) -> Markup:
    """``text`` escaped, with WhatsApp's ``*bold*`` shown bold (line breaks kept by CSS)."""
    return Markup(_BOLD.sub(lambda match: f"<strong>{match[1]}</strong>", str(escape(text))))


@dataclass(frozen=True)
class _ReplyView:
    """One reply as a column shows it."""

    text: str
    choices: tuple[Choice, ...]
    media_url: str
    segments: int
    encoding: str


def _whatsapp_view(reply: Reply) -> _ReplyView:
    # WhatsApp shows native buttons or a list under the text without its written-out menu.
    shown = reply.lead if reply.interactive and reply.lead else reply.text
    choices = reply.choices if reply.interactive else ()
    return _ReplyView(shown, choices, reply.media.url if reply.media else "", 0, "")


def _sms_view(reply: Reply) -> _ReplyView:
    return _ReplyView(
        reply.text,
        (),
        reply.media.url if reply.media else "",
        sms_segments(reply.text),
        sms_encoding(reply.text),
    )


def _quick_replies(turns: list[ChatTurn]) -> list[Choice]:
    """The options of the latest WhatsApp replies, each once, as the form's buttons."""
    if not turns:
        return []
    seen: dict[str, Choice] = {}
    for reply in turns[-1].whatsapp:
        if reply.interactive:
            for choice in reply.choices:
                seen.setdefault(choice.reply, choice)
    return list(seen.values())


@dataclass
class _Page:
    web: WebChat
    keys: ChatKeys
    pages: Environment
    ttl_hours: float

    def language(self, request: Request) -> Language:
        chosen = request.cookies.get(LANGUAGE_COOKIE, "")
        return next((code for code in LANGUAGES if code == chosen), DEFAULT_LANGUAGE)

    def render(
        self,
        request: Request,
        chat_id: str,
        turns: list[ChatTurn],
        *,
        status: int = 200,
        error: str | None = None,
        notice: str | None = None,
        language: Language | None = None,
    ) -> HTMLResponse:
        lang = language or self.language(request)
        t = Translator.load(lang)

        def tr(message: str, **values: Any) -> str:
            return t.format(message, **values) if values else t.gettext(message)

        hours = f"{self.ttl_hours:g}"
        html = self.pages.get_template("chat.html").render(
            tr=tr,
            wm=wm,
            lang=lang,
            languages=LANGUAGE_NAMES,
            turns=[
                {
                    "said": turn.said,
                    "whatsapp": [_whatsapp_view(r) for r in turn.whatsapp],
                    "sms": [_sms_view(r) for r in turn.sms],
                }
                for turn in turns
            ],
            quick=_quick_replies(turns),
            csrf=self.keys.csrf_token(chat_id),
            message_nonce=new_nonce(),
            language_nonce=new_nonce(),
            limit=MAX_MESSAGE_CHARS,
            hours=hours,
            error=tr(error, limit=f"{MAX_MESSAGE_CHARS:,}") if error else None,
            notice=tr(notice) if notice else None,
        )
        response = HTMLResponse(html, status_code=status, headers=_HEADERS)
        self.keys.set_chat_cookie(response, chat_id)
        return response

    async def history(self, chat_id: str) -> list[ChatTurn] | None:
        """The browser's turns, or None when the store fails."""
        try:
            return await run_in_threadpool(self.web.turns, chat_id)
        except Exception as exc:
            if not is_store_error(exc):
                raise
            _log.warning("web chat: the history could not be read (%s)", type(exc).__name__)
            return None

    def unavailable(self, request: Request, chat_id: str) -> HTMLResponse:
        return self.render(request, chat_id, [], status=503, error=wm.CHAT_UNAVAILABLE)


async def _read_form(request: Request) -> dict[str, str]:
    """The urlencoded form (the first value of each field); BodyRefusedError above the cap."""
    body = await read_capped(request, MAX_FORM_BYTES, FORM_TIMEOUT_SECONDS)
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {name: values[0] for name, values in fields.items()}


def _redirect(chat_id: str, keys: ChatKeys, done: str | None = None) -> RedirectResponse:
    response = RedirectResponse(f"/chat?done={done}" if done else "/chat#latest", status_code=303)
    keys.set_chat_cookie(response, chat_id)
    return response


def add_webchat(app: FastAPI, pipeline: Pipeline, settings: Settings) -> None:
    """Add ``/chat`` and its stylesheet to ``app``, running turns through ``pipeline`` and
    keeping histories in its store."""
    keys = ChatKeys(
        pipeline.secret,
        secure=settings.public_url.startswith("https://"),
        max_age_seconds=settings.session_ttl_seconds,
    )
    page = _Page(
        web=WebChat(pipeline, ChatHistory(pipeline.store, pipeline.secret), keys),
        keys=keys,
        pages=Environment(
            loader=FileSystemLoader(_PACKAGE / "templates"),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        ),
        ttl_hours=settings.session_ttl_hours,
    )
    page.pages.filters["whatsapp"] = whatsapp_html
    app.mount("/chat/static", StaticFiles(directory=_PACKAGE / "static"), name="chat-static")
    router = APIRouter(prefix="/chat", include_in_schema=False)
    _add_routes(router, page)
    app.include_router(router)


def _add_routes(router: APIRouter, page: _Page) -> None:
    keys = page.keys

    async def checked_form(
        request: Request, *, with_nonce: bool
    ) -> tuple[str, dict[str, str]] | Response:
        """The chat id and form of a POST, or the page answering why it was refused."""
        chat_id = keys.chat_id(request)
        try:
            form = await _read_form(request)
        except BodyRefusedError as refused:
            fresh = chat_id or new_chat_id()
            if refused.status != 413:
                return Response(status_code=refused.status)
            return page.render(request, fresh, [], status=413, error=wm.MESSAGE_TOO_LONG)
        nonce_ok = valid_nonce(form.get(NONCE_FIELD)) or not with_nonce
        if chat_id is None or not keys.csrf_ok(chat_id, form.get(CSRF_FIELD)) or not nonce_ok:
            _log.warning("web chat: refused a form without its CSRF token or nonce")
            fresh = chat_id or new_chat_id()
            turns = await page.history(fresh) or []
            return page.render(request, fresh, turns, status=403, error=wm.CHAT_FORM_EXPIRED)
        return chat_id, form

    async def send(
        request: Request, chat_id: str, nonce: str, text: str, language: Language | None = None
    ) -> Response:
        try:
            sent = await run_in_threadpool(page.web.send, chat_id, nonce, text)
        except StoreUnavailableError:
            return page.unavailable(request, chat_id)
        except Exception as exc:
            if not is_store_error(exc):
                raise
            _log.warning("web chat: the history could not be kept (%s)", type(exc).__name__)
            return page.unavailable(request, chat_id)
        if sent.deleted:
            # Nothing of the old chat is left; the browser begins again with a new id.
            response = _redirect(new_chat_id(), keys, done="deleted")
        else:
            response = _redirect(chat_id, keys)
        if language is not None:
            keys.set_language_cookie(response, language)
        return response

    @router.get("")
    async def chat_page(request: Request) -> Response:
        chat_id = keys.chat_id(request) or new_chat_id()
        turns = await page.history(chat_id)
        if turns is None:
            return page.unavailable(request, chat_id)
        done = request.query_params.get("done", "")
        return page.render(request, chat_id, turns, notice=_NOTICES.get(done))

    @router.post("")
    async def chat_message(request: Request) -> Response:
        checked = await checked_form(request, with_nonce=True)
        if isinstance(checked, Response):
            return checked
        chat_id, form = checked
        # An option's button sends its reply; otherwise the typed message.
        text = (form.get("choice") or form.get("body") or "").strip()
        error = None
        if not text:
            error = wm.EMPTY_MESSAGE
        elif len(text) > MAX_MESSAGE_CHARS:
            error = wm.MESSAGE_TOO_LONG
        if error is not None:
            turns = await page.history(chat_id)
            if turns is None:
                return page.unavailable(request, chat_id)
            return page.render(request, chat_id, turns, status=400, error=error)
        return await send(request, chat_id, form[NONCE_FIELD], text)

    @router.post("/language")
    async def chat_language(request: Request) -> Response:
        checked = await checked_form(request, with_nonce=True)
        if isinstance(checked, Response):
            return checked
        chat_id, form = checked
        chosen = next((code for code in LANGUAGES if code == form.get("lang")), None)
        if chosen is None:
            return _redirect(chat_id, keys)
        # The conversation is told as a user tells it: the language's own name.
        return await send(request, chat_id, form[NONCE_FIELD], LANGUAGE_NAMES[chosen], chosen)

    @router.post("/restart")
    async def chat_restart(request: Request) -> Response:
        checked = await checked_form(request, with_nonce=False)
        if isinstance(checked, Response):
            return checked
        chat_id, _ = checked
        try:
            await run_in_threadpool(page.web.forget, chat_id)
        except Exception as exc:
            if not is_store_error(exc):
                raise
            return page.unavailable(request, chat_id)
        return _redirect(new_chat_id(), keys, done="restarted")
