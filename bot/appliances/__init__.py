"""Don't know your units? Units a month from the appliances at home, and what one change saves.

* :mod:`bot.appliances.table` — the typical watts and hours (data, each figure with its source)
  and BEE's refrigerator star bands, validated strictly;
* :mod:`bot.appliances.estimate` — :func:`estimate_units`: units per appliance and in total;
* :mod:`bot.appliances.savings` — :func:`unit_savings` and :func:`savings` (rupees for a
  consumer's category and month, from tariff_core's engine);
* :mod:`bot.appliances.reply` — :func:`parse_appliance_reply` for "3 fan, 5 led, tv 4 hours";
* :mod:`bot.appliances.names` — the appliances' display names and the messages that show them.

Every answer is an approximation and says so (``ApplianceUnits.approximate``).
"""

from bot.appliances.estimate import (
    APPROXIMATION_NOTE,
    ApplianceItem,
    ApplianceUnits,
    ItemUnits,
    TopUser,
    estimate_units,
)
from bot.appliances.reply import ApplianceReply, parse_appliance_reply
from bot.appliances.savings import BillBasis, Saving, savings, unit_savings
from bot.appliances.table import (
    ApplianceDataError,
    ApplianceId,
    ApplianceTable,
    default_table,
    load_table,
)

__all__ = [
    "APPROXIMATION_NOTE",
    "ApplianceDataError",
    "ApplianceId",
    "ApplianceItem",
    "ApplianceReply",
    "ApplianceTable",
    "ApplianceUnits",
    "BillBasis",
    "ItemUnits",
    "Saving",
    "TopUser",
    "default_table",
    "estimate_units",
    "load_table",
    "parse_appliance_reply",
    "savings",
    "unit_savings",
]
