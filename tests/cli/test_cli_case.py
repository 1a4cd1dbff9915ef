"""Tests for `factcheck case add | show` and `factcheck review --case`: exit codes and output."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.render.case import SECTION_TITLE
from factcheck.review.journal import load_worksheet

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parents[1] / "fixtures" / "case"
SEED = REPO / "examples" / "seed-article.txt"
SEED_ANSWERS = REPO / "examples" / "seed-answers.yaml"
STORY = sorted((FIXTURES / "seed").glob("*.txt"))


def run(*args: str) -> tuple[int, str, str]:
    runner = CliRunner(env={"COLUMNS": "120"})
    result = runner.invoke(app, ["--color", "never", *args])
    return result.exit_code, result.stdout, result.stderr


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


@pytest.fixture(scope="module")
def made_case(tmp_path_factory: pytest.TempPathFactory, isolated_module: None) -> Path:
    """The seed article and the other reports of its story, added to a case once for the file."""
    folder = tmp_path_factory.mktemp("made") / "joint-room"
    code, _, err = run("case", "add", str(folder), str(SEED), *map(str, STORY))
    assert code == 0, err
    return folder


@pytest.fixture
def case_dir(made_case: Path, tmp_path: Path) -> Path:
    """The seed article and the other reports of its story, in a case of the test's own."""
    return Path(shutil.copytree(made_case, tmp_path / "joint-room"))


def test_case_add_reports_each_source_and_show_lists_them(tmp_path: Path) -> None:
    folder = tmp_path / "ferry"
    wire = str(FIXTURES / "ferry" / "wire.txt")
    code, out, err = run("case", "add", str(folder), wire, "missing.txt")
    assert (code, out) == (1, "")
    assert lines(err) == [
        "Added: Northwire (2023-03-12; 4 claims) Ferry capsizes on Lake Ardmoor, killing at "
        "least 14",
        "Not added: missing.txt: file not found",
    ]
    code, out, err = run("case", "add", str(folder), wire)
    assert code == 0 and err.startswith("Already in the case: Northwire (2023-03-12; 4 claims)")
    code, out, err = run("case", "show", str(folder))
    assert (code, err) == (0, "")
    assert lines(out)[0] == "Case ferry: 1 article, 4 claims"
    assert lines(out)[3].split()[:5] == ["1", "Northwire", "2023-03-12", "4", "Ferry"]


def test_case_errors_are_one_line(tmp_path: Path) -> None:
    code, out, err = run("case", "show", str(tmp_path / "nowhere"))
    assert (code, out) == (1, "")
    assert err == (
        f"Error: {tmp_path / 'nowhere'}: no such case folder; make one with: factcheck case add\n"
    )
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run("case", "add", str(tmp_path), str(SEED))
    assert code == 1
    assert err == f"Error: {tmp_path}: the folder is not empty and holds no case.yaml\n"


def test_adding_to_a_case_keeps_an_article_whose_cache_was_damaged(tmp_path: Path) -> None:
    # Adding an article used to rewrite the index without the article whose cached copy could
    # not be read: its entry, and the outlet the reviewer had corrected there, were gone.
    folder = tmp_path / "ferry"
    wire, other = (str(FIXTURES / "ferry" / name) for name in ("wire.txt", "independent.txt"))
    assert run("case", "add", str(folder), wire)[0] == 0
    index = folder / "case.yaml"
    index.write_text(
        index.read_text(encoding="utf-8").replace("outlet: Northwire", "outlet: North Wire Desk"),
        encoding="utf-8",
    )
    (cached,) = (folder / "articles").iterdir()
    cached.write_text("{damaged", encoding="utf-8")
    kept = index.read_text(encoding="utf-8")
    code, out, err = run("case", "add", str(folder), other)
    damaged = (
        f"Warning: {cached}: damaged (Expecting property name enclosed in double quotes: "
        f"line 1 column 2 (char 1)); add the article again ({wire})"
    )
    assert (code, out) == (0, "")
    assert lines(err)[0] == damaged
    assert lines(err)[1].startswith("Added: ")
    assert index.read_text(encoding="utf-8").startswith(kept)  # the entry is still there
    code, out, err = run("case", "add", str(folder), wire)  # added again: in its own place
    assert (code, lines(err)) == (
        0,
        [damaged, "Added: North Wire Desk (2023-03-12; 4 claims) Ferry capsizes on Lake "
         "Ardmoor, killing at least 14"],
    )  # fmt: skip
    code, out, err = run("case", "show", str(folder))
    assert (code, err) == (0, "")
    assert lines(out)[3].split()[:6] == ["1", "North", "Wire", "Desk", "2023-03-12", "4"]


@pytest.mark.parametrize(
    ("key", "value", "fault"),
    [
        ("ingested", "x", 'ingested: expected an object, got "x"'),
        ("ingested", None, "ingested: expected an object, got null"),
        ("document", "x", 'document: expected an object, got "x"'),
        ("document", None, "document: expected an object, got null"),
        ("claims", "x", 'claims: expected a list, got "x"'),
    ],
)
def test_a_cache_field_of_the_wrong_type_is_a_damaged_article_not_an_internal_error(
    tmp_path: Path, key: str, value: object, fault: str
) -> None:
    # `case show` and `review --case` stopped with "internal error: AttributeError: 'str'
    # object has no attribute 'get'".
    folder = tmp_path / "ferry"
    wire, other = (str(FIXTURES / "ferry" / name) for name in ("wire.txt", "independent.txt"))
    assert run("case", "add", str(folder), wire, other)[0] == 0
    (cached,) = (p for p in (folder / "articles").iterdir() if wire in p.read_text("utf-8"))
    record = json.loads(cached.read_text(encoding="utf-8"))
    record[key] = value
    cached.write_text(json.dumps(record), encoding="utf-8")
    damaged = f"Warning: {cached}: damaged ({fault}); add the article again ({wire})"
    code, out, err = run("case", "show", str(folder))
    assert (code, lines(err)) == (0, [damaged])
    assert "Northwire" not in out and len(lines(out)) > 3
    reports, answers = tmp_path / "reports", tmp_path / "none.yaml"
    answers.write_text("{}\n", encoding="utf-8")
    code, out, err = run(
        "review", other, "--case", str(folder), "--answers", str(answers), "--no-input",
        "--reviewer", "ana", "--reports-dir", str(reports),
    )  # fmt: skip
    assert (code, lines(err)) == (0, [damaged, f"Saved {reports / 'independent.worksheet.yaml'}"])


def test_a_cache_file_holding_another_article_is_a_damaged_article(tmp_path: Path) -> None:
    # A copy over another article's cache listed the other's title and claims under the
    # first's source, and `review --case` matched the article under review with itself.
    folder = tmp_path / "ferry"
    wire, other = (str(FIXTURES / "ferry" / name) for name in ("wire.txt", "independent.txt"))
    assert run("case", "add", str(folder), wire, other)[0] == 0
    cached = {p.read_text("utf-8").count(wire) > 0: p for p in (folder / "articles").iterdir()}
    cached[True].write_bytes(cached[False].read_bytes())  # the wire's cache now holds the other
    damaged = (
        f"Warning: {cached[True]}: damaged (it holds another article, {cached[False].stem}); "
        f"add the article again ({wire})"
    )
    code, out, err = run("case", "show", str(folder))
    assert (code, lines(err)) == (0, [damaged])
    assert "Northwire" not in out


def test_case_help_lists_its_commands() -> None:
    code, out, _ = run("case", "--help")
    assert code == 0
    assert "add" in out and "show" in out and "who else reports each claim" in out


def test_review_with_a_case_shows_who_else_reports_each_claim(
    case_dir: Path, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    code, out, err = run(
        "review",
        str(SEED),
        "--case",
        str(case_dir),
        "--answers",
        str(SEED_ANSWERS),
        "--no-input",
        "--reviewer",
        "ana",
        "--reports-dir",
        str(reports),
    )
    assert code == 0, err
    shown = lines(out)
    assert shown[0] == SECTION_TITLE
    assert shown[1].startswith("5 other articles compared: ")
    assert "The article itself is in the case and is left out." in shown
    assert (
        "4 reports from 2 independent chains: Ibrahim al-Amin (3), Israeli intelligence official "
        "(1).  Confirmed through 1 independent chain."
    ) in " ".join(shown)
    worksheet = load_worksheet(reports / "seed-article.worksheet.yaml")
    facts = {
        e.id: (e.facts["case.matches"], e.facts["case.independent_matches"])
        for e in worksheet.claims
        if e.facts.get("case.matches")
    }
    visits = next(e.id for e in worksheet.claims if "visited Lebanon twice" in e.claim.text)
    assert facts[visits] == (3, 1)
    assert all(independent == 0 for cid, (_, independent) in facts.items() if cid != visits)


def test_an_existing_worksheet_gets_the_case_facts(case_dir: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    common = ["--answers", str(SEED_ANSWERS), "--no-input", "--reports-dir", str(reports)]
    assert run("review", str(SEED), *common)[0] == 0
    path = reports / "seed-article.worksheet.yaml"
    assert not any("case.matches" in e.facts for e in load_worksheet(path).claims)
    code, out, err = run("review", str(path), "--case", str(case_dir), *common)
    assert code == 0, err
    assert SECTION_TITLE in out
    entries = load_worksheet(path).claims
    assert sum(1 for e in entries if e.facts.get("case.matches")) >= 5
    visits = next(e for e in entries if "visited Lebanon twice" in e.claim.text)
    assert visits.facts["case.independent_matches"] == 1


# --- accepting another report as evidence on a terminal ------------------------------------------


@pytest.fixture
def terminal() -> Iterator[list[pexpect.spawn]]:
    spawned: list[pexpect.spawn] = []
    yield spawned
    for child in spawned:
        if child.isalive():
            child.close(force=True)


def test_pty_accepts_an_independent_report_as_evidence(
    case_dir: Path, tmp_path: Path, terminal: list[pexpect.spawn]
) -> None:
    reports = tmp_path / "reports"
    env = dict(os.environ, COLUMNS="120", LINES="60", TERM="xterm", FACTCHECK_REVIEWER="ana")
    args = [
        "-m",
        "factcheck",
        "--color",
        "never",
        "review",
        str(SEED),
        "--case",
        str(case_dir),
        "--claims",
        "c4",
        "--reports-dir",
        str(reports),
    ]
    child = pexpect.spawn(
        sys.executable, args, env=env, encoding="utf-8", timeout=30, dimensions=(60, 120)
    )
    child.delaybeforesend = None  # each key waits for its screen instead
    terminal.append(child)
    child.expect_exact("Case joint-room: 4 reports from 2 independent chains")
    child.expect_exact("q quit")
    child.send("n")  # no primary source: the corroborated question comes next
    child.expect_exact("Does at least one independent source confirm the claim?")
    child.expect_exact("offered: yes   (t takes it; Enter does not)")
    child.expect_exact("why: case.independent_matches = 1; case.conflicts = 0")
    child.expect_exact("Other reports (m, then the number, records one as evidence):")
    child.expect_exact("1. Negev Dispatch, 2021-05-30: adds detail; independent")
    child.expect_exact("q quit")
    child.send("m")
    child.expect_exact("Record report (1-3): ")
    child.send("1\r")
    child.expect_exact("evidence: case:")
    child.expect_exact("q quit")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    entry = load_worksheet(reports / "seed-article.worksheet.yaml").entry("c4")
    answer = entry.answers["corroborated"]
    assert answer.evidence == (f"case:{FIXTURES / 'seed' / 'independent.txt'}",)
    assert answer.note is not None
    assert answer.note.startswith("Also reported by Negev Dispatch, 2021-05-30: adds detail;")
    assert answer.value is None


def test_report_with_a_case_has_the_section(case_dir: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    answers = ["--answers", str(SEED_ANSWERS), "--no-input", "--reports-dir", str(reports)]
    assert run("review", str(SEED), *answers)[0] == 0
    worksheet = str(reports / "seed-article.worksheet.yaml")
    code, out, err = run("report", worksheet, "-f", "markdown", "-o", "-", "--case", str(case_dir))
    assert (code, err) == (0, "")
    headings = [line for line in lines(out) if line.startswith("## ")]
    at = headings.index(f"## {SECTION_TITLE}")
    assert headings[at - 1] == "## Sources" and len(headings) > at + 1
    assert "### c4: " in out
    code, out, err = run("report", worksheet, "--case", str(case_dir))
    assert (code, err) == (0, "")
    assert SECTION_TITLE in out
    code, out, err = run("report", worksheet, "-f", "json", "--case", str(case_dir))
    assert code == 0 and SECTION_TITLE not in out
    assert err == "Warning: --case adds to terminal and markdown reports only\n"


INTERVIEW = sorted((FIXTURES / "interview").glob("*.txt"))
SOURCES = str(FIXTURES / "sources.yaml")
MAPS = FIXTURES / "maps"


@pytest.fixture(scope="module")
def made_interview_case(tmp_path_factory: pytest.TempPathFactory, isolated_module: None) -> Path:
    """The seed case, added once for the file."""
    folder = tmp_path_factory.mktemp("made") / "joint-room"
    code, _, err = run(
        "case", "add", str(folder), str(SEED), *map(str, INTERVIEW), "--sources", SOURCES
    )
    assert code == 0, err
    return folder


@pytest.fixture
def interview_dir(made_interview_case: Path, tmp_path: Path) -> Path:
    """The seed case: the bundled article and four other reports of the same interview, in a
    folder of the test's own."""
    return Path(shutil.copytree(made_interview_case, tmp_path / "joint-room"))


def test_case_show_map_draws_one_root_as_a_tree(interview_dir: Path) -> None:
    code, out, err = run("case", "show", str(interview_dir), "--map", "--sources", SOURCES)
    assert (code, err) == (0, "")
    assert lines(out)[:4] == [
        "Chain 1: traces back to Ibrahim al-Amin (5 outlets)",
        "└── Ibrahim al-Amin (root)",
        "    ├── quoted by Al-Manar",
        "    │   ├── reported by The Algemeiner",
    ]
    assert len(lines(out)) == 12


@pytest.mark.parametrize(
    ("fmt", "reference"),
    [
        ("mermaid", "joint-room.mmd"),
        ("dot", "joint-room.dot"),
        ("json", "joint-room.json"),
        ("text", "joint-room.txt"),
    ],
)
def test_case_show_map_writes_each_format(
    interview_dir: Path, tmp_path: Path, fmt: str, reference: str
) -> None:
    code, out, err = run("case", "show", str(interview_dir), "--format", fmt, "--sources", SOURCES)
    assert (code, err) == (0, "")
    assert out == (MAPS / reference).read_text(encoding="utf-8")
    target = tmp_path / f"map.{fmt}"
    code, out, err = run(
        "case", "show", str(interview_dir), "-f", fmt, "-o", str(target), "--sources", SOURCES
    )
    assert (code, out, err) == (0, "", f"Wrote {target}\n")
    assert target.read_text(encoding="utf-8") == (MAPS / reference).read_text(encoding="utf-8")


def test_case_show_map_into_a_folder_not_there_is_refused_not_written_as_a_file(
    interview_dir: Path, tmp_path: Path
) -> None:
    # 'maps/' was written as a regular file named 'maps'.
    named = f"{tmp_path / 'maps'}/"
    code, out, err = run("case", "show", str(interview_dir), "-f", "text", "-o", named)
    assert (code, out, err) == (1, "", f"Error: {named}: is a folder; give --output a file name\n")
    assert not (tmp_path / "maps").exists()


def test_case_show_map_rejects_unknown_formats(interview_dir: Path) -> None:
    code, _, err = run("case", "show", str(interview_dir), "--format", "svg")
    assert code == 2 and "expected mermaid, dot, json or text" in err
    code, _, err = run("case", "show", str(interview_dir), "-o", "map.txt")
    assert code == 2 and "--output needs --format" in err


def test_case_show_map_of_hostile_articles_stays_a_diagram(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        'Evil"] --> x["pwned <script>alert(1)</script>\nMay 3, 2024\nBy Staff, `Bad"]Outlet`\n\n'
        "Fourteen people died in the fire, fire chief Dana Levi said.\n",
        encoding="utf-8",
    )
    other = tmp_path / "other.txt"
    other.write_text(
        "Fire kills 14\nMay 3, 2024\nBy Staff, Good Outlet\n\n"
        "Fourteen people died in the fire, fire chief Dana Levi said on Friday.\n",
        encoding="utf-8",
    )
    folder = tmp_path / "fire"
    assert run("case", "add", str(folder), str(hostile), str(other))[0] == 0
    code, out, err = run("case", "show", str(folder), "-f", "mermaid")
    assert (code, err) == (0, "")
    assert "<" not in out and "`" not in out and "-->" not in out.replace("-->|", "")
    for line in out.splitlines():
        assert line.count('"') in (0, 2), line
    code, out, err = run("case", "show", str(folder), "--map")
    assert (code, err) == (0, "")
    assert "Dana Levi (root)" in out


def test_case_show_map_of_an_empty_case(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    assert run("case", "add", str(folder), str(tmp_path / "missing.txt"))[0] == 1
    code, out, err = run("case", "show", str(folder), "--map")
    assert (code, err) == (0, "")
    assert lines(out) == [
        "Case empty: no articles to map",
        "Add articles with: factcheck case add CASE_DIR SOURCE...",
    ]
