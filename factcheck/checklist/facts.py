"""Stage ⑤ checklist: the claim and source facts that checklist expressions can read.

Each fact has a name (``chain.hops``), a type and a description. Types are precise (a whole number
of 0 or more, one of the letters A-F, true or false) so that expressions over facts type-check when
a checklist is loaded, and so that ``checklist validate`` can enumerate every case a fact can take.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from factcheck.checklist.expr import BOOL, TypeKind, Value, ValueType, Variable
from factcheck.factchecks.model import Verdict
from factcheck.models import Claim, SourceFacts

RELIABILITY_LETTERS = ("A", "B", "C", "D", "E", "F")
"""Admiralty source-reliability letters, best first; F means it cannot be judged."""

FACTCHECK_RATINGS = ("none", *(str(v) for v in Verdict))
"""Values of ``factchecks.rating``: none, then a known fact-check's rating on one scale."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact a checklist expression can read."""

    name: str
    """The name used in expressions."""
    type: ValueType
    """Its type."""
    description: str
    """What it means, for the format reference and `checklist show`."""
    default: Value
    """The value used when a caller's facts do not include it."""


FACTS: Mapping[str, Fact] = {
    fact.name: fact
    for fact in (
        Fact(
            "chain.hops",
            ValueType(TypeKind.NUMBER, low=0, integer=True),
            "Intermediaries between the article and the original speaker (0: first-hand).",
            0,
        ),
        Fact(
            "attribution.quote",
            BOOL,
            "The claim is, or contains, a direct quotation.",
            False,
        ),
        Fact(
            "attribution.hedged",
            BOOL,
            "The claim carries hedging words such as 'reportedly', 'allegedly' or 'claimed'.",
            False,
        ),
        Fact(
            "attribution.speaker_known",
            BOOL,
            "The article names who the claim comes from.",
            False,
        ),
        Fact(
            "claim.check_worthiness",
            ValueType(TypeKind.NUMBER, low=0, high=1),
            "How worth checking the claim is, from 0 to 1.",
            0.0,
        ),
        Fact(
            "sources.any_partisan",
            BOOL,
            "Some source on the claim's chain is partisan.",
            False,
        ),
        Fact(
            "sources.any_party_to_conflict",
            BOOL,
            "Some source on the claim's chain is a party to the conflict or dispute.",
            False,
        ),
        Fact(
            "sources.worst_reliability",
            ValueType(TypeKind.CHOICE, choices=RELIABILITY_LETTERS, ordered=True),
            "Worst default Admiralty reliability letter among the chain's known sources, "
            "A (best) to F (cannot be judged); F when none is known.",
            "F",
        ),
        Fact(
            "sources.state_media",
            BOOL,
            "Some source on the claim's chain is state-controlled media.",
            False,
        ),
        Fact(
            "sources.unknown",
            BOOL,
            "Some name on the claim's chain is not in the source registry.",
            False,
        ),
        Fact(
            "sources.matched",
            ValueType(TypeKind.NUMBER, low=0, integer=True),
            "How many source-registry entries were found on the claim's chain.",
            0,
        ),
        Fact(
            "sources.rated",
            BOOL,
            "Some rating set (`factcheck sources list`) rates a source on the claim's chain, the "
            "article's publisher included.",
            False,
        ),
        Fact(
            "sources.lowest_rating.lin2023",
            ValueType(TypeKind.NUMBER, low=0, high=1),
            "The lowest news-domain quality rating of Lin et al. (2023) among the chain's sources, "
            "0 (lowest) to 1 (highest); 0 when the set rates none of them (see sources.rated).",
            0.0,
        ),
        Fact(
            "publisher.known",
            BOOL,
            "The article's publisher is known: from its page, its URL or a credit in its text.",
            False,
        ),
        Fact(
            "case.matches",
            ValueType(TypeKind.NUMBER, low=0, integer=True),
            "How many other articles of the case report the claim (0 without a case).",
            0,
        ),
        Fact(
            "case.independent_matches",
            ValueType(TypeKind.NUMBER, low=0, integer=True),
            "How many independent chains in the case confirm the claim: reports that agree or "
            "add detail and trace back to another source than the claim (0 without a case).",
            0,
        ),
        Fact(
            "case.conflicts",
            ValueType(TypeKind.NUMBER, low=0, integer=True),
            "How many reports in the case give a different number, date, place or actor for "
            "the claim's event, or deny it (0 without a case).",
            0,
        ),
        Fact(
            "factchecks.match",
            BOOL,
            "A known fact-check matches the claim strongly (see docs/factchecks.md); false "
            "without a fact-check database.",
            False,
        ),
        Fact(
            "factchecks.rating",
            ValueType(TypeKind.CHOICE, choices=FACTCHECK_RATINGS),
            "The rating of the best strong known fact-check on one scale (true, mostly_true, "
            "mixed, unproven, misleading, mostly_false, false); none without one.",
            "none",
        ),
    )
}
"""Every fact, by name."""

CASE_FACTS = ("case.matches", "case.independent_matches", "case.conflicts")
"""The facts that come from matching the claim against a case (`factcheck review --case`);
`claim_facts` leaves them out, so without a case they take their default, 0."""

FACTCHECK_FACTS = ("factchecks.match", "factchecks.rating")
"""The facts that come from the known fact-checks database; `claim_facts` leaves them out, so
without a database they take their defaults (false, none)."""


def fact_variables() -> dict[str, Variable]:
    """The facts as expression variables."""
    return {name: Variable(name, fact.type) for name, fact in FACTS.items()}


def claim_facts(claim: Claim, sources: SourceFacts) -> dict[str, object]:
    """The values of every fact for one claim and what the registry knows about its sources."""
    attribution = claim.attribution
    return {
        "chain.hops": attribution.hops,
        "attribution.quote": attribution.quote,
        "attribution.hedged": bool(attribution.hedges),
        "attribution.speaker_known": bool(attribution.speaker),
        "claim.check_worthiness": claim.check_worthiness,
        "sources.any_partisan": sources.any_partisan,
        "sources.any_party_to_conflict": sources.any_party_to_conflict,
        "sources.worst_reliability": sources.worst_reliability,
        "sources.state_media": sources.state_media,
        "sources.unknown": bool(sources.unknown),
        "sources.matched": len(claim.sources),
        "sources.rated": sources.rated,
        "sources.lowest_rating.lin2023": dict(sources.lowest_ratings).get("lin2023", 0.0),
        "publisher.known": sources.publisher_known,
    }


def complete_facts(facts: Mapping[str, object]) -> dict[str, object]:
    """``facts`` with every missing fact set to its default."""
    return {name: facts.get(name, fact.default) for name, fact in FACTS.items()}
