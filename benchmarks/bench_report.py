"""Report figures: time to render a 10,000-claim worksheet to markdown and to the terminal.

The worksheet has the seed article's shape: claims with a speaker, an intermediary and two
registry sources each, half of them answered against the built-in `quick` checklist, some
overridden and some skipped. Building the report (every verdict decided) is timed on its own;
the markdown and terminal figures are for rendering a built report, the best of three runs.

Run: .venv/bin/python benchmarks/bench_report.py [--claims 10000]
Targets: markdown at most 1 s, terminal at most 2 s.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable

from rich.console import Console

from factcheck.checklist.load import load_checklist
from factcheck.models import Attribution, Claim, Document, SourceFacts
from factcheck.render.markdown import render_markdown
from factcheck.render.report import render_terminal
from factcheck.report.model import Report, build_report
from factcheck.review.worksheet import Answer, ChecklistRef, ClaimReview, Override, Worksheet
from factcheck.sources.registry import load_registry

MARKDOWN_TARGET_S = 1.0
TERMINAL_TARGET_S = 2.0
SENTENCE = (
    "The editor-in-chief of Al-Akhbar, Ibrahim Al-Amin, said on Al-Manar TV that {:05d} officers "
    "met in Beirut on May 20 to coordinate the fighting. "
)
ANSWERS = {
    "primary_source": "no",
    "corroborated": "no",
    "partisan_chain": "yes",
    "hops": "one",
    "hedged": "no",
}


def build_worksheet(claims: int) -> Worksheet:
    """A worksheet of `claims` claims; every other one fully answered, a few overridden.

    Claims' texts all differ, as in a real worksheet, so that nothing is rendered only once."""
    checklist = load_checklist("quick")
    sentences = [SENTENCE.format(i) for i in range(claims)]  # every claim's text is different
    text = "".join(sentences)
    step = len(sentences[0])
    at = "2024-01-01T00:00:00Z"
    entries = []
    for i in range(claims):
        start = i * step
        claim = Claim(
            id=f"c{i + 1}",
            text=sentences[i].strip(),
            start=start,
            end=start + step - 1,
            check_worthiness=0.9,
            reasons=("number", "date", "attribution"),
            attribution=Attribution(
                speaker="Ibrahim Al-Amin",
                role="editor-in-chief of Al-Akhbar",
                verb="said",
                via=("Al-Manar TV",),
            ),
            sources=("algemeiner", "al-manar", "ibrahim-al-amin", "al-akhbar"),
            block=i,
        )
        answers = {}
        if i % 2 == 0:
            answers = {
                qid: Answer(value=value, reviewer="bench", at=at) for qid, value in ANSWERS.items()
            }
            answers["primary_source"] = Answer(
                value="no", note="No recording of the interview was found.", reviewer="bench", at=at
            )
        override = None
        if i % 97 == 0:
            override = Override(verdict="misleading", reason="Benchmark.", reviewer="bench", at=at)
        entries.append(
            ClaimReview(
                claim=claim,
                paragraph=(start, start + step - 1),
                source_facts=SourceFacts(any_partisan=True, worst_reliability="D"),
                facts={"chain.hops": 1, "sources.any_partisan": True},
                answers=answers,
                override=override,
                skipped=i % 50 == 1,
            )
        )
    return Worksheet(
        document=Document(
            source="bench.txt",
            text=text,
            sha256="0" * 64,
            title="Benchmark",
            outlet="The Algemeiner",
            published="2021-05-31",
        ),
        checklist=ChecklistRef(
            id=checklist.id, version=checklist.version, sha256=checklist.sha256, source="quick"
        ),
        claims=tuple(entries),
        created=at,
    )


def best_of(runs: int, action: Callable[[], object]) -> tuple[float, object]:
    """The fastest of `runs` timings, and what the action returned."""
    best = float("inf")
    result: object = None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def terminal(report: Report, details: bool) -> str:
    out = io.StringIO()
    Console(file=out, width=100, color_system=None).print(render_terminal(report, details))
    return out.getvalue()


def run(claims: int) -> bool:
    """Print the figures; return whether both targets are met."""
    checklist = load_checklist("quick")
    registry = load_registry(user=False)
    worksheet = build_worksheet(claims)
    build_s, built = best_of(1, lambda: build_report(worksheet, checklist, registry))
    assert isinstance(built, Report)
    markdown_s, markdown = best_of(3, lambda: render_markdown(built))
    terminal_s, screen = best_of(3, lambda: terminal(built, False))
    details_s, _ = best_of(1, lambda: terminal(built, True))
    assert isinstance(markdown, str) and isinstance(screen, str)
    print(f"worksheet: {claims} claims ({built.final} final, {built.open} open)")
    print(f"build the report (decide every verdict): {build_s:.2f} s")
    print(
        f"markdown: {markdown_s:.2f} s, {len(markdown) / 1e6:.1f} MB "
        f"(target <= {MARKDOWN_TARGET_S:.0f} s)"
    )
    print(
        f"terminal: {terminal_s:.2f} s, {screen.count(chr(10))} lines "
        f"(target <= {TERMINAL_TARGET_S:.0f} s); with --details: {details_s:.2f} s"
    )
    return markdown_s <= MARKDOWN_TARGET_S and terminal_s <= TERMINAL_TARGET_S


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    args = parser.parse_args()
    return 0 if run(args.claims) else 1


if __name__ == "__main__":
    sys.exit(main())
