"""Attribution throughput (stage ③) on the seed article's body, repeated to about 2 MB.

Run: .venv/bin/python benchmarks/bench_attribution.py
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from factcheck.extract.attribution import attribute_sentences, quote_groups

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "seed-article.txt"
BODY_START = "Senior leaders of the Gaza Strip-ruling"
BODY_END = "lies with the Palestinian leadership."
# The seed is glued scraped text; these mark where one body sentence ends and the next begins.
_BOUNDARY = re.compile(r"(?<=[.”])(?=[A-Z])|(?<=[.”]) (?=[A-Z“])")
_FURNITURE = re.compile(r"Read [^.]*?(?=Al-Akhbar’s|Going forward)")


def seed_body() -> list[str]:
    """The seed article's body sentences, split with a simple rule good enough for timing."""
    text = SEED.read_text(encoding="utf-8")
    body = text[text.index(BODY_START) : text.index(BODY_END) + len(BODY_END)]
    body = _FURNITURE.sub("", body)
    return [s.strip() for s in _BOUNDARY.split(body) if s.strip()]


def throughput(target_bytes: int = 2_000_000) -> None:
    """MB/s of attribute_sentences + quote_groups on one core (the claims stage calls both)."""
    body = seed_body()
    size_one = sum(len(s.encode()) + 1 for s in body)
    copies = target_bytes // size_one + 1
    sentences = body * copies
    size = size_one * copies
    attribute_sentences(body)
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        attribute_sentences(sentences)
        quote_groups(sentences)
        runs.append(time.perf_counter() - start)
    best = min(runs)
    print(
        f"attribution throughput: {size / 1e6:.2f} MB ({len(sentences)} sentences) "
        f"in {best:.3f} s = {size / 1e6 / best:.2f} MB/s"
    )


if __name__ == "__main__":
    throughput()
