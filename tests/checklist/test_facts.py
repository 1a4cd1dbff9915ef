"""Tests for the claim and source facts that checklist expressions read."""

from __future__ import annotations

from factcheck.checklist.expr import TypeKind
from factcheck.checklist.facts import (
    CASE_FACTS,
    FACTCHECK_FACTS,
    FACTS,
    claim_facts,
    complete_facts,
    fact_variables,
)
from factcheck.models import Attribution, Claim, SourceFacts

CONTRACT_NAMES = {
    "chain.hops",
    "attribution.quote",
    "attribution.hedged",
    "attribution.speaker_known",
    "claim.check_worthiness",
    "sources.any_partisan",
    "sources.any_party_to_conflict",
    "sources.worst_reliability",
    "sources.state_media",
    "sources.unknown",
}


def test_claim_facts_from_the_seed_style_chain() -> None:
    claim = Claim(
        id="c3",
        text="Al-Amin claimed the meeting took place.",
        start=0,
        end=39,
        check_worthiness=0.91,
        attribution=Attribution(
            speaker="Ibrahim Al-Amin",
            verb="claimed",
            via=("Al-Manar",),
            hedges=("claimed",),
        ),
        sources=("al-manar", "al-akhbar"),
    )
    sources = SourceFacts(
        any_partisan=True,
        any_party_to_conflict=True,
        worst_reliability="E",
        state_media=False,
        unknown=("Some Blog",),
        rated=True,
        lowest_ratings=(("lin2023", 0.3), ("newsroom", 0.8)),
        publisher_known=True,
    )
    assert claim_facts(claim, sources) == {
        "chain.hops": 1,
        "attribution.quote": False,
        "attribution.hedged": True,
        "attribution.speaker_known": True,
        "claim.check_worthiness": 0.91,
        "sources.any_partisan": True,
        "sources.any_party_to_conflict": True,
        "sources.worst_reliability": "E",
        "sources.state_media": False,
        "sources.unknown": True,
        "sources.matched": 2,
        "sources.rated": True,
        "sources.lowest_rating.lin2023": 0.3,
        "publisher.known": True,
    }


def test_every_contract_name_has_a_typed_fact_with_a_default() -> None:
    assert set(FACTS) >= CONTRACT_NAMES
    claim = Claim(id="c1", text="x", start=0, end=1, check_worthiness=0.5)
    others = {*CASE_FACTS, *FACTCHECK_FACTS}
    assert set(claim_facts(claim, SourceFacts())) | others == set(FACTS)
    assert all(complete_facts({})[name] == 0 for name in CASE_FACTS)
    assert complete_facts({"chain.hops": 3})["chain.hops"] == 3
    assert complete_facts({})["sources.worst_reliability"] == "F"
    assert FACTS["sources.worst_reliability"].type.ordered
    assert FACTS["chain.hops"].type.kind is TypeKind.NUMBER
    assert all(not variable.answer for variable in fact_variables().values())
