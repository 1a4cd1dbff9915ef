"""Stage ③ claims, attribution: complements — what stands after a verb form, and whether
it leaves the form a reporting verb: an object that is a relative word ("the law, which the
senator championed"), or a possessive phrase that makes the form a plural noun ("because of
the aide's claims").
"""

from __future__ import annotations

from factcheck.extract.attribution.sentence import Sentence
from factcheck.extract.attribution.words import (
    BE,
    BREAKERS,
    CLAUSE,
    NP_PREPS,
    OTHER_PREPS,
    Cls,
    lex,
)

PARTICLES = lex("back out up loudly again")
NOUN_BEFORE = frozenset(NP_PREPS - {"to"}) | OTHER_PREPS | lex("many several few some all both")
"""Words after which a verb form is a plural noun: "in states", "many reports"."""
MODALS = lex("can could may might must should would will shall")
OBJECT_RELATIVES = lex("which whom that")
DEED_CLASSES = frozenset({Cls.SPEECH, Cls.ATTITUDE})
"""Verb classes whose object, when it is a relative word, is a deed or a thing rather than
words: "the bill, which she championed"; "the charge, which he denied" keeps its speaker."""
GAP_ENDS = lex(", . ; : ) and or but \u2014 \u2013")
"""What may end a clause whose verb has no object left: "…, which she championed, and …"."""


def is_adverb(token: str) -> bool:
    return token.endswith("ly") and token.isalpha() and token.islower() and len(token) > 4


def possessed_after_preposition(sent: Sentence, v: int, start: int) -> bool:
    """Whether the subject found is a possessive noun phrase right after a preposition, so the
    verb form ending in -s is that phrase's plural head: "of the aide's Fifth Amendment claims"
    (a subject never follows a preposition; "the aide's lawyer claims" opens its clause)."""
    low = sent.low
    if not start or not low[v].endswith("s") or low[start - 1] not in NOUN_BEFORE:
        return False
    return any(low[k].endswith(("'s", "'")) for k in range(start, v))


def object_relative(sent: Sentence, v: int, start: int, cls: Cls) -> bool:
    """Whether the verb's clause is a relative clause whose object is the relative word or a
    noun before it, so it reports no words: "the law, which the senator championed, …", "the
    mail they never asked for". A denial keeps its content ("a charge that she has denied")."""
    if not start:
        return False
    low = sent.low
    before = low[start - 1]
    k = _past_adverbs(sent, v + 1)
    if before in OBJECT_RELATIVES:
        return cls in DEED_CLASSES and _clause_ends(sent, k)
    noun = sent.toks[start - 1]
    if not (noun.isalpha() and noun.islower()) or before in CLAUSE or before in BREAKERS:
        return False
    # A contact clause ("the ideas he believes in are …"): a noun, then the subject, then a
    # verb whose preposition has lost its object ("to" opens an infinitive instead).
    if k >= sent.n or low[k] == "to" or not (low[k] in NP_PREPS or low[k] in OTHER_PREPS):
        return False
    return k + 1 >= sent.n or low[k + 1] in GAP_ENDS or low[k + 1] in BE or low[k + 1] in MODALS


def _past_adverbs(sent: Sentence, k: int) -> int:
    while k < sent.n and (is_adverb(sent.toks[k]) or sent.low[k] in PARTICLES):
        k += 1
    return k


def _clause_ends(sent: Sentence, k: int) -> bool:
    """Whether the clause ends at ``k`` with nothing reported after it (no quotation next)."""
    if k >= sent.n:
        return True
    return sent.low[k] in GAP_ENDS and not (k + 1 < sent.n and sent.is_placeholder(k + 1))
