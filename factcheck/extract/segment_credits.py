"""Stage ② segment, credits: the lines that credit a picture to whoever made or supplied it.

A credit names a picture's maker or source after a label ("Photo: Jane Roe", "Image credit:
Example Wire", "Foto: Jana Roth", "Фото: личный архив"), as an agency alone ("AP Photo",
"Handout"), as names between slashes ("Jane Roe / Example Wire"), in brackets after a caption
("[Jane Roe/AP]"), or as a sentence ("Photo by Jane Roe."). Each is told by its shape and the
word lists of ``factcheck/lexicon/en/``.
"""

from __future__ import annotations

import re
from functools import cache

from factcheck import regexes
from factcheck.extract.segment_text import written_forms
from factcheck.lexicon import entries, longest_first

_PICTURE_NOUNS = "Photo|Photograph|Image|Picture|Video|Illustration|Screenshot|Screengrab"
# A picture's label, with "credit" after it or not: "Photo", "Image credit", "Photographs".
_PICTURE = rf"(?:{_PICTURE_NOUNS})(?:\s+credit)?|Credit"
_CREDIT_PAREN_RE = regexes.compile(
    rf"\(\s*(?:(?i:{_PICTURE}|Source)"
    r"s?\s*(?::|by|courtesy of)\s*[^()]{1,80}"
    r"|[A-Z][\w’'.&/-]*(?:\s+(?:[A-Z][\w’'.&/-]*|via|of|the|and|&|/|-)){0,5})"
    r"(?:,\s*(?:File|FILE|file))?\s*\)"  # "(Example Agency via AP, File)": a file photo
)
_CREDIT_LABEL_RE = regexes.compile(
    # A video's length may stand before it ("05:22 - Source: Example News"); the label is
    # read in any case ("PHOTOGRAPH", "PHotograph" as a page's letters set it).
    r"(?:(?:\d{1,2}:)?\d{1,2}:\d{2}\s+[-–—|]\s+)?"
    rf"(?i:(?:{_PICTURE_NOUNS})(?: credit)?|Credit|Source|"
    r"Graphic|Main image|Top image|File photo|Cover photo)s?"
    # The credit's name may hold initials ("Photo: Ringo H.W. Chiu, AP"), not end a sentence.
    r"\s*(?::|by|via|courtesy of|copyright|source|–|—|\|)\s*\S[^!?]{0,80}"
)
_CREDIT_BY_RE = regexes.compile(
    r"(?:Photo|Photograph|Image|Picture|Illustration|Photo illustration)s? by "
    r"[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,4}\."
)
"""A credit written as a sentence: "Photo by Jane Roe.", "Photo illustration by Example."."""
# Picture agencies as a regex alternation, the longest first ("AP Photo" before "AP").
_AGENCIES = "|".join(re.escape(a) for a in longest_first(entries("photo_agencies")))
_CREDIT_AGENCY_RE = regexes.compile(
    # The photographer's name may be joined to the agency by a dash: "Jane Roe—Example Images".
    r"(?:(?:[A-Z][\w’'.-]*|via)\s+){0,4}(?:[A-Z][\w’'.-]*—)?"
    rf"(?:{_AGENCIES}|Handout|"
    r"HANDOUT|Courtesy(?: of [\w’' -]+)?|File photo|FILE PHOTO|Screenshot|Screengrab|Pool|"
    r"(?:Submitted|Contributed|Courtesy) (?:photo|image))"
    r"(?:\s+(?:via|/)\s+[\w’' ]{1,30})?"
)
_CREDIT_SLASH_RE = regexes.compile(
    r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}"
    r"(?:\s*/\s*[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|via)){0,4}){1,2}"
    r"(?:\s+(?:file|FILE))?"  # "Jane Roe / Example Wire file": a file photo
)
INLINE_CREDIT_RE = regexes.compile(
    rf"[(\[]\s*(?:(?i:{_PICTURE})s?"
    r"\s*(?::|by)\s*[^()\[\]]{1,80}"
    r"|[A-Z][^()\[\]/]{0,60}/\s*[A-Z][^()\[\]]{0,60}"
    rf"|(?:[A-Z][\w’'.-]*\s+){{0,4}}(?:via\s+)?(?:{_AGENCIES}|Handout|File photo)"
    r"(?:\s+via\s+[\w ]{1,30})?)\s*[)\]]"
)


def is_credit(piece: str) -> bool:
    """Whether PIECE, a line of a few words, credits a picture: a label and a name ("Photo: Jane
    Roe", "Foto: Jana Roth"), an agency ("AP Photo"), names between slashes or in brackets."""
    if piece.startswith(("(", "[")):
        return bool(_CREDIT_PAREN_RE.fullmatch(piece) or INLINE_CREDIT_RE.fullmatch(piece))
    if piece.endswith(".") and not piece.endswith(("Jr.", "Inc.", "Co.")):
        return bool(_CREDIT_BY_RE.fullmatch(piece))
    return bool(
        _CREDIT_LABEL_RE.fullmatch(piece)
        or _CREDIT_AGENCY_RE.fullmatch(piece)
        or _CREDIT_SLASH_RE.fullmatch(piece)
        or _foreign_credit_re().fullmatch(piece.strip(WIDE_BRACKETS + " "))
    )


WIDE_BRACKETS = "\u3010\u3011\uff08\uff09"
"""The full-width brackets that Chinese and Japanese put around a credit at a story's foot."""


SOURCE_LABELS = (
    "Source",
    "SOURCE",
    *written_forms(entries("foreign_source_labels")),
    *entries("foreign_editor_labels"),
)
"""The labels of a source ("Source: Ministry of Health", "Fuente: ...") or of the story's editor
("责任编辑: 王辉"): its line credits a chart, a table or the article, not a photo whose caption
came before."""


@cache
def _foreign_credit_re() -> re.Pattern[str]:
    """A credit in another language: a picture's, a source's or an editor's label and its name
    ("Foto: Jana Roth", "Fuente: INE", "责任编辑: 王辉"), or a credit to someone's own collection,
    with a label or not ("личный архив Анны Петровой")."""

    def forms(*names: str) -> str:
        return "|".join(re.escape(form) for name in names for form in written_forms(entries(name)))

    labels = forms("foreign_picture_labels", "foreign_source_labels", "foreign_editor_labels")
    archives = forms("personal_archive_credits")
    separator = r"\s*(?::|\uff1a|–|—|\|)\s*"  # a colon, full-width too
    return regexes.compile(
        rf"(?:{labels}){separator}\S[^!?]{{0,80}}"
        rf"|(?:(?:{labels}){separator})?(?:{archives})(?:[\s,:]+[^!?]{{1,60}})?"
    )
