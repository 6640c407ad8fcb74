"""GET /media/{token} on a real `bijuli serve`: a live link answers the voice note (made by the
server from its recipe), an expired or purged one 404."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import httpx
from e2e_support import HASH_KEY, PUBLIC_URL, Server, new_user

from bot.i18n.catalogs import Translator
from bot.media.delivery import speech_content
from bot.media.spoken import spoken_estimate
from bot.media.store import MEDIA_DIR, MediaLink, MediaStore
from bot.stores import user_key
from tariff_core import BillRequest, estimate


def server_media_store(server: Server) -> MediaStore:
    """The media store of the server's state directory, opened from the test."""
    return MediaStore(Path(server.env["BIJULI_STATE_DIR"]) / MEDIA_DIR, PUBLIC_URL)


def odia_estimate_link(store: MediaStore, user: str, *, now: float | None = None) -> MediaLink:
    est = estimate(
        BillRequest.model_validate({"category": "1.b", "month": "2026-05-01", "units": 250})
    )
    key, recipe = speech_content(spoken_estimate(est, Translator.load("or")), "or")
    return store.link(key, "audio/ogg", recipe, user, now=now)


def local(server: Server, link: MediaLink) -> str:
    """The link's URL on the server's loopback address instead of the public one."""
    assert link.url.startswith(PUBLIC_URL + "/media/")
    return server.base_url + link.url.removeprefix(PUBLIC_URL)


def test_a_live_link_serves_the_voice_note(
    server: Server, client: httpx.Client, tmp_path: Path
) -> None:
    user = user_key(new_user(), HASH_KEY.encode())
    link = odia_estimate_link(server_media_store(server), user)

    response = client.get(local(server, link))

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "audio/ogg"
    assert response.headers["cache-control"] == "private, no-store"
    audio = tmp_path / "estimate.ogg"
    audio.write_bytes(response.content)
    probed = subprocess.run(
        ["ffprobe", "-v", "error", "-of", "json", "-show_entries",
         "stream=codec_name,channels:format=format_name,duration", str(audio)],
        capture_output=True, check=True, text=True,
    )  # fmt: skip
    found = json.loads(probed.stdout)
    assert found["format"]["format_name"] == "ogg"
    assert found["streams"][0]["codec_name"] == "opus"
    assert 2 < float(found["format"]["duration"]) < 60
    # Asked again (Twilio retries), the same file is served.
    assert client.get(local(server, link)).content == response.content
    assert client.head(local(server, link)).status_code == 200


def test_an_expired_link_answers_404(server: Server, client: httpx.Client) -> None:
    user = user_key(new_user(), HASH_KEY.encode())
    two_hours_ago = time.time() - 2 * 3600  # links live one hour
    link = odia_estimate_link(server_media_store(server), user, now=two_hours_ago)
    response = client.get(local(server, link))
    assert response.status_code == 404
    assert response.content == b"no such media\n"


def test_a_purged_or_unknown_link_answers_404(server: Server, client: httpx.Client) -> None:
    store = server_media_store(server)
    user = user_key(new_user(), HASH_KEY.encode())
    link = odia_estimate_link(store, user)
    assert client.get(local(server, link)).status_code == 200
    store.purge_for_user(user)
    assert client.get(local(server, link)).status_code == 404
    assert client.get(server.base_url + "/media/" + "x" * 43).status_code == 404
