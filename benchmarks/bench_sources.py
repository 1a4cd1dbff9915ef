"""Source-registry figures: matching 500 entries against a 5,000-word article.

The built-in registry is topped up with synthetic entries (names, aliases, acronyms, domains) to
500; the article is the seed article repeated, with some synthetic names sprinkled in, cut to
5,000 words. "Full match" is every registry name found in the whole article text.

Run: .venv/bin/python benchmarks/bench_sources.py
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "seed-article.txt"
sys.path.insert(0, str(REPO))

from factcheck.models import Attribution, Claim, Document  # noqa: E402
from factcheck.sources.registry import Registry, load_registry, match_claim_sources  # noqa: E402

ENTRIES = 500
WORDS = 5_000
LIMIT_MS = 50.0

_PLACES = ("Northfield", "Eastvale", "Port Amar", "Kessen", "Lindqvist", "Oruba", "Tavira", "Qasr")
_NOUNS = ("Gazette", "Herald", "Courier", "Monitor", "Telegraph", "Observer", "Tribune", "Post")


def synthetic_entries(count: int, rng: random.Random) -> list[dict[str, object]]:
    """Plausible outlet entries with unique names, aliases, acronyms and domains."""
    entries: list[dict[str, object]] = []
    for index in range(count):
        place, noun = rng.choice(_PLACES), rng.choice(_NOUNS)
        name = f"{place} {noun} {index}"
        acronym = f"{place[0]}{noun[0]}X{index}"
        slug = place.lower().replace(" ", "")
        entries.append(
            {
                "id": f"synthetic-{index}",
                "name": name,
                "aliases": [f"The {name}", f"{slug}-{noun}-{index}", acronym],
                "domains": [f"{slug}{noun.lower()}{index}.example"],
                "kind": "newspaper",
                "reliability": rng.choice("BCD"),
                "citations": {"kind": f"https://{slug}{index}.example/about"},
            }
        )
    return entries


def registry_of(size: int, folder: Path, rng: random.Random) -> tuple[Registry, float]:
    builtin = len(load_registry(user=False))
    path = folder / "synthetic.yaml"
    entries = synthetic_entries(size - builtin, rng)
    path.write_text(yaml.safe_dump({"entries": entries}, sort_keys=False), encoding="utf-8")
    start = time.perf_counter()
    registry = load_registry([path], user=False)
    return registry, (time.perf_counter() - start) * 1000


def article_of(words: int, registry: Registry, rng: random.Random) -> str:
    seed = SEED.read_text(encoding="utf-8").split()
    names = [e.name for e in registry.entries if e.id.startswith("synthetic-")]
    out: list[str] = []
    while len(out) < words:
        out.extend(seed)
        out.extend(f"said {rng.choice(names)}".split())
    return " ".join(out[:words])


def best_ms(action: object, runs: int = 20) -> tuple[float, float]:
    assert callable(action)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def main() -> int:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        registry, load_ms = registry_of(ENTRIES, Path(tmp), rng)
    text = article_of(WORDS, registry, rng)

    start = time.perf_counter()
    registry.mentions("warm up")  # builds the one matcher for this registry
    compile_ms = (time.perf_counter() - start) * 1000
    found = len(registry.mentions(text))
    best, median = best_ms(lambda: registry.mentions(text))

    document = Document("bench", text, "0", outlet="The Algemeiner")
    speakers = ["Ibrahim Al-Amin", "Netanyahu", "Esmail Qaani", "Jane Doe", "Northfield Gazette 3"]
    claims = [
        Claim(f"c{i}", "x", 0, 1, 0.9, attribution=Attribution(speaker=s, via=("Al-Manar TV",)))
        for i, s in enumerate(speakers * 20)
    ]
    start = time.perf_counter()
    match_claim_sources(registry, claims[0], document)  # reads the article's ties, once
    ties_ms = (time.perf_counter() - start) * 1000
    chain_best, _ = best_ms(lambda: [match_claim_sources(registry, c, document) for c in claims])

    print(f"registry: {len(registry)} entries, loaded in {load_ms:.0f} ms")
    print(f"matcher build: {compile_ms:.1f} ms (once per registry)")
    print(
        f"full match, {WORDS} words: {best:.1f} ms best, {median:.1f} ms median "
        f"({found} mentions; limit {LIMIT_MS:.0f} ms)"
    )
    print(f"people tied to organisations in the article: {ties_ms:.1f} ms (once per article)")
    print(f"chains of {len(claims)} claims: {chain_best:.1f} ms")
    return 0 if median < LIMIT_MS else 1


if __name__ == "__main__":
    sys.exit(main())
