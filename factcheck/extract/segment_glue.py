"""Stage ② segment, glue: boundaries inside scraped text that lost its spaces.

Scraped article text arrives glued together ("May 31, 2021Iranian", "roomOn May 20",
"Iran.”By Sharon"). The text is never edited: this finds the offsets where a new sentence or
phrase starts without a space, so later steps can cut there.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter

from factcheck import regexes
from factcheck.extract.segment_dates import DATELINE_RE, UPDATED_TIME_RE
from factcheck.extract.segment_furniture import BYLINE_RE, RELATED_PLAIN_RE
from factcheck.extract.segment_text import LETTER_SET, LETTERS, LOWER, UPPER, check_range
from factcheck.lexicon import entries, longest_first, words

# Abbreviations that stand before a name or a number and so never end a sentence.
NEVER_FINAL = words("never_final_abbreviations")
"""Abbreviations such as "Mr" and "Gen" that stand before a name and never end a sentence."""
# Abbreviations that may be glued to a following capital without being a sentence end.
_GLUE_KEEP_ABBREVIATIONS = NEVER_FINAL | words("glue_abbreviations")
# Camel-case name prefixes: McDonald, MacArthur, DeSantis, DiCaprio, LaGuardia, LeBron, VanDyke.
_NAME_PARTICLES = words("camel_name_prefixes")
# Camel-case brands whose humps are not boundaries (checked from the start of the word).
_BRAND_RE = regexes.compile("(?:" + "|".join(longest_first(entries("brands"))) + f")(?![{LOWER}])")
# Words that follow a number inside a product or unit name rather than starting a new phrase.
_AFTER_NUMBER_IN_NAMES = words("number_name_words")
_OPENERS = words("sentence_openers")
_TAG_RUN_PARTS = 3  # parts of four or more letters in a run of glued tags
_LETTER_RUN_RE = regexes.compile(r"[^\W\d_]+")
# The parts of a run of letters: a capitalised word, an acronym, or a lowercase head.
_HUMP_RE = regexes.compile(rf"[{UPPER}]+(?![{LOWER}])|[{UPPER}]?[{LOWER}]+|[^\W\d_]+")
_SENTENCE_MARKS = '.!?”"\n'
_ACRONYM_SUFFIXES = frozenset({"OS"})  # macOS, watchOS: a lowercase word glued to "OS" is a name

# Every glued boundary ends just before a capital (or an opening bracket or quote) that directly
# follows a lowercase letter, a digit, or closing punctuation. Scanning for that pair first keeps
# the regex engine in C for all but a few positions; each candidate is then judged in Python.
_GLUE_CANDIDATE_RE = regexes.compile(
    rf"[{UPPER}(\[“\"](?:(?<=[{LOWER}0-9.!?…”\")\]’'].)|(?<=[{UPPER}]{{3}})(?=[{LOWER}]{{2}}))"
)
_PUNCT_RUN_RE = regexes.compile(r"(?<![.!?…])[.!?…]+[”\"’')\]]*\Z")
_PUNCT_ENDS = frozenset(".!?…”\"’')]")
_OPENER_THEN_CAPITAL_RE = regexes.compile(rf"[(\[“\"]?[{UPPER}]")
# Backward searches start each attempt only where a run starts (the look-behind), so a search
# over a window costs one pass over it.
_LEFT_WORD_RE = regexes.compile(r"(?<![\w.’'&-])[\w.’'&-]*\Z")
_RIGHT_WORD_RE = regexes.compile(r"[“\"‘(\[]?(\w+)")
_NOT_SPACE_RUN_RE = regexes.compile(r"\S*")
_INITIALISM_RE = regexes.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}|[A-Za-z]")
_ACRONYM_RE = regexes.compile(rf"[{UPPER}]{{2,}}(?![{LETTERS}])")
_DIGITS_BEFORE_RE = regexes.compile(r"\d{1,4}\Z")
_CAPITALISED_WORD_RE = regexes.compile(rf"[{UPPER}][{LOWER}]")
# Glue is judged within this many characters of a candidate, so no input makes the scan quadratic.
_MAX_WORD = 64
_LETTERS_TAIL_RE = regexes.compile(rf"(?<![{LETTERS}])[{LETTERS}]+\Z")
_LETTERS_HEAD_RE = regexes.compile(rf"[{LETTERS}]*")
_CAPITALS_TAIL_RE = regexes.compile(rf"(?<![{UPPER}])[{UPPER}]+\Z")
# A bracketed footnote or reference mark just before an offset: a number or a range or list of
# them, or one to four lowercase words or letters (possibly with a number, a dash or a question
# mark); its shape, not its words, says what it is.
_REFERENCE_MARK_RE = regexes.compile(
    r"\[(?:(?P<number>\d{1,4}(?:\s?[-–,]\s?\d{1,4})*)"
    r"|[a-z]+(?:(?:\s|\s?[-–]\s?)[a-z0-9]+){0,3}\??)\]\Z"
)
_MAX_MARK = 40
# The end of a web address after a name: ".com", ".org", ".co.uk" and no letter after it.
_DOMAIN_END_RE = regexes.compile(r"(?:\.[a-z]{2,6}){1,2}(?![\w])")


def _stamp_starts(text: str, pos: int, hi: int) -> bool:
    """Whether a time stamp or a dateline starts at ``pos``: the two patterns are tried in turn,
    which costs no more than one pattern of both and spares compiling it at start-up."""
    return (
        UPDATED_TIME_RE.match(text, pos, hi) is not None
        or DATELINE_RE.match(text, pos, hi) is not None
    )


def find_glued_boundaries(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets in ``text[start:end]`` where a new sentence or phrase starts without a space.

    For example after "Israel." in "Israel.The editor", after "2021" in "May 31, 2021Iranian",
    before "Senior" in "The AlgemeinerSenior leaders"; but not inside McDonald, iPhone, YouTube,
    DeSantis, U.S.A., 3.5 or an URL.
    """
    start, end = check_range(text, start, end)
    return glued_boundaries(text, [(start, end)])


def glued_boundaries(text: str, blocks: list[tuple[int, int]]) -> list[int]:
    """Glued boundaries strictly inside each block, in order, from one scan over all of them."""
    cuts: list[int] = []
    if not blocks:
        return cuts
    remaining = iter(blocks[1:])
    lo, hi = blocks[0]
    quotes = _Quotes(text, lo, hi)
    seen = _Words(text)
    for m in _GLUE_CANDIDATE_RE.finditer(text, lo, blocks[-1][1]):
        pos = m.start()
        while pos >= hi:
            following = next(remaining, None)
            if following is None:
                return cuts
            lo, hi = following
            quotes = _Quotes(text, lo, hi)
        if pos <= lo:
            continue
        cut = _judge_glue(text, pos, lo, hi, quotes, seen)
        if cut is not None and lo < cut < hi and (not cuts or cut > cuts[-1]):
            cuts.append(cut)
    return cuts


class _Quotes:
    """Straight double quotes in one block, found on first use: how many come before an offset
    tells an opening quote from a closing one."""

    __slots__ = ("_hi", "_lo", "_positions", "_text")

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self._text, self._lo, self._hi = text, lo, hi
        self._positions: list[int] | None = None

    def before(self, pos: int) -> int:
        if self._positions is None:
            find = self._text.find
            positions, at = [], find('"', self._lo, self._hi)
            while at != -1:
                positions.append(at)
                at = find('"', at + 1, self._hi)
            self._positions = positions
        return bisect.bisect_left(self._positions, pos)


def _judge_glue(text: str, pos: int, lo: int, hi: int, quotes: _Quotes, seen: _Words) -> int | None:
    """The boundary at a candidate pair text[pos-1], text[pos], or None when it is not one."""
    left, right = text[pos - 1], text[pos]
    capital = right.isupper()
    run = _PUNCT_RUN_RE.search(text, max(lo, pos - 8), pos) if left in _PUNCT_ENDS else None
    if run:
        if not _OPENER_THEN_CAPITAL_RE.match(text, pos, hi):
            return None
        return _punct_glue(text, run.start(), pos, lo, hi, quotes)
    if left == "]":
        return pos if _reference_mark_ends(text, pos, lo) else None
    if left in "”)":
        return pos
    if left == '"':
        # Only a closing quote ends something; an opening one glued to a word is a lost space.
        return pos if capital and quotes.before(pos - 1) % 2 == 1 else None
    if not capital:
        return None
    hi = min(hi, pos + _MAX_WORD)
    if left.isdigit():
        digits = _DIGITS_BEFORE_RE.search(text, max(lo, pos - 4), pos)
        if digits and _CAPITALISED_WORD_RE.match(text, pos, hi):
            return _digit_glue(text, digits.start(), pos, lo, hi)
        return None
    if left in "’'":
        return None  # O’Brien, Qa’Ani, O'Neill
    block_lo, lo = lo, max(lo, pos - _MAX_WORD)
    if left.isupper():
        cut = _acronym_word_glue(text, pos, lo, hi)
    elif pos + 1 < hi and text[pos + 1].islower():
        cut = _camel_glue(text, pos, lo, hi)
    elif right in "AI" and (pos + 1 == hi or text[pos + 1].isspace()):
        cut = _camel_glue(text, pos, lo, hi)  # "power gridA firefighter"
    elif _ACRONYM_RE.match(text, pos, hi):
        cut = _acronym_glue(text, pos, lo, hi)
    else:
        return None
    if cut is None or not _glue_is_evident(text, cut, block_lo, hi, seen):
        return None
    return cut


def _reference_mark_ends(text: str, pos: int, lo: int) -> bool:
    """Whether the bracket closing at ``pos`` ends a footnote or reference mark, after which the
    text goes on: a number ("[1]", "[2–4]") anywhere, or a few lowercase words or letters ("[a]",
    "[citation needed]", "[edit]") set against the word before them as a superscript is. Other
    bracketed runs stay whole: markup ("[bold red]WARNING", "[b]Note"), a link written in
    markdown ("[its words](https://…)", "[text][ref]"), a bracketed aside."""
    if pos < len(text) and text[pos] in "([":
        return False
    mark = _REFERENCE_MARK_RE.search(text, max(lo, pos - _MAX_MARK), pos)
    if mark is None:
        return False
    if mark.group("number"):
        return True
    # Set against a word or a sentence's end; after another bracket it is a markdown reference.
    opening = mark.start()
    return opening > lo and not text[opening - 1].isspace() and text[opening - 1] != "]"


class _Words:
    """How often each run of letters occurs in the text.

    Most texts ask about no word or a few: each is counted where it is written (a search in C),
    and only a text that asks about many words, or about one written very often, has all its
    runs counted at once, so the work stays linear in the text.
    """

    __slots__ = ("_asked", "_counts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: Counter[str] | None = None
        self._asked: dict[str, int] = {}

    def count(self, word: str) -> int:
        if self._counts is not None:
            return self._counts[word]
        found = self._asked.get(word)
        if found is None:
            written = self._written(word) if len(self._asked) < _WORDS_ASKED_MAX else None
            if written is None:
                self._counts = Counter(_LETTER_RUN_RE.findall(self._text))
                return self._counts[word]
            found = self._asked[word] = written
        return found

    def _written(self, word: str) -> int | None:
        """Runs of letters that are WORD: its occurrences with no letter on either side; None
        when it is written more than ``_WORD_SEEN_MAX`` times."""
        if not _LETTER_RUN_RE.fullmatch(word):
            return 0
        text, find, size, total = self._text, self._text.find, len(word), 0
        at = find(word)
        for _ in range(_WORD_SEEN_MAX):
            if at < 0:
                return total
            end = at + size
            if (at == 0 or not _LETTER_RE.match(text, at - 1)) and not _LETTER_RE.match(text, end):
                total += 1
            at = find(word, at + 1)
        return total if at < 0 else None


_WORDS_ASKED_MAX = 16
_WORD_SEEN_MAX = 64
_LETTER_RE = regexes.compile(r"[^\W\d_]")


def _glue_is_evident(text: str, cut: int, lo: int, hi: int, seen: _Words) -> bool:
    """Whether a capital inside a run of letters starts something new, not the next part of a
    name such as JavaScript, BrightPath or HomeKit. The evidence: a function word starts there
    ("roomOn May 20", "gridA firefighter"); a byline ends there ("By Jane Roe, The TimesSenior
    leaders"); or the run is met only once and two of its parts stand alone elsewhere in the text
    ("NoemSouth Dakota"); or it is a run of three or more glued tags, or a lowercase word glued
    to one capitalised word ("chiefAl-Akhbar’s").
    A time stamp after the capital ("overnightUpdated: 12:03 PM") counts as a function word."""
    end = cut
    while end < hi and text[end] in LETTER_SET:
        end += 1
    if text[cut:end].lower() in _OPENERS or _stamp_starts(text, cut, hi):
        return True
    start, word_lo = cut, max(lo, cut - _MAX_WORD)
    while start > word_lo and text[start - 1] in LETTER_SET:
        start -= 1
    window = max(lo, cut - 160)
    sentence = max(text.rfind(mark, window, start) for mark in _SENTENCE_MARKS)
    lead = text[max(lo, sentence + 1) : cut].strip()
    by = max(text.rfind("By ", window, start), text.rfind("BY ", window, start))
    if by >= 0 and (by == lo or not text[by - 1].isalpha()) and BYLINE_RE.fullmatch(text, by, cut):
        return True  # a byline glued to the text: "By Jane Roe, The TimesSenior leaders"
    if lead.startswith(("Read ", "READ ")) and RELATED_PLAIN_RE.match(lead):
        return True  # a link to another story glued to the text: "Read …fightingGoing forward"
    # Bounded by hi, so a pathological run of letters costs no more than a word's length.
    run = _LETTER_RUN_RE.match(text, start, hi)
    word = run.group() if run else text[start:end]
    if seen.count(word) > 1:
        return False  # a name the text repeats
    parts = _HUMP_RE.findall(word)
    if (
        len(parts) >= _TAG_RUN_PARTS
        and all(len(part) >= 4 for part in parts)
        and (parts[0].islower() or len(parts) > _TAG_RUN_PARTS)
    ):
        # A run of glued tags: "areasLebanonHezbollahIsrael", "LebanonHezbollahIsraelGaza"; three
        # capitalised words alone may be one name ("TechNewsWorld").
        return True
    if len(parts) == 2 and parts[0].islower() and len(parts[0]) >= 4:
        return True  # a word glued to the next phrase's first: "chiefAl-Akhbar’s"
    return any(seen.count(a) and seen.count(b) for a, b in itertools.pairwise(parts))


def _punct_glue(text: str, ps: int, pe: int, lo: int, hi: int, quotes: _Quotes) -> int | None:
    if ps == lo or text[ps - 1].isspace():
        return None
    if text.startswith('"', pe) and quotes.before(pe) % 2 == 1:
        return None  # the quote closes this sentence; the boundary comes after it
    window = max(lo, ps - 200)
    token_start = max(text.rfind(" ", window, ps), text.rfind("\n", window, ps)) + 1 or window
    before = text[token_start:ps]
    word = _LEFT_WORD_RE.search(before)
    left = word.group().lstrip("'’-") if word else ""
    if left in _GLUE_KEEP_ABBREVIATIONS or _INITIALISM_RE.fullmatch(left):
        return None  # Mr.Smith, U.S.The, J.R.R.Tolkien, W.Bush: not a sentence end
    after = _NOT_SPACE_RUN_RE.match(text, pe, min(hi, pe + 200))
    token = before + text[ps:pe] + (after.group() if after else "")
    if "://" in token or "www." in token or "@" in token:
        return None
    right = _RIGHT_WORD_RE.match(text, pe, min(hi, pe + _MAX_WORD))
    if right and len(right.group(1)) == 1 and text.startswith(".", right.end()):
        return None  # Ph.D., an initialism, not a sentence end
    if right and left.isupper() and right.group(1).isupper() and len(right.group(1)) > 1:
        return None  # ASP.NET, not two sentences
    if text[pe - 1] == '"' and quotes.before(pe - 1) % 2 == 0:
        return pe - 1  # the straight quote opens the next sentence
    if text[pe - 1] == "'" and not _single_quote_opened(text, window, ps):
        return pe - 1  # "He left.'Go home,' she said": the quote opens the next sentence
    return pe


def _single_quote_opened(text: str, lo: int, end: int) -> bool:
    """Whether a straight single quote opens after a space in text[lo:end] since its last
    sentence end, so that one after the sentence's end closes it ("the 'best year yet.'Then")
    rather than opening the next (an apostrophe inside a word opens nothing)."""
    start = max(text.rfind(mark, lo, end) for mark in (". ", "! ", "? ", "\n"))
    opened = text.find(" '", max(lo, start), end)
    return opened >= 0 or text.startswith("'", max(lo, start + 1))


def _digit_glue(text: str, ds: int, de: int, lo: int, hi: int) -> int | None:
    if ds > lo and (text[ds - 1].isalnum() or text[ds - 1] in ".,:/-_#@"):
        return None  # F-35A, B52, v2Beta: the number belongs to a name
    word = _RIGHT_WORD_RE.match(text, de, hi)
    if word and word.group(1) in _AFTER_NUMBER_IN_NAMES:
        return None  # iPhone 15Pro, 10Gbps
    return de


def _camel_glue(text: str, cut: int, lo: int, hi: int) -> int | None:
    """roomOn, AlgemeinerSenior, HamasHezbollah; but McCain, iPhone, YouTube, DeSantis."""
    head = _LETTERS_TAIL_RE.search(text, lo, cut)
    word_start = head.start() if head else cut
    before = text[word_start - 1] if word_start > lo else " "
    if before in "#@_/\\" or (before == "." and text[word_start].islower()):
        return None  # hashtags, handles, paths, code (document.querySelector)
    tail = _LETTERS_HEAD_RE.match(text, cut, hi)
    word_end = tail.end() if tail else cut
    if word_end < hi and text[word_end] in "(_":
        return None  # looks like code: getElementById(
    if word_end < hi and text[word_end] == "." and _DOMAIN_END_RE.match(text, word_end, hi):
        return None  # a web address: ExampleNews.com, www.DearReader.org
    hump_start = word_start
    for i in range(cut - 1, word_start - 1, -1):
        if text[i].isupper():
            hump_start = i
            break
    for brand_start in {word_start, hump_start}:
        brand = _BRAND_RE.match(text, brand_start, hi)
        if brand and brand.end() > cut:
            return None
    hump = text[hump_start:cut]
    if hump_start == word_start and (hump in _NAME_PARTICLES or len(hump) == 1):
        return None  # McCain, MacArthur, DeSantis; iPhone, eBay
    return cut


def _acronym_word_glue(text: str, cut: int, lo: int, hi: int) -> int | None:
    """CNNKyiv, IDFReport: an acronym glued to a capitalised word."""
    caps = _CAPITALS_TAIL_RE.search(text, lo, cut)
    run_start = caps.start() if caps else cut - 1
    if run_start > lo and (text[run_start - 1] in LETTER_SET or text[run_start - 1] in "#@_"):
        return None  # McDONALDSmith, iOSDevice: not an acronym standing alone
    brand = _BRAND_RE.match(text, run_start, hi)
    if brand and brand.end() > cut:
        return None
    return cut


def _acronym_glue(text: str, cut: int, lo: int, hi: int) -> int | None:
    """roomIDF: a lowercase word glued to an acronym; but not iOS, macOS or McDONALD."""
    head = _LETTERS_TAIL_RE.search(text, lo, cut)
    word_start = head.start() if head else cut
    if cut - word_start < 3 or not text[word_start:cut].islower():
        return None
    if word_start > lo and text[word_start - 1] in "#@_./\\":
        return None
    acronym = _ACRONYM_RE.match(text, cut, hi)
    if acronym and acronym.group() in _ACRONYM_SUFFIXES:
        return None
    return cut
