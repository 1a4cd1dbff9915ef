"""Opening big worksheets: time and peak memory to load 5,000 and 25,000 claims.

Run: .venv/bin/python benchmarks/bench_worksheet.py [RUNS] [KEEP_DIR] [--source]

With KEEP_DIR, the worksheets are written there and kept, so that another version of the package
can be measured on the same files (PYTHONPATH=OTHER_CHECKOUT ... RUNS KEEP_DIR reuses them).

The worksheets are made from real text: PolNeAR news articles (../shared/data/polnear/) joined
into one long article, extracted and made into a worksheet with the quick checklist; the "answered"
variant answers every question of every claim, as a finished review does. Without the data, the
bundled seed article is repeated instead (the benchmark says which). Each measured load runs in a
fresh process (cold caches); figures are the median of the runs with min-max, and peak memory
(maximum resident set size) of the loading process, with its CPU time (the machine may be shared:
CPU time is what the load itself costs); timing starts before the package is imported. The peer,
measured in the same run on the same file, is PyYAML's own C loader turning the file into plain
Python values (yaml.load with CSafeLoader), which checks nothing and keeps no line numbers.
The package is byte-compiled first, as an installed copy is (see bytecode.py; --source times it
compiled on every run).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from bytecode import byte_compile

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist
    from factcheck.review.worksheet import ClaimReview, Worksheet

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
cpu = time.process_time()
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
cpu = time.process_time() - cpu
# VmHWM is this program's own peak; ru_maxrss would include the parent's before exec.
status = Path("/proc/self/status").read_text(encoding="utf-8") if Path("/proc").is_dir() else ""
hwm = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")]
peak = int(hwm[0]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "mb": peak}))
"""


def articles() -> tuple[list[Path], str]:
    if DATA is not None:
        paths = sorted(DATA.glob("*/text/*.txt"))
        return paths, f"{len(paths)} PolNeAR articles"
    return [REPO / "examples" / "seed-article.txt"], "the seed article (PolNeAR absent)"


def per_article(paths: list[Path], checklist: Checklist) -> list[Worksheet]:
    from factcheck.extract.pipeline import extract
    from factcheck.review.worksheet import create_worksheet

    return [create_worksheet(extract(str(path), min_score=0.0), checklist) for path in paths]


def joined(parts: list[Worksheet], size: int) -> Worksheet:
    """Articles joined into one, in turn until it has ``size`` claims (offsets moved to match);
    past the last article they start again."""
    texts: list[str] = []
    claims: list[ClaimReview] = []
    offset = 0
    while len(claims) < size:
        for part in parts:
            for entry in part.claims[: size - len(claims)]:
                claim = entry.claim
                moved = replace(
                    claim,
                    id=f"c{len(claims) + 1}",
                    start=claim.start + offset,
                    end=claim.end + offset,
                )
                start, end = entry.paragraph
                claims.append(replace(entry, claim=moved, paragraph=(start + offset, end + offset)))
            texts.append(part.document.text)
            offset += len(part.document.text) + 2
            if len(claims) >= size:
                break
    document = replace(parts[0].document, text="\n\n".join(texts), title="Many articles")
    return replace(parts[0], document=document, claims=tuple(claims))


def make_worksheets(folder: Path) -> dict[str, Path]:
    from factcheck.checklist.load import load_checklist
    from factcheck.review.worksheet import Answer
    from factcheck.review.worksheet_yaml import dump_worksheet

    paths, described = articles()
    checklist = load_checklist("quick")
    parts = per_article(paths, checklist)
    print(f"worksheets from {described}: {sum(len(p.claims) for p in parts)} claims in all")
    answers = {
        q.id: Answer(
            value=q.choices[0] if q.choices else "https://example.org/a",
            reviewer="bench",
            at="2024-01-01T00:00:00Z",
        )
        for q in checklist.questions
    }
    made: dict[str, Path] = {}
    for size in SIZES:
        fresh = joined(parts, size)
        path = folder / f"fresh-{size}.worksheet.yaml"
        path.write_text(dump_worksheet(fresh), encoding="utf-8")
        made[f"{size:,} claims, fresh"] = path
        claims = tuple(replace(e, answers=answers) for e in fresh.claims)
        path = folder / f"answered-{size}.worksheet.yaml"
        path.write_text(dump_worksheet(replace(fresh, claims=claims)), encoding="utf-8")
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
    args = [arg for arg in sys.argv[1:] if arg != "--source"]
    if "--source" not in sys.argv[1:]:
        print(byte_compile(Path.cwd()))
    runs = int(args[0]) if args else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args[1]) if len(args) > 1 else Path(tmp)
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
                cpu = statistics.median(r["cpu"] for r in results)
                memory = max(r["mb"] for r in results)
                name = "load_worksheet" if who == "factcheck" else "peer yaml.load(CSafeLoader)"
                print(
                    f"{label} ({size_mb:.1f} MB) {name}: median {statistics.median(seconds):.2f} s "
                    f"(min {min(seconds):.2f}, max {max(seconds):.2f}), CPU {cpu:.2f} s, "
                    f"peak {memory:.0f} MB"
                )


if __name__ == "__main__":
    main()
