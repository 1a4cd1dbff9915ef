"""Worksheet persistence figures: time to make one answer durable on a 5,000-claim worksheet.

Each answer is applied to the in-memory worksheet and appended to the journal with an fsync, which
is what the review loop does before it shows the next question. The figures include the apply step.
Compaction (rewriting the whole YAML atomically, done on quit) and loading are timed too.

Run: .venv/bin/python benchmarks/bench_save.py [--claims 5000] [--answers 300]
Target: median time to persist one answer at most 10 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from factcheck.models import Attribution, Claim, Document, SourceFacts
from factcheck.review.journal import load_worksheet, open_session
from factcheck.review.worksheet import (
    Action,
    ChecklistRef,
    ClaimReview,
    Worksheet,
    apply_change,
    make_change,
)
from factcheck.review.worksheet_yaml import parse_worksheet

TARGET_MS = 10.0
SENTENCE = "The ministry said on Tuesday that 1,200 people were evacuated from the border area. "
QUESTIONS = ("primary_source", "partisan_outlet", "corroborated", "named_speaker", "hedged")


def build_worksheet(claims: int) -> Worksheet:
    """A worksheet of `claims` claims, one sentence each, with realistic facts and no answers."""
    text = SENTENCE * claims
    step = len(SENTENCE)
    entries = []
    for i in range(claims):
        start = i * step
        claim = Claim(
            id=f"c{i + 1}",
            text=SENTENCE.strip(),
            start=start,
            end=start + step - 1,
            check_worthiness=0.8,
            reasons=("number", "attribution"),
            attribution=Attribution(speaker="The ministry", verb="said", via=("Reuters",)),
            sources=("reuters",),
            block=i,
        )
        entries.append(
            ClaimReview(
                claim=claim,
                paragraph=(start, start + step - 1),
                source_facts=SourceFacts(worst_reliability="B"),
                facts={"chain.hops": 1, "sources.any_partisan": False, "attribution.quote": False},
            )
        )
    return Worksheet(
        document=Document(source="bench.txt", text=text, sha256="0" * 64, title="Benchmark"),
        checklist=ChecklistRef(id="quick", version=1, sha256="1" * 64, source="quick"),
        claims=tuple(entries),
        created="2024-01-01T00:00:00Z",
    )


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of the sorted values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(claims: int, answers: int) -> bool:
    """Print the figures; return whether the median meets the target."""
    worksheet = build_worksheet(claims)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.worksheet.yaml"
        start = time.perf_counter()
        session = open_session(path, new=worksheet)
        create_s = time.perf_counter() - start
        size_mb = path.stat().st_size / 1e6
        times: list[float] = []
        for n in range(answers):
            claim_id = f"c{(n * 7919) % claims + 1}"  # spread over the whole worksheet
            question = QUESTIONS[n % len(QUESTIONS)]
            start = time.perf_counter()
            change = make_change(
                session.worksheet,
                claim_id,
                Action.ANSWER,
                reviewer="bench",
                question=question,
                new="yes" if n % 2 else "no",
            )
            updated = apply_change(session.worksheet, change)
            session.record(updated, change)
            times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        load_worksheet(path)  # YAML plus the journal's replay
        replay_s = time.perf_counter() - start
        start = time.perf_counter()
        session.compact()
        compact_s = time.perf_counter() - start
        session.close()
        text = path.read_text(encoding="utf-8")
        start = time.perf_counter()
        parse_worksheet(text, str(path))
        load_s = time.perf_counter() - start
    median = statistics.median(times)
    print(f"worksheet: {claims} claims, {size_mb:.1f} MB of YAML (written in {create_s:.2f} s)")
    print(
        f"persist one answer (apply + journal append + fsync), {answers} answers: "
        f"median {median:.2f} ms, p95 {percentile(times, 0.95):.2f} ms, "
        f"max {max(times):.2f} ms (target: median <= {TARGET_MS:.0f} ms)"
    )
    print(f"load with {answers} journaled answers replayed: {replay_s:.2f} s")
    print(f"compaction (whole YAML, atomic replace, journal reset): {compact_s:.2f} s")
    print(f"load after compaction: {load_s:.2f} s")
    return median <= TARGET_MS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=5000)
    parser.add_argument("--answers", type=int, default=300)
    args = parser.parse_args()
    return 0 if run(args.claims, args.answers) else 1


if __name__ == "__main__":
    sys.exit(main())
