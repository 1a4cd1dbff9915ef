"""Tests for `factcheck checklist list | show | validate`: exit codes, stdout and stderr."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

FIXTURES = Path(__file__).parents[1] / "fixtures" / "checklists"
REPO = Path(__file__).resolve().parents[2]
TIMING = re.compile(r"in \d+\.\d{3} s\)")


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    # Built-in checklists are shown relative to the working directory.
    monkeypatch.chdir(REPO)


def run(*args: str, color: str = "never") -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--color", color, *args])
    return result.exit_code, result.stdout, result.stderr


def lines(text: str) -> list[str]:
    return [TIMING.sub("in T s)", line.rstrip()) for line in text.splitlines()]


def test_list_shows_the_builtins() -> None:
    code, out, err = run("checklist", "list")
    assert (code, err) == (0, "")
    assert lines(out)[0] == "Checklists"
    ids = [line.split("│")[1].strip() for line in lines(out) if line.startswith("│ ")]
    assert [i for i in ids if i] == ["admiralty", "craap", "quick", "sift"]
    assert lines(out)[-1] == "Show one with: factcheck checklist show NAME"


def test_show_lists_questions_branches_and_rules() -> None:
    code, out, err = run("checklist", "show", "quick")
    assert (code, err) == (0, "")
    text = lines(out)
    assert text[0] == "Quick source check  quick v1"
    assert "File: checklists/quick.yaml" in text
    assert "2. original_matches  required  a finding of research" in text
    assert any("asked when primary_source == yes  (60% of cases)" in line for line in text)
    assert any("suggested  nothing if not attribution.speaker_known;" in line for line in text)
    assert any("otherwise (default)" in line and "Unproven" in line for line in text)
    assert text[-1].startswith("Checked 360 reachable combinations of answers and facts in ")


def test_show_admiralty_includes_the_grade() -> None:
    code, out, _ = run("checklist", "show", "admiralty")
    assert code == 0
    assert "Admiralty grade (letter + digit, such as B2)" in out
    assert "F Reliability cannot be judged" in out
    assert "6 Truth cannot be judged" in out


def test_show_unknown_name_is_one_error_line() -> None:
    code, out, err = run("checklist", "show", "quik")
    assert (code, out) == (1, "")
    assert err == (
        "Error: unknown checklist 'quik' (built-in: admiralty, craap, quick, sift); give a path "
        "to use your own YAML file\n"
    )


EMPTY_NAME = (
    "empty checklist name (built-in: admiralty, craap, quick, sift); give a name or the path "
    "to a YAML file"
)


@pytest.mark.parametrize("name", ["", " "])
def test_show_or_validate_without_a_name_is_one_error(name: str) -> None:
    # Path('') is the working folder: the message must not be "is a folder".
    assert run("checklist", "show", name) == (1, "", f"Error: {EMPTY_NAME}\n")
    code, out, err = run("checklist", "validate", name)
    assert (code, err) == (1, "")
    shown = name or "''"
    assert lines(out) == [EMPTY_NAME, f"{shown}: 1 error"]


def test_show_invalid_file_names_its_first_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    code, out, err = run("checklist", "show", "unknown-name.yaml")
    assert (code, out) == (1, "")
    assert err == (
        "Error: unknown-name.yaml:12: verdicts[0].when: unknown name 'primary_sorce' "
        "(did you mean 'primary_source'?) (column 1)\n"
    )


def test_validate_builtins_prints_ok_with_counts() -> None:
    code, out, err = run("checklist", "validate", "quick", "sift", "admiralty", "craap")
    assert (code, err) == (0, "")
    assert lines(out) == [
        "checklists/quick.yaml: OK (quick v1: 6 questions, 5 rules; 360 combinations checked "
        "in T s)",
        "checklists/sift.yaml: OK (sift v1: 6 questions, 5 rules; 240 combinations checked in T s)",
        "checklists/admiralty.yaml: OK (admiralty v1: 4 questions, 6 rules; 36 combinations "
        "checked in T s)",
        "checklists/craap.yaml: OK (craap v1: 6 questions, 4 rules; 6,250 combinations checked "
        "in T s)",
    ]


def test_validate_reports_every_problem_and_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    code, out, err = run(
        "checklist", "validate", "unreachable-rule.yaml", "python-tag.yaml", "nothing.yaml"
    )
    assert (code, err) == (1, "")
    assert lines(out) == [
        "unreachable-rule.yaml:6: scale[1]: warning: no rule ever gives 'unsure'",
        "unreachable-rule.yaml:20: verdicts[1]: rule can never fire: every combination where "
        "'primary_source == yes and corroborated == yes' holds is decided by an earlier rule",
        "unreachable-rule.yaml: 1 error",
        "python-tag.yaml:8: questions[0].ask: tag '!!python/object/apply:os.system' is not "
        "allowed: only plain YAML values are",
        "python-tag.yaml: 1 error",
        "nothing.yaml: no such file",
        "nothing.yaml: 1 error",
    ]


def test_validate_with_only_warnings_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("warn.yaml").write_text(
        "id: warn\nname: Warn\nversion: 1\n"
        "scale: [{id: ok, label: OK}, {id: never, label: Never}]\n"
        "questions: [{id: q, ask: Q?, answers: yes-no}]\n"
        "verdicts: [{default: ok}]\n",
        encoding="utf-8",
    )
    code, out, _ = run("checklist", "validate", "warn.yaml")
    assert code == 0
    assert lines(out) == [
        "warn.yaml:4: scale[1]: warning: no rule ever gives 'never'",
        "warn.yaml: OK (warn v1: 1 question, 1 rule; 3 combinations checked in T s)",
    ]


def test_validate_without_paths_is_a_usage_error() -> None:
    code, _, err = run("checklist", "validate")
    assert code == 2
    assert "Missing argument" in err


def test_colour_always_adds_escapes_and_never_does_not() -> None:
    _, plain, _ = run("checklist", "validate", "quick")
    _, coloured, _ = run("checklist", "validate", "quick", color="always")
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured


@pytest.mark.parametrize("command", ["list", "show", "validate"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = run("checklist", command, "--help")
    assert code == 0
    assert f"Example: factcheck checklist {command}" in out
