"""Quality checks for Bijuli's catalogs, used by the tests and ``scripts/catalogs.sh check``.

A catalog passes when it has the expected header, and every message

* is translated (``en`` too: a msgstr equal to the msgid is fine, an empty one is not),
* is neither fuzzy nor obsolete, and appears once,
* has exactly the ``{placeholders}`` (and ``%``-style placeholders, if any) of its msgid,
* in ``or`` / ``hi``, uses only Odia (U+0B00–0B7F) / Devanagari (U+0900–097F) letters, apart from
  the tokens in :data:`ALLOWED_LATIN_TOKENS`, placeholders, URLs and e-mail addresses,
* exists in the code, and every message in the code exists in the catalog; every message in the
  code also has a ``# TRANSLATORS:`` note.

Each problem is an :class:`Issue` whose text says what is wrong and what to do about it.
"""

from __future__ import annotations

import itertools
import os
import re
import string
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final, NamedTuple

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, unescape

from bot.i18n.catalogs import DOMAIN, LANGUAGES, default_locales_dir

__all__ = [
    "ALLOWED_LATIN_TOKENS",
    "EXPECTED_PLURAL_FORMS",
    "SCRIPTS",
    "Issue",
    "PlaceholderError",
    "Script",
    "brace_placeholders",
    "check_against_template",
    "check_all",
    "check_catalog",
    "check_translator_comments",
    "extract_template",
    "find_duplicate_msgids",
    "percent_placeholders",
    "script_violations",
]


class Script(NamedTuple):
    """A writing system by its Unicode block."""

    name: str
    first: int
    last: int


SCRIPTS: Final[Mapping[str, Script]] = {
    "or": Script("Odia", 0x0B00, 0x0B7F),
    "hi": Script("Devanagari", 0x0900, 0x097F),
}
"""The script each non-English catalog must be written in."""

ALLOWED_LATIN_TOKENS: Final = frozenset(
    {
        "kW",
        "kWh",
        "kVA",
        "kVAh",
        "ToD",
        "SMS",
        "WhatsApp",
        "OERC",
        "e-bill",
        "STOP",
        # The opt-back-in command after STOP: users must type it as is (SMS keyword).
        "START",
        # The word a Latin-script Odia/Hindi writer types to switch to English: shown as is.
        "English",
        # Horsepower, as pump plates and farmers write it.
        "HP",
        "TPCODL",
        "TPNODL",
        "TPSODL",
        "TPWODL",
    }
)
"""Latin-script tokens allowed inside Odia and Hindi text (exact case). Extend deliberately."""

EXPECTED_PLURAL_FORMS: Final[Mapping[str, str]] = dict.fromkeys(
    LANGUAGES, "nplurals=2; plural=(n != 1);"
)
"""The ``Plural-Forms`` header each catalog must declare."""

_JOINERS: Final = frozenset("-\u200c\u200d")  # hyphen, zero-width non-joiner and joiner
_IGNORED_SPANS: Final = re.compile(
    r"\{[^{}]*\}"  # {placeholder}
    r"|%\(\w+\)[sd]"  # %(placeholder)s
    r"|(?:https?://|www\.)\S+"  # URL
    r"|\S+@\S+\.\w+"  # e-mail address
)
_PERCENT: Final = re.compile(r"%%|%\(\w+\)[sd]|%[sd]")


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in one catalog: where, which message ("" for the whole file) and what."""

    path: Path
    msgid: str
    problem: str

    def __str__(self) -> str:
        """Render as ``path: 'msgid': problem``."""
        where = f"{self.path}: {self.msgid!r}" if self.msgid else str(self.path)
        return f"{where}: {self.problem}"


class PlaceholderError(ValueError):
    """A message's braces cannot be read as named ``{placeholders}``."""


def brace_placeholders(text: str) -> frozenset[str]:
    """Return the names of the ``{placeholders}`` in ``text`` (``{{`` and ``}}`` are literal).

    Raises :class:`PlaceholderError` for unbalanced braces and for placeholders that are not
    plain names (``{}``, ``{0}``, ``{bill.total}``, ``{lines[0]}``).
    """
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
    except ValueError as exc:
        raise PlaceholderError(
            f"malformed braces ({exc}); write a literal brace as {{{{ or }}}}"
        ) from None
    for field in fields:
        if not field.isidentifier():
            raise PlaceholderError(
                f"placeholder {{{field}}} is not a plain name; use a named placeholder "
                "such as {units}"
            )
    return frozenset(fields)


def percent_placeholders(text: str) -> tuple[str, ...]:
    """Return the ``%s``, ``%d`` and ``%(name)s`` placeholders in ``text``, sorted."""
    return tuple(sorted(match for match in _PERCENT.findall(text) if match != "%%"))


def _words(text: str) -> Iterator[str]:
    """Yield runs of letters, combining marks and joiners (so Indic words stay whole)."""

    def is_word_char(char: str) -> bool:
        return unicodedata.category(char)[0] in "LM" or char in _JOINERS

    for is_word, chars in itertools.groupby(text, key=is_word_char):
        if is_word and (word := "".join(chars).strip("-")):
            yield word


def script_violations(
    text: str, lang: str, allowed: Iterable[str] = ALLOWED_LATIN_TOKENS
) -> list[str]:
    """Return the pieces of ``text`` written outside ``lang``'s script (empty when clean).

    Placeholders, URLs, e-mail addresses, digits, punctuation and symbols (₹) are ignored, as are
    the ``allowed`` tokens, also when a native suffix is attached (``SMSରେ``). Languages without a
    required script (``en``) never have violations.
    """
    script = SCRIPTS.get(lang)
    if script is None:
        return []
    allowed_tokens = frozenset(allowed)
    native = re.compile(f"[{chr(script.first)}-{chr(script.last)}\u200c\u200d]+")
    violations: list[str] = []
    for word in _words(_IGNORED_SPANS.sub(" ", text)):
        for piece in native.split(word):
            token = piece.strip("-")
            if token and token not in allowed_tokens:
                violations.append(token)
    return violations


def find_duplicate_msgids(po_text: str) -> list[str]:
    """Return msgids that occur more than once in ``po_text`` (Babel's reader keeps one silently).

    Obsolete (``#~``) entries are not counted; a msgid repeated under a different ``msgctxt`` is
    not a duplicate.
    """
    seen: set[tuple[str | None, str]] = set()
    duplicates: list[str] = []
    context: str | None = None
    keyword: str | None = None
    parts: list[str] = []

    def finish() -> None:
        nonlocal context, keyword
        value = "".join(unescape(part) for part in parts)
        if keyword == "msgctxt":
            context = value
        elif keyword == "msgid":
            if (context, value) in seen:
                duplicates.append(value)
            seen.add((context, value))
            context = None
        keyword = None
        parts.clear()

    for raw_line in po_text.splitlines():
        line = raw_line.strip()
        if line.startswith('"'):
            parts.append(line)
            continue
        finish()
        head, _, rest = line.partition(" ")
        if head in ("msgctxt", "msgid"):
            keyword = head
            parts.append(rest.strip())
    finish()
    return duplicates


def _texts(message: Message) -> tuple[str, ...]:
    """Return the translated form(s) of ``message``."""
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return tuple(text or "" for text in strings)


def _source_texts(message: Message) -> tuple[str, ...]:
    """Return the English form(s) of ``message``."""
    return tuple(message.id) if isinstance(message.id, tuple | list) else (message.id,)


def _msgid(message: Message) -> str:
    """Return the (singular) msgid of ``message`` for reports."""
    return _source_texts(message)[0]


def _placeholder_issues(message: Message) -> list[str]:
    """Compare the placeholders of ``message``'s translation(s) with its msgid(s).

    A plain message must keep exactly the msgid's placeholders. In a plural message each form may
    drop some (``"one unit"``), but all forms together must use exactly those of both msgids.
    """
    sources, texts = _source_texts(message), _texts(message)
    problems: list[str] = []
    try:
        expected = frozenset().union(*(brace_placeholders(text) for text in sources))
    except PlaceholderError as exc:
        return [f"msgid: {exc}"]
    found: list[frozenset[str]] = []
    for text in texts:
        try:
            found.append(brace_placeholders(text))
        except PlaceholderError as exc:
            problems.append(f"msgstr: {exc}")
    if problems:
        return problems
    plural = len(sources) > 1
    for style, expected_set, found_sets in (
        ("{name}", expected, found),
        (
            "%",
            frozenset(p for t in sources for p in percent_placeholders(t)),
            [frozenset(percent_placeholders(t)) for t in texts],
        ),
    ):
        union = frozenset().union(*found_sets)
        if union != expected_set:
            problems.append(
                f"{style} placeholder mismatch: msgid has {sorted(expected_set)}, msgstr has "
                f"{sorted(union)}; keep every placeholder exactly as in the msgid"
            )
    if (
        not problems
        and not plural
        and percent_placeholders(texts[0]) != percent_placeholders(sources[0])
    ):
        problems.append("% placeholder mismatch: each %s / %d must appear as often as in the msgid")
    return problems


def _read_catalog(path: Path, issues: list[Issue]) -> Catalog | None:
    """Parse ``path`` strictly; on failure record an issue and return ``None``."""
    try:
        with path.open("rb") as po_file:
            return read_po(po_file, domain=DOMAIN, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        issues.append(Issue(path, "", f"cannot be parsed as a .po file: {exc}"))
        return None


def _header_issues(path: Path, lang: str, catalog: Catalog) -> Iterator[Issue]:
    """Check the catalog header: not fuzzy, right Language and Plural-Forms."""
    headers = dict(catalog.mime_headers)
    if catalog.fuzzy:
        yield Issue(
            path,
            "",
            "header is marked fuzzy, so pybabel compile would skip the whole catalog; "
            "remove '#, fuzzy' above the header",
        )
    if headers.get("Language") != lang:
        yield Issue(path, "", f"header Language is {headers.get('Language')!r}, expected {lang!r}")
    expected_plural = EXPECTED_PLURAL_FORMS.get(lang)
    if expected_plural is not None and headers.get("Plural-Forms") != expected_plural:
        yield Issue(
            path,
            "",
            f"header Plural-Forms is {headers.get('Plural-Forms')!r}, expected {expected_plural!r}",
        )


def _message_issues(
    path: Path, lang: str, catalog: Catalog, message: Message, allowed: frozenset[str]
) -> Iterator[Issue]:
    """Check one message: translated, not fuzzy, placeholders and script."""
    msgid = _msgid(message)
    texts = _texts(message)
    if message.fuzzy:
        yield Issue(
            path,
            msgid,
            "fuzzy translation (needs review): check it, then remove the '#, fuzzy' flag",
        )
    if message.pluralizable and len(texts) != catalog.num_plurals:
        yield Issue(path, msgid, f"has {len(texts)} plural forms, expected {catalog.num_plurals}")
    if not all(texts):
        yield Issue(path, msgid, "untranslated: msgstr is empty")
        return
    for problem in _placeholder_issues(message):
        yield Issue(path, msgid, problem)
    script = SCRIPTS.get(lang)
    for text in texts:
        violations = script_violations(text, lang, allowed)
        if script is not None and violations:
            yield Issue(
                path,
                msgid,
                f"wrong script: {violations} in {text!r} are not {script.name}; translate them "
                "or, for a technical token, add it to ALLOWED_LATIN_TOKENS",
            )


def check_catalog(
    path: Path, lang: str | None = None, *, allowed: Iterable[str] = ALLOWED_LATIN_TOKENS
) -> list[Issue]:
    """Check one ``.po`` file; ``lang`` defaults to its directory (``<lang>/LC_MESSAGES``)."""
    language = lang or path.parent.parent.name
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return [Issue(path, "", f"not valid UTF-8 ({exc}); save the file as UTF-8")]
    issues = [
        Issue(path, msgid, "duplicate msgid: keep one entry")
        for msgid in find_duplicate_msgids(text)
    ]
    catalog = _read_catalog(path, issues)
    if catalog is None:
        return issues
    issues.extend(_header_issues(path, language, catalog))
    allowed_tokens = frozenset(allowed)
    for message in catalog:
        if message.id:
            issues.extend(_message_issues(path, language, catalog, message, allowed_tokens))
    issues.extend(
        Issue(path, _msgid(message), "obsolete entry (#~): delete it")
        for message in catalog.obsolete.values()
    )
    return issues


def _keys(catalog: Catalog) -> dict[tuple[object, str | None], Message]:
    """Index the messages of ``catalog`` by full id (a tuple for plurals) and context."""
    return {
        (tuple(m.id) if isinstance(m.id, list) else m.id, m.context): m for m in catalog if m.id
    }


def check_against_template(path: Path, template: Catalog) -> list[Issue]:
    """Report messages in the code but not in ``path``, and messages in ``path`` but not in code."""
    issues: list[Issue] = []
    catalog = _read_catalog(path, issues)
    if catalog is None:
        return issues
    in_code, in_catalog = _keys(template), _keys(catalog)
    issues.extend(
        Issue(
            path,
            _msgid(in_code[key]),
            "missing: in the code but not in this catalog; "
            "run scripts/catalogs.sh update and translate it",
        )
        for key in in_code.keys() - in_catalog.keys()
    )
    issues.extend(
        Issue(
            path,
            _msgid(in_catalog[key]),
            "stale: in this catalog but not in the code; run scripts/catalogs.sh update",
        )
        for key in in_catalog.keys() - in_code.keys()
    )
    return sorted(issues, key=lambda issue: issue.msgid)


def check_translator_comments(template: Catalog, path: Path) -> list[Issue]:
    """Report messages in the code that have no ``# TRANSLATORS:`` note above them."""
    return [
        Issue(path, _msgid(message), "no '# TRANSLATORS:' comment above it in the code")
        for message in template
        if message.id and not message.auto_comments
    ]


def extract_template(output: Path, root: Path | None = None) -> Catalog:
    """Run ``scripts/catalogs.sh extract OUTPUT`` in ``root`` (the repo) and read the result.

    The pybabel next to the running Python is used, so the check sees the same Babel as the code.
    """
    repo = root or default_locales_dir().parent
    pybabel = Path(sys.executable).parent / "pybabel"
    env = dict(os.environ)
    if pybabel.exists():
        env["PYBABEL"] = str(pybabel)
    result = subprocess.run(
        ["bash", str(repo / "scripts" / "catalogs.sh"), "extract", str(output)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"pybabel extract failed ({result.returncode}): {result.stderr}")
    with output.open("rb") as pot_file:
        return read_po(pot_file, domain=DOMAIN, abort_invalid=True)


def check_all(root: Path | None = None) -> list[Issue]:
    """Run every check on the repository's catalogs against freshly extracted messages."""
    repo = root or default_locales_dir().parent
    locales = repo / "locales"
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / f"{DOMAIN}.pot"
        template = extract_template(pot, repo)
        issues = check_translator_comments(template, pot)
    for lang in LANGUAGES:
        path = locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not path.exists():
            issues.append(Issue(path, "", f"missing: run scripts/catalogs.sh init {lang}"))
            continue
        issues.extend(check_catalog(path, lang))
        issues.extend(check_against_template(path, template))
    return issues


def main() -> int:
    """Print every issue in the repository's catalogs; exit status 1 if there are any."""
    issues = check_all()
    for issue in issues:
        print(issue)
    print(f"{len(issues)} issue(s) in {len(LANGUAGES)} catalogs", file=sys.stderr)
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main())
