"""Sentence segmentation figures: gold-set accuracy and throughput, ours against pysbd.

Run: .venv/bin/python benchmarks/bench_segment.py
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pysbd
import yaml

from factcheck.extract.segment import segment_document, split_sentences
from factcheck.models import Document, SegmentKind

HERE = Path(__file__).resolve().parent
SEED = HERE.parent / "examples" / "seed-article.txt"
GOLD = HERE / "segmentation_cases.yaml"
TARGET_BYTES = 1_000_000
PYSBD_BYTES = 50_000  # pysbd is run on a slice of each corpus; its rate is scaled from that


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


def _best_seconds(action: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def _repeat(text: str) -> tuple[str, int]:
    copies = TARGET_BYTES // len(text.encode()) + 1
    return "\n\n".join([text] * copies), copies


def throughput(name: str, text: str, pysbd_split: Callable[[str], list[str]]) -> None:
    """MB/s of ours on all of ``text`` and of pysbd on a slice of it, paragraph by paragraph."""
    size = len(text.encode()) / 1e6
    split_s = _best_seconds(lambda: split_sentences(text))
    doc = Document(source="bench", text=text, sha256="0" * 64)
    document_s = _best_seconds(lambda: segment_document(doc))
    paragraphs, taken = [], 0
    for paragraph in text.split("\n\n"):
        if taken >= PYSBD_BYTES:
            break
        paragraphs.append(paragraph)
        taken += len(paragraph.encode()) + 2
    pysbd_s = _best_seconds(lambda: [pysbd_split(p) for p in paragraphs], runs=1)
    ours_rate, theirs_rate = size / split_s, taken / 1e6 / pysbd_s
    print(f"throughput on {name}:")
    print(f"  split_sentences  {size:.2f} MB in {split_s:.3f} s = {ours_rate:.1f} MB/s")
    print(f"  segment_document {size:.2f} MB in {document_s:.3f} s = {size / document_s:.1f} MB/s")
    print(f"  pysbd            {taken / 1e6:.3f} MB in {pysbd_s:.3f} s = {theirs_rate:.3f} MB/s")
    print(f"  split_sentences / pysbd = {ours_rate / theirs_rate:.0f}x")


def main() -> None:
    with GOLD.open(encoding="utf-8") as fh:
        cases: list[dict[str, object]] = yaml.safe_load(fh)["cases"]
    pysbd_split = _pysbd(pysbd.Segmenter(language="en", clean=False))
    accuracy(cases, pysbd_split)

    seed = SEED.read_text(encoding="utf-8")
    text, copies = _repeat(seed)
    throughput(f"the seed article x{copies} (glued scraped text)", text, pysbd_split)

    _, segments = segment_document(Document(source="seed", text=seed, sha256="0" * 64))
    body_kinds = (SegmentKind.STATEMENT, SegmentKind.QUESTION)
    body = [seg.text for seg in segments if seg.kind in body_kinds]
    article = "\n\n".join(" ".join(body[i : i + 3]) for i in range(0, len(body), 3))
    text, copies = _repeat(article)
    throughput(f"the seed's body as clean paragraphs x{copies}", text, pysbd_split)

    text, copies = _repeat("\n\n".join(str(case["text"]) for case in cases))
    throughput(f"the gold-set texts x{copies} (short paragraphs)", text, pysbd_split)


if __name__ == "__main__":
    main()
