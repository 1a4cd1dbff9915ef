"""Tests of factcheck.render.data: JSON, schema.org ClaimReview and CSV, parsed back.

The reference files tests/fixtures/report/seed.json, seed.claimreview.json and seed.csv are
compared byte for byte. After an intended change, rewrite them with
``.venv/bin/python tools/regen_references.py`` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from typing import Any

import pytest
from report_fixtures import adversarial, check_reference, report, seed

from factcheck.render.data import (
    CSV_COLUMNS,
    FORMAT,
    neutralise_cell,
    render_claimreview,
    render_csv,
    render_json,
)
from factcheck.report.model import ClaimStatus

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


# --- JSON ----------------------------------------------------------------------------------------


def test_json_matches_the_reference_file() -> None:
    check_reference("seed.json")


def test_json_holds_the_whole_worksheet_with_computed_verdicts() -> None:
    data = json.loads(render_json(seed()))
    assert list(data) == [
        "format",
        "slug",
        "document",
        "checklist",
        "created",
        "reviewed",
        "reviewers",
        "summary",
        "publication",
        "claims",
        "dropped",
        "sources",
        "warnings",
        "audit",
    ]
    assert data["format"] == FORMAT
    assert data["document"]["text"] == seed().document.text
    assert data["summary"] == {
        "claims": 18,
        "final": 4,
        "open": 13,
        "skipped": 1,
        "verdicts": [
            {"verdict": "accurate", "label": "Accurate", "count": 0},
            {"verdict": "mostly_accurate", "label": "Mostly accurate", "count": 2},
            {"verdict": "unproven", "label": "Unproven", "count": 1},
            {"verdict": "misleading", "label": "Misleading", "count": 1},
            {"verdict": "false", "label": "False", "count": 0},
        ],
        "grades": [],
    }
    claims = {claim["id"]: claim for claim in data["claims"]}
    assert claims["c16"]["verdict"] == {
        "id": "misleading",
        "label": "Misleading",
        "rank": 3,
        "rule": "original_matches == partly",
        "rule_number": 2,
        "reason": "The original says less, or something different.",
        "grade": None,
        "missing": [],
    }
    assert claims["c10"]["status"] == "final"
    assert claims["c10"]["verdict"]["rule"] == "override"
    assert claims["c10"]["override"]["reason"] == "Same event as c1; the verdict follows c1."
    assert claims["c4"]["status"] == "skipped"
    assert claims["c3"]["chain"] == ["The Algemeiner", "Al-Manar TV", "Ibrahim Al-Amin"]
    assert len(data["audit"]) == 24


def test_json_keeps_hostile_text_exactly_and_escapes_what_a_terminal_would_obey() -> None:
    built = adversarial()
    text = render_json(built)
    assert not UNSAFE.search(text)
    data = json.loads(text)
    assert [claim["text"] for claim in data["claims"]] == [row.claim.text for row in built.claims]
    assert data["document"]["title"] == built.document.title
    notes = [a["note"] for a in data["claims"][0]["answers"]]
    assert notes[2] == built.claims[0].answers[2].note


# --- ClaimReview -------------------------------------------------------------------------------


def test_claimreview_matches_the_reference_file() -> None:
    check_reference("seed.claimreview.json")


def test_claimreview_parsed_back_field_by_field() -> None:
    reviews: list[dict[str, Any]] = json.loads(
        render_claimreview(seed(), url="https://factcheck.example/seed-article")
    )
    assert [r["claimReviewed"][:30] for r in reviews] == [
        "On May 20, Netanyahu showed th",
        "The editor-in-chief of the Leb",
        "Meanwhile, on May 20, Prime Mi",
        "Following the ceasefire, Khame",
    ]
    review = reviews[1]
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["url"] == "https://factcheck.example/seed-article#claim-c3"
    assert review["claimReviewed"] == seed().claims[2].claim.text
    assert review["author"] == {"@type": "Person", "name": "Demo Reviewer"}
    assert review["datePublished"] == "2021-06-01"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 3,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Unproven",
    }
    assert review["reviewBody"] == "Neither the original nor an independent source could be found."
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Ibrahim Al-Amin"}
    assert item["datePublished"] == "2021-05-31"
    assert item["appearance"] == {
        "@type": "CreativeWork",
        "headline": (
            "Report: Hamas coordinated Gaza war with Iran, Hezbollah in joint military room"
        ),
        "datePublished": "2021-05-31",
        "author": {"@type": "Person", "name": "Sharon Wrobel"},
        "publisher": {"@type": "Organization", "name": "The Algemeiner"},
    }
    ratings = [
        (r["reviewRating"]["alternateName"], r["reviewRating"]["ratingValue"]) for r in reviews
    ]
    assert ratings == [
        ("Mostly accurate", 4),
        ("Unproven", 3),
        ("Mostly accurate", 4),
        ("Misleading", 2),
    ]


def test_claimreview_without_url_or_with_a_publisher() -> None:
    reviews = json.loads(render_claimreview(seed(), publisher="Example Checks"))
    assert all("url" not in review for review in reviews)
    assert {json.dumps(r["author"]) for r in reviews} == {
        '{"@type": "Organization", "name": "Example Checks"}'
    }


def test_claimreview_of_hostile_text_is_valid_json_without_raw_control_characters() -> None:
    text = render_claimreview(adversarial())
    assert not UNSAFE.search(text)
    reviews = json.loads(text)
    assert len(reviews) == 4
    assert reviews[0]["reviewRating"]["bestRating"] == 2
    assert reviews[2]["author"] == {"@type": "Person", "name": "=evil()"}


def test_claimreview_cannot_end_an_embedding_script_block() -> None:
    # Pages embed ClaimReview in <script type="application/ld+json">; a "</script>" or a "<!--"
    # in a reviewer's note or the article must not close that block or change how it is read.
    text = render_claimreview(adversarial())
    assert not {"<", ">", "&"} & set(text)
    reviews = json.loads(text)
    assert any("</script>" in json.dumps(r, ensure_ascii=False) for r in reviews)


def test_claimreview_escapes_every_mark_html_reads_in_a_script_block() -> None:
    report = adversarial()
    row = next(r for r in report.claims if r.status is ClaimStatus.FINAL)
    hostile = "<!-- <script> & </script> -->"
    claim = replace(row.entry.claim, text=hostile)
    rows = (replace(row, entry=replace(row.entry, claim=claim)),)
    text = render_claimreview(replace(report, claims=rows))
    escaped = "\\u003c!-- \\u003cscript\\u003e \\u0026 \\u003c/script\\u003e --\\u003e"
    assert f'"claimReviewed": "{escaped}"' in text
    assert json.loads(text)[0]["claimReviewed"] == hostile


# --- CSV -----------------------------------------------------------------------------------------


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_matches_the_reference_file() -> None:
    check_reference("seed.csv")


def test_csv_has_one_row_per_claim_and_three_columns_per_question() -> None:
    table = rows(render_csv(seed()))
    questions = [q.id for q in seed().checklist.questions]
    header = list(CSV_COLUMNS)
    for qid in questions:
        header += [f"answer:{qid}", f"note:{qid}", f"evidence:{qid}"]
    assert table[0] == header
    assert [row[0] for row in table[1:]] == [f"c{n}" for n in range(1, 19)]
    c3 = dict(zip(header, table[3], strict=True))
    assert c3["verdict"] == "unproven"
    assert c3["chain"] == "The Algemeiner <- Al-Manar TV <- Ibrahim Al-Amin"
    assert c3["answer:partisan_chain"] == "yes"
    assert c3["evidence:partisan_chain"] == (
        "https://en.wikipedia.org/wiki/Al-Manar https://en.wikipedia.org/wiki/Al_Akhbar_(Lebanon)"
    )


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_csv_neutralises_formulas_and_control_characters() -> None:
    text = render_csv(adversarial())
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
    table = rows(text)
    assert {len(row) for row in table} == {len(table[0])}
    for row in table:
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell
    header = table[0]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in table[1:]}
    assert by_id["c3"]["text"] == '\'=HYPERLINK("https://evil.example","click")'
    assert by_id["c4"]["text"] == "'+1 -2 @SUM(A1)"
    assert by_id["c4"]["speaker"] == "'@admin"
    assert by_id["x|y](z)<b>"]["text"] == "'\t=tab formula"
    assert by_id["c2"]["answer:ghost_question"] == "'=1+1"
    assert by_id["c1"]["text"].startswith("# Heading\n> quote\n")


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\\x0d=1"),
        ("1-2", "1-2"),
        ("a=b", "a=b"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("", ""),
    ],
)
def test_neutralise_cell(value: str, cell: str) -> None:
    assert neutralise_cell(value) == cell


def test_every_format_is_deterministic() -> None:
    first = (render_json(seed()), render_claimreview(seed()), render_csv(seed()))
    report.cache_clear()
    assert (render_json(seed()), render_claimreview(seed()), render_csv(seed())) == first
