"""Properties of `merge` and `compare` for any team: two to four reviewers who each change the
same worksheet (the evacuation article's, or the seed article's as `review` makes it) at random,
then have their worksheets compared, merged, reported and settled.

FACTCHECK_PROPERTY_EXAMPLES=2000 runs each property on that many teams to hunt for failures; the
faults they found are the tests at the end, with the team that showed each."""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from change_steps import NOW, Nothing, Texts, random_change
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from factcheck.checklist.load import Checklist, load_checklist
from factcheck.errors import FactcheckWarning, TeamError, WorksheetError
from factcheck.render.report import render_report
from factcheck.render.team import (
    add_agreement_to_report,
    agreement_terminal,
    merged_comparison,
)
from factcheck.render.team import render_terminal as compare_terminal
from factcheck.render.team_cells import still_open
from factcheck.render.team_json import render_json as compare_json
from factcheck.render.team_markdown import render_markdown as compare_markdown
from factcheck.report.model import ClaimStatus, Report, load_report
from factcheck.review.journal import load_worksheet, save_worksheet
from factcheck.review.loop import applicable
from factcheck.review.scripted import apply_answers, read_answers
from factcheck.review.worksheet import (
    ARTICLE,
    Action,
    ClaimReview,
    Worksheet,
    apply_change,
    claim_verdict,
    create_worksheet,
    make_change,
)
from factcheck.review.worksheet_yaml import dump_worksheet, parse_worksheet
from factcheck.team.compare import Comparison, compare_worksheets
from factcheck.team.merge import MergeResult, Rule, merge_worksheets, reviewer_sheets
from factcheck.team.unsettled import still_unsettled

TESTS = Path(__file__).resolve().parent.parent
REVIEW = TESTS / "fixtures" / "review"
SEED = TESTS.parent / "examples" / "seed-article.txt"
NAMES = {"ana": "ana", "ben": "ben", "cy": "cy", "dee": "dee", "Li Wei": "li-wei", "Zoë": "zoe"}
"""Reviewers' names, with the part of their worksheets' file names that names them: capitals,
spaces and letters beyond ASCII change the order of names."""
SETTLER = "zed"

# Few examples in CI; FACTCHECK_PROPERTY_EXAMPLES=2000 hunts for failures.
EXAMPLES = int(os.environ.get("FACTCHECK_PROPERTY_EXAMPLES", "25"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TEXTS = (
    "Alpha",
    "Beta",
    "not a claim",
    'it\'s "quoted": a',
    "Ünïcode — dash",
    "#1 x",
    "yes",
    "- ~",
)
PEOPLE = ("Alpha", "Beta", "Officials", "The ministry", "Al-Manar")
URLS = ("https://example.org/a", "https://example.org/b?q=1")
PARTS = ("title", "summary", "bottom_line")
STEP_TEXTS = Texts(st.sampled_from(TEXTS), st.sampled_from(PEOPLE), URLS, PARTS)
"""Few texts, so that reviewers often type the same."""


@dataclass(frozen=True, slots=True)
class Team:
    """The reviewers' worksheet files, beside the checklist, and the checklist."""

    folder: Path
    paths: dict[str, Path]
    checklist: Checklist
    found: frozenset[str]
    """The claims the extractor found, as every reviewer started with them."""


@functools.cache
def _seed_worksheet() -> str:
    """The seed article's worksheet as `review` makes it with the quick checklist."""
    from factcheck.extract.pipeline import extract
    from factcheck.sources.registry import load_registry

    extraction = extract(str(SEED))
    worksheet = create_worksheet(
        extraction, load_checklist("quick"), load_registry(()), now=lambda: NOW
    )
    return dump_worksheet(worksheet)


def _article(data: st.DataObject, folder: Path) -> tuple[Worksheet, Checklist]:
    """The worksheet every reviewer starts from, in FOLDER, and its checklist: the evacuation
    article's with the small test checklist, or the seed article's with the quick one."""
    if data.draw(st.booleans(), label="seed article"):
        blank = folder / "seed-article.worksheet.yaml"
        blank.write_text(_seed_worksheet(), encoding="utf-8")
        return load_worksheet(blank), load_checklist("quick")
    return _blank(folder), load_checklist(folder / "checklist.yaml")


def _blank(folder: Path) -> Worksheet:
    """The evacuation worksheet with its checklist beside it in FOLDER."""
    (folder / "checklist.yaml").write_bytes((REVIEW / "checklist.yaml").read_bytes())
    text = (REVIEW / "evacuation.worksheet.yaml").read_text(encoding="utf-8")
    text = text.replace("source: tests/fixtures/review/checklist.yaml", "source: checklist.yaml")
    blank = folder / "evacuation.worksheet.yaml"
    blank.write_text(text, encoding="utf-8")
    return load_worksheet(blank)


def _reviewed(data: st.DataObject, base: Worksheet, checklist: Checklist, name: str) -> Worksheet:
    """The worksheet after a random sequence of one reviewer's changes."""
    worksheet = base
    for _ in range(8):
        if not data.draw(st.booleans(), label=f"{name} goes on"):
            break
        try:
            made = random_change(data, worksheet, checklist, name, STEP_TEXTS)
            worksheet = apply_change(worksheet, made)
        except (Nothing, WorksheetError):
            continue
    return worksheet


def _team(data: st.DataObject, folder: Path) -> Team:
    base, checklist = _article(data, folder)
    names = data.draw(st.lists(st.sampled_from(sorted(NAMES)), min_size=2, max_size=4, unique=True))
    paths = {}
    for name in names:
        path = folder / f"article.{NAMES[name]}.worksheet.yaml"
        worksheet = _reviewed(data, base, checklist, name)
        save_worksheet(path, worksheet)
        # A worksheet without a change is its file name's reviewer's, as `review --own` names it.
        paths[name if worksheet.audit else NAMES[name]] = path
    return Team(folder, paths, checklist, frozenset(e.id for e in base.claims))


@contextlib.contextmanager
def _folder() -> Iterator[Path]:
    """A folder for one example's team, the tool's warnings (claims renumbered, ...) let by."""
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore", FactcheckWarning)
        yield Path(tmp)


def _one_line(error: Exception) -> None:
    message = str(error)
    assert message
    assert "\n" not in message
    assert "internal error" not in message


def _merged(team: Team, order: Sequence[str], rule: Rule) -> MergeResult | None:
    """The merge of the worksheets in that order; None when the tool refuses them."""
    try:
        return merge_worksheets([team.paths[n] for n in order], rule, now=lambda: NOW)
    except (TeamError, WorksheetError) as error:
        _one_line(error)
        return None


def _saved(team: Team, result: MergeResult, name: str) -> Path:
    target = team.folder / f"{name}.worksheet.yaml"
    save_worksheet(target, result.worksheet)
    return target


def _each_merge(team: Team) -> Iterator[tuple[Rule, MergeResult, Path]]:
    """The team merged under each rule the tool does not refuse, with where it was saved."""
    for rule in Rule:
        result = _merged(team, list(team.paths), rule)
        if result is not None:
            yield rule, result, _saved(team, result, str(rule))


def _orders(names: Sequence[str]) -> list[tuple[str, ...]]:
    forward = tuple(names)
    return [forward, forward[::-1], forward[1:] + forward[:1]]


def _compared(team: Team, order: Sequence[str]) -> Comparison | None:
    try:
        return compare_worksheets([team.paths[n] for n in order])
    except (TeamError, WorksheetError) as error:
        _one_line(error)
        return None


def _figures(comparison: Comparison) -> object:
    """What compare says, keyed by reviewer name, without the files' order."""
    record = json.loads(compare_json(comparison))
    record["reviewers"] = sorted(record["reviewers"], key=lambda r: r["name"])
    for claim in record["claims"]:
        # A claim one reviewer split is shown with the text of the first worksheet given.
        del claim["text"]
    return record


# --- the properties -----------------------------------------------------------------------------


@PROPERTY
@given(st.data())
def test_a_merge_does_not_depend_on_the_order_of_the_worksheets(data: st.DataObject) -> None:
    with _folder() as folder:
        team = _team(data, folder)
        for rule in Rule:
            saved: set[bytes | None] = set()
            for number, order in enumerate(_orders(list(team.paths))):
                result = _merged(team, order, rule)
                if result is None:
                    saved.add(None)
                    continue
                saved.add(_saved(team, result, f"{rule}-{number}").read_bytes())
            assert len(saved) == 1


@PROPERTY
@given(st.data())
def test_a_merged_worksheet_saves_loads_and_reports(data: st.DataObject) -> None:
    with _folder() as folder:
        team = _team(data, folder)
        for rule, result, target in _each_merge(team):
            assert load_worksheet(target, team.checklist) == result.worksheet
            report = load_report(target)
            comparison = merged_comparison(report)
            assert comparison is not None
            for fmt in ("json", "markdown", "terminal"):
                text = add_agreement_to_report(report, fmt, render_report(report, fmt), comparison)
                if fmt == "json":
                    assert json.loads(text)["team"]["rule"] == str(rule)
                elif fmt == "markdown":
                    assert "Reviewers' agreement" in text
            out = io.StringIO()
            Console(file=out, width=100, color_system=None).print(
                agreement_terminal(report, comparison)
            )
            assert "Merged from" in out.getvalue()


def _own(entry: ClaimReview) -> object:
    """What a reviewer gave on a claim, as the rebuilt worksheet must hold it."""
    att = entry.claim.attribution
    answers = {
        q: (a.value, a.note, a.evidence)
        for q, a in entry.answers.items()
        if (a.value, a.note, a.evidence) != (None, None, ())
    }
    override = (entry.override.verdict, entry.override.reason) if entry.override else None
    corrections = (att.speaker, att.role, att.via)
    return (answers, override, entry.skipped, entry.dropped, entry.conclusion, corrections)


@PROPERTY
@given(st.data())
def test_each_reviewer_is_rebuilt_from_the_merged_worksheet(data: st.DataObject) -> None:
    with _folder() as folder:
        team = _team(data, folder)
        for _, _, target in _each_merge(team):
            rebuilt = {
                s.reviewer: s.worksheet for s in reviewer_sheets(load_worksheet(target), target)
            }
            assert sorted(rebuilt) == sorted(team.paths)
            for name, path in team.paths.items():
                original = load_worksheet(path, team.checklist)
                for entry in original.claims:
                    if entry.id not in team.found or {"split", "merged"} & set(entry.corrected):
                        continue
                    assert _own(rebuilt[name].entry(entry.id)) == _own(entry), (name, entry.id)


@PROPERTY
@given(st.data())
def test_compare_does_not_depend_on_the_order_of_the_worksheets(data: st.DataObject) -> None:
    with _folder() as folder:
        team = _team(data, folder)
        seen: list[object] = []
        for order in _orders(list(team.paths)):
            comparison = _compared(team, order)
            if comparison is None:
                seen.append(None)
                continue
            compare_markdown(comparison)
            out = io.StringIO()
            Console(file=out, width=100, color_system=None).print(compare_terminal(comparison))
            seen.append(_figures(comparison))
        for one in seen[1:]:
            assert one == seen[0]


def _verdicts_given(comparison: Comparison) -> dict[str, set[str] | None]:
    """Per claim, the verdicts the reviewers who finished it gave; None for a claim some
    reviewer left unfinished (see test_a_claim_nobody_finished_is_not_final)."""
    given: dict[str, set[str] | None] = {}
    for claim in comparison.claims:
        statuses = {verdict.status for verdict in claim.verdicts}
        finished = ("final", "override")
        given[claim.id] = (
            None
            if "incomplete" in statuses
            else {v.verdict for v in claim.verdicts if v.status in finished and v.verdict}
        )
    return given


def _settling_answers(worksheet: Worksheet, checklist: Checklist) -> dict[str, dict[str, object]]:
    """An answers file that settles every open question and unsettled item of a merge."""
    assert worksheet.merge is not None
    open_ = set(worksheet.merge.open)
    items = set(still_unsettled(worksheet))
    script: dict[str, dict[str, object]] = {}
    for entry in worksheet.claims:
        if entry.dropped is not None:
            continue
        answers: dict[str, object] = {}
        values = dict(entry.answer_values())
        keep = f"{entry.id}.drop" in items or f"{entry.id}.split" in items
        for question in checklist.questions:
            asked = applicable(checklist, _with_values(entry, values))
            if question not in asked:
                continue
            wanted = f"{entry.id}.{question.id}" in open_ and question.id not in values
            if wanted or keep:
                values[question.id] = values.get(question.id, question.choices[0])
                answers[question.id] = values[question.id]
                keep = False
        claim: dict[str, object] = dict(answers)
        att = entry.claim.attribution
        if f"{entry.id}.speaker" in items:
            claim["speaker"] = att.speaker or ""
        if f"{entry.id}.role" in items:
            claim["role"] = att.role or ""
        if f"{entry.id}.chain" in items:
            claim["chain"] = list(att.via)
        if f"{entry.id}.override" in items:
            verdict = claim_verdict(checklist, _with_values(entry, values)).verdict
            claim["override"] = {"verdict": verdict, "reason": "settled"}
        if claim:
            script[entry.id] = claim
    parts = {i.partition(".")[2] for i in items if i.startswith(f"{ARTICLE}.")}
    if parts:
        publication = worksheet.publication
        script[ARTICLE] = {part: publication.get(part) or f"settled {part}" for part in parts}
    return script


def _with_values(entry: ClaimReview, values: dict[str, str]) -> ClaimReview:
    from dataclasses import replace

    from factcheck.review.worksheet import Answer

    return replace(entry, answers={q: Answer(value=v) for q, v in values.items()})


def _settle(target: Path, checklist: Checklist, answers: Path) -> None:
    """The merged worksheet at TARGET reviewed with an answers file settling what is open."""
    worksheet = load_worksheet(target, checklist)
    answers.write_text(yaml.safe_dump(_settling_answers(worksheet, checklist)), encoding="utf-8")
    script = read_answers(answers, worksheet, checklist)
    done: list[Worksheet] = [worksheet]

    def save(settled: Worksheet, _changes: object) -> None:
        done.append(settled)

    apply_answers(worksheet, checklist, script, save, reviewer=SETTLER, now=lambda: NOW)
    save_worksheet(target, done[-1])


def _still_asked(report: Report) -> list[str]:
    """The questions the merge left open that a review of the merged worksheet still asks."""
    record = report.worksheet.merge
    assert record is not None
    asked = []
    for item in record.open:
        claim_id, _, qid = item.partition(".")
        entry = report.worksheet.entry(claim_id)
        answer = entry.answers.get(qid)
        questions = {q.id for q in applicable(report.checklist, entry)}
        if entry.dropped is None and qid in questions and (answer is None or not answer.value):
            asked.append(item)
    return asked


@PROPERTY
@given(st.data())
def test_a_merge_gives_only_verdicts_reviewers_gave_and_settles_to_nothing_open(
    data: st.DataObject,
) -> None:
    with _folder() as folder:
        team = _team(data, folder)
        comparison = _compared(team, list(team.paths))
        for rule, _, target in _each_merge(team):
            assert comparison is not None
            given_verdicts = _verdicts_given(comparison)
            report = load_report(target)
            assert len(_still_asked(report)) == still_open(report)
            for row in report.claims:
                verdicts = given_verdicts.get(row.id)
                if row.status is ClaimStatus.FINAL and verdicts is not None:
                    assert row.verdict in verdicts, row.id
            # Merged again with nothing changed: the same file.
            again = _merged(team, list(team.paths), rule)
            assert again is not None
            assert _saved(team, again, f"{rule}-again").read_bytes() == target.read_bytes()
            # Every open item settled by an answers file: nothing left to settle or to ask.
            _settle(target, team.checklist, team.folder / f"settle-{rule}.yaml")
            settled = load_report(target)
            assert still_unsettled(settled.worksheet) == ()
            assert _still_asked(settled) == []


# --- what the properties found ------------------------------------------------------------------


def _evacuation_team(folder: Path, answers: dict[str, str]) -> list[Path]:
    """The named reviewers' worksheets of the evacuation article, each from an answers file."""
    base = _blank(folder)
    checklist = load_checklist(folder / "checklist.yaml")
    paths = []
    for name, text in answers.items():
        given = folder / f"{name}.answers.yaml"
        given.write_text(text, encoding="utf-8")
        done: list[Worksheet] = [base]

        def save(worksheet: Worksheet, _changes: object, done: list[Worksheet] = done) -> None:
            done.append(worksheet)

        script = read_answers(given, base, checklist)
        apply_answers(base, checklist, script, save, reviewer=name, now=lambda: NOW)
        path = folder / f"evacuation.{name}.worksheet.yaml"
        save_worksheet(path, done[-1])
        paths.append(path)
    return paths


def test_answers_are_pooled_question_by_question_and_unanimous_wants_two(
    tmp_path: Path,
) -> None:
    # Two reviewers who each answered part of a claim: under the majority rule each question has
    # the answer of the reviewer who gave one (a team may share out the questions); under the
    # unanimous rule a question needs two answers alike, so the claim stays open.
    paths = _evacuation_team(
        tmp_path,
        {
            "ana": 'c1:\n  primary_source: "no"\n  partisan_outlet: "yes"\n',
            "ben": 'c1:\n  corroborated: "yes"\n',
        },
    )
    statuses = {}
    for rule in (Rule.MAJORITY, Rule.UNANIMOUS):
        target = tmp_path / f"{rule}.worksheet.yaml"
        save_worksheet(target, merge_worksheets(paths, rule, now=lambda: NOW).worksheet)
        statuses[rule] = {row.id: row.status for row in load_report(target).claims}["c1"]
    assert statuses == {Rule.MAJORITY: ClaimStatus.FINAL, Rule.UNANIMOUS: ClaimStatus.OPEN}


def test_a_question_no_longer_asked_is_not_still_open(tmp_path: Path) -> None:
    paths = _evacuation_team(
        tmp_path,
        {
            "ana": 'c1:\n  primary_source: "yes"\n  partisan_outlet: "no"\n',
            "ben": 'c1:\n  primary_source: "no"\n  partisan_outlet: "no"\n  corroborated: "no"\n',
            "cy": 'c1:\n  primary_source: unclear\n  partisan_outlet: "no"\n'
            '  corroborated: "yes"\n',
        },
    )
    target = tmp_path / "merged.worksheet.yaml"
    save_worksheet(target, merge_worksheets(paths, Rule.MAJORITY, now=lambda: NOW).worksheet)
    assert load_worksheet(target).merge.open == ("c1.primary_source", "c1.corroborated")  # type: ignore[union-attr]
    settle = tmp_path / "settle.yaml"
    settle.write_text('c1:\n  primary_source: "yes"\n', encoding="utf-8")
    checklist = load_checklist(tmp_path / "checklist.yaml")
    worksheet = load_worksheet(target, checklist)
    done: list[Worksheet] = [worksheet]
    apply_answers(
        worksheet,
        checklist,
        read_answers(settle, worksheet, checklist),
        lambda settled, _changes: done.append(settled),
        reviewer=SETTLER,
        now=lambda: NOW,
    )
    save_worksheet(target, done[-1])
    report = load_report(target)
    assert {row.id: row.status for row in report.claims}["c1"] is ClaimStatus.FINAL
    assert still_open(report) == 0


def test_every_reviewer_starts_from_the_claims_the_extractor_found(tmp_path: Path) -> None:
    assert [e.id for e in _blank(tmp_path).claims] == ["c1", "c2", "c3"]
    seed = parse_worksheet(_seed_worksheet())
    assert len(seed.claims) > 10
    assert seed.segments


def test_compare_shows_a_split_claim_alike_whatever_the_order(tmp_path: Path) -> None:
    ana, ben = _evacuation_team(tmp_path, {"ana": "{}\n", "ben": 'c1:\n  primary_source: "yes"\n'})
    worksheet = load_worksheet(ana)
    at = worksheet.entry("c1").claim.start + len("Officials said 300 people")
    split = make_change(
        worksheet, "c1", Action.SPLIT, reviewer="ana", question=str(at), new="c4", now=lambda: NOW
    )
    save_worksheet(ana, apply_change(worksheet, split))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FactcheckWarning)
        texts = {
            order: json.loads(compare_json(compare_worksheets(order)))["claims"][0]["text"]
            for order in ((ana, ben), (ben, ana))
        }
    assert texts[(ana, ben)] == texts[(ben, ana)]
