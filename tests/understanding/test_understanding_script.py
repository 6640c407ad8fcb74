"""detect_language(): language by Unicode script."""

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
        ("gharelu 180 unit", "en"),  # Latin-script Odia reads as Latin
        ("mera bill kitna hai", "en"),
        ("Café", "en"),
        ("ଘରୋଇ 250 unit", "or"),  # 5 Odia code points vs 4 Latin letters
        ("ଘର units 250", "en"),  # majority of letters wins
        ("ଘର घर", "or"),  # tie between Indic scripts: Odia (an Odisha service)
        ("ab ଘର", "or"),  # tie with Latin: the Indic script wins
        ("घर ଘରୋଇ ଘର", "or"),
        ("घरेलू घर ଘର", "hi"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "250", "୨୫୦", "२५०", "👍", "😀😀", "?!.,", "₹250", "12,450 - 12,710", "\u200d"],
)
def test_no_letters_no_language(text: str) -> None:
    assert detect_language(text) is None
