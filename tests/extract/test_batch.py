"""Batch extraction: the same results in parallel as one by one, and Ctrl-C stops it at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from factcheck.extract.batch import BatchOptions, extract_many

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "examples" / "seed-article.txt"


def copies(folder: Path, count: int) -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = folder / f"article-{i:04d}.txt"
        # Each copy differs a little, so no two results could be mixed up unnoticed.
        path.write_text(f"Copy {i} of the article.\n\n{text}", encoding="utf-8")
        paths.append(str(path))
    return paths


def test_parallel_results_equal_serial_ones_in_input_order(tmp_path: Path) -> None:
    sources = [*copies(tmp_path, 7), str(tmp_path / "missing.txt")]
    options = BatchOptions()
    finished: list[str] = []
    parallel = extract_many(sources, options, jobs=2, on_done=lambda o: finished.append(o.source))
    serial = extract_many(sources, options, jobs=1)
    assert parallel == serial
    assert [o.source for o in parallel] == sources
    assert sorted(finished) == sorted(sources)
    assert parallel[-1].error is not None and parallel[-1].extraction is None


def children_of(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found.extend(int(child) for child in task.read_text().split())
    return found


def test_ctrl_c_stops_the_workers_at_once_and_exits_130(tmp_path: Path) -> None:
    sources = copies(tmp_path, 400)
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "extract", "-f", "jsonl", "--jobs", "2", *sources],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        workers: list[int] = []
        for _ in range(600):  # wait (at most a minute) for both workers to be running
            workers = children_of(process.pid)
            if len(workers) >= 2 or process.poll() is not None:
                break
            time.sleep(0.1)
        assert len(workers) >= 2, "the workers never started"
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C on a terminal does
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 130
    assert stderr == "Interrupted.\n"
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
