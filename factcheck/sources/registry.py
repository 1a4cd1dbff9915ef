"""Stage ④ sources: the source registry, its strict loader, and who stands on each claim's chain.

The registry is a set of YAML files: the built-in ``sources/*.yaml``, the user's own file in their
config directory, and files passed with ``--sources``; later files update earlier ones, entry by
entry.
Matching finds registry names in the parts of a claim that say who stands behind it (the article's
outlet, the via-chain, the speaker and the speaker's role), never in what the claim asserts.
"""

from __future__ import annotations

import bisect
import enum
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import NamedTuple, NoReturn
from urllib.parse import urlsplit

import yaml

from factcheck import files, yamlio
from factcheck.errors import SourcesError
from factcheck.models import Attribution, Claim, Document, Extraction, SourceFacts

# --- the model ---------------------------------------------------------------------------------


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


_MEMO_MAX_CHARS = 400
_MEMO_MAX_ITEMS = 4096
_WINDOW_STOPS = ',.;:!?()[]{}"\u201c\u201d\u00ab\u00bb'
"""Punctuation that bounds the stretch of a long text scanned for the names around a position."""


@dataclass(frozen=True)
class Registry:
    """The merged source registry, with lookups and a matcher built once on first use."""

    entries: tuple[SourceEntry, ...] = ()
    """Every entry, built-in first, in file order; user entries after."""

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def _by_id(self) -> dict[str, SourceEntry]:
        return {entry.id: entry for entry in self.entries}

    @cached_property
    def _matcher(self) -> _Matcher:
        return _Matcher(self.entries)

    @cached_property
    def _cache(self) -> dict[tuple[int, int], object]:
        return {}

    def get(self, source_id: str) -> SourceEntry | None:
        """The entry with this id, if any."""
        return self._by_id.get(source_id)

    def find(self, name: str) -> SourceEntry | None:
        """The entry a user means by an id, a name, an alias or a web domain."""
        text = name.strip()
        if entry := self.get(text):
            return entry
        if found := self._matcher.keys.get(_norm(text)):
            return self.get(found)
        if entry := self.by_domain(text):
            return entry
        # In 'the Hezbollah-operated Al-Manar' the last name is the one meant: English noun
        # phrases end in their head.
        mentions = self.mentions(text)
        return self.get(mentions[-1].id) if mentions else None

    def by_domain(self, url_or_host: str) -> SourceEntry | None:
        """The entry publishing on this URL's or host's domain (subdomains included)."""
        host = _host(url_or_host)
        while host and "." in host:
            if found := self._matcher.domains.get(host):
                return self.get(found)
            host = host.split(".", 1)[1]
        return None

    @cached_property
    def _short_mentions(self) -> dict[str, tuple[Mention, ...]]:
        return {}

    @cached_property
    def _chain_names(self) -> dict[str, _ChainName]:
        return {}

    def mentions(self, text: str) -> tuple[Mention, ...]:
        """Every registry name in the text, left to right."""
        if len(text) > _MEMO_MAX_CHARS:
            return self._matcher.find(text)
        # Speakers, outlets and roles recur claim after claim; their matches are memoised.
        memo = self._short_mentions
        found = memo.get(text)
        if found is None:
            if len(memo) >= _MEMO_MAX_ITEMS:
                memo.clear()
            found = memo[text] = self._matcher.find(text)
        return found

    def related(self, ids: Iterable[str]) -> tuple[SourceEntry, ...]:
        """The entries with these ids plus, transitively, the entries they are affiliated with."""
        out: dict[str, SourceEntry] = {}
        todo = list(ids)
        while todo:
            entry = self.get(todo.pop(0))
            if entry is None or entry.id in out:
                continue
            out[entry.id] = entry
            todo.extend(entry.affiliation)
        return tuple(out.values())


# --- matching ----------------------------------------------------------------------------------

_SEPARATORS = " \t\n\u00a0-\u2010\u2011\u2012\u2013"
_APOSTROPHES = "'\u2019\u2018\u02bc`"
_SEP_ATOM = "[\\s\\-\u2010\u2011\u2012\u2013]?"
_APOS_ATOM = "['\u2019\u2018\u02bc`]?"
_DROP = str.maketrans("", "", _SEPARATORS + _APOSTROPHES)
_SPLIT = re.compile(f"([{re.escape(_SEPARATORS)}]+)")

# A name starts at a word start, or where glued text runs a lower-case letter into a capital
# ("chiefAl-Akhbar"); it may carry a plural or possessive ending; and it ends at a word end, or
# where a lower-case letter runs into a capitalised word ("The AlgemeinerSenior").
_LEFT = r"(?:(?<!\w)|(?<=[a-z])(?=[A-Z]))"
_SUFFIX = "(?:(?<=[a-z])s)?(?:['\u2019](?:s(?!\\w))?)?"
_RIGHT = r"(?:(?!\w)|(?<=[a-z])(?=[A-Z][a-z]))"


def _norm(text: str) -> str:
    """The lookup key of a name: case-folded, without spaces, hyphens or apostrophes."""
    return unicodedata.normalize("NFC", text).casefold().translate(_DROP)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def _atoms(name: str) -> tuple[str, ...]:
    """A name as regex atoms, one per character, with the case rules applied.

    Acronyms (IDF, RT, AP) and one-word names (Hamas, Reuters) match only as written, so 'rapport'
    never matches RT nor 'Apple' AP; longer names match in any case; a leading 'the' is either case.
    """
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    pieces = [p for p in _SPLIT.split(name) if p]
    words = [p for p in pieces if p[0] not in _SEPARATORS]
    lead_the = len(words) > 1 and words[0].casefold() == "the"
    any_case = len(words) - lead_the > 1
    atoms: list[str] = []
    word_index = 0
    for piece in pieces:
        if piece[0] in _SEPARATORS:
            atoms.append(_SEP_ATOM)
            continue
        fold = (lead_the and word_index == 0) or (any_case and not _is_acronym(piece))
        word_index += 1
        for char in piece:
            if char in _APOSTROPHES:
                atoms.append(_APOS_ATOM)
            elif fold and char.lower() != char.upper():
                atoms.append(f"[{re.escape(char.upper())}{re.escape(char.lower())}]")
            else:
                atoms.append(re.escape(char))
    return tuple(atoms)


class _Trie:
    """Regex atoms merged into a trie, so one compiled pattern tests every name at once."""

    __slots__ = ("children", "depth", "terminal")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.terminal = False
        self.depth = 0

    def add(self, atoms: Sequence[str]) -> None:
        node = self
        for index, atom in enumerate(atoms):
            node.depth = max(node.depth, len(atoms) - index)
            node = node.children.setdefault(atom, _Trie())
        node.terminal = True

    def pattern(self) -> str:
        # Deepest branches first and the end of a name last, so the longest name wins ('Al-Quds
        # Force' over 'Al-Quds', "Hamas' military wing" over 'Hamas'); backtracking still finds
        # the shorter one when the longer cannot match here.
        ordered = sorted(self.children.items(), key=lambda item: (-item[1].depth, item[0]))
        parts = [atom + child.pattern() for atom, child in ordered]
        if self.terminal:
            if not parts:
                return ""
            parts.append("")
        if len(parts) == 1:
            return parts[0]
        return "(?:" + "|".join(parts) + ")"


class _Matcher:
    """All names, aliases and domains of a registry, compiled once."""

    def __init__(self, entries: Sequence[SourceEntry]) -> None:
        self.keys: dict[str, str] = {}
        self.domains: dict[str, str] = {}
        trie = _Trie()
        used: set[str] = set()
        for entry in entries:
            for name in entry.names:
                atoms = _atoms(name)
                if atoms:
                    trie.add(atoms)
                    self.keys.setdefault(_norm(name), entry.id)
                    for char in unicodedata.normalize("NFC", " ".join(name.split())):
                        used.update(char, char.upper(), char.lower())
            for domain in entry.domains:
                self.domains.setdefault(domain, entry.id)
        body = trie.pattern() if self.keys else "(?!)"
        self.regex = re.compile(f"{_LEFT}(?P<core>{body}){_SUFFIX}{_RIGHT}")
        # Characters no name contains (in either case) bound every match, so a scan between two
        # of them finds exactly what a scan of the whole text finds there.
        self.stops = "".join(c for c in _WINDOW_STOPS if c not in used)
        self.stop = re.compile(f"[{re.escape(self.stops)}]") if self.stops else None

    def find(self, text: str, start: int = 0, end: int | None = None) -> tuple[Mention, ...]:
        """The names in ``text``, or only those in ``text[start:end]`` when both ends of that
        stretch are stops (or ends of the text)."""
        out: list[Mention] = []
        matches = self.regex.finditer(text, start, len(text) if end is None else end)
        for match in matches:
            core = match.group("core")
            found = self.keys.get(_norm(core))
            if found is not None:
                out.append(Mention(found, match.start("core"), match.end("core"), core))
        return tuple(out)

    def find_near(self, text: str, start: int, end: int) -> tuple[Mention, ...]:
        """What ``find(text)`` returns between the stops on either side of ``text[start:end]``:
        every name that overlaps that span, without scanning all of a long text."""
        if self.stop is None:
            return self.find(text)
        low = max(text.rfind(stop, 0, start) for stop in self.stops) + 1
        after = self.stop.search(text, end)
        return self.find(text, low, after.start() if after else len(text))


def _host(url_or_host: str) -> str:
    text = url_or_host.strip().casefold()
    host = (urlsplit(text).hostname or "") if "//" in text else text.split("/", 1)[0]
    return host.split(":", 1)[0].removeprefix("www.").rstrip(".")


# --- the chain of a claim ----------------------------------------------------------------------

_PARTICLES = "al|el|ad|ar|as|ash|at|az|bin|ibn|bint|abu|abd|de|del|der|da|di|du|van|von|le|la"
_NAME_WORD = rf"(?<!\w)(?:(?:{_PARTICLES})[-\u2010\u2011 ])?[A-Z](?:\.|[\w\u2019'-]*)"
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,4}}")
_TRAILING_NAME = re.compile(rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,4}})\W*$")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TITLES = _wordset(
    """the a an mr mrs ms dr prof sir dame general gen lieutenant lt colonel col major maj captain
    capt commander brigadier admiral sheikh sheik ayatollah imam rabbi father president prime
    minister foreign defence defense deputy secretary senior chief head editor spokesman
    spokeswoman spokesperson ambassador senator governor mayor king queen prince emir former
    acting supreme leader"""
)
_NOT_NAMES = _wordset(
    """he she it they we i you his her their its this that these those there officials official
    sources source analysts experts witnesses residents reports report critics police authorities
    observers diplomats reporters journalists media someone others all"""
)
_ROLE_NOUNS = _wordset(
    """head chief leader commander editor editor-in-chief spokesman spokeswoman spokesperson
    secretary general director founder co-founder minister official officer adviser advisor
    analyst correspondent reporter member president chairman chair deputy wing envoy ambassador
    representative columnist host anchor researcher fellow"""
)
_WORD = re.compile(r"[\w\u2019'-]+")
_SENTENCE_END = re.compile('[.;:!?]["\u201d\u2019)]*(?=\\s|[A-Z]|$)')
_POSSESSIVE = re.compile("['\u2019]s?(?=[ \t])")
_APPOSITIVE = re.compile(r",[ \t]+([^,.;:]{0,80}?)(?=[,.;:]|$)")
_FINAL_POSSESSIVE = re.compile(r"['\u2019]s?$")
_TRAILING_POSSESSIVE = re.compile(r"['\u2019]s?\W*$")


def _strip_titles(name: str) -> str:
    words = name.split()
    while words and words[0].casefold().strip(".") in _TITLES:
        words.pop(0)
    return " ".join(words)


def _person_key(name: str) -> str:
    base = _FINAL_POSSESSIVE.sub("", _strip_titles(name))
    return _norm(base)


def _surname_key(name: str) -> str:
    words = _FINAL_POSSESSIVE.sub("", _strip_titles(name)).split()
    return _norm(words[-1]) if words else ""


def _has_role_noun(text: str) -> bool:
    return any(w.casefold() in _ROLE_NOUNS for w in _WORD.findall(text))


def _text_ties(registry: Registry, text: str) -> dict[str, tuple[str, ...]]:
    """People the text ties to a registry organisation, keyed by full name and by surname.

    The ties the press uses: 'Al-Akhbar's Al-Amin', 'Hamas head Ismail Haniyeh', 'the editor of
    Al-Akhbar, Ibrahim Al-Amin,' and 'Ali Akbar Velayati, a top adviser to Iran's supreme leader'.
    """
    cache = registry._cache
    # Keyed by length and hash, not the text: comparing two equal megabyte-long articles on
    # every lookup would cost more than the lookup saves.
    key = (len(text), hash(text))
    cached = cache.get(key)
    if isinstance(cached, dict):
        return cached
    mentions = registry.mentions(text)
    org = {
        m.start: m
        for m in mentions
        if (entry := registry.get(m.id)) is not None and entry.kind is not SourceKind.PERSON
    }
    ties: dict[str, list[str]] = {}

    def tie(name: str, source_id: str, at: int) -> None:
        if at in org:
            return  # the 'name' is itself an organisation's name
        for key in {_person_key(name), _surname_key(name)}:
            if key:
                ties.setdefault(key, [])
                if source_id not in ties[key]:
                    ties[key].append(source_id)

    for start, mention in org.items():
        # Stay inside the sentence, within a few words of the organisation's name.
        window = _SENTENCE_END.split(text[mention.end : mention.end + 160], 1)[0]
        before = _SENTENCE_END.split(text[max(0, start - 120) : start])[-1]
        possessive = _POSSESSIVE.match(window)
        for run in _NAME_RUN.finditer(window):
            if mention.end + run.start() in org:
                break  # the next name is another organisation's
            between = window[: run.start()]
            if len(_WORD.findall(between)) > 7:
                break
            if not _strip_titles(run.group()):
                continue  # a title ('Commander'): the name may follow
            direct = possessive is not None and not between[possessive.end() :].strip()
            appositive = between.rstrip().endswith(",")
            if direct or _has_role_noun(between) or (appositive and _has_role_noun(before)):
                tie(run.group(), mention.id, mention.end + run.start())
            break
    # 'NAME, a top adviser to ORG' : an appositive right after a name, naming a role and an org.
    starts = sorted(org)
    for run in _NAME_RUN.finditer(text):
        tail = _APPOSITIVE.match(text, run.end())
        if not tail or not _has_role_noun(tail.group(1)):
            continue
        index = bisect.bisect_left(starts, tail.start(1))
        if index < len(starts) and starts[index] < tail.end(1):
            tie(run.group(), org[starts[index]].id, run.start())
    result = {key: tuple(ids) for key, ids in ties.items()}
    if len(cache) > 32:
        cache.clear()
    cache[key] = result
    return result


def _unknown_name(registry: Registry, text: str) -> str | None:
    """The name at the head of a chain item when no registry entry covers it."""
    stripped = _TRAILING_POSSESSIVE.sub("", text.strip())
    if not stripped:
        return None
    last = list(_WORD.finditer(stripped))
    if not last:
        return None
    tail_start = last[-1].start()
    if any(m.start <= tail_start < m.end for m in registry.mentions(stripped)):
        return None
    found = _TRAILING_NAME.search(stripped)
    if not found:
        return None
    name = _strip_titles(found.group(1))
    if not name or name.casefold() in _NOT_NAMES:
        return None
    return name


def _outlet_ids(registry: Registry, document: Document) -> tuple[list[str], list[str]]:
    """The article's own outlet: from its outlet name, else its URL's domain, else its byline."""
    unknown: list[str] = []
    if document.outlet:
        found = [m.id for m in registry.mentions(document.outlet) if _not_person(registry, m.id)]
        if found:
            return found[:1], unknown
    if document.url and (entry := registry.by_domain(document.url)):
        return [entry.id], unknown
    if document.outlet:
        unknown.append(document.outlet.strip())
        return [], unknown
    if document.byline:
        found = [m.id for m in registry.mentions(document.byline) if _not_person(registry, m.id)]
        return found[-1:], unknown
    return [], unknown


def _not_person(registry: Registry, source_id: str) -> bool:
    entry = registry.get(source_id)
    return entry is not None and entry.kind is not SourceKind.PERSON


class _ChainName(NamedTuple):
    """What matching needs to know about one name on a chain; the same names recur claim after
    claim, so this is worked out once per registry and name."""

    unknown: str | None
    """The name when no registry entry covers it (``_unknown_name``)."""
    person_key: str
    """``_person_key`` of the person the text may tie to an organisation, or ''."""
    surname_key: str
    """``_surname_key`` of that person, or ''."""


def _chain_name(registry: Registry, text: str) -> _ChainName:
    memo = registry._chain_names
    found = memo.get(text)
    if found is None:
        unknown = _unknown_name(registry, text)
        name = unknown or _tail_person(registry, text)
        if name:
            found = _ChainName(unknown, _person_key(name), _surname_key(name))
        else:
            found = _ChainName(unknown, "", "")
        if len(memo) >= _MEMO_MAX_ITEMS:
            memo.clear()
        memo[text] = found
    return found


def _speaker_ids(
    registry: Registry,
    speaker: str,
    document: Document,
    around: Sequence[Mention],
    names: _ChainName,
) -> list[str]:
    ids: list[str] = []
    mentions = list(dict.fromkeys([*registry.mentions(speaker), *around]))
    for mention in mentions:
        ids.append(mention.id)
        entry = registry.get(mention.id)
        if entry is not None and entry.kind is SourceKind.PERSON:
            ids.extend(entry.affiliation)
    if names.person_key or names.surname_key:
        ties = _text_ties(registry, document.text)
        ids.extend(ties.get(names.person_key) or ties.get(names.surname_key) or ())
    return ids


def _in_claim(registry: Registry, name: str, text: str) -> tuple[list[Mention], bool]:
    """Registry names in the claim's text that overlap where it writes a chain name, and whether
    one of them covers the name's last word.

    Attribution may cut a long name short ('Meir Amit Intelligence' for the Meir Amit
    Intelligence and Terrorism Information Center); the name the claim writes around that span
    is the one meant.
    """
    found: list[Mention] = []
    covered = False
    start = text.find(name) if name else -1
    while start >= 0:
        end = start + len(_TRAILING_POSSESSIVE.sub("", name))
        if len(text) > _MEMO_MAX_CHARS:
            mentions = registry._matcher.find_near(text, start, end)
        else:
            mentions = registry.mentions(text)
        for mention in mentions:
            if mention.start < end and start < mention.end:
                found.append(mention)
                covered = covered or mention.start < end <= mention.end
        start = text.find(name, start + len(name))
    return found, covered


def _tail_person(registry: Registry, speaker: str) -> str | None:
    mentions = registry.mentions(speaker)
    if mentions:
        entry = registry.get(mentions[-1].id)
        if entry is not None and entry.kind is SourceKind.PERSON:
            return mentions[-1].text
    return None


def match_chain(registry: Registry, claim: Claim, document: Document) -> ChainMatch:
    """Who the registry knows on the claim's chain, in chain order, and which names it does not.

    Only the chain counts: the article's outlet (first hop), the via-chain, the speaker (with the
    organisation the registry or the article ties them to), and organisations named in the
    speaker's role. Names inside what the claim asserts are not its sources.
    """
    ids, unknown = _walk_chain(registry, claim.text, claim.attribution, document, with_unknown=True)
    return ChainMatch(tuple(dict.fromkeys(ids)), tuple(dict.fromkeys(unknown)))


def match_claim_sources(registry: Registry, claim: Claim, document: Document) -> tuple[str, ...]:
    """Ids of the registry entries on the claim's chain, the article's outlet first."""
    return chain_sources(registry, claim.text, claim.attribution, document)


def chain_sources(
    registry: Registry, text: str, attribution: Attribution, document: Document
) -> tuple[str, ...]:
    """``match_claim_sources`` for a claim with this text and attribution, before it is built."""
    ids, _ = _walk_chain(registry, text, attribution, document, with_unknown=False)
    return tuple(dict.fromkeys(ids))


def _walk_chain(
    registry: Registry,
    text: str,
    attribution: Attribution,
    document: Document,
    *,
    with_unknown: bool,
) -> tuple[list[str], list[str]]:
    """The ids on a claim's chain, with repeats, and (when asked for) the unknown names."""
    ids, unknown = _outlet_ids(registry, document)
    speaker, via = attribution.speaker, attribution.via
    for item in via:
        around, covered = _in_claim(registry, item, text)
        ids.extend(m.id for m in (*registry.mentions(item), *around))
        if with_unknown and not covered and (name := _chain_name(registry, item).unknown):
            unknown.append(name)
    if speaker:
        around, covered = _in_claim(registry, speaker, text)
        names = _chain_name(registry, speaker)
        ids.extend(_speaker_ids(registry, speaker, document, around, names))
        if with_unknown and not covered and names.unknown:
            unknown.append(names.unknown)
    if attribution.role:
        ids.extend(m.id for m in registry.mentions(attribution.role))
    return ids, unknown


def facts_for(registry: Registry, match: ChainMatch) -> SourceFacts:
    """The checklist facts of a chain: its entries and, transitively, their affiliations."""
    entries = registry.related(match.ids)
    letters = [e.reliability for e in entries if e.reliability is not None]
    return SourceFacts(
        any_partisan=any(e.is_partisan for e in entries),
        any_party_to_conflict=any(e.party_to for e in entries),
        worst_reliability=str(max(letters)) if letters else Reliability.F.value,
        state_media=any(e.kind is SourceKind.STATE_MEDIA for e in entries),
        unknown=match.unknown,
    )


def source_facts(registry: Registry, claim: Claim, document: Document) -> SourceFacts:
    """The ``sources.*`` facts checklist expressions see for one claim."""
    return facts_for(registry, match_chain(registry, claim, document))


@dataclass(frozen=True, slots=True)
class SourceUse:
    """A registry entry found on some claims' chains."""

    entry: SourceEntry
    """The entry."""
    claims: tuple[str, ...]
    """Ids of the claims that rest on it, in article order."""


@dataclass(frozen=True, slots=True)
class UnknownName:
    """A name on some claims' chains that the registry does not know."""

    name: str
    """The name as the article gives it."""
    claims: tuple[str, ...]
    """Ids of the claims it stands behind."""


@dataclass(frozen=True, slots=True)
class SourceCheck:
    """Every source behind an article's claims: what `factcheck sources check` shows."""

    extraction: Extraction
    """The article and its claims."""
    used: tuple[SourceUse, ...]
    """Known sources, in order of first appearance."""
    unknown: tuple[UnknownName, ...]
    """Names to add to the registry, in order of first appearance."""
    facts: Mapping[str, SourceFacts] = field(default_factory=dict)
    """The checklist facts of each claim, by claim id."""


def check_sources(registry: Registry, extraction: Extraction) -> SourceCheck:
    """Match every claim of an extraction and gather who stands behind what."""
    used: dict[str, list[str]] = {}
    unknown: dict[str, list[str]] = {}
    facts: dict[str, SourceFacts] = {}
    for claim in extraction.claims:
        match = match_chain(registry, claim, extraction.document)
        facts[claim.id] = facts_for(registry, match)
        for source_id in match.ids:
            used.setdefault(source_id, []).append(claim.id)
        for name in match.unknown:
            unknown.setdefault(name, []).append(claim.id)
    return SourceCheck(
        extraction=extraction,
        used=tuple(
            SourceUse(entry, tuple(claims))
            for source_id, claims in used.items()
            if (entry := registry.get(source_id)) is not None
        ),
        unknown=tuple(UnknownName(name, tuple(claims)) for name, claims in unknown.items()),
        facts=facts,
    )


# --- loading -----------------------------------------------------------------------------------

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

_CITABLE = (*CITED_FACTS, "domains", "notes")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
_STR_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_MAX_BYTES = 10_000_000
_PARTISAN_KEYS = ("stance", "direction")
_HEADER = (
    "# factcheck source registry: your own entries, merged over the built-in ones.\n"
    "# Format: see docs/sources.md. Reliability letters are your call.\n"
)


@dataclass(frozen=True, slots=True)
class _Loc:
    """Where a value came from, for error messages."""

    file: str
    line: int
    path: str

    def fail(self, message: str) -> NoReturn:
        where = f"{self.path}: " if self.path else ""
        raise SourcesError(f"{self.file}:{self.line}: {where}{message}")


@dataclass(slots=True)
class _Raw:
    """One entry as read from one file: checked values and where each came from."""

    id: str
    loc: _Loc
    values: dict[str, object] = field(default_factory=dict)
    where: dict[str, _Loc] = field(default_factory=dict)
    items: dict[str, list[_Loc]] = field(default_factory=dict)
    cites: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cite_where: dict[str, _Loc] = field(default_factory=dict)


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if node.tag == "tag:yaml.org,2002:null":
        return "nothing"
    return repr(node.value)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _pairs(node: yaml.MappingNode, file: str, path: str) -> list[tuple[str, yaml.Node, _Loc]]:
    out: list[tuple[str, yaml.Node, _Loc]] = []
    seen: set[str] = set()
    for key, value in node.value:
        loc = _Loc(file, _line(key), path)
        if not isinstance(key, yaml.ScalarNode) or key.tag not in _STR_TAGS:
            loc.fail(f"expected a plain key, got {_describe(key)}")
        name = str(key.value)
        if name in seen:
            loc.fail(f"duplicate key '{name}'")
        seen.add(name)
        out.append((name, value, loc))
    return out


def _string(node: yaml.Node, loc: _Loc) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag not in _STR_TAGS:
        loc.fail(f"expected a string, got {_describe(node)}")
    text = " ".join(str(node.value).split())
    if not text:
        loc.fail("expected a string, got ''")
    return text


def _strings(node: yaml.Node, loc: _Loc, file: str) -> tuple[list[str], list[_Loc]]:
    if not isinstance(node, yaml.SequenceNode):
        loc.fail(f"expected a list of strings, got {_describe(node)}")
    values: list[str] = []
    locs: list[_Loc] = []
    for index, item in enumerate(node.value):
        item_loc = _Loc(file, _line(item), f"{loc.path}[{index}]")
        values.append(_string(item, item_loc))
        locs.append(item_loc)
    return values, locs


def _choice(text: str, allowed: Sequence[str], loc: _Loc) -> str:
    if text not in allowed:
        loc.fail(f"expected one of {', '.join(allowed)}, got {text!r}")
    return text


def _url(node: yaml.Node, loc: _Loc) -> str:
    text = _string(node, loc)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
        loc.fail(f"expected an http(s) URL, got {text!r}")
    return text


def _partisan(node: yaml.Node, loc: _Loc, file: str) -> tuple[Partisan, str | None]:
    stances = [p.value for p in Partisan]
    if isinstance(node, yaml.ScalarNode):
        stance = _choice(str(node.value), stances, loc)
        if stance in (Partisan.YES, Partisan.LEAN):
            loc.fail(
                f"'{stance}' needs a direction: write {{stance: {stance}, direction: pro-...}}"
            )
        return Partisan(stance), None
    if not isinstance(node, yaml.MappingNode):
        loc.fail(f"expected yes, no, lean or unknown, or a mapping, got {_describe(node)}")
    values: dict[str, str] = {}
    for key, value, key_loc in _pairs(node, file, loc.path):
        if key not in _PARTISAN_KEYS:
            key_loc.fail(f"unknown key '{key}' (expected one of: {', '.join(_PARTISAN_KEYS)})")
        sub = _Loc(file, _line(value), f"{loc.path}.{key}")
        if key == "stance" and isinstance(value, yaml.ScalarNode):
            values[key] = _choice(str(value.value), stances, sub)
        else:
            values[key] = _string(value, sub)
    if "stance" not in values:
        loc.fail("missing key 'stance'")
    stance = Partisan(values["stance"])
    direction = values.get("direction")
    if stance in (Partisan.YES, Partisan.LEAN) and not direction:
        loc.fail(f"missing key 'direction' (needed when stance is {stance})")
    if stance in (Partisan.NO, Partisan.UNKNOWN) and direction:
        loc.fail(f"a direction makes no sense when stance is {stance}")
    return stance, direction


def _citations(node: yaml.Node, loc: _Loc, file: str, raw: _Raw) -> None:
    if not isinstance(node, yaml.MappingNode):
        loc.fail(f"expected a mapping of fact to URL, got {_describe(node)}")
    out = raw.cites
    for fact, value, key_loc in _pairs(node, file, loc.path):
        if fact not in _CITABLE:
            key_loc.fail(f"unknown fact '{fact}' (expected one of: {', '.join(_CITABLE)})")
        sub = _Loc(file, _line(value), f"{loc.path}.{fact}")
        raw.cite_where[fact] = _Loc(file, key_loc.line, sub.path)
        if isinstance(value, yaml.SequenceNode):
            if not value.value:
                sub.fail("expected at least one URL")
            out[fact] = tuple(
                _url(item, _Loc(file, _line(item), f"{sub.path}[{i}]"))
                for i, item in enumerate(value.value)
            )
        else:
            out[fact] = (_url(value, sub),)


def _read_entry(node: yaml.Node, file: str, path: str) -> _Raw:
    loc = _Loc(file, _line(node), path)
    if not isinstance(node, yaml.MappingNode):
        loc.fail(f"expected a mapping, got {_describe(node)}")
    pairs = _pairs(node, file, path)
    for key, _, key_loc in pairs:
        if key not in FIELDS:
            key_loc.fail(f"unknown key '{key}' (expected one of: {', '.join(FIELDS)})")
    by_key = {key: (value, key_loc) for key, value, key_loc in pairs}
    if "id" not in by_key:
        loc.fail("missing key 'id'")
    id_node, _ = by_key["id"]
    id_loc = _Loc(file, _line(id_node), f"{path}.id")
    source_id = _string(id_node, id_loc)
    if not _ID.fullmatch(source_id):
        id_loc.fail(f"expected lowercase letters, digits and hyphens, got {source_id!r}")
    raw = _Raw(source_id, loc)
    for key, (value, key_loc) in by_key.items():
        sub = _Loc(file, _line(value), f"{path}.{key}")
        raw.where[key] = _Loc(file, key_loc.line, sub.path)
        if key == "id":
            continue
        if key in ("name", "owner", "notes"):
            raw.values[key] = _string(value, sub)
        elif key in ("aliases", "party_to", "sanctions", "domains", "affiliation"):
            values, locs = _strings(value, sub, file)
            for text, item_loc in zip(values, locs, strict=True):
                if key == "domains" and not _DOMAIN.fullmatch(text):
                    item_loc.fail(f"expected a bare domain like 'example.com', got {text!r}")
                if key == "affiliation" and not _ID.fullmatch(text):
                    item_loc.fail(f"expected a source id, got {text!r}")
            if key == "domains":
                values = [v.removeprefix("www.") for v in values]
            raw.values[key] = tuple(values)
            raw.items[key] = locs
        elif key == "kind":
            raw.values[key] = SourceKind(_choice(_string(value, sub), list(SourceKind), sub))
        elif key == "reliability":
            text = _string(value, sub)
            if text not in list(Reliability):
                sub.fail(f"expected a letter A to F, got {text!r}")
            raw.values[key] = Reliability(text)
        elif key == "partisan":
            raw.values[key] = _partisan(value, sub, file)
        else:
            _citations(value, sub, file, raw)
    return raw


def _read_text(text: str, file: str) -> list[_Raw]:
    """Parse one registry file's text into checked raw entries."""
    try:
        root = yamlio.compose(text)
    except yamlio.YamlSyntaxError as exc:
        line = f":{exc.line}" if exc.line is not None else ""
        raise SourcesError(f"{file}{line}: invalid YAML: {exc.problem}") from None
    if root is None:
        return []  # empty, or comments only: a registry with nothing in it yet
    yamlio.Reader(file, stop=SourcesError).check_tags(root)
    if not isinstance(root, yaml.MappingNode):
        _Loc(file, _line(root), "").fail(
            f"expected a mapping with key 'entries', got {_describe(root)}"
        )
    pairs = _pairs(root, file, "")
    for key, _, key_loc in pairs:
        if key != "entries":
            key_loc.fail(f"unknown key '{key}' (expected one of: entries)")
    if not pairs:
        _Loc(file, _line(root), "").fail("missing key 'entries'")
    node = pairs[0][1]
    if not isinstance(node, yaml.SequenceNode):
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return []
        _Loc(file, _line(node), "entries").fail(
            f"expected a list of entries, got {_describe(node)}"
        )
    return [_read_entry(item, file, f"entries[{i}]") for i, item in enumerate(node.value)]


def _read_file(path: Path, display: str) -> tuple[str, list[_Raw]]:
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise SourcesError(f"{display}: file too large for a source registry")
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourcesError(f"{display}: no such file") from None
    except IsADirectoryError:
        raise SourcesError(f"{display}: is a directory") from None
    except OSError as exc:
        raise SourcesError(f"{display}: cannot read: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourcesError(f"{display}: not UTF-8 text") from None
    return text, _read_text(text, display)


@dataclass(slots=True)
class _Layer:
    """Registry files that merge at one level: within a layer an id may appear only once."""

    files: list[tuple[str, list[_Raw]]]


def _merge(layers: Sequence[_Layer]) -> Registry:
    merged: dict[str, _Raw] = {}
    origins: dict[str, list[str]] = {}
    for layer in layers:
        first_at: dict[str, _Loc] = {}
        for _, raws in layer.files:
            for raw in raws:
                if raw.id in first_at:
                    earlier = first_at[raw.id]
                    _Loc(raw.loc.file, raw.where["id"].line, f"{raw.loc.path}.id").fail(
                        f"duplicate id '{raw.id}' (first at {earlier.file}:{earlier.line})"
                    )
                first_at[raw.id] = raw.loc
                origins.setdefault(raw.id, []).append(f"{raw.loc.file}:{raw.loc.line}")
                if raw.id not in merged:
                    merged[raw.id] = _Raw(raw.id, raw.loc)
                _update(merged[raw.id], raw)
    entries = [_finish(raw, origins[raw.id]) for raw in merged.values()]
    registry = Registry(tuple(entries))
    _check_links(registry, merged)
    return registry


def _update(target: _Raw, raw: _Raw) -> None:
    for key, value in raw.values.items():
        target.values[key] = value
        target.where[key] = raw.where[key]
        if key in raw.items:
            target.items[key] = raw.items[key]
        # A fact given anew drops the earlier citation: it supported the earlier value.
        target.cites.pop(key, None)
    target.cites.update(raw.cites)
    target.cite_where.update(raw.cite_where)


def _finish(raw: _Raw, origins: Sequence[str]) -> SourceEntry:
    for key in ("name", "kind"):
        if key not in raw.values:
            raw.loc.fail(f"missing key '{key}'")
    for fact in CITED_FACTS:
        value = raw.values.get(fact)
        given = bool(value) and value != (Partisan.UNKNOWN, None)
        if given and fact not in raw.cites:
            raw.where[fact].fail(f"no citation (add citations.{fact}: URL of a public reference)")
    for fact in raw.cites:
        if fact not in raw.values:
            raw.cite_where[fact].fail(f"cites '{fact}', which the entry does not give")
    stance = raw.values.get("partisan")
    partisan, direction = stance if isinstance(stance, tuple) else (Partisan.UNKNOWN, None)
    reliability = raw.values.get("reliability")
    return SourceEntry(
        id=raw.id,
        name=str(raw.values["name"]),
        kind=SourceKind(str(raw.values["kind"])),
        aliases=_tuple(raw.values.get("aliases")),
        domains=_tuple(raw.values.get("domains")),
        affiliation=_tuple(raw.values.get("affiliation")),
        owner=_optional(raw.values.get("owner")),
        party_to=_tuple(raw.values.get("party_to")),
        partisan=Partisan(partisan),
        partisan_direction=_optional(direction),
        sanctions=_tuple(raw.values.get("sanctions")),
        reliability=Reliability(str(reliability)) if reliability is not None else None,
        notes=_optional(raw.values.get("notes")),
        citations=tuple(Citation(fact, url) for fact, urls in raw.cites.items() for url in urls),
        origins=tuple(origins),
    )


def _tuple(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, tuple) else ()


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def _check_links(registry: Registry, raws: Mapping[str, _Raw]) -> None:
    """Affiliations point at entries; no two entries share a name or an alias."""
    owners: dict[str, tuple[str, _Loc]] = {}
    hosts: dict[str, tuple[str, _Loc]] = {}
    for entry in registry.entries:
        raw = raws[entry.id]
        for domain, loc in zip(entry.domains, raw.items.get("domains", []), strict=True):
            seen = hosts.setdefault(domain, (entry.id, loc))
            if seen[0] != entry.id:
                loc.fail(
                    f"domain {domain!r} already belongs to '{seen[0]}' "
                    f"({seen[1].file}:{seen[1].line})"
                )
        for index, target in enumerate(entry.affiliation):
            loc = raw.items["affiliation"][index]
            if target == entry.id:
                loc.fail("an entry cannot be affiliated with itself")
            if registry.get(target) is None:
                loc.fail(f"unknown source id '{target}'")
        locs = [raw.where["name"], *raw.items.get("aliases", [])]
        for name, loc in zip(entry.names, locs, strict=True):
            key = _norm(name)
            if not key:
                loc.fail(f"{name!r} has no letters or digits to match")
            other = owners.get(key)
            if other is not None and other[0] != entry.id:
                first = other[1]
                loc.fail(f"{name!r} is already a name of '{other[0]}' ({first.file}:{first.line})")
            owners.setdefault(key, (entry.id, loc))


def builtin_sources_dir() -> Path:
    """The built-in registry: packaged in the wheel, or the repository's sources/ folder."""
    here = Path(__file__).resolve().parents[1]
    packaged = here / "builtin" / "sources"
    return packaged if packaged.is_dir() else here.parent / "sources"


def user_registry_path() -> Path:
    """The user's own registry file: $XDG_CONFIG_HOME/factcheck/sources.yaml."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / "factcheck" / "sources.yaml"


def _registry_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


def _layer_paths(extra: Sequence[Path], *, builtin: bool, user: bool) -> list[list[Path]]:
    layers: list[list[Path]] = []
    if builtin:
        layers.append(_registry_files(builtin_sources_dir()))
    if user and user_registry_path().is_file():
        layers.append([user_registry_path()])
    layers.extend(_registry_files(Path(p)) for p in extra)
    return layers


def _display(path: Path) -> str:
    builtin = builtin_sources_dir()
    if path.parent == builtin:
        return f"sources/{path.name}"
    return str(path)


def load_registry(
    extra: Sequence[Path] = (), *, builtin: bool = True, user: bool = True
) -> Registry:
    """Load and merge the built-in registry, the user's file, then each extra file or folder.

    An entry whose id is already defined updates it: the keys it gives replace the earlier ones.
    """
    layers = [
        _Layer([(_display(path), _read_file(path, _display(path))[1]) for path in paths])
        for paths in _layer_paths(extra, builtin=builtin, user=user)
    ]
    return _merge(layers)


# --- adding an entry ---------------------------------------------------------------------------


def slugify(name: str) -> str:
    """A registry id made from a name: 'Al-Manar TV' -> 'al-manar-tv'."""
    return files.slugify(name, max_length=None, fallback="", ascii_only=True)


def entry_fields(
    *,
    source_id: str,
    name: str,
    kind: str,
    aliases: Sequence[str] = (),
    domains: Sequence[str] = (),
    affiliation: Sequence[str] = (),
    owner: str | None = None,
    party_to: Sequence[str] = (),
    partisan: str = "unknown",
    direction: str | None = None,
    sanctions: Sequence[str] = (),
    reliability: str | None = None,
    notes: str | None = None,
    citation: str | None = None,
) -> dict[str, object]:
    """The YAML mapping of a new entry; one citation URL supports every fact it states."""
    out: dict[str, object] = {"id": source_id, "name": name}
    lists = {"aliases": aliases, "domains": domains}
    out.update({key: list(values) for key, values in lists.items() if values})
    out["kind"] = kind
    if affiliation:
        out["affiliation"] = list(affiliation)
    if owner:
        out["owner"] = owner
    if party_to:
        out["party_to"] = list(party_to)
    if partisan != "unknown":
        out["partisan"] = (
            {"stance": partisan, "direction": direction} if direction else {"stance": partisan}
        )
    if sanctions:
        out["sanctions"] = list(sanctions)
    if reliability:
        out["reliability"] = reliability
    if notes:
        out["notes"] = notes
    if citation:
        out["citations"] = {fact: citation for fact in CITED_FACTS if fact in out}
    return out


_NEW = "new entry"
_NEW_PREFIX = re.compile(rf"^{_NEW}:\d+: (?:entries\[0\]\.?(?::\s)?)?")


def _appended(old: str, item: str, file: str) -> str:
    """The registry text with one block-list item added to its entries, comments kept."""
    try:
        root = yamlio.compose(old)
    except yamlio.YamlSyntaxError:
        root = None  # _read_text below reports it with a line number
    if root is None:
        return (old.rstrip("\n") + "\n" if old.strip() else _HEADER) + "entries:\n" + item
    _read_text(old, file)
    assert isinstance(root, yaml.MappingNode)  # _read_text has checked the layout
    node = root.value[0][1]
    if isinstance(node, yaml.SequenceNode) and not node.flow_style:
        indent = " " * int(node.start_mark.column)
        block = "".join(indent + line if line.strip() else line for line in item.splitlines(True))
        return old.rstrip("\n") + "\n" + block
    if isinstance(node, yaml.SequenceNode) and node.value:
        _Loc(file, _line(node), "entries").fail(
            "cannot append to a list written in [flow] style; write it as a block list"
        )
    # 'entries:' with nothing, or an empty '[]': the block goes under it, after the line's comment.
    start, end = int(node.start_mark.index), int(node.end_mark.index)
    key = old[:start].rstrip(" ")
    head = key + old[end:]
    eol = head.find("\n", len(key))
    if eol < 0:
        head, eol = head + "\n", len(head)
    block = "".join("  " + line for line in item.splitlines(True))
    return head[: eol + 1] + block + head[eol + 1 :]


def add_entry(
    fields: Mapping[str, object], *, target: Path, extra: Sequence[Path] = ()
) -> SourceEntry:
    """Append a new entry to a registry file (created if missing) and return it.

    The new entry is checked with the strict loader against the whole merged registry (built-in,
    the user's file, ``extra``) before anything is written; a duplicate id is refused.
    """
    source_id = str(fields.get("id", ""))
    paths = _layer_paths(extra, builtin=True, user=True)
    if target.exists() and not any(p.resolve() == target.resolve() for ps in paths for p in ps):
        paths.append([target])
    layers = [_Layer([(_display(p), _read_file(p, _display(p))[1]) for p in ps]) for ps in paths]
    if (existing := _merge(layers).get(source_id)) is not None:
        where = existing.origins[0] if existing.origins else "the registry"
        raise SourcesError(f"source id '{source_id}' already exists ({where}); choose another id")
    item = yaml.safe_dump(
        [dict(fields)], sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    # Check the entry on its own first, so a mistake is reported as the user's input, not as a
    # line of a file that was never written.
    try:
        layers.append(_Layer([(_NEW, _read_text("entries:\n" + item, _NEW))]))
        entry = _merge(layers).get(source_id)
    except SourcesError as exc:
        raise SourcesError(_NEW_PREFIX.sub(f"{_NEW}: ", str(exc))) from None
    assert entry is not None  # the text holds it: _read_text checked every entry
    entry = replace(entry, origins=())
    display = str(target)
    old = _read_file(target, display)[0] if target.exists() else ""
    new = _appended(old, item, display)
    if [raw.id for raw in _read_text(new, display)][-1:] != [source_id]:
        raise SourcesError(f"{display}: cannot append the new entry; add it by hand")
    try:
        files.write_atomic(target, new)
    except OSError as exc:
        raise SourcesError(f"{display}: cannot save: {files.describe_os_error(exc)}") from None
    line = int(new.count("\n", 0, new.rindex(f"id: {source_id}")) + 1)
    return replace(entry, origins=(f"{display}:{line}",))
