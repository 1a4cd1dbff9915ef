"""Pasted-page figures: a whole web page copied from a browser and read as plain text.

Users often select all of a page in a browser, copy it and give it to ``factcheck extract`` as
text: navigation, section labels, share buttons, time stamps, bylines without "By", boxes of
other stories, comment forms and footers come with the story, one line per block. This renders
each of the 181 real pages of the article-extraction benchmark (``../shared/data/
article-extraction-benchmark/``) to that text (``pasted_text.py``), runs our plain-text
extraction on it in this process, and measures:

- furniture leak and body recall, as ``bench_pages.py`` defines them;
- pages with no claim;
- titles: pages whose title agrees with the page's headline (its ``og:title``, with or without
  the site's name after a bar or dash, or the text of an ``<h1>``), after case, punctuation and
  spaces are set aside;
- bylines: pages given one, and how many of those are junk (not people's names or a staff
  credit, by the checker ``page_truth.junk_byline``);
- dates: pages given one, how many disagree with a full date in the page's URL, and how many
  are not a date the page's metadata states (``article:published_time``, ``datePublished``, a
  ``<time datetime>``), of the pages that state one.

The peer is a naive reader of the same text: the first line is the title, every sentence a claim.

``--pages DIR`` reads, instead, pages from elsewhere laid out as newspaper4k's test data is
(``html/<name>.html``, the text expected of it in ``txt/<name>.txt`` and, when there, its URL in
``metadata/<name>.json``; see ``bench_metadata.py`` for where to get them): pages in languages and
from sites the rules were not written on. Titles are scored against the page's headlines as above.

Run: .venv/bin/python benchmarks/bench_pasted.py [--data DIR | --pages DIR] [--show]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from bench_pages import _SENTENCE_END, SET, load_pages, score_page, url_date
from corpus import DEFAULT_DATA
from page_truth import headlines, junk_byline, normal, pages_with_text, stated_dates
from pasted_text import pasted_text


@dataclass
class Tally:
    """Counts over the pages for one reader."""

    counts: Counter[str] = field(default_factory=Counter)
    titles: list[tuple[str, str | None, list[str]]] = field(default_factory=list)
    """(page id, our title, the page's headlines) of each title that disagrees."""
    junk: list[tuple[str, str]] = field(default_factory=list)
    dates: list[tuple[str, str, str]] = field(default_factory=list)
    """(page id, our date, the page's date) of each date that disagrees."""


@dataclass(frozen=True)
class Page:
    """One page as the benchmark reads it."""

    id: str
    url: str
    body: str
    text: str
    """The page as pasted text."""
    headlines: list[str]
    dates: set[str]


def read_pages(data: Path) -> list[Page]:
    pages = []
    for page_id, html, url, body in load_pages(data):
        root = lxml.html.document_fromstring(html.decode("utf-8", "replace").lstrip())
        pages.append(
            Page(page_id[:12], url, body, pasted_text(html), headlines(root), stated_dates(root))
        )
    return pages


def read_folder(folder: Path) -> list[Page]:
    """The pages of a folder laid out as newspaper4k's test data is, with an expected text."""
    pages = []
    for name, html, url, body in pages_with_text(folder):
        root = lxml.html.document_fromstring(html.decode("utf-8", "replace").lstrip())
        pages.append(Page(name, url, body, pasted_text(html), headlines(root), stated_dates(root)))
    return pages


def ours(page: Page, folder: Path) -> tuple[Counter[str], str | None, str | None, str | None]:
    """Counts, title, byline and date of our plain-text extraction of the pasted page."""
    from factcheck.extract.claims import extract_claims
    from factcheck.extract.ingest import read_source
    from factcheck.extract.segment import segment_document

    path = folder / f"{page.id}.txt"
    path.write_text(page.text, encoding="utf-8")
    document, segments = segment_document(read_source(str(path)))
    segments, claims = extract_claims(document, segments)
    counts = score_page(page.body, [(str(s.kind), s.text) for s in segments], document.text, [])
    counts["claims"] = len(claims)
    return counts, document.title, document.byline, document.published


def naive(page: Page, folder: Path) -> tuple[Counter[str], str | None, str | None, str | None]:
    """The first line is the title and every sentence of the rest a claim."""
    lines = page.text.splitlines()
    pieces = [
        ("claim", sentence)
        for line in lines[1:]
        for sentence in _SENTENCE_END.split(line)
        if sentence
    ]
    counts = score_page(page.body, pieces, page.text, [])
    counts["claims"] = len(pieces)
    return counts, (lines[0] if lines else None), None, None


def tally(pages: list[Page], run: object, folder: Path) -> Tally:
    out = Tally()
    for page in pages:
        counts, title, byline, published = run(page, folder)  # type: ignore[operator]
        out.counts.update(counts)
        out.counts["empty"] += counts["claims"] == 0
        if page.headlines:
            out.counts["with headline"] += 1
            if title is not None and normal(title) in page.headlines:
                out.counts["title agrees"] += 1
            else:
                out.titles.append((page.id, title, page.headlines))
        if byline:
            out.counts["bylined"] += 1
            if junk_byline(byline):
                out.counts["junk byline"] += 1
                out.junk.append((page.id, byline))
        if published:
            out.counts["dated"] += 1
            expected = url_date(page.url)
            if expected and published != expected:
                out.counts["date off URL"] += 1
                out.dates.append((page.id, published, f"URL {expected}"))
            if page.dates:
                out.counts["dated, page states"] += 1
                if published not in page.dates:
                    out.counts["date unstated"] += 1
                    out.dates.append((page.id, published, f"page {sorted(page.dates)}"))
    return out


def report(name: str, result: Tally, pages: list[Page], show: bool) -> None:
    c = result.counts
    leak = c["leak"] / max(c["body"], 1)
    recall = c["found"] / max(c["sentences"], 1)
    print(f"{name}:")
    print(f"  furniture leak   {c['leak']}/{c['body']} = {leak:.1%}")
    print(f"  body recall      {c['found']}/{c['sentences']} = {recall:.1%}")
    print(f"  pages, 0 claims  {c['empty']}/{len(pages)}")
    agree = c["title agrees"] / max(c["with headline"], 1)
    print(f"  titles           {c['title agrees']}/{c['with headline']} = {agree:.1%} agree")
    if name.startswith("ours"):
        with_url = sum(1 for p in pages if url_date(p.url))
        print(f"  bylines          {c['bylined']} pages; {c['junk byline']} junk")
        print(
            f"  dates            {c['dated']} pages dated; {c['date off URL']} disagree with the "
            f"URL's date ({with_url} URLs hold one); {c['date unstated']}/"
            f"{c['dated, page states']} not a date the page states"
        )
    if show:
        for page_id, title, wanted in result.titles:
            print(f"    title {page_id}: {title!r}  want {wanted[:2]}")
        for page_id, byline in result.junk:
            print(f"    byline {page_id}: {byline!r}")
        for page_id, published, expected in result.dates:
            print(f"    date {page_id}: {published} ({expected})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--pages", type=Path, help="pages from elsewhere, with html/ and txt/")
    parser.add_argument("--show", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.pages is not None:
        pages = read_folder(args.pages)
        if not pages:
            print(f"skipped: no html/ and txt/ pages in {args.pages}")
            return
        print(f"{len(pages)} pages from {args.pages}, each as a browser's select-all-copy text")
    elif not (args.data / SET / "ground-truth.json").is_file():
        print(f"skipped: {args.data / SET} is not there (see ../shared/data/README.md)")
        return
    else:
        pages = read_pages(args.data)
        print(f"{len(pages)} pages from {SET}, each as a browser's select-all-copy text")
    with tempfile.TemporaryDirectory() as tmp:
        report("ours (plain-text extraction)", tally(pages, ours, Path(tmp)), pages, args.show)
        report(
            "peer (naive: first line, every sentence)",
            tally(pages, naive, Path(tmp)),
            pages,
            args.show,
        )
    print(f"(benchmark took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
