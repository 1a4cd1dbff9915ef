"""Stage ③ claims, attribution: one sentence as a record (tokens, quotations, where names
stand) and the tokenizer that builds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from factcheck import regexes
from factcheck.extract.attribution.entities import Entity, Store
from factcheck.extract.attribution.quotes import PLACEHOLDER, double_apostrophes
from factcheck.extract.attribution.words import (
    ABBREVIATIONS,
    CAP_STOP,
    COMMON_INITIAL,
    DEMONYMS,
    HEDGE_WORDS,
    MONTHS,
    TITLE_PREFIX,
    TITLES,
)
from factcheck.lexicon import words
from factcheck.models import Attribution

_NORMAL_PAIRS = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u02bc", "'"),
    ("\u201b", "'"),
    ("\u00b4", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u201e", '"'),
    ("\u201f", '"'),
    ("\u00ab", '"'),
    ("\u00bb", '"'),
)
SPACED = tuple(",;:()[]{}!?\u2014\u2013\u2026")
"""The marks that are tokens of their own, wherever they stand."""


def spaced_in(text: str) -> tuple[str, ...]:
    """The marks of ``SPACED`` that ``text`` holds: an article's sentences and quotations need
    be searched for those only."""
    return tuple(mark for mark in SPACED if mark in text)


def _normalise(text: str) -> str:
    """Straight apostrophes and double quotes, same length, so offsets stay put."""
    for old, new in _NORMAL_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


@dataclass(slots=True)
class Speaker:
    """Who a noun phrase names, once resolved."""

    name: str | None
    """The name to report: an entity's full name, or the phrase itself ("Israeli officials")."""
    role: str | None = None
    """The role the text gave the speaker, if any."""
    entity: Entity | None = None
    """The entity behind the name, when there is one to remember."""
    anonymous: bool = False
    """Whether the source is unnamed on purpose ("a source familiar with ...")."""
    described: str | None = None
    """The description this sentence names a known speaker by ("the Florida senator")."""


@dataclass(slots=True)
class Frame:
    """One reporting construction: a speaker and the verb that reports them."""

    verb: str
    """The reporting verb as written, lowercase ("said", "according to")."""
    vpos: int
    """Token index of the verb."""
    speaker: Speaker
    """Who reports."""
    spos: int
    """Token index where the speaker's phrase starts."""
    trailing: bool = False
    """A parenthetical after what it reports ("…, X said."), so it wraps what comes before."""
    channels: list[Speaker] = field(default_factory=list)
    """Outlets the speaker spoke through ("in an interview with Z")."""
    secondary: bool = False
    """A speech act or participle, used only when no reporting verb is found."""
    cites: bool = False
    """Reports the source of the frame before it ("quoted Y as saying", "citing Y")."""
    quoted_object: bool = False
    """The verb's object is a direct quotation."""


@dataclass(slots=True)
class Quote:
    """One quotation in a sentence, replaced by a placeholder token while parsing."""

    text: str
    """The quoted words, marks excluded."""
    words: int
    """How many words it has (scare quotes have one or two)."""
    continued: bool
    """It opened in an earlier sentence."""
    titled: int = -1
    """How many words of it a title capitalises (see ``title_words``); -1 until asked."""

    def title_words(self) -> int:
        """``count_title_words`` of the text, counted once: several tests ask for it."""
        if self.titled < 0:
            self.titled = count_title_words(self.text)
        return self.titled


@dataclass(slots=True)
class Outcome:
    """What one sentence yields before the cross-sentence passes."""

    attribution: Attribution
    """The sentence's own attribution."""
    leads_with_quote: bool
    """The sentence opens with a quotation of three words or more."""
    labelled: bool = False
    """The sentence opens with a transcript's speaker label in capitals ("TAPPER: …")."""
    signed: bool = False
    """The sentence is a signature after a quotation ("— Jane Roe, Ohio."): no words of its own."""
    introduces: Attribution | None = None
    """Who speaks in a quotation that may follow this sentence, which ends on a colon."""
    tags: bool = False
    """The sentence opens with its speaker and a reporting verb that takes no words of its own
    ("Dawson shouted, waving a sign."): it may name the speaker of a quotation just before."""


def is_cap(token: str) -> bool:
    first = token[0]
    if first.isupper():
        if "-" in token:
            # "Hezbollah-operated", "Strip-ruling": a modifier, not part of a name.
            tail = token.rsplit("-", 1)[1]
            return not tail[:1].islower()
        return True
    # al-Nakhleh, el-Sisi
    return first in "ae" and len(token) > 3 and token[2] == "-" and token[3].isupper()


CAN_NAME, AT_START, OPENER, MONTH, POSSESSIVE, DEMONYM = 1, 2, 4, 8, 16, 32
"""Bits of a token's code: how a capitalised token may take part in a name."""
RARE = AT_START | MONTH


_DATELINE = regexes.compile(
    r"\s*(?:"
    r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}"  # the place, in capitals
    r"(?:,(?: [A-Z][A-Za-z.]*){1,3})?"  # its state or country: ", N.C.", ", Calif."
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"  # the date: ", Jan. 1"
    r"(?: \([^()]{1,40}\))?"  # the agency: "(Reuters)"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?:, [A-Z][a-z.]+)? \([A-Z][A-Za-z ]{1,20}\)"
    r")"  # or a place in title case with its agency: "Washington (AFP)"
    r"\s*(?:--?|\u2014|\u2013)\s"
)
"""A dateline opening a sentence: the filing place, state, date and agency, then a dash."""
HEADLINE_SMALL = words("headline_small_words")
_HEADLINE_WORDS = 4


def _is_headline(toks: Sequence[str], quoted: bool = False) -> bool:
    """Whether a sentence is set in title case ("Trump Warns Clinton Policy On Syria").

    With its quotations masked, a sentence such as "“…,” said Jane Roe, the Miller Chair of …"
    keeps one lowercase word: then none may be lowercase."""
    capitals = lower = 0
    most = 0 if quoted else 1
    for token in toks:
        first = token[0]
        if not first.isalpha():
            continue
        if first.islower():
            if token in HEADLINE_SMALL:
                continue
            lower += 1
            if lower > most:
                return False  # most sentences stop here, at their second lowercase word
        elif token.lower() not in HEADLINE_SMALL:
            capitals += 1
    return capitals + lower >= _HEADLINE_WORDS and capitals * 10 >= (capitals + lower) * 9


def _is_prose(quote: Quote) -> bool:
    """A quotation of four words or more not set in title case: a sentence, not a title."""
    return quote.words >= 4 and quote.title_words() == 0


def gives_words(quote: Quote) -> bool:
    """Whether a quotation of four words or more gives someone's words. One in title case names
    a work, a slogan or an event ("“The Nightly Show with Larry Wilmore”", "“Make America Great
    Again”"); one in capitals ("“THIS IS NOT OK.”") is words quoted as they were written."""
    return quote.words >= 4 and (quote.title_words() == 0 or quote.text == quote.text.upper())


def count_title_words(text: str) -> int:
    """How many words of ``text`` a title capitalises (not "of", "the", …), or 0 as soon as one
    of them is in lower case: a quotation of such words names a work."""
    count = 0
    for word in text.split():
        if not word[:1].isalpha() or word.lower() in HEADLINE_SMALL:
            continue
        if not word[0].isupper():
            return 0  # most quotations stop here, at their first ordinary word
        count += 1
    return count


CODES: dict[str, int] = {}
"""Each token's code, kept across sentences and articles (a code depends on the token alone, and
most capitalised words recur: "The", "Trump", "Monday"); ``code_token`` fills it."""


def code_token(token: str) -> int:
    """The token's code (see ``CAN_NAME``), remembered in ``CODES``."""
    if len(CODES) > 100_000:
        CODES.clear()  # a bound on what a long run over many texts keeps
    code = CODES[token] = _code(token)
    return code


def _code(token: str) -> int:
    lw = token.lower()
    if lw in CAP_STOP and not (len(token) > 1 and token.isupper()):
        return 0
    apostrophe = "'" in lw
    if apostrophe:
        if lw.endswith("n't"):
            return 0  # "Don't", "Can't"
        base, _, tail = lw.partition("'")
        if tail in ("s", "ve", "d", "ll", "re", "m") and base in CAP_STOP:
            return 0  # "He's", "They've", "It's": a pronoun and its auxiliary
    if (not token[0].isupper() or "-" in token) and not is_cap(token):
        return 0
    code = CAN_NAME
    if lw in COMMON_INITIAL or lw.endswith(("ly", "ing")):
        code |= AT_START
        if lw in TITLES or lw in TITLE_PREFIX or lw in DEMONYMS:
            code |= OPENER
        elif lw.endswith("ly") and lw not in COMMON_INITIAL and lw not in HEDGE_WORDS:
            code |= OPENER  # "Carly Fiorina", "Kelly Ayotte": a given name, not an adverb
    if lw in MONTHS:
        code |= MONTH
    if apostrophe and (token[-1] == "'" or lw.endswith("'s")):
        code |= POSSESSIVE
    if lw in DEMONYMS:
        code |= DEMONYM
    return code


def is_word(token: str) -> bool:
    return token[0].isalnum()


def positions(low: list[str], words: Iterable[str]) -> list[int]:
    """Where each of ``words`` stands in ``low``, in order. A sentence holds few of the words
    asked about: finding where each stands is quicker than testing every word."""
    found: list[int] = []
    for word in words:
        at = -1
        for _ in range(low.count(word)):
            at = low.index(word, at + 1)
            found.append(at)
    found.sort()
    return found


class Sentence:
    """One sentence while it is read: tokens, quotations, and where each name stands."""

    __slots__ = (
        "apostrophe",
        "clause_ends",
        "headline",
        "index",
        "low",
        "marks",
        "masked",
        "mention_end",
        "mention_of",
        "mention_start",
        "n",
        "qpos",
        "quotes",
        "store",
        "toks",
    )

    def __init__(
        self,
        store: Store,
        index: int,
        original: str,
        spans: list[tuple[int, int]],
        marks: Sequence[str] = SPACED,
    ) -> None:
        """``marks`` are those of ``SPACED`` the article holds (``spaced_in``), if known."""
        self.store = store
        self.index = index
        self.marks = marks
        if original.isascii():
            self.apostrophe = False
            normal = original
        else:
            self.apostrophe = "\u2019" in original and "'" not in original
            normal = _normalise(original)
        normal = double_apostrophes(normal)
        # A dateline ends on a dash: most sentences have none, and skip the pattern.
        dated = "-" in normal or "\u2014" in normal or "\u2013" in normal
        dateline = _DATELINE.match(normal) if dated else None
        if dateline is not None and (not spans or spans[0][0] >= dateline.end()):
            # "WASHINGTON (AFP) -", "SELMA, N.C. —": where the story was filed, not a speaker.
            normal = " " * dateline.end() + normal[dateline.end() :]
        self.quotes: list[Quote] = []
        if spans:
            pieces: list[str] = []
            cursor = 0
            for number, (start, end) in enumerate(spans):
                inner = normal[start:end]
                pieces.append(normal[cursor:start])
                pieces.append(f" {chr(PLACEHOLDER + number)} ")
                cursor = end
                self.quotes.append(Quote(inner, len(inner.split()), start == 0))
            pieces.append(normal[cursor:])
            masked = "".join(pieces).replace('"', " ")
        else:
            masked = normal
        self.masked = masked
        self.toks: list[str] = tokenize(masked, marks)
        self.low: list[str] = list(map(str.lower, self.toks))
        self.n = len(self.toks)
        self.mention_of: list[Entity | None] = [None] * self.n
        self.mention_start: dict[int, int] = {}
        self.mention_end: dict[int, int] = {}
        self.qpos: dict[int, int] = {}
        self.clause_ends: list[int] | None = None  # built by phrases.clause_end when needed
        if len(self.quotes) <= 8:
            for number in range(len(self.quotes)):
                self.qpos[self.toks.index(chr(PLACEHOLDER + number))] = number
        else:  # one pass rather than a search per quotation
            first = chr(PLACEHOLDER)
            for k, token in enumerate(self.toks):
                if len(token) == 1 and token >= first and ord(token) - PLACEHOLDER < len(spans):
                    self.qpos[k] = ord(token) - PLACEHOLDER
        self.headline = _is_headline(self.toks, bool(self.quotes)) and not self._sets_off_prose()

    def _sets_off_prose(self) -> bool:
        """Whether words with one in lower case, then a comma, set off a quoted sentence, as a
        report does ("According to Ann Lee of Acme, “the plan has failed.”"): no title-case
        headline reads so, though its other words are all capitalised."""
        return any(
            k > 1
            and self.toks[k - 1] == ","
            and _is_prose(self.quotes[number])
            and any(token.islower() for token in self.toks[1 : k - 1])
            for k, number in self.qpos.items()
        )

    # -- text helpers ------------------------------------------------------------------------

    def join_tokens(self, toks: Sequence[str], start: int, end: int) -> str:
        out = " ".join(toks[start:end]).replace(" - ", "-").replace(" , ", ", ")
        return out.replace("'", "\u2019") if self.apostrophe else out

    def is_placeholder(self, i: int) -> bool:
        return i in self.qpos


def tokenize(text: str, marks: Sequence[str] = SPACED) -> list[str]:
    """Split normalised text into words and punctuation (fast: one translate and one split).

    ``marks`` are the marks of ``SPACED`` the text may hold: the others are not looked for."""
    for mark in marks:
        if mark in text:
            text = text.replace(mark, f" {mark} ")
    if '"' in text:
        text = text.replace('"', " ")
    toks = text.split()
    if not toks:
        return toks
    if "." in text[:-1].rstrip(" .\"'"):
        out: list[str] = []
        append = out.append
        for token in toks:
            if token[-1] == "." and len(token) > 1:
                core = token[:-1]
                if (
                    "." in core
                    or core.lower() in ABBREVIATIONS
                    or (len(core) == 1 and core.isupper())
                ):
                    append(token)  # as in _split_period
                else:
                    append(core)
                    append(".")
            else:
                append(token)
        return out
    last = toks[-1]
    if len(last) > 1 and last[-1] == ".":
        toks.pop()
        _split_period(last, toks)
    return toks


def _split_period(token: str, out: list[str]) -> None:
    core = token[:-1]
    if "." in core or core.lower() in ABBREVIATIONS or (len(core) == 1 and core.isupper()):
        out.append(token)  # U.S., Mr., the W. in George W. Bush
    else:
        out.append(core)
        out.append(".")
