"""A worker of ``bijuli serve`` loads what the engine needs before its first message and
freezes its start-up heap, and threads that need the packaged tariff at once share one load."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

import tariff_core.registry as registry
from bot.serving import YOUNG_GENERATION_THRESHOLD
from tariff_core import Tariff

ROOT = Path(__file__).resolve().parents[2]

_FACTORY_THEN_REPORT = """
import gc
import tariff_core.registry as registry
from bot.cli import app_from_environment
assert registry._packaged is None, "the tariff was loaded before the app"
app_from_environment()
print("loaded" if registry._packaged is not None else "not loaded")
print("frozen" if gc.get_freeze_count() > 10_000 else f"{gc.get_freeze_count()} frozen")
print(f"young-{gc.get_threshold()[0]}")
"""


def test_the_app_factory_loads_the_tariff_and_freezes_the_heap(tmp_path: Path) -> None:
    env = {"BIJULI_STATE_DIR": str(tmp_path / "state"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", _FACTORY_THEN_REPORT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # The start-up heap is out of the collector's way: full collections skip it; and the
    # youngest generation is collected every YOUNG_GENERATION_THRESHOLD allocations, not 700.
    assert done.stdout.split() == ["loaded", "frozen", f"young-{YOUNG_GENERATION_THRESHOLD}"]


def test_threads_asking_at_once_share_one_load(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[int] = []
    real_load = Tariff.load
    release = threading.Event()

    def slow_counted_load(*args: object, **kwargs: object) -> Tariff:
        loads.append(1)
        release.wait(5)  # keep the first load going while the other threads ask
        return real_load()

    monkeypatch.setattr(registry, "_packaged", None)
    monkeypatch.setattr(Tariff, "load", slow_counted_load)
    got: list[Tariff] = []
    threads = [
        threading.Thread(target=lambda: got.append(registry.default_tariff())) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    release.set()
    for thread in threads:
        thread.join(10)
    assert len(loads) == 1
    assert len(got) == 8
    assert all(tariff is got[0] for tariff in got)
