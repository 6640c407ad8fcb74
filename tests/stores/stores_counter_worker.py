"""A separate process that increments one user's counter through a store.

Usage: python stores_counter_worker.py STORE_URL OPTIONS_JSON USER_KEY INCREMENTS

It prints "ready", waits for a line on stdin (so the processes start together), then does
read-increment-write INCREMENTS times and prints "done".
"""

from __future__ import annotations

import json
import sys

import stores_support  # noqa: F401  (puts the repository on sys.path)
from stores_counting import increment

from bot.stores import open_store


def main() -> None:
    """Run the worker with the arguments described in the module docstring."""
    url, options, user, count = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
    store = open_store(url, **options)
    try:
        print("ready", flush=True)
        sys.stdin.readline()
        for _ in range(int(count)):
            increment(store, user)
    finally:
        store.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
