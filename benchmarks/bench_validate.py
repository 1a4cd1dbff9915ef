"""Checklist validation figures: time to prove a generated 12-question checklist, and each built-in.

The generated checklist has 12 questions with 3, 4 or 5 answers each (one of them a 1-5 scale, one
optional), `when` conditions on earlier answers and on facts, and verdict rules that each combine
two to four answers from all over the checklist, so a naive enumeration would visit about 5^12
combinations. `validate` proves every reachable combination reaches exactly one verdict.

Run: .venv/bin/python benchmarks/bench_validate.py [--seed 1] [--rules 14] [--repeat 5]
Target: under 1 second for the generated checklist.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from factcheck.checklist.load import builtin_names
from factcheck.checklist.validate import validate_checklist

TARGET_SECONDS = 1.0
WORDS = ("alpha", "bravo", "charlie", "delta", "echo")
FACT_TESTS = (
    "sources.any_partisan",
    "not attribution.speaker_known",
    "chain.hops >= 2",
    "sources.worst_reliability in [D, E, F]",
    "attribution.hedged",
)


def generate_checklist(seed: int, n_rules: int, n_questions: int = 12) -> str:
    """YAML text of a checklist with `n_questions` questions of 3-5 answers and `n_rules` rules."""
    rng = random.Random(seed)
    lines = [
        "id: generated",
        "name: Generated benchmark checklist",
        "version: 1",
        "scale:",
        *(f"  - {{id: v{i}, label: Verdict {i}}}" for i in range(1, 6)),
        "questions:",
    ]
    answers: list[tuple[str, ...]] = []
    for i in range(n_questions):
        qid = f"q{i + 1:02d}"
        count = 3 + i % 3
        if i == 4:
            choices = tuple(str(n) for n in range(1, 6))
            spec = "scale"
        else:
            choices = WORDS[:count]
            spec = "[" + ", ".join(choices) + "]"
        answers.append(choices)
        lines += [f"  - id: {qid}", f"    ask: Question {i + 1}?", f"    answers: {spec}"]
        lines.append(f"    required: {'false' if i == 7 else 'true'}")
        if i % 4 == 3:
            lines.append(
                f"    when: {_atom(rng, answers, i - 1 - rng.randrange(2))} or "
                f"{rng.choice(FACT_TESTS)}"
            )
    lines.append("verdicts:")
    for _ in range(n_rules):
        picked = sorted(rng.sample(range(n_questions), rng.randint(2, 4)))
        atoms = [_atom(rng, answers, q) for q in picked]
        if rng.random() < 0.3:
            atoms[-1] = f"({atoms[-1]} or {rng.choice(FACT_TESTS)})"
        lines += [f"  - when: {' and '.join(atoms)}", f"    verdict: v{rng.randint(1, 4)}"]
    lines.append("  - default: v5")
    return "\n".join(lines) + "\n"


def _atom(rng: random.Random, answers: list[tuple[str, ...]], index: int) -> str:
    qid = f"q{index + 1:02d}"
    choices = answers[index]
    if choices[0] == "1":
        return f"{qid} {rng.choice(['>=', '<='])} {rng.randint(2, 4)}"
    if rng.random() < 0.3:
        return f"{qid} in [{', '.join(rng.sample(choices, 2))}]"
    return f"{qid} {rng.choice(['==', '==', '!='])} {rng.choice(choices)}"


def time_validation(path: str | Path, repeat: int) -> tuple[float, str]:
    """Median seconds to validate, and a one-line summary of the result."""
    times = []
    summary = ""
    for _ in range(repeat):
        started = time.perf_counter()
        result = validate_checklist(path)
        times.append(time.perf_counter() - started)
        analysis = result.analysis
        errors = sum(1 for problem in result.problems if problem.severity == "error")
        if analysis is not None:
            summary = (
                f"{analysis.combinations:,} combinations, {analysis.states:,} states, "
                f"{errors} finding(s)"
            )
        else:
            summary = f"did not load: {result.problems[0]}"
    return statistics.median(times), summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rules", type=int, default=14)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        path.write_text(generate_checklist(args.seed, args.rules), encoding="utf-8")
        seconds, summary = time_validation(path, args.repeat)
    status = "ok" if seconds < TARGET_SECONDS else "SLOW"
    print(
        f"generated 12 questions x 3-5 answers, {args.rules} rules: {seconds:.3f} s "
        f"({summary}) [{status}, target < {TARGET_SECONDS:.0f} s]"
    )
    for name in builtin_names():
        seconds, summary = time_validation(name, args.repeat)
        print(f"built-in {name}: {seconds:.4f} s ({summary})")
    return 0 if status == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
