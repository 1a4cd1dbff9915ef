"""Cases, beside stage ④ sources: what a case says about the claims of an article under review."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.case.compare import Difference, Relation
from factcheck.case.store import CaseArticle
from factcheck.models import (
    Claim,
    Document,
)

if TYPE_CHECKING:
    from factcheck.sources.registry import Registry


@dataclass(frozen=True, slots=True)
class Match:
    """Another article's claim that reports what the claim under review reports."""

    claim_id: str
    """Id of the claim under review."""
    article: CaseArticle
    """The other article."""
    claim: Claim
    """The other article's claim (its text is the sentence shown)."""
    similarity: float
    """Cosine similarity of the two claims' weighted content words, 0 to 1."""
    relation: Relation
    """Agrees, adds detail, or conflicts."""
    differences: tuple[Difference, ...] = ()
    """For a conflict: the detail that differs. For added detail: what the other adds."""
    independent: bool = False
    """Whether the other report comes through a chain independent of the claim's."""
    reasons: tuple[str, ...] = ()
    """Why it is not independent; empty when it is."""
    root: str = ""
    """Where the other report traces back to."""
    part: str | None = None
    """The quotation, of either claim, that the match rests on when it is not the whole claim."""

    @property
    def corroborates(self) -> bool:
        """Independent, and agreeing (or adding detail)."""
        return self.independent and self.relation is not Relation.CONFLICTS


@dataclass(frozen=True, slots=True)
class ChainGroup:
    """Reports of one claim that trace back to the same original source."""

    root: str
    """The original source, as a reader would name it."""
    reports: int
    """Reports in the group (the claim under review counts in its own group)."""
    own: bool
    """Whether the claim under review is in this group."""
    corroborates: bool
    """Another chain in which a report agrees and none conflicts."""


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One article's wording of a quotation."""

    outlet: str
    """The article's outlet (or title)."""
    article: str
    """The case article's id; '' for the article under review."""
    claim_id: str
    """The claim holding the quotation."""
    text: str
    """The quotation as worded there."""


@dataclass(frozen=True, slots=True)
class QuoteDrift:
    """One speaker's quotation, worded differently in different articles."""

    speaker: str
    """Who is quoted."""
    variants: tuple[QuoteVariant, ...]
    """The wording in the article under review first, then each other wording."""


@dataclass(frozen=True, slots=True)
class ClaimFindings:
    """What the case says about one claim of the article under review."""

    claim: Claim
    """The claim under review."""
    matches: tuple[Match, ...] = ()
    """Other articles' claims reporting it, most similar first."""
    groups: tuple[ChainGroup, ...] = ()
    """The reports grouped by where they trace back to; the claim's own group first."""
    drift: tuple[QuoteDrift, ...] = ()
    """Quotations in the claim worded differently elsewhere."""

    @property
    def independent_matches(self) -> int:
        """Independent chains that confirm the claim (agree or add detail, none conflicting)."""
        return sum(1 for group in self.groups if group.corroborates)

    @property
    def conflicts(self) -> int:
        """Reports that conflict with the claim."""
        return sum(1 for m in self.matches if m.relation is Relation.CONFLICTS)

    def facts(self) -> dict[str, int]:
        """The ``case.*`` checklist facts for this claim."""
        return {
            "case.matches": len(self.matches),
            "case.independent_matches": self.independent_matches,
            "case.conflicts": self.conflicts,
        }

    @property
    def summary(self) -> str:
        """One line: how many reports, and where they trace back to."""
        if not self.matches:
            return "no other article in the case reports this"
        total = len(self.matches) + 1
        if len(self.groups) == 1:
            return f"all {total} reports trace back to {self.groups[0].root}"
        chains = ", ".join(f"{g.root} ({g.reports})" for g in self.groups)
        return f"{total} reports from {len(self.groups)} independent chains: {chains}"


@dataclass(frozen=True, slots=True)
class CaseFindings:
    """Every claim of an article under review, matched against a case."""

    case: Path
    """The case folder."""
    document: Document
    """The article under review."""
    claims: tuple[ClaimFindings, ...]
    """One entry per claim of the article, in its order."""
    compared: int
    """Articles of the case compared with it."""
    excluded: str | None = None
    """The case article that is the article under review itself, left out of the comparison."""
    registry: Registry | None = field(default=None, compare=False, repr=False)
    """The source registry the claims were matched with, to draw their story maps alike."""

    def claim(self, claim_id: str) -> ClaimFindings | None:
        """The findings for one claim."""
        for found in self.claims:
            if found.claim.id == claim_id:
                return found
        return None

    @property
    def matched(self) -> int:
        """Claims that some other article reports."""
        return sum(1 for c in self.claims if c.matches)
