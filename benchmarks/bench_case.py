"""Case figures: speed on a case of real articles, and precision and recall on the labelled sets.

Speed: a case of 200 real news articles (PolNeAR: US election coverage from seven outlets, read
from ../shared/data/polnear relative to the repository; skipped with a message when absent) is
built once and cached as `factcheck case add` does. Every measured run is a fresh Python process
(cold caches: no memo, no compiled pattern, no registry index carried over; imports are not
timed). Each figure is the median of --runs runs, with the fastest and slowest, of the process's
CPU time (the target's measure: other work on a shared machine does not count) and of
wall-clock time:

- match: load the case from its cache and match every claim of one article (the one with the
  most claims) against it;
  its peer, in the same run on the same workload: brute force, every claim pair compared by
  the Jaccard overlap of their word sets, no index and no detail checks;
- map: load the case, build its story map and write it as Mermaid (`case show --format mermaid`);
  its peer: load the case and compare every pair of articles' word trigrams (the naive way to
  find copies), which the map avoids.

Quality: for each labelled set in tests/fixtures/case/ (labels.yaml, labels-heldout.yaml,
labels-test.yaml), its articles go into one case and each is matched against the others. Pairs
of claims are scored for matching, the independence call, conflicts, quote drift and the
`corroborated` suggestion. The propagation set (tests/fixtures/case/propagation: one wire report
and five copies of it) counts independence calls, which must be none.

Run: .venv/bin/python benchmarks/bench_case.py [--data DIR] [--articles 200] [--runs 5]
     [--keep DIR] [--errors]
Targets: matching one article in under 2 s; the story map of 200 articles in under 1 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factcheck.case.matching import match_claims
from factcheck.case.store import CaseArticle, add_to_case, load_case
from factcheck.sources.registry import Registry, load_registry

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "case"
DATA = REPO.parent / "shared" / "data" / "polnear"
MATCH_TARGET_S = 2.0
MAP_TARGET_S = 1.0
LABELLED_SETS = (
    ("labels.yaml", "development set: the rules and thresholds were tuned on it"),
    ("labels-heldout.yaml", "held-out set: scored, its errors studied, then rules revised"),
    ("labels-test.yaml", "test set: written after the rules were fixed"),
)

# --- a case of real articles --------------------------------------------------------------------


def polnear_articles(data: Path, count: int) -> list[Path]:
    """``count`` articles spread over the whole PolNeAR training set (every n-th file, sorted),
    so that every outlet and both years are in."""
    files = sorted((data / "data" / "train" / "text").glob("*.txt"))
    step = max(1, len(files) // count)
    return files[::step][:count]


def build_case(folder: Path, sources: list[Path]) -> float:
    """Add the articles to a case in ``folder`` (extracted only where not cached); seconds."""
    started = time.perf_counter()
    results = add_to_case(folder, [str(path) for path in sources])
    failed = [r.error for r in results if r.article is None]
    if failed:
        raise SystemExit(f"cannot add: {failed[:3]}")
    return time.perf_counter() - started


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in text.lower().split() if w.isalpha())


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def child(task: str, case_dir: Path) -> dict[str, float]:
    """One measured run, in a fresh process: seconds of ``task`` and a count to check it."""
    from factcheck.case.storymap import case_map
    from factcheck.render.diagram import render_mermaid

    registry = load_registry()
    started, cpu = time.perf_counter(), time.process_time()
    case = load_case(case_dir, registry)
    article = max(case.articles, key=lambda a: (len(a.extraction.claims), a.id))
    count = 0
    if task == "match":
        findings = match_claims(case, article.extraction, registry)
        count = sum(len(c.matches) for c in findings.claims)
    elif task == "match-peer":
        others = [
            _words(c.text) for a in case.articles if a.id != article.id for c in a.extraction.claims
        ]
        for claim in article.extraction.claims:
            mine = _words(claim.text)
            count += sum(1 for theirs in others if _jaccard(mine, theirs) >= 0.5)
    elif task == "map":
        count = len(render_mermaid(case_map(case, registry)).splitlines())
    elif task == "map-peer":
        from factcheck.case.compare import shingle_overlap, shingles

        texts = [shingles(a.document.text) for a in case.articles]
        count = sum(
            1 for i, a in enumerate(texts) for b in texts[i + 1 :] if shingle_overlap(a, b) >= 0.5
        )
    else:
        raise SystemExit(f"unknown task {task!r}")
    return {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "count": count,
    }


@dataclass(frozen=True)
class Timing:
    """Cold runs of one task: CPU seconds of the measuring process (other work on a shared
    machine does not count) and wall-clock seconds."""

    cpu: list[float]
    wall: list[float]
    count: int

    @staticmethod
    def spread(values: list[float]) -> str:
        return f"{statistics.median(values):.2f} s ({min(values):.2f}-{max(values):.2f})"


def measure(task: str, case_dir: Path, runs: int) -> Timing:
    """``runs`` cold runs of ``task``, each in a fresh process."""
    cpu, wall = [], []
    count = 0
    for _ in range(runs):
        command = [sys.executable, __file__, "--child", task, str(case_dir)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        result = json.loads(output)
        cpu.append(result["cpu"])
        wall.append(result["seconds"])
        count = int(result["count"])
    return Timing(cpu, wall, count)


def speed(args: argparse.Namespace) -> int:
    """Print the speed figures; 1 when a target is missed."""
    if not (args.data / "data" / "train" / "text").is_dir():
        print(f"speed: skipped, no PolNeAR articles at {args.data} (pass --data DIR)")
        return 0
    sources = polnear_articles(args.data, args.articles)
    scratch = tempfile.TemporaryDirectory() if args.keep is None else None
    folder = args.keep or Path(scratch.name)  # type: ignore[union-attr]
    built = build_case(folder / "case", sources)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in sources) // len(sources)
    print(
        f"case: {len(sources)} PolNeAR articles, {words} words on average "
        f"(extracted and cached in {built:.1f} s); {args.runs} cold runs each, "
        "median (fastest-slowest) of CPU time, then of wall-clock time"
    )
    missed = 0
    for task, target, what in (
        ("match", MATCH_TARGET_S, "load and match one article's claims"),
        ("match-peer", None, "peer: brute-force word-set Jaccard over all claim pairs"),
        ("map", MAP_TARGET_S, "load, build and write the story map (Mermaid)"),
        ("map-peer", None, "peer: load and compare every article pair's word trigrams"),
    ):
        timing = measure(task, folder / "case", args.runs)
        goal = f" (target {target:.0f} s)" if target else ""
        print(
            f"{what}: CPU {Timing.spread(timing.cpu)}{goal}, wall {Timing.spread(timing.wall)}; "
            f"count {timing.count}"
        )
        if target is not None and statistics.median(timing.cpu) >= target:
            missed += 1
    if scratch is not None:
        scratch.cleanup()
    return 1 if missed else 0


# --- the labelled set ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    """One labelled claim sentence."""

    key: str
    article: str
    text: str
    event: str
    origin: str
    quote: str | None = None


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of predictions that are right (1.0 with none: never predicting is caught by
        recall, which the quality test holds to a floor too)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, predicted: bool, expected: bool, what: str) -> None:
        if predicted and expected:
            self.tp += 1
        elif predicted:
            self.fp += 1
            self.errors.append(f"false positive: {what}")
        elif expected:
            self.fn += 1
            self.errors.append(f"missed: {what}")

    def line(self, name: str) -> str:
        return (
            f"{name:<28} precision {self.precision:6.1%}  recall {self.recall:6.1%}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


@dataclass
class Evaluation:
    """Scores of the labelled set."""

    matching: Score = field(default_factory=Score)
    independence: Score = field(default_factory=Score)
    conflicts: Score = field(default_factory=Score)
    drift: Score = field(default_factory=Score)
    corroborated: Score = field(default_factory=Score)
    unextracted: list[str] = field(default_factory=list)
    claims: int = 0
    articles: int = 0

    def lines(self) -> list[str]:
        return [
            f"labelled set: {self.articles} articles, {self.claims} labelled claims "
            f"({len(self.unextracted)} not extracted as claims)",
            self.matching.line("matching (claim pairs)"),
            self.independence.line("independent (of matches)"),
            self.conflicts.line("conflicts (of matches)"),
            self.drift.line("quote drift (pairs)"),
            self.corroborated.line("corroborated suggestion"),
        ]


def read_labels(path: Path) -> tuple[dict[str, dict[str, Any]], list[Label], dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    labels = [
        Label(
            key=key,
            article=key.split("/")[0],
            text=value["text"],
            event=value["event"],
            origin=value["origin"],
            quote=value.get("quote"),
        )
        for key, value in data["claims"].items()
    ]
    return data["articles"], labels, data


def _lineage(name: str, articles: Mapping[str, Mapping[str, Any]]) -> set[str]:
    seen = {name}
    while (copied := articles[name].get("copies")) and copied not in seen:
        seen.add(copied)
        name = copied
    return seen


def _pairs(items: Iterable[list[str]]) -> set[frozenset[str]]:
    return {frozenset(pair) for pair in items}


def evaluate(
    case_dir: Path, registry: Registry, labels_path: Path = FIXTURES / "labels.yaml"
) -> Evaluation:
    """Put every labelled article into a case at ``case_dir`` and score the matches."""
    articles, labels, data = read_labels(labels_path)
    folder = labels_path.parent
    names = list(articles)
    results = add_to_case(
        case_dir, [str(folder / articles[n]["file"]) for n in names], registry=registry
    )
    by_name: dict[str, CaseArticle] = {}
    for name, added in zip(names, results, strict=True):
        if added.article is None:
            raise SystemExit(f"{name}: {added.error}")
        by_name[name] = added.article
    case = load_case(case_dir, registry)
    conflicts = _pairs(data.get("conflicts") or ())
    unsure = _pairs(data.get("unsure") or ())
    evaluation = Evaluation(articles=len(names), claims=len(labels))

    # Which extracted claim each label names; an unlabelled claim is its own event.
    label_of: dict[tuple[str, str], Label] = {}
    for label in labels:
        article = by_name[label.article]
        found = [c for c in article.extraction.claims if label.text in c.text]
        if not found:
            evaluation.unextracted.append(label.key)
            continue
        label_of[(article.id, found[0].id)] = label
    lineages = {name: _lineage(name, articles) for name in names}
    name_of = {a.id: n for n, a in by_name.items()}
    labelled_claims = {(label.article, label.key) for label in label_of.values()}

    for name in names:
        article = by_name[name]
        findings = match_claims(case, article.extraction, registry)
        for found in findings.claims:
            mine = label_of.get((article.id, found.claim.id))
            predicted: dict[str, Any] = {}
            for match in found.matches:
                theirs = label_of.get((match.article.id, match.claim.id))
                key = theirs.key if theirs else f"{name_of[match.article.id]}/{match.claim.id}"
                predicted[key] = (match, theirs)
            # Every other labelled claim is a pair to score.
            mine_key = mine.key if mine else f"{name}/{found.claim.id}"
            expected_corroboration = False
            for other_article, other_key in labelled_claims:
                if other_article == name:
                    continue
                pair = frozenset((mine_key, other_key))
                other = next(lb for lb in labels if lb.key == other_key)
                same = mine is not None and mine.event == other.event
                independent = (
                    same
                    and mine is not None
                    and mine.origin != other.origin
                    and not (lineages[name] & lineages[other.article])
                )
                conflict = pair in conflicts
                if pair in unsure:
                    continue
                if same and independent and not conflict:
                    expected_corroboration = True
                hit = other_key in predicted
                if (
                    same
                    and not hit
                    and any(
                        theirs is not None
                        and theirs.article == other.article
                        and theirs.event == other.event
                        for _, theirs in predicted.values()
                    )
                ):
                    continue  # one report per article: another claim of it stands for this one
                evaluation.matching.add(hit, same, f"{mine_key} ~ {other_key}")
                if hit and same:
                    match = predicted[other_key][0]
                    evaluation.independence.add(
                        match.independent, independent, f"independent {mine_key} ~ {other_key}"
                    )
                    evaluation.conflicts.add(
                        match.relation.value == "conflicts",
                        conflict,
                        f"conflict {mine_key} ~ {other_key}",
                    )
            # Predicted matches with unlabelled claims are false positives.
            for key, (_, theirs) in predicted.items():
                if theirs is None:
                    evaluation.matching.add(True, False, f"{mine_key} ~ {key} (unlabelled)")
            if mine is not None or found.matches:
                evaluation.corroborated.add(
                    found.independent_matches > 0,
                    expected_corroboration,
                    f"corroborated {mine_key}",
                )
            # Quote drift, scored per pair of claims.
            drifted = {
                v.claim_id and f"{name_of.get(v.article, name)}/{v.claim_id}"
                for d in found.drift
                for v in d.variants[1:]
            }
            drift_keys = set()
            for key in drifted:
                art, cid = key.split("/")
                lb = label_of.get((by_name[art].id, cid))
                drift_keys.add(lb.key if lb else key)
            for other_article, other_key in labelled_claims:
                if other_article == name or mine is None or mine.quote is None:
                    continue
                other = next(lb for lb in labels if lb.key == other_key)
                if other.quote is None:
                    continue
                group_a, wording_a = mine.quote.split("/")
                group_b, wording_b = other.quote.split("/")
                expected = group_a == group_b and wording_a != wording_b
                evaluation.drift.add(
                    other_key in drift_keys, expected, f"drift {mine_key} ~ {other_key}"
                )
    return evaluation


def propagation(registry: Registry) -> tuple[int, int]:
    """(independent matches, matches) when every copy of one wire report is matched against
    the others: the first must be 0."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "propagation"
        add_to_case(folder, [str(p) for p in sorted((FIXTURES / "propagation").glob("*.txt"))])
        case = load_case(folder, registry)
        independent = matches = 0
        for article in case.articles:
            for found in match_claims(case, article.extraction, registry).claims:
                matches += len(found.matches)
                independent += sum(1 for m in found.matches if m.independent)
    return independent, matches


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("TASK", "CASE_DIR"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, default=DATA, help="The PolNeAR folder.")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="Keep (and reuse) the case in this folder.")
    parser.add_argument("--errors", action="store_true", help="List every labelled-set error.")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return 0
    registry = load_registry((FIXTURES / "sources.yaml",))
    for labels, title in LABELLED_SETS:
        with tempfile.TemporaryDirectory() as scratch:
            evaluation = evaluate(Path(scratch) / "labelled", registry, FIXTURES / labels)
        print(f"== {title} ({labels})")
        for line in evaluation.lines():
            print(line)
        if args.errors:
            for score in (
                evaluation.matching,
                evaluation.independence,
                evaluation.conflicts,
                evaluation.drift,
                evaluation.corroborated,
            ):
                for error in score.errors:
                    print("  ", error)
            for key in evaluation.unextracted:
                print("   not extracted:", key)
    independent, matches = propagation(registry)
    print(f"== propagation set: {independent} of {matches} matches called independent (target 0)")
    return speed(args) or (1 if independent else 0)


if __name__ == "__main__":
    raise SystemExit(main())
