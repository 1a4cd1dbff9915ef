"""Page metadata on pages from elsewhere: dates, titles and bylines against each page's reference.

The pages of ``bench_pages.py`` are the ones the rules were tuned on; this script reads a folder
of other pages, each with the metadata another project expects of it, laid out as newspaper4k's
test data is: ``html/<name>.html`` and ``metadata/<name>.json`` (with ``url``, ``title``,
``publish_date`` and ``authors``). Its source distribution on PyPI holds 30 such pages:

    pip download --no-deps --no-binary :all: newspaper4k==0.9.6
    tar xzf newspaper4k-0.9.6.tar.gz
    .venv/bin/python benchmarks/bench_metadata.py --pages newspaper4k-0.9.6/tests/data

Each page is read as if fetched from its URL. Per field:

- dates: pages whose published date is the reference's day, of the pages it gives a date for,
  and pages given a date the reference does not give;
- titles: pages whose title is the reference's, case and punctuation set aside; where they differ
  the two are printed (a page's SEO title and the headline it shows may differ: our title is the
  headline the page shows);
- bylines: pages given one, how many are not people's names or a staff credit
  (``page_truth.junk_byline``), and how many name someone the reference names. The references'
  own lists are printed beside ours: they hold junk too.

Where the folder also holds the text the other project expects of a page (``txt/<name>.txt``,
as newspaper4k's does), the page's body is scored against it as ``bench_pages.py`` scores its
pages: furniture leak (claim and statement segments less than 80% covered by word trigrams of
the expected text) and body recall (its sentences of 4+ words at least 80% covered by prose
segments). Words are runs of letters and digits, so a script that does not space its words
(Chinese, Japanese, Thai) gives long "words" and few sentences of four.

The peer is trafilatura on the same pages, in the same run: its metadata, and its text.

Run: .venv/bin/python benchmarks/bench_metadata.py --pages DIR [--show]
"""

from __future__ import annotations

import argparse
import json
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import bench_pages
from page_truth import junk_byline, normal, pages_with_text

from factcheck.extract.ingest import read_page


def load(folder: Path) -> list[tuple[str, bytes, dict[str, Any]]]:
    """(name, HTML bytes, reference metadata) of every page with both files, in name order."""
    pages = []
    for meta_path in sorted((folder / "metadata").glob("*.json")):
        html_path = folder / "html" / f"{meta_path.stem}.html"
        if html_path.is_file():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            pages.append((meta_path.stem, html_path.read_bytes(), meta))
    return pages


def _day(value: object) -> str | None:
    text = str(value or "")
    return text[:10] if text[:4].isdigit() else None


def _authors(meta: dict[str, Any]) -> list[str]:
    value = meta.get("authors") or []
    return [str(a) for a in value] if isinstance(value, list) else []


def ours(page: tuple[str, bytes, dict[str, Any]]) -> dict[str, str | None]:
    name, html, meta = page
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = read_page(html, meta.get("url") or f"https://example.org/{name}")
    return {"published": doc.published, "title": doc.title, "byline": doc.byline}


def peer(page: tuple[str, bytes, dict[str, Any]]) -> dict[str, str | None]:
    import trafilatura

    _, html, meta = page
    result = trafilatura.bare_extraction(
        html.decode("utf-8", "replace"), url=meta.get("url"), with_metadata=True
    )
    if result is None:
        return {"published": None, "title": None, "byline": None}
    return {
        "published": _day(getattr(result, "date", None)),
        "title": getattr(result, "title", None),
        "byline": getattr(result, "author", None),
    }


def score(
    pages: list[tuple[str, bytes, dict[str, Any]]], found: list[dict[str, str | None]], show: bool
) -> Counter[str]:
    counts: Counter[str] = Counter()
    for (name, _, meta), got in zip(pages, found, strict=True):
        want_day = _day(meta.get("publish_date"))
        if want_day:
            counts["dated"] += 1
            counts["dates agree"] += got["published"] == want_day
        elif got["published"]:
            counts["dates not in reference"] += 1
        if show and want_day and got["published"] != want_day:
            print(f"    date  {name}: {got['published']} (reference {want_day})")
        if meta.get("title"):
            counts["titled"] += 1
            agree = normal(got["title"] or "") == normal(meta["title"])
            counts["titles agree"] += agree
            if show and not agree:
                print(f"    title {name}: {got['title']!r}\n          reference {meta['title']!r}")
        byline = got["byline"]
        if byline:
            counts["bylines"] += 1
            counts["junk bylines"] += junk_byline(byline)
            wanted = {normal(a) for a in _authors(meta)}
            counts["bylines naming a reference author"] += any(
                normal(part) in wanted for part in byline.split(", ")
            )
        if show and (byline or _authors(meta)):
            print(f"    byline {name}: {byline!r} (reference {_authors(meta)})")
    return counts


def report(label: str, counts: Counter[str]) -> None:
    print(f"{label}:")
    print(
        f"  dates    {counts['dates agree']}/{counts['dated']} agree with the reference's day; "
        f"{counts['dates not in reference']} given where the reference gives none"
    )
    print(f"  titles   {counts['titles agree']}/{counts['titled']} agree with the reference's")
    print(
        f"  bylines  {counts['bylines']} pages; {counts['junk bylines']} junk; "
        f"{counts['bylines naming a reference author']} name an author the reference names"
    )


def bodies(folder: Path, show: bool) -> None:
    """Furniture leak and body recall on the pages with an expected text, ours and the peer's."""
    scored = pages_with_text(folder)
    if not scored:
        return
    print(f"bodies of the {len(scored)} pages with an expected text:")
    for label, run in (("ours", bench_pages.ours), ("peer (trafilatura alone)", bench_pages.peer)):
        total: Counter[str] = Counter()
        for page in scored:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                counts = run(page)[0]
            total += counts
            if (
                show
                and label == "ours"
                and (counts["leak"] or counts["found"] < counts["sentences"])
            ):
                print(
                    f"    body  {page[0]}: leak {counts['leak']}/{counts['body']}, "
                    f"recall {counts['found']}/{counts['sentences']}"
                )
        print(
            f"  {label}: furniture leak {total['leak']}/{total['body']} = "
            f"{total['leak'] / max(total['body'], 1):.1%}; body recall {total['found']}/"
            f"{total['sentences']} = {total['found'] / max(total['sentences'], 1):.1%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, help="a folder with html/ and metadata/ (see above)")
    parser.add_argument("--show", action="store_true", help="print every page's fields")
    args = parser.parse_args()
    if args.pages is None or not (args.pages / "metadata").is_dir():
        print("no --pages folder with html/ and metadata/: skipped (see this script's docstring)")
        return
    pages = load(args.pages)
    print(f"{len(pages)} pages with reference metadata from {args.pages}")
    report("ours", score(pages, [ours(page) for page in pages], args.show))
    report("peer (trafilatura's metadata)", score(pages, [peer(page) for page in pages], False))
    bodies(args.pages, args.show)


if __name__ == "__main__":
    main()
