"""`/metrics` with `bijuli serve --workers 2`: whichever worker answers the scrape, it counts
every worker's turns (prometheus-client's multi-process mode, set up by `bijuli serve`)."""

from __future__ import annotations

from pathlib import Path

import httpx
from e2e_support import Server, form, new_user, service_env

TURNS = 24
MAX_TURNS = 400


def _counted_by(metrics_dir: Path) -> list[Path]:
    """The workers' counter files (prometheus-client's multi-process mode: one per pid)."""
    return list(metrics_dir.glob("counter_*.db"))


def _answered(metrics: str) -> float:
    total = 0.0
    for line in metrics.splitlines():
        if line.startswith("bijuli_turns_total{") and 'outcome="answered"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def test_every_scrape_counts_the_turns_of_both_workers(tmp_path: Path) -> None:
    server = Server(
        "two workers",
        service_env(tmp_path / "state"),
        tmp_path / "server.log",
        options=["--workers", "2"],
    )
    server.start()
    try:
        server.wait_ready()
        metrics_dir = tmp_path / "state" / "metrics"
        turns = 0
        with httpx.Client(timeout=10) as client:
            client.headers["Connection"] = "close"  # a new connection each time
            # Until both workers have counted turns (each in its own file): which worker
            # accepts a connection is the kernel's choice, and one may still be warming up.
            while turns < MAX_TURNS and (turns < TURNS or len(_counted_by(metrics_dir)) < 2):
                response = server.post(client, form(new_user(), "domestic 250"))
                assert response.status_code == 200
                turns += 1
            scrapes = [client.get(server.base_url + "/metrics").text for _ in range(8)]
        assert len(_counted_by(metrics_dir)) >= 2, "both workers counted turns"
        assert [_answered(text) for text in scrapes] == [turns] * len(scrapes)
    finally:
        server.stop()
