"""Build hook: compile the gettext catalogs into the package, so ``pip install .`` ships them.

Everything else about the build is in pyproject.toml. ``locales/<lang>/LC_MESSAGES/bijuli.po``
(the committed catalogs) are compiled with Babel to ``bot/locales/<lang>/LC_MESSAGES/bijuli.mo``
inside the built package, where :func:`bot.i18n.catalogs.default_locales_dir` finds them when
the code does not run from a source checkout.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DOMAIN = "bijuli"


class BuildWithCatalogs(build_py):
    """``build_py`` that also writes each language's compiled catalog into ``bot/locales``."""

    def run(self) -> None:
        """Build the Python packages, then compile every catalog next to them."""
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        catalogs = sorted((ROOT / "locales").glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
        if not catalogs:
            raise SystemExit("no catalogs under locales/: the package would speak no language")
        for po_path in catalogs:
            language = po_path.parts[-3]
            target = Path(self.build_lib, "bot", "locales", language, "LC_MESSAGES")
            target.mkdir(parents=True, exist_ok=True)
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=language, domain=DOMAIN)
            # Fuzzy entries are left out, as at run time (Translator compiles the same way).
            with (target / f"{DOMAIN}.mo").open("wb") as mo_file:
                write_mo(mo_file, catalog, use_fuzzy=False)


setup(cmdclass={"build_py": BuildWithCatalogs})
