"""Worksheets of three reviewers of one small article, made from answers files as `review` does."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck.checklist.load import Checklist, load_checklist
from factcheck.review.journal import load_worksheet, save_worksheet
from factcheck.review.scripted import apply_answers, read_answers
from factcheck.review.worksheet import Worksheet

TESTS = Path(__file__).resolve().parent.parent
REVIEW = TESTS / "fixtures" / "review"
TEAM = TESTS / "fixtures" / "team"
REVIEWERS = ("ana", "ben", "cy")


def answered(base: Worksheet, checklist: Checklist, reviewer: str, at: str) -> Worksheet:
    """The worksheet with a reviewer's answers file applied, every change stamped `at`."""
    script = read_answers(TEAM / f"{reviewer}.answers.yaml", base, checklist)
    done: list[Worksheet] = [base]

    def save(worksheet: Worksheet, _change: object) -> None:
        done.append(worksheet)

    apply_answers(base, checklist, script, save, reviewer=reviewer, now=lambda: at)
    return done[-1]


@pytest.fixture
def checklist() -> Checklist:
    """The small review-test checklist (a choice question and a 1-5 scale)."""
    return load_checklist(REVIEW / "checklist.yaml")


@pytest.fixture
def team(tmp_path: Path, checklist: Checklist) -> dict[str, Path]:
    """Ana's, Ben's and Cy's worksheets of the evacuation article, beside the checklist."""
    shutil.copy(REVIEW / "checklist.yaml", tmp_path / "checklist.yaml")
    text = (REVIEW / "evacuation.worksheet.yaml").read_text(encoding="utf-8")
    text = text.replace("source: tests/fixtures/review/checklist.yaml", "source: checklist.yaml")
    blank = tmp_path / "evacuation.worksheet.yaml"
    blank.write_text(text, encoding="utf-8")
    base = load_worksheet(blank, checklist)
    paths: dict[str, Path] = {}
    for day, reviewer in enumerate(REVIEWERS, start=2):
        path = tmp_path / f"evacuation.{reviewer}.worksheet.yaml"
        save_worksheet(path, answered(base, checklist, reviewer, f"2024-03-0{day}T10:00:00Z"))
        paths[reviewer] = path
    return paths


@pytest.fixture
def team_with() -> Callable[[Path], list[Path]]:
    """Makes Ana's, Ben's and Cy's worksheets with the checklist file given, beside it."""

    def make(checklist_file: Path) -> list[Path]:
        from factcheck.review.worksheet import ChecklistRef

        checklist = load_checklist(checklist_file)
        blank = load_worksheet(REVIEW / "evacuation.worksheet.yaml")
        ref = ChecklistRef(checklist.id, checklist.version, checklist.sha256, checklist_file.name)
        base = replace(blank, checklist=ref)
        paths = []
        for day, reviewer in enumerate(REVIEWERS, start=2):
            path = checklist_file.parent / f"evacuation.{reviewer}.worksheet.yaml"
            save_worksheet(path, answered(base, checklist, reviewer, f"2024-03-0{day}T10:00:00Z"))
            paths.append(path)
        return paths

    return make


@pytest.fixture
def pick(team: dict[str, Path]) -> Callable[..., list[Path]]:
    """The worksheets of the named reviewers, in that order."""

    def choose(*names: str) -> list[Path]:
        return [team[name] for name in names]

    return choose
