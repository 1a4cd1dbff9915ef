"""Web-page figures: furniture leak, body recall, names split, dates and speed, against trafilatura.

Reads the 181 real pages of the article-extraction benchmark (``../shared/data/
article-extraction-benchmark/``: each page's HTML and its human-extracted body and URL) and runs
the whole extraction on each page as if fetched from its URL. The peer is trafilatura alone, the
library our HTML reading starts from, run on the same pages with the same options.

- furniture leak: claim and statement segments whose words are less than 80% covered by word
  trigrams of the page's true body (for the peer: the sentences of its text);
- body recall: true-body sentences of 4+ words at least 80% covered by prose segments (claim,
  statement, question, opinion; for the peer: its text);
- names split: cuts inside a word that the true body prints whole (JavaScript, iPhone);
- dates: pages whose published date disagrees with a full date in the page's URL;
- bylines: pages given one, and how many are not people's names or a staff credit (by
  ``page_truth.junk_byline``);
- titles: pages whose title agrees with the page's own headline (its ``og:title``, with or
  without the site's name, or an ``<h1>``; ``page_truth.headlines``), case and punctuation set
  aside. Where a page's og:title is its site's name, or the article's SEO title differs from
  both, a right title counts as disagreeing: the figure is a floor;
- speed: the whole extraction per page, in a fresh process per run (cold caches), median of runs
  with the spread, and the share of that time spent inside trafilatura: in its extraction
  (``bare_extraction``) and in its HTML parse (``load_html``, whose tree our metadata and
  furniture cleaning read too, so the page is parsed once). The time outside trafilatura is
  split into reading the page (decoding, metadata, furniture) and the text stages that plain
  text goes through too.

The package is byte-compiled before the timed runs, as an installed copy is (see bytecode.py;
``--source`` times it compiled from source on every run).

Run: .venv/bin/python benchmarks/bench_pages.py [--data DIR] [--runs 3] [--source]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import lxml.html
from bytecode import byte_compile
from corpus import DEFAULT_DATA
from page_truth import headlines, junk_byline, normal

REPO = Path(__file__).resolve().parent.parent
SET = "article-extraction-benchmark"
PROSE = {"claim", "statement", "question", "opinion"}
BODY = {"claim", "statement"}
_WORD = re.compile(r"\w+")
# A sentence ends at a full stop, exclamation or question mark before a space and a capital, or,
# in Chinese and Japanese, which put no space after a sentence, at their own full stops.
_SENTENCE_END = re.compile(
    r"(?<=[.!?…])[\"”’')\]]*\s+(?=[\"“‘(]?[A-Z0-9])|(?<=[\u3002\uff01\uff1f])(?=[^\s\u300d\u300f\u201d\uff09])"
)
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)


def load_pages(data: Path) -> list[tuple[str, bytes, str, str]]:
    """(id, HTML bytes, URL, true body) of every page, in id order."""
    folder = data / SET
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, html, truth[page_id]["url"], truth[page_id]["articleBody"]))
    return pages


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _grams(words: list[str]) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for n in (1, 2, 3):
        grams.update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    return grams


def coverage(words: list[str], grams: set[tuple[str, ...]]) -> float:
    """Share of WORDS inside some word trigram (or, for a piece under 3 words, the whole piece)
    found in GRAMS."""
    if not words:
        return 1.0
    if len(words) < 3:
        return 1.0 if tuple(words) in grams else 0.0
    covered = [False] * len(words)
    for i in range(len(words) - 2):
        if tuple(words[i : i + 3]) in grams:
            covered[i] = covered[i + 1] = covered[i + 2] = True
    return sum(covered) / len(words)


def true_sentences(body: str) -> list[list[str]]:
    """The true body's sentences of 4 or more words, as word lists."""
    out = []
    for paragraph in body.split("\n"):
        for sentence in _SENTENCE_END.split(paragraph.strip()):
            words = _words(sentence)
            if len(words) >= 4:
                out.append(words)
    return out


def url_date(url: str) -> str | None:
    match = _URL_DATE.search(url)
    return "-".join(match.groups()) if match else None


def score_page(
    body: str, pieces: list[tuple[str, str]], text: str, cuts: list[int]
) -> Counter[str]:
    """Counts for one page: PIECES are (kind, text); CUTS are offsets where the text was cut
    inside a run of letters."""
    truth_words = _words(body)
    truth = _grams(truth_words)
    counts: Counter[str] = Counter()
    prose: set[tuple[str, ...]] = set()
    for kind, piece in pieces:
        words = _words(piece)
        if kind in BODY:
            counts["body"] += 1
            counts["leak"] += coverage(words, truth) < 0.8
        if kind in PROSE:
            prose |= _grams(words)
    for sentence in true_sentences(body):
        counts["sentences"] += 1
        counts["found"] += coverage(sentence, prose) >= 0.8
    whole = set(truth_words)
    for cut in cuts:
        start, end = cut, cut
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        if text[start:end].lower() in whole:
            counts["split"] += 1
        else:
            counts["repaired"] += 1
    return counts


def extract_ours(page: tuple[str, bytes, str, str]) -> Any:
    """The whole extraction of one page as if fetched from its URL: document, segments, claims."""
    from factcheck.extract.claims import extract_claims
    from factcheck.extract.ingest import read_page
    from factcheck.extract.segment import segment_document

    document, segments = segment_document(read_page(page[1], page[2]))
    segments, claims = extract_claims(document, segments)
    return document, segments, claims


def ours(page: tuple[str, bytes, str, str]) -> tuple[Counter[str], dict[str, Any]]:
    document, segments, claims = extract_ours(page)
    text = document.text
    cuts = [
        s.start
        for s in segments[1:]
        if s.start > 0 and text[s.start - 1].isalpha() and text[s.start].isalpha()
    ]
    counts = score_page(page[3], [(str(s.kind), s.text) for s in segments], text, cuts)
    counts["claims"] = len(claims)
    meta = {"published": document.published, "byline": document.byline, "title": document.title}
    return counts, meta


def extract_peer(page: tuple[str, bytes, str, str]) -> Any:
    """trafilatura alone on one page, with the options our HTML reading gives it."""
    import trafilatura

    html = page[1].decode("utf-8", "replace")
    return trafilatura.bare_extraction(html, url=page[2], with_metadata=True, include_tables=True)


def peer(page: tuple[str, bytes, str, str]) -> tuple[Counter[str], dict[str, Any]]:
    body = page[3]
    result = extract_peer(page)
    text = (getattr(result, "text", None) or "") if result is not None else ""
    pieces = [
        ("statement", sentence)
        for line in text.split("\n")
        for sentence in _SENTENCE_END.split(line.strip())
        if sentence
    ]
    counts = score_page(body, pieces, text, [])
    counts["claims"] = len(pieces)
    date = getattr(result, "date", None) if result is not None else None
    author = getattr(result, "author", None) if result is not None else None
    title = getattr(result, "title", None) if result is not None else None
    return counts, {"published": (date or "")[:10] or None, "byline": author, "title": title}


def quality(name: str, pages: list[tuple[str, bytes, str, str]], run: Any) -> None:
    total: Counter[str] = Counter()
    empty = dated = disagree = bylined = titled = agree = junk = 0
    for page in pages:
        counts, meta = run(page)
        total.update(counts)
        empty += counts["claims"] == 0
        published, expected = meta["published"], url_date(page[2])
        dated += published is not None
        disagree += bool(expected and published and published != expected)
        bylined += bool(meta["byline"])
        junk += bool(meta["byline"]) and junk_byline(meta["byline"])
        titled += bool(meta["title"])
        agree += bool(meta["title"]) and normal(meta["title"]) in _headlines(page)
    leak = total["leak"] / max(total["body"], 1)
    recall = total["found"] / max(total["sentences"], 1)
    with_url_date = sum(1 for page in pages if url_date(page[2]))
    print(f"{name}:")
    print(f"  furniture leak   {total['leak']}/{total['body']} = {leak:.1%}")
    print(f"  body recall      {total['found']}/{total['sentences']} = {recall:.1%}")
    print(f"  names split      {total['split']} (real glue repaired: {total['repaired']})")
    print(f"  pages, 0 claims  {empty}/{len(pages)}")
    print(
        f"  dates            {dated} pages dated; {disagree} disagree with the URL's date "
        f"({with_url_date} URLs hold one)"
    )
    print(f"  bylines          {bylined} pages; {junk} junk")
    print(
        f"  titles           {titled} pages; {agree} agree with the page's headline "
        f"({agree / max(len(pages), 1):.1%})"
    )


@cache
def _headlines(page: tuple[str, bytes, str, str]) -> list[str]:
    """The page's own headlines (its og:title, with or without the site's name, or an h1)."""
    return headlines(lxml.html.document_fromstring(page[1].decode("utf-8", "replace").lstrip()))


_TIMING = """
import gzip, json, sys, time
from pathlib import Path
sys.path.insert(0, {bench!r})
import bench_pages
import trafilatura
from factcheck.extract import ingest
inner = {{"bare_extraction": 0.0, "load_html": 0.0, "read_page": 0.0}}
def timed(module, name):
    original = getattr(module, name)
    def run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            inner[name] += time.perf_counter() - start
    setattr(module, name, run)
timed(trafilatura, "bare_extraction")
timed(trafilatura, "load_html")
timed(ingest, "read_page")
pages = bench_pages.load_pages(Path({data!r}))
run = getattr(bench_pages, {which!r})
start = time.perf_counter()
for page in pages:
    run(page)
total = time.perf_counter() - start
size = sum(len(p[1]) for p in pages)
print(json.dumps([total, inner["bare_extraction"], inner["load_html"], inner["read_page"], size]))
"""


def timing(data: Path, which: str, runs: int) -> list[tuple[float, float, float, float, int]]:
    """(total s, s in trafilatura's extraction, s in its HTML parse, s reading the page into a
    document, bytes) of RUNS fresh processes, each over every page."""
    script = _TIMING.format(bench=str(Path(__file__).parent), data=str(data), which=which)
    out = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", script], check=True, capture_output=True, text=True
        )
        out.append(tuple(json.loads(done.stdout.strip().splitlines()[-1])))
    return out  # type: ignore[return-value]


def _speed(name: str, results: list[tuple[float, float, float, float, int]]) -> None:
    totals = [r[0] for r in results]
    size = results[0][4] / 1e6
    extraction = statistics.median(r[1] / r[0] for r in results)
    parse = statistics.median(r[2] / r[0] for r in results)
    median = statistics.median(totals)
    print(
        f"  {name:<5} {size:.1f} MB of HTML in {median:.2f} s (runs {min(totals):.2f}-"
        f"{max(totals):.2f}) = {size / median:.2f} MB/s; inside trafilatura "
        f"{extraction + parse:.0%} (extraction {extraction:.0%}, HTML parse {parse:.0%}), "
        f"outside {1 - extraction - parse:.0%}"
    )
    if any(r[3] for r in results):
        # Outside trafilatura: reading the page (metadata, furniture, decoding), then the text
        # stages that plain text goes through too (segmenting, scoring, attribution, sources).
        reading = statistics.median((r[3] - r[1] - r[2]) / r[0] for r in results)
        stages = statistics.median(1 - r[3] / r[0] for r in results)
        print(
            f"        outside trafilatura: page reading {reading:.0%}, "
            f"text stages shared with plain text {stages:.0%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--runs", type=int, default=3, help="timed runs, each a fresh process")
    parser.add_argument(
        "--source", action="store_true", help="do not byte-compile the package first"
    )
    args = parser.parse_args()
    if not (args.data / SET / "ground-truth.json").is_file():
        print(f"skipped: {args.data / SET} is not there (see ../shared/data/README.md)")
        return
    started = time.perf_counter()
    pages = load_pages(args.data)
    print(f"{len(pages)} pages from {SET}")
    quality("ours (whole extraction)", pages, ours)
    quality("peer (trafilatura alone)", pages, peer)
    if not args.source:
        print(byte_compile(REPO))
    print(f"speed (median of {args.runs} cold runs, a fresh process each):")
    _speed("ours", timing(args.data, "extract_ours", args.runs))
    _speed("peer", timing(args.data, "extract_peer", args.runs))
    print(f"(benchmark took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
