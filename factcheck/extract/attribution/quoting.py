"""Stage ③ claims, attribution: speakers without a reporting verb — a subject whose own words a
sentence quotes ("the protesters chanted “…”", "Merkel heralded the deal as a “breakthrough”").
"""

from __future__ import annotations

from factcheck.extract.attribution.entities import SPEAKING, Kind, strip_possessive
from factcheck.extract.attribution.frames import (
    NAMED,
    PAST_FORMS,
    can_hold_views,
    is_adverb,
)
from factcheck.extract.attribution.phrases import find_np_end, interpret, resolve_pronoun
from factcheck.extract.attribution.sentence import Sentence, Speaker, is_word
from factcheck.extract.attribution.words import (
    AUX,
    BACK_STOP,
    CLAUSE,
    DETS,
    DOC_NOUNS,
    IRREGULAR_PAST,
    NP_PREPS,
    OTHER_PREPS,
    POSS_PRON,
    PRONOUNS,
    VERB_CLASS,
    Cls,
    lex,
)

NOT_NOUNS = (
    CLAUSE | OTHER_PREPS | NP_PREPS | DETS | PRONOUNS | POSS_PRON | lex("and or but nor than as")
)
"""Words after a quotation that show it modifies no noun: "“fair share” of taxes", "“fundamentally
transform” the country", "“embrace” him"."""
LEAD_WORDS = lex("and but then so yet still later finally")
"""Connectives before a clause's subject: "Then she added a warning: “…”"."""
CLAUSE_JOINS = lex("and but while whereas yet")
"""Words that join a clause with a subject of its own after a comma: "…, and the county has …"."""


def quoting_subject(sent: Sentence, start: int, long_quote: bool) -> Speaker | None:
    """The subject of a clause without a reporting verb whose words are quoted: "Netanyahu
    showed … as evidence that “…”", "the protesters chanted “…”", "Merkel heralded the deal as
    a “breakthrough”" (a named subject, its verb, then a quotation of any length)."""
    n, low = sent.n, sent.low
    if start >= n:
        return None
    k = start
    while k < n - 1 and (low[k] in LEAD_WORDS or low[k] == ","):
        k += 1  # "Then she added …", "And, she said …"
    if k > start and (low[k] in ("he", "she", "they") or sent.mention_of[k] is not None):
        start = k  # "And Mr. Christie gloated: “…”"
    end = find_np_end(sent, start)
    found = interpret(sent, start, end)
    entity = found.entity if found is not None else None
    if found is not None and entity is not None and entity.kind is not Kind.GROUP:
        if entity.name.isupper() or entity.kind not in SPEAKING:
            return None
        unproven = entity.kind is Kind.UNKNOWN and entity.prev[0] < 0 and not entity.spoke
        if unproven and (not start or end >= n or not _finite(sent.toks[end])):
            # "Led by …", "Thirteen years earlier": a capital no name bears out, unless a verb
            # follows it inside the sentence, then the quotation ("On May 20, Netanyahu showed").
            return None
        if end < n and _noun_after_name(sent, end):
            return None  # "The Fox News Channel blonde, a co-moderator, …": the name modifies
        if long_quote:
            # "Biden “kind of misspoke.”": a quotation right after the name, with no verb of
            # the name's own before it, goes on with someone else's words about them.
            if end < n and sent.is_placeholder(end):
                return None
            return None if _other_subject(sent, end, min(sent.qpos)) else found
        named = entity.kind in NAMED and low[start].partition("'")[0] not in PRONOUNS
        return found if named and _verb_then_quote(sent, end) else None
    if not long_quote or sent.is_placeholder(start) or not is_word(sent.toks[start]):
        return None
    if low[start] in PRONOUNS:
        return None
    found = interpret(sent, start, end, loose=True)
    if found is None or found.name is None or found.anonymous:
        return None
    document = strip_possessive(low[end - 1]) in DOC_NOUNS
    if not (document or can_hold_views(found)):
        return None
    return found if _verb_then_quote(sent, end) else None


def _verb_then_quote(sent: Sentence, end: int) -> bool:
    """Whether a finite verb follows the subject ending at ``end``, then a quotation."""
    n, low = sent.n, sent.low
    k = end
    while k < n and (low[k] in AUX or is_adverb(sent.toks[k])):
        k += 1
    if k >= n or not _finite(sent.toks[k]) or low[k] in BACK_STOP:
        return False
    first = next((q for q in range(k + 1, n) if q in sent.qpos and not _names_a_kind(sent, q)), n)
    return first < n and not _other_subject(sent, k, first)


def _other_subject(sent: Sentence, start: int, stop: int) -> bool:
    """Whether a clause with a subject and a verb of its own opens between ``start`` and
    ``stop``: "Ana Ruiz has done well in river towns, and Dune County has several, including
    “…”" (the quotation is in the county's clause, not Ana Ruiz's)."""
    toks, low = sent.toks, sent.low
    for j in range(start, stop - 3):
        if toks[j] not in (",", ";") or low[j + 1] not in CLAUSE_JOINS:
            continue
        k = j + 2
        if not (toks[k][:1].isupper() or low[k] in PRONOUNS or low[k] in DETS):
            continue
        end = find_np_end(sent, k)
        if k < end < stop and (low[end] in AUX or _finite(toks[end])):
            return True
    return False


def _names_a_kind(sent: Sentence, q: int) -> bool:
    """Whether a short quotation modifies the noun right after it, naming a kind of thing
    rather than quoting anyone: "“closed” primaries", "a “unity” lunch", "“is it over?”
    headlines" (unlike "as a “breakthrough” in …" or "“fair share” of taxes")."""
    quote = sent.quotes[sent.qpos[q]]
    if quote.words > 3 or q + 1 >= sent.n:
        return False
    after = sent.toks[q + 1]
    word = after.lower()
    if not (after.isalpha() and after.islower()) or word in NOT_NOUNS or word in AUX:
        return False
    return word not in VERB_CLASS and not word.endswith(("ed", "ly", "ing"))


def _noun_after_name(sent: Sentence, k: int) -> bool:
    """Whether the word right after a name is a noun the name modifies: lower case, then a
    comma or a verb ("the Fox News Channel blonde, a …"), neither a verb nor an adverb itself."""
    token, word = sent.toks[k], sent.low[k]
    if not (token.isalpha() and token.islower()) or word in AUX or word in BACK_STOP:
        return False
    if _finite(token) or is_adverb(token) or word in VERB_CLASS or word.endswith("ing"):
        return False
    return k + 1 < sent.n and (sent.toks[k + 1] == "," or _finite(sent.toks[k + 1]))


def _finite(token: str) -> bool:
    """A lowercase form that may be a finite verb: "chanted", "accuses", "wrote"."""
    if not (token.isalpha() and token.islower()):
        return False
    return (
        (token.endswith(("ed", "s")) and not token.endswith("ss"))
        or token in PAST_FORMS
        or token in IRREGULAR_PAST
    )


def colon_subject(sent: Sentence, start: int) -> tuple[Speaker, str] | None:
    """The subject and verb of a sentence that ends on a colon, for the quotation after it:
    "He then listed the qualities he wants:", "The senator issued this statement:"."""
    n, low = sent.n, sent.low
    if start >= n - 2 or sent.toks[-1] != ":" or sent.quotes:
        return None
    if VERB_CLASS.get(low[start]) in (Cls.SAY, Cls.SAY_COMP) and sent.toks[start][0].isupper():
        # "Stated Stone:", "Added the senator:": the verb first, then who speaks.
        found = interpret(sent, start + 1, n - 1)
        if found is None or found.name is None or found.entity is None:
            return None
        return found, low[start]
    if low[start] in ("he", "she"):
        found = resolve_pronoun(sent, low[start], start)
        end = start + 1
    else:
        end = find_np_end(sent, start)
        found = interpret(sent, start, end)
        entity = found.entity if found is not None else None
        if entity is None or entity.kind not in NAMED or entity.name.isupper():
            return None
    if found is None or found.name is None:
        return None
    k = end
    while k < n and (low[k] in AUX or is_adverb(sent.toks[k]) or low[k] in ("then", "also")):
        k += 1
    if k >= n or not _finite(sent.toks[k]):
        return None
    if low[k] in BACK_STOP and VERB_CLASS.get(low[k]) is not Cls.DOC:
        return None  # "listed", "outlined": a finding verb, which only a document's speaks by
    return found, low[k]
