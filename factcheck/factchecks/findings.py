"""Known fact-checks put to an article's claims: for extract, the checklist, review and reports.

Nothing happens without a database: :func:`match_claims` returns None and the workflow is as it
was. With one, each claim gets the known fact-checks scoring at least ``SHOW_THRESHOLD``, best
first; the ``factchecks.*`` checklist facts come from those scoring at least ``STRONG_THRESHOLD``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from factcheck.factchecks.location import default_path
from factcheck.factchecks.model import Match

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist
    from factcheck.factchecks.store import FactcheckDatabase
    from factcheck.models import Claim
    from factcheck.review.hints import ClaimHints
    from factcheck.review.worksheet import Worksheet

MATCHES_SHOWN = 3
"""At most this many known fact-checks are shown per claim."""

Found = Mapping[str, tuple[Match, ...]]
"""Known fact-checks per claim id."""

_OPEN: dict[tuple[str, int, int, int], FactcheckDatabase] = {}


def workflow_database() -> FactcheckDatabase | None:
    """The user's database when its file exists, opened once per process; else None."""
    path = default_path()
    if not path.is_file():
        return None
    # A connection must not cross into a worker process, so each process opens its own; a file
    # changed since (a new import) is opened again.
    stat = path.stat()
    key = (str(path), os.getpid(), stat.st_mtime_ns, stat.st_size)
    if key not in _OPEN:
        for old in [k for k in _OPEN if k[:2] == key[:2]]:
            _OPEN.pop(old).close()
        from factcheck.factchecks.store import FactcheckDatabase

        _OPEN[key] = FactcheckDatabase(path)
    return _OPEN[key]


def match_claims(claims: Iterable[Claim]) -> dict[str, tuple[Match, ...]] | None:
    """For each claim, the known fact-checks shown for it; None without a database."""
    database = workflow_database()
    if database is None:
        return None
    from factcheck.factchecks.matcher import SHOW_THRESHOLD

    return {
        claim.id: tuple(database.search(claim.text, limit=MATCHES_SHOWN, min_score=SHOW_THRESHOLD))
        for claim in claims
    }


def strong_matches(matches: Iterable[Match]) -> list[Match]:
    """The matches strong enough to offer their rating as an answer."""
    from factcheck.factchecks.matcher import STRONG_THRESHOLD

    return [m for m in matches if m.score >= STRONG_THRESHOLD]


def factcheck_facts(matches: Iterable[Match]) -> dict[str, bool | str]:
    """The ``factchecks.*`` checklist facts of one claim."""
    strong = strong_matches(matches)
    rated = [m for m in strong if m.verdict is not None]
    return {
        "factchecks.match": bool(strong),
        "factchecks.rating": str(rated[0].verdict) if rated else "none",
    }


def apply_factcheck_facts(worksheet: Worksheet, found: Found) -> Worksheet:
    """The worksheet with each claim's ``factchecks.*`` facts set from its matches."""
    entries = []
    for entry in worksheet.claims:
        facts = dict(entry.facts)
        facts.update(factcheck_facts(found.get(entry.id, ())))
        entries.append(replace(entry, facts=facts))
    return replace(worksheet, claims=tuple(entries))


def describe(match: Match) -> str:
    """A match in one line: rating, publisher, date and the claim as reviewed."""
    parts = [match.rating or "unrated", match.publisher or "", match.date or ""]
    head = " · ".join(p for p in parts if p)
    return f"{head} \u2014 \u201c{' '.join(match.claim.split())}\u201d (match {match.score:.2f})"


EVIDENCE_QUESTIONS = ("corroborated", "confirmed", "better_coverage")
"""Questions known fact-checks are offered on, in order of preference; failing all of them, the
checklist's first question."""


def review_hints(found: Found, checklist: Checklist) -> dict[str, ClaimHints]:
    """Per claim with matches: lines naming each known fact-check, and each one with an address
    offered as evidence on the corroboration question."""
    from factcheck.review.hints import ClaimHints, EvidenceOffer

    ids = [q.id for q in checklist.questions]
    question = next((q for q in EVIDENCE_QUESTIONS if q in ids), ids[0] if ids else None)
    hints: dict[str, ClaimHints] = {}
    for claim_id, matches in found.items():
        if not matches:
            continue
        offers = tuple(
            EvidenceOffer(
                question=question,
                label=f"Fact-check: {describe(m)}",
                evidence=m.url,
                note=f"Fact-checked before: {describe(m)}",
            )
            for m in matches
            if m.url and question is not None
        )
        lines = tuple(f"Checked before: {describe(m)}" for m in matches)
        hints[claim_id] = ClaimHints(lines=lines, title="Fact-checks", offers=offers)
    return hints


def merge_hints(
    first: Mapping[str, ClaimHints], second: Mapping[str, ClaimHints]
) -> dict[str, ClaimHints]:
    """Both sets of hints; a claim with both shows the first's lines, then the second's."""
    merged = dict(first)
    for claim_id, hint in second.items():
        if claim_id in merged:
            have = merged[claim_id]
            merged[claim_id] = replace(
                have,
                lines=have.lines + hint.lines,
                title=f"{have.title} · {hint.title}",
                offers=have.offers + hint.offers,
            )
        else:
            merged[claim_id] = hint
    return merged
