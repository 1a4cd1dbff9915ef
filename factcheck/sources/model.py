"""Stage ④ sources: the registry's model — kinds, stances, reliability letters and entries."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class SourceKind(enum.StrEnum):
    """What sort of source an entry is."""

    WIRE_SERVICE = "wire-service"
    NEWSPAPER = "newspaper"
    BROADCASTER = "broadcaster"
    STATE_MEDIA = "state-media"
    PARTY_MEDIA = "party-media"
    THINK_TANK = "think-tank"
    GOVERNMENT = "government"
    MILITARY = "military"
    ARMED_GROUP = "armed-group"
    NGO = "ngo"
    SYNDICATION = "syndication"
    PERSON = "person"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The kind in words, for people."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    SourceKind.WIRE_SERVICE: "wire service",
    SourceKind.NEWSPAPER: "newspaper",
    SourceKind.BROADCASTER: "broadcaster",
    SourceKind.STATE_MEDIA: "state media",
    SourceKind.PARTY_MEDIA: "party or militia media",
    SourceKind.THINK_TANK: "think tank",
    SourceKind.GOVERNMENT: "government",
    SourceKind.MILITARY: "military",
    SourceKind.ARMED_GROUP: "armed group",
    SourceKind.NGO: "NGO",
    SourceKind.SYNDICATION: "syndication service",
    SourceKind.PERSON: "person",
    SourceKind.OTHER: "other",
}


class Partisan(enum.StrEnum):
    """Whether a source takes a side, as a cited public reference describes it."""

    YES = "yes"
    LEAN = "lean"
    NO = "no"
    UNKNOWN = "unknown"


class Reliability(enum.StrEnum):
    """The Admiralty (NATO) source-reliability letter."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"

    @property
    def label(self) -> str:
        """The letter's standard meaning."""
        return _RELIABILITY_LABELS[self]


_RELIABILITY_LABELS = {
    Reliability.A: "completely reliable",
    Reliability.B: "usually reliable",
    Reliability.C: "fairly reliable",
    Reliability.D: "not usually reliable",
    Reliability.E: "unreliable",
    Reliability.F: "reliability cannot be judged",
}

CITED_FACTS = ("kind", "owner", "affiliation", "party_to", "partisan", "sanctions")
"""Entry fields that state a fact about the source, and so need a citation."""


@dataclass(frozen=True, slots=True)
class Citation:
    """A public reference for one fact of an entry."""

    fact: str
    """The field it supports: one of CITED_FACTS, or 'domains' or 'notes'."""
    url: str
    """An http(s) URL anyone can open."""


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """One outlet, organisation or person the registry knows."""

    id: str
    """Stable id: lowercase letters, digits and hyphens ('al-manar')."""
    name: str
    """The usual name ('Al-Manar')."""
    kind: SourceKind
    """What sort of source it is."""
    aliases: tuple[str, ...] = ()
    """Other names it appears under ('Al-Manar TV', 'Al Manar')."""
    domains: tuple[str, ...] = ()
    """Web domains it publishes on, without 'www.' ('almanar.com.lb')."""
    affiliation: tuple[str, ...] = ()
    """Ids of registry entries it belongs to, is owned by or works for."""
    owner: str | None = None
    """Who owns or controls it, in words."""
    party_to: tuple[str, ...] = ()
    """Conflicts or disputes it is itself a party to."""
    partisan: Partisan = Partisan.UNKNOWN
    """Whether it takes a side."""
    partisan_direction: str | None = None
    """Which side, when partisan is yes or lean ('pro-Hezbollah')."""
    sanctions: tuple[str, ...] = ()
    """Sanctions, bans and designations against it, each with who imposed it and when."""
    reliability: Reliability | None = None
    """Default Admiralty reliability letter: a starting point for the reviewer, not a finding."""
    notes: str | None = None
    """Anything else worth knowing."""
    citations: tuple[Citation, ...] = ()
    """Public references, one or more per fact."""
    origins: tuple[str, ...] = ()
    """Where the entry was defined and then updated, as 'file:line', in merge order."""

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)

    @property
    def is_partisan(self) -> bool:
        """Partisan yes or lean."""
        return self.partisan in (Partisan.YES, Partisan.LEAN)

    def citations_for(self, fact: str) -> tuple[str, ...]:
        """The URLs cited for one fact."""
        return tuple(c.url for c in self.citations if c.fact == fact)


@dataclass(frozen=True, slots=True)
class Mention:
    """A registry name found in a piece of text."""

    id: str
    """The entry's id."""
    start: int
    """Offset of the name's first character."""
    end: int
    """Offset one past the name's last character (a possessive ending is not included)."""
    text: str
    """The name as written."""


@dataclass(frozen=True, slots=True)
class ChainMatch:
    """Who the registry recognises on one claim's chain, and who it does not."""

    ids: tuple[str, ...]
    """Entry ids in chain order: the article's outlet, the via-chain, the speaker and their
    organisation, then organisations named in the speaker's role."""
    unknown: tuple[str, ...]
    """Names on the chain (outlet, via, speaker) that no entry matches."""
    domains: tuple[str, ...] = ()
    """The article's own web domains (its URL's host, or an outlet named like a domain): rating
    sets rate the publisher by them even when the registry does not know it."""
    publisher_known: bool = False
    """Whether the article's publisher is known (from its page, URL or text)."""
    named: tuple[tuple[str, str, str], ...] = ()
    """Unknown names that spell a rated domain's own name, as (name, domain, reason)."""


FIELDS = (
    "id",
    "name",
    "aliases",
    "domains",
    "kind",
    "affiliation",
    "owner",
    "party_to",
    "partisan",
    "sanctions",
    "reliability",
    "notes",
    "citations",
)
"""Every key an entry may have, in the order the docs and `sources add` write them."""
