"""Cases, beside stage ④ sources: the other articles about a story, and who else reports a claim.

A case folder holds the articles about one story:

    CASE_DIR/case.yaml                 the index: one entry per article (outlet, date, source)
    CASE_DIR/articles/<id>.json        each article's cached extraction, with its text

``<id>`` is the first 16 hex digits of the article's sha256, so an article is extracted once
however often it is added. A cached extraction records the cache format and a fingerprint of the
extractor; when either changed, the article is extracted again from its stored text.

`match_claims` compares every claim of an article under review with the claims of the case's
other articles. It is precise before it is complete, because a false "corroborated" misleads a
reviewer more than a missed one:

- *similarity*: content words and numbers weighted by how rare they are in the case (IDF), found
  through an inverted index, compared by cosine;
- *details*: numbers, dates, places, actors and denials are compared; one kind differing makes a
  conflicting report of the same event, two or more a report of a different event (no match);
- *independence*: reports are grouped into chains: the same speaker or intermediary at the root
  (normalised through the source registry, a person standing for their organisation), the same
  or an affiliated outlet, one article citing the other's outlet, or near-identical text each tie
  two reports to one chain. Only another chain that agrees counts as independent corroboration;
- *quote drift*: the same speaker's quotation worded differently in two articles.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import hashlib
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from factcheck.errors import CaseError, FactcheckError
from factcheck.extract.segment import MONTH_NUMBERS
from factcheck.files import write_atomic
from factcheck.models import (
    FURNITURE_KINDS,
    Attribution,
    Claim,
    Document,
    Extraction,
    Segment,
    SegmentKind,
)
from factcheck.records import attribution_record, document_record

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist
    from factcheck.review.session import ClaimHints
    from factcheck.review.worksheet import Worksheet
    from factcheck.sources.registry import Registry

CASE_FORMAT = "factcheck-case/1"
"""Value of the ``format`` key of a case index."""
ARTICLE_FORMAT = "factcheck-case-article"
"""Value of the ``format`` key of a cached article."""
CACHE_VERSION = 1
"""Version of the cached article's layout; a cache with another version is extracted again."""
INDEX_FILE = "case.yaml"
ARTICLES_DIR = "articles"
ID_LENGTH = 16
"""Hex digits of the sha256 that name an article."""

MATCH_THRESHOLD = 0.42
"""Least cosine similarity for two claims to report the same thing."""
CONTAIN_THRESHOLD = 0.65
"""Least share of a shorter claim's weighted words found in a longer one for the two to be
compared although their cosine is below MATCH_THRESHOLD..."""
CONTAIN_FLOOR = 0.35
"""...provided the cosine is at least this."""
ANCHOR_FLOOR = 0.3
"""Least cosine similarity of two claims that share MIN_ANCHORS specific details (the same
count of the same thing, the same day, place or name) to be compared."""
MIN_ANCHORS = 2
"""Specific details a less similar claim, or a conflicting one, must share with the claim."""
MIN_SHARED = 3
"""Least content words and numbers two matching claims share."""
COPY_THRESHOLD = 0.8
"""Share of word trigrams two claims share, beyond which one is a copy of the other."""
COPY_HINT = 0.2
"""Share of word trigrams two claims share, beyond which their articles are compared whole."""
ARTICLE_COPY_THRESHOLD = 0.5
"""Share of word trigrams two articles share, beyond which one republishes the other."""
TRIES_PER_ARTICLE = 2
"""Claims of one other article compared in detail with a claim, most similar first."""
STORY_DAYS = 60
"""Articles published further apart than this are about different events: a detail differing
between them is no conflict."""
DRIFT_THRESHOLD = 0.5
"""Least word overlap (Dice, content words) of two quotations to be the same quotation."""

# The folders whose code and data shape an extraction: a change to any file in them makes a cache
# stale. Whole folders are hashed, so a new module or word list is covered without a list to keep.
_EXTRACTOR_FOLDERS = ("extract", "sources", "lexicon")


# --- the case folder -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseArticle:
    """One article of a case: its extraction, and how the case's index describes it."""

    id: str
    """The first 16 hex digits of the article's sha256."""
    extraction: Extraction
    """The cached extraction: document (with its text), segments and claims."""
    outlet: str | None
    """The publishing outlet, as the index gives it (the reviewer may correct it there)."""
    added: str
    """When the article was added (ISO 8601, UTC)."""

    @property
    def document(self) -> Document:
        """The article's document."""
        return self.extraction.document

    @property
    def location(self) -> str:
        """Where the article came from: its URL, else its path, else 'stdin'."""
        doc = self.document
        if doc.url:
            return doc.url
        return "stdin" if doc.source in ("", "-") else doc.source

    @property
    def label(self) -> str:
        """The outlet, else the title, else the location: how the article is named in findings."""
        return self.outlet or self.document.title or self.location

    def reference(self, case_dir: Path) -> str:
        """How a worksheet records this article as evidence: its URL, else 'case:' and its path
        (for an article read from stdin, the path of its cached copy in the case)."""
        doc = self.document
        if doc.url:
            return doc.url
        if doc.source in ("", "-"):
            return f"case:{_article_path(case_dir, self.id).as_posix()}"
        return f"case:{doc.source}"


@dataclass(frozen=True, slots=True)
class Case:
    """A case folder's articles, in the order they were added."""

    path: Path
    """The case folder."""
    articles: tuple[CaseArticle, ...] = ()
    """Every article whose cached extraction could be read."""
    warnings: tuple[str, ...] = ()
    """Articles left out (missing or damaged cache), and articles extracted again."""

    @property
    def name(self) -> str:
        """The folder's name."""
        return self.path.name

    def article(self, article_id: str) -> CaseArticle | None:
        """The article with this id (or a unique prefix of it)."""
        found = [a for a in self.articles if a.id.startswith(article_id)]
        return found[0] if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class Added:
    """What adding one source to a case did."""

    source: str
    """The source as the user named it."""
    article: CaseArticle | None
    """The article, new or already in the case; None when it could not be read."""
    new: bool = False
    """Whether it was extracted and added now (False: it was already in the case)."""
    error: str | None = None
    """The one-line error, when the source could not be read or extracted."""


def case_index_path(case_dir: Path) -> Path:
    """The case's index file."""
    return case_dir / INDEX_FILE


def _article_path(case_dir: Path, article_id: str) -> Path:
    return case_dir / ARTICLES_DIR / f"{article_id}.json"


def _utc_now() -> str:
    from factcheck.review.worksheet import utc_now

    return utc_now()


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


def extract_document(ingested: Document, registry: Registry | None = None) -> Extraction:
    """Stages ②-④ on an ingested document: segments, claims and their registry sources."""
    from factcheck.extract.claims import extract_claims
    from factcheck.extract.segment import segment_document

    document, segments = segment_document(ingested)
    segments, claims = extract_claims(document, segments)
    if registry is not None:
        from factcheck.sources.registry import match_claim_sources

        claims = tuple(
            replace(claim, sources=match_claim_sources(registry, claim, document))
            for claim in claims
        )
    return Extraction(document=document, segments=segments, claims=claims)


_BY_LINE = re.compile(r"^[ \t]*By[ \t]+([^\n]{2,100})$", re.MULTILINE)
_STAFF = re.compile(
    r"\s+(?:staff|staff writers?|reporters?|newsroom|news desk|desk|correspondents?|team)\s*$",
    re.IGNORECASE,
)


def article_outlet(extraction: Extraction, registry: Registry | None = None) -> str | None:
    """The outlet that published an article, as well as the text tells it.

    A byline that names an outlet ('By Lena Harte, Northwire', 'By Tehran Monitor staff') wins
    over the document's outlet, which may come from a wire credit in the dateline.
    """
    document = extraction.document
    head = document.text[:600]
    if not (document.byline and document.outlet):
        for found in _BY_LINE.finditer(head):
            line = found.group(1).strip()
            if "," in line:
                candidate = line.rsplit(",", 1)[1].strip()
            elif _STAFF.search(line):
                candidate = _STAFF.sub("", line).strip()
            else:
                continue
            if candidate and candidate[0].isupper() and len(candidate.split()) <= 6:
                return candidate
    if document.outlet:
        return document.outlet
    if registry is not None and document.url:
        entry = registry.by_domain(document.url)
        if entry is not None:
            return entry.name
    return None


# --- cache files --------------------------------------------------------------------------------


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


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _read_document(data: Mapping[str, Any], text: str) -> Document:
    return Document(
        source=str(data.get("source") or ""),
        text=text,
        sha256=str(data["sha256"]),
        title=_text_or_none(data.get("title")),
        outlet=_text_or_none(data.get("outlet")),
        byline=_text_or_none(data.get("byline")),
        published=_text_or_none(data.get("published")),
        url=_text_or_none(data.get("url")),
    )


def _read_claim(data: Mapping[str, Any], text: str) -> Claim:
    att = data.get("attribution") or {}
    start, end = int(data["start"]), int(data["end"])
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"claim {data.get('id')!r} lies outside the text")
    return Claim(
        id=str(data["id"]),
        text=text[start:end],
        start=start,
        end=end,
        check_worthiness=float(data.get("check_worthiness", 0.0)),
        reasons=tuple(str(r) for r in data.get("reasons") or ()),
        attribution=Attribution(
            speaker=_text_or_none(att.get("speaker")),
            role=_text_or_none(att.get("role")),
            verb=_text_or_none(att.get("verb")),
            via=tuple(str(v) for v in att.get("via") or ()),
            hedges=tuple(str(h) for h in att.get("hedges") or ()),
            quote=bool(att.get("quote", False)),
        ),
        sources=tuple(str(s) for s in data.get("sources") or ()),
        block=int(data.get("block", 0)),
    )


def parse_article_record(data: object) -> tuple[Document, Extraction, str, bool]:
    """A cached article: (ingested document, extraction, added, whether it is current).

    Raises ValueError, KeyError or TypeError when the record is damaged.
    """
    if not isinstance(data, dict) or data.get("format") != ARTICLE_FORMAT:
        raise ValueError("not a cached factcheck article")
    text = data["text"]
    if not isinstance(text, str):
        raise TypeError("text is not a string")
    ingested = _read_document(data["ingested"], text)
    current = data.get("version") == CACHE_VERSION and data.get("extractor") == (
        extractor_fingerprint()
    )
    added = str(data.get("added") or "")
    if not current:
        return ingested, Extraction(ingested, (), ()), added, False
    segments = tuple(
        Segment(
            start=int(s[0]),
            end=int(s[1]),
            kind=SegmentKind(s[2]),
            text=text[int(s[0]) : int(s[1])],
            block=int(s[3]),
        )
        for s in data["segments"]
    )
    claims = tuple(_read_claim(c, text) for c in data["claims"])
    document = _read_document(data["document"], text)
    return ingested, Extraction(document, segments, claims), added, True


def _write_article(case_dir: Path, article_id: str, record: Mapping[str, Any]) -> None:
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
    try:
        write_atomic(_article_path(case_dir, article_id), text)
    except OSError as exc:
        raise CaseError(f"{case_dir}: cannot write the cached article: {exc.strerror}") from None


# --- the index ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _IndexEntry:
    id: str
    source: str
    outlet: str | None
    title: str | None
    published: str | None
    added: str


def _read_index(case_dir: Path) -> list[_IndexEntry]:
    from factcheck import yamlio  # PyYAML loads only when a case is read: keeps start-up fast

    path = case_index_path(case_dir)
    if not case_dir.exists():
        raise CaseError(f"{case_dir}: no such case folder; make one with: factcheck case add")
    if not case_dir.is_dir():
        raise CaseError(f"{case_dir}: not a folder")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseError(f"{path}: no case index; add articles with: factcheck case add") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError(f"{path}: cannot read the case index: {exc}") from None
    try:
        data = yamlio.load(text)
    except yamlio.YamlSyntaxError as exc:
        where = f":{exc.line}" if exc.line is not None else ""
        raise CaseError(f"{path}{where}: not valid YAML") from None
    if not isinstance(data, dict) or data.get("format") != CASE_FORMAT:
        raise CaseError(f"{path}: format: expected {CASE_FORMAT!r}")
    items = data.get("articles") or []
    if not isinstance(items, list):
        raise CaseError(f"{path}: articles: expected a list")
    entries: list[_IndexEntry] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise CaseError(f"{path}: articles[{i}]: expected a mapping with an id")
        unknown = set(item) - {"id", "source", "outlet", "title", "published", "claims", "added"}
        if unknown:
            raise CaseError(f"{path}: articles[{i}]: unknown key {sorted(unknown)[0]!r}")
        if not re.fullmatch(rf"[0-9a-f]{{{ID_LENGTH}}}", item["id"]):
            raise CaseError(f"{path}: articles[{i}].id: expected {ID_LENGTH} hex digits")
        entries.append(
            _IndexEntry(
                id=item["id"],
                source=str(item.get("source") or ""),
                outlet=_text_or_none(item.get("outlet")) or None,
                title=_text_or_none(item.get("title")),
                published=str(item["published"]) if item.get("published") else None,
                added=str(item.get("added") or ""),
            )
        )
    return entries


def _write_index(case_dir: Path, articles: Sequence[CaseArticle]) -> None:
    import yaml

    records = [
        {
            "id": a.id,
            "source": a.location,
            "outlet": a.outlet,
            "title": a.document.title,
            "published": a.document.published,
            "claims": len(a.extraction.claims),
            "added": a.added,
        }
        for a in articles
    ]
    head = (
        "# A factcheck case: the articles about one story. Made by `factcheck case add`;\n"
        "# correct an article's outlet here if the tool got it wrong. Format: docs/cases.md\n"
    )
    body = yaml.safe_dump(
        {"format": CASE_FORMAT, "articles": records},
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,
    )
    try:
        write_atomic(case_index_path(case_dir), head + body)
    except OSError as exc:
        raise CaseError(f"{case_dir}: cannot write the case index: {exc.strerror}") from None


def _load_article(
    case_dir: Path, entry: _IndexEntry, registry: Registry | None
) -> tuple[CaseArticle | None, str | None]:
    path = _article_path(case_dir, entry.id)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        ingested, extraction, added, current = parse_article_record(data)
    except FileNotFoundError:
        return None, f"{path}: missing; add the article again ({entry.source})"
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, IndexError) as exc:
        return None, f"{path}: damaged ({exc}); add the article again ({entry.source})"
    warning = None
    if not current:
        extraction = extract_document(ingested, registry)
        record = article_record(
            ingested, extraction, added=added, fingerprint=extractor_fingerprint()
        )
        try:
            _write_article(case_dir, entry.id, record)
        except CaseError:
            warning = f"{path}: extracted again, but the cache could not be updated"
    article = CaseArticle(
        id=entry.id,
        extraction=extraction,
        outlet=entry.outlet or article_outlet(extraction, registry),
        added=entry.added or added,
    )
    return article, warning


def load_case(case_dir: Path, registry: Registry | None = None) -> Case:
    """Read a case: its index and every cached article (extracting stale ones again)."""
    entries = _read_index(case_dir)
    articles: list[CaseArticle] = []
    warnings: list[str] = []
    for entry in entries:
        article, warning = _load_article(case_dir, entry, registry)
        if article is not None:
            articles.append(article)
        if warning:
            warnings.append(warning)
    return Case(path=case_dir, articles=tuple(articles), warnings=tuple(warnings))


def add_to_case(
    case_dir: Path,
    sources: Sequence[str],
    *,
    registry: Registry | None = None,
    stdin: BinaryIO | None = None,
    now: Callable[[], str] = _utc_now,
    on_done: Callable[[Added], None] | None = None,
) -> list[Added]:
    """Add articles to a case (made if need be), extracting each one not already in it.

    A source that cannot be read is reported in its ``Added.error`` and the others still go in.
    """
    if case_dir.exists() and not case_dir.is_dir():
        raise CaseError(f"{case_dir}: not a folder")
    if case_index_path(case_dir).exists():
        case = load_case(case_dir, registry)
        articles = list(case.articles)
    else:
        if case_dir.exists() and any(case_dir.iterdir()):
            raise CaseError(f"{case_dir}: the folder is not empty and holds no {INDEX_FILE}")
        articles = []
    by_id = {a.id: a for a in articles}
    results: list[Added] = []
    fingerprint = extractor_fingerprint()
    changed = False
    for source in sources:
        outcome = _add_one(case_dir, source, by_id, registry, stdin, now, fingerprint)
        if outcome.new and outcome.article is not None:
            articles.append(outcome.article)
            by_id[outcome.article.id] = outcome.article
            changed = True
            # Each article is in the index as soon as it is cached, so an interrupted add
            # loses nothing already extracted.
            _write_index(case_dir, articles)
        results.append(outcome)
        if on_done is not None:
            on_done(outcome)
    if not changed and not case_index_path(case_dir).exists():
        _write_index(case_dir, articles)
    return results


def _add_one(
    case_dir: Path,
    source: str,
    known: Mapping[str, CaseArticle],
    registry: Registry | None,
    stdin: BinaryIO | None,
    now: Callable[[], str],
    fingerprint: str,
) -> Added:
    from factcheck.extract.ingest import read_source

    try:
        ingested = read_source(source, stdin=stdin)
        article_id = ingested.sha256[:ID_LENGTH]
        if article_id in known:
            return Added(source, known[article_id], new=False)
        extraction = extract_document(ingested, registry)
        added = now()
        record = article_record(ingested, extraction, added=added, fingerprint=fingerprint)
        _write_article(case_dir, article_id, record)
    except CaseError:
        raise
    except FactcheckError as exc:
        return Added(source, None, error=str(exc))
    article = CaseArticle(
        id=article_id,
        extraction=extraction,
        outlet=article_outlet(extraction, registry),
        added=added,
    )
    return Added(source, article, new=True)


# --- words, numbers and details -----------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOPWORDS = _wordset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yet still since however though
    although among amid per via upon onto within without whether either neither may might must
    shall one ones
    said say says saying told tell tells telling according reported report reports reporting
    claimed claim claims added adding stated statement stating noted asserted insisted
    explained announced quoted cited citing described called speaking spoke
    mr mrs ms dr least many much several including another others around almost nearly
    following meanwhile additionally moreover furthermore earlier later today yesterday
    """
)
"""Words that say nothing about what a claim asserts: function words and reporting verbs."""

_NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "twice": 2,
    "thrice": 3,
}
_LEMMAS = {
    **dict.fromkeys(
        ("died", "dies", "dying", "dead", "death", "deaths", "killed", "kill", "kills", "killing"),
        "die",
    ),
    **dict.fromkeys(
        (
            "wounded",
            "wounding",
            "wounds",
            "wound",
            "injured",
            "injuring",
            "injury",
            "injuries",
            "injure",
            "injures",
            "hurt",
        ),
        "injure",
    ),
    **dict.fromkeys(
        (
            "fell",
            "fallen",
            "falling",
            "falls",
            "fall",
            "dropped",
            "drop",
            "drops",
            "declined",
            "decreased",
            "slowed",
            "eased",
            "dipped",
        ),
        "fall",
    ),
    **dict.fromkeys(
        ("rose", "risen", "rising", "rises", "rise", "increased", "climbed", "jumped", "surged"),
        "rise",
    ),
    **dict.fromkeys(
        ("struck", "strikes", "striking", "strike", "hit", "hits", "hitting"), "strike"
    ),
    **dict.fromkeys(("sank", "sunk", "sinks", "sink", "sinking"), "sink"),
    **dict.fromkeys(("arrested", "arrest", "arrests", "detained", "detain", "detains"), "arrest"),
    **dict.fromkeys(("sent", "send", "sends", "sending"), "send"),
    **dict.fromkeys(("met", "meet", "meets", "meeting", "meetings"), "meet"),
    **dict.fromkeys(("took", "taken", "take", "takes", "taking"), "take"),
    **dict.fromkeys(("gave", "given", "give", "gives", "giving"), "give"),
    **dict.fromkeys(("brought", "bring", "brings", "bringing"), "bring"),
    **dict.fromkeys(
        ("began", "begun", "begin", "begins", "beginning", "started", "start", "starts"), "begin"
    ),
    **dict.fromkeys(("fought", "fight", "fights", "fighting"), "fight"),
    **dict.fromkeys(("shot", "shoot", "shoots", "shooting"), "shoot"),
    **dict.fromkeys(("held", "hold", "holds", "holding"), "hold"),
    **dict.fromkeys(("visited", "visit", "visits", "visiting"), "visit"),
}
"""Irregular forms and near-synonyms of the verbs news reports turn on, to one word each."""
_NUMBER_WORD = re.compile(
    r"(?<![\w-])(?:" + "|".join(w for w in _NUMBER_WORDS if w != "one") + r")(?![\w-])",
    re.IGNORECASE,
)
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WEEKDAYS = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
)
_MONTH_DAY = re.compile(
    rf"\b(?:({_MONTH_NAMES})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|(\d{{1,2}})(?:st|nd|rd|th)?\s+"
    rf"(?:of\s+)?({_MONTH_NAMES}))(?:,?\s+((?:19|20)\d\d)\b)?"
)
_MONTH = re.compile(rf"\b({_MONTH_NAMES})(?!\w)")
_YEAR = re.compile(r"(?<![\d,.$£€])\b((?:19|20)\d\d)\b(?![\d,.]\d|%)")
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_TIME = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b)|\b\d{1,2}:\d\d\b"
)
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(%|percent|per cent))?"
    r"(?:\s+(thousand|million|billion|trillion))?(?![\w-])"
)
_PREVIOUS = re.compile(
    r"(?i:\bfrom)\s+(?:about\s+|around\s+|nearly\s+|some\s+)?\d[\d,.]*"
    r"(?:\s*(?:%|percent|per cent))?(?:\s+(?:in|on)\s+(?:" + _MONTH_NAMES + r")(?:\s+\d{1,2})?)?"
)
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*|\d[\d,.]*")
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .'\u2019-]{1,40}?)(?:,\s*[A-Za-z .]{2,30})?\s*\(([^()\n]{2,40})\)\s*"
    r"[-\u2013\u2014]+\s*"
)
_QUOTE = re.compile(r"\u201c([^\u201d]{3,})\u201d|\"([^\"]{3,})\"|\u00ab([^\u00bb]{3,})\u00bb")
_NEGATION = re.compile(
    r"\b(?:not|never|no|neither|nor|denied|denies|deny|denying|rejected|rejects|refuted|dismissed|false|"
    r"untrue|baseless|nobody|none)\b|n[\u2019']t\b",
    re.IGNORECASE,
)
_BLAME = re.compile(
    r"\b(?:blam\w*|accus\w*|responsib\w*|culprits?|perpetrat\w*|attribut\w* (?:it|the \w+) to)\b",
    re.IGNORECASE,
)
_RUN = r"(?:[A-Z][\w'\u2019&.-]*)(?:[ \t]+(?:[A-Z][\w'\u2019&.-]*|of|for|de))*"
_CITED_PAREN = re.compile(r"\(\s*([A-Z][^()\n]{1,40}?)\s*\)")
_CITED_CUE = re.compile(
    r"\b(?:according to|told|via|quoted by|cited by|reported by|appeared in|published by|"
    r"published in|first published in|first published by|courtesy of|reporting by|"
    r"an interview with|interviewed by)[ \t]+(?:the[ \t]+)?"
    r"(?:[\w-]+-(?:run|operated|owned)[ \t]+)?"
)
_CITED_VERB = re.compile(
    r"[ \t]+(?:reported|reports|said|says|quoted|cited|wrote|news agency|correspondent|"
    r"contributed)\b"
)
_RUN_AT = re.compile(_RUN)
_RUN_BEFORE = re.compile(f"({_RUN})$")


def cited_names(text: str) -> list[str]:
    """Names a text gives as the source of what it reports: '(Reuters)', 'according to X',
    'told X', 'X reported', 'first appeared in X'."""
    names = [m.group(1) for m in _CITED_PAREN.finditer(text)]
    # The cues are matched on lowercased text (faster than a case-blind pattern), whose
    # offsets are the text's own when lowercasing keeps its length, as it does but for a few
    # letters outside ASCII.
    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for cue in _CITED_CUE.finditer(lower):
        run = _RUN_AT.match(text, cue.end())
        if run:
            names.append(run.group())
    for verb in _CITED_VERB.finditer(lower):
        run = _RUN_BEFORE.search(text[max(0, verb.start() - 60) : verb.start()])
        if run:
            names.append(run.group(1))
    return names


_PLACE_NOUNS = (
    "city|town|village|port|capital|province|region|district|zone|county|state|area|"
    "neighbourhood|neighborhood|suburb|camp|island|valley|border|strip"
)
_LOCATIVES = _wordset("in at near outside inside into across around from on to toward towards")
_PLACE_NOUN_SET = frozenset(_PLACE_NOUNS.split("|"))
_PLACE_MODIFIERS = _wordset(
    """northern southern eastern western central north south east west occupied besieged
    coastal river port border industrial harbour harbor the"""
)


def _is_locative(before: str) -> bool:
    """Whether text ends in what comes just before a place name: 'in', 'near the town of',
    'in the port city of', 'on'."""
    words = before.lower().split()[-6:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word in _LOCATIVES:
            return True
        if word == "of":
            return i > 0 and words[i - 1] in _PLACE_NOUN_SET
        if word not in _PLACE_MODIFIERS and word not in _PLACE_NOUN_SET:
            return False
    return False


_PROPER = re.compile(
    r"(?<![\w'\u2019-])((?:al-|el-|as-|ad-)?[A-Z][\w'\u2019-]*"
    r"(?:\s+(?:of\s+|al-|el-|bin\s+|de\s+)?[A-Z][\w'\u2019-]*)*)"
)
_UNITS_OF_TIME = frozenset(("day", "days", "hour", "hours", "week", "weeks", "minute", "minutes"))


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """`fold` for one word, remembered: the same words recur across a case."""
    return fold(word)


def fold(text: str) -> str:
    """Lowercase ASCII-folded text with one kind of apostrophe, for comparing words."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.lower()


def _stem(word: str) -> str:
    # A light suffix stripper: enough to make "killed"/"kills"/"killing" one word; it never
    # needs to produce a real word, only the same one for a word's inflections.
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'-")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2] if not word.endswith("eed") else word[:-1]
    if len(word) > 3 and word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _number_value(whole: str, fraction: str | None, multiplier: str | None) -> float:
    value = float(whole.replace(",", "") + (f".{fraction}" if fraction else ""))
    if multiplier:
        value *= _MULTIPLIERS[multiplier.lower()]
    return value


def _show_number(value: float, percent: bool) -> str:
    shown = f"{int(value):,}" if value.is_integer() else f"{value:g}"
    return shown + ("%" if percent else "")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a claim with what it counts and how exact it is."""

    value: float
    """The number as written ('at least 17': 17)."""
    low: float
    """The least value the text allows ('at least 17': 17)."""
    high: float
    """The greatest value the text allows ('at least 17': infinity)."""
    unit: str
    """What it counts: '%', or the (stemmed) noun after it ('people'), else the word before it
    ('magnitude', 'injure')."""
    noun: bool
    """Whether the unit is the noun after the number, which says for sure what it counts."""
    shown: str
    """The number as shown to the reviewer ('at least 17', '4.2%')."""

    def comparable(self, other: Quantity) -> bool:
        """Whether two numbers may count the same thing: the same unit, or one unit unsure."""
        return self.unit == other.unit or not (self.noun and other.noun)

    def overlaps(self, other: Quantity) -> bool:
        """Whether both numbers can be true of one quantity."""
        return self.low <= other.high and other.low <= self.high


_QUALIFIERS = {
    **dict.fromkeys(
        (
            "at least",
            "no fewer than",
            "no less than",
            "a minimum of",
            "more than",
            "over",
            "above",
            "upwards of",
            "in excess of",
        ),
        (1.0, math.inf),
    ),
    **dict.fromkeys(
        ("up to", "at most", "fewer than", "less than", "under", "below", "no more than"),
        (0.0, 1.0),
    ),
    **dict.fromkeys(("nearly", "almost", "close to"), (0.85, 1.0)),
    **dict.fromkeys(
        ("about", "around", "some", "roughly", "approximately", "an estimated", "circa"),
        (0.85, 1.15),
    ),
}
"""Words before a number that make it a bound or an estimate, with the factors that give the
range it allows."""
_QUALIFIER_ENDS = tuple(f" {q}" for q in _QUALIFIERS)
_UNIT_SKIP = _wordset(
    "more than at least about around nearly almost over some up to of by the a an"
)


def _quantity(text: str, span: tuple[int, int], value: float, percent: bool) -> Quantity:
    """A number with its qualifier ('at least') and unit, read from the words around it."""
    before = text[max(0, span[0] - 30) : span[0]]
    low, high = value, value
    shown = _show_number(value, percent)
    tail = " " + " ".join(before.lower().split())
    if tail.endswith(_QUALIFIER_ENDS):
        qualifier = next(q for q in _QUALIFIERS if tail.endswith(f" {q}"))
        low_factor, high_factor = _QUALIFIERS[qualifier]
        low, high = value * low_factor, value * high_factor
        shown = f"{qualifier} {shown}"
    if percent:
        return Quantity(value, low, high, "%", True, shown)
    after = re.match(r"\s+([A-Za-z][\w-]*)", text[span[1] :])
    if after:
        word = fold_word(after.group(1))
        if word not in _STOPWORDS and word not in _UNIT_SKIP:
            return Quantity(value, low, high, _token(after.group(1)) or word, True, shown)
    for word in reversed(re.findall(r"[A-Za-z][\w-]*", before)):
        folded = fold_word(word)
        if folded in _UNIT_SKIP or folded in _STOPWORDS:
            continue
        return Quantity(value, low, high, _token(word) or folded, False, shown)
    return Quantity(value, low, high, "", False, shown)


def _quantity_relation(ours: Sequence[Quantity], theirs: Sequence[Quantity]) -> str:
    """'clash' when a number on each side counts the same thing and neither matches anything
    on the other side; 'adds' when the other side has numbers the claim lacks; else 'same' or
    'none'."""
    if not ours or not theirs:
        return "adds" if theirs else "none"

    def matched(q: Quantity, others: Sequence[Quantity]) -> bool:
        return any(q.comparable(o) and q.overlaps(o) for o in others)

    lone_ours = [q for q in ours if not matched(q, theirs)]
    lone_theirs = [q for q in theirs if not matched(q, ours)]
    if any(a.comparable(b) for a in lone_ours for b in lone_theirs):
        return "clash"
    return "adds" if lone_theirs else "same"


@dataclass(frozen=True, slots=True)
class Details:
    """The checkable details of a claim, each normalised so that two reports compare."""

    numbers: frozenset[str] = frozenset()
    """Numbers as shown ('at least 14', '4.2%'), dates and times left out."""
    quantities: tuple[Quantity, ...] = ()
    """The same numbers with what they count, to compare."""
    days: frozenset[str] = frozenset()
    """Calendar days as MM-DD."""
    months: frozenset[str] = frozenset()
    """Months named, as MM."""
    years: frozenset[str] = frozenset()
    """Years named."""
    weekdays: frozenset[str] = frozenset()
    """Weekdays named, lowercase."""
    places: frozenset[str] = frozenset()
    """Place names (after 'in', 'near', 'the city of', or in a dateline), folded."""
    actors: frozenset[str] = frozenset()
    """Other names: registry ids, else folded names; the speaker and intermediaries left out."""
    denial: bool = False
    """Whether the claim denies or negates."""
    blame: bool = False
    """Whether the claim says who is responsible ('blamed', 'accused', 'responsible for')."""


def _strip_dateline(text: str) -> tuple[str, str | None, str | None]:
    """The claim text without a leading 'KESSEL (Northwire) -', with the place and credit."""
    found = _DATELINE.match(text)
    if not found:
        return text, None, None
    return text[found.end() :], found.group(1).strip().title(), found.group(2).strip()


def _chain_names(attribution: Attribution) -> list[str]:
    return [n for n in (attribution.speaker, attribution.role, *attribution.via) if n]


def _name_key(name: str) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", fold(name)) if w not in ("the", "of", "s")]
    return " ".join(words)


def _compatible_names(a: str, b: str) -> bool:
    """Two folded names for the same thing: equal, or one's words within the other's."""
    if a == b:
        return True
    wa, wb = _name_words(a), _name_words(b)
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


@lru_cache(maxsize=1 << 14)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(name.split())


def claim_body(claim: Claim, outlet_names: Sequence[str] = ()) -> tuple[str, str | None]:
    """What a claim asserts, as text: the dateline cut off and the names of who says it (the
    speaker, their role, intermediaries, the article's own outlet) blanked out, so that only
    what is reported is compared. Returns it with the dateline's place, if any."""
    text, place, _ = _strip_dateline(claim.text)
    names = [*_chain_names(claim.attribution), *outlet_names]
    speaker = claim.attribution.speaker or ""
    last = speaker.split()[-1] if speaker.split() else ""
    if len(last) >= 3 and any(ch.isupper() for ch in last):
        names.append(last)
    lower = text.lower()
    chars = list(text)
    for name in sorted({n.strip().lower() for n in names if len(n.strip()) >= 2}, key=len)[::-1]:
        at = lower.find(name)
        while at >= 0:
            end = at + len(name)
            if lower[end : end + 2] in ("'s", "\u2019s"):
                end += 2
            before = lower[at - 1] if at else " "
            after = lower[end] if end < len(lower) else " "
            if not (before.isalnum() or before == "-" or after.isalnum() or after == "-"):
                chars[at:end] = " " * (end - at)
            at = lower.find(name, at + 1)
    return "".join(chars), place


def claim_details(
    claim: Claim,
    registry: Registry | None = None,
    common: frozenset[str] = frozenset(),
    outlet_names: Sequence[str] = (),
) -> Details:
    """The numbers, dates, places, actors and denial in what a claim asserts.

    ``common`` holds folded words seen in lowercase in the case, so that a capitalised word
    opening a sentence ('Rescue', 'Fourteen') is not taken for a name. A value the claim gives
    as the earlier one ('fell to 4.2 percent from 5.1 percent in February') is left out: it is
    not what the claim is about.
    """
    text, dateline_place = claim_body(claim, outlet_names)
    return _body_details(text, dateline_place, registry, common)


def _body_details(
    text: str,
    dateline_place: str | None,
    registry: Registry | None,
    common: frozenset[str],
    is_organisation: Callable[[str], bool] | None = None,
) -> Details:
    if is_organisation is None:

        def is_organisation(name: str) -> bool:
            return _is_organisation(name, registry)

    days: set[str] = set()
    months: set[str] = set()
    years: set[str] = set()
    taken: list[tuple[int, int]] = [m.span() for m in _PREVIOUS.finditer(text)]

    def free(span: tuple[int, int]) -> bool:
        return not any(s <= span[0] < e for s, e in taken)

    for found in _MONTH_DAY.finditer(text):
        if not free(found.span()):
            continue
        month_name = found.group(1) or found.group(4)
        day = found.group(2) or found.group(3)
        month = MONTH_NUMBERS[fold(month_name).rstrip(".")]
        if 1 <= int(day) <= 31:
            days.add(f"{month:02d}-{int(day):02d}")
            months.add(f"{month:02d}")
            taken.append(found.span())
        if found.group(5):
            years.add(found.group(5))
    for found in _MONTH.finditer(text):
        name = fold(found.group(1)).rstrip(".")
        # 'may' is a month only when capitalised and not opening the sentence.
        if name == "may" and (found.start() == 0 or found.group(1) != "May"):
            continue
        if free(found.span()):
            months.add(f"{MONTH_NUMBERS[name]:02d}")
    for found in _YEAR.finditer(text):
        if free(found.span()):
            years.add(found.group(1))
        taken.append(found.span())
    taken.extend(found.span() for found in _TIME.finditer(text))
    weekdays = {fold(m.group(1)) for m in _WEEKDAY.finditer(text)}
    quantities: list[Quantity] = []
    for found in _NUMBER.finditer(text):
        if free(found.span()):
            value = _number_value(found.group(1), found.group(2), found.group(4))
            percent = bool(found.group(3))
            quantities.append(_quantity(text, found.span(), value, percent))
    for found in _NUMBER_WORD.finditer(text):
        if free(found.span()):
            value = float(_NUMBER_WORDS[found.group().lower()])
            quantities.append(_quantity(text, found.span(), value, False))
    numbers = {q.shown for q in quantities}
    places: set[str] = set()
    if dateline_place:
        places.add(_name_key(dateline_place))
    names = _proper_names(text, common)
    for _, name, locative in names:
        if locative and not is_organisation(name):
            places.add(_name_key(name))
    actors: set[str] = set()
    names_text = text
    if registry is not None:
        # A registry name stands for its entry (aliases become one name); the rest of the text
        # is searched for other names.
        for mention in registry.mentions(text):
            entry = registry.get(mention.id)
            key = _name_key(entry.name if entry is not None else mention.text)
            if not any(_compatible_names(_name_key(mention.text), p) for p in places):
                actors.add(key)
            blank = " " * (mention.end - mention.start)
            names_text = names_text[: mention.start] + blank + names_text[mention.end :]
    for _, name, _ in _proper_names(names_text, common) if names_text != text else names:
        key = _name_key(name)
        if key and not any(_compatible_names(key, p) for p in places):
            actors.add(key)
    return Details(
        numbers=frozenset(numbers),
        quantities=tuple(quantities),
        days=frozenset(days),
        months=frozenset(months),
        years=frozenset(years),
        weekdays=frozenset(weekdays),
        places=frozenset(p for p in places if p),
        actors=frozenset(actors),
        denial=_NEGATION.search(text) is not None,
        blame=_BLAME.search(text) is not None,
    )


def _trim_name(name: str, common: frozenset[str]) -> str:
    """A capitalised run without leading words that are common words ('Rescue', 'The')."""
    words = name.split()
    while words and (
        (first := fold_word(words[0])) in _STOPWORDS
        or first.strip("'s") in common
        or first in _NUMBER_WORDS
        or first.rstrip("'s") in _WEEKDAYS
    ):
        words.pop(0)
    while words and fold_word(words[-1]) in ("of", "al-", "el-", "bin", "de"):
        words.pop()
    return " ".join(words)


_PLACE_AFTER = re.compile(rf"\s+(?:{_PLACE_NOUNS})\b", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\u201c\"'(\u2018\u00ab]\s*)$")


def _proper_names(text: str, common: frozenset[str]) -> list[tuple[int, str, bool]]:
    """Capitalised names in a text: (offset, name, whether a place preposition precedes it)."""
    names: list[tuple[int, str, bool]] = []
    for found in _PROPER.finditer(text):
        name = _trim_name(found.group(1), common)
        if " " not in name and _SENTENCE_START.search(text[: found.start()]):
            # A lone capitalised word opening a sentence or quotation is most often not a name.
            continue
        if name and not _is_calendar(name):
            before = text[max(0, found.start() - 48) : found.start()]
            place = _is_locative(before) or _PLACE_AFTER.match(text, found.end()) is not None
            names.append((found.start(), name, place))
    return names


def _is_organisation(name: str, registry: Registry | None) -> bool:
    """Whether the registry knows a name as an outlet, group or person (not a country)."""
    if registry is None:
        return False
    from factcheck.sources.registry import SourceKind

    entry = registry.find(name)
    return entry is not None and entry.kind is not SourceKind.GOVERNMENT


def _is_calendar(name: str) -> bool:
    first = fold(name.split()[0]).rstrip(".'s\u2019")
    return first in MONTH_NUMBERS or first in _WEEKDAYS


# --- comparing two claims -----------------------------------------------------------------------


class Relation(enum.StrEnum):
    """How another article's report of a claim relates to it."""

    AGREES = "agrees"
    """Says the same, with no detail the claim lacks."""
    ADDS_DETAIL = "adds_detail"
    """Says the same and adds details (numbers, dates, places, names) the claim lacks."""
    CONFLICTS = "conflicts"
    """Reports the same event with a different number, date, place or actor, or denies it."""

    @property
    def label(self) -> str:
        """The relation in words."""
        return {"agrees": "agrees", "adds_detail": "adds detail", "conflicts": "conflicts"}[
            self.value
        ]


class DetailKind(enum.StrEnum):
    """A kind of detail two reports of one event can differ in."""

    NUMBER = "number"
    DATE = "date"
    PLACE = "place"
    ACTOR = "actor"
    DENIAL = "denial"


@dataclass(frozen=True, slots=True)
class Difference:
    """One kind of detail in which two reports differ."""

    kind: DetailKind
    """What differs."""
    ours: tuple[str, ...]
    """The claim's values, sorted."""
    theirs: tuple[str, ...]
    """The other report's values, sorted."""
    clash: bool = True
    """True: the reports disagree. False: the other report adds values the claim lacks."""

    def describe(self) -> str:
        """The difference in words: 'number: 23 here, 25 there'; for added detail, what the
        other report adds ('place: Gaza')."""
        if self.kind is DetailKind.DENIAL:
            return "one report denies what the other asserts"
        names = self.kind in (DetailKind.PLACE, DetailKind.ACTOR)
        theirs = ", ".join(v.title() if names else v for v in self.theirs) or "none"
        if not self.clash:
            return f"{self.kind.value}: {theirs}"
        ours = ", ".join(v.title() if names else v for v in self.ours) or "none"
        return f"{self.kind.value}: {ours} here, {theirs} there"


_MONTH_LABELS = tuple(
    max((name for name, number in MONTH_NUMBERS.items() if number == month), key=len)
    for month in range(1, 13)
)


def _show_date(value: str) -> str:
    """A normalised date detail as people write it: '05-20' -> 'May 20', '05' -> 'May'."""
    if re.fullmatch(r"\d\d-\d\d", value):
        return f"{_MONTH_LABELS[int(value[:2]) - 1].title()} {int(value[3:])}"
    if re.fullmatch(r"\d\d", value):
        return _MONTH_LABELS[int(value) - 1].title()
    return value.title() if value.isalpha() else value


def _set_relation(ours: frozenset[str], theirs: frozenset[str]) -> str:
    """'same', 'none' (one side silent), 'adds' (theirs adds to ours), 'less' or 'clash'."""
    if not ours or not theirs:
        return "adds" if theirs and not ours else "none"
    if ours == theirs:
        return "same"
    if ours < theirs:
        return "adds"
    if theirs < ours:
        return "less"
    return "clash"


def _names_relation(ours: frozenset[str], theirs: frozenset[str]) -> str:
    if not ours or not theirs:
        return "adds" if theirs and not ours else "none"
    if not any(_compatible_names(a, b) for a in ours for b in theirs):
        return "clash"
    extra = [b for b in theirs if not any(_compatible_names(a, b) for a in ours)]
    return "adds" if extra else "same"


def compare_details(ours: Details, theirs: Details) -> tuple[list[Difference], list[Difference]]:
    """The details in which two claims clash, and those the other claim adds."""
    clashes: list[Difference] = []
    adds: list[Difference] = []

    def note(kind: DetailKind, relation: str, a: Iterable[str], b: Iterable[str]) -> None:
        if kind is DetailKind.DATE:
            a, b = (_show_date(v) for v in a), (_show_date(v) for v in b)
        if relation == "clash":
            clashes.append(Difference(kind, tuple(sorted(a)), tuple(sorted(b))))
        elif relation == "adds":
            mine = list(a)
            extra = [v for v in b if not any(_compatible_names(v, m) for m in mine)]
            adds.append(Difference(kind, tuple(sorted(mine)), tuple(sorted(extra)), clash=False))

    numbers = _quantity_relation(ours.quantities, theirs.quantities)
    if numbers == "clash":
        clashes.append(
            Difference(
                DetailKind.NUMBER, tuple(sorted(ours.numbers)), tuple(sorted(theirs.numbers))
            )
        )
    elif numbers == "adds":
        extra = [
            q.shown for q in theirs.quantities if not any(q.overlaps(o) for o in ours.quantities)
        ]
        adds.append(
            Difference(
                DetailKind.NUMBER, tuple(sorted(ours.numbers)), tuple(sorted(set(extra))), False
            )
        )
    date_relations = [
        _set_relation(ours.days, theirs.days),
        _set_relation(ours.years, theirs.years),
        _set_relation(ours.weekdays, theirs.weekdays),
    ]
    # A month is compared only where neither side gives the day, which says more.
    if not ours.days and not theirs.days:
        date_relations.append(_set_relation(ours.months, theirs.months))
    date = "clash" if "clash" in date_relations else "adds" if "adds" in date_relations else ""
    if date:
        ours_dates = ours.days | ours.years | ours.weekdays | (set() if ours.days else ours.months)
        theirs_dates = (
            theirs.days | theirs.years | theirs.weekdays | (set() if theirs.days else theirs.months)
        )
        note(DetailKind.DATE, date, ours_dates, theirs_dates)
    note(DetailKind.PLACE, _names_relation(ours.places, theirs.places), ours.places, theirs.places)
    actors = _names_relation(ours.actors, theirs.actors)
    note(DetailKind.ACTOR, actors, ours.actors, theirs.actors)
    if ours.denial != theirs.denial:
        clashes.append(Difference(DetailKind.DENIAL, (), ()))
    return clashes, adds


def shared_details(ours: Details, theirs: Details) -> int:
    """How many kinds of specific detail two claims share: the same number of the same thing
    ('17 people'), a day, a place, a name."""
    count = 0
    if any(
        a.noun and a.unit == b.unit and a.value == b.value >= 2
        for a in ours.quantities
        for b in theirs.quantities
    ):
        count += 1
    if ours.days & theirs.days or ours.weekdays & theirs.weekdays:
        count += 1
    if any(_compatible_names(a, b) for a in ours.places for b in theirs.places):
        count += 1
    if any(_compatible_names(a, b) for a in ours.actors for b in theirs.actors):
        count += 1
    return count


def _shingles(text: str) -> frozenset[int]:
    words = re.findall(r"[a-z0-9]+", fold(text))
    if len(words) < 3:
        return frozenset((hash(" ".join(words)),)) if words else frozenset()
    return frozenset(hash((a, b, c)) for a, b, c in zip(words, words[1:], words[2:], strict=False))


def shingle_overlap(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the smaller set of word trigrams that the other set also holds."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


# --- who stands behind a report -----------------------------------------------------------------


_FILLERS = _wordset("the a an its his her their our this that these those of s")


class _Role(enum.IntEnum):
    """What a node on a chain is; lower values name a chain's origin better."""

    SPEAKER = 0
    ORGANISATION = 1
    VIA = 2
    OUTLET = 3


@dataclass(frozen=True, slots=True)
class _Node:
    """One source on a claim's chain."""

    key: str
    """A registry id, '~' and folded words for a name the registry lacks, '@' for an outlet."""
    label: str
    """How to show it."""
    role: _Role


@dataclass(frozen=True, slots=True)
class _Root:
    """Where a claim comes from: the sources at the start of its chain, speaker first."""

    nodes: tuple[_Node, ...]
    label: str
    """The original source, as a reader would name it."""

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(node.key for node in self.nodes)

    @property
    def speaker_keys(self) -> frozenset[str]:
        """Keys of the speaker and their organisation (or the outlet, for its own words)."""
        return frozenset(n.key for n in self.nodes if n.role is not _Role.VIA)

    def label_of(self, key: str) -> str:
        return next((n.label for n in self.nodes if n.key == key), key)


_PERSON_NAME = re.compile(r"^(?:[A-Z][\w'\u2019.-]*\s+){0,3}[A-Z][\w'\u2019-]+$")


def _name_nodes(name: str, registry: Registry | None, role: _Role) -> list[_Node]:
    """Nodes for one name on a chain: a registry entry (a person with their organisation),
    else a key made from the name's own words."""
    if registry is not None:
        entry = registry.find(name)
        if entry is not None:
            from factcheck.sources.registry import SourceKind

            nodes = [_Node(entry.id, entry.name, role)]
            if entry.kind is SourceKind.PERSON:
                for org in entry.affiliation:
                    org_entry = registry.get(org)
                    label = org_entry.name if org_entry is not None else org
                    nodes.append(_Node(org, label, _Role.ORGANISATION))
            return nodes
    head = re.split(r"\s+of\s+|,", name.strip())[0].strip()
    if _PERSON_NAME.match(head):
        # A person is named in full once and by surname after: the surname stands for them.
        return [_Node("~" + fold(head.split()[-1]).strip("'"), name, role)]
    # A description ('the regional government', 'hospital officials') stands for whoever it
    # describes; 'officials' could be any of them, which `_shared_node` allows for.
    words = [_stem(w) for w in _name_key(name).split() if w not in _FILLERS]
    if not words:
        return []
    return [_Node("~" + " ".join(words), name, role)]


def outlet_key(name: str | None, registry: Registry | None) -> str | None:
    """A key for an outlet: its registry id, else its folded name without 'the'."""
    if not name:
        return None
    if registry is not None:
        entry = registry.find(name)
        if entry is not None:
            return entry.id
    return "@" + _name_key(name)


def _claim_root(claim: Claim, article: _Article, registry: Registry | None) -> _Root:
    att = claim.attribution
    nodes: list[_Node] = []
    if att.speaker:
        nodes += _name_nodes(att.speaker, registry, _Role.SPEAKER)
    vias: list[_Node] = []
    for name in reversed(att.via):  # nearest the speaker first
        vias += _name_nodes(name, registry, _Role.VIA)
    if not nodes and not vias:
        nodes.append(_Node(article.outlet_key, article.label, _Role.OUTLET))
    label = nodes[0].label if nodes else ""
    if vias:
        label = f"{label}, via {vias[0].label}" if label else vias[0].label
    unique = tuple({n.key: n for n in (*nodes, *vias)}.values())
    return _Root(unique, label or article.label)


# --- matching -------------------------------------------------------------------------------------


class _Article:
    """An article being compared, with what is computed about it once."""

    def __init__(
        self,
        article_id: str,
        extraction: Extraction,
        outlet: str | None,
        registry: Registry | None,
        case_article: CaseArticle | None,
    ) -> None:
        self.id = article_id
        self.extraction = extraction
        self.case_article = case_article
        self.label = outlet or extraction.document.title or extraction.document.source
        self.outlet = outlet
        self.outlet_key = outlet_key(outlet, registry) or f"#{article_id}"
        self.registry = registry

    @cached_property
    def shingles(self) -> frozenset[int]:
        body = [s.text for s in self.extraction.segments if s.kind not in FURNITURE_KINDS] or [
            c.text for c in self.extraction.claims
        ]
        return _shingles(" ".join(body))

    @cached_property
    def outlet_names(self) -> tuple[str, ...]:
        """Names the outlet goes by, to find citations of it in other articles."""
        names: list[str] = []
        if self.outlet:
            names.append(self.outlet)
            if self.outlet.lower().startswith("the "):
                names.append(self.outlet[4:])
        if self.registry is not None and self.outlet:
            entry = self.registry.find(self.outlet)
            if entry is not None:
                names.extend(entry.names)
        return tuple(dict.fromkeys(n for n in names if len(n) >= 2))

    @cached_property
    def related_outlets(self) -> frozenset[str]:
        """The outlet's registry id with every entry it is affiliated with."""
        if self.registry is None or not self.outlet_key or self.outlet_key.startswith(("@", "#")):
            return frozenset()
        return frozenset(e.id for e in self.registry.related([self.outlet_key]))

    @cached_property
    def cited(self) -> tuple[str, ...]:
        """Folded names this article gives as the source of what it reports: '(Reuters)',
        'according to X', 'told X', 'X reported', 'first appeared in X'."""
        names = cited_names(self.extraction.document.text)
        return tuple(dict.fromkeys(f" {_name_key(n)} " for n in names if n))

    def cites(self, other: _Article) -> bool:
        """Whether this article names the other's outlet as a source of what it reports."""
        keys = [f" {_name_key(n)} " for n in other.outlet_names]
        return any(key.strip() and key in cited for key in keys for cited in self.cited)


@dataclass(frozen=True, slots=True)
class Match:
    """Another article's claim that reports what the claim under review reports."""

    claim_id: str
    """Id of the claim under review."""
    article: CaseArticle
    """The other article."""
    claim: Claim
    """The other article's claim (its text is the sentence shown)."""
    similarity: float
    """Cosine similarity of the two claims' weighted content words, 0 to 1."""
    relation: Relation
    """Agrees, adds detail, or conflicts."""
    differences: tuple[Difference, ...] = ()
    """For a conflict: the detail that differs. For added detail: what the other adds."""
    independent: bool = False
    """Whether the other report comes through a chain independent of the claim's."""
    reasons: tuple[str, ...] = ()
    """Why it is not independent; empty when it is."""
    root: str = ""
    """Where the other report traces back to."""
    part: str | None = None
    """The quotation, of either claim, that the match rests on when it is not the whole claim."""

    @property
    def corroborates(self) -> bool:
        """Independent, and agreeing (or adding detail)."""
        return self.independent and self.relation is not Relation.CONFLICTS


@dataclass(frozen=True, slots=True)
class ChainGroup:
    """Reports of one claim that trace back to the same original source."""

    root: str
    """The original source, as a reader would name it."""
    reports: int
    """Reports in the group (the claim under review counts in its own group)."""
    own: bool
    """Whether the claim under review is in this group."""
    corroborates: bool
    """Another chain in which a report agrees and none conflicts."""


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One article's wording of a quotation."""

    outlet: str
    """The article's outlet (or title)."""
    article: str
    """The case article's id; '' for the article under review."""
    claim_id: str
    """The claim holding the quotation."""
    text: str
    """The quotation as worded there."""


@dataclass(frozen=True, slots=True)
class QuoteDrift:
    """One speaker's quotation, worded differently in different articles."""

    speaker: str
    """Who is quoted."""
    variants: tuple[QuoteVariant, ...]
    """The wording in the article under review first, then each other wording."""


@dataclass(frozen=True, slots=True)
class ClaimFindings:
    """What the case says about one claim of the article under review."""

    claim: Claim
    """The claim under review."""
    matches: tuple[Match, ...] = ()
    """Other articles' claims reporting it, most similar first."""
    groups: tuple[ChainGroup, ...] = ()
    """The reports grouped by where they trace back to; the claim's own group first."""
    drift: tuple[QuoteDrift, ...] = ()
    """Quotations in the claim worded differently elsewhere."""

    @property
    def independent_matches(self) -> int:
        """Independent chains that confirm the claim (agree or add detail, none conflicting)."""
        return sum(1 for group in self.groups if group.corroborates)

    @property
    def conflicts(self) -> int:
        """Reports that conflict with the claim."""
        return sum(1 for m in self.matches if m.relation is Relation.CONFLICTS)

    def facts(self) -> dict[str, int]:
        """The ``case.*`` checklist facts for this claim."""
        return {
            "case.matches": len(self.matches),
            "case.independent_matches": self.independent_matches,
            "case.conflicts": self.conflicts,
        }

    @property
    def summary(self) -> str:
        """One line: how many reports, and where they trace back to."""
        if not self.matches:
            return "no other article in the case reports this"
        total = len(self.matches) + 1
        if len(self.groups) == 1:
            return f"all {total} reports trace back to {self.groups[0].root}"
        chains = ", ".join(f"{g.root} ({g.reports})" for g in self.groups)
        return f"{total} reports from {len(self.groups)} independent chains: {chains}"


@dataclass(frozen=True, slots=True)
class CaseFindings:
    """Every claim of an article under review, matched against a case."""

    case: Path
    """The case folder."""
    document: Document
    """The article under review."""
    claims: tuple[ClaimFindings, ...]
    """One entry per claim of the article, in its order."""
    compared: int
    """Articles of the case compared with it."""
    excluded: str | None = None
    """The case article that is the article under review itself, left out of the comparison."""

    def claim(self, claim_id: str) -> ClaimFindings | None:
        """The findings for one claim."""
        for found in self.claims:
            if found.claim.id == claim_id:
                return found
        return None

    @property
    def matched(self) -> int:
        """Claims that some other article reports."""
        return sum(1 for c in self.claims if c.matches)


@dataclass(slots=True)
class _Item:
    """One claim of the case, or one quoted part of it, indexed for lookup."""

    article: _Article
    claim: Claim
    tokens: frozenset[str]
    part: str | None = None
    """The quotation this item stands for; None for the whole claim."""
    body: str = ""
    """What the claim (or part) asserts: `claim_body`."""
    place: str | None = None
    """The place of the claim's dateline."""
    norm: float = 0.0
    mass: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)


MIN_PART_WORDS = 6
"""Least words of a quotation to be matched on its own."""


def claim_parts(claim: Claim) -> list[str]:
    """The quotations of a claim that carry a statement of their own.

    A claim quoting two statements ('X claimed "A" and "B"') may be confirmed elsewhere for one
    of them only, so each such quotation is also matched on its own.
    """
    quotes = [q for q in _quotes(claim.text) if len(q.split()) >= MIN_PART_WORDS]
    return quotes if len(quotes) >= 2 else []


def _part_view(claim: Claim, part: str | None) -> Claim:
    return claim if part is None else replace(claim, text=part)


def _items(article: _Article, claim: Claim) -> list[_Item]:
    """The claim as an item, then each of its quoted parts."""
    items = []
    for part in (None, *claim_parts(claim)):
        body, place = claim_body(_part_view(claim, part), article.outlet_names)
        items.append(_Item(article, claim, _body_tokens(body), part, body, place))
    return items


def _content_tokens(claim: Claim, outlet_names: Sequence[str] = ()) -> frozenset[str]:
    """The content words (stemmed) and numbers of what a claim asserts."""
    return _body_tokens(claim_body(claim, outlet_names)[0])


def _body_tokens(text: str) -> frozenset[str]:
    tokens: set[str] = set()
    for found in _NUMBER.finditer(text):
        value = _number_value(found.group(1), found.group(2), found.group(4))
        tokens.add("#" + _show_number(value, bool(found.group(3))))
    for raw in _WORD.findall(text):
        token = _token(raw)
        if token:
            tokens.add(token)
    return frozenset(tokens)


@lru_cache(maxsize=1 << 16)
def _token(raw: str) -> str:
    """A word as a token: '#14' for a number word, its lemma or stem, '' for a stopword."""
    word = fold(raw)
    if not word or word[0].isdigit():
        return ""
    if word in _NUMBER_WORDS and word != "one":
        return "#" + _show_number(float(_NUMBER_WORDS[word]), False)
    if word in _STOPWORDS or len(word) < 2:
        return ""
    return _LEMMAS.get(word) or _stem(word)


def _common_words(texts: Iterable[str]) -> frozenset[str]:
    """Words seen in lowercase somewhere: those are not names when capitalised."""
    words: set[str] = set()
    for text in texts:
        words.update(w for w in re.findall(r"(?<![\w'\u2019-])[a-z][a-z'\u2019-]*", text))
    return frozenset(fold(w) for w in words)


class _Matcher:
    """The case's claims with IDF weights and an inverted index, built once per comparison."""

    def __init__(self, items: list[_Item], queries: list[_Item]) -> None:
        self.items = items
        df: Counter[str] = Counter()
        for item in (*items, *queries):
            df.update(item.tokens)
        total = len(items) + len(queries)
        self.idf = {t: math.log((total + 1) / (n + 1)) + 1.0 for t, n in df.items()}
        self.index: dict[str, list[int]] = defaultdict(list)
        for position, item in enumerate(items):
            self._weigh(item)
            for token in item.tokens:
                self.index[token].append(position)
        for item in queries:
            self._weigh(item)

    def _weigh(self, item: _Item) -> None:
        item.weights = {t: self.idf[t] for t in item.tokens}
        item.norm = math.sqrt(sum(w * w for w in item.weights.values()))
        item.mass = sum(item.weights.values())

    def candidates(self, query: _Item) -> list[tuple[int, float, bool, int]]:
        """(position, cosine, similar, shared tokens) of the claims worth comparing in detail.

        ``similar`` holds for a cosine of MATCH_THRESHOLD, or a shorter claim CONTAIN_THRESHOLD
        contained in the longer one; the others (down to ANCHOR_FLOOR) need shared details.
        """
        dots: dict[int, float] = defaultdict(float)
        overlap: dict[int, float] = defaultdict(float)
        shared: Counter[int] = Counter()
        for token, weight in query.weights.items():
            square = weight * weight
            for position in self.index.get(token, ()):
                dots[position] += square
                overlap[position] += weight
                shared[position] += 1
        found = []
        for position, dot in dots.items():
            item = self.items[position]
            if not query.norm or not item.norm:
                continue
            cosine = dot / (query.norm * item.norm)
            if cosine < ANCHOR_FLOOR:
                continue
            contained = overlap[position] / min(query.mass, item.mass)
            similar = cosine >= MATCH_THRESHOLD or (
                contained >= CONTAIN_THRESHOLD and cosine >= CONTAIN_FLOOR
            )
            found.append((position, cosine, similar, shared[position]))
        return found


def _quotes(text: str) -> list[str]:
    return [next(g for g in m.groups() if g) for m in _QUOTE.finditer(text)]


def _quote_words(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in re.findall(r"[a-z0-9']+", fold(text)) if w not in _STOPWORDS)


def _normal_quote(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


@dataclass(frozen=True, slots=True)
class _Quote:
    """A quotation in a claim of the case, ready to compare."""

    item: _Item
    text: str
    words: frozenset[str]
    normal: str


def _drifted(a: _Quote, b: _Quote) -> bool:
    """The same quotation worded differently (not the same words, not one cut from the other)."""
    shared = len(a.words & b.words)
    if shared < 2 or 2 * shared / (len(a.words) + len(b.words)) < DRIFT_THRESHOLD:
        return False
    return bool(a.normal and b.normal) and a.normal not in b.normal and b.normal not in a.normal


class _Judge:
    """Decides relation and independence between reports, caching per-article facts."""

    def __init__(self, registry: Registry | None, common: frozenset[str]) -> None:
        self.registry = registry
        self.common = common
        self._details: dict[tuple[str, str, str], Details] = {}
        self._roots: dict[tuple[str, str], _Root] = {}
        self._shingles: dict[tuple[str, str], frozenset[int]] = {}
        self._links: dict[tuple[str, str], tuple[str, ...]] = {}
        self._places: dict[str, frozenset[str]] = {}
        self._organisations: dict[str, bool] = {}
        self._copies: dict[tuple[str, str], float] = {}

    def details(self, item: _Item) -> Details:
        key = (item.article.id, item.claim.id, item.part or "")
        if key not in self._details:
            self._details[key] = _body_details(
                item.body, item.place, self.registry, self.common, self.is_organisation
            )
        return self._details[key]

    def is_organisation(self, name: str) -> bool:
        if name not in self._organisations:
            self._organisations[name] = _is_organisation(name, self.registry)
        return self._organisations[name]

    def root(self, article: _Article, claim: Claim) -> _Root:
        key = (article.id, claim.id)
        if key not in self._roots:
            self._roots[key] = _claim_root(claim, article, self.registry)
        return self._roots[key]

    def claim_shingles(self, article: _Article, claim: Claim) -> frozenset[int]:
        key = (article.id, claim.id)
        if key not in self._shingles:
            self._shingles[key] = _shingles(_strip_dateline(claim.text)[0])
        return self._shingles[key]

    def places(self, article: _Article) -> frozenset[str]:
        """Every place an article names (after 'in', 'near', 'the city of', or a dateline)."""
        if article.id not in self._places:
            body = " ".join(
                s.text for s in article.extraction.segments if s.kind not in FURNITURE_KINDS
            ) or " ".join(c.text for c in article.extraction.claims)
            found = {
                _name_key(name)
                for _, name, locative in _proper_names(body, self.common)
                if locative and not self.is_organisation(name)
            }
            for claim in article.extraction.claims:
                place = _strip_dateline(claim.text)[1]
                if place:
                    found.add(_name_key(place))
            self._places[article.id] = frozenset(found)
        return self._places[article.id]

    def same_story(self, a: _Article, b: _Article) -> bool:
        """Whether two articles can be about the same events: published within STORY_DAYS of
        each other (when both dates are known), and naming a common place (when both name one).
        """
        first, second = (_date(x.extraction.document.published) for x in (a, b))
        if first is not None and second is not None and abs((first - second).days) > STORY_DAYS:
            return False
        pa, pb = self.places(a), self.places(b)
        return not (pa and pb) or any(_compatible_names(x, y) for x in pa for y in pb)

    def article_links(self, a: _Article, b: _Article) -> tuple[str, ...]:
        """Why two articles are not independent of each other at all ('' none)."""
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if key in self._links:
            return self._links[key]
        reasons: list[str] = []
        if a.outlet_key == b.outlet_key:
            reasons.append(f"both published by {a.label}")
        elif a.related_outlets & b.related_outlets:
            shared = sorted(a.related_outlets & b.related_outlets)[0]
            entry = self.registry.get(shared) if self.registry is not None else None
            reasons.append(
                f"{a.label} and {b.label} are both part of {entry.name if entry else shared}"
            )
        if a.cites(b):
            reasons.append(f"{a.label} cites {b.label}")
        if b.cites(a):
            reasons.append(f"{b.label} cites {a.label}")
        self._links[key] = tuple(reasons)
        return self._links[key]

    def article_overlap(self, a: _Article, b: _Article) -> float:
        """Share of word trigrams two articles' bodies have in common."""
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if key not in self._copies:
            self._copies[key] = shingle_overlap(a.shingles, b.shingles)
        return self._copies[key]

    def dependence(self, a: _Article, ca: Claim, b: _Article, cb: Claim) -> list[str]:
        """Why two reports are not independent; empty when they are."""
        reasons = list(self.article_links(a, b))
        ra, rb = self.root(a, ca), self.root(b, cb)
        shared = _shared_node(ra, rb)
        if shared is not None:
            reasons.append(f"both trace back to {shared.label}")
        for x, root, y in ((a, ra, b), (b, rb, a)):
            if any(n.key == y.outlet_key and n.role is _Role.VIA for n in root.nodes):
                reasons.append(f"{x.label} relays {y.label}")
        overlap = shingle_overlap(self.claim_shingles(a, ca), self.claim_shingles(b, cb))
        if overlap >= COPY_THRESHOLD:
            reasons.append(f"near-identical wording ({overlap:.0%} shared)")
        # A republished article shares wording even in claims it edited; comparing whole
        # articles is dear, so only claims with some common wording lead to it.
        if overlap >= COPY_HINT and self.article_overlap(a, b) >= ARTICLE_COPY_THRESHOLD:
            share = self.article_overlap(a, b)
            reasons.append(f"{a.label} and {b.label} share {share:.0%} of their wording")
        return list(dict.fromkeys(reasons))


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _shared_node(a: _Root, b: _Root) -> _Node | None:
    """A source two chains share: the same registry entry or outlet, or descriptions of which
    one's words are all in the other's ('officials' and 'hospital officials')."""
    keys = b.keys
    for node in a.nodes:
        if node.key in keys:
            return node
    for node in a.nodes:
        if node.key.startswith("~"):
            for other in b.nodes:
                if other.key.startswith("~") and _compatible_names(node.key[1:], other.key[1:]):
                    return node
    return None


def _relation(clashes: Sequence[Difference], adds: Sequence[Difference]) -> Relation:
    if clashes:
        return Relation.CONFLICTS
    return Relation.ADDS_DETAIL if adds else Relation.AGREES


def _group_reports(
    judge: _Judge,
    own: tuple[_Article, Claim],
    matches: Sequence[tuple[_Article, Claim, Relation]],
) -> tuple[list[int], list[list[str]]]:
    """Chain groups of the reports (own first): a group per root, joined by any dependence."""
    reports = [own, *((a, c) for a, c, _ in matches)]
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    reasons: list[list[str]] = [[] for _ in reports]
    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            # Reports already in one group need no check, except against the claim under
            # review, whose reasons are shown.
            if i and find(i) == find(j):
                continue
            why = judge.dependence(reports[i][0], reports[i][1], reports[j][0], reports[j][1])
            if why:
                parent[find(j)] = find(i)
                if i == 0:
                    reasons[j] = why
    return [find(i) for i in range(len(reports))], reasons


def _group_root(judge: _Judge, members: Sequence[tuple[_Article, Claim]]) -> str:
    """The name of the source that most reports of a group rest on."""
    counts: Counter[str] = Counter()
    nodes: dict[str, _Node] = {}
    for article, claim in members:
        for node in judge.root(article, claim).nodes:
            counts[node.key] += 1
            known = nodes.get(node.key)
            if known is None or node.role < known.role:
                nodes[node.key] = node
    best = max(counts.values(), default=0)
    if best <= 1 and len(members) > 1:
        # No source in common: the reports are tied by copying or citing; the earliest wins.
        first = min(members, key=lambda m: (m[0].extraction.document.published or "9999", m[0].id))
        return judge.root(first[0], first[1]).label
    top = sorted(
        (nodes[k] for k, n in counts.items() if n == best),
        key=lambda node: (node.role, node.key.startswith(("~", "@", "#")), node.key),
    )
    origin = top[0]
    via = next((n for n in top if n.role is _Role.VIA and n is not origin), None)
    return f"{origin.label}, via {via.label}" if via is not None else origin.label


def match_claims(
    case: Case,
    extraction: Extraction,
    registry: Registry | None = None,
    *,
    claim_ids: Sequence[str] | None = None,
) -> CaseFindings:
    """Match every claim of an article against the claims of the case's other articles.

    The article itself, when it is in the case, is left out. ``claim_ids`` limits the claims
    matched (all by default).
    """
    own_id = extraction.document.sha256[:ID_LENGTH]
    others = [a for a in case.articles if a.id != own_id]
    excluded = own_id if len(others) < len(case.articles) else None
    own = next((a for a in case.articles if a.id == own_id), None)
    outlet = own.outlet if own is not None else article_outlet(extraction, registry)
    review = _Article("", extraction, outlet, registry, None)
    articles = [_Article(a.id, a.extraction, a.outlet, registry, a) for a in others]
    items = [
        item
        for article in articles
        for claim in article.extraction.claims
        for item in _items(article, claim)
    ]
    wanted = set(claim_ids) if claim_ids is not None else None
    claims = [c for c in extraction.claims if wanted is None or c.id in wanted]
    queries = [_items(review, claim) for claim in claims]
    matcher = _Matcher(items, [q for group in queries for q in group])
    common = _common_words(
        [c.text for c in extraction.claims] + [a.extraction.document.text for a in articles]
    )
    judge = _Judge(registry, common)
    quoted = [
        _Quote(item, quote, _quote_words(quote), _normal_quote(quote))
        for item in items
        if item.part is None
        for quote in _quotes(item.claim.text)
    ]
    results = [_claim_findings(group, matcher, judge, quoted, registry) for group in queries]
    return CaseFindings(
        case=case.path,
        document=extraction.document,
        claims=tuple(results),
        compared=len(articles),
        excluded=excluded,
    )


def _claim_findings(
    queries: Sequence[_Item],
    matcher: _Matcher,
    judge: _Judge,
    quoted: Sequence[_Quote],
    registry: Registry | None,
) -> ClaimFindings:
    query = queries[0]
    review, claim = query.article, query.claim
    candidates = sorted(
        (
            (cosine, position, similar, shared, q)
            for q in queries
            for position, cosine, similar, shared in matcher.candidates(q)
        ),
        key=lambda x: -x[0],
    )
    found: list[tuple[_Article, Claim, Relation, float, tuple[Difference, ...], str | None]] = []
    seen_articles: set[str] = set()
    tries: Counter[str] = Counter()
    for cosine, position, similar, shared, q in candidates:
        item = matcher.items[position]
        # One report per article: its most similar claim that fits. An article whose most
        # similar claims all differ in their details reports something else.
        if shared < MIN_SHARED or item.article.id in seen_articles:
            continue
        if tries[item.article.id] >= TRIES_PER_ARTICLE:
            continue
        tries[item.article.id] += 1
        ours = judge.details(q)
        theirs = judge.details(item)
        if ours.blame != theirs.blame:
            # Who is to blame is a claim of its own: a report of the event does not confirm
            # it, and a claim that only presupposes the event does not confirm its details.
            continue
        clashes, adds = compare_details(ours, theirs)
        if len(clashes) > 1:
            continue  # two kinds of detail differ: another event
        # A report differing in a detail is a conflicting report of the same event only when
        # specific details and the story tie it to that event; so is a less similar one.
        if (clashes or not similar) and shared_details(ours, theirs) < MIN_ANCHORS:
            continue
        if clashes and not judge.same_story(review, item.article):
            continue
        relation = _relation(clashes, adds)
        part = q.part or item.part
        found.append((item.article, item.claim, relation, cosine, tuple(clashes or adds), part))
        seen_articles.add(item.article.id)
    groups, reasons = _group_reports(
        judge, (review, claim), [(a, c, r) for a, c, r, _, _, _ in found]
    )
    members: dict[int, list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        members[group].append(index)
    reports = [(review, claim), *((a, c) for a, c, _, _, _, _ in found)]
    roots = {
        group: _group_root(judge, [reports[i] for i in indices])
        for group, indices in members.items()
    }
    matches = tuple(
        Match(
            claim_id=claim.id,
            article=_case_article(article),
            claim=other,
            similarity=round(cosine, 3),
            relation=relation,
            differences=differences,
            independent=groups[i + 1] != groups[0],
            reasons=tuple(reasons[i + 1]) if groups[i + 1] == groups[0] else (),
            root=roots[groups[i + 1]],
            part=part,
        )
        for i, (article, other, relation, cosine, differences, part) in enumerate(found)
    )
    chain_groups = []
    for group, indices in sorted(members.items(), key=lambda kv: (kv[0] != groups[0], kv[0])):
        relations = [found[i - 1][2] for i in indices if i > 0]
        corroborates = (
            group != groups[0]
            and any(r is not Relation.CONFLICTS for r in relations)
            and all(r is not Relation.CONFLICTS for r in relations)
        )
        chain_groups.append(
            ChainGroup(
                root=roots[group],
                reports=len(indices),
                own=group == groups[0],
                corroborates=corroborates,
            )
        )
    drift = _quote_drift(query, judge, quoted)
    return ClaimFindings(claim=claim, matches=matches, groups=tuple(chain_groups), drift=drift)


def _case_article(article: _Article) -> CaseArticle:
    assert article.case_article is not None
    return article.case_article


def _same_speaker(judge: _Judge, a: _Article, ca: Claim, b: _Article, cb: Claim) -> bool:
    """Whether two claims quote the same person: the same root, or one names the other's
    speaker (attribution may miss a speaker that the sentence still names)."""
    if judge.root(a, ca).speaker_keys & judge.root(b, cb).speaker_keys:
        return True
    for speaker, text in ((ca.attribution.speaker, cb.text), (cb.attribution.speaker, ca.text)):
        words = (speaker or "").split()
        if (
            words
            and len(words[-1]) >= 3
            and words[-1][0].isupper()
            and re.search(rf"(?<![\w-]){re.escape(words[-1])}(?![\w-])", text)
        ):
            return True
    return False


def _quote_drift(query: _Item, judge: _Judge, quoted: Sequence[_Quote]) -> tuple[QuoteDrift, ...]:
    review, claim = query.article, query.claim
    drifts: list[QuoteDrift] = []
    for text in _quotes(claim.text):
        ours = _Quote(query, text, _quote_words(text), _normal_quote(text))
        variants: list[QuoteVariant] = []
        for theirs in quoted:
            if not _drifted(ours, theirs):
                continue
            item = theirs.item
            if not _same_speaker(judge, review, claim, item.article, item.claim):
                continue
            variants.append(
                QuoteVariant(item.article.label, item.article.id, item.claim.id, theirs.text)
            )
        if variants:
            speaker = claim.attribution.speaker or judge.root(review, claim).label
            head = QuoteVariant(review.label, "", claim.id, text)
            drifts.append(QuoteDrift(speaker=speaker, variants=(head, *variants)))
    return tuple(drifts)


def worksheet_extraction(worksheet: Worksheet) -> Extraction:
    """An extraction to match from a worksheet: its document and its claims."""
    return Extraction(
        document=worksheet.document,
        segments=(),
        claims=tuple(entry.claim for entry in worksheet.claims),
    )


def apply_case_facts(worksheet: Worksheet, findings: CaseFindings) -> Worksheet:
    """The worksheet with each claim's ``case.*`` facts set from the findings."""
    entries = []
    for entry in worksheet.claims:
        found = findings.claim(entry.id)
        if found is None:
            entries.append(entry)
            continue
        facts = dict(entry.facts)
        facts.update(found.facts())
        entries.append(replace(entry, facts=facts))
    return replace(worksheet, claims=tuple(entries))


EVIDENCE_QUESTIONS = ("corroborated", "confirmed", "better_coverage")
"""Questions other reports are offered on, in order of preference; failing all of them, the
checklist's first question."""


def _offer_question(checklist: Checklist) -> str | None:
    ids = [q.id for q in checklist.questions]
    for wanted in EVIDENCE_QUESTIONS:
        if wanted in ids:
            return wanted
    return ids[0] if ids else None


def describe_match(match: Match) -> str:
    """A match in words: outlet, date, relation, independence and why not."""
    article = match.article
    when = f", {article.document.published}" if article.document.published else ""
    relation = match.relation.label
    if match.differences and match.relation is Relation.CONFLICTS:
        relation += " (" + "; ".join(d.describe() for d in match.differences) + ")"
    if match.independent:
        chain = f"independent (traces back to {match.root})"
    else:
        chain = "not independent (" + "; ".join(match.reasons[:2]) + ")"
    return f"{article.label}{when}: {relation}; {chain}"


def review_hints(findings: CaseFindings, checklist: Checklist, case: Case) -> dict[str, ClaimHints]:
    """Per claim, what the reviewer is shown and offered: the summary of other reports, drifted
    quotations, and each other report as evidence on the corroboration question."""
    from factcheck.review.session import ClaimHints, EvidenceOffer

    question = _offer_question(checklist)
    hints: dict[str, ClaimHints] = {}
    for found in findings.claims:
        if not found.matches and not found.drift:
            continue
        lines = [f"Case {case.name}: {found.summary}."]
        for drift in found.drift:
            worded = " · ".join(f"{v.outlet}: \u201c{v.text}\u201d" for v in drift.variants)
            lines.append(f"Quote worded differently ({drift.speaker}): {worded}")
        ordered = sorted(
            found.matches,
            key=lambda m: (not m.corroborates, m.relation is not Relation.CONFLICTS, -m.similarity),
        )
        offers = tuple(
            EvidenceOffer(
                question=question,
                label=f"{describe_match(m)} \u2014 \u201c{m.claim.text.strip()}\u201d",
                evidence=m.article.reference(case.path),
                note=f"Also reported by {describe_match(m)}: \u201c{m.claim.text.strip()}\u201d",
            )
            for m in ordered
            if question is not None
        )
        hints[found.claim.id] = ClaimHints(lines=tuple(lines), offers=offers)
    return hints
