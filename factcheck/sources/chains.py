"""Stage ④ sources: who stands on each claim's chain, and the checklist facts of a chain.

Matching finds registry names in the parts of a claim that say who stands behind it (the article's
outlet, the via-chain, the speaker and the speaker's role), never in what the claim asserts.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from factcheck import regexes
from factcheck.lexicon import words
from factcheck.models import Attribution, Claim, Document, Extraction, SourceFacts
from factcheck.sources.matching import (
    _MEMO_MAX_CHARS,
    _MEMO_MAX_ITEMS,
    Registry,
    _norm,
)
from factcheck.sources.model import ChainMatch, Mention, Reliability, SourceEntry, SourceKind
from factcheck.sources.names import name_domain
from factcheck.sources.outlet_keys import carried_from
from factcheck.sources.ratings import RatingSet, domain_key, rating_sets

_PARTICLES = "al|el|ad|ar|as|ash|at|az|bin|ibn|bint|abu|abd|de|del|der|da|di|du|van|von|le|la"
_NAME_WORD = rf"(?<!\w)(?:(?:{_PARTICLES})[-\u2010\u2011 ])?[A-Z](?:\.|[\w\u2019'-]*)"
_NAME_RUN = regexes.compile(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,4}}")
_TRAILING_NAME = regexes.compile(rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,4}})\W*$")

_TITLES = words("chain_titles")
_NOT_NAMES = words("chain_non_names")
_ROLE_NOUNS = words("chain_role_nouns")
_WORD = regexes.compile(r"[\w\u2019'-]+")
_SENTENCE_END = regexes.compile('[.;:!?]["\u201d\u2019)]*(?=\\s|[A-Z]|$)')
_POSSESSIVE = regexes.compile("['\u2019]s?(?=[ \t])")
_APPOSITIVE = regexes.compile(r",[ \t]+([^,.;:]{0,80}?)(?=[,.;:]|$)")
_FINAL_POSSESSIVE = regexes.compile(r"['\u2019]s?$")
_TRAILING_POSSESSIVE = regexes.compile(r"['\u2019]s?\W*$")


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
    mentions = registry.document_mentions(text)
    org = {
        m.start: m
        for m in mentions
        if (entry := registry.get(m.id)) is not None and entry.kind is not SourceKind.PERSON
    }
    ties: dict[str, list[str]] = {}
    if not org:
        # Every tie is to an organisation named in the text: with none, there is nothing to read.
        if len(cache) > 32:
            cache.clear()
        cache[key] = {}
        return {}

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
    for comma, run in _runs_before_appositives(text, starts):
        tail = _APPOSITIVE.match(text, comma)
        if not tail:
            continue
        # The appositive must name an organisation (a lookup) and a role (a scan of its words).
        index = bisect.bisect_left(starts, tail.start(1))
        if index < len(starts) and starts[index] < tail.end(1) and _has_role_noun(tail.group(1)):
            tie(run.group(), org[starts[index]].id, run.start())
    result = {key: tuple(ids) for key, ids in ties.items()}
    if len(cache) > 32:
        cache.clear()
    cache[key] = result
    return result


def _runs_before_appositives(
    text: str, starts: Sequence[int]
) -> Iterator[tuple[int, re.Match[str]]]:
    """(comma, name run) for each comma, in text order, that may open an appositive holding one
    of the organisations starting at STARTS (in order), with the name run that ends right before
    it: the runs ``_NAME_RUN.finditer(text)`` finds that end at such a comma.

    An appositive holds no ',.;:', so the comma that opens it is the last of those characters
    before the organisation's name; and no name run holds a comma, so the runs of the whole text
    that lie after one comma are those of the text from that comma on. Each stretch of the text
    is searched once, however many organisations it holds.
    """
    commas: list[int] = []
    mark, searched = -1, 0
    for start in starts:
        # The last mark before this start: one after the previous start, or the same as for it.
        mark = max(mark, *(text.rfind(m, searched, start) for m in ",.;:"))
        searched = start
        if mark >= 0 and text[mark] == "," and (not commas or commas[-1] != mark):
            commas.append(mark)
    for comma in commas:
        runs = list(_NAME_RUN.finditer(text, text.rfind(",", 0, comma) + 1, comma))
        if runs and runs[-1].end() == comma:
            yield comma, runs[-1]


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
    """The article's publisher, then the outlets it carried the story from (a syndication chain).

    The publisher is matched by its name, else by its URL's domain, else by the byline; a name the
    registry lacks is returned as unknown, in the same order.
    """
    ids, unknown, _ = _outlets(registry, document)
    return list(ids), list(unknown)


def _outlets(
    registry: Registry, document: Document
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``_outlet_ids``, and the ids once each."""
    # Every claim of an article starts its chain here: the last article's answer is kept.
    memo = registry._outlets
    if not memo or memo[0][0] is not document:
        ids, unknown = _read_outlet_ids(registry, document)
        memo[:] = [(document, tuple(ids), tuple(unknown), tuple(dict.fromkeys(ids)))]
    return memo[0][1:]


def _read_outlet_ids(registry: Registry, document: Document) -> tuple[list[str], list[str]]:
    ids, unknown = _publisher_ids(registry, document)
    for name in carried_from(document):
        found = [m.id for m in registry.mentions(name) if _not_person(registry, m.id)]
        if found:
            ids.append(found[0])
        else:
            unknown.append(name)
    return ids, unknown


def _publisher_ids(registry: Registry, document: Document) -> tuple[list[str], list[str]]:
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


_WORD_RUN = regexes.compile(r"\w+")


class _ClaimText:
    """A claim's text and the registry names in it, read once however many chain names it holds.

    Attribution may cut a long name short ('Meir Amit Intelligence' for the Meir Amit
    Intelligence and Terrorism Information Center); the name the claim writes around that span
    is the one meant. On text without punctuation a claim can be the whole article with a chain
    of hundreds of names, so the text is scanned once, each distinct name is looked up once, and
    in a long text a name is sought only where a word like its first one starts.
    """

    def __init__(
        self, registry: Registry, text: str, document: Document, start: int | None = None
    ) -> None:
        self.registry = registry
        self.text = text
        self._document = document
        self._start = start
        self._mentions: tuple[Mention, ...] | None = None
        self._ends: list[int] = []
        self._words: dict[str, list[int]] | None = None
        self._memo: dict[str, tuple[list[Mention], bool]] = {}

    def overlaps(self, name: str) -> tuple[list[Mention], bool]:
        """Registry names in the claim's text that overlap where it writes ``name``, and whether
        one of them covers the name's last word."""
        found = self._memo.get(name)
        if found is None:
            found = self._memo[name] = self._overlaps(name)
        return found

    def _overlaps(self, name: str) -> tuple[list[Mention], bool]:
        found: list[Mention] = []
        covered = False
        starts = self._starts(name) if name else []
        if not starts:
            return found, covered
        if self._mentions is None:
            self._mentions = self._read_mentions()
            self._ends = [mention.end for mention in self._mentions]
        mentions, length = self._mentions, len(_TRAILING_POSSESSIVE.sub("", name))
        for start in starts:
            end = start + length
            index = bisect.bisect_right(self._ends, start)
            while index < len(mentions) and mentions[index].start < end:
                mention = mentions[index]
                found.append(mention)
                covered = covered or mention.start < end <= mention.end
                index += 1
        return found, covered

    def _read_mentions(self) -> tuple[Mention, ...]:
        """The registry names in the claim's text: read off the scan of the whole article when
        there is one and the claim is a stretch of it, else found in the claim's text."""
        start, article, text = self._start, self._document.text, self.text
        if start is not None and article.startswith(text, start):
            found = self.registry.stretch_mentions(article, start, start + len(text))
            if found is not None:
                return found
        return self.registry.mentions(text)

    def _starts(self, name: str) -> list[int]:
        """Where ``name`` is written in the text, left to right, without overlaps."""
        text, out = self.text, []
        head = _WORD_RUN.match(name)
        if head is None or len(text) <= _MEMO_MAX_CHARS:
            start = text.find(name)
            while start >= 0:
                out.append(start)
                start = text.find(name, start + len(name))
            return out
        if self._words is None:
            self._words = {}
            for word in _WORD_RUN.finditer(text):
                self._words.setdefault(word.group(), []).append(word.start())
        after = 0
        for start in self._words.get(head.group(), ()):
            if start >= after and text.startswith(name, start):
                out.append(start)
                after = start + len(name)
        return out


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
    ids, unknown = _walk_chain(
        registry, claim.text, claim.attribution, document, with_unknown=True, start=claim.start
    )
    unique, names = tuple(dict.fromkeys(ids)), tuple(dict.fromkeys(unknown))
    return ChainMatch(
        unique,
        names,
        domains=article_domains(document),
        publisher_known=bool(document.outlet),
        named=tuple(found for name in names if (found := named_domain(name, document))),
    )


def named_domain(name: str, document: Document) -> tuple[str, str, str] | None:
    """The rated domain an unknown chain name stands for, as (name, domain, reason)."""
    return _named_domain(name, document.outlet, document.url, rating_sets())


@functools.lru_cache(maxsize=4096)
def _named_domain(
    name: str, outlet: str | None, url: str | None, sets: tuple[RatingSet, ...]
) -> tuple[str, str, str] | None:
    page = Document("", "", "", outlet=outlet, url=url)
    for rating_set in sets:
        if found := name_domain(name, rating_set, page):
            return (found.name, found.domain, found.reason)
    return None


def article_domains(document: Document) -> tuple[str, ...]:
    """The article's own web domains: its URL's host, or an outlet named like a domain."""
    out: list[str] = []
    if document.url:
        out.append(domain_key(document.url).split("/", 1)[0])
    if document.outlet and _LOOKS_LIKE_DOMAIN.fullmatch(document.outlet.strip()):
        out.append(domain_key(document.outlet))
    return tuple(dict.fromkeys(d for d in out if d))


_LOOKS_LIKE_DOMAIN = regexes.compile(r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,12}")


def match_claim_sources(registry: Registry, claim: Claim, document: Document) -> tuple[str, ...]:
    """Ids of the registry entries on the claim's chain, the article's outlet first."""
    return chain_sources(registry, claim.text, claim.attribution, document, start=claim.start)


def chain_sources(
    registry: Registry,
    text: str,
    attribution: Attribution,
    document: Document,
    *,
    start: int | None = None,
) -> tuple[str, ...]:
    """``match_claim_sources`` for a claim with this text and attribution, before it is built;
    ``start``, where the text starts in the article's, lets the article's names be read once."""
    if not (attribution.speaker or attribution.via or attribution.role):
        # Most claims name no one: their chain is the article's outlets alone.
        return _outlets(registry, document)[2]
    ids, _ = _walk_chain(registry, text, attribution, document, with_unknown=False, start=start)
    return tuple(dict.fromkeys(ids))


def _walk_chain(
    registry: Registry,
    text: str,
    attribution: Attribution,
    document: Document,
    *,
    with_unknown: bool,
    start: int | None = None,
) -> tuple[list[str], list[str]]:
    """The ids on a claim's chain, with repeats, and (when asked for) the unknown names."""
    ids, unknown = _outlet_ids(registry, document)
    speaker, via = attribution.speaker, attribution.via
    if speaker or via:
        # Only a claim that names someone is read for the names around them (most name no one).
        names = _chain_name(registry, speaker) if speaker else None
        if names and (names.person_key or names.surname_key):
            # The speaker's ties are read off the scan of the whole article: made first, it
            # gives the claim's own names too, without a scan of the claim.
            registry.document_mentions(document.text)
        claim = _ClaimText(registry, text, document, start)
        for item in via:
            around, covered = claim.overlaps(item)
            ids.extend(m.id for m in (*registry.mentions(item), *around))
            if with_unknown and not covered and (name := _chain_name(registry, item).unknown):
                unknown.append(name)
        if speaker and names:
            around, covered = claim.overlaps(speaker)
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
    rated = False
    lowest: list[tuple[str, float]] = []
    # Each source is rated by the first of its domains a set rates: the article's own, then each
    # registry entry's on the chain.
    groups = [
        match.domains,
        *(e.domains for i in match.ids if (e := registry.get(i))),
        *((domain,) for _, domain, _ in match.named),
    ]
    for rating_set in rating_sets():
        numbers: list[float] = []
        for domains in groups:
            rating = next(filter(None, map(rating_set.get, domains)), None)
            if rating is not None:
                rated = True
                if (number := rating_set.number(rating)) is not None:
                    numbers.append(number)
        if numbers:
            lowest.append((rating_set.name, min(numbers)))
    return SourceFacts(
        any_partisan=any(e.is_partisan for e in entries),
        any_party_to_conflict=any(e.party_to for e in entries),
        worst_reliability=str(max(letters)) if letters else Reliability.F.value,
        state_media=any(e.kind is SourceKind.STATE_MEDIA for e in entries),
        unknown=match.unknown,
        rated=rated,
        lowest_ratings=tuple(lowest),
        publisher_known=match.publisher_known,
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
    named: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Unknown names that spell a rated domain's own name: name to (domain, reason)."""


def check_sources(registry: Registry, extraction: Extraction) -> SourceCheck:
    """Match every claim of an extraction and gather who stands behind what."""
    used: dict[str, list[str]] = {}
    unknown: dict[str, list[str]] = {}
    facts: dict[str, SourceFacts] = {}
    named: dict[str, tuple[str, str]] = {}
    for claim in extraction.claims:
        match = match_chain(registry, claim, extraction.document)
        facts[claim.id] = facts_for(registry, match)
        for source_id in match.ids:
            used.setdefault(source_id, []).append(claim.id)
        for name in match.unknown:
            unknown.setdefault(name, []).append(claim.id)
        for name, domain, reason in match.named:
            named[name] = (domain, reason)
    return SourceCheck(
        extraction=extraction,
        used=tuple(
            SourceUse(entry, tuple(claims))
            for source_id, claims in used.items()
            if (entry := registry.get(source_id)) is not None
        ),
        unknown=tuple(UnknownName(name, tuple(claims)) for name, claims in unknown.items()),
        facts=facts,
        named=named,
    )
