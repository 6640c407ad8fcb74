"""What the appliance estimate says to people, in English, marked for translation: the names of
the appliances (as bot.categories names the categories: by id, identical names share one catalog
entry), the names of the changes, and the lines :mod:`bot.rendering.appliances` writes.

Rules (see :mod:`bot.i18n.markers`): a literal string per marker, named placeholders, a
``# TRANSLATORS:`` note above each. Numbers and money arrive already formatted.
"""

from __future__ import annotations

from typing import Final

from bot.appliances.table import ApplianceId
from bot.i18n.markers import _

#: Every appliance's short name (``tests/appliances`` checks each in every language).
NAMES: Final[dict[ApplianceId, str]] = {
    # TRANSLATORS: Appliance: an ordinary ceiling fan.
    ApplianceId.FAN: _("Fan"),
    # TRANSLATORS: Appliance: a ceiling fan with the BEE 5-star energy label.
    ApplianceId.FAN_5_STAR: _("5-star fan"),
    # TRANSLATORS: Appliance: a BLDC (brushless) ceiling fan, which uses far less power. Write
    # "BLDC" as the letters are said in your language.
    ApplianceId.BLDC_FAN: _("BLDC fan"),
    # TRANSLATORS: Appliance: an LED light bulb.
    ApplianceId.LED_BULB: _("LED bulb"),
    # TRANSLATORS: Appliance: an LED tube light (a long LED lamp that replaces a tube light).
    ApplianceId.LED_TUBE: _("LED tube light"),
    # TRANSLATORS: Appliance: an ordinary (fluorescent) tube light.
    ApplianceId.TUBE_LIGHT: _("Tube light"),
    # TRANSLATORS: Appliance: a CFL, a compact fluorescent lamp (the spiral bulb).
    ApplianceId.CFL: _("CFL bulb"),
    # TRANSLATORS: Appliance: a refrigerator.
    ApplianceId.FRIDGE: _("Fridge"),
    # TRANSLATORS: Appliance: a television.
    ApplianceId.TV: _("TV"),
    # TRANSLATORS: Appliance: an air cooler (a fan blowing through wet pads).
    ApplianceId.COOLER: _("Cooler"),
    # TRANSLATORS: Appliance: an air conditioner.
    ApplianceId.AC: _("AC"),
    # TRANSLATORS: Appliance: an electric water pump (the "motor" that fills the tank).
    ApplianceId.WATER_PUMP: _("Water pump"),
    # TRANSLATORS: Appliance: a geyser, an electric water heater with a tank.
    ApplianceId.GEYSER: _("Geyser"),
    # TRANSLATORS: Appliance: an electric iron for clothes.
    ApplianceId.IRON: _("Iron"),
    # TRANSLATORS: Appliance: a mixer grinder for the kitchen.
    ApplianceId.MIXER: _("Mixer"),
    # TRANSLATORS: Appliance: a washing machine.
    ApplianceId.WASHING_MACHINE: _("Washing machine"),
    # TRANSLATORS: Appliance: a plug-in mosquito repeller (liquid vaporiser).
    ApplianceId.MOSQUITO_REPELLER: _("Mosquito repeller"),
}

#: Every change the table can suggest, by swap id, said as an instruction.
CHANGES: Final[dict[str, str]] = {
    # TRANSLATORS: A change that saves electricity: put a 20 W LED tube light in place of each
    # ordinary tube light.
    "led_for_tube_light": _("an LED tube light in place of each tube light"),
    # TRANSLATORS: A change that saves electricity: a BLDC fan in place of each ordinary fan.
    "bldc_for_fan": _("a BLDC fan in place of each ordinary fan"),
    # TRANSLATORS: A change that saves electricity: a BLDC fan in place of each 5-star fan.
    "bldc_for_5_star_fan": _("a BLDC fan in place of each 5-star fan"),
    # TRANSLATORS: A change that saves electricity: an LED bulb in place of each CFL bulb.
    "led_for_cfl": _("an LED bulb in place of each CFL bulb"),
    # TRANSLATORS: A change that saves electricity: a 5-star fridge of the same size in place
    # of the old one.
    "five_star_fridge": _("a 5-star fridge of the same size"),
}

# TRANSLATORS: Asked when someone does not know their units. A list of appliances with their
# usual hours a day follows, then an example reply. Keep it short (SMS).
ASK_APPLIANCES: Final = _("Don't know your units? Tell me what you use at home and how many.")
# TRANSLATORS: One line of the list of appliances: its name and the hours a day it is usually
# on, which the estimate assumes unless told. {hours} is a number such as 12 or 0.5.
APPLIANCE_HOURS: Final = _("{name}: {hours} h a day")
# TRANSLATORS: How to reply to the list. Write the example as people type it in your language,
# with digits: the bot reads appliance names and hours in Odia, Hindi and English.
APPLIANCES_EXAMPLE: Final = _('Reply like: "3 fan, 5 LED, 1 fridge, TV 4 hours".')
# TRANSLATORS: The reply listed no appliance the bot knows.
APPLIANCES_NOT_FOUND: Final = _(
    'I could not find any appliance in that. Reply like: "3 fan, 5 LED, 1 fridge".'
)
# TRANSLATORS: Some words of the reply could not be used; the estimate counts only the rest.
APPLIANCES_PARTLY_READ: Final = _("I could not read all of it: I counted what is listed below.")
# TRANSLATORS: Heading of the estimate from appliances. {units} is a whole number, e.g. 173.
APPLIANCES_TOTAL: Final = _("Your appliances use about {units} units a month.")
# TRANSLATORS: One line per appliance: how many, the name, and its units a month.
# {count} is a whole number, {units} a number such as 81 or 14.4.
APPLIANCE_LINE: Final = _("{count} × {name}: {units} units")
# TRANSLATORS: The appliances that use the most. {items} is a list such as
# "Fan 81 units (47%), Cooler 48 units (28%)".
APPLIANCES_TOP: Final = _("Most used by: {items}.")
# TRANSLATORS: One entry of the list of appliances that use the most.
# {units} is a number such as 81, {percent} its share such as 47%.
APPLIANCE_TOP_ITEM: Final = _("{name} {units} units ({percent})")
# TRANSLATORS: The best saving in rupees on this consumer's own bill. {change} is a change
# such as "a BLDC fan in place of each ordinary fan"; {amount} is in rupees with ₹, {units}
# the units it saves.
APPLIANCES_SAVING_RUPEES: Final = _(
    "One change saves about {amount} a month ({units} units): {change}."
)
# TRANSLATORS: The best saving when the consumer's tariff is not known: in units only.
APPLIANCES_SAVING_UNITS: Final = _("One change saves about {units} units a month: {change}.")
# TRANSLATORS: Said when the size or stars of the fridge were not given. {litres} is a number
# such as 190, {stars} a number from 1 to 5.
FRIDGE_ASSUMED: Final = _("Fridge taken as a {litres} litre single-door with {stars} stars.")
# TRANSLATORS: Said under every estimate from appliances: the figures are typical, not a
# meter reading; the bill follows the meter.
APPLIANCES_APPROXIMATE: Final = _(
    "This is an approximation from typical appliances; your bill follows your meter."
)
