"""A spoken estimate and an estimate card in a real WhatsApp turn: `bijuli serve` answers
"listen" and "picture" with TwiML whose <Media> link then serves the audio (OGG/Opus, read by
ffprobe) or the PNG; after "listen" once, the next estimate comes with its voice note unasked;
"delete my data" cuts the links."""

from __future__ import annotations

import io
import json
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from e2e_support import PUBLIC_URL, Server, form, new_user, running_server
from PIL import Image


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server("media turns", tmp_path_factory.mktemp("e2e-media-turns")) as process:
        yield process


def _turn(server: Server, client: httpx.Client, sender: str, body: str) -> list[tuple[str, str]]:
    """(text, media URL or "") of each message of the TwiML reply."""
    response = server.post(client, form(sender, body))
    assert response.status_code == 200, response.text
    root = ET.fromstring(response.text)
    found = []
    for message in root.findall("Message"):
        body_text = message.findtext("Body")
        text = body_text if body_text is not None else (message.text or "")
        found.append((text, message.findtext("Media") or ""))
    return found


def _local(server: Server, url: str) -> str:
    assert url.startswith(PUBLIC_URL + "/media/"), url
    return server.base_url + url.removeprefix(PUBLIC_URL)


def _probe(audio: bytes, tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "note.ogg"
    path.write_bytes(audio)
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
        capture_output=True,
        check=True,
        text=True,
    )
    return dict(json.loads(out.stdout))


def test_listen_sends_a_voice_note_that_the_link_serves(server: Server, tmp_path: Path) -> None:
    sender = new_user()
    with httpx.Client(timeout=30) as client:
        estimate = _turn(server, client, sender, "ଘରୋଇ 250 ୟୁନିଟ")
        assert not any(media for _text, media in estimate), "no voice note before it is asked"
        listened = _turn(server, client, sender, "ଶୁଣନ୍ତୁ")
        links = [media for _text, media in listened if media]
        assert len(links) == 1
        audio = client.get(_local(server, links[0]))
        assert audio.status_code == 200
        assert audio.headers["content-type"].startswith("audio/ogg")
        assert len(audio.content) <= 512 * 1024
        probe = _probe(audio.content, tmp_path)
        streams = probe["streams"]
        assert isinstance(streams, list)
        assert streams[0]["codec_name"] == "opus"
        # Asked once: the next estimate comes with its own voice note, unasked.
        again = _turn(server, client, sender, "300")
        assert [media for _text, media in again if media], again
        # Deleting the data cuts every link of the number.
        _turn(server, client, sender, "delete my data")
        assert client.get(_local(server, links[0])).status_code == 404


def test_picture_sends_a_card_that_the_link_serves(server: Server) -> None:
    sender = new_user()
    with httpx.Client(timeout=30) as client:
        _turn(server, client, sender, "घरेलू 250 यूनिट")
        pictured = _turn(server, client, sender, "चित्र")
        links = [media for _text, media in pictured if media]
        assert len(links) == 1
        card = client.get(_local(server, links[0]))
        assert card.status_code == 200
        assert card.headers["content-type"] == "image/png"
        image = Image.open(io.BytesIO(card.content))
        assert image.format == "PNG"
        assert image.width == 1080
        assert len(card.content) <= 300 * 1024


def test_by_sms_the_user_is_told_media_come_on_whatsapp(server: Server) -> None:
    sender = new_user("sms")
    with httpx.Client(timeout=30) as client:
        _turn(server, client, sender, "domestic 250 units")
        answer = _turn(server, client, sender, "listen")
        assert all(not media for _text, media in answer)
        assert any("WhatsApp" in text for text, _media in answer)
