"""Stage ② segment, sections: the closing sections a page adds below the story.

Below a box's label ("Related", "Most Popular") come the headlines of other stories, each a
short line with its date or category; below a comment form's label ("Leave a Reply") the form
and the readers' comments; at the very end the site's own credits ("Powered by ..."). A list of
other stories' excerpts, each cut short with an ellipsis, may stand anywhere, and so may a
gallery's caption, printed cut short with the button that shows it whole ("... more") beside
itself whole with the button that hides it ("... less"). None of it is the story.

A press release ends with its company's description under a heading "About <Company>" ("About
Acme Robotics" / "Acme Robotics is a maker of ..."), or without one when the description gives
what only a company's boilerplate says (its ticker, its mission, the exchange that lists it),
and an article may end with a note under "About the author". Both are the publisher's
boilerplate, not the story. A section counts only in the second half of the text and only when
its first paragraph opens with the name its heading gives (for a company), so a subheading such
as "About the study" inside a report stays with the story.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

from factcheck import regexes
from factcheck.extract.segment_dates import is_time_ago
from factcheck.extract.segment_furniture import Unit, block_runs
from factcheck.extract.segment_text import REQUIRED_FIELD_RE, related_labels
from factcheck.lexicon import entries, page_words
from factcheck.models import SegmentKind

_ABOUT_RE = regexes.compile(
    r"About\s+(?:(?P<author>the\s+[Aa]uthors?)|(?P<name>[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,4}))"
    r"\s*:?"
)
_SECTION_BLOCKS = 4
"""A closing section runs over at most this many paragraphs after its heading."""


def classify_closing_sections(units: list[Unit]) -> None:
    """Mark the paragraphs under a closing "About <Company>" or "About the author" heading:
    CREDIT for a company's description, RELATED for a note on the author."""
    half = len(units) // 2
    i = half
    while i < len(units) - 1:
        heading = units[i]
        found = _heading(units, i)
        if found is None:
            i += 1
            continue
        kind, name = found
        after = units[i + 1]
        if name is not None and not after.text.startswith(name):
            i += 1
            continue
        heading.kind = SegmentKind.TITLE
        blocks: set[int] = set()
        j = i + 1
        while j < len(units) and not _is_heading_line(units, j):
            blocks.add(units[j].block)
            if len(blocks) > _SECTION_BLOCKS:
                break
            units[j].kind = kind
            j += 1
        i = j


def _heading(units: list[Unit], i: int) -> tuple[SegmentKind, str | None] | None:
    """(kind of the section's paragraphs, the company's name or None) when units[i] is an
    "About ..." heading on a line of its own."""
    unit = units[i]
    if unit.terminal or not unit.text.startswith("About") or not _is_heading_line(units, i):
        return None
    match = _ABOUT_RE.fullmatch(unit.text)
    if match is None:
        return None
    if match.group("author"):
        return SegmentKind.RELATED, None
    return SegmentKind.CREDIT, match.group("name")


def _is_heading_line(units: list[Unit], i: int) -> bool:
    """Whether units[i] is a short line of its own without final punctuation."""
    unit = units[i]
    alone = (i == 0 or units[i - 1].block != unit.block) and (
        i + 1 == len(units) or units[i + 1].block != unit.block
    )
    return alone and not unit.terminal and unit.words <= 8


_TEASER_WORDS = 20
"""The most words of a teaser line in a box of links: a headline."""
_SHORT_WORDS = 4
"""Lines this short stay in a box of links even with final punctuation: 'In "News"'."""
_LABEL_WORDS = 4
_BOX_LABELS = frozenset({"related", "read more", "read also", "also read", "recommended"})
"""Labels of a box alone on their line, beside the related-box labels of the lexicon (these
words open sentences too, so the lexicon leaves them out)."""
_SITE_CREDIT_RE = regexes.compile(
    r"(?:(?:Proudly\s+)?[Pp]owered\s+by|[Tt]heme\s+by|[Dd]esigned\s+by|[Ww]ebsite\s+by"
    r"|[Ss]ite\s+by|[Dd]eveloped\s+by)\s+\S"
)


_EARLY_LABEL_WORDS = 6
"""The most words of a comment label in the first half of the text ("Leave a Reply Cancel
reply")."""
_THREAD_LOOK = 8
"""How many lines under a comment label the times of its first comments stand within."""
_THREAD_TIMES = 2
"""The fewest times of comments under a label early in the text: one time told from now may be
the story's own stamp under a share bar."""


def _times_follow(units: list[Unit], i: int) -> bool:
    """Whether two or more times told from now ("2 hours ago", "hace 2 horas") or fields a form
    requires ("Name *", "Nombre (*):") stand on lines of their own within a few lines under
    units[i]: the times of comments or the form to write one, so a label over them heads a
    thread however early in the text it comes."""
    times = 0
    for unit in units[i + 1 : i + 1 + _THREAD_LOOK]:
        if (unit.kind is SegmentKind.DATELINE and is_time_ago(unit.text)) or (
            not unit.terminal and unit.words <= _LABEL_WORDS and REQUIRED_FIELD_RE.search(unit.text)
        ):
            times += 1
            if times >= _THREAD_TIMES:
                return True
    return False


def _is_page_comment_label(unit: Unit) -> bool:
    """Whether UNIT is the label of a comment form or section in a page language, alone on its
    line, its count of comments aside ("Deja un comentario", "Kommentare (12)")."""
    if unit.terminal or unit.words > _LABEL_WORDS + 1:
        return False
    return unit.text.strip(_LABEL_MARKS).lower() in page_words("comment_labels")


_LABEL_MARKS = " :|\u00bb\u203a>()[]0123456789"
"""What a label line may hold around its words: marks, a count in brackets."""


@cache
def _box_labels() -> frozenset[str]:
    """Labels over a box of links, in every language read."""
    return related_labels() | _BOX_LABELS


def classify_link_boxes(units: list[Unit]) -> None:
    """Mark the headlines under a box's label RELATED: every short line without a sentence's
    end that follows a label line of its own, and each story's opening under its headline, up
    to the first sentence that is none (``_teaser_end``). Mark the comment form
    and what follows it RELATED, and the site's credits ("Powered by ...") CREDIT."""
    comment_labels = tuple(entries("comment_labels"))
    longest = max(map(len, comment_labels))
    half = len(units) // 2
    for unit in units:
        if unit.kind is None and not unit.terminal and _SITE_CREDIT_RE.match(unit.text):
            # "Powered by WordPress | Theme by Example"; "Powered by a late surge, the party
            # won." is a sentence.
            unit.kind = SegmentKind.CREDIT
    boxed = 0  # where the last box ended: a label inside a box opens no box of its own
    for i, unit in enumerate(units):
        # Early in the text only a short label is tried: a thread's times must follow it there.
        early = i < half
        if (
            unit.words <= (_EARLY_LABEL_WORDS if early else _TEASER_WORDS)
            and (
                unit.text[:longest].lower().startswith(comment_labels)
                or _is_page_comment_label(unit)
            )
            and (not early or _times_follow(units, i))
        ):
            for rest in units[i:]:
                rest.kind = rest.kind or SegmentKind.RELATED
            return
        if i < boxed:
            continue
        if unit.kind is not SegmentKind.RELATED or unit.terminal:
            continue
        if unit.words > _LABEL_WORDS + _SECTION_WORDS:
            continue
        if not opens_box(unit.text):
            continue  # "Share | Comments": an interface's labels, not a box's
        boxed = len(units)
        headline: int | None = None  # the last headline of the box, over its story's opening
        j = i + 1
        while j < len(units):
            teaser = units[j]
            if teaser.kind is not None:
                j += 1
                continue  # its date, its category, another label
            asks = _asking_headline(units, j) and _box_goes_on(units, j)
            if teaser.words > _TEASER_WORDS or (
                teaser.terminal and teaser.words > _SHORT_WORDS and not asks
            ):
                # A sentence: the box has ended, unless it is the short paragraph of the
                # headline just above it with another headline under it (a box of headlines,
                # each over the opening of its story).
                near = headline is not None and j - headline <= _HEADLINE_REACH
                end = _teaser_end(units, j) if near else None
                if end is None:
                    boxed = j
                    break
                for line in units[j:end]:
                    line.kind = line.kind or SegmentKind.RELATED
                headline = None
                j = end
                continue
            teaser.kind = SegmentKind.RELATED
            # A headline has a few words; a name over a note on the author is no headline.
            if (not teaser.terminal or asks) and teaser.words >= _HEADLINE_WORDS:
                headline = j
            j += 1


_SECTION_WORDS = 3
"""The most words of a section's name after a box's label: "Next Up In Science & Health"."""
_SECTION_PREPOSITIONS = frozenset({"in", "from", "on", "at"})


def opens_box(text: str) -> bool:
    """Whether TEXT, a line of its own, is a box's label: one alone ("Related stories"), or one
    then a preposition and a section's name ("Next Up In Science & Health", "Most read in world
    news", "More from UK"); "Continue Reading Below" is no box's."""
    box_labels = _box_labels()
    label = text.strip(" :|\u00bb\u203a>").lower()
    if label in box_labels:
        return True
    words = label.split()
    for cut in range(1, len(words) - 1):
        section = words[cut + 1 :]
        if (
            words[cut] in _SECTION_PREPOSITIONS
            and len(section) <= _SECTION_WORDS
            and " ".join(words[:cut]) in box_labels
            and all(w.isalpha() or w == "&" for w in section)
        ):
            return True
    return False


def _asking_headline(units: list[Unit], j: int) -> bool:
    """Whether units[J] is a question on a line of its own, as a headline in a box may be
    ("Can Exercise Help?")."""
    unit = units[j]
    return (
        unit.text.endswith("?")
        and (j == 0 or units[j - 1].block != unit.block)
        and (j + 1 == len(units) or units[j + 1].block != unit.block)
    )


def _box_goes_on(units: list[Unit], j: int) -> bool:
    """Whether the box of links goes on under units[J], a question on a line of its own: the
    next line is another headline, or a story's opening with a headline under it. A question
    over a paragraph of the story's is the story's own."""
    after = _next_open(units, j + 1)
    return after is None or _box_headline(units, after) or _teaser_end(units, after) is not None


def _next_open(units: list[Unit], start: int) -> int | None:
    """The index of the first line from START on that no rule has classed yet."""
    return next((k for k in range(start, len(units)) if units[k].kind is None), None)


def _box_headline(units: list[Unit], k: int) -> bool:
    """Whether units[K] reads as a headline in a box of links: a short line without a
    sentence's end, or a question on a line of its own."""
    unit = units[k]
    return unit.words <= _TEASER_WORDS and (not unit.terminal or _asking_headline(units, k))


_TEASER_UNITS = 3
"""The most sentences of the opening a headline in a box of links stands over."""
_TEASER_PARAGRAPH_WORDS = 50
_HEADLINE_WORDS = 3
_HEADLINE_REACH = 3
"""The most lines from a headline in a box to its story's opening: a byline, a date between."""


def _teaser_end(units: list[Unit], j: int) -> int | None:
    """Where the paragraph that units[J] opens ends, when it is a story's opening under its
    headline in a box of links: a paragraph of its own, of a few sentences, with another
    headline (a short line without a sentence's end) under it, the box's own lines aside."""
    if j and units[j - 1].block == units[j].block:
        return None
    end = j
    while end < len(units) and units[end].block == units[j].block:
        end += 1
    if end - j > _TEASER_UNITS or sum(u.words for u in units[j:end]) > _TEASER_PARAGRAPH_WORDS:
        return None
    after = _next_open(units, end)
    return end if after is None or _box_headline(units, after) else None


_EXCERPTS = 3
"""The fewest paragraphs in a row, each cut short with an ellipsis, that make a list of other
stories' excerpts."""
_EXCERPT_CHARS = 60
"""The fewest characters of such an excerpt: a headline and the opening words of its story."""


def classify_excerpts(units: list[Unit]) -> None:
    """Mark RELATED a list of other stories' excerpts: three or more paragraphs in a row, each a
    headline and its story's opening cut short with an ellipsis ("… may soon...", "Raminder
    Singh Rekhi, 41,..."). A story's own paragraphs seldom trail off so, and never three in a
    row; a line that trails off alone stays."""
    if sum(unit.text.endswith(_ELLIPSES) for unit in units) < _EXCERPTS:
        return  # most texts: too few lines cut short to make a list
    run: list[list[Unit]] = []
    for block in [*block_runs(units), []]:
        if block and _is_excerpt(block):
            run.append(block)
            continue
        if len(run) >= _EXCERPTS:
            for unit in (unit for excerpt in run for unit in excerpt):
                unit.kind = unit.kind or SegmentKind.RELATED
        run = []


_ELLIPSES = ("...", "\u2026")


def _is_excerpt(block: list[Unit]) -> bool:
    last = block[-1].text.rstrip()
    if not last.endswith(_ELLIPSES):
        return False
    return sum(len(unit.text) for unit in block) >= _EXCERPT_CHARS


_TICKER = (
    r"\((?:NYSE|NASDAQ|Nasdaq|NYSE American|LSE|TSX|TSXV|ASX|SIX|Euronext|OTC\w*)"
    r"\s*:\s*[A-Z][A-Z.]{0,6}\)"
)
_COMPANY_IS_RE = regexes.compile(
    r"(?P<name>[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,4})"
    rf"(?:\s*{_TICKER})?,?\s+(?:is|are)\s+(?:a|an|the)\s"
)
"""A company's description opening its boilerplate: "Ascom is a global solutions provider",
"Example Corp. (NASDAQ: EXMP) is a maker of ..."."""
_SIGNATURE_RE = regexes.compile(
    rf"{_TICKER}"
    r"|\b(?:[Vv]ision|[Mm]ission)\b[^.]{0,40}\bis to\b"
    r"|\bshares\b[^.]{0,40}\b(?:are|is)\s+(?:listed|traded)\s+on\b"
    r"|\blisted\s+on\s+the\b[^.]{0,40}\b(?:Stock\s+)?Exchange\b"
)
"""What only a company's own boilerplate says of it: its ticker, its mission or vision, the
exchange that lists its shares."""


_SHOW_MORE_RE = regexes.compile(r"(?:\.\.\.|\u2026)\s*more\Z")
_TOGGLE_SAME = 40
"""The characters two lines of one caption share at their start."""


def classify_toggled_captions(runs: list[list[Unit]]) -> None:
    """A photo's caption printed twice, as a gallery pastes it: cut short with the button that
    shows it whole ("... The team ... more"), and whole with the button that hides it again
    ("... The team won 5-4. (Photo: Jane Roe) less"), the one line next to the other. Both
    lines are the caption's."""
    for one, other in pairwise(runs):
        last, next_last = one[-1].text, other[-1].text
        if not (last.endswith("more") and next_last.endswith(" less")) and not (
            next_last.endswith("more") and last.endswith(" less")
        ):
            continue
        shown = last if last.endswith("more") else next_last
        if (
            _SHOW_MORE_RE.search(shown)
            and one[0].text[:_TOGGLE_SAME] == other[0].text[:_TOGGLE_SAME]
        ):
            for unit in (*one, *other):
                if unit.kind is None:
                    unit.kind = SegmentKind.CAPTION


def classify_company_notes(units: list[Unit]) -> None:
    """Mark CREDIT a press release's closing description of its company without an "About"
    heading: a paragraph in the second half of the text that opens by saying what the company
    is ("Ascom is a global solutions provider ...") and gives its ticker, its mission or vision,
    or the exchange that lists its shares; and the paragraphs right after it that open with the
    company's name. A story that ends on what a company is, its headquarters or its staff,
    without such words, keeps its paragraphs."""
    half = len(units) // 2
    blocks = block_runs(units[half:])
    for k, block in enumerate(blocks):
        first = block[0]
        if first.kind is not None or (" is " not in first.text and " are " not in first.text):
            continue
        opening = _COMPANY_IS_RE.match(first.text)
        if opening is None or not _SIGNATURE_RE.search(" ".join(u.text for u in block)):
            continue
        name = opening.group("name")
        for unit in block:
            unit.kind = unit.kind or SegmentKind.CREDIT
        for after in blocks[k + 1 : k + 1 + _SECTION_BLOCKS]:
            if not after[0].text.startswith(name):
                break
            for unit in after:
                unit.kind = unit.kind or SegmentKind.CREDIT
