"""The script loader: one malformed file per failure mode, each mapped to the words its error
must say (file, step, key), and what a well-formed script means."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.scripts.format import Case, ScriptError, expand, fill, find_scripts, load_script

MALFORMED = Path(__file__).parent / "malformed"
CONVERSATIONS = Path(__file__).parents[1] / "conversations"

#: file → the words its error must contain (besides the file's own path).
EXPECTED_ERRORS: dict[str, tuple[str, ...]] = {
    "unknown-top-key": ("key 'nmae'", "unknown key"),
    "unknown-step-key": ("step 3", "key 'reply_contain'", "unknown key"),
    "missing-steps": ("key 'steps'", "missing"),
    "empty-steps": ("key 'steps'", "at least 1"),
    "bad-language": ("key 'language'", "'or', 'hi' or 'en'"),
    "bad-channel": ("key 'channel'", "'whatsapp' or 'sms'"),
    "bad-month": ("key 'month'", "YYYY-MM", "2026-13"),
    "bad-name": ("key 'name'", "no spaces"),
    "duplicate-key": ("line 6", "duplicate key 'say'"),
    "not-yaml": ("not valid YAML", "line 5"),
    "not-a-mapping": ("a script is a mapping",),
    "unquoted-placeholder": ("step 1", "key 'say'", "quote a placeholder"),
    "placeholder-without-variants": ("{units}", "no variants"),
    "variant-missing-value": ("variant 2", "no value for units"),
    "variant-unused-value": ("variant 1", "extra", "not used"),
    "duplicate-variant-names": ("two variants have the same name",),
    "bad-regex": ("step 2", "key 'reply_matches'", "bad regular expression"),
    "unknown-session-path": ("step 2", "key 'session'", "'answers.unit'", "not a session field"),
    "unknown-estimate-key": ("step 1", "key 'estimate.totl'", "unknown key"),
    "bad-amount": ("step 1", "key 'estimate.total'", "not an amount"),
    "bad-start": ("start:", "key 'state'"),
    "start-unknown-answer": ("start:", "key 'answers.categry'", "unknown key"),
    "repeat-too-long": ("step 1", "key 'say'", "more than 20000 characters"),
    "no-reply-with-contains": ("step 2", "no_reply cannot be combined"),
}


def test_every_malformed_file_has_expected_words() -> None:
    assert {p.stem for p in MALFORMED.glob("*.yaml")} == set(EXPECTED_ERRORS)


@pytest.mark.parametrize("stem", sorted(EXPECTED_ERRORS))
def test_malformed_script_error_names_file_step_and_key(stem: str) -> None:
    path = MALFORMED / f"{stem}.yaml"
    with pytest.raises(ScriptError) as raised:
        load_script(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: "), message
    for words in EXPECTED_ERRORS[stem]:
        assert words in message, f"{words!r} not in {message!r}"
    assert raised.value.path == path


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScriptError, match="cannot read"):
        load_script(tmp_path / "nowhere.yaml")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "script.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_yes_and_no_stay_words_and_numbers_become_text(tmp_path: Path) -> None:
    script = load_script(
        _write(
            tmp_path,
            "name: words\nlanguage: en\nchannel: sms\n"
            "steps:\n  - say: no\n  - say: yes\n  - say: 250\n  - say: hi\n    no_reply: true\n",
        )
    )
    assert [step.say for step in script.steps] == ["no", "yes", "250", "hi"]
    assert script.steps[3].no_reply is True


def test_variants_expand_into_labelled_cases(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "name: quick\nlanguage: or\nchannel: whatsapp\n"
        "variants:\n  - {units: 250, cat: domestic}\n  - {name: odia, units: ୨୫୦, cat: ଘରୋଇ}\n"
        "steps:\n  - say: '{cat} {units}'\n    reply_contains: '{units} and {other}'\n"
        "    session: {answers.category: '{cat}'}\n",
    )
    cases = expand(load_script(path), path)
    assert [case.test_id for case in cases] == ["quick[variant-1]", "quick[odia]"]
    first, second = cases
    assert first.say(first.script.steps[0]) == "domestic 250"
    assert second.say(second.script.steps[0]) == "ଘରୋଇ ୨୫୦"
    step = second.step(second.script.steps[0])
    assert step.reply_contains == ["୨୫୦ and {other}"]  # unknown names are left alone
    assert step.session == {"answers.category": "ଘରୋଇ"}
    assert "units='୨୫୦'" in second.description


def test_repeat_builds_a_long_paste(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "name: paste\nlanguage: hi\nchannel: sms\nsteps:\n  - say: {repeat: 'ab', times: 2500}\n",
    )
    case = Case(load_script(path), path, {}, None)
    assert case.say(case.script.steps[0]) == "ab" * 2500
    assert case.test_id == "paste"


def test_start_is_validated_into_a_session_in_the_script_language(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "name: start\nlanguage: hi\nchannel: sms\n"
        "start: {state: units, answers: {category: '1.b', demand: 2, answered: [demand]}}\n"
        "steps:\n  - say: '250'\n",
    )
    session = load_script(path).start_session()
    assert session is not None
    assert (session.language, session.channel, session.state) == ("hi", "sms", "units")
    assert str(session.answers.demand) == "2"


def test_fill_keeps_literal_braces() -> None:
    assert fill(r"\d{2} {x} {y}", {"x": "1"}) == r"\d{2} 1 {y}"


def test_find_scripts_searches_directories() -> None:
    found = find_scripts([CONVERSATIONS])
    assert found
    assert all(p.suffix in (".yaml", ".yml") for p in found)
    assert found == sorted(found)


def test_every_committed_script_loads() -> None:
    for path in find_scripts([CONVERSATIONS]):
        load_script(path)
