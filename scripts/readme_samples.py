"""Regenerate the sample conversations in README.md from the real engine.

Each sample is a ```text block preceded by a marker such as
``<!-- sample: channel=whatsapp month=2026-11 -->``; the user's lines start with ``> ``.
``python scripts/readme_samples.py`` rewrites the replies in place; the test
``tests/docs/test_docs_readme.py`` fails when they are stale.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from bot.conversation import Inbound, handle

README = Path(__file__).resolve().parents[1] / "README.md"
#: The clock of every sample (the month comes from the marker).
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
SAMPLE = re.compile(
    r"(<!-- sample: channel=(?P<channel>\w+) month=(?P<month>\d{4}-\d{2}) -->\n```text\n)"
    r"(?P<body>.*?)(\n```)",
    re.S,
)


def replay(channel: str, month: str, said: list[str]) -> str:
    """The conversation text for the user's messages ``said``."""
    year, number = (int(part) for part in month.split("-"))
    session: str | None = None
    out: list[str] = []
    for message in said:
        turn = handle(
            session,
            Inbound(channel, message),  # type: ignore[arg-type]
            now=NOW,
            month=dt.date(year, number, 1),
        )
        session = turn.session
        out.append(f"> {message}")
        out.extend("\n".join(turn.replies).splitlines())
        out.append("")
    return "\n".join(out).rstrip()


def regenerate(text: str) -> str:
    """``text`` with every sample's replies replayed."""

    def one(match: re.Match[str]) -> str:
        said = [line[2:] for line in match["body"].splitlines() if line.startswith("> ")]
        body = replay(match["channel"], match["month"], said)
        return match.group(1) + body + match.group(5)

    return SAMPLE.sub(one, text)


def main() -> int:
    """Rewrite README.md; exit 1 if it changed (so CI-style use can tell)."""
    old = README.read_text(encoding="utf-8")
    new = regenerate(old)
    if new != old:
        README.write_text(new, encoding="utf-8")
        print("README.md samples updated", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
