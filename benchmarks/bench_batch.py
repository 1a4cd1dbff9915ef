"""Batch extraction: `factcheck extract --jobs 2` against `--jobs 1` on many real articles.

Run: .venv/bin/python benchmarks/bench_batch.py [N_ARTICLES] [RUNS]

The articles are PolNeAR's news texts (seven outlets, 2015-16) read from ../shared/data/polnear/;
the benchmark says so and stops when they are absent. Each run is a fresh `factcheck extract`
process (cold caches), writing JSON Lines to /dev/null; the two settings alternate so that load on
the machine falls on both alike. Figures: median wall time of the runs, with min-max, and the
speed-up of --jobs 2 over --jobs 1 (the peer is the same command on one core), with the CPU
time of each setting: their ratio is the parallel path's own overhead.

On a machine shared with other sessions, Linux gives each session one fair share of the cores
(autogroup), however many processes it runs, so the wall-clock speed-up is only meaningful when
the machine is otherwise idle (see the load average printed before and after).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the repository; a git worktree one folder deeper looks one level further up.
DATA = next(
    (
        base / "shared" / "data" / "polnear" / "data"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared" / "data" / "polnear" / "data").is_dir()
    ),
    REPO.parent / "shared" / "data" / "polnear" / "data",
)
FACTCHECK = Path(sys.executable).parent / "factcheck"


def articles(count: int) -> list[str]:
    """Up to count article files, taken in turn from each outlet so the mix stays varied."""
    by_outlet: dict[str, list[Path]] = {}
    for path in sorted(DATA.glob("*/text/*.txt")):
        by_outlet.setdefault(path.name.split("_", 1)[0], []).append(path)
    chosen: list[str] = []
    while len(chosen) < count and any(by_outlet.values()):
        for files in by_outlet.values():
            if files and len(chosen) < count:
                chosen.append(str(files.pop(0)))
    return chosen


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(paths: list[str], jobs: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its workers) of one extract run."""
    cpu = _cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [str(FACTCHECK), "extract", "-f", "jsonl", "--jobs", str(jobs), *paths],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"factcheck extract failed: {done.stderr.strip()[:300]}")
    return seconds, _cpu() - cpu


def main() -> None:
    if not DATA.is_dir():
        print(f"bench_batch: skipped, {DATA} is absent")
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 600
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    paths = articles(count)
    size = sum(os.path.getsize(p) for p in paths)
    print(f"batch extract: {len(paths)} PolNeAR articles, {size / 1e6:.2f} MB, {runs} runs each")
    print(f"  load average at the start: {os.getloadavg()[0]:.1f}")
    times: dict[int, list[float]] = {1: [], 2: []}
    cpus: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(runs):
        for jobs in (1, 2):
            seconds, cpu = run(paths, jobs)
            times[jobs].append(seconds)
            cpus[jobs].append(cpu)
    for jobs, values in times.items():
        print(
            f"  --jobs {jobs}: median {statistics.median(values):.2f} s "
            f"(min {min(values):.2f}, max {max(values):.2f}), CPU "
            f"{statistics.median(cpus[jobs]):.2f} s"
        )
    speedup = statistics.median(times[1]) / statistics.median(times[2])
    best = min(times[1]) / min(times[2])
    print(
        f"  speed-up of --jobs 2: {speedup:.2f}x (best runs {best:.2f}x; target 1.7x on 2 cores); "
        f"CPU spent by --jobs 2 over --jobs 1: "
        f"{statistics.median(cpus[2]) / statistics.median(cpus[1]):.2f}x"
    )
    print(f"  load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
