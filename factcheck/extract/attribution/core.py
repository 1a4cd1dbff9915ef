"""Stage ③ claims, attribution: each sentence's attribution, and the passes across sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from factcheck import regexes
from factcheck.extract.attribution.asides import fronted_aside
from factcheck.extract.attribution.clauses import main_clause_frames
from factcheck.extract.attribution.counts import poll_goes_on, poll_speaker
from factcheck.extract.attribution.documents import document_name, note_document_subject
from factcheck.extract.attribution.entities import (
    Entity,
    Kind,
    Store,
    described_person,
    described_role,
    make_key,
)
from factcheck.extract.attribution.frames import attach_channels, find_frames, order_chain
from factcheck.extract.attribution.interview import answer_turns
from factcheck.extract.attribution.labels import is_editorial_note
from factcheck.extract.attribution.names import gender_in, scan_names
from factcheck.extract.attribution.nonsources import drop_nonsources
from factcheck.extract.attribution.phrases import clause_end, find_np_end, interpret
from factcheck.extract.attribution.quotes import PLACEHOLDER, inherit, shared_layout
from factcheck.extract.attribution.quoting import colon_subject, quoting_subject
from factcheck.extract.attribution.sentence import (
    HEADLINE_SMALL,
    Frame,
    Outcome,
    Quote,
    Sentence,
    gives_words,
    is_word,
    positions,
    spaced_in,
    tokenize,
)
from factcheck.extract.attribution.subjects import (
    fronted_plural,
    listed_people,
    plural_subject,
    skip_fronted,
)
from factcheck.extract.attribution.words import (
    ANON_TRIGGERS,
    BE,
    CUES,
    HEDGE_IT,
    HEDGE_TO,
    HEDGE_TRIGGERS,
    HEDGE_WORDS,
    KNOWN_MEDIA,
    REPORTS_SAY,
    ROLE_NOUNS,
    TRIGGERS,
    VERB_CLASS,
    VERIFY,
    Cls,
    lex,
)
from factcheck.lexicon import entries
from factcheck.models import Attribution

_ANON_RE = regexes.compile(
    r"\b(?:"
    + "|".join(r"\s+".join(map(re.escape, p.split())) for p in entries("anonymity_phrases"))
    + r")\b"
)
"""Any phrase saying that a source is unnamed on purpose ("on condition of anonymity")."""
_SIGNATURE = regexes.compile(
    r"[-\u2013\u2014\u2015]+\s*((?:[A-Z][\w.'\u2019-]*\s+){0,4}[A-Z][\w'\u2019-]*)\.?"
    r"\s*(?:[,(][^\"\u201c\u201d]*)?$"
)
"""A signature line under a quotation: "— Jane Roe.", "-Sen. John Doe, Ohio, on Twitter"."""
_HEADED = regexes.compile(
    r"((?:[A-Z][\w.'\u2019&-]*\s+){0,3}[A-Z][\w'\u2019&-]*)"
    r"(?:\s+(?:on|to|at|in)\s+[^:]{1,60})?\s*:\s+(\S+\s+){2,}"
)
"""A headline with a speaker's words after a colon: "Sanders on the Debate: ‘We Won.’"."""
_LABEL = regexes.compile(r"([A-Z][A-Z'\u2019.-]+(?: [A-Z][A-Z'\u2019.-]+){0,2}):\s")
"""A transcript's speaker label in capitals ("WALLACE: …"), here inside a quoted transcript."""
_DASHES = "-\u2013\u2014\u2015"
_CLOSING = ('"', "\u201d", "\u2019", "'")


def _find_hedges(low: list[str], present: frozenset[str], measured: bool) -> list[str]:
    """Hedging words outside quotations, lowercase, in order, without repeats.

    ``present`` holds the sentence's words that are in ``TRIGGERS``; ``measured`` says that
    "according to" names a measure ("according to his body mass index"), which hedges nothing.
    """
    if HEDGE_TRIGGERS.isdisjoint(present):
        return []
    found: list[str] = []
    n = len(low)
    for i in positions(low, HEDGE_TRIGGERS.intersection(present)):
        word = low[i]
        nxt = low[i + 1] if i + 1 < n else ""
        prev = low[i - 1] if i else ""
        label = ""
        if (
            word in HEDGE_IT
            and prev in BE
            and i >= 2
            and (low[i - 2] == "it" or low[i - 3 : i - 1] == ["it", "has"])
        ):
            label = " ".join(low[i - 2 if low[i - 2] == "it" else i - 3 : i + 1])
        elif word in HEDGE_TO and prev in BE and nxt == "to":
            label = f"{word} to"
        elif word in HEDGE_WORDS or (word == "claim" and nxt in ("that", "to")):
            label = word
        elif word == "according" and nxt == "to" and not measured:
            label = "according to"
        elif word == "reports" and nxt in REPORTS_SAY:
            label = f"reports {nxt}"
        elif word in VERIFY:
            label = _find_unverified(low, i)
        if label and label not in found:
            found.append(label)
    return found


def _find_unverified(low: list[str], i: int) -> str:
    window = low[max(0, i - 5) : i]
    if not ({"not", "cannot", "unable"} & set(window)):
        return ""
    if not ({"independently", "could", "cannot", "been", "unable"} & set(window)):
        return ""
    start = next(
        k
        for k, w in enumerate(window)
        if w in ("could", "cannot", "has", "have", "had", "unable", "not", "was", "were")
    )
    return " ".join([*window[start:], low[i]])


def _is_title(quote: Quote) -> bool:
    """A quotation set in title case ("“The Nightly Show with Larry Wilmore”") names a work."""
    return quote.title_words() > 0


def _starts_with_verb(quote: Quote) -> bool:
    first = quote.text.split(None, 1)
    return bool(first) and VERB_CLASS.get(first[0].lower()) is Cls.SAY


def _anonymity_stated(sent: Sentence, present: frozenset[str]) -> bool:
    """'speaking on condition of anonymity', 'who asked not to be named', ...

    ``present`` holds the sentence's words that are in ``TRIGGERS``.
    """
    if ANON_TRIGGERS.isdisjoint(present):
        return False
    return _ANON_RE.search(sent.masked.lower()) is not None


QUOTE_LEAD_INS = lex("but and instead then still so yet also or plus now later")
"""Connectives that may open a sentence which is otherwise one quotation ("But “…”")."""


def _leads_after_connective(sent: Sentence) -> bool:
    """'But “…”', 'Instead, “…”': a connective, then a quotation that ends the sentence."""
    k = 2 if sent.n > 1 and sent.toks[1] == "," else 1
    number = sent.qpos.get(k)
    if number is None or sent.quotes[number].words < 3:
        return False
    return not any(map(is_word, sent.toks[k + 1 :]))


CONCESSIVE = frozenset({"while", "whereas", "although", "though"})
COORDINATORS = frozenset({"but", "while", "whereas", "although", "though", "yet", ";"})
"""Words that open a clause of its own after a comma ("…, but Clinton said …")."""


def _other_speakers(sent: Sentence, frames: list[Frame], main: Frame) -> tuple[str, ...]:
    """Speakers of the sentence's other clauses, each with a subject and a cue of its own:
    "While Clinton has vowed …, Trump has pledged …", "Sanders praised it, but Clinton said …".

    A speaker inside the main speaker's report ("Netanyahu said Hamas claimed …") is not one.
    """
    if len(frames) < 2:
        return ()
    low = sent.low
    names: list[str] = []
    for frame in frames:
        name = frame.speaker.name
        if frame is main or frame.cites or not name or name == main.speaker.name:
            continue
        first, second = sorted((frame, main), key=lambda f: f.spos)
        if first.trailing or second.trailing or second.spos <= first.vpos:
            continue
        before = low[max(0, second.spos - 2) : second.spos]
        concessive = low[0] in CONCESSIVE and first.spos <= 2 and before[-1:] == [","]
        coordinated = (before[-1:] and before[-1] in COORDINATORS) or before == [",", "and"]
        if (concessive or coordinated) and name not in names:
            names.append(name)
    return tuple(names)


"""Words opening a subordinate clause that the main clause after the comma outweighs."""

_NOTHING = Attribution()
"""The article's own voice: no speaker, no hedge, no quotation (immutable, so shared)."""
_SILENT, _LEADS_SILENT = Outcome(_NOTHING, False), Outcome(_NOTHING, True)
"""The outcomes of most sentences, shared: nothing changes an outcome once it is made."""


def _introduced_person(sent: Sentence, start: int) -> Entity | None:
    """Someone unnamed brought in as the subject: "A student in the front row was unimpressed.
    “…,” he said" — the student, not the man named before, is who a later pronoun means."""
    low, toks = sent.low, sent.toks
    limit = min(sent.n, start + 5)
    head = next((k for k in range(start + 1, limit) if low[k] in ROLE_NOUNS), None)
    if head is None or not all(is_word(toks[k]) for k in range(start + 1, head)):
        return None
    comma = next((k for k in range(head + 1, min(sent.n - 1, head + 6)) if toks[k] == ","), None)
    if comma is not None:
        named = sent.mention_of[comma + 1]
        if named is not None:
            # "A retired teacher from Ohio, Mary Jones, …": the name set off is the subject.
            return named if named.kind is Kind.PERSON else None
    found = interpret(sent, start, head + 1, loose=True)
    entity = found.entity if found is not None else None
    if entity is None or entity.kind is not Kind.UNKNOWN:
        return None
    entity.kind = Kind.PERSON
    return entity


def _relative(sent: Sentence, frame: Frame) -> bool:
    """Whether the frame's verb is in a relative clause: "an architect who said …"."""
    return frame.spos < frame.vpos and any(
        w in ("who", "which") for w in sent.low[max(frame.spos, frame.vpos - 3) : frame.vpos]
    )


def _label_only(toks: Sequence[str]) -> bool:
    """'X.', 'ABSTRACT.', 'FULL TEXT.': a sentence of one word, or a few in capitals, alone."""
    if len(toks) > 1 and toks[1][0].isalnum() and toks[0][0].isalnum() and not toks[0].isupper():
        return False  # most sentences: two words, the first not in capitals
    words: list[str] = []
    for token in toks:
        if not token[0].isalnum():  # is_word, without a call for each token
            if token not in ".:":
                return False
        elif len(words) == 3:
            return False  # most sentences stop here, at their fourth word
        else:
            words.append(token)
    return len(words) == 1 or (bool(words) and all(w.isupper() for w in words))


def _same_outlet(key: str, outlet_key: str) -> bool:
    """'bbc' and 'bbc news' are one outlet; 'ap' and 'apple' are not."""
    if key == outlet_key:
        return True
    shorter, longer = sorted((key, outlet_key), key=len)
    return longer.startswith(shorter + " ")


def _analyse(sent: Sentence, outlet_key: str | None, voices: frozenset[str]) -> Outcome:
    """Attribute one sentence, updating the entity store for the sentences after it.

    ``voices`` are the transcript's speaker labels ("WALLACE", "PENCE"): each opens turns in
    more than one paragraph of the article."""
    store = sent.store
    if is_editorial_note(sent.masked):
        return _SILENT  # "Correction: An earlier version of this story …"
    if sent.quotes and sent.is_placeholder(0):
        signed = _signed_quotation(sent) if sent.masked.rstrip(" .")[-1:].isalpha() else None
        if signed is not None:
            return Outcome(signed, sent.quotes[0].words >= 3)
        label = _LABEL.match(sent.quotes[0].text)
        if label is not None:
            named = _labelled(sent, label.group(1))
            if named is None and label.group(1) in voices:
                named = Attribution(speaker=_label_name(label.group(1)), quote=True)
            if named is not None:
                return Outcome(named, False, labelled=True)
            if label.group(1).isalpha():
                return _SILENT  # "VIDEO:" unknown: not the last speaker
    elif voices:
        label = _LABEL.match(sent.masked.lstrip(' "\u201c'))
        if label is not None and label.group(1) in voices and not _labelled(sent, label.group(1)):
            # "WALLACE: Let's start …": a turn of someone the article never named in full.
            return Outcome(Attribution(speaker=_label_name(label.group(1))), False, labelled=True)
    if sent.headline and sent.masked.lstrip()[:1] in _DASHES:
        signed = _signature(sent)  # "― Julie A. Diaz Martinez.": a signature, not a headline
        if signed is not None:
            return Outcome(signed, False, signed=True)
    if sent.headline:
        # A title-case headline: every word is capitalised, so names cannot be told apart;
        # only "Name Says …" and "Name: …" attribute it.
        headline = find_frames(sent, frozenset())
        if not headline:
            return _SILENT
        main = headline[0]
        return Outcome(
            Attribution(
                speaker=main.speaker.name,
                role=main.speaker.role,
                verb=main.verb or None,
                quote=main.quoted_object,
            ),
            False,
        )

    if not sent.quotes and _label_only(sent.toks):
        return _SILENT  # "X.", "FULL TEXT.": a label, which names no one
    scan_names(sent, sent.toks, sent.low, None)
    if sent.masked.lstrip()[:1] in _DASHES:
        signed = _signature(sent)
        if signed is not None:
            return Outcome(signed, False, signed=True)
    for where, number in sent.qpos.items():
        quoted = sent.quotes[number]
        # Names inside a quotation count for later sentences ("General Esmail Qaani" in a
        # quote makes "the IRGC general" resolvable); a short scare quote names no one.
        if quoted.words >= 3 and quoted.text != quoted.text.lower():
            tokens = tokenize(quoted.text, sent.marks)
            scan_names(sent, tokens, list(map(str.lower, tokens)), where)

    # The main clause's subject is the most salient mention for later pronouns.
    start = skip_fronted(sent, 0, sent.n)
    note_document_subject(sent, start)
    first = sent.mention_of[start] if start < sent.n else None
    if first is None and start < sent.n and sent.low[start] in ("the", "this"):
        # "The candidate also refuted …": a description of someone named before.
        end = find_np_end(sent, start)
        described = interpret(sent, start, end, loose=True)
        gender = gender_in(sent.low[end - 1 : end])
        if described is not None and described.entity is None and described.name and gender:
            # "The woman who started it all …": someone a later "she said" means.
            described.entity = Entity(described.name, Kind.PERSON, gender=gender)
            store.add_head(described.entity, sent.low[end - 1])
        if described is not None and described.entity is not None:
            first = described.entity if described.entity.kind is Kind.PERSON else None
    elif first is None and start < sent.n and sent.low[start] in ("a", "an", "one"):
        first = _introduced_person(sent, start)
    elif first is None and start < sent.n and sent.low[start] in ("he", "she"):
        # "He added a note of caution, should Clinton …": the person a subject pronoun means
        # stays the most salient one, whatever the sentence names after it.
        first = store.pronoun(sent.low[start], sent.index, start, clause_end(sent, start))
    elif first is None and start < sent.n:
        first, start = plural_subject(sent, start)
    if first is not None and first.kind is Kind.PERSON:
        first = listed_people(sent, start) or first  # "Jane Roe and Bob Lee wrote …": both
    people = fronted_plural(sent, start)  # "As Republicans scrambled …, they proposed …"
    if people is not None:
        store.touch(people, sent.index, 1, True)
    if first is not None:
        store.touch(first, sent.index, start, True)

    quotes = sent.quotes
    frames: list[Frame] = []
    measured = False  # "according to his body mass index": no source, and no hedge
    present = TRIGGERS.intersection(sent.low)
    if ":" in sent.masked:  # every colon of the text is a token of its own
        present = present | {":"}
    cue_words = CUES.intersection(present)
    fronted = sent.n > 0 and sent.low[0] == "in"
    opens = bool(quotes) and sent.is_placeholder(0)
    verb_quoted = bool(quotes) and any(map(_starts_with_verb, quotes))  # "and “proclaimed …”"
    if cue_words or fronted or opens or ":" in present or verb_quoted:
        frames, measured = drop_nonsources(sent, find_frames(sent, cue_words))
        if frames:
            attach_channels(sent, frames, present)
    all_frames = frames
    if len(frames) > 1 and sent.low[0] in CONCESSIVE and "," in sent.low:
        # "While Clinton has vowed …, Trump has pledged …": the main clause's speaker.
        comma = sent.low.index(",")
        frames = [f for f in frames if f.vpos > comma] or frames
    frames = main_clause_frames(sent, frames)
    if len(frames) > 1 and any(
        f.quoted_object and not f.trailing and not _relative(sent, f) for f in frames
    ):
        # "… an architect who said he was cheated, saying, “…”": the quotation is the words of
        # the frame that takes it, not of a relative clause's.
        frames = [f for f in frames if f.quoted_object or not _relative(sent, f)]
    # (without a frame there is no chain to order, nor a share of people in it)
    chain = poll_speaker(sent, order_chain(sent, frames), all_frames) if frames else frames

    hedges = _find_hedges(sent.low, present, measured)
    long_quote = leads = continued = False
    if quotes:
        for quoted in quotes:
            continued = continued or quoted.continued
            long_quote = long_quote or gives_words(quoted) or quoted.continued
        # A quotation of three words or more, or one that is the whole sentence ("“Bodies
        # everywhere.”"), opens it.
        whole = sent.n <= 3 and not _is_title(quotes[0]) and not quotes[0].text.endswith(":")
        leads = sent.is_placeholder(0) and (quotes[0].words >= 3 or whole)
        if not leads and sent.low[0] in QUOTE_LEAD_INS:
            leads = _leads_after_connective(sent)
    if not chain:
        aside = fronted_aside(sent)
        if aside is not None:
            # "As Akhil Amar put it, …", "In the words of Senator Ann Hale, …"
            said, cue = aside
            if said.entity is not None:
                said.entity.spoke = True
                store.touch(said.entity, sent.index, 0, True)
            return Outcome(
                Attribution(
                    speaker=said.name,
                    role=said.role,
                    verb=cue,
                    hedges=tuple(hedges),
                    quote=long_quote,
                ),
                leads,
            )
        speaker = None
        if quotes and not continued and not all(map(_is_title, quotes)):
            # No reporting verb, but a subject that can speak and words in quotation marks.
            speaker = quoting_subject(sent, start, long_quote)
        if speaker is not None and speaker.entity is not None:
            store.touch(speaker.entity, sent.index, start, True)
        elif speaker is None and not hedges and not long_quote:
            if sent.n > 2 and sent.toks[-1] == ":":
                return Outcome(_NOTHING, leads, introduces=_introducer(sent, start))
            return _LEADS_SILENT if leads else _SILENT
        return Outcome(
            Attribution(
                speaker=speaker.name if speaker else None,
                role=speaker.role if speaker else None,
                hedges=tuple(hedges),
                quote=long_quote,
            ),
            leads,
        )

    main = chain[-1]
    via: list[str] = []
    for frame in chain:
        for channel in frame.channels:
            if channel.name:
                via.append(channel.name)
        if frame is not main and frame.speaker.name:
            via.append(frame.speaker.name)
    speaker = main.speaker
    if speaker.entity is None:
        speaker.entity = described_person(speaker.name, speaker.anonymous)
    if speaker.entity is not None:
        speaker.entity.spoke = True
        speaker.entity.said = sent.index
        store.touch(speaker.entity, sent.index, main.spos, True)
    cleaned: list[str] = []
    for name in via:
        if name == speaker.name or name in cleaned:
            continue
        if outlet_key and _same_outlet(make_key(name), outlet_key):
            continue  # "told Reuters" in a Reuters story is first-hand
        cleaned.append(name)
    anonymous = speaker.anonymous or (speaker.name is not None and _anonymity_stated(sent, present))
    if anonymous and "anonymous" not in hedges:
        hedges.append("anonymous")
    quote = long_quote or any(f.quoted_object for f in chain)
    labelled = (
        not main.verb
        and main.spos == 0
        and sent.low[main.vpos] == ":"
        and sent.toks[0].isupper()  # a transcript's label in capitals: "TAPPER: …"
    )
    role = speaker.role
    entity = speaker.entity
    if entity is not None:
        role = described_role(speaker.described, entity, entity.role or role)
    return Outcome(
        Attribution(
            speaker=document_name(speaker.name),
            role=role,
            verb=main.verb or None,
            via=tuple(cleaned),
            hedges=tuple(hedges),
            quote=quote,
            others=_other_speakers(sent, all_frames, main),
        ),
        leads,
        labelled,
        tags=main.spos == 0 and not quotes and _tag_only(sent, main.vpos),
    )


def attribute_sentences(
    sentences: Sequence[str],
    *,
    outlet: str | None = None,
    blocks: Sequence[int] | None = None,
    title: str | None = None,
) -> list[Attribution]:
    """One Attribution per sentence, in article order.

    ``sentences`` are an article's body sentences in order; pronouns, descriptions ("the IRGC
    general") and bare surnames are resolved from the ones before. ``outlet`` is the publishing
    outlet, left off the chain when a speaker talked to it directly ("told Reuters" in a Reuters
    story). ``blocks`` gives each sentence's paragraph index, so quotations never run past a
    paragraph. ``title`` is the article's headline, which may name the person an interview
    printed as questions and answers is with.

    A sentence without a reporting construction has no speaker: the article asserts it. A
    pronoun with nothing to refer to keeps its verb but no speaker. ``quote`` is set when the
    sentence quotes four words or more, when a quotation is the reporting verb's object, or
    when the sentence lies inside a quotation that spans sentences; scare quotes around a word
    or two do not count. Every sentence inside one quotation shares its speaker.
    """
    layout = shared_layout(sentences, blocks)
    store = Store(sentences, blocks)
    outlet_key = make_key(outlet) if outlet else None
    voices = _voices(sentences, blocks)
    marks = spaced_in(store.plain.text)
    outcomes = [
        _analyse(Sentence(store, index, text, layout.spans[index], marks), outlet_key, voices)
        for index, text in enumerate(sentences)
    ]
    results = [o.attribution for o in outcomes]
    # Inside one quotation every sentence is the same speaker's; a quotation that names no one
    # is the words of the speaker introduced just before it ("Dr. Ward stated:").
    for first, last in layout.groups:
        owner = next((results[k] for k in range(first, last + 1) if results[k].verb), None)
        if owner is None and first and _introduces(sentences[first - 1], results[first - 1]):
            owner = results[first - 1]
        if owner is None:
            continue
        for k in range(first, last + 1):
            if results[k].speaker is None:
                results[k] = inherit(owner, results[k])
    _sign_quotations(sentences, results, outcomes, layout.groups)
    for k in range(min(2, len(sentences))):
        if results[k].speaker is None and ":" in sentences[k]:
            results[k] = _headline_speaker(sentences, k, store) or results[k]
    for k in range(len(results) - 1):
        intro = outcomes[k].introduces
        if intro is not None and results[k].speaker is None and outcomes[k + 1].leads_with_quote:
            results[k] = intro  # "He then listed the qualities he wants:" and a quotation
    # The passes that give a bare quotation a speaker change only sentences that open with one:
    # they look at those alone, in the same order.
    leading = [k for k, outcome in enumerate(outcomes) if outcome.leads_with_quote]
    # A bare quotation right after a reported speaker ("X said …", "X continued:") goes on with
    # that speaker's words.
    for k in leading:
        before = results[k - 1]
        if (
            k
            and results[k].speaker is None
            and before.speaker is not None
            and (before.quote or before.verb or sentences[k - 1].rstrip().endswith(":"))
            and not _aside(sentences[k])
            and not _capitals_heading(sentences, blocks, k)
            and not _turn_taken(sentences, results, outcomes, blocks, k)
        ):
            results[k] = inherit(before, results[k])
            if VERB_CLASS.get(before.verb or "") is Cls.ATTITUDE and before.verb not in AGREES:
                # "Ana Ruiz believes the ferry will return." “It is the only way across.”: her
                # words, but not what she believes ("Ana Ruiz agreed." is her saying so).
                results[k] = replace(results[k], verb=None)
    # In a transcript, the sentences after a speaker's label ("TAPPER: …") in the same paragraph
    # are that speaker's too.
    if blocks is not None:
        label: Attribution | None = None
        for k, outcome in enumerate(outcomes):
            if k and blocks[k] != blocks[k - 1]:
                label = None
            if outcome.labelled:
                label = results[k]
            elif label is not None and results[k].speaker is None and not _aside(sentences[k]):
                results[k] = inherit(label, results[k])
            elif results[k].speaker is not None and (
                label is None or results[k].speaker != label.speaker
            ):
                label = None  # someone else speaks: the turn has ended
    # A sentence of quotation marks alone ("”") belongs to the quotation next to it.
    for k in range(len(results) - 1):
        after = results[k + 1]
        if (
            results[k].speaker is None
            and after.speaker is not None
            and _marks_only(sentences[k])
            and not _QUOTE_CHARS.isdisjoint(sentences[k + 1])
        ):
            results[k] = inherit(after, results[k])
    # A bare quotation followed by a short sentence that only names who said it ("“Why are you
    # still endorsing him?”" "Obama asked Republican politicians.").
    for k in reversed(leading):
        after = results[k + 1] if k + 1 < len(results) else _NOTHING
        if (
            results[k].speaker is None
            and after.speaker is not None  # none after the last sentence
            and after.verb is not None
            and not after.quote
            and (outcomes[k + 1].tags or len(sentences[k + 1].split()) <= 12)
            and (blocks is None or blocks[k] == blocks[k + 1])
        ):
            results[k] = inherit(after, results[k])
    # A bare quotation opening a paragraph whose next quotation names its speaker ("“A.” “B,”
    # she said.") is that speaker's too.
    for k in reversed(leading):
        after = results[k + 1] if k + 1 < len(results) else _NOTHING
        if (
            results[k].speaker is None
            and after.speaker is not None  # none after the last sentence
            and outcomes[k + 1].leads_with_quote
            and after.quote
            and (blocks is None or blocks[k] == blocks[k + 1])
        ):
            results[k] = inherit(after, results[k])
    # The passes above may have given a quotation's first sentence its speaker (a bare quotation
    # after a reported one): the quotation's other sentences are that speaker's words too.
    for first, last in layout.groups:
        owner = next((results[k] for k in range(first, last + 1) if results[k].speaker), None)
        if owner is not None:
            for k in range(first, last + 1):
                if results[k].speaker is None:
                    results[k] = inherit(owner, results[k])
    answer_turns(sentences, blocks, results, store, title)
    poll_goes_on(sentences, results)
    return results


ASKED = lex("asked asks")
AGREES = lex("agree agrees agreed disagree disagrees disagreed")
"""Stances taken out loud: the quotation after "Ana Ruiz agreed." is what she said."""


def _turn_taken(
    sentences: Sequence[str],
    results: Sequence[Attribution],
    outcomes: Sequence[Outcome],
    blocks: Sequence[int] | None,
    k: int,
) -> bool:
    """Whether the bare quotation at ``k`` is someone else's turn that the next sentence names:
    "“That would be you?”" then "Borger asked." or "Todd asked the candidate."."""
    if k + 1 >= len(results) or (blocks is not None and blocks[k] != blocks[k + 1]):
        return False
    after = results[k + 1]
    if after.speaker is None or after.verb is None or after.quote:
        return False
    question = sentences[k].rstrip().rstrip("\"\u201d\u2019'").endswith("?")
    said = after.verb in ASKED or VERB_CLASS.get(after.verb) is Cls.SAY
    if outcomes[k + 1].tags and (said or question):
        return True  # "Borger asked.", "Cruz replied.", "?” Vitter demanded.", not "Reyes agreed."
    return question and after.verb in ASKED and len(sentences[k + 1].split()) <= 12


TAG_ENDS = lex(", . ! ? ; into to at as with before after while in on")
"""What may follow a reporting verb that takes no words of its own: "said into the phone"."""


def _tag_only(sent: Sentence, v: int) -> bool:
    """Whether the verb at ``v`` reports no words after it ("Dawson shouted, waving a sign")."""
    k = v + 1
    while k < sent.n and (sent.low[k] in ("back", "again") or sent.low[k].endswith("ly")):
        k += 1
    return k >= sent.n or sent.low[k] in TAG_ENDS


def _introducer(sent: Sentence, start: int) -> Attribution | None:
    found = colon_subject(sent, start)
    if found is None:
        return None
    speaker, verb = found
    return Attribution(speaker=speaker.name, role=speaker.role, verb=verb)


def _signature(sent: Sentence) -> Attribution | None:
    """'— Jane Roe, Ohio.': a line that only signs the quotation above it."""
    words = _signer_words(sent.masked.strip())
    if words is None or " ".join(words).lower() in KNOWN_MEDIA:
        return None  # "— Reuters": the wire service's credit line
    return _signed_by(sent, words, quote=False)


def _signer_words(line: str) -> list[str] | None:
    """The name a signature ("— Jane Roe, Ohio.") gives, word by word."""
    found = _SIGNATURE.fullmatch(line)
    if found is None or len(found.group(1)) > 60:
        return None
    return found.group(1).split()


def _signed_by(sent: Sentence, words: list[str], *, quote: bool) -> Attribution:
    """The signer as the speaker: the person the article knows by that name, else the name."""
    entity = sent.store.lookup(words)
    if entity is not None:
        return Attribution(speaker=entity.name, role=entity.role, quote=quote)
    return Attribution(speaker=" ".join(words), quote=quote)


def _marks_only(text: str) -> bool:
    return not any(c.isalnum() for c in text) and any(c in _QUOTE_CHARS for c in text)


_QUOTE_CHARS = frozenset('"\u201c\u201d')


def _aside(text: str) -> bool:
    """'(CROSSTALK.)', '[Applause]': a transcript's note in brackets, which nobody says."""
    core = text.strip(' "\u201c\u201d.')
    return core[:1] in "([" and core[-1:] in ")]"


def _capitals_heading(sentences: Sequence[str], blocks: Sequence[int] | None, k: int) -> bool:
    """'“PLANS CHANGE FAST”': a quotation in capitals that stands as a paragraph of its own,
    which heads the section after it rather than going on with the speaker before it."""
    if blocks is None or blocks[k] == blocks[k - 1]:
        return False
    if k + 1 < len(sentences) and blocks[k + 1] == blocks[k]:
        return False
    letters = [c for c in sentences[k] if c.isalpha()]
    return len(letters) >= 8 and all(c.isupper() for c in letters)


def _voices(sentences: Sequence[str], blocks: Sequence[int] | None) -> frozenset[str]:
    """A transcript's speaker labels: capitals before a colon that open paragraphs ("WALLACE:
    …", quoted or not), when two labels or more each open two turns or more, as in a dialogue
    (so a lone "UPDATE:" or "CORRECTION:" never counts)."""
    if blocks is None:
        return frozenset()
    counts: dict[str, int] = {}
    for k, text in enumerate(sentences):
        if k and blocks[k] == blocks[k - 1]:
            continue
        found = _LABEL.match(text.lstrip(' "\u201c'))
        if found is not None and found.group(1).replace(" ", "").isalpha():
            counts[found.group(1)] = counts.get(found.group(1), 0) + 1
    repeated = frozenset(label for label, count in counts.items() if count >= 2)
    return repeated if len(repeated) >= 2 else frozenset()


def _label_name(label: str) -> str:
    """'WALLACE' as the name 'Wallace', 'JAKE TAPPER' as 'Jake Tapper'."""
    return " ".join(word.capitalize() for word in label.split())


def _labelled(sent: Sentence, label: str) -> Attribution | None:
    """The person a quoted transcript's label names ("WALLACE:" for Chris Wallace)."""
    entity = sent.store.lookup([word.capitalize() for word in label.split()])
    if entity is None or entity.kind is not Kind.PERSON:
        return None
    return Attribution(speaker=entity.name, role=entity.role, quote=True)


def _signed_quotation(sent: Sentence) -> Attribution | None:
    """'“…”― Jane Roe.': a quotation signed at the end of its own sentence."""
    last = sent.masked.rfind(chr(PLACEHOLDER + len(sent.quotes) - 1))
    tail = sent.masked[last + 1 :].strip()
    if not tail or tail[0] not in _DASHES:
        return None
    words = _signer_words(tail)
    return _signed_by(sent, words, quote=True) if words is not None else None


def _sign_quotations(
    sentences: Sequence[str],
    results: list[Attribution],
    outcomes: Sequence[Outcome],
    groups: Sequence[tuple[int, int]],
) -> None:
    """A signature line ("— Jane Roe.") names the speaker of the quotation right above it."""
    firsts = {last: first for first, last in groups}
    for k, outcome in enumerate(outcomes):
        if not outcome.signed:
            continue
        if not k or not sentences[k - 1].rstrip().endswith(_CLOSING):
            results[k] = _NOTHING  # a dash and a name under no quotation sign nothing
            continue
        for j in range(firsts.get(k - 1, k - 1), k):
            if results[j].speaker is None:
                results[j] = inherit(results[k], results[j])


def _headline_speaker(sentences: Sequence[str], k: int, store: Store) -> Attribution | None:
    """'Graham: Trump Cannot Win.': an article's opening line that puts words after a name the
    article goes on to name again (so "Breaking:", "The Latest:" or "Poll Watch:" are not)."""
    found = _HEADED.match(sentences[k].strip())
    if found is None:
        return None
    words = found.group(1).split()
    if any(w.lower() in HEADLINE_SMALL or (w.isupper() and len(w) > 3) for w in words):
        return None  # "The Latest:", "Big Win For Bernie:", "BREAKING NEWS:"
    surname = words[-1].rstrip(".")
    if len(surname) < 2:
        return None  # "Q: …", "A: …": an interview's turns, not a name
    rest = " ".join(sentences[k + 1 :])
    if re.search(rf"(?<![\w.]) ?\b{re.escape(surname)}\b", rest) is None:
        return None
    entity = store.lookup(words[-1:]) if len(words) == 1 else store.lookup(words)
    if entity is not None and entity.kind in (Kind.PERSON, Kind.ORG, Kind.MEDIA):
        return Attribution(speaker=entity.name, role=entity.role)
    return Attribution(speaker=" ".join(words))


def _introduces(text: str, attribution: Attribution) -> bool:
    """'Dr. Ward stated:': a sentence that names a speaker and ends on a colon."""
    return attribution.speaker is not None and text.rstrip().endswith(":")
