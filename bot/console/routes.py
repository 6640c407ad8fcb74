"""The agent console's pages under ``/agent`` (server-rendered, no build step, no CDN).

Routes::

    GET  /agent                         -> the estimate page, or the sign-in page
    GET  /agent/sign-in  POST /agent/sign-in  POST /agent/sign-out
    POST /agent/language                the agent's page language
    GET  /agent/estimate POST /agent/estimate   the assisted estimate (POST -> 303 to its page)
    GET  /agent/estimates/{ref}         the itemised estimate in the consumer's language
    GET  /agent/estimates/{ref}/large   large print, to show the consumer
    GET  /agent/estimates/{ref}/print   a printable page with the reference code
    GET  /agent/estimates/{ref}/card.png  the estimate card (bot.media.card); ?download=1
                                        to save it as a file
    POST /agent/estimates/{ref}/delete  delete an estimate (and the name or number in it)
    GET  /agent/day  GET /agent/day.csv today's estimates, their summary, and the CSV
    GET  /agent/batch POST /agent/batch a CSV of consumers in, their estimates streamed back
    GET  /agent/static/...              the console's CSS and script

Every POST carries a CSRF token (403 without it). Every action is logged with the agent's id
(and an estimate's reference code), never a consumer's name or number. Answers to clients that
accept gzip are compressed (:mod:`bot.console.compression`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from bot.batch import BatchHeaderError
from bot.batch.columns import OUTPUT_COLUMNS
from bot.console import messages as cm
from bot.console.accounts import LOCK_SECONDS, Accounts, SignIn
from bot.console.appliances import FRIDGE_FIELDS, FRIDGE_TYPES, appliance_rows
from bot.console.batch_stream import start_batch
from bot.console.client_address import ClientAddress, Network
from bot.console.compression import ConsoleGZipMiddleware
from bot.console.forms import ASK_FIELDS, EstimateForm, read_estimate_form
from bot.console.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    DEVICE_COOKIE,
    DEVICE_SECONDS,
    SESSION_COOKIE,
    SESSION_SECONDS,
    FormTooLargeError,
    Keys,
    new_token,
    read_form,
)
from bot.console.store import Agent, ConsoleStore, LogEntry
from bot.console.view import (
    day_csv,
    explain_entry,
    itemise,
    share_link,
    share_text,
    summarise_day,
)
from bot.i18n.catalogs import LANGUAGES, Language, Translator
from bot.media.card import PNG_MEDIA_TYPE, render_card
from bot.media.card_fonts import CardFontError
from bot.rendering.labels import METER_NAMES, category_name, money
from tariff_core.registry import Tariff

__all__ = ["LANGUAGE_NAMES", "REF_ALPHABET", "TIMEZONE", "add_console", "new_reference"]

_PACKAGE: Final = Path(__file__).resolve().parent
#: Days are the agents' days.
TIMEZONE: Final = ZoneInfo("Asia/Kolkata")
#: Each language's name in its own script, as the switches show it.
LANGUAGE_NAMES: Final[dict[Language, str]] = {"or": "ଓଡ଼ିଆ", "hi": "हिंदी", "en": "English"}
#: Reference codes: no 0/O, 1/I/L, 5/S or 8/B, so one read aloud or handwritten is not misread.
REF_ALPHABET: Final = "234679ACDEFGHJKMNPQRTUVWXYZ"
#: Characters after ``BJ-``: 27**4 ≈ 530,000 codes, retried on the rare collision.
REF_LENGTH: Final = 4
#: Language of the pages before an agent signs in, unless the visitor chose one.
DEFAULT_LANGUAGE: Final[Language] = "or"
_LANGUAGE_COOKIE: Final = "bijuli_lang"
#: Largest batch file taken from the page (a million rows of a few columns is about 40 MB).
MAX_BATCH_MEGABYTES: Final = 100
#: The batch page's column list: the bill request's usual fields (bot.batch takes them all).
BATCH_COLUMNS: Final = (
    "category",
    "units",
    "previous_reading",
    "present_reading",
    "contract_demand",
    "month",
    "rural",
    "ebill",
)

_log = logging.getLogger(__name__)


def new_reference() -> str:
    """A short reference code such as ``BJ-7K3Q``."""
    return "BJ-" + "".join(secrets.choice(REF_ALPHABET) for _ in range(REF_LENGTH))


@dataclass
class _Console:
    store: ConsoleStore
    accounts: Accounts
    keys: Keys
    tariff: Tariff
    month: dt.date | None
    clock: Callable[[], float]
    pages: Environment
    addresses: ClientAddress

    # ------------------------------------------------------------------ helpers

    def today(self) -> str:
        return dt.datetime.fromtimestamp(self.clock(), TIMEZONE).strftime("%Y-%m-%d")

    def billing_month(self) -> dt.date:
        if self.month is not None:
            return self.month
        return dt.datetime.fromtimestamp(self.clock(), TIMEZONE).date().replace(day=1)

    def local_time(self, entry: LogEntry) -> str:
        return dt.datetime.fromtimestamp(entry.created_at, TIMEZONE).strftime("%Y-%m-%d %H:%M")

    def agent_of(self, request: Request) -> tuple[Agent, str] | None:
        """The signed-in agent and the session id, or None."""
        session_id = self.keys.session_id(request)
        if session_id is None:
            return None
        name = self.store.session_agent(session_id, self.clock())
        agent = self.store.get_agent(name) if name else None
        if agent is None or agent.disabled:
            return None
        return agent, session_id

    def render(
        self, name: str, language: Language, status: int = 200, **context: Any
    ) -> HTMLResponse:
        t = Translator.load(language)

        def tr(message: str, **values: Any) -> str:
            return t.format(message, **values) if values else t.gettext(message)

        html = self.pages.get_template(name).render(
            tr=tr, cm=cm, lang=language, languages=LANGUAGE_NAMES, **context
        )
        return HTMLResponse(
            html,
            status_code=status,
            headers={
                # Everything comes from the app itself; nothing may load from elsewhere.
                "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
                "Cache-Control": "no-store",
            },
        )

    def log(self, agent: str, action: str, ref: str | None = None) -> None:
        text = f"agent {agent}: {action}" + (f" {ref}" if ref else "")
        _log.info(text, extra={"agent": agent, "action": action, "ref": ref})

    def visitor_language(self, request: Request) -> Language:
        chosen = request.query_params.get("lang") or request.cookies.get(_LANGUAGE_COOKIE)
        return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE

    def categories(self) -> list[dict[str, Any]]:
        """Every category of the billing month's order: its name in the three languages (the
        search matches any), and the form fields it asks for and needs."""
        order = self.tariff.order_for(self.billing_month())
        translators = [Translator.load(language) for language in LANGUAGES]
        result = []
        for cid, category in order.categories.items():
            names = [category_name(cid, t) for t in translators]
            asks = sorted({f for ask in category.asks for f in ASK_FIELDS.get(ask, ())})
            needs = sorted({f for ask in category.requires for f in ASK_FIELDS.get(ask, ())})
            result.append(
                {
                    "id": cid,
                    "names": dict(zip(LANGUAGES, names, strict=True)),
                    "search": " ".join([cid, category.slug, category.name, *names]).lower(),
                    "asks": " ".join(asks),
                    "needs": " ".join(needs),
                }
            )
        return result

    def meters(self, t: Translator) -> list[tuple[str, str]]:
        return [(code, t.gettext(message)) for code, message in METER_NAMES.items()]


def _redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def add_console(
    app: FastAPI,
    *,
    store: ConsoleStore,
    secret: bytes,
    secure_cookies: bool,
    tariff: Tariff,
    month: dt.date | None,
    clock: Callable[[], float] = time.time,
    trusted_proxies: tuple[Network, ...] = (),
) -> None:
    """Add the console's routes, static files and gzip to ``app``; ``store`` is closed by the
    caller. Sign-ins connecting from ``trusted_proxies`` are counted under the address the
    proxy forwarded (:mod:`bot.console.client_address`)."""
    pages = Environment(
        loader=FileSystemLoader(_PACKAGE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    console = _Console(
        store=store,
        accounts=Accounts(store, clock=clock),
        keys=Keys(secret, secure=secure_cookies),
        tariff=tariff,
        month=month,
        clock=clock,
        pages=pages,
        addresses=ClientAddress(trusted_proxies),
    )
    app.add_middleware(ConsoleGZipMiddleware)
    app.mount("/agent/static", StaticFiles(directory=_PACKAGE / "static"), name="agent-static")
    router = APIRouter(prefix="/agent", include_in_schema=False)
    _add_sign_in(router, console)
    _add_estimates(router, console)
    _add_day(router, console)
    _add_batch(router, console)
    app.include_router(router)


async def _form(request: Request) -> dict[str, str] | None:
    try:
        return await read_form(request)
    except FormTooLargeError:
        return None


async def _signed_form(
    console: _Console, request: Request
) -> tuple[Agent, str, dict[str, str]] | Response:
    """A console form's agent, session and fields; or the answer when the agent is not signed
    in (to the sign-in page) or the form lacks its CSRF token or is too large (403)."""
    signed_in = await run_in_threadpool(console.agent_of, request)
    form = await _form(request)
    if signed_in is None:
        return _redirect("/agent/sign-in")
    agent, session_id = signed_in
    if form is None or not console.keys.csrf_ok(session_id, form.get(CSRF_FIELD)):
        return _refused(console, agent)
    return agent, session_id, form


def _add_sign_in(router: APIRouter, console: _Console) -> None:
    @router.get("")
    async def home(request: Request) -> Response:
        signed_in = await run_in_threadpool(console.agent_of, request)
        return _redirect("/agent/estimate" if signed_in else "/agent/sign-in")

    def sign_in_page(
        request: Request, language: Language, error: str | None, status: int = 200
    ) -> Response:
        seed = request.cookies.get(CSRF_COOKIE) or new_token()
        response = console.render(
            "sign_in.html",
            language,
            status,
            csrf=console.keys.csrf_token(seed),
            error=error,
            minutes=LOCK_SECONDS // 60,
        )
        console.keys.set_cookie(response, CSRF_COOKIE, seed, SESSION_SECONDS)
        if request.query_params.get("lang") in LANGUAGES:
            console.keys.set_cookie(response, _LANGUAGE_COOKIE, language, 365 * 86400)
        return response

    @router.get("/sign-in")
    async def sign_in_form(request: Request) -> Response:
        return sign_in_page(request, console.visitor_language(request), None)

    @router.post("/sign-in")
    async def sign_in(request: Request) -> Response:
        language = console.visitor_language(request)
        form = await _form(request)
        if form is None or not console.keys.csrf_ok(
            request.cookies.get(CSRF_COOKIE), form.get(CSRF_FIELD)
        ):
            _log.warning("console: refused a sign-in form without its CSRF token")
            return sign_in_page(request, language, cm.FORM_EXPIRED, status=403)
        name = form.get("name", "").strip().lower()
        result = await run_in_threadpool(
            lambda: console.accounts.sign_in(
                name,
                form.get("password", ""),
                console.addresses.of(request),
                known_device=console.keys.device_agent(request) == name,
            )
        )
        if result.outcome is SignIn.LOCKED:
            _log.warning("console: sign-in locked (too many failures)", extra={"action": "locked"})
            return sign_in_page(request, language, cm.SIGN_IN_LOCKED, status=429)
        if result.agent is None:
            _log.info("console: sign-in refused", extra={"action": "sign-in-refused"})
            return sign_in_page(request, language, cm.SIGN_IN_REFUSED, status=401)
        session_id = new_token()
        await run_in_threadpool(
            console.store.create_session,
            session_id,
            result.agent.name,
            console.clock() + SESSION_SECONDS,
        )
        console.log(result.agent.name, "sign-in")
        response = _redirect("/agent/estimate")
        console.keys.set_cookie(
            response, SESSION_COOKIE, console.keys.sign_session(session_id), SESSION_SECONDS
        )
        console.keys.clear_cookie(response, CSRF_COOKIE)
        console.keys.set_cookie(
            response, DEVICE_COOKIE, console.keys.sign_device(result.agent.name), DEVICE_SECONDS
        )
        return response

    @router.post("/sign-out")
    async def sign_out(request: Request) -> Response:
        checked = await _signed_form(console, request)
        if isinstance(checked, Response):
            return checked
        agent, session_id, _form_fields = checked
        await run_in_threadpool(console.store.end_session, session_id)
        console.log(agent.name, "sign-out")
        response = _redirect("/agent/sign-in")
        console.keys.clear_cookie(response, SESSION_COOKIE)
        return response

    @router.post("/language")
    async def language(request: Request) -> Response:
        checked = await _signed_form(console, request)
        if isinstance(checked, Response):
            return checked
        agent, _session_id, form = checked
        chosen = form.get("lang", "")
        if chosen in LANGUAGES:
            await run_in_threadpool(console.accounts.set_language, agent, chosen)
            console.log(agent.name, "language")
        back = form.get("back", "")
        return _redirect(back if back.startswith("/agent") and "//" not in back else "/agent")


@lru_cache(maxsize=32)
def _card_png(inputs: str, language: Language) -> bytes:
    """The card of a log entry's inputs (JSON) in ``language``: the result page and the large
    print ask for the same card one after the other, and drawing one takes a few tenths of a
    second. An entry's inputs never change, so they are the key."""
    explained = explain_entry(json.loads(inputs), language)
    return render_card(explained.estimate, language, saving=explained.saving)


def _refused(console: _Console, agent: Agent) -> Response:
    console.log(agent.name, "csrf-refused")
    return console.render("message.html", agent.language, 403, message=cm.FORM_EXPIRED)


def _page_context(console: _Console, agent: Agent, session_id: str, here: str) -> dict[str, Any]:
    return {"agent": agent, "csrf": console.keys.csrf_token(session_id), "here": here}


def _add_estimates(router: APIRouter, console: _Console) -> None:
    def form_page(
        agent: Agent, session_id: str, form: EstimateForm, status: int = 200
    ) -> HTMLResponse:
        t = Translator.load(agent.language)
        values = dict(form.values)
        values.setdefault("month", console.billing_month().strftime("%Y-%m"))
        values.setdefault("consumer_lang", agent.language)
        appliances = appliance_rows(t)
        listed = [row.count for row in appliances] + [row.hours for row in appliances]
        return console.render(
            "estimate_form.html",
            agent.language,
            status,
            form=values,
            errors=form.errors,
            categories=console.categories(),
            meters=console.meters(t),
            appliances=appliances,
            fridge_types=[(code, t.gettext(name)) for code, name in FRIDGE_TYPES.items()],
            # Open the appliances when the agent used them (a form shown again with an error).
            appliances_open=any(values.get(name) for name in [*listed, *FRIDGE_FIELDS]),
            **_page_context(console, agent, session_id, "/agent/estimate"),
        )

    @router.get("/estimate")
    async def estimate_form(request: Request) -> Response:
        signed_in = await run_in_threadpool(console.agent_of, request)
        if signed_in is None:
            return _redirect("/agent/sign-in")
        return form_page(*signed_in, EstimateForm())

    @router.post("/estimate")
    async def estimate_post(request: Request) -> Response:
        checked = await _signed_form(console, request)
        if isinstance(checked, Response):
            return checked
        agent, session_id, form = checked
        result = await run_in_threadpool(
            read_estimate_form, form, console.tariff.order_for, console.billing_month()
        )
        if isinstance(result, EstimateForm):
            return form_page(agent, session_id, result, status=422)
        now = console.clock()
        est = result.estimate
        for _ in range(10):
            entry = LogEntry(
                ref=new_reference(),
                agent=agent.name,
                created_at=now,
                day=console.today(),
                language=result.language,
                category=est.category,
                inputs=result.inputs,
                charges_total=est.charges_total,
                payable_by_due_date=est.payable_by_due_date,
                payable_after_due_date=est.payable_after_due_date,
                consumer_name=result.consumer_name,
                consumer_number=result.consumer_number,
            )
            if await run_in_threadpool(console.store.add_entry, entry):
                break
        else:  # ten collisions in a row: the log is far fuller than codes allow
            raise RuntimeError("no free reference code")
        console.log(agent.name, "estimate", entry.ref)
        return _redirect(f"/agent/estimates/{entry.ref}")

    async def own_entry(request: Request, ref: str) -> tuple[Agent, str, LogEntry] | Response:
        """The signed-in agent, the session id and the agent's entry ``ref``; or the answer
        (to sign in, or not found: each agent sees their own)."""
        signed_in = await run_in_threadpool(console.agent_of, request)
        if signed_in is None:
            return _redirect("/agent/sign-in")
        agent, session_id = signed_in
        entry = await run_in_threadpool(console.store.get_entry, ref[:16])
        if entry is None or entry.agent != agent.name:
            return console.render("message.html", agent.language, 404, message=cm.NOT_FOUND)
        return agent, session_id, entry

    def entry_page(template: str) -> Callable[[Request, str], Any]:
        async def page(request: Request, ref: str) -> Response:
            found = await own_entry(request, ref)
            if isinstance(found, Response):
                return found
            agent, session_id, entry = found
            explained = await run_in_threadpool(explain_entry, entry.inputs, entry.language)
            est = explained.estimate
            consumer = Translator.load(entry.language)
            text = share_text(
                est,
                consumer,
                entry.ref,
                saving=explained.saving,
                approximate=explained.appliances is not None,
            )
            return console.render(
                template,
                agent.language,
                entry=entry,
                made=console.local_time(entry),
                view=itemise(est, consumer),
                appliances=explained.appliances,
                saving=explained.saving,
                consumer_lang=entry.language,
                reference=consumer.format(cm.REFERENCE, ref=entry.ref),
                share=share_link(text, entry.consumer_number),
                card=f"/agent/estimates/{entry.ref}/card.png",
                **_page_context(console, agent, session_id, f"/agent/estimates/{entry.ref}"),
            )

        return page

    router.add_api_route("/estimates/{ref}", entry_page("estimate.html"), methods=["GET"])
    router.add_api_route("/estimates/{ref}/large", entry_page("large.html"), methods=["GET"])
    router.add_api_route("/estimates/{ref}/print", entry_page("print.html"), methods=["GET"])

    @router.get("/estimates/{ref}/card.png")
    async def card(request: Request, ref: str) -> Response:
        found = await own_entry(request, ref)
        if isinstance(found, Response):
            return found
        agent, _, entry = found
        inputs = json.dumps(entry.inputs, sort_keys=True)
        try:
            png = await run_in_threadpool(_card_png, inputs, entry.language)
        except CardFontError as exc:
            _log.error("console: cannot draw the estimate card: %s", exc)
            return Response("the card cannot be drawn on this server\n", status_code=503)
        headers = {
            # The agent's own, never a shared cache's; the entry cannot change, only go.
            "Cache-Control": "private, max-age=3600",
            "X-Content-Type-Options": "nosniff",
        }
        if request.query_params.get("download"):
            headers["Content-Disposition"] = f'attachment; filename="bijuli-{entry.ref}.png"'
            console.log(agent.name, "card-download", entry.ref)
        return Response(png, media_type=PNG_MEDIA_TYPE, headers=headers)

    @router.post("/estimates/{ref}/delete")
    async def delete(request: Request, ref: str) -> Response:
        checked = await _signed_form(console, request)
        if isinstance(checked, Response):
            return checked
        agent, _session_id, _form_fields = checked
        entry = await run_in_threadpool(console.store.get_entry, ref[:16])
        if entry is None or entry.agent != agent.name:
            return console.render("message.html", agent.language, 404, message=cm.NOT_FOUND)
        await run_in_threadpool(console.store.delete_entry, entry.ref)
        console.log(agent.name, "delete", entry.ref)
        return _redirect(f"/agent/day?deleted={entry.ref}")


def _add_day(router: APIRouter, console: _Console) -> None:
    @router.get("/day")
    async def day(request: Request) -> Response:
        signed_in = await run_in_threadpool(console.agent_of, request)
        if signed_in is None:
            return _redirect("/agent/sign-in")
        agent, session_id = signed_in
        entries = await run_in_threadpool(console.store.entries_of, agent.name, console.today())
        t = Translator.load(agent.language)
        deleted = request.query_params.get("deleted", "")[:16]
        return console.render(
            "day.html",
            agent.language,
            entries=[
                {
                    "entry": entry,
                    "time": console.local_time(entry)[-5:],
                    "category": category_name(entry.category, t),
                    "payable": money(entry.payable_by_due_date, t),
                }
                for entry in reversed(entries)
            ],
            summary=summarise_day(entries, t),
            deleted=deleted if deleted.startswith("BJ-") else "",
            **_page_context(console, agent, session_id, "/agent/day"),
        )

    @router.get("/day.csv")
    async def day_as_csv(request: Request) -> Response:
        signed_in = await run_in_threadpool(console.agent_of, request)
        if signed_in is None:
            return _redirect("/agent/sign-in")
        agent, _ = signed_in
        today = console.today()
        entries = await run_in_threadpool(console.store.entries_of, agent.name, today)
        console.log(agent.name, "export")
        return Response(
            "\ufeff" + day_csv(entries, console.local_time),  # the BOM: spreadsheets read UTF-8
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="bijuli-{agent.name}-{today}.csv"',
                "Cache-Control": "no-store",
            },
        )


def _add_batch(router: APIRouter, console: _Console) -> None:
    def batch_page(
        agent: Agent, session_id: str, error: str | None = None, status: int = 200
    ) -> HTMLResponse:
        return console.render(
            "batch.html",
            agent.language,
            status,
            error=error,
            columns=", ".join(BATCH_COLUMNS),
            size=MAX_BATCH_MEGABYTES,
            output_columns=OUTPUT_COLUMNS,
            **_page_context(console, agent, session_id, "/agent/batch"),
        )

    @router.get("/batch")
    async def batch_form(request: Request) -> Response:
        signed_in = await run_in_threadpool(console.agent_of, request)
        if signed_in is None:
            return _redirect("/agent/sign-in")
        return batch_page(*signed_in)

    @router.post("/batch")
    async def batch(request: Request) -> Response:
        signed_in = await run_in_threadpool(console.agent_of, request)
        if signed_in is None:
            return _redirect("/agent/sign-in")
        agent, session_id = signed_in
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_BATCH_MEGABYTES * 1024 * 1024:
            return batch_page(agent, session_id, cm.BATCH_FILE_ERROR, status=413)
        try:
            form = await request.form(max_files=1, max_fields=4)
        except Exception:  # a body that is not a multipart form: say so, never a 500
            return batch_page(agent, session_id, cm.BATCH_FILE_ERROR, status=400)
        # Our own copy on disk: the batch reads it while the response streams, after the
        # request's form (and its spooled upload) is closed.
        source = tempfile.TemporaryFile()  # noqa: SIM115 (closed when the response ends)
        try:
            token = form.get(CSRF_FIELD)
            if not console.keys.csrf_ok(session_id, token if isinstance(token, str) else None):
                source.close()
                return _refused(console, agent)
            upload = form.get("file")
            if upload is None or isinstance(upload, str) or not upload.filename:
                source.close()
                return batch_page(agent, session_id, cm.BATCH_FILE_ERROR, status=422)
            await run_in_threadpool(shutil.copyfileobj, upload.file, source)
        except BaseException:
            source.close()
            raise
        finally:
            await form.close()
        source.seek(0)
        try:
            stream = await run_in_threadpool(
                start_batch, source, console.tariff, console.billing_month()
            )
        except BatchHeaderError:
            source.close()
            return batch_page(agent, session_id, cm.BATCH_HEADER_ERROR, status=422)
        except BaseException:
            source.close()
            raise
        console.log(agent.name, "batch")

        def body() -> Iterator[bytes]:
            try:
                yield from stream.chunks()
            finally:
                source.close()

        today = console.today()
        return StreamingResponse(
            body(),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="bijuli-batch-{today}.csv"',
                "Cache-Control": "no-store",
            },
        )
