"""Every command documents itself, and the README's command summary matches the real commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from factcheck.cli import app

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _commands() -> list[tuple[str, ...]]:
    root = get_command(app)
    found: list[tuple[str, ...]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                walk(sub, (*path, name))
        else:
            found.append(path)

    walk(root, ())
    return found


COMMANDS = _commands()


def test_the_documented_commands_exist() -> None:
    names = {" ".join(c) for c in COMMANDS}
    assert {"extract", "review", "report", "checklist list", "checklist show"} <= names
    assert {"checklist validate", "sources list", "sources show", "sources check"} <= names


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_has_help_with_an_example(command: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.exit_code == 0
    assert f"Example: factcheck {command[0]}" in result.stdout


def test_readme_opens_with_demo_and_test() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert first_block is not None
    lines = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert lines[:2] == ["make demo", "make test"]


def test_readme_command_summary_names_every_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"factcheck {command[0]}" in readme, command


def test_the_committed_demo_reports_are_what_a_fresh_demo_writes(tmp_path: Path) -> None:
    """`make demo` reviews the seed with scripted answers into reports/; run from nothing, the
    same commands must write the committed worksheet and report byte for byte, so a change to
    extraction that alters them is seen here rather than hidden by the saved worksheet."""
    from inprocess import run_cli

    examples = tmp_path / "examples"
    examples.mkdir()
    for name in ("seed-article.txt", "seed-answers.yaml"):
        (examples / name).write_bytes((REPO / "examples" / name).read_bytes())
    review = run_cli(
        "review",
        "examples/seed-article.txt",
        "--reports-dir",
        "reports",
        "--answers",
        "examples/seed-answers.yaml",
        "--no-input",
        "--reviewer",
        "Demo Reviewer",
        cwd=tmp_path,
        env={"FACTCHECK_NOW": "2021-06-01T12:00:00Z", "FACTCHECK_REPORTS_DIR": None},
    )
    assert review.returncode == 0, review.stderr
    worksheet = "reports/seed-article.worksheet.yaml"
    report = run_cli("report", worksheet, "--format", "markdown", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    for name in ("seed-article.worksheet.yaml", "seed-article.md"):
        written = (tmp_path / "reports" / name).read_text(encoding="utf-8")
        assert written == (REPO / "reports" / name).read_text(encoding="utf-8"), name
