"""Stage ④ sources: plain records of registry entries, ratings and source checks, for JSON output.

The shapes are documented in docs/sources.md ("JSON output"); ``format`` is bumped on any change
that is not an added key.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from factcheck.models import Document
from factcheck.records import document_record
from factcheck.sources.chains import SourceCheck, article_domains
from factcheck.sources.matching import Registry
from factcheck.sources.model import SourceEntry
from factcheck.sources.outlet_keys import OUTLET, carried_from
from factcheck.sources.ratings import Rating, RatingSet

FORMAT = 1
"""Version of the JSON shapes below."""


def set_record(rating_set: RatingSet, *, with_size: bool = False) -> dict[str, Any]:
    """A rating set's description."""
    record: dict[str, Any] = {
        "name": rating_set.name,
        "title": rating_set.title,
        "citation": rating_set.citation,
        "scale": rating_set.scale,
        "columns": list(rating_set.columns),
    }
    if with_size:
        record["domains"] = len(rating_set)
    return record


def rating_record(rating: Rating, rating_set: RatingSet) -> dict[str, Any]:
    """One set's rating of one domain, with the set's citation."""
    return {
        "set": rating.set,
        "domain": rating.domain,
        "rating": rating.value,
        "values": dict(rating.values),
        "citation": rating_set.citation,
    }


def entry_ratings(
    entry: SourceEntry | None, domains: Sequence[str], sets: Sequence[RatingSet]
) -> list[dict[str, Any]]:
    """Each set's rating of a source: by the first of its domains the set rates."""
    candidates = [*(entry.domains if entry else ()), *domains]
    out = []
    for rating_set in sets:
        rating = next(filter(None, map(rating_set.get, candidates)), None)
        if rating is not None:
            out.append(rating_record(rating, rating_set))
    return out


def entry_record(entry: SourceEntry) -> dict[str, Any]:
    """Everything the registry holds about an entry."""
    return {
        "id": entry.id,
        "name": entry.name,
        "kind": entry.kind.value,
        "aliases": list(entry.aliases),
        "domains": list(entry.domains),
        "affiliation": list(entry.affiliation),
        "owner": entry.owner,
        "party_to": list(entry.party_to),
        "partisan": entry.partisan.value,
        "partisan_direction": entry.partisan_direction,
        "sanctions": list(entry.sanctions),
        "reliability": entry.reliability.value if entry.reliability else None,
        "notes": entry.notes,
        "citations": [{"fact": c.fact, "url": c.url} for c in entry.citations],
        "origins": list(entry.origins),
    }


def show_record(
    entry: SourceEntry | None, domain: str | None, sets: Sequence[RatingSet]
) -> dict[str, Any]:
    """`sources show`: an entry, a rated domain, or both, with every set's rating."""
    return {
        "format": FORMAT,
        "entry": entry_record(entry) if entry else None,
        "domain": domain,
        "ratings": entry_ratings(entry, [domain] if domain else [], sets),
    }


def list_record(registry: Registry, sets: Sequence[RatingSet]) -> dict[str, Any]:
    """`sources list`: every entry and every rating set."""
    return {
        "format": FORMAT,
        "entries": [entry_record(entry) for entry in registry.entries],
        "rating_sets": [set_record(s, with_size=True) for s in sets],
    }


def publisher_record(document: Document) -> dict[str, Any]:
    """Who published the article, which evidence named them, and whom they carried."""
    return {
        "name": document.outlet,
        "evidence": dict(document.provenance).get(OUTLET) if document.outlet else None,
        "carried_from": list(carried_from(document)),
    }


def _rated_as(name: str, check: SourceCheck, sets: Sequence[RatingSet]) -> dict[str, Any]:
    named = check.named.get(name)
    if named is None:
        return {"rated_as": None}
    domain, reason = named
    return {
        "rated_as": {
            "domain": domain,
            "reason": reason,
            "ratings": entry_ratings(None, [domain], sets),
        }
    }


def check_record(check: SourceCheck, sets: Sequence[RatingSet]) -> dict[str, Any]:
    """`sources check`: the publisher, the sources on the chains, unknown names, facts per claim."""
    document = check.extraction.document
    own = article_domains(document)
    return {
        "format": FORMAT,
        "document": document_record(document),
        "publisher": {**publisher_record(document), "ratings": entry_ratings(None, own, sets)},
        "sources": [
            {
                **entry_record(use.entry),
                "claims": list(use.claims),
                "ratings": entry_ratings(use.entry, [], sets),
            }
            for use in check.used
        ],
        "unknown": [
            {"name": u.name, "claims": list(u.claims), **_rated_as(u.name, check, sets)}
            for u in check.unknown
        ],
        "claims": [
            {
                "id": claim.id,
                "sources": list(claim.sources),
                "facts": {
                    "any_partisan": facts.any_partisan,
                    "any_party_to_conflict": facts.any_party_to_conflict,
                    "worst_reliability": facts.worst_reliability,
                    "state_media": facts.state_media,
                    "unknown": list(facts.unknown),
                    "rated": facts.rated,
                    "lowest_ratings": dict(facts.lowest_ratings),
                    "publisher_known": facts.publisher_known,
                },
            }
            for claim in check.extraction.claims
            if (facts := check.facts.get(claim.id)) is not None
        ],
        "rating_sets": [set_record(s) for s in sets],
    }
