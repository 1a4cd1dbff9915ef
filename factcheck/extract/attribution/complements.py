"""Stage ③ claims, attribution: complements — what stands after a verb form, and whether
it leaves the form a reporting verb: an object that is a relative word ("the law, which the
senator championed"), a possessive phrase that makes the form a plural noun ("because of
the aide's claims"), or an object that gives a speech act its other sense ("attacked the
embassy", "welcomed two hundred guests", "appealed the ruling").
"""

from __future__ import annotations

from factcheck.extract.attribution.entities import Kind, strip_possessive
from factcheck.extract.attribution.phrases import find_np_end, is_people_word
from factcheck.extract.attribution.sentence import Sentence, is_word
from factcheck.extract.attribution.words import (
    BE,
    BREAKERS,
    CLAUSE,
    NP_PREPS,
    NUMBER_WORDS,
    OTHER_PREPS,
    STATES,
    Cls,
    lex,
)
from factcheck.lexicon import words

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
APPEALS = lex("appeal appeals appealed appealing")
WELCOMES = lex("welcome welcomes welcomed welcoming")
ATTACKS = lex("attack attacks attacked attacking")
TARGETS = words("attack_targets")
COUNTS = NUMBER_WORDS | lex("several dozens hundreds thousands scores")
GUESTS = lex("him her them us me")


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


def acts_on_a_thing(sent: Sentence, v: int) -> bool:
    """Whether a verb that is a speech act in one sense takes an object that gives it its
    other sense: "appealed the ruling" (to a court; "appealed for calm" speaks), "welcomed two
    hundred guests" (as a host; "welcomed the decision" speaks), "attacked the embassy" (with
    force; "attacked the senator" speaks)."""
    low = sent.low
    verb = low[v]
    k = _past_adverbs(sent, v + 1)
    if k >= sent.n or not is_word(sent.toks[k]) or low[k] == "that":
        return False
    if verb in APPEALS:
        return low[k] not in ("to", "for")
    if verb not in WELCOMES and verb not in ATTACKS:
        return False
    end = k
    while end < sent.n and is_word(sent.toks[end]) and low[end] not in NP_PREPS:
        end += 1
    end = min(end, find_np_end(sent, k))
    if end <= k:
        return False
    entity = sent.mention_of[k]
    if verb in WELCOMES:
        head = strip_possessive(low[end - 1])
        person = entity is not None and entity.kind is Kind.PERSON
        return person or low[k] in GUESTS or low[k] in COUNTS or is_people_word(head)
    place = entity is not None and entity.kind is Kind.PLACE
    return place or any(w in TARGETS or w in STATES for w in low[k:end])
