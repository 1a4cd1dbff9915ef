"""End-to-end extraction figures on real, varied news text: throughput, start-up, batch speed-up.

The text is every article of ``../shared/data`` (see ``corpus.py``): 1,105 different articles,
about 5 MB, so nothing memoised makes a later article cheaper. Every measured run is a fresh
process (cold caches: the model, the registry and every memo are loaded or built inside the
timing); figures are the median of several runs, with the spread. The peer for throughput is
pysbd splitting the same texts into sentences, a small part of our work, on the same workload.

The package is byte-compiled first, as an installed copy is (see bytecode.py; ``--source`` times
it compiled from source on every run).

Run: .venv/bin/python benchmarks/bench_extract.py [--data DIR] [--runs 3] [--articles N]
[--stages] [--source]. Throughput is also measured on every article joined into one document, and
the wait for one article (the bundled one) beside the start-up.
``--articles N`` measures only the first N articles (both sources mixed) for a quick look;
``--stages`` prints, instead of the figures, where one cold run over them spends its CPU.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from bytecode import byte_compile
from corpus import DEFAULT_DATA, news_texts, take

REPO = Path(__file__).resolve().parent.parent
FACTCHECK = Path(sys.executable).parent / "factcheck"
PEER_BYTES = 1_000_000

_PEER = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
start = time.perf_counter()
import pysbd
segmenter = pysbd.Segmenter(language="en", clean=False)
paths = json.loads(sys.argv[1])
for path in paths:
    for paragraph in open(path, encoding="utf-8").read().split("\\n"):
        if paragraph.strip():
            segmenter.segment(paragraph)
print(time.perf_counter() - start)
"""


_STAGES = """
import functools, json, sys, time
start = time.process_time()
from factcheck.extract import batch, claims, pipeline
from factcheck.render import extract as render
from factcheck.sources import registry
spent = {}
def timed(module, name, stage):
    original = getattr(module, name)
    def run(*args, **kwargs):
        begun = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[stage] = spent.get(stage, 0.0) + time.process_time() - begun
    setattr(module, name, run)
timed(pipeline, "read_source", "read")
timed(pipeline, "segment_document", "segment")
timed(pipeline, "find_publisher", "publisher")
timed(claims, "attribute_sentences", "attribution")
timed(claims, "score_sentences", "worthiness")
timed(registry, "chain_sources", "sources")
timed(claims, "link_repeats", "repeats")
timed(render, "render_piece", "render")
options = batch.BatchOptions(
    render=functools.partial(render.render_piece, fmt="jsonl", include_segments=False)
)
loaded = time.process_time()
for path in json.loads(sys.argv[1]):
    batch.extract_one(path, options)
spent["imports"] = loaded - start
print(json.dumps([spent, time.process_time() - start]))
"""


def stages(texts: list[tuple[str, str]]) -> None:
    """Where one cold run of the extraction spends its CPU, by stage (first use of the model and
    the registry included in the stage that loads them)."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = _write(texts, Path(tmp))
        size = sum(Path(p).stat().st_size for p in paths) / 1e6
        done = subprocess.run(
            [sys.executable, "-c", _STAGES, json.dumps(paths)],
            check=True,
            capture_output=True,
            text=True,
        )
    spent, total = json.loads(done.stdout)
    spent["other"] = total - sum(spent.values())
    print(f"CPU by stage, one cold run over {len(paths)} articles ({size:.2f} MB), {total:.2f} s:")
    for stage, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {stage:<12} {seconds:6.2f} s  {seconds / total:4.0%}")


def _write(texts: list[tuple[str, str]], folder: Path) -> list[str]:
    paths = []
    for name, text in texts:
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Runs(NamedTuple):
    """Wall and CPU seconds (the process and its workers) of each run of one command."""

    wall: list[float]
    cpu: list[float]


def _runs(cmd: list[str], runs: int) -> Runs:
    out = Runs([], [])
    for _ in range(runs):
        cpu = _cpu()
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        out.wall.append(time.perf_counter() - start)
        out.cpu.append(_cpu() - cpu)
    return out


def _line(label: str, size: float, runs: Runs) -> None:
    median = statistics.median(runs.wall)
    cpu = statistics.median(runs.cpu)
    print(
        f"  {label:<34} {size:5.2f} MB in {median:6.2f} s (runs {min(runs.wall):.2f}-"
        f"{max(runs.wall):.2f}) = {size / median:5.2f} MB/s; CPU {cpu:6.2f} s = "
        f"{size / cpu:5.2f} MB/s"
    )


def throughput(texts: list[tuple[str, str]], runs: int) -> None:
    """MB/s of `factcheck extract` (ingest, segment, claims, sources) run cold, one core."""
    with tempfile.TemporaryDirectory() as tmp:
        everything = _write(texts, Path(tmp))
        size = sum(Path(p).stat().st_size for p in everything) / 1e6
        chosen = {f"{name}.txt" for name, _ in take(texts, PEER_BYTES)}
        some = [p for p in everything if Path(p).name in chosen]
        some_size = sum(Path(p).stat().st_size for p in some) / 1e6
        extract = [str(FACTCHECK), "extract", "--format", "jsonl", "--jobs", "1"]
        print(f"throughput (median of {runs} cold runs, a fresh process each, one core):")
        _line(f"ours, all {len(everything)} articles", size, _runs([*extract, *everything], runs))
        # The same articles as one document (a book, a long transcript): no stage may take time
        # that grows faster than the text does.
        whole = Path(tmp) / "one-document.txt"
        whole.write_text("\n\n".join(text for _, text in texts), encoding="utf-8")
        _line(
            "ours, all as one document",
            whole.stat().st_size / 1e6,
            _runs([*extract, str(whole)], runs),
        )
        _line(f"ours, {len(some)} articles", some_size, _runs([*extract, *some], runs))
        peer = [sys.executable, "-c", _PEER, json.dumps(some)]
        _line(f"pysbd sentences, the same {len(some)}", some_size, _runs(peer, runs))


def startup(runs: int = 15) -> None:
    """`factcheck --version` wall time against `python -c 'import typer'`, median of runs; and
    what a user waits for one article: `factcheck extract` on the bundled one."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "factcheck")], check=True)
    ours = _runs([str(FACTCHECK), "--version"], runs).wall
    typer = _runs([sys.executable, "-c", "import typer"], runs).wall
    print(
        f"startup (median of {runs}): factcheck --version {statistics.median(ours) * 1000:.0f} ms "
        f"(runs {min(ours) * 1000:.0f}-{max(ours) * 1000:.0f}), import typer "
        f"{statistics.median(typer) * 1000:.0f} ms, ratio "
        f"{statistics.median(ours) / statistics.median(typer):.2f}"
    )
    seed = REPO / "examples" / "seed-article.txt"
    one = _runs([str(FACTCHECK), "extract", str(seed), "--format", "jsonl"], runs).wall
    print(
        f"one article (median of {runs}): factcheck extract {seed.name} "
        f"({seed.stat().st_size / 1000:.1f} kB) {statistics.median(one) * 1000:.0f} ms "
        f"(runs {min(one) * 1000:.0f}-{max(one) * 1000:.0f})"
    )


def batch(texts: list[tuple[str, str]], runs: int) -> None:
    """Wall time of `extract --jobs 1` and `--jobs 2` on every article, and the speed-up."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = _write(texts, Path(tmp))
        timings = {}
        for jobs in (1, 2):
            cmd = [str(FACTCHECK), "extract", *paths, "--format", "jsonl", "--jobs", str(jobs)]
            timings[jobs] = statistics.median(_runs(cmd, runs).wall)
    print(
        f"batch of {len(paths)} articles (median of {runs}): --jobs 1 {timings[1]:.2f} s, "
        f"--jobs 2 {timings[2]:.2f} s, speed-up {timings[1] / timings[2]:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per figure")
    parser.add_argument(
        "--articles", type=int, default=None, help="only the first N articles (a quick look)"
    )
    parser.add_argument(
        "--stages", action="store_true", help="print the CPU of each stage of one cold run"
    )
    parser.add_argument(
        "--source", action="store_true", help="do not byte-compile the package first"
    )
    args = parser.parse_args()
    texts = news_texts(args.data)
    if not texts:
        print(f"skipped: no articles under {args.data} (see ../shared/data/README.md)")
        return
    if args.articles is not None:
        texts = take(texts, sum(len(text.encode()) for _, text in texts))[: args.articles]
    if not args.source:
        print(byte_compile(REPO))
    if args.stages:
        stages(texts)
        return
    throughput(texts, args.runs)
    startup()
    batch(texts, args.runs)


if __name__ == "__main__":
    main()
