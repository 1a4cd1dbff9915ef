"""Tests for the case judge: which articles can be about the same story, and the places an
article names."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from factcheck.case.chains import ArticleView
from factcheck.case.judge import STORY_DAYS, Judge
from factcheck.extract.pipeline import extract


def view(tmp_path: Path, name: str, text: str, published: str | None = None) -> ArticleView:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    extraction = extract(str(path))
    document = replace(extraction.document, published=published)
    return ArticleView(name, replace(extraction, document=document), name, None, None)


HAIFA = "Officials said 300 people were evacuated in Haifa on Monday. Ines Baro said roads closed."
EILAT = "Officials said 300 people were evacuated in Eilat on Monday. Ines Baro said roads closed."
NOWHERE = "Officials said 300 people were evacuated on Monday. Ines Baro said roads closed."


def test_an_article_names_the_places_it_reports_from(tmp_path: Path) -> None:
    judge = Judge(None, frozenset())
    haifa = view(tmp_path, "a", HAIFA)
    assert judge.places(haifa) == frozenset({"haifa"})  # not the people it names
    assert judge.places(haifa) == frozenset({"haifa"})  # and the same when asked again
    assert judge.places(view(tmp_path, "b", NOWHERE)) == frozenset()
    dateline = view(tmp_path, "c", "KESSEL (Northwire) - Officials said 300 people were evacuated.")
    assert judge.places(dateline) == frozenset({"kessel"})


def test_places_are_read_from_the_whole_body_not_only_its_claims(tmp_path: Path) -> None:
    judge = Judge(None, frozenset())
    article = view(tmp_path, "a", "Why were they still in Haifa?\n\n" + NOWHERE)
    assert "in Haifa" not in " ".join(c.text for c in article.extraction.claims)
    assert judge.places(article) == frozenset({"haifa"})
    claims_only = ArticleView(
        "b", replace(article.extraction, segments=()), "b", None, None
    )  # an extraction without its segments still has its claims
    assert judge.places(view(tmp_path, "c", HAIFA)) == frozenset({"haifa"})
    assert judge.places(claims_only) == frozenset()


def test_a_common_place_or_none_named_makes_the_same_story(tmp_path: Path) -> None:
    judge = Judge(None, frozenset())
    haifa, eilat = view(tmp_path, "a", HAIFA), view(tmp_path, "b", EILAT)
    nowhere, haifa_too = view(tmp_path, "c", NOWHERE), view(tmp_path, "d", HAIFA)
    assert judge.same_story(haifa, haifa_too)
    assert not judge.same_story(haifa, eilat)
    assert judge.same_story(haifa, nowhere) and judge.same_story(nowhere, eilat)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("2021-05-01", "2021-05-01", True),
        ("2021-05-01", "2021-06-30", True),  # STORY_DAYS apart
        ("2021-05-01", "2021-07-01", False),
        ("2021-05-01T09:00:00Z", "2021-06-30T23:00:00Z", True),
        ("2021-05-01T09:00:00Z", "2021-07-01T09:00:00Z", False),
        ("2021-05-01", "2022-05-01", False),
        ("2021-05-01", "last May", True),  # an unknown date rules nothing out
        (None, "2022-05-01", True),
    ],
)
def test_articles_far_apart_in_time_are_other_stories(
    tmp_path: Path, first: str | None, second: str, same: bool
) -> None:
    judge = Judge(None, frozenset())
    a, b = view(tmp_path, "a", HAIFA, first), view(tmp_path, "b", HAIFA, second)
    assert judge.same_story(a, b) is same


def test_the_story_window_is_sixty_days() -> None:
    assert STORY_DAYS == 60


def test_article_overlap_is_the_same_either_way(tmp_path: Path) -> None:
    judge = Judge(None, frozenset())
    a, b = view(tmp_path, "a", HAIFA), view(tmp_path, "b", EILAT)
    assert judge.article_overlap(a, b) == judge.article_overlap(b, a) > 0.3


def outlet_view(tmp_path: Path, name: str, outlet: str, text: str, registry: object) -> ArticleView:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return ArticleView(name, extract(str(path)), outlet, registry, None)  # type: ignore[arg-type]


def test_articles_are_tied_by_their_outlets_and_by_citing_each_other(tmp_path: Path) -> None:
    from factcheck.sources.registry import load_registry

    registry = load_registry(user=False)
    tasnim = outlet_view(tmp_path, "a", "Tasnim News Agency", HAIFA, registry)
    fars = outlet_view(tmp_path, "b", "Fars News Agency", EILAT, registry)
    assert Judge(registry, frozenset()).article_links(tasnim, fars) == (
        "Tasnim News Agency and Fars News Agency are both part of "
        "Office of the Supreme Leader of Iran",
    )  # the first of what they share by id: iran-supreme-leader, irgc
    assert Judge(None, frozenset()).article_links(tasnim, fars) == (
        "Tasnim News Agency and Fars News Agency are both part of iran-supreme-leader",
    )
    again = outlet_view(tmp_path, "c", "Tasnim News Agency", NOWHERE, registry)
    assert Judge(registry, frozenset()).article_links(tasnim, again) == (
        "both published by Tasnim News Agency",
    )
    judge = Judge(None, frozenset())
    herald = outlet_view(
        tmp_path, "d", "Valley Herald", NOWHERE + " It said so, according to the Dispatch.", None
    )
    dispatch = outlet_view(
        tmp_path, "e", "Dispatch", HAIFA + " The Valley Herald reported the same.", None
    )
    both = judge.article_links(herald, dispatch)
    assert both == ("Valley Herald cites Dispatch", "Dispatch cites Valley Herald")
    assert judge.article_links(dispatch, herald) == both  # one answer, asked either way
    assert judge.article_links(herald, outlet_view(tmp_path, "f", "Ledger", EILAT, None)) == ()


def test_a_claim_under_review_without_a_source_is_independent_of_nothing(
    tmp_path: Path,
) -> None:
    from factcheck.case.judge import Relation, group_reports

    judge = Judge(None, frozenset())
    own = view(tmp_path, "a", "300 people were evacuated in Haifa on Monday.")
    other = view(tmp_path, "b", "Officials said 300 people were evacuated in Haifa on Monday.")
    third = view(tmp_path, "c", "Ines Baro said 300 people were evacuated in Haifa on Monday.")
    (own_claim,), (other_claim,), (third_claim,) = (
        own.extraction.claims,
        other.extraction.claims,
        third.extraction.claims,
    )
    assert not judge.root(own, own_claim).known and judge.root(other, other_claim).known
    groups, reasons = group_reports(
        judge,
        (own, own_claim),
        [(other, other_claim, Relation.AGREES), (third, third_claim, Relation.AGREES)],
    )
    assert groups == [0, 0, 0]
    assert reasons[0] == []
    assert reasons[1][-1] == "the claim under review names no source"
    assert reasons[2][-1] == "the claim under review names no source"


def test_a_group_is_named_by_the_source_most_of_its_reports_rest_on(tmp_path: Path) -> None:
    from factcheck.case.judge import group_root

    judge = Judge(None, frozenset())
    said = "said 300 people were evacuated in Haifa on Monday."
    told = "The ministry told Reuters that 300 people were evacuated in Haifa on Monday."
    a = view(tmp_path, "a", f"Ines Baro {said}", "2021-05-02")
    b = view(tmp_path, "b", f"Ines Baro {said}", "2021-05-01")
    c = view(tmp_path, "c", f"Dana Levi {said}", "2021-05-01")
    g = view(tmp_path, "g", f"Avi Cohen {said}", "2021-05-01")
    d, e = view(tmp_path, "d", told, "2021-05-03"), view(tmp_path, "e", told, "2021-05-04")
    undated = view(tmp_path, "f", "300 people were evacuated in Haifa on Monday.")

    def root(*views: ArticleView) -> str:
        return group_root(judge, [(v, v.extraction.claims[0]) for v in views])

    assert root(a, b) == root(a, b, c) == root(a) == "Ines Baro"
    assert root(d, e) == root(d) == "ministry, via Reuters"
    # Nothing in common: the earliest report names the group, then the first by id.
    assert root(a, c) == root(c, a) == "Dana Levi"
    assert root(g, c) == "Dana Levi"
    assert root(undated, a) == "Ines Baro"
