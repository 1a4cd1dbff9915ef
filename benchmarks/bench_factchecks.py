"""Known fact-checks figures: matching quality on CLEF 2020 CheckThat! task 2, speed and size.

Quality: the 10,375 verified claims (claim and title of Snopes fact-checks) are imported with
`factcheck factchecks import`'s own reader and store; each tweet of the dev split is a query; the
top 5 matches are scored against `tweet-vclaim-pairs.qrels` with MAP@5 (the task's measure) and
P@1. The training split, on which the matcher's constants were tuned, is shown for reference. The
peer, in the same run, is plain BM25 (k1 1.2, b 0.75) over claim and title: lowercase words, no
stemming, no stop words, the tweet as it is. The display threshold's figure is the share of dev
queries whose best match reaches `SHOW_THRESHOLD`, and how many of those are right.

Speed: importing 10,000 records into a new database (median of several runs); then a database of
100,000 records, the real ones plus records made by joining the start of one real claim to the
end of another and shuffling a real title's words (varied, not copies): its import time, size on
disk, the median time of one query (dev and train tweets, database opened fresh), MAP@5 among
those distractors, the peer's query time on the same records, and `factcheck extract` of the seed
article (a fresh process each time) with that database against without one.

Times are given as processor time (what the work costs, steady on a busy shared machine) and
wall-clock time.

Run: .venv/bin/python benchmarks/bench_factchecks.py [--data DIR] [--records 100000] [--runs 3]
Targets: dev MAP@5 >= 0.78 (peer about 0.72); import of 10,000 records <= 5 s; a query against
100,000 records <= 10 ms median; extract with that database <= 1.5x without; >= 90% of shown top
matches right at the display threshold.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.factchecks.matcher import SHOW_THRESHOLD, STRONG_THRESHOLD  # noqa: E402
from factcheck.factchecks.model import KnownCheck  # noqa: E402
from factcheck.factchecks.readers import read_file  # noqa: E402
from factcheck.factchecks.store import FactcheckDatabase  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "clef2020-claim-retrieval"
SEED = REPO / "examples" / "seed-article.txt"

Qrels = dict[str, set[str]]


def load_split(data: Path, split: str) -> tuple[list[tuple[str, str]], Qrels]:
    """The split's tweets (id, text) and, per tweet, the ids of the claims that match it."""
    with (data / split / "tweets.queries.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    qrels: Qrels = defaultdict(set)
    for line in (data / split / "tweet-vclaim-pairs.qrels").read_text().splitlines():
        tweet, _, claim, _ = line.split()
        qrels[tweet].add(claim)
    return [(row[0], row[1]) for row in rows], qrels


def average_precision(ranked: Sequence[str], relevant: set[str], depth: int = 5) -> float:
    hits = 0
    total = 0.0
    for rank, item in enumerate(ranked[:depth], start=1):
        if item in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant) if relevant else 0.0


def quality(rankings: list[list[str]], queries: list[tuple[str, str]], qrels: Qrels) -> str:
    aps = [average_precision(r, qrels[q]) for r, (q, _) in zip(rankings, queries, strict=True)]
    p1 = [bool(r) and r[0] in qrels[q] for r, (q, _) in zip(rankings, queries, strict=True)]
    return f"MAP@5 {statistics.fmean(aps):.3f}  P@1 {statistics.fmean(p1):.3f}"


# --- the peer: plain BM25 over claim and title ---------------------------------------------------

_WORD = re.compile(r"\w+")


class PlainBM25:
    """Textbook BM25 over 'claim title', lowercase words, nothing else."""

    def __init__(self, records: Sequence[KnownCheck], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.docs = [Counter(_WORD.findall(f"{r.claim} {r.title or ''}".lower())) for r in records]
        self.lengths = [sum(d.values()) for d in self.docs]
        self.average = statistics.fmean(self.lengths)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for index, doc in enumerate(self.docs):
            for word in doc:
                self.postings[word].append(index)
        total = len(self.docs)
        self.idf = {
            w: math.log(1 + (total - len(p) + 0.5) / (len(p) + 0.5))
            for w, p in self.postings.items()
        }

    def search(self, text: str, limit: int = 5) -> list[int]:
        scores: dict[int, float] = defaultdict(float)
        for word in set(_WORD.findall(text.lower())):
            for index in self.postings.get(word, ()):
                tf = self.docs[index][word]
                norm = 1 - self.b + self.b * self.lengths[index] / self.average
                scores[index] += self.idf[word] * tf * (self.k1 + 1) / (tf + self.k1 * norm)
        return sorted(scores, key=lambda i: (-scores[i], i))[:limit]


# --- records for the 100,000-record database -----------------------------------------------------


def varied(records: Sequence[KnownCheck], total: int, seed: int = 7) -> list[KnownCheck]:
    """The real records, then new ones joined from halves of two real claims, with a real title's
    words shuffled, until there are ``total``."""
    rng = random.Random(seed)
    out = list(records)
    while len(out) < total:
        a, b, c = rng.sample(records, 3)
        head = a.claim.split()
        tail = b.claim.split()
        claim = " ".join(head[: max(1, len(head) // 2)] + tail[len(tail) // 2 :])
        words = (c.title or c.claim).split()
        rng.shuffle(words)
        out.append(
            replace(a, claim=claim, title=" ".join(words), ref=f"v{len(out)}", position="made")
        )
    return out


def timed_import(path: Path, records: Sequence[KnownCheck]) -> tuple[float, float]:
    """Processor time and wall-clock time of importing the records into a new database."""
    path.unlink(missing_ok=True)
    start, clock = time.process_time(), time.perf_counter()
    with FactcheckDatabase(path, create=True) as db:
        db.add(records)
    return time.process_time() - start, time.perf_counter() - clock


def rankings(path: Path, queries: list[tuple[str, str]]) -> tuple[list[list[str]], list[float]]:
    """Each query's top 5 as CLEF claim ids, and the best match's score."""
    with FactcheckDatabase(path) as db:
        refs = dict(db.db.execute("SELECT id, ref FROM factchecks").fetchall())
        found = [db.search(text, limit=5) for _, text in queries]
    return [[str(refs[m.id]) for m in ms] for ms in found], [
        ms[0].score if ms else 0.0 for ms in found
    ]


def shown(scores: list[float], ranked: list[list[str]], queries, qrels: Qrels, floor: float) -> str:
    picked = [
        bool(r) and r[0] in qrels[q]
        for s, r, (q, _) in zip(scores, ranked, queries, strict=True)
        if s >= floor
    ]
    share = len(picked) / len(queries)
    right = statistics.fmean(picked) if picked else 0.0
    return f"{right:.1%} of shown top matches right, shown for {share:.1%} of queries"


def query_times(path: Path, texts: Sequence[str]) -> tuple[list[float], list[float]]:
    """Each query's processor time and wall-clock time, database opened fresh."""
    cpu, wall = [], []
    with FactcheckDatabase(path) as db:
        for text in texts:
            start, clock = time.process_time(), time.perf_counter()
            db.search(text, limit=5)
            cpu.append(time.process_time() - start)
            wall.append(time.perf_counter() - clock)
    return cpu, wall


def extract_time(db: Path, runs: int) -> tuple[float, float]:
    """Median processor time and wall-clock time of `factcheck extract` on the seed."""
    env = dict(os.environ, FACTCHECK_FACTCHECKS_DB=str(db))
    command = [str(REPO / ".venv" / "bin" / "factcheck"), "extract", str(SEED), "-f", "json"]
    cpu, wall = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(cpu), statistics.median(wall)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the CLEF 2020 task 2 folder")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (args.data / "verified_claims.docs.tsv").is_file():
        print(f"skipped: {args.data} is absent (CLEF 2020 task 2 data, see ../shared/data)")
        return 0
    records = read_file(args.data / "verified_claims.docs.tsv").records
    dev, dev_qrels = load_split(args.data, "dev")
    train, train_qrels = load_split(args.data, "train")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small, large = folder / "clef.sqlite", folder / "large.sqlite"

        imports = [timed_import(small, records[:10_000]) for _ in range(args.runs)]
        cpu = statistics.median(i[0] for i in imports)
        wall = statistics.median(i[1] for i in imports)
        print(
            f"import 10,000 records (median of {args.runs}): {cpu:.2f} s processor time, "
            f"{wall:.2f} s wall clock"
        )
        timed_import(small, records)

        print(f"\nquality ({len(records):,} verified claims)")
        dev_ranked, dev_scores = rankings(small, dev)
        train_ranked, _ = rankings(small, train)
        print(f"  factcheck, dev    {quality(dev_ranked, dev, dev_qrels)}")
        print(f"  factcheck, train  {quality(train_ranked, train, train_qrels)}  (tuned here)")
        peer = PlainBM25(records)
        peer_dev = [[str(records[i].ref) for i in peer.search(t)] for _, t in dev]
        peer_train = [[str(records[i].ref) for i in peer.search(t)] for _, t in train]
        print(f"  plain BM25, dev   {quality(peer_dev, dev, dev_qrels)}")
        print(f"  plain BM25, train {quality(peer_train, train, train_qrels)}")
        for name, floor in (("display", SHOW_THRESHOLD), ("strong", STRONG_THRESHOLD)):
            figure = shown(dev_scores, dev_ranked, dev, dev_qrels, floor)
            print(f"  {name} threshold {floor}: {figure} (dev)")

        many = varied(records, args.records)
        cpu_import, wall_import = timed_import(large, many)
        size = large.stat().st_size / 1e6
        print(
            f"\n{len(many):,} records: import {cpu_import:.1f} s processor time "
            f"({wall_import:.1f} s wall clock), database {size:.1f} MB"
        )
        texts = [t for _, t in dev + train]
        cpu, wall = query_times(large, texts)
        print(
            f"  query ({len(texts)} tweets): median {statistics.median(cpu) * 1000:.1f} ms "
            f"processor time, {statistics.median(wall) * 1000:.1f} ms wall clock; 90th "
            f"percentile {sorted(cpu)[int(len(cpu) * 0.9)] * 1000:.1f} ms processor time"
        )
        big_ranked, _ = rankings(large, dev)
        print(f"  factcheck, dev among {len(many):,}: {quality(big_ranked, dev, dev_qrels)}")
        big_peer = PlainBM25(many)
        peer_times = []
        for text in texts[:200]:
            start = time.process_time()
            big_peer.search(text)
            peer_times.append(time.process_time() - start)
        print(
            f"  plain BM25 in memory, same records: query median "
            f"{statistics.median(peer_times) * 1000:.1f} ms processor time"
        )

        without = extract_time(folder / "none.sqlite", args.runs)
        with_db = extract_time(large, args.runs)
        print(
            f"\nextract of the seed (median of {args.runs}): without a database "
            f"{without[0]:.2f} s processor, {without[1]:.2f} s wall; with {len(many):,} records "
            f"{with_db[0]:.2f} s processor, {with_db[1]:.2f} s wall "
            f"({with_db[0] / without[0]:.2f}x processor, {with_db[1] / without[1]:.2f}x wall)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
