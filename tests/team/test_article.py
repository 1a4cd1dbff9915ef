"""The article of a merge: the same whatever the order of the worksheets, and a warning when the
reviewers' worksheets give different metadata for it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from inprocess import run_cli

from factcheck.checklist.load import Checklist
from factcheck.review.journal import load_worksheet, save_worksheet
from factcheck.team.article import ArticleWarning
from factcheck.team.merge import Rule, merge_worksheets

NOW = "2024-03-09T12:00:00Z"


def test_the_merged_article_does_not_depend_on_the_order_and_a_difference_is_warned_of(
    team: dict[str, Path], checklist: Checklist
) -> None:
    # Ben's worksheet gives another byline and title: the merged worksheet's article was the
    # first argument's, silently.
    ana, ben = team["ana"], team["ben"]
    worksheet = load_worksheet(ben, checklist)
    document = replace(worksheet.document, byline="Jane Roe", title="Another title")
    save_worksheet(ben, replace(worksheet, document=document))
    with pytest.warns(ArticleWarning, match=r"\(title, byline\)"):
        forward = merge_worksheets([ana, ben], Rule.MAJORITY, now=lambda: NOW).worksheet
    with pytest.warns(ArticleWarning):
        backward = merge_worksheets([ben, ana], Rule.MAJORITY, now=lambda: NOW).worksheet
    assert (forward.document.byline, forward.document.title) == (None, "Evacuation ordered")
    assert (backward.document, backward.segments) == (forward.document, forward.segments)
    assert forward.segments == load_worksheet(ana, checklist).segments
    warning = (
        f"Warning: {ben.name} gives other article metadata (title, byline) than "
        f"{ana.name}; a merge takes the article from {ana.name} (ana, the first reviewer by "
        "name)\n"
    )
    merge = ("merge", ben.name, ana.name, "-o", "m.worksheet.yaml")
    for args in (("compare", ben.name, ana.name), merge):
        done = run_cli(*args, cwd=ana.parent)
        assert done.returncode == 0, done.stderr
        assert done.stderr.startswith(warning)
        assert done.stderr.count("Warning") == 1
    assert load_worksheet(ana.parent / "m.worksheet.yaml").document == forward.document


def test_worksheets_with_the_same_article_metadata_give_no_warning(team: dict[str, Path]) -> None:
    done = run_cli("compare", team["ana"].name, team["ben"].name, cwd=team["ana"].parent)
    assert (done.returncode, done.stderr) == (0, "")
