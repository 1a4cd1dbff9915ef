"""Stage ⑥ worksheet: reading several reviewers' worksheets of one article, its claims read once.

The reviewers of one article hold the same claims, written alike: each claim's text, attribution,
facts and place, then what the reviewer did (from ``skipped:`` on; see `REVIEW_KEYS`).
:class:`SharedReader` reads the first worksheet in full with the fast reader. In each later one
it reads the article, checklist and everything but the claims as usual, and of a claim written up
to ``skipped:`` exactly as in the first worksheet only what the reviewer did; any other claim is
read whole. The worksheet read is the one the fast reader gives for the whole file: the same
text reads the same. Whatever is not laid out as the tool writes it is read whole, with
:class:`factcheck.fastyaml.Unsupported` as ever when the fast reader has a doubt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factcheck import fastyaml, regexes
from factcheck.review.worksheet_fast import REVIEW_KEYS, Reviewed, read_values

if TYPE_CHECKING:
    from factcheck.review.worksheet import ClaimReview, Worksheet
    from factcheck.review.worksheet_yaml import ChecklistSource

_CLAIMS = "\nclaims:\n"
_REVIEW = "\n  skipped: "
# Where the claims end: the line break before the first line that is neither an item ("- ")
# nor inside one (each pattern starts with a line break, which the search looks for fast).
_CLAIMS_END = regexes.compile(r"\n(?!- | )")
# A key of the reviewer's part at a claim's own level, after its first line.
_REVIEW_KEY = regexes.compile(rf"\n  (?:{'|'.join(REVIEW_KEYS)}):")
_REVIEW_FIRST = tuple(f"{key}:" for key in REVIEW_KEYS)


def _split(text: str) -> tuple[str, list[str], str] | None:
    """The text before the claims, each claim's item (without its ``- `` and last line break)
    and the text after them; None when the claims are not one top-level block of items."""
    at = text.find(_CLAIMS)
    if at < 0 or text.find(_CLAIMS, at + 1) >= 0:
        return None
    start = at + len(_CLAIMS)
    end = _CLAIMS_END.search(text, start - 1)
    stop = len(text) if end is None else end.start() + 1
    if stop - start < 3 or not text.startswith("- ", start):
        return None
    items = text[start + 2 : stop - 1].split("\n- ")
    return text[: at + 1], items, text[stop:]


def _cut(item: str) -> tuple[str, str] | None:
    """A claim's item cut where the reviewer's part starts, at its only ``skipped:``; None when
    ``skipped:`` is missing or there twice."""
    cut = item.find(_REVIEW)
    if cut < 0 or item.find(_REVIEW, cut + 1) >= 0:
        return None
    return item[:cut], item[cut + 3 :]


def _own_part(own: str) -> bool:
    """Whether a claim's text up to ``skipped:`` holds none of the reviewer's keys."""
    return not own.startswith(_REVIEW_FIRST) and _REVIEW_KEY.search(own) is None


class SharedReader:
    """Reads worksheets of one article one after the other, each claim written alike read once."""

    def __init__(self) -> None:
        self.article: str | None = None
        """The article of the first worksheet read whole."""
        self.claims: dict[str, ClaimReview] = {}
        """That worksheet's claims, by their text up to ``skipped:``."""

    def read(
        self, text: str, checklist: ChecklistSource, audit_skipped: int | None = None
    ) -> Worksheet:
        """The worksheet of ``text``, as :func:`read_values` of :func:`fastyaml.load` reads it
        (``audit_skipped`` as there)."""
        parts = _split(text)
        if parts is not None and self.article is not None:
            try:
                return self._read_shared(*parts, checklist, audit_skipped)
            except fastyaml.Unsupported:
                pass
        worksheet = read_values(fastyaml.load(text), checklist, audit_skipped)
        if parts is not None and self.article is None:
            self._remember(worksheet, parts[1])
        return worksheet

    def _remember(self, worksheet: Worksheet, items: list[str]) -> None:
        if len(items) != len(worksheet.claims):
            return
        self.article = worksheet.document.text
        for item, entry in zip(items, worksheet.claims, strict=True):
            cut = _cut(item)
            if cut is not None and _own_part(cut[0]):
                self.claims[cut[0]] = entry

    def _read_shared(
        self,
        head: str,
        items: list[str],
        tail: str,
        checklist: ChecklistSource,
        audit_skipped: int | None,
    ) -> Worksheet:
        data = fastyaml.load(head + "claims: []\n" + tail)
        document = data.get("document") if type(data) is dict else None
        if type(document) is not dict or document.get("text") != self.article:
            raise fastyaml.Unsupported("another article")
        bases: list[ClaimReview | None] = []
        written: list[str] = []
        for item in items:
            cut = _cut(item)
            # Only a claim's own part that passed _own_part in the first worksheet is known.
            base = self.claims.get(cut[0]) if cut is not None else None
            bases.append(base)
            written.append(f"- {item}\n" if base is None or cut is None else f"- {cut[1]}\n")
        values = fastyaml.load("".join(written))
        if type(values) is not list or len(values) != len(items):
            raise fastyaml.Unsupported("claims")
        claims: list[Any] = [
            value if base is None else Reviewed(base, value)
            for base, value in zip(bases, values, strict=True)
        ]
        data["claims"] = claims
        return read_values(data, checklist, audit_skipped)
