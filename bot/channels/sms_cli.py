"""``bijuli sms templates``: the SMS template registry for DLT registration.

::

    bijuli sms templates --csv      # every template as CSV on stdout (the DLT bulk upload)
    bijuli sms templates --write    # regenerate data/sms_templates.yaml from the catalogs
    bijuli sms templates --check    # exit 1 when the file is not what the catalogs give
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from bot.channels.sms_templates import DATA_FILE, export_csv, load_registry

__all__ = ["data_path", "register_sms"]


def data_path() -> Path:
    """Where the registry file lives in the source tree (the package's data directory)."""
    return Path(str(resources.files("bot.channels").joinpath("data", DATA_FILE)))


def _dlt_ids(path: Path) -> dict[str, str]:
    """The DLT template ids an operator filled into the current file, by template name."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    return {
        str(entry["name"]): str(entry["dlt_template_id"])
        for entries in (data.get("languages") or {}).values()
        for entry in entries or []
        if entry.get("dlt_template_id")
    }


def expected_text(path: Path | None = None) -> str:
    """What the registry file should hold, from the catalogs (keeping filled-in DLT ids)."""
    from bot.channels.sms_template_source import build, render_yaml

    return render_yaml(build(), _dlt_ids(path or data_path()))


def _templates(args: argparse.Namespace) -> int:
    path = data_path()
    if args.write:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(expected_text(path), "utf-8")
        print(f"wrote {path}", file=sys.stderr)
        return 0
    if args.check:
        if path.read_text("utf-8") != expected_text(path):
            print(f"{path} is out of date: run `bijuli sms templates --write`", file=sys.stderr)
            return 1
        return 0
    templates = load_registry().templates(args.lang)
    if args.csv:
        sys.stdout.write(export_csv(templates))
    else:
        for template in templates:
            print(f"{template.name}\t{len(template.slots)}\t{template.text!r}")
    return 0


def register_sms(subcommands: Any) -> None:
    """Add ``bijuli sms templates``."""
    parser = subcommands.add_parser("sms", help="SMS for India: the DLT template registry")
    sms = parser.add_subparsers(dest="sms_command", required=True, metavar="SMS_COMMAND")
    templates = sms.add_parser("templates", help="list, export or regenerate the templates")
    mode = templates.add_mutually_exclusive_group()
    mode.add_argument("--csv", action="store_true", help="CSV for the DLT portal on stdout")
    mode.add_argument("--write", action="store_true", help="regenerate the data file")
    mode.add_argument("--check", action="store_true", help="fail if the data file is stale")
    templates.add_argument("--lang", choices=("or", "hi", "en"), help="one language only")
    templates.set_defaults(handler=_templates)
