"""Stage ③ claims, attribution: a reporting participle that opens the sentence — "Noting that
the port had closed, the mayor …", "Having said that …, Ann Lee …" — whose speaker is the
subject of the main clause after the comma.
"""

from __future__ import annotations

from factcheck.extract.attribution.phrases import find_np_end, interpret
from factcheck.extract.attribution.sentence import Sentence, Speaker
from factcheck.extract.attribution.subjects import skip_fronted
from factcheck.extract.attribution.words import lex

SETTINGS = lex("in on at from with for during after before")
"""Prepositions after a fronted participle that tell where or when someone spoke."""


def fronted_participle_subject(sent: Sentence, v: int) -> tuple[Speaker, int] | None:
    """The speaker and where it starts for the participle at ``v`` when it opens the sentence
    ("Warning that …, Ann Lee …") or follows "Having" there, else None."""
    low = sent.low
    if not (v == 0 and low[0].endswith("ing")) and low[:v] != ["having"]:
        return None
    if low[v + 1 : v + 2] and low[v + 1] in SETTINGS:
        return None  # "Writing in the Guardian, …": where the words appeared, not the words
    start = skip_fronted(sent, 0, sent.n)  # past the clause and its comma
    if not start or start >= sent.n or low[start - 1] != "," or start - v < 4:
        return None  # "Having said that, …": a turn of phrase that reports nothing
    speaker = interpret(sent, start, find_np_end(sent, start), loose=True)
    if speaker is None or not speaker.name:
        return None
    return speaker, start
