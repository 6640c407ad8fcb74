"""The committed catalogs are complete, clean and in step with the messages in the code.

These tests are generic: they police every message that exists, now and as messages are added.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from bot.i18n import DOMAIN, LANGUAGES, default_locales_dir, messages
from bot.i18n.checks import (
    check_against_template,
    check_all,
    check_catalog,
    check_translator_comments,
    extract_template,
)

LOCALES = default_locales_dir()


def po_path(lang: str) -> Path:
    """Return the committed catalog for ``lang``."""
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def message_keys(catalog: Catalog) -> set[tuple[object, str | None]]:
    """Return the (msgid, context) pairs of ``catalog``, plural msgids as tuples."""
    return {
        (tuple(m.id) if isinstance(m.id, list | tuple) else m.id, m.context)
        for m in catalog
        if m.id
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The messages in the code, extracted with ``scripts/catalogs.sh extract``."""
    return extract_template(tmp_path_factory.mktemp("pot") / f"{DOMAIN}.pot")


def test_locales_dir_is_at_repo_root() -> None:
    assert Path(__file__).resolve().parents[2] / "locales" == LOCALES


def test_extraction_finds_marked_messages(template: Catalog) -> None:
    assert messages.NOT_UNDERSTOOD in template
    units = template.get(messages.UNITS.singular)
    assert units is not None
    assert tuple(units.id) == (messages.UNITS.singular, messages.UNITS.plural)


def test_every_message_in_code_has_translator_comment(template: Catalog, tmp_path: Path) -> None:
    issues = check_translator_comments(template, tmp_path / "bijuli.pot")
    assert not issues, "\n".join(map(str, issues))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_exists(lang: str) -> None:
    assert po_path(lang).is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_clean(lang: str) -> None:
    issues = check_catalog(po_path(lang), lang)
    assert not issues, "\n".join(map(str, issues))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_has_every_message_in_code_and_no_other(lang: str, template: Catalog) -> None:
    issues = check_against_template(po_path(lang), template)
    assert not issues, "\n".join(map(str, issues))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_msgids_equal_extracted_template(lang: str, template: Catalog) -> None:
    with po_path(lang).open("rb") as po_file:
        catalog = read_po(po_file)
    assert message_keys(catalog) == message_keys(template)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_has_no_line_numbers(lang: str) -> None:
    text = po_path(lang).read_text(encoding="utf-8")
    assert "\n#: " not in text, (
        "catalogs are kept without locations; run scripts/catalogs.sh update"
    )


def test_check_all_reports_nothing() -> None:
    issues = check_all()
    assert not issues, "\n".join(map(str, issues))
