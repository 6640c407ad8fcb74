"""Test setup for the i18n tests: make the repository importable without an installed package.

(``pytest`` with ``pythonpath = ["."]`` in pyproject.toml, or ``pip install -e .``, would make this
unnecessary.)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
