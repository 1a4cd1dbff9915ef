"""Stage ③ claims: attribution — who stands behind each sentence, and through whom.

For every body sentence this finds the speaker, the speaker's role, the reporting verb, the
chain of intermediaries between the article and the speaker (an outlet's report, an interview
on a channel), hedging words, and whether the sentence quotes the speaker directly. Pronouns
("he", "they"), definite descriptions ("the IRGC general", "the channel") and surname-only
mentions ("Netanyahu") are resolved against the people and organisations named in earlier
sentences, most recent and most salient first.

It is pure Python on purpose: precompiled regexes, small lexicons and one pass over the
sentences, so it runs offline, starts instantly and stays linear in the length of the text.

The modules, in the order a sentence meets them: ``words`` (word classes from the lexicon
files), ``quotes`` (quotations across sentences), ``sentence`` (the sentence record and its
tokens), ``entities`` (everyone named so far), ``names`` (names and roles), ``phrases`` (noun
phrases and coreference), ``subjects`` (who stands before a verb), ``complements`` (what
stands after it), ``nounforms`` (cue words used as nouns or adjectives), ``frames``
(reported-speech frames), ``labels`` (a name before a colon, a headline's speaker),
``quoting`` (a subject whose words are quoted without a reporting verb) and ``core`` (one
attribution per sentence, and the passes across sentences).
"""

from __future__ import annotations

from factcheck.extract.attribution.core import attribute_sentences
from factcheck.extract.attribution.quotes import quote_groups

__all__ = ["attribute_sentences", "quote_groups"]
