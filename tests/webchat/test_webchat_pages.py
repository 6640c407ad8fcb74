"""The browser chat page in process: its cookie, CSRF, both renderings with SMS segment counts,
STOP, delete-my-data, a resubmitted form, language choice, start again and bad input.

Every turn runs the real engine through the real pipeline and SQLite store; the expected
replies come from the engine itself, run on the same messages.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.config import Settings
from bot.conversation.engine import handle
from bot.i18n.catalogs import Language, Translator
from bot.i18n.sms import sms_encoding, sms_segments
from bot.inbound import Channel, Inbound, Reply
from bot.stores import SQLiteSessionStore, user_key
from bot.webchat import messages as wm
from bot.webchat.chat import WebChat
from bot.webchat.history import history_address
from bot.webchat.routes import MAX_FORM_BYTES, MAX_MESSAGE_CHARS
from bot.webchat.security import CHAT_COOKIE, LANGUAGE_COOKIE

HASH_KEY = "k" * 32
MONTH = dt.date(2026, 5, 1)
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
MESSAGE_NONCE = re.compile(r'id="composer".*?name="nonce" value="([^"]+)"', re.DOTALL)
LANGUAGE_NONCE = re.compile(r'id="language-form".*?name="nonce" value="([^"]+)"', re.DOTALL)
COLUMN = r'<section class="column {name}".*?</section>'
BUBBLE = re.compile(r'<div class="bubble">(.*?)</div>', re.DOTALL)
SEGMENTS = re.compile(r'data-segments="(\d+)" data-encoding="([^"]+)"')
SAID = re.compile(r'<span class="said-text">(.*?)</span>', re.DOTALL)


class Browser:
    """A TestClient that posts the page's forms as a browser does."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.page = client.get("/chat")

    def form(self, nonce: re.Pattern[str] = MESSAGE_NONCE) -> dict[str, str]:
        csrf, found = CSRF.search(self.page.text), nonce.search(self.page.text)
        assert csrf, self.page.text
        assert found, self.page.text
        return {"csrf": csrf[1], "nonce": found[1]}

    def send(self, text: str, *, field: str = "body") -> httpx.Response:
        self.page = self.client.post("/chat", data={**self.form(), field: text})
        return self.page

    def choose_language(self, language: Language) -> httpx.Response:
        data = {**self.form(LANGUAGE_NONCE), "lang": language}
        self.page = self.client.post("/chat/language", data=data)
        return self.page


def translated(language: Language, message: str, **values: object) -> str:
    return Translator.load(language).format(message, **values)


def column(page: str, name: str, turn: int = -1) -> list[str]:
    """The bubbles' texts of one column of one turn (the latest by default), unescaped."""
    turns = page.split('<li class="turn"')[1:]
    section = re.search(COLUMN.format(name=name), turns[turn], re.DOTALL)
    assert section, page
    texts = BUBBLE.findall(section[0])
    return [html.unescape(re.sub(r"</?strong>", "*", text)) for text in texts]


def engine_replies(messages: list[str], channel: Channel) -> list[list[Reply]]:
    """What the engine answers each message with on ``channel``, run directly."""
    session: str | None = None
    answers = []
    for number, body in enumerate(messages):
        inbound = Inbound(channel=channel, body=body, message_id=f"direct-{number}")
        turn = handle(session, inbound, now=dt.datetime.now(dt.UTC), month=MONTH)
        session = turn.session
        answers.append(turn.messages)
    return answers


def whatsapp_text(reply: Reply) -> str:
    return reply.lead if reply.interactive and reply.lead else reply.text


def make_settings(tmp_path: Path, public_url: str) -> Settings:
    return Settings(
        state_dir=tmp_path / "state", hash_key=HASH_KEY, month="2026-05", public_url=public_url
    )


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = make_settings(tmp_path, "https://bijuli.example.in")
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        yield client


@pytest.fixture
def browser(client: TestClient) -> Browser:
    return Browser(client)


def chat_id_of(client: TestClient) -> str:
    value = client.cookies.get(CHAT_COOKIE)
    assert value
    return value


def stored_keys(tmp_path: Path, chat_id: str) -> dict[str, str | None]:
    """What the store keeps under the browser's three keys."""
    store = SQLiteSessionStore(tmp_path / "state" / "sessions.db")
    secret = HASH_KEY.encode()
    addresses = {
        "whatsapp": WebChat.address(chat_id, "whatsapp"),
        "sms": WebChat.address(chat_id, "sms"),
        "history": history_address(chat_id),
    }
    try:
        found = {}
        for name, address in addresses.items():
            with store.open(user_key(address, secret)) as slot:
                found[name] = slot.data
        return found
    finally:
        store.close()


# ------------------------------------------------------------------------------ the cookie


def test_the_page_gives_a_random_httponly_strict_cookie_for_the_session_ttl(
    client: TestClient,
) -> None:
    first = client.get("/chat")
    assert first.status_code == 200
    cookie = first.headers["set-cookie"]
    for flag in ("HttpOnly", "SameSite=strict", "Secure", "Path=/chat", "Max-Age=86400"):
        assert flag in cookie, cookie
    assert first.headers["content-security-policy"].startswith("default-src 'self'")
    other = TestClient(client.app, base_url="https://testserver").get("/chat")
    assert other.cookies[CHAT_COOKIE] != first.cookies[CHAT_COOKIE], "each browser its own id"
    # The same browser keeps its id.
    assert client.get("/chat").cookies.get(CHAT_COOKIE) == first.cookies[CHAT_COOKIE]


def test_the_cookie_is_not_secure_on_a_plain_http_service(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, "http://127.0.0.1:8000")
    with TestClient(create_app(settings)) as client:
        cookie = client.get("/chat").headers["set-cookie"]
    assert "Secure" not in cookie
    assert "HttpOnly" in cookie


def test_the_cookie_and_the_history_expire_with_the_session_ttl(tmp_path: Path) -> None:
    now = [1_800_000_000.0]
    store = SQLiteSessionStore(tmp_path / "sessions.db", ttl_seconds=2 * 3600, clock=lambda: now[0])
    settings = make_settings(tmp_path, "https://bijuli.example.in").model_copy(
        update={"session_ttl_hours": 2.0}
    )
    try:
        with TestClient(create_app(settings, store=store), base_url="https://testserver") as c:
            browser = Browser(c)
            assert "Max-Age=7200" in browser.page.headers["set-cookie"]
            browser.send("hello")
            assert len(SAID.findall(browser.page.text)) == 1
            now[0] += 2 * 3600 + 1
            assert SAID.findall(c.get("/chat").text) == [], "forgotten after the TTL"
    finally:
        store.close()


# -------------------------------------------------------------------------------- CSRF


def test_a_message_without_its_csrf_token_is_refused_and_not_run(
    browser: Browser, tmp_path: Path
) -> None:
    form = browser.form()
    refused = browser.client.post("/chat", data={"nonce": form["nonce"], "body": "hello"})
    assert refused.status_code == 403
    assert translated("or", wm.CHAT_FORM_EXPIRED) in html.unescape(refused.text)
    forged = browser.client.post("/chat", data={**form, "csrf": "0" * 64, "body": "hello"})
    assert forged.status_code == 403
    assert stored_keys(tmp_path, chat_id_of(browser.client)) == {
        "whatsapp": None,
        "sms": None,
        "history": None,
    }


def test_another_browsers_token_is_refused(client: TestClient) -> None:
    stranger = Browser(TestClient(client.app, base_url="https://testserver"))
    mine = Browser(client)
    refused = client.post("/chat", data={**stranger.form(), "body": "hello"})
    assert refused.status_code == 403
    assert SAID.findall(refused.text) == []
    assert mine.send("hello").status_code == 200


def test_the_language_and_restart_forms_need_their_token(browser: Browser) -> None:
    assert browser.client.post("/chat/language", data={"lang": "hi"}).status_code == 403
    assert browser.client.post("/chat/restart", data={}).status_code == 403


# ----------------------------------------------------------------- the two renderings


ODIA_CONVERSATION = ["ଓଡ଼ିଆ", "1", "ଜାଣିନି", "୨୫୦"]


def test_each_message_is_answered_as_whatsapp_and_as_sms_by_the_engine(
    browser: Browser,
) -> None:
    for text in ODIA_CONVERSATION:
        page = browser.send(text)
        assert page.status_code == 200
        assert page.url.fragment == "latest"
    page = browser.page.text
    assert [html.unescape(said) for said in SAID.findall(page)] == ODIA_CONVERSATION
    expected_wa = engine_replies(ODIA_CONVERSATION, "whatsapp")
    expected_sms = engine_replies(ODIA_CONVERSATION, "sms")
    for turn, (wa, sms) in enumerate(zip(expected_wa, expected_sms, strict=True)):
        assert column(page, "whatsapp", turn) == [whatsapp_text(r) for r in wa]
        assert column(page, "sms", turn) == [r.text for r in sms]
    # The estimate differs by channel: a screenful on WhatsApp, two segments by SMS.
    assert column(page, "whatsapp") != column(page, "sms")


def test_each_sms_shows_its_segment_count_and_encoding(browser: Browser) -> None:
    for text in ["english", "domestic 250"]:
        browser.send(text)
    page = browser.page.text
    latest = page.split('<li class="turn"')[-1]
    shown = SEGMENTS.findall(latest)
    texts = column(page, "sms")
    assert len(shown) == len(texts) > 0
    for (segments, encoding), text in zip(shown, texts, strict=True):
        assert int(segments) == sms_segments(text)
        assert encoding == sms_encoding(text)
        label = translated("or", wm.SMS_SEGMENTS, count=segments, encoding=encoding)
        assert label in html.unescape(latest)


def test_the_latest_whatsapp_options_are_buttons_that_send_their_reply(
    browser: Browser,
) -> None:
    browser.send("ଓଡ଼ିଆ")
    buttons = re.findall(
        r'name="choice" value="([^"]+)" class="quick-reply">([^<]+)<', browser.page.text
    )
    expected = engine_replies(["ଓଡ଼ିଆ"], "whatsapp")[0]
    choices = [(c.reply, c.title) for r in expected for c in r.choices]
    assert buttons == choices
    browser.send("1", field="choice")  # the "home" button
    assert SAID.findall(browser.page.text)[-1] == "1"
    after = engine_replies(["ଓଡ଼ିଆ", "1"], "sms")[1]
    assert column(browser.page.text, "sms") == [r.text for r in after]


# -------------------------------------------------------------- STOP and delete-my-data


def test_after_stop_no_replies_are_shown_until_start(browser: Browser) -> None:
    browser.send("hello")
    browser.send("STOP")
    stopped = engine_replies(["hello", "STOP"], "sms")[1]
    assert column(browser.page.text, "sms") == [r.text for r in stopped]
    browser.send("domestic 250")
    assert column(browser.page.text, "whatsapp") == []
    assert column(browser.page.text, "sms") == []
    latest = html.unescape(browser.page.text.split('<li class="turn"')[-1])
    assert latest.count(translated("or", wm.NO_REPLY)) == 2
    browser.send("START")
    assert column(browser.page.text, "whatsapp"), "START brings the replies back"


def test_delete_my_data_erases_both_conversations_and_the_history(
    browser: Browser, tmp_path: Path
) -> None:
    browser.choose_language("hi")
    browser.send("घरेलू 300")
    old = chat_id_of(browser.client)
    assert all(value is not None for value in stored_keys(tmp_path, old).values())
    deleted = browser.send("मेरा डेटा हटाओ")
    assert deleted.status_code == 200
    assert deleted.url.query == b"done=deleted"
    assert translated("hi", wm.CHAT_DELETED) in html.unescape(deleted.text)
    assert SAID.findall(deleted.text) == [], "the history is gone"
    assert stored_keys(tmp_path, old) == {"whatsapp": None, "sms": None, "history": None}
    assert chat_id_of(browser.client) != old, "a new chat id after the deletion"


def test_a_resubmitted_delete_form_does_not_touch_the_new_chat(browser: Browser) -> None:
    browser.send("hello")
    form = browser.form()
    browser.page = browser.client.post("/chat", data={**form, "body": "delete my data"})
    browser.send("domestic 250")
    # The old page's form again (its token is of the old chat id): refused, nothing lost.
    again = browser.client.post("/chat", data={**form, "body": "delete my data"})
    assert again.status_code == 403
    assert [html.unescape(s) for s in SAID.findall(again.text)] == ["domestic 250"]


# ------------------------------------------------------------------ idempotency


def test_a_resubmitted_form_runs_its_turn_once(browser: Browser, tmp_path: Path) -> None:
    browser.send("english")
    form = browser.form()
    first = browser.client.post("/chat", data={**form, "body": "1"})
    second = browser.client.post("/chat", data={**form, "body": "1"})
    assert SAID.findall(second.text) == ["english", "1"], "one history entry"
    assert column(second.text, "sms") == column(first.text, "sms")
    # Had "1" run twice, the second would have been taken as the load (1 kW): the
    # conversation still asks for the load, exactly as after one "1".
    browser.page = second
    browser.send("don't know")
    expected = engine_replies(["english", "1", "don't know"], "sms")[2]
    assert column(browser.page.text, "sms") == [r.text for r in expected]


# ---------------------------------------------------------- language and start again


def test_choosing_a_language_sets_the_page_and_tells_the_conversation(browser: Browser) -> None:
    page = browser.choose_language("hi")
    assert page.status_code == 200
    assert browser.client.cookies.get(LANGUAGE_COOKIE) == "hi"
    text = html.unescape(page.text)
    assert '<html lang="hi">' in text
    assert translated("hi", wm.CHAT_TITLE) in text
    assert SAID.findall(page.text) == ["हिंदी"]
    expected = engine_replies(["हिंदी"], "sms")[0]
    assert column(page.text, "sms") == [r.text for r in expected]
    english = browser.choose_language("en")
    assert "Bijuli web chat" in english.text
    assert SAID.findall(english.text) == ["हिंदी", "English"]


def test_start_again_erases_the_chat_and_begins_a_new_one(browser: Browser, tmp_path: Path) -> None:
    browser.send("domestic 250")
    old = chat_id_of(browser.client)
    page = browser.client.post("/chat/restart", data={"csrf": browser.form()["csrf"]})
    assert page.status_code == 200
    assert translated("or", wm.CHAT_RESTARTED) in html.unescape(page.text)
    assert SAID.findall(page.text) == []
    assert chat_id_of(browser.client) != old
    assert stored_keys(tmp_path, old) == {"whatsapp": None, "sms": None, "history": None}


# ------------------------------------------------------------------------ bad input


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_an_empty_message_gets_a_localised_answer(browser: Browser, text: str) -> None:
    page = browser.send(text)
    assert page.status_code == 400
    assert translated("or", wm.EMPTY_MESSAGE) in html.unescape(page.text)
    assert SAID.findall(page.text) == []


@pytest.mark.parametrize("language", ["or", "hi", "en"])
def test_a_5000_character_message_gets_a_localised_answer(
    client: TestClient, language: Language
) -> None:
    client.cookies.set(LANGUAGE_COOKIE, language, domain="testserver.local", path="/chat")
    browser = Browser(client)
    page = browser.send("ଘ" * 5000)
    assert page.status_code == 400
    limit = f"{MAX_MESSAGE_CHARS:,}"
    assert translated(language, wm.MESSAGE_TOO_LONG, limit=limit) in html.unescape(page.text)
    assert "ଘଘଘଘ" not in page.text, "the input is never repeated"


def test_a_form_above_the_cap_gets_a_localised_413(browser: Browser) -> None:
    page = browser.send("x" * (MAX_FORM_BYTES + 1))
    assert page.status_code == 413
    limit = f"{MAX_MESSAGE_CHARS:,}"
    assert translated("or", wm.MESSAGE_TOO_LONG, limit=limit) in html.unescape(page.text)


def test_a_forged_nonce_or_language_is_handled(browser: Browser) -> None:
    form = browser.form()
    bad_nonce = browser.client.post("/chat", data={**form, "nonce": "../x", "body": "hi"})
    assert bad_nonce.status_code == 403
    unknown = browser.client.post(
        "/chat/language", data={**browser.form(LANGUAGE_NONCE), "lang": "fr"}
    )
    assert unknown.status_code == 200
    assert SAID.findall(unknown.text) == []


def test_the_stylesheet_is_served_by_the_app(client: TestClient) -> None:
    page = client.get("/chat").text
    for asset in re.findall(r'(?:href|src)="(/[^"]+)"', page):
        assert client.get(asset).status_code == 200, asset
    assert re.findall(r'(?:href|src)="(https?:[^"]+)"', page) == []


def test_a_store_that_fails_gets_a_localised_503(tmp_path: Path) -> None:
    # A real SQLite store whose database path is a directory: every open fails.
    broken_path = tmp_path / "not-a-database"
    broken_path.mkdir()
    store = SQLiteSessionStore(broken_path)
    settings = make_settings(tmp_path, "https://bijuli.example.in")
    try:
        with TestClient(create_app(settings, store=store), base_url="https://testserver") as c:
            page = c.get("/chat")
            assert page.status_code == 503
            assert translated("or", wm.CHAT_UNAVAILABLE) in html.unescape(page.text)
            browser = Browser(c)
            sent = browser.send("hello")
            assert sent.status_code == 503
            assert translated("or", wm.CHAT_UNAVAILABLE) in html.unescape(sent.text)
            assert "Traceback" not in sent.text
    finally:
        store.close()
