"""Tests for stage ⑧: applicable questions, prefill and the verdict the rules give."""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.checklist.analysis import analyse_checklist
from factcheck.checklist.load import AnswerType, Checklist, load_checklist
from factcheck.checklist.verdicts import (
    Verdict,
    answer_value,
    applicable_questions,
    decide_grade,
    decide_verdict,
    describe_grade,
    explain_facts,
    offered,
    parse_answer,
    prefill,
    suggested,
)
from factcheck.errors import ChecklistError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "verdicts"

QUICK_FACTS = {
    "chain.hops": 1,
    "attribution.hedged": True,
    "attribution.speaker_known": True,
    "sources.any_partisan": True,
    "sources.worst_reliability": "C",
}


def test_quick_verdict_from_a_complete_set_of_answers() -> None:
    quick = load_checklist("quick")
    answers = {
        "primary_source": "yes",
        "original_matches": "yes",
        "corroborated": "no",
        "partisan_chain": "no",
        "hops": "one",
        "hedged": "no",
    }
    assert decide_verdict(quick, answers, QUICK_FACTS) == Verdict(
        verdict="accurate",
        label="Accurate",
        rule=(
            "(primary_source == yes or corroborated == yes) and partisan_chain == no "
            "and hops in [first_hand, one] and hedged == no"
        ),
        grade=None,
        final=True,
        missing=(),
        reason="Confirmed, through a short chain with no interested party, and stated plainly.",
        rule_index=2,
        because=(
            ("primary_source", "yes"),
            ("corroborated", "no"),
            ("partisan_chain", "no"),
            ("hops", "one"),
            ("hedged", "no"),
        ),
    )
    assert decide_verdict(quick, answers, QUICK_FACTS).explain(quick) == (
        "Confirmed, through a short chain with no interested party, and stated plainly. "
        "(primary source: yes; corroborated: no; partisan chain: no; hops: One step; hedged: no)"
    )


def test_verdict_is_not_final_while_required_questions_are_open() -> None:
    quick = load_checklist("quick")
    verdict = decide_verdict(quick, {"corroborated": "contradicted"}, QUICK_FACTS)
    assert (verdict.verdict, verdict.final) == ("false", False)
    assert verdict.missing == ("primary_source", "partisan_chain", "hops", "hedged")


def test_answers_to_questions_no_longer_asked_are_ignored() -> None:
    quick = load_checklist("quick")
    answers = {
        "primary_source": "no",
        "original_matches": "no",  # stale: only asked when primary_source == yes
        "corroborated": "yes",
        "partisan_chain": "yes",
        "hops": "two",
        "hedged": "yes",
    }
    verdict = decide_verdict(quick, answers, QUICK_FACTS)
    assert (verdict.verdict, verdict.rule, verdict.final) == (
        "mostly_accurate",
        "primary_source == yes or corroborated == yes",
        True,
    )
    assert [q.id for q in applicable_questions(quick, answers, QUICK_FACTS)] == [
        "primary_source",
        "corroborated",
        "partisan_chain",
        "hops",
        "hedged",
    ]


def test_an_answer_that_no_longer_fits_counts_as_unanswered() -> None:
    quick = load_checklist("quick")
    verdict = decide_verdict(quick, {"primary_source": "maybe"}, QUICK_FACTS)
    assert "primary_source" in verdict.missing
    assert verdict.verdict == "unproven"


def test_admiralty_grade_code() -> None:
    admiralty = load_checklist("admiralty")
    answers = {"source_reliability": "B", "confirmed": "no", "contradicted": "no"}
    verdict = decide_verdict(admiralty, {**answers, "logical": "yes"}, {})
    assert (verdict.verdict, verdict.label, verdict.grade, verdict.final) == (
        "probably_true",
        "Probably true",
        "B2",
        True,
    )
    assert decide_verdict(admiralty, {"source_reliability": "F", "confirmed": "yes"}, {}).grade == (
        "F1"
    )
    open_verdict = decide_verdict(admiralty, {}, {})
    assert (open_verdict.grade, open_verdict.verdict, open_verdict.final) == (
        "F6",
        "cannot_judge",
        False,
    )
    assert describe_grade("B2") == "Usually reliable; Probably true"
    assert decide_grade(load_checklist("quick"), {}) is None


def test_craap_compares_scale_answers_as_numbers_and_needs_a_link() -> None:
    craap = load_checklist("craap")
    strong = {"currency": "4", "relevance": "5", "authority": "4", "accuracy": "5", "purpose": "5"}
    assert decide_verdict(craap, strong, {}).verdict == "mostly_reliable"
    linked = {**strong, "evidence_url": "https://example.org/report.pdf"}
    assert decide_verdict(craap, linked, {}).verdict == "reliable"
    assert decide_verdict(craap, {**strong, "accuracy": "2"}, {}).verdict == "unreliable"


@pytest.mark.parametrize(
    ("checklist", "question", "facts", "expected"),
    [
        # A finding of the reviewer's research is never suggested.
        ("quick", "primary_source", {"chain.hops": 0, "attribution.speaker_known": True}, None),
        ("quick", "partisan_chain", {"sources.state_media": True}, "yes"),
        # Unknown stays unknown: no registry entry is unclear, never no.
        ("quick", "partisan_chain", {"sources.matched": 0}, "unclear"),
        ("quick", "partisan_chain", {"sources.matched": 1, "sources.unknown": True}, "unclear"),
        ("quick", "partisan_chain", {"sources.matched": 1, "publisher.known": True}, "no"),
        ("quick", "partisan_chain", {"sources.matched": 1}, "unclear"),  # publisher unknown
        (
            "quick",
            "partisan_chain",
            {
                "sources.matched": 1,
                "publisher.known": True,
                "sources.rated": True,
                "sources.lowest_rating.lin2023": 0.3,
            },
            "unclear",
        ),
        ("quick", "hops", {"chain.hops": 0, "attribution.speaker_known": True}, "first_hand"),
        ("quick", "hops", {"chain.hops": 0}, None),
        ("quick", "hops", {"chain.hops": 2, "attribution.speaker_known": True}, "two"),
        ("quick", "hops", {"chain.hops": 7, "attribution.speaker_known": True}, "three_or_more"),
        ("quick", "hedged", {"attribution.speaker_known": False}, "yes"),
        ("quick", "corroborated", {}, None),
        ("admiralty", "source_reliability", {"sources.worst_reliability": "D"}, "D"),
        ("admiralty", "source_reliability", {}, "F"),
        ("craap", "authority", {"sources.worst_reliability": "B"}, "4"),
        ("craap", "authority", {"sources.worst_reliability": "F"}, None),
        ("craap", "purpose", {"sources.any_partisan": True}, "2"),
        ("sift", "source_known", {"sources.matched": 2, "sources.unknown": False}, "yes"),
        ("sift", "source_known", {"sources.matched": 0}, "unclear"),
        ("sift", "traced", {"chain.hops": 0, "attribution.speaker_known": True}, None),
    ],
)
def test_prefill(checklist: str, question: str, facts: dict[str, object], expected: str) -> None:
    loaded = load_checklist(checklist)
    assert prefill(loaded, loaded.question(question), facts) == expected


def test_parse_answer() -> None:
    quick = load_checklist("quick")
    craap = load_checklist("craap")
    assert parse_answer(quick.question("primary_source"), " Yes ") == "yes"
    assert parse_answer(quick.question("primary_source"), "  ") is None
    assert parse_answer(craap.question("currency"), "3") == "3"
    url = craap.question("evidence_url")
    assert url.type is AnswerType.URL
    assert parse_answer(url, "https://example.org/a?b=1") == "https://example.org/a?b=1"
    with pytest.raises(ChecklistError) as caught:
        parse_answer(quick.question("hops"), "four")
    assert str(caught.value) == (
        "'four' is not an answer to 'hops' (expected one of: first_hand, one, two, three_or_more)"
    )
    with pytest.raises(ChecklistError, match=r"^'example\.org' is not a web address"):
        parse_answer(url, "example.org")
    assert answer_value(craap.question("currency"), "3") == 3
    assert answer_value(craap.question("currency"), "9") is None


def every_answer_set(checklist: Checklist) -> Iterator[dict[str, str]]:
    """Every complete set of answers the review could produce (optional ones may be blank)."""

    def walk(index: int, answers: dict[str, str]) -> Iterator[dict[str, str]]:
        if index == len(checklist.questions):
            yield answers
            return
        question = checklist.questions[index]
        asked = {q.id for q in applicable_questions(checklist, answers, {})}
        if question.id not in asked:
            yield from walk(index + 1, answers)
            return
        values = list(question.choices) or ["https://example.org/evidence"]
        if not question.required:
            values.append("")
        for value in values:
            yield from walk(index + 1, {**answers, question.id: value})

    yield from walk(0, {})


@pytest.mark.parametrize("name", ["quick", "sift", "admiralty", "craap"])
def test_decide_verdict_agrees_with_the_validator_on_every_answer_set(name: str) -> None:
    checklist = load_checklist(name)
    fired: Counter[int] = Counter()
    for answers in every_answer_set(checklist):
        verdict = decide_verdict(checklist, answers, {})
        assert verdict.final
        fired[verdict.rule_index] += 1
    analysis = analyse_checklist(checklist)
    assert [fired[i] for i in range(len(checklist.rules))] == list(analysis.fired)


def test_every_quick_verdict_is_reachable_by_some_answers() -> None:
    quick = load_checklist("quick")
    seen = {
        decide_verdict(quick, answers, {}).verdict
        for answers in itertools.islice(every_answer_set(quick), 10_000)
    }
    assert seen == {level.id for level in quick.scale}


@pytest.mark.parametrize(
    ("score", "expected"),
    [(3, "3"), (3.0, "3"), (2.5, None), (4.999, None), (0.2, None), (9, None)],
)
def test_a_numeric_prefill_on_a_scale_is_suggested_only_when_it_is_a_point_of_the_scale(
    score: float, expected: str | None
) -> None:
    checklist = load_checklist(FIXTURES / "numeric-prefill.yaml")
    facts = {"claim.check_worthiness": score}
    assert prefill(checklist, checklist.question("rating"), facts) == expected


@pytest.mark.parametrize(
    "answer",
    [
        "https://example.org/a b",
        "https://example.org/a\nhttps://example.org/b",
        "see https://example.org/a",
        "https://example.org/a and more",
    ],
)
def test_a_web_address_answer_must_be_one_address_and_nothing_else(answer: str) -> None:
    url = load_checklist("craap").question("evidence_url")
    with pytest.raises(ChecklistError, match="is not a web address for 'evidence_url'"):
        parse_answer(url, answer)


def test_every_answer_type_has_one_kind() -> None:
    from factcheck.checklist.answers import ANSWER_KINDS, answer_kind, read_keyword
    from factcheck.checklist.model import AnswerType

    assert set(ANSWER_KINDS) == set(AnswerType)
    assert all(answer_kind(t).type is t for t in AnswerType)
    assert read_keyword("yes-no-unclear") == (AnswerType.CHOICE, ("yes", "no", "unclear"))
    assert read_keyword("scale") == (AnswerType.SCALE, ("1", "2", "3", "4", "5"))
    assert read_keyword("url") == (AnswerType.URL, ())
    assert read_keyword("maybe") is None


def test_a_question_that_is_not_asked_counts_as_unanswered_whatever_was_recorded() -> None:
    checklist = load_checklist(FIXTURES / "skipped-question.yaml")
    asked = decide_verdict(checklist, {"first": "yes", "second": "the minutes"}, {})
    assert asked.verdict == "followed_up"
    skipped = decide_verdict(checklist, {"first": "no", "second": "the minutes"}, {})
    assert skipped.verdict == "not_followed_up"
    blank = decide_verdict(checklist, {"first": "no"}, {})
    assert blank.verdict == "not_followed_up"


def test_a_web_address_error_says_what_is_expected() -> None:
    url = load_checklist("craap").question("evidence_url")
    with pytest.raises(ChecklistError) as caught:
        parse_answer(url, "ftp://example.org/file")
    assert str(caught.value) == (
        "'ftp://example.org/file' is not a web address for 'evidence_url' "
        "(expected one starting with http:// or https://)"
    )


def test_rules_without_a_default_that_match_nothing_are_an_error_not_a_verdict() -> None:
    checklist = load_checklist("admiralty")
    assert checklist.grade is not None
    # Only "confirmed == yes" is left; with nothing answered no rule applies.
    without_default = dataclasses.replace(checklist, rules=checklist.rules[:1])
    with pytest.raises(ChecklistError) as caught:
        decide_verdict(without_default, {}, {})
    assert str(caught.value) == "no verdict rule applies; the checklist has no default"
    grade = dataclasses.replace(
        checklist.grade, source=tuple(r for r in checklist.grade.source if r.when is not None)[:1]
    )
    with pytest.raises(ChecklistError) as caught:
        decide_grade(dataclasses.replace(checklist, grade=grade), {})
    assert str(caught.value) == "no grade rule applies; the checklist has no default"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("B2", "Usually reliable; Probably true"),
        ("Z2", "?; Probably true"),
        ("B9", "Usually reliable; ?"),
        ("", "?; ?"),
    ],
)
def test_describe_grade_marks_unknown_parts_with_a_question_mark(code: str, words: str) -> None:
    assert describe_grade(code) == words


# --- suggestions, offers and reasons in words --------------------------------------------------


@pytest.mark.parametrize(
    ("question", "facts", "why"),
    [
        (
            "hops",
            {"attribution.speaker_known": True, "chain.hops": 1},
            "The article names who the claim comes from; chain.hops = 1",
        ),
        ("hops", {}, "attribution.speaker_known = no"),
        (
            "hedged",
            {"attribution.hedged": False, "attribution.speaker_known": True},
            "The article names who the claim comes from",
        ),
        (
            "partisan_chain",
            {"sources.any_partisan": True},
            "Some source on the claim's chain is partisan",
        ),
        (
            "partisan_chain",
            {},
            "sources.any_partisan = no; sources.any_party_to_conflict = no; "
            "sources.state_media = no; publisher.known = no; sources.unknown = no; "
            "sources.matched = 0",
        ),
    ],
)
def test_a_suggestion_is_explained_by_the_facts_that_decided_it(
    question: str, facts: dict[str, object], why: str
) -> None:
    prefill_expr = load_checklist("quick").question(question).prefill
    assert prefill_expr is not None
    assert explain_facts(prefill_expr, facts) == why


@pytest.mark.parametrize(
    ("facts", "offer"),
    [
        ({"case.independent_matches": 1, "case.conflicts": 0}, "yes"),
        ({"case.independent_matches": 1, "case.conflicts": 1}, None),
        ({"factchecks.match": True, "factchecks.rating": "false"}, "contradicted"),
        ({"factchecks.match": True, "factchecks.rating": "mostly_true"}, "yes"),
        ({"factchecks.match": False, "factchecks.rating": "false"}, None),
        ({}, None),
    ],
)
def test_a_finding_is_offered_on_strong_evidence_and_never_suggested(
    facts: dict[str, object], offer: str | None
) -> None:
    corroborated = load_checklist("quick").question("corroborated")
    assert offered(corroborated, facts) == offer
    assert suggested(corroborated, facts) is None


@pytest.mark.parametrize(
    ("answers", "verdict", "words"),
    [
        (
            {"primary_source": "yes", "original_matches": "yes", "corroborated": "no",
             "partisan_chain": "no", "hops": "one", "hedged": "no"},
            "accurate",
            "Confirmed, through a short chain with no interested party, and stated plainly. "
            "(primary source: yes; corroborated: no; partisan chain: no; hops: One step; "
            "hedged: no)",
        ),
        (
            {"primary_source": "no", "corroborated": "contradicted"},
            "false",
            "The original or an independent source contradicts the claim. "
            "(corroborated: contradicted)",
        ),
        (
            {},
            "unproven",
            "Neither the original nor an independent source could be found. (no earlier rule "
            "held: corroborated: not answered; primary source: not answered)",
        ),
    ],
)  # fmt: skip
def test_a_verdict_is_explained_by_its_rule_and_the_answers_that_made_it_fire(
    answers: dict[str, str], verdict: str, words: str
) -> None:
    quick = load_checklist("quick")
    decided = decide_verdict(quick, answers, {})
    assert (decided.verdict, decided.explain(quick)) == (verdict, words)


def test_a_verdict_without_a_reason_or_answers_explains_nothing() -> None:
    quick = load_checklist("quick")
    bare = Verdict("unproven", "Unproven", "default", None, final=False)
    assert bare.explain(quick) == ""
    reason_only = dataclasses.replace(bare, reason="Nothing found...")
    assert reason_only.explain(quick) == "Nothing found."


def test_a_reason_keeps_its_last_word_and_ends_with_one_full_stop() -> None:
    quick = load_checklist("quick")
    bare = Verdict("false", "False", "r1", None, final=True, reason="Denied by agency X")
    assert bare.explain(quick) == "Denied by agency X."


def test_an_unknown_fact_is_shown_as_none_in_a_reason() -> None:
    offer = load_checklist("quick").question("corroborated").offer
    assert offer is not None
    why = explain_facts(offer, {"factchecks.match": True})
    assert why.endswith("; factchecks.rating = none")
    assert "None" not in why


def test_a_question_without_a_prefill_suggests_nothing() -> None:
    hedged = load_checklist("quick").question("hedged")
    assert suggested(hedged, {"attribution.hedged": True}) == "yes"
    assert (
        suggested(dataclasses.replace(hedged, prefill=None), {"attribution.hedged": True}) is None
    )
