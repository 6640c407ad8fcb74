"""Common messages shared by every part of the bot (the conversation adds its own).

Each message is marked with :func:`~bot.i18n.markers._` (or ``_n``) and has a ``# TRANSLATORS:``
note just above it; see :mod:`bot.i18n.markers` for the rules.
"""

from __future__ import annotations

from typing import Final

from bot.i18n.markers import PluralMessage, _, _n

__all__ = [
    "ABOUT_RUPEES",
    "CHOOSE_NUMBER",
    "ESTIMATE_NOT_A_BILL",
    "NOT_UNDERSTOOD",
    "TRY_AGAIN_LATER",
    "UNITS",
    "UNITS_USED",
]

# TRANSLATORS: Reply when the user's message could not be understood. Keep it short (SMS).
NOT_UNDERSTOOD: Final = _("Sorry, I did not understand that.")

# TRANSLATORS: Asks the user to pick an option from a numbered list.
# {count} is the number of the last option, e.g. 4.
CHOOSE_NUMBER: Final = _("Please reply with a number from 1 to {count}.")

# TRANSLATORS: Shown when the service fails unexpectedly. Do not blame the user.
TRY_AGAIN_LATER: Final = _("Something went wrong on our side. Please try again in a few minutes.")

# TRANSLATORS: Shown under every bill estimate. The official bill is
# the one from the electricity distribution company.
ESTIMATE_NOT_A_BILL: Final = _("This is only an estimate, not your official bill.")

# TRANSLATORS: An amount with the word for rupees, for short SMS lines.
# {amount} is a plain number without the ₹ sign, e.g. 1,234.50.
ABOUT_RUPEES: Final = _("about {amount} rupees")

# TRANSLATORS: Label and value on a bill summary. {units} is a number of kWh, e.g. 1,250.
UNITS_USED: Final = _("Units used: {units}")

# TRANSLATORS: A quantity of electricity. {units} is a number of kWh such as 1 or 1,250.
UNITS: Final[PluralMessage] = _n("{units} unit", "{units} units")
