"""Team review: the article as the reviewers' worksheets describe it.

Worksheets of one article (one sha256) may still give different metadata for it (byline, title,
outlet, date, URL) or cut it into different segments: made by different versions of factcheck,
or edited by hand. A merge takes the article from the worksheet of the first reviewer by name,
whatever the order of the worksheets, and compare and merge warn in one line of any difference.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

from factcheck.errors import FactcheckWarning

if TYPE_CHECKING:
    from factcheck.review.worksheet import Worksheet
    from factcheck.team.compare import Sheet

METADATA = ("title", "byline", "outlet", "published", "url")
"""The article's metadata a report shows, compared across worksheets (then its segments)."""


class ArticleWarning(FactcheckWarning):
    """Reviewers' worksheets of one article give different metadata for it."""


def article_sheet(sheets: Sequence[Sheet]) -> Sheet:
    """The worksheet a merge takes the article from: the first reviewer's by name."""
    return min(sheets, key=lambda sheet: sheet.reviewer)


def _differences(one: Worksheet, other: Worksheet) -> list[str]:
    fields = [f for f in METADATA if getattr(one.document, f) != getattr(other.document, f)]
    return [*fields, *(["segments"] if one.segments != other.segments else [])]


def metadata_warning(sheets: Sequence[Sheet]) -> str | None:
    """One line naming the metadata fields on which the worksheets differ from the one a merge
    takes the article from, and the files; None when they all agree."""
    chosen = article_sheet(sheets)
    fields: dict[str, None] = {}
    others = []
    for sheet in sheets:
        found = _differences(chosen.worksheet, sheet.worksheet)
        if found:
            fields.update(dict.fromkeys(found))
            others.append(str(sheet.path))
    if not others:
        return None
    listed = ", ".join([f for f in (*METADATA, "segments") if f in fields])
    return (
        f"{' and '.join(others)} {'give' if len(others) > 1 else 'gives'} other article "
        f"metadata ({listed}) than {chosen.path}; "
        f"a merge takes the article from {chosen.path} ({chosen.reviewer}, the first reviewer "
        "by name)"
    )


def warn_of_metadata(sheets: Sequence[Sheet]) -> None:
    """Warn (one line) when the worksheets give different metadata for their article."""
    message = metadata_warning(sheets)
    if message is not None:
        warnings.warn(message, ArticleWarning, stacklevel=2)
