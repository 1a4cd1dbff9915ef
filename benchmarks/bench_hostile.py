"""Hostile shapes of input: `factcheck extract` time on text made to find quadratic corners,
against real news text of about the same size in the same run.

Each shape is generated here (nothing is copied): a results table whose lines differ only in
their numbers, lines that open quotations and never close them, one paragraph of nothing but
opening marks, a word of two million letters, pages of 30,000 and of 200,000 paragraphs (the
second past the size at which the article is picked out), a page nested 100,000 elements deep,
whole pages pasted as text with their menus by the ten thousand, a box's label line after line
50,000 times, one sentence repeated 20,000 times, one sentence of 400,000 words that never ends,
and a markdown file of marks that never close. The peer is the shared data folder's news
articles, joined into one file of about the same size, run the same way; a shape that is much
slower per MB than news text has a corner left. Every run is a fresh process; figures are the
median of the runs.

Run: .venv/bin/python benchmarks/bench_hostile.py [--data DIR] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import DEFAULT_DATA, news_texts

FACTCHECK = Path(sys.executable).parent / "factcheck"
OPEN, CLOSE = "\u201c", "\u201d"


def shapes() -> dict[str, tuple[str, str]]:
    """Name -> (file suffix, content) of every hostile shape."""
    table = "".join(
        f"Line {n} says the council spent {n} dollars on roads, the mayor said.\n"
        for n in range(20_000)
    )
    unclosed = "".join(
        f"{OPEN}Line {n} opens a quotation it never closes. It goes on.\n" for n in range(20_000)
    )
    page = "".join(
        f"<p>Paragraph {n}: the board approved {n} new buses for the city, a spokesman said.</p>"
        for n in range(30_000)
    )
    # Lines a page puts around its story, by the thousand: navigation over a headline, and
    # boxes of links each under its own label.
    head = "Home | News | Politics\n" * 20_000 + "Council raises fares\nThe council voted.\n"
    boxes = "".join(f"Related\nOther story number {n} here\n" for n in range(15_000))
    # A whole page pasted as text: a menu of short lines above and below a story, and menus
    # and paragraphs taking turns, each paragraph a candidate for the story's first.
    menu = "".join(f"Section {chr(65 + n % 26)}{chr(97 + n // 26 % 26)}\n" for n in range(40_000))
    story = "".join(
        f"The board approved {n} new buses for the city on Tuesday, a spokesman said.\n"
        for n in range(200)
    )
    pasted = menu + "Council raises fares for a third year\n" + story + menu
    turns = "".join(
        f"Home\nNews\nSport\nThe board approved {n} buses for the city, a spokesman said"
        " on Tuesday after a long debate.\n"
        for n in range(20_000)
    )
    repeated = "The council spent 40 dollars on the new city roads in 2020, the mayor said.\n"
    # A text without a full stop: one sentence of news words in a fixed random order, its
    # reporting verbs and clauses by the ten thousand.
    vocabulary = (
        "the council approved a plan for new buses and roads in the city after the mayor said it"
        " was needed"
    )
    draw = random.Random(1).choice
    endless = " ".join(draw(vocabulary.split()) for _ in range(400_000)) + "\n"
    marks = "**a _b `c [d](e ![f <g " * 40_000 + "\n"
    return {
        "one sentence 20,000 times": (".txt", repeated * 20_000),
        "one sentence of 400,000 words": (".txt", endless),
        "markdown marks left open": (".md", marks),
        "pasted page, 80,000 menu lines": (".txt", pasted),
        "menus and paragraphs in turn": (".txt", turns),
        "table of numbered lines": (".txt", table),
        "20,000 navigation lines": (".txt", head),
        "15,000 boxes of links": (".txt", boxes),
        # a box's label line after line: each one may open a box that runs to the end
        "50,000 box labels in a row": (".txt", "Related stories\n" * 50_000 + story),
        # short lines above any headline, each passed over on the way to it
        "menu lines and labels, 120,000": (
            ".txt",
            "Home\nNews\nSport\nNext Up In Science & Health\n" * 30_000 + story,
        ),
        "unclosed quotations": (".txt", unclosed),
        "one paragraph of marks": (".txt", (OPEN * 5000 + " he said. ") * 40 + "\n"),
        "a word of 2M letters": (".txt", "a" * 2_000_000 + "\n"),
        "page of 30,000 paragraphs": (
            ".html",
            f"<html><body><article>{page}</article></body></html>",
        ),
        "page of 200,000 paragraphs": (
            ".html",
            "<html><body><article>"
            + "".join(
                f"<p>The board approved {n} buses for the city, a spokesman said.</p>"
                for n in range(200_000)
            )
            + "</article></body></html>",
        ),
        "page nested 100,000 deep": (
            ".html",
            "<html><body>" + "<div>" * 100_000 + "<p>The council met.</p>" + "</div>" * 100_000,
        ),
    }


def news_of_size(size: int, data: Path) -> str:
    """Real articles, one after another, up to about SIZE bytes (each article once)."""
    chosen, total = [], 0
    for _, text in news_texts(data):
        if total >= size:
            break
        chosen.append(text)
        total += len(text.encode())
    return "\n\n".join(chosen)


def timed(path: Path, runs: int) -> tuple[float, int]:
    """Median wall seconds of `extract` on PATH, and its exit code."""
    seconds, code = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [str(FACTCHECK), "extract", str(path), "--format", "jsonl"], capture_output=True
        )
        seconds.append(time.perf_counter() - start)
        code = done.returncode
    return statistics.median(seconds), code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"extract on hostile shapes (median of {args.runs} fresh processes):")
        for name, (suffix, content) in shapes().items():
            path = Path(tmp) / f"shape{suffix}"
            path.write_text(content, encoding="utf-8")
            size = path.stat().st_size / 1e6
            seconds, code = timed(path, args.runs)
            news = Path(tmp) / "news.txt"
            if args.data.is_dir():
                news.write_text(news_of_size(path.stat().st_size, args.data), encoding="utf-8")
                peer, _ = timed(news, args.runs)
                versus = f"; news text of that size {peer:5.2f} s, ratio {seconds / peer:4.1f}"
            else:
                versus = " (no shared data folder: no news text to compare)"
            print(f"  {name:<31} {size:5.2f} MB in {seconds:6.2f} s, exit {code}{versus}")


if __name__ == "__main__":
    main()
