"""Tests for reading a fact-checker's rating words as a verdict, negated and qualified ones too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.checklist.load import load_checklist
from factcheck.checklist.verdicts import offered
from factcheck.cli import app
from factcheck.factchecks.findings import factcheck_facts, match_claims
from factcheck.factchecks.model import Verdict, verdict_from_words
from factcheck.lexicon import entries
from factcheck.models import Claim


@pytest.mark.parametrize(
    ("rating", "verdict"),
    [
        # A plain "not" (or a word ending in n't) before words for true: false.
        ("Not accurate", Verdict.FALSE),
        ("Not correct", Verdict.FALSE),
        ("Not true", Verdict.FALSE),
        ("Isn't true", Verdict.FALSE),
        ("isn\u2019t accurate", Verdict.FALSE),
        ("This is NOT correct.", Verdict.FALSE),
        ("un-true", Verdict.FALSE),
        # A share of true or of false is placed on the scale as a number is.
        ("0% true", Verdict.FALSE),
        ("0 percent accurate", Verdict.FALSE),
        ("50% true", Verdict.MIXED),
        ("100% false", Verdict.FALSE),
        ("90% true", Verdict.TRUE),
        # Unclear: a negated false or misleading is no verdict, nor is a qualified negation.
        ("Not false", None),
        ("Not fake", None),
        ("Not misleading", None),
        ("Not mostly true", None),
        ("Not entirely accurate", None),
        ("not quite true", None),
        ("Hardly true", None),
        ("Far from accurate", None),
        ("No proof it is true", None),
        ("non-false", None),
        ("30% misleading", None),
        # A negated share says too little, whatever the share: "not 100% accurate" may be 90%.
        ("Not 100% accurate", None),
        ("Not 90% true", None),
        ("Not 100% false", None),
        ("Not 0% true", None),
        ("isn't 100% accurate", None),
        ("Far from 100% true", None),
        ("Not false, but 0% true", Verdict.FALSE),
        # A share spelled out is read as a share, of a number in digits or in words.
        ("zero per cent true", Verdict.FALSE),
        ("0 pct true", Verdict.FALSE),
        ("0/10 true", Verdict.FALSE),
        ("3 out of 10 true", Verdict.MOSTLY_FALSE),
        ("three out of ten accurate", Verdict.MOSTLY_FALSE),
        ("Twenty-five per cent true", Verdict.MOSTLY_FALSE),
        ("A hundred percent true", Verdict.TRUE),
        ("10/10 false", Verdict.FALSE),
        ("50.5% true", Verdict.MIXED),
        ("0.5 per-cent accurate", Verdict.FALSE),
        # A share whose number is not read, or is no share, is unclear: never its words' verdict.
        ("Umpteen percent true", None),
        ("some/10 true", None),
        ("11/10 true", None),
        ("0/0 true", None),
        # A negation reaches only its own clause.
        ("Not false, but misleading", Verdict.MISLEADING),
        ("Not misleading but false", Verdict.FALSE),
        ("No, this is false", Verdict.FALSE),
        ("True, not false", Verdict.TRUE),
        ("Not accurate \u2014 exaggerated", Verdict.MISLEADING),
        # Unchanged: words without a negation, and negations the list itself holds.
        ("Pants on Fire", Verdict.FALSE),
        ("Mostly accurate", Verdict.MOSTLY_TRUE),
        ("Untrue", Verdict.FALSE),
        ("Inaccurate", Verdict.FALSE),
        ("No evidence", Verdict.UNPROVEN),
        ("Not proven", Verdict.UNPROVEN),
        ("Baseless", Verdict.UNPROVEN),
        ("Claim debunked", Verdict.FALSE),
        ("Not debunked", None),
        ("Half-truth", Verdict.MIXED),
        ("Cannot be verified", Verdict.UNPROVEN),
        ("Probably true", Verdict.TRUE),
        ("Barely True", Verdict.MOSTLY_FALSE),
        ("Confirmed", None),
    ],
)
def test_a_negated_rating_never_means_the_verdict_of_the_words_it_negates(
    rating: str, verdict: Verdict | None
) -> None:
    assert verdict_from_words(rating) == verdict


def test_every_rating_in_the_list_alone_means_its_own_verdict() -> None:
    for line in entries("fact-check-ratings"):
        words, _, verdict = line.rpartition("=")
        assert verdict_from_words(words) == Verdict(verdict.strip()), words


FEED = """claim,rating,publisher,url
"Vaccines contain microchips that track people",Not accurate,Example Check,https://c.example/1
"The bridge over the Elm river will be closed until March",Not correct,Other,https://o.example/1
"Sharks were seen swimming in the city lake on Sunday",Not false,Other,https://o.example/2
"Unemployment in the county fell to 3 percent last year",0% true,Other,https://o.example/3
"The new stadium will cost the city 200 million dollars",Not misleading,Other,https://o.example/4
"""


def test_a_debunk_worded_with_a_negation_is_never_offered_as_corroboration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "Not accurate" was stored as verdict true, so the quick checklist offered "yes" on
    # "Does at least one independent source confirm the claim?"; "Not false" became false.
    feed, db = tmp_path / "feed.csv", tmp_path / "fc.sqlite"
    feed.write_text(FEED, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["factchecks", "import", str(feed), "--db", str(db)])
    assert (result.exit_code, result.stderr) == (0, f"{feed}: 5 added, 0 updated, 0 unchanged\n")
    found = {}
    for claim in [line.split('"')[1] for line in FEED.splitlines()[1:]]:
        result = runner.invoke(app, ["factchecks", "search", claim, "--db", str(db), "-n", "1"])
        (match,) = json.loads(result.stdout)["matches"]
        found[match["rating"]] = match["verdict"]
    assert found == {
        "Not accurate": "false",
        "Not correct": "false",
        "Not false": None,
        "0% true": "false",
        "Not misleading": None,
    }
    monkeypatch.setenv("FACTCHECK_FACTCHECKS_DB", str(db))
    (matches,) = (
        match_claims([Claim("c1", FEED.splitlines()[1].split('"')[1], 0, 9, 0.9)]) or {}
    ).values()
    facts = factcheck_facts(matches)
    assert facts == {"factchecks.match": True, "factchecks.rating": "false"}
    question = next(q for q in load_checklist("quick").questions if q.id == "corroborated")
    assert offered(question, facts) == "contradicted"


SHARES = """claim,rating,publisher,url
The moon is made of cheese says senator,Not 100% accurate,Desk,https://ex.org/1
Vaccines contain microchips claims post,Not 90% true,Desk,https://ex.org/2
The bridge was closed for a decade,Not 100% false,Desk,https://ex.org/3
Inflation hit 40 percent last year,Not 0% true,Desk,https://ex.org/4
The mayor banned all cars downtown,zero per cent true,Desk,https://ex.org/5
The river turned red from dye,0 pct true,Desk,https://ex.org/6
Schools will close every Friday,0/10 true,Desk,https://ex.org/7
Schools will open every Monday,0 percent true,Desk,https://ex.org/8
"""


def test_a_negated_or_spelled_out_share_is_never_stored_as_its_words_verdict(
    tmp_path: Path,
) -> None:
    # "Not 100% accurate" and "Not 90% true" were stored as true, "Not 100% false" and "Not 0%
    # true" as false, "zero per cent true", "0 pct true" and "0/10 true" as true.
    feed, db = tmp_path / "feed.csv", tmp_path / "fc.sqlite"
    feed.write_text(SHARES, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["factchecks", "import", str(feed), "--db", str(db)])
    assert (result.exit_code, result.stderr) == (0, f"{feed}: 8 added, 0 updated, 0 unchanged\n")
    found = {}
    for line in SHARES.splitlines()[1:]:
        claim = line.split(",")[0]
        result = runner.invoke(app, ["factchecks", "search", claim, "--db", str(db), "-n", "1"])
        (match,) = json.loads(result.stdout)["matches"]
        found[match["rating"]] = match["verdict"]
    assert found == {
        "Not 100% accurate": None,
        "Not 90% true": None,
        "Not 100% false": None,
        "Not 0% true": None,
        "zero per cent true": "false",
        "0 pct true": "false",
        "0/10 true": "false",
        "0 percent true": "false",
    }
