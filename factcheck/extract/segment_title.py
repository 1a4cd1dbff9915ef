"""Stage ② segment, the headline: which line of the text is its headline, and its repeats.

The headline is the first short line without final punctuation before the body starts (a line
above it may be a masthead, navigation or a label: ``segment_head`` tells those apart); a
repetition of it later in the text, or of the title the page states, is the headline too, and
lines in title case above it are kickers or other stories' headlines.
"""

from __future__ import annotations

from factcheck import regexes
from factcheck.extract.segment_debris import is_follow_line, is_foreign_interface
from factcheck.extract.segment_furniture import (
    HEADING_MAX_WORDS,
    WIRE_DATELINE_RE,
    Unit,
    _shape_kind,
)
from factcheck.extract.segment_head import Line, above_headline, is_masthead, stamped_name
from factcheck.extract.segment_text import KANA_HAN
from factcheck.lexicon import words
from factcheck.models import SegmentKind

_TITLE_NORMALISE_RE = regexes.compile(r"[\W_]+")
_TITLE_MAX_WORDS = 30


def _normalise_title(piece: str) -> str:
    return _TITLE_NORMALISE_RE.sub(" ", piece).strip().casefold()


def classify_title(units: list[Unit], known_title: str | None, top: int | None) -> Unit | None:
    """The headline: the first short line without final punctuation before the body starts,
    and every later repetition of it (or of the title the document already has). In a whole
    page pasted as text, the line heading the story (``page_headline``), every line above it
    the page's furniture: TOP is its index in UNITS, or None."""
    headline: Unit | None = None
    for i, unit in enumerate(units):
        if unit.kind is not None:
            continue
        if i == top:
            headline = unit
            unit.kind = SegmentKind.TITLE
            break
        if _over_button(units, i):
            # A site's notice over its button ("Welcome to our edition" over "Learn more"):
            # the page's, and the headline follows.
            unit.kind = units[i + 1].kind = SegmentKind.RELATED
            continue
        if _over_credit(units, i):
            unit.kind = SegmentKind.CAPTION  # a picture's caption over the headline
            continue
        above = above_headline(
            units,
            i,
            lambda j: _looks_like_headline(units, j, known_title),
            lambda j: head_furniture(units[j]),
            _TITLE_MAX_WORDS,
        )
        if above is not None:
            unit.kind = above  # a masthead, a navigation trail or a label: the headline follows
            continue
        if _is_interface_link(unit):
            unit.kind = SegmentKind.RELATED  # "Zurück zur Startseite", "Voltar ao início"
            continue
        stamp = _stamp_block(units, i)
        if stamp:
            for line in stamp:
                line.kind = SegmentKind.DATELINE  # "Von Jane Roe publiziert am 3. Juni 2024"
            continue
        if top is not None:
            unit.kind = head_furniture(unit) or SegmentKind.RELATED  # the page's, above it
            continue
        later = None if known_title else dated_headline_below(units, i)
        if later is not None:
            headline = _dated_head(units, i, later)
            break
        if not unit.terminal and is_follow_line(unit.text):
            unit.kind = SegmentKind.RELATED  # where to follow the site, over its headline
            continue
        # Beside a page's stated title, a first line is a headline only if it shares its words.
        if _looks_like_headline(units, i, known_title) and _near_title(unit.text, known_title):
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
            # A word of letters and digits only is its own normal form once case-folded; one
            # with a hyphen or a quote ("13-Inch") may be more than one word once normalised.
            if first.isalnum():
                first = first.casefold()
            else:
                first = (_normalise_title(first).split(None, 1) or [""])[0]
            if first in first_words and _normalise_title(unit.text) in wanted:
                unit.kind = SegmentKind.TITLE
    _kickers(units)
    return headline


def _over_button(units: list[Unit], i: int) -> bool:
    """Whether line I, without final punctuation, stands right over a button of a site's
    notice, a line of its own ("Learn more", "Accept & Close"): a headline never does."""
    if units[i].terminal or i + 1 >= len(units):
        return False
    button = units[i + 1]
    return (
        button.kind is None
        and button.block != units[i].block
        and button.text.rstrip(".!").casefold() in words("notice_buttons")
    )


def _over_credit(units: list[Unit], i: int) -> bool:
    """Whether line I is a sentence that its picture's credit ends ("Crews at work on the
    launch pad. (Credit: Jo Lee)") right over a line that reads as a headline: a caption."""
    unit = units[i]
    if not unit.terminal or i + 2 >= len(units):
        return False
    credit, below = units[i + 1], units[i + 2]
    return (
        credit.kind is SegmentKind.CREDIT
        and credit.block == unit.block
        and below.block != credit.block
        and _looks_like_headline(units, i + 2, None)
    )


_LINK_WORDS = 4
_INTERFACE_WORDS = words("interface_words") | words("foreign_interface_words")
"""An interface's words in English and in the other languages sites are written in."""
_STAMP_WORDS = 10


def _is_interface_link(unit: Unit) -> bool:
    """Whether UNIT is a link of the page's interface in any language: a few words without
    final punctuation, most of them an interface's ("Back to overview", "Zurück zur Übersicht",
    "Voltar ao topo")."""
    if is_foreign_interface(unit.text, unit.terminal):
        return True  # "このニュースをシェア", "회원가입": a script the words below are not in
    if unit.terminal or unit.words > _LINK_WORDS:
        return False
    said = [w.strip(".,:;!?|()\u00ab\u00bb\u2039\u203a<>").lower() for w in unit.text.split()]
    return 2 * sum(w in _INTERFACE_WORDS for w in said) > len(said)


def _stamp_block(units: list[Unit], i: int) -> list[Unit]:
    """The lines of the block that line I opens when it is a stamp in any language: a few words
    with a figure and a word of publishing ("Posted 3 June 2024", "Von Jane Roe publiziert am
    25. Juni 2018", which the sentence splitter cuts at "25."); no lines otherwise."""
    unit = units[i]
    if i and units[i - 1].block == unit.block:
        return []
    end = i + 1
    while end < len(units) and units[end].block == unit.block:
        end += 1  # by index: a slice of the rest of the text for each line would be quadratic
    block = units[i:end]
    piece = " ".join(u.text for u in block)
    if len(piece.split()) > _STAMP_WORDS or not any(map(str.isdigit, piece)):
        return []
    said = {w.strip(".,:;|()").lower() for w in piece.split()}
    if said.isdisjoint(words("publishing_words")):
        return []
    return [u for u in block if u.kind is None]


def _kickers(units: list[Unit]) -> None:
    """Lines in title case without final punctuation above the headline, before any body
    sentence: a kicker, a section's name or another story's headline ("New Tablet Now in
    Stores")."""
    top = next((i for i, u in enumerate(units) if u.kind is SegmentKind.TITLE), 0)
    if any(u.kind is None and u.terminal for u in units[:top]):
        return
    for unit in units[:top]:
        if unit.kind is None and unit.words <= HEADING_MAX_WORDS and title_case(unit.text):
            unit.kind = SegmentKind.TITLE


def _near_title(piece: str, known_title: str | None) -> bool:
    """Whether PIECE shares words with the page's stated title: two long words, and a quarter of
    its own long words (a first sentence shares a name or two with the title, a headline most of
    its words)."""
    if known_title is None:
        return True
    shared, own = _long_words_shared(piece, known_title)
    return shared >= 2 and 4 * shared >= own


_MOSTLY = 0.6


def _shared_words(piece: str, known_title: str) -> float:
    """The share of PIECE's long words (four letters or more) that KNOWN_TITLE has too."""
    shared, own = _long_words_shared(piece, known_title)
    return shared / own if own else 0.0


def _long_words_shared(piece: str, known_title: str) -> tuple[int, int]:
    """(PIECE's long words that KNOWN_TITLE has too, PIECE's long words), each counted once."""
    known = {w for w in _normalise_title(known_title).split() if len(w) >= 4}
    own = {w for w in _normalise_title(piece).split() if len(w) >= 4}
    return len(known & own), len(own)


def head_furniture(unit: Line) -> SegmentKind | None:
    """What furniture a line above a headline is by its shape: a headline in capitals is no
    furniture there."""
    kind = _shape_kind(unit.text, unit.terminal, unit.words, False)
    if kind is SegmentKind.RELATED and not is_foreign_interface(unit.text, unit.terminal):
        # A prompt names what it is about ("Share on Facebook", "Listen to this article"); a
        # headline may open on the same verb ("Share prices fall").
        interface = words("interface_words")
        named = unit.text.split()[1:]  # what it is about, after the verb
        if not any(w.strip(".,:;!?|").lower() in interface for w in named):
            return None
    return None if kind is SegmentKind.TITLE else kind


_CASELESS_RE = regexes.compile(f"[{KANA_HAN}\uac00-\ud7af]")
"""A kana, an ideograph or a Hangul syllable: Chinese, Japanese and Korean have no capitals."""


def _looks_like_headline(units: list[Unit], i: int, known_title: str | None) -> bool:
    unit = units[i]
    if not 1 <= unit.words <= _TITLE_MAX_WORDS or i + 1 >= len(units):
        return False
    first = unit.text[0]
    if not (first.isupper() or first.isdigit() or first in "“\"‘'" or _CASELESS_RE.match(first)):
        return False  # a headline opens with a capital, or in a script that has none
    if unit.text.endswith((":", ";", ",")) or WIRE_DATELINE_RE.match(unit.text):
        return False  # "LONDON (AP) — ...": a wire story's first sentence
    if not unit.terminal:
        return True
    if unit.text.endswith("."):
        # "Visa Program Up for Renewal Amid Allegations of Fraud.": a paragraph of its own in
        # title case is a headline even with a full stop; a sentence has lowercase words.
        return units[i + 1].block != unit.block and title_case(unit.text)
    if unit.text.endswith("…"):
        return False
    # A question or exclamation counts as the headline only when the page repeats it later, or
    # when it says most of what the page's stated title says.
    if known_title is not None and _shared_words(unit.text, known_title) >= _MOSTLY:
        return True
    if _stamped_below(units, i):
        return True
    normal = _normalise_title(unit.text)
    return any(_normalise_title(u.text) == normal for u in units[i + 1 :])


_STAMPS = (SegmentKind.BYLINE, SegmentKind.DATELINE)


def _stamped_below(units: list[Unit], i: int) -> bool:
    """Whether a byline or a dateline stands right under line I, or under a line of names
    without final punctuation right under it ("Jane Roe and Jo Lee Example Gazette" over
    "Published 10:02 AM"): what only a headline has."""
    below = units[i + 1 : i + 3]
    if below[0].kind in _STAMPS:
        return True
    return (
        len(below) == 2
        and below[0].kind is None
        and not below[0].terminal
        and below[0].words <= HEADING_MAX_WORDS
        and below[1].kind in _STAMPS
    )


_DATED_REACH = 6
"""The most lines from a text's first line to a headline further down that is dated below."""
_STAMP_NAME_LINES = 2
"""The most short lines between a headline and the date under it: a name, an outlet."""


def dated_headline_below(units: list[Unit], i: int) -> int | None:
    """The index of the story's headline when line I, the first of the text, is the site's:
    below I, before any sentence of the body, stands a date, and after it a line that reads as
    a headline with its own date under it (past a name and an outlet at most). Of two short
    lines each over a date, the later one heads the story; a story's headline is not followed
    by a date and then another headline. None when the text has no such head."""
    if units[i].terminal or units[i].words > HEADING_MAX_WORDS:
        return None
    dated = False
    for j in range(i + 1, min(len(units), i + 1 + _DATED_REACH)):
        unit = units[j]
        if unit.kind is SegmentKind.DATELINE:
            dated = True
            continue
        if unit.terminal or unit.words > _TITLE_MAX_WORDS:
            return None  # the body has started
        if (
            unit.kind is None
            and dated
            and _looks_like_headline(units, j, None)
            and date_under(units, j)
        ):
            return j
    return None


def _dated_head(units: list[Unit], i: int, later: int) -> Unit:
    """Class the head that ``dated_headline_below`` found, and return its headline: the lines
    from I to LATER are the site's ("Welcome to Example.net" over today's date, a motto and a
    section), units[LATER] is the story's headline, and the lines between it and its date are
    the author's name or the outlet's."""
    for line in units[i:later]:
        if line.kind is None:
            line.kind = head_furniture(line) or SegmentKind.RELATED
    headline = units[later]
    headline.kind = SegmentKind.TITLE
    for line in units[later + 1 :]:
        if line.kind is not None:
            break
        if stamped_name(line.text) is not None:
            line.kind = SegmentKind.BYLINE
        elif line.text.startswith("The ") or is_masthead(line.text):
            line.kind = SegmentKind.CREDIT
    return headline


_STAMP_NAMES = (None, SegmentKind.BYLINE, SegmentKind.CREDIT)


def date_under(units: list[Unit], j: int) -> bool:
    """Whether a dateline stands under line J, past a few short lines at most (a name, an
    outlet)."""
    for unit in units[j + 1 : j + 2 + _STAMP_NAME_LINES]:
        if unit.kind is SegmentKind.DATELINE:
            return True
        if unit.kind not in _STAMP_NAMES or unit.terminal or unit.words > 4:
            return False
    return False


_HEADLINE_SMALL = words("headline_small_words")
_QUOTE_MARKS = "\"“‘'(["


def title_case(text: str) -> bool:
    """Whether TEXT is set in title case: at least four capitalised words and no lowercase word
    but the short ones a headline leaves small ("of", "to", "the")."""
    capitals = 0
    for word in text.split():
        word = word.lstrip(_QUOTE_MARKS)
        first = word[:1]
        if not first.isalpha():
            continue
        if first.islower():
            if word.rstrip(".,;:!?’'\"”)]").lower() not in _HEADLINE_SMALL:
                return False
        else:
            capitals += 1
    return capitals >= 4
