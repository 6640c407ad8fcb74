"""Every message the conversation sends, in English, marked for translation.

Rules (see :mod:`bot.i18n.markers`): a literal string per marker, named placeholders, a
``# TRANSLATORS:`` note above each. Numbers and money arrive already formatted (ASCII digits,
Indian grouping, ₹). Keep messages short: SMS in Odia or Hindi has 67 characters a segment.
"""

from __future__ import annotations

from typing import Final

from bot.i18n.markers import _

# --- Greeting and language ---------------------------------------------------------------------

# TRANSLATORS: First reply to a new user. Bijuli is the bot's name ("electricity" in Odia).
# {effective} is the date the tariff took effect, already written in your language.
GREETING: Final = _(
    "Namaskar! I am Bijuli. I estimate electricity bills under the OERC tariff from {effective}."
)
# TRANSLATORS: Short greeting for SMS. Bijuli is the bot's name.
GREETING_SHORT: Final = _("Namaskar! I am Bijuli. I estimate your electricity bill.")
# TRANSLATORS: {languages} is the list of language names in their own scripts, e.g.
# "ଓଡ଼ିଆ / हिंदी / English". Keep it as it is.
LANGUAGE_HINT: Final = _("To change language, type {languages}.")
# TRANSLATORS: Asks the user to choose a language; a numbered list of language names follows.
ASK_LANGUAGE: Final = _("Choose your language. Reply with a number:")
# TRANSLATORS: The user greeted again in the middle of a conversation; the question follows.
GREETING_AGAIN: Final = _("Namaskar! Let us carry on.")
# TRANSLATORS: Confirms the language the bot will now use. Say it in that language.
LANGUAGE_SET: Final = _("OK, I will reply in English.")

# --- Category -------------------------------------------------------------------------------

# TRANSLATORS: Asks what kind of electricity connection the user has; a numbered menu follows.
ASK_CATEGORY: Final = _("What kind of connection is it? Reply with a number or a word:")
# TRANSLATORS: Menu option: a home (domestic) connection.
OPTION_HOME: Final = _("Home")
# TRANSLATORS: Menu option: Kutir Jyoti, the scheme for poor households (up to 30 units).
OPTION_KUTIR_JYOTI: Final = _("Kutir Jyoti")
# TRANSLATORS: Menu option: a shop or an office (general purpose connection).
OPTION_SHOP: Final = _("Shop or office")
# TRANSLATORS: Menu option: irrigation pumps and agriculture.
OPTION_IRRIGATION: Final = _("Irrigation and farming")
# TRANSLATORS: Menu option: a small industry (below 22 kVA).
OPTION_SMALL_INDUSTRY: Final = _("Small industry")
# TRANSLATORS: Menu option that opens the full list of categories.
OPTION_OTHER: Final = _("Other (full list)")
# TRANSLATORS: {example} is a quick request in the user's language, e.g. "domestic 250".
QUICK_HINT: Final = _("In a hurry? Send {example} for an estimate at once.")
# TRANSLATORS: An example quick request: a category word and a number of units. Use the word
# people in your language type for a home connection, then 250.
QUICK_EXAMPLE: Final = _("domestic 250")
# TRANSLATORS: Offered once when the user writes Odia or Hindi in Latin letters. Keep the word
# "English" in Latin letters: it is what the user types to switch.
ENGLISH_OFFER: Final = _("Prefer English? Reply English.")
# TRANSLATORS: Reply to "thank you".
THANKS_REPLY: Final = _("You are welcome!")
# TRANSLATORS: Reply to "ok" or a thumbs-up.
OK_REPLY: Final = _("OK.")
# TRANSLATORS: The user does not know their connection's category. Say where it is printed and
# that a home is "Home" (option 1 in the menu that follows).
CATEGORY_HOW_TO_FIND: Final = _(
    'The category is printed on your bill (for example "Domestic"). For a home, reply 1.'
)
# TRANSLATORS: Asks for the supply level; a numbered list follows.
ASK_GROUP: Final = _("Which supply is it? Reply with a number:")
# TRANSLATORS: Supply level option: low tension (homes, shops, farms, small industry).
GROUP_LT: Final = _("LT: homes, shops, farms, small industry")
# TRANSLATORS: Supply level option: high tension, 11 kV or 33 kV.
GROUP_HT: Final = _("HT: 11 kV or 33 kV supply")
# TRANSLATORS: Supply level option: extra high tension, 132 kV and above.
GROUP_EHT: Final = _("EHT: 132 kV and above")
# TRANSLATORS: Asks to pick a category from a list of serial numbers and names.
ASK_FROM_LIST: Final = _("Reply with the number of your category:")
# TRANSLATORS: The user's word matched several categories; a numbered list follows.
ASK_WHICH_CATEGORY: Final = _("Which of these do you mean? Reply with a number:")

# --- Demand ranges in category names (from the tariff data) --------------------------------------

# TRANSLATORS: A category's demand range with only a lower bound. {value} and {unit}: "110 kVA".
RANGE_FROM: Final = _("{value} {unit} and above")
# TRANSLATORS: A category's demand range between two bounds, e.g. "70 to 110 kVA".
RANGE_BETWEEN: Final = _("{low} to {high} {unit}")
# TRANSLATORS: A category's demand range with only an upper bound, e.g. "below 22 kVA".
RANGE_BELOW: Final = _("below {value} {unit}")

# --- Questions --------------------------------------------------------------------------------

# TRANSLATORS: Asks the sanctioned load of a small connection. {unit} is kW or kVA; {default} is
# the load assumed when the user does not know it. Tell the user they can say they don't know,
# in words people use in your language.
ASK_LOAD: Final = _(
    "What is the sanctioned load in {unit}? It is on your bill. If you don't "
    'know, reply "don\'t know" and I will take {default} {unit}.'
)
# TRANSLATORS: Asks the sanctioned load by SMS: keep it within one SMS (70 Odia/Hindi letters).
# {unit} is kW or kVA; "don't know" is what the user may reply, in your language.
ASK_LOAD_SHORT: Final = _('Sanctioned load in {unit}? It is on your bill. Or reply "don\'t know".')
# TRANSLATORS: Asks the contract demand of an HT/EHT connection in kVA.
ASK_CONTRACT_DEMAND: Final = _("What is the contract demand in kVA?")
# TRANSLATORS: Asks the maximum demand the meter recorded. "skip" may be said in your language.
ASK_MAX_DEMAND: Final = _(
    "What maximum demand in kVA did the meter record this month? Reply "
    '"skip" to bill the contract demand.'
)
# TRANSLATORS: Asks the units used in the month. {unit} is "units" or kVAh.
ASK_UNITS: Final = _(
    "How many {unit} did you use this month? You can also send the previous and present meter "
    "readings, like 12450 12710, or the amount of a bill, like ₹1200."
)
# TRANSLATORS: Asks the kWh reading needed for the load factor of an HT/EHT bill.
ASK_KWH: Final = _("How many kWh did the meter record this month? It sets the load factor.")
# TRANSLATORS: Asks the time-of-day split. {units} is the month's units, e.g. 1,250. {solar_from},
# {solar_to} and {peak_from} are clock hours (like 8, 4, 6).
ASK_TOD_SPLIT: Final = _(
    "Time-of-day tariff applies to you. Of the {units} units, how many were "
    "used in solar hours ({solar_from} AM to {solar_to} PM) and how many in peak hours "
    '({peak_from} PM to midnight)? Send two numbers like 120 80, or "skip".'
)
# TRANSLATORS: Asks the units by SMS: keep it within one SMS (70 Odia/Hindi letters). {unit} is
# "units" or kVAh.
ASK_UNITS_SHORT: Final = _("How many {unit} this month? Or send 2 meter readings.")
# TRANSLATORS: Two different unit figures were given. {first} and {second} are numbers; a
# numbered list with the two follows.
ASK_WHICH_UNITS: Final = _("You gave {first} and {second} units. Which is right?")
# TRANSLATORS: The user could not say which of two unit figures is right; we take the later one.
UNITS_TAKEN: Final = _("I will take {units} units. Send the right figure any time to change it.")
# TRANSLATORS: The word for units of electricity (kWh), used inside other messages.
UNITS_WORD: Final = _("units")

# --- Re-prompts -----------------------------------------------------------------------------

# TRANSLATORS: The answer was not a number.
NEED_NUMBER: Final = _("Please send a number, like 2 or 250.")
# TRANSLATORS: The answer was not units or meter readings.
NEED_UNITS: Final = _(
    "Please send the units as a number, like 250, or two meter readings, like 12450 12710."
)
# TRANSLATORS: The answer was not one of the numbered options. {count} is the last number.
NEED_CHOICE: Final = _("Please reply with a number from 1 to {count}.")
# TRANSLATORS: The answer was not two numbers for the time-of-day split.
NEED_TWO_NUMBERS: Final = _('Please send two numbers, like 120 80, or "skip".')
# TRANSLATORS: The message was far too long.
TOO_LONG: Final = _("That message is too long for me. Please send only the answer.")
# TRANSLATORS: The user sent a photo, voice note or file.
MEDIA_NOT_READ: Final = _("I can read only text messages. Please type your answer.")
# TRANSLATORS: A number that cannot be negative was negative.
NOT_NEGATIVE: Final = _("The number cannot be negative.")
# TRANSLATORS: A number must be above zero (a load or demand).
ABOVE_ZERO: Final = _("The number must be more than zero.")
# TRANSLATORS: The units are impossible for this connection. {units} is the number sent.
UNITS_TOO_HIGH: Final = _(
    "{units} units is more than this connection can use in a month. Please check the number."
)
# TRANSLATORS: The load or demand is implausibly large. {value} is the number sent.
LOAD_TOO_HIGH: Final = _("{value} looks too large for this connection. Please check the number.")
# TRANSLATORS: The kWh are more than the kVAh (impossible).
KWH_ABOVE_KVAH: Final = _("kWh cannot be more than the kVAh ({units}). Please check the reading.")
# TRANSLATORS: Solar and peak units add up to more than the month's units ({units}).
SPLIT_TOO_BIG: Final = _("Solar and peak units together cannot be more than {units}.")
# TRANSLATORS: The engine could not make an estimate from the answers.
CANNOT_ESTIMATE: Final = _(
    "I could not make an estimate from these answers. Type menu to start again."
)
# TRANSLATORS: Meter readings were read. {previous} and {present} are readings, {units} units.
READINGS_READ: Final = _("Readings {previous} to {present}: {units} units.")
# TRANSLATORS: The present reading was lower than the previous one, so the meter went past its
# largest value and started again from zero. {units} is the result.
READINGS_ROLLED_OVER: Final = _(
    "The meter went past its last reading and started again from zero: that makes {units} units."
)
# TRANSLATORS: The user sent a bill amount instead of units. {amount} is money, {units} a number.
BILL_TO_UNITS: Final = _("A bill of {amount} (before rebates) is about {units} units.")
# TRANSLATORS: A bill amount that fits a range of units (a fixed-charge bill). {low} and {high}
# are numbers of units; the estimate uses {high}.
BILL_TO_UNIT_RANGE: Final = _(
    "A bill of {amount} fits anything from {low} to {high} units; I will take {high}."
)
# TRANSLATORS: The bill amount is below the bill for zero units. {amount} and {minimum} are money.
BILL_BELOW_MINIMUM: Final = _(
    "{amount} is less than this connection's bill for no units at all ({minimum}). Please check "
    "the amount."
)
# TRANSLATORS: The user said they don't know the load; we use {value} {unit}.
LOAD_DEFAULTED: Final = _("OK, I will take {value} {unit}.")
# TRANSLATORS: Said under an estimate made without the load. {value} {unit} is e.g. "1 kW".
# Tell the user how to correct it.
LOAD_ASSUMED: Final = _("Load taken as {value} {unit}. Send your load, like 2 kW, to correct it.")
# TRANSLATORS: Confirms a load the user gave in a sentence. {value} {unit} is e.g. "2 kW".
NOTED_LOAD: Final = _("Noted: load {value} {unit}.")
# TRANSLATORS: A pump load given in horsepower, converted. {hp} and {kw} are numbers.
HP_IN_KW: Final = _("{hp} HP is {kw} kW.")
# TRANSLATORS: After an estimate, the user sent a different number of units. {units} is the new
# figure, {previous} the old one.
UNITS_CHANGED: Final = _("Now for {units} units (before: {previous}).")
# TRANSLATORS: The user does not know their units. Explain where to find them.
UNITS_HOW_TO_FIND: Final = _(
    "No problem. The units are printed on your bill. Or send the two meter readings, like "
    "12450 12710, or last bill's amount, like ₹1200."
)
# TRANSLATORS: The answer to the load question was not a load.
NEED_LOAD: Final = _('Please send the load as a number, like 2, or reply "don\'t know".')
# TRANSLATORS: An HT/EHT consumer does not know the contract demand; it is needed.
NEED_CONTRACT_DEMAND: Final = _(
    "The contract demand is printed on your bill and agreement; the bill cannot be estimated "
    "without it. Please send it in kVA."
)
# TRANSLATORS: An HT/EHT consumer does not know the kWh; it is needed for the load factor.
KWH_NEEDED: Final = _(
    "The kWh reading is on your meter and bill; the load factor needs it. Please send it."
)

# --- Commands -------------------------------------------------------------------------------

# TRANSLATORS: Help text. {example} is a quick request like "domestic 250". Write the command
# words as users of your language would type them; the bot understands English ones too.
HELP: Final = _(
    "I estimate your electricity bill. Answer my questions, or send a quick request "
    "like {example}. Commands: menu (start again), back, help, language, STOP (no "
    "more messages), delete my data."
)
# TRANSLATORS: Confirms the user has opted out (STOP). They must send START to use the bot again.
STOPPED: Final = _("You will get no more messages from Bijuli. Send START to use it again.")
# TRANSLATORS: The user sent START after STOP.
RESUMED: Final = _("Welcome back!")
# TRANSLATORS: Confirms that everything stored about the user was deleted.
DATA_DELETED: Final = _("Your data has been deleted. Send any message to start again.")
# TRANSLATORS: The user typed back at the very first question.
NOTHING_TO_GO_BACK: Final = _("This is the first question already.")

# --- Estimate ---------------------------------------------------------------------------------

# TRANSLATORS: Title of a bill estimate. {category} is a category name, {month} a month and year,
# {units} a number, {unit} "units" or kVAh.
ESTIMATE_TITLE: Final = _("Bill estimate: {category}, {month}, {units} {unit}")
# TRANSLATORS: Energy for a slab of units, e.g. "Energy 51-200 units".
LINE_ENERGY_SLAB: Final = _("Energy {first}-{last} units")
# TRANSLATORS: Energy for the units above a limit, e.g. "Energy above 400 units".
LINE_ENERGY_ABOVE: Final = _("Energy above {limit} units")
# TRANSLATORS: Energy charge at a single rate.
LINE_ENERGY: Final = _("Energy charge")
# TRANSLATORS: HT/EHT energy at the load-factor rate up to {threshold} %.
LINE_ENERGY_LF_UP_TO: Final = _("Energy, load factor up to {threshold}%")
# TRANSLATORS: HT/EHT energy at the load-factor rate above {threshold} %.
LINE_ENERGY_LF_ABOVE: Final = _("Energy, load factor above {threshold}%")
# TRANSLATORS: Energy of a public electric-vehicle charging station.
LINE_ENERGY_EV: Final = _("EV charging energy")
# TRANSLATORS: Part of an educational institution's energy billed at the HT domestic rate.
LINE_ENERGY_EDUCATION: Final = _("Energy at the domestic rate ({percent}%)")
# TRANSLATORS: Extra energy drawn by an industry with a captive power plant.
LINE_ENERGY_CGP: Final = _("Extra drawal under the CGP scheme")
# TRANSLATORS: Extra energy drawn in peak hours by an industry with a captive power plant.
LINE_ENERGY_CGP_PEAK: Final = _("Extra drawal in peak hours")
# TRANSLATORS: Time-of-day discount for units used in solar hours (8 AM to 4 PM). {percent} is
# the discount from the tariff data, like 10%.
LINE_TOD_SOLAR: Final = _("Solar-hour discount ({percent})")
# TRANSLATORS: Time-of-day surcharge for units used in peak hours (6 PM to midnight). {percent}
# is the surcharge from the tariff data, like 10%.
LINE_TOD_PEAK: Final = _("Peak-hour surcharge ({percent})")
# TRANSLATORS: Monthly fixed charge for the first kW or kVA. {unit} is kW or kVA.
LINE_FIXED_FIRST: Final = _("Fixed charge, first {unit}")
# TRANSLATORS: Monthly fixed charge for the further kW/kVA. {count} is a number, {unit} kW/kVA.
LINE_FIXED_MORE: Final = _("Fixed charge, {count} more {unit}")
# TRANSLATORS: Kutir Jyoti's fixed monthly charge.
LINE_KUTIR_JYOTI: Final = _("Kutir Jyoti fixed charge")
# TRANSLATORS: Demand charge. {demand} is the billed demand with its unit, e.g. "80 kVA".
LINE_DEMAND: Final = _("Demand charge ({demand})")
# TRANSLATORS: Penalty for drawing more than the allowed demand. {demand}, e.g. "20 kVA".
LINE_OVERDRAWAL: Final = _("Overdrawal ({demand})")
# TRANSLATORS: Monthly customer service charge.
LINE_CUSTOMER_SERVICE: Final = _("Customer service charge")
# TRANSLATORS: Monthly rent for the electricity meter.
LINE_METER_RENT: Final = _("Meter rent")
# TRANSLATORS: The sum of all charges before duty and rebates.
TOTAL_CHARGES: Final = _("Total charges")
# TRANSLATORS: Electricity duty (a state tax) with its rate, e.g. 9%.
DUTY_LINE: Final = _("Electricity duty ({percent}%)")
# TRANSLATORS: Electricity duty is not in the estimate.
DUTY_EXCLUDED: Final = _("Electricity duty (state tax) is not included.")
# TRANSLATORS: Electricity duty (a state tax) with its rate, e.g. 4%, when the rate is not
# certain: the amount is approximate.
DUTY_LINE_APPROXIMATE: Final = _("Electricity duty ({percent}%, approx.)")
# TRANSLATORS: This tariff (Kutir Jyoti's fixed monthly sum) bears no electricity duty at all.
DUTY_NOT_LEVIED: Final = _("Electricity duty: none on this tariff")
# TRANSLATORS: What to pay by the due date. {amount} like ₹1,170.00.
PAY_BY_DUE_DATE: Final = _("Pay by due date: {amount}")
# TRANSLATORS: What to pay after the due date. {amount} like ₹1,195.00.
PAY_AFTER_DUE_DATE: Final = _("After due date: {amount}")
# TRANSLATORS: The late payment surcharge included. {amount} money, {days} number of days.
LATE_SURCHARGE: Final = _("includes a late payment surcharge of {amount} for {days} days")
# TRANSLATORS: Heading before the rebates already taken off the payable amount.
REBATES_COUNTED: Final = _("Rebates already taken off:")
# TRANSLATORS: Heading before the rebates the user can still earn.
REBATES_OPTIONS: Final = _("You can still save:")
# TRANSLATORS: Heading before the assumptions an estimate rests on.
ASSUMED: Final = _("Assumed:")
# TRANSLATORS: Under every estimate: it is not a real bill; where to go for account matters.
# 1912 is the electricity helpline number in Odisha.
DISCLAIMER: Final = _(
    "This is an estimate, not your bill. Pay in your discom's app or at its counter. For "
    "complaints and power cuts, call 1912."
)
# TRANSLATORS: Under the estimate summary. "details" is the word the user types (write the word
# users of your language would type; the English word works too).
DETAILS_HINT: Final = _('Estimate only, not your bill. Reply "details" for every line and rebate.')
# TRANSLATORS: Title of the menu after an estimate; "1=details, 2=…" follows on the same line.
FOLLOW_UP_TITLE: Final = _("Reply:")
# TRANSLATORS: The menu after an estimate by SMS, as short as your language allows. Keep the
# numbers and "=" (so "2=" never reads as a quantity); the words are what the user may type too.
FOLLOW_UP_SMS: Final = _("1=details 2=change units 3=new 4=explain 5=tips 0=menu")
# TRANSLATORS: Follow-up option: every line, rebate and assumption of the estimate.
OPTION_DETAILS: Final = _("details")
# TRANSLATORS: Follow-up option: change the number of units.
OPTION_CHANGE_UNITS: Final = _("change units")
# TRANSLATORS: Follow-up option: estimate another connection.
OPTION_ANOTHER: Final = _("another connection")
# TRANSLATORS: Follow-up option: explain one line of the bill.
OPTION_EXPLAIN: Final = _("explain a line")
# TRANSLATORS: Follow-up option: tips to pay less.
OPTION_TIPS: Final = _("tips")
# TRANSLATORS: Follow-up option: start again from the first question.
OPTION_START_AGAIN: Final = _("start again")
# TRANSLATORS: Follow-up option: hear the estimate as a voice message (WhatsApp).
OPTION_LISTEN: Final = _("listen")
# TRANSLATORS: Follow-up option: the estimate as a picture (WhatsApp).
OPTION_CARD: Final = _("picture")
# TRANSLATORS: Sent with a voice message of the estimate; later estimates come with one too.
VOICE_NOTE_SENT: Final = _(
    "Here is your estimate as a voice message. Every estimate will now come with one."
)
# TRANSLATORS: Sent with a picture of the estimate.
CARD_SENT: Final = _("Here is your estimate as a picture.")
# TRANSLATORS: By SMS, the user asked for the voice message or the picture of the estimate.
MEDIA_ON_WHATSAPP: Final = _("Voice messages and pictures come on WhatsApp. By SMS I send text.")
# TRANSLATORS: The reply after an estimate was not understood.
NEED_FOLLOW_UP: Final = _("Please reply with a number or word from the list, or send new units.")
# TRANSLATORS: Offer under an estimate. "village" is the word to type (write your language's
# word). {amount} is money.
OFFER_RURAL: Final = _('In a village? Reply "village": {amount} less.')
# TRANSLATORS: Offer under an estimate. "e-bill" is the word to type. {amount} is money.
OFFER_EBILL: Final = _('Bill by WhatsApp or e-mail? Reply "e-bill": {amount} less.')
# TRANSLATORS: Offer under an estimate: a smart meter lowers this bill by {amount}.
OFFER_SMART_METER_LESS: Final = _('Smart meter? Reply "smart meter": {amount} less.')
# TRANSLATORS: Offer under an estimate: a smart meter raises this bill (its rent) by {amount}.
OFFER_SMART_METER_MORE: Final = _('Smart meter? Reply "smart meter": {amount} more rent.')
# TRANSLATORS: Offer under an estimate: with a smart meter, time-of-day rates would apply.
OFFER_SMART_METER_TOD: Final = _(
    'Smart meter? Reply "smart meter": time-of-day rates then apply to you.'
)
# TRANSLATORS: The button that opens a WhatsApp list of choices. At most 20 characters.
CHOICES_BUTTON: Final = _("Choose")
# TRANSLATORS: A WhatsApp button: the user does not know the figure asked for. At most 20
# characters; it is sent back as the user's answer, so write what a user would type.
CHOICE_DONT_KNOW: Final = _("Don't know")
# TRANSLATORS: A WhatsApp list row under an estimate: the connection is in a village (a rebate).
# At most 24 characters.
CHOICE_VILLAGE: Final = _("In a village")
# TRANSLATORS: A WhatsApp list row under an estimate: the bill comes by WhatsApp or e-mail (a
# rebate). At most 24 characters.
CHOICE_EBILL: Final = _("E-bill")
# TRANSLATORS: A WhatsApp list row under an estimate: the consumer has a smart meter. At most 24
# characters.
CHOICE_SMART_METER: Final = _("Smart meter")
# TRANSLATORS: There are no tips for this connection.
NO_TIPS: Final = _("No more ways to save on this bill: pay by the due date.")
# TRANSLATORS: Short SMS title of an estimate: category, then units, e.g. "Domestic, 250 units".
SHORT_TITLE: Final = _("{category}, {units} {unit}")
# TRANSLATORS: Shortest SMS title of an estimate, e.g. "Estimate: 250 units".
SHORT_TITLE_UNITS: Final = _("Estimate: {units} {unit}")
# TRANSLATORS: Short version of the disclaimer for SMS. 1912 is the helpline.
DISCLAIMER_SHORT: Final = _("Estimate only. Helpline 1912.")
# TRANSLATORS: Short SMS note: a Kutir Jyoti consumer above {limit} units (like 30) pays the
# domestic tariff.
SHORT_KUTIR_JYOTI_ABOVE: Final = _("Above {limit} units: billed as domestic")
# TRANSLATORS: Short SMS label for the energy charge total.
SHORT_ENERGY: Final = _("Energy")
# TRANSLATORS: Short SMS label for fixed or demand charges.
SHORT_FIXED: Final = _("Fixed")
# TRANSLATORS: Short SMS label for other charges (meter rent, service charge).
SHORT_OTHER: Final = _("Other")
# TRANSLATORS: Very short SMS label: electricity duty (a state tax), before an amount.
SHORT_DUTY: Final = _("Duty")
# TRANSLATORS: Very short SMS label: electricity duty whose rate is not certain, before an amount.
SHORT_DUTY_APPROXIMATE: Final = _("Duty (approx.)")
# TRANSLATORS: Short SMS label for the total.
SHORT_TOTAL: Final = _("Total")
# TRANSLATORS: Short SMS: pay by the due date. {amount} money.
SHORT_BY_DUE: Final = _("By due date {amount}")
# TRANSLATORS: Short SMS: pay after the due date. {amount} money. It follows
# "By due date {amount}, " on the same line.
SHORT_AFTER_DUE: Final = _("after {amount}")
# TRANSLATORS: Short SMS: saving by paying digitally. {amount} money.
SHORT_DIGITAL: Final = _("Pay online: save {amount}")

# --- Rebates (label and condition by rebate code) ---------------------------------------------

# TRANSLATORS: Rebate for paying the whole bill by the due date.
REBATE_PROMPT_PAYMENT: Final = _("Pay by the due date")
# TRANSLATORS: Extra rebate for rural domestic consumers who pay on time.
REBATE_RURAL: Final = _("Rural rebate (pay on time)")
# TRANSLATORS: Rebate for paying the whole bill digitally (UPI, card, app) by the due date.
REBATE_DIGITAL: Final = _("Pay digitally (UPI, card or app) by the due date")
# TRANSLATORS: Discount for receiving the bill electronically.
REBATE_EBILL: Final = _("Switch to e-bill")
# TRANSLATORS: Rebate for prepaid (recharge) smart meters.
REBATE_PREPAID: Final = _("Move to a prepaid meter")
# TRANSLATORS: Rebate for industries that use their load steadily (load factor).
REBATE_LOAD_FACTOR: Final = _("Load factor rebate")
# TRANSLATORS: Load-factor rebate for steel plants.
REBATE_STEEL: Final = _("Steel plant load factor rebate")
# TRANSLATORS: Load-factor rebate for aluminium industries.
REBATE_ALUMINIUM: Final = _("Aluminium industry rebate")
# TRANSLATORS: Rebate for railway traction.
REBATE_RAILWAY: Final = _("Railway traction rebate")
# TRANSLATORS: Rebate for hostels of schools run by the SC/ST Department.
REBATE_SC_ST_HOSTEL: Final = _("SC/ST hostel rebate")
# TRANSLATORS: Rebate for Swajala Dhara water supply consumers who pay on time.
REBATE_SWAJALA_DHARA: Final = _("Swajala Dhara rebate (pay on time)")
# TRANSLATORS: Rebate for mega lift irrigation projects.
REBATE_MEGA_LIFT: Final = _("Mega lift rebate")
# TRANSLATORS: Year-end rebate in March for paying all 12 bills on time.
REBATE_MARCH: Final = _("Year-end rebate (all 12 bills paid on time)")
# TRANSLATORS: One rebate with its amount. {label} is a rebate name, {amount} money.
REBATE_ITEM: Final = _("{label}: {amount}")
# TRANSLATORS: No rebates for this connection.
NO_REBATES: Final = _("No rebates apply to this connection.")

# --- Notes and assumptions ----------------------------------------------------------------------

# TRANSLATORS: Assumption: the user did not give the load. {value} number, {unit} kW or kVA.
NOTE_DEFAULT_LOAD: Final = _("load {value} {unit} (you did not say)")
# TRANSLATORS: Assumption: meter rent for a kind of meter. {meter} is a meter name.
NOTE_DEFAULT_METER: Final = _("meter rent for a {meter}")
# TRANSLATORS: Assumption: the supply phase was taken from the load. {value} is a number of kW.
NOTE_SINGLE_PHASE: Final = _(
    "phase from the load: single-phase up to {value} kW, three-phase above"
)
# TRANSLATORS: Kutir Jyoti above {limit} units (like 30) is billed as domestic.
NOTE_KUTIR_JYOTI_ABOVE: Final = _(
    "Above {limit} units, Kutir Jyoti is billed as a domestic connection for the whole month."
)
# TRANSLATORS: An assumption of how we read the tariff order, shown generically.
NOTE_TARIFF_READING: Final = _("our interpretation where the tariff order is silent")
# TRANSLATORS: The digital rebate is on energy, fixed charge and meter rent.
NOTE_DIGITAL_BASE: Final = _("digital rebate on energy, fixed charge and meter rent")
# TRANSLATORS: Billing demand is at least a share of the contract demand. {percent} is like 80%.
NOTE_DEMAND_FLOOR: Final = _("billing demand at least {percent} of contract demand")
# TRANSLATORS: The load factor uses the contract demand.
NOTE_LF_CONTRACT: Final = _("load factor on the contract demand")
# TRANSLATORS: The prompt payment rebate rate, which the order does not state. {percent} is
# like 1%.
NOTE_REBATE_DPS: Final = _("{percent} rebate for paying on time")
# TRANSLATORS: The late payment surcharge rate assumed for larger connections. {percent} is a
# rate from the tariff data, like 1.25%.
NOTE_DPS_RATE: Final = _("late payment surcharge {percent} a month")
# TRANSLATORS: The contract demand was billed as no maximum demand was given.
NOTE_CONTRACT_DEMAND_BILLED: Final = _("contract demand billed (no maximum demand given)")
# TRANSLATORS: The meter of a rural consumer is taken to be correct.
NOTE_RURAL_METER: Final = _("the meter is correct (for the rural rebate)")

# --- Meter names ----------------------------------------------------------------------------

# TRANSLATORS: A meter type.
METER_SINGLE_PHASE_STATIC: Final = _("single-phase meter")
# TRANSLATORS: A meter type.
METER_SINGLE_PHASE_SMART: Final = _("single-phase smart meter")
# TRANSLATORS: A meter type.
METER_THREE_PHASE: Final = _("three-phase meter")
# TRANSLATORS: A meter type (current-transformer meter of a large LT connection).
METER_LT_CT: Final = _("LT CT meter")
# TRANSLATORS: A meter type for HT connections.
METER_HT_CT: Final = _("HT CT meter")
# TRANSLATORS: A meter type for railway traction.
METER_HTTV: Final = _("HTTV meter")

# --- Tips -------------------------------------------------------------------------------------

# TRANSLATORS: Heading of payment tips.
TIPS_TITLE: Final = _("Tips to pay less:")
# TRANSLATORS: Tip. {amount} is the money saved.
TIP_ON_TIME: Final = _("Pay by the due date to save {amount}.")
# TRANSLATORS: Tip. {amount} is the extra money paid after the due date, {days} days.
TIP_LATE_COST: Final = _("Paying {days} days late costs {amount} more.")
# TRANSLATORS: Tip. {amount} is the money saved by paying digitally.
TIP_DIGITAL: Final = _(
    "Pay digitally (UPI, card or the discom's app) before the due date to save {amount} more."
)
# TRANSLATORS: Tip. {amount} is the e-bill discount.
TIP_EBILL: Final = _("Choose e-bill to save {amount} on every bill.")
# TRANSLATORS: Tip. {percent} is the rebate rate (like 4%), {amount} what it saves this month.
TIP_PREPAID: Final = _("A prepaid smart meter gets a {percent} rebate: about {amount} this month.")
# TRANSLATORS: Tip for time-of-day consumers. {amount} is the saving; {solar_from} and {solar_to}
# are clock hours (like 8 and 4).
TIP_SOLAR_SHIFT: Final = _(
    "Run heavy loads between {solar_from} AM and {solar_to} PM: moving peak-hour units there "
    "saves about {amount}."
)
# TRANSLATORS: Tip for time-of-day consumers who gave no split. {discount} and {surcharge}
# are percentages like 10%; {solar_from}, {solar_to}, {peak_from} are clock hours (8, 4, 6).
TIP_SOLAR_HOURS: Final = _(
    "Units used between {solar_from} AM and {solar_to} PM cost {discount} less; "
    "from {peak_from} PM to midnight {surcharge} more."
)
# TRANSLATORS: Kutir Jyoti tip. {kj_limit} is its unit limit (like 30), {kj_amount} its fixed
# bill (like ₹70.00), {left} the units left before the limit.
TIP_KUTIR_JYOTI_LEFT: Final = _(
    "Stay within {kj_limit} units a month to keep the fixed {kj_amount} bill: "
    "{left} units to spare."
)
# TRANSLATORS: Kutir Jyoti tip after crossing {kj_limit} units (like 30). {amount} is this bill,
# {fixed} the fixed Kutir Jyoti bill (like ₹70.00).
TIP_KUTIR_JYOTI_CROSSED: Final = _(
    "Crossing {kj_limit} units made this a domestic bill of {amount}; within {kj_limit} units it "
    "is {fixed}."
)
# TRANSLATORS: Slab tip. {left} units until the next slab, {limit} the slab limit, {rate} the
# higher rate per unit.
TIP_NEXT_SLAB: Final = _("You are {left} units below {limit}; units above it cost {rate} each.")
# TRANSLATORS: Slab tip. {over} units above {limit} cost {rate} each.
TIP_ABOVE_SLAB: Final = _("Your last {over} units, above {limit}, cost {rate} each.")

# --- Explanations ---------------------------------------------------------------------------

# TRANSLATORS: Asks which bill line to explain; a numbered list of lines follows.
ASK_WHICH_LINE: Final = _("Which line? Reply with its number:")
# TRANSLATORS: Explains telescopic slabs. {rate} is a rate per unit.
EXPLAIN_SLAB: Final = _(
    "Units are charged slab by slab: only the units in this slab cost {rate} each; lower units "
    "are charged at the lower slabs' rates."
)
# TRANSLATORS: Explains a single energy rate. {rate} per unit.
EXPLAIN_FLAT: Final = _("Every unit costs the same {rate} in this category.")
# TRANSLATORS: Explains HT/EHT load-factor billing. {load_factor} and {threshold} are
# percentages like 66.67% and 60%.
EXPLAIN_LOAD_FACTOR: Final = _(
    "The HT and EHT energy rate depends on the load factor, that is, how steadily the contract "
    "demand is used. Yours is {load_factor}: energy up to {threshold} load factor is at the "
    "higher rate, the rest at the lower rate."
)
# TRANSLATORS: Explains the fixed charge. {first} and {more} are amounts, {unit} kW or kVA.
EXPLAIN_FIXED: Final = _(
    "A fixed monthly charge for the connection's load: {first} for the first "
    "{unit} and {more} for each more {unit}, however little you use."
)
# TRANSLATORS: Explains the demand charge. {rate} per {unit}; {floor} is a percentage like 80%.
EXPLAIN_DEMAND: Final = _(
    "{rate} per {unit} of billing demand: the higher of the recorded maximum demand and {floor} "
    "of the contract demand."
)
# TRANSLATORS: Explains overdrawal.
EXPLAIN_OVERDRAWAL: Final = _("Demand above the allowed limit is charged again at the demand rate.")
# TRANSLATORS: Explains the customer service charge.
EXPLAIN_CUSTOMER_SERVICE: Final = _("A fixed monthly charge of HT, EHT and large LT connections.")
# TRANSLATORS: Explains meter rent. {rent_months} and {smart_rent_months} are months (60, 96).
EXPLAIN_METER_RENT: Final = _(
    "Monthly rent for the meter, collected for {rent_months} months ({smart_rent_months} for a "
    "single-phase smart meter). None for meters from government "
    "schemes."
)
# TRANSLATORS: Explains the time-of-day tariff. {discount} and {surcharge} are like 10%;
# {tod_start} is a date in your language, {tod_min_load} a load like "10 kW", {solar_from},
# {solar_to} and {peak_from} clock hours (8, 4, 6).
EXPLAIN_TOD: Final = _(
    "From {tod_start}, smart meters above {tod_min_load} pay {discount} less for units in solar "
    "hours ({solar_from} AM to {solar_to} PM) and {surcharge} more in peak hours "
    "({peak_from} PM to midnight)."
)
# TRANSLATORS: Explains Kutir Jyoti. {kj_amount} is its fixed bill (₹70.00), {kj_limit} units (30).
EXPLAIN_KUTIR_JYOTI: Final = _(
    "Kutir Jyoti pays a fixed {kj_amount} a month for up to {kj_limit} units."
)

# --- Is my bill right? --------------------------------------------------------------------------

# TRANSLATORS: The user asked to check a printed bill. Asks for the total amount printed on it.
CHECK_ASK_TOTAL: Final = _(
    "Let us check your bill. What total amount does it print? Send the number."
)
# TRANSLATORS: Asks how many months the bill covers (a provisional or late bill covers several).
CHECK_ASK_MONTHS: Final = _("How many months does this bill cover? Send 1 if it is one month.")
# TRANSLATORS: The answer was not a number of months from 1 to 12.
CHECK_MONTHS_NOT_UNDERSTOOD: Final = _("Please send the number of months, from 1 to 12.")
# TRANSLATORS: The answer was not an amount. Asks again for the bill's total.
CHECK_TOTAL_NOT_UNDERSTOOD: Final = _(
    "Please send the total amount printed on the bill, like 1240."
)
# TRANSLATORS: First line of a bill check. {printed} the bill's total and {expected} the tariff's,
# both money like ₹1,240; {units} a number of units.
CHECK_RESULT: Final = _("Your bill: {printed}. By the tariff, {units} units cost {expected}.")
# TRANSLATORS: First line of a bill check for a bill of several months. {printed} and {expected}
# are money, {units} a number of units, {months} a number of months (2 or more).
CHECK_RESULT_MONTHS: Final = _(
    "Your bill: {printed}. By the tariff, {units} units over {months} months cost {expected}."
)
# TRANSLATORS: The bill agrees with the tariff.
CHECK_AGREES: Final = _("✅ Your bill is right, to the rupee.")
# TRANSLATORS: The bill is more than the tariff gives. {amount} money like ₹60.
CHECK_MORE: Final = _("Your bill is {amount} more than the tariff.")
# TRANSLATORS: The bill is less than the tariff gives. {amount} money like ₹60.
CHECK_LESS: Final = _("Your bill is {amount} less than the tariff.")
# TRANSLATORS: Likely cause: the bill is a provisional or late-read bill of several months.
# {months} a number (2 or more).
CHECK_CAUSE_MONTHS: Final = _(
    "It matches a bill for {months} months (a provisional or late bill): check the period "
    "printed on it."
)
# TRANSLATORS: Likely cause: the bill uses another load. {load} a number, {unit} kW or kVA.
CHECK_CAUSE_LOAD: Final = _(
    "It matches a load of {load} {unit}: check the load printed on the bill."
)
# TRANSLATORS: Likely cause: the rest is electricity duty (a state tax). {percent} like 4%.
CHECK_CAUSE_DUTY: Final = _("The rest looks like electricity duty (state tax) of about {percent}.")
# TRANSLATORS: Likely cause: no meter rent on the bill (a meter older than {rent_months} months,
# like 60, pays none).
CHECK_CAUSE_NO_RENT: Final = _(
    "It matches a bill without meter rent: after {rent_months} months there is none."
)
# TRANSLATORS: Likely cause: the total already takes off the rebate for paying on time.
# {amount} money.
CHECK_CAUSE_REBATE: Final = _("The total already takes off the {amount} rebate for paying on time.")
# TRANSLATORS: The units are more than the load can draw in the month. {units} a number, {load} a
# number, {unit} kW or kVA.
CHECK_CAUSE_LOAD_TOO_SMALL: Final = _(
    "{units} units is more than a {load} {unit} load can draw: the load or the units is wrong."
)
# TRANSLATORS: No cause found. 1912 is the discoms' helpline number.
CHECK_CAUSE_UNKNOWN: Final = _(
    "Look on the bill for arrears or a late payment surcharge. If there is none, call 1912 and ask "
    "how it was worked out."
)
# TRANSLATORS: After a bill check: how to check another bill or start again. "menu" is the word
# the user types to start again.
CHECK_NEXT: Final = _('To check another total, send it. For a new estimate, write "menu".')

# --- Service -------------------------------------------------------------------------------

# TRANSLATORS: Sent at once when too many people are writing for this message to be handled in
# time; the message was not read, so the user must send it again. It may go by SMS: keep it short.
BUSY_SEND_AGAIN: Final = _(
    "Many people are writing just now. Please send your message again in a minute."
)
