"""Stage ③ claims, attribution: poll figures — people counted as a share of a sample ("62
percent of Republicans", "six in 10 voters", "a majority of likely voters") are what a poll
found, so the poll that counted them is the speaker, not the people counted."""

from __future__ import annotations

from collections.abc import Sequence

from factcheck import regexes
from factcheck.extract.attribution.sentence import Frame, Sentence
from factcheck.extract.attribution.words import NUMBER_WORDS, lex
from factcheck.models import Attribution

SHARES = lex("percent per cent % majority plurality")
"""Words that make a subject a share of the people asked."""
WINDOW_ENDS = lex("of who that , said say says")


def counted(sent: Sentence, frame: Frame) -> bool:
    """Whether the frame's speaker is a share of people: "62 percent of Republicans", "Six in
    10 say", "a majority of voters", "Only 24 percent"."""
    low = sent.low
    window = low[frame.spos : min(frame.vpos, frame.spos + 6)] if frame.spos < frame.vpos else []
    for k, word in enumerate(window):
        if word in WINDOW_ENDS:
            break
        if word in SHARES or word.endswith("%"):
            return True
        if word == "in" and 0 < k < len(window) - 1 and _number(window[k - 1]):
            return _number(window[k + 1])  # "six in 10", "1 in 4"
    return False


def _number(word: str) -> bool:
    return word.isdigit() or word in NUMBER_WORDS


def poll_speaker(sent: Sentence, chain: list[Frame], frames: list[Frame]) -> list[Frame]:
    """The chain with a counted share handed back to the poll that reports it: "A Bloomberg
    poll showed that 72 percent of voters said …" and "In a CNN poll, 75 percent said …" are
    the poll's findings."""
    if not chain or not counted(sent, chain[-1]):
        return chain
    if len(chain) > 1:
        return chain[:-1]
    fronted = next((f for f in frames if f.secondary and not f.verb and f.spos == 1), None)
    return [fronted] if fronted is not None else chain


POLLS = lex("poll polls polling survey surveys")
"""Head words of a poll's name."""
_SHARE_AGREES = regexes.compile(
    r"(?i)^\W*(?:and |but |only |just )?(?:[\w-]+ (?:percent|per cent)|\d+%|[\w-]+ in (?:10|ten)"
    r"|a (?:majority|plurality))\b[^,;:]*? (\w+)\W*$"
)
"""A share of people and a verb that ends the sentence: "Sixty-two percent of Republicans
agreed.", "Only 24 percent disagreed."."""


def poll_goes_on(sentences: Sequence[str], results: list[Attribution]) -> None:
    """A share of people who only agree or disagree, right after a poll's finding ("A poll
    found that 74 percent said …" "Sixty-two percent of Republicans agreed.") is that poll's
    finding too."""
    for k in range(1, len(results)):
        before, own = results[k - 1], results[k]
        if before.speaker is None or own.verb is None or own.quote:
            continue
        found = _SHARE_AGREES.match(sentences[k])
        head = before.speaker.lower().split()
        if found is None or found.group(1).lower() != own.verb or POLLS.isdisjoint(head):
            continue
        results[k] = Attribution(
            speaker=before.speaker,
            role=before.role,
            verb=before.verb,
            via=before.via,
            hedges=own.hedges,
        )
