"""match_category, match_command, match_language and the Indic-safe processor."""

from pathlib import Path

import pytest
from rapidfuzz import utils

from bot.understanding import (
    FUZZY_MARGIN,
    FUZZY_THRESHOLD,
    Command,
    Match,
    match_category,
    match_command,
    match_language,
)
from bot.understanding.graphemes import clusters, letter_count
from bot.understanding.matching import build_index, match_phrase
from bot.understanding.text import fold, process

# --- processor ---------------------------------------------------------------


@pytest.mark.parametrize("word", ["ଘରୋଇ", "ଶିଳ୍ପ", "ଓଡ଼ିଆ", "घरेलू", "कृषि", "हाँ", "ୟୁନିଟ୍"])
def test_processor_keeps_indic_words_whole(word: str) -> None:
    processed = process(word)
    assert " " not in processed
    assert len(processed) == len(word) or word == "ଓଡ଼ିଆ"  # ଓଡ଼ିଆ is NFC-decomposed


def test_rapidfuzz_default_processor_would_break_odia() -> None:
    # The reason for our own processor: documented in /work/shared/CHANNELS.md.
    assert utils.default_process("ଘରୋଇ") != "ଘରୋଇ"
    assert process("ଘରୋଇ") == "ଘରୋଇ"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("STOP!!", "stop"),
        ("don't know", "dont know"),
        ("don’t know", "dont know"),
        ("ହଁ।", "ହଁ"),  # Devanagari danda used as a full stop in Odia
        ("हाँ!", "हाँ"),
        ("👍 yes 👍", "yes"),
        ("₹250", "250"),
        ("(2)", "2"),
    ],
)
def test_processor_strips_punctuation_and_symbols(raw: str, expected: str) -> None:
    assert process(raw) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("कृषी", "कृषि"),
        ("हां", "हाँ"),
        ("ଘରୋଈ", "ଘରୋଇ"),
        ("ଅଫିସ୍", "ଅଫିସ"),
        ("ghareloo", "gharelo"),
        ("irrigation", "irigation"),
        ("ଓଡିଆ", "ଓଡ଼ିଆ"),
    ],
)
def test_fold_merges_spelling_noise(a: str, b: str) -> None:
    assert fold(process(a)) == fold(process(b))


# --- categories --------------------------------------------------------------

EXACT_CATEGORIES = [
    ("domestic", "1.b"),
    ("Domestic", "1.b"),
    ("Domestic.", "1.b"),
    ("घरेलु", "1.b"),
    ("home", "1.b"),
    ("household", "1.b"),
    ("residential", "1.b"),
    ("ghar", "1.b"),
    ("gharelu", "1.b"),
    ("ghareloo", "1.b"),
    ("gharoi", "1.b"),
    ("ghoroi", "1.b"),
    ("ଘରୋଇ", "1.b"),
    ("ଘର", "1.b"),
    ("घरेलू", "1.b"),
    ("घर", "1.b"),
    ("आवासीय", "1.b"),
    ("kutir jyoti", "1.a"),
    ("Kutir Jyoti", "1.a"),
    ("kutirjyoti", "1.a"),
    ("kutir", "1.a"),
    ("BPL", "1.a"),
    ("କୁଟୀର ଜ୍ୟୋତି", "1.a"),
    ("कुटीर ज्योति", "1.a"),
    ("general purpose", "2"),
    ("shop", "2"),
    ("office", "2"),
    ("commercial", "2"),
    ("dukan", "2"),
    ("dokan", "2"),
    ("ଦୋକାନ", "2"),
    ("ଅଫିସ", "2"),
    ("दुकान", "2"),
    ("ऑफिस", "2"),
    ("व्यावसायिक", "2"),
    ("vyavsayik", "2"),
    ("irrigation", "3"),
    ("agriculture", "3"),
    ("pump", "3"),
    ("farm", "3"),
    ("kheti", "3"),
    ("krushi", "3"),
    ("chasa", "3"),
    ("sinchai", "3"),
    ("ଜଳସେଚନ", "3"),
    ("କୃଷି", "3"),
    ("ଚାଷ", "3"),
    ("सिंचाई", "3"),
    ("कृषि", "3"),
    ("खेती", "3"),
    ("poultry", "4"),
    ("fishery", "4"),
    ("dairy", "4"),
    ("ପୋଲଟ୍ରି", "4"),
    ("मुर्गी पालन", "4"),
    ("poultry farm", "4"),  # the longer phrase wins over "farm"
    ("machha chasa", "4"),  # ... and over "chasa"
    ("cold storage", "5"),
    ("ହିମଘର", "5"),
    ("ହିମ ଘର", "5"),  # ... and over "ଘର"
    ("कोल्ड स्टोरेज", "5"),
    ("street light", "6"),
    ("streetlight", "6"),
    ("small industry", "7"),
    ("laghu udyog", "7"),
    ("small factory", "7"),
    ("ଛୋଟ ଶିଳ୍ପ", "7"),
    ("ଲଘୁ ଶିଳ୍ପ", "7"),
    ("लघु उद्योग", "7"),
    ("छोटा उद्योग", "7"),
    ("kutir udyog", "7"),  # cottage industry, not Kutir Jyoti
    ("medium industry", "8"),
    ("ମଧ୍ୟମ ଶିଳ୍ପ", "8"),
    ("मध्यम उद्योग", "8"),
    ("school", "9"),
    ("hospital", "9"),
    ("ସ୍କୁଲ", "9"),
    ("अस्पताल", "9"),
    ("water works", "10"),
    ("large industry", "23"),
    ("eht large industry", "30"),
    # Inside a sentence.
    ("my domestic connection", "1.b"),
    ("ghar ka bill", "1.b"),
    ("what is the rate for shop?", "2"),
    ("ମୋ ଘରୋଇ ବିଲ୍", "1.b"),
    ("मेरा घरेलू बिल", "1.b"),
    ("domestic 250", "1.b"),
    ("school hospital", "9"),  # two words, one category
]


@pytest.mark.parametrize(("text", "category"), EXACT_CATEGORIES)
def test_match_category_exact(text: str, category: str) -> None:
    assert match_category(text) == Match("exact", category, (category,), 100.0)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("gharelo", "1.b"),
        ("gharellu", "1.b"),
        ("domestik", "1.b"),
        ("domestc", "1.b"),
        ("irigation", "3"),
        ("irrrigation", "3"),
        ("agricultur", "3"),
        ("comercial", "2"),
        ("comercail", "2"),
        ("dokaan", "2"),
        ("officer", "2"),
        ("hospitl", "9"),
        ("poultri", "4"),
        ("cold storag", "5"),
        ("kutirjyothi", "1.a"),
        ("कृषी", "3"),  # vowel length
        ("ଘରୋଈ", "1.b"),
        ("ଦୋକାନ୍", "2"),
        ("smal industry", "7"),  # beats the vague exact "industry"
        ("medum industry", "8"),
        ("small industri", "7"),
    ],
)
def test_match_category_fuzzy(text: str, category: str) -> None:
    result = match_category(text)
    assert result.kind == "fuzzy"
    assert result.value == category
    assert result.candidates == (category,)
    assert result.score >= FUZZY_THRESHOLD


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        # Words that name an industry without its size.
        ("industry", ("7", "8", "23")),
        ("factory", ("7", "8", "23")),
        ("karkhana", ("7", "8", "23")),
        ("ଶିଳ୍ପ", ("7", "8", "23")),
        ("उद्योग", ("7", "8", "23")),
        # Two categories in one message, in the order typed.
        ("shop and home", ("2", "1.b")),
        ("gharelu dukan", ("1.b", "2")),
        ("ଘର ଓ ଦୋକାନ", ("1.b", "2")),
    ],
)
def test_match_category_ambiguous_exact(text: str, candidates: tuple[str, ...]) -> None:
    assert match_category(text) == Match("ambiguous", None, candidates, 100.0)


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("industri", ("7", "8", "23")),
        # Equally close to "ht large industry" and "eht large industry".
        ("ht large industri", ("23", "30")),
    ],
)
def test_match_category_ambiguous_fuzzy(text: str, candidates: tuple[str, ...]) -> None:
    result = match_category(text)
    assert result.kind == "ambiguous"
    assert result.value is None
    assert result.candidates == candidates
    assert FUZZY_THRESHOLD <= result.score < 100


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "250",
        "👍",
        "?!",
        "hello",
        "hi",
        "ok",
        "my bill is too high this month",
        "what is the rate",
        "please send bill copy",
        "tell me about new connection",
        "light",
        "water",
        "asdfgh",
        "stop",
        "ଧନ୍ୟବାଦ",
        "धन्यवाद",
        "hom",  # too short for a fuzzy match
    ],
)
def test_match_category_none(text: str) -> None:
    assert match_category(text) == Match("none")


def test_margin_decides_between_close_values() -> None:
    index = build_index({"a": ("abcdefgh",), "b": ("abcdefgz",)})
    # One letter from both: a tie, so ambiguous, best first in table order.
    tie = match_phrase(index, "abcdefgy")
    assert tie.kind == "ambiguous"
    assert tie.candidates == ("a", "b")
    # A clear winner by more than the margin.
    clear = match_phrase(index, "abcdefghh")
    assert clear.kind == "fuzzy"
    assert clear.value == "a"
    assert FUZZY_MARGIN > 0


# --- commands ----------------------------------------------------------------

COMMANDS = [
    ("menu", Command.MENU),
    ("Menu", Command.MENU),
    ("main menu", Command.MENU),
    ("start over", Command.MENU),
    ("restart", Command.MENU),
    ("ମେନୁ", Command.MENU),
    ("ପୁଣି ଆରମ୍ଭ", Command.MENU),
    ("मेनू", Command.MENU),
    ("फिर से शुरू", Command.MENU),
    ("phir se shuru", Command.MENU),
    ("back", Command.BACK),
    ("ପଛକୁ", Command.BACK),
    ("पीछे", Command.BACK),
    ("wapas", Command.BACK),
    ("pichhe", Command.BACK),
    ("help", Command.HELP),
    ("HELP!", Command.HELP),
    ("ସାହାଯ୍ୟ", Command.HELP),
    ("मदद", Command.HELP),
    ("sahayata", Command.HELP),
    ("madad", Command.HELP),
    ("language", Command.LANGUAGE),
    ("bhasha", Command.LANGUAGE),
    ("ଭାଷା", Command.LANGUAGE),
    ("भाषा", Command.LANGUAGE),
    ("stop", Command.STOP),
    ("STOP", Command.STOP),
    ("Stop.", Command.STOP),
    ("unsubscribe", Command.STOP),
    ("ବନ୍ଦ", Command.STOP),
    ("ବନ୍ଦ କର", Command.STOP),
    ("बंद", Command.STOP),
    ("बन्द", Command.STOP),
    ("रोको", Command.STOP),
    ("band karo", Command.STOP),
    ("start", Command.START),
    ("START", Command.START),
    ("ଆରମ୍ଭ", Command.START),
    ("शुरू", Command.START),
    ("shuru", Command.START),
    ("shuru karo", Command.START),
    ("delete my data", Command.DELETE_DATA),
    ("data delete", Command.DELETE_DATA),
    ("ମୋ ତଥ୍ୟ ହଟାଅ", Command.DELETE_DATA),
    ("मेरा डेटा हटाओ", Command.DELETE_DATA),
    ("yes", Command.YES),
    ("Yes!", Command.YES),
    ("ha", Command.YES),
    ("haan", Command.YES),
    ("ok", Command.YES),
    ("OK", Command.YES),
    ("ହଁ", Command.YES),
    ("ହଁ।", Command.YES),
    ("हाँ", Command.YES),
    ("हां", Command.YES),
    ("no", Command.NO),
    ("na", Command.NO),
    ("nahi", Command.NO),
    ("ନା", Command.NO),
    ("नहीं", Command.NO),
    ("don't know", Command.DONT_KNOW),
    ("don’t know", Command.DONT_KNOW),
    ("dont know", Command.DONT_KNOW),
    ("not sure", Command.DONT_KNOW),
    ("jani nahi", Command.DONT_KNOW),
    ("pata nahi", Command.DONT_KNOW),
    ("ଜାଣିନି", Command.DONT_KNOW),
    ("ଜାଣି ନାହିଁ", Command.DONT_KNOW),
    ("पता नहीं", Command.DONT_KNOW),
    ("मालूम नहीं", Command.DONT_KNOW),
    ("other", Command.OTHER),
    ("others", Command.OTHER),
    ("more", Command.OTHER),
    ("anya", Command.OTHER),
    ("ଅନ୍ୟ", Command.OTHER),
    ("अन्य", Command.OTHER),
    ("दूसरा", Command.OTHER),
    ("skip", Command.SKIP),
    # Courtesy, repetition, emoji, folding and typos of whole messages.
    ("stop please", Command.STOP),
    ("please help", Command.HELP),
    ("कृपया मदद", Command.HELP),
    ("ok ok", Command.YES),
    ("haan haan", Command.YES),
    ("yess", Command.YES),
    ("noo", Command.NO),
    ("haaan", Command.YES),
    ("👍", Command.YES),
    ("👍🏽", Command.YES),
    ("👍👍", Command.YES),
    ("👎", Command.NO),
    ("langauge", Command.LANGUAGE),
    ("unsubscibe", Command.STOP),
    ("menuu", Command.MENU),
    ("startt", Command.START),
    ("delete my dta", Command.DELETE_DATA),
]


@pytest.mark.parametrize(("text", "command"), COMMANDS)
def test_match_command(text: str, command: Command) -> None:
    assert match_command(text) is command


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "bus stop 250",  # a command word inside other content is not a command
        "stop 250",
        "please stop sending bills for my shop",
        "I want to stop",
        "help me with 250 units",
        "yes 250",
        "no 2",
        "domestic",
        "250",
        "hi",
        "hello",
        "stap",  # too short to trust a typo
        "hlep",
        "👍👎",
        "🙂",
        "?",
        "menu " * 20,
        "ଘରୋଇ",
    ],
)
def test_match_command_none(text: str) -> None:
    assert match_command(text) is None


def test_every_command_has_words_in_three_scripts() -> None:
    from bot.understanding.vocabulary import COMMAND_WORDS

    for command in Command:
        words = COMMAND_WORDS[command]
        assert any(w.isascii() for w in words), command
        assert any("\u0b00" <= ch <= "\u0b7f" for w in words for ch in w) or command in (
            Command.SKIP,
        ), command
        assert any("\u0900" <= ch <= "\u097f" for w in words for ch in w), command


# --- languages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("odia", "or"),
        ("Oriya", "or"),
        ("ଓଡ଼ିଆ", "or"),
        ("ଓଡିଆ", "or"),  # without nukta
        ("ଓଡ଼ିଆରେ", "or"),
        ("उड़िया", "or"),
        ("उडिया", "or"),
        ("hindi", "hi"),
        ("HINDI", "hi"),
        ("हिंदी", "hi"),
        ("हिन्दी", "hi"),
        ("ହିନ୍ଦୀ", "hi"),
        ("hindi me batao", "hi"),
        ("english", "en"),
        ("angreji", "en"),
        ("angrezi", "en"),
        ("ଇଂରାଜୀ", "en"),
        ("अंग्रेज़ी", "en"),
        ("अंग्रेजी", "en"),
        ("in english please", "en"),
        ("engilsh", "en"),
        ("hindhi", "hi"),
    ],
)
def test_match_language(text: str, code: str) -> None:
    assert match_language(text) == code


@pytest.mark.parametrize(
    "text", ["", "hi", "en", "or", "hello", "250", "👍", "odia or hindi", "language"]
)
def test_match_language_none(text: str) -> None:
    assert match_language(text) is None


# --- one-letter typos in Odia and Devanagari (grapheme clusters) ---------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ଘରୋଇ", ("ଘ", "ରୋ", "ଇ")),
        ("पोल्ट्री", ("पो", "ल्", "ट्", "री")),  # a conjunct is not joined
        ("ଘର ghar", ("ଘ", "ର", " ", "g", "h", "a", "r")),
        ("\u0b4dଘ", ("\u0b4d", "ଘ")),  # a mark with no base stands alone
        ("", ()),
    ],
)
def test_clusters_are_letters_with_their_marks(text: str, expected: tuple[str, ...]) -> None:
    assert clusters(text) == expected
    assert letter_count(text) == sum(1 for cluster in expected if not cluster.isspace())


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("ଘରୋୟ", "1.b"),  # the reported one: ୟ typed for ଇ in a 3-letter word
        ("ମୋ ଘରୋୟ ବିଲ", "1.b"),
        ("ଦୋକାଣ", "2"),  # ଣ for ନ
        ("ଦୋକନ", "2"),  # vowel sign dropped
        ("ହୋଟଲ", "2"),
        ("ଆବାଶିକ", "1.b"),  # ଶ for ସ
        ("ବ୍ୟବସାଇକ", "2"),
        ("ଜଳସେଚନା", "3"),
        ("घरेलो", "1.b"),  # vowel sign swapped
        ("दुकन", "2"),
        ("किशान", "3"),  # श for स
        ("विध्यालय", "9"),
    ],
)
def test_one_letter_typo_of_short_indic_word(text: str, category: str) -> None:
    result = match_category(text)
    assert (result.kind, result.value) == ("fuzzy", category)
    assert result.score >= FUZZY_THRESHOLD


@pytest.mark.parametrize("text", ["ଘରା", "ଚାଷା", "खेतीत", "ଘରେ", "ଜମି"])
def test_words_of_one_or_two_letters_are_never_fuzzy_targets(text: str) -> None:
    # ଘର, ଚାଷ and खेती have two letters: one letter more is another word.
    assert match_category(text) == Match("none")


@pytest.mark.parametrize(
    ("text", "category"),
    [("ଘରକୁ", "1.b"), ("ଘରର ବିଲ", "1.b"), ("ଦୋକାନରେ", "2"), ("ଚାଷର ପମ୍ପ", "3")],
)
def test_an_odia_case_ending_on_a_listed_word_is_that_word(text: str, category: str) -> None:
    assert (match_category(text).kind, match_category(text).value) == ("exact", category)


def test_equally_close_values_are_ambiguous_in_letters_too() -> None:
    # One letter from मकान (home) and one from दुकान (shop).
    result = match_category("माकान")
    assert result.kind == "ambiguous"
    assert result.candidates == ("1.b", "2")


@pytest.mark.parametrize(
    ("text", "command"),
    [("ସାହାୟ୍ୟ", Command.HELP), ("ଭାଷା ବଦଲାଅ", Command.LANGUAGE), ("ଆରମ୍ବ", Command.START)],
)
def test_command_forgives_one_substituted_letter(text: str, command: Command) -> None:
    assert match_command(text) is command


@pytest.mark.parametrize(
    "text",
    [
        "ଆରମ୍ଭରୁ",  # "from the start": a suffix, not a typo of START
        "ବନ୍ଦର",  # port, one letter from ବନ୍ଦ (STOP)
        "बन्दर",  # monkey, one letter from बन्द (STOP)
        "बंदद",  # a typo of बंद, but as close to मदद (HELP): never a guess
    ],
)
def test_command_letter_typos_never_add_a_letter_or_reach_short_words(text: str) -> None:
    assert match_command(text) is None


@pytest.mark.parametrize(("text", "code"), [("ହିନ୍ଦିରେ", "hi"), ("ଇଂରାଜିରେ", "en")])
def test_language_typos_in_odia(text: str, code: str) -> None:
    assert match_language(text) == code


def test_prisoner_is_not_hindi() -> None:
    # ବନ୍ଦୀ is one letter from ହିନ୍ଦୀ, and a language name switches the reply language.
    assert match_language("ବନ୍ଦୀ") is None


# --- ordinary words never match ----------------------------------------------

NON_VOCABULARY = Path(__file__).parent / "data" / "non_vocabulary_words.txt"


def _non_vocabulary_words() -> list[str]:
    lines = NON_VOCABULARY.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_non_vocabulary_list_is_large_and_in_every_script() -> None:
    words = _non_vocabulary_words()
    assert len(words) >= 300
    assert len(set(words)) == len(words)
    assert any("\u0b00" <= ch <= "\u0b7f" for word in words for ch in word)
    assert any("\u0900" <= ch <= "\u097f" for word in words for ch in word)
    assert sum(word.isascii() for word in words) >= 150


def test_ordinary_words_match_no_category_command_or_language() -> None:
    matched = [
        (word, found)
        for word in _non_vocabulary_words()
        for found in (match_category(word).kind, match_command(word), match_language(word))
        if found not in ("none", None)
    ]
    assert matched == []
