"""No function in bot.understanding raises, and long pastes stay cheap."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.understanding import (
    Match,
    Quantity,
    detect_language,
    find_quantities,
    guess_language,
    match_category,
    match_command,
    match_language,
    normalize,
    parse_choice,
    parse_number,
    parse_quantity,
    parse_readings,
)
from bot.understanding.facts import extract
from bot.understanding.numbers import MAX_INPUT_CHARS

# Text that looks like what users send: digits in three scripts, separators,
# unit words and category words, so Hypothesis reaches the interesting paths.
PIECES = st.sampled_from(
    [
        "250",
        "୨୫୦",
        "२५०",
        "1,23,456",
        "1,2,3",
        ".",
        ",",
        "-",
        " ",
        "₹",
        "rs",
        "kw",
        "kva",
        "hp",
        "units",
        "ୟୁନିଟ୍",
        "यूनिट",
        "domestic",
        "ଘରୋଇ",
        "घरेलू",
        "industry",
        "stop",
        "option",
        "\u200c",
        "\u200d",
        "👍",
        "2️⃣",
    ]
)
USERISH = st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=30).map("".join)
ANY_TEXT = st.one_of(st.text(), USERISH)


def _run_all(text: str) -> None:
    assert isinstance(normalize(text), str)
    assert detect_language(text) in (None, "or", "hi", "en")
    guess = guess_language(text)
    assert guess is None or guess.language == detect_language(text)
    number = parse_number(text)
    assert number is None or isinstance(number, Decimal)
    quantity = parse_quantity(text)
    assert quantity is None or isinstance(quantity, Quantity)
    assert all(isinstance(q, Quantity) for q in find_quantities(text))
    readings = parse_readings(text)
    assert readings is None or len(readings) == 2
    category = match_category(text)
    assert isinstance(category, Match)
    assert (category.value is not None) == (category.kind in ("exact", "fuzzy"))
    assert (len(category.candidates) > 1) == (category.kind == "ambiguous")
    match_command(text)
    assert match_language(text) in (None, "or", "hi", "en")
    facts = extract(text)
    assert all(0 <= fact.start <= fact.end <= len(facts.text) for fact in facts.facts)
    for n in (0, 1, 3, 10):
        choice = parse_choice(text, n)
        assert choice is None or 1 <= choice <= n


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_nothing_raises(text: str) -> None:
    _run_all(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


LONG_PASTES = [
    "lorem ipsum dolor sit amet " * 200,
    "ଘରୋଇ ଦୋକାନ ଶିଳ୍ପ " * 300,
    "1," * 2500,
    "9" * 5000,
    "1" * 4999 + " units",
    "12450 12710 " * 420,
    "domestic 250 shop 180 " * 230,
    "a" * 5000,
    "(" * 5000,
    "👍" * 5000,
    "\u200d" * 5000,
]


def test_long_pastes_are_refused_and_only_their_start_is_read() -> None:
    # How fast is measured in bench/; here: the work is bounded because only the start is read.
    for paste in LONG_PASTES:
        assert len(paste) >= 5000
        assert extract(paste) == extract(paste[: 2 * MAX_INPUT_CHARS])
        assert parse_number(paste) is None
        assert parse_readings(paste) is None
        extract(paste)
        assert match_command(paste) is None
        assert parse_choice(paste, 5) is None
        assert match_category(paste).kind in ("none", "ambiguous")
        parse_quantity(paste)
        find_quantities(paste)
        match_language(paste)
        detect_language(paste)
        guess_language(paste)


def test_number_cut_by_the_length_cap_is_not_misread() -> None:
    # 499 spaces and then a long number: the cap would cut it in two.
    text = " " * 498 + "123456"
    assert parse_number(text) is None
    # A number that ends before the cap is read normally.
    assert parse_number(" " * 490 + "250" + " " * 100) == Decimal(250)


def test_many_numbers_are_read_from_the_start_only() -> None:
    text = " ".join(str(n) for n in range(2000))
    assert parse_number(text) is None
    quantities = find_quantities(text)
    assert quantities
    assert quantities == find_quantities(text[: 2 * MAX_INPUT_CHARS])


def test_long_repetitive_paste_reads_only_the_start() -> None:
    # Only the first 500 characters are read; one number repeated is still one number.
    paste = "domestic 250 " * 400
    assert parse_number(paste) == Decimal(250)
    facts = extract(paste)
    assert facts.all("category") == ["1.b"]
    assert facts.get("number") == Decimal(250)
