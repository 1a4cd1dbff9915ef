"""Case figures: matching speed on a large case, and precision and recall on the labelled set.

Speed: a case of 200 synthetic articles of about 800 words each is built once (extraction is
cached in the case folder, as `factcheck case add` does); the figure is the time to load the
case from its cache and match every claim of one article against it, best of three runs.

Quality: for each labelled set in tests/fixtures/case/ (labels.yaml, labels-heldout.yaml,
labels-test.yaml), its articles go into one case and each is matched against the others. Pairs
of claims are scored for matching, the independence call, conflicts, quote drift and the
`corroborated` suggestion.

Run: .venv/bin/python benchmarks/bench_case.py [--articles 200] [--words 800] [--keep DIR]
Target: matching one article in under 2 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factcheck.case.matching import match_claims
from factcheck.case.store import Case, CaseArticle, add_to_case, load_case
from factcheck.sources.registry import Registry, load_registry

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "case"
TARGET_S = 2.0
LABELLED_SETS = (
    ("labels.yaml", "development set: the rules and thresholds were tuned on it"),
    ("labels-heldout.yaml", "held-out set: scored, its errors studied, then rules revised"),
    ("labels-test.yaml", "test set: written after the rules were fixed"),
)

# --- synthetic articles -------------------------------------------------------------------------

PLACES = [
    "Kessel",
    "Brennport",
    "Sarnak",
    "Corvel",
    "Aldis",
    "Velka",
    "Tarvik",
    "Marlow",
    "Ostend",
    "Harwick",
    "Delmar",
    "Fenwick",
    "Greyport",
    "Lindholm",
    "Morrow",
    "Norvik",
    "Pellam",
]
PEOPLE = [
    "Mara Lind",
    "Tomas Reyn",
    "Samuel Okoro",
    "Grace Adeyemi",
    "Elsa Varga",
    "Ivo Marten",
    "Alan Pirr",
    "Rolf Hest",
    "Anna Berg",
    "Erik Dahl",
    "Paul Nnamdi",
    "Kofi Asante",
]
ROLES = ["police chief", "regional governor", "fire chief", "health minister", "mayor"]
OUTLETS = ["Northwire", "Valley Herald", "Coastal Monitor", "Corvel Tribune", "Lakeside Times"]
EVENTS = [
    "a ferry capsized on the lake near {place}",
    "a fire broke out at a factory in {place}",
    "a drone struck a fuel depot in {place}",
    "flood water swept through the old town of {place}",
    "a bridge collapsed on the main road into {place}",
    "a bus overturned on the mountain road above {place}",
]
TEMPLATES = [
    "At least {n} people died after {event} on {day}, {role} {person} said.",
    "{role_cap} {person} said {n} people were taken to hospital in {place} and {m} were missing.",
    '"We have never seen anything like this in {place}," {person} told reporters on {day}.',
    "Rescue teams pulled {m} survivors from the scene and were searching for {k} others, "
    "officials in {place} said.",
    "The operator said the site had passed a safety inspection in {month} and that {n} staff "
    "were on duty.",
    "Witnesses said the {thing} had been damaged for {k} weeks before the accident in {place}.",
    "The government of {place} said it would pay {m},000 in compensation to each family.",
    "Local residents said the emergency services arrived {k} hours after the first calls.",
]
THINGS = ["road", "boat", "bridge", "building", "depot", "dam"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "September", "October"]


def synthetic_article(rng: random.Random, words: int) -> str:
    """A plausible news article of about ``words`` words, with a headline, date and byline."""
    place = rng.choice(PLACES)
    event = rng.choice(EVENTS).format(place=place)
    outlet = rng.choice(OUTLETS)
    lines = [
        f"{event[0].upper()}{event[1:]}, killing {rng.randint(2, 60)}",
        f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, 2023",
        f"By {rng.choice(PEOPLE)}, {outlet}",
        "",
    ]
    count = 0
    while count < words:
        role = rng.choice(ROLES)
        sentence = rng.choice(TEMPLATES).format(
            n=rng.randint(2, 90),
            m=rng.randint(2, 90),
            k=rng.randint(2, 9),
            place=rng.choice([place, rng.choice(PLACES)]),
            person=rng.choice(PEOPLE),
            role=role,
            role_cap=role.capitalize(),
            day=rng.choice(DAYS),
            month=rng.choice(MONTHS),
            event=event,
            thing=rng.choice(THINGS),
        )
        lines.append(sentence)
        lines.append("")
        count += len(sentence.split())
    return "\n".join(lines)


def build_synthetic_case(folder: Path, articles: int, words: int) -> Case:
    """A case of synthetic articles in ``folder``, extracted only where not already cached."""
    sources = folder / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    paths = []
    for i in range(articles):
        path = sources / f"article-{i:03d}.txt"
        text = synthetic_article(rng, words)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    add_to_case(folder / "case", paths)
    return load_case(folder / "case")


def time_matching(case_dir: Path, registry: Registry, runs: int = 3) -> tuple[float, int, int]:
    """Best time to load the case and match one article's claims; claims and matches."""
    best = float("inf")
    claims = matches = 0
    for _ in range(runs):
        started = time.perf_counter()
        case = load_case(case_dir, registry)
        article = case.articles[len(case.articles) // 2]
        findings = match_claims(case, article.extraction, registry)
        best = min(best, time.perf_counter() - started)
        claims = len(findings.claims)
        matches = sum(len(c.matches) for c in findings.claims)
    return best, claims, matches


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--keep", type=Path, help="Keep the synthetic case in this folder.")
    parser.add_argument("--errors", action="store_true", help="List every labelled-set error.")
    args = parser.parse_args()
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
    folder_context = tempfile.TemporaryDirectory() if args.keep is None else None
    folder = args.keep or Path(folder_context.name)  # type: ignore[union-attr]
    started = time.perf_counter()
    build_synthetic_case(folder, args.articles, args.words)
    built = time.perf_counter() - started
    seconds, claims, matches = time_matching(folder / "case", load_registry())
    print(
        f"synthetic case: {args.articles} articles x ~{args.words} words "
        f"(built and cached in {built:.1f} s)"
    )
    print(
        f"match one article ({claims} claims, {matches} matches) incl. loading the case: "
        f"{seconds:.2f} s (target {TARGET_S:.0f} s)"
    )
    if folder_context is not None:
        folder_context.cleanup()
    return 0 if seconds < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
