"""Stage ③ claims, attribution: interviews printed as questions and answers ("Q: …" then
"A: …"). The answers are the words of the person interviewed, whom the text names before the
first question ("POLITICO spoke with Senator Ann Hale …"); the questions are nobody's claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from factcheck import regexes
from factcheck.extract.attribution.entities import Kind, Store
from factcheck.lexicon import words
from factcheck.models import Attribution

_TURN = regexes.compile(r"(Q|A|Question|Answer)\s*:\s+\S")
"""A paragraph opening with an interview's label: "Q: Will you …", "Answer: No."."""

_NAME = r"((?:[A-Z][\w.'\u2019-]*\s+){0,5}[A-Z][\w'\u2019-]+)"


@cache
def _intro_re() -> re.Pattern[str]:
    """Who is interviewed: "spoke with Senator Ann Hale", "sat down this week with his adviser
    Kellyanne Conway" (compiled when an article first prints questions and answers)."""
    return regexes.compile(
        r"\b(?:interview(?:ed|s)?|spoke|speaks|talked|talks|sat\s+down|Q&A|conversation"
        r"|chat(?:ted)?)"
        rf"\s+(?:\w+\s+){{0,3}}?(?:with|to)\s+(?:[a-z][\w'\u2019-]*\s+){{0,3}}{_NAME}"
        rf"|\binterview(?:ed|s)?\s+{_NAME}"
    )


def answer_turns(
    sentences: Sequence[str],
    blocks: Sequence[int] | None,
    results: list[Attribution],
    store: Store,
    title: str | None = None,
) -> None:
    """Give the sentences of each answer ("A: …" and what follows it up to the next question)
    to the person interviewed, when the title or the text before the first question names one."""
    labels: dict[int, str] = {}
    for k, text in enumerate(sentences):
        opens = k == 0 or blocks is None or blocks[k] != blocks[k - 1]
        # Every label opens with "Q" or "A": most paragraphs need no pattern.
        found = _TURN.match(text) if opens and text[:1] in ("Q", "A") else None
        if found is not None:
            labels[k] = found.group(1)[0]
    if len(labels) < 2 or set(labels.values()) != {"Q", "A"}:
        return
    first = min(labels)
    guest = _interviewed([title or "", *sentences[:first]], store)
    if guest is None:
        return
    turn = ""
    for k in range(first, len(sentences)):
        turn = labels.get(k, turn)  # an answer runs on over paragraphs until the next question
        if turn == "A" and results[k].speaker is None:
            results[k] = replace(guest, hedges=results[k].hedges)


_JOURNALISTS = words("journalist_roles")
_RUN = regexes.compile(r"[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*")


def _interviewed(intro: Sequence[str], store: Store) -> Attribution | None:
    """The person interviewed: named after "interview with", "spoke with", "Q&A with", else
    the first person the introduction names who is not one of the journalists asking."""
    for pattern in (_intro_re(), _RUN):
        for text in intro:
            for found in pattern.finditer(text):
                named = next((g for g in found.groups() if g), None) or found.group()
                guest = _person(named.split(), store)
                if guest is not None:
                    return guest
    return None


def _person(tokens: list[str], store: Store) -> Attribution | None:
    for start in range(len(tokens)):
        # "Senator Ann Hale": the name the article knows, without the title before it.
        entity = store.lookup(tokens[start:])
        if entity is None or entity.kind is not Kind.PERSON:
            continue
        role = (entity.role or "").lower().split()
        if _JOURNALISTS.isdisjoint(role):
            return Attribution(speaker=entity.name, role=entity.role, quote=True)
        return None
    return None
