"""MediaService: a link at once, the voice note made once per content (in the background or
on request), and GET /media/{token} answering the file, 404 or 503."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from media_support import HOME, speak

from bot.i18n.catalogs import Translator
from bot.media.delivery import SPEECH, MediaService, render_speech
from bot.media.errors import SynthesisError
from bot.media.routes import media_router
from bot.media.store import MediaStore

PUBLIC_URL = "https://bijuli.example.in"


class CountingRenderer:
    """The real speech renderer, counting how often it runs."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, recipe: Mapping[str, str]) -> bytes:
        self.calls += 1
        return render_speech(recipe)


def service(directory: Path, renderer: object = render_speech) -> MediaService:
    store = MediaStore(directory / "media", PUBLIC_URL)
    return MediaService(store, renderers={SPEECH: renderer})  # type: ignore[dict-item]


def test_the_spoken_estimate_is_linked_at_once_and_made_in_the_background(
    tmp_path: Path,
) -> None:
    renderer = CountingRenderer()
    media = service(tmp_path, renderer)
    t = Translator.load("or")
    spoken = speak(HOME, t)
    item = media.spoken_estimate(spoken.estimate, t, "user-a", saving=spoken.saving)
    assert item.url.startswith(f"{PUBLIC_URL}/media/")
    assert item.content_type == "audio/ogg"
    media.close()  # waits for the background work
    found = media.store.lookup(item.url.rsplit("/", 1)[1])
    assert found is not None
    assert found.path.read_bytes().startswith(b"OggS")
    assert found.recipe["text"] == spoken.script
    assert renderer.calls == 1


def test_the_same_script_is_made_once_for_everyone(tmp_path: Path) -> None:
    renderer = CountingRenderer()
    media = service(tmp_path, renderer)
    first = media.speech("two hundred and fifty rupees.", "en", "user-a")
    media.close()
    second = media.speech("two hundred and fifty rupees.", "en", "user-b")
    assert first.url != second.url
    assert media.file_for(second.url.rsplit("/", 1)[1]) is not None
    assert renderer.calls == 1


def test_a_missing_file_is_made_on_request(tmp_path: Path) -> None:
    """Another worker sharing the state directory, or a file removed: the link still works."""
    first = service(tmp_path)
    item = first.speech("fifty paise.", "hi", "user-a")
    first.close()
    token = item.url.rsplit("/", 1)[1]
    found = first.store.lookup(token)
    assert found is not None
    found.path.unlink()

    other_worker = service(tmp_path)
    made = other_worker.file_for(token)
    assert made is not None
    assert made.path.read_bytes().startswith(b"OggS")


def test_purging_the_user_cuts_the_link(tmp_path: Path) -> None:
    media = service(tmp_path)
    item = media.speech("fifty paise.", "en", "user-a")
    media.close()
    assert media.purge_for_user("user-a") == 1
    assert media.file_for(item.url.rsplit("/", 1)[1]) is None


def test_links_never_outlive_the_conversation(tmp_path: Path) -> None:
    media = MediaService.for_state(tmp_path, PUBLIC_URL, session_ttl_seconds=120)
    assert media.link_ttl_seconds == 120


def _failing(recipe: Mapping[str, str]) -> bytes:
    raise SynthesisError("espeak-ng failed with exit status 1: no voice")


@pytest.fixture
def failing_client(tmp_path: Path) -> TestClient:
    app = FastAPI()
    media = service(tmp_path, _failing)
    app.state.media = media
    app.include_router(media_router(media))
    return TestClient(app)


def test_the_route_answers_503_when_the_file_cannot_be_made(
    failing_client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    media: MediaService = failing_client.app.state.media  # type: ignore[attr-defined]
    item = media.speech("fifty paise.", "en", "user-a")
    media.close()  # the background attempt fails and is logged
    response = failing_client.get(item.url.removeprefix(PUBLIC_URL))
    assert response.status_code == 503
    assert "no voice" not in response.text  # the cause is logged, not shown
    assert "could not serve a media link" in caplog.text


def test_the_route_answers_404_for_anything_but_a_live_link(failing_client: TestClient) -> None:
    for path in ("/media/nope", "/media/" + "A" * 43):
        response = failing_client.get(path)
        assert response.status_code == 404
        assert response.headers["cache-control"] == "private, no-store"
    assert failing_client.get("/media/..%2Fmedia.db").status_code == 404
