"""Stage ④ sources: the merged registry, its lookups, and registry names found in text.

Every name, alias and domain of the registry is compiled once into one pattern (a trie of
regex atoms), so a text is scanned once for all names at the same time.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

from factcheck import regexes
from factcheck.sources.model import Mention, SourceEntry

if TYPE_CHECKING:
    from factcheck.models import Document
    from factcheck.sources.chains import _ChainName

_MEMO_MAX_CHARS = 400
_MEMO_MAX_ITEMS = 4096
_SCANS_KEPT = 4
"""Articles whose scans are kept: their claims are matched while the article is at hand."""


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

    @cached_property
    def _outlets(
        self,
    ) -> list[tuple[Document, tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
        """The last article whose outlets were matched, with the ids, the unknown names and the
        ids once each."""
        return []

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

    @cached_property
    def _scans(self) -> dict[tuple[int, int], _Scan]:
        return {}

    def document_mentions(self, text: str) -> tuple[Mention, ...]:
        """``mentions(text)`` for a whole article's text, kept (for the last few articles) so
        that the mentions in any stretch of it can be read off without a second scan
        (``stretch_mentions``)."""
        # Keyed by length and hash, not the text: comparing two equal megabyte-long articles on
        # every lookup would cost more than the lookup saves.
        key = (len(text), hash(text))
        scan = self._scans.get(key)
        if scan is None or scan.text != text:
            if len(self._scans) >= _SCANS_KEPT:
                self._scans.clear()
            scan = self._scans[key] = _Scan(text, *self._matcher.scan(text))
        elif scan.text is not text:
            # The same text in another string: kept as this one, which the stretches name.
            scan = self._scans[key] = _Scan(text, scan.mentions, scan.spans, scan.starts)
        return scan.mentions

    def stretch_mentions(self, text: str, start: int, end: int) -> tuple[Mention, ...] | None:
        """``mentions(text[start:end])`` read off the scan of the whole ``text`` when
        ``document_mentions`` has made one of this very string and the stretch is a part that
        scan reads the same way; None otherwise.

        It does when whitespace (or the end of the text) lies on both sides of the stretch and
        no match of the scan runs across either side: every match then reads the same characters
        in the stretch alone as in the whole text, and sees a non-word character (or nothing)
        beyond the name.
        """
        scan = self._scans.get((len(text), hash(text)))
        if scan is None or scan.text is not text:
            return None  # only the very string scanned: comparing texts would cost a scan each
        if (start > 0 and not text[start - 1].isspace()) or (
            end < len(text) and not text[end].isspace()
        ):
            return None
        spans = scan.spans
        first = bisect.bisect_left(spans, (start,))
        if first and spans[first - 1][1] >= start:
            return None  # a match runs into the stretch from before it
        last = bisect.bisect_left(spans, (end,), first)
        if last > first and spans[last - 1][1] > end:
            return None  # a match runs on past the stretch
        lo = bisect.bisect_left(scan.starts, start)
        hi = bisect.bisect_left(scan.starts, end, lo)
        return tuple(
            Mention(m.id, m.start - start, m.end - start, m.text) for m in scan.mentions[lo:hi]
        )

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


@dataclass(frozen=True, slots=True)
class _Scan:
    """One scan of a whole text: its mentions, and the span of the name of every match, a
    registry name or not, in order (the matches never overlap)."""

    text: str
    mentions: tuple[Mention, ...]
    spans: list[tuple[int, int]]
    starts: list[int]
    """The start of each mention, for bisecting."""


# --- matching ----------------------------------------------------------------------------------

_SEPARATORS = " \t\n\u00a0-\u2010\u2011\u2012\u2013"
_APOSTROPHES = "'\u2019\u2018\u02bc`"
_SEP_ATOM = "[\\s\\-\u2010\u2011\u2012\u2013]?"
_APOS_ATOM = "['\u2019\u2018\u02bc`]?"
_DROP = str.maketrans("", "", _SEPARATORS + _APOSTROPHES)
_SPLIT = regexes.compile(f"([{re.escape(_SEPARATORS)}]+)")

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

    def by_first_char(self) -> dict[str, str] | None:
        """The pattern split by the character a name starts with: for each, the pattern of the
        rest of the names that start with it, in the same order; None when a name may start
        with an optional atom.
        """
        ordered = sorted(self.children.items(), key=lambda item: (-item[1].depth, item[0]))
        groups: dict[str, list[str]] = {}
        for atom, child in ordered:
            chars = _atom_chars(atom)
            if chars is None:
                return None
            for char in chars:
                groups.setdefault(char, []).append(child.pattern())
        if not groups or self.terminal:
            return None
        return {
            char: rest[0] if len(rest) == 1 else "(?:" + "|".join(rest) + ")"
            for char, rest in groups.items()
        }


def _atom_chars(atom: str) -> str | None:
    """The characters an atom of ``_atoms`` matches, one each, or None for an optional atom."""
    if atom in (_SEP_ATOM, _APOS_ATOM):
        return None
    inner = atom[1:-1] if atom.startswith("[") and atom.endswith("]") and len(atom) > 2 else atom
    chars = "".join(dict.fromkeys(re.sub(r"\\(.)", r"\1", inner, flags=re.DOTALL)))
    if not chars or not all(re.fullmatch(atom, char) for char in chars):
        return None
    return chars


class _Matcher:
    """All names, aliases and domains of a registry, compiled once."""

    def __init__(self, entries: Sequence[SourceEntry]) -> None:
        self.keys: dict[str, str] = {}
        self.domains: dict[str, str] = {}
        trie = _Trie()
        for entry in entries:
            for name in entry.names:
                atoms = _atoms(name)
                if atoms:
                    trie.add(atoms)
                    self.keys.setdefault(_norm(name), entry.id)
            for domain in entry.domains:
                self.domains.setdefault(domain, entry.id)
        self._body = trie.pattern() if self.keys else "(?!)"
        self._trie = trie
        # A match reads at most one character per atom, the suffix's three and two after them.
        self._reach = trie.depth + 8

    @cached_property
    def passes(self) -> _Passes | None:
        """The two searches that find the names fast (compiled when a search needs them: a
        lookup by name or domain does not)."""
        return _passes(self._trie.by_first_char()) if self.keys else None

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """Every name, tried at every position (compiled when a search needs it)."""
        return regexes.compile(f"{_LEFT}(?P<core>{self._body}){_SUFFIX}{_RIGHT}")

    def find(self, text: str, start: int = 0, end: int | None = None) -> tuple[Mention, ...]:
        """The names in ``text``, or only those in ``text[start:end]``."""
        out: list[Mention] = []
        for core_start, core_end, core in self._found_at(text, start, end):
            found = self.keys.get(_norm(core))
            if found is not None:
                out.append(Mention(found, core_start, core_end, core))
        return tuple(out)

    def scan(self, text: str) -> tuple[tuple[Mention, ...], list[tuple[int, int]], list[int]]:
        """``find(text)``, with the (start, end) of the name of every match, in order, and the
        start of each mention."""
        out: list[Mention] = []
        spans: list[tuple[int, int]] = []
        for core_start, core_end, core in self._found_at(text, 0, None):
            spans.append((core_start, core_end))
            found = self.keys.get(_norm(core))
            if found is not None:
                out.append(Mention(found, core_start, core_end, core))
        return tuple(out), spans, [m.start for m in out]

    def _found_at(self, text: str, start: int, end: int | None) -> Iterable[tuple[int, int, str]]:
        """(start, end, text) of the name of every match in ``text[start:end]``, in order."""
        if start == 0 and end is None and self.passes is not None:
            return self._matches(text, self.passes)
        return (
            (m.start("core"), m.end("core"), m.group("core"))
            for m in self.regex.finditer(text, start, len(text) if end is None else end)
        )

    def _matches(self, text: str, passes: _Passes) -> Iterator[tuple[int, int, str]]:
        """(start, end, text) of the name of each match of ``self.regex.finditer(text)``, found
        faster.

        A name starts at the start of the text, after a character that is not a word character,
        or at a capital glued to a lower-case letter. Names that do not start with a lower-case
        letter are found by one search (``passes.capital``), the others by another
        (``passes.lower``); the earlier of the next two is taken, and both go on after it.
        """
        pos = 0
        if (first := self._match_at(text, 0, passes)) is not None:
            yield first[:3]
            pos = first[3]
        capital_pass, lower_pass = passes
        capital = capital_pass.search(text, pos)
        lower = lower_pass.search(text, max(pos - 1, 0)) if lower_pass else None
        while True:
            if capital is not None and capital.start() < pos:
                capital = capital_pass.search(text, pos)
            if lower_pass and lower is not None and lower.start("core") < pos:
                lower = lower_pass.search(text, pos - 1)
            if capital is not None and (lower is None or capital.start() < lower.start("core")):
                found = capital
            elif lower is not None:
                found = lower
            else:
                return
            yield found.start("core"), found.end("core"), found.group("core")
            pos = found.end()

    def _match_at(self, text: str, at: int, passes: _Passes) -> tuple[int, int, str, int] | None:
        """(start, end, text) of the name starting at ``at`` (the start of the text) and the end
        of its match; None when none does.

        The passes run on a space and a window of the text that outreaches any match, so what
        they find there is what ``self.regex`` finds at ``at``.
        """
        window = " " + text[at : at + self._reach]
        match = passes.capital.match(window, 1) or (passes.lower and passes.lower.match(window))
        if not match:
            return None
        shift = at - 1
        return (
            match.start("core") + shift,
            match.end("core") + shift,
            match.group("core"),
            match.end() + shift,
        )


class _Passes(NamedTuple):
    """The names of a registry as two patterns that skip through a text fast."""

    capital: re.Pattern[str]
    """Names that start with anything but a lower-case letter, each found at its first
    character (a rare one: the search skips to it) when a character that is not a word
    character comes before it or, for a capital A-Z, a lower-case letter a-z ('chiefAl-Akhbar')."""
    lower: re.Pattern[str] | None
    """Names that start with a lower-case letter, found from the character before them, which
    is not a word character; None when no name does."""


def _passes(by_first_char: dict[str, str] | None) -> _Passes | None:
    """The two searches for names whose pattern is split by first character; None when it
    cannot be."""
    if by_first_char is None:
        return None
    capital, lower = [], []
    for char, rest in by_first_char.items():
        if char.islower():
            lower.append(re.escape(char) + rest)
            continue
        before = "[\\Wa-z]" if "A" <= char <= "Z" else "\\W"
        # The character itself comes first, so the regex skips to its next occurrence, and
        # only then looks at the character before it.
        capital.append(f"{re.escape(char)}(?<={before}{re.escape(char)}){rest}")
    if not capital:
        capital.append("(?!)")
    return _Passes(
        regexes.compile(f"(?P<core>(?:{'|'.join(capital)})){_SUFFIX}{_RIGHT}"),
        regexes.compile(f"\\W(?P<core>(?:{'|'.join(lower)})){_SUFFIX}{_RIGHT}") if lower else None,
    )


def _host(url_or_host: str) -> str:
    text = url_or_host.strip().casefold()
    host = (urlsplit(text).hostname or "") if "//" in text else text.split("/", 1)[0]
    host = host.split(":", 1)[0].rstrip(".")
    return (idna_host(host) or host).removeprefix("www.")


def idna_host(host: str) -> str | None:
    """HOST in the ASCII form registries and DNS use: an international name's labels in IDNA
    ('bücher.example' -> 'xn--bcher-kva.example'); None when it cannot be one."""
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None


def unicode_host(host: str) -> str:
    """HOST with its IDNA labels spelled out ('xn--bcher-kva.example' -> 'bücher.example');
    HOST itself when it has none or they are not valid IDNA."""
    if "xn--" not in host:
        return host
    try:
        return host.encode("ascii").decode("idna")
    except UnicodeError:
        return host
