"""Stage ③ claims, attribution: verb forms used as nouns or adjectives — a cue word that only
looks like a reporting verb: "the final say", "her only hope", "more pledged delegates", "an
hourlong show", "claimed a victory" (a thing won, not words said) and a bare form that joins
an infinitive ("needs to relax and tell more stories")."""

from __future__ import annotations

from itertools import pairwise

from factcheck.extract.attribution.complements import CLAUSE_STARTS, MODALS
from factcheck.extract.attribution.entities import strip_possessive
from factcheck.extract.attribution.phrases import find_np_end, is_people_word
from factcheck.extract.attribution.sentence import Sentence
from factcheck.extract.attribution.words import (
    BACK_STOP,
    BE,
    CLAUSE,
    DEMONYMS,
    DETS,
    DOC_NOUNS,
    GROUP_NOUNS,
    NP_PREPS,
    ORG_NOUNS,
    OTHER_PREPS,
    POSS_PRON,
    PRONOUNS,
    ROLE_NOUNS,
    VERB_CLASS,
    lex,
)

PEOPLE_NOUNS = ROLE_NOUNS | GROUP_NOUNS
NOUN_DETERMINERS = lex("whose only own better best every each")
THOSE = lex("those these")
HAVE = lex("has have had")


def takes_a_thing(sent: Sentence, v: int) -> bool:
    """Whether "claim" takes a thing rather than a statement: "claimed a victory", "claimed
    his third win", "claiming 41 percent" (but "claimed his rival was lying")."""
    low = sent.low
    k = v + 1
    if k >= sent.n or not (low[k] in ("a", "an") or low[k] in POSS_PRON or low[k][:1].isdigit()):
        return False
    end = find_np_end(sent, k)
    while end < sent.n and (low[end].isdigit() or low[end] in ("percent", "%")):
        end += 1
    if end >= sent.n:
        return True
    after = low[end]
    return not (after in BE or after in HAVE or after in MODALS or after.endswith(("ed", "s")))


def coordinated_infinitive(sent: Sentence, v: int, verb: str) -> bool:
    """Whether a bare verb form joins an infinitive a few words before ("to sell X and tell")."""
    low = sent.low
    if v < 3 or low[v - 1] not in ("and", "or") or verb.endswith(("s", "d", "ing")):
        return False
    window = low[max(0, v - 7) : v - 1]
    return any(
        w == "to" and nxt.isalpha() and nxt not in DETS and nxt not in POSS_PRON
        for w, nxt in pairwise(window)
    )


def only_modifies(before: str, verb: str) -> bool:
    """Whether a word between "a" and a finding form can only be its adjective."""
    if verb.endswith("ed") or strip_possessive(before) in DOC_NOUNS or is_people_word(before):
        return False
    return before.isalpha() and not before.endswith("s")


def plural_noun_after(sent: Sentence, v: int) -> bool:
    """Whether a lowercase plural noun, not a clause's start, follows verb ``v``."""
    word = sent.toks[v + 1] if v + 1 < sent.n else ""
    plural = word.isalpha() and word.islower() and word.endswith("s")
    return plural and word not in BACK_STOP and word not in CLAUSE_STARTS


def noun_after(before: str, verb: str) -> bool:
    """Whether a bare verb form follows a word that only goes before a noun."""
    if verb.endswith(("ed", "ing")) or before in VERB_CLASS:
        return False
    superlative = before.endswith("est") and len(before) > 5 and before.isalpha()
    adjective = before in DEMONYMS and not before.endswith("s")  # "Asian plans", not "Democrats"
    return before in NOUN_DETERMINERS or superlative or adjective


def modified_noun(sent: Sentence, v: int, verb: str) -> bool:
    """Whether "say" follows a determiner and a singular word that only modifies it: "the final
    say", "a bigger say" (but "the experts say", "those surveyed say", "those who say": a
    subject and its verb)."""
    low = sent.low
    if verb != "say" or v < 2 or not (low[v - 2] in DETS or low[v - 2] in POSS_PRON):
        return False
    word = sent.toks[v - 1]
    if not word.isalpha() or not word.islower() or sent.mention_of[v - 1] is not None:
        return False
    if word.endswith(("s", "ed")) or word in CLAUSE or word in PRONOUNS or low[v - 2] in THOSE:
        return False  # "the groups say", "those surveyed say", "those who say"
    if v > 2 and (low[v - 3] in NP_PREPS or low[v - 3] in OTHER_PREPS):
        return False  # "observers around the country say": a phrase that ends the subject
    return not (is_people_word(word) or word in PEOPLE_NOUNS or word in ORG_NOUNS)
