"""`merge`: one worksheet by majority or unanimity, originals kept, open questions adjudicated."""

from __future__ import annotations

import io
import itertools
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from askers import Replies
from inprocess import run_cli
from rich.console import Console

from factcheck.checklist.load import Checklist
from factcheck.errors import WorksheetError
from factcheck.render.team import render_merge
from factcheck.render.team_cells import still_open
from factcheck.report.model import load_report
from factcheck.review.journal import load_worksheet, save_worksheet
from factcheck.review.loop import run_review
from factcheck.review.prompts import (
    Correct,
    Reply,
)
from factcheck.review.session import open_review
from factcheck.review.worksheet import (
    Action,
    Publication,
    Worksheet,
    apply_change,
    make_change,
)
from factcheck.review.worksheet_yaml import dump_worksheet, parse_worksheet
from factcheck.team.merge import (
    MERGE_REVIEWER,
    MergeResult,
    Rule,
    adjudication_hints,
    decide,
    merge_worksheets,
    rebased_checklist_source,
    reviewer_sheets,
)

Pick = Callable[..., list[Path]]
NOW = "2024-03-09T12:00:00Z"


def values(worksheet: Worksheet) -> dict[str, dict[str, str | None]]:
    return {e.id: {q: a.value for q, a in e.answers.items()} for e in worksheet.claims}


def test_decide_follows_the_rule() -> None:
    assert decide(["yes", "yes", "no"], Rule.MAJORITY) == "yes"
    assert decide(["yes", "no"], Rule.MAJORITY) is None
    assert decide(["yes", "no", "unclear"], Rule.MAJORITY) is None
    assert decide(["yes"], Rule.MAJORITY) == "yes"
    assert decide([], Rule.MAJORITY) is None
    assert decide(["yes", "yes"], Rule.UNANIMOUS) == "yes"
    assert decide(["yes", "yes", "no"], Rule.UNANIMOUS) is None
    assert decide(["yes"], Rule.UNANIMOUS) is None


def test_majority_of_three(pick: Pick) -> None:
    result = merge_worksheets(pick("ana", "ben", "cy"), Rule.MAJORITY, now=lambda: NOW)
    assert values(result.worksheet) == {
        "c1": {"primary_source": "yes", "partisan_outlet": "no", "confidence": "4"},
        # Cy skipped c2: ana and ben decide; they differ on corroborated.
        "c2": {
            "primary_source": "no",
            "partisan_outlet": "yes",
            "corroborated": None,
            "confidence": "2",
        },
        "c3": {
            "primary_source": "yes",
            "partisan_outlet": "no",
            "corroborated": "yes",
            "confidence": None,
        },
    }
    assert result.open == (("c2", "corroborated"), ("c3", "confidence"))
    assert result.worksheet.merge is not None
    assert result.worksheet.merge.open == ("c2.corroborated", "c3.confidence")
    assert [entry.skipped for entry in result.worksheet.claims] == [False, False, False]


def test_unanimous_keeps_only_shared_answers(pick: Pick) -> None:
    result = merge_worksheets(pick("ana", "ben", "cy"), Rule.UNANIMOUS, now=lambda: NOW)
    assert values(result.worksheet)["c3"] == {
        "primary_source": None,
        "partisan_outlet": None,
        "corroborated": None,
        "confidence": None,
    }
    assert values(result.worksheet)["c1"] == {
        "primary_source": "yes",
        "partisan_outlet": "no",
        "confidence": None,
    }
    assert ("c3", "corroborated") in result.open  # only Ben answered it


def test_notes_and_evidence_of_every_reviewer_are_kept(pick: Pick) -> None:
    result = merge_worksheets(pick("ana", "ben", "cy"), Rule.MAJORITY, now=lambda: NOW)
    c2 = result.worksheet.entry("c2")
    assert c2.answers["partisan_outlet"].note == "ana, ben: Al-Manar is Hezbollah's channel."
    assert c2.answers["partisan_outlet"].evidence == ("https://example.org/al-manar",)
    assert c2.answers["corroborated"].note == "ben: Two wire reports, both citing the ministry."
    originals = result.worksheet.audit[: result.worksheet.merge.originals]  # type: ignore[union-attr]
    assert {change.reviewer for change in originals} == {"ana", "ben", "cy"}
    evidence = [(c.reviewer, c.claim, c.new) for c in originals if c.action is Action.EVIDENCE]
    assert evidence == [
        ("ana", "c2", "https://example.org/al-manar"),
        ("ben", "c2", "https://example.org/al-manar"),
        ("ben", "c3", "https://example.org/homes"),
    ]
    after = result.worksheet.audit[result.worksheet.merge.originals :]  # type: ignore[union-attr]
    assert {change.reviewer for change in after} == {MERGE_REVIEWER}
    reasons = {(c.claim, c.question): c.reason for c in after if c.action is Action.ANSWER}
    assert reasons[("c2", "corroborated")] == "open under the majority rule: ana no, ben unclear"
    assert reasons[("c1", "confidence")] == "majority: 2 of 3 (ana 4, ben 5, cy 4)"


def test_each_reviewer_is_rebuilt_from_the_merged_worksheet(
    pick: Pick, tmp_path: Path, checklist: Checklist
) -> None:
    paths = pick("ana", "ben", "cy")
    result = merge_worksheets(paths, Rule.MAJORITY, now=lambda: NOW)
    target = paths[0].parent / "merged.worksheet.yaml"
    save_worksheet(target, result.worksheet)
    loaded = load_worksheet(target, checklist)
    assert loaded == parse_worksheet(dump_worksheet(result.worksheet), checklist=checklist)
    assert loaded.merge == result.worksheet.merge
    for sheet, path in zip(reviewer_sheets(loaded, target), paths, strict=True):
        original = load_worksheet(path, checklist)
        assert values(sheet.worksheet) == values(original)
        assert [e.skipped for e in sheet.worksheet.claims] == [e.skipped for e in original.claims]
        notes = {(e.id, q): a.note for e in original.claims for q, a in e.answers.items()}
        rebuilt = {(e.id, q): a.note for e in sheet.worksheet.claims for q, a in e.answers.items()}
        assert rebuilt == notes


def test_review_of_a_merge_asks_only_the_open_questions(pick: Pick) -> None:
    paths = pick("ana", "ben", "cy")
    result = merge_worksheets(paths, Rule.MAJORITY, now=lambda: NOW)
    target = paths[0].parent / "merged.worksheet.yaml"
    save_worksheet(target, result.worksheet)
    setup = open_review(str(target), reports_dir=target.parent, reviewer="dee")
    setup.hints = adjudication_hints(setup.session.worksheet, setup.checklist)
    script = Replies(Reply("no"), Reply("4"))
    with setup.session:
        outcome = run_review(
            setup.session.worksheet,
            setup.checklist,
            script,
            setup.session.record,
            reviewer="dee",
            hints=setup.hints,
            only_open=True,
        )
    asked = [(p.entry.id, p.question.id) for p in script.prompts]
    assert asked == [("c2", "corroborated"), ("c3", "confidence")]
    assert script.prompts[0].hints is not None
    assert script.prompts[0].hints.title == "Reviewers"
    assert script.prompts[0].hints.lines == (
        "corroborated: ana: no; ben: unclear (Two wire reports, both citing the ministry.)",
    )
    assert script.prompts[1].hints is not None
    assert script.prompts[1].hints.lines == ("confidence: ana: 5; ben: 3; cy: 4",)
    assert outcome.finished
    merged = load_worksheet(target)
    assert merged.entry("c2").answers["corroborated"].value == "no"
    assert merged.entry("c2").answers["corroborated"].reviewer == "dee"


ASK_BOTH = "expected a claim of the worksheet and a question"


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (
            ("rule: majority", "rule: dictator"),
            "rule",
            "expected majority or unanimous, got 'dictator'",
        ),
        (
            ("reviewers: [ana, ben]", "reviewers: []"),
            "reviewers",
            "expected two reviewers or more, got 0",
        ),
        (
            ("reviewers: [ana, ben]", "reviewers: [ana, ana]"),
            "reviewers[1]",
            "reviewer 'ana' is listed twice",
        ),
        (
            ("reviewers: [ana, ben]", "reviewers: [ana, ben, cy]"),
            "worksheets",
            "expected one per reviewer (3), got 2",
        ),
        (
            ("- c2.corroborated", "- c9.corroborated"),
            "open[1]",
            f"{ASK_BOTH}, got 'c9.corroborated'",
        ),
        (("- c2.corroborated", "- c2"), "open[1]", f"{ASK_BOTH}, got 'c2'"),
    ],
)
def test_a_merge_record_edited_by_hand_is_one_error(
    pick: Pick, tmp_path: Path, edit: tuple[str, str], line: str, message: str
) -> None:
    # An empty list of reviewers was "internal error: ValueError: zip() argument 2 is longer";
    # an unknown rule or open question was taken as it was.
    merged = merge_worksheets(pick("ana", "ben"), Rule.MAJORITY, now=lambda: NOW).worksheet
    path = tmp_path / "team.worksheet.yaml"
    save_worksheet(path, merged)
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1]), encoding="utf-8")
    key = line.split("[")[0]
    number = text[: text.index(f"\n  {key}:")].count("\n") + 2  # the key's line
    number += 2 if line == "open[1]" else 0  # the second item, on a line of its own
    with pytest.raises(WorksheetError) as caught:
        load_worksheet(path)
    assert str(caught.value) == f"{path}:{number}: merge.{line}: {message}"


@pytest.mark.parametrize("shift", [-2, -1, 1])
def test_a_count_of_the_reviewers_entries_edited_by_hand_is_one_error(
    pick: Pick, tmp_path: Path, shift: int
) -> None:
    # Lowered, the reviewers' own answers counted as settling what the merge left open: every
    # open question "settled", the claim final on one reviewer's answer.
    merged = merge_worksheets(pick("ana", "ben"), Rule.MAJORITY, now=lambda: NOW).worksheet
    assert merged.merge is not None
    count = merged.merge.originals
    own = merged.audit[count]
    assert own.reviewer == MERGE_REVIEWER
    path = tmp_path / "team.worksheet.yaml"
    save_worksheet(path, merged)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(f"originals: {count}\n", f"originals: {count + shift}\n"), encoding="utf-8"
    )
    number = text[: text.index(f"  originals: {count}\n")].count("\n") + 1
    if shift < 0:
        problem = f"the merge's own changes begin at entry {own.seq}"
    else:
        problem = f"entry {own.seq} is by 'merge'"
    with pytest.raises(WorksheetError) as caught:
        load_worksheet(path)
    assert str(caught.value) == (
        f"{path}:{number}: merge.originals: says {count + shift} audit entries are the "
        f"reviewers' own, but {problem}: set it to {count}"
    )


def test_a_checklist_reference_is_rebased_only_when_it_is_a_relative_file(tmp_path: Path) -> None:
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "mine.yaml").write_text("")
    sheet = tmp_path / "reports" / "a.worksheet.yaml"
    out = tmp_path / "team" / "m.worksheet.yaml"
    absolute = str(tmp_path / "lists" / "mine.yaml")
    assert rebased_checklist_source("quick", sheet, out) == "quick"
    assert rebased_checklist_source(absolute, sheet, out) == absolute
    assert rebased_checklist_source("../lists/mine.yaml", sheet, out) == "../lists/mine.yaml"
    assert rebased_checklist_source("../lists/mine.yaml", sheet, tmp_path / "m.worksheet.yaml") == (
        "lists/mine.yaml"
    )


# --- corrections and the report's parts ---------------------------------------------------------

Edit = tuple[str, Action, str | None, str | None]
"""A change a reviewer makes: claim (or 'article'), action, question, new value."""


def edited(paths: dict[str, Path], checklist: Checklist, edits: dict[str, list[Edit]]) -> None:
    """Each named reviewer's worksheet with their corrections and parts of the report made."""
    for name, changes in edits.items():
        worksheet = load_worksheet(paths[name], checklist)
        for claim, action, question, new in changes:
            change = make_change(
                worksheet, claim, action, reviewer=name, question=question, new=new, now=lambda: NOW
            )
            worksheet = apply_change(worksheet, change)
        save_worksheet(paths[name], worksheet)


SPEAKERS: dict[str, list[Edit]] = {
    "ana": [("c1", Action.SPEAKER, None, "Alpha"), ("article", Action.PUBLICATION, "title", "A")],
    "ben": [("c1", Action.SPEAKER, None, "Beta"), ("article", Action.PUBLICATION, "title", "B")],
    "cy": [
        ("c1", Action.SPEAKER, None, "Beta"),
        ("article", Action.PUBLICATION, "title", "B"),
        ("article", Action.PUBLICATION, "summary", "Drones were shot down."),
    ],
}


def attributions(worksheet: Worksheet) -> dict[str, tuple[str | None, str | None, tuple[str, ...]]]:
    return {
        e.id: (e.claim.attribution.speaker, e.claim.attribution.role, e.claim.attribution.via)
        for e in worksheet.claims
    }


def merge_reasons(worksheet: Worksheet) -> list[tuple[str, Action, str | None, str | None, str]]:
    """The merge's own changes other than answers: claim, action, question, new value, reason."""
    assert worksheet.merge is not None
    return [
        (c.claim, c.action, c.question, c.new, c.reason or "")
        for c in worksheet.audit[worksheet.merge.originals :]
        if c.action in (Action.SPEAKER, Action.ROLE, Action.CHAIN, Action.PUBLICATION)
    ]


@pytest.mark.parametrize("order", list(itertools.permutations(["ana", "ben", "cy"])))
def test_corrections_follow_the_majority_whatever_the_order(
    team: dict[str, Path], checklist: Checklist, order: tuple[str, ...]
) -> None:
    # The speaker and the report's title were the first worksheet's: Alpha, 'A' with ana first.
    edited(team, checklist, SPEAKERS)
    result = merge_worksheets([team[n] for n in order], Rule.MAJORITY, now=lambda: NOW)
    merged = result.worksheet
    assert attributions(merged) == {
        "c1": ("Beta", None, ()),
        "c2": ("The ministry", None, ("Al-Manar",)),
        "c3": (None, None, ()),
    }
    assert [e.corrected for e in merged.claims] == [("speaker",), (), ()]
    assert merged.publication == Publication(title="B", summary="Drones were shot down.")
    assert merged.merge is not None
    assert merged.merge.unsettled == ()
    assert (result.corrections, result.unsettled) == (3, ())
    # The whole merged worksheet, reasons and the reviewers' list included, is the same.
    named = merge_worksheets([team[n] for n in sorted(order)], Rule.MAJORITY, now=lambda: NOW)
    assert dump_worksheet(merged) == dump_worksheet(named.worksheet)
    assert merge_reasons(merged) == [
        (
            "c1",
            Action.SPEAKER,
            None,
            "Beta",
            'majority: 2 of 3 (ana "Alpha", ben "Beta", cy "Beta")',
        ),
        (
            "article",
            Action.PUBLICATION,
            "title",
            "B",
            'majority: 2 of 3 (ana "A", ben "B", cy "B")',
        ),
        (
            "article",
            Action.PUBLICATION,
            "summary",
            "Drones were shot down.",
            'majority: 1 of 1 (cy "Drones were shot down.")',
        ),
    ]


def test_unanimous_leaves_a_disputed_correction_as_it_was_and_records_every_value(
    team: dict[str, Path], checklist: Checklist
) -> None:
    # Unanimous adopted ana's Alpha and 'A', which nobody else gave; ben's and cy's were lost.
    edited(team, checklist, SPEAKERS)
    result = merge_worksheets(list(team.values()), Rule.UNANIMOUS, now=lambda: NOW)
    merged = result.worksheet
    assert attributions(merged)["c1"] == ("Officials", None, ())
    assert [e.corrected for e in merged.claims] == [(), (), ()]
    assert merged.publication == Publication()
    assert merged.merge is not None
    assert merged.merge.unsettled == ("c1.speaker", "article.title", "article.summary")
    assert [(u.item, u.votes) for u in result.unsettled] == [
        ("c1.speaker", (("ana", '"Alpha"'), ("ben", '"Beta"'), ("cy", '"Beta"'))),
        ("article.title", (("ana", '"A"'), ("ben", '"B"'), ("cy", '"B"'))),
        ("article.summary", (("cy", '"Drones were shot down."'),)),
    ]
    open_ = "open under the unanimous rule: "
    assert merge_reasons(merged) == [
        ("c1", Action.SPEAKER, None, "Officials", open_ + 'ana "Alpha", ben "Beta", cy "Beta"'),
        ("article", Action.PUBLICATION, "title", None, open_ + 'ana "A", ben "B", cy "B"'),
        ("article", Action.PUBLICATION, "summary", None, open_ + 'cy "Drones were shot down."'),
    ]
    originals = merged.audit[: merged.merge.originals]
    kept = [
        (c.reviewer, c.claim, c.action, c.question, c.new)
        for c in originals
        if c.action in (Action.SPEAKER, Action.PUBLICATION)
    ]
    assert kept == [
        ("ana", "c1", Action.SPEAKER, None, "Alpha"),
        ("ana", "article", Action.PUBLICATION, "title", "A"),
        ("ben", "c1", Action.SPEAKER, None, "Beta"),
        ("ben", "article", Action.PUBLICATION, "title", "B"),
        ("cy", "c1", Action.SPEAKER, None, "Beta"),
        ("cy", "article", Action.PUBLICATION, "title", "B"),
        ("cy", "article", Action.PUBLICATION, "summary", "Drones were shot down."),
    ]
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(render_merge(result))
    assert out.getvalue() == (
        "Merged 3 reviewers (ana, ben, cy) by the unanimous rule: 5 answers settled, 6 open.\n"
        "Open questions: c1.confidence, c2.corroborated, c3.primary_source, "
        "c3.partisan_outlet, c3.corroborated, c3.confidence\n"
        "Corrections and parts of the report: 0 settled, 3 left as they were.\n"
        'Left as they were: c1.speaker (ana "Alpha", ben "Beta", cy "Beta"); '
        'article.title (ana "A", ben "B", cy "B"); '
        'article.summary (cy "Drones were shot down.")\n'
    )


def test_the_chain_and_role_follow_the_rule_and_untouched_values_stay(
    team: dict[str, Path], checklist: Checklist
) -> None:
    edited(
        team,
        checklist,
        {
            "ana": [
                ("c1", Action.ADD_HOP, "0", "Reuters"),
                ("c1", Action.ROLE, None, "spokesman"),
            ],
            "ben": [("c1", Action.ADD_HOP, "0", "Reuters")],
            "cy": [("c1", Action.ADD_HOP, "0", "AP"), ("c1", Action.ADD_HOP, "1", "Reuters")],
        },
    )
    paths = list(team.values())
    majority = merge_worksheets(paths, Rule.MAJORITY, now=lambda: NOW).worksheet
    assert attributions(majority) == {
        "c1": ("Officials", "spokesman", ("Reuters",)),
        "c2": ("The ministry", None, ("Al-Manar",)),
        "c3": (None, None, ()),
    }
    assert [e.corrected for e in majority.claims] == [("role", "chain"), (), ()]
    assert majority.entry("c1").facts["chain.hops"] == 1
    chain = 'majority: 2 of 3 (ana "Reuters", ben "Reuters", cy "AP \u2190 Reuters")'
    assert merge_reasons(majority) == [
        ("c1", Action.ROLE, None, "spokesman", 'majority: 1 of 1 (ana "spokesman")'),
        ("c1", Action.CHAIN, None, "Reuters", chain),
    ]
    unanimous = merge_worksheets(paths, Rule.UNANIMOUS, now=lambda: NOW).worksheet
    assert attributions(unanimous)["c1"] == ("Officials", None, ())
    assert unanimous.entry("c1").facts["chain.hops"] == 0
    assert unanimous.merge is not None
    assert unanimous.merge.unsettled == ("c1.role", "c1.chain")


def test_a_merge_with_corrections_is_saved_read_back_and_each_reviewer_rebuilt(
    team: dict[str, Path], checklist: Checklist
) -> None:
    edited(team, checklist, {**SPEAKERS, "ben": [("c1", Action.ADD_HOP, "0", "Reuters")]})
    paths = list(team.values())
    merged = merge_worksheets(paths, Rule.UNANIMOUS, now=lambda: NOW).worksheet
    target = paths[0].parent / "merged.worksheet.yaml"
    save_worksheet(target, merged)
    loaded = load_worksheet(target, checklist)
    assert loaded == parse_worksheet(dump_worksheet(merged), checklist=checklist)
    assert loaded.merge == merged.merge
    assert "  unsettled:\n  - c1.speaker\n  - c1.chain\n" in target.read_text(encoding="utf-8")
    rebuilt = {s.reviewer: attributions(s.worksheet)["c1"] for s in reviewer_sheets(loaded, target)}
    assert rebuilt == {
        "ana": ("Alpha", None, ()),
        "ben": ("Officials", None, ("Reuters",)),
        "cy": ("Beta", None, ()),
    }
    # The final reviewer is shown each reviewer's correction the rule left open.
    hints = adjudication_hints(loaded, checklist)["c1"].lines
    assert hints[:2] == ('speaker: ana "Alpha"; cy "Beta"', 'chain: ben "Reuters"')


def unsettled_edited(team: dict[str, Path], checklist: Checklist, item: str) -> tuple[Path, int]:
    """A merged worksheet whose second unsettled item (article.title) was edited by hand to
    ITEM, and the number of its line."""
    edited(team, checklist, SPEAKERS)
    merged = merge_worksheets(list(team.values()), Rule.UNANIMOUS, now=lambda: NOW).worksheet
    path = team["ana"].parent / "team.worksheet.yaml"
    save_worksheet(path, merged)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - article.title\n", f"  - {item}\n"), encoding="utf-8")
    return path, text[: text.index("  - article.title\n")].count("\n") + 1


@pytest.mark.parametrize("item", ["c9.speaker", "c9.drop", "c1.answer", "article.reviewer"])
def test_an_unsettled_item_edited_by_hand_is_one_error(
    team: dict[str, Path], checklist: Checklist, item: str
) -> None:
    path, number = unsettled_edited(team, checklist, item)
    with pytest.raises(WorksheetError) as caught:
        load_worksheet(path)
    assert str(caught.value) == (
        f"{path}:{number}: merge.unsettled[1]: expected a claim of the worksheet and speaker, "
        f"role, chain, drop, override or split, or article and a part, got {item!r}"
    )


def test_an_unsettled_item_listed_twice_by_hand_is_one_error(
    team: dict[str, Path], checklist: Checklist
) -> None:
    # Written twice, it was listed twice in the report's to-do list.
    path, number = unsettled_edited(team, checklist, "c1.speaker")
    with pytest.raises(WorksheetError) as caught:
        load_worksheet(path)
    assert str(caught.value) == f"{path}:{number}: merge.unsettled[1]: 'c1.speaker' is listed twice"


# --- drops: a claim some reviewers said is not a claim ------------------------------------------

DROPS = {"ana": {"c1": "a headline, not a claim", "c3": "not a claim"}, "cy": {"c1": "not a claim"}}


def dropped(paths: dict[str, Path], checklist: Checklist, drops: dict[str, dict[str, str]]) -> None:
    """Each named reviewer's worksheet with the claims named dropped as not claims, for a reason."""
    for name, claims in drops.items():
        worksheet = load_worksheet(paths[name], checklist)
        for claim, reason in claims.items():
            change = make_change(
                worksheet, claim, Action.DROP, reviewer=name, reason=reason, now=lambda: NOW
            )
            worksheet = apply_change(worksheet, change)
        save_worksheet(paths[name], worksheet)


def drop_changes(worksheet: Worksheet) -> list[tuple[str, str | None, str | None]]:
    """The merge's own drop changes: claim, new value ('restored' or None), reason."""
    assert worksheet.merge is not None
    after = worksheet.audit[worksheet.merge.originals :]
    return [(c.claim, c.new, c.reason) for c in after if c.action is Action.DROP]


def printed(result: MergeResult) -> str:
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(render_merge(result))
    return out.getvalue()


@pytest.mark.parametrize("order", list(itertools.permutations(["ana", "ben", "cy"])))
def test_a_claim_most_reviewers_dropped_is_dropped_and_one_most_kept_is_kept(
    team: dict[str, Path], checklist: Checklist, order: tuple[str, ...]
) -> None:
    # c1 was merged with ben's answers alone, and published: ana and cy had said it is no claim.
    dropped(team, checklist, DROPS)
    result = merge_worksheets([team[n] for n in order], Rule.MAJORITY, now=lambda: NOW)
    merged = result.worksheet
    reasons = merged.entry("c1").dropped
    assert (reasons or "").splitlines() == ["ana: a headline, not a claim", "cy: not a claim"]
    assert (merged.entry("c1").answers, merged.entry("c1").override) == ({}, None)
    assert merged.entry("c3").dropped is None
    # ana dropped c3: she does not vote on its questions; ben and cy differ on three of them.
    assert values(merged)["c3"] == {
        "primary_source": None,
        "partisan_outlet": None,
        "corroborated": "yes",
        "confidence": None,
    }
    assert result.drops == (("c1", "dropped"), ("c3", "kept"))
    assert merged.merge is not None
    assert merged.merge.unsettled == ()
    assert not any(claim == "c1" for claim, _question in result.open)
    # The reasons list the reviewers by name, whatever the order of the worksheets.
    assert drop_changes(merged) == [
        ("c1", None, "ana: a headline, not a claim\ncy: not a claim"),
        ("c3", "restored", 'majority: 2 of 3 (ana dropped "not a claim", ben kept, cy kept)'),
    ]
    assert printed(result) == (
        "Merged 3 reviewers (ana, ben, cy) by the majority rule: 4 answers settled, 4 open.\n"
        "Open questions: c2.corroborated, c3.primary_source, c3.partisan_outlet, c3.confidence\n"
        "Drops (not a claim): 1 dropped (c1), 1 kept (c3), 0 left open.\n"
    )


def test_a_split_on_a_drop_leaves_the_claim_open_for_the_final_reviewer(
    team: dict[str, Path], checklist: Checklist
) -> None:
    dropped(team, checklist, DROPS)
    result = merge_worksheets(list(team.values()), Rule.UNANIMOUS, now=lambda: NOW)
    merged = result.worksheet
    # Neither dropped nor answered: no verdict is published on a claim some said is none.
    assert [(e.id, e.dropped, e.override) for e in merged.claims] == [
        ("c1", None, None),
        ("c2", None, None),
        ("c3", None, None),
    ]
    assert values(merged)["c1"] == {
        "primary_source": None,
        "partisan_outlet": None,
        "confidence": None,
    }
    assert merged.merge is not None
    assert merged.merge.unsettled == ("c1.drop", "c3.drop")
    assert [(u.item, u.votes) for u in result.unsettled] == [
        (
            "c1.drop",
            (
                ("ana", 'dropped "a headline, not a claim"'),
                ("ben", "kept"),
                ("cy", 'dropped "not a claim"'),
            ),
        ),
        ("c3.drop", (("ana", 'dropped "not a claim"'), ("ben", "kept"), ("cy", "kept"))),
    ]
    open_ = "open under the unanimous rule: "
    assert drop_changes(merged) == [
        (
            "c1",
            "restored",
            open_ + 'ana dropped "a headline, not a claim", ben kept, cy dropped "not a claim"',
        ),
        ("c3", "restored", open_ + 'ana dropped "not a claim", ben kept, cy kept'),
    ]
    after = merged.audit[merged.merge.originals :]
    reasons = {(c.claim, c.question): c.reason for c in after if c.action is Action.ANSWER}
    assert reasons[("c1", "confidence")] == open_ + "ana dropped, ben 5, cy dropped"
    assert reasons[("c3", "corroborated")] == open_ + "ana dropped, ben yes"
    assert printed(result) == (
        "Merged 3 reviewers (ana, ben, cy) by the unanimous rule: 3 answers settled, 8 open.\n"
        "Open questions: c1.primary_source, c1.partisan_outlet, c1.confidence, c2.corroborated, "
        "c3.primary_source, c3.partisan_outlet, c3.corroborated, c3.confidence\n"
        "Drops (not a claim): 0 dropped, 0 kept, 2 left open (c1, c3).\n"
        'Left open: c1.drop (ana dropped "a headline, not a claim", ben kept, cy dropped '
        '"not a claim"); c3.drop (ana dropped "not a claim", ben kept, cy kept)\n'
    )

    # Saved and read back; the final reviewer is shown who dropped it, and drops it or answers.
    target = team["ana"].parent / "merged.worksheet.yaml"
    save_worksheet(target, merged)
    assert load_worksheet(target, checklist).merge == merged.merge
    hints = adjudication_hints(load_worksheet(target, checklist), checklist)
    assert hints["c1"].lines == (
        "dropped as not a claim by ana (a headline, not a claim); cy (not a claim)",
        "primary_source: ben: yes",
        "partisan_outlet: ben: no",
        "confidence: ben: 5",
    )
    setup = open_review(str(target), reports_dir=target.parent, reviewer="dee")
    script = Replies(Correct(Action.DROP, reason="a headline"), Reply("yes"))
    with setup.session:
        run_review(
            setup.session.worksheet,
            setup.checklist,
            script,
            setup.session.record,
            reviewer="dee",
            claims=["c1", "c3"],
            only_open=True,
        )
    assert [(p.entry.id, p.question.id) for p in script.prompts] == [
        ("c1", "primary_source"),
        ("c3", "primary_source"),
        ("c3", "partisan_outlet"),  # answered by Quit
    ]
    settled = load_worksheet(target, checklist)
    assert settled.entry("c1").dropped == "a headline"
    assert settled.entry("c3").answers["primary_source"].value == "yes"
    # Of the 8 questions left open, c1's 3 are gone with it, c3's first is answered and its
    # corroborated is no longer asked (only when primary_source != yes).
    assert still_open(load_report(target)) == 3


def test_a_tie_on_a_drop_is_open_under_the_majority_rule_too(
    team: dict[str, Path], checklist: Checklist
) -> None:
    dropped(team, checklist, {"ana": {"c3": "not a claim"}})
    result = merge_worksheets([team["ana"], team["ben"]], Rule.MAJORITY, now=lambda: NOW)
    assert result.worksheet.merge is not None
    assert result.worksheet.merge.unsettled == ("c3.drop",)
    assert values(result.worksheet)["c3"] == dict.fromkeys(
        ("primary_source", "partisan_outlet", "corroborated", "confidence")
    )
    assert printed(result).splitlines()[2:] == [
        "Drops (not a claim): 0 dropped, 0 kept, 1 left open (c3).",
        'Left open: c3.drop (ana dropped "not a claim", ben kept)',
    ]


def test_merge_of_the_article_drops_what_two_of_three_reviewers_dropped(tmp_path: Path) -> None:
    # "93 answers settled, 0 open": c1 and c3 were published with ben's verdicts.
    repo = Path(__file__).resolve().parents[2]
    shutil.copyfile(repo / "examples" / "seed-article.txt", tmp_path / "s.txt")
    (tmp_path / "drops.yaml").write_text(
        "c1: {drop: 'a restatement of c10, not a new claim'}\nc3: {drop: not a claim}\n"
    )
    answers = {"ana": "drops.yaml", "ben": str(repo / "examples" / "seed-answers.yaml")}
    answers["cy"] = "drops.yaml"

    def factcheck(*args: str) -> subprocess.CompletedProcess[str]:
        env = {"COLUMNS": "250", "FACTCHECK_NOW": NOW, "FACTCHECK_REPORTS_DIR": None}
        return run_cli("--color", "never", *args, cwd=tmp_path, env=env)

    for name, given in answers.items():
        own = () if name == "ana" else ("--own",)
        done = factcheck(
            "review", "s.txt", "--reviewer", name, "--answers", given, "--no-input", *own
        )
        assert done.returncode == 0, done.stderr
    sheets = [
        "reports/s.worksheet.yaml",
        "reports/s.ben.worksheet.yaml",
        "reports/s.cy.worksheet.yaml",
    ]
    done = factcheck("merge", *sheets, "--output", "team/s.worksheet.yaml")
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == (
        "Merged 3 reviewers (ana, ben, cy) by the majority rule: 82 answers settled, 0 open.\n"
        "Corrections and parts of the report: 3 settled, 0 left as they were.\n"
        "Drops (not a claim): 2 dropped (c1, c3), 0 kept, 0 left open.\n"
        "Saved team/s.worksheet.yaml\n"
    )
    report = factcheck("report", "team/s.worksheet.yaml", "-f", "csv")
    assert report.returncode == 0, report.stderr
    published = [row.split(",")[0] for row in report.stdout.splitlines()[1:]]
    assert "c1" not in published
    assert "c3" not in published
    compared = factcheck("compare", *sheets, "-f", "json")
    claims = {claim["id"]: claim["status"] for claim in json.loads(compared.stdout)["claims"]}
    assert claims["c1"] == claims["c3"] == {"ana": "dropped", "ben": "final", "cy": "dropped"}

    split = factcheck("merge", *sheets[:2], "--output", "team/two.worksheet.yaml")
    assert split.returncode == 0, split.stderr
    assert split.stderr.splitlines()[-4:] == [
        "Drops (not a claim): 0 dropped, 0 kept, 2 left open (c1, c3).",
        'Left open: c1.drop (ana dropped "a restatement of c10, not a new claim", ben kept); '
        'c3.drop (ana dropped "not a claim", ben kept)',
        "Settle them with: factcheck review team/two.worksheet.yaml",
        "Saved team/two.worksheet.yaml",
    ]
