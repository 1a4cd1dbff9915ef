"""Tests of what a merge leaves unsettled: verdict overrides put to the reviewers who worked on
the claim, and unsettled items shown, settled and reported."""

from __future__ import annotations

import io
from pathlib import Path

from askers import Settler
from rich.console import Console

from factcheck.checklist.load import Checklist
from factcheck.render.team import render_merge
from factcheck.report.model import ClaimStatus, load_report
from factcheck.review.journal import load_worksheet, save_worksheet
from factcheck.review.loop import run_review
from factcheck.review.prompts import Correct, ReviewOutcome
from factcheck.review.session import open_review
from factcheck.review.worksheet import Action, apply_change, make_change
from factcheck.team.merge import MergeResult, Rule, adjudication_hints, merge_worksheets
from factcheck.team.unsettled import still_unsettled, unsettled_claims

NOW = "2024-03-09T12:00:00Z"
Edit = tuple[str, Action, str | None, str | None, str | None]
"""A change a reviewer makes: claim (or 'article'), action, question, new value, reason."""


def edited(paths: dict[str, Path], checklist: Checklist, edits: dict[str, list[Edit]]) -> None:
    for name, changes in edits.items():
        worksheet = load_worksheet(paths[name], checklist)
        for claim, action, question, new, reason in changes:
            change = make_change(
                worksheet,
                claim,
                action,
                reviewer=name,
                question=question,
                new=new,
                reason=reason,
                now=lambda: NOW,
            )
            worksheet = apply_change(worksheet, change)
        save_worksheet(paths[name], worksheet)


def printed(result: MergeResult) -> str:
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(render_merge(result))
    return out.getvalue()


def override_changes(result: MergeResult) -> list[tuple[str, str | None, str | None]]:
    merged = result.worksheet
    assert merged.merge is not None
    after = merged.audit[merged.merge.originals :]
    return [(c.claim, c.new, c.reason) for c in after if c.action is Action.OVERRIDE]


def override(verdict: str, reason: str, claim: str = "c1") -> Edit:
    return (claim, Action.OVERRIDE, None, verdict, reason)


def test_a_reviewer_who_skipped_a_claim_does_not_vote_on_its_override(
    team: dict[str, Path], checklist: Checklist
) -> None:
    # Cy skipped c2 and was counted against ana's override: "no majority for an override", and
    # c2 published with a verdict nobody gave.
    edited(team, checklist, {"ana": [override("unproven", "one ministry's word", "c2")]})
    result = merge_worksheets([team["ana"], team["cy"]], Rule.MAJORITY, now=lambda: NOW)
    kept = result.worksheet.entry("c2").override
    assert kept is not None
    assert (kept.verdict, kept.reason, kept.reviewer) == (
        "unproven",
        "ana: one ministry's word",
        "merge",
    )
    assert override_changes(result) == [("c2", "unproven", "ana: one ministry's word")]
    assert result.unsettled == ()


def test_unanimous_keeps_the_override_of_every_reviewer_who_worked_on_the_claim(
    team: dict[str, Path], checklist: Checklist
) -> None:
    edits: dict[str, list[Edit]] = {
        "ana": [override("disputed", "the count is the army's")],
        "ben": [override("disputed", "no independent count")],
        "cy": [("c1", Action.SKIP, None, None, None)],
    }
    edited(team, checklist, edits)
    result = merge_worksheets(list(team.values()), Rule.UNANIMOUS, now=lambda: NOW)
    assert override_changes(result) == [
        ("c1", "disputed", "ana: the count is the army's; ben: no independent count")
    ]
    report = load_report(_saved(team, result))
    row = next(row for row in report.claims if row.id == "c1")
    assert (row.label, row.status, row.rule) == ("Disputed", ClaimStatus.FINAL, "override")


def settled_by(target: Path, asker: Settler) -> ReviewOutcome:
    """dee's review of c1 of the merged worksheet, only what is open, by ASKER."""
    setup = open_review(str(target), reports_dir=target.parent, reviewer="dee")
    setup.hints = adjudication_hints(setup.session.worksheet, setup.checklist)
    with setup.session:
        return run_review(
            setup.session.worksheet,
            setup.checklist,
            asker,
            setup.session.record,
            reviewer="dee",
            claims=["c1"],
            hints=setup.hints,
            only_open=True,
        )


def _saved(team: dict[str, Path], result: MergeResult) -> Path:
    target = team["ana"].parent / "merged.worksheet.yaml"
    save_worksheet(target, result.worksheet)
    return target


def test_a_split_on_an_override_leaves_the_claim_open_for_the_final_reviewer(
    team: dict[str, Path], checklist: Checklist
) -> None:
    # Ana and cy answered c1 alike; ana overrode it. The tie dropped the override and c1 was
    # published "Supported", final: a verdict ana did not give.
    edited(team, checklist, {"ana": [override("disputed", "the count is the army's")]})
    result = merge_worksheets([team["ana"], team["cy"]], Rule.MAJORITY, now=lambda: NOW)
    assert result.worksheet.entry("c1").override is None
    assert result.worksheet.merge is not None
    assert result.worksheet.merge.unsettled == ("c1.override",)
    assert [(u.item, u.votes) for u in result.unsettled] == [
        ("c1.override", (("ana", "overrode to disputed"), ("cy", "no override")))
    ]
    reason = "open under the majority rule: ana overrode to disputed, cy no override"
    assert override_changes(result) == [("c1", None, reason)]
    assert printed(result) == (
        "Merged 2 reviewers (ana, cy) by the majority rule: 8 answers settled, 2 open.\n"
        "Open questions: c3.partisan_outlet, c3.confidence\n"
        "Verdict overrides left open: c1.override (ana overrode to disputed, cy no override)\n"
    )
    target = _saved(team, result)
    report = load_report(target)
    row = next(row for row in report.claims if row.id == "c1")
    assert (row.label, row.status) == ("Supported", ClaimStatus.OPEN)
    merged = load_worksheet(target)
    hints = adjudication_hints(merged, checklist)
    assert hints["c1"].lines == (
        'override: ana disputed ("the count is the army\'s"); cy no override',
    )
    # The final reviewer's override settles it.
    change = make_change(
        merged, "c1", Action.OVERRIDE, reviewer="dee", new="supported", reason="checked"
    )
    settled = apply_change(merged, change)
    assert (still_unsettled(settled), unsettled_claims(settled)) == ((), frozenset())


SPEAKERS: dict[str, list[Edit]] = {
    "ana": [
        ("c1", Action.SPEAKER, None, "Alpha", None),
        ("article", Action.PUBLICATION, "title", "ANA title", None),
    ],
    "cy": [
        ("c1", Action.SPEAKER, None, "Beta", None),
        ("article", Action.PUBLICATION, "title", "CY title", None),
    ],
}


def test_review_of_a_merge_visits_a_complete_claim_with_an_unsettled_speaker(
    team: dict[str, Path], checklist: Checklist
) -> None:
    # c1 is complete: the review went straight to the report's parts, never showing the two
    # speakers or the two titles, and c1 was reported final with the speaker both rejected.
    edited(team, checklist, SPEAKERS)
    result = merge_worksheets([team["ana"], team["cy"]], Rule.MAJORITY, now=lambda: NOW)
    target = _saved(team, result)
    assert still_unsettled(load_worksheet(target)) == ("c1.speaker", "article.title")
    # dee keeps the speaker the extractor found, by typing it again.
    asker = Settler(Correct(Action.SPEAKER, "Officials"))
    assert settled_by(target, asker).finished
    assert [p.entry.id for p in asker.prompts] == []
    assert [v.entry.id for v in asker.verdicts] == ["c1", "c1"]
    hints = asker.verdicts[0].hints
    assert hints is not None
    assert (hints.title, hints.lines) == ("Reviewers", ('speaker: ana "Alpha"; cy "Beta"',))
    assert asker.publication[0].hints is not None
    assert asker.publication[0].hints.lines == ('title: ana "ANA title"; cy "CY title"',)
    settled = load_worksheet(target)
    assert settled.entry("c1").claim.attribution.speaker == "Officials"
    assert still_unsettled(settled) == ("article.title",)
    report = load_report(target)
    assert [(row.id, row.status) for row in report.claims] == [
        ("c1", ClaimStatus.FINAL),
        ("c2", ClaimStatus.FINAL),
        ("c3", ClaimStatus.OPEN),
    ]


def test_an_unsettled_chain_is_settled_by_typing_it_again_or_in_an_answers_file(
    team: dict[str, Path], checklist: Checklist
) -> None:
    # The chain a merge left open could be kept only by adding a hop and removing it again.
    from factcheck.review.scripted import apply_answers, read_answers

    edited(team, checklist, {"ana": [("c1", Action.ADD_HOP, "0", "Reuters", None)]})
    result = merge_worksheets([team["ana"], team["cy"]], Rule.UNANIMOUS, now=lambda: NOW)
    target = _saved(team, result)
    assert still_unsettled(load_worksheet(target)) == ("c1.chain",)
    asker = Settler(Correct(Action.CHAIN, None))  # the chain as it is: none
    settled_by(target, asker)
    assert asker.verdicts[0].hints is not None
    assert asker.verdicts[0].hints.lines == ('chain: ana "Reuters"',)
    settled = load_worksheet(target)
    assert settled.entry("c1").claim.attribution.via == ()
    assert still_unsettled(settled) == ()
    # The same by an answers file naming the chain it has, on a fresh merge.
    target.unlink()
    merged = load_worksheet(_saved(team, result))
    answers = target.parent / "answers.yaml"
    answers.write_text("c1:\n  chain: []\n", encoding="utf-8")
    script = read_answers(answers, merged, checklist)
    outcome = apply_answers(merged, checklist, script, lambda ws, c: None, reviewer="dee")
    assert outcome.changes == 1
    assert still_unsettled(outcome.worksheet) == ()
