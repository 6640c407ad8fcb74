"""Footprint of ``bijuli serve``: start-up time, and memory per worker after 50,000 senders.

Run with ``.venv/bin/python bench/footprint.py`` (a few minutes: most of it is 2 × 50,000
messages), or ``--quick`` for a rough pass in well under a minute on an idle machine.

Part 1, start-up. ``bijuli serve`` (``python -m bot.cli serve``) and a bare FastAPI app under
uvicorn (``bench/bare_fastapi.py``: nothing of Bijuli imported) are started in turn, with 1
worker and with ``--workers 2``, ``--runs`` times each (A B A B …, a new state directory each
time). From the moment the process is spawned the benchmark times the first ``200`` on
``GET /healthz``, the first answered webhook turn (one signed ``domestic 250`` sent as soon as
``/healthz`` answers, so it also pays for whatever a worker leaves to its first message), and
the moment every worker has logged "Application startup complete". At that last moment it
reads the CPU seconds the whole process tree has used (``/proc/<pid>/stat``) and each worker's
``VmRSS``. Medians are printed, with the ratio of ``bijuli serve`` to the bare app. On a shared
machine the wall times follow the load; the CPU seconds much less.

Part 2, memory. ``bijuli serve --workers 2`` (``--workers``) runs on SQLite and then on Redis
(``--redis``, database 14, flushed before and after). ``--senders`` distinct senders (a quarter
by SMS) each send one Twilio-signed ``domestic 250``, over ``--connections`` keep-alive
connections, with the signing and the client of ``bench/webhook_load.py``. Each worker's
``VmRSS`` (``/proc/<pid>/status``; the workers are found as the serve process's children
that uvicorn spawned) is read at start and after each fifth of the senders, and ``VmHWM``
(the peak) at the end. After the SQLite run the server is stopped and the session file is
measured, then ``SQLiteSessionStore.purge_expired`` runs over it with its clock moved past
every expiry (the sessions and reply records go, then the incremental vacuum gives the pages
back), and the file is measured again. After the Redis run it counts the keys in database 14
and estimates their memory (``MEMORY USAGE`` of a sample of keys).

Loopback only, bounded in requests and time. Not a test: it prints figures and exits 0 unless
a server fails to start; wrong replies are counted and printed.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import math
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import redis

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from e2e_support import free_port, service_env  # noqa: E402
from webhook_load import (  # noqa: E402
    QUICK,
    WRONG,
    Connection,
    Senders,
    closed_loop,
    good_reply,
    signed_request,
)

from bot.stores.sqlite import SQLiteSessionStore  # noqa: E402

#: ``bijuli serve`` as a deployment runs it (``--port`` and ``--workers`` follow).
SERVE: Final = (sys.executable, "-m", "bot.cli", "serve", "--host", "127.0.0.1")
STARTUP_LIMIT_SECONDS: Final = 120.0
#: How often the benchmark knocks on a starting server: well under the figures it reports.
POLL_SECONDS: Final = 0.005
#: What uvicorn logs once per worker when the app is loaded and its lifespan has started
#: (the same words in ``bijuli serve``'s JSON lines and in the bare app's plain ones).
STARTUP_COMPLETE: Final = "Application startup complete"
HEALTHZ: Final = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
#: Far enough ahead that every session and reply record has expired (the longest TTL is days).
PURGE_AHEAD_SECONDS: Final = 365 * 24 * 3600.0
#: Keys whose MEMORY USAGE is read to estimate database 14's size.
REDIS_SAMPLE_KEYS: Final = 500
CLOCK_TICKS: Final = os.sysconf("SC_CLK_TCK")
MB: Final = 1024 * 1024


# ----------------------------------------------------------------------------- /proc


def _stat_fields(pid: int) -> list[str]:
    """``/proc/<pid>/stat`` after the command name (which may hold spaces): field 3 onwards."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text.rpartition(")")[2].split()


def children(pid: int) -> list[int]:
    """The live child processes of ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if int(_stat_fields(int(entry.name))[1]) == pid:  # field 4: the parent's pid
                found.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
    return sorted(found)


def cpu_seconds(pids: Sequence[int]) -> float:
    """User plus system CPU seconds used so far by ``pids`` (fields 14 and 15)."""
    ticks = 0
    for pid in pids:
        try:
            fields = _stat_fields(pid)
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / CLOCK_TICKS


def status_mb(pid: int, key: str) -> float:
    """A ``kB`` line of ``/proc/<pid>/status`` (``VmRSS``, ``VmHWM``…) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name == key:
            return int(value.split()[0]) / 1024
    raise KeyError(f"{key} not in /proc/{pid}/status")


# ----------------------------------------------------------------------------- servers


@dataclass
class Server:
    """A server subprocess (``bijuli serve`` or the bare app) on a loopback port."""

    name: str
    command: list[str]
    env: dict[str, str]
    log_path: Path
    workers: int
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    #: ``time.perf_counter()`` just before the process was spawned.
    spawned_at: float = 0.0

    def start(self) -> None:
        """Spawn the server; return at once (see :meth:`wait_all_up`)."""
        log = self.log_path.open("wb")
        self.spawned_at = time.perf_counter()
        self.process = subprocess.Popen(
            [*self.command, "--port", str(self.port)],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    @property
    def pid(self) -> int:
        assert self.process is not None, "not started"
        return self.process.pid

    def check_alive(self) -> None:
        """Stop the benchmark with the server's log if the server has exited."""
        if self.process is not None and self.process.poll() is not None:
            raise SystemExit(f"{self.name} exited early:\n{self.log_tail()}")

    def workers_up(self) -> int:
        """How many workers have logged that they are ready."""
        return self.log_path.read_text(errors="replace").count(STARTUP_COMPLETE)

    def wait_all_up(self) -> float:
        """Wait until every worker is ready; return the seconds since the spawn."""
        deadline = self.spawned_at + STARTUP_LIMIT_SECONDS
        while self.workers_up() < self.workers:
            self.check_alive()
            if time.perf_counter() > deadline:
                raise SystemExit(f"{self.name}: workers not up in time:\n{self.log_tail()}")
            time.sleep(POLL_SECONDS)
        return time.perf_counter() - self.spawned_at

    def worker_pids(self) -> list[int]:
        """The worker processes: the children uvicorn spawned, or the server itself when it
        runs one worker in its own process (a multiprocessing resource tracker is no worker)."""
        spawned = [
            pid
            for pid in children(self.pid)
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]
        return spawned or [self.pid]

    def process_tree(self) -> list[int]:
        """The server and every live descendant."""
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children(pid))
        return tree

    def stop(self) -> None:
        """SIGTERM (a graceful shutdown), then SIGKILL after 20 s."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]


def bijuli_server(temp: Path, label: str, workers: int, **env: str) -> Server:
    """``bijuli serve`` as a deployment starts it, with a new state directory under ``temp``."""
    return Server(
        f"bijuli serve ({workers}w)",
        [*SERVE, "--workers", str(workers)],
        service_env(temp / f"state-{label}", **env),
        temp / f"bijuli-{label}.log",
        workers,
    )


def bare_server(temp: Path, label: str, workers: int) -> Server:
    """The baseline: ``bench/bare_fastapi.py``, started the same way."""
    return Server(
        f"bare FastAPI ({workers}w)",
        [sys.executable, str(BENCH / "bare_fastapi.py"), "--workers", str(workers)],
        service_env(temp / f"unused-{label}"),
        temp / f"bare-{label}.log",
        workers,
    )


# ----------------------------------------------------------------------------- part 1: start-up


@dataclass
class Startup:
    """One start of one server, in seconds from the spawn (and MiB)."""

    healthz: float
    first_turn: float
    all_up: float
    cpu: float
    worker_rss: list[float]
    supervisor_rss: float | None


async def _first_answer(server: Server, raw: bytes, good: bool) -> float:
    """Send ``raw`` until the server answers it with a 200 (and a TwiML message when ``good``);
    return the seconds since the spawn."""
    deadline = server.spawned_at + STARTUP_LIMIT_SECONDS
    while time.perf_counter() < deadline:
        server.check_alive()
        try:
            # With several workers the supervisor's socket accepts before any worker listens:
            # the request then waits in the backlog, which is part of the start-up.
            conn = await Connection.open(server.port)
        except OSError:
            await asyncio.sleep(POLL_SECONDS)
            continue
        try:
            status, body = await asyncio.wait_for(conn.send(raw), deadline - time.perf_counter())
        except (OSError, asyncio.IncompleteReadError):
            await asyncio.sleep(POLL_SECONDS)
            continue
        finally:
            conn.close()
        if status == 200 and (not good or good_reply(status, body)):
            return time.perf_counter() - server.spawned_at
        await asyncio.sleep(POLL_SECONDS)
    raise SystemExit(f"{server.name} did not answer in time:\n{server.log_tail()}")


def time_startup(server: Server, turn: bytes) -> Startup:
    """Start ``server``, time its start-up, read its footprint once every worker is up, stop."""
    server.start()
    try:
        healthz = asyncio.run(_first_answer(server, HEALTHZ, good=False))
        first_turn = asyncio.run(_first_answer(server, turn, good=True))
        all_up = server.wait_all_up()
        cpu = cpu_seconds(server.process_tree())
        workers = server.worker_pids()
        rss = [status_mb(pid, "VmRSS") for pid in workers]
        supervisor = None if workers == [server.pid] else status_mb(server.pid, "VmRSS")
    finally:
        server.stop()
    return Startup(healthz, first_turn, all_up, cpu, rss, supervisor)


def median_of(runs: Sequence[Startup], value: str) -> float:
    """The median of one :class:`Startup` field over ``runs``."""
    return float(statistics.median(float(getattr(run, value)) for run in runs))


def part_startup(args: argparse.Namespace, temp: Path) -> float:
    """Print the start-up table; return the bare app's median worker RSS (MiB), the memory
    part's baseline."""
    senders = Senders(30)
    results: dict[str, list[Startup]] = {}
    order = [(workers, kind) for workers in (1, 2) for kind in ("bijuli", "bare")]
    print(f"\nstart-up: {args.runs} run(s) of each, A B alternating…", flush=True)
    for run, (workers, kind) in itertools.product(range(args.runs), order):
        label = f"{kind}-{workers}w-{run}"
        server = (
            bijuli_server(temp, label, workers)
            if kind == "bijuli"
            else bare_server(temp, label, workers)
        )
        results.setdefault(server.name, []).append(
            time_startup(server, signed_request(senders.new(), QUICK))
        )
    print(
        f"\n(1) start-up, seconds from spawn, median of {args.runs} "
        "(CPU: the whole process tree's user + system seconds when every worker is up)"
    )
    print(
        f"{'':<24}{'/healthz':>10}{'1st turn':>10}{'all up':>9}{'CPU s':>8}"
        f"{'worker MB':>11}{'superv. MB':>12}"
    )
    names = list(results)
    for name in names:
        runs = results[name]
        supervisors = [run.supervisor_rss for run in runs if run.supervisor_rss is not None]
        supervisor = f"{statistics.median(supervisors):>12.1f}" if supervisors else f"{'-':>12}"
        rss = statistics.median(mb for run in runs for mb in run.worker_rss)
        print(
            f"{name:<24}{median_of(runs, 'healthz'):>10.2f}{median_of(runs, 'first_turn'):>10.2f}"
            f"{median_of(runs, 'all_up'):>9.2f}{median_of(runs, 'cpu'):>8.2f}{rss:>11.1f}"
            f"{supervisor}"
        )
    for bot, bare in zip(names[0::2], names[1::2], strict=True):
        ratios = ", ".join(
            f"{value} {median_of(results[bot], value) / median_of(results[bare], value):.1f}×"
            for value in ("healthz", "first_turn", "all_up", "cpu")
        )
        print(f"  {bot} / {bare}: {ratios}")
    spread = ", ".join(
        f"{name} {min(r.healthz for r in results[name]):.2f}–"
        f"{max(r.healthz for r in results[name]):.2f}"
        for name in names
    )
    print(f"  /healthz range over the runs: {spread}")
    bare_rss = [mb for name in names[1::2] for run in results[name] for mb in run.worker_rss]
    return statistics.median(bare_rss)


# ----------------------------------------------------------------------------- part 2: memory


@dataclass
class MemoryRun:
    """What one store's run measured: RSS per worker (MiB) at each checkpoint, and more."""

    store: str
    checkpoints: list[int]
    rss: list[list[float]]  # [checkpoint][worker]
    start_peak: list[float]  # VmHWM once the workers are up: what start-up itself peaked at
    peak: list[float]  # VmHWM at the end
    supervisor_rss: float | None
    replies: int = 0
    wrong: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def worker_rss(server: Server) -> list[float]:
    return [status_mb(pid, "VmRSS") for pid in server.worker_pids()]


def send_senders(port: int, senders: Senders, count: int, connections: int, limit: float) -> int:
    """``count`` new senders each send one signed estimate request; return the wrong replies."""
    requests = (signed_request(senders.new(), QUICK) for _ in range(count))
    run = asyncio.run(closed_loop(port, requests, connections, limit))
    if len(run.latencies) < count:
        raise SystemExit(f"only {len(run.latencies)} of {count} replies within {limit:g} s")
    return run.errors


def load_and_watch(args: argparse.Namespace, server: Server, store: str) -> MemoryRun:
    """Start ``server``, send it ``--senders`` senders in five steps, reading RSS after each."""
    server.start()
    try:
        server.wait_all_up()
        steps = [args.senders * (step + 1) // 5 for step in range(5)]
        workers = server.worker_pids()
        run = MemoryRun(
            store,
            [0],
            [worker_rss(server)],
            [status_mb(pid, "VmHWM") for pid in workers],
            [],
            None,
        )
        senders = Senders(40 if store == "sqlite" else 50)
        started = time.perf_counter()
        sent = 0
        for target in steps:
            run.wrong += send_senders(
                server.port, senders, target - sent, args.connections, args.limit
            )
            sent = target
            run.checkpoints.append(sent)
            run.rss.append(worker_rss(server))
            print(f"  {store}: {sent:,} senders answered", flush=True)
        run.seconds = time.perf_counter() - started
        run.replies = sent
        if server.worker_pids() != workers:
            run.notes.append("a worker was replaced during the run: RSS columns mix processes")
        run.peak = [status_mb(pid, "VmHWM") for pid in server.worker_pids()]
        if workers != [server.pid]:
            run.supervisor_rss = status_mb(server.pid, "VmRSS")
        if wrong := WRONG.pop(server.port, None):
            run.notes.append(
                "wrong replies: " + ", ".join(f"{n} {kind}" for kind, n in wrong.most_common())
            )
    finally:
        server.stop()
    return run


def file_size(path: Path) -> str:
    """A file's size in MiB, or in KiB below one MiB."""
    size = path.stat().st_size
    return f"{size / MB:.1f} MB" if size >= MB else f"{size / 1024:.0f} KB"


def sqlite_files(state: Path) -> str:
    """The session file's size, and its WAL's when there is one."""
    database = state / "sessions.db"
    wal = database.with_name(database.name + "-wal")
    return file_size(database) + (f" + WAL {file_size(wal)}" if wal.exists() else "")


def sqlite_rows(database: Path) -> str:
    """The rows of each table, with the mean size of what a session and a reply record hold."""
    with closing(sqlite3.connect(database)) as conn:
        parts = []
        for table, column in (("sessions", "data"), ("replies", "reply"), ("locks", "token")):
            query = f"SELECT count(*), avg(length({column})) FROM {table}"
            count, mean = conn.execute(query).fetchone()
            parts.append(f"{count:,} {table}" + (f" of {mean:,.0f} B" if count else ""))
    return ", ".join(parts)


def sqlite_pages(database: Path) -> str:
    """Where the file's pages go, by table and index (SQLite's ``dbstat``): pages, overflow
    pages (a row too long for its page spills into whole pages of its own), payload, unused."""
    query = (
        "SELECT name, count(*), sum(pagetype = 'overflow'), sum(payload), sum(unused) "
        "FROM dbstat GROUP BY name ORDER BY count(*) DESC LIMIT 4"
    )
    with closing(sqlite3.connect(database)) as conn:
        try:
            rows = conn.execute(query).fetchall()
        except sqlite3.OperationalError:  # a SQLite built without the dbstat table
            return "dbstat not available"
    return "; ".join(
        f"{name} {pages:,} pages ({overflow:,} overflow), payload {payload / MB:.1f} MB, "
        f"unused {unused / MB:.1f} MB"
        for name, pages, overflow, payload, unused in rows
    )


def part_memory_sqlite(args: argparse.Namespace, temp: Path) -> MemoryRun:
    server = bijuli_server(temp, "memory-sqlite", args.workers)
    run = load_and_watch(args, server, "sqlite")
    state = Path(server.env["BIJULI_STATE_DIR"])
    database = state / "sessions.db"
    run.notes.append(f"sessions.db after the run: {sqlite_files(state)} ({sqlite_rows(database)})")
    run.notes.append(f"  its pages: {sqlite_pages(database)}")
    store = SQLiteSessionStore(database, clock=lambda: time.time() + PURGE_AHEAD_SECONDS)
    try:
        removed = store.purge_expired()
    finally:
        store.close()
    run.notes.append(
        f"sessions.db after purge_expired (clock + 1 year; {removed:,} rows removed): "
        f"{sqlite_files(state)} ({sqlite_rows(database)})"
    )
    others = sum(
        path.stat().st_size for path in state.rglob("*") if path.is_file() and path != database
    )
    run.notes.append(f"the rest of the state directory (outbox, metrics…): {others / MB:.1f} MB")
    return run


def redis_footprint(client: redis.Redis) -> str:
    """Keys in the database and their estimated memory (sampled ``MEMORY USAGE``)."""
    keys = int(client.dbsize())
    if not keys:
        return "0 keys"
    sample = list(itertools.islice(client.scan_iter(count=1000), REDIS_SAMPLE_KEYS))
    usage = [int(client.memory_usage(key) or 0) for key in sample]
    estimate = keys * statistics.fmean(usage)
    return f"{keys:,} keys, ≈ {estimate / MB:.1f} MB (MEMORY USAGE of {len(sample)} sampled keys)"


def part_memory_redis(args: argparse.Namespace, temp: Path) -> MemoryRun:
    client = redis.Redis.from_url(args.redis)
    try:
        client.flushdb()
        server = bijuli_server(temp, "memory-redis", args.workers, BIJULI_SESSION_STORE=args.redis)
        run = load_and_watch(args, server, "redis")
        run.notes.append(f"redis db after the run: {redis_footprint(client)}")
    finally:
        client.flushdb()
        client.close()
    return run


def print_memory(args: argparse.Namespace, runs: Sequence[MemoryRun], bare_rss: float) -> None:
    steps = runs[0].checkpoints
    print(
        f"\n(2) RSS per worker (VmRSS, MiB), bijuli serve --workers {args.workers}, "
        f"{args.senders:,} distinct senders × '{QUICK}', {args.connections} connections"
    )
    header = "".join(f"{f'{n:,}':>9}" for n in steps)
    print(f"{'store':<8}{'worker':>7}{header}{'peak@0':>9}{'peak':>9}")
    for run in runs:
        for worker, peak in enumerate(run.peak):
            row = "".join(f"{rss[worker]:>9.1f}" for rss in run.rss)
            print(f"{run.store:<8}{worker + 1:>7}{row}{run.start_peak[worker]:>9.1f}{peak:>9.1f}")
    bare = "" if math.isnan(bare_rss) else f"; a bare FastAPI worker at start: {bare_rss:.1f}"
    print(
        "  (columns: VmRSS after that many senders; peak@0 and peak: VmHWM once the workers "
        f"were up and at the end{bare})"
    )
    for run in runs:
        growth = statistics.fmean((run.rss[-1][w] - run.rss[0][w]) for w in range(len(run.peak)))
        supervisor = (
            f"; supervisor {run.supervisor_rss:.1f} MiB" if run.supervisor_rss is not None else ""
        )
        print(
            f"  {run.store}: {run.replies:,} replies in {run.seconds:.0f} s "
            f"({run.replies / run.seconds:.0f}/s), {run.wrong} wrong; mean growth per worker "
            f"{growth:+.1f} MiB ({growth * MB / max(run.replies, 1) / 1024:+.2f} KiB per sender)"
            f"{supervisor}"
        )
        for note in run.notes:
            print(f"    {note}")


# ----------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Run both parts and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("startup", "memory", "both"), default="both")
    parser.add_argument("--runs", type=int, default=5, help="(1) starts of each server")
    parser.add_argument("--senders", type=int, default=50_000, help="(2) distinct senders")
    parser.add_argument("--workers", type=int, default=2, help="(2) worker processes")
    parser.add_argument("--connections", type=int, default=20, help="(2) connections")
    parser.add_argument("--stores", default="sqlite,redis", help="(2) sqlite, redis or both")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14", help="(2) flushed!")
    parser.add_argument(
        "--limit", type=float, default=600.0, help="(2) most seconds for a fifth of the senders"
    )
    parser.add_argument("--quick", action="store_true", help="a rough pass: 1 run, 500 senders")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.senders = 1, 500
    stores = [store.strip() for store in args.stores.split(",") if store.strip()]
    print(
        f"bijuli footprint benchmark: python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
        f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the start"
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bijuli-footprint-") as temp:
        bare_rss = float("nan")
        if args.part in ("startup", "both"):
            bare_rss = part_startup(args, Path(temp))
        if args.part in ("memory", "both"):
            runs = []
            if "sqlite" in stores:
                runs.append(part_memory_sqlite(args, Path(temp)))
            if "redis" in stores:
                runs.append(part_memory_redis(args, Path(temp)))
            print_memory(args, runs, bare_rss)
    used = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(usage.ru_utime + usage.ru_stime for usage in used)
    print(
        f"\ndone in {time.perf_counter() - started:.0f} s wall, {cpu:.0f} CPU s (this process "
        f"and the servers); load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
