"""The tariff the bot bills with: the packaged data unless told otherwise.

tariff_core reads no environment; the bot may. An entry point that has read a data directory
from its settings calls :func:`use_data_dir` once at startup; a test (or a what-if tool) bills
one conversation against another tariff with :func:`tariff_in_use`, which lasts for the
``with`` block only and only in the current thread or task (a context variable), so parallel
conversations never see each other's tariff.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from tariff_core import Tariff, default_tariff

__all__ = ["active_tariff", "tariff_in_use", "use_data_dir"]

_in_use: ContextVar[Tariff | None] = ContextVar("bijuli_tariff_in_use", default=None)
_configured: Tariff | None = None


def active_tariff() -> Tariff:
    """The tariff for the current conversation: the one in use, the configured one, or the
    packaged data."""
    return _in_use.get() or _configured or default_tariff()


def use_data_dir(data_dir: Path | None) -> None:
    """Bill every conversation from the order files in ``data_dir`` (None: the packaged data).

    Loads and validates the directory at once, so a broken file stops the service at startup
    (``TariffDataError`` naming the file and key) rather than at a user's first estimate.
    """
    global _configured
    _configured = Tariff.load(data_dir) if data_dir is not None else None


@contextmanager
def tariff_in_use(tariff: Tariff) -> Iterator[Tariff]:
    """Bill with ``tariff`` inside the ``with`` block."""
    token = _in_use.set(tariff)
    try:
        yield tariff
    finally:
        _in_use.reset(token)
