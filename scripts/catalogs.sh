#!/usr/bin/env bash
# Manage Bijuli's gettext catalogs (domain "bijuli", python-holidays style: .po committed without
# line numbers; .pot and .mo are built and git-ignored).
#
#   scripts/catalogs.sh extract [POT]   code → template (default locales/bijuli.pot)
#   scripts/catalogs.sh update          extract, then merge the template into every .po
#   scripts/catalogs.sh compile         .po → .mo (what `make catalogs` does)
#   scripts/catalogs.sh init LANG       start a catalog for a new language from the template
#   scripts/catalogs.sh check           run the catalog quality checks (bot.i18n.checks)
#
# Uses $PYBABEL / $PYTHON if set, else the project's .venv, else whatever is on PATH.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DOMAIN=bijuli
LOCALES=locales
POT="$LOCALES/$DOMAIN.pot"
LANGS=(or hi en)

if [[ -z "${PYBABEL:-}" ]]; then
    if [[ -x .venv/bin/pybabel ]]; then PYBABEL=.venv/bin/pybabel; else PYBABEL=pybabel; fi
fi
if [[ -z "${PYTHON:-}" ]]; then
    if [[ -x .venv/bin/python ]]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi

usage() {
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

extract() {
    local output="${1:-$POT}"
    # Markers: _("text") and _n("singular", "plural") from bot.i18n.markers only. Babel's
    # default keywords are off: translators call t.gettext(msgid) with a message chosen at run
    # time, and a literal in such a call is not a message. No locations and sorted output keep the .po
    # files stable when code moves; "# TRANSLATORS:" comments become the translators' notes.
    "$PYBABEL" --quiet extract \
        --mapping-file babel.cfg \
        --output-file "$output" \
        --no-default-keywords --keyword _ --keyword _n:1,2 \
        --add-comments TRANSLATORS: --strip-comments \
        --no-location --sort-output --no-wrap \
        --project Bijuli --version 0.1.0 \
        --copyright-holder "Bijuli contributors" \
        .
}

update() {
    extract "$POT"
    # --ignore-pot-creation-date keeps the .po headers unchanged when only the date moved;
    # --ignore-obsolete drops messages that left the code instead of keeping them as #~ entries.
    "$PYBABEL" --quiet update \
        --input-file "$POT" --output-dir "$LOCALES" --domain "$DOMAIN" \
        --no-wrap --ignore-obsolete --ignore-pot-creation-date
}

compile() {
    "$PYBABEL" compile --domain "$DOMAIN" --directory "$LOCALES" --statistics
}

init() {
    local lang="${1:?usage: scripts/catalogs.sh init LANG}"
    extract "$POT"
    "$PYBABEL" --quiet init \
        --input-file "$POT" --output-dir "$LOCALES" --domain "$DOMAIN" \
        --locale "$lang" --no-wrap
    echo "created $LOCALES/$lang/LC_MESSAGES/$DOMAIN.po; check its Plural-Forms header" >&2
}

check() {
    "$PYTHON" -m bot.i18n.checks
}

case "${1:-}" in
    extract) shift; extract "$@" ;;
    update) update ;;
    compile) compile ;;
    init) shift; init "$@" ;;
    check) check ;;
    *) usage ;;
esac
