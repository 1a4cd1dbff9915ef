"""Team review figures: `compare` and `merge` of 10 reviewers' worksheets of a 500-claim article.

The article's sentences are real ones (ClaimBuster's, when ../shared/data is present; otherwise
the bundled article's, repeated). Ten reviewers answer the built-in `quick` checklist for every
claim: mostly the same answers, each departing from them now and then, with notes, evidence, a
few overrides and skipped claims, as a team does. Each command runs as a fresh process (cold
start, as a user runs it), three times; the median is reported. In the same run the peers are
timed: `factcheck report --format json` of one worksheet (the everyday command on the same
files), and the `krippendorff` package on the same reliability data as our pure-Python alpha.

Each command's CPU time (user and system, of the child process) is printed beside its wall time:
on a shared machine the CPU time is what the command itself costs. The package is byte-compiled
first, as an installed copy is (see bytecode.py; --source times it compiled on every run).

Run: .venv/bin/python benchmarks/bench_team.py [--claims 500] [--reviewers 10] [--source]
Targets: compare at most 1 s, merge at most 2 s.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bytecode import byte_compile  # noqa: E402

from factcheck.checklist.load import Checklist, load_checklist  # noqa: E402
from factcheck.extract.pipeline import extract  # noqa: E402
from factcheck.models import Claim  # noqa: E402
from factcheck.review.journal import save_worksheet  # noqa: E402
from factcheck.review.worksheet import (  # noqa: E402
    Action,
    Answer,
    Change,
    Override,
    Worksheet,
    create_worksheet,
)

COMPARE_TARGET_S = 1.0
MERGE_TARGET_S = 2.0
CLAIMBUSTER = next(
    (
        base / "shared" / "data" / "claimbuster" / "train.json"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared" / "data" / "claimbuster" / "train.json").is_file()
    ),
    REPO.parent / "shared" / "data" / "claimbuster" / "train.json",
)
SEED = REPO / "examples" / "seed-article.txt"
AT = "2024-05-01T09:00:00Z"
NOTES = (
    "No recording of the interview was found.",
    "The ministry's statement is on its website.",
    "Only one wire report, quoting the same official.",
    "The figure differs from the agency's own count.",
)


def sentences(count: int) -> list[str]:
    """`count` real sentences: ClaimBuster's when present, else the seed article's claims."""
    if CLAIMBUSTER.is_file():
        from factcheck.extract.worthiness import load_labelled

        texts = [s.text for s in load_labelled(CLAIMBUSTER) if len(s.text) > 40]
        return random.Random(7).sample(texts, count)
    print(f"({CLAIMBUSTER} not found: using the bundled article's claims, repeated)")
    claims = [c.text for c in extract(str(SEED)).claims]
    return [f"{claims[i % len(claims)]} ({i})" for i in range(count)]


def article_worksheet(count: int, checklist: Checklist) -> Worksheet:
    """A worksheet of `count` claims, one per sentence, with the seed's first claim's facts."""
    seed = create_worksheet(extract(str(SEED)), checklist)
    model = seed.claims[0]
    texts = sentences(count)
    text = " ".join(texts)
    entries = []
    start = 0
    for i, sentence in enumerate(texts):
        claim: Claim = replace(
            model.claim,
            id=f"c{i + 1}",
            text=sentence,
            start=start,
            end=start + len(sentence),
            repeats=None,  # the model's link names a claim of the seed, not of this article
        )
        entries.append(replace(model, claim=claim, paragraph=(start, start + len(sentence))))
        start += len(sentence) + 1
    document = replace(seed.document, text=text, source="team-article.txt")
    return replace(seed, document=document, claims=tuple(entries))


def answer_claim(
    checklist: Checklist, rng: random.Random, truth: dict[str, str], drift: float
) -> dict[str, str]:
    """A reviewer's answers: the shared view, each departing from it with probability `drift`."""
    from factcheck.checklist.verdicts import applicable_questions

    given: dict[str, str] = {}
    for question in checklist.questions:
        value = truth[question.id]
        if rng.random() < drift:
            value = rng.choice(question.choices)
        given[question.id] = value
    asked = {q.id for q in applicable_questions(checklist, given, {})}
    return {qid: value for qid, value in given.items() if qid in asked}


def reviewer_worksheet(
    base: Worksheet, checklist: Checklist, name: str, truths: Sequence[dict[str, str]], seed: int
) -> Worksheet:
    """One reviewer's finished worksheet, every change in its audit log."""
    rng = random.Random(seed)
    drift = 0.05 + 0.1 * rng.random()
    claims = []
    audit: list[Change] = []
    for entry, truth in zip(base.claims, truths, strict=True):
        answers: dict[str, Answer] = {}
        for qid, value in answer_claim(checklist, rng, truth, drift).items():
            note = rng.choice(NOTES) if rng.random() < 0.15 else None
            evidence = (f"https://example.org/{entry.id}/{qid}",) if rng.random() < 0.1 else ()
            answers[qid] = Answer(value, note, evidence, reviewer=name, at=AT)
            audit.append(
                Change(len(audit) + 1, AT, name, entry.id, Action.ANSWER, qid, None, value)
            )
            if note:
                audit.append(
                    Change(len(audit) + 1, AT, name, entry.id, Action.NOTE, qid, None, note)
                )
        override = None
        if rng.random() < 0.02:
            override = Override("unproven", "The only source is a party to the conflict.", name, AT)
        skipped = rng.random() < 0.03
        claims.append(replace(entry, answers=answers, override=override, skipped=skipped))
    return replace(base, claims=tuple(claims), audit=tuple(audit), created=AT)


def make_team(folder: Path, claims: int, reviewers: int) -> list[Path]:
    checklist = load_checklist("quick")
    base = article_worksheet(claims, checklist)
    rng = random.Random(1)
    truths = [{q.id: rng.choice(q.choices) for q in checklist.questions} for _ in range(claims)]
    paths = []
    for r in range(reviewers):
        name = f"reviewer{r + 1}"
        path = folder / f"team-article.{name}.worksheet.yaml"
        save_worksheet(path, reviewer_worksheet(base, checklist, name, truths, seed=100 + r))
        paths.append(path)
    return paths


CPU: dict[str, float] = {}
"""Median CPU time (user and system) of each command timed, by its first words."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(args: Sequence[str], rounds: int = 3, label: str | None = None) -> float:
    """Median wall time of a factcheck command, each run a fresh process; its median CPU time
    goes to CPU under ``label``."""
    times = []
    cpus = []
    for _ in range(rounds):
        started = time.perf_counter()
        cpu = _children_cpu()
        done = subprocess.run(
            [sys.executable, "-m", "factcheck", *args],
            capture_output=True,
            text=True,
            check=False,
        )
        times.append(time.perf_counter() - started)
        cpus.append(_children_cpu() - cpu)
        if done.returncode != 0:
            raise SystemExit(f"factcheck {' '.join(args)} failed: {done.stderr}")
    CPU[label or " ".join(args[:1])] = statistics.median(cpus)
    return statistics.median(times)


def alpha_peer(paths: Sequence[Path]) -> tuple[float, float, float, float]:
    """Our alpha and the krippendorff package's on the verdicts, and the time each took."""
    from factcheck.team.agreement import Metric, krippendorff_alpha
    from factcheck.team.compare import compare_worksheets

    comparison = compare_worksheets(paths)
    levels = [level.id for level in comparison.checklist.scale]
    units = [{v.reviewer: v.verdict for v in c.verdicts if v.verdict} for c in comparison.claims]
    started = time.perf_counter()
    ours = krippendorff_alpha(units, Metric.ORDINAL, levels).value or 0.0
    ours_s = time.perf_counter() - started
    try:
        import krippendorff
        import numpy as np
    except ImportError:
        return ours, float("nan"), ours_s, float("nan")
    rank = {level: i for i, level in enumerate(levels)}
    data = np.array(
        [[rank[u[r]] if r in u else np.nan for u in units] for r in comparison.reviewers],
        dtype=float,
    )
    started = time.perf_counter()
    theirs = float(
        krippendorff.alpha(data, level_of_measurement="ordinal", value_domain=range(len(levels)))
    )
    return ours, theirs, ours_s, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--reviewers", type=int, default=10)
    parser.add_argument(
        "--source", action="store_true", help="do not byte-compile the package first"
    )
    options = parser.parse_args()
    if not options.source:
        print(byte_compile(REPO))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_team(folder, options.claims, options.reviewers)
        names = [str(p) for p in paths]
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(f"{options.reviewers} worksheets of {options.claims} claims, {size:.1f} MB of YAML")
        compare_json = run(["compare", *names, "--format", "json"], label="compare json")
        compare_terminal = run(["--color", "never", "compare", *names], label="compare terminal")
        out = folder / "merged" / "team-article.worksheet.yaml"
        merge_times = []
        merge_cpus = []
        for _ in range(3):
            out.unlink(missing_ok=True)
            merge_times.append(run(["merge", *names, "--output", str(out)], rounds=1))
            merge_cpus.append(CPU["merge"])
        merge_s = statistics.median(merge_times)
        CPU["merge"] = statistics.median(merge_cpus)
        report_s = run(["report", names[0], "--format", "json"])
        version_s = run(["--version"])
        ours, theirs, ours_s, theirs_s = alpha_peer(paths)
    print(f"{'command':44} {'median s':>9} {'CPU s':>7}")
    compare_target = f"target <= {COMPARE_TARGET_S}"
    rows = [
        ("compare --format json", compare_json, "compare json", compare_target),
        ("compare (terminal)", compare_terminal, "compare terminal", compare_target),
        ("merge --output", merge_s, "merge", f"target <= {MERGE_TARGET_S}"),
        ("peer: report --format json (one worksheet)", report_s, "report", ""),
        ("peer: --version (start-up alone)", version_s, "--version", ""),
    ]
    for name, seconds, label, target in rows:
        print(f"{name:44} {seconds:9.3f} {CPU[label]:7.3f}   {target}".rstrip())
    print(
        f"verdict alpha: ours {ours:.6f} in {ours_s * 1000:.2f} ms; "
        f"krippendorff package {theirs:.6f} in {theirs_s * 1000:.2f} ms"
    )
    ok = max(compare_json, compare_terminal) <= COMPARE_TARGET_S and merge_s <= MERGE_TARGET_S
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
