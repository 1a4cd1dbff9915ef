"""Stage ③ claims, attribution: a document as a sentence's subject ("The email goes on to say
…", "The report, released Monday, found …") is what a bare "it" in the next sentence means
("It adds …"), before any organisation named in passing."""

from __future__ import annotations

from factcheck.extract.attribution.phrases import find_np_end
from factcheck.extract.attribution.sentence import Sentence, is_word
from factcheck.extract.attribution.words import DETS, DOC_NOUNS, NP_PREPS, POSS_PRON


def note_document_subject(sent: Sentence, start: int) -> None:
    """Remember the document that opens the main clause at ``start``, if one does, else the
    last one the sentence names after a determiner ("Ruiz wrote in the affidavit." "It
    continued: …")."""
    low = sent.low
    if DOC_NOUNS.isdisjoint(low):
        return  # most sentences name no document
    if start >= sent.n or not (
        low[start] in DETS or low[start] in POSS_PRON or low[start].endswith("'s")
    ):
        _note_document_named(sent, start)
        return
    if DOC_NOUNS.isdisjoint(low[start + 1 : start + 6]):
        _note_document_named(sent, start)
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


def _note_document_named(sent: Sentence, start: int) -> None:
    """Remember the last document named after a determiner past the subject ("wrote in the
    affidavit", "cited a 2001 memorandum")."""
    low = sent.low
    if DOC_NOUNS.isdisjoint(low[start:] if start else low):
        return
    for k in range(sent.n - 1, start, -1):
        if (
            sent.toks[k].islower()
            and low[k] in DOC_NOUNS
            and (low[k - 1] in DETS or low[k - 1] in POSS_PRON)
        ):
            # Placed after the sentence's end: an "it" later in this sentence ("suspended her
            # account; it did not explain") means its subject, not the thing named.
            sent.store.document = (sent.index, sent.n, sent.toks[k])
            return


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
