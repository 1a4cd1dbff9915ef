"""Known fact-checks in the workflow: extract, the checklist facts and offer, review, reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from report_fixtures import seed
from typer.testing import CliRunner

from factcheck.checklist.load import load_checklist
from factcheck.checklist.verdicts import offered
from factcheck.cli import app
from factcheck.factchecks.findings import (
    factcheck_facts,
    match_claims,
    merge_hints,
    review_hints,
)
from factcheck.factchecks.model import Match, Verdict
from factcheck.models import Claim
from factcheck.review.hints import ClaimHints

ARTICLE = """Harbour tunnel row

The harbour tunnel flooded three times last winter and was closed for 40 days, the mayor said.

A new bakery opened on the corner of Elm Street on Tuesday, serving 300 customers.
"""

FEED = """claim,title,rating,publisher,url,date
"The harbour tunnel flooded three times last winter and was closed for 40 days.",\
"Did the harbour tunnel flood?",False,Example Check,https://check.example/tunnel,2024-02-11
"Seawater cures the common cold.",,False,Example Check,https://check.example/sea,2024-01-02
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["--color", "never", *args])
    return result.exit_code, result.stdout, result.stderr


def match(score: float, verdict: Verdict | None = Verdict.FALSE) -> Match:
    return Match(
        id=1,
        claim="The harbour tunnel flooded three times.",
        title=None,
        rating="False" if verdict else None,
        verdict=verdict,
        publisher="Example Check",
        url="https://check.example/tunnel",
        date="2024-02-11",
        score=score,
    )


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    feed = tmp_path / "feed.csv"
    feed.write_text(FEED, encoding="utf-8")
    db = tmp_path / "known.sqlite"
    monkeypatch.setenv("FACTCHECK_FACTCHECKS_DB", str(db))
    assert run("factchecks", "import", str(feed))[0] == 0
    return db


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "tunnel.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_without_a_database_nothing_is_matched_and_extract_is_unchanged(article: Path) -> None:
    assert match_claims([Claim("c1", "The tunnel flooded.", 0, 5, 0.9)]) is None
    code, out, _ = run("extract", str(article), "-f", "json")
    assert code == 0
    assert all("factchecks" not in claim for claim in json.loads(out)["claims"])


def test_extract_adds_the_shown_matches_to_each_claim(database: Path, article: Path) -> None:
    code, out, err = run("extract", str(article), "-f", "json")
    assert (code, err) == (0, "")
    claims = json.loads(out)["claims"]
    tunnel = next(c for c in claims if "tunnel" in c["text"])
    (found,) = tunnel["factchecks"]
    assert {k: v for k, v in found.items() if k != "score"} == {
        "id": 1,
        "claim": "The harbour tunnel flooded three times last winter and was closed for 40 days.",
        "title": "Did the harbour tunnel flood?",
        "rating": "False",
        "verdict": "false",
        "publisher": "Example Check",
        "url": "https://check.example/tunnel",
        "date": "2024-02-11",
    }
    assert found["score"] >= 0.6
    assert all(c["factchecks"] == [] for c in claims if "tunnel" not in c["text"])


def test_extract_table_has_a_checked_before_column(database: Path, article: Path) -> None:
    code, out, _ = run("extract", str(article), "-f", "table")
    assert code == 0
    assert "checked before" in out
    (row,) = [line for line in out.splitlines() if line.strip().startswith("c1 ")]
    assert row.rstrip().endswith("False · Example Check")


def test_facts_come_only_from_strong_matches() -> None:
    assert factcheck_facts([]) == {"factchecks.match": False, "factchecks.rating": "none"}
    assert factcheck_facts([match(0.61)]) == {
        "factchecks.match": False,
        "factchecks.rating": "none",
    }
    assert factcheck_facts([match(0.9)]) == {
        "factchecks.match": True,
        "factchecks.rating": "false",
    }
    assert factcheck_facts([match(0.9, None)]) == {
        "factchecks.match": True,
        "factchecks.rating": "none",
    }


@pytest.mark.parametrize(
    ("facts", "offer"),
    [
        ({"factchecks.match": True, "factchecks.rating": "false"}, "contradicted"),
        ({"factchecks.match": True, "factchecks.rating": "misleading"}, "contradicted"),
        ({"factchecks.match": True, "factchecks.rating": "mostly_true"}, "yes"),
        ({"factchecks.match": True, "factchecks.rating": "mixed"}, None),
        ({"factchecks.match": False, "factchecks.rating": "none"}, None),
    ],
)
def test_the_quick_checklist_offers_a_strong_matchs_rating(
    facts: dict[str, object], offer: str | None
) -> None:
    question = next(q for q in load_checklist("quick").questions if q.id == "corroborated")
    assert offered(question, facts) == offer


def test_review_hints_show_each_match_and_offer_it_as_evidence() -> None:
    hints = review_hints({"c1": (match(0.9),), "c2": ()}, load_checklist("quick"))
    assert list(hints) == ["c1"]
    hint = hints["c1"]
    line = (
        "False · Example Check · 2024-02-11 \u2014 "
        "\u201cThe harbour tunnel flooded three times.\u201d (match 0.90)"
    )
    assert (hint.title, hint.lines) == ("Fact-checks", (f"Checked before: {line}",))
    (offer,) = hint.offers
    assert (offer.question, offer.evidence, offer.note) == (
        "corroborated",
        "https://check.example/tunnel",
        f"Fact-checked before: {line}",
    )


def test_hints_of_a_case_and_of_fact_checks_are_shown_together() -> None:
    case = {"c1": ClaimHints(lines=("Case x: 2 reports.",))}
    known = review_hints({"c1": (match(0.9),)}, load_checklist("quick"))
    merged = merge_hints(case, known)
    assert merged["c1"].title == "Case · Fact-checks"
    assert merged["c1"].lines[0] == "Case x: 2 reports."
    assert merged["c1"].offers == known["c1"].offers


def test_review_and_markdown_report_list_prior_fact_checks(
    database: Path, article: Path, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "c1:\n  corroborated:\n    value: contradicted\n    evidence: https://check.example/tunnel\n",
        encoding="utf-8",
    )
    code, _, err = run(
        "review",
        str(article),
        "--answers",
        str(answers),
        "--no-input",
        "--reports-dir",
        str(reports),
    )
    assert code == 0, err
    (worksheet,) = reports.glob("*.worksheet.yaml")
    text = worksheet.read_text(encoding="utf-8")
    assert "factchecks.match: true" in text
    assert "factchecks.rating: 'false'" in text or 'factchecks.rating: "false"' in text
    code, out, err = run("report", str(worksheet), "-f", "markdown", "-o", "-")
    assert code == 0, err
    section = out[out.index("## Known fact-checks") :]
    assert "[False · Example Check · 2024-02-11](https://check.example/tunnel)" in section
    assert out.index("## Claims") < out.index("## Known fact-checks")


def test_the_report_section_escapes_untrusted_fields(tmp_path: Path) -> None:
    from factcheck.render.factchecks import factchecks_markdown

    report = seed()
    hostile = Match(
        id=9,
        claim="<script>x</script> [click](javascript:alert(1)) | cell",
        title=None,
        rating="**False**",
        verdict=Verdict.FALSE,
        publisher="<b>Desk</b>",
        url="javascript:alert(1)",
        date=None,
        score=0.8,
    )
    section = factchecks_markdown(report, {report.claims[0].id: (hostile,)})
    html = MarkdownIt("commonmark").enable(["table"]).render(section)
    assert "<script>" not in html and "<b>" not in html and "<strong>False" not in html
    assert "href" not in html
    assert "**False** · &lt;b&gt;Desk&lt;/b&gt;" in html
