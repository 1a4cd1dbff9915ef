"""Stage ③ claims, attribution: noun phrases and coreference — where a phrase starts and ends,
and whom it names (a name, a description, a document's author, a pronoun's antecedent).
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.extract.attribution.clauses import SUBORDINATORS
from factcheck.extract.attribution.entities import (
    GENDER_OF,
    Entity,
    Kind,
    make_key,
    strip_possessive,
)
from factcheck.extract.attribution.sentence import Sentence, Speaker, is_word
from factcheck.extract.attribution.words import (
    ANON_AFTER,
    ANON_HEADS,
    AUX,
    BACK_STOP,
    CAP_STOP,
    COMPOUND_ROLES,
    DEMONYMS,
    DETS,
    DOC_NOUNS,
    FORWARD_NP,
    MEDIA_NOUNS,
    MODS,
    MONTHS,
    NP_PREPS,
    NUMBER_WORDS,
    ORG_NOUNS,
    OTHER_PREPS,
    PERSONISH,
    POSS_PRON,
    PRONOUNS,
    ROLE_NOUNS,
    SPLIT_PREPS,
    TITLES,
    VERB_CLASS,
    WEEKDAYS,
    lex,
)

_PRONOUN_OF = {"its": "it", "their": "they", "his": "he", "her": "she"}
"""The pronoun behind a possessive determiner, for "its report", "his statement"."""


def find_np_start(sent: Sentence, j: int) -> int:
    """Where the noun phrase ending at token ``j`` starts (scanning backwards)."""
    low = sent.low
    k = j
    steps = 0
    while k >= 0 and steps < 14:
        steps += 1
        start = sent.mention_end.get(k)
        if start is not None:
            k = start - 1
            continue
        lw = low[k]
        token = sent.toks[k]
        if k == j and is_word(token) and lw not in DETS and lw not in PRONOUNS:
            k -= 1  # the head itself, even when it could be a verb: "media reports said"
            continue
        if not is_word(token) or lw in BACK_STOP:
            if lw == "and" and k > 0 and (k - 1 in sent.mention_end):
                k -= 1
                continue
            break
        if lw in DETS or lw in POSS_PRON:
            if k > 0 and low[k - 1] in NP_PREPS:
                k -= 2
                continue
            k -= 1
            break
        k -= 1
    start = k + 1
    if 0 < start <= j and low[start - 1] in ("and", ","):
        start = _list_start(sent, start, j)
    while start <= j and low[start] in NP_PREPS:
        start += 1
    return start


def _list_start(sent: Sentence, start: int, j: int) -> int:
    """Where a list of three people or more opens, back past the commas between its names
    ("Hillary Clinton, Bernie Sanders, and Martin O'Malley"), else ``start``. The list must
    open the clause, not end a phrase before it ("Asked about Clinton, Trump and Pence")."""
    low, toks = sent.low, sent.toks
    if start >= 2 and low[start - 2 : start] == [",", "and"]:
        k, needed = start - 2, 2  # "A, B, and C": from C
    elif start >= 1 and low[start - 1] == "," and "and" in low[start:j]:
        k, needed = start - 1, 1  # "A, B and C": from B
    else:
        return start
    first, items = start, 0
    while k >= 1 and low[k] == "," and k - 1 in sent.mention_end:
        named = sent.mention_of[k - 1]
        if named is None or named.kind is not Kind.PERSON:
            return start
        first, items = sent.mention_end[k - 1], items + 1
        k = first - 1
    if items < needed:
        return start
    before = low[k] if k >= 0 else ""
    opens = k < 0 or toks[k][0].isupper() or before in DETS or is_people_word(before)
    return first if opens and before not in NP_PREPS else start


def find_np_end(sent: Sentence, i: int, limit: int | None = None) -> int:
    """Where the noun phrase starting at token ``i`` ends (exclusive)."""
    low, toks = sent.low, sent.toks
    end = sent.n if limit is None else limit
    k = i
    headed = False
    while k < end and k - i < 18:
        stop = sent.mention_start.get(k)
        if stop is not None:
            k = stop + 1
            headed = True
            continue
        lw = low[k]
        token = toks[k]
        if k == i and lw in PRONOUNS:
            return k + 1
        if lw in DETS or lw in POSS_PRON:
            if k != i and low[k - 1] not in NP_PREPS and low[k - 1] != "on":
                break
            k += 1
            continue
        if not is_word(token) or (headed and lw in AUX and token == lw):
            break  # "Groberg then went on": an adverb after a name ends it
        if (lw in NP_PREPS or (lw == "on" and low[k - 1] == "briefed")) and k > i:
            if not headed or k + 1 >= end:
                break
            k += 1
            headed = False
            continue
        if lw in FORWARD_NP or token[0].isdigit() or lw in DOC_NOUNS:
            k += 1
            headed = True
            continue
        if token[0].isupper() or "-" in token or lw.endswith(("'s", "'")):
            k += 1
            headed = True
            continue
        if lw in BACK_STOP or lw in OTHER_PREPS:
            break
        if headed and lw.endswith("ed") and k + 1 < end and low[k + 1] in ("by", "in", "from"):
            k += 1  # "a readout published by the ministry"
            continue
        prev = low[k - 1] if k > i else ""
        if prev in DEMONYMS and _plural_noun(lw) and k > i:
            k += 1  # "two Democratic speechwriters": the people an affiliation describes
            headed = True
            continue
        if prev in DETS or prev in POSS_PRON or prev in MODS or prev in NP_PREPS:
            k += 1  # an ordinary noun after a determiner: "the matter", "the talks"
            headed = True
            continue
        break
    while k > i and low[k - 1] in NP_PREPS:
        k -= 1
    return k


def _plural_noun(word: str) -> bool:
    """A lowercase plural that is no verb form ("speechwriters", not "says" or "plans")."""
    plural = word.endswith("s") and not word.endswith("ss")
    return plural and word.isalpha() and word not in VERB_CLASS


INDEFINITE = lex("a an another one")
"""Determiners of a noun phrase that describes someone without naming them."""


QUANTIFIERS = lex("several others some many most few both another")
LEAD_INS = lex("yet and but still")
"""Words that stand alone for a number of people ("Several said")."""
SHARES = lex("percent half majority plurality third quarter two-thirds three-quarters most")
"""Words for a share of the people asked."""


def _is_number(word: str) -> bool:
    """'42', '47%', 'twenty-four', 'six': a count or share of people."""
    if word.removesuffix("%").isdigit():
        return True
    return word in NUMBER_WORDS or word.split("-")[0] in NUMBER_WORDS | TENS


TENS = lex("twenty thirty forty fifty sixty seventy eighty ninety")


TIME_NOUNS = lex("year years month months week weeks day days decade decades time morning night")
"""Nouns for times, which a noun phrase ending in never names a speaker."""


def interpret(sent: Sentence, i: int, j: int, *, loose: bool = False) -> Speaker | None:
    """Resolve the noun phrase toks[i:j] to a speaker, or None if it cannot speak.

    ``loose`` also accepts a definite description with an unknown head ("the billionaire"),
    for subjects of verbs that can only report speech.
    """
    if j <= i:
        return None
    low, toks = sent.low, sent.toks
    if j - i == 1 and low[i] in PRONOUNS and sent.mention_of[i] is None:
        return resolve_pronoun(sent, low[i], i)
    base, _, tail = low[i].partition("'")
    if j - i == 1 and tail in ("s", "ve", "d", "ll", "re", "m") and base in PRONOUNS:
        return resolve_pronoun(sent, base, i)  # "He's comparing …": the pronoun itself
    first = low[i]
    if first == "those" and (j - i == 1 or low[i + 1] == "who" or _is_participle(toks[i + 1])):
        return Speaker(sent.join_tokens(toks, i, j))  # "those surveyed", "those who …"
    if (first in SHARE_STARTS or first[:1] in DIGITS or "-" in first) and _is_share(low, i, j):
        # "One in five say", "nearly eight in 10 voters said": a share of the people asked.
        return Speaker(sent.join_tokens(toks, i, j))
    split = j
    k = i + 1
    while k < j:
        stop = sent.mention_start.get(k)
        if stop is not None:
            k = stop + 1
            continue
        if low[k] in SPLIT_PREPS:
            split = k
            break
        k += 1
    head = split - 1
    while head > i and low[head].endswith("ed") and toks[head][0].islower():
        head -= 1  # "a new study published in The Lancet"
    entity = sent.mention_of[head]
    lw = strip_possessive(low[head])
    if entity is None and (lw in TIME_NOUNS or lw in MONTHS or lw in WEEKDAYS):
        return None  # "earlier this year", "Wednesday's": a time, never a speaker
    if entity is not None and entity.kind is Kind.PLACE:
        return None  # "in San Jose, California": a place
    if entity is not None and not low[head].endswith(("'s", "'")):
        if "and" in low[i:head]:
            # "Olaf Scholz and Emmanuel Macron said": both stand behind it.
            names: list[str] = []
            for m in range(i, split):
                found = sent.mention_of[m]
                last = sent.mention_start.get(m, m)
                if last + 1 < split and low[last + 1] not in ("and", ",", "&"):
                    continue  # "Presidential candidates X and Y": a modifier, not one of them
                if found is not None and (not names or names[-1] != found.name):
                    names.append(found.name)
            if names:
                return Speaker(join_names(names))
        return Speaker(entity.name, entity.role, entity)
    if lw in DOC_NOUNS:
        return _resolve_document(sent, i, split, j, lw)
    if lw in PERSONISH or lw == "media" or (entity is None and is_people_word(lw)):
        return _resolve_common(sent, i, split, j, lw)
    if entity is None and head == split - 1 and low[head] in DEMONYMS and low[head].endswith("s"):
        # "Democrats don't think", "many Republicans believe": a group by its affiliation.
        return Speaker(sent.join_tokens(toks, _skip_determiners(sent, i, split), split))
    if loose and low[j - 1] in QUANTIFIERS and all(w in LEAD_INS for w in low[i : j - 1]):
        # "Several said", "Others say", "Yet another said": people counted but not named.
        plural = low[j - 1] != "another"
        name = "unnamed sources" if plural else "unnamed source"
        return Speaker(name, toks[j - 1].lower(), anonymous=True)
    if (
        low[i] in QUANTIFIERS
        and split < j
        and low[split] == "of"
        and (is_people_word(low[j - 1]) or (j - split == 2 and low[j - 1] in ("them", "us")))
    ):
        return Speaker(sent.join_tokens(toks, i, j))  # "Some of the women said", "Most of them"
    if entity is None and toks[head][0].isupper() and low[head] not in CAP_STOP:
        return Speaker(sent.join_tokens(toks, _skip_determiners(sent, i, split), split))
    if loose and low[i] in ("the", "this") and head > i and toks[head].isalpha():
        found = sent.store.describe(lw, low[i + 1 : head])
        if found is not None:
            return Speaker(
                found.name, found.role, found, described=sent.join_tokens(toks, i + 1, split)
            )
        return Speaker(sent.join_tokens(toks, i + 1, split))
    if (
        loose
        and head > i
        and (low[i] in INDEFINITE or low[i] in NUMBER_WORDS or toks[i][0].isdigit())
        and toks[head][0].islower()
        and toks[head].replace("-", "").isalnum()
        and low[head] not in BACK_STOP
    ):
        # "a friend said", "one California delegate said": someone the text does not name.
        plural = low[i] not in INDEFINITE and low[head].endswith("s")  # "two aides said"
        name = "unnamed sources" if plural else "unnamed source"
        return Speaker(name, sent.join_tokens(toks, i, j), anonymous=True)
    if (
        loose
        and j - i <= 6
        and low[head].endswith("s")
        and toks[head].isalpha()
        and toks[head][0].islower()
        and low[head] not in BACK_STOP
        and low[i] not in PRONOUNS
    ):
        # "Mrs. Clinton's confidants say", "several political experts suggest"
        return Speaker(sent.join_tokens(toks, _skip_determiners(sent, i, split), head + 1))
    counted = low[head] in SHARES or low[i] in SHARES or _is_number(low[i])
    if counted and (loose or is_people_word(strip_possessive(low[j - 1]))):
        # "Twenty-four percent said", "half of GOP primary voters said": poll respondents.
        return Speaker(sent.join_tokens(toks, i, j))
    if loose and low[i] == "the" and head > i and "-" in toks[head] and toks[head][0].isdigit():
        return Speaker(sent.join_tokens(toks, i + 1, split))  # "the 46-year-old said"
    return None


APPROXIMATELY = lex("nearly almost about roughly around just fully only over some")
"""Words before a count that leave it a count ("nearly eight in 10")."""


SHARE_STARTS = APPROXIMATELY | NUMBER_WORDS | TENS | {"one"}
DIGITS = frozenset("0123456789")


def _is_participle(token: str) -> bool:
    return token.isalpha() and token.islower() and token.endswith("ed")


def _is_share(low: list[str], i: int, j: int) -> bool:
    """'one in five', 'eight out of 10 voters', '42%': a share of people counted."""
    while i < j - 1 and low[i] in APPROXIMATELY:
        i += 1
    if not (_is_number(low[i]) or low[i] == "one") or i + 2 > j:
        return False
    after = low[i + 1 : i + 4]
    return after[:1] == ["in"] or after[:2] == ["out", "of"]


def is_people_word(word: str) -> bool:
    """'advisers', 'allies', 'Democrats', 'voters': a word for people, plural forms included."""
    if word in PERSONISH or word in DEMONYMS:
        return True
    if word.endswith("ies"):
        return word[:-3] + "y" in PERSONISH
    if word.endswith("men"):
        return word[:-3] + "man" in PERSONISH  # "spokesmen", "congressmen"
    return word.endswith("s") and (word[:-1] in PERSONISH or word[:-1] in DEMONYMS)


def _skip_determiners(sent: Sentence, i: int, end: int) -> int:
    while i < end - 1 and (sent.low[i] in DETS or sent.low[i] in POSS_PRON):
        i += 1
    return i


def _find_possessor(sent: Sentence, i: int, head: int) -> Speaker | None:
    for k in range(head - 1, i - 1, -1):
        if sent.low[k].endswith(("'s", "'")):
            entity = sent.mention_of[k]
            if entity is not None:
                return Speaker(entity.name, entity.role, entity)
            word = strip_possessive(sent.low[k])
            mods = [strip_possessive(w) for w in sent.low[i:k] if w not in DETS]
            found = sent.store.describe(word, mods)
            if found is not None:
                return Speaker(found.name, found.role, found)
            return Speaker(sent.join_tokens(sent.toks, _skip_determiners(sent, i, k + 1), k + 1))
    return None


def _resolve_document(sent: Sentence, i: int, split: int, j: int, noun: str) -> Speaker | None:
    """Who a document speaks for: "the channel's report", "an analysis by X", "its figures"."""
    owner = _find_possessor(sent, i, split - 1)
    if owner is None and sent.low[i] in _PRONOUN_OF:
        owner = resolve_pronoun(sent, _PRONOUN_OF[sent.low[i]], i)
        owner = owner if owner is not None and owner.entity is not None else None
    if owner is None and split < j and sent.low[split] in ("by", "from", "of"):
        end = find_np_end(sent, split + 1, j)
        owner = interpret(sent, split + 1, end)
    if owner is not None:
        if owner.entity is not None:
            sent.store.docs[noun] = owner.entity
        return owner
    if sent.low[i] in ("the", "this", "that"):
        found = sent.store.docs.get(noun)
        if found is not None:
            # "the editorial" of the newspaper that wrote it: the document is its role here.
            described = sent.join_tokens(sent.toks, i + 1, split)
            return Speaker(found.name, found.role, found, described=described)
    return Speaker(sent.join_tokens(sent.toks, _skip_determiners(sent, i, split), j))


def _resolve_common(sent: Sentence, i: int, split: int, j: int, head: str) -> Speaker | None:
    low = sent.low
    after = low[split] if split < j else ""
    text_start = _skip_determiners(sent, i, split)
    if head in ANON_HEADS or after in ANON_AFTER:
        role = sent.join_tokens(sent.toks, text_start, j)
        plural = head.endswith("s") and head not in ("source",)
        if head in ("person", "someone"):
            plural = False
        name = "unnamed sources" if plural else "unnamed source"
        return Speaker(name, None if role.lower() in ("source", "sources") else role, None, True)
    possessor = _find_possessor(sent, i, split - 1)
    if possessor is not None and possessor.entity is not None:
        if head in ROLE_NOUNS:
            # "Hamas' spokesman": keep the words, the organisation is in them.
            return Speaker(sent.join_tokens(sent.toks, text_start, split))
        if head in MEDIA_NOUNS and possessor.entity.kind is Kind.MEDIA:
            return possessor  # "the BBC's Today programme": the outlet
    if low[i] in ("the", "this", "that") and (split == j or low[split] == "of"):
        # "the former secretary of state": a role the article gave someone before.
        mods = [strip_possessive(w) for w in low[i + 1 : split - 1]]
        role = head
        compound = COMPOUND_ROLES.get((mods[-1], head)) if mods else None
        if compound is not None:
            role, mods = compound, mods[:-1]
        mods += [w for w in low[split + 1 : j] if w not in DETS]  # "of state", not "of defense"
        found = sent.store.describe(role, mods)
        if found is not None:
            described = sent.join_tokens(sent.toks, i + 1, j)
            return Speaker(found.name, found.role, found, described=described)
    named = split
    while named - 1 > text_start and _is_participle(sent.toks[named - 1]):
        named -= 1  # "a group backed by …": the participle describes them, it names no one
    name = sent.join_tokens(sent.toks, text_start, j if head in ROLE_NOUNS else named)
    if name.lower() in ("others", "some", "many"):
        return None
    entity = sent.store.by_name.get(make_key(name))
    if entity is None:
        if head in MEDIA_NOUNS or head == "media":
            kind = Kind.MEDIA  # "state television", "local media"
        elif head.endswith("s") or head in ORG_NOUNS:
            kind = Kind.GROUP
        else:
            kind = Kind.UNKNOWN
        entity = Entity(name, kind)
        sent.store.add_head(entity, head)
        entity.words.update(w for w in low[i:split])
        sent.store.by_name[make_key(name)] = entity
    return Speaker(name, None, entity)


def resolve_pronoun(sent: Sentence, pronoun: str, pos: int) -> Speaker | None:
    if pronoun in ("we", "i"):
        return None
    ahead = _main_subject_ahead(sent, pronoun, pos)
    if ahead is not None:
        return ahead
    if pronoun == "they" and pos and sent.low[pos - 1] in CLAUSE_OPENERS:
        listed = coordinated_subject(sent, pos)
        if listed is not None:
            return listed  # "Clinton and Warren held a rally, as they sought …": both
    if pronoun == "they":
        people = _people_subject(sent, pos)
        if people is not None:
            return people  # "Clinton's advisers have insisted they thought …": the advisers
    document = sent.store.document if pronoun == "it" else None
    if document is not None and sent.index - 1 <= document[0] and document[:2] < (sent.index, pos):
        return Speaker(document[2])  # "The email goes on to say: …" "It adds …"
    after = pronoun in ("he", "she") and _reports_before(sent, pos)
    entity = sent.store.pronoun(pronoun, sent.index, pos, clause_end(sent, pos), after=after)
    if entity is None:
        return Speaker(None)  # someone spoke; the text no longer says who
    if entity.kind is Kind.PERSON and not entity.gender:
        entity.gender = GENDER_OF.get(pronoun, "")  # "he said" tells it for later pronouns
    return Speaker(entity.name, entity.role, entity)


def _reports_before(sent: Sentence, pos: int) -> bool:
    """Whether the pronoun at ``pos`` follows the words it reports and a comma, then a
    reporting verb: "…, he said", "…,” she added"."""
    if not pos or sent.toks[pos - 1] != "," or any(map(sent.is_placeholder, range(pos))):
        return False  # after a quotation, its speaker may be the sentence's subject
    return pos + 1 < sent.n and sent.low[pos + 1] in VERB_CLASS


def coordinated_subject(sent: Sentence, limit: int, begin: int = 0) -> Speaker | None:
    """People joined by "and" that open the sentence (or the clause at ``begin``) as its
    subject, before token ``limit`` ("Hillary Clinton and Senator Elizabeth Warren held …"),
    else None."""
    low = sent.low
    names: list[str] = []
    k = begin + 1 if low[begin] in LEAD_INS else begin
    while k < limit:
        entity = sent.mention_of[k]
        if entity is None and low[k] in TITLES and k + 1 < limit:
            k += 1  # "Senator" before a name the scan took without its title
            continue
        if entity is None or entity.kind is not Kind.PERSON or k not in sent.mention_start:
            return None
        names.append(entity.name)
        k = sent.mention_start[k] + 1
        joined = k < limit and low[k] == "and"
        if joined or (k + 1 < limit and low[k] == "," and sent.mention_of[k + 1] is not None):
            k += 1
        else:
            break
    if len(names) < 2 or k >= limit or not sent.toks[k].isalpha() or sent.toks[k] != low[k]:
        return None  # no verb after the names: they are not the subject
    name = join_names(names)
    return Speaker(name, None, Entity(name, Kind.GROUP))  # a group for this sentence alone


def join_names(names: Sequence[str]) -> str:
    """Names as a list is written: "A", "A and B", "A, B and C"."""
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


CLAUSE_OPENERS = lex("as because when while after before since until if and but that so")
"""Words opening a clause whose "they" is the sentence's own subject ("…, as they sought")."""


def _people_subject(sent: Sentence, pos: int) -> Speaker | None:
    """The sentence's subject when it names people by a plural noun, unnamed ("Clinton's
    advisers", "Many members"), and "they" at ``pos`` stands in a later clause of the same
    sentence ("… have long insisted they thought …")."""
    low, toks = sent.low, sent.toks
    start = k = 1 if low[0] in LEAD_INS else 0
    head = -1
    while k < pos and k - start < 5:
        word = low[k]
        if word in DETS or word.endswith(("'s", "'")) or word in ("many", "some", "most"):
            k += 1
            continue
        people = word.endswith("s") and is_people_word(word)
        if not word.isalpha() or word in AUX or (toks[k] != word and not people):
            return None  # a name, a number or a verb before any noun for people
        if people:
            head = k
            break
        k += 1
    if head < 0 or head + 1 >= pos or low[head + 1] in ("of", ","):
        return None  # "The heads of both firms": whose heads is another matter
    if not any(low[m] in AUX or low[m].endswith(("ed", "s")) for m in range(head + 1, pos)):
        return None
    first = start + 1 if low[start] in DETS else start
    return Speaker(sent.join_tokens(toks, first, head + 1))


def _main_subject_ahead(sent: Sentence, pronoun: str, pos: int) -> Speaker | None:
    """The person who opens the main clause, for a pronoun that is the subject of a fronted
    subordinate clause before it: "Ever since she endorsed Mrs. Clinton, Ms. Warren has …"."""
    low = sent.low
    if pronoun not in GENDER_OF or not 0 < pos <= 2 or low[pos - 1] not in SUBORDINATORS:
        return None
    if pos == 2 and low[0] not in DEGREE_WORDS:
        return None
    comma = next((k for k in range(pos + 1, min(sent.n, pos + 30)) if low[k] == ","), None)
    if comma is None or comma + 1 >= sent.n:
        return None
    entity = sent.mention_of[comma + 1]
    if entity is None or entity.kind is not Kind.PERSON:
        return None
    if (entity.gender or entity.given) not in ("", GENDER_OF[pronoun]):
        return None
    return Speaker(entity.name, entity.role, entity)


DEGREE_WORDS = lex("ever even just long shortly soon right only well")
"""Words that may stand before the word opening a fronted clause ("Ever since …")."""


def clause_end(sent: Sentence, pos: int) -> int:
    """Where the simple clause that opens at token ``pos`` ends: the first comma, colon, dash,
    quotation, or word opening a clause within it ("that", "when") after it."""
    toks, low, quoted = sent.toks, sent.low, sent.qpos  # (a quotation's placeholders)
    stop = min(sent.n, pos + 1 + _CLAUSE_SCAN)
    for k in range(pos + 1, stop):
        if toks[k] in CLAUSE_ENDS or k in quoted or low[k] in INNER_CLAUSE:
            return k
    if stop == sent.n:
        return sent.n
    # A clause longer than a sentence runs: the ends of the whole sentence, found in one pass
    # and kept, so a sentence of thousands of words is not scanned again for each verb in it.
    if sent.clause_ends is None:
        ends = [sent.n] * (sent.n + 1)
        for k in range(sent.n - 1, -1, -1):
            is_end = toks[k] in CLAUSE_ENDS or k in quoted or low[k] in INNER_CLAUSE
            ends[k] = k if is_end else ends[k + 1]
        sent.clause_ends = ends
    return sent.clause_ends[stop]


_CLAUSE_SCAN = 64
"""Tokens read one by one before the sentence's clause ends are looked up instead."""


INNER_CLAUSE = SUBORDINATORS | lex("that who which whether if")


CLAUSE_ENDS = frozenset({",", ";", ":", "—", "–", "--", "(", "."})


def person_after_roles(sent: Sentence, start: int) -> Speaker | None:
    """The person named after a second role joined by "and" ("said former Utah Gov. and party
    Chairman Ed Morrow", from after "and"): words with no comma, then a person's name."""
    for k in range(start, min(sent.n, start + 8)):
        named = sent.mention_of[k]
        if named is not None and named.kind is Kind.PERSON:
            return Speaker(named.name, named.role, named)
        if not is_word(sent.toks[k]):
            return None
    return None


def joins_name(sent: Sentence, start: int, first: int) -> bool:
    """Whether the words before the name at ``first`` join it into one noun phrase with them:
    "Jane and Tom Roe", "Aides to Tom Roe", "a spokeswoman for Roe" (the people for the name
    speak), unlike "at the party convention Sen. Jane Roe"."""
    before = sent.low[first - 1]
    if before in ("and", ","):
        return True
    return (
        first > start + 1
        and before in ("to", "of", "for")
        and is_people_word(strip_possessive(sent.low[first - 2]))
    )
