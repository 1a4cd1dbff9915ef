"""Stage ⑧ verdicts: which questions apply, what to suggest, and the verdict the rules give.

Everything here is a pure function of a checklist, the answers so far and the claim's facts
(see :func:`factcheck.checklist.facts.claim_facts`). Answers are strings: a choice id, '1'..'5'
for a scale, free text or a URL. Questions are taken in order: a question counts as asked only
when its `when` holds given the answers before it, and the answer to a question that is not
asked is ignored, so a changed early answer never leaves a stale later one deciding the verdict.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from factcheck.checklist.expr import Value
from factcheck.checklist.facts import complete_facts
from factcheck.checklist.load import (
    INFORMATION_CREDIBILITY,
    SOURCE_RELIABILITY,
    AnswerType,
    Checklist,
    GradeRule,
    Question,
    Rule,
)
from factcheck.errors import ChecklistError

_URL = re.compile(r"https?://[^\s/?#]+\.[^\s]*|https?://localhost\S*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The verdict the checklist's rules give for one claim."""

    verdict: str
    """Id of the scale level."""
    label: str
    """The level's label."""
    rule: str
    """The rule that decided: its condition as written, or 'default'."""
    grade: str | None
    """Admiralty code such as 'B2' when the checklist grades, else None."""
    final: bool
    """False while a required question that applies is unanswered."""
    missing: tuple[str, ...] = ()
    """Ids of the required questions that apply and are not answered yet."""
    reason: str | None = None
    """The rule's reason in words, when the checklist gives one."""
    rule_index: int = 0
    """Position of the deciding rule in the checklist's verdicts."""


def parse_answer(question: Question, raw: str | None) -> str | None:
    """Normalise a reviewer's answer; None when empty. Raise ChecklistError if it does not fit."""
    if raw is None:
        return None
    answer = raw.strip()
    if not answer:
        return None
    if question.type is AnswerType.CHOICE or question.type is AnswerType.SCALE:
        if answer in question.choices:
            return answer
        for choice in question.choices:
            if choice.lower() == answer.lower():
                return choice
        raise ChecklistError(
            f"'{answer}' is not an answer to '{question.id}' "
            f"(expected one of: {', '.join(question.choices)})"
        )
    if question.type is AnswerType.URL and not _URL.fullmatch(answer):
        raise ChecklistError(
            f"'{answer}' is not a web address for '{question.id}' "
            "(expected one starting with http:// or https://)"
        )
    return answer


def answer_value(question: Question, answer: str | None) -> Value:
    """An answer as expressions see it: scale answers are numbers; unanswered is None, and so is
    an answer that no longer fits the question (a worksheet keeps those and asks again)."""
    try:
        parsed = parse_answer(question, answer)
    except ChecklistError:
        return None
    if parsed is None:
        return None
    if question.type is AnswerType.SCALE:
        return int(parsed)
    return parsed


def _walk(
    checklist: Checklist, answers: Mapping[str, str], facts: Mapping[str, object]
) -> tuple[dict[str, object], list[Question]]:
    """The environment expressions see, and the questions asked, taking questions in order."""
    env = complete_facts(facts)
    asked: list[Question] = []
    for question in checklist.questions:
        if question.when is None or question.when.evaluate(env) is True:
            asked.append(question)
            env[question.id] = answer_value(question, answers.get(question.id))
        else:
            env[question.id] = None
    return env, asked


def applicable_questions(
    checklist: Checklist, answers: Mapping[str, str], facts: Mapping[str, object]
) -> list[Question]:
    """The questions whose `when` holds given the answers before them, in checklist order."""
    return _walk(checklist, answers, facts)[1]


def prefill(checklist: Checklist, question: Question, facts: Mapping[str, object]) -> str | None:
    """The answer the question's prefill suggests for these facts, or None."""
    if question.prefill is None:
        return None
    value = question.prefill.evaluate(complete_facts(facts))
    return _as_answer(question, value)


def _as_answer(question: Question, value: Value) -> str | None:
    if isinstance(value, bool):
        answer = "yes" if value else "no"
        return answer if answer in question.choices else None
    if isinstance(value, str):
        if question.type in (AnswerType.TEXT, AnswerType.URL) or value in question.choices:
            return value
        return None
    if not isinstance(value, int | float) or question.type is not AnswerType.SCALE:
        return None
    whole = str(int(value)) if float(value).is_integer() else ""
    return whole if whole in question.choices else None


def _first(rules: tuple[Rule, ...], env: Mapping[str, object]) -> int:
    for index, rule in enumerate(rules):
        if rule.when is None or rule.when.evaluate(env) is True:
            return index
    raise ChecklistError("no verdict rule applies; the checklist has no default")


def _first_value(rules: tuple[GradeRule, ...], env: Mapping[str, object]) -> str:
    for rule in rules:
        if rule.when is None or rule.when.evaluate(env) is True:
            return rule.value
    raise ChecklistError("no grade rule applies; the checklist has no default")


def decide_verdict(
    checklist: Checklist, answers: Mapping[str, str], facts: Mapping[str, object]
) -> Verdict:
    """The verdict the first matching rule gives, the Admiralty grade, and whether it is final."""
    env, asked = _walk(checklist, answers, facts)
    missing = tuple(q.id for q in asked if q.required and env[q.id] is None)
    index = _first(checklist.rules, env)
    rule = checklist.rules[index]
    level = checklist.level(rule.verdict)
    return Verdict(
        verdict=rule.verdict,
        label=level.label,
        rule=rule.source,
        grade=decide_grade(checklist, env),
        final=not missing,
        missing=missing,
        reason=rule.reason,
        rule_index=index,
    )


def decide_grade(checklist: Checklist, env: Mapping[str, object]) -> str | None:
    """The Admiralty code (letter and digit) the grade rules give, or None without a grade."""
    if checklist.grade is None:
        return None
    letter = _first_value(checklist.grade.source, env)
    digit = _first_value(checklist.grade.credibility, env)
    return f"{letter}{digit}"


def describe_grade(code: str) -> str:
    """An Admiralty code in words: 'B2' -> 'Usually reliable; Probably true'."""
    letter, digit = code[:1], code[1:]
    return f"{SOURCE_RELIABILITY.get(letter, '?')}; {INFORMATION_CREDIBILITY.get(digit, '?')}"
