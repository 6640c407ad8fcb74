"""Loading Bijuli's gettext catalogs and translating messages by their English message id.

Layout (gettext domain ``bijuli``)::

    locales/bijuli.pot                      template, extracted from the code (built, ignored)
    locales/<lang>/LC_MESSAGES/bijuli.po    translations (committed, no line numbers)
    locales/<lang>/LC_MESSAGES/bijuli.mo    compiled by ``make catalogs`` (built, ignored)

The locales directory is found relative to this package (the repository root is the parent of
``bot/``) unless a ``locales_dir`` is passed; an installed wheel has no repository root and carries
the compiled catalogs as ``bot/locales/<lang>/LC_MESSAGES/bijuli.mo`` instead.
:meth:`Translator.load` uses the compiled ``.mo`` when it is at least as new as its ``.po``;
otherwise it compiles the ``.po`` in memory with Babel, so tests and ``bijuli chat`` work without a
build step and an edited ``.po`` is never shadowed by a stale ``.mo``. Untranslated messages fall
back to the English message id.

The ``.mo`` is opened by its exact path rather than through :func:`gettext.translation`, which
expands ``hi`` to candidates such as ``hi_IN.ISCII-DEV`` (it could load a different file from the
one whose freshness was checked) and keeps its own process-wide cache.

Translators are cached per (language, locales directory) and the cache is guarded by a lock, so
concurrent requests share one immutable translator. Call :meth:`Translator.clear_cache` after
changing catalogs in a long-running process.

How to mark messages in source code is described in :mod:`bot.i18n.markers`.
"""

from __future__ import annotations

import functools
import gettext
import io
import logging
import threading
from pathlib import Path
from typing import ClassVar, Final, Literal, get_args

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.i18n.markers import PluralMessage

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "CatalogError",
    "CatalogNotFoundError",
    "Language",
    "MissingPlaceholderError",
    "Translator",
    "UnknownLanguageError",
    "default_locales_dir",
    "parse_language",
]

log = logging.getLogger(__name__)

Language = Literal["or", "hi", "en"]
"""A language Bijuli speaks: Odia, Hindi or English (ISO 639-1 codes, as in the catalogs)."""

LANGUAGES: Final[tuple[Language, ...]] = get_args(Language)
"""All supported languages, Odia first (the default audience)."""

DOMAIN: Final = "bijuli"
"""The gettext domain: catalogs are named ``bijuli.po`` / ``bijuli.mo``."""


class CatalogError(Exception):
    """Base class for localisation errors.

    ::

        CatalogError
        ├── UnknownLanguageError (also ValueError)     language code not in LANGUAGES
        ├── CatalogNotFoundError (also FileNotFoundError)  no .po or .mo for a language
        └── MissingPlaceholderError (also KeyError)    a {placeholder} was not supplied
    """


class UnknownLanguageError(CatalogError, ValueError):
    """A language code that Bijuli has no catalog for."""

    def __init__(self, lang: str) -> None:
        super().__init__(
            f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}",
        )
        self.lang = lang


class CatalogNotFoundError(CatalogError, FileNotFoundError):
    """Neither a compiled ``.mo`` nor a ``.po`` exists for a language."""

    def __init__(self, lang: str, po_path: Path) -> None:
        super().__init__(
            f"no catalog for language {lang!r}: {po_path} does not exist "
            f"(run `scripts/catalogs.sh init {lang}`)",
        )
        self.lang = lang
        self.po_path = po_path


class MissingPlaceholderError(CatalogError, KeyError):
    """A message was formatted without a value for one of its ``{placeholders}``."""

    def __init__(self, msgid: str, placeholder: str) -> None:
        super().__init__(
            f"message {msgid!r} needs a value for placeholder {{{placeholder}}}",
        )
        self.msgid = msgid
        self.placeholder = placeholder

    def __str__(self) -> str:
        """Return the plain message (``KeyError`` would otherwise show its repr)."""
        return str(self.args[0])


@functools.cache
def default_locales_dir() -> Path:
    """Return ``<repo>/locales`` in a source checkout (``<repo>`` holds ``bot/`` and
    ``pyproject.toml``); in an installed package, ``bot/locales``, where the build put the
    compiled catalogs (see ``setup.py``). Found once per process: every message asks for it."""
    package = Path(__file__).resolve().parents[1]
    checkout = package.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "locales").is_dir():
        return checkout / "locales"
    return package / "locales"


def parse_language(lang: str) -> Language:
    """Return ``lang`` as a :data:`Language`, or raise :class:`UnknownLanguageError`."""
    for known in LANGUAGES:
        if lang == known:
            return known
    raise UnknownLanguageError(lang)


def _fill(msgid: str, text: str, params: dict[str, object]) -> str:
    """Fill ``{named}`` placeholders of ``text`` (the translation of ``msgid``)."""
    try:
        return text.format_map(params)
    except KeyError as exc:
        raise MissingPlaceholderError(msgid, str(exc.args[0])) from None


class Translator:
    """Translations of Bijuli's messages into one language. Immutable; safe to share."""

    _cache: ClassVar[dict[tuple[Language, Path], Translator]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        lang: Language,
        translations: gettext.NullTranslations,
        source: Literal["mo", "po"],
    ) -> None:
        """Wrap loaded ``translations``; use :meth:`load` rather than calling this directly."""
        self.lang: Final = lang
        self.source: Final = source
        """Where the translations came from: the compiled ``.mo`` or the ``.po`` in memory."""
        self._translations = translations

    def __repr__(self) -> str:
        """Show the language and where its catalog was loaded from."""
        return f"Translator(lang={self.lang!r}, source={self.source!r})"

    @classmethod
    def load(cls, lang: str, locales_dir: Path | None = None) -> Translator:
        """Return the (cached) translator for ``lang`` from ``locales_dir`` (default: repo's)."""
        language = parse_language(lang)
        directory = default_locales_dir() if locales_dir is None else locales_dir.resolve()
        key = (language, directory)
        with cls._lock:
            cached = cls._cache.get(key)
            if cached is None:
                cached = cls._cache[key] = cls._read(language, directory)
            return cached

    @classmethod
    def clear_cache(cls) -> None:
        """Forget every loaded translator, so the next :meth:`load` reads the catalogs again."""
        with cls._lock:
            cls._cache.clear()

    @classmethod
    def _read(cls, lang: Language, locales_dir: Path) -> Translator:
        """Read the catalog for ``lang``: the ``.mo`` if fresh, else compile the ``.po``."""
        messages_dir = locales_dir / lang / "LC_MESSAGES"
        po_path = messages_dir / f"{DOMAIN}.po"
        mo_path = messages_dir / f"{DOMAIN}.mo"
        po_mtime = po_path.stat().st_mtime if po_path.exists() else None
        if mo_path.exists() and (po_mtime is None or mo_path.stat().st_mtime >= po_mtime):
            with mo_path.open("rb") as mo_file:
                return cls(lang, gettext.GNUTranslations(mo_file), "mo")
        if po_mtime is None:
            raise CatalogNotFoundError(lang, po_path)
        log.debug("compiling %s in memory (no .mo, or .mo older than .po)", po_path)
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=lang, domain=DOMAIN)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        return cls(lang, gettext.GNUTranslations(buffer), "po")

    def gettext(self, msgid: str) -> str:
        """Return the translation of ``msgid`` (the English text itself if untranslated)."""
        return self._translations.gettext(msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Return the translation of the singular/plural pair appropriate for count ``n``."""
        return self._translations.ngettext(singular, plural, n)

    def format(self, msgid: str, /, **params: object) -> str:
        """Translate ``msgid`` and fill its ``{named}`` placeholders from ``params``.

        Raises :class:`MissingPlaceholderError` (a ``KeyError``) naming the message and the
        placeholder if a value is missing. Extra parameters are ignored.
        """
        return _fill(msgid, self.gettext(msgid), params)

    def format_plural(self, message: PluralMessage, n: int, /, **params: object) -> str:
        """Translate the form of ``message`` for count ``n`` and fill its placeholders.

        ``n`` only chooses the form; pass the (formatted) count as a named parameter too.
        """
        text = self.ngettext(message.singular, message.plural, n)
        return _fill(message.singular, text, params)
