"""Messages of the spoken estimate: what the voice says, and the words it says numbers with.

They are heard, not read: a voice (espeak-ng) speaks them to people who may not read, so they
are plain sentences that end in a full stop, with no symbols, abbreviations or emoji. Numbers and
amounts arrive already written as words (:mod:`bot.media.number_speech`).
"""

from __future__ import annotations

from typing import Final

from bot.i18n.markers import PluralMessage, _, _n

# TRANSLATORS: Spoken (not written) at the start of a voice note of a bill estimate, for
# people who may not read. Bijuli is the bot's name. A plain sentence, no symbols.
SPOKEN_INTRO: Final = _("Here is Bijuli's estimate of your electricity bill.")

# TRANSLATORS: Spoken. {category} is the connection type, e.g. "Domestic"; {units} is a number
# already in words, e.g. "two hundred and fifty"; {unit} is the word for the units, e.g. "units".
SPOKEN_USAGE: Final = _("Connection: {category}. Electricity used: {units} {unit}.")

# TRANSLATORS: Spoken. {amount} is an amount in words with the word for rupees, e.g.
# "one thousand one hundred and ninety five rupees and fifty paise".
SPOKEN_TOTAL: Final = _("The charges come to {amount}.")

# TRANSLATORS: Spoken. What to pay if paid by the due date on the bill. {amount} is in words
# with the word for rupees.
SPOKEN_PAY_BY_DUE: Final = _("Pay {amount} by the due date.")

# TRANSLATORS: Spoken. Introduces the one tip that saves this consumer most money; {saving} is
# the tip itself, a full sentence already translated.
SPOKEN_SAVING: Final = _("A way to save: {saving}")

# TRANSLATORS: Spoken. The unit in which large (HT, EHT) consumers' energy is billed, kVAh,
# said in full: "{units} kilovolt-ampere hours".
SPOKEN_KVAH: Final = _("kilovolt-ampere hours")

# TRANSLATORS: Spoken. The unit kW said in full, e.g. after "two" in "two kilowatt".
SPOKEN_KILOWATT: Final = _("kilowatt")

# TRANSLATORS: Spoken. The unit kVA said in full, e.g. after "a hundred" in "a hundred
# kilovolt-ampere".
SPOKEN_KVA: Final = _("kilovolt-ampere")

# TRANSLATORS: Spoken. The % sign said as a word, after a number: "five percent".
SPOKEN_PERCENT: Final = _("percent")

# TRANSLATORS: Spoken. The decimal point said as a word: "two point five".
SPOKEN_POINT: Final = _("point")

# TRANSLATORS: Spoken. The minus sign said as a word before a negative number.
SPOKEN_MINUS: Final = _("minus")

# TRANSLATORS: Spoken. A number of rupees; {amount} is the number in words, e.g. "two hundred
# and fifty".
SPOKEN_RUPEES: Final[PluralMessage] = _n("{amount} rupee", "{amount} rupees")

# TRANSLATORS: Spoken. A number of paise (1/100 rupee); {amount} is the number in words, e.g.
# "fifty".
SPOKEN_PAISE: Final[PluralMessage] = _n("{amount} paisa", "{amount} paise")

# TRANSLATORS: Spoken. Rupees and paise together, as an amount is said aloud: {rupees} is
# e.g. "two hundred and fifty rupees", {paise} e.g. "fifty paise". Leave out "and" where your
# language does not say it.
SPOKEN_RUPEES_AND_PAISE: Final = _("{rupees} and {paise}")
