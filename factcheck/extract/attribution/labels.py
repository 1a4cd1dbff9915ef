"""Stage ③ claims, attribution: speaker labels — a name before a colon ("Marco Rubio: “…”",
"TAPPER: …"), the name before a headline's reporting verb ("Trump Warns …"), and the
publication's own notes ("Correction: …", "This story has been updated …"), which report no one."""

from __future__ import annotations

import re

from factcheck import regexes
from factcheck.extract.attribution.entities import Kind
from factcheck.extract.attribution.sentence import HEADLINE_SMALL, Frame, Sentence, Speaker, is_word
from factcheck.extract.attribution.words import AUX, VERB_CLASS, Cls, lex

_WORK = r"(?:article|story|post|report|piece|column|item|page)"
_NOTE = regexes.compile(
    r"(?:(?:correction|clarification|editor'?s'? note|update)s?\s*(?::|\u2014|--)\s*)?"
    rf"(?:this {_WORK} (?:has been|had been|was|is) (?:updated|corrected|revised|amended)"
    rf"|an? (?:earlier|previous|prior) version of this {_WORK})",
    re.IGNORECASE,
)
"""The opening of a note the publication adds to its own text: a correction or an update."""
_NOTE_FIRST = frozenset("cCeEuUtTaA")
"""The letters ``_NOTE`` can open with ("correction", "editor's note", "update", "this", "an")."""


def is_editorial_note(text: str) -> bool:
    """Whether a sentence is the publication's note on its own text ("Correction: An earlier
    version of this story misstated …", "This article was updated to reflect that …"): what
    it tells is the publication's, so no one in it is a speaker."""
    text = text.lstrip(" \u201c\"'")
    if text[:1] not in _NOTE_FIRST:
        return False  # most sentences: no note opens with their first letter
    return _NOTE.match(text) is not None


HEADLINE_CUES = frozenset({Cls.SAY, Cls.SAY_COMP, Cls.SPEECH})
"""Verb classes that make a headline's first name its speaker ("Plan", "Support" are nouns)."""
ADDRESSED = lex("to about of with at for against on toward towards told telling tells tell asked")
"""Words that make the name after them an object: "a message to Trump:", "said of Sanders:",
"telling Tom Reyes:" (the listener)."""


def read_headline(sent: Sentence, frames: list[Frame]) -> None:
    """'Trump Warns Clinton Policy On Syria Will Fail': in a title-case headline, the name
    before the first capitalised reporting verb is the speaker."""
    low = sent.low
    for v in range(1, min(sent.n, 6)):
        cls = VERB_CLASS.get(low[v])
        if cls not in HEADLINE_CUES or not sent.toks[v][0].isupper() or low[v].endswith("ing"):
            continue
        if low[v - 1] == "to":
            return  # "Doctor To Discuss …": an infinitive, not what anyone said
        end = v
        while end > 1 and low[end - 1] in AUX:
            end -= 1  # "Donald Trump Just Revealed"
        speaker = _name_speaker(sent, 0, end)
        if speaker is not None:
            frames.append(Frame(low[v], v, speaker, 0))
        return


def _name_speaker(sent: Sentence, start: int, end: int) -> Speaker | None:
    """The speaker that tokens [start, end) name, when they are one name and nothing else."""
    if sent.mention_start.get(start) == end - 1:
        entity = sent.mention_of[start]
        if entity is not None:
            return Speaker(entity.name, entity.role, entity)
    toks = sent.toks[start:end]
    if not sent.headline or not 0 < len(toks) <= 3:
        return None
    found = sent.store.lookup(toks)  # in a headline: a name the article gave before
    if found is not None:
        return Speaker(found.name, found.role, found)
    if not all(t[0].isupper() and not t.isupper() and t.isalpha() for t in toks):
        return None  # "BOOM:", "Q:"
    if any(t.lower() in HEADLINE_SMALL or t.lower().endswith(("ing", "ed")) for t in toks):
        return None  # "Big Win For Bernie:", "Breaking:", "Revealed:"
    return Speaker(sent.join_tokens(sent.toks, start, end))


def read_colon(sent: Sentence, frames: list[Frame]) -> None:
    """'Marco Rubio: “…”', 'POLLS TOO EARLY - Mark Blumenthal: …': a name, a colon, words."""
    low = sent.low
    c = low.index(":")
    start = 0
    for k in range(c - 1, -1, -1):
        if low[k] in ("-", "--", "\u2014", "\u2013"):
            start = k + 1
            break
    speaker = _name_speaker(sent, start, c) if start < c else None
    if speaker is None and start == 0 and 0 < c <= 3 and sum(map(is_word, sent.toks[c:])) >= 3:
        speaker = _transcript_label(sent, c)
        if speaker is not None:
            frames.append(Frame("", c, speaker, 0))
            return
    named = sent.mention_of[c - 1] if c else None
    if (
        speaker is None
        and named is not None
        and named.kind is Kind.PERSON
        and c + 1 < sent.n
        and sent.is_placeholder(c + 1)
        and sent.mention_end.get(c - 1) is not None
        and not _addressed(sent, sent.mention_end[c - 1])
    ):
        # "… doesn't surprise pollster Daron Shaw: “…”": the person right before the colon.
        begin = sent.mention_end[c - 1]
        speaker = Speaker(named.name, named.role, named)
        frames.append(Frame("", c, speaker, begin, quoted_object=True))
        return
    if speaker is None and start < c and c + 1 < sent.n and sent.is_placeholder(c + 1):
        speaker = _quoted_label(sent, start, c)
        if speaker is not None:
            frames.append(Frame("", c, speaker, start, quoted_object=True))
        return
    if speaker is None:
        return  # the words before the colon must be one name and nothing else
    after = sent.toks[c + 1] if c + 1 < sent.n else ""
    quoted = sent.is_placeholder(c + 1) or after.startswith(("'", "\u2018"))
    person = speaker.entity is not None and speaker.entity.kind is Kind.PERSON
    said = person and start == 0 and sum(map(is_word, sent.toks[c + 1 :])) >= 5
    if not (quoted and (person or sent.headline)) and not (sent.headline and person) and not said:
        return  # "Kasich: Now or never.", "Paid Notice: Deaths" are headings, not words said
    frames.append(Frame("", c, speaker, start, quoted_object=quoted))


def _addressed(sent: Sentence, begin: int) -> bool:
    """Whether the name opening at ``begin`` is what a preposition governs, not a speaker."""
    k = begin - 1
    while k >= 0 and (sent.low[k] in ("the", "a", "an") or sent.toks[k][:1].isupper()):
        k -= 1  # past a title or role before the name: "to Sen. Ted Cruz"
    return k >= 0 and sent.low[k] in ADDRESSED


def _quoted_label(sent: Sentence, start: int, c: int) -> Speaker | None:
    """Before a colon and a quotation, a name with a parenthesis ("Rep. Jane Roe (D-Ohio):"),
    two names ("Jane Roe and John Doe:") or a source after "from" ("From the report:")."""
    low = sent.low
    end = c
    if low[end - 1] == ")" and "(" in low[start : end - 1]:
        end = max(k for k in range(start, end - 1) if low[k] == "(")
    if end < c:
        found = _name_speaker(sent, start, end) if start < end else None
        if found is not None:
            return found
    if "and" in low[start:end]:
        k = low.index("and", start, end)
        first = _name_speaker(sent, start, k) if start < k else None
        second = _name_speaker(sent, k + 1, end) if k + 1 < end else None
        if first is not None and second is not None:
            return Speaker(f"{first.name} and {second.name}")
    k = start + 1 if low[start] == "more" else start
    if low[k] == "from" and k + 1 < end:
        k += 2 if low[k + 1] == "the" else 1
        words = sent.toks[k:end]
        if 0 < len(words) <= 4 and all(is_word(w) and "'" not in w for w in words):
            return _name_speaker(sent, k, end) or Speaker(sent.join_tokens(sent.toks, k, end))
    return None


def _transcript_label(sent: Sentence, c: int) -> Speaker | None:
    """'TAPPER: They want safe communities.': a transcript's speaker label in capitals, for a
    person the article has named ("Jake Tapper")."""
    toks = sent.toks[:c]
    if not all(t.isalpha() and t.isupper() and len(t) > 1 for t in toks):
        return None
    found = sent.store.lookup([t.capitalize() for t in toks])
    if found is None or found.kind is not Kind.PERSON:
        return None
    return Speaker(found.name, found.role, found)
