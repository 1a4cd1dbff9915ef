"""Stage ③ claims, attribution: frames that look like reports but name no source — "according
to" a measure ("overweight according to his body mass index"), a passive whose subject is a
bare "it" ("It was first declared by President Nixon"), evidence from a thing ("A look at his
fleet suggests …") and a thing cited ("cited the Head Start program") — and frames whose
speaker is an age or a place set off before the verb, which stand for the person named."""

from __future__ import annotations

from factcheck.extract.attribution.entities import Kind
from factcheck.extract.attribution.phrases import find_np_end, is_people_word
from factcheck.extract.attribution.sentence import Frame, Sentence, Speaker, is_word
from factcheck.extract.attribution.subjects import COUNTED, find_clause_subject
from factcheck.extract.attribution.words import (
    AUX,
    CLAUSE,
    DETS,
    DOC_NOUNS,
    GROUP_NOUNS,
    MEDIA_NOUNS,
    NP_PREPS,
    NUMBER_WORDS,
    ORG_NOUNS,
    POSS_PRON,
    ROLE_NOUNS,
    VERB_CLASS,
    lex,
)
from factcheck.lexicon import words

CRITERIA = words("criterion_nouns")
"""Heads of a measure or standard that something is judged by."""
CITES = lex("cited citing quoted quoting")
EVIDENCE = words("evidence_verbs")
ECHOES = lex("echo echoes echoed")
SUBJECT_PREPS = lex("of at in on through about from into")
PHRASE_ENDS = NP_PREPS | CLAUSE | lex("and or")
PASSIVE_ADVERBS = lex("first later also originally then once never not widely")


def drop_nonsources(sent: Sentence, frames: list[Frame]) -> tuple[list[Frame], bool]:
    """The frames that name a source, each with the person an age or a place set off before it
    stands for, and whether an "according to" a measure was dropped (so it hedges nothing)."""
    kept: list[Frame] = []
    measured = False
    for frame in frames:
        _age_to_person(sent, frame)
        _place_to_subject(sent, frame)
        if frame.speaker.entity is not None and frame.speaker.entity.kind is Kind.PLACE:
            continue  # a place never speaks
        if not names_no_source(sent, frame):
            kept.append(frame)
        elif frame.verb == "according to":
            measured = True
        elif frame.verb in ("citing", "quoting"):
            # "…, citing statistics": whoever cites them, the participle's subject, speaks.
            speaker, start = find_clause_subject(sent, frame.vpos)
            if speaker is not None and start < frame.vpos:
                kept.append(Frame(frame.verb, frame.vpos, speaker, start, secondary=True))
    return kept, measured


def _age_to_person(sent: Sentence, frame: Frame) -> None:
    """An age set off after a name ("Roxana Leon, 63, an independent voter, said") is not the
    speaker; the person named is."""
    name, k = frame.speaker.name or "", frame.spos
    if not name.isdigit() or not 2 <= k < sent.n - 1 or sent.toks[k - 1] != ",":
        return
    if sent.toks[k + 1] != ",":
        return  # "Clinton, 43 said the same": a count, not an age
    begin = sent.mention_end.get(k - 2)
    entity = sent.mention_of[k - 2]
    if begin is not None and entity is not None:
        frame.speaker = Speaker(entity.name, entity.role, entity)
        frame.spos = begin


def _place_to_subject(sent: Sentence, frame: Frame) -> None:
    """A place set off before the verb ("Trump, speaking at a rally in Wilmington, N.C.,
    warned") is not its subject; the clause's subject is."""
    entity = frame.speaker.entity
    if entity is None or entity.kind is not Kind.PLACE or frame.spos > frame.vpos:
        return
    speaker, start = find_clause_subject(sent, frame.spos)
    found = speaker.entity if speaker is not None else None
    if speaker is not None and (found is None or found.kind is not Kind.PLACE):
        frame.speaker, frame.spos = speaker, start


def names_no_source(sent: Sentence, frame: Frame) -> bool:
    """Whether a frame only looks like a report: "according to" a measure or a preference, an
    impersonal passive ("It was declared by …") with no words after it, evidence that is
    neither a document nor anyone's view ("A look at his fleet suggests that …"), or a thing
    cited ("cited the Head Start program"), which the one citing it speaks for."""
    low = sent.low
    if frame.cites and frame.verb in CITES:
        # "cited the Head Start program", "citing statistics": evidence named, no one quoted;
        # "quoted X as saying …", "quoting X: “…”" and "citing people familiar with the
        # matter" pass someone's words on.
        after = range(frame.spos, min(sent.n, frame.spos + 12))
        if any(low[j] == "as" and low[j + 1] in VERB_CLASS for j in after if j + 1 < sent.n):
            return False  # "quoted Ana Ruiz, a resident, as saying …"
        return not frame.speaker.anonymous and not any(map(sent.is_placeholder, after))
    v = frame.vpos
    if _impression(sent, frame):
        return True  # "it can feel like …", "The debate promised to be …": no one holds a view
    if frame.verb in EVIDENCE or frame.verb in ECHOES:
        return _evidence_of_a_thing(sent, frame)
    if frame.verb == "according to":
        start = frame.spos
        if start >= sent.n or not (low[start] in POSS_PRON or low[start] == "the"):
            return False
        end = start + 1
        while end < sent.n and is_word(sent.toks[end]) and low[end] not in PHRASE_ENDS:
            end += 1  # "his body mass index", up to a preposition or a clause
        return end > start + 1 and low[end - 1] in CRITERIA
    if not (0 < v < sent.n - 1 and low[v + 1] == "by" and frame.spos == v + 2):
        return False
    k = v - 1
    while k > 0 and (low[k] in AUX or low[k] in PASSIVE_ADVERBS or low[k].endswith("ly")):
        k -= 1
    if low[k] != "it" or k == v - 1:
        return False
    end = find_np_end(sent, v + 2)
    # "It was reported by CNN that …": the words follow the agent.
    return not any(low[j] == "that" or sent.is_placeholder(j) for j in range(end, sent.n))


def _evidence_of_a_thing(sent: Sentence, frame: Frame) -> bool:
    """Whether an evidence verb's subject is a thing that only shows something: "A walk through
    their offices hints", "A look at his airplanes and helicopters suggests" (the speaker found
    is inside a phrase after a preposition, so the subject's head is the noun before it)."""
    if frame.trailing or frame.cites or frame.spos >= frame.vpos:
        return False
    if _a_thing_itself(sent, frame):
        return True
    low = sent.low
    k = frame.spos - 1
    while k > 0 and frame.spos - k < 8 and _in_the_object(sent, k):
        k -= 1  # "A look at Mr. Trump's airplanes and helicopters": back to "at"
    if k < 1 or low[k] not in SUBJECT_PREPS or not sent.toks[k - 1].isalpha():
        return False
    head = sent.toks[k - 1]  # "A look at Mr. Trump's airplanes": a look
    return head.islower() and not head.endswith(("ed", "ing")) and not _speaks_for_itself(head)


def _impression(sent: Sentence, frame: Frame) -> bool:
    """Whether the frame only gives an impression: a bare "it" before "… like" or "… as if"
    ("it can sometimes feel like …"), or a thing that "promised to be" something (was
    expected to be: "The vote promised to be a turning point")."""
    low, v = sent.low, frame.vpos
    if frame.trailing or frame.spos >= v or v + 2 >= sent.n:
        return False
    after = low[v + 1 : v + 3]
    if low[frame.spos] == "it" and (
        after[0] == "like" or after in (["as", "if"], ["as", "though"])
    ):
        return True
    return after == ["to", "be"] and _a_thing_itself(sent, frame)


def _a_thing_itself(sent: Sentence, frame: Frame) -> bool:
    """Whether the subject itself is a thing named by a common noun ("The tone of his speech
    echoed …", "the resistance in the greenest of countries underscores …"), not a document,
    an organisation or anyone who holds a view."""
    speaker = frame.speaker
    if speaker.entity is not None or speaker.anonymous or speaker.role:
        return False
    words_ = (speaker.name or "").split()
    if len(words_) != 1 or not words_[0].isalpha() or not words_[0].islower():
        return False
    head = words_[0]
    if head in NUMBER_WORDS or head in COUNTED or head in ROLE_NOUNS or head in GROUP_NOUNS:
        return False  # "one suggested …", "others suggest …": people counted
    return not _speaks_for_itself(head)


def _in_the_object(sent: Sentence, k: int) -> bool:
    """Whether token ``k`` may stand inside the noun phrase after the subject's preposition:
    a determiner, a name, a possessive, "and", or the noun before "and"."""
    word, token = sent.low[k], sent.toks[k]
    if word in DETS or word in POSS_PRON or word == "and" or word.endswith("'s"):
        return True
    return token[:1].isupper() or (token.isalpha() and sent.low[k + 1] == "and")


def _speaks_for_itself(head: str) -> bool:
    return head in DOC_NOUNS or head in ORG_NOUNS or head in MEDIA_NOUNS or is_people_word(head)
