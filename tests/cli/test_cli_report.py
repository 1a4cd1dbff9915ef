"""The `factcheck report` command end to end: formats, where files go, errors, no escape codes."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.render.data import render_csv, render_json
from factcheck.render.markdown import render_markdown
from factcheck.report.model import load_report

FIXTURES = Path(__file__).parents[1] / "fixtures" / "report"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def worksheet(tmp_path: Path) -> Path:
    """The seed worksheet in a scratch reports folder, named as `review` names it."""
    folder = tmp_path / "reports"
    folder.mkdir()
    target = folder / "seed-article.worksheet.yaml"
    shutil.copy(FIXTURES / "seed.worksheet.yaml", target)
    return target


def fixed(worksheet: Path) -> list[str]:
    """Options that pin the checklist and registry to the fixtures'."""
    return [
        str(worksheet),
        "--checklist",
        str(FIXTURES / "quick.yaml"),
        "--sources",
        str(FIXTURES / "sources.yaml"),
    ]


def expected(worksheet: Path) -> str:
    built = load_report(
        worksheet, checklist=FIXTURES / "quick.yaml", registry_paths=[FIXTURES / "sources.yaml"]
    )
    return render_markdown(built)


def test_help_has_an_example() -> None:
    code, out, _ = run("report", "--help")
    assert code == 0
    assert "Example: factcheck report reports/seed-article.worksheet.yaml" in out


def test_markdown_goes_beside_the_worksheet(worksheet: Path) -> None:
    code, out, err = run("report", *fixed(worksheet), "--format", "markdown")
    target = worksheet.parent / "seed-article.md"
    assert (code, out, err) == (0, "", f"Wrote {target}\n")
    assert target.read_text(encoding="utf-8") == expected(worksheet)


def test_markdown_to_stdout_or_a_named_file(worksheet: Path, tmp_path: Path) -> None:
    code, out, err = run("report", *fixed(worksheet), "-f", "markdown", "--output", "-")
    assert (code, out, err) == (0, expected(worksheet), "")
    named = tmp_path / "elsewhere" / "published.md"
    code, out, _ = run("report", *fixed(worksheet), "-f", "markdown", "-o", str(named))
    assert (code, out) == (0, "")
    assert named.read_text(encoding="utf-8") == expected(worksheet)
    assert not (worksheet.parent / "seed-article.md").exists()


def test_markdown_never_holds_escape_codes_even_with_colour_forced(worksheet: Path) -> None:
    code, out, _ = run(
        "--color", "always", "report", *fixed(worksheet), "-f", "markdown", "-o", "-"
    )
    assert code == 0
    assert "\x1b" not in out


def test_data_formats_go_to_stdout(worksheet: Path) -> None:
    built = load_report(
        worksheet, checklist=FIXTURES / "quick.yaml", registry_paths=[FIXTURES / "sources.yaml"]
    )
    code, out, err = run("report", *fixed(worksheet), "--format", "json")
    assert (code, out, err) == (0, render_json(built), "")
    code, out, _ = run("report", *fixed(worksheet), "--format", "csv")
    assert (code, out) == (0, render_csv(built))
    assert len(list(csv.reader(io.StringIO(out)))) == 19
    url = "https://factcheck.example/seed"
    code, out, _ = run("report", *fixed(worksheet), "-f", "claimreview", "--url", url)
    assert code == 0
    assert [r["url"] for r in json.loads(out)][:2] == [f"{url}#claim-c1", f"{url}#claim-c3"]


def test_json_to_a_named_file_is_the_json_written_whole(worksheet: Path, tmp_path: Path) -> None:
    built = load_report(
        worksheet, checklist=FIXTURES / "quick.yaml", registry_paths=[FIXTURES / "sources.yaml"]
    )
    target = tmp_path / "out" / "seed.json"
    code, out, err = run("report", *fixed(worksheet), "--format", "json", "--output", str(target))
    assert (code, out, err) == (0, "", f"Wrote {target}\n")
    assert target.read_text(encoding="utf-8") == render_json(built)
    assert [p.name for p in target.parent.iterdir()] == ["seed.json"]


def test_terminal_is_the_default(worksheet: Path) -> None:
    code, out, err = run("--color", "never", "report", *fixed(worksheet))
    assert (code, err) == (0, "")
    assert "Fact-check report" in out
    assert "Mostly accurate ███ 2" in out and "open            ████████████████████ 13" in out
    assert "The Al-Manar interview itself" not in out
    code, out, _ = run("--color", "never", "report", *fixed(worksheet), "--details")
    assert "The Al-Manar interview itself" in out


def test_terminal_to_a_file_is_plain_text(worksheet: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    code, _, _ = run("--color", "always", "report", *fixed(worksheet), "-o", str(target))
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert text.startswith("╭─ Fact-check report ─")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("report.md", "markdown"),
        ("REPORT.Markdown", "markdown"),
        ("report.json", "json"),
        ("report.jsonld", "claimreview"),
        ("report.csv", "csv"),
        ("report.txt", "terminal"),
        ("report", "terminal"),
    ],
)
def test_an_output_file_s_ending_names_its_format_unless_one_is_given(
    worksheet: Path, tmp_path: Path, name: str, fmt: str
) -> None:
    implied, explicit = tmp_path / "implied" / name, tmp_path / "explicit" / name
    assert run("report", *fixed(worksheet), "-o", str(implied))[0] == 0
    assert run("report", *fixed(worksheet), "-f", fmt, "-o", str(explicit))[0] == 0
    assert implied.read_bytes() == explicit.read_bytes()
    # --format wins over the ending.
    other = "terminal" if fmt != "terminal" else "json"
    assert run("report", *fixed(worksheet), "-f", other, "-o", str(implied))[0] == 0
    assert run("report", *fixed(worksheet), "-f", other, "-o", str(explicit))[0] == 0
    assert implied.read_bytes() == explicit.read_bytes()
    if fmt == "markdown":
        assert implied.read_text(encoding="utf-8").startswith("╭─ Fact-check report ─")
        assert run("report", *fixed(worksheet), "-o", str(implied))[0] == 0
        assert implied.read_text(encoding="utf-8").startswith("# ")


def test_checklist_found_by_the_worksheet_reference(worksheet: Path) -> None:
    code, out, _ = run("report", str(worksheet), "-f", "json")
    assert code == 0
    assert json.loads(out)["checklist"]["id"] == "quick"


def test_warnings_go_to_stderr(worksheet: Path) -> None:
    text = worksheet.read_text(encoding="utf-8")
    worksheet.write_text(text.replace("sha256: 1f73", "sha256: 0f73", 1), encoding="utf-8")
    code, _, err = run("report", *fixed(worksheet), "-f", "json")
    assert code == 0
    assert err.startswith("Warning: checklist 'quick' changed since this worksheet was made")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.worksheet.yaml"], "Error: missing.worksheet.yaml: no such worksheet\n"),
        (
            [str(FIXTURES / "quick.yaml")],
            f"Error: {FIXTURES / 'quick.yaml'}: not a worksheet; make one with: "
            f"factcheck review {FIXTURES / 'quick.yaml'}\n",
        ),
        (
            [str(FIXTURES / "seed.worksheet.yaml"), "-f", "claimreview", "--url", "ftp://x"],
            "Error: --url: expected an http(s) URL, got 'ftp://x'\n",
        ),
    ],
)
def test_errors_are_one_line(args: list[str], message: str) -> None:
    code, out, err = run("report", *args)
    assert (code, out, err) == (1, "", message)


def test_an_unknown_format_is_a_usage_error(worksheet: Path) -> None:
    code, _, err = run("report", str(worksheet), "--format", "html")
    assert code == 2
    assert "expected terminal, markdown, json, claimreview or csv" in err


def test_an_unwritable_output_is_one_line(worksheet: Path) -> None:
    blocker = worksheet.parent / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run("report", *fixed(worksheet), "-f", "json", "-o", str(blocker / "x.json"))
    assert code == 1
    assert err.startswith("Error: ") and err.count("\n") == 1


@pytest.mark.parametrize("output_format", ["markdown", "json", "csv", "terminal"])
def test_a_report_never_overwrites_a_worksheet(
    worksheet: Path, tmp_path: Path, output_format: str
) -> None:
    other = tmp_path / "colleague.yaml"  # a worksheet by its format line, not its name
    shutil.copy(worksheet, other)
    for target in (worksheet, other, worksheet.parent / "new.worksheet.yaml"):
        before = target.read_bytes() if target.exists() else None
        code, out, err = run("report", *fixed(worksheet), "-f", output_format, "-o", str(target))
        assert (code, out, err) == (
            1,
            "",
            f"Error: {target}: is a worksheet; a report never overwrites one, "
            "choose another --output\n",
        )
        assert (target.read_bytes() if target.exists() else None) == before


def test_a_report_never_overwrites_a_journal_a_lock_or_a_linked_worksheet(
    worksheet: Path, tmp_path: Path
) -> None:
    # A worksheet's journal holds the answers not yet saved into it: a mistyped --output that
    # replaced it lost them, and left a worksheet that could not be read.
    folder = worksheet.parent
    stem = worksheet.name.removesuffix(".worksheet.yaml")
    journal = folder / f"{stem}.worksheet.journal"
    journal.write_text("", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(worksheet)
    never = "a report never overwrites one, choose another --output"
    for target, why in (
        (journal, f"is a worksheet's journal of answers; {never}"),
        (folder / f"{stem}.worksheet.lock", f"is a worksheet's lock; {never}"),
        (link, f"is a worksheet; {never}"),
        (folder, "is a folder; give --output a file name"),
        (Path("."), "is a folder; give --output a file name"),
    ):
        before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        code, out, err = run("report", *fixed(worksheet), "-f", "markdown", "-o", str(target))
        assert (code, out, err) == (1, "", f"Error: {target}: {why}\n")
        assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert run("report", *fixed(worksheet), "-f", "json")[0] == 0  # still a worksheet


@pytest.mark.parametrize("fmt", ["markdown", "json"])
@pytest.mark.parametrize("named", ["published/", "published/.", "published//"])
def test_an_output_that_names_a_folder_not_there_is_refused_not_written_as_a_file(
    worksheet: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, named: str
) -> None:
    # 'published/' was written as a regular file named 'published'.
    monkeypatch.chdir(tmp_path)
    code, out, err = run("report", *fixed(worksheet), "-f", fmt, "-o", named)
    assert (code, out, err) == (1, "", f"Error: {named}: is a folder; give --output a file name\n")
    assert not (tmp_path / "published").exists()


def test_worksheet_and_report_show_who_speaks_in_every_body_sentence(tmp_path: Path) -> None:
    article = tmp_path / "stadium.txt"
    article.write_text(
        "Council Delays Stadium Vote\n\n"
        "The city council delayed its vote on the new stadium by two weeks on Tuesday, "
        "officials said, after the cost rose to $410 million.\n\n"
        "“Can we still afford this?” asked Councillor Ines Baro.\n\n"
        "The mayor believes the stadium is a good idea.\n\n"
        "Residents packed the hall.\n",
        encoding="utf-8",
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text("{}\n", encoding="utf-8")
    folder = tmp_path / "reports"
    code, _, err = run(
        "review",
        str(article),
        "--answers",
        str(answers),
        "--no-input",
        "--reviewer",
        "ana",
        "--reports-dir",
        str(folder),
    )
    assert code == 0, err
    sheet = folder / "stadium.worksheet.yaml"
    text = sheet.read_text(encoding="utf-8")
    listed = text.split("\nsegments:\n", 1)[1].split("\naudit:", 1)[0]
    assert listed.splitlines() == [
        "- {start: 29, end: 159, kind: claim, speaker: officials, verb: said}",
        "- {start: 161, end: 216, kind: question, speaker: Ines Baro, role: Councillor, "
        "verb: asked, quote: true}",
        "- {start: 218, end: 264, kind: statement, speaker: mayor, verb: believes}",
        "- {start: 266, end: 292, kind: statement}",
    ]
    code, out, err = run("report", str(sheet), "--format", "markdown", "--output", "-")
    assert code == 0, err
    section = out.split("## Other voices\n", 1)[1].split("\n## ", 1)[0]
    assert section.strip().splitlines() == [
        "Sentences that are not claims, and who they come from.",
        "",
        "- question: “Can we still afford this?” asked Councillor Ines Baro. — Ines Baro, "
        "Councillor (asked)",
        "- statement: The mayor believes the stadium is a good idea. — mayor (believes)",
    ]
    code, out, err = run("report", str(sheet), "--format", "terminal", "--output", "-")
    assert code == 0, err
    assert "Other voices" in out and "mayor (believes)" in out
