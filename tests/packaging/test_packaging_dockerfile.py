"""The Dockerfile's promises, read from the file (no image is built here: no registry access)."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            pairs.append((word.upper(), rest.strip()))
    return pairs


def _final_stage() -> list[tuple[str, str]]:
    pairs = _instructions()
    last_from = max(i for i, (word, _) in enumerate(pairs) if word == "FROM")
    return pairs[last_from:]


def test_the_image_runs_as_a_numeric_non_root_user() -> None:
    users = [rest for word, rest in _final_stage() if word == "USER"]
    assert users, "the final stage sets USER"
    uid = users[-1].split(":")[0]
    assert uid.isdigit()
    assert int(uid) != 0


def test_the_healthcheck_and_command_are_exec_form() -> None:
    stage = _final_stage()
    (healthcheck,) = [rest for word, rest in stage if word == "HEALTHCHECK"]
    command = healthcheck[healthcheck.index("CMD") + 3 :].strip()
    probe = json.loads(command)  # exec form is a JSON array
    assert isinstance(probe, list)
    assert "/healthz" in " ".join(probe)
    (cmd,) = [rest for word, rest in stage if word == "CMD"]
    assert json.loads(cmd)[:2] == ["bijuli", "serve"]


def test_the_build_installs_the_package_with_its_catalog_hook() -> None:
    copies = " ".join(rest for word, rest in _instructions() if word == "COPY")
    assert "setup.py" in copies
    assert "locales" in copies
    runs = " ".join(rest for word, rest in _instructions() if word == "RUN")
    assert "pip install" in runs
