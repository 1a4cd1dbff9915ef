"""Cases, beside stage ④ sources: the case folder, its index and each article's cached extraction.

A case folder holds the articles about one story:

    CASE_DIR/case.yaml                 the index: one entry per article (outlet, date, source)
    CASE_DIR/articles/<id>.json        each article's cached extraction, with its text

``<id>`` is the first 16 hex digits of the article's sha256, so an article is extracted once
however often it is added. A cached extraction records the cache format and a fingerprint of the
extractor; when either changed, the article is extracted again from its stored text. What a cached
article holds, and how it is read back, is ``factcheck.case.cache``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from factcheck import regexes
from factcheck.case.cache import article_record, extractor_fingerprint, parse_article_record
from factcheck.case.details import plausible_outlet
from factcheck.errors import CaseError, FactcheckError
from factcheck.files import (
    NotAFile,
    describe_os_error,
    ensure_folder,
    read_own_text,
    write_atomic,
)
from factcheck.models import Document, Extraction
from factcheck.yamldump import safe_dump

if TYPE_CHECKING:
    import yaml

    from factcheck import yamlio
    from factcheck.sources.registry import Registry

CASE_FORMAT = "factcheck-case/1"
"""Value of the ``format`` key of a case index."""
INDEX_FILE = "case.yaml"
ARTICLES_DIR = "articles"
ID_LENGTH = 16
"""Hex digits of the sha256 that name an article."""


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


def is_case_file(path: Path) -> bool:
    """Whether a file is a case's index or one of its articles, by the format it names at its
    top (the index is YAML under a comment, an article one line of JSON)."""
    if not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    return re.search(r'^\{?"?format"?:\s*[\'"]?factcheck-case', head, re.MULTILINE) is not None


def _article_path(case_dir: Path, article_id: str) -> Path:
    return case_dir / ARTICLES_DIR / f"{article_id}.json"


def _utc_now() -> str:
    from factcheck.review.worksheet import utc_now

    return utc_now()


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


_BY_LINE = regexes.compile(r"^[ \t]*By[ \t]+([^\n]{2,100})$", re.MULTILINE)
_STAFF = regexes.compile(
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
            if (
                candidate
                and candidate[0].isupper()
                and len(candidate.split()) <= 6
                and plausible_outlet(candidate)
            ):
                return candidate
    if plausible_outlet(document.outlet):
        return document.outlet
    if registry is not None and document.url:
        entry = registry.by_domain(document.url)
        if entry is not None:
            return entry.name
    return None


# --- cache files ---------------------------------------------------------------------------------


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
    claims: int | None = None

    def record(self) -> dict[str, Any]:
        """The entry as the index writes it."""
        return {
            "id": self.id,
            "source": self.source,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "claims": self.claims,
            "added": self.added,
        }


_INDEX_KEYS = ("format", "articles")
_ENTRY_KEYS = ("id", "source", "outlet", "title", "published", "claims", "added")
_ARTICLE_ID = regexes.compile(rf"[0-9a-f]{{{ID_LENGTH}}}")


def _index_text(case_dir: Path) -> str:
    path = case_index_path(case_dir)
    if not case_dir.exists():
        raise CaseError(f"{case_dir}: no such case folder; make one with: factcheck case add")
    if not case_dir.is_dir():
        raise CaseError(f"{case_dir}: not a folder")
    try:
        return read_own_text(path)
    except FileNotFoundError:
        raise CaseError(f"{path}: no case index; add articles with: factcheck case add") from None
    except NotAFile as exc:
        raise CaseError(f"{path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise CaseError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise CaseError(f"{path}: cannot read the case index: {exc.strerror}") from None


def _read_index(case_dir: Path) -> list[_IndexEntry]:
    """The index's entries, read strictly: a mistake is one error naming file, line and key."""
    from factcheck import yamlio  # PyYAML loads only when a case is read: keeps start-up fast

    path = case_index_path(case_dir)
    text = _index_text(case_dir)
    try:
        root = yamlio.compose(text)
    except yamlio.YamlSyntaxError as exc:
        where = f":{exc.line}" if exc.line is not None else ""
        raise CaseError(f"{path}{where}: not valid YAML: {exc.problem}") from None
    r = yamlio.Reader(str(path), stop=CaseError)
    if root is None:
        raise CaseError(f"{path}: format: expected {CASE_FORMAT!r}")
    r.check_tags(root)
    top = r.mapping(root, "", _INDEX_KEYS, ("format",))
    assert top is not None  # the reader stops at the first problem
    fmt = top["format"]
    if r.scalar(fmt, "format") != CASE_FORMAT:
        r.expected(fmt, "format", repr(CASE_FORMAT))
    items = top.get("articles")
    if items is None or yamlio.is_null(items):
        return []
    nodes = r.sequence(items, "articles", empty=True) or []
    entries: list[_IndexEntry] = []
    first: dict[str, int] = {}
    for i, node in enumerate(nodes):
        where = f"articles[{i}]"
        found = r.mapping(node, where, _ENTRY_KEYS, ("id",))
        assert found is not None
        article_id = r.word(found["id"], f"{where}.id", _ARTICLE_ID, f"{ID_LENGTH} hex digits")
        assert article_id is not None
        if article_id in first:
            r.fail(
                found["id"],
                f"{where}.id",
                f"duplicate article {article_id!r} (first at line {first[article_id]})",
            )
        first[article_id] = yamlio.line_of(found["id"])
        fields = {key: _index_text_value(r, found, key, where) for key in _TEXT_KEYS}
        claims = found.get("claims")
        count = None
        if claims is not None and not yamlio.is_null(claims):
            count = r.scalar(claims, f"{where}.claims", "a number of claims")
            if count is not None and not (count.isascii() and count.isdigit() and len(count) < 10):
                r.expected(claims, f"{where}.claims", "a number of claims")
        entries.append(
            _IndexEntry(
                id=article_id,
                source=fields["source"] or "",
                outlet=fields["outlet"],
                title=fields["title"],
                published=fields["published"],
                added=fields["added"] or "",
                claims=int(count) if count is not None else None,
            )
        )
    return entries


_TEXT_KEYS = ("source", "outlet", "title", "published", "added")


def _index_text_value(
    r: yamlio.Reader, found: Mapping[str, yaml.Node], key: str, where: str
) -> str | None:
    """An entry's text: None when absent or empty. Dates may be written unquoted."""
    import yaml

    from factcheck import yamlio

    node = found.get(key)
    if node is None or yamlio.is_null(node):
        return None
    kinds = ("str", "timestamp") if key in ("published", "added") else ("str",)
    if not isinstance(node, yaml.ScalarNode) or node.tag not in {yamlio.TAG + k for k in kinds}:
        r.expected(node, yamlio.join(where, key), "text")
    return str(node.value).strip() or None


def _write_index(case_dir: Path, rows: Sequence[CaseArticle | _IndexEntry]) -> None:

    records = [
        row.record()
        if isinstance(row, _IndexEntry)
        else {
            "id": row.id,
            "source": row.location,
            "outlet": row.outlet,
            "title": row.document.title,
            "published": row.document.published,
            "claims": len(row.extraction.claims),
            "added": row.added,
        }
        for row in rows
    ]
    head = (
        "# A factcheck case: the articles about one story. Made by `factcheck case add`;\n"
        "# correct an article's outlet here if the tool got it wrong. Format: docs/cases.md\n"
    )
    body = safe_dump(
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
        data = json.loads(read_own_text(path))
        ingested, extraction, added, current = parse_article_record(data)
        if ingested.sha256[:ID_LENGTH] != entry.id:
            # A copy or a rename left another article's cache under this one's name.
            raise ValueError(f"it holds another article, {ingested.sha256[:ID_LENGTH]}")
    except FileNotFoundError:
        return None, f"{path}: missing; add the article again ({entry.source})"
    except NotAFile as exc:
        return None, f"{path}: {exc.strerror}; add the article again ({entry.source})"
    except RecursionError:  # JSON nested deeper than Python's stack
        return None, f"{path}: damaged (nested too deeply); add the article again ({entry.source})"
    except OSError as exc:  # unreadable: a folder in its place, no permission
        reason = describe_os_error(exc)
        return None, f"{path}: cannot read ({reason}); add the article again ({entry.source})"
    except ValueError as exc:  # not JSON, or not what the cache holds
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
    return _load_entries(case_dir, _read_index(case_dir), registry)


def _load_entries(
    case_dir: Path, entries: Sequence[_IndexEntry], registry: Registry | None
) -> Case:
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
    on_warning: Callable[[str], None] | None = None,
) -> list[Added]:
    """Add articles to a case (made if need be), extracting each one not already in it.

    A source that cannot be read is reported in its ``Added.error`` and the others still go in.
    An article of the index whose cached copy cannot be read stays in the index as it is (with
    any outlet corrected there), and ``on_warning`` is told why.
    """
    if case_dir.exists() and not case_dir.is_dir():
        raise CaseError(f"{case_dir}: not a folder")
    with _adding_to(case_dir):
        return _add_to_case(case_dir, sources, registry, stdin, now, on_done, on_warning)


@contextlib.contextmanager
def _adding_to(case_dir: Path) -> Iterator[None]:
    """The case folder locked against another add until this one has written its index: each
    writes the index it read plus its own articles, and of two at once the first lost its own.
    An flock on the folder itself, which the kernel drops with the process; the next add waits."""
    import fcntl

    ensure_folder(case_dir)
    fd = os.open(case_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _add_to_case(
    case_dir: Path,
    sources: Sequence[str],
    registry: Registry | None,
    stdin: BinaryIO | None,
    now: Callable[[], str],
    on_done: Callable[[Added], None] | None,
    on_warning: Callable[[str], None] | None,
) -> list[Added]:
    articles: list[CaseArticle | _IndexEntry] = []
    if case_index_path(case_dir).exists():
        entries = _read_index(case_dir)
        case = _load_entries(case_dir, entries, registry)
        loaded = {a.id: a for a in case.articles}
        articles = [loaded.get(entry.id, entry) for entry in entries]
        for warning in case.warnings:
            if on_warning is not None:
                on_warning(warning)
    elif case_dir.exists() and any(case_dir.iterdir()):
        raise CaseError(f"{case_dir}: the folder is not empty and holds no {INDEX_FILE}")
    by_id = {a.id: a for a in articles if isinstance(a, CaseArticle)}
    results: list[Added] = []
    fingerprint = extractor_fingerprint()
    changed = False
    for source in sources:
        outcome = _add_one(case_dir, source, by_id, registry, stdin, now, fingerprint)
        if outcome.new and outcome.article is not None:
            outcome = _into_index(articles, outcome, outcome.article)
            assert outcome.article is not None
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


def _into_index(
    rows: list[CaseArticle | _IndexEntry], outcome: Added, article: CaseArticle
) -> Added:
    """Put a newly cached article in the index rows: last, or in the place of its entry whose
    cached copy was lost (keeping the outlet corrected there)."""
    at = next((i for i, row in enumerate(rows) if row.id == article.id), None)
    if at is None:
        rows.append(article)
        return outcome
    old = rows[at]
    if isinstance(old, _IndexEntry) and old.outlet:
        article = replace(article, outlet=old.outlet)
    rows[at] = article
    return replace(outcome, article=article)


def _not_an_article(source: str) -> str | None:
    """Why SOURCE is one of the tool's own files rather than an article, or None: read as one,
    a worksheet repeats its article's claims (with the reviewer's notes), and every claim of
    that article would be matched by it as by another report."""
    from factcheck.review.worksheet import is_url, is_worksheet_file

    if source == "-" or is_url(source):
        return None
    path = Path(source)
    if is_worksheet_file(path):
        return "a worksheet, not an article; add the article it reviews"
    if is_case_file(path):
        return "a file of a case, not an article"
    return None


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

    refused = _not_an_article(source)
    if refused is not None:
        return Added(source, None, error=f"{source}: {refused}")
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
