"""Conversation scripts: YAML files of what a user says and what the bot must answer.

:mod:`.format` is the strict model and loader, :mod:`.runner` runs a script in-process or
against a service, :mod:`.cli` is ``bijuli script run``. The format is documented in
CONTRIBUTING.md ("Writing a conversation script").
"""

from bot.scripts.format import Case, Script, ScriptError, Step, expand, find_scripts, load_script
from bot.scripts.runner import CaseResult, Remote, run_case, run_case_remote

__all__ = [
    "Case",
    "CaseResult",
    "Remote",
    "Script",
    "ScriptError",
    "Step",
    "expand",
    "find_scripts",
    "load_script",
    "run_case",
    "run_case_remote",
]
