"""Stage ② segment, debris: lines of a page's interface or markup left in its text.

A page's text carries lines that are not sentences of anyone's: a row of other stories' headlines
between bars ("Storm hits coast | Schools close | Rates rise"), a pointer to the site's other
pages by its address ("Also on example.com ..."), a dateline cut off in its parenthesis
("RIVERTON, Ohio (Example"), a photo's caption ending with where it came from ("The new dam via
City Archive"), the counter of a gallery's slides ("3 of 12"), the shortcodes of a publishing
system ("[button link=...]"), a post's line of details, each after its label ("Posted by:
Jane Roe | Category: Health"), and what a widget shows while it loads ("Loading weather
data ..."), and a short line of the interface in another script ("このニュースをシェア",
"회원가입"), and the count of a story's comments ("167 Comments", "12 thoughts on “…”"). Each
is told by its shape alone, or by the interface's words.
"""

from __future__ import annotations

import re

from factcheck import regexes
from factcheck.extract.segment_head import is_web_name
from factcheck.extract.segment_text import UPPER, any_of, written_forms
from factcheck.lexicon import entries, words
from factcheck.models import SegmentKind

# A line that opens with a shortcode and its attributes ("[button link=...] Send us ..."); a
# bracket of an editor's words ("[the]") has no attributes, and markup inside a sentence ("said
# [b]prices[/b] rose") leaves the sentence the article's.
_SHORTCODE_RE = regexes.compile(r"\[[a-z][a-z_-]*\s+[a-z_-]+\s*=[^\]]*\]")
_OTHER_PAGES_RE = regexes.compile(
    r"(?:Also|More|Read more|Read also|See more|Watch more)\s+(?:on|at|from)\s+"
    r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\b"
)
_CUT_DATELINE_RE = regexes.compile(
    rf"[{UPPER}][{UPPER} .’'/-]{{1,40}}(?:,\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,2}})?"
    r"\s+\([^()]{0,40}"
)
# A source's name is capitalised, or starts with a small letter before a capital ("eFoto").
_VIA_CREDIT_RE = regexes.compile(
    r"\s+via\s+(?:[A-Z]|[a-z]{1,2}[A-Z])[\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,2}\Z"
)
# The counter of a gallery's slides: "3 of 12", "Photo 3/12", "Slide 3 of 12", "Image 3 of / 12"
# (the bar between the figures pasted as a character of its own).
_SLIDE_COUNTER_RE = regexes.compile(
    r"(?:(?:Photo|Image|Picture|Slide|Item)s?\s+)?\d{1,3}\s*(?:of\s*/?|/)\s*\d{1,3}", re.IGNORECASE
)
# A label and its value between separators, as a post's line of details writes them:
# "Posted by: Jane Roe | Category: Health | Tags: ...". A sentence holds one such label at most.
_FIELD_RE = regexes.compile(rf"(?:\A|\s[-|·•–—]\s)[{UPPER}][\w ]{{1,24}}:\s+\S")
_FIELDS = 2
"""A line of a post's details has at least this many labelled fields."""
_BARS = 2
"""A row of headlines has at least this many bars between them."""
_VIA_CAPTION_WORDS = (4, 15)
# What a widget shows while it loads: "Loading...", "Loading weather data …".
_LOADING_RE = regexes.compile(r"(?:Loading|LOADING)(?:\s+[\w-]+){0,4}\s*(?:\.{2,}|…)")
_LOADING_WORDS = 6
_FOREIGN_UI_RE = any_of(written_forms(entries("foreign_interface_phrases")))
_FOREIGN_UI_CHARS = 40
"""The most characters of a line of a page's interface in another script."""
_FOREIGN_UI_SENTENCE_CHARS = 30
"""The most characters of such a line that ends as a sentence does, written without spaces
("電子版に登録すると続きをお読みいただけます。")."""


def debris_kind(piece: str, terminal: bool, words: int) -> SegmentKind | None:
    """The kind of PIECE, a segment of WORDS words, when it is a stray line of the page's
    interface or markup; None for any other segment."""
    if piece[:1] == "[" and _SHORTCODE_RE.match(piece):
        return SegmentKind.RELATED  # markup of the publishing system
    if piece.startswith(("Also ", "More ", "Read ", "See ", "Watch ")) and _OTHER_PAGES_RE.match(
        piece
    ):
        return SegmentKind.RELATED
    if ": " in piece and len(_FIELD_RE.findall(piece)) >= _FIELDS:
        return SegmentKind.TAGS  # the post's details, each after its label
    loading = words <= _LOADING_WORDS and piece.startswith(("Loading", "LOADING"))
    if loading and _LOADING_RE.fullmatch(piece):
        return SegmentKind.RELATED
    if is_foreign_interface(piece, terminal):
        return SegmentKind.RELATED  # "このニュースをシェア", "회원가입", "Читайте также"
    if terminal:
        return None
    if words >= _FOLLOW_MIN_WORDS and is_follow_line(piece):
        return SegmentKind.RELATED  # "Twitter: @example Facebook Page: Example YouTube: ..."
    if words <= 5 and _SLIDE_COUNTER_RE.fullmatch(piece):
        return SegmentKind.RELATED
    if piece.count(" | ") >= _BARS and not piece.startswith("|"):
        return SegmentKind.RELATED  # headlines between bars; a table's row starts with its bar
    if "(" in piece and _CUT_DATELINE_RE.fullmatch(piece):
        return SegmentKind.DATELINE
    low, high = _VIA_CAPTION_WORDS
    if low <= words <= high and " via " in piece and _VIA_CREDIT_RE.search(piece):
        return SegmentKind.CAPTION
    return None


def is_foreign_interface(piece: str, terminal: bool) -> bool:
    """Whether PIECE is a short line in another script that holds a phrase of a page's
    interface: a line that ends as a sentence does only when short and written without spaces
    (a space after a bracketed label at most), as Chinese, Japanese and Thai are; a Russian or
    Korean sentence may use the words."""
    if len(piece) > _FOREIGN_UI_CHARS or piece.isascii():
        return False
    if terminal and (len(piece) > _FOREIGN_UI_SENTENCE_CHARS or piece.count(" ") > 1):
        return False
    return _FOREIGN_UI_RE.search(piece) is not None


_FOLLOW_MIN_WORDS = 4
_FOLLOW_PLATFORMS = 3


def is_follow_line(piece: str) -> bool:
    """Whether PIECE lists where to follow the site: three of the interface's words or more
    (its platforms: "Twitter", "Facebook", "YouTube", "RSS") and an account's handle or a web
    name, which together make half its words or more ("Twitter: @example Facebook Page: Example
    YouTube: Example Instagram @example RSS Feed")."""
    if "@" not in piece and "." not in piece:
        return False
    interface = words("interface_words")
    said = [w.strip(".,:;|()").lower() for w in piece.split()]
    named = sum(w in interface for w in said)
    marked = sum(w.startswith("@") or is_web_name(w) for w in said)
    return named >= _FOLLOW_PLATFORMS and marked > 0 and 2 * (named + marked) >= len(said)


_COMMENT_COUNT_RE = regexes.compile(
    r"[\[(]?\s*\d{1,7}\s+(\w+)\s*[\])]?|(?:\d{1,7}|[Oo]ne)\s+(\w+)\s+(?:on|to)\s+[\"\u201c].+"
)


def is_comment_count(piece: str) -> bool:
    """A count of a story's comments alone on its line ("167 Comments", "[ 12 replies ]"), or
    the heading of the thread of them, with the story's headline ("12 thoughts on “…”")."""
    found = _COMMENT_COUNT_RE.fullmatch(piece)
    return found is not None and (found[1] or found[2]).casefold() in words("comment_counts")
