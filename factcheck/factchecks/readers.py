"""Known fact-checks: readers for the formats fact-checks are published in, one registry of them.

Every reader turns one file's text into :class:`KnownCheck` records plus the problems it met; a
malformed record is a :class:`Problem` naming its position, and the records around it still count.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from factcheck import regexes
from factcheck.errors import FactchecksError
from factcheck.factchecks.model import (
    KnownCheck,
    Problem,
    Verdict,
    verdict_from_value,
    verdict_from_words,
)
from factcheck.files import (
    TooLarge,
    decode_marked,
    is_surrogate,
    mend_surrogates,
    missing_file,
    quoted_to_end,
    read_limited,
)

MAX_IMPORT_BYTES = 200_000_000
"""The largest file imported: a whole published feed of fact-checks fits, /dev/zero does not."""

_TEXT_FIELDS = tuple(f.name for f in fields(KnownCheck) if f.name != "verdict")


@dataclass(slots=True)
class ReadResult:
    """What one file held."""

    records: list[KnownCheck] = field(default_factory=list)
    """The records read."""
    problems: list[Problem] = field(default_factory=list)
    """The records that could not be read, with why, and those read with a repair, in file
    order."""

    def keep(self, record: KnownCheck, twice: Sequence[str] = ()) -> None:
        """Add RECORD; each lone surrogate in its text (a JSON escape such as \\ud800 without
        its pair: no character, and text the database cannot store) becomes U+FFFD, and a
        problem says so, as one does of each key its object gave TWICE (the last was read)."""
        for key in twice:
            message = f"key {key!r} given twice in one object; the last was read"
            self.problems.append(Problem(record.origin, record.position, message, skipped=False))
        mended: dict[str, Any] = {
            name: fixed
            for name in _TEXT_FIELDS
            if (value := getattr(record, name)) is not None
            and (fixed := mend_surrogates(value)) != value
        }
        if mended:
            first = next(filter(is_surrogate, getattr(record, next(iter(mended)))))
            message = (
                f"{', '.join(mended)}: lone surrogate \\u{ord(first):04x} replaced with U+FFFD"
            )
            self.problems.append(Problem(record.origin, record.position, message, skipped=False))
            record = replace(record, **mended)
        self.records.append(record)


class NoRecords(FactchecksError):
    """A file that gave no record to import; ``problems`` says why each one was skipped."""

    def __init__(self, origin: str, problems: Sequence[Problem]) -> None:
        found = f"none usable ({len(problems)} skipped)" if problems else "none"
        super().__init__(f"{origin}: expected at least one fact-check, found {found}")
        self.problems = tuple(problems)


def origin_of(path: Path) -> str:
    """The name the records of PATH carry: the path as given, with a byte of the name that is
    not UTF-8 shown as U+FFFD."""
    return mend_surrogates(str(path))


class Reader(Protocol):
    """One input format."""

    description: str
    """What the format is, for help text."""

    def sniff(self, path: Path, text: str, data: object) -> bool:
        """Whether the file looks like this format; ``data`` is the parsed JSON or None."""
        ...

    def read(self, origin: str, text: str, data: object) -> ReadResult:
        """Every record of the file."""
        ...


# --- schema.org ClaimReview ---------------------------------------------------------------------


def _types(node: Mapping[str, Any]) -> set[str]:
    kind = node.get("@type", ())
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {str(k).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for k in kinds}


def _text(value: object) -> str | None:
    """A string field, trimmed; a list's first string; a named thing's name."""
    if isinstance(value, list):
        parts = [_text(v) for v in value]
        found = [p for p in parts if p]
        return ", ".join(found) if found else None
    if isinstance(value, Mapping):
        return _text(value.get("name"))
    if isinstance(value, str):
        cleaned = " ".join(value.split())
        return cleaned or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _number(value: object) -> float | None:
    """A rating's number; None for anything else, and for a number no rating can be (NaN,
    infinity, an integer too large for a float)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value.strip() if isinstance(value, str) else value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _rating(node: object) -> tuple[str | None, Verdict | None]:
    """A Rating's words and verdict: the words where they are known, else the numbers."""
    if isinstance(node, list):
        node = node[0] if node else None
    if not isinstance(node, Mapping):
        return None, None
    words = _text(node.get("alternateName")) or _text(node.get("name"))
    verdict = verdict_from_words(words) if words else None
    value = _number(node.get("ratingValue"))
    if verdict is None and value is not None:
        best = _number(node.get("bestRating"))
        worst = _number(node.get("worstRating"))
        verdict = verdict_from_value(
            value, 5.0 if best is None else best, 1.0 if worst is None else worst
        )
        if words is None:
            words = f"{value:g}/{5.0 if best is None else best:g}"
    return words, verdict


def _date(value: object) -> str | None:
    """A date as the record keeps it: an ISO date's day ('2021-03-04'), None for one that is no
    day of the calendar ('2021-13-45'); any other text as it is written."""
    text = _text(value)
    if not text or len(text) < 10 or text[4] != "-":
        return text
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def claim_review_record(node: Mapping[str, Any], origin: str, position: str) -> KnownCheck:
    """One ClaimReview object as a record; :class:`ValueError` when it has no claim."""
    claim = _text(node.get("claimReviewed"))
    item = node.get("itemReviewed")
    item = item if isinstance(item, Mapping) else {}
    if not claim:
        claim = _text(item.get("text")) or _text(item.get("name"))
    if not claim:
        raise ValueError("no claimReviewed text")
    words, verdict = _rating(node.get("reviewRating"))
    appearance = item.get("appearance")
    first = appearance[0] if isinstance(appearance, list) and appearance else appearance
    claim_date = _date(item.get("datePublished"))
    if claim_date is None and isinstance(first, Mapping):
        claim_date = _date(first.get("datePublished"))
    url = _text(node.get("url"))
    return KnownCheck(
        claim=claim,
        origin=origin,
        position=position,
        title=_text(node.get("headline")) or _text(node.get("name")),
        rating=words,
        verdict=verdict,
        publisher=_text(node.get("publisher")) or _text(node.get("author")),
        url=url if url and url.startswith(("http://", "https://")) else None,
        date=_date(node.get("datePublished")),
        claim_date=claim_date,
        claimant=_text(item.get("author")),
        language=_text(node.get("inLanguage")),
        ref=_text(node.get("@id")),
    )


def _claim_reviews(data: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every object at the top of a JSON-LD document that should be a ClaimReview, with its path;
    lists and ``@graph`` are walked, other typed objects in a graph are skipped."""
    if isinstance(data, list):
        for index, item in enumerate(data):
            yield from _claim_reviews(item, f"{path}[{index}]")
    elif isinstance(data, Mapping) and "@graph" in data and "claimReviewed" not in data:
        graph = data["@graph"]
        for index, item in enumerate(graph if isinstance(graph, list) else [graph]):
            if isinstance(item, Mapping) and _types(item) and "ClaimReview" not in _types(item):
                continue
            yield f"{path}@graph[{index}]", item
    else:
        yield path or "[0]", data


def _read_nodes(nodes: Iterator[tuple[str, object]], origin: str) -> ReadResult:
    result = ReadResult()
    for position, node in nodes:
        if not isinstance(node, Mapping):
            result.problems.append(Problem(origin, position, "expected a ClaimReview object"))
            continue
        try:
            result.keep(claim_review_record(node, origin, position), _given_twice(node))
        except ValueError as exc:
            result.problems.append(Problem(origin, position, str(exc)))
    return result


def _has_claim_review(data: object) -> bool:
    if isinstance(data, list):
        return any(_has_claim_review(item) for item in data[:5])
    if isinstance(data, Mapping):
        return "ClaimReview" in _types(data) or "claimReviewed" in data or "@graph" in data
    return False


class ClaimReviewReader:
    """schema.org ClaimReview JSON-LD: one object, a list, or an @graph."""

    description = "schema.org ClaimReview JSON-LD (one object, a list, or an @graph)"

    def sniff(self, path: Path, text: str, data: object) -> bool:
        return _has_claim_review(data)

    def read(self, origin: str, text: str, data: object) -> ReadResult:
        return _read_nodes(_claim_reviews(data), origin)


class DataFeedReader:
    """A schema.org DataFeed whose elements carry ClaimReviews (the Data Commons feed)."""

    description = "DataFeed of ClaimReviews (dataFeedElement[].item[]), as Data Commons publishes"

    def sniff(self, path: Path, text: str, data: object) -> bool:
        return isinstance(data, Mapping) and (
            "DataFeed" in _types(data) or "dataFeedElement" in data
        )

    def read(self, origin: str, text: str, data: object) -> ReadResult:
        assert isinstance(data, Mapping)
        elements = data.get("dataFeedElement")
        if not isinstance(elements, list):
            raise FactchecksError(f"{origin}: dataFeedElement: expected a list")

        def nodes() -> Iterator[tuple[str, object]]:
            for index, element in enumerate(elements):
                where = f"dataFeedElement[{index}]"
                items = element.get("item") if isinstance(element, Mapping) else None
                if isinstance(items, Mapping):
                    items = [items]
                if not isinstance(items, list):
                    yield where, None
                    continue
                for number, item in enumerate(items):
                    yield f"{where}.item[{number}]", item

        return _read_nodes(nodes(), origin)


# --- Google Fact Check Tools claims:search ------------------------------------------------------


class GoogleReader:
    """The JSON that Google's Fact Check Tools API (claims:search) returns."""

    description = "Google Fact Check Tools claims:search JSON (claims[].claimReview[])"

    def sniff(self, path: Path, text: str, data: object) -> bool:
        return isinstance(data, Mapping) and isinstance(data.get("claims"), list)

    def read(self, origin: str, text: str, data: object) -> ReadResult:
        assert isinstance(data, Mapping)
        result = ReadResult()
        for index, claim in enumerate(data["claims"]):
            where = f"claims[{index}]"
            if not isinstance(claim, Mapping) or not _text(claim.get("text")):
                result.problems.append(Problem(origin, where, "no claim text"))
                continue
            reviews = claim.get("claimReview")
            if not isinstance(reviews, list) or not reviews:
                result.problems.append(Problem(origin, where, "no claimReview"))
                continue
            for number, review in enumerate(reviews):
                position = f"{where}.claimReview[{number}]"
                if not isinstance(review, Mapping):
                    result.problems.append(Problem(origin, position, "expected an object"))
                    continue
                rating = _text(review.get("textualRating"))
                url = _text(review.get("url"))
                result.keep(
                    KnownCheck(
                        claim=str(_text(claim.get("text"))),
                        origin=origin,
                        position=position,
                        title=_text(review.get("title")),
                        rating=rating,
                        verdict=verdict_from_words(rating) if rating else None,
                        publisher=_text(review.get("publisher")),
                        url=url if url and url.startswith(("http://", "https://")) else None,
                        date=_date(review.get("reviewDate")),
                        claim_date=_date(claim.get("claimDate")),
                        claimant=_text(claim.get("claimant")),
                        language=_text(review.get("languageCode")),
                    ),
                    _given_twice(claim, deep=False) + _given_twice(review),
                )
        return result


# --- CSV and TSV --------------------------------------------------------------------------------

COLUMNS: Mapping[str, tuple[str, ...]] = {
    "claim": ("claim", "claimreviewed", "claim_reviewed", "vclaim", "text", "claim_text"),
    "title": ("title", "headline", "review_title"),
    "url": ("url", "review_url", "link"),
    "rating": ("rating", "textualrating", "textual_rating", "verdict", "label"),
    "publisher": ("publisher", "author", "reviewer", "organisation", "organization", "site"),
    "date": ("date", "datepublished", "date_published", "review_date", "reviewdate"),
    "claim_date": ("claim_date", "claimdate"),
    "claimant": ("claimant", "speaker"),
    "language": ("language", "lang", "languagecode", "inlanguage"),
    "ref": ("id", "vclaim_id", "claim_id", ""),
}
"""For each field, the column names it is found under (compared in lowercase, trimmed)."""


_BLANK_LINES = regexes.compile(r"(?:[ \t\r]*\n)*")


class TableReader:
    """A CSV or TSV file with a header row naming its columns."""

    def __init__(self, delimiter: str, description: str) -> None:
        self.delimiter = delimiter
        self.description = description

    def sniff(self, path: Path, text: str, data: object) -> bool:
        if data is not None:
            return False
        # The header is the first line that holds something: blank lines before it are skipped
        # by the reader too.
        start = _BLANK_LINES.match(text).end()  # type: ignore[union-attr]
        end = text.find("\n", start)
        header = text[start : len(text) if end < 0 else end]
        if self.delimiter == "\t":
            return "\t" in header
        return "," in header and "\t" not in header

    def read(self, origin: str, text: str, data: object) -> ReadResult:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter)
        rows = _table_rows(reader, origin)
        header = next((row for row in rows if any(cell.strip() for cell in row)), None)
        if not header:
            raise FactchecksError(f"{origin}: empty file: expected a header row")
        names = [h.strip().lower().lstrip("\ufeff") for h in header]
        where: dict[str, int] = {}
        for name, aliases in COLUMNS.items():
            for alias in aliases:
                if alias in names and name not in where:
                    where[name] = names.index(alias)
                    if names.count(alias) > 1 and alias:
                        # Which of the two holds the claim (or the rating) cannot be told.
                        raise FactchecksError(
                            f"{origin}: line {reader.line_num}: column "
                            f"{header[where[name]].strip()!r} "
                            "is named twice"
                        )
        if "claim" not in where:
            wanted = ", ".join(a for a in COLUMNS["claim"])
            raise FactchecksError(
                f"{origin}: line {reader.line_num}: no claim column (one of: {wanted})"
            )
        result = ReadResult()
        start, end = 0, reader.line_num
        for row in rows:
            # A row's cells may span lines: it began on the line after the row before ended.
            start, end = end + 1, reader.line_num
            position = f"line {reader.line_num}"
            if not any(cell.strip() for cell in row):
                continue
            values = {
                name: " ".join(row[index].split()) if index < len(row) else ""
                for name, index in where.items()
            }
            if len(row) > len(names) or len(row) < where["claim"] + 1:
                result.problems.append(
                    Problem(origin, position, f"expected {len(names)} columns, got {len(row)}")
                )
                continue
            if not values["claim"]:
                result.problems.append(Problem(origin, position, "empty claim"))
                continue
            rating = values.get("rating") or None
            url = values.get("url") or None
            result.keep(
                KnownCheck(
                    claim=values["claim"],
                    origin=origin,
                    position=position,
                    title=values.get("title") or None,
                    rating=rating,
                    verdict=verdict_from_words(rating) if rating else None,
                    publisher=values.get("publisher") or None,
                    url=url if url and url.startswith(("http://", "https://")) else None,
                    date=_date(values.get("date")),
                    claim_date=_date(values.get("claim_date")),
                    claimant=values.get("claimant") or None,
                    language=values.get("language") or None,
                    ref=values.get("ref") or None,
                )
            )
        if start and quoted_to_end(text, start, self.delimiter):
            # The csv module ends the open cell with the file: every row after a stray '"'
            # became one record, and the rest of the sheet was lost without a word.
            raise FactchecksError(
                f"{origin}: line {start}: a quoted cell is never closed; "
                "nothing was imported from the file"
            )
        return result


READERS: Mapping[str, Reader] = {
    "datafeed": DataFeedReader(),
    "google": GoogleReader(),
    "claimreview": ClaimReviewReader(),
    "tsv": TableReader("\t", "tab-separated values with a header row, columns found by name"),
    "csv": TableReader(",", "comma-separated values with a header row, columns found by name"),
}
"""Every input format by name, in the order detection tries them."""


def read_file(path: Path, fmt: str | None = None) -> ReadResult:
    """Read one file in the format named, else the one its content shows; :class:`NoRecords`
    when it gives no record."""
    origin = origin_of(path)
    try:
        text = decode_marked(read_limited(path, MAX_IMPORT_BYTES))
    except TooLarge:
        raise FactchecksError(f"{origin}: larger than {MAX_IMPORT_BYTES:,} bytes") from None
    except FileNotFoundError:
        raise FactchecksError(f"{origin}: {missing_file(path)}") from None
    except UnicodeDecodeError:
        raise FactchecksError(f"{origin}: not UTF-8 text") from None
    except OSError as exc:
        raise FactchecksError(f"{origin}: cannot read: {exc.strerror}") from None
    data = _parse_json(origin, text, required=fmt in ("claimreview", "datafeed", "google"))
    if fmt is not None:
        reader = READERS.get(fmt)
        if reader is None:
            raise FactchecksError(f"unknown format {fmt!r}; expected one of {', '.join(READERS)}")
        if fmt in ("csv", "tsv") and data is not None:
            data = None
        if fmt in ("datafeed", "google") and not reader.sniff(path, text, data):
            raise FactchecksError(f"{origin}: not a {fmt} file: {reader.description}")
    else:
        found = [r for r in READERS.values() if r.sniff(path, text, data)]
        if not found:
            raise FactchecksError(
                f"{origin}: cannot tell the format; name it with --format ({', '.join(READERS)})"
            )
        reader = found[0]
    result = reader.read(origin, text, data)
    if not result.records:
        raise NoRecords(origin, result.problems)
    return result


def _parse_json(origin: str, text: str, *, required: bool) -> object:
    start = text.lstrip()[:1]
    if start not in ("{", "[") and not required:
        return None
    try:
        return json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise FactchecksError(f"{origin}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise FactchecksError(f"{origin}: JSON nested too deeply to read") from None
    except ValueError:  # Python reads no integer of more than 4300 digits
        raise FactchecksError(f"{origin}: not valid JSON: a number too long to read") from None


class _Twice(dict[str, Any]):
    """A JSON object that gives a key more than once: the last value is kept, as JSON readers
    do, and ``twice`` names the keys so that the record can say so."""

    twice: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    twice = _Twice(found)
    counted = Counter(key for key, _ in pairs)
    twice.twice = tuple(key for key, count in counted.items() if count > 1)
    return twice


def _given_twice(node: object, deep: bool = True) -> list[str]:
    """The keys given twice in one object of NODE (and, when DEEP, of the objects in it)."""
    keys = list(node.twice) if isinstance(node, _Twice) else []
    if deep and isinstance(node, Mapping):
        for value in node.values():
            keys += [key for key in _given_twice(value) if key not in keys]
    elif deep and isinstance(node, list):
        for value in node:
            keys += [key for key in _given_twice(value) if key not in keys]
    return keys


FORMAT_NAMES: tuple[str, ...] = tuple(READERS)
"""The names ``--format`` accepts."""


def _table_rows(reader: Iterator[list[str]], origin: str) -> Iterator[list[str]]:
    """The rows of a CSV reader; a row the csv module cannot read (a cell over its size limit)
    ends the file with its line, not with an internal error."""
    try:
        yield from reader
    except csv.Error as exc:
        line = getattr(reader, "line_num", 0)
        raise FactchecksError(f"{origin}: line {line}: cannot read the row: {exc}") from None
