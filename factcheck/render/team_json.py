"""Stage ⑨ render: several reviewers compared, as JSON (docs/team.md describes it).

Kept apart from the other formats of :mod:`factcheck.render.team` so that `compare --format
json` loads no more than it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factcheck.records import document_record
from factcheck.render.jsonout import _dumps

if TYPE_CHECKING:
    from factcheck.team.agreement import Figure
    from factcheck.team.compare import Agreement, ClaimComparison, Comparison

FORMAT = "factcheck-compare/1"
"""Value of the ``format`` key of the JSON comparison, with its version."""


def _figure(record: dict[str, Any], key: str, figure: Figure) -> None:
    record[key] = None if figure.value is None else round(figure.value, 6)
    if figure.value is None:
        record.setdefault("unavailable", {})[key] = figure.reason


def agreement_record(agreement: Agreement) -> dict[str, Any]:
    """One agreement's figures as JSON-ready data; a figure that cannot be computed is null and
    its reason is under ``unavailable``."""
    record: dict[str, Any] = {
        "metric": str(agreement.metric),
        "claims": agreement.alpha.units,
        "ratings": agreement.ratings,
    }
    _figure(record, "percent_agreement", agreement.percent)
    _figure(record, "pairwise_agreement", agreement.pairwise)
    _figure(record, "krippendorff_alpha", agreement.alpha)
    if agreement.kappa is not None:
        _figure(record, "cohen_kappa", agreement.kappa)
        record["cohen_kappa_claims"] = agreement.kappa.units
    return record


def _claim_record(claim: ClaimComparison) -> dict[str, Any]:
    questions: dict[str, Any] = {}
    for row in claim.questions:
        questions[row.question] = {
            "agreed": row.agreed,
            "answers": {a.reviewer: a.value for a in row.answers},
            "notes": {a.reviewer: a.note for a in row.answers if a.note},
            "evidence": {a.reviewer: list(a.evidence) for a in row.answers if a.evidence},
        }
    return {
        "id": claim.id,
        "text": claim.text,
        "agreed": claim.agreed,
        "verdicts": {v.reviewer: v.verdict for v in claim.verdicts},
        "status": {v.reviewer: v.status for v in claim.verdicts},
        "overrides": {v.reviewer: v.reason for v in claim.verdicts if v.reason},
        "questions": questions,
    }


def comparison_record(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready data (docs/team.md describes it)."""
    checklist = comparison.checklist
    return {
        "format": FORMAT,
        "document": document_record(comparison.document),
        "checklist": {"id": checklist.id, "version": checklist.version},
        "reviewers": [{"name": s.reviewer, "worksheet": str(s.path)} for s in comparison.sheets],
        "agreement": {
            "verdict": agreement_record(comparison.verdict),
            "questions": {
                qid: agreement_record(agreement) for qid, agreement in comparison.questions.items()
            },
        },
        "claims": [_claim_record(claim) for claim in comparison.claims],
        "warnings": list(comparison.warnings),
    }


def render_json(comparison: Comparison) -> str:
    """The comparison as indented JSON (UTF-8, newline at the end)."""
    return _dumps(comparison_record(comparison))
