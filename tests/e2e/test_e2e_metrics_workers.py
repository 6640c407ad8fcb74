"""`/metrics` with `bijuli serve --workers 2`: whichever worker answers the scrape, it counts
every worker's turns (prometheus-client's multi-process mode, set up by `bijuli serve`)."""

from __future__ import annotations

from pathlib import Path

import httpx
from e2e_support import Server, form, new_user, service_env

TURNS = 24


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
        with httpx.Client(timeout=10) as client:
            for _ in range(TURNS):
                # A new connection each time, so that both workers take some.
                client.headers["Connection"] = "close"
                response = server.post(client, form(new_user(), "domestic 250"))
                assert response.status_code == 200
            scrapes = [client.get(server.base_url + "/metrics").text for _ in range(8)]
        counted_by = list((tmp_path / "state" / "metrics").glob("counter_*.db"))
        assert len(counted_by) >= 2, "both workers counted turns, each in its own file"
        assert [_answered(text) for text in scrapes] == [TURNS] * len(scrapes)
    finally:
        server.stop()
