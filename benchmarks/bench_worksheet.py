"""Opening big worksheets: time and peak memory to load 5,000 and 25,000 claims.

Run: .venv/bin/python benchmarks/bench_worksheet.py [RUNS] [KEEP_DIR]

With KEEP_DIR, the worksheets are written there and kept, so that another version of the package
can be measured on the same files (PYTHONPATH=OTHER_CHECKOUT ... RUNS KEEP_DIR reuses them).

The worksheets are made from real text: PolNeAR news articles (../shared/data/polnear/) joined
into one long article, extracted and made into a worksheet with the quick checklist; the "answered"
variant answers every question of every claim, as a finished review does. Without the data, the
bundled seed article is repeated instead (the benchmark says which). Each measured load runs in a
fresh process (cold caches); figures are the median of the runs with min-max, and peak memory
(maximum resident set size) of the loading process. The peer, measured in the same run on the
same file, is PyYAML's own C loader turning the file into plain Python values (yaml.load with
CSafeLoader), which checks nothing and keeps no line numbers.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = next(
    (
        base / "shared" / "data" / "polnear" / "data"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared" / "data" / "polnear" / "data").is_dir()
    ),
    None,
)
SIZES = (5_000, 25_000)

_LOAD = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
if sys.argv[2] == "factcheck":
    try:
        from factcheck.review.journal import load_worksheet
    except ImportError:  # a version from before the journal had its own module
        from factcheck.review.worksheet import load_worksheet
    load_worksheet(Path(sys.argv[1]))
else:
    import yaml
    yaml.load(Path(sys.argv[1]).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "mb": peak}))
"""


def source_text() -> tuple[str, str]:
    if DATA is not None:
        texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*/text/*.txt"))]
        return "\n\n".join(texts), f"{len(texts)} PolNeAR articles"
    seed = (REPO / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    return "\n\n".join([seed] * 200), "the seed article x200 (PolNeAR absent)"


def make_worksheets(folder: Path) -> dict[str, Path]:
    from factcheck.checklist.load import load_checklist
    from factcheck.extract.pipeline import extract
    from factcheck.review.worksheet import Answer, create_worksheet
    from factcheck.review.worksheet_yaml import dump_worksheet

    text, described = source_text()
    article = folder / "article.txt"
    article.write_text(text, encoding="utf-8")
    extraction = extract(str(article), min_score=0.0)
    checklist = load_checklist("quick")
    base = create_worksheet(extraction, checklist)
    print(f"worksheets from {described}: {len(base.claims)} distinct claims")
    made: dict[str, Path] = {}
    for size in SIZES:
        claims = tuple(
            replace(e, claim=replace(e.claim, id=f"c{i + 1}"))
            for i, e in enumerate(base.claims[i % len(base.claims)] for i in range(size))
        )
        fresh = replace(base, claims=claims)
        path = folder / f"fresh-{size}.worksheet.yaml"
        path.write_text(dump_worksheet(fresh), encoding="utf-8")
        made[f"{size:,} claims, fresh"] = path
        answers = {
            q.id: Answer(
                value=q.choices[0] if q.choices else "https://example.org/a",
                reviewer="bench",
                at="2024-01-01T00:00:00Z",
            )
            for q in checklist.questions
        }
        answered = replace(fresh, claims=tuple(replace(e, answers=answers) for e in claims))
        path = folder / f"answered-{size}.worksheet.yaml"
        path.write_text(dump_worksheet(answered), encoding="utf-8")
        made[f"{size:,} claims, answered"] = path
    return made


def measure(path: Path, who: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _LOAD, str(path), who],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        kept = sorted(folder.glob("*.worksheet.yaml"))
        if kept:
            made = {path.name: path for path in kept}
            print(f"worksheets kept in {folder}")
        else:
            made = make_worksheets(folder)
        for label, path in made.items():
            size_mb = path.stat().st_size / 1e6
            for who in ("factcheck", "pyyaml"):
                results = [measure(path, who) for _ in range(runs)]
                seconds = [r["seconds"] for r in results]
                memory = max(r["mb"] for r in results)
                name = "load_worksheet" if who == "factcheck" else "peer yaml.load(CSafeLoader)"
                print(
                    f"{label} ({size_mb:.1f} MB) {name}: median {statistics.median(seconds):.2f} s "
                    f"(min {min(seconds):.2f}, max {max(seconds):.2f}), peak {memory:.0f} MB"
                )


if __name__ == "__main__":
    main()
