"""Tests of factcheck.report.model: verdicts, statuses, counts and sources from a worksheet."""

from __future__ import annotations

import dataclasses
import os
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from factcheck.checklist.load import Checklist, load_checklist
from factcheck.errors import RenderError
from factcheck.records import one_line, shorten
from factcheck.report.model import (
    ClaimStatus,
    Report,
    SourceRow,
    VerdictCount,
    answer_text,
    build_report,
    claim_anchor,
    day,
    load_report,
    report_path,
    report_slug,
    write_report,
)
from factcheck.review.journal import load_worksheet
from factcheck.review.worksheet import Worksheet
from factcheck.sources.registry import Registry, load_registry

FIXTURES = Path(__file__).parents[1] / "fixtures" / "report"


@cache
def inputs(name: str, checklist: str = "quick.yaml") -> tuple[Worksheet, Checklist, Registry]:
    loaded = load_checklist(FIXTURES / checklist)
    registry = load_registry([FIXTURES / "sources.yaml"], builtin=False, user=False)
    return load_worksheet(FIXTURES / f"{name}.worksheet.yaml", loaded), loaded, registry


def seed() -> Report:
    return build_report(*inputs("seed"), slug="seed")


def adversarial() -> Report:
    return build_report(*inputs("adversarial", "adversarial-checklist.yaml"))


def test_statuses_verdicts_and_rules() -> None:
    rows = {row.id: row for row in seed().claims}
    assert [(rid, rows[rid].status, rows[rid].verdict) for rid in ("c1", "c2", "c3", "c4")] == [
        ("c1", ClaimStatus.FINAL, "mostly_accurate"),
        ("c2", ClaimStatus.OPEN, "unproven"),
        ("c3", ClaimStatus.FINAL, "unproven"),
        ("c4", ClaimStatus.SKIPPED, "unproven"),
    ]
    assert (rows["c3"].rule, rows["c3"].rule_number, rows["c3"].rank) == ("default", 5, 2)
    assert rows["c2"].missing == (
        "primary_source",
        "corroborated",
        "partisan_chain",
        "hops",
        "hedged",
    )
    c10 = rows["c10"]
    assert (c10.status, c10.verdict, c10.label) == (
        ClaimStatus.FINAL,
        "mostly_accurate",
        "Mostly accurate",
    )
    assert (c10.rule, c10.rule_number, c10.missing) == ("override", None, ())
    assert c10.reason == "Same event as c1; the verdict follows c1."
    assert rows["c16"].colour == "dark_orange"


def test_counts_and_summary() -> None:
    built = seed()
    assert built.counts == (
        VerdictCount("accurate", "Accurate", "green", 0),
        VerdictCount("mostly_accurate", "Mostly accurate", "bright_green", 2),
        VerdictCount("unproven", "Unproven", "yellow", 1),
        VerdictCount("misleading", "Misleading", "dark_orange", 1),
        VerdictCount("false", "False", "red", 0),
    )
    assert (built.final, built.open, built.skipped) == (4, 13, 1)
    assert built.reviewers == ("Demo Reviewer",)
    assert built.reviewed == "2021-06-02T09:45:00Z"
    assert built.grades == ()
    assert built.warnings == ()
    assert built.slug == "seed"


def test_grades_count_final_verdicts_only() -> None:
    assert adversarial().grades == (("B2", 1), ("B6", 1), ("F6", 2))


def test_attribution_chain_runs_from_the_outlet_to_the_speaker() -> None:
    rows = {row.id: row for row in seed().claims}
    assert rows["c3"].chain == ("The Algemeiner", "Al-Manar TV", "Ibrahim Al-Amin")
    assert rows["c2"].chain == ("The Algemeiner", "unnamed source")
    assert rows["c3"].hops == 1
    assert (rows["c3"].speaker_kind, rows["c5"].speaker_kind) == ("person", "think-tank")


def test_answers_follow_the_checklist_and_keep_uncounted_ones() -> None:
    rows = {row.id: row for row in seed().claims}
    c16 = rows["c16"]
    assert [a.question for a in c16.answers] == [
        "primary_source",
        "original_matches",
        "corroborated",
        "partisan_chain",
        "hops",
        "hedged",
    ]
    hops = c16.answers[4]
    assert (hops.value, hops.label, answer_text(hops)) == ("first_hand", "First-hand", "First-hand")
    assert answer_text(c16.answers[0]) == "Yes"
    # original_matches is asked only when primary_source == yes
    assert [a.question for a in rows["c3"].answers][:2] == ["primary_source", "corroborated"]
    c2 = {row.id: row for row in adversarial().claims}["c2"]
    ghost = c2.answers[-1]
    assert (ghost.question, ghost.asked, ghost.counted, ghost.ask) == (
        "ghost_question",
        False,
        False,
        "ghost_question",
    )
    link = {row.id: row for row in adversarial().claims}["c1"].answers[3]
    assert (link.question, link.is_url) == ("link", True)


def test_sources_in_order_of_first_appearance_with_their_claims() -> None:
    sources = seed().sources
    assert [s.id for s in sources][:4] == [
        "algemeiner",
        "benjamin-netanyahu",
        "israel-pmo",
        "al-manar",
    ]
    assert sources[3] == SourceRow(
        id="al-manar",
        name="Al-Manar",
        kind="party or militia media",
        affiliation=("Hezbollah",),
        partisan="yes (pro-Hezbollah)",
        reliability="D",
        claims=("c3", "c4"),
        ratings=(("lin2023", "0.4826"),),
    )
    assert len(sources[0].claims) == 18
    unknown = adversarial().sources[-1]
    assert (unknown.id, unknown.kind, unknown.claims) == (None, "not in the registry", ("c1",))


def test_without_a_registry_sources_are_listed_by_id() -> None:
    worksheet, checklist, _ = inputs("seed")
    built = build_report(worksheet, checklist)
    assert built.sources[0] == SourceRow(
        "algemeiner", "algemeiner", "unknown id", (), None, None, built.sources[0].claims
    )
    assert built.claims[0].speaker_kind is None


def test_building_is_pure() -> None:
    assert seed() == seed()


def test_without_an_audit_log_reviewers_come_from_the_answers() -> None:
    worksheet, checklist, registry = inputs("seed")
    built = build_report(dataclasses.replace(worksheet, audit=()), checklist, registry)
    rows = {row.id: row for row in built.claims}
    assert rows["c16"].reviewers == ("Demo Reviewer",)
    assert rows["c16"].reviewed == "2021-06-02T09:45:00Z"
    assert rows["c4"].reviewed is None  # a skip is only in the audit log
    assert built.reviewers == ("Demo Reviewer",)


def test_a_changed_checklist_is_reported() -> None:
    worksheet, checklist, registry = inputs("seed")
    changed = dataclasses.replace(checklist, sha256="0" * 64)
    built = build_report(worksheet, changed, registry)
    assert built.warnings == (
        "checklist 'quick' changed since this worksheet was made (its questions or rules, "
        "still version 1); every answer is kept",
    )


# --- files -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("seed-article.worksheet.yaml", "seed-article"),
        ("notes.yaml", "notes"),
        ("review.yml", "review"),
        ("plain", "plain"),
        (".worksheet.yaml", "worksheet"),
    ],
)
def test_report_slug(name: str, slug: str) -> None:
    assert report_slug(Path("reports") / name) == slug


def test_report_path_is_beside_the_worksheet() -> None:
    path = Path("reports/seed-article.worksheet.yaml")
    assert report_path(path) == Path("reports/seed-article.md")


def copy_seed(tmp_path: Path) -> Path:
    target = tmp_path / "seed-article.worksheet.yaml"
    shutil.copy(FIXTURES / "seed.worksheet.yaml", target)
    return target


def test_load_report_with_explicit_checklist_and_registry(tmp_path: Path) -> None:
    built = load_report(
        copy_seed(tmp_path),
        checklist=FIXTURES / "quick.yaml",
        registry_paths=[FIXTURES / "sources.yaml"],
    )
    assert built.slug == "seed-article"
    assert built.claims == seed().claims


def test_load_report_refuses_another_checklist(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="uses checklist 'quick', not 'adversarial'"):
        load_report(copy_seed(tmp_path), checklist=FIXTURES / "adversarial-checklist.yaml")


def test_load_report_explains_a_missing_checklist(tmp_path: Path) -> None:
    path = copy_seed(tmp_path)
    text = path.read_text(encoding="utf-8").replace("source: quick", "source: gone.yaml", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RenderError, match=r"cannot load the worksheet's checklist 'gone.yaml'"):
        load_report(path)


def test_write_report_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.md"
    write_report(target, "first\n")
    write_report(target, "second\n")
    assert target.read_text(encoding="utf-8") == "second\n"
    assert [p.name for p in target.parent.iterdir()] == ["report.md"]


def test_write_report_fails_with_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, who writes anywhere: a read-only folder's refusal is simulated.
    real_open = os.open

    def read_only(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", read_only)
    target = tmp_path / "report.md"
    with pytest.raises(RenderError) as info:
        write_report(target, "x")
    assert str(info.value) == f"{target}: cannot save: Permission denied"
    assert list(tmp_path.iterdir()) == []


def test_write_report_into_a_file_path_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(RenderError) as info:
        write_report(blocker / "report.md", "x")
    assert (
        str(info.value)
        == f"{blocker / 'report.md'}: cannot save: {blocker}: is a file, not a folder"
    )


# --- helpers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("short", 10, "short"),
        ("one two three four", 12, "one two…"),
        ("abcdefghijklmnop", 8, "abcdefg…"),
        ("  many\n\tspaces  ", 20, "many spaces"),
    ],
)
def test_shorten(text: str, width: int, expected: str) -> None:
    assert shorten(text, width) == expected
    assert len(shorten(text, width)) <= width


def test_one_line_day_and_anchor() -> None:
    assert one_line(" a\n b\u2028c ") == "a b c"
    assert day("2021-06-02T09:45:00Z") == "2021-06-02"
    assert day(None) is None
    assert day("yesterday") == "yesterday"
    assert claim_anchor("C12") == "claim-c12"
    assert claim_anchor("x|y](z)") is None
