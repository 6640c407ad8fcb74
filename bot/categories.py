"""Category names the user sees, and the short menu of the common categories.

Names here are the bot's own, short and translatable; tariff_core's data keeps the schedule's
wording. Identical names share one catalog entry.
"""

from __future__ import annotations

from typing import Final

from bot import messages as m
from bot.i18n.markers import _

#: The first menu: the categories most people have, then "other" (the full list).
COMMON_MENU: Final[tuple[tuple[str, str], ...]] = (
    ("1.b", m.OPTION_HOME),
    ("1.a", m.OPTION_KUTIR_JYOTI),
    ("2", m.OPTION_SHOP),
    ("3", m.OPTION_IRRIGATION),
    ("7", m.OPTION_SMALL_INDUSTRY),
)

#: Category ids by supply group, in schedule order, for the full list.
GROUPS: Final[dict[str, tuple[str, ...]]] = {
    "LT": ("1.a", "1.b", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"),
    "HT": tuple(str(n) for n in range(14, 29)),
    "EHT": tuple(str(n) for n in range(29, 37)),
}

NAMES: Final[dict[str, str]] = {
    # TRANSLATORS: Category name: Kutir Jyoti household (up to 30 units).
    "1.a": _("Kutir Jyoti"),
    # TRANSLATORS: Category name: domestic (home) connection.
    "1.b": _("Domestic"),
    # TRANSLATORS: Category name: general purpose (shops, offices) below 110 kVA.
    "2": _("General purpose (shop, office)"),
    # TRANSLATORS: Category name.
    "3": _("Irrigation and agriculture"),
    # TRANSLATORS: Category name: poultry, fisheries, dairy and similar.
    "4": _("Allied agriculture (poultry, fishery, dairy)"),
    # TRANSLATORS: Category name: cold storage and similar agro-industry.
    "5": _("Agro-industry (cold storage)"),
    # TRANSLATORS: Category name: street lights.
    "6": _("Public lighting"),
    # TRANSLATORS: Category name: small industry below 22 kVA.
    "7": _("Small industry"),
    # TRANSLATORS: Category name: medium industry, 22 to 110 kVA.
    "8": _("Medium industry"),
    # TRANSLATORS: Category name: schools, hospitals and similar public purpose.
    "9": _("Public purpose (school, hospital)"),
    # TRANSLATORS: Category name: public water works and sewerage pumping.
    "10": _("Water works and sewerage"),
    # TRANSLATORS: Category name: large water works. {range} is its demand range from the tariff,
    # already written in your language, e.g. "110 kVA and above".
    "11": _("Water works and sewerage, {range}"),
    # TRANSLATORS: Category name: large general purpose. {range} is its demand range, e.g.
    # "110 kVA and above".
    "12": _("General purpose, {range}"),
    # TRANSLATORS: Category name: large industry at LT. {range} is its demand range, e.g.
    # "110 kVA and above".
    "13": _("Large industry, {range}"),
    # TRANSLATORS: Category name: bulk supply to housing (HT).
    "14": _("Bulk supply, domestic"),
    "15": _("Irrigation and agriculture"),
    "16": _("Allied agriculture (poultry, fishery, dairy)"),
    "17": _("Agro-industry (cold storage)"),
    "18": _("Public purpose (school, hospital)"),
    # TRANSLATORS: Category name: general purpose (HT) of a middle size. {range} is its demand
    # range, e.g. "70 to 110 kVA".
    "19": _("General purpose, {range}"),
    "20": _("Medium industry"),
    # TRANSLATORS: Category name: general purpose.
    "21": _("General purpose"),
    "22": _("Water works and sewerage"),
    # TRANSLATORS: Category name.
    "23": _("Large industry"),
    # TRANSLATORS: Category name.
    "24": _("Power intensive industry"),
    # TRANSLATORS: Category name.
    "25": _("Mini steel plant"),
    # TRANSLATORS: Category name.
    "26": _("Railway traction"),
    # TRANSLATORS: Category name: emergency supply to a captive power plant.
    "27": _("Emergency supply to CGP"),
    # TRANSLATORS: Category name: housing colony of an industry or power plant.
    "28": _("Colony consumption"),
    "29": _("General purpose"),
    "30": _("Large industry"),
    "31": _("Railway traction"),
    # TRANSLATORS: Category name.
    "32": _("Heavy industry"),
    "33": _("Power intensive industry"),
    "34": _("Mini steel plant"),
    "35": _("Emergency supply to CGP"),
    "36": _("Colony consumption"),
}
