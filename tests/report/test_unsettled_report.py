"""The report of a merged worksheet lists what the merge left unsettled, and does not call such a
claim final until someone settles it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from inprocess import run_cli

REPO = Path(__file__).resolve().parents[2]
NOW = "2024-03-09T12:00:00Z"
ANSWERS = """\
c3:
  primary_source: "yes"
  original_matches: "yes"
  corroborated: "yes"
  partisan_chain: "no"
  hops: first_hand
  hedged: "no"
  speaker: {speaker}
article:
  title: {title}
"""


def factcheck(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"COLUMNS": "250", "FACTCHECK_NOW": NOW, "FACTCHECK_REPORTS_DIR": None}
    return run_cli("--color", "never", *args, cwd=tmp_path, env=env)


def todo(markdown: str) -> list[str]:
    start = markdown.index("## To do before publishing")
    return markdown[start : markdown.index("## Summary")].splitlines()


def merged_pair(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """ana's and ben's reviews of the bundled article, with different speakers for c3 and
    different titles, merged into m/s.worksheet.yaml: the merge's run."""
    shutil.copyfile(REPO / "examples" / "seed-article.txt", tmp_path / "s.txt")
    for name, speaker, title in (("ana", "Alpha", "ANA title"), ("ben", "Beta", "BEN title")):
        (tmp_path / f"{name}.yaml").write_text(ANSWERS.format(speaker=speaker, title=title))
        own = () if name == "ana" else ("--own",)
        args = ("review", "s.txt", "--reviewer", name, "--answers", f"{name}.yaml", "--no-input")
        done = factcheck(tmp_path, *args, *own)
        assert done.returncode == 0, done.stderr
    sheets = ("reports/s.worksheet.yaml", "reports/s.ben.worksheet.yaml")
    return factcheck(tmp_path, "merge", *sheets, "--output", "m/s.worksheet.yaml")


def test_unsettled_speaker_and_title_are_listed_to_do_until_settled(tmp_path: Path) -> None:
    # ana and ben rejected c3's speaker for different names and wrote different titles: merge
    # said nothing of settling them, and the report published c3 as final with the speaker both
    # had rejected, its to-do list silent.
    done = merged_pair(tmp_path)
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == (
        "Merged 2 reviewers (ana, ben) by the majority rule: 6 answers settled, 0 open.\n"
        "Corrections and parts of the report: 0 settled, 2 left as they were.\n"
        'Left as they were: c3.speaker (ana "Alpha", ben "Beta"); article.title (ana "ANA '
        'title", ben "BEN title")\n'
        "Settle them with: factcheck review m/s.worksheet.yaml\n"
        "Saved m/s.worksheet.yaml\n"
    )
    report = factcheck(tmp_path, "report", "m/s.worksheet.yaml", "-f", "markdown", "-o", "-")
    assert report.returncode == 0, report.stderr
    assert todo(report.stdout) == [
        "## To do before publishing",
        "",
        "- Write a title (the article's headline stands in): `--title`.",
        "- Summarise what the article says: `--summary`.",
        "- Write the bottom line: `--bottom-line`.",
        "- Give the article's address: `--url`.",
        "- Finish the review of c18, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11 and 6 more.",
        '- Settle c3.speaker (open under the majority rule: ana "Alpha", ben "Beta").',
        '- Settle article.title (open under the majority rule: ana "ANA title", ben "BEN title").',
        "",
        "Set the parts with `factcheck review WORKSHEET --title ... --summary ... --bottom-line "
        "... --url ...`; conclusions are asked for at each claim's verdict. Settle what the "
        "merge left with `factcheck review WORKSHEET`.",
        "",
    ]
    terminal = factcheck(tmp_path, "report", "m/s.worksheet.yaml", "-f", "terminal", "-o", "-")
    lines = terminal.stdout.splitlines()
    start = lines.index("To do before publishing")
    assert lines[start : start + 4] == [
        "To do before publishing",
        '- Settle c3.speaker (open under the majority rule: ana "Alpha", ben "Beta").',
        '- Settle article.title (open under the majority rule: ana "ANA title", ben "BEN title").',
        "Settle them with: factcheck review WORKSHEET",
    ]
    data = json.loads(factcheck(tmp_path, "report", "m/s.worksheet.yaml", "-f", "json").stdout)
    c3 = next(claim for claim in data["claims"] if claim["id"] == "c3")
    assert (c3["verdict"]["label"], c3["status"]) == ("Accurate", "open")
    unsettled = ["c3.speaker", "article.title"]
    assert (data["team"]["unsettled"], data["team"]["still_unsettled"]) == (unsettled, unsettled)

    # cy settles both: the speaker by keeping Beta, the title by writing one.
    (tmp_path / "cy.yaml").write_text("c3:\n  speaker: Beta\n")
    args = ("review", "m/s.worksheet.yaml", "--reviewer", "cy", "--answers", "cy.yaml")
    done = factcheck(tmp_path, *args, "--title", "The title", "--no-input")
    assert done.returncode == 0, done.stderr
    report = factcheck(tmp_path, "report", "m/s.worksheet.yaml", "-f", "markdown", "-o", "-")
    assert "Settle" not in report.stdout
    data = json.loads(factcheck(tmp_path, "report", "m/s.worksheet.yaml", "-f", "json").stdout)
    c3 = next(claim for claim in data["claims"] if claim["id"] == "c3")
    assert (c3["verdict"]["label"], c3["status"]) == ("Accurate", "final")
    assert (data["team"]["unsettled"], data["team"]["still_unsettled"]) == (unsettled, [])
    terminal = factcheck(tmp_path, "report", "m/s.worksheet.yaml", "-f", "terminal", "-o", "-")
    assert "To do before publishing" not in terminal.stdout


def test_an_answers_file_keeping_the_value_a_merge_left_settles_it(tmp_path: Path) -> None:
    # Keeping the extractor's speaker and the title as they are, in an answers file, changed
    # nothing and left "Settle c3.speaker" in the report for ever.
    assert merged_pair(tmp_path).returncode == 0
    merged = json.loads(factcheck(tmp_path, "report", "m/s.worksheet.yaml", "-f", "json").stdout)
    speaker = next(c for c in merged["claims"] if c["id"] == "c3")["attribution"]["speaker"]
    (tmp_path / "keep.yaml").write_text(f"c3:\n  speaker: {speaker}\narticle:\n  title: ''\n")
    args = ("review", "m/s.worksheet.yaml", "--reviewer", "cy", "--answers", "keep.yaml")
    done = factcheck(tmp_path, *args, "--no-input")
    assert done.returncode == 0, done.stderr
    data = json.loads(factcheck(tmp_path, "report", "m/s.worksheet.yaml", "-f", "json").stdout)
    assert data["team"]["still_unsettled"] == []
    c3 = next(c for c in data["claims"] if c["id"] == "c3")
    assert (c3["attribution"]["speaker"], c3["status"]) == (speaker, "final")
    # Applying the same file again changes nothing: the items are settled already.
    again = factcheck(tmp_path, *args, "--no-input")
    assert again.returncode == 0, again.stderr
    after = json.loads(factcheck(tmp_path, "report", "m/s.worksheet.yaml", "-f", "json").stdout)
    assert len(after["audit"]) == len(data["audit"])
