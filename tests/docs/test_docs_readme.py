"""The README's sample conversations are what the engine really says."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _samples_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "readme_samples", ROOT / "scripts/readme_samples.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_has_a_sample_in_each_language() -> None:
    samples = _samples_module().SAMPLE.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(samples) == 3


def test_readme_samples_are_current() -> None:
    module = _samples_module()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module.regenerate(text) == text, (
        "README samples are stale: run `.venv/bin/python scripts/readme_samples.py`"
    )
