"""Stage ③ claims, attribution: the people, organisations and outlets an article names, and
how later mentions (surnames, descriptions, pronouns) find them again.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import ClassVar

from factcheck import regexes
from factcheck.extract.attribution.words import (
    ABBREVIATED_TITLES,
    CLAUSE,
    DEMONYM_OF,
    DEMONYMS,
    DETS,
    DOC_NOUNS,
    GENERIC_MODS,
    GENERIC_ORG_HEADS,
    GIVEN_NAMES,
    GROUP_NOUNS,
    HEAD_CLUSTERS,
    MEDIA_NOUNS,
    NP_PREPS,
    ORG_NOUNS,
    OTHER_PREPS,
    PRONOUNS,
    ROLE_NOUNS,
    Cls,
)

_REPEAT_RE = regexes.compile(r"(.)\1+")
_FIRST_OF_RUN = itemgetter(1)
"""A run of one letter (a ``_REPEAT_RE`` match) as the letter once: called from C for each run,
where the template "\\1" would be expanded by a Python function."""


class Kind(str):
    """What sort of thing an entity is, as far as the text shows: one of the constants below,
    compared by identity (a plain class rather than an enum, for the reason ``Cls`` gives)."""

    __slots__ = ()

    PERSON: ClassVar[Kind]
    ORG: ClassVar[Kind]
    MEDIA: ClassVar[Kind]
    GROUP: ClassVar[Kind]
    PLACE: ClassVar[Kind]
    """A place named as such ("in Salem, New Hampshire"): it never speaks nor takes a pronoun."""
    UNKNOWN: ClassVar[Kind]


Kind.PERSON = Kind("person")
Kind.ORG = Kind("org")
Kind.MEDIA = Kind("media")
Kind.GROUP = Kind("group")
Kind.PLACE = Kind("place")
Kind.UNKNOWN = Kind("unknown")


SPEAKING = frozenset({Kind.PERSON, Kind.ORG, Kind.MEDIA, Kind.UNKNOWN})
LOOSE = frozenset({Cls.SAY, Cls.SAY_COMP})
"""Verbs whose subject may be any definite description: only a speaker says or adds."""


# Mutable on purpose: an entity accumulates roles and mentions as the article goes on. It never
# leaves this module.
@dataclass(slots=True, eq=False)
class Entity:
    name: str
    """Canonical name: the first full form seen."""
    kind: Kind
    """Person, organisation, outlet, unnamed group, or not yet known."""
    role: str | None = None
    """The role the text gives the entity, in the text's own words."""
    role_rank: int = 0
    """How descriptive the role is: 0 none, 1 honorific, 2 title, 3 appositive or description."""
    heads: set[str] = field(default_factory=set)
    """Nouns a definite description may use for it ('general', 'channel')."""
    words: set[str] = field(default_factory=set)
    """Every word the text has tied to it, for matching a description's modifiers."""
    sent: int = -1
    """Sentence of the latest mention."""
    pos: int = 0
    """Token index of the first mention in that sentence."""
    subj: bool = False
    """Whether it was a subject or speaker in that sentence."""
    prev: tuple[int, int, bool] = (-1, 0, False)
    """(sent, pos, subj) of the mention before the current sentence."""
    spoke: bool = False
    """Whether it has been a speaker, so 'they'/'it' may refer to it."""
    said: int = -1
    """The latest sentence it is the speaker of: "he said" after it most likely goes on."""
    quoted: int = -1
    """The sentence in which it is named only inside a quotation, if that is the latest."""
    gender: str = ""
    """'m' or 'f' once a title, a role noun or a pronoun has told; '' until then."""
    given: str = ""
    """'m' or 'f' as the given name usually tells ("Susan Collins"); a pronoun may overrule it."""
    bare: int = -1
    """The latest sentence that called it by its surname alone ("Trump said"): among namesakes,
    the one a bare surname goes on meaning."""
    listed: bool = False
    """Whether it is people listed as a subject ("Jane Roe and Bob Lee"), whom a "they" in
    their own sentence does not mean ("…, such as Bob Lee, now saying they think")."""


_KEYS: dict[str, str] = {}


def make_key(name: str) -> str:
    """A spelling-tolerant key: Qa'ani, Qaani and QAANI share one."""
    found = _KEYS.get(name)
    if found is not None:
        return found
    text = name.lower().replace("'", "").replace("-", "").replace(".", "")
    if text.startswith("the "):
        text = text[4:]
    text = _REPEAT_RE.sub(_FIRST_OF_RUN, text)  # a name without a doubled letter comes back
    if len(_KEYS) > 50_000:
        _KEYS.clear()
    _KEYS[name] = text
    return text


def strip_possessive(token: str) -> str:
    if "'" not in token:
        return token  # most words: one scan instead of two suffix tests
    if token.endswith("'s"):
        return token[:-2]
    if token.endswith("'"):
        return token[:-1]
    return token


def _make_surname_keys(token: str) -> list[str]:
    keys = [make_key(token)]
    if "-" not in token:
        return keys  # every prefix below ends in a hyphen
    low = token.lower()
    for prefix in ("al-", "el-", "ad-", "ar-", "as-", "at-", "an-", "ash-"):
        if low.startswith(prefix) and len(low) > len(prefix) + 1:
            keys.append(make_key(token[len(prefix) :]))
            break
    return keys


def _mod_matches(mod: str, words: set[str]) -> bool:
    if mod in words:
        return True
    target = DEMONYM_OF.get(mod)
    if target is not None and target in words:
        return True
    for word in words:
        # Demonyms and their countries share a stem: Iran/Iranian, Israel/Israeli, Lebanon/Lebanese.
        size = min(len(word), len(mod))
        if size >= 4 and word[:4] == mod[:4] and (word.startswith(mod) or mod.startswith(word)):
            return True
        if size >= 5 and word[:5] == mod[:5]:
            return True
    return False


def _not_a_person_name(name: str) -> bool:
    """A name of several words that neither a given name or an initial opens nor a word for a
    person ends ("HuffPost Live", "West Point"): not "he" or "she"."""
    words = name.lower().split()
    if len(words) == 1 and (
        (name.isupper() and len(name.replace(".", "")) <= 4)
        or (words[0].endswith("s") and words[0][:-1] in DEMONYMS)  # "Americans", not "Cuban"
        or (words[0].endswith("ese") and words[0] in DEMONYMS)
    ):
        return True  # "EST", "N.H.", "GOP", "Americans": an abbreviation or a people
    if len(words) < 2 or words[0] in GIVEN_NAMES or words[0].endswith(".") or name.islower():
        return False  # "Greg Raiff", "J.M. Berger", "retired customer service representative"
    head = next((k for k, w in enumerate(words) if w in _OF), len(words)) - 1
    return not any(w in ROLE_NOUNS or w in DEMONYMS or w in GROUP_NOUNS for w in words[: head + 1])


def described_person(name: str | None, anonymous: bool) -> Entity | None:
    """Someone only described ("the retired neurosurgeon acknowledged …") who speaks: a person
    a later "he" or "she" may mean. Not a group, an organisation, an outlet or a document ("the
    agency said"), and not an unnamed source."""
    if name is None or anonymous or not name.islower():
        return None
    words = name.split()
    head = words[-1]
    if len(words) > 4 or head.endswith(("s", "ed", "ing")) or head in _NOT_HEADS:
        return None  # "those who", "video of the episode", "base chief known"
    if not all(w.isalpha() and w not in _NOT_HEADS for w in words):
        return None
    if head in ORG_NOUNS or head in MEDIA_NOUNS or head in DOC_NOUNS or head in GROUP_NOUNS:
        return None
    return Entity(name, Kind.PERSON)


_NOT_HEADS = (
    DETS | PRONOUNS | CLAUSE | NP_PREPS | OTHER_PREPS | frozenset(["one", "no", "not", "and"])
)
"""Words no description of a person is made of: "those who", "department no longer …"."""


def described_role(described: str | None, entity: Entity, role: str | None) -> str | None:
    """The role to report for ``entity`` when a sentence describes it (``described``, as "the
    Florida senator" of "Sen. Marco Rubio", "the company" of Acme Corp): the description, when
    it tells more than the name and title the article gave, or when there is no role at all and
    it is more than the name ("the Clinton campaign" of "Clinton campaign" is not); else
    ``role``, with any title the description writes out in full. An appositive role stays
    ("commander of the Quds Force")."""
    if described is None:
        return role
    if _describes_anew(described, entity) or (
        role is None and not _names_itself(described, entity)
    ):
        return described
    return None if role is None else _spelled_out(role, described.lower().split())


def _spelled_out(role: str, words: list[str]) -> str:
    """The role with each abbreviated title a description writes out in full ("Florida Sen."
    as "Florida senator" where the sentence says "the senator")."""
    out = []
    for token in role.split():
        full = ABBREVIATED_TITLES.get(token.lower().rstrip("."))
        out.append(full if full is not None and full in words else token)
    return " ".join(out)


def _describes_anew(described: str, entity: Entity) -> bool:
    """Whether a description tells more than a person's name and title ("the senator" of
    "Sen. Bernie Sanders" does not)."""
    if entity.role_rank >= 3 or entity.kind is not Kind.PERSON:
        return False
    words = described.lower().split()
    held = f"{entity.name} {entity.role or ''}".lower().replace(".", "").split()
    held += [ABBREVIATED_TITLES.get(w, w) for w in held]  # "Gen." is "general"
    return any(w not in held for w in words)


def _names_itself(described: str, entity: Entity) -> bool:
    """Whether every word of a description is in the entity's name."""
    held = {strip_possessive(w) for w in entity.name.lower().replace("\u2019", "'").split()}
    words = described.lower().replace("\u2019", "'").split()
    return all(strip_possessive(word) in held for word in words)


def _bare_order(entity: Entity) -> int:
    return entity.bare


_OF = frozenset(["of", "for", "in", "at", "to", "with", "from", "de"])


SUBJECT_PRONOUNS = frozenset({"he", "she", "they"})
"""Pronouns that stand as a subject, which no name after them in their sentence can mean."""
NEUTER_PRONOUNS = frozenset({"it", "they", "them"})
"""Pronouns for an organisation or a group rather than one person."""

GENDER_OF = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
"""The gender a pronoun tells."""


_WORD = regexes.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)*")
_LOWER_WORD = regexes.compile(r"[a-z][a-z]+(?:-[a-z]+)*")
"""What _WORD finds in lower case."""


INDEXED = 200_000
"""Characters of text above which PlainWords gathers every word at once (see PlainWords)."""


class PlainWords:
    """Words an article writes in lower case inside its sentences and never capitalises there
    ("cool", "presidential"): capitalised, they only open a sentence, and name no one.

    A sentence's first word does not count. In an article only a few words are ever asked about,
    so each is looked up in the sentences that hold it, the first time it is asked about. A text
    longer than ``INDEXED`` (a book, a year of a newsletter) is asked about so many words that
    each look through it would add up to the square of its length: its words are gathered once."""

    __slots__ = ("known", "later", "lowered", "sentences", "starts", "text")

    def __init__(self, sentences: Sequence[str]) -> None:
        self.sentences = sentences
        self.text = "\n".join(sentences)
        self.starts: list[int] = []
        at = 0
        for sentence in sentences:
            self.starts.append(at)
            at += len(sentence) + 1
        self.known: dict[str, bool] = {}
        self.lowered: dict[str, bool] = {}
        self.later: set[str] | None = None
        if len(self.text) > INDEXED:
            self.later = set()  # every word _WORD finds in a sentence after its first
            for sentence in sentences:
                self.later.update(_WORD.findall(sentence)[1:])

    def __contains__(self, word: str) -> bool:
        found = self.known.get(word)
        if found is None:
            found = self.known[word] = self._is_plain(word)
        return found

    def written_lower(self, word: str) -> bool:
        """Whether the article writes ``word`` in lower case somewhere inside a sentence, even
        if it capitalises it elsewhere ("day" beside "Election Day")."""
        found = self.lowered.get(word)
        if found is None:
            found = self.lowered[word] = _LOWER_WORD.fullmatch(word) is not None and self._later(
                word
            )
        return found

    def _is_plain(self, word: str) -> bool:
        if not self.written_lower(word):
            return False  # never in lower case, as most names asked about
        return not self._later(word[0].upper() + word[1:])

    def _later(self, word: str) -> bool:
        """Whether some sentence holds ``word`` as a word _WORD finds, after its first."""
        if self.later is not None:
            return word in self.later
        return any(word in _WORD.findall(self.sentences[n])[1:] for n in self._holding(word))

    def _holding(self, needle: str) -> Iterator[int]:
        """The sentences that may hold ``needle`` as a word _WORD finds, in order: not where a
        letter in lower case follows it, nor, for a word in lower case, where a letter comes
        right before it (a word would run on through it)."""
        text = self.text
        size = len(needle)
        lower = needle[0].islower()
        last = -1
        at = text.find(needle)
        while at >= 0:
            after = text[at + size : at + size + 1]
            before = text[at - 1 : at] if at else ""
            if not ("a" <= after <= "z") and not (lower and before.isascii() and before.isalpha()):
                number = bisect_right(self.starts, at) - 1
                if number != last:
                    yield number
                    last = number
            at = text.find(needle, at + 1)


class Store:
    """Every entity named so far, with lookups by name, surname and recency."""

    __slots__ = (
        "blocks",
        "by_given",
        "by_head",
        "by_name",
        "by_surname",
        "described",
        "docs",
        "document",
        "namesakes",
        "not_names",
        "plain",
        "recent",
        "seen",
    )

    def __init__(self, sentences: Sequence[str] = (), blocks: Sequence[int] | None = None) -> None:
        self.plain = PlainWords(sentences)
        self.blocks = blocks
        """Each sentence's paragraph index, when the layout is known."""
        self.not_names: set[str] = set()
        self.described: set[tuple[object, ...]] = set()
        self.by_head: dict[str, dict[Entity, None]] = {}
        self.seen: dict[str, Entity] = {}
        self.by_name: dict[str, Entity] = {}
        self.by_surname: dict[str, Entity] = {}
        self.namesakes: dict[str, list[Entity]] = {}
        self.by_given: dict[str, Entity | None] = {}
        self.docs: dict[str, Entity] = {}
        self.document: tuple[int, int, str] | None = None
        """The document that is a sentence's subject (sentence, position, words), for "it"."""
        self.recent: dict[Entity, None] = {}

    def touch(self, entity: Entity, sent: int, pos: int, subj: bool) -> None:
        if entity.sent != sent:
            entity.prev = (entity.sent, entity.pos, entity.subj)
            entity.sent, entity.pos, entity.subj = sent, pos, subj
        else:
            if pos < entity.pos:
                entity.pos = pos
            entity.subj = entity.subj or subj
        self.recent.pop(entity, None)
        self.recent[entity] = None

    def add_head(self, entity: Entity, head: str) -> None:
        """Let descriptions with ``head`` (and its synonyms) refer to ``entity``."""
        self.add_heads(entity, HEAD_CLUSTERS.get(head, (head,)))
        self.add_heads(entity, (head,))

    def add_heads(self, entity: Entity, heads: Iterable[str]) -> None:
        for head in heads:
            if head not in entity.heads:
                entity.heads.add(head)
                self.by_head.setdefault(head, {})[entity] = None

    def index(self, entity: Entity, tokens: Sequence[str]) -> None:
        self.by_name.setdefault(make_key(entity.name), entity)
        if entity.kind is Kind.PERSON and len(tokens) >= 2:
            for key in _make_surname_keys(tokens[-1]):
                if self.by_surname.get(key) is not entity:
                    self.by_surname[key] = entity
                    self.seen.clear()  # a surname may now mean someone else
                namesakes = self.namesakes.setdefault(key, [])
                if entity not in namesakes:
                    namesakes.append(entity)
            given = make_key(tokens[0])
            if self.by_given.get(given, entity) is not entity:
                self.by_given[given] = None  # two people share it: it names neither
            else:
                self.by_given[given] = entity

    def is_surname(self, token: str) -> bool:
        """Whether ``token`` is the surname of a person named before."""
        if not self.by_surname:
            return False
        if "-" not in token:
            return make_key(token) in self.by_surname  # its only key, as most words have
        return any(key in self.by_surname for key in _make_surname_keys(token))

    def lookup(self, tokens: Sequence[str], gender: str = "") -> Entity | None:
        """The entity a name refers to: full name, surname (of the right gender), given name."""
        single = len(tokens) == 1
        key = make_key(tokens[0] if single else " ".join(tokens))
        if single and self.by_surname:
            token = tokens[0]
            # The first surname key is the name's own key.
            keys = _make_surname_keys(token) if "-" in token else (key,)
            for key in keys:
                found = self.by_surname.get(key)
                told = (found.gender or found.given) if found is not None else ""
                if found is not None and gender and told not in ("", gender):
                    # "Mrs. Clinton" after Bill Clinton: the latest namesake of her gender.
                    found = next(
                        (
                            e
                            for e in reversed(self.namesakes[key])
                            if (e.gender or e.given) in ("", gender)
                        ),
                        None,
                    )
                if found is None:
                    continue
                namesakes = self.namesakes[key]
                if gender:
                    usual = None
                elif len(namesakes) == 1:
                    usual = namesakes[0]  # most surnames: one person
                else:
                    usual = max(namesakes, key=_bare_order)
                if usual is not None and usual.bare >= 0:
                    # "Trump said" after "Ivanka Trump": the namesake the article has been
                    # calling by the surname alone keeps it.
                    found = usual
                elif not found.spoke and len(self.namesakes[key]) > 1:
                    # "Clinton said" after a mention of Bill Clinton in a story where Hillary
                    # Clinton speaks: a bare surname goes on meaning the namesake who spoke.
                    found = next(
                        (
                            e
                            for e in reversed(self.namesakes[key])
                            if e.spoke and (not gender or (e.gender or e.given) in ("", gender))
                        ),
                        found,
                    )
                return found
            key = keys[0]
        found = self.by_name.get(key)
        if found is None and single:
            found = self.by_given.get(key)  # "Hillary" for Hillary Clinton
        return found

    def describe(self, head: str, mods: Sequence[str]) -> Entity | None:
        """The most recent entity a description ("the Iranian leader") fits."""
        wanted = [m for m in mods if m not in GENERIC_MODS and not m.isdigit()]
        best: Entity | None = None
        for entity in self.by_head.get(head, ()):
            if best is not None and self._order(entity) < self._order(best):
                continue
            if all(_mod_matches(m, entity.words) for m in wanted):
                best = entity
        if best is None and head in GENERIC_ORG_HEADS:
            # "Hamas said ... The group said": the latest organisation, or a name that spoke;
            # "the terrorist group" is not "SITE Intelligence Group", whose own name has the
            # head with other modifiers.
            for checked, entity in enumerate(reversed(self.recent)):
                if checked > 30:
                    break
                if wanted and head in entity.name.lower().split():
                    continue
                if entity.kind is Kind.ORG or (entity.spoke and entity.kind is Kind.UNKNOWN):
                    entity.kind = Kind.ORG  # "the company": no longer a "she" or a "he"
                    return entity
        return best

    @staticmethod
    def _order(entity: Entity) -> tuple[int, int]:
        return (entity.sent, -entity.pos)

    def pronoun(
        self, pronoun: str, sent: int, pos: int, clause_end: int = -1, *, after: bool = False
    ) -> Entity | None:
        """The antecedent of a pronoun: recent sentences first, subjects before objects.

        ``clause_end`` is where the clause of a subject pronoun ends: no name before it can
        be the pronoun's antecedent. ``after`` says the pronoun reports the words before it
        ("Trump is no conservative, he said"): a name in those words is what is talked about,
        so it counts where it was named before."""
        if pronoun not in SUBJECT_PRONOUNS:
            clause_end = -1
        person = pronoun in ("he", "she", "him")
        gender = GENDER_OF.get(pronoun, "")
        best: Entity | None = None
        unnamed = False
        best_key: tuple[int, bool, bool, bool, bool, bool, int] = (
            -1,
            False,
            False,
            False,
            False,
            False,
            0,
        )
        for entity in reversed(self.recent):
            if entity.sent < best_key[0]:
                break  # recency order: nothing further back can win
            if entity.kind is Kind.UNKNOWN:
                # A bare given name ("Melanie") is someone "she" may mean before she speaks.
                named = bool(gender) and entity.given == gender
                if not (entity.spoke or named) or (person and _not_a_person_name(entity.name)):
                    continue
            elif entity.kind is Kind.PLACE or person != (entity.kind is Kind.PERSON):
                continue
            if gender and (entity.gender or entity.given) not in ("", gender):
                continue  # "she" is not the man named last
            # Someone who spoke, has a title or role, or whose gender is known is a person for
            # sure; a bare two-word name ("West Point") may be a place.
            sure = entity.spoke or entity.role_rank > 0 or bool(entity.gender)
            talked_about = False
            if entity.sent == sent and entity.quoted == sent:
                # Named only inside this sentence's quotation: the quote mentions them, the
                # pronoun outside it is someone else ("“Sanders does it right,” he said").
                at, first, subj = entity.prev
                talked_about = person
            elif entity.sent == sent and (entity.listed or (after and entity.pos < pos)):
                # Listed with others, or named in the words a trailing "he said" reports: where
                # the entity was named before counts.
                at, first, subj = entity.prev
            elif entity.sent == sent and entity.pos < pos:
                at, first, subj = entity.sent, entity.pos, entity.subj
            elif entity.sent == sent and pos < entity.pos < clause_end:
                continue  # "she endorsed Mrs. Clinton": a name in its subject's clause is not it
            elif entity.sent == sent:
                at, first, subj = entity.prev
            elif entity.quoted == entity.sent and not entity.subj:
                # Named only inside an earlier sentence's quotation ("“President Obama and I
                # voted for it.”"): the quotation's speaker, not them, is who "she said" means.
                at, first, subj = entity.prev
            else:
                at, first, subj = entity.sent, entity.pos, entity.subj
            # The speaker of that sentence first, then its subject: "“…,” Cuban said. “…,” he
            # said when asked about Trump".
            if entity.kind is Kind.UNKNOWN and not entity.spoke and not subj:
                continue  # a bare given name only as the subject: "Melanie thought …"
            # Someone brought in with a role in that very sentence ("…, which concerns Henry
            # Crespo, president of the caucus.") is who the next "he said" most likely means.
            introduced = at == entity.sent and entity.prev[0] < 0 and entity.role_rank >= 3
            # Named in the quotation it reports, someone comes after anyone else named there:
            # "…Ms. Lee has done more than anyone,” she said" is not Ms. Lee.
            key = (at, not talked_about, entity.said == at, subj, introduced, sure, -first)
            if key[0] >= 0 and key > best_key:
                best, best_key = entity, key
                # "They" for one organisation the text has neither let speak nor made a
                # subject ("… told Reuters. They want …") is most often people left unnamed.
                aside = pronoun == "they" and entity.kind is not Kind.GROUP
                unnamed = aside and not (entity.spoke or subj)
        if unnamed or (best is not None and self._paragraphs_back(best, sent, pronoun) > 1):
            return None
        if after and (best is None or best.said < sent - 2):
            # No one who spoke just before: the name in the words may be the speaker after all
            # ("Ms. Trump smiled, she said").
            return self.pronoun(pronoun, sent, pos, clause_end)
        return best

    def _paragraphs_back(self, entity: Entity, sent: int, pronoun: str) -> int:
        """How many paragraphs back an "it" or "they" would reach for its antecedent: past the
        paragraph before, the organisation or group last named is rarely what it means."""
        blocks = self.blocks
        if blocks is None or pronoun not in NEUTER_PRONOUNS or not 0 <= entity.sent <= sent:
            return 0
        return blocks[sent] - blocks[entity.sent]
