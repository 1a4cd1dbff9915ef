"""End-to-end: three reviewers of the bundled article, their worksheets compared and merged."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import yaml
from inprocess import run_cli

from factcheck.render.data import render_json
from factcheck.render.team import add_agreement_to_report, merged_comparison
from factcheck.report.model import load_report

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "examples" / "seed-article.txt"
TEAM = REPO / "tests" / "fixtures" / "team"
ANSWERS = {
    "Alice": REPO / "examples" / "seed-answers.yaml",
    "Bob": TEAM / "seed-bob.answers.yaml",
    "Carol": TEAM / "seed-carol.answers.yaml",
}


def factcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"COLUMNS": "120", "FACTCHECK_NOW": "2021-06-01T12:00:00Z", "FACTCHECK_REPORTS_DIR": None}
    return run_cli("--color", "never", *args, cwd=cwd, env=env)


def review(name: str, *extra: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return factcheck(
        "review",
        str(SEED),
        "--reviewer",
        name,
        "--answers",
        str(ANSWERS[name]),
        "--no-input",
        *extra,
        cwd=cwd,
    )


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory, isolated_module: None) -> Path:
    """A folder where Alice reviewed the article, then Bob and Carol each with --own."""
    folder = tmp_path_factory.mktemp("team")
    first = review("Alice", cwd=folder)
    assert first.returncode == 0, first.stderr
    for name in ("Bob", "Carol"):
        done = review(name, "--own", cwd=folder)
        assert done.returncode == 0, done.stderr
        assert done.stderr.endswith(f"Saved reports/seed-article.{name.lower()}.worksheet.yaml\n")
    return folder


def sheets(folder: Path) -> list[str]:
    return [
        "reports/seed-article.worksheet.yaml",
        "reports/seed-article.bob.worksheet.yaml",
        "reports/seed-article.carol.worksheet.yaml",
    ]


def test_own_worksheets_live_side_by_side(team: Path) -> None:
    names = sorted(p.name for p in (team / "reports").iterdir())
    assert names == [
        "seed-article.bob.worksheet.yaml",
        "seed-article.carol.worksheet.yaml",
        "seed-article.md",
        "seed-article.worksheet.yaml",
    ] or names == [
        "seed-article.bob.worksheet.yaml",
        "seed-article.carol.worksheet.yaml",
        "seed-article.worksheet.yaml",
    ]
    alice = (team / "reports" / "seed-article.worksheet.yaml").read_text(encoding="utf-8")
    assert "reviewer: Bob" not in alice and "reviewer: Carol" not in alice
    # Bob again, without --own: he continues his own worksheet, nothing to change.
    again = review("Bob", cwd=team)
    assert again.returncode == 0
    assert again.stderr == "Saved reports/seed-article.bob.worksheet.yaml\n"


def test_another_reviewer_without_own_is_warned(team: Path, tmp_path: Path) -> None:
    # Dan's answers go into Alice's worksheet: a copy keeps the shared folder as it was.
    folder = tmp_path / "team"
    shutil.copytree(team, folder)
    done = factcheck(
        "review",
        str(SEED),
        "--reviewer",
        "Dan",
        "--answers",
        str(TEAM / "seed-dan.answers.yaml"),
        "--no-input",
        cwd=folder,
    )
    assert done.returncode == 0
    assert done.stderr.splitlines()[0] == (
        "Warning: reports/seed-article.worksheet.yaml is Alice's review; your answers go into it "
        "under your name. To keep your own, use --own (it makes seed-article.dan.worksheet.yaml)"
    )


def test_compare_json(team: Path) -> None:
    done = factcheck("compare", *sheets(team), "--format", "json", cwd=team)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    data = json.loads(done.stdout)
    assert [r["name"] for r in data["reviewers"]] == ["Alice", "Bob", "Carol"]
    verdict = data["agreement"]["verdict"]
    assert verdict["metric"] == "ordinal"
    assert set(verdict) >= {"krippendorff_alpha", "percent_agreement", "claims"}
    assert 0.0 < verdict["krippendorff_alpha"] < 1.0
    assert set(data["agreement"]["questions"]) == {
        "primary_source",
        "original_matches",
        "corroborated",
        "partisan_chain",
        "hops",
        "hedged",
    }
    by_id = {claim["id"]: claim for claim in data["claims"]}
    assert by_id["c11"]["verdicts"] == {
        "Alice": "unproven",
        "Bob": "mostly_accurate",
        "Carol": "unproven",
    }
    assert by_id["c11"]["agreed"] is False
    assert by_id["c4"]["verdicts"]["Carol"] is None
    assert by_id["c4"]["status"]["Carol"] == "skipped"
    assert by_id["c3"]["questions"]["primary_source"]["answers"] == {
        "Alice": "unclear",
        "Bob": "no",
        "Carol": "unclear",
    }


def test_compare_two_gives_kappa_and_markdown_marks_differences(team: Path) -> None:
    done = factcheck("compare", *sheets(team)[:2], "--format", "markdown", cwd=team)
    assert done.returncode == 0, done.stderr
    assert "| On | Claims | All agree | Krippendorff's alpha | Cohen's kappa |" in done.stdout
    assert "| c11 | **Unproven (override)** | **Mostly accurate** | no ≠ |" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["reports/seed-article.worksheet.yaml"],
            "give at least two worksheets to compare or merge",
        ),
        (
            ["reports/seed-article.worksheet.yaml", "nope.worksheet.yaml"],
            "nope.worksheet.yaml: no such worksheet",
        ),
        (
            ["reports/seed-article.worksheet.yaml", "reports/seed-article.worksheet.yaml"],
            "reports/seed-article.worksheet.yaml is given twice; "
            "give each reviewer's worksheet once",
        ),
        (
            [
                "reports/seed-article.bob.worksheet.yaml",
                "reports/seed-article.worksheet.yaml",
                "./reports/../reports/seed-article.bob.worksheet.yaml",
            ],
            "reports/seed-article.bob.worksheet.yaml and "
            "reports/../reports/seed-article.bob.worksheet.yaml are the same worksheet; "
            "give each reviewer's worksheet once",
        ),
    ],
)
def test_compare_refuses_with_one_line(team: Path, args: list[str], message: str) -> None:
    done = factcheck("compare", *args, cwd=team)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", f"Error: {message}\n")


def test_merge_into_a_folder_name_is_refused_not_written_as_a_file(
    team: Path, tmp_path: Path
) -> None:
    # 'm.worksheet.yaml/' was saved as a worksheet file named 'm.worksheet.yaml'.
    named = f"{tmp_path / 'm.worksheet.yaml'}/"
    done = factcheck("merge", *sheets(team)[:2], "-o", named, cwd=team)
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        f"Error: {named}: is a folder; give --output a file name\n",
    )
    assert not (tmp_path / "m.worksheet.yaml").exists()


def test_one_worksheet_under_two_names_is_neither_compared_nor_merged(
    team: Path, tmp_path: Path
) -> None:
    # A link to Bob's worksheet would have been counted as a second reviewer agreeing with him.
    bob = team / "reports" / "seed-article.bob.worksheet.yaml"
    link = tmp_path / "bob-again.worksheet.yaml"
    link.symlink_to(bob)
    message = (
        f"Error: {bob} and {link} are the same worksheet; give each reviewer's worksheet once\n"
    )
    done = factcheck("compare", str(bob), str(link), cwd=team)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", message)
    merged = tmp_path / "m.worksheet.yaml"
    done = factcheck("merge", str(bob), str(link), "-o", str(merged), cwd=team)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", message)
    assert not merged.exists()


def test_compare_refuses_another_checklist(team: Path, tmp_path: Path) -> None:
    other = factcheck(
        "review",
        str(SEED),
        "--checklist",
        "sift",
        "--reviewer",
        "Eve",
        "--no-input",
        "--answers",
        str(TEAM / "empty.answers.yaml"),
        "--reports-dir",
        str(tmp_path),
        cwd=team,
    )
    assert other.returncode == 0, other.stderr
    sift = str(tmp_path / "seed-article.worksheet.yaml")
    done = factcheck("compare", sheets(team)[0], sift, cwd=team)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {sift} uses checklist 'sift' version 1, "
        "reports/seed-article.worksheet.yaml uses 'quick' version 1\n"
    )


def test_merge_report_and_adjudicate(team: Path, tmp_path: Path) -> None:
    out = tmp_path / "merged.worksheet.yaml"
    done = factcheck("merge", *sheets(team)[:2], "--output", str(out), cwd=team)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0].startswith("Merged 2 reviewers (Alice, Bob) by the majority rule: ")
    assert lines[1] == (
        "Open questions: c3.primary_source, c5.hedged, c10.corroborated, c14.primary_source, "
        "c17.hops"
    )
    assert lines[-2:] == [f"Settle them with: factcheck review {out}", f"Saved {out}"]
    again = factcheck("merge", *sheets(team)[:2], "--output", str(out), cwd=team)
    assert again.stderr == f"Error: {out}: already exists; choose another --output\n"
    # The merge counts Alice and Bob once: with it, Bob's answers would have counted twice.
    merge = f"Error: {out} is a merge of Alice, Bob, not one reviewer's worksheet; "
    for command in (["compare"], ["merge", "-o", "x.worksheet.yaml"]):
        twice = factcheck(*command, str(out), sheets(team)[1], cwd=team)
        assert (twice.returncode, twice.stdout, twice.stderr) == (
            1,
            "",
            merge + "give the reviewers' own worksheets\n",
        )
    assert not (team / "x.worksheet.yaml").exists()

    report = factcheck("report", str(out), "--format", "markdown", "--output", "-", cwd=team)
    assert report.returncode == 0, report.stderr
    assert "### Reviewers' agreement" in report.stdout
    assert "- c3 primary_source: Alice unclear, Bob no" in report.stdout
    assert "- c11 verdict: Alice Unproven (override), Bob Mostly accurate" in report.stdout

    settle = factcheck(
        "review",
        str(out),
        "--reviewer",
        "Dee",
        "--answers",
        str(TEAM / "seed-settle.answers.yaml"),
        "--no-input",
        cwd=team,
    )
    assert settle.returncode == 0, settle.stderr
    streamed = factcheck("report", str(out), "--format", "json", cwd=team).stdout
    data = json.loads(streamed)
    # Written claim by claim, with the team's figures after the rest: as the whole text has them.
    built = load_report(out)
    comparison = merged_comparison(built)
    assert comparison is not None
    assert streamed == add_agreement_to_report(built, "json", render_json(built), comparison)
    assert data["team"]["rule"] == "majority"
    assert data["team"]["still_open"] == 0
    assert data["team"]["open"] == [
        "c3.primary_source",
        "c5.hedged",
        "c10.corroborated",
        "c14.primary_source",
        "c17.hops",
    ]


def test_adjudication_on_a_terminal_shows_each_reviewers_answer(team: Path, tmp_path: Path) -> None:
    out = tmp_path / "pty.worksheet.yaml"
    assert factcheck("merge", *sheets(team)[:2], "--output", str(out), cwd=team).returncode == 0
    env = dict(os.environ, COLUMNS="120", LINES="50", TERM="xterm", FACTCHECK_REVIEWER="Dee")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "factcheck", "--color", "never", "review", str(out)],
        cwd=str(team),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 120),
    )
    child.delaybeforesend = None  # each key waits for its screen instead
    child.expect_exact("Reviewers")
    child.expect_exact("primary_source: Alice: unclear")
    child.expect_exact("Bob: no")
    child.expect_exact("Can you find the primary source")
    child.expect_exact("q quit")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_report_marks_the_caption_and_the_repeat(team: Path) -> None:
    done = factcheck(
        "report", "reports/seed-article.worksheet.yaml", "-f", "markdown", "-o", "-", cwd=team
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("- **Marked:** photo caption, credited to IDF") == 1
    assert "- **Marked:** repeats c10" in done.stdout
    assert "- **Marked:** repeated in c1" in done.stdout
    data = json.loads(
        factcheck("report", "reports/seed-article.worksheet.yaml", "-f", "json", cwd=team).stdout
    )
    marked = [(c["id"], c["caption"], c["repeats"], c["repeated_by"]) for c in data["claims"]]
    assert [m for m in marked if m[1] or m[2] or m[3]] == [
        ("c1", False, "c10", []),
        ("c10", False, None, ["c1"]),
        ("c18", True, None, []),
    ]
    assert len(data["claims"]) == 18
    assert data["summary"]["final"] + data["summary"]["skipped"] == 18


def test_compare_of_worksheets_without_claims_says_so_in_one_line(tmp_path: Path) -> None:
    # It used to print empty tables and "The reviewers answered every claim alike."
    (tmp_path / "note.txt").write_text("A short headline about ferries\n", encoding="utf-8")
    (tmp_path / "none.yaml").write_text("{}\n", encoding="utf-8")
    for name, extra in (("Alice", ()), ("Bob", ("--own",))):
        made = factcheck(
            "review", "note.txt", "--reviewer", name, "--answers", "none.yaml", "--no-input",
            *extra, cwd=tmp_path,
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
    pair = ("reports/note.worksheet.yaml", "reports/note.bob.worksheet.yaml")
    shown = factcheck("compare", *pair, cwd=tmp_path)
    assert (shown.returncode, shown.stdout, shown.stderr) == (
        0,
        "Nothing to compare: the worksheets have no claims.\n",
        "",
    )
    markdown = factcheck("compare", *pair, "-f", "markdown", cwd=tmp_path)
    assert (markdown.returncode, markdown.stderr) == (0, "")
    assert markdown.stdout == (
        "# Reviewers compared: note.txt\n\n"
        "Checklist: Quick source check (quick, version 1) · Reviewers: Alice, Bob · Claims: 0\n\n"
        "Nothing to compare: the worksheets have no claims.\n"
    )


def test_merge_removes_a_journal_left_at_its_output(team: Path, tmp_path: Path) -> None:
    # The journal of an earlier worksheet at that path was replayed into the new merged one:
    # a stranger's answer adopted, or (numbers out of line) the merged worksheet unreadable.
    clean = tmp_path / "clean" / "m.worksheet.yaml"
    done = factcheck("merge", *sheets(team)[:2], "-o", str(clean), cwd=team)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "m.worksheet.yaml"
    journal = tmp_path / "m.worksheet.journal"
    journal.write_text(
        '{"seq":400,"at":"2020-01-01T00:00:00Z","reviewer":"mallory","claim":"c1",'
        '"action":"answer","question":"hedged","old":null,"new":"yes"}\n'
    )
    (tmp_path / "m.worksheet.lock").write_text("pid 1 on gone\n")  # left by a dead review
    done = factcheck("merge", *sheets(team)[:2], "-o", str(out), cwd=team)
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr.splitlines()[-1] == f"Saved {out}"
    assert out.read_text() == clean.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "m.worksheet.yaml"]
    report = factcheck("report", str(out), "--format", "json", "--output", "-", cwd=team)
    assert (report.returncode, report.stderr) == (0, "")
    assert "mallory" not in report.stdout


def test_merge_refuses_an_output_a_review_holds(team: Path, tmp_path: Path) -> None:
    from factcheck.review.journal import WorksheetLock

    out = tmp_path / "m.worksheet.yaml"
    with WorksheetLock(out):
        holder = (tmp_path / "m.worksheet.lock").read_text().strip()
        done = factcheck("merge", *sheets(team)[:2], "-o", str(out), cwd=team)
        assert (done.returncode, done.stdout, done.stderr) == (
            1,
            "",
            f"Error: {out} is already open in another review ({holder}); "
            "finish or quit that review first\n",
        )
    assert list(tmp_path.iterdir()) == []


def test_merge_records_a_checklist_file_relative_to_its_output(tmp_path: Path) -> None:
    # The worksheets' '../my-checklist.yaml' was copied as is into a merged worksheet in
    # another folder, which then could not load its checklist.
    shutil.copy(REPO / "checklists" / "quick.yaml", tmp_path / "my-checklist.yaml")
    for name, own in (("Alice", ()), ("Bob", ("--own",))):
        done = review(name, "--checklist", "my-checklist.yaml", *own, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    first = tmp_path / "reports" / "seed-article.worksheet.yaml"
    assert yaml.safe_load(first.read_text())["checklist"]["source"] == "../my-checklist.yaml"
    given = ["reports/seed-article.worksheet.yaml", "reports/seed-article.bob.worksheet.yaml"]
    for output, source in (
        ("merged.worksheet.yaml", "my-checklist.yaml"),
        ("team/deep/m.worksheet.yaml", "../../my-checklist.yaml"),
    ):
        done = factcheck("merge", *given, "-o", output, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines()[-1] == f"Saved {output}"
        merged = yaml.safe_load((tmp_path / output).read_text())
        assert merged["checklist"]["source"] == source
        report = factcheck("report", output, "--format", "json", "--output", "-", cwd=tmp_path)
        assert (report.returncode, report.stderr) == (0, "")
