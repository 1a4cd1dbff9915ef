"""Cases, beside stage ④ sources: a case's findings put to a worksheet under review.

`match_worksheet` is the one place that matches a worksheet's claims against a case: the
``report`` command and the review loop both call it. The findings become the ``case.*``
checklist facts and the hints the reviewer is shown and offered as evidence.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from factcheck.case.compare import Relation
from factcheck.case.findings import CaseFindings, Match
from factcheck.case.matching import match_claims
from factcheck.case.store import Case
from factcheck.models import (
    Extraction,
)
from factcheck.review.hints import ClaimHints, EvidenceOffer

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist
    from factcheck.review.worksheet import Worksheet
    from factcheck.sources.registry import Registry


def worksheet_extraction(worksheet: Worksheet) -> Extraction:
    """An extraction to match from a worksheet: its document and its claims."""
    return Extraction(
        document=worksheet.document,
        segments=(),
        claims=tuple(entry.claim for entry in worksheet.claims),
    )


def match_worksheet(
    case: Case,
    worksheet: Worksheet,
    registry: Registry | None = None,
    extraction: Extraction | None = None,
) -> tuple[Worksheet, CaseFindings]:
    """Match a worksheet's claims against a case: the worksheet with its ``case.*`` facts set,
    and the findings.

    ``extraction`` is the article's full extraction when it is at hand (a worksheet made just
    now); else the worksheet's own document and claims are matched.
    """
    findings = match_claims(case, extraction or worksheet_extraction(worksheet), registry)
    return apply_case_facts(worksheet, findings), findings


def apply_case_facts(worksheet: Worksheet, findings: CaseFindings) -> Worksheet:
    """The worksheet with each claim's ``case.*`` facts set from the findings."""
    entries = []
    for entry in worksheet.claims:
        found = findings.claim(entry.id)
        if found is None:
            entries.append(entry)
            continue
        facts = dict(entry.facts)
        facts.update(found.facts())
        entries.append(replace(entry, facts=facts))
    return replace(worksheet, claims=tuple(entries))


EVIDENCE_QUESTIONS = ("corroborated", "confirmed", "better_coverage")
"""Questions other reports are offered on, in order of preference; failing all of them, the
checklist's first question."""


def _offer_question(checklist: Checklist) -> str | None:
    ids = [q.id for q in checklist.questions]
    for wanted in EVIDENCE_QUESTIONS:
        if wanted in ids:
            return wanted
    return ids[0] if ids else None


def describe_match(match: Match) -> str:
    """A match in words: outlet, date, relation, independence and why not."""
    article = match.article
    when = f", {article.document.published}" if article.document.published else ""
    relation = match.relation.label
    if match.differences and match.relation is Relation.CONFLICTS:
        relation += " (" + "; ".join(d.describe() for d in match.differences) + ")"
    if match.independent:
        chain = f"independent (traces back to {match.root})"
    else:
        chain = "not independent (" + "; ".join(match.reasons[:2]) + ")"
    return f"{article.label}{when}: {relation}; {chain}"


def review_hints(findings: CaseFindings, checklist: Checklist, case: Case) -> dict[str, ClaimHints]:
    """Per claim, what the reviewer is shown and offered: the summary of other reports, drifted
    quotations, and each other report as evidence on the corroboration question."""
    question = _offer_question(checklist)
    hints: dict[str, ClaimHints] = {}
    for found in findings.claims:
        if not found.matches and not found.drift:
            continue
        lines = [f"Case {case.name}: {found.summary}."]
        for drift in found.drift:
            worded = " · ".join(f"{v.outlet}: \u201c{v.text}\u201d" for v in drift.variants)
            lines.append(f"Quote worded differently ({drift.speaker}): {worded}")
        ordered = sorted(
            found.matches,
            key=lambda m: (not m.corroborates, m.relation is not Relation.CONFLICTS, -m.similarity),
        )
        offers = tuple(
            EvidenceOffer(
                question=question,
                label=f"{describe_match(m)} \u2014 \u201c{m.claim.text.strip()}\u201d",
                evidence=m.article.reference(case.path),
                note=f"Also reported by {describe_match(m)}: \u201c{m.claim.text.strip()}\u201d",
            )
            for m in ordered
            if question is not None
        )
        hints[found.claim.id] = ClaimHints(lines=tuple(lines), offers=offers)
    return hints
