"""Agent accounts and signing in: argon2 password hashes, and failed sign-ins throttled.

Throttling: failed sign-ins are counted per account and per client address within
:data:`FAILURE_WINDOW_SECONDS`. After :data:`MAX_ACCOUNT_FAILURES` for an account (or
:data:`MAX_ADDRESS_FAILURES` from one address, which stops one machine trying many accounts)
that account (or address) is locked for :data:`LOCK_SECONDS`: every sign-in under it is refused,
even with the right password, until the lock ends. A good sign-in forgets the account's and the
address's failures.

A sign-in from a browser the agent has signed in from before (it shows a signed device cookie
naming the account: ``known_device``) is exempt from the address's lock and counter, though not
from the account's. Many agents share one address (a centre's network, or a reverse proxy when
``BIJULI_TRUSTED_PROXY`` is unset), and someone guessing from it would otherwise lock them all
out; the guesser has no such cookie, so the address's limit still stops them trying many
accounts. An unknown name costs the same password check as a known one, so the time
of an answer does not tell which names exist.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.console.store import Agent, ConsoleStore
from bot.i18n.catalogs import Language

__all__ = [
    "FAILURE_WINDOW_SECONDS",
    "LOCK_SECONDS",
    "MAX_ACCOUNT_FAILURES",
    "MAX_ADDRESS_FAILURES",
    "MIN_PASSWORD_CHARS",
    "AccountError",
    "Accounts",
    "SignIn",
    "SignInResult",
    "check_agent_name",
]

#: Failed sign-ins of one account, within the window, that lock it.
MAX_ACCOUNT_FAILURES: Final = 5
#: Failed sign-ins from one address, within the window, that lock it (a shared centre's
#: machine signs several agents in, so it gets more room than one account).
MAX_ADDRESS_FAILURES: Final = 20
#: The window failures are counted in.
FAILURE_WINDOW_SECONDS: Final = 15 * 60
#: How long a locked account or address is refused.
LOCK_SECONDS: Final = 15 * 60
#: Shortest password an admin may set.
MIN_PASSWORD_CHARS: Final = 10
#: Longest password read: argon2 takes any length, a form should not bring megabytes.
MAX_PASSWORD_CHARS: Final = 256

_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")


class AccountError(ValueError):
    """An admin command that cannot be carried out; the message says why."""


class SignIn(Enum):
    """How a sign-in attempt ended."""

    OK = "ok"
    REFUSED = "refused"  # wrong name or password, or a disabled account
    LOCKED = "locked"  # too many failures: refused whatever the password


@dataclass(frozen=True)
class SignInResult:
    """The outcome, and the agent when it succeeded."""

    outcome: SignIn
    agent: Agent | None = None


#: Password checks one process runs at once (argon2-cffi's default costs 64 MiB each).
CONCURRENT_PASSWORD_CHECKS: Final = 2


def check_agent_name(name: str) -> str:
    """``name`` if it is a valid agent name (2-32 of a-z, 0-9, dot, dash, underscore)."""
    if not _NAME.fullmatch(name):
        raise AccountError(
            "an agent name is 2 to 32 characters: lowercase letters, digits, '.', '-' or '_', "
            "starting with a letter or digit"
        )
    return name


class Accounts:
    """Agent accounts on a :class:`~bot.console.store.ConsoleStore`."""

    def __init__(
        self,
        store: ConsoleStore,
        *,
        hasher: PasswordHasher | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Use ``store``; ``hasher`` defaults to argon2id with argon2-cffi's parameters."""
        self._store = store
        self._hasher = hasher or PasswordHasher()
        self._clock = clock
        # Checked against when the name is unknown, so both cost one argon2 verification; made
        # on the first sign-in, not in every worker at start-up (a hash takes 64 MiB).
        self._decoy: str | None = None
        # argon2 takes 64 MiB per check: without a bound, a burst of sign-ins (all passing the
        # address check before the first failure counts) took a worker past 2.6 GB.
        self._checks = threading.BoundedSemaphore(CONCURRENT_PASSWORD_CHECKS)

    def add(self, name: str, password: str, language: Language = "or") -> Agent:
        """Create an account; AccountError if the name is taken or the password too short."""
        check_agent_name(name)
        if self._store.get_agent(name) is not None:
            raise AccountError(f"agent {name} exists already: use `bijuli agents reset {name}`")
        agent = Agent(
            name=name,
            password_hash=self._hash(password),
            language=language,
            created_at=self._clock(),
        )
        self._store.put_agent(agent)
        return agent

    def reset(self, name: str, password: str) -> Agent:
        """Set a new password, enable the account, and sign its sessions out."""
        agent = self._existing(name)
        updated = replace(agent, password_hash=self._hash(password), disabled=False)
        self._store.put_agent(updated)
        self._store.end_sessions_of(name)
        self._store.clear_failures(_account_key(name))
        return updated

    def disable(self, name: str) -> Agent:
        """Refuse the account's sign-ins from now on and sign its sessions out."""
        agent = self._existing(name)
        updated = replace(agent, disabled=True)
        self._store.put_agent(updated)
        self._store.end_sessions_of(name)
        return updated

    def set_language(self, agent: Agent, language: Language) -> Agent:
        """Remember the language the agent's pages are shown in."""
        updated = replace(agent, language=language)
        self._store.put_agent(updated)
        return updated

    def sign_in(
        self, name: str, password: str, address: str, *, known_device: bool = False
    ) -> SignInResult:
        """Check a sign-in, counting and locking failures (see the module docstring);
        ``known_device``: the browser has signed in as ``name`` before."""
        now = self._clock()
        limits = [(_account_key(name[:64]), MAX_ACCOUNT_FAILURES)]
        if not known_device:
            limits.append((_address_key(address), MAX_ADDRESS_FAILURES))
        if any(self._store.locked_until(key, now) is not None for key, _ in limits):
            return SignInResult(SignIn.LOCKED)
        agent = self._store.get_agent(name) if _NAME.fullmatch(name) else None
        good = self._verify(agent.password_hash if agent else self._decoy_hash(), password)
        if agent is not None and good and not agent.disabled:
            for key, _ in limits:
                self._store.clear_failures(key)
            return SignInResult(SignIn.OK, agent)
        locked = False
        for key, limit in limits:
            if self._store.count_failure(key, now, FAILURE_WINDOW_SECONDS) >= limit:
                self._store.lock(key, now + LOCK_SECONDS)
                locked = True
        return SignInResult(SignIn.LOCKED if locked else SignIn.REFUSED)

    def _existing(self, name: str) -> Agent:
        agent = self._store.get_agent(check_agent_name(name))
        if agent is None:
            raise AccountError(f"no agent called {name}: add one with `bijuli agents add {name}`")
        return agent

    def _hash(self, password: str) -> str:
        if len(password) < MIN_PASSWORD_CHARS:
            raise AccountError(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
        if len(password) > MAX_PASSWORD_CHARS:
            raise AccountError(f"a password has at most {MAX_PASSWORD_CHARS} characters")
        return self._hasher.hash(password)

    def _verify(self, password_hash: str, password: str) -> bool:
        if len(password) > MAX_PASSWORD_CHARS:
            return False
        with self._checks:  # the others wait: memory stays bounded, the answer comes later
            try:
                return self._hasher.verify(password_hash, password)
            except (VerificationError, InvalidHashError):
                return False

    def _decoy_hash(self) -> str:
        if self._decoy is None:
            with self._checks:
                self._decoy = self._hasher.hash("not a password of anyone")
        return self._decoy


def _account_key(name: str) -> str:
    return f"agent:{name}"


def _address_key(address: str) -> str:
    return f"address:{address}"
