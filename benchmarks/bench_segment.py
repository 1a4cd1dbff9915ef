"""Sentence segmentation figures: gold-set accuracy and throughput, ours against pysbd.

Throughput is measured on real, varied news text (``corpus.py``: different articles from the
shared data folder, never copies of one), with the same articles for us and for pysbd, each run
in a fresh process so no cache is warm; figures are the median of several runs with the spread.

Run: .venv/bin/python benchmarks/bench_segment.py [--data DIR] [--size BYTES] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pysbd
import yaml
from corpus import DEFAULT_DATA, news_texts

from factcheck.extract.segment import split_sentences

HERE = Path(__file__).resolve().parent
GOLD = HERE / "segmentation_cases.yaml"


def _ours(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def _pysbd(segmenter: pysbd.Segmenter) -> Callable[[str], list[str]]:
    def split(text: str) -> list[str]:
        return [s.strip() for s in segmenter.segment(text) if s.strip()]

    return split


def accuracy(cases: list[dict[str, object]], pysbd_split: Callable[[str], list[str]]) -> None:
    """Exact-match accuracy per case on the gold set, overall and per category."""
    ours: Counter[str] = Counter()
    theirs: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for case in cases:
        category, text, expected = str(case["category"]), str(case["text"]), case["sentences"]
        totals[category] += 1
        ours[category] += _ours(text) == expected
        theirs[category] += pysbd_split(text) == expected
    n = len(cases)
    print(f"gold set: {n} cases ({GOLD.name})")
    print(f"  accuracy ours  {sum(ours.values())}/{n} = {sum(ours.values()) / n:.1%}")
    print(f"  accuracy pysbd {sum(theirs.values())}/{n} = {sum(theirs.values()) / n:.1%}")
    for category in sorted(totals):
        print(
            f"    {category:<14} ours {ours[category]:>3}/{totals[category]:<3}"
            f" pysbd {theirs[category]:>3}/{totals[category]}"
        )


_TIMED = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
sys.path.insert(0, {here!r})
from corpus import news_texts, take
from pathlib import Path
texts = [text for _, text in take(news_texts(Path({data!r})), {size})]
start = time.perf_counter()
if {which!r} == "pysbd":
    import pysbd
    segmenter = pysbd.Segmenter(language="en", clean=False)
    for text in texts:
        for paragraph in text.split("\\n"):
            if paragraph.strip():
                segmenter.segment(paragraph)
elif {which!r} == "split_sentences":
    from factcheck.extract.segment import split_sentences
    for text in texts:
        split_sentences(text)
else:
    from factcheck.extract.segment import segment_document
    from factcheck.models import Document
    for text in texts:
        segment_document(Document(source="bench", text=text, sha256="0" * 64))
print(json.dumps([time.perf_counter() - start, sum(len(t.encode()) for t in texts)]))
"""


def _cold_runs(which: str, data: Path, size: int, runs: int) -> tuple[list[float], int]:
    """Seconds of RUNS fresh processes (imports and first-use caches inside the timing), each
    over the same articles, and the bytes they hold."""
    script = _TIMED.format(here=str(HERE), data=str(data), size=size, which=which)
    times, total = [], 0
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", script], check=True, capture_output=True, text=True
        )
        seconds, total = json.loads(done.stdout.strip().splitlines()[-1])
        times.append(seconds)
    return times, total


def throughput(data: Path, size: int, runs: int) -> None:
    """MB/s of ours and of pysbd on the same real articles, each run cold in a fresh process."""
    print(f"throughput on real articles (median of {runs} cold runs, a fresh process each):")
    rates = {}
    for which in ("split_sentences", "segment_document", "pysbd"):
        times, total = _cold_runs(which, data, size, runs)
        median = statistics.median(times)
        rates[which] = total / 1e6 / median
        print(
            f"  {which:<17} {total / 1e6:.2f} MB in {median:6.2f} s (runs {min(times):.2f}-"
            f"{max(times):.2f}) = {rates[which]:6.2f} MB/s"
        )
    print(f"  split_sentences / pysbd = {rates['split_sentences'] / rates['pysbd']:.0f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--size", type=int, default=300_000, help="bytes of text per run")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per figure")
    args = parser.parse_args()
    with GOLD.open(encoding="utf-8") as fh:
        cases: list[dict[str, object]] = yaml.safe_load(fh)["cases"]
    pysbd_split = _pysbd(pysbd.Segmenter(language="en", clean=False))
    accuracy(cases, pysbd_split)
    if not news_texts(args.data):
        print(f"throughput skipped: no articles under {args.data} (see ../shared/data/README.md)")
        return
    throughput(args.data, args.size, args.runs)


if __name__ == "__main__":
    main()
