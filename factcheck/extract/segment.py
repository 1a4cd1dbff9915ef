"""Stage ② segment: blocks, de-glued sentences and page furniture, with offsets into the text.

Scraped article text arrives glued together ("May 31, 2021Iranian", "roomOn May 20",
"Iran.”By Sharon"). This stage never edits the text: it finds the boundaries hidden inside glued
runs, so every segment is an exact slice of ``Document.text`` and the whitespace between segments is
all that is left out. Sentence boundaries come from sentencex (fast, rule-based) with corrections
for the cases it gets wrong; then page furniture (headline, dateline, byline, caption, credit,
related-story links, tag lists) is told apart from body sentences with general rules, and the
headline, byline, outlet and date become the document's metadata when it does not have them yet.
"""

# ruff: noqa: RUF001  (typographic quotes and dashes are what this module looks for)
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace
from datetime import date

import sentencex

from factcheck.errors import SegmentError
from factcheck.models import Document, Segment, SegmentKind

__all__ = [
    "find_glued_boundaries",
    "parse_date",
    "segment_document",
    "split_blocks",
    "split_sentences",
]


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_LOWER = "a-zß-öø-ÿ"
_UPPER = "A-ZÀ-ÖØ-Þ"
_LETTERS = _LOWER + _UPPER
_LETTER_SET = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    + "".join(chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7))
)

# ---------------------------------------------------------------------------------------------
# Word lists. Kept short and general: they name patterns of English news text, not one article.

# Abbreviations that stand before a name or a number and so never end a sentence.
_NEVER_FINAL = _word_set(
    """Mr Mrs Ms Messrs Dr Prof Gen Sen Rep Gov Lt Col Capt Cpt Sgt Maj Adm Cmdr Cdr Brig Cpl Pvt
    Rev Fr Supt Insp Det Pres Amb Hon Atty Approx approx ca Nos vs Vs"""
)
# Abbreviations that may be glued to a following capital without being a sentence end.
_GLUE_KEEP_ABBREVIATIONS = _NEVER_FINAL | _word_set("St Mt Ft Art No Jr Sr Inc Corp Co Ltd Bros")
# Camel-case name prefixes: McDonald, MacArthur, DeSantis, DiCaprio, LaGuardia, LeBron, VanDyke.
_NAME_PARTICLES = _word_set("Mc Mac De Di Da Du Del Della La Le Van Von Fitz")
# Camel-case brands whose humps are not boundaries (checked from the start of the word).
_BRANDS = """YouTube PlayStation LinkedIn WhatsApp PayPal FedEx PowerPoint JavaScript TypeScript
    WordPress GitHub GitLab TikTok WeChat BlackRock JetBlue SoftBank MasterCard HarperCollins
    PricewaterhouseCoopers AstraZeneca GlaxoSmithKline ExxonMobil ConocoPhillips BlackBerry
    CrowdStrike SolarWinds WikiLeaks BuzzFeed HuffPost SoundCloud DoorDash GoPro GoFundMe FaceTime
    AirPods AirBnB StubHub SeaWorld WarnerMedia MetLife NatWest HelloFresh WeWork InterContinental
    ArcelorMittal GlobalFoundries NewsGuard PolitiFact FactCheck TripAdvisor SurveyMonkey OnlyFans
    CrossFit SmackDown WrestleMania StarCraft WarCraft MasterChef DreamWorks PepsiCo AbbVie CureVac
    MoveOn InfoWars KitKat CoinDesk BitTorrent GameStop AutoZone HomeGoods MarketWatch BusinessWeek
    TechCrunch ProPublica FiveThirtyEight RealClearPolitics OneDrive OneNote SharePoint PowerShell
    YouGov LexisNexis ZipRecruiter ShopRite UnitedHealth ThyssenKrupp BlaBlaCar AirAsia EgyptAir
    IndiGo SkyTeam NordicTrack CrowdTangle OpenTable LastPass ProtonMail DuckDuckGo StackOverflow
    RedHat TheBlaze DeepMind iPhone iPad iPod iTunes iCloud iHeartMedia easyJet eBay PowerBall
    SportsCenter ChemChina PetroChina CapitaLand KuCoin LiveJournal VKontakte MySpace FireWire WiFi
    HarperOne PhD PhDs NBCUniversal JPMorgan CNNMoney HBOMax OKCupid PBSNewsHour"""
_BRAND_RE = re.compile(
    "(?:" + "|".join(sorted(_BRANDS.split(), key=len, reverse=True)) + f")(?![{_LOWER}])"
)
# Words that follow a number inside a product or unit name rather than starting a new phrase.
_AFTER_NUMBER_IN_NAMES = _word_set(
    """Pro Max Plus Ultra Mini Air Lite Series Edition Gen Gbps Mbps Kbps Gbit Mbit Ghz Mhz Khz
    Com Eleven Runner Pac Password Blue Brown Hz Wh Ah"""
)
_ACRONYM_SUFFIXES = frozenset({"OS"})  # macOS, watchOS: a lowercase word glued to "OS" is a name
_TIMEZONES = (
    "ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|AKST|AKDT|HST|GMT|UTC|BST|CET|CEST|EET|EEST|"
    "WET|WEST|MSK|IST|PKT|JST|KST|HKT|SGT|AEST|AEDT|ACST|AWST|NZST|NZDT|IDT|GST"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
"""English month names and their common abbreviations, lower-case, to the month's number."""
# Words that, just before a trailing date, show the date belongs to the sentence ("... on May 31,
# 2021") rather than standing on its own after a headline.
_DATE_GOVERNORS = _word_set(
    """on in since until till by from of before after at to through between and or the as than
    dated during for until around about circa"""
)
_BYLINE_STOPWORDS = _word_set(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct
    Nov Dec Then Now Contrast Comparison Law Far Way Default Design Night Day Noon Midnight Land Air
    Sea Road Train Car Plane Ship Phone Email Mail Order Decree Force Hand Accident Chance Nature
    Definition Virtue Means Mistake Early Late Last Next This That These Those Its Their His Her
    Our My Your One Two Three All Both Each Some Many Most Such"""
)
_OUTLET_WORDS = re.compile(
    r"\b(?:News|Times|Post|Press|Journal|Herald|Agency|Network|Media|Daily|Tribune|Guardian|"
    r"Telegraph|Gazette|Chronicle|Observer|Independent|Wire|Radio|TV|Television|Magazine|Review|"
    r"Monitor|Report|Reuters|Bloomberg|AFP|AP|BBC|CNN|NPR|Sun|Mail|Express|Mirror|Star|Standard|"
    r"Globe|Insider|Register|Examiner|Inquirer|Bulletin|Courier|Dispatch|Sentinel|Record)\b"
)
_ROLE_WORDS = re.compile(
    r"\b(?:Correspondent|Reporter|Editor|Writer|Staff|Contributor|Columnist|Analyst|Bureau|Chief|"
    r"Producer|Desk|Senior|Political|Diplomatic|Defence|Defense|Military|Foreign|Business|"
    r"Economics|Science|Health)\b",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------------------------
# Blocks.

_LINE_RE = re.compile(r"\S(?:[^\n]*\S)?")  # a line without its surrounding whitespace
_BULLET_RE = re.compile(r"\s*(?:[-*•·▪◦‣–—]|\d{1,3}[.)]|[a-zA-Z][.)]|\(\w{1,3}\))\s")
_CONTINUATION_WORDS = _word_set(
    "the a an of to in and or for with by on at from that which who as than but"
)
_LINE_END_CHARS = frozenset('.!?:…"”’)')


def split_blocks(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into blocks (paragraphs), as (start, end) offsets into ``text``.

    A line is a block, except that lines of a paragraph wrapped at a fixed width, or a line that
    plainly continues into the next one, are joined. Block offsets exclude surrounding whitespace.
    """
    start, end = _check_range(text, start, end)
    lines = [m.span() for m in _LINE_RE.finditer(text, start, end)]
    if len(lines) < 2:
        return lines
    width = _wrap_width(text, lines)
    blocks: list[tuple[int, int]] = []
    cur_start, cur_end = lines[0]
    for (ps, pe), (ns, ne) in itertools.pairwise(lines):
        if text.count("\n", pe, ns) == 1 and _is_soft_break(text, ps, pe, ns, ne, width):
            cur_end = ne
            continue
        blocks.append((cur_start, cur_end))
        cur_start, cur_end = ns, ne
    blocks.append((cur_start, cur_end))
    return blocks


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int:
    """The width the text is hard-wrapped at (e-mail, plain-text wires), or 0 when it is not.

    Wrapped text has most lines near one width, and most of them break mid-sentence.
    """
    if len(lines) < 4:
        return 0
    lengths = [e - s for s, e in lines]
    width = max(lengths)
    if not 40 <= width <= 120:
        return 0
    near = sum(1 for n in lengths if n >= 0.75 * width)
    open_ended = sum(1 for _, e in lines if text[e - 1] not in _LINE_END_CHARS)
    return width if near >= 0.6 * len(lines) and open_ended >= 0.5 * len(lines) else 0


def _is_soft_break(text: str, ps: int, pe: int, ns: int, ne: int, width: int) -> bool:
    """Whether the line break between two lines is inside one paragraph."""
    if width:
        soft = pe - ps >= 0.6 * width and text[pe - 1] != ":"
    elif text[ns].islower():
        soft = text[pe - 1] not in _LINE_END_CHARS
    else:
        soft = text[max(ps, pe - 12) : pe].rsplit(None, 1)[-1].lower() in _CONTINUATION_WORDS
    return soft and not _BULLET_RE.match(text[ns : min(ne, ns + 8)] + " ")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _check_range(text: str, start: int, end: int | None) -> tuple[int, int]:
    if not isinstance(text, str):
        raise SegmentError(f"expected text as a string, got {type(text).__name__}")
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        raise SegmentError(f"range {start}:{end} is outside the text (length {len(text)})")
    return start, end


# ---------------------------------------------------------------------------------------------
# Glue: boundaries inside text that lost its spaces.

# Every glued boundary ends just before a capital (or an opening bracket or quote) that directly
# follows a lowercase letter, a digit, or closing punctuation. Scanning for that pair first keeps
# the regex engine in C for all but a few positions; each candidate is then judged in Python.
_GLUE_CANDIDATE_RE = re.compile(
    rf"[{_UPPER}(\[“\"](?:(?<=[{_LOWER}0-9.!?…”\")\]’].)|(?<=[{_UPPER}]{{3}})(?=[{_LOWER}]{{2}}))"
)
_PUNCT_RUN_RE = re.compile(r"(?<![.!?…])[.!?…]+[”\"’)\]]*\Z")
_PUNCT_ENDS = frozenset('.!?…”"’)]')
_OPENER_THEN_CAPITAL_RE = re.compile(rf"[(\[“\"]?[{_UPPER}]")
# Backward searches start each attempt only where a run starts (the look-behind), so a search
# over a window costs one pass over it.
_LEFT_WORD_RE = re.compile(r"(?<![\w.’'&-])[\w.’'&-]*\Z")
_RIGHT_WORD_RE = re.compile(r"[“\"‘(\[]?(\w+)")
_NOT_SPACE_RUN_RE = re.compile(r"\S*")
_INITIALISM_RE = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}|[A-Za-z]")
_ACRONYM_RE = re.compile(rf"[{_UPPER}]{{2,}}(?![{_LETTERS}])")
_DIGITS_BEFORE_RE = re.compile(r"\d{1,4}\Z")
_CAPITALISED_WORD_RE = re.compile(rf"[{_UPPER}][{_LOWER}]")
# Glue is judged within this many characters of a candidate, so no input makes the scan quadratic.
_MAX_WORD = 64
_LETTERS_TAIL_RE = re.compile(rf"(?<![{_LETTERS}])[{_LETTERS}]+\Z")
_LETTERS_HEAD_RE = re.compile(rf"[{_LETTERS}]*")
_CAPITALS_TAIL_RE = re.compile(rf"(?<![{_UPPER}])[{_UPPER}]+\Z")


def find_glued_boundaries(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets in ``text[start:end]`` where a new sentence or phrase starts without a space.

    For example after "Israel." in "Israel.The editor", after "2021" in "May 31, 2021Iranian",
    before "Senior" in "The AlgemeinerSenior leaders"; but not inside McDonald, iPhone, YouTube,
    DeSantis, U.S.A., 3.5 or an URL.
    """
    start, end = _check_range(text, start, end)
    return _glued(text, [(start, end)])


def _glued(text: str, blocks: list[tuple[int, int]]) -> list[int]:
    """Glued boundaries strictly inside each block, in order, from one scan over all of them."""
    cuts: list[int] = []
    if not blocks:
        return cuts
    remaining = iter(blocks[1:])
    lo, hi = blocks[0]
    quotes = _Quotes(text, lo, hi)
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
        cut = _judge_glue(text, pos, lo, hi, quotes)
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


def _judge_glue(text: str, pos: int, lo: int, hi: int, quotes: _Quotes) -> int | None:
    """The boundary at a candidate pair text[pos-1], text[pos], or None when it is not one."""
    left, right = text[pos - 1], text[pos]
    capital = right.isupper()
    run = _PUNCT_RUN_RE.search(text, max(lo, pos - 8), pos) if left in _PUNCT_ENDS else None
    if run:
        if not _OPENER_THEN_CAPITAL_RE.match(text, pos, hi):
            return None
        return _punct_glue(text, run.start(), pos, lo, hi, quotes)
    if left in "”)]":
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
    if left == "’":
        return None  # O’Brien, Qa’Ani
    lo = max(lo, pos - _MAX_WORD)
    if left.isupper():
        return _acronym_word_glue(text, pos, lo, hi)
    if pos + 1 < hi and text[pos + 1].islower():
        return _camel_glue(text, pos, lo, hi)
    if right in "AI" and (pos + 1 == hi or text[pos + 1].isspace()):
        return _camel_glue(text, pos, lo, hi)  # "power gridA firefighter"
    if _ACRONYM_RE.match(text, pos, hi):
        return _acronym_glue(text, pos, lo, hi)
    return None


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
    return pe


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
    if run_start > lo and (text[run_start - 1] in _LETTER_SET or text[run_start - 1] in "#@_"):
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


# ---------------------------------------------------------------------------------------------
# Sentences.

# Boundaries sentencex misses. One leading character class lets the engine skip ahead in C.
_EXTRA_SPLIT_RE = re.compile(
    rf"""[.!?…](?:
        [”"’]?[)\]](?=\s+[“"‘(]?[{_UPPER}])             # (A whole sentence in brackets.) Next
      | (?<=…)[”"’]?(?=\s+[“"‘]?[{_UPPER}])             # trailing off… Next
      | (?<=\.)[a-z]{{2,6}}\.(?=\s+[“"‘(]?[{_UPPER}])   # example.org. Next (checked below)
    )""",
    re.VERBOSE,
)
_DOMAIN_TAIL_RE = re.compile(r"(?<![\w.@/-])[\w-]{2,}(?:\.[\w-]+)*\.[a-z]{2,6}\.\Z")
_LIST_MARKER_RE = re.compile(r"(?:\d{1,3}|[A-Za-z])[.)]\Z")
_TZ_START_RE = re.compile(rf"(?:{_TIMEZONES})\b")
_ALNUM_RE = re.compile(r"\w")
_MERIDIEM = frozenset({"a.m.", "p.m.", "A.M.", "P.M."})
_CLOSERS = frozenset('”"’)]')
_UNICODE_SPACES = (
    "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_UNICODE_SPACE_RE = re.compile(f"[{_UNICODE_SPACES}]")
_FALLBACK_END_RE = re.compile(r"[.!?…]+[\"”’')\]]*\s+")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]`` as (start, end) offsets into ``text``.

    Blocks (lines, paragraphs) always end a sentence, and so do glued boundaries; sentencex finds
    the others, corrected where it is known to go wrong. Spans never include surrounding
    whitespace, and only whitespace lies between them.
    """
    start, end = _check_range(text, start, end)
    return [(s, e) for s, e, _ in _sentences(text, split_blocks(text, start, end))]


def _sentences(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, block index) of every sentence in the blocks, in order.

    The blocks are segmented in one sentencex call: per-block calls cost more than the splitting.
    """
    if not blocks:
        return []
    base = blocks[0][0]
    flat = text[base : blocks[-1][1]]
    if "\n" in flat:
        flat = flat.replace("\n", " ")  # blocks are cut below; a newline inside one is a space
    hard = {cut - base for cut in _glued(text, blocks)}
    for block_start, block_end in blocks:
        hard.add(block_start - base)
        hard.add(block_end - base)
    cuts = _sentencex_cuts(flat)
    cuts.update(m.end() for m in _EXTRA_SPLIT_RE.finditer(flat) if _keep_extra_split(flat, m))
    cuts |= hard
    cuts.add(0)
    cuts.add(len(flat))
    spans: list[list[int]] = []
    block, block_end = 0, blocks[0][1] - base
    join_next = False
    for raw_a, raw_b in itertools.pairwise(sorted(cuts)):
        piece = flat[raw_a:raw_b]
        stripped = piece.strip()
        if not stripped:
            continue
        a = raw_a + len(piece) - len(piece.lstrip())
        b = a + len(stripped)
        same_block = a < block_end
        while a >= block_end:
            block += 1
            block_end = blocks[block][1] - base
        if (
            spans
            and same_block
            and (
                (stripped[0] in _CLOSERS and _is_stray_punctuation(stripped))
                or (raw_a not in hard and (join_next or _joins_previous(flat, spans[-1][1], a)))
            )
        ):
            spans[-1][1] = b
        else:
            spans.append([a, b, block])
        # Only a short piece or one ending in a period can run on into the next.
        join_next = (len(stripped) <= 4 or stripped[-1] == ".") and _joins_next(stripped)
    return [(base + a, base + b, i) for a, b, i in spans]


def _sentencex_cuts(flat: str) -> set[int]:
    # sentencex panics on a non-ASCII space between a capital and a period ("A\u00a0."); a plain
    # space of the same length keeps every offset. Looking for each space first is quicker than
    # the substitution when, as usual, there is none.
    if not flat.isascii() and any(space in flat for space in _UNICODE_SPACES):
        flat = _UNICODE_SPACE_RE.sub(" ", flat)
    try:
        ends = list(itertools.accumulate(map(len, sentencex.segment("en", flat))))
    except BaseException as exc:  # a Rust panic surfaces as a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        ends = [m.end() for m in _FALLBACK_END_RE.finditer(flat)]
    if ends and ends[-1] != len(flat):  # never seen; keep offsets honest whatever it returns
        ends = [int(b["end_index"]) for b in sentencex.get_sentence_boundaries("en", flat)]
    # A cut with no space on either side is glue, and glue was decided before: ASP.NET, a?b=C.
    size = len(flat)
    return {c for c in ends if 0 < c < size and (flat[c - 1].isspace() or flat[c].isspace())}


def _keep_extra_split(chunk: str, m: re.Match[str]) -> bool:
    if not m.group().startswith(".") or m.group()[1:2] in ')]”"’':
        return True
    return _DOMAIN_TAIL_RE.search(chunk, max(0, m.end() - 80), m.end()) is not None


def _is_stray_punctuation(piece: str) -> bool:
    """A piece that is only a closing quote or bracket belongs to the sentence before it."""
    return piece[0] in _CLOSERS and _ALNUM_RE.search(piece) is None


def _joins_next(piece: str) -> bool:
    """Whether a piece cannot end a sentence: a list marker, a bullet, or a title like "Dr."."""
    if len(piece) <= 4 and (_LIST_MARKER_RE.fullmatch(piece) or not _ALNUM_RE.search(piece)):
        return piece[0] not in _CLOSERS
    if piece[-1] != ".":
        return False
    last = piece[-12:-1].rsplit(None, 1)[-1].lstrip('([“"‘')
    return last in _NEVER_FINAL


def _joins_previous(flat: str, prev_end: int, a: int) -> bool:
    """Whether the piece starting at ``a`` continues the previous one (a time zone after a.m.)."""
    return flat[prev_end - 4 : prev_end] in _MERIDIEM and _TZ_START_RE.match(flat, a) is not None


# ---------------------------------------------------------------------------------------------
# Dates.

_ZONE = rf"\s*(?:{_TIMEZONES})\b(?:\s*[+-]\d{{1,2}}(?::?\d{{2}})?)?"
_TIME = rf"\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:[ap]\.m\.|[AaPp][Mm]\b)(?:{_ZONE})?"
_TIME_24 = rf"\d{{1,2}}[:.]\d{{2}}(?:{_ZONE})?"
_AGO = r"\d{1,3}\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago"
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+"
_DATE_CORE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}/\d{1,2}/\d{4})"
)
_DATE = rf"(?:{_WEEKDAY})?{_DATE_CORE}"
_STAMP_PREFIX = (
    r"(?:Last\s+[Uu]pdated|LAST\s+UPDATED|Updated|UPDATED|Published|PUBLISHED|Posted|POSTED|"
    r"First\s+published|Modified|Date)(?:\s+[Oo]n)?\s*:?\s*"
)
_SEP = r"\s*(?:[,|/·•–—-]|at)?\s*"
_STAMP = rf"(?:{_DATE}(?:{_SEP}(?:{_TIME}|{_TIME_24}))?|(?:{_TIME}|{_TIME_24}){_SEP}{_DATE})"
_DATELINE_RE = re.compile(
    rf"(?:{_STAMP_PREFIX})?{_STAMP}(?:{_SEP}(?:{_STAMP_PREFIX})?(?:{_STAMP}|{_TIME}|{_AGO}))*\.?"
)
_UPDATED_TIME_RE = re.compile(
    rf"(?:{_STAMP_PREFIX}(?:{_WEEKDAY})?|(?:Today|Yesterday|TODAY|YESTERDAY),?\s*(?:at\s+)?)"
    rf"(?:{_TIME}|{_TIME_24}|{_AGO})"
    rf"(?:{_SEP}(?:{_STAMP_PREFIX})?(?:{_STAMP}|{_TIME}|{_AGO}))*"
)
_TRAILING_DATE_RE = re.compile(rf"(?<=[\w’'”)])\s+((?:{_STAMP_PREFIX})?{_STAMP})\Z")
_LEADING_DATE_RE = re.compile(rf"(?:{_STAMP_PREFIX})?{_STAMP}(?=\s+[“\"‘]?[{_UPPER}])")
_FIND_DATE_RE = re.compile(
    rf"(?P<mdy>(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}}))"
    rf"|(?P<dmy>(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}}))"
    r"|(?P<iso>(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))"
    r"|(?P<num>(?P<a4>\d{1,2})/(?P<b4>\d{1,2})/(?P<y4>\d{4}))"
)


def parse_date(text: str) -> str | None:
    """The first calendar date written in ``text`` as ISO YYYY-MM-DD, or None.

    Understands "May 31, 2021", "31 May 2021", "2021-05-31" and numeric dates whose day is
    unambiguous ("31/05/2021", "05/31/2021"); "05/06/2021" is left alone.
    """
    for m in _FIND_DATE_RE.finditer(text):
        if m.group("mdy"):
            year, month, day = m.group("y1"), _month_number(m.group("m1")), m.group("d1")
        elif m.group("dmy"):
            year, month, day = m.group("y2"), _month_number(m.group("m2")), m.group("d2")
        elif m.group("iso"):
            year, month, day = m.group("y3"), int(m.group("m3")), m.group("d3")
        else:
            first, second = int(m.group("a4")), int(m.group("b4"))
            if first > 12 >= second:
                year, month, day = m.group("y4"), second, str(first)
            elif second > 12 >= first:
                year, month, day = m.group("y4"), first, str(second)
            else:
                continue
        try:
            return date(int(year), month, int(day)).isoformat()
        except ValueError:
            continue
    return None


def _month_number(name: str) -> int:
    return MONTH_NUMBERS[name.rstrip(".").lower()]


# ---------------------------------------------------------------------------------------------
# Furniture patterns. Each is matched against a whole segment.

_ROLE = (
    r"(?:[Cc]orrespondent|[Rr]eporter|[Ee]ditor|[Ww]riter|[Cc]olumnist|[Cc]ontributor|[Ss]taff)s?\b"
)
_NAME_WORD = r"(?:[A-Z][\w’'.-]*|(?:de|da|van|von|der|den|bin|ibn|al|el|le|la|du|di|ben)\b[-\s]?)"
_NAME = rf"[A-Z][\w’'.-]*(?:\s+{_NAME_WORD}){{0,4}}"
_BYLINE_RE = re.compile(
    rf"(?P<lead>(?:[Ww]ritten\s+|[Ww]ords\s+|[Ss]tory\s+|[Rr]eported\s+)?(?:By|BY|by)\s+)"
    rf"(?P<rest>{_NAME}(?:\s*(?:,|and|&|\||/|–|—|-|\bfor)\s*(?:[Tt]he\s+)?[A-Z][\w’'.&-]*"
    rf"(?:\s+(?:{_NAME_WORD}|of|for|and|in|&))*){{0,5}}"
    rf"(?:,\s*(?:[\w’'-]+\s+){{0,4}}{_ROLE}(?:\s+[\w’'-]+){{0,4}})?)"
    rf"(?:{_SEP}{_DATE}(?:{_SEP}(?:{_TIME}|{_TIME_24}))?)?"
)
_REPORTING_RE = re.compile(
    r"\(?(?:(?:Additional\s+)?[Rr]eporting|Writing|Compiled|Edited)\s+by\s+(?P<names>[A-Z][^;()]*?)"
    r"(?:\s*;\s*(?:(?:Additional\s+)?[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled)\s+by\s+"
    r"[^;()]*?)*\)?\.?"
)
_CONTRIBUTED_RE = re.compile(
    r"\bcontributed(?: reporting)? to this (?:report|story|article)(?: from [^.]+)?\.?\Z"
)
_CREDIT_PAREN_RE = re.compile(
    r"\(\s*(?:(?:Photo|Photograph|Image|Picture|Video|Credit|Photo credit|Source|Illustration)"
    r"s?\s*(?::|by|courtesy of)\s*[^()]{1,80}"
    r"|[A-Z][\w’'.&/-]*(?:\s+(?:[A-Z][\w’'.&/-]*|via|of|the|and|&|/|-)){0,5})\s*\)"
)
_CREDIT_LABEL_RE = re.compile(
    r"(?:Photo|Photograph|Image|Picture|Video|Credit|Photo credit|Source|Illustration|Graphic|"
    r"Main image|Top image|File photo|Cover photo)s?\s*(?::|by|courtesy of|–|—|\|)\s*\S[^.!?]{0,80}"
)
_CREDIT_AGENCY_RE = re.compile(
    r"(?:(?:[A-Z][\w’'.-]*|via)\s+){0,4}"
    r"(?:Getty Images|Shutterstock|iStock(?:photo)?|Alamy|AFP|AP Photo|AP|Reuters|REUTERS|"
    r"EPA(?:-EFE)?|Anadolu(?: Agency)?|Xinhua|Wikimedia Commons|Flickr|Handout|"
    r"HANDOUT|Courtesy(?: of [\w’' -]+)?|File photo|FILE PHOTO|Screenshot|Screengrab|Pool)"
    r"(?:\s+(?:via|/)\s+[\w’' ]{1,30})?"
)
_CREDIT_SLASH_RE = re.compile(
    r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}\s*/\s*[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|via)){0,4}"
)
_INLINE_CREDIT_RE = re.compile(
    r"[(\[]\s*(?:(?:Photo|Photograph|Image|Picture|Video|Credit|Photo credit|Illustration)s?"
    r"\s*(?::|by)\s*[^()\[\]]{1,80}"
    r"|[A-Z][^()\[\]/]{0,60}/\s*[A-Z][^()\[\]]{0,60}"
    r"|(?:[A-Z][\w’'.-]*\s+){0,4}(?:via\s+)?(?:Getty Images|AFP|AP|Reuters|REUTERS|EPA|Xinhua|"
    r"Anadolu Agency|Shutterstock|Handout|File photo)(?:\s+via\s+[\w ]{1,30})?)\s*[)\]]"
)
_CAPTION_LABEL_RE = re.compile(
    r"(?:Photo|Image|Picture|Pictured|Above|Top|Main image|File photo|FILE PHOTO|Caption)"
    r"\s*(?::|–|—|\|)\s*\S"
)
_RELATED_LABEL_RE = re.compile(
    r"(?:READ MORE|Read more|Read More|READ ALSO|Read also|Also read|ALSO READ|Also Read|"
    r"RELATED|Related(?: [Aa]rticles?| [Ss]tories| [Cc]overage| [Cc]ontent| [Rr]eading)?|"
    r"SEE ALSO|See also|See Also|MORE|More on this(?: story)?|Recommended|RECOMMENDED|"
    r"Don['’]t miss|DON['’]T MISS|WATCH|Watch|LISTEN|Listen|Further reading)\s*[:|–—»›>-]\s*\S"
)
_RELATED_PLAIN_RE = re.compile(r"(?:Read|READ|See also|Also read|Read also)\s+[“\"‘]?[A-Z0-9]")
_RELATED_ALONE_RE = re.compile(
    r"(?:Read more|Read More|READ MORE|Related|RELATED|More stories|Related stories|See also)"
    r"\s*[:»›>]?"
)
_TAGS_LABEL_RE = re.compile(r"(?:Tags|TAGS|Topics|TOPICS|Filed under|Categories|Keywords)\s*:")
_HINT_RE = re.compile(
    r"[(\[]|By\b|BY\b|by\b|Written|Words|Story|Reported|Reporting|Additional|Read|READ|Related|"
    r"RELATED|See|SEE|Also|ALSO|More|MORE|Recommended|RECOMMENDED|Don|DON|Watch|WATCH|Listen|"
    r"LISTEN|Further|Tags|TAGS|Topics|TOPICS|Filed|Categories|Keywords|Photo|Image|Picture|Video|"
    r"Credit|Source|Illustration|Graphic|Main|Top|File|FILE|Cover|Pictured|Above|Caption|"
    r"Updated|Published|Posted|First|Last|Modified|Date|\d|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|"
    r"Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)
# "CAIRO/JERUSALEM, June 3 (Reuters) - ...": a wire story names its agency in the first sentence.
_WIRE_DATELINE_RE = re.compile(
    rf"[{_UPPER}][{_UPPER} .’'/-]{{1,40}}(?:,\s+{_MONTH}\s+\d{{1,2}})?\s+"
    r"\((?P<outlet>[A-Z][\w.&]*(?: [A-Z][\w.&]*){0,3})\)\s*[-–—]"
)
_QUESTION_END_RE = re.compile(r"\?[!?]*[\"”’')\]]*\Z")
_TITLE_NORMALISE_RE = re.compile(r"[\W_]+")
_TITLE_MAX_WORDS = 30
_HEADING_MAX_WORDS = 12
_TAG_MAX_WORDS = 6


@dataclass(slots=True)
class _Unit:
    """A segment under construction."""

    start: int
    end: int
    block: int
    text: str
    kind: SegmentKind | None = None
    terminal: bool = False
    counted: int = -1
    """The word count once asked for, -1 before: most units never need it."""

    @property
    def words(self) -> int:
        """Words in the text; 99 for a text too long to be furniture."""
        if self.counted < 0:
            self.counted = len(self.text.split()) if len(self.text) < 300 else 99
        return self.counted


def segment_document(doc: Document) -> tuple[Document, tuple[Segment, ...]]:
    """Split ``doc.text`` into segments with kinds, and fill metadata the document lacks.

    Returns the document with ``title``, ``byline``, ``outlet`` and ``published`` set from the
    text's own headline, byline and dateline where they were None, and every non-whitespace piece
    of the text as a Segment, in order. Body sentences are STATEMENT or QUESTION.
    """
    text = doc.text
    units = _units(text)
    block_sizes: dict[int, int] = {}
    for unit in units:
        block_sizes[unit.block] = block_sizes.get(unit.block, 0) + 1
    _classify_patterns(units)
    title = _classify_title(units, doc.title)
    _classify_headings(units, block_sizes)
    _classify_tags(units)
    _classify_captions(units)
    segments = tuple(
        Segment(
            start=u.start, end=u.end, kind=u.kind or _body_kind(u.text), text=u.text, block=u.block
        )
        for u in units
    )
    return _fill_metadata(doc, units, title), segments


def _body_kind(piece: str) -> SegmentKind:
    if "?" in piece and _QUESTION_END_RE.search(piece):
        return SegmentKind.QUESTION
    return SegmentKind.STATEMENT


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    append = units.append
    for start, end, block in _sentences(text, split_blocks(text)):
        piece = text[start:end]
        if piece[0] in _DATE_START_CHARS or piece[-1].isdigit() or piece[-1] in ")]":
            parts = _split_furniture(text, start, end)
            if len(parts) > 1:
                units.extend(_unit(text, s, e, block) for s, e in parts)
                continue
        append(_Unit(start, end, block, piece, None, _ends_sentence(piece)))
    return units


def _unit(text: str, start: int, end: int, block: int) -> _Unit:
    piece = text[start:end]
    return _Unit(start, end, block, piece, None, _ends_sentence(piece))


def _ends_sentence(piece: str) -> bool:
    return piece.rstrip("\"”’')]")[-1:] in _TERMINAL_CHARS


_TERMINAL_CHARS = frozenset(".!?…")
# First letters of a dateline: digits, months, weekdays, "Updated", "Published", "Last", "Date"...
_DATE_START_CHARS = frozenset("0123456789JFMASONDTWUPL")


def _split_furniture(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split furniture printed on the same line as other text: a dateline after a headline
    ("... military room May 31, 2021") or before a sentence ("May 31, 2021 Iranian missiles"),
    and a photo credit after its caption ("... central Gaza [Abdel Kareem Hana/AP]")."""
    lead = _LEADING_DATE_RE.match(text, start, end)
    if lead and lead.end() < end and not _DATELINE_RE.fullmatch(text, start, end):
        rest = _strip(text, lead.end(), end)
        return [(start, lead.end()), *_split_furniture(text, *rest)]
    if text[end - 1] in ")]":
        opening = text.rfind("(" if text[end - 1] == ")" else "[", start, end)
        if opening > start and _INLINE_CREDIT_RE.fullmatch(text, opening, end):
            caption_end = _strip(text, start, opening)[1]
            if len(text[start:caption_end].split()) >= 3:
                return [(start, caption_end), (opening, end)]
    if _ends_sentence(text[max(start, end - 4) : end]) or not text[end - 1].isdigit():
        return [(start, end)]
    trail = _TRAILING_DATE_RE.search(text, max(start, end - 80), end)
    if trail and trail.start() > start and not _DATELINE_RE.fullmatch(text, start, end):
        before = text[start : trail.start()].split()
        if len(before) >= 2 and before[-1].lower() not in _DATE_GOVERNORS:
            return [(start, trail.start()), (trail.start(1), end)]
    return [(start, end)]


def _classify_patterns(units: list[_Unit]) -> None:
    """Furniture recognisable from a segment alone: datelines, bylines, credits, links, tags."""
    for i, unit in enumerate(units):
        piece = unit.text
        if len(piece) > 300 or (
            unit.terminal and not _HINT_RE.match(piece) and "contributed" not in piece
        ):
            continue
        glued_after = i + 1 < len(units) and units[i + 1].start == unit.end
        unit.kind = _pattern_kind(piece, unit.terminal, unit.words, glued_after)


def _pattern_kind(piece: str, terminal: bool, words: int, glued_after: bool) -> SegmentKind | None:
    if words <= 12 and (_DATELINE_RE.fullmatch(piece) or _UPDATED_TIME_RE.fullmatch(piece)):
        return SegmentKind.DATELINE
    if words <= 16 and _is_byline(piece):
        return SegmentKind.BYLINE
    if _REPORTING_RE.fullmatch(piece) or (words <= 20 and _CONTRIBUTED_RE.search(piece)):
        return SegmentKind.BYLINE
    if words <= 14 and _is_credit(piece):
        return SegmentKind.CREDIT
    if _RELATED_LABEL_RE.match(piece) or _RELATED_ALONE_RE.fullmatch(piece):
        return SegmentKind.RELATED
    if (
        words <= 25
        and _RELATED_PLAIN_RE.match(piece)
        and (not terminal or (glued_after and not piece.endswith(".")))
    ):
        return SegmentKind.RELATED
    if _TAGS_LABEL_RE.match(piece):
        return SegmentKind.TAGS
    return None


def _is_byline(piece: str) -> bool:
    m = _BYLINE_RE.fullmatch(piece)
    if not m:
        return False
    first = m.group("rest").split(None, 1)[0].strip(",")
    return first not in _BYLINE_STOPWORDS


def _is_credit(piece: str) -> bool:
    if piece.startswith(("(", "[")):
        return bool(_CREDIT_PAREN_RE.fullmatch(piece) or _INLINE_CREDIT_RE.fullmatch(piece))
    if piece.endswith(".") and not piece.endswith(("Jr.", "Inc.", "Co.")):
        return False
    return bool(
        _CREDIT_LABEL_RE.fullmatch(piece)
        or _CREDIT_AGENCY_RE.fullmatch(piece)
        or _CREDIT_SLASH_RE.fullmatch(piece)
    )


def _normalise_title(piece: str) -> str:
    return _TITLE_NORMALISE_RE.sub(" ", piece).strip().casefold()


def _classify_title(units: list[_Unit], known_title: str | None) -> _Unit | None:
    """The headline: the first short line without final punctuation before the body starts,
    and every later repetition of it (or of the title the document already has)."""
    headline: _Unit | None = None
    for i, unit in enumerate(units):
        if unit.kind is not None:
            continue
        if _looks_like_headline(units, i):
            headline = unit
            unit.kind = SegmentKind.TITLE
        break
    wanted = {_normalise_title(u.text) for u in (headline,) if u is not None}
    if known_title:
        known = _normalise_title(known_title)
        wanted.add(known)
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            if sep in known_title:
                wanted.add(_normalise_title(known_title.rsplit(sep, 1)[0]))
    wanted.discard("")
    if not wanted:
        return headline
    # Normalising only drops punctuation and spaces, so a repeat is never much shorter or longer.
    shortest = min(len(w) for w in wanted)
    longest = 2 * max(len(w) for w in wanted) + 8
    first_words = {w.split(None, 1)[0] for w in wanted}
    for unit in units:
        if unit.kind is None and shortest <= len(unit.text) <= longest:
            first = unit.text.split(None, 1)[0]
            if _normalise_title(first) in first_words and _normalise_title(unit.text) in wanted:
                unit.kind = SegmentKind.TITLE
    return headline


def _looks_like_headline(units: list[_Unit], i: int) -> bool:
    unit = units[i]
    if not 1 <= unit.words <= _TITLE_MAX_WORDS or i + 1 >= len(units):
        return False
    if not (unit.text[0].isupper() or unit.text[0].isdigit() or unit.text[0] in "“\"‘'"):
        return False
    if unit.text.endswith((":", ";", ",")):
        return False
    if not unit.terminal:
        return True
    # A question or exclamation counts as the headline only when the page repeats it later.
    if unit.text.endswith(".") or unit.text.endswith("…"):
        return False
    normal = _normalise_title(unit.text)
    return any(_normalise_title(u.text) == normal for u in units[i + 1 :])


def _classify_headings(units: list[_Unit], block_sizes: dict[int, int]) -> None:
    """Subheadings: a short line of its own, without final punctuation, before a paragraph."""
    for i, unit in enumerate(units):
        if unit.kind is not None or unit.terminal or block_sizes[unit.block] != 1:
            continue
        if not 1 <= unit.words <= _HEADING_MAX_WORDS or i == 0 or i + 1 >= len(units):
            continue
        if not (unit.text[0].isupper() or unit.text[0].isdigit()) or _BULLET_RE.match(unit.text):
            continue
        if unit.text.endswith((":", ";", ",", "-", "–", "—")):
            continue
        prev, nxt = units[i - 1], units[i + 1]
        prev_is_line = block_sizes[prev.block] == 1 and not prev.terminal and prev.kind is None
        if nxt.kind is None and nxt.terminal and not prev_is_line:
            unit.kind = SegmentKind.TITLE


def _classify_tags(units: list[_Unit]) -> None:
    """A run of short capitalised phrases glued together, without final punctuation."""
    i = 0
    while i < len(units):
        j = i
        while j < len(units) and _could_be_tag(units[j]):
            if j > i and units[j - 1].end != units[j].start:
                break
            j += 1
        run = j - i
        if run >= 2:
            at_end = j == len(units) or units[j].block != units[j - 1].block
            before = units[i - 1] if i else None
            at_start = (
                before is None
                or before.block != units[i].block
                or before.terminal
                or before.kind is not None
            )
            if at_start and (run >= 3 or at_end):
                for unit in units[i:j]:
                    unit.kind = SegmentKind.TAGS
            i = j
        else:
            i += 1


def _could_be_tag(unit: _Unit) -> bool:
    return (
        unit.kind is None
        and not unit.terminal
        and 1 <= unit.words <= _TAG_MAX_WORDS
        and (unit.text[0].isupper() or unit.text[0] == "#")
        and not unit.text.endswith((":", ","))
    )


def _classify_captions(units: list[_Unit]) -> None:
    """Photo captions: the sentence just before a photo credit, and labelled captions."""
    for i, unit in enumerate(units):
        if unit.kind is None and unit.terminal and _CAPTION_LABEL_RE.match(unit.text):
            unit.kind = SegmentKind.CAPTION
            continue
        if unit.kind is not SegmentKind.CREDIT or i == 0 or unit.text.startswith("Source"):
            continue  # "Source: ..." credits the article or a chart, not a photo
        caption = units[i - 1]
        if caption.kind is not None:
            continue  # another credit ((IDF)(IDF)), or furniture
        # An unpunctuated caption counts when its credit was printed on the same line.
        if caption.terminal or (caption.block == unit.block and caption.words >= 4):
            caption.kind = SegmentKind.CAPTION


def _fill_metadata(doc: Document, units: list[_Unit], title: _Unit | None) -> Document:
    changes: dict[str, str] = {}
    if doc.title is None and title is not None:
        changes["title"] = title.text
    if doc.published is None:
        for unit in units:
            if unit.kind in (SegmentKind.DATELINE, SegmentKind.BYLINE):
                published = parse_date(unit.text)
                if published:
                    changes["published"] = published
                    break
    for unit in units:
        if unit.kind is SegmentKind.BYLINE:
            byline, outlet = _parse_byline(unit.text)
            if doc.byline is None and byline:
                changes["byline"] = byline
            if doc.outlet is None and outlet:
                changes["outlet"] = outlet
            if byline or outlet:
                break
    if doc.outlet is None and "outlet" not in changes:
        body = (u for u in units if u.kind is None)
        for unit, _ in zip(body, range(3), strict=False):
            wire = _WIRE_DATELINE_RE.match(unit.text)
            if wire:
                changes["outlet"] = wire.group("outlet")
                break
    return replace(doc, **changes) if changes else doc


_BYLINE_SPLIT_RE = re.compile(r"\s+(?:\||–|—|-|/|for)\s+|\s*[|/]\s*")
_REPORTING_NAMES_RE = re.compile(
    r"[Rr]eporting\s+by\s+([^;()]+?)(?:\s+in\s+[A-Z][^;()]*)?\s*(?:[;()]|\Z)"
)


def _parse_byline(piece: str) -> tuple[str | None, str | None]:
    """(authors as printed, outlet) from a byline: 'By A and B, The Outlet' -> ('A and B', ...)."""
    m = _BYLINE_RE.fullmatch(piece)
    if not m:
        reporting = _REPORTING_NAMES_RE.search(piece)
        names = reporting.group(1).strip().rstrip(".") if reporting else None
        return names, None
    rest = m.group("rest").strip()
    outlet: str | None = None
    parts = _BYLINE_SPLIT_RE.split(rest, maxsplit=1)
    if len(parts) == 2:
        rest, outlet = parts[0].strip(), parts[1].strip()
    elif ", " in rest:
        head, tail = rest.rsplit(", ", 1)
        if tail.startswith(("The ", "the ")) or _OUTLET_WORDS.search(tail):
            rest, outlet = head, tail
        elif _ROLE_WORDS.search(tail):
            rest = head
    if rest.startswith(("The ", "the ")) and outlet is None:
        return None, rest
    return (rest or None), (outlet or None)
