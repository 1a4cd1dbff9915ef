"""Claims reviewers added or made by a split: matched across worksheets by their span, given ids
of their own where two worksheets use one id for different claims."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from askers import Settler
from inprocess import run_cli
from rich.console import Console

from factcheck.checklist.load import Checklist
from factcheck.errors import FactcheckWarning, TeamError
from factcheck.render.team import render_merge
from factcheck.render.team_markdown import render_markdown
from factcheck.report.model import ClaimStatus, load_report
from factcheck.review.journal import load_worksheet, save_worksheet
from factcheck.review.loop import run_review
from factcheck.review.prompts import (
    Correct,
    Quit,
)
from factcheck.review.session import open_review
from factcheck.review.worksheet import Action, Worksheet, apply_change, make_change
from factcheck.team.compare import Comparison, compare_sheets, compare_worksheets
from factcheck.team.merge import (
    MergeResult,
    Rule,
    adjudication_hints,
    merge_worksheets,
    reviewer_sheets,
)
from factcheck.team.unsettled import still_unsettled

TEAM = Path(__file__).resolve().parents[1] / "fixtures" / "team"
REGEN = os.environ.get("FACTCHECK_REGEN") == "1"
Pick = Callable[..., list[Path]]
Step = tuple[str, Action, dict[str, str]]
AT = "2024-03-05T10:00:00Z"
NOW = "2024-03-09T12:00:00Z"
# Renumbering claims added under one id is said once per command: only the test above reads it.
pytestmark = pytest.mark.filterwarnings("ignore:claims reviewers added or split off")
TEXT = (
    "Evacuation ordered\nOfficials said 300 people were evacuated on Monday. Roads stayed "
    "closed.\nThe ministry told Al-Manar that 12 drones were shot down, according to the "
    "channel. Critics disagree.\nA reporter counted 40 damaged homes herself."
)
ROADS = "Roads stayed closed."
CRITICS = "Critics disagree."
C2 = "The ministry told Al-Manar that 12 drones were shot down, according to the channel."


def added(claim: str, sentence: str, **answers: str) -> list[Step]:
    """A reviewer's addition of a sentence as a claim under an id, and answers to it."""
    start = TEXT.index(sentence)
    steps: list[Step] = [(claim, Action.ADD_CLAIM, {"new": f"{start}-{start + len(sentence)}"})]
    steps.extend((claim, Action.ANSWER, {"question": q, "new": v}) for q, v in answers.items())
    return steps


def split(claim: str, at: str, new: str, **answers: str) -> list[Step]:
    """A reviewer's split of a claim before the words ``at``, the second part called ``new``."""
    steps: list[Step] = [(claim, Action.SPLIT, {"question": str(TEXT.index(at)), "new": new})]
    steps.extend((new, Action.ANSWER, {"question": q, "new": v}) for q, v in answers.items())
    return steps


def reviewed(path: Path, reviewer: str, *steps: Step) -> None:
    """The reviewer's worksheet with more changes made in a review, saved."""
    worksheet = load_worksheet(path)
    assert worksheet.document.text == TEXT
    for claim, action, details in steps:
        made = make_change(worksheet, claim, action, reviewer=reviewer, now=lambda: AT, **details)  # type: ignore[arg-type]
        worksheet = apply_change(worksheet, made)
    save_worksheet(path, worksheet)


def check_reference(name: str, text: str) -> None:
    path = TEAM / name
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def rows(comparison: Comparison) -> list[tuple[str, str, list[str]]]:
    """Each claim compared: its id, its text, and each reviewer's verdict or status."""
    return [(c.id, c.text, [v.verdict or v.status for v in c.verdicts]) for c in comparison.claims]


def merged(result: MergeResult) -> list[tuple[str, str, dict[str, str | None]]]:
    """Each claim of a merged worksheet: its id, its text and its answers."""
    return [
        (e.id, e.claim.text, {q: a.value for q, a in e.answers.items()})
        for e in result.worksheet.claims
    ]


C1 = "Officials said 300 people were evacuated on Monday."
C3 = "A reporter counted 40 damaged homes herself."
ANA_C1 = {"primary_source": "yes", "partisan_outlet": "no", "confidence": "4"}


def values(worksheet: Worksheet) -> dict[str, dict[str, str | None]]:
    return {e.id: {q: a.value for q, a in e.answers.items()} for e in worksheet.claims}


# --- two reviewers, two claims under one id ---------------------------------------------------


def test_claims_two_reviewers_added_under_one_id_get_distinct_ids_in_article_order(
    pick: Pick,
) -> None:
    # Both were c4 in their own worksheets: compare and merge refused the pair ("... have
    # different claims under id 'c4' (made with different versions of factcheck?)").
    ana, ben = pick("ana", "ben")
    reviewed(ana, "ana", *added("c4", ROADS, primary_source="yes", partisan_outlet="no"))
    reviewed(
        ben,
        "ben",
        *added("c4", CRITICS, primary_source="no", partisan_outlet="no", corroborated="no"),
    )
    with pytest.warns(FactcheckWarning) as caught:
        comparison = compare_worksheets([ana, ben])
    # The renumbering is said on the terminal, not only in the documentation.
    assert [str(w.message) for w in caught] == [
        "claims reviewers added or split off under one id are numbered apart here: "
        "ana's c4 is c5, ben's c4 is c6"
    ]
    assert rows(comparison) == [
        ("c1", C1, ["supported", "supported"]),
        ("c5", ROADS, ["supported", "absent"]),
        ("c2", C2, ["disputed", "unproven"]),
        ("c6", CRITICS, ["absent", "disputed"]),
        ("c3", C3, ["supported", "supported"]),
    ]
    backwards = compare_worksheets([ben, ana])
    assert [(i, text, verdicts[::-1]) for i, text, verdicts in rows(backwards)] == rows(comparison)
    text = render_markdown(comparison)
    check_reference("evacuation-added.compare.md", text)
    # Each added claim is decided by the one reviewer who has it, as a question one answered.
    result = merge_worksheets([ana, ben], Rule.MAJORITY, now=lambda: NOW)
    c2 = {"primary_source": "no", "partisan_outlet": "yes", "corroborated": None, "confidence": "2"}
    c3 = {
        "primary_source": None,
        "partisan_outlet": "no",
        "corroborated": "yes",
        "confidence": None,
    }
    assert merged(result) == [
        ("c1", C1, {"primary_source": "yes", "partisan_outlet": "no", "confidence": None}),
        ("c5", ROADS, {"primary_source": "yes", "partisan_outlet": "no"}),
        ("c2", C2, c2),
        ("c6", CRITICS, {"primary_source": "no", "partisan_outlet": "no", "corroborated": "no"}),
        ("c3", C3, c3),
    ]
    assert result.open == (
        ("c1", "confidence"),
        ("c2", "corroborated"),
        ("c3", "primary_source"),
        ("c3", "confidence"),
    )
    assert [e.corrected for e in result.worksheet.claims] == [(), ("added",), (), ("added",), ()]
    assert merged(merge_worksheets([ben, ana], Rule.MAJORITY, now=lambda: NOW)) == merged(result)


def test_under_unanimous_a_claim_only_one_reviewer_added_is_left_open(pick: Pick) -> None:
    ana, ben = pick("ana", "ben")
    reviewed(ana, "ana", *added("c4", ROADS, primary_source="yes", partisan_outlet="no"))
    reviewed(ben, "ben", *added("c4", CRITICS, primary_source="no"))
    result = merge_worksheets([ana, ben], Rule.UNANIMOUS, now=lambda: NOW)
    assert values(result.worksheet)["c5"] == {"primary_source": None, "partisan_outlet": None}
    assert values(result.worksheet)["c6"] == {"primary_source": None}
    assert [item for item in result.open if item[0] in ("c5", "c6")] == [
        ("c5", "primary_source"),
        ("c5", "partisan_outlet"),
        ("c6", "primary_source"),
    ]
    reasons = {
        (c.claim, c.question): c.reason
        for c in result.worksheet.audit[result.worksheet.merge.originals :]  # type: ignore[union-attr]
        if c.action is Action.ANSWER and c.claim in ("c5", "c6")
    }
    assert reasons == {
        ("c5", "primary_source"): "open under the unanimous rule: ana yes",
        ("c5", "partisan_outlet"): "open under the unanimous rule: ana no",
        ("c6", "primary_source"): "open under the unanimous rule: ben no",
    }


# --- the same sentence added by several reviewers --------------------------------------------


def test_one_sentence_two_reviewers_added_is_one_claim_whatever_its_ids(pick: Pick) -> None:
    ana, ben, cy = pick("ana", "ben", "cy")
    reviewed(ana, "ana", *added("c4", ROADS, primary_source="yes", partisan_outlet="no"))
    # Ben added another sentence first: Roads is his c5, and his c4 is another claim.
    reviewed(
        ben,
        "ben",
        *added("c4", CRITICS, primary_source="no"),
        *added("c5", ROADS, primary_source="yes", partisan_outlet="yes"),
    )
    comparison = compare_worksheets([ana, ben, cy])
    assert [(c.id, c.text) for c in comparison.claims] == [
        ("c1", C1),
        ("c6", ROADS),
        ("c2", C2),
        ("c7", CRITICS),
        ("c3", C3),
    ]
    roads = comparison.claims[1]
    assert [(v.reviewer, v.verdict or v.status) for v in roads.verdicts] == [
        ("ana", "supported"),
        ("ben", "unproven"),
        ("cy", "absent"),
    ]
    assert [(q.question, [a.value for a in q.answers], q.agreed) for q in roads.questions] == [
        ("primary_source", ["yes", "yes", None], True),
        ("partisan_outlet", ["no", "yes", None], False),
    ]
    result = merge_worksheets([cy, ben, ana], Rule.UNANIMOUS, now=lambda: NOW)
    assert values(result.worksheet)["c6"] == {"primary_source": "yes", "partisan_outlet": None}
    assert values(result.worksheet)["c7"] == {"primary_source": None}


def test_one_sentence_added_under_one_id_keeps_it(pick: Pick) -> None:
    ana, ben = pick("ana", "ben")
    reviewed(ana, "ana", *added("c4", ROADS, primary_source="yes", partisan_outlet="no"))
    reviewed(ben, "ben", *added("c4", ROADS, primary_source="yes", partisan_outlet="no"))
    comparison = compare_worksheets([ana, ben])
    assert rows(comparison)[1] == ("c4", ROADS, ["supported", "supported"])
    assert len(comparison.claims) == 4
    result = merge_worksheets([ana, ben], Rule.UNANIMOUS, now=lambda: NOW)
    assert values(result.worksheet)["c4"] == {"primary_source": "yes", "partisan_outlet": "no"}


# --- a split and an addition ------------------------------------------------------------------


def test_a_claim_one_reviewer_split_off_and_one_another_added_are_two_claims(
    pick: Pick, checklist: Checklist, tmp_path: Path
) -> None:
    ana, ben, cy = pick("ana", "ben", "cy")
    reviewed(ana, "ana", *added("c4", CRITICS, primary_source="no", partisan_outlet="no"))
    channel = "according to the channel."
    reviewed(ben, "ben", *split("c2", channel, "c4", primary_source="no", partisan_outlet="yes"))
    comparison = compare_worksheets([ana, ben, cy])
    assert rows(comparison) == [
        ("c1", C1, ["supported", "supported", "supported"]),
        ("c2", C2, ["disputed", "unproven", "skipped"]),
        ("c5", channel, ["absent", "incomplete", "absent"]),
        ("c6", CRITICS, ["incomplete", "absent", "absent"]),
        ("c3", C3, ["supported", "supported", "unproven"]),
    ]
    result = merge_worksheets([ana, ben, cy], Rule.MAJORITY, now=lambda: NOW)
    # Ana reviewed c2 whole, ben split it, cy skipped it: the split is left open, c2 kept whole
    # with ana's answers, ben's part dropped.
    assert [(e.id, e.claim.text, e.corrected) for e in result.worksheet.claims] == [
        ("c1", C1, ()),
        ("c2", C2, ()),
        ("c5", channel, ("split",)),
        ("c6", CRITICS, ("added",)),
        ("c3", C3, ()),
    ]
    assert values(result.worksheet)["c5"] == {}
    assert values(result.worksheet)["c6"] == {"primary_source": "no", "partisan_outlet": "no"}
    made = [
        (c.reviewer, c.claim, c.action, c.question, c.new)
        for c in result.worksheet.audit
        if c.action in (Action.ADD_CLAIM, Action.SPLIT) and c.reviewer != "merge"
    ]
    at = str(TEXT.index(channel))
    start = TEXT.index(CRITICS)
    assert made == [
        ("ana", "c6", Action.ADD_CLAIM, None, f"{start}-{start + len(CRITICS)}"),
        ("ben", "c2", Action.SPLIT, at, "c5"),
    ]


# --- a split some reviewers made and others did not -----------------------------------------

CHANNEL = "according to the channel."
HALF = "The ministry told Al-Manar that 12 drones were shot down,"
SPLIT_AT = 'open under the majority rule: ana whole, ben split before "according to the channel."'


def test_a_split_one_reviewer_made_and_another_did_not_is_left_open(
    pick: Pick, checklist: Checklist, tmp_path: Path
) -> None:
    # Ana reviewed c2 whole, ben split it and answered both parts: the merge kept c2 whole with
    # ben's answers on his half pooled in, and his second half with its own verdict, both final:
    # one sentence published twice, "0 open".
    ana, ben = pick("ana", "ben")
    reviewed(ben, "ben", *split("c2", CHANNEL, "c4", primary_source="no", partisan_outlet="yes"))
    for order in ([ana, ben], [ben, ana]):
        result = merge_worksheets(order, Rule.MAJORITY, now=lambda: NOW)
        claims = result.worksheet.claims
        assert [(e.id, e.claim.text, e.corrected, bool(e.dropped)) for e in claims] == [
            ("c1", C1, (), False),
            ("c2", C2, (), False),
            ("c4", CHANNEL, ("split",), True),
            ("c3", C3, (), False),
        ]
        assert values(result.worksheet)["c2"] == {
            "primary_source": "no",
            "partisan_outlet": "yes",
            "corroborated": "no",
            "confidence": "2",
        }
        assert values(result.worksheet)["c4"] == {}
    result = merge_worksheets([ana, ben], Rule.MAJORITY, now=lambda: NOW)
    assert [(u.item, u.votes) for u in result.unsettled] == [
        ("c2.split", (("ana", "whole"), ("ben", 'split before "according to the channel."')))
    ]
    merged = result.worksheet
    assert merged.merge is not None
    assert [
        (c.claim, c.action, c.reason)
        for c in merged.audit[merged.merge.originals :]
        if c.action in (Action.SPLIT, Action.DROP)
    ] == [
        ("c2", Action.SPLIT, SPLIT_AT),
        ("c4", Action.DROP, f"part of c2 as ben split it: {SPLIT_AT}"),
    ]
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(render_merge(result))
    assert out.getvalue() == (
        "Merged 2 reviewers (ana, ben) by the majority rule: 8 answers settled, 3 open.\n"
        "Open questions: c1.confidence, c3.primary_source, c3.confidence\n"
        'Splits left open: c2.split (ana whole, ben split before "according to the channel.")\n'
    )
    target = tmp_path / "merged.worksheet.yaml"
    save_worksheet(target, merged)
    loaded = load_worksheet(target)
    assert still_unsettled(loaded) == ("c2.split",)
    hints = adjudication_hints(loaded, checklist)
    assert hints["c2"].lines == ('split: ana whole, ben split before "according to the channel."',)
    report = load_report(target)
    assert [(row.id, row.label, row.status) for row in report.claims][1] == (
        "c2",
        "Disputed",
        ClaimStatus.OPEN,
    )
    # The final reviewer's split settles it.
    change = make_change(
        loaded, "c2", Action.SPLIT, reviewer="dee", question=str(TEXT.index(CHANNEL)), new="c5"
    )
    assert still_unsettled(apply_change(loaded, change)) == ()
    # So does accepting its verdict whole, with a conclusion, or overriding it.
    kept = make_change(loaded, "c2", Action.CONCLUSION, reviewer="dee", new="Whole, as written.")
    assert still_unsettled(apply_change(loaded, kept)) == ()
    verdict = make_change(
        loaded, "c2", Action.OVERRIDE, reviewer="dee", new="unproven", reason="one source"
    )
    assert still_unsettled(apply_change(loaded, verdict)) == ()


def test_settling_an_open_split_by_splitting_leaves_the_first_part_to_answer_anew(
    pick: Pick, tmp_path: Path
) -> None:
    # c2 kept whole, with ana's answers on the whole text: split by the final reviewer, its
    # first part was at once final on those answers, a verdict no one gave on that text.
    ana, ben = pick("ana", "ben")
    reviewed(ben, "ben", *split("c2", CHANNEL, "c4", primary_source="no", partisan_outlet="yes"))
    target = tmp_path / "merged.worksheet.yaml"
    save_worksheet(target, merge_worksheets([ana, ben], Rule.MAJORITY, now=lambda: NOW).worksheet)
    assert set(values(load_worksheet(target))["c2"].values()) != {None}
    setup = open_review(str(target), reports_dir=tmp_path, reviewer="dee")
    with setup.session:
        run_review(
            setup.session.worksheet,
            setup.checklist,
            Settler(Correct(Action.SPLIT, position=TEXT.index(CHANNEL)), Quit()),
            setup.session.record,
            reviewer="dee",
            claims=["c2"],
            only_open=True,
        )
    settled = load_worksheet(target)
    assert still_unsettled(settled) == ()
    assert set(values(settled)["c2"].values()) == {None}
    assert [(e.id, e.claim.text) for e in settled.claims if e.dropped is None][1:3] == [
        ("c2", HALF),
        ("c5", CHANNEL),
    ]
    report = load_report(target)
    assert [(row.id, row.status) for row in report.claims][1] == ("c2", ClaimStatus.OPEN)


def test_a_split_the_rule_settles_keeps_the_parts_with_the_answers_of_those_who_split(
    pick: Pick,
) -> None:
    ana, ben, cy = pick("ana", "ben", "cy")
    reviewed(ben, "ben", *split("c2", CHANNEL, "c4", primary_source="no", partisan_outlet="yes"))
    reviewed(
        cy,
        "cy",
        ("c2", Action.UNSKIP, {}),
        *split("c2", CHANNEL, "c4", primary_source="unclear", partisan_outlet="yes"),
    )
    result = merge_worksheets([cy, ana, ben], Rule.MAJORITY, now=lambda: NOW)
    assert merged(result)[1:3] == [
        (
            "c2",
            HALF,
            {
                "primary_source": "no",
                "partisan_outlet": "yes",
                "corroborated": "unclear",
                "confidence": "2",
            },
        ),
        ("c4", CHANNEL, {"primary_source": None, "partisan_outlet": "yes"}),
    ]
    assert result.unsettled == ()
    assert result.open == (("c4", "primary_source"), ("c3", "confidence"))
    changes = result.worksheet.audit
    assert [(c.claim, c.reason) for c in changes if c.action is Action.SPLIT and not c.new] == [
        (
            "c2",
            'majority: 2 of 3 (ana whole, ben split before "according to the channel.", '
            'cy split before "according to the channel.")',
        )
    ]
    # Ana's answers on the whole claim are not counted on its first part.
    reasons = [c.reason for c in changes if c.claim == "c2" and c.action is Action.ANSWER]
    assert reasons[-4] == "majority: 2 of 2 (ben no, cy no)"
    # Kept whole by the rule: the part dropped, nothing left open.
    kept = merge_worksheets([ana, ben, cy], Rule.MAJORITY, now=lambda: NOW)
    assert kept.unsettled == ()
    assert [(e.id, e.claim.text, e.dropped is not None) for e in kept.worksheet.claims][1:3] == [
        ("c2", HALF, False),
        ("c4", CHANNEL, False),
    ]


# --- each reviewer rebuilt from a merged worksheet --------------------------------------------


def test_each_reviewer_with_claims_of_their_own_is_rebuilt_from_the_merged_worksheet(
    pick: Pick, checklist: Checklist
) -> None:
    ana, ben, cy = pick("ana", "ben", "cy")
    reviewed(ana, "ana", *added("c4", ROADS, primary_source="yes", partisan_outlet="no"))
    reviewed(
        ben,
        "ben",
        *added("c4", CRITICS, primary_source="no"),
        *added("c5", ROADS, primary_source="unclear"),
        ("c4", Action.NOTE, {"question": "primary_source", "new": "Which critics?"}),
    )
    result = merge_worksheets([ana, ben, cy], Rule.MAJORITY, now=lambda: NOW)
    target = ana.parent / "merged.worksheet.yaml"
    save_worksheet(target, result.worksheet)
    rebuilt = {s.reviewer: s.worksheet for s in reviewer_sheets(load_worksheet(target), target)}
    renamed = {"ana": {"c4": "c6"}, "ben": {"c4": "c7", "c5": "c6"}, "cy": {}}
    for name, path in (("ana", ana), ("ben", ben), ("cy", cy)):
        original = load_worksheet(path, checklist)
        ids = {e.id: renamed[name].get(e.id, e.id) for e in original.claims}
        assert [e.id for e in rebuilt[name].claims] == [ids[e.id] for e in original.claims]
        assert values(rebuilt[name]) == {ids[i]: v for i, v in values(original).items()}
        notes = {(ids[e.id], q): a.note for e in original.claims for q, a in e.answers.items()}
        assert {
            (e.id, q): a.note for e in rebuilt[name].claims for q, a in e.answers.items()
        } == notes
    assert [e.id for e in rebuilt["cy"].claims] == ["c1", "c2", "c3"]
    # The report's agreement, worked out from the rebuilt worksheets, has them as absent.
    comparison = compare_sheets(reviewer_sheets(result.worksheet, target), checklist)
    assert rows(comparison)[1] == ("c6", ROADS, ["supported", "incomplete", "absent"])


# --- a claim of the extractor that differs -----------------------------------------------------


def test_a_claim_of_the_extractor_that_differs_under_one_id_is_still_refused(
    pick: Pick, tmp_path: Path
) -> None:
    ana, ben = pick("ana", "ben")
    worksheet = load_worksheet(ben)
    start = TEXT.index(CRITICS)
    c3 = worksheet.entry("c3")
    other = replace(c3.claim, text=CRITICS, start=start, end=start + len(CRITICS))
    claims = (*worksheet.claims[:2], replace(c3, claim=other, paragraph=(92, 193)))
    save_worksheet(ben, replace(worksheet, claims=claims))
    message = (
        f"{ben} and {ana} have different texts for claim 'c3' found by the extractor, which "
        "neither reviewer split or merged: they were made with different versions of factcheck, "
        "or one was edited by hand"
    )
    for command in ("compare", "merge"):
        with pytest.raises(TeamError) as caught:
            if command == "compare":
                compare_worksheets([ana, ben])
            else:
                merge_worksheets([ana, ben], Rule.MAJORITY)
        assert str(caught.value) == message
    done = run_cli("compare", str(ana), str(ben), cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", f"Error: {message}\n")
