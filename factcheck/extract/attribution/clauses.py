"""Stage ③ claims, attribution: clauses — which reporting frames belong to the main clause
and which to a clause that only tells when or why ("…, Trump said after Acme announced …"),
where a "that" opens a clause, and a time phrase between a subject and its verb."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

from factcheck.extract.attribution.sentence import Frame, Sentence
from factcheck.extract.attribution.words import (
    AUX,
    BE,
    DETS,
    DOC_NOUNS,
    POSS_PRON,
    VERB_CLASS,
    Cls,
    lex,
)

SUBORDINATORS = lex("after before when whenever while because since until unless once")
"""Words that open an adverbial clause: a cue inside one reports nothing of the main clause.
("As X reported, …" is not one: it names the source of the main clause.)"""


def in_adverbial_clause(sent: Sentence, frame: Frame) -> bool:
    """Whether the frame's subject opens an adverbial clause ("after Acme announced …")."""
    return 0 < frame.spos < frame.vpos and sent.low[frame.spos - 1] in SUBORDINATORS


def main_clause_frames(sent: Sentence, frames: list[Frame]) -> list[Frame]:
    """The frames outside adverbial clauses, when any: "“…,” Trump said in August after Acme
    announced it was cutting jobs" is Trump's alone, not Acme's relayed by Trump. A frame
    inside such a clause, up to its comma, goes with it ("While X said he opposes …, …")."""
    if len(frames) < 2:
        return frames
    # (where its subject starts, where its clause ends) of each frame in an adverbial clause
    clauses: list[tuple[int, int]] = []
    breaks: list[int] | None = None
    for frame in frames:
        if not in_adverbial_clause(sent, frame):
            continue
        if breaks is None:  # where the commas stand, found once: a sentence may run for pages
            breaks = [k for k in range(sent.n) if sent.toks[k] in (",", ";")]
        at = bisect_left(breaks, frame.vpos)
        clauses.append((frame.spos, breaks[at] if at < len(breaks) else sent.n))
    if not clauses:
        return frames
    # A frame goes when a clause starts at or before its subject and ends after its verb: of
    # the clauses starting by then, the one reaching furthest tells.
    clauses.sort()
    starts = [start for start, _ in clauses]
    reach = list(accumulate((end for _, end in clauses), max))
    kept = [
        f for f in frames if not (at := bisect_right(starts, f.spos)) or reach[at - 1] <= f.vpos
    ]
    return kept or frames


DAY_WORDS = lex("yesterday today tonight earlier")
SPANS = lex("week month year weekend morning afternoon evening night")
SPAN_OPENERS = lex("this last past next")
PERIODS = lex("past time times meantime days weeks months years decades")
"""Nouns that end a phrase of time set between an auxiliary and its verb ("have in the past
said", "has for years argued")."""
PERIOD_PREPS = lex("in for over at")
PERIOD_WORDS = lex("the recent past last several many few")
TIME_ENDS = DAY_WORDS | SPANS | PERIODS
"""Words that end a time phrase between a subject and its verb: "yesterday", "this past
week", "last month", "in the past"."""


def time_phrase_start(low: list[str], j: int) -> int | None:
    """Where the time phrase ending at ``j`` leaves off, going back ("The council this past
    week announced" from "week" to "council"; "have in the past said" from "past" to "have"),
    or None."""
    if low[j] in DAY_WORDS:
        return j - 1
    if low[j] in SPANS:
        if j >= 1 and low[j - 1] in SPAN_OPENERS:
            return j - 3 if j >= 2 and low[j - 2] == "this" else j - 2
        return None
    if low[j] not in PERIODS:
        return None
    k = j - 1
    while k >= 0 and j - k <= 3 and low[k] in PERIOD_WORDS:
        k -= 1
    if k < 1 or low[k] not in PERIOD_PREPS or low[k - 1] not in AUX:
        return None  # a phrase of time without an auxiliary before it
    return k - 1


def report_then_report(sent: Sentence, b: int, before: int) -> bool:
    """Whether "that" at ``b`` opens what a reporting verb reports and a second reporting verb
    joins the first after "and": "Graham said that Carson is … and said that …" (Graham said
    both)."""
    low = sent.low
    return (
        low[before] == "and"
        and before + 1 < sent.n
        and VERB_CLASS.get(low[b - 1]) in _REPORTS
        and VERB_CLASS.get(low[before + 1]) in _REPORTS
    )


_REPORTS = (Cls.SAY, Cls.SAY_COMP)


def that_after_noun(low: list[str], b: int) -> bool:
    """Whether the "that" at ``b`` follows a noun, so opens its content or a relative clause
    ("accusations that …", "the problems that America faces"), not a verb's complement."""
    if _noun_before_that(low[b - 1]):
        return True
    if low[0] == "it" and low[1:2] and low[1] in BE:
        return False  # "It was at the fair that Ruiz spoke …": a cleft
    det = low[b - 3 : b - 1]
    return low[b - 1] not in VERB_CLASS and any(w in DETS or w in POSS_PRON for w in det)


def _noun_before_that(word: str) -> bool:
    """'accusations', 'statement', 'argument': a noun whose "that" opens its content."""
    return word in DOC_NOUNS or word.endswith(("tion", "tions", "ment", "ments"))
