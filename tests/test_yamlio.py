"""Tests for the shared YAML reading: alias bombs refused in every file the tool reads."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from inprocess import run_cli

from factcheck import yamlio
from factcheck.yamlio import YamlSyntaxError

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


def bomb(levels: int = 9) -> str:
    """A 'billion laughs' document: each level is nine aliases of the one before."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_once() -> None:
    text = bomb()
    assert len(text) < 1500
    with pytest.raises(YamlSyntaxError) as info:
        yamlio.compose(text)
    assert info.value.problem == "aliases expand to more than 2,000,000 values"
    assert info.value.line is not None


def test_a_few_aliases_are_fine() -> None:
    root = yamlio.compose("base: &b [yes, no]\nother: *b\n")
    assert root is not None
    assert yamlio.load("base: &b [1, 2]\nother: *b\n") == {"base": [1, 2], "other": [1, 2]}


def test_an_alias_of_itself_is_refused() -> None:
    with pytest.raises(YamlSyntaxError, match="refers to itself"):
        yamlio.compose("&a [*a]\n")


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(YamlSyntaxError):
        yamlio.compose("[" * 100_000 + "]" * 100_000)


def factcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd)


def test_every_yaml_the_tool_reads_refuses_a_bomb(tmp_path: Path) -> None:
    # Checklist, worksheet, source registry, case index and scripted answers: each command ends
    # with one line naming the file and the line, at once.
    (tmp_path / "bomb.yaml").write_text(bomb(), encoding="utf-8")
    worksheet = tmp_path / "w.worksheet.yaml"
    worksheet.write_text(bomb(), encoding="utf-8")
    case = tmp_path / "case"
    case.mkdir()
    (case / "case.yaml").write_text(bomb(), encoding="utf-8")
    seed = REPO / "examples" / "seed-article.txt"
    runs = {
        "checklist": factcheck("checklist", "validate", "bomb.yaml", cwd=tmp_path),
        "worksheet": factcheck("report", str(worksheet), cwd=tmp_path),
        "registry": factcheck("sources", "list", "--sources", "bomb.yaml", cwd=tmp_path),
        "case": factcheck("case", "show", str(case), cwd=tmp_path),
        "answers": factcheck(
            "review",
            str(seed),
            "--reports-dir",
            "r",
            "--answers",
            "bomb.yaml",
            "--no-input",
            cwd=tmp_path,
        ),
    }
    for name, result in runs.items():
        said = result.stdout + result.stderr  # `checklist validate` reports on stdout
        assert result.returncode == 1, (name, said)
        assert "aliases expand to more than 2,000,000 values" in said, (name, said)
        assert said.count("\n") <= 2, (name, said)
        assert "Traceback" not in said, name


def test_every_yaml_the_tool_reads_names_the_line_of_a_control_character(tmp_path: Path) -> None:
    # PyYAML says '  in "<unicode string>", position 31' on a second line: one line instead,
    # with the file and the line.
    text = 'id: made-up\nname: "Desk \x1b[31mred"\n'
    (tmp_path / "ctl.yaml").write_text(text, encoding="utf-8")
    worksheet = tmp_path / "w.worksheet.yaml"
    worksheet.write_text(text, encoding="utf-8")
    case = tmp_path / "case"
    case.mkdir()
    (case / "case.yaml").write_text(text, encoding="utf-8")
    seed = REPO / "examples" / "seed-article.txt"
    problem = "character U+001B: control characters are not allowed"
    runs = {
        "checklist": (
            factcheck("checklist", "validate", "ctl.yaml", cwd=tmp_path),
            f"ctl.yaml:2: invalid YAML: {problem}\nctl.yaml: 1 error\n",
        ),
        "worksheet": (
            factcheck("report", str(worksheet), cwd=tmp_path),
            f"Error: {worksheet}:2: not valid YAML: {problem}\n",
        ),
        "registry": (
            factcheck("sources", "list", "--sources", "ctl.yaml", cwd=tmp_path),
            f"Error: ctl.yaml:2: invalid YAML: {problem}\n",
        ),
        "case": (
            factcheck("case", "show", str(case), cwd=tmp_path),
            f"Error: {case / 'case.yaml'}:2: not valid YAML: {problem}\n",
        ),
        "answers": (
            factcheck(
                "review",
                str(seed),
                "--reports-dir",
                "r",
                "--answers",
                "ctl.yaml",
                "--no-input",
                "--reviewer",
                "qa",
                cwd=tmp_path,
            ),
            f"Error: ctl.yaml:2: not valid YAML: {problem}\n",
        ),
    }
    for name, (result, message) in runs.items():
        assert result.returncode == 1, name
        assert result.stdout + result.stderr == message, name


def test_a_number_too_long_for_python_is_one_error() -> None:
    # Python converts no integer of more than 4300 digits: PyYAML's ValueError is not a YAMLError.
    with pytest.raises(YamlSyntaxError) as caught:
        yamlio.load("reviewer: 1" + "0" * 5000 + "\n")
    assert caught.value.problem == "a number too long to read"
    with pytest.raises(YamlSyntaxError) as caught:
        yamlio.load("published: 2024-02-30\n")
    assert caught.value.problem == "a value that cannot be read (day is out of range for month)"


def test_every_file_the_tool_reads_refuses_a_number_too_long(tmp_path: Path) -> None:
    # Each was "Error: internal error: ValueError: Exceeds the limit (4300 digits) ...".
    big = "1" + "0" * 5000
    shown = f"'{big[:37]}...'"
    seed = REPO / "examples" / "seed-article.txt"
    made = factcheck(
        "review", str(seed), "--reports-dir", "r", "--no-input", "--reviewer", "qa",
        "--title", "Made up", cwd=tmp_path,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    worksheet = tmp_path / "r" / "seed-article.worksheet.yaml"
    text = worksheet.read_text(encoding="utf-8")
    line = text[: text.index("\n  start: ")].count("\n") + 2
    worksheet.write_text(
        re.sub(r"\n  start: \d+", f"\n  start: {big}", text, count=1), encoding="utf-8"
    )
    case = tmp_path / "case"
    case.mkdir()
    (case / "case.yaml").write_text(
        f"format: factcheck-case/1\narticles:\n- id: 0123456789abcdef\n  claims: {big}\n",
        encoding="utf-8",
    )
    (tmp_path / "known.json").write_text(
        f'[{{"claim": "Harbour fees rose", "rating": "False", "n": {big}}}]', encoding="utf-8"
    )
    config = tmp_path / "config" / "factcheck" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text(f"reviewer: {big}\n", encoding="utf-8")
    no_reviewer = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "FACTCHECK_REVIEWER": None}
    runs = {
        "worksheet": (
            factcheck("report", str(worksheet), cwd=tmp_path),
            f"Error: {worksheet}:{line}: claims[0].start: expected an integer >= 0, got {shown}\n",
        ),
        "case": (
            factcheck("case", "show", str(case), cwd=tmp_path),
            f"Error: {case / 'case.yaml'}:4: articles[0].claims: expected a number of claims, "
            f"got {shown}\n",
        ),
        "fact-checks": (
            factcheck("factchecks", "import", "known.json", "--db", "k.sqlite", cwd=tmp_path),
            "Error: known.json: not valid JSON: a number too long to read\n",
        ),
        "config": (
            run_cli(
                *("review", str(seed), "--reports-dir", "s", "--title", "T", "--no-input"),
                cwd=tmp_path,
                env=no_reviewer,
            ),
            f"Error: {config}: not valid YAML: a number too long to read\n",
        ),
    }
    for name, (result, message) in runs.items():
        assert (result.returncode, result.stdout + result.stderr) == (1, message), name
