"""Stage ③ claims, attribution: a document as a sentence's subject ("The email goes on to say
…", "The report, released Monday, found …") is what a bare "it" in the next sentence means
("It adds …"), before any organisation named in passing."""

from __future__ import annotations

from factcheck.extract.attribution.phrases import find_np_end
from factcheck.extract.attribution.sentence import Sentence, is_word
from factcheck.extract.attribution.words import DETS, DOC_NOUNS, NP_PREPS, POSS_PRON


def note_document_subject(sent: Sentence, start: int) -> None:
    """Remember the document that opens the main clause at ``start``, if one does."""
    low = sent.low
    if start >= sent.n or not (low[start] in DETS or low[start] in POSS_PRON):
        return
    if DOC_NOUNS.isdisjoint(low[start + 1 : start + 6]):
        return  # no document named where the subject stands
    head = -1
    end = min(find_np_end(sent, start), start + 6)
    for k in range(start + 1, end):
        if not is_word(sent.toks[k]) or low[k] in NP_PREPS:
            break
        if low[k] in DOC_NOUNS:
            head = k  # "The staff letter", not "the report's authors"
    if head >= 0:
        first = start + 1 if low[start] in DETS else start
        sent.store.document = (sent.index, head, sent.join_tokens(sent.toks, first, head + 1))


def document_name(name: str | None) -> str | None:
    """A document's name without a participle left dangling at its end: "report published" (of
    "A news report published Wednesday said …") is the report, "poll released" the poll; a
    participle with more after it ("a lawsuit filed by …") stays."""
    if name is None or " " not in name:
        return name
    rest, last = name.rsplit(" ", 1)
    if last.endswith("ed") and last.islower() and rest.rsplit(" ", 1)[-1].lower() in DOC_NOUNS:
        return rest
    return name
