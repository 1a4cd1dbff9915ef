"""Stage ③ claims, attribution: names and roles — the names in a sentence, tied to entities with
their kind and the role the text gives them.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from operator import ne

from factcheck.extract.attribution.entities import Entity, Kind, Store, make_key, strip_possessive
from factcheck.extract.attribution.sentence import (
    AT_START,
    CAN_NAME,
    CODES,
    DEMONYM,
    MONTH,
    OPENER,
    POSSESSIVE,
    RARE,
    Sentence,
    code_token,
    is_cap,
    is_word,
)
from factcheck.extract.attribution.words import (
    ABBREVIATED_TITLES,
    BACK_STOP,
    CAP_STOP,
    COMPOUND_ROLES,
    CONTEXT_AFTER,
    CONTEXT_BEFORE,
    DEMONYM_OF,
    DEMONYMS,
    DESCRIBING_FORMS,
    DETS,
    FORWARD_NP,
    FRONT,
    GENDERED,
    GIVEN_NAMES,
    HONORIFICS,
    KNOWN_MEDIA,
    MEDIA_HEADS,
    MEDIA_NOUNS,
    MODS,
    MONTHS,
    NAME_PARTICLES,
    NP_PREPS,
    ORG_HEADS,
    ORG_NOUNS,
    OTHER_PREPS,
    PLACE_HEADS,
    PLACES,
    ROLE_NOUN_FORMS,
    ROLE_NOUNS,
    ROLE_PHRASE,
    ROLE_PREPS,
    RUN_GLUE,
    STATES,
    TITLE_PREFIX,
    TITLES,
    VERB_CLASS,
    WEEKDAYS,
    lex,
)


def _fronted_participle(toks: list[str], low: list[str]) -> bool:
    """'Chastened by', 'Frustrated with': a sentence that opens on a participle and the
    preposition it takes."""
    return (
        len(low) > 2
        and len(low[0]) > 5
        and low[0].endswith("ed")
        and low[1] in ("by", "with", "over", "about", "after")
        and toks[1] == low[1]
    )


def scan_names(sent: Sentence, toks: list[str], low: list[str], pos_override: int | None) -> None:
    """Find the names in ``toks`` and tie each to an entity with its role and kind."""
    n = len(toks)
    main = pos_override is None
    store = sent.store
    seen = store.seen
    recent = store.recent
    index = sent.index
    glue, context_before, context_after = RUN_GLUE, CONTEXT_BEFORE, CONTEXT_AFTER
    described = store.described
    mention_of = sent.mention_of
    mention_start, mention_end = sent.mention_start, sent.mention_end
    done = 0
    # Tokens that differ from their lowercase hold a capital: cheap to find in C.
    for i in compress(range(n), map(ne, toks, low)):
        if i < done:
            continue
        token = toks[i]
        code = CODES.get(token)
        if code is None:
            code = code_token(token)
        if not code & CAN_NAME:
            if not (token.isalpha() and len(token) > 2 and store.is_surname(token)):
                continue
            # "Read said" after "Ian Read": a common word that is a surname met before.
            code = CAN_NAME
        elif code & RARE:
            # "Former US President Donald Trump said": a title may open the sentence.
            if (
                code & AT_START
                and i == 0
                and not (n > 1 and toks[1] != low[1] and (code & OPENER or low[1] in TITLES))
                and not (low[0].endswith(("ly", "ing")) and sent.store.lookup(toks[:1]))
            ):
                continue  # "Reportedly", "Kelly" (unless a Kelly was named before)
            if code & MONTH and _is_date(low, i):
                continue
        if i == 0 and _fronted_participle(toks, low) and not store.lookup(toks[:1]):
            continue  # "Chastened by the analyses, Trump …": a participle, not a name
        if i == 0 and _plain_opener(store, toks, low, code):
            continue  # "Cool heads prevailed": a word the article writes in lower case
        j = i + 1
        if (
            j < n
            and not code & POSSESSIVE
            and (
                toks[j] != low[j]
                or (
                    low[j] in glue
                    and (toks[j + 1 : j + 2] != low[j + 1 : j + 2] or low[j + 1 : j + 2] == ["the"])
                )
                or (toks[j][0].isdigit() and low[i] == "channel")
            )
        ):
            j = _find_run_end(sent, toks, low, i)
            while main and sent.headline and j - i > 1 and low[j - 1] in VERB_CLASS:
                j -= 1  # "Obama Sees …" in a title-case headline: the verb is no part of the name
            party = low[i] in DEMONYMS and low[i][-1] == "s"
            if party and j - i >= 3 and low[i + 1] in GIVEN_NAMES:
                i += 1  # "Democrats Hillary Clinton, …": the party's people, then a name
            run = " ".join(toks[i:j])
        elif code & DEMONYM:
            continue
        else:
            run = token
        done = j
        entity = seen.get(run)
        if entity is None:
            if run in store.not_names:
                continue
            entity = _register(sent, toks, low, i, j, pos_override)
            if entity is None:
                store.not_names.add(run)  # a bare title, a demonym
                continue
            seen[run] = entity
        else:
            if entity.role_rank < 3 and (
                (i and (low[i - 1] in context_before or "-" in low[i - 1]))
                or (j < n and low[j] in context_after)
            ):
                last = toks[j - 1]
                if last[-1] != "'" and not last.endswith("'s"):
                    # The same name between the same words describes nothing new.
                    context = (entity, *low[max(0, i - 2) : i], "|", *low[j : j + 2])
                    if context not in described:
                        described.add(context)
                        _describe_around(sent, entity, toks, low, i, j)
            # "the Clinton campaign": the person is not brought back into view
            if not _names_a_camp(low, i, j):
                if entity.sent != index:
                    entity.prev = (entity.sent, entity.pos, entity.subj)
                    pos = i if main else pos_override or 0
                    entity.sent, entity.pos, entity.subj = index, pos, False
                    entity.quoted = -1 if main else index
                recent.pop(entity, None)
                recent[entity] = None
        if main and j - i == 1 and entity.kind is Kind.PERSON and " " in entity.name:
            entity.bare = index  # "Trump said": the surname alone
        if main:
            if j - i == 1:
                mention_of[i] = entity
            else:
                mention_of[i:j] = [entity] * (j - i)
            mention_start[i] = j - 1
            mention_end[j - 1] = i


def _names_a_camp(low: list[str], i: int, j: int) -> bool:
    """Whether the name at ``i:j`` only names a campaign or administration after "the" ("the
    Clinton campaign"), which is no mention of the person a later pronoun may mean."""
    return i > 0 and j < len(low) and low[i - 1] == "the" and low[j] in LED_BY


def _plain_opener(store: Store, toks: list[str], low: list[str], code: int) -> bool:
    """Whether a sentence's capitalised first word, which the article writes in lower case
    elsewhere, is that word and not a name: never a title, a party, a given name ("Bill
    Clinton" beside a bill) or a particle ("De Blasio"), nor a name met before."""
    first = low[0]
    if code & DEMONYM or first in TITLES or first in GIVEN_NAMES or first in NAME_PARTICLES:
        return False
    # Both tests read the article only; the one that rules out most names goes first.
    return first in store.plain and store.lookup(toks[:1]) is None


def _is_date(low: list[str], i: int) -> bool:
    lw = low[i]
    if lw in WEEKDAYS:
        return True
    if lw not in MONTHS:
        return False
    after = low[i + 1] if i + 1 < len(low) else ""
    before = low[i - 1] if i else ""
    return after[:1].isdigit() or before in DETS or before in NP_PREPS or before in FRONT


def _find_run_end(sent: Sentence, toks: list[str], low: list[str], i: int) -> int:
    """Where the name starting at token ``i`` ends: "Ziad al-Nakhleh"."""
    n = len(toks)
    j = i + 1
    connectors: list[int] = []
    while j < n:
        token = toks[j]
        code = CODES.get(token)
        if code is None:
            code = code_token(token)
        if code & CAN_NAME:
            j += 1
            if code & POSSESSIVE:
                break  # "IRGC's Al-Quds Force": the possessor ends here
            continue
        lw = low[j]
        if (
            token[0].isupper()
            and (lw in ORG_HEADS or lw in MEDIA_HEADS)
            and strip_possessive(low[j - 1]) == low[j - 1]  # not "BBC Radio 4's Today"
        ):
            # "Human Rights Watch", "USA Today": a word that starts no name ends one here.
            j += 1
            break
        if j == i + 1 and low[i] in GIVEN_NAMES and token.isalpha() and token[0].isupper():
            j += 1  # "Ian Read", "Al From": a surname that is also a common word
            break
        if token[0].isdigit() and low[j - 1] in ("channel", "kan", "i24", "radio", "tv"):
            j += 1
        elif lw in NAME_PARTICLES and j + 1 < n and is_cap(toks[j + 1]):
            j += 2
        elif lw in ("of", "for", "and", "on", "&") and j + 1 < n:
            nxt = j + 2 if low[j + 1] == "the" and j + 2 < n else j + 1
            after = CODES.get(toks[nxt])
            if after is None:
                after = code_token(toks[nxt])
            if not after & CAN_NAME:
                break
            connectors.append(j)
            j = nxt
        else:
            break
    if connectors:
        last = strip_possessive(low[j - 1])
        if last not in ORG_HEADS and last not in MEDIA_HEADS:
            first = connectors[0]
            keep = (
                low[first] in ("of", "for")
                and (low[first - 1] in ORG_HEADS or low[first - 1] in TITLES)
            ) or (low[first] == "on" and low[first - 1] in ORG_HEADS)  # "Council on Foreign …"
            if not keep:
                j = first
    return j


def _register(
    sent: Sentence, toks: list[str], low: list[str], i: int, j: int, pos_override: int | None
) -> Entity | None:
    store = sent.store
    pos = i if pos_override is None else pos_override
    possessive = toks[j - 1].endswith(("'", "'s"))
    names = toks[i:j]
    if possessive:
        names[-1] = strip_possessive(names[-1])
    if j - i == 1:  # as most names are
        word = low[i]
        lows = [strip_possessive(word) if "'" in word else word]
    else:
        lows = [strip_possessive(w) if "'" in w else w for w in low[i:j]]
    # Peel leading titles: "Prime Minister Benjamin Netanyahu", "General Esmail Qaani".
    title_end = 0
    if len(lows) > 1 and lows[-1] not in ORG_HEADS and lows[-1] not in MEDIA_HEADS:
        for k in range(len(lows) - 1):
            if lows[k] in TITLES and lows[k + 1] not in TITLES:
                title_end = k + 1
        if title_end and lows[title_end] in ("of", "for"):
            # "Secretary of State Antony Blinken": the title's complement, then the name.
            title_end = max(title_end + 2, len(lows) - 2)
            if title_end >= len(lows):
                return None
    if lows[0] in TITLES and len(lows) == 1:
        return None
    if title_end and all(w in TITLES for w in lows[title_end:]):
        return None
    name_tokens = names[title_end:]
    if len(name_tokens) == 1 and lows[-1] in DEMONYMS:
        return None
    first = lows[title_end]
    if (
        len(name_tokens) == 2
        and first in STATES
        and first not in GIVEN_NAMES
        and lows[-1] not in DEMONYMS  # "the Kentucky Republican": a description
        and lows[-1] not in TITLES
    ):
        name_tokens = name_tokens[1:]  # "a Wisconsin Trump rally": the state modifies the name
    name_lows = lows[title_end:] if title_end else lows
    gender = gender_in(lows[:title_end]) if title_end else ""
    entity = store.lookup(name_tokens, gender)
    if entity is None and len(name_tokens) >= 3 and lows[title_end] not in GIVEN_NAMES:
        # "Crooked Hillary Clinton": an epithet before a person named in full before.
        found = store.by_name.get(make_key(" ".join(name_tokens[1:])))
        entity = found if found is not None and found.kind is Kind.PERSON else None
    heads = [] if _HEADS.isdisjoint(name_lows) else [w for w in name_lows if w in _HEADS]
    kind = Kind.UNKNOWN
    if entity is None or entity.kind is Kind.UNKNOWN or heads:
        # Only a new entity, one of unknown kind or an organisation's heads need the kind.
        kind = _classify(name_tokens, name_lows, toks, low, (i, j), bool(title_end))
        if kind is Kind.PERSON and _common_words(store, name_lows, low[i - 1] if i else ""):
            kind = Kind.UNKNOWN  # "Election Day", "Social Security": words, not a person's name
    fresh_person = False
    if entity is None and kind is Kind.PERSON and len(name_tokens) > 1:
        # "Netanyahu said ..." before "Benjamin Netanyahu": one person, the full name wins.
        bare = store.by_name.get(make_key(name_tokens[-1]))
        mergeable = (Kind.UNKNOWN, Kind.PERSON)
        if bare is not None and bare.kind in mergeable and " " not in bare.name:
            entity = bare
            entity.name = " ".join(name_tokens)
            entity.kind = Kind.PERSON
            entity.words.update(map(str.lower, name_tokens))
            store.index(entity, name_tokens)
            fresh_person = True
    if entity is None:
        entity = Entity(" ".join(name_tokens), kind)
        entity.words.update(map(str.lower, name_tokens))
        store.index(entity, name_tokens)
        fresh_person = kind is Kind.PERSON
    elif entity.kind is Kind.UNKNOWN and kind is not Kind.UNKNOWN:
        entity.kind = kind
        store.index(entity, name_tokens)
        fresh_person = kind is Kind.PERSON
    if fresh_person and len(name_tokens) > 1 and not entity.given:
        entity.given = GIVEN_NAMES.get(name_tokens[0].lower(), "")  # "Susan Collins": she
    elif entity.kind is Kind.UNKNOWN and len(name_tokens) == 1 and not entity.given:
        entity.given = GIVEN_NAMES.get(lows[-1], "")  # "Melanie": someone a pronoun may mean
    if kind is Kind.MEDIA or kind is Kind.ORG:
        for head in heads:
            sent.store.add_head(entity, head)
    if gender and not entity.gender:
        entity.gender = gender  # "Mrs. Clinton"
    if title_end:
        begin = -1 if i and low[i - 1] in TITLE_PREFIX else 0
        if i and (low[i - 1] in ("in", "at", "from") or low[i - 1] in OTHER_PREPS):
            # "in Denver Sen. Rosa Lind": the place belongs to the preposition, not the title.
            begin = next(k for k in range(title_end) if lows[k] in TITLES)
        title = sent.join_tokens(toks, i + begin, i + title_end)
        if all(w in HONORIFICS for w in lows[:title_end]):
            entity.role_rank = max(entity.role_rank, 1)  # Mr, Dr: a person, not a role
        else:
            _set_role(sent, entity, title, lows[:title_end], 2)
        if entity.kind is Kind.UNKNOWN:
            entity.kind = Kind.PERSON
            store.index(entity, name_tokens)
    if not possessive:
        _describe_around(sent, entity, toks, low, i, j)
    fresh = entity.sent != sent.index
    # A given name opening a quoted sentence ("“Melanie thought …") is that sentence's subject.
    # A name inside a quotation moves no mention outside it ("“… Hillary has …,” she said,
    # mentioning Clinton's ties"): the quotation stands before the pronoun, the name after it.
    if not _names_a_camp(low, i, j) and (fresh or pos_override is None):
        store.touch(entity, sent.index, pos, pos_override == 0 and i == 0 and bool(entity.given))
    if fresh:
        entity.quoted = -1 if pos_override is None else sent.index
    return entity


_HEADS = ORG_HEADS | MEDIA_HEADS


def _common_words(store: Store, lows: list[str], before: str) -> bool:
    """Whether a name of several words that no title, role or given name marks as a person's
    is made of words the article also writes in lower case ("Social Security")."""
    if len(lows) < 2 or lows[0] in GIVEN_NAMES or before in ROLE_NOUNS:
        return False
    return all(store.plain.written_lower(word) for word in lows)


PLACE_BEFORE = lex("in from at the across throughout")
"""Words before a capitalised name that make it a place or an institution, not a person:
"flew to New York", "in South Carolina", "the White House"."""


def _classify(
    names: list[str],
    lows: list[str],
    toks: list[str],
    low: list[str],
    span: tuple[int, int],
    titled: bool,
) -> Kind:
    i, end = span
    joined = " ".join(lows)
    last = lows[-1]
    before = low[i - 1] if i else ""
    if (
        joined in KNOWN_MEDIA
        or lows[0] in KNOWN_MEDIA
        or last in MEDIA_HEADS
        or before in MEDIA_NOUNS
    ):
        return Kind.MEDIA
    if (
        last in ORG_HEADS
        or not ORG_HEADS.isdisjoint(lows[:-1])
        or before in ORG_NOUNS
        or (
            len(names) == 1
            and len(names[0]) >= 2
            and names[0].isupper()
            and len(names[0].replace(".", "")) * 2 != len(names[0])  # "U.S.", "D.C.": places
        )
    ):
        return Kind.ORG
    if titled or (i and before in ROLE_NOUNS):
        return Kind.PERSON
    if (
        joined in STATES
        or joined in PLACES
        or (
            before == ","
            and _after_place(toks, low, i - 1)
            and (
                low[end : end + 1] == [","] or (len(lows) == 1 and low[end : end + 2] == [".", ","])
            )
            and not (len(lows) > 1 and lows[0] in GIVEN_NAMES)  # "from Ohio, Mary Jones,"
        )
        or (before == "," and len(lows) == 1 and _after_affiliation(toks, low, i - 1))
    ):
        return Kind.PLACE
    if (
        len(names) >= 2
        and len(names) <= 4
        and lows[0] not in DEMONYMS
        and last not in PLACE_HEADS
        and before not in PLACE_BEFORE
        and joined not in PLACES
        and not _has_acronym(names)
    ):
        return Kind.PERSON
    return Kind.UNKNOWN


def _has_acronym(names: list[str]) -> bool:
    """Whether a word of the name is in capitals ("NBC"); "F." is an initial."""
    for word in names:  # noqa: SIM110 - a loop costs less than a generator here
        if word.isupper() and len(word.rstrip(".")) > 1:
            return True
    return False


LED_BY = lex("campaign camp administration")
"""Organisations named after the one person who leads them ("the Clinton campaign")."""

PLACE_PREPS = lex("in at from near outside to")


def _after_place(toks: list[str], low: list[str], comma: int) -> bool:
    """Whether a comma follows a name that a place preposition governs ("in Salem,", "from
    San Jose,"): the name after the comma is its state or country."""
    k = comma - 1
    while k >= 0 and k >= comma - 4 and toks[k][:1].isupper():
        k -= 1
    return comma - k > 1 and k >= 0 and low[k] in PLACE_PREPS


def _after_affiliation(toks: list[str], low: list[str], comma: int) -> bool:
    """Whether a comma follows the institution someone belongs to ("DeLong of the University
    of California,", "a professor at Texas A&M University,"): the name after it is the campus.
    "Speaking at the University of Miami, Trump …" names no one the institution belongs to."""
    k = comma - 1
    while k >= 0 and comma - k <= 8 and (toks[k][:1].isupper() or low[k] in ("of", "&")):
        k -= 1
    run = low[k + 1 : comma]
    if not run or ORG_HEADS.isdisjoint(run):
        return False
    if k >= 0 and low[k] == "the":
        k -= 1
    if k < 1 or low[k] not in ("of", "at"):
        return False
    holder = toks[k - 1]
    return holder[:1].isupper() or strip_possessive(low[k - 1]) in ROLE_NOUNS


def _set_role(sent: Sentence, entity: Entity, role: str, words: Sequence[str], rank: int) -> None:
    heads, mods, _ = _split_role(words)
    if not entity.gender:
        entity.gender = gender_in(words)  # "his wife, Jane Doe", "the spokeswoman"
    sent.store.add_heads(entity, heads)
    entity.words.update(heads)
    entity.words.update(mods)
    if rank > entity.role_rank:
        entity.role, entity.role_rank = role, rank


def _describe_around(
    sent: Sentence, entity: Entity, toks: list[str], low: list[str], i: int, j: int
) -> None:
    """Roles and descriptors next to a name: "Hamas head X", "X, a top adviser to Y,"."""
    if entity.role_rank == 3:
        return  # the first descriptive role is the one remembered
    n = len(toks)
    # Descriptor nouns for outlets and organisations: "the Lebanese daily Al-Akhbar".
    k = i - 1
    while entity.kind is not Kind.PERSON and k >= i - 3 and k >= 0:
        if not (low[k] in FORWARD_NP or is_cap(toks[k])):
            break
        if low[k] in MEDIA_NOUNS or low[k] in ORG_NOUNS:
            if entity.kind is Kind.UNKNOWN:
                entity.kind = Kind.MEDIA if low[k] in MEDIA_NOUNS else Kind.ORG
            sent.store.add_head(entity, low[k])
            entity.words.update(w for w in low[max(0, k - 2) : i] if w not in DETS)
            break
        k -= 1
    if i and "-" in toks[i - 1] and toks[i - 1][0].isupper():
        entity.words.add(low[i - 1].split("-", 1)[0])  # "Hezbollah-operated Al-Manar TV"
    if entity.kind is not Kind.PERSON and not _is_place_word(entity):
        # "Hamas terrorist organization", "Al-Manar channel"; but in "the US daily" the
        # country only modifies the noun.
        for k in (j, j + 1):
            if k < n and (low[k] in ORG_NOUNS or low[k] in MEDIA_NOUNS):
                led = low[k] in LED_BY  # "the Clinton campaign", "the Lee presidential campaign"
                if entity.kind is Kind.UNKNOWN and not led:
                    # "the Clinton campaign" leaves Clinton a person, whom "she" may mean.
                    entity.kind = Kind.MEDIA if low[k] in MEDIA_NOUNS else Kind.ORG
                sent.store.add_head(entity, low[k])
                entity.words.update(low[j : k + 1])
                break
            if k >= n or low[k] not in MODS:
                break
        if entity.kind is not Kind.UNKNOWN:
            # An organisation has no role; only an appositive can describe it further:
            # "Hamas, the militant group that rules Gaza".
            if j + 2 < n and toks[j] == "," and low[j + 1] in ("a", "an", "the"):
                span = _find_role_after(toks, low, j + 1)
                if span is not None:
                    heads, mods, is_role = _split_role(low[span[0] : span[1]])
                    if heads and not is_role:
                        sent.store.add_heads(entity, heads)
                        entity.words.update(mods)
            return
    # A role phrase right before the name, or before the comma: "Hamas head Ismail Haniyeh",
    # "The editor-in-chief of the Lebanese daily Al-Akhbar, Ibrahim Al-Amin".
    span = None
    if i and toks[i - 1] == ",":
        span = _find_role_before(toks, low, i - 1, appositive=True)
    elif i and not ROLE_NOUN_FORMS.isdisjoint(low[max(0, i - _ROLE_REACH) : i]):
        # (the test _find_role_before opens with, made here: most names have no role before)
        span = _find_role_before(toks, low, i, appositive=False)
    after = j
    if after + 1 < n and low[after] == "of" and is_cap(toks[after + 1]):
        after += 2  # "Senator Mitch McConnell of Kentucky, the minority leader,"
        while after < n and toks[after] != "," and is_cap(toks[after]):
            after += 1
    if span is None and after + 1 < n and toks[after] == ",":
        span = _find_role_after(toks, low, after + 1)
    if span is None:
        return
    start, end = span
    if toks is sent.toks:
        head = next((k for k in range(start, end) if low[k] in ROLE_PREPS), end) - 1
        named = sent.mention_of[head]
        if named is not None and named is not entity and named.kind is Kind.PERSON:
            return  # "Senator J.D. Vance, Republican of Ohio": a name, not a role
    heads, mods, is_role = _split_role(low[start:end])
    if not is_role:
        if heads and entity.kind is not Kind.PERSON:
            sent.store.add_heads(entity, heads)
            entity.words.update(mods)
        return
    if entity.kind is Kind.UNKNOWN:
        entity.kind = Kind.PERSON
        sent.store.index(entity, entity.name.split())
    if entity.kind is Kind.PERSON:
        _set_role(sent, entity, sent.join_tokens(toks, start, end), low[start:end], 3)


_ROLE_REACH = 12
"""How many words before a name its role may start."""


def _find_role_before(
    toks: list[str], low: list[str], end: int, *, appositive: bool
) -> tuple[int, int] | None:
    if ROLE_NOUN_FORMS.isdisjoint(low[max(0, end - _ROLE_REACH) : end]):
        return None  # the phrase found below is never longer, and needs a role noun
    k = end - 1
    while k >= 0 and end - k <= _ROLE_REACH:
        lw = strip_possessive(low[k])
        token = toks[k]
        if (
            lw in ROLE_PHRASE
            or (token[0].isalpha() and is_cap(token) and lw not in CAP_STOP)
            or ("-" in lw and token[0].isalpha() and lw.split("-", 1)[0] in ROLE_PHRASE)
        ):
            k -= 1
        else:
            break
    stop = k
    start = k + 1
    while start < end and low[start] in ("the", "a", "an", "of", "for", "to", "at"):
        start += 1
    if start >= end or low[end - 1] in ("of", "for", "to", "at", "the"):
        return None
    words = [strip_possessive(w) for w in low[start:end]]
    if not any(w in ROLE_NOUNS for w in words):
        return None
    if appositive and stop >= 1 and toks[stop] == "," and is_cap(toks[stop - 1]):
        # "X, a top adviser to Iran's supreme leader, Ayatollah Ali Khamenei": the phrase
        # belongs to X; the new name takes only what follows its last preposition.
        cut = max((m for m in range(start, end) if low[m] in ("to", "of", "for")), default=-1)
        if cut < 0:
            return None
        start = cut + 1
        while start < end and low[start] in ("the", "a", "an"):
            start += 1
        if not any(strip_possessive(w) in ROLE_NOUNS for w in low[start:end]):
            return None
    return start, end


def _find_role_after(toks: list[str], low: list[str], start: int) -> tuple[int, int] | None:
    if DESCRIBING_FORMS.isdisjoint(low[start : start + 15]):
        return None  # the phrase found below is never longer, and needs one of these nouns
    n = len(toks)
    k = start
    if k < n and low[k] in ("a", "an", "the"):
        k += 1
    first = k
    in_pp = False
    while k < n and k - first < 14:
        lw = strip_possessive(low[k])
        token = toks[k]
        if lw in ROLE_PHRASE or (token[0].isalpha() and is_cap(token) and lw not in CAP_STOP):
            in_pp = in_pp or lw in NP_PREPS
            k += 1
        elif "-" in lw and token[0].isalpha():
            k += 1
        elif token[0].isalpha() and lw not in BACK_STOP and lw not in OTHER_PREPS:
            # "a professor of economics at Harvard University", "the majority leader"
            if not in_pp and not any(w in ROLE_NOUNS for w in low[k + 1 : k + 3]):
                break
            k += 1
        else:
            break
    end = k
    while end > first and low[end - 1] in ("of", "for", "to", "at", "the"):
        end -= 1
    if end <= first:
        return None
    if end < n and toks[end] not in (",", ".", ";", ")") and not is_word(toks[end]):
        return None
    words = [strip_possessive(w) for w in low[first:end]]
    listed = is_cap(toks[first]) and not low[first].endswith(("'s", "'"))
    if listed and words[0] not in ROLE_PHRASE and words[0] not in TITLES:
        return None  # "Iran, Russia and China": a list, not an appositive
    if not any(w in ROLE_NOUNS or w in ORG_NOUNS or w in MEDIA_NOUNS for w in words):
        return None
    return first, end


def _is_place_word(entity: Entity) -> bool:
    """Whether a name is a demonym or a country's short form (US, UK): a modifier."""
    name = entity.name.lower()
    return name in DEMONYMS or name in DEMONYM_OF


def gender_in(words: Sequence[str]) -> str:
    """'m' or 'f' from the first gendered title or noun before any preposition, else ''."""
    for raw in words:
        word = strip_possessive(raw)
        if word in ROLE_PREPS:
            break
        found = GENDERED.get(word)
        if found:
            return found
    return ""


def _split_role(words: Sequence[str]) -> tuple[set[str], set[str], bool]:
    """Split lowercase role words into head nouns and the rest; say whether it names a role.

    Heads come before the first preposition and are not possessors: in "Iran's supreme leader"
    the head is "leader"; in "company's chief executive" it is "chief executive".
    """
    heads: set[str] = set()
    mods: set[str] = set()
    in_head = True
    is_role = False
    previous = ""
    for raw in words:
        word = strip_possessive(raw)
        possessor = word != raw
        word = ABBREVIATED_TITLES.get(word.rstrip("."), word)
        if word in ("of", "to", "for", "at", "with", "in"):
            in_head = False
            previous = ""
            continue
        if word in DETS:
            continue
        if in_head and possessor:
            mods.add(word)  # a possessor: "Iran's"
        elif in_head and (word in ROLE_NOUNS or word in TITLES):
            is_role = True
            compound = COMPOUND_ROLES.get((previous, word))
            if compound is not None:
                heads.discard(previous)
                heads.add(compound)
            else:
                heads.add(word)
            if "-" in word:
                heads.add(word.split("-", 1)[0])
        elif in_head and (word in ORG_NOUNS or word in MEDIA_NOUNS):
            heads.add(word)
        else:
            mods.add(word)
            if "-" in word:
                mods.update(p for p in word.split("-") if len(p) > 2)
        previous = word
    return heads, mods, is_role
