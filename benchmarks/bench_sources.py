"""Source-registry figures: rating lookups, and a 500-entry registry plus the shipped rating set
matched against 5,000 words of real news text.

Workload: the built-in registry topped up with synthetic entries to 500, the shipped rating set
(11,519 domains) and, for lookups, a generated set of 100,000 domains. The text is real: article
bodies from ../shared/data/article-extraction-benchmark (different articles in every run), cut to
5,000 words; the benchmark skips with a message when that folder is absent. Claims and their
attribution are extracted once per run, outside the timing.

Every measured run starts cold: a new registry (its name memos empty; the one compiled matcher is
reused and its build time reported apart) and no lookup cache. Each figure is the median of the
runs with the spread (min-max), beside a peer doing the same work in the same run:
- lookups: a SQLite table with an index on the domain (the standard library's indexed store);
- name search: one regular expression alternating every name, longest first (the plain way).

Run: .venv/bin/python benchmarks/bench_sources.py
"""

from __future__ import annotations

import io
import json
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.extract.pipeline import extract  # noqa: E402
from factcheck.models import Extraction  # noqa: E402
from factcheck.sources.ratings import _sets, rating_sets, write_set  # noqa: E402
from factcheck.sources.registry import Registry, check_sources, load_registry  # noqa: E402

ENTRIES = 500
WORDS = 5_000
RUNS = 7
LOOKUPS = 2_000
BIG_SET = 100_000
LIMIT_MS = 50.0
LOOKUP_LIMIT_MS = 1.0
QUERY = "select rating from r where domain = ?"

_PLACES = ("Northfield", "Eastvale", "Port Amar", "Kessen", "Lindqvist", "Oruba", "Tavira", "Qasr")
_NOUNS = ("Gazette", "Herald", "Courier", "Monitor", "Telegraph", "Observer", "Tribune", "Post")


def shared_data() -> Path | None:
    for base in (REPO.parent, REPO.parent.parent):  # beside the repository or its worktree
        folder = base / "shared" / "data" / "article-extraction-benchmark"
        if folder.is_dir():
            return folder
    return None


def synthetic_entries(count: int, rng: random.Random) -> list[dict[str, object]]:
    """Plausible outlet entries with unique names, aliases, acronyms and domains."""
    entries: list[dict[str, object]] = []
    for index in range(count):
        place, noun = rng.choice(_PLACES), rng.choice(_NOUNS)
        name = f"{place} {noun} {index}"
        slug = place.lower().replace(" ", "")
        entries.append(
            {
                "id": f"synthetic-{index}",
                "name": name,
                "aliases": [f"The {name}", f"{place[0]}{noun[0]}X{index}"],
                "domains": [f"{slug}{noun.lower()}{index}.example"],
                "kind": "newspaper",
                "citations": {"kind": f"https://{slug}{index}.example/about"},
            }
        )
    return entries


def registry_file(folder: Path, rng: random.Random) -> Path:
    builtin = len(load_registry(user=False))
    path = folder / "synthetic.yaml"
    entries = synthetic_entries(ENTRIES - builtin, rng)
    path.write_text(yaml.safe_dump({"entries": entries}, sort_keys=False), encoding="utf-8")
    return path


def articles(folder: Path) -> list[str]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = [str(item.get("articleBody") or "") for item in truth.values()]
    return [body for body in bodies if len(body.split()) >= 200]


def text_of(bodies: Sequence[str], rng: random.Random) -> str:
    """5,000 words of real articles, picked at random, paragraphs kept."""
    picked: list[str] = []
    count = 0
    for body in rng.sample(list(bodies), len(bodies)):
        picked.append(body)
        count += len(body.split())
        if count >= WORDS:
            break
    words = 0
    out: list[str] = []
    for paragraph in "\n\n".join(picked).split("\n"):
        take = paragraph.split(" ")[: max(0, WORDS - words)]
        words += len(take)
        out.append(" ".join(take))
    return "\n".join(out).strip()


def fresh(registry: Registry) -> Registry:
    """The same entries with cold memos; the compiled matcher is shared (reported apart)."""
    copy = Registry(registry.entries)
    copy.__dict__["_matcher"] = registry.__dict__["_matcher"]
    return copy


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def summary(times: Sequence[float], unit: str = "ms") -> str:
    return f"{statistics.median(times):.2f} {unit} median ({min(times):.2f}-{max(times):.2f})"


def peer_regex(registry: Registry) -> re.Pattern[str]:
    names = sorted({n for e in registry.entries for n in e.names}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def lookups(rng: random.Random, folder: Path) -> None:
    shipped = rating_sets(user=False)[0]
    domains = list(shipped.domains())
    table = {f"{rng.randrange(36**8):08x}{i}.example": [str(i % 100)] for i in range(BIG_SET)}
    big = write_set(folder / "big.tsv", ["n"], table, {"name": "big"})
    big_domains = sorted(table)
    db = sqlite3.connect(folder / "peer.sqlite")
    db.execute("create table r (domain text primary key, rating text)")
    db.executemany("insert into r values (?, ?)", ((d, v[0]) for d, v in table.items()))
    db.commit()
    ours, ours_big, peer = [], [], []
    for _ in range(RUNS):
        asked = rng.sample(domains, LOOKUPS // 2) + [f"x{i}.missing" for i in range(LOOKUPS // 2)]
        asked_big = rng.sample(big_domains, LOOKUPS)
        shipped.memo.clear()  # cold: every lookup reads the file
        big.memo.clear()
        ours.append(timed(lambda a=asked: [shipped.get(d) for d in a]) / LOOKUPS)
        ours_big.append(timed(lambda a=asked_big: [big.exact(d) for d in a]) / LOOKUPS)
        peer.append(timed(lambda a=asked_big: [db.execute(QUERY, (d,)).fetchone() for d in a]))
        peer[-1] /= LOOKUPS
    db.close()
    print(f"lookup, shipped set ({len(domains):,} domains, half absent): {summary(ours)}")
    print(f"lookup, {BIG_SET:,} domains: {summary(ours_big)} (limit {LOOKUP_LIMIT_MS:.0f} ms)")
    print(f"  peer, SQLite indexed table, same {BIG_SET:,} domains: {summary(peer)}")
    if statistics.median(ours_big) >= LOOKUP_LIMIT_MS:
        raise SystemExit(1)


def matching(rng: random.Random, folder: Path, bodies: Sequence[str]) -> None:
    start = time.perf_counter()
    registry = load_registry([registry_file(folder, rng)], user=False)
    load_ms = (time.perf_counter() - start) * 1000
    compile_ms = timed(lambda: registry.mentions("warm up"))  # builds the matcher, once
    peer = peer_regex(registry)
    full, chains, peer_full, found, claims = [], [], [], [], []
    for _ in range(RUNS):
        text = text_of(bodies, rng)
        extraction = extract("-", stdin=io.BytesIO(text.encode()))  # claims, outside the timing
        document = extraction.document
        text = document.text
        cold = fresh(registry)
        full.append(timed(lambda c=cold, t=text: found.append(len(c.mentions(t)))))
        cold = fresh(registry)
        run = Extraction(document, extraction.segments, extraction.claims)
        _sets.cache_clear()  # cold rating sets: new objects, empty lookup memos
        chains.append(timed(lambda c=cold, r=run: check_sources(c, r)))
        claims.append(len(extraction.claims))
        peer_full.append(timed(lambda t=text: list(peer.finditer(t))))
    print(
        f"registry: {len(registry)} entries, loaded in {load_ms:.0f} ms; matcher built once in "
        f"{compile_ms:.0f} ms"
    )
    print(f"real text: {WORDS:,} words per run, {RUNS} runs, different articles each run")
    print(
        f"full name search of the text: {summary(full)} "
        f"({statistics.median(found):.0f} mentions median; limit {LIMIT_MS:.0f} ms)"
    )
    print(f"  peer, one alternation of every name: {summary(peer_full)}")
    print(
        f"every claim's chain, publisher, names for rated domains and the ratings of "
        f"{statistics.median(claims):.0f} claims (median), cold memos: {summary(chains)} "
        f"(limit {LIMIT_MS:.0f} ms)"
    )
    if statistics.median(full) >= LIMIT_MS or statistics.median(chains) >= LIMIT_MS:
        raise SystemExit(1)


def main() -> int:
    folder = shared_data()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        lookups(rng, Path(tmp))
        if folder is None:
            print(
                "skipped the matching figures: ../shared/data/article-extraction-benchmark absent"
            )
            return 0
        matching(rng, Path(tmp), articles(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
