"""Cases, beside stage ④ sources: each article's cached extraction, written as plain data and
read back.

A cached article (``CASE_DIR/articles/<id>.json``) holds the article's text, its ingested
metadata and the extraction made from it, with the cache layout's version and a fingerprint of
the extractor. Reading one checks every field it uses, at every level, for the type the writer
gives it: a file edited by hand, cut short or written by something else is one ``ValueError``
naming the field (``claims[2].attribution.via: expected a list of strings, got "x"``), never a
crash further on.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from factcheck.files import is_surrogate, mend_surrogates
from factcheck.models import Attribution, Claim, Document, Extraction, Segment, SegmentKind
from factcheck.records import attribution_record, document_record

ARTICLE_FORMAT = "factcheck-case-article"
"""Value of the ``format`` key of a cached article."""
CACHE_VERSION = 1
"""Version of the cached article's layout; a cache with another version is extracted again."""

# The folders whose code and data shape an extraction: a change to any file in them makes a cache
# stale. Whole folders are hashed, so a new module or word list is covered without a list to keep.
_EXTRACTOR_FOLDERS = ("extract", "sources", "lexicon")


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """A digest of the code and data that shape an extraction, so stale caches are noticed."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"{ARTICLE_FORMAT}/{CACHE_VERSION}".encode())
    for folder in _EXTRACTOR_FOLDERS:
        for path in sorted((package / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                with contextlib.suppress(OSError):
                    digest.update(path.relative_to(package).as_posix().encode())
                    digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# --- writing ------------------------------------------------------------------------------------


def _claim_record(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "start": claim.start,
        "end": claim.end,
        "check_worthiness": claim.check_worthiness,
        "reasons": list(claim.reasons),
        "attribution": attribution_record(claim.attribution),
        "sources": list(claim.sources),
        "block": claim.block,
    }


def article_record(
    ingested: Document, extraction: Extraction, *, added: str, fingerprint: str
) -> dict[str, Any]:
    """A cached article as plain data: the ingested text and metadata, then the extraction."""
    return {
        "format": ARTICLE_FORMAT,
        "version": CACHE_VERSION,
        "extractor": fingerprint,
        "added": added,
        "text": ingested.text,
        "ingested": document_record(ingested),
        "document": document_record(extraction.document),
        "segments": [[s.start, s.end, str(s.kind), s.block] for s in extraction.segments],
        "claims": [_claim_record(claim) for claim in extraction.claims],
    }


# --- reading: each value checked for the type the writer gives it -------------------------------


def _got(value: object) -> str:
    return json.dumps(value)[:40]


def _required(data: Mapping[str, object], key: str, where: str) -> object:
    if key not in data:
        raise ValueError(f"{where}{key}: missing")
    return data[key]


def _mapping(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: expected an object, got {_got(value)}")
    return value


def _items(value: object, where: str) -> list[object]:
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list, got {_got(value)}")
    return value


def _valid_text(value: str, where: str) -> str:
    """VALUE, refused when it holds a lone surrogate: a JSON escape of half a UTF-16 pair
    (\\ud800), which the cache never writes and no output can hold."""
    if mend_surrogates(value) != value:
        first = next(filter(is_surrogate, value))
        raise ValueError(f"{where}: expected text, got a lone surrogate \\u{ord(first):04x}")
    return value


def _string(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected a string, got {_got(value)}")
    return _valid_text(value, where)


def _string_or_none(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected a string or null, got {_got(value)}")
    return _valid_text(value, where)


def _strings(value: object, where: str) -> tuple[str, ...]:
    """A list of strings; null or a missing key is none."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{where}: expected a list of strings, got {_got(value)}")
    return tuple(_valid_text(item, f"{where}[{index}]") for index, item in enumerate(value))


def _whole(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where}: expected a whole number, got {_got(value)}")
    return value


def _score(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"{where}: expected a number from 0 to 1, got {_got(value)}")
    return float(value)


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{where}: expected true or false, got {_got(value)}")
    return value


def _span(start_value: object, end_value: object, where: str, length: int) -> tuple[int, int]:
    """A span's offsets in a text of LENGTH characters, checked as worksheets check theirs: the
    offset out of range is the one named."""
    start = _whole(start_value, f"{where}.start")
    end = _whole(end_value, f"{where}.end")
    if not 0 <= start <= length:
        raise ValueError(f"{where}.start: expected 0 <= start <= {length}, got {start}")
    if not start <= end <= length:
        raise ValueError(f"{where}.end: expected {start} <= end <= {length}, got {end}")
    return start, end


def _block(value: object, where: str) -> int:
    block = _whole(value, where)
    if block < 0:
        raise ValueError(f"{where}: expected a whole number from 0, got {block}")
    return block


def _read_document(value: object, where: str, text: str) -> Document:
    data = _mapping(value, where)
    provenance = data.get("provenance")
    origins = {} if provenance is None else _mapping(provenance, f"{where}.provenance")
    return Document(
        source=_string_or_none(data.get("source"), f"{where}.source") or "",
        text=text,
        sha256=_string(_required(data, "sha256", f"{where}."), f"{where}.sha256"),
        title=_string_or_none(data.get("title"), f"{where}.title"),
        outlet=_string_or_none(data.get("outlet"), f"{where}.outlet"),
        byline=_string_or_none(data.get("byline"), f"{where}.byline"),
        published=_string_or_none(data.get("published"), f"{where}.published"),
        url=_string_or_none(data.get("url"), f"{where}.url"),
        provenance=tuple(
            (_valid_text(key, f"{where}.provenance"), _string(origin, f"{where}.provenance.{key}"))
            for key, origin in origins.items()
        ),
    )


_KINDS_BY_VALUE = {str(kind): kind for kind in SegmentKind}
_KINDS = ", ".join(_KINDS_BY_VALUE)


def _read_segment(value: object, where: str, text: str) -> Segment:
    data = _items(value, where)
    if len(data) != 4:
        raise ValueError(f"{where}: expected [start, end, kind, block], got {_got(value)}")
    start, end = _span(data[0], data[1], where, len(text))
    kind = data[2]
    if not isinstance(kind, str) or kind not in _KINDS_BY_VALUE:
        raise ValueError(f"{where}.kind: expected one of {_KINDS}, got {_got(kind)}")
    return Segment(
        start=start,
        end=end,
        kind=_KINDS_BY_VALUE[kind],
        text=text[start:end],
        block=_block(data[3], f"{where}.block"),
    )


def _read_attribution(value: object, where: str) -> Attribution:
    data = {} if value is None else _mapping(value, where)
    return Attribution(
        speaker=_string_or_none(data.get("speaker"), f"{where}.speaker"),
        role=_string_or_none(data.get("role"), f"{where}.role"),
        verb=_string_or_none(data.get("verb"), f"{where}.verb"),
        via=_strings(data.get("via"), f"{where}.via"),
        hedges=_strings(data.get("hedges"), f"{where}.hedges"),
        quote=_flag(data.get("quote", False), f"{where}.quote"),
        others=_strings(data.get("others"), f"{where}.others"),
    )


def _read_claim(value: object, where: str, text: str) -> Claim:
    data = _mapping(value, where)
    start, end = _span(
        _required(data, "start", f"{where}."), _required(data, "end", f"{where}."), where, len(text)
    )
    return Claim(
        id=_string(_required(data, "id", f"{where}."), f"{where}.id"),
        text=text[start:end],
        start=start,
        end=end,
        check_worthiness=_score(data.get("check_worthiness", 0.0), f"{where}.check_worthiness"),
        reasons=_strings(data.get("reasons"), f"{where}.reasons"),
        attribution=_read_attribution(data.get("attribution"), f"{where}.attribution"),
        sources=_strings(data.get("sources"), f"{where}.sources"),
        block=_block(data.get("block", 0), f"{where}.block"),
    )


def parse_article_record(data: object) -> tuple[Document, Extraction, str, bool]:
    """A cached article: (ingested document, extraction, added, whether it is current).

    Raises ValueError naming the field when the record is damaged. A stale record is read only
    as far as its text and ingested metadata: the rest is extracted again.
    """
    if not isinstance(data, dict) or data.get("format") != ARTICLE_FORMAT:
        raise ValueError("not a cached factcheck article")
    text = _string(_required(data, "text", ""), "text")
    ingested = _read_document(_required(data, "ingested", ""), "ingested", text)
    added = _string_or_none(data.get("added"), "added") or ""
    version = data.get("version")
    if version is not None:
        _whole(version, "version")
    extractor = _string_or_none(data.get("extractor"), "extractor")
    current = version == CACHE_VERSION and extractor == extractor_fingerprint()
    if not current:
        return ingested, Extraction(ingested, (), ()), added, False
    segments = tuple(
        _read_segment(s, f"segments[{i}]", text)
        for i, s in enumerate(_items(_required(data, "segments", ""), "segments"))
    )
    claims = tuple(
        _read_claim(c, f"claims[{i}]", text)
        for i, c in enumerate(_items(_required(data, "claims", ""), "claims"))
    )
    document = _read_document(_required(data, "document", ""), "document", text)
    return ingested, Extraction(document, segments, claims), added, True
