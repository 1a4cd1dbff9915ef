"""Stage ② segment, furniture: headlines, datelines, bylines, captions, credits, links and tags.

Page furniture is told apart from body sentences with general rules over each segment's shape and
its neighbours. Nothing here changes offsets, except that furniture printed on the same line as
other text (a dateline after a headline, a credit after its caption) is cut off on its own.
"""

# ruff: noqa: RUF001  (typographic quotes and dashes are what this module looks for)
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from operator import attrgetter

from factcheck import regexes
from factcheck.extract.bylines import clean_byline
from factcheck.extract.segment_addresses import is_address_line
from factcheck.extract.segment_bylines import page_byline
from factcheck.extract.segment_credits import (
    INLINE_CREDIT_RE,
    SOURCE_LABELS,
    WIDE_BRACKETS,
    is_credit,
)
from factcheck.extract.segment_dates import (
    DATE,
    DATELINE_RE,
    LEADING_DATE_RE,
    MONTH,
    PLACED_DATELINE_RE,
    READING_TIME_MAX_CHARS,
    READING_TIME_OPENINGS,
    SEP,
    TIME,
    TIME_24,
    UPDATED_TIME_RE,
    is_page_dateline,
    is_page_reading_time,
    is_time_ago,
    trailing_date_re,
)
from factcheck.extract.segment_debris import debris_kind, is_comment_count
from factcheck.extract.segment_head import named_byline
from factcheck.extract.segment_notices import (
    is_author_note,
    is_rights_notice,
    needles_re,
    notice_kind,
)
from factcheck.extract.segment_text import (
    BULLET_RE,
    UPPER,
    WIDE_STOPS,
    is_table_row,
    strip_span,
)
from factcheck.lexicon import longest_first, months, page_words, words
from factcheck.models import SegmentKind

# Words that, just before a trailing date, show the date belongs to the sentence ("... on May 31,
# 2021") rather than standing on its own after a headline.
_DATE_GOVERNORS = words("date_governors")
# Capitalised words after "By" that start an ordinary sentence ("By then"), not a byline.
_BYLINE_STOPWORDS = (
    words("byline_stopwords")
    | {day.capitalize() for day in words("weekdays")}
    | {name.capitalize() for names in months() for name in names}
)

_ROLE = (
    r"(?:[Cc]orrespondent|[Rr]eporter|[Ee]ditor|[Ww]riter|[Cc]olumnist|[Cc]ontributor|[Ss]taff)s?\b"
)
_NAME_WORD = r"(?:[A-Z][\w’'.-]*|(?:de|da|van|von|der|den|bin|ibn|al|el|le|la|du|di|ben)\b[-\s]?)"
_NAME = rf"[A-Z][\w’'.-]*(?:\s+{_NAME_WORD}){{0,4}}"
BYLINE_RE = regexes.compile(
    rf"(?P<lead>(?:[Ww]ritten\s+|[Ww]ords\s+|[Ss]tory\s+|[Rr]eported\s+|[Pp]osted\s+|[Pp]ublished\s+)?"
    r"(?:By|BY|by)\s+)"
    rf"(?P<rest>{_NAME}(?:\s*(?:,\s*for\b|,|and|&|\||/|–|—|-|\bfor)\s*(?:[Tt]he\s+)?[A-Z][\w’'.&-]*"
    rf"(?:\s+(?:{_NAME_WORD}|of|for|and|in|&))*){{0,5}}"
    rf"(?:,\s*(?:[\w’'-]+\s+){{0,4}}{_ROLE}(?:\s+[\w’'-]+){{0,4}})?)"
    r"(?:\s*(?:[|·•]\s*)?@\w{1,30})?"  # a handle after the name: "By Jane Roe@jroe"
    rf"(?:(?:{SEP}|\s+on\s+){DATE}(?:{SEP}(?:{TIME}|{TIME_24}))?)?"
)
_REPORTING_RE = regexes.compile(
    r"\(?(?:(?:Additional\s+)?[Rr]eporting|Writing|Compiled|Edited)\s+by\s+(?P<names>[A-Z][^;()]*?)"
    r"(?:\s*;\s*(?:(?:[Aa]dditional\s+)?[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled)\s+by\s+"
    r"[^;()]*?)*\)?\.?"
)
_INPUTS_RE = regexes.compile(
    r"\(?With\s+(?:additional\s+)?inputs?\s+from\s+[A-Z][\w.&'\u2019 ,-]*?\)?\.?"
)
_REVIEWED_RE = regexes.compile(
    r"(?:(?:Medically|Clinically|Legally)\s+)?(?:[Rr]eviewed|Fact[- ][Cc]hecked)\s+by\s+"
    # the names, then their degrees: "Jane Roe, PhD", "Jo Doe, RD, LD", "Jan Poe, PharmD"
    r"(?P<names>[A-Z][^;(),]*?)(?:,\s*[A-Z][A-Za-z]{0,6}\.?)*\.?"
)
"""A credit of the expert or checker who went over the story: "Medically reviewed by Jane Roe,
PhD", "Fact checked by Jane Roe"."""
# The word first and the boundary before it looked behind: the engine skips to the word in C.
_CONTRIBUTED_RE = regexes.compile(
    r"contributed(?<!\wcontributed)(?: reporting| research)?(?: to this (?:report|story|article))?"
    r"(?: from [^.]+)?\.?\Z"
)
_CAPTION_LABEL_RE = regexes.compile(
    r"(?:Photo|Image|Picture|Pictured|Above|Top|Main image|File photo|FILE PHOTO|Caption)"
    r"\s*(?::|–|—|\|)\s*\S|(?:Image|Media|Photo|Video) caption\s+\S"
)
_NAMED_CAPTION_RE = regexes.compile(r"(?:Image|Media|Photo|Video) caption\s+\S")
_CAPTION_ALONE_RE = regexes.compile(r"(?:(?:Image|Media|Photo|Video) )?[Cc]aption|CAPTION")
_RELATED_LABEL_RE = regexes.compile(
    r"(?:READ MORE|Read more|Read More|READ ALSO|Read also|Also read|ALSO READ|Also Read|"
    r"RELATED|Related(?: [Aa]rticles?| [Ss]tories| [Cc]overage| [Cc]ontent| [Rr]eading)?|"
    r"SEE ALSO|See also|See Also|MORE|More on this(?: story)?|Recommended|RECOMMENDED|"
    r"Don['’]t miss|DON['’]T MISS|WATCH|Watch|LISTEN|Listen|Further reading)\s*[:|–—»›>-]\s*\S"
)
RELATED_PLAIN_RE = regexes.compile(r"(?:Read|READ|See also|Also read|Read also)\s+[“\"‘]?[A-Z0-9]")
_RELATED_ALONE_RE = regexes.compile(
    r"(?:Read more|Read More|READ MORE|Related|RELATED|More stories|Related stories|See also)"
    r"\s*[:»›>]?"
)
# A label of tags: "Tags: ...", or the label alone on its line with the tags below it.
_TAGS_LABEL_RE = regexes.compile(
    r"(?:Tags|TAGS|Topics|TOPICS|Filed under|Categories|Keywords)(?:\s*:|[ \t]*\n)"
)


@cache
def _post_signature_re() -> re.Pattern[str]:
    """The signature under an embedded social-media post: "— Jane Roe (@janeroe) May 3, 2021"
    (compiled when a text first needs it: few lines open with a dash)."""
    return regexes.compile(rf"[—–-]\s*[^\s()@][^()@\n]{{0,60}}\(@\w{{1,30}}\)(?:{SEP}{DATE})?\.?")


_HINT_RE = regexes.compile(
    r"[(\[]|By\b|BY\b|by\b|Written|Words|Story|Reported|Reporting|Additional|Read|READ|Related|"
    r"Medically|Clinically|Legally|Reviewed|Fact|"
    r"RELATED|See|SEE|Also|ALSO|More|MORE|Recommended|RECOMMENDED|Don|DON|Watch|WATCH|Listen|"
    r"LISTEN|Further|Tags|TAGS|Topics|TOPICS|Filed|Categories|Keywords|Photo|Image|Picture|Video|"
    r"Credit|CREDIT|Source|SOURCE|PHOTO|IMAGE|Illustration|Graphic|Main|Top|File|FILE|Cover|"
    r"Pictured|Above|Caption|"
    r"Updated|Published|Posted|First|Last|Modified|Date|\d|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|"
    r"Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)
# "CAIRO/JERUSALEM, June 3 (Reuters) - ...": a wire story names its agency in the first sentence.
WIRE_DATELINE_RE = regexes.compile(
    rf"[{UPPER}][{UPPER} .’'/-]{{1,40}}(?:,\s+{MONTH}\s+\d{{1,2}})?\s+"
    r"\((?P<outlet>[A-Z][\w.&]*(?: [A-Z][\w.&]*){0,3})\)\s*[-–—]"
)
QUESTION_END_RE = regexes.compile(r"\?[!?]*[\"”’')\]]*\Z")
HEADING_MAX_WORDS = 12
_LABEL_MAX_WORDS = 3
_TAG_MAX_WORDS = 6


@dataclass(slots=True)
class Unit:
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


def ends_sentence(piece: str) -> bool:
    return piece.rstrip("\"”’')]\u300d\u300f\uff09")[-1:] in _TERMINAL_CHARS


_TERMINAL_CHARS = frozenset(".!?…" + WIDE_STOPS)
# First letters of a dateline: digits, months, weekdays, "Updated", "Published", "Last", "Date"...
DATE_START_CHARS = frozenset("0123456789JFMASONDTWUPL")


def split_furniture(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split furniture printed on the same line as other text: a dateline after a headline
    ("... military room May 31, 2021") or before a sentence ("May 31, 2021 Iranian missiles"),
    and a photo credit after its caption ("... central Gaza [Abdel Kareem Hana/AP]")."""
    lead = LEADING_DATE_RE.match(text, start, end)
    if lead and lead.end() < end and not DATELINE_RE.fullmatch(text, start, end):
        rest = strip_span(text, lead.end(), end)
        return [(start, lead.end()), *split_furniture(text, *rest)]
    if text[end - 1] in ")]":
        opening = text.rfind("(" if text[end - 1] == ")" else "[", start, end)
        if opening > start and INLINE_CREDIT_RE.fullmatch(text, opening, end):
            caption_end = strip_span(text, start, opening)[1]
            if len(text[start:caption_end].split()) >= 3:
                return [(start, caption_end), (opening, end)]
    if ends_sentence(text[max(start, end - 4) : end]) or not text[end - 1].isdigit():
        return [(start, end)]
    trail = trailing_date_re().search(text, max(start, end - 80), end)
    if trail and trail.start() > start and not DATELINE_RE.fullmatch(text, start, end):
        before = text[start : trail.start()].split()
        named = len(before) >= 2 or (len(before) == 1 and before[0][:1].isupper())
        if named and before[-1].lower() not in _DATE_GOVERNORS:
            return [(start, trail.start()), (trail.start(1), end)]
    return [(start, end)]


def classify_patterns(units: list[Unit]) -> None:
    """Furniture recognisable from a segment alone: datelines, bylines, credits, links, tags."""
    for i, unit in enumerate(units):
        piece = unit.text
        if len(piece) > 300:
            if _TAGS_LABEL_RE.match(piece):
                unit.kind = SegmentKind.TAGS  # a long list of tags under its label
            continue
        if piece.startswith("|") or piece.endswith("|"):
            piece = piece.strip(" |") or piece  # the cell borders of a table around furniture
        if (
            unit.terminal
            and not _HINT_RE.match(piece)
            and "contributed" not in piece
            and not (  # "Lesezeit: 3 Min."
                len(piece) <= READING_TIME_MAX_CHARS
                and piece[:2] in READING_TIME_OPENINGS
                and is_page_reading_time(piece)
            )
        ):
            continue
        glued_after = i + 1 < len(units) and units[i + 1].start == unit.end
        unit.kind = _pattern_kind(piece, unit.terminal, unit.words, glued_after)


_STAMP_WORDS = 20
"""The most words of a line of dates and times: "Published 10:42 a.m. ET June 3, 2024 |
Updated 1:15 p.m. ET June 3, 2024" has 16."""


def _pattern_kind(piece: str, terminal: bool, words: int, glued_after: bool) -> SegmentKind | None:
    if words <= _STAMP_WORDS and (
        DATELINE_RE.fullmatch(piece)
        or UPDATED_TIME_RE.fullmatch(piece)
        or is_page_dateline(piece)  # "Dienstag, 5. März 2024, 14:30 Uhr"
    ):
        return SegmentKind.DATELINE
    if words <= 12 and not terminal and PLACED_DATELINE_RE.fullmatch(piece):
        return SegmentKind.DATELINE  # "New Delhi, 3 June 2024", "June 3, 2024 | Example.com"
    if words <= 8 and is_time_ago(piece):
        return SegmentKind.DATELINE  # "3 hours ago", "2 days ago at 7:52 am", "hace 2 horas"
    if words <= 5 and _READING_TIME_RE.fullmatch(piece):
        return SegmentKind.DATELINE  # "5 min read"
    if (
        words <= 8
        and (piece[:2] in READING_TIME_OPENINGS or piece[:1].isdigit())
        and is_page_reading_time(piece)
    ):
        return SegmentKind.DATELINE  # "Lesezeit: 3 Minuten", "Temps de lecture : 4 min"
    if words <= 16 and (
        is_byline(piece) or named_byline(piece) is not None or page_byline(piece) is not None
    ):
        return SegmentKind.BYLINE  # "By Jane Roe", "Jane Roe, Senior Reporter", "Von Jana Roth"
    if _REPORTING_RE.fullmatch(piece) or (words <= 40 and _is_contribution(piece, words)):
        return SegmentKind.BYLINE
    if words <= 12 and piece[:5] in ("(With", "With ") and _INPUTS_RE.fullmatch(piece):
        return SegmentKind.CREDIT  # "(With inputs from PTI)": the wires the story draws on
    reviewed = _REVIEWED_RE.fullmatch(piece) if words <= 16 else None
    if reviewed and clean_byline(reviewed.group("names")) is not None:
        return SegmentKind.BYLINE
    if words <= 14 and is_credit(piece):
        return SegmentKind.CREDIT
    if ((words <= 5 and not terminal) or piece[-1] in '"\u201d') and is_comment_count(piece):
        return SegmentKind.RELATED  # "167 Comments", "[ 12 replies ]", "12 thoughts on “…”"
    if _RELATED_LABEL_RE.match(piece) or _RELATED_ALONE_RE.fullmatch(piece):
        return SegmentKind.RELATED
    if (
        words <= 25
        and RELATED_PLAIN_RE.match(piece)
        and (not terminal or (glued_after and not piece.endswith(".")))
    ):
        return SegmentKind.RELATED
    if _TAGS_LABEL_RE.match(piece):
        return SegmentKind.TAGS
    if piece.startswith(("—", "–", "-")) and _post_signature_re().fullmatch(piece):
        return SegmentKind.CREDIT  # the author of an embedded post, not a caption's credit
    return None


def _is_contribution(piece: str, words: int) -> bool:
    """A closing credit: "Jane Doe contributed reporting." A long list of names is a credit only
    when it says what it contributed to ("... contributed to this report.")."""
    found = _CONTRIBUTED_RE.search(piece)
    return found is not None and (words <= 20 or " to this " in found.group())


# A blog's stamp, its date before its author: "Posted on June 3, 2024 by Jane Roe".
STAMPED_BYLINE_RE = regexes.compile(
    rf"(?:(?:[Pp]osted|[Pp]ublished|[Ww]ritten)\s+(?:on\s+)?)?{DATE}(?:{SEP}(?:{TIME}|{TIME_24}))?"
    rf"\s+(?:by|By|BY)\s+(?P<rest>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME}){{0,3}})"
)


def is_byline(piece: str) -> bool:
    m = BYLINE_RE.fullmatch(piece) or STAMPED_BYLINE_RE.fullmatch(piece)
    if not m:
        return False
    first = m.group("rest").split(None, 1)[0].strip(",")
    return first not in _BYLINE_STOPWORDS


def classify_headings(units: list[Unit], block_sizes: dict[int, int]) -> None:
    """Subheadings: a short line of its own, without final punctuation, before a paragraph.

    Before the body (a kicker, a section name) every such line is furniture. Inside the body a
    label of a few words ("Background") is furniture too, but a longer subheading says something
    about the story ("Shelters stretched by winter demand"): it stays a body segment."""
    in_body = False
    for i, unit in enumerate(units):
        if unit.kind is None and unit.terminal:
            in_body = True
        if unit.kind is not None or unit.terminal or block_sizes[unit.block] != 1:
            continue
        if not 1 <= unit.words <= HEADING_MAX_WORDS or i == 0 or i + 1 >= len(units):
            continue
        if in_body and unit.words > _LABEL_MAX_WORDS:
            continue
        if not (unit.text[0].isupper() or unit.text[0].isdigit()) or BULLET_RE.match(unit.text):
            continue
        if is_table_row(unit.text):
            continue  # a table's header row
        if is_address_line(unit.text, unit.words):
            continue  # a line of an address (a contact line, told by its shape)
        if unit.text.endswith((":", ";", ",", "-", "–", "—")):
            continue
        prev, nxt = units[i - 1], units[i + 1]
        prev_is_line = block_sizes[prev.block] == 1 and not prev.terminal and prev.kind is None
        if nxt.kind is None and nxt.terminal and not prev_is_line:
            unit.kind = SegmentKind.TITLE


def classify_tags(units: list[Unit]) -> None:
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


def _could_be_tag(unit: Unit) -> bool:
    return (
        unit.kind is None
        and not unit.terminal
        and 1 <= unit.words <= _TAG_MAX_WORDS
        and (unit.text[0].isupper() or unit.text[0] == "#")
        and not unit.text.endswith((":", ","))
    )


def classify_captions(units: list[Unit]) -> None:
    """Photo captions: the sentence just before a photo credit, and labelled captions."""
    for i, unit in enumerate(units):
        if unit.kind is None and unit.terminal and _CAPTION_LABEL_RE.match(unit.text):
            unit.kind = SegmentKind.CAPTION
            continue
        if unit.kind is None and not unit.terminal:
            if _CAPTION_ALONE_RE.fullmatch(unit.text.rstrip(" :")):
                unit.kind = SegmentKind.RELATED  # the label of an empty caption slot
                continue
            if _NAMED_CAPTION_RE.match(unit.text):
                unit.kind = SegmentKind.CAPTION  # "Image caption The bridge at dawn"
                continue
        if (
            unit.kind is not SegmentKind.CREDIT
            or i == 0
            or unit.text.lstrip(WIDE_BRACKETS).startswith((*SOURCE_LABELS, "—", "–", "-"))
        ):
            continue  # "Source: ..." credits the article or a chart, "— Name (@name)" a post
        caption = units[i - 1]
        if caption.kind is not None:
            continue  # another credit ((IDF)(IDF)), or furniture
        # An unpunctuated caption counts when its credit was printed on the same line. A
        # paragraph's last sentence is no caption when the credit stands on a line of its own: the
        # picture's caption was left out, and the credit follows the story's text.
        paragraph = i >= 2 and units[i - 2].block == caption.block != unit.block
        if (caption.terminal and not paragraph) or (
            caption.block == unit.block and caption.words >= 4
        ):
            caption.kind = SegmentKind.CAPTION


# --- furniture by shape -----------------------------------------------------------------------

_EMAIL_RE = regexes.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_HANDLE_RE = regexes.compile(r"@\w{2,30}[.,]?")
_ICON_NAME_RE = regexes.compile(r"[a-z]+(?:_[a-z]+)+\b")
"""The name of an icon in an icon font ("chevron_left", "keyboard_arrow_down"): a page that
draws its icons with letters leaves their names in its text."""
_ICON_MAX_WORDS = 6
_HANDLE_LINE_MAX_WORDS = 6
_BRACKETED_MAX_WORDS = 6
"""The most words of a label in brackets, the brackets counted where spaced: "[ The Verge ]"."""
_HANDLE_IN_LINE_RE = regexes.compile(r"(?<![\w.])@\w{2,30}")
_BRACKETED_RE = regexes.compile(
    r"[\[\u3010\uff3b\u3014]\s*[^\]\u3011\uff3d\u3015]{1,40}?\s*[\]\u3011\uff3d\u3015]"
)
"""A label in square or lenticular brackets, alone on its line."""
_HANDLE_OR_LINK_RE = regexes.compile(r"(?<!\w)@\w{2,}|https?://|www\.|\b[\w-]+\.(?:com|org|net)/")
_IMAGE_URL_RE = regexes.compile(r"(?:https?:)?//\S+?\.(?:jpe?g|png|gif|webp|svg)\b", re.IGNORECASE)
_FIRST_WORD_RE = regexes.compile(r"[\W_]*([A-Za-z’']+)")
# A headline with a bracketed label after it: "Plague fears grow [VIDEO]", "... review [Video]";
# not a sentence with its source after it ("... in Indiana. [IPFW]").
_TEASER_TAG_RE = regexes.compile(
    r"[\w’'\"”)]\s*(?:\[\s*[A-Z][A-Z ]{2,}\s*\]\s*\|?|\[(?:Video|Photos?|Gallery|Audio)\])\Z"
)
_READING_TIME_RE = regexes.compile(
    r"(?:\d{1,3}\s*(?:-\s*)?(?:min|mins|minutes?)\s+read|(?:Reading|Read)\s+time\s*:?\s*\d{1,3}"
    r"\s*(?:min|mins|minutes?))\.?",
    re.IGNORECASE,
)
_TOKEN_RE = regexes.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_LOWER_LABEL_RE = regexes.compile(r"[a-z][a-z -]*")
_LABEL_END_RE = regexes.compile(r"\s*(?:[:|»›>]|\.\.\.|…)|\s+[–—-]\s")
_SHAPE_MAX_WORDS = 30
_PLAYER_MAX_CHARS = 600
_PROMPT_MAX_WORDS = 25


def classify_shapes(
    units: list[Unit], block_sizes: dict[int, int], lines: list[list[Unit]]
) -> None:
    """Furniture told by its shape, whatever the site: contact lines, copyright notices, time
    stamps and IDs, prompts to the reader, lines in capitals (but not a subheading in capitals
    inside the body), bulleted links to other stories, and the lines of a video player's
    controls (read whole, as the glue repair cuts them into pieces). LINES are the units by
    block (``block_runs``)."""
    _classify_players(lines)
    in_body = False
    for i, unit in enumerate(units):
        if unit.kind is None and unit.words <= _SHAPE_MAX_WORDS:
            heading = in_body and _is_body_heading(units, i, block_sizes)
            unit.kind = _shape_kind(unit.text, unit.terminal, unit.words, heading)
            if unit.kind is None and not unit.terminal and block_sizes[unit.block] == 1:
                unit.kind = _lone_line_kind(unit.text, unit.words)
        elif unit.kind is None and not unit.terminal:
            unit.kind = debris_kind(unit.text, unit.terminal, unit.words)  # a long row of links
        in_body = in_body or (unit.kind is None and unit.terminal)


_NOTICE_BLOCK_UNITS = 6
_NOTICE_SENTENCE_WORDS = 25


def classify_notice_blocks(runs: list[list[Unit]]) -> None:
    """The rest of a short paragraph that is mostly the site's notices, credits and prompts
    ("Prices may vary. We earn a commission on sales. Follow us for deals."): the site's too;
    and a note on the author beside one ("Jane Roe is a reporter at Example News. Follow her
    on social media."). A quotation in it is someone's speech and stays body. RUNS are the
    units by block (``block_runs``)."""
    for run in runs:
        if len(run) > _NOTICE_BLOCK_UNITS:
            continue
        notices = sum(u.kind in (SegmentKind.CREDIT, SegmentKind.RELATED) for u in run)
        if notices == 0:
            continue
        whole = notices >= 2 and 2 * notices >= len(run)
        for unit in run:
            if (
                unit.kind is None
                and unit.words <= _NOTICE_SENTENCE_WORDS
                and not any(map(unit.text.__contains__, '“”"'))
                and (whole or is_author_note(unit.text))
            ):
                unit.kind = SegmentKind.RELATED


def block_runs(units: list[Unit]) -> list[list[Unit]]:
    """The units in runs of one block each (a paragraph, a line), in order: one run per block,
    as the units of a block follow each other."""
    return [list(run) for _, run in groupby(units, key=attrgetter("block"))]


def _classify_players(lines: list[list[Unit]]) -> None:
    for line in lines:
        # A line of controls has pieces without final punctuation; a paragraph of prose has not.
        if (
            any(not u.terminal for u in line)
            and sum(len(u.text) for u in line) <= _PLAYER_MAX_CHARS
            and _is_player_text(" ".join(u.text for u in line))
        ):
            for unit in line:
                if unit.kind is None or unit.kind is SegmentKind.TAGS:
                    unit.kind = SegmentKind.RELATED


def _is_body_heading(units: list[Unit], i: int, block_sizes: dict[int, int]) -> bool:
    """A line of its own, of more than a label's words, before a body paragraph."""
    unit = units[i]
    if block_sizes[unit.block] != 1 or unit.words <= _LABEL_MAX_WORDS or i + 1 >= len(units):
        return False
    return units[i + 1].kind is None and units[i + 1].terminal


def _shape_kind(piece: str, terminal: bool, words: int, heading: bool) -> SegmentKind | None:
    # Each pattern is tried only on text holding a string every match of it holds.
    if "@" in piece and _EMAIL_RE.search(piece):
        return SegmentKind.CREDIT  # a contact line: "Reach her at jane@example.org."
    if is_address_line(piece, words):
        return SegmentKind.CREDIT  # "DE-60314 Frankfurt", "Webergasse 20", "10 Downing Street"
    needled = needles_re().search(piece) is not None
    if (needled and is_rights_notice(piece)) or ("//" in piece and _IMAGE_URL_RE.search(piece)):
        return SegmentKind.CREDIT  # a copyright line, or the address of an image
    debris = debris_kind(piece, terminal, words)
    if debris is not None:
        return debris
    # Character loops run in C (map), and only when a cheaper test leaves the answer open. The
    # letters a-z, counted with two C calls, are some of its letters: when they reach the limit,
    # so do all of them, and neither digits nor letters are looked for (most sentences).
    if is_table_row(piece):
        return None  # a table's row: figures and names in capitals are its data, not furniture
    ascii_text = piece.encode("ascii", "ignore")
    lower = len(ascii_text.translate(None, _NOT_ASCII_LOWER))
    limit = 0.3 * (len(piece) - piece.count(" "))
    if (
        lower < limit
        and _has_digit(piece)
        and len(ascii_text.translate(None, _NOT_ASCII_LETTER)) < limit  # so are a-z and A-Z
        and sum(map(str.isalpha, piece)) < limit
    ):
        return SegmentKind.DATELINE  # a time stamp or an ID: "2019-11-19T07:23:12+01:00"
    if _is_prompt(piece, terminal, words) or _is_related_label(piece, terminal, words):
        return SegmentKind.RELATED
    if not terminal and words <= _ICON_MAX_WORDS and "_" in piece and _ICON_NAME_RE.match(piece):
        return SegmentKind.RELATED  # an icon's name left by its font: "chevron_left Back to posts"
    if not terminal and piece[:1] == "@" and _HANDLE_RE.fullmatch(piece):
        return SegmentKind.CREDIT  # an account's handle alone: the signature of an embedded post
    if terminal and (notice := notice_kind(piece, words, needled=needled)) is not None:
        return notice  # the site's word to its reader: "We may earn a commission ..."
    if not terminal and _TEASER_TAG_RE.search(piece):
        return SegmentKind.RELATED
    if not terminal and _is_site_links(piece):
        return SegmentKind.RELATED  # "Privacy Policy | Terms of Service": the site's own pages
    if not terminal and words <= 3:
        if _LOWER_LABEL_RE.fullmatch(piece):
            return SegmentKind.TAGS  # a lone lower-case word or two: a section or topic label
        if _is_interface_label(piece):
            return SegmentKind.RELATED  # interface labels: "Comments", "Home |", "Share"
    if words >= 2 and not heading and _mostly_capitals(piece, lower):
        return SegmentKind.TITLE  # a line in capitals: a heading or a teaser
    if not terminal and words <= _PROMPT_MAX_WORDS and piece.startswith(("- ", "• ", "· ")):
        long_words = [w for w in piece[2:].split() if len(w) >= 4]
        capitalised = sum(w[0].isupper() for w in long_words)
        if words >= 5 and long_words and capitalised >= 0.6 * len(long_words):
            return SegmentKind.RELATED  # a bulleted headline in title case: another story
    return None


def _lone_line_kind(piece: str, words: int) -> SegmentKind | None:
    """The kind of a line of its own without final punctuation, by a shape no subheading has:
    a label in square or lenticular brackets ("[Advertisement]", a digest's "[Example Wire]"),
    or a few words with an account's handle ("LINE ID = @example"). After a sentence in its
    paragraph, a source in brackets is the sentence's and stays with it."""
    if words <= _BRACKETED_MAX_WORDS and _BRACKETED_RE.fullmatch(piece):
        return SegmentKind.RELATED
    if words <= _HANDLE_LINE_MAX_WORDS and "@" in piece and _HANDLE_IN_LINE_RE.search(piece):
        return SegmentKind.RELATED
    return None


def _is_site_links(piece: str) -> bool:
    """A line of nothing but links to the site's own pages, with or without separators: two
    or more, or one of several words ("Privacy Policy"); one word alone ("Careers") may be a
    heading or a body's last word."""
    links, line = _site_links_res()
    return line.fullmatch(piece) is not None and (
        " " in piece.strip() or len(links.findall(piece)) >= 2
    )


@cache
def _site_links_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One link to the site's own pages, and a line of them (compiled on first use)."""
    names = longest_first(words("site_links"))
    link = "(?:" + "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in names) + ")"
    return (
        regexes.compile(link, re.IGNORECASE),
        regexes.compile(rf"{link}(?:\s*[|•·/,]?\s*{link})*\s*\|?", re.IGNORECASE),
    )


_ASCII_DIGITS = tuple("0123456789")


def _has_digit(piece: str) -> bool:
    """``any(map(str.isdigit, piece))``; in ASCII text (no other digits) ten searches in C."""
    if piece.isascii():
        return any(map(piece.__contains__, _ASCII_DIGITS))
    return any(map(str.isdigit, piece))


_NOT_ASCII_LOWER = bytes(b for b in range(256) if not 0x61 <= b <= 0x7A)
_NOT_ASCII_LETTER = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha())


def _in_capitals(piece: str) -> bool:
    """At least six letters with a case, 85% of them capitals, and half the letters of PIECE."""
    lower = len(piece.encode("ascii", "ignore").translate(None, _NOT_ASCII_LOWER))
    return _mostly_capitals(piece, lower)


def _mostly_capitals(piece: str, lower: int) -> bool:
    """``_in_capitals(piece)``, told the number of letters a-z in PIECE."""
    # Every a-z is a cased letter that is not a capital: with more than a fifth of the text in
    # a-z, no 85% can be capitals, and the per-letter count below is skipped.
    if lower > 0.2 * len(piece):
        return False
    cased = piece.translate(_CASE_MARKS)  # one mark per letter with a case
    if len(cased) < 6 or cased.count("U") < 0.85 * len(cased):
        return False
    # In a script without case (Korean, Chinese, Arabic) a few acronyms are all the letters with
    # a case: the line is in capitals only when they are most of its letters.
    return len(cased) >= 0.5 * sum(map(str.isalpha, piece))


class _CaseMarks(dict[int, str | None]):
    """A ``str.translate`` table: a letter with a case (one whose lower() and upper() differ)
    becomes "U" if it is a capital and "l" if not; any other character is left out. Each
    character is judged on first sight only, and looked up in C afterwards."""

    def __missing__(self, code: int) -> str | None:
        if len(self) >= _CASE_MARKS_MAX:
            self.clear()
        char = chr(code)
        cased = char.isalpha() and char.lower() != char.upper()
        mark = ("U" if char.isupper() else "l") if cased else None
        self[code] = mark
        return mark


_CASE_MARKS = _CaseMarks()
_CASE_MARKS_MAX = 10_000


def _is_related_label(piece: str, terminal: bool, count: int) -> bool:
    """The label of a box of links to other stories ("You may also like…", "Most read in
    world news", "Popular on Example"), alone or before a teaser ("See more: ...")."""
    if count > _PROMPT_MAX_WORDS:
        return False
    label = _related_label_re().match(piece) if _opens_label(piece[:2]) else None
    starts = _page_label_starts().get(piece[:2]) if label is None else None
    if starts is not None and piece[: _page_label_longest()].lower().startswith(starts):
        label = _page_related_label_re().match(piece)  # "Leia também", "Lesen Sie auch"
    if label:
        rest = piece[label.end() :]
        if not rest.strip(" :.…") or _LABEL_END_RE.match(rest):
            return True  # the label alone, or a label and its separator
        # An unpunctuated label line ("Most read this week in science"); a one-word label ("More")
        # only with its separator, as it also opens sentences.
        return not terminal and count <= 12 and " " in label.group()
    if not terminal and count <= 6:
        last = piece.casefold().rstrip(" :").rsplit(None, 1)[-1:]
        return last in (["newsletter"], ["newsletters"])  # "The Morning Briefing newsletter"
    return False


def _is_interface_label(piece: str) -> bool:
    """Labels of a page's interface, with their counts: "Comments", "Home |", "Share 12"."""
    labels = [w.strip("|:·•-()").lower() for w in piece.split()]
    labels = [w for w in labels if w and not w.isdigit()]
    interface = words("interface_words")
    return bool(labels) and all(w in interface for w in labels)


def _is_player_text(piece: str) -> bool:
    """The controls of a video or audio player, often glued: "Play VideoPlayMuteCurrent Time
    0:00/Duration 0:00Loaded: 0%" (three control words or more, and most of the words)."""
    controls = words("player_words")
    lowered = piece.lower()
    if sum(control in lowered for control in controls) < 3:
        return False  # most lines: a quick look for the control words, glued or not
    tokens = [t.lower() for t in _TOKEN_RE.findall(piece)]
    found = {t for t in tokens if t in controls}
    ordinary = words("interface_words") | words("player_labels")
    known = sum(t in controls or t in ordinary for t in tokens)
    return len(found) >= 3 and known >= 0.7 * len(tokens)


@cache
def _related_label_re() -> re.Pattern[str]:
    """A related-box label at the start of a text, the longest that fits, as a whole word."""
    return _label_re(words("related_labels"))


@cache
def _opens_label(start: str) -> bool:
    """Whether a related-box label may start with START, a text's first two characters, in any
    case: most texts start as none does, and are not tried on every label (worked out once for
    each start)."""
    return (
        _label_re(frozenset(label[:2] for label in words("related_labels"))).match(start)
        is not None
    )


@cache
def _page_related_label_re() -> re.Pattern[str]:
    """A related-box label of the languages of pasted pages ("Leia também", "Lees ook"),
    compiled when a text first opens as one of them does."""
    return _label_re(page_words("related_labels"))


def _label_re(labels: frozenset[str]) -> re.Pattern[str]:
    ordered = longest_first(labels)
    alternation = "|".join(re.escape(label).replace("'", "['’]") for label in ordered)
    return regexes.compile(rf"(?:{alternation})(?![^\W_])", re.IGNORECASE)


@cache
def _page_label_starts() -> dict[str, tuple[str, ...]]:
    """The related-box labels of other languages, in lower case, by their first two characters
    as written ("Le", "le", "LE"): a text is looked for the labels it may open with, and the
    pattern of all of them is tried only on one that opens with a label."""
    starts: dict[str, tuple[str, ...]] = {}
    for label in sorted(page_words("related_labels")):
        for form in {label, label.capitalize(), label.upper()}:
            starts[form[:2]] = (*starts.get(form[:2], ()), label)
    return starts


@cache
def _page_label_longest() -> int:
    return max(map(len, page_words("related_labels")))


def _is_prompt(piece: str, terminal: bool, count: int) -> bool:
    """An imperative addressed to the reader about the page: "Sign up for our newsletter",
    "Follow the reporter on social media", "Pass it on to a friend!"."""
    if count > _PROMPT_MAX_WORDS:
        return False
    first = _FIRST_WORD_RE.match(piece)
    if not first or first.group(1).lower() not in words("prompt_verbs"):
        return False
    if piece[first.end() : first.end() + 4] in (" me ", " me.", " me!", " me,"):
        # "Tell me a story.": someone's words; a site asks for "us", and an author for "me" on
        # the site's interface only ("Follow me on Twitter").
        return _names_interface(piece)
    if count <= 6 or piece.rstrip().endswith(("!", "...", "…")) or not terminal:
        return True
    return _names_interface(piece)


def _names_interface(piece: str) -> bool:
    """Whether PIECE names a page's interface: a link, a handle or an interface word."""
    interface = words("interface_words")
    return bool(_HANDLE_OR_LINK_RE.search(piece)) or any(
        w.strip(".,:;!?’'\"").lower() in interface for w in piece.split()
    )
