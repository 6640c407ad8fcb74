"""A plain wheel (`pip wheel . --no-deps`) carries the compiled catalogs and speaks Odia when
installed in a fresh virtual environment and run from a directory outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from bot.i18n import Translator
from bot.i18n.messages import TRY_AGAIN_LATER

ROOT = Path(__file__).resolve().parents[2]
ODIA_BLOCK = range(0x0B00, 0x0B80)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("bijuli-*.whl")
    return built


def test_the_wheel_holds_a_compiled_catalog_per_language(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in ("or", "hi", "en"):
        assert f"bot/locales/{language}/LC_MESSAGES/bijuli.mo" in names
    assert not any(name.endswith(".po") for name in names)
    # Package data besides the catalogs: the appliance table the units estimator reads.
    assert "bot/appliances/data/appliances.yaml" in names
    # The Twilio content templates `bijuli twilio sync-content` and the transport read.
    assert "bot/channels/data/twilio_content.yaml" in names
    # The web chat's page and stylesheet (/chat).
    assert "bot/webchat/templates/chat.html" in names
    assert "bot/webchat/static/chat.css" in names


def test_an_installed_wheel_replies_in_odia_from_another_directory(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", wheel],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # The dependencies come from the test's environment, after the fresh venv's own packages
    # (a .pth line appends a directory; the checkout's editable install is not picked up).
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    probe = (
        "import bot, bot.i18n.catalogs as c; from bot.i18n import Translator; "
        "from bot.i18n.messages import TRY_AGAIN_LATER; t = Translator.load('or'); "
        "print(bot.__file__); print(c.default_locales_dir()); print(t.source); "
        "print(t.format(TRY_AGAIN_LATER))"
    )
    result = subprocess.run(
        [str(python), "-c", probe], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    module, locales, source, reply = result.stdout.splitlines()[:4]
    assert Path(module).is_relative_to(venv), "the installed package, not the checkout"
    assert Path(locales).is_relative_to(venv)
    assert source == "mo"
    assert reply == Translator.load("or").format(TRY_AGAIN_LATER)
    assert reply != TRY_AGAIN_LATER

    chat = subprocess.run(
        [str(venv / "bin" / "bijuli"), "chat", "--lang", "or", "--month", "2026-05"],
        input="domestic 250 units\n",
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert chat.returncode == 0, chat.stderr
    odia = sum(1 for char in chat.stdout if ord(char) in ODIA_BLOCK)
    assert odia > 20, chat.stdout
