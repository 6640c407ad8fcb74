"""Run the tariff_core CLI: ``python -m tariff_core --help``."""

import sys

from tariff_core.cli import main

sys.exit(main())
