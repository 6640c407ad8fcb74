"""Agent accounts: argon2 hashes, sign-in throttling and lockout, and `bijuli agents`."""

from __future__ import annotations

import argparse
import io
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import pytest
from argon2 import PasswordHasher

from bot.console import accounts as acc
from bot.console.accounts import AccountError, Accounts, SignIn
from bot.console.cli import run_agents
from bot.console.store import ConsoleStore

PASSWORD = "a long pass phrase"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_passwords_are_stored_as_argon2_hashes(console_store: ConsoleStore) -> None:
    agent = Accounts(console_store).add("rita", PASSWORD)
    assert agent.password_hash.startswith("$argon2id$")
    assert PASSWORD not in agent.password_hash
    with pytest.raises(AccountError, match="exists"):
        Accounts(console_store).add("rita", PASSWORD)
    with pytest.raises(AccountError, match="at least"):
        Accounts(console_store).add("arun", "short")
    with pytest.raises(AccountError, match="agent name"):
        Accounts(console_store).add("Not A Name", PASSWORD)


def test_sign_in_good_bad_and_unknown(console_store: ConsoleStore) -> None:
    accounts = Accounts(console_store)
    accounts.add("rita", PASSWORD)
    good = accounts.sign_in("rita", PASSWORD, "10.0.0.1")
    assert good.outcome is SignIn.OK
    assert good.agent is not None
    assert good.agent.name == "rita"
    assert accounts.sign_in("rita", PASSWORD + "x", "10.0.0.1").outcome is SignIn.REFUSED
    assert accounts.sign_in("nobody", PASSWORD, "10.0.0.1").outcome is SignIn.REFUSED


def test_an_account_locks_after_its_failures_then_opens_again(console_store: ConsoleStore) -> None:
    clock = Clock()
    accounts = Accounts(console_store, clock=clock)
    accounts.add("rita", PASSWORD)
    outcomes = [
        accounts.sign_in("rita", "wrong password", f"10.0.0.{n}").outcome
        for n in range(acc.MAX_ACCOUNT_FAILURES)
    ]
    assert outcomes == [SignIn.REFUSED] * (acc.MAX_ACCOUNT_FAILURES - 1) + [SignIn.LOCKED]
    # Locked: even the right password from a new address is refused.
    assert accounts.sign_in("rita", PASSWORD, "10.0.0.99").outcome is SignIn.LOCKED
    clock.now += acc.LOCK_SECONDS + 1
    assert accounts.sign_in("rita", PASSWORD, "10.0.0.99").outcome is SignIn.OK


def test_an_address_trying_many_accounts_is_locked(console_store: ConsoleStore) -> None:
    accounts = Accounts(console_store)
    accounts.add("rita", PASSWORD)
    for n in range(acc.MAX_ADDRESS_FAILURES):
        accounts.sign_in(f"guess{n}", "wrong password", "10.9.9.9")
    assert accounts.sign_in("rita", PASSWORD, "10.9.9.9").outcome is SignIn.LOCKED
    assert accounts.sign_in("rita", PASSWORD, "10.0.0.1").outcome is SignIn.OK


def test_disable_and_reset_end_the_sessions(console_store: ConsoleStore) -> None:
    accounts = Accounts(console_store)
    accounts.add("rita", PASSWORD)
    console_store.create_session("s1", "rita", 4_000_000_000.0)
    accounts.disable("rita")
    assert console_store.session_agent("s1", 1_800_000_000.0) is None
    assert accounts.sign_in("rita", PASSWORD, "10.0.0.1").outcome is SignIn.REFUSED
    accounts.reset("rita", "another pass phrase")
    assert accounts.sign_in("rita", "another pass phrase", "10.0.0.1").outcome is SignIn.OK
    assert accounts.sign_in("rita", PASSWORD, "10.0.0.1").outcome is SignIn.REFUSED


def agents(store: ConsoleStore, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    args = argparse.Namespace(action=argv[0], name=argv[1] if len(argv) > 1 else None, lang="hi")
    out, err = io.StringIO(), io.StringIO()
    status = run_agents(store, args, io.StringIO(stdin), out, err)
    return status, out.getvalue(), err.getvalue()


def test_the_admin_command_reads_the_password_from_stdin(console_store: ConsoleStore) -> None:
    assert agents(console_store, "add", "rita", stdin=PASSWORD + "\n")[0] == 0
    assert Accounts(console_store).sign_in("rita", PASSWORD, "x").outcome is SignIn.OK
    status, _, err = agents(console_store, "add", "rita", stdin=PASSWORD + "\n")
    assert status == 2
    assert "exists" in err
    assert agents(console_store, "reset", "rita", stdin="new pass phrase\n")[0] == 0
    assert Accounts(console_store).sign_in("rita", "new pass phrase", "x").outcome is SignIn.OK
    assert agents(console_store, "disable", "rita")[0] == 0
    assert agents(console_store, "list")[1] == "rita\tdisabled\thi\n"
    status, _, err = agents(console_store, "reset", "nobody", stdin="new pass phrase\n")
    assert status == 2
    assert "no agent called nobody" in err


class _CountingHasher(PasswordHasher):
    """argon2id (cheap parameters) that records how many checks ran at once."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8 * 1024, parallelism=1)
        self.running = 0
        self.most = 0
        self.hashes = 0
        self._lock = threading.Lock()

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        self.hashes += 1
        return super().hash(password, salt=salt)

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(0.02)  # long enough for the others to pile up
            return super().verify(hash, password)
        finally:
            with self._lock:
                self.running -= 1


def test_a_burst_of_sign_ins_runs_few_password_checks_at_once(
    console_store: ConsoleStore,
) -> None:
    hasher = _CountingHasher()
    accounts = Accounts(console_store, hasher=hasher)
    assert hasher.hashes == 0, "no decoy hash is made before the first sign-in"
    accounts.add("meera", "a long enough password")
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(
            pool.map(
                lambda n: accounts.sign_in(
                    "meera" if n % 2 else "nobody", "wrong!!!!!!!", f"10.0.0.{n}"
                ),
                range(16),
            )
        )
    assert all(r.outcome is not SignIn.OK for r in results)
    assert hasher.most <= acc.CONCURRENT_PASSWORD_CHECKS
