"""End-to-end extraction figures: throughput, start-up time, and batch speed-up.

Run: .venv/bin/python benchmarks/bench_extract.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "seed-article.txt"
FACTCHECK = Path(sys.executable).parent / "factcheck"


def throughput(target_bytes: int = 2_000_000) -> None:
    """MB/s of the whole pipeline (ingest → segment → claims → sources) on plain text, one core."""
    from factcheck.extract.batch import _registry
    from factcheck.extract.pipeline import extract

    seed = SEED.read_text(encoding="utf-8")
    copies = target_bytes // len(seed.encode()) + 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        path.write_text("\n\n".join([seed] * copies), encoding="utf-8")
        size = path.stat().st_size
        registry = _registry(())
        extract(str(SEED), registry=registry)  # warm caches: model weights, registry matcher
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            result = extract(str(path), registry=registry)
            runs.append(time.perf_counter() - start)
    best = min(runs)
    print(f"extract throughput: {size / 1e6:.2f} MB in {best:.3f} s = {size / 1e6 / best:.2f} MB/s")
    print(f"  claims: {len(result.claims)}, segments: {len(result.segments)}")


def _wall(cmd: list[str], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def startup() -> None:
    """`factcheck --version` wall time against `python -c 'import typer'`."""
    # Measure the installed tool, not the compiler: byte-code caches are written first even when
    # PYTHONDONTWRITEBYTECODE is set for this shell.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "factcheck")], check=True)
    ours = _wall([str(FACTCHECK), "--version"])
    typer = _wall([sys.executable, "-c", "import typer"])
    print(
        f"startup: factcheck --version {ours * 1000:.0f} ms, import typer {typer * 1000:.0f} ms, "
        f"ratio {ours / typer:.2f}"
    )


def batch(count: int = 1000) -> None:
    """Wall time of `extract --jobs 1` and `--jobs 2` on many articles, and the speed-up."""
    seed = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(count):
            path = Path(tmp) / f"article-{i:04d}.txt"
            # Vary the text a little so no two files are identical.
            path.write_text(seed.replace("May 31, 2021", f"May {1 + i % 28}, 2021"), "utf-8")
            paths.append(str(path))
        timings = {}
        for jobs in (1, 2):
            cmd = [str(FACTCHECK), "extract", *paths, "--format", "jsonl", "--jobs", str(jobs)]
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            timings[jobs] = time.perf_counter() - start
    print(
        f"batch of {count}: --jobs 1 {timings[1]:.2f} s, --jobs 2 {timings[2]:.2f} s, "
        f"speed-up {timings[1] / timings[2]:.2f}x"
    )


if __name__ == "__main__":
    throughput()
    startup()
    batch()
