"""detect_language(): native script decides; Latin script is read by its words."""

import pytest

from bot.understanding import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ଘରୋଇ", "or"),
        ("ମୋର ୨୫୦ ୟୁନିଟ", "or"),
        ("ଓଡ଼ିଆ", "or"),
        ("घरेलू", "hi"),
        ("मेरा बिल 300 यूनिट", "hi"),
        ("domestic 250", "en"),
        ("gharelu 180 unit", "hi"),  # Latin-script Hindi is Hindi, not English
        ("gharoi 180 unit", "or"),  # …and Latin-script Odia is Odia
        ("mera bill kitna hai", "hi"),
        ("ଘରୋଇ 250 unit", "or"),
        ("ଘର units 250", "or"),  # any Odia word outweighs the Latin ones
        ("ମୋ ଘର electricity bill", "or"),
        ("ଘର घर", "or"),  # tie between Indic scripts: Odia (an Odisha service)
        ("ab ଘର", "or"),
        ("घर ଘରୋଇ ଘର", "or"),
        ("घरेलू घर ଘर", "hi"),
        ("how much is my bill", "en"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "250",
        "୨୫୦",
        "२५०",
        "👍",
        "😀😀",
        "?!.,",
        "₹250",
        "12,450 - 12,710",
        "\u200d",
        "250 units",  # "units" is said alike in all three languages
        "Café",  # Latin letters alone are no longer English: no known word
    ],
)
def test_no_signal_no_language(text: str) -> None:
    assert detect_language(text) is None
