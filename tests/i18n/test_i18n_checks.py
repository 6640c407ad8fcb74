"""The catalog checks themselves: helpers on good and bad input, and one malformed catalog per
failure mode, each mapped to the words its report must say (so a check that stops firing fails).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from bot.i18n.checks import (
    Issue,
    PlaceholderError,
    brace_placeholders,
    check_against_template,
    check_catalog,
    check_translator_comments,
    find_duplicate_msgids,
    percent_placeholders,
    script_violations,
)


def header(lang: str, plural_forms: str = "nplurals=2; plural=(n != 1);") -> str:
    """Return a minimal catalog header."""
    return (
        'msgid ""\nmsgstr ""\n'
        f'"Language: {lang}\\n"\n'
        f'"Plural-Forms: {plural_forms}\\n"\n'
        '"Content-Type: text/plain; charset=utf-8\\n"\n\n'
    )


def write_po(tmp_path: Path, lang: str, body: str, head: str | None = None) -> Path:
    """Write a catalog at ``<tmp>/<lang>/LC_MESSAGES/bijuli.po`` and return its path."""
    path = tmp_path / lang / "LC_MESSAGES" / "bijuli.po"
    path.parent.mkdir(parents=True)
    path.write_text((header(lang) if head is None else head) + body, encoding="utf-8")
    return path


def report(issues: list[Issue]) -> str:
    """Join issues into one text for assertions."""
    return "\n".join(map(str, issues))


# ---------------------------------------------------------------- script_violations


@pytest.mark.parametrize(
    "text",
    [
        "",
        "କ୍ଷମା କରିବେ, ମୁଁ ଏହା ବୁଝିପାରିଲି ନାହିଁ।",
        "ଦୟାକରି 1 ରୁ {count} ମଧ୍ୟରୁ ଗୋଟିଏ ନମ୍ବର ପଠାନ୍ତୁ।",
        "ମୋଟ: ₹1,23,456.50",
        "ପ୍ରାୟ {amount} ଟଙ୍କା",
        "100 kWh ପାଇଁ 5 kW ଲୋଡ୍",
        "SMSରେ ଉତ୍ତର ଦିଅନ୍ତୁ",
        "ToD ଶୁଳ୍କ ଓ e-bill ରିହାତି",
        "ଅଧିକ ପାଇଁ https://www.oerc.org/bill?x=1 ଦେଖନ୍ତୁ",
        "ଓଡ଼ିଆ",  # nukta
        "ଶ୍ର\u200dଦ୍ଧା",  # zero-width joiner
        "୧୨୩ ୟୁନିଟ",  # Odia digits are in the block
        "ବନ୍ଦ କରିବାକୁ STOP ଲେଖନ୍ତୁ 🙏",
        "%(units)s ୟୁନିଟ",
    ],
)
def test_odia_text_passes_script_check(text: str) -> None:
    assert script_violations(text, "or") == []


@pytest.mark.parametrize(
    ("text", "violations"),
    [
        ("ମୋଟ Units: {units}", ["Units"]),
        ("ମୋଟ ବିଲ्", ["्"]),  # a Devanagari virama inside an Odia word
        ("आपका बिल", ["आपका", "बिल"]),
        ("100 kwh ପାଇଁ", ["kwh"]),  # allowlisted tokens are case-sensitive
        ("Rs. 100 ମାତ୍ର", ["Rs"]),
        ("ଟଙ୍କାRs", ["Rs"]),
        ("ବିଲ୍ café", ["café"]),
        ("বিল", ["বিল"]),  # Bengali
    ],
)
def test_foreign_letters_in_odia_fail_script_check(text: str, violations: list[str]) -> None:
    assert script_violations(text, "or") == violations


@pytest.mark.parametrize(
    "text",
    [
        "माफ़ कीजिए, यह बात समझ में नहीं आई।",
        "लगभग {amount} रुपये",
        "100 kWh के लिए ₹1,23,456.50",
        "WhatsApp पर e-bill देखें",
    ],
)
def test_hindi_text_passes_script_check(text: str) -> None:
    assert script_violations(text, "hi") == []


@pytest.mark.parametrize(
    ("text", "violations"),
    [
        ("कुल Units: {units}", ["Units"]),
        ("ଆପଣଙ୍କ बिल", ["ଆପଣଙ୍କ"]),
        ("Bill देखें", ["Bill"]),
    ],
)
def test_foreign_letters_in_hindi_fail_script_check(text: str, violations: list[str]) -> None:
    assert script_violations(text, "hi") == violations


def test_script_check_allowlist_can_be_extended() -> None:
    assert script_violations("CA ନମ୍ବର", "or") == ["CA"]
    assert script_violations("CA ନମ୍ବର", "or", allowed={"CA"}) == []


def test_english_has_no_required_script() -> None:
    assert script_violations("Units used: {units}", "en") == []


# ---------------------------------------------------------------- placeholders


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("no placeholders", set()),
        ("{units} units at {rate}", {"units", "rate"}),
        ("{amount:,} and {amount}", {"amount"}),
        ("literal {{braces}}", set()),
        ("{ୟୁନିଟ}", {"ୟୁନିଟ"}),
    ],
)
def test_brace_placeholders(text: str, names: set[str]) -> None:
    assert brace_placeholders(text) == names


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{} units", "not a plain name"),
        ("{0} units", "not a plain name"),
        ("{bill.total}", "not a plain name"),
        ("{lines[0]}", "not a plain name"),
        ("{units units", "malformed braces"),
        ("units}", "malformed braces"),
    ],
)
def test_bad_brace_placeholders_are_rejected(text: str, words: str) -> None:
    with pytest.raises(PlaceholderError, match=words):
        brace_placeholders(text)


def test_percent_placeholders() -> None:
    assert percent_placeholders("%(units)s at %s, 100%% sure, %d") == ("%(units)s", "%d", "%s")
    assert percent_placeholders("50% discount") == ()


# ---------------------------------------------------------------- duplicates


def test_duplicates_found_also_across_continuation_lines() -> None:
    text = header("or") + (
        'msgid "Hello there"\nmsgstr "a"\n\n'
        'msgid ""\n"Hello "\n"there"\nmsgstr "b"\n\n'
        'msgctxt "menu"\nmsgid "Hello there"\nmsgstr "c"\n\n'
        '#~ msgid "Hello there"\n#~ msgstr "d"\n'
    )
    assert find_duplicate_msgids(text) == ["Hello there"]


def test_no_duplicates_in_distinct_messages() -> None:
    text = header("or") + 'msgid "a"\nmsgstr "x"\n\nmsgid "b"\nmsgid_plural "a"\nmsgstr[0] "y"\n'
    assert find_duplicate_msgids(text) == []


# ---------------------------------------------------------------- one bad catalog per mode

GOOD_ODIA = (
    '#. A greeting.\nmsgid "Hello"\nmsgstr "ନମସ୍କାର"\n\n'
    'msgid "{units} unit"\nmsgid_plural "{units} units"\n'
    'msgstr[0] "{units} ୟୁନିଟ"\nmsgstr[1] "{units} ୟୁନିଟ"\n'
)


def test_good_catalog_has_no_issues(tmp_path: Path) -> None:
    assert check_catalog(write_po(tmp_path, "or", GOOD_ODIA)) == []


BAD_CATALOGS: dict[str, tuple[str, str, list[str]]] = {
    # failure mode: (language, catalog body, words the report must contain)
    "untranslated": ("or", 'msgid "Hello"\nmsgstr ""\n', ["'Hello'", "untranslated"]),
    "untranslated_english": ("en", 'msgid "Hello"\nmsgstr ""\n', ["untranslated"]),
    "untranslated_plural_form": (
        "hi",
        'msgid "{n} unit"\nmsgid_plural "{n} units"\nmsgstr[0] "{n} यूनिट"\nmsgstr[1] ""\n',
        ["'{n} unit'", "untranslated"],
    ),
    "fuzzy": (
        "or",
        '#, fuzzy\nmsgid "Hello"\nmsgstr "ନମସ୍କାର"\n',
        ["fuzzy translation", "remove the '#, fuzzy' flag"],
    ),
    "obsolete": (
        "or",
        'msgid "Hello"\nmsgstr "ନମସ୍କାର"\n\n#~ msgid "Goodbye"\n#~ msgstr "ବିଦାୟ"\n',
        ["'Goodbye'", "obsolete entry"],
    ),
    "duplicate": (
        "or",
        'msgid "Hello"\nmsgstr "ନମସ୍କାର"\n\nmsgid "Hello"\nmsgstr "ନମସ୍କାର"\n',
        ["'Hello'", "duplicate msgid"],
    ),
    "placeholder_dropped": (
        "or",
        'msgid "Units used: {units}"\nmsgstr "ବ୍ୟବହୃତ ୟୁନିଟ"\n',
        ["{name} placeholder mismatch", "msgid has ['units'], msgstr has []"],
    ),
    "placeholder_renamed": (
        "hi",
        'msgid "Units used: {units}"\nmsgstr "खपत: {unit}"\n',
        ["{name} placeholder mismatch", "msgstr has ['unit']"],
    ),
    "placeholder_translated": (
        "or",
        'msgid "Units used: {units}"\nmsgstr "ବ୍ୟବହୃତ: {ୟୁନିଟ}"\n',
        ["{name} placeholder mismatch", "ୟୁନିଟ"],
    ),
    "placeholder_added": (
        "or",
        'msgid "Hello"\nmsgstr "ନମସ୍କାର {name}"\n',
        ["{name} placeholder mismatch", "msgid has []"],
    ),
    "plural_placeholder_missing_everywhere": (
        "or",
        'msgid "{units} unit"\nmsgid_plural "{units} units"\nmsgstr[0] "ୟୁନିଟ"\nmsgstr[1] "ୟୁନିଟ"\n',
        ["{name} placeholder mismatch"],
    ),
    "positional_placeholder": (
        "or",
        'msgid "{} units"\nmsgstr "{} ୟୁନିଟ"\n',
        ["msgid:", "not a plain name"],
    ),
    "malformed_braces": (
        "or",
        'msgid "Units used: {units}"\nmsgstr "ବ୍ୟବହୃତ ୟୁନିଟ: {units"\n',
        ["msgstr:", "malformed braces"],
    ),
    "percent_placeholder_dropped": (
        "hi",
        'msgid "%(units)s units"\nmsgstr "यूनिट"\n',
        ["% placeholder mismatch", "%(units)s"],
    ),
    "percent_placeholder_count": (
        "hi",
        'msgid "%s of %s"\nmsgstr "%s"\n',
        ["% placeholder mismatch", "as often as in the msgid"],
    ),
    "latin_word_in_odia": (
        "or",
        'msgid "Units used: {units}"\nmsgstr "ବ୍ୟବହୃତ Units: {units}"\n',
        ["wrong script", "['Units']", "not Odia", "ALLOWED_LATIN_TOKENS"],
    ),
    "hindi_in_odia_catalog": (
        "or",
        'msgid "Hello"\nmsgstr "नमस्ते"\n',
        ["wrong script", "not Odia"],
    ),
    "english_left_in_hindi": (
        "hi",
        'msgid "Hello"\nmsgstr "Hello"\n',
        ["wrong script", "['Hello']", "not Devanagari"],
    ),
}


@pytest.mark.parametrize("mode", sorted(BAD_CATALOGS))
def test_bad_catalog_is_reported(mode: str, tmp_path: Path) -> None:
    lang, body, words = BAD_CATALOGS[mode]
    issues = check_catalog(write_po(tmp_path, lang, body))
    text = report(issues)
    assert issues, f"{mode}: no issue reported"
    for word in words:
        assert word in text, f"{mode}: {word!r} not in report:\n{text}"


BAD_HEADERS: dict[str, tuple[str, list[str]]] = {
    "fuzzy_header": ("#, fuzzy\n" + header("or"), ["header is marked fuzzy", "would skip"]),
    "wrong_language": (header("hi"), ["header Language is 'hi', expected 'or'"]),
    "wrong_plural_forms": (
        header("or", "nplurals=1; plural=0;"),
        ["header Plural-Forms", "expected 'nplurals=2; plural=(n != 1);'"],
    ),
    "unparsable": (header("or") + "bogus line\n", ["cannot be parsed", "misformatted keyword"]),
}


@pytest.mark.parametrize("mode", sorted(BAD_HEADERS))
def test_bad_header_is_reported(mode: str, tmp_path: Path) -> None:
    head, words = BAD_HEADERS[mode]
    text = report(check_catalog(write_po(tmp_path, "or", 'msgid "Hi"\nmsgstr "ନମସ୍କାର"\n', head)))
    for word in words:
        assert word in text, f"{mode}: {word!r} not in report:\n{text}"


def test_catalog_not_in_utf8_is_reported(tmp_path: Path) -> None:
    path = write_po(tmp_path, "or", "")
    path.write_bytes(header("or").encode() + 'msgid "Hi"\nmsgstr "ନମସ୍କାର"\n'.encode("utf-16"))
    assert "not valid UTF-8" in report(check_catalog(path))


def test_issue_names_file_and_message(tmp_path: Path) -> None:
    path = write_po(tmp_path, "or", 'msgid "Hello"\nmsgstr ""\n')
    (issue,) = check_catalog(path)
    assert str(issue) == f"{path}: 'Hello': untranslated: msgstr is empty"


# ---------------------------------------------------------------- catalog vs code


def template_of(*messages: str | tuple[str, str], comment: bool = True) -> Catalog:
    """Build a template catalog as extraction would."""
    catalog = Catalog(domain="bijuli")
    for message in messages:
        catalog.add(message, auto_comments=["A note."] if comment else [])
    return catalog


def test_message_in_code_missing_from_catalog_is_reported(tmp_path: Path) -> None:
    path = write_po(tmp_path, "or", GOOD_ODIA)
    template = template_of("Hello", ("{units} unit", "{units} units"), "Goodbye")
    text = report(check_against_template(path, template))
    assert "'Goodbye': missing: in the code but not in this catalog" in text
    assert "run scripts/catalogs.sh update" in text


def test_message_no_longer_in_code_is_reported_stale(tmp_path: Path) -> None:
    path = write_po(tmp_path, "or", GOOD_ODIA)
    text = report(check_against_template(path, template_of("Hello")))
    assert "'{units} unit': stale: in this catalog but not in the code" in text


def test_changed_plural_form_is_reported(tmp_path: Path) -> None:
    path = write_po(tmp_path, "or", GOOD_ODIA)
    template = template_of("Hello", ("{units} unit", "{units} units of energy"))
    text = report(check_against_template(path, template))
    assert "missing" in text
    assert "stale" in text


def test_catalog_in_step_with_code_has_no_issues(tmp_path: Path) -> None:
    path = write_po(tmp_path, "or", GOOD_ODIA)
    template = template_of("Hello", ("{units} unit", "{units} units"))
    assert check_against_template(path, template) == []


def test_message_without_translator_comment_is_reported(tmp_path: Path) -> None:
    template = template_of("Hello", comment=False)
    text = report(check_translator_comments(template, tmp_path / "bijuli.pot"))
    assert "'Hello': no '# TRANSLATORS:' comment above it in the code" in text
