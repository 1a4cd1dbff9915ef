"""Stage ③ claims, attribution: a verb joined by "and" inside an adverbial clause — "The crowd
cheered when Ann Lee took the stage and said …" — shares the subject of that clause, not the
subject of the main clause before it.
"""

from __future__ import annotations

from factcheck.extract.attribution.clauses import SUBORDINATORS
from factcheck.extract.attribution.phrases import find_np_end, interpret
from factcheck.extract.attribution.sentence import Sentence, Speaker, is_word
from factcheck.extract.attribution.words import NP_PREPS, OTHER_PREPS


def subordinate_subject(sent: Sentence, b: int, before: int) -> tuple[Speaker, int] | None:
    """The subject of the adverbial clause that verb ``before``, after "and", is joined in,
    when such a clause opens after token ``b`` in the middle of the sentence, else None."""
    low = sent.low
    joined = before if low[before] == "and" else before - 1  # "and" itself, or the verb after
    if joined < 2 or low[joined] != "and":
        return None
    for k in range(joined - 1, b + 1, -1):
        if not is_word(sent.toks[k]) or sent.is_placeholder(k):
            return None  # a comma or a quotation: the clause has ended
        if low[k] not in SUBORDINATORS or not is_word(sent.toks[k - 1]):
            continue
        end = find_np_end(sent, k + 1, joined)
        if end <= k + 1 or end >= joined - 1:
            return None  # no subject, or no verb of its own before "and"
        if low[end] in NP_PREPS or low[end] in OTHER_PREPS or not sent.toks[end].islower():
            return None  # "went after Hillary Clinton for …": a particle and its object
        speaker = interpret(sent, k + 1, end, loose=True)
        return (speaker, k + 1) if speaker is not None and speaker.name else None
    return None
