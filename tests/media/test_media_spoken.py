"""The spoken script: every figure of the summary, in words of the listener's language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from media_support import HOME, HT_INDUSTRY, speak

from bot.i18n import LANGUAGES, Language
from bot.i18n.catalogs import Translator
from bot.i18n.checks import script_violations
from bot.media.number_speech import decimal_words, rupees_words
from bot.media.spoken import speakable


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("request_", [HOME, HT_INDUSTRY], ids=["home", "ht"])
def test_the_script_says_every_figure_in_words(language: Language, request_: object) -> None:
    t = Translator.load(language)
    spoken = speak(request_, t)  # type: ignore[arg-type]
    est = spoken.estimate
    assert not any(char.isdigit() for char in spoken.script), spoken.script
    for amount in (est.charges_total, est.payable_by_due_date):
        assert rupees_words(amount, t) in spoken.script
    assert decimal_words(est.units, t) in spoken.script
    assert spoken.saving is not None
    assert speakable(spoken.saving, t) in spoken.script
    assert "₹" not in spoken.script
    assert "*" not in spoken.script


@pytest.mark.parametrize("language", ["or", "hi"])
def test_the_script_is_in_the_listeners_script(language: Language) -> None:
    """Odia and Hindi scripts hold no English words a translator forgot (the voice would read
    them with an English accent, or letter by letter)."""
    script = speak(HT_INDUSTRY, Translator.load(language)).script
    assert script_violations(script, language) == []


def test_the_ht_script_says_kvah_in_full() -> None:
    script = speak(HT_INDUSTRY, Translator.load("en")).script
    assert "five lakh kilovolt-ampere hours" in script


@pytest.mark.parametrize(
    ("language", "shown", "said"),
    [
        (
            "en",
            "💡 *Pay online* and save ₹1,234.50 (2%)",
            "Pay online and save one thousand two "
            "hundred and thirty four rupees and fifty paise ( two percent )",
        ),
        ("en", "Load taken as 1.5 kW.", "Load taken as one point five kilowatt ."),
        (
            "en",
            "110 kVA and above, 300 kVAh, 5 kWh",
            "one hundred and ten kilovolt-ampere and "
            "above, three hundred kilovolt-ampere hours , five units",
        ),
        ("en", "Call 1912.", "Call one nine one two ."),
        ("hi", "1912 पर कॉल करें", "एक नौ एक दो पर कॉल करें"),
        ("or", "₹25.00 ଅଧିକ", "ପଚିଶ ଟଙ୍କା ଅଧିକ"),
        ("en", "kW: in kW", "kilowatt : in kilowatt"),
        (
            "en",
            "1,250 units, 12,34,567.8",
            "one thousand two hundred and fifty units, twelve "
            "lakh thirty four thousand five hundred and sixty seven point eight",
        ),
    ],
)
def test_speakable_rewrites_screen_text(language: Language, shown: str, said: str) -> None:
    assert speakable(shown, Translator.load(language)) == said


def test_speakable_leaves_no_digit_in_any_language() -> None:
    for language in LANGUAGES:
        t = Translator.load(language)
        text = speakable("₹-0.50, -₹3, 0.05%, 99,99,99,999, ୨୫୦, २५०, 1912ରେ", t)
        assert not any(char.isdigit() for char in text), text


def test_native_digits_are_said_as_numbers() -> None:
    t = Translator.load("or")
    assert speakable("୨୫୦", t) == rupees_words(Decimal(250), t).replace(" ଟଙ୍କା", "")
