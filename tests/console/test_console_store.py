"""The console store's contract, on SQLite and on a real Redis."""

from __future__ import annotations

from decimal import Decimal

from bot.console.store import Agent, ConsoleStore, LogEntry

NOW = 1_800_000_000.0


def entry(ref: str, agent: str = "rita", day: str = "2026-05-04", at: float = NOW) -> LogEntry:
    return LogEntry(
        ref=ref,
        agent=agent,
        created_at=at,
        day=day,
        language="or",
        category="1.b",
        inputs={"category": "1.b", "month": "2026-05", "units": "250"},
        charges_total=Decimal("1195.00"),
        payable_by_due_date=Decimal("1215.00"),
        payable_after_due_date=Decimal("1240.00"),
        consumer_name="ସୀତା",
        consumer_number="+919876543210",
    )


def test_agents_are_kept_replaced_and_listed(console_store: ConsoleStore) -> None:
    assert console_store.get_agent("rita") is None
    console_store.put_agent(Agent("rita", "hash-1", "or", created_at=NOW))
    console_store.put_agent(Agent("arun", "hash-2", "hi", created_at=NOW))
    console_store.put_agent(Agent("rita", "hash-3", "en", disabled=True, created_at=NOW))
    assert console_store.get_agent("rita") == Agent("rita", "hash-3", "en", True, NOW)
    assert [agent.name for agent in console_store.list_agents()] == ["arun", "rita"]


def test_sessions_end_one_by_one_or_all_of_an_agent(console_store: ConsoleStore) -> None:
    later = NOW + 3600
    console_store.create_session("s1", "rita", later)
    console_store.create_session("s2", "rita", later)
    console_store.create_session("s3", "arun", later)
    assert console_store.session_agent("s1", NOW) == "rita"
    console_store.end_session("s1")
    assert console_store.session_agent("s1", NOW) is None
    console_store.end_sessions_of("rita")
    assert console_store.session_agent("s2", NOW) is None
    assert console_store.session_agent("s3", NOW) == "arun"
    assert console_store.session_agent("unknown", NOW) is None


def test_failures_count_within_a_window_and_locks_end(console_store: ConsoleStore) -> None:
    assert [console_store.count_failure("agent:rita", NOW, 900) for _ in range(3)] == [1, 2, 3]
    console_store.clear_failures("agent:rita")
    assert console_store.count_failure("agent:rita", NOW, 900) == 1
    assert console_store.locked_until("agent:rita", NOW) is None
    console_store.lock("agent:rita", NOW + 900)
    assert console_store.locked_until("agent:rita", NOW) == NOW + 900
    assert console_store.locked_until("agent:rita", NOW + 901) is None


def test_the_day_log_keeps_lists_and_deletes_entries(console_store: ConsoleStore) -> None:
    assert console_store.add_entry(entry("BJ-AAAA", at=NOW))
    assert console_store.add_entry(entry("BJ-CCCC", at=NOW + 60))
    assert console_store.add_entry(entry("BJ-DDDD", agent="arun"))
    assert console_store.add_entry(entry("BJ-EEEE", day="2026-05-05"))
    assert not console_store.add_entry(entry("BJ-AAAA", agent="arun")), "a taken reference"
    kept = console_store.get_entry("BJ-AAAA")
    assert kept == entry("BJ-AAAA")
    assert kept is not None
    assert kept.payable_by_due_date == Decimal("1215.00")
    refs = [e.ref for e in console_store.entries_of("rita", "2026-05-04")]
    assert refs == ["BJ-AAAA", "BJ-CCCC"]
    assert console_store.delete_entry("BJ-AAAA")
    assert not console_store.delete_entry("BJ-AAAA")
    assert console_store.get_entry("BJ-AAAA") is None
    assert [e.ref for e in console_store.entries_of("rita", "2026-05-04")] == ["BJ-CCCC"]
