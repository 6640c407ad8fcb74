"""The console's pages in process: sign-in, cookies, CSRF, estimates, the day log and CSV."""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.config import Settings
from bot.console import messages as cm
from bot.console.accounts import MAX_ACCOUNT_FAILURES, Accounts
from bot.console.store import open_console_store
from bot.i18n.catalogs import LANGUAGES, Language, Translator
from bot.rendering.labels import money
from tariff_core import BillRequest, estimate

PASSWORD = "a long pass phrase"
NUMBER = "9876543210"
NAME = "Sita Behera"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def make_client(tmp_path: Path, public_url: str) -> Iterator[TestClient]:
    settings = Settings(
        state_dir=tmp_path / "state", hash_key="k" * 32, month="2026-05", public_url=public_url
    )
    store = open_console_store(settings.session_store_url)
    accounts = Accounts(store)
    accounts.add("rita", PASSWORD, language="en")
    accounts.add("arun", PASSWORD, language="hi")
    store.close()
    scheme = public_url.split(":")[0]
    with TestClient(create_app(settings), base_url=f"{scheme}://testserver") as client:
        yield client


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    yield from make_client(tmp_path, "https://bijuli.example.in")


def csrf_of(page: httpx.Response) -> str:
    match = CSRF.search(page.text)
    assert match, page.text
    return match[1]


def sign_in(client: TestClient, name: str = "rita", password: str = PASSWORD) -> httpx.Response:
    token = csrf_of(client.get("/agent/sign-in"))
    return client.post(
        "/agent/sign-in",
        data={"csrf": token, "name": name, "password": password},
        follow_redirects=False,
    )


def post_estimate(client: TestClient, **fields: str) -> httpx.Response:
    token = csrf_of(client.get("/agent/estimate"))
    return client.post("/agent/estimate", data={"csrf": token, **fields}, follow_redirects=False)


def text_of(page: httpx.Response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.text))


def test_signing_in_sets_a_protected_expiring_cookie(client: TestClient) -> None:
    assert client.get("/agent/estimate", follow_redirects=False).headers["location"] == (
        "/agent/sign-in"
    )
    answer = sign_in(client)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/agent/estimate"
    cookie = next(c for c in answer.headers.get_list("set-cookie") if "bijuli_agent=" in c)
    for flag in ("HttpOnly", "SameSite=strict", "Secure", "Max-Age=43200", "Path=/agent"):
        assert flag in cookie
    assert client.get("/agent/estimate").status_code == 200


def test_no_secure_flag_when_the_public_url_is_plain_http(tmp_path: Path) -> None:
    for client in make_client(tmp_path, "http://127.0.0.1:8000"):
        cookie = sign_in(client).headers["set-cookie"]
        assert "bijuli_agent=" in cookie
        assert "Secure" not in cookie


def test_a_wrong_password_is_refused_in_the_page_language(client: TestClient) -> None:
    client.get("/agent/sign-in?lang=hi")
    answer = sign_in(client, password="wrong password")
    assert answer.status_code == 401
    assert Translator.load("hi").gettext(cm.SIGN_IN_REFUSED) in answer.text
    assert "bijuli_agent=" not in answer.headers.get("set-cookie", "")


def test_too_many_failures_lock_the_account(client: TestClient) -> None:
    for _ in range(MAX_ACCOUNT_FAILURES - 1):
        assert sign_in(client, password="wrong password").status_code == 401
    assert sign_in(client, password="wrong password").status_code == 429
    locked = sign_in(client)
    assert locked.status_code == 429
    assert Translator.load("or").format(cm.SIGN_IN_LOCKED, minutes=15) in locked.text


def test_forms_without_their_csrf_token_are_refused(client: TestClient) -> None:
    token = csrf_of(client.get("/agent/sign-in"))
    refused = client.post(
        "/agent/sign-in", data={"name": "rita", "password": PASSWORD}, follow_redirects=False
    )
    assert refused.status_code == 403
    forged = client.post(
        "/agent/sign-in",
        data={"csrf": token[:-2] + "00", "name": "rita", "password": PASSWORD},
        follow_redirects=False,
    )
    assert forged.status_code == 403
    sign_in(client)
    answer = client.post("/agent/estimate", data={"category": "1.b", "units": "250"})
    assert answer.status_code == 403
    assert client.post("/agent/sign-out", follow_redirects=False).status_code == 403
    assert client.get("/agent/day").status_code == 200, "still signed in"


def test_signing_out_ends_the_session_even_for_a_kept_cookie(client: TestClient) -> None:
    sign_in(client)
    kept = client.cookies.get("bijuli_agent")
    token = csrf_of(client.get("/agent/estimate"))
    out = client.post("/agent/sign-out", data={"csrf": token}, follow_redirects=False)
    assert out.headers["location"] == "/agent/sign-in"
    client.cookies.set("bijuli_agent", kept or "", domain="testserver.local", path="/agent")
    assert client.get("/agent/day", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_estimate_in_each_language_shows_the_engines_figures(
    client: TestClient, language: Language
) -> None:
    sign_in(client)
    posted = post_estimate(
        client, category="1.b", units="250", contract_demand="2", consumer_lang=language
    )
    assert posted.status_code == 303
    ref = posted.headers["location"].rsplit("/", 1)[1]
    assert re.fullmatch(r"BJ-[234679ACDEFGHJKMNPQRTUVWXYZ]{4}", ref)
    page = client.get(posted.headers["location"])
    expected = estimate(BillRequest(category="1.b", month="2026-05", units=250, contract_demand=2))
    t = Translator.load(language)
    text = text_of(page)
    for line in expected.lines:
        assert money(line.amount, t) in text
    assert money(expected.payable_by_due_date, t) in text
    assert money(expected.payable_after_due_date, t) in text
    assert t.format(cm.REFERENCE, ref=ref) in text
    for view in ("large", "print"):
        shown = text_of(client.get(f"/agent/estimates/{ref}/{view}"))
        assert money(expected.payable_by_due_date, t) in shown
        assert ref in shown


def test_two_readings_give_the_units(client: TestClient) -> None:
    sign_in(client)
    posted = post_estimate(client, category="1.b", previous_reading="99,950", present_reading="30")
    page = client.get(posted.headers["location"])
    rolled_over = estimate(BillRequest(category="1.b", month="2026-05", units=80))
    assert money(rolled_over.payable_by_due_date, Translator.load("en")) in text_of(page)


def test_a_missing_figure_is_a_localised_error_not_a_crash(client: TestClient) -> None:
    sign_in(client, "arun")
    answer = post_estimate(client, category="23", units="500000")
    assert answer.status_code == 422
    assert Translator.load("hi").gettext(cm.ERROR_REQUIRED) in answer.text
    for bad in ({"category": "99", "units": "1"}, {"category": "1.b", "units": "lots"}):
        assert post_estimate(client, **bad).status_code == 422
    number = post_estimate(client, category="1.b", units="10", consumer_number="12345")
    assert Translator.load("hi").gettext(cm.ERROR_PHONE) in number.text


def test_the_whatsapp_link_opens_the_consumers_chat(client: TestClient) -> None:
    sign_in(client)
    posted = post_estimate(client, category="1.b", units="250", consumer_number=NUMBER)
    page = client.get(posted.headers["location"]).text
    link = re.search(r'id="share" href="([^"]+)"', page)
    assert link
    assert link[1].startswith(f"https://wa.me/91{NUMBER}?text=")


def test_the_day_log_summary_csv_and_deletion(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    sign_in(client)
    refs = []
    for fields in (
        {"category": "1.b", "units": "250", "consumer_name": NAME, "consumer_number": NUMBER},
        {"category": "1.b", "units": "100"},
        {"category": "2", "units": "300", "contract_demand": "3"},
    ):
        refs.append(post_estimate(client, **fields).headers["location"].rsplit("/", 1)[1])
    day = text_of(client.get("/agent/day"))
    t = Translator.load("en")
    assert t.format(cm.ESTIMATES_TODAY, count=3) in day
    totals = [
        estimate(BillRequest(category="1.b", month="2026-05", units=250)),
        estimate(BillRequest(category="1.b", month="2026-05", units=100)),
        estimate(BillRequest(category="2", month="2026-05", units=300, contract_demand=3)),
    ]
    total = sum((e.payable_by_due_date for e in totals), start=totals[0].payable_by_due_date * 0)
    assert t.format(cm.TOTAL_ESTIMATED, total=money(total, t)) in day
    rows = list(csv.DictReader(io.StringIO(client.get("/agent/day.csv").text.lstrip("\ufeff"))))
    assert [row["reference"] for row in rows] == refs
    assert rows[0]["consumer_name"] == NAME
    assert rows[0]["consumer_number"] == "'+91" + NUMBER
    assert rows[2]["payable_by_due_date"] == str(totals[2].payable_by_due_date)
    token = csrf_of(client.get(f"/agent/estimates/{refs[0]}"))
    deleted = client.post(f"/agent/estimates/{refs[0]}/delete", data={"csrf": token})
    assert t.format(cm.DELETED, ref=refs[0]) in text_of(deleted)
    assert client.get(f"/agent/estimates/{refs[0]}").status_code == 404
    assert NAME not in client.get("/agent/day.csv").text
    logged = "\n".join(record.getMessage() + str(record.__dict__) for record in caplog.records)
    assert all(ref in logged for ref in refs)
    assert "rita" in logged
    assert NUMBER not in logged
    assert NAME not in logged


def test_an_agent_cannot_delete_anothers_estimate(client: TestClient) -> None:
    sign_in(client)
    ref = post_estimate(client, category="1.b", units="250").headers["location"].rsplit("/", 1)[1]
    client.cookies.clear()
    sign_in(client, "arun")
    token = csrf_of(client.get("/agent/estimate"))
    answer = client.post(f"/agent/estimates/{ref}/delete", data={"csrf": token})
    assert answer.status_code == 404
    assert client.get(f"/agent/estimates/{ref}").status_code == 404, "nor see it"


def test_static_assets_are_served_by_the_app(client: TestClient) -> None:
    css = client.get("/agent/static/console.css")
    assert css.status_code == 200
    assert "Noto Sans Oriya" in css.text
    assert "@media print" in css.text
    assert client.get("/agent/static/console.js").status_code == 200


BATCH_CSV = "category,units,name\n1.b,250,Sita\n99,10,Bad row\n2,300,Shop\n"


def test_a_batch_file_streams_back_with_its_bad_row_explained(client: TestClient) -> None:
    sign_in(client)
    token = csrf_of(client.get("/agent/batch"))
    answer = client.post(
        "/agent/batch",
        data={"csrf": token},
        files={"file": ("consumers.csv", BATCH_CSV.encode(), "text/csv")},
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [row["name"] for row in rows] == ["Sita", "Bad row", "Shop"]
    home = estimate(BillRequest(category="1.b", month="2026-05", units=250))
    assert rows[0]["payable_by_due_date"] == str(home.payable_by_due_date)
    assert rows[0]["error"] == ""
    assert rows[1]["error"]
    assert rows[1]["payable_by_due_date"] == ""
    assert rows[2]["payable_by_due_date"]


def test_a_batch_file_without_a_category_column_is_a_localised_error(client: TestClient) -> None:
    sign_in(client, "arun")
    token = csrf_of(client.get("/agent/batch"))
    answer = client.post(
        "/agent/batch",
        data={"csrf": token},
        files={"file": ("x.csv", b"foo,bar\n1,2\n", "text/csv")},
    )
    assert answer.status_code == 422
    hindi = Translator.load("hi").format(cm.BATCH_HEADER_ERROR, column="category")
    assert hindi in answer.text
    refused = client.post(
        "/agent/batch", files={"file": ("consumers.csv", BATCH_CSV.encode(), "text/csv")}
    )
    assert refused.status_code == 403
