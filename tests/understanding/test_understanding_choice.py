"""parse_choice(): menu picks."""

import pytest

from bot.understanding import parse_choice


@pytest.mark.parametrize(
    ("text", "n_options", "expected"),
    [
        ("1", 3, 1),
        ("2", 3, 2),
        ("3", 3, 3),
        (" 2 ", 3, 2),
        ("୨", 3, 2),
        ("२", 3, 2),
        ("2.", 3, 2),
        ("2)", 3, 2),
        ("(2)", 3, 2),
        ("#2", 3, 2),
        ("option 2", 3, 2),
        ("Option 2", 3, 2),
        ("option-2", 3, 2),
        ("no. 2", 3, 2),
        ("2 number", 3, 2),
        ("ବିକଳ୍ପ ୨", 3, 2),
        ("ନମ୍ବର ୩", 3, 3),
        ("विकल्प २", 3, 2),
        ("नंबर 2", 3, 2),
        ("2️⃣", 3, 2),
        ("10", 10, 10),
        ("02", 3, 2),
    ],
)
def test_parse_choice(text: str, n_options: int, expected: int) -> None:
    assert parse_choice(text, n_options) == expected


@pytest.mark.parametrize(
    ("text", "n_options"),
    [
        ("", 3),
        ("0", 3),
        ("4", 3),
        ("-1", 3),
        ("2.5", 3),
        ("1,2", 3),
        ("1 2", 3),
        ("two", 3),
        ("domestic", 3),
        ("domestic 2", 3),
        ("option", 3),
        ("250 units", 3),
        ("1", 0),
        ("1", -5),
        ("9" * 5000, 3),
        ("👍", 3),
        ("²", 3),  # a superscript is a digit to str.isdigit but not a menu pick
    ],
)
def test_parse_choice_none(text: str, n_options: int) -> None:
    assert parse_choice(text, n_options) is None
