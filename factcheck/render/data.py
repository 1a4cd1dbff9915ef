"""Stage ⑨ render: the report as data for other tools: JSON, schema.org ClaimReview and CSV.

All three are pure and deterministic: keys in a fixed order, claims in article order, no clock.
The JSON format is documented in docs/report-json.md.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from factcheck.checklist.load import Checklist, Question
from factcheck.records import attribution_record, document_record, one_line
from factcheck.render.console import defang
from factcheck.render.jsonout import Stream, _dumps, dump_pieces
from factcheck.report.model import (
    AnswerRow,
    ClaimRow,
    ClaimStatus,
    Report,
    SourceRow,
    claim_anchor,
    claim_marks,
    day,
)
from factcheck.review.worksheet import PUBLICATION_FIELDS, FactValue, is_url
from factcheck.review.worksheet_yaml import change_record

FORMAT = "factcheck-report/1"
"""Value of the ``format`` key of the JSON report, with its version."""

SCHEMA_CONTEXT = "https://schema.org"
"""The JSON-LD context of ClaimReview output."""

# A spreadsheet reads a cell starting with one of these as a formula (or a DDE command).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- JSON --------------------------------------------------------------------------------------


def _fact(value: FactValue) -> object:
    return list(value) if isinstance(value, tuple) else value


def _question_record(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "ask": question.ask,
        "type": str(question.type),
        "answers": [{"id": c, "label": question.label_for(c)} for c in question.choices],
        "required": question.required,
        "when": question.when.source if question.when is not None else None,
        "prefill": question.prefill.source if question.prefill is not None else None,
    }


def _checklist_record(report: Report) -> dict[str, Any]:
    checklist: Checklist = report.checklist
    grade = checklist.grade
    return {
        "id": checklist.id,
        "name": checklist.name,
        "version": checklist.version,
        "sha256": checklist.sha256,
        "source": report.worksheet.checklist.source,
        "description": checklist.description,
        "scale": [
            {
                "id": level.id,
                "label": level.label,
                "description": level.description,
                "colour": level.colour,
            }
            for level in checklist.scale
        ],
        "questions": [_question_record(q) for q in checklist.questions],
        "rules": [
            {
                "when": rule.source if rule.when is not None else None,
                "verdict": rule.verdict,
                "reason": rule.reason,
            }
            for rule in checklist.rules
        ],
        "grade": None
        if grade is None
        else {
            part: [
                {"when": r.source if r.when is not None else None, "value": r.value} for r in rules
            ]
            for part, rules in (("source", grade.source), ("credibility", grade.credibility))
        },
    }


def _answer_record(answer: AnswerRow) -> dict[str, Any]:
    return {
        "question": answer.question,
        "value": answer.value,
        "label": answer.label,
        "note": answer.note,
        "evidence": list(answer.evidence),
        "prefill_accepted": answer.prefill_accepted,
        "reviewer": answer.reviewer,
        "at": answer.at,
        "asked": answer.asked,
        "counted": answer.counted,
    }


def _claim_record(row: ClaimRow) -> dict[str, Any]:
    claim = row.claim
    sf = row.entry.source_facts
    override = row.override
    return {
        "id": claim.id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "block": claim.block,
        "paragraph": list(row.entry.paragraph),
        "check_worthiness": claim.check_worthiness,
        "reasons": list(claim.reasons),
        "attribution": attribution_record(claim.attribution, with_hops=True),
        "chain": list(row.chain),
        "sources": list(claim.sources),
        "source_facts": {
            "any_partisan": sf.any_partisan,
            "any_party_to_conflict": sf.any_party_to_conflict,
            "worst_reliability": sf.worst_reliability,
            "state_media": sf.state_media,
            "unknown": list(sf.unknown),
        },
        "facts": {name: _fact(row.entry.facts[name]) for name in sorted(row.entry.facts)},
        "status": str(row.status),
        "verdict": {
            "id": row.verdict,
            "label": row.label,
            "rank": row.rank,
            "rule": row.rule,
            "rule_number": row.rule_number,
            "reason": row.reason,
            "grade": row.grade,
            "missing": list(row.missing),
        },
        "override": None
        if override is None
        else {
            "verdict": override.verdict,
            "reason": override.reason,
            "reviewer": override.reviewer,
            "at": override.at,
        },
        "skipped": row.entry.skipped,
        "caption": claim.caption,
        "repeats": claim.repeats,
        "repeated_by": list(row.repeated_by),
        "reviewers": list(row.reviewers),
        "reviewed": row.reviewed,
        "conclusion": row.entry.conclusion,
        "corrected": list(row.entry.corrected),
        "answers": [_answer_record(answer) for answer in row.answers],
    }


def _source_record(source: SourceRow) -> dict[str, Any]:
    return {
        "id": source.id,
        "name": source.name,
        "kind": source.kind,
        "affiliation": list(source.affiliation),
        "partisan": source.partisan,
        "reliability": source.reliability,
        "claims": list(source.claims),
    }


def report_record(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data (the structure docs/report-json.md describes)."""
    claims = [_claim_record(row) for row in report.claims]
    audit = [change_record(change) for change in report.worksheet.audit]
    return _report_record(report, claims, audit)


def _report_record(report: Report, claims: object, audit: object) -> dict[str, Any]:
    doc = report.document
    return {
        "format": FORMAT,
        "slug": report.slug,
        "document": document_record(doc, with_text=True),
        "checklist": _checklist_record(report),
        "created": report.worksheet.created or None,
        "reviewed": report.reviewed,
        "reviewers": list(report.reviewers),
        "summary": {
            "claims": len(report.claims),
            "final": report.final,
            "open": report.open,
            "skipped": report.skipped,
            "verdicts": [
                {"verdict": c.verdict, "label": c.label, "count": c.count} for c in report.counts
            ],
            "grades": [{"grade": code, "count": count} for code, count in report.grades],
        },
        "publication": {
            name: report.worksheet.publication.get(name) for name in PUBLICATION_FIELDS
        },
        "claims": claims,
        "dropped": [
            {"id": entry.id, "text": entry.claim.text, "reason": entry.dropped}
            for entry in report.dropped
        ],
        "sources": [_source_record(source) for source in report.sources],
        "warnings": list(report.warnings),
        "audit": audit,
    }


def render_json(report: Report) -> str:
    """The whole worksheet with its computed verdicts as indented JSON (UTF-8, newline at end)."""
    return _dumps(report_record(report))


def json_pieces(report: Report, extra: Mapping[str, object] | None = None) -> Iterator[str]:
    """The text of :func:`render_json` (with ``extra`` top-level keys after the others), in
    pieces: each claim and audit change is made into text only when it is written, so that a
    report of many claims is never held whole."""
    claims = Stream(_claim_record(row) for row in report.claims)
    audit = Stream(change_record(change) for change in report.worksheet.audit)
    record = _report_record(report, claims, audit)
    record.update(extra or {})
    return dump_pieces(record)


# --- ClaimReview -------------------------------------------------------------------------------


def _speaker(row: ClaimRow) -> dict[str, str] | None:
    name = one_line(row.speaker or "")
    if not name:
        return None
    if row.speaker_kind is not None:
        kind = "Person" if row.speaker_kind == "person" else "Organization"
    else:
        # Unknown to the registry: "The ministry" is a body, "Ibrahim Al-Amin" a person.
        kind = "Organization" if name.lower().startswith("the ") else "Person"
    return {"@type": kind, "name": name}


def _appearance(report: Report) -> dict[str, Any]:
    doc = report.document
    article: dict[str, Any] = {"@type": "CreativeWork"}
    if doc.url and is_url(doc.url):
        article["url"] = doc.url
    if doc.title:
        article["headline"] = one_line(doc.title)
    if doc.published:
        article["datePublished"] = doc.published
    if doc.byline:
        article["author"] = {"@type": "Person", "name": one_line(doc.byline)}
    if doc.outlet:
        article["publisher"] = {"@type": "Organization", "name": one_line(doc.outlet)}
    return article


def claim_review(
    report: Report, row: ClaimRow, *, url: str | None = None, publisher: str | None = None
) -> dict[str, Any]:
    """One claim's schema.org ClaimReview, as a JSON-LD object.

    The rating maps the checklist's scale, best first, onto numbers: the best verdict is
    ``len(scale)``, the worst 1. ``url`` is the address the report is published at; each review
    links to its claim's section there. ``publisher`` names the organisation that publishes the
    reviews; without it the reviewers are the authors.
    """
    size = len(report.checklist.scale)
    item: dict[str, Any] = {"@type": "Claim"}
    speaker = _speaker(row)
    if speaker is not None:
        item["author"] = speaker
    if report.document.published:
        item["datePublished"] = report.document.published
    item["appearance"] = _appearance(report)
    marks = claim_marks(row)
    if marks:
        # A caption says what a photo shows; a repeat points at the fuller claim.
        item["description"] = "; ".join(marks)
    rating: dict[str, Any] = {"@type": "Rating"}
    if row.rank < size:
        rating |= {"ratingValue": size - row.rank, "bestRating": size, "worstRating": 1}
    rating["alternateName"] = row.label
    review: dict[str, Any] = {"@context": SCHEMA_CONTEXT, "@type": "ClaimReview"}
    if url:
        anchor = claim_anchor(row.id)
        review["url"] = f"{url}#{anchor}" if anchor else url
    review["claimReviewed"] = one_line(row.claim.text)
    review["itemReviewed"] = item
    if publisher:
        review["author"] = {"@type": "Organization", "name": publisher}
    elif row.reviewers:
        people = [{"@type": "Person", "name": name} for name in row.reviewers]
        review["author"] = people[0] if len(people) == 1 else people
    if row.reviewed:
        review["datePublished"] = day(row.reviewed)
    review["reviewRating"] = rating
    if row.reason:
        review["reviewBody"] = one_line(row.reason)
    return review


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
"""The marks HTML reads inside a script block, as their JSON escapes."""


def render_claimreview(
    report: Report, *, url: str | None = None, publisher: str | None = None
) -> str:
    """A JSON array of schema.org ClaimReview objects, one per claim with a final verdict."""
    reviews = [
        claim_review(report, row, url=url, publisher=publisher)
        for row in report.claims
        if row.status is ClaimStatus.FINAL
    ]
    # Pages embed ClaimReview in <script type="application/ld+json">: a reviewer's "</script>"
    # must not end that block, nor "<!--" change how the rest of it is read, so every "<", ">"
    # and "&" is written as its JSON escape (the same string once parsed).
    return _dumps(reviews).translate(_SCRIPT_SAFE)


# --- CSV ---------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "status",
    "verdict",
    "verdict_label",
    "grade",
    "rule",
    "reason",
    "speaker",
    "role",
    "chain",
    "hops",
    "hedges",
    "quote",
    "check_worthiness",
    "sources",
    "reviewers",
    "reviewed",
    "text",
    "marks",
)
"""The fixed columns of the CSV report; three per question follow: answer:<id>, note:<id> and
evidence:<id> (URLs separated by spaces)."""


def neutralise_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: control characters made visible, and a leading
    ``= + - @`` (or tab or carriage return) quoted with ``'`` so it never runs as a formula."""
    cell = defang(value)
    return "'" + cell if value.startswith(_FORMULA_START) else cell


def _question_ids(report: Report) -> list[str]:
    ids = {question.id: None for question in report.checklist.questions}
    for row in report.claims:
        for answer in row.answers:
            ids.setdefault(answer.question, None)
    return list(ids)


def _csv_row(row: ClaimRow, question_ids: Sequence[str]) -> list[str]:
    att = row.claim.attribution
    answers: Mapping[str, AnswerRow] = {answer.question: answer for answer in row.answers}
    cells = [
        row.id,
        str(row.status),
        row.verdict,
        row.label,
        row.grade or "",
        row.rule,
        row.reason or "",
        att.speaker or "",
        att.role or "",
        " <- ".join(row.chain),
        str(row.hops),
        "; ".join(att.hedges),
        "yes" if att.quote else "no",
        f"{row.claim.check_worthiness:.2f}",
        "; ".join(row.claim.sources),
        "; ".join(row.reviewers),
        row.reviewed or "",
        row.claim.text,
        "; ".join(claim_marks(row)),
    ]
    for qid in question_ids:
        answer = answers.get(qid)
        if answer is None:
            cells += ["", "", ""]
        else:
            cells += [answer.value or "", answer.note or "", " ".join(answer.evidence)]
    return cells


def render_csv(report: Report) -> str:
    """One row per claim: verdict and attribution, then each question's answer, note, evidence."""
    question_ids = _question_ids(report)
    header = list(CSV_COLUMNS)
    for qid in question_ids:
        header += [f"answer:{qid}", f"note:{qid}", f"evidence:{qid}"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise_cell(cell) for cell in header])
    for row in report.claims:
        writer.writerow([neutralise_cell(cell) for cell in _csv_row(row, question_ids)])
    return out.getvalue()
