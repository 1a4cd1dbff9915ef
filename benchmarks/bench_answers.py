"""Answers files with evidence by the thousand: time to apply them, and to replay their journal.

`factcheck review ARTICLE --answers FILE --no-input` runs on the bundled article (18 claims,
the quick checklist) with answers files of three shapes: one answer citing 1,000 evidence URLs
(the most one answer of a file may give), every question that is always asked of every claim
citing 1,000 (90,000 URLs, a 2.4 MB file), and one answer citing 50,000 (refused: the figure is
the time to say so). Each command is a fresh process; figures are the median of the runs.

In the same run, with no cap in the way, the core applies one answer citing 8,000 to 64,000 URLs
to the worksheet and saves them in its journal (`apply_answers` with a review session), then
opens the worksheet again with the journal not yet folded into it (what a review killed after
saving finds): both scale linearly when the time per 1,000 URLs stays flat.

Run: .venv/bin/python benchmarks/bench_answers.py [--runs 3] [--source]
(PYTHONPATH=OTHER_CHECKOUT times the commands of another version of the package.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import byte_compile

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "seed-article.txt"
ALWAYS_ASKED = ("primary_source", "corroborated", "partisan_chain", "hops", "hedged")
VALUES = {"primary_source": "yes", "corroborated": "yes", "partisan_chain": "no", "hedged": "no"}
CLAIMS = 18
SIZES = (8_000, 16_000, 32_000, 64_000)


def answers_file(answers: dict[tuple[int, str], int]) -> str:
    """An answers file: for each (claim number, question) its value and COUNT evidence URLs."""
    lines: list[str] = []
    url = 0
    for claim in sorted({number for number, _ in answers}):
        lines.append(f"c{claim}:")
        for (number, question), count in answers.items():
            if number != claim:
                continue
            value = VALUES.get(question, "one")
            urls = ", ".join(f'"https://e.example/{url + i}"' for i in range(count))
            url += count
            lines.append(f'  {question}: {{value: "{value}", evidence: [{urls}]}}')
    return "\n".join(lines) + "\n"


def review(answers: Path, folder: Path, runs: int) -> tuple[float, int, str]:
    """Median wall seconds of `review --answers`, each run on a fresh worksheet; its exit code
    and the last line of its error output."""
    env = {**os.environ, "FACTCHECK_REVIEWER": "bench", "XDG_DATA_HOME": str(folder / "data")}
    command = [sys.executable, "-m", "factcheck", "review", str(SEED), "--answers", str(answers)]
    seconds: list[float] = []
    done = None
    for _ in range(runs):
        reports = Path(tempfile.mkdtemp(dir=folder))
        start = time.perf_counter()
        done = subprocess.run(
            [*command, "--no-input", "--reports-dir", str(reports)],
            capture_output=True,
            text=True,
            env=env,
        )
        seconds.append(time.perf_counter() - start)
    assert done is not None
    error = (done.stderr.strip().splitlines() or [""])[-1]
    return statistics.median(seconds), done.returncode, error


def core(size: int, folder: Path) -> tuple[float, float]:
    """Seconds to apply one answer citing SIZE URLs and save it in the journal, and seconds to
    open the worksheet with that journal replayed over it."""
    from factcheck.checklist.load import load_checklist
    from factcheck.extract.pipeline import extract
    from factcheck.review.journal import load_worksheet, open_session
    from factcheck.review.scripted import Script, ScriptedAnswer, ScriptedClaim, apply_answers
    from factcheck.review.worksheet import create_worksheet

    checklist = load_checklist("quick")
    worksheet = create_worksheet(extract(str(SEED)), checklist)
    urls = tuple(f"https://e.example/{i}" for i in range(size))
    answer = ScriptedAnswer(value="yes", evidence=urls)
    script = Script((ScriptedClaim("c1", {"primary_source": answer}),), {})
    path = folder / f"core-{size}.worksheet.yaml"
    session = open_session(path, checklist, new=worksheet)
    start = time.perf_counter()
    apply_answers(session.worksheet, checklist, script, session.record_all, reviewer="bench")
    applied = time.perf_counter() - start
    session.close(compact=False)  # the journal kept, as a review killed after saving leaves it
    start = time.perf_counter()
    loaded = load_worksheet(path, checklist)
    replayed = time.perf_counter() - start
    assert len(loaded.entry("c1").answers["primary_source"].evidence) == size
    return applied, replayed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure")
    parser.add_argument("--source", action="store_true", help="time without byte-compiling")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not args.source:
            print(byte_compile(folder))
        shapes = {
            "one answer, 1,000 URLs": {(1, "primary_source"): 1000},
            "90 answers, 1,000 URLs each": {
                (claim, question): 1000
                for claim in range(1, CLAIMS + 1)
                for question in ALWAYS_ASKED
            },
            "one answer, 50,000 URLs": {(1, "primary_source"): 50_000},
        }
        print(f"review --answers on the bundled article (median of {args.runs} fresh processes):")
        for name, answers in shapes.items():
            path = folder / "answers.yaml"
            path.write_text(answers_file(answers), encoding="utf-8")
            size = path.stat().st_size / 1e6
            seconds, code, error = review(path, folder, args.runs)
            said = f": {error}" if code else ""
            print(f"  {name:<28} {size:5.2f} MB in {seconds:6.2f} s, exit {code}{said}")
        print("apply_answers and journal replay, one answer (in process):")
        for size in SIZES:
            applied, replayed = core(size, folder)
            print(
                f"  {size:>6,} URLs: applied and saved in {applied:6.2f} s "
                f"({applied / size * 1000:5.3f} s per 1,000), "
                f"replayed in {replayed:6.2f} s ({replayed / size * 1000:5.3f} s per 1,000)"
            )


if __name__ == "__main__":
    main()
