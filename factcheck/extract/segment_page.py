"""Stage ② segment, whole pages: a web page copied from a browser and pasted as text.

A browser's select-all-copy gives the story with the page around it, one line per block: menus
and footers of links ("Home", "News", "Sport", ...), share bars ("Share", "Tweet", "Email"), a
head of navigation above the headline, and below the story boxes of other stories, comment
threads and the site's footer. Each is told by its shape: a run of short lines is a list of
links; the story is the stretch of blocks that weighs most, its sentences' words for it and the
lines of lists of links against it (the whole page is weighed at once, not line by line), cut
before a thread of comments; its headline is the line that heads that stretch. Every line above
the headline is the page's, and so is every line after the story.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from factcheck import regexes
from factcheck.extract.segment_dates import AGO_RE, TIME, TIME_24, parse_date
from factcheck.extract.segment_furniture import Unit
from factcheck.extract.segment_notices import notice_kind
from factcheck.extract.segment_sections import opens_box
from factcheck.extract.segment_text import KANA_HAN, REQUIRED_FIELD_RE
from factcheck.extract.segment_title import title_case
from factcheck.lexicon import words
from factcheck.models import SegmentKind

_LINK_WORDS = 4
"""The most words of a line in a list of links: "Support independent journalism"."""
_LINK_CHARS = 40
"""The most characters of such a line (a sentence in a script without spaces is one word)."""
_WORD_CHARS = 16
"""The most characters of a one-word line in such a list: a line of a script written without
spaces is a sentence."""
_MENU = 3
"""The fewest short lines in a row that make a list of links in a pasted page: a menu, a share
bar."""
_LONG_MENU = 6
"""The fewest such lines that make a list of links in any text."""
_HEAD_LINKS = 4
"""The fewest short lines above a story's first paragraphs that make its text a whole page."""
_PROSE_CHARS = 80
"""The fewest characters of sentences that make a paragraph of prose (about 15 words)."""


def _is_link(run: list[Unit]) -> bool:
    """Whether a block is a line of a list of links: a few words without final punctuation,
    figures or a label's colon ("Home", "World News", "Share")."""
    if len(run) != 1:
        return False
    unit = run[0]
    piece = unit.text
    # The cheap tests first: most lines of a story fail one of them.
    if unit.terminal or len(piece) > _LINK_CHARS or piece.endswith(":"):
        return False
    return (
        (len(piece) <= _WORD_CHARS or unit.words > 1)
        and unit.words <= _LINK_WORDS
        and "\u3001" not in piece
        and not any(map(str.isdigit, piece))
    )


def _is_prose(run: list[Unit]) -> bool:
    """Whether a block is a paragraph of prose: sentences of the body of enough characters, not
    the site's notices (a cookie banner)."""
    said = [u for u in run if _is_said(u)]
    if sum(len(u.text) for u in said) < _PROSE_CHARS:
        return False  # most lines of a page, told without reading their words
    return sum(len(u.text) for u in said if notice_kind(u.text, u.words) is None) >= _PROSE_CHARS


def _menus(runs: list[list[Unit]], least: int = _MENU) -> list[tuple[int, int]]:
    """The lists of links among RUNS, as (first, end) block indices: LEAST short lines or more
    in a row."""
    found = []
    i = 0
    while i < len(runs):
        j = i
        while j < len(runs) and _is_link(runs[j]):
            j += 1
        if j - i >= least:
            found.append((i, j))
        i = max(j, i + 1)
    return found


def classify_menus(runs: list[list[Unit]]) -> None:
    """Mark RELATED the body lines of a long list of links anywhere in a text: six short lines or
    more in a row, without final punctuation or figures (a site's menu, its footer's links). A
    list of ingredients or results has figures; a list of a story's points has sentences."""
    for first, end in _menus(runs, _LONG_MENU):
        for run in runs[first:end]:
            if run[0].kind is None:
                run[0].kind = SegmentKind.RELATED


def classify_page(runs: list[list[Unit]], headline: Unit | None) -> None:
    """Mark RELATED, in a pasted page whose HEADLINE was found (``page_headline``), or else
    whose story has lists of links above it (``page_story``), the body lines of every list of
    links below the headline (a share bar, tags, a menu in the footer),
    the lines without final punctuation between the headline and the story's first paragraph,
    lines printed again (``_classify_repeats``), and every body line after the story
    (``story_region``): boxes of other stories, comments, the site's footer. RUNS are the units
    by block (``block_runs``)."""
    if headline is None:
        first = page_story(runs)
        start = None if first is None else first - 1
    else:
        start = next((k for k, run in enumerate(runs) if headline in run), None)
    if start is None:
        return
    for first, end in _menus(runs[start + 1 :]):
        for run in runs[start + 1 + first : start + 1 + end]:
            if run[0].kind is None:
                run[0].kind = SegmentKind.RELATED
    lead, passed = story_region(runs[start + 1 :])[0], False
    above = [" ".join(unit.text for unit in run) for run in runs[start + 1 : start + 1 + lead]]
    printed = Counter(above)
    for k, run in enumerate(runs[start + 1 :]):
        if k < lead and printed[above[k]] > 1:
            # A caption printed again and again above the story (a gallery's slides): the
            # story's paragraphs are printed once.
            for unit in run:
                unit.kind = unit.kind or SegmentKind.CAPTION
            continue
        if _is_prose(run) or (passed and any(map(_is_said, run))):
            if k >= lead or passed:
                break  # the story's first paragraph
            passed = True  # a notice over a video's playlist, which the story comes after
        for unit in run:
            if unit.kind is None and not _is_said(unit):
                unit.kind = SegmentKind.RELATED  # a teaser, a credit, a player's title
    _classify_repeats(runs[start + 1 :])
    first, end = story_region(runs[start + 1 :])
    if first == end:
        return  # no prose after the headline: nothing tells the story's end
    for run in runs[start + 1 + end :]:
        for unit in run:
            if unit.kind is None:
                unit.kind = SegmentKind.RELATED


_LINK_COST = 20
"""What a line of a list of links weighs against the story: as much as a sentence's words."""
_SENTENCE_WORDS = 8
"""The fewest words of sentences that make a block weigh for the story (a caption's credit, a
button's "Read more." weigh nothing)."""


def _weight(run: list[Unit]) -> int:
    """What a block weighs for being the story's: the words of its sentences, less the words of
    its lines without final punctuation and of its furniture, and a line of a list of links
    much less."""
    if _is_link(run):
        return -_LINK_COST
    if _is_teaser(run):
        return -sum(_word_count(unit.text) for unit in run[:1])
    said = other = 0
    for unit in run:
        if _is_said(unit):
            said += _word_count(unit.text)
        else:
            other += _word_count(unit.text) if unit.words < _LONG else unit.words
    return (said if said >= _SENTENCE_WORDS else 0) - other


_TEASER_HEADLINE_WORDS = 4


def _is_teaser(run: list[Unit]) -> bool:
    """Whether RUN is another story's teaser: its headline in title case, then its opening
    sentence on the same line ("Tape Gaffe Ends The Title RunThe champion's run was foiled
    ..."). A story's paragraph never opens with a headline."""
    first = run[0]
    if first.kind is not None:
        return False
    if len(run) > 1:
        return (
            not first.terminal
            and first.words >= _TEASER_HEADLINE_WORDS
            and _is_said(run[1])
            and title_case(first.text)
        )
    # The headline run into the sentence: "… Rivertown NeighborhoodVisiting Rivertown, or …"
    glued = _GLUED_TEASER_RE.search(first.text) if first.terminal else None
    return glued is not None and title_case(first.text[: glued.start() + 1])


_GLUED_TEASER_RE = regexes.compile(r"[a-z][A-Z][a-z]+(?:\s+[A-Z][\w'\u2019,]*){0,3}\s+[a-z]")
"""A sentence's first word run into the last word of a headline, the sentence going on in
lower case within a few words."""


def _is_said(unit: Unit) -> bool:
    """Whether UNIT is a sentence of the body: a full stop of a script written without spaces
    ("。") ends one too."""
    return unit.kind is None and unit.terminal


def _word_count(piece: str) -> int:
    """The words of PIECE: those between spaces, and in a script written without them (Chinese,
    Japanese) one for every two of its characters."""
    return len(piece.split()) + len(_wide_re().findall(piece)) // _WIDE_CHARS


@cache
def _wide_re() -> re.Pattern[str]:
    """Kana and CJK ideographs: the letters of scripts written without spaces (compiled when a
    text first needs it: the ranges are wide, and few texts are read so)."""
    return regexes.compile(f"[{KANA_HAN}]")


_WIDE_CHARS = 2
_LONG = 99
"""``Unit.words`` of a text too long to be furniture."""


def story_region(runs: list[list[Unit]], *, boxes: bool = False) -> tuple[int, int]:
    """The story among RUNS, as (first, end) block indices: the stretch of blocks of the most
    weight (``_weight``), found in one pass (the maximum subarray: Finn, Kushmerick and Smyth's
    Body Text Extraction), cut before a thread of comments that follows the story. With BOXES,
    a labelled box of headlines weighs nothing (``_labelled_boxes``): where the story starts is
    then looked for across a box the site set inside it."""
    best, total, first, found = 0, 0, 0, (0, 0)
    listed = _figure_lists(runs) | (_labelled_boxes(runs) if boxes else set())
    for i, run in enumerate(runs):
        if total <= 0:
            total, first = 0, i
        total += 0 if i in listed else _weight(run)
        if total > best:
            best, found = total, (first, i + 1)
    end = found[1]
    if found[0] < end < len(runs) - 1:
        # A list with figures right after the last paragraph, under its heading or not, ends
        # the story (the dates of a tour, a table of results).
        head = end + (end not in listed and end + 1 in listed and runs[end][0].words <= _HEADING)
        tail = head
        while tail in listed:
            tail += 1
        if tail - head >= _LONG_LIST:
            end = tail  # a box of other stories' headlines with figures is shorter
    return found[0], _before_comments(runs, found[0], end)


_BOX_LABEL_WORDS = 7
_BOX_HEADLINE_WORDS = 20


def _labelled_boxes(runs: list[list[Unit]]) -> set[int]:
    """The blocks of RUNS in a box of other stories' headlines under its label ("Most read in
    world news"), which weigh nothing: a box the site sets inside the story leaves the story's
    paragraphs above and below it one story. The box is its label and the lines without a
    sentence's end under it."""
    boxed: set[int] = set()
    i = 0
    while i < len(runs):
        unit = runs[i][0]
        i += 1
        if len(runs[i - 1]) > 1 or unit.terminal or unit.words > _BOX_LABEL_WORDS:
            continue
        if not opens_box(unit.text):
            continue
        j = i
        while j < len(runs) and len(runs[j]) == 1 and not runs[j][0].terminal:
            if runs[j][0].words > _BOX_HEADLINE_WORDS:
                break
            j += 1
        if j > i:
            boxed.update(range(i - 1, j))
            i = j  # a label among the box's lines opens no box of its own
    return boxed


def _figure_lists(runs: list[list[Unit]]) -> set[int]:
    """The blocks of RUNS in a list of the story's, which weighs nothing against it: three
    lines or more in a row without a sentence's end, each with a figure (ingredients, the dates
    of a tour, a table's rows) or the same two marks or more between its words as the line
    before it ("Team (Group A): Fifth place")."""
    listed: set[int] = set()
    keys = [_list_keys(run) for run in runs]
    row: list[int] = []
    for i, key in enumerate([*keys, None]):
        last = keys[row[-1]] if row else None
        if key is not None and last is not None and last & key:
            row.append(i)
            continue
        if len(row) >= _LIST_LINES:
            listed.update(row)
        row = [i] if key is not None else []
    return listed


def _list_keys(run: list[Unit]) -> set[str] | None:
    """What a line of a list may share with the line before it: a figure ("#") and its marks
    (of two or more); None for a block that is no line of a list."""
    if len(run) != 1 or _is_said(run[0]):
        return None
    keys = {"#"} if any(map(str.isdigit, run[0].text)) else set()
    marks = _MARKS_RE.sub("", run[0].text)
    if len(marks) >= _LIST_MARKS:
        keys.add(marks)
    return keys or None


_LIST_MARKS = 2
_MARKS_RE = regexes.compile(r"[^\W_]+|\s+")
"""Letters, figures and spaces: what is left of a line without them is its marks."""
_LIST_LINES = 3
_LONG_LIST = 6
_HEADING = 8
"""The most words of a list's heading: "The Tour Dates"."""


def _before_comments(runs: list[list[Unit]], first: int, end: int) -> int:
    """The end of the story in RUNS[FIRST:END] before a thread of comments: at the heading of a
    thread ("12 thoughts on ..."), or at the first of two marks of a comment or more from FIRST
    on: a commenter's name over their words ("jane says:", "Jo on May 2, 2019 at 4:47 pm
    said:"), the date and time of a comment on a line of its own, a button to answer one
    ("Reply"), a field the form to comment requires ("Name *")."""
    marks = (k for k in range(first, len(runs)) if _is_comment_mark(runs[k][-1]))
    cut, again = next(marks, end), next(marks, None)
    if again is not None and cut < end:
        return cut
    heading = next((k for k in range(first, end) if _is_thread_heading(runs[k][0])), end)
    return heading


_MARK_WORDS = 5


_NAME_WORDS = 3
"""The most words of a commenter's name over their comment."""


def _is_comment_mark(unit: Unit) -> bool:
    piece = unit.text.rpartition("\n")[2].casefold()
    if piece.endswith(_COMMENT_ENDS):
        return unit.words <= _NAME_WORDS + 1 or _stamp_re().search(piece) is not None
    if unit.words > _STAMP_WORDS or unit.terminal:
        return False
    if unit.words <= _MARK_WORDS and REQUIRED_FIELD_RE.search(piece):
        return True  # "Name *", "Correo electrónico (*):": a field of the form to comment
    if _time_re().search(piece) and (parse_date(unit.text) or AGO_RE.fullmatch(unit.text)):
        return True  # "August 8, 2018 at 3:17 pm", "2 days ago at 7:52 am": a day and a time
    return unit.words <= _MARK_WORDS and piece in words("comment_buttons")


_STAMP_WORDS = 8
_TIMES = rf"{TIME}|{TIME_24}"


@cache
def _time_re() -> re.Pattern[str]:
    """A time of day, compiled when a text first needs it (a page with comments)."""
    return regexes.compile(_TIMES, re.IGNORECASE)


def _is_thread_heading(unit: Unit) -> bool:
    """Whether UNIT heads a thread of comments: a count of them on the story ("12 thoughts on
    “...”", "34 responses to ...")."""
    match = _THREAD_RE.match(unit.text)
    return match is not None and match[1].casefold() in words("comment_counts")


_THREAD_RE = regexes.compile(r"(?:\d+|[Oo]ne) (\w+) (?:on|to) ")


_COMMENT_ENDS = (" says:", " said:", " wrote:")


def page_story(runs: list[list[Unit]]) -> int | None:
    """The block of the story's first paragraph (``story_region``) when lists of links stand
    above it, None when the text is no pasted page."""
    menus = _menus(runs)
    if not menus:
        return None  # most texts: no list of links at all, and no paragraph is read
    start, end = story_region(runs, boxes=True)
    if start == end or menus[0][1] > start:
        return None
    if sum(map(_is_link, runs[:start])) < _HEAD_LINKS:
        return None  # a short list above the story's paragraphs: the story's own
    return start


@cache
def _stamp_re() -> re.Pattern[str]:
    """A time of day or a time told from now ("2 days ago", "5 min read"), compiled when a text
    first needs it (a page with comments, or a pasted page's headline)."""
    return regexes.compile(rf"{_TIMES}|\b(?:ago|min read)\b", re.IGNORECASE)


_TWIN_REACH = 3
"""A teaser printed twice (under its picture and as a link) comes again within this many lines."""
_LABEL_REPEATS = 3
"""A short line printed this often is a label of the page (a section's name over each teaser)."""


def _classify_repeats(runs: list[list[Unit]]) -> None:
    """Mark RELATED the lines of a pasted page that repeat: a line without final punctuation
    printed again within three lines (a teaser under its picture and as its link), and a short
    line printed three times or more (a section's name over each teaser, "Advertisement")."""
    counts = Counter(run[0].text for run in runs if len(run) == 1 and run[0].words <= _LINK_WORDS)
    lines = [run[0] for run in runs if len(run) == 1 and run[0].kind is None]
    for i, unit in enumerate(lines):
        if unit.terminal:
            continue
        near = lines[max(0, i - _TWIN_REACH) : i] + lines[i + 1 : i + 1 + _TWIN_REACH]
        twin = any(u.text == unit.text for u in near)
        if twin or counts[unit.text] >= _LABEL_REPEATS:
            unit.kind = SegmentKind.RELATED
