"""Stage ③ claims, attribution: clauses — which reporting frames belong to the main clause
and which to a clause that only tells when or why ("…, Trump said after Acme announced …")."""

from __future__ import annotations

from factcheck.extract.attribution.sentence import Frame, Sentence
from factcheck.extract.attribution.words import lex

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
    dropped: set[int] = set()
    for frame in frames:
        if not in_adverbial_clause(sent, frame):
            continue
        end = next((k for k in range(frame.vpos, sent.n) if sent.toks[k] in (",", ";")), sent.n)
        dropped.update(id(f) for f in frames if frame.spos <= f.spos and f.vpos < end)
    kept = [f for f in frames if id(f) not in dropped]
    return kept or frames
