"""Stage ② segment, a pasted page's headline: the line that heads the story of a web page copied
from a browser and pasted as text (``segment_page``).

Between the headline and the story's first paragraph a page prints its standfirst, byline and
date, a picture's caption and credit, a share bar, a video's playlist; around them, boxes of
other stories' headlines and menus. The headline is the line above the story that reads as one
and shares the most words with the story's opening. A line is read as printed, whole: the
sentence splitter may have cut it ("The Future of Fares … Explained") and a glued line may run
on into it ("... Tourists" over "see also"). The lines of a box of other stories' headlines
(four or more in a row, but the last) and a line among a menu's links are none. A headline of
a few words, which reads as a link, is taken only right above a byline or a date and when no
longer line shares the story's words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from factcheck import regexes
from factcheck.extract.segment_dates import parse_date
from factcheck.extract.segment_furniture import Unit, ends_sentence
from factcheck.extract.segment_head import is_navigation, trail_steps
from factcheck.extract.segment_notices import notice_kind
from factcheck.extract.segment_page import (
    _LINK_WORDS,
    _is_link,
    _stamp_re,
    _word_count,
    page_story,
)
from factcheck.extract.segment_title import head_furniture, title_case
from factcheck.lexicon import words
from factcheck.models import SegmentKind

_HEADLINE_REACH = 20
"""The most lines between the headline and the story's first paragraph (a byline, a date, a
caption and its credit, a share bar, a video's playlist), short lines and boxes of other
stories' headlines left out: the story's words tell the headline from the others."""
_HEADLINE_WORDS = 30
_TEASERS = 4
"""The fewest lines in a row that read as headlines that make a box of other stories'."""
_MENU_SIDE = 3
"""The lines of links right above and right below a line that make it a menu's own."""
_OPENING_BLOCKS = 6
_BARS = 2
_ASKS = ("?", "!", "\uff1f", "\uff01")
"""The ends of a headline that asks or exclaims, in Latin and in Chinese or Japanese type."""
_LABELS = 2
_SHORT_WORDS = 2
_KICKER_WORDS = 2
_PASSED_LINES = 3
"""The most short lines between a headline of a few words and its byline or date."""
_TRAIL_STEPS = 2
_CRUMB_HEADLINE_WORDS = 3
"""The fewest words of a headline a navigation trail ends with: a section's name has fewer."""
_WEAK_SHARE = 1
"""The most words of the story's opening a headline may share and still give way to a nearer
line with a byline or a date under it."""
_TERSE_WORDS = 15
"""The most words of a headline of short sentences that ends with a full stop."""
_TERSE_SENTENCE_WORDS = 10


@dataclass(frozen=True)
class _Line:
    """The first line of a block above the story, as printed."""

    start: int
    end: int
    text: str
    terminal: bool
    words: int
    stops: bool
    """Whether a sentence ends inside the line: a standfirst or a paragraph of two sentences (a
    kicker's word or two may end with a full stop before the headline: "Update. Fares rise")."""
    kind: SegmentKind | None = None
    """The kind of furniture a piece of the line was told to be, if any."""


def page_headline(text: str, units: list[Unit], runs: list[list[Unit]]) -> int | None:
    """The index in UNITS of a pasted page's headline, when lines of links stand above the
    story (``page_story``); None when the text has no such head. Of the last lines above the
    story's first paragraph that read as a headline, it is the one that shares the most words
    with the story's opening (a teaser of another story, a credit or a share bar shares few),
    the tighter first, or the shorter line just above it that shares words with both (a
    headline over its standfirst); failing one that shares any, the nearest line of a few
    words over a byline or a date that does (``_is_short_headline``). A headline the sentence
    splitter cut, or that a glued line runs on from, is made one unit of its own in UNITS and
    in RUNS (the units by block)."""
    start = page_story(runs)
    if start is None:
        return None
    opening = {
        w for run in runs[start : start + _OPENING_BLOCKS] for u in run for w in _long_words(u.text)
    }
    crumbed = _crumbed_headline(text, runs, start, opening)
    if crumbed is not None:
        return _carve(text, units, runs[crumbed[0]], crumbed[1])
    skipped = _teaser_boxes(text, runs, start) | _menu_lines(runs, start)
    best: tuple[int, _Line] | None = None
    short: tuple[int, _Line] | None = None
    terse: tuple[int, _Line] | None = None
    stamped: tuple[int, _Line] | None = None
    score, seen, at = (0, 0.0), 0, 0
    above: dict[int, tuple[int, _Line, int, set[str]]] = {}
    byline_at: int | None = None  # the byline nearest the story
    # The story's first block is a headline only as a line of its own that asks or exclaims.
    for k in range(start if len(runs[start]) == 1 else start - 1, -1, -1):
        line = _first_line(text, runs[k])
        if byline_at is None and line.kind is SegmentKind.BYLINE:
            byline_at = k
        if short is None and _is_short_headline(line, runs, k, opening):
            short = (k, line)
        if line.kind is not None or line.words <= _LINK_WORDS or k in skipped:
            continue  # a share bar, a label, another story's headline: the headline is above
        seen += 1
        if seen > _HEADLINE_REACH:
            break
        if _reads_as_headline(line):
            if stamped is None and _stamp_below(runs, k):
                stamped = (k, line)
            own = _long_words(line.text)
            shared = len(own & opening)
            here = (shared, shared / len(own) if own else 0.0)
            above[seen] = (k, line, shared, own)
            if best is None or here > score:
                best, score, at = (k, line), here, seen
        elif terse is None and _is_terse_headline(runs, k, line, opening):
            terse = (k, line)
    if best is None or score[0] == 0:
        best = short or best  # no longer line shares the story's words
    if stamped is not None and score[0] <= _WEAK_SHARE and (best is None or stamped[0] > best[0]):
        # A byline or a date right under a line nearer the story says more than a word or so
        # that a line further up shares with it: that line is the headline.
        best = stamped
    if best is None:
        best = terse  # no other line reads as a headline
    if best is None:
        return None
    if byline_at is not None and (
        best[0] > byline_at
        or (best[0] + 1 < byline_at and runs[best[0] + 1][0].kind is SegmentKind.BYLINE)
    ):
        # Under the story's byline stand a picture's caption or a video's title, not its
        # headline; above it, a headline over a byline of its own is another story's (a box of
        # the author's stories, each over their name). The headline is the nearest line over
        # the story's byline that shares the story's words.
        over = [(k, line) for k, line, shared, _ in above.values() if k < byline_at and shared]
        if over:
            best = max(over, key=lambda found: found[0])
            at = next(seen for seen, found in above.items() if found[0] == best[0])
    if at + 1 in above:
        k, line, shared, own = above[at + 1]
        if shared and own & _long_words(best[1].text) and line.words < best[1].words:
            best = (k, line)  # a headline over its standfirst, which shares more of the story
    return _carve(text, units, runs[best[0]], best[1])


def _crumbed_headline(
    text: str, runs: list[list[Unit]], start: int, opening: set[str]
) -> tuple[int, _Line] | None:
    """The line right over or under a navigation trail that ends with it ("Home > Tips > Ferry
    Fares Explained…" under "Ferry Fares Explained…"), of a few words or more and sharing
    words with the story's OPENING: a trail ends with the page it leads to. A headline of a
    few words, or one ending with an ellipsis, reads as no other. The trail is marked the
    page's."""
    for k in range(start - 1, max(0, start - _HEADLINE_REACH) - 1, -1):
        steps = trail_steps(_first_line(text, runs[k]).text)
        if len(steps) < _TRAIL_STEPS:
            continue
        for near in (k - 1, k + 1):
            if not 0 <= near < start:
                continue
            line = _first_line(text, runs[near])
            if (
                line.text == steps[-1]
                and line.words >= _CRUMB_HEADLINE_WORDS
                and not _long_words(line.text).isdisjoint(opening)
            ):
                for unit in runs[k]:
                    unit.kind = SegmentKind.RELATED  # the trail, the page's navigation
                return near, line
    return None


def _is_short_headline(line: _Line, runs: list[list[Unit]], k: int, opening: set[str]) -> bool:
    """Whether LINE, the first of block K of RUNS, is a headline of a few words: two words or
    more that read as a headline, above a byline or a date (``_stamp_below``), and one of them
    in the story's OPENING words ("Ferry Fares Explained" over "By Jane Roe")."""
    return (
        _SHORT_WORDS <= line.words <= _LINK_WORDS
        and line.kind in (None, SegmentKind.RELATED)  # a menu's line by its shape
        and _stamp_below(runs, k)
        and _reads_as_headline(line)
        and not _long_words(line.text).isdisjoint(opening)
    )


def _stamp_below(runs: list[list[Unit]], k: int) -> bool:
    """Whether a byline or a date stands under block K of RUNS, right under it or past a few
    lines of a word or a few each (a picture's credit, a section's label, a time stamp)."""
    for below in runs[k + 1 : k + 2 + _PASSED_LINES]:
        if below[0].kind is not SegmentKind.BYLINE and below[0].text.endswith(":"):
            return False  # "Publish date:", the stamp's label: what is over it is its author
        if below[0].kind in (SegmentKind.BYLINE, SegmentKind.DATELINE):
            return True
        if len(below) > 1 or below[0].terminal or below[0].words > _LINK_WORDS:
            return False
    return False


def _is_terse_headline(runs: list[list[Unit]], k: int, line: _Line, opening: set[str]) -> bool:
    """Whether LINE, the first of block K of RUNS, is a headline of short sentences that ends
    with a full stop ("Fares rise. Again."), right under a list of links and sharing words with
    the story's OPENING: a standfirst has a sentence of more words, a caption stands lower."""
    if not line.terminal or line.words > _TERSE_WORDS or k == 0 or not _is_link(runs[k - 1]):
        return False
    sentences = [u for u in runs[k] if u.start < line.end]
    if any(u.words > _TERSE_SENTENCE_WORDS for u in sentences):
        return False
    if _long_words(line.text).isdisjoint(opening):
        return False
    return _reads_as_headline(replace(line, terminal=False, stops=False))


def _first_line(text: str, run: list[Unit]) -> _Line:
    """The first line of the block RUN as printed: the whole block, or its first line where a
    short glued line runs on from it ("... Tourists" over "see also")."""
    start, end = run[0].start, run[-1].end
    cut = text.find("\n", start, end)
    if cut >= 0:
        head = text[start:cut].rstrip()
        last = head.rsplit(None, 1)[-1].lower() if head else ""
        if not ends_sentence(text[start:end]) and last not in words("continuation_words"):
            end = start + len(head)  # the glued line is the page's, not the headline's
    covered = [u for u in run if u.start < end]
    kind = next((u.kind for u in covered if u.kind is not None), None)
    piece = text[start:end]
    stops = any(
        u.terminal and u.words > _KICKER_WORDS and not u.text.endswith("…") for u in covered[:-1]
    )
    terminal = ends_sentence(piece)
    return _Line(start, end, piece, terminal, _word_count(piece), stops, kind)


def _carve(text: str, units: list[Unit], run: list[Unit], line: _Line) -> int:
    """The index in UNITS of a unit that is LINE, made of the units of its block RUN where the
    sentence splitter cut the line; a glued line after it becomes a unit of its own."""
    covered = [u for u in run if u.start < line.end]
    if len(covered) == 1 and covered[0].end == line.end:
        covered[0].kind = None  # a short headline a list of links held
        return units.index(covered[0])
    first = units.index(covered[0])
    last = covered[-1]
    pieces = [Unit(line.start, line.end, last.block, line.text, None, line.terminal)]
    if last.end > line.end:
        rest = len(text) - len(text[line.end :].lstrip())
        piece = text[rest : last.end]
        pieces.append(Unit(rest, last.end, last.block, piece, None, ends_sentence(piece)))
    units[first : first + len(covered)] = pieces
    at = run.index(covered[0])
    run[at : at + len(covered)] = pieces
    return first


def _teaser_boxes(text: str, runs: list[list[Unit]], start: int) -> set[int]:
    """The blocks above START in a box of other stories' headlines: four lines or more in a
    row that read as headlines, each with its section's label over it or its date under it at
    most, but the last, which may be the story's own below the box. When every headline of the
    row stands between the same two kinds of line (a label over it, a date under it), the last
    is one more of the box's."""
    boxed: set[int] = set()
    row: list[int] = []
    for k in range(start + 1):
        line = _first_line(text, runs[k]) if k < start else None
        if line is not None and len(runs[k]) == 1 and _teaser_mark(line):
            continue  # a teaser's label or date, inside the row
        if (
            line is not None
            and line.kind is None
            and line.words > _LINK_WORDS
            and _reads_as_headline(line)
        ):
            row.append(k)
            continue
        if len(row) >= _TEASERS:
            alike = len({_sides(runs, i) for i in row}) == 1 and None not in _sides(runs, row[0])
            boxed.update(row if alike else row[:-1])
        row = []
    return boxed


_TEASER_MARKS = (SegmentKind.DATELINE, SegmentKind.TAGS)


def _teaser_mark(line: _Line) -> bool:
    """Whether LINE is what a box sets over or under each headline: a date, a section's label
    (a few words in capitals: "AUTO NEWS")."""
    if line.kind in _TEASER_MARKS:
        return True
    return line.kind is None and line.words <= _LINK_WORDS and line.text.isupper()


def _sides(runs: list[list[Unit]], k: int) -> tuple[SegmentKind | None, SegmentKind | None]:
    """The kinds of the lines right over and right under block K."""
    over = runs[k - 1][0].kind if k else None
    under = runs[k + 1][0].kind if k + 1 < len(runs) else None
    return over, under


def _menu_lines(runs: list[list[Unit]], start: int) -> set[int]:
    """The blocks above START with lines of links right above and right below them: a menu's
    line of more words ("Guide to Fares and Passes")."""
    links = [_is_link(run) for run in runs[: start + _MENU_SIDE]]
    side = [True] * _MENU_SIDE
    return {
        k
        for k in range(_MENU_SIDE, start)
        if links[k - _MENU_SIDE : k] == side == links[k + 1 : k + 1 + _MENU_SIDE]
    }


def _long_words(piece: str) -> set[str]:
    """The words of four letters or more in PIECE, in lower case."""
    return {w.casefold() for w in _WORD_RE.findall(piece) if len(w) >= 4}


_WORD_RE = regexes.compile(r"[^\W\d_]+")


def _reads_as_headline(line: _Line) -> bool:
    piece = line.text
    stops = line.stops or (line.terminal and not piece.rstrip("”’\"')").endswith(_ASKS))
    if stops and not title_case(piece):
        return False  # a caption or a standfirst; a headline may ask or exclaim, or end its
        # sentences with full stops in title case ("Fares Rise Again. Here's Why.")
    if piece[0].islower() or not (piece[0].isalnum() or piece[0] in "“\"‘'[("):
        return False  # a line that goes on; a script without capitals has none to open with
    if line.words > _HEADLINE_WORDS or piece.endswith((":", ";", ",")):
        return False
    if piece.count(":") >= _LABELS:
        return False  # a row of labels and values: "Price: $40 More info: ..."
    if is_navigation(piece) or piece.count(" | ") >= _BARS:
        return False  # a breadcrumb trail, a row of links
    if parse_date(piece) is not None or _stamp_re().search(piece):
        return False  # a byline or a stamp with its date or time
    if head_furniture(line) is not None:
        return False  # a prompt ("Follow Jane Roe on Twitter"), a credit, a contact line
    if notice_kind(piece, line.words) is not None:
        return False  # the site's notice: "Something went wrong with the connection!"
    interface = words("interface_words")
    said = [w.strip(".,:;!?|()").lower() for w in piece.split()]
    return 2 * sum(w in interface for w in said) < len(said)  # "Share this article"
