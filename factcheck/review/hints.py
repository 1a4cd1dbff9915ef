"""Stage ⑦ review: what the tool found about a claim beyond the checklist, to show and offer.

Other stages (a case's findings) produce these; the review loop shows the lines with every
question of the claim and offers the evidence on its question.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EvidenceOffer:
    """Evidence the tool found for a claim, offered on one question for the reviewer to accept."""

    question: str
    """Id of the question it is offered on."""
    label: str
    """One line saying what it is, shown in the list of offers."""
    evidence: str
    """What is recorded as evidence: an http(s) URL, or 'case:' and an article's path."""
    note: str
    """The line added to the answer's note when it is accepted: what it says, and whether it is
    independent."""


@dataclass(frozen=True, slots=True)
class ClaimHints:
    """What the tool found about a claim beyond the checklist: lines to show, evidence to offer."""

    lines: tuple[str, ...] = ()
    """Shown with every question of the claim."""
    title: str = "Case"
    """What the lines are, shown beside them: other reports (Case), reviewers' answers, ..."""
    offers: tuple[EvidenceOffer, ...] = ()
    """Evidence the reviewer may accept, each on its question."""
