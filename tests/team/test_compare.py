"""`compare`: reviewers side by side, agreement figures, refusals of mismatched worksheets."""

from __future__ import annotations

import io
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from inprocess import run_cli

from factcheck.checklist.load import Checklist, load_checklist
from factcheck.errors import TeamError
from factcheck.render.console import make_console
from factcheck.render.team import render_terminal
from factcheck.render.team_json import render_json
from factcheck.render.team_markdown import render_markdown
from factcheck.review.journal import load_worksheet, save_worksheet
from factcheck.review.own import worksheet_reviewer
from factcheck.review.worksheet import ChecklistRef
from factcheck.team.compare import Comparison, compare_worksheets
from factcheck.team.merge import Rule, merge_worksheets

TEAM = Path(__file__).resolve().parents[1] / "fixtures" / "team"
REGEN = os.environ.get("FACTCHECK_REGEN") == "1"
Pick = Callable[..., list[Path]]


def check_reference(name: str, text: str) -> None:
    path = TEAM / name
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def package_alpha(rows: list[list[float]], level: str, domain: list[int]) -> float:
    data = np.array(rows, dtype=float)
    return round(
        float(krippendorff.alpha(data, level_of_measurement=level, value_domain=domain)), 3
    )


NAN = float("nan")


def test_reviewer_names_come_from_who_made_the_changes(pick: Pick) -> None:
    ana = pick("ana")[0]
    assert worksheet_reviewer(load_worksheet(ana), ana) == "ana"


def test_markdown_shows_answers_verdicts_notes_and_evidence_side_by_side(pick: Pick) -> None:
    comparison = compare_worksheets(pick("ana", "ben", "cy"))
    text = render_markdown(comparison).replace(str(pick("ana")[0].parent), "TMP")
    check_reference("evacuation.compare.md", text)


def test_json_agreement_equals_the_krippendorff_package(pick: Pick) -> None:
    data = json.loads(render_json(compare_worksheets(pick("ana", "ben", "cy"))))
    verdict = data["agreement"]["verdict"]
    # Verdicts (supported=0 < unproven=1 < disputed=2 on the checklist's scale), Cy skipped c2.
    rows = [[0, 2, 0], [0, 1, 0], [0, NAN, 1]]
    assert verdict["metric"] == "ordinal"
    assert round(verdict["krippendorff_alpha"], 3) == package_alpha(rows, "ordinal", [0, 1, 2])
    assert verdict["percent_agreement"] == pytest.approx(1 / 3)
    assert (verdict["claims"], verdict["ratings"]) == (3, 8)
    assert "cohen_kappa" not in verdict
    confidence = data["agreement"]["questions"]["confidence"]
    rows = [[4, 2, 5], [5, 2, 3], [4, NAN, 4]]
    assert confidence["metric"] == "ordinal"
    expected = package_alpha(rows, "ordinal", [1, 2, 3, 4, 5])
    assert round(confidence["krippendorff_alpha"], 3) == expected
    primary = data["agreement"]["questions"]["primary_source"]
    codes = {"yes": 0, "no": 1, "unclear": 2}
    rows = [
        [codes[v] for v in ("yes", "no", "yes")],
        [codes[v] for v in ("yes", "no", "unclear")],
        [codes["yes"], NAN, codes["yes"]],
    ]
    assert primary["metric"] == "nominal"
    assert round(primary["krippendorff_alpha"], 3) == package_alpha(rows, "nominal", [0, 1, 2])
    assert data["claims"][1] == {
        "id": "c2",
        "text": (
            "The ministry told Al-Manar that 12 drones were shot down, according to the channel."
        ),
        "agreed": False,
        "verdicts": {"ana": "disputed", "ben": "unproven", "cy": None},
        "status": {"ana": "final", "ben": "final", "cy": "skipped"},
        "overrides": {},
        "questions": {
            "primary_source": {
                "agreed": True,
                "answers": {"ana": "no", "ben": "no", "cy": None},
                "notes": {},
                "evidence": {},
            },
            "partisan_outlet": {
                "agreed": True,
                "answers": {"ana": "yes", "ben": "yes", "cy": None},
                "notes": {
                    "ana": "Al-Manar is Hezbollah's channel.",
                    "ben": "Al-Manar is Hezbollah's channel.",
                },
                "evidence": {
                    "ana": ["https://example.org/al-manar"],
                    "ben": ["https://example.org/al-manar"],
                },
            },
            "corroborated": {
                "agreed": False,
                "answers": {"ana": "no", "ben": "unclear", "cy": None},
                "notes": {"ben": "Two wire reports, both citing the ministry."},
                "evidence": {},
            },
            "confidence": {
                "agreed": True,
                "answers": {"ana": "2", "ben": "2", "cy": None},
                "notes": {},
                "evidence": {},
            },
        },
    }


def test_two_reviewers_get_cohens_kappa(pick: Pick) -> None:
    data = json.loads(render_json(compare_worksheets(pick("ana", "ben"))))
    verdict = data["agreement"]["verdict"]
    # ana: supported, disputed, supported; ben: supported, unproven, supported.
    # p_o = 2/3; both said supported twice, so p_e = 4/9 and kappa = (6/9 - 4/9) / (5/9) = 0.4.
    assert verdict["cohen_kappa"] == pytest.approx(0.4)
    assert verdict["cohen_kappa_claims"] == 3
    primary = data["agreement"]["questions"]["primary_source"]
    assert set(primary) >= {"krippendorff_alpha", "percent_agreement", "cohen_kappa", "claims"}


def test_a_figure_that_cannot_be_computed_says_so(pick: Pick) -> None:
    data = json.loads(render_json(compare_worksheets(pick("ana", "cy"))))
    corroborated = data["agreement"]["questions"]["corroborated"]
    # Cy skipped c2 and was never asked on c3: no claim has two answers.
    assert corroborated["krippendorff_alpha"] is None
    assert corroborated["unavailable"]["krippendorff_alpha"] == "no claim has two ratings"
    assert corroborated["unavailable"]["cohen_kappa"] == "no claim is rated by both reviewers"
    assert "NaN" not in render_json(compare_worksheets(pick("ana", "cy")))


def test_terminal_marks_disagreements_without_colour(pick: Pick) -> None:
    out = io.StringIO()
    console = make_console("never", width=100, file=out)
    console.print(render_terminal(compare_worksheets(pick("ana", "ben", "cy"))))
    text = out.getvalue()
    assert "  c2      Disputed    Unproven    skipped     ≠" in text
    assert "  c1      Supported   Supported   Supported" in text
    assert "ben on corroborated: Two wire reports, both citing the ministry." in text
    assert "verdict                3         33%   0.597 ordinal" in text


def _rewrite(path: Path, target: Path, **changes: object) -> Path:
    worksheet = load_worksheet(path)
    save_worksheet(target, replace(worksheet, **changes))  # type: ignore[arg-type]
    return target


def test_another_article_is_refused(pick: Pick, tmp_path: Path) -> None:
    ana, ben = pick("ana", "ben")
    worksheet = load_worksheet(ben)
    other = _rewrite(
        ben,
        tmp_path / "other.worksheet.yaml",
        document=replace(worksheet.document, sha256="a" * 64),
    )
    with pytest.raises(TeamError) as caught:
        compare_worksheets([ana, other])
    assert str(caught.value) == (
        f"{other} is of another article than {ana} (sha256 aaaaaaaaaaaa vs 555555555555)"
    )


def test_another_checklist_version_is_refused(pick: Pick, checklist: Checklist) -> None:
    ana, ben = pick("ana", "ben")
    ref = load_worksheet(ben).checklist
    _rewrite(ben, ben, checklist=ChecklistRef(ref.id, 2, ref.sha256, ref.source))
    with pytest.raises(TeamError) as caught:
        compare_worksheets([ana, ben])
    assert str(caught.value) == (
        f"{ben} uses checklist 'review-test' version 2, {ana} uses 'review-test' version 1"
    )


def test_the_same_reviewer_twice_and_a_single_worksheet_are_refused(pick: Pick) -> None:
    ana = pick("ana")[0]
    with pytest.raises(TeamError, match="give at least two worksheets"):
        compare_worksheets([ana])
    with pytest.raises(TeamError) as caught:
        compare_worksheets([ana, ana])
    assert str(caught.value) == f"{ana} is given twice; give each reviewer's worksheet once"
    copy = ana.with_name("copy.worksheet.yaml")
    shutil.copyfile(ana, copy)
    with pytest.raises(TeamError) as caught:
        compare_worksheets([ana, copy])
    assert str(caught.value) == f"{copy} and {ana} are both by reviewer 'ana'"


def test_an_ordered_choice_question_gets_ordinal_alpha(
    tmp_path: Path, team_with: Callable[[Path], list[Path]]
) -> None:
    # primary_source with its answers ranked: yes < unclear < no.
    text = (TEAM.parent / "review" / "checklist.yaml").read_text(encoding="utf-8")
    ranked = text.replace(
        "help: A document, a recording or a first-hand witness.\n    answers: yes-no-unclear",
        "help: A document, a recording or a first-hand witness.\n"
        "    answers: [yes, unclear, no]\n    ordered: true",
    )
    assert ranked != text
    (tmp_path / "checklist.yaml").write_text(ranked, encoding="utf-8")
    paths = team_with(tmp_path / "checklist.yaml")
    data = json.loads(render_json(compare_worksheets(paths)))
    primary = data["agreement"]["questions"]["primary_source"]
    # Ana yes, no, yes; Ben yes, no, unclear; Cy yes, (skipped c2), yes.
    rows: list[list[float]] = [[0, 2, 0], [0, 2, 1], [0, NAN, 0]]
    assert primary["metric"] == "ordinal"
    expected = package_alpha(rows, "ordinal", [0, 1, 2])
    assert round(primary["krippendorff_alpha"], 3) == expected
    assert expected != package_alpha(rows, "nominal", [0, 1, 2])
    assert data["agreement"]["questions"]["corroborated"]["metric"] == "nominal"


def test_reviewers_that_do_not_fit_side_by_side_are_grouped_by_answer(pick: Pick) -> None:
    out = io.StringIO()
    console = make_console("never", width=44, file=out)
    console.print(render_terminal(compare_worksheets(pick("ana", "ben", "cy"))))
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    assert "Verdicts (the reviewers do not fit side by" in lines
    assert "  c1  Supported: all" in lines
    assert "  c2 ≠  Disputed: ana · Unproven: ben ·" in lines
    assert "  c3 ≠  Unproven: cy · Supported: the other" in lines
    assert "│   confidence ≠  5: ben · 4: the other 2  │" in lines
    assert "│   corroborated ≠  no: ana · unclear: ben │" in lines


def test_an_override_the_checklist_s_scale_lacks_is_no_reviewer_s_verdict(
    pick: Pick, checklist: Checklist
) -> None:
    # It counted as the reviewer's verdict, compared with verdicts of the checklist's scale.
    from factcheck.review.worksheet import Override
    from factcheck.team.compare import ReviewerVerdict, _verdict

    entry = load_worksheet(pick("ana")[0]).entry("c2")
    assert entry.override is None and not entry.skipped
    ruled = _verdict(checklist, "ana", entry)
    stale = replace(entry, override=Override("retracted", "Pulled", "ana", "2024-03-02T10:00:00Z"))
    assert _verdict(checklist, "ana", stale) == ruled
    kept = replace(entry, override=Override("disputed", "Denied", "ana", "2024-03-02T10:00:00Z"))
    assert _verdict(checklist, "ana", kept) == ReviewerVerdict(
        "ana", "disputed", "Disputed", "override", "Denied"
    )


def test_reviewers_who_used_different_checklists_of_one_id_and_version_are_refused(
    team: dict[str, Path], checklist: Checklist
) -> None:
    # Ben's own copy of the checklist, id and version kept: a contradicted claim is unproven.
    # Each reviewer's verdict was recomputed with the first worksheet's checklist.
    ana, ben = team["ana"], team["ben"]
    text = (TEAM.parent / "review" / "checklist.yaml").read_text(encoding="utf-8")
    mine = ben.parent / "mine.yaml"
    mine.write_text(text.replace("verdict: disputed", "verdict: unproven"), encoding="utf-8")
    theirs = load_checklist(mine)
    assert (theirs.id, theirs.version) == (checklist.id, checklist.version)
    ref = ChecklistRef(theirs.id, theirs.version, theirs.sha256, "mine.yaml")
    _rewrite(ben, ben, checklist=ref)
    ours, other = checklist.sha256[:12], theirs.sha256[:12]
    for first, second, named in (
        (ana, ben, f"{mine} (sha256 {other}) and {ben.parent}/checklist.yaml (sha256 {ours})"),
        (ben, ana, f"{ben.parent}/checklist.yaml (sha256 {ours}) and {mine} (sha256 {other})"),
    ):
        for run in (compare_worksheets, lambda paths: merge_worksheets(paths, Rule.MAJORITY)):
            with pytest.raises(TeamError) as caught:
                run([first, second])
            assert str(caught.value) == (
                f"{second} and {first} were made with different checklists of the same id and "
                f"version ('review-test' version 1): {named}"
            )


def test_one_checklist_file_edited_between_two_reviews_is_compared_with_a_warning(
    team: dict[str, Path], checklist: Checklist
) -> None:
    # Ana reviewed before the team's checklist file was edited, ben after: one checklist, as
    # it is now, decides both reviewers' verdicts, whatever the order of the worksheets.
    ana, ben = team["ana"], team["ben"]
    shared = ana.parent / "checklist.yaml"
    text = shared.read_text(encoding="utf-8")
    shared.write_text(text.replace("verdict: disputed", "verdict: unproven"), encoding="utf-8")
    edited = load_checklist(shared)
    (ana.parent / "sub").mkdir()
    moved = _rewrite(
        ben,
        ana.parent / "sub" / ben.name,
        checklist=ChecklistRef(edited.id, edited.version, edited.sha256, "../checklist.yaml"),
    )
    forward = compare_worksheets([ana, moved])
    backward = compare_worksheets([moved, ana])
    warning = (
        f"checklist 'review-test' was edited since these worksheets were made ({ana}); answers "
        "are compared as they are",
    )
    assert forward.warnings == backward.warnings == warning

    def verdicts(comparison: Comparison) -> dict[str, dict[str, str | None]]:
        return {c.id: {v.reviewer: v.verdict for v in c.verdicts} for c in comparison.claims}

    assert verdicts(forward) == verdicts(backward)
    assert verdicts(forward)["c2"] == {"ana": "unproven", "ben": "unproven"}


def test_compare_and_merge_refuse_a_reviewers_own_copy_of_a_built_in_checklist(
    tmp_path: Path,
) -> None:
    # Eve's c3 was shown "False" (ana's checklist) or ana's "Accurate" (eve's): by argument order.
    repo = Path(__file__).resolve().parents[2]
    shutil.copyfile(repo / "examples" / "seed-article.txt", tmp_path / "s.txt")
    text = (repo / "checklists" / "quick.yaml").read_text(encoding="utf-8")
    (tmp_path / "myquick.yaml").write_text(
        text.replace('verdict: "false"', "verdict: accurate", 1), encoding="utf-8"
    )
    env = {"COLUMNS": "120", "FACTCHECK_REPORTS_DIR": None}
    for name, folder, chosen in (("ana", "a", "quick"), ("eve", "e", "myquick.yaml")):
        done = run_cli(
            *("review", "s.txt", "--reviewer", name, "--checklist", chosen, "--no-input"),
            *("--answers", str(TEAM / "empty.answers.yaml"), "--reports-dir", folder),
            cwd=tmp_path,
            env=env,
        )
        assert done.returncode == 0, done.stderr
    ours = load_checklist("quick").sha256[:12]
    theirs = load_checklist(tmp_path / "myquick.yaml").sha256[:12]
    ana, eve = "a/s.worksheet.yaml", "e/s.worksheet.yaml"
    for command in (("compare",), ("merge", "--output", "m.worksheet.yaml")):
        done = run_cli(*command, ana, eve, cwd=tmp_path, env=env)
        assert (done.returncode, done.stdout, done.stderr) == (
            1,
            "",
            f"Error: {eve} and {ana} were made with different checklists of the same id and "
            f"version ('quick' version 1): myquick.yaml (sha256 {theirs}) and the built-in "
            f"quick (sha256 {ours})\n",
        )
    assert not (tmp_path / "m.worksheet.yaml").exists()
