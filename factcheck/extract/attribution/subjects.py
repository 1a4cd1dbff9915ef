"""Stage ③ claims, attribution: subjects — who stands before (or after) a verb."""

from __future__ import annotations

from itertools import pairwise

from factcheck.extract.attribution.clauses import (
    SUBORDINATORS,
    TIME_ENDS,
    report_then_report,
    that_after_noun,
    time_phrase_start,
)
from factcheck.extract.attribution.coordination import subordinate_subject
from factcheck.extract.attribution.entities import Entity, Kind, make_key, strip_possessive
from factcheck.extract.attribution.phrases import (
    DEGREE_WORDS,
    coordinated_subject,
    find_np_end,
    find_np_start,
    interpret,
    is_people_word,
    joins_name,
    person_after_roles,
    resolve_pronoun,
)
from factcheck.extract.attribution.sentence import Sentence, Speaker, is_word
from factcheck.extract.attribution.words import (
    ANON_AFTER,
    AUX,
    BACK_STOP,
    BE,
    DEMONYMS,
    DETS,
    DOC_NOUNS,
    FRONT,
    GROUP_NOUNS,
    MODS,
    MONTHS,
    NP_PREPS,
    ORG_NOUNS,
    OTHER_PREPS,
    PERSONISH,
    POSS_PRON,
    PRONOUNS,
    ROLE_NOUNS,
    TITLES,
    WEEKDAYS,
    lex,
)

PERSONAL = lex("he she they we i")
"""Pronouns that stand for people, whose contracted auxiliary may precede a verb."""
COUNTED = lex("many most some few several others all those")
OBJECT_RELATIVES = lex("whom which who")
"""Relative words a clause with its own subject may open ("whom many voters believed")."""
INDEFINITES = lex("a an one another")
PLACE_PREPS = lex("in of from across")
CAMPUS_PREPS = PLACE_PREPS | lex("at")
"""Prepositions before an institution and its campus ("a professor at the University of …")."""
AFTER_NAME = lex("and who whose which said says told added")
"""Words that may follow a name that heads its noun phrase."""
LY_NOUNS = lex("ally family rally daily weekly monthly assembly")
"""Nouns ending in -ly, which the verb's adverbs ("quickly", "reportedly") are not."""


def skip_fronted(sent: Sentence, start: int, limit: int) -> int:
    """Skip fronted adverbials ("At the end of the fighting, ...") from ``start``."""
    low = sent.low
    for _ in range(4):
        if start >= limit:
            return start
        lw = low[start]
        if lw in DEGREE_WORDS and start + 1 < limit and low[start + 1] in FRONT:
            lw = low[start + 1]  # "Ever since she endorsed …,", "Even as", "Shortly after"
        if not (lw in FRONT or lw in MONTHS or _ago(low, start, limit)) and (
            not lw.endswith(("ly", "ing")) or start in sent.mention_start
        ):
            return start  # "Carly Fiorina, …" is a name, not a fronted adverb
        try:
            start = low.index(",", start + 1, min(limit, start + 20)) + 1
        except ValueError:
            return start
        start = _past_place(sent, start, limit)
    return start


AGO = lex("ago earlier later before")
"""Words that close a fronted time phrase: "Eight years ago,", "Two days earlier,"."""


def _ago(low: list[str], start: int, limit: int) -> bool:
    """Whether a short phrase ending in "ago" or "earlier" and a comma opens at ``start``."""
    end = start + 6 if start + 6 < limit else limit
    if "," not in low[start + 2 : end]:
        return False  # most sentences: no comma this early
    return any(low[k] in AGO and low[k + 1] == "," for k in range(start + 1, end - 1))


def _past_place(sent: Sentence, start: int, limit: int) -> int:
    """Past a place's state or country after the comma: "In Salem, New Hampshire, Trump"."""
    if start >= limit:
        return start
    entity = sent.mention_of[start]
    end = sent.mention_start.get(start)
    if entity is None or entity.kind is not Kind.PLACE or end is None:
        return start
    if end + 1 < limit and sent.toks[end + 1] == ",":
        return end + 2
    if end + 2 < limit and sent.toks[end + 1 : end + 3] == [".", ","]:
        return end + 3  # "In Salem, Ore., Trump": the state's abbreviation
    return start


def find_clause_subject(
    sent: Sentence, before: int, *, loose: bool = False
) -> tuple[Speaker | None, int]:
    low = sent.low
    b = before - 1
    floor = max(-1, before - 60)
    while b > floor and (
        low[b] not in (";", "that", "while", "whereas", "because", "although")
        or (low[b] == "that" and b and (low[b - 1] in NP_PREPS or low[b - 1] in OTHER_PREPS))
    ):
        b -= 1  # "responded to that tweet": "that" after a preposition opens no clause
    joined = low[before].endswith("ing") or low[before - 1] == "and"
    while (
        b > floor + 1
        and low[b] == "that"
        and ((joined and that_after_noun(low, b)) or report_then_report(sent, b, before))
    ):
        # "X repeated accusations that Y recites …, calling him": the clause a noun's "that"
        # opens holds no subject of a participle or a coordinated verb; the sentence's does.
        b -= 1
        while b > floor and low[b] not in (";", "that", "while", "whereas", "because", "although"):
            b -= 1
    inner = subordinate_subject(sent, b, before)  # "… cheered when Lee spoke and said"
    if inner is not None:
        return inner
    start = skip_fronted(sent, b + 1, before)
    if start >= before - 1:
        start = b + 1  # "Then he cut into Bush, calling him …": no subject after the comma
    while start < before - 1 and (low[start] in OPENER_SKIP or low[start] in (",", "then")):
        start += 1  # "But the court overruled and said …", "So, Obama has …"
    end = _past_role(sent, find_np_end(sent, start, before), before)
    speaker = interpret(sent, start, end, loose=loose)
    if speaker is None and start < before and sent.toks[start][0].isupper():
        # "Here in Columbia, Sanders stepped up …, saying": past a fronted place or time.
        later = _past_comma(sent, start, min(before, start + 8))
        if later != start:
            end = find_np_end(sent, later, before)
            speaker = interpret(sent, later, end, loose=loose)
            start = later if speaker is not None else start
    return speaker, start


def _past_role(sent: Sentence, end: int, limit: int) -> int:
    """The end of the person a noun phrase ending at ``end`` goes on to name after a role
    ("Republican presidential candidate Donald Trump"), else ``end``."""
    low, toks = sent.low, sent.toks
    k = end
    while k < limit and k - end < 4 and sent.mention_of[k] is None and toks[k].isalpha():
        if toks[k] != low[k] or low[k] in BACK_STOP or low[k] in AUX:
            return end
        k += 1
    named = sent.mention_of[k] if end < k < limit else None
    if named is None or named.kind is not Kind.PERSON or low[k - 1] not in ROLE_NOUNS:
        return end
    return sent.mention_start.get(k, k) + 1


def find_subject_before(
    sent: Sentence, v: int, *, loose: bool = False
) -> tuple[Speaker | None, int, bool, bool]:
    """The subject before verb ``v``: (speaker, start, passive, found-a-slot)."""
    low, toks = sent.low, sent.toks
    j = v - 1
    passive = False
    while j >= 0:
        lw = low[j]
        if lw == ")" and "(" in low[max(0, j - 20) : j]:
            # "Rep. Earl Blumenauer (D-Ore.) said": a parenthesis describes the subject.
            j = max(k for k in range(max(0, j - 20), j) if low[k] == "(") - 1
            continue
        if lw in DASHES and j > 1 and lw in low[max(0, j - 12) : j - 1]:
            # "insiders in the next two states — Nevada and South Carolina — said": an aside.
            j = max(k for k in range(max(0, j - 12), j - 1) if low[k] == lw) - 1
            continue
        if (lw in AUX and sent.mention_of[j] is None) or (
            lw.endswith("ly")
            and toks[j][0].islower()
            and lw.isalpha()
            and lw not in LY_NOUNS
            and lw not in PERSONISH
        ):
            if lw in BE and (j == v - 1 or lw != "'s"):
                passive = True  # "was said", "was not asked", "is widely expected"
            j -= 1
        elif lw in FLOATING and j and is_word(toks[j - 1]) and low[j - 1] not in DETS:
            j -= 1  # "The senators all said", "have each said": a quantifier after its noun
        elif lw in AUX_ADVERBS and j and low[j - 1] in AUX:
            j -= 1  # "Mr. Ryan has long said", "has twice said": an adverb after the auxiliary
        elif lw in WEEKDAYS:
            j -= 1
            if j >= 0 and low[j] in ("on", "late", "early", "last", "this"):
                j -= 1
        elif lw in TIME_ENDS and (back := time_phrase_start(low, j)) is not None:
            j = back  # "The council this week announced", "have in the past said"
        elif j >= 2 and lw.isdigit() and len(lw) == 4 and low[j - 1] in ("in", "since"):
            j -= 2  # "McConnell, who in 2010 said": a year before the verb
        else:
            break
    if j < 0:
        return None, v, passive, False
    lw = low[j]
    # "The mayor praised those who left but said": the verb joins the main clause, not the
    # relative one.
    who = None if lw in ("but", "and") and j and low[j - 1] != "," else _relative_before(sent, j)
    if who is not None:
        # "Officials who spoke with the Post said": the noun the relative clause hangs on.
        start = _past_verb(sent, find_np_start(sent, who - 1), who)
        if who - start == 1 and low[start] == "those":
            # "Those who back her opponents say": the clause is all that names them.
            return interpret(sent, start, j + 1), start, passive, True
        return interpret(sent, start, who, loose=loose), start, passive, True
    named = sent.mention_of[j]
    if named is not None:
        start = find_np_start(sent, j)
        first = sent.mention_end.get(j, start)
        if named.kind is Kind.PERSON and start < first and not joins_name(sent, start, first):
            # "at the party convention Sen. Elizabeth Warren said": the person, not the place.
            speaker = interpret(sent, start, j + 1)
            if speaker is None or speaker.entity is not named:
                return interpret(sent, first, j + 1), first, passive, True
            return speaker, start, passive, True
        if named.kind is Kind.PLACE:
            holder = _before_places(sent, sent.mention_end.get(j, start))
            if holder is not None:
                return holder[0], holder[1], passive, True
        return interpret(sent, start, j + 1), start, passive, True
    if lw in ("and", "but", "or"):
        speaker, start = find_clause_subject(sent, j)
        return speaker, start, passive, True
    if lw in ("who", "which", "that"):
        k = j - 1
        if k >= 0 and toks[k] == ",":
            k -= 1
        if k < 0:
            return None, v, passive, True
        start = find_np_start(sent, k)
        return interpret(sent, start, k + 1), start, passive, True
    if toks[j] == ",":
        return _find_comma_subject(sent, j, passive, loose=loose)
    if lw in PRONOUNS and j >= 2 and low[j - 1] == "of" and low[j - 2] in COUNTED:
        start = find_np_start(sent, j - 2)  # "Most of them said": a share of the people
        return interpret(sent, start, j + 1), start, passive, True
    if lw in PRONOUNS:
        return resolve_pronoun(sent, lw, j), j, passive, True
    base, _, tail = lw.partition("'")
    if tail in ("s", "ve", "d") and base in PERSONAL:
        # "He's said", "they've argued": the pronoun and its auxiliary in one token.
        return resolve_pronoun(sent, base, j), j, False, True
    if not is_word(toks[j]):
        return None, v, passive, False
    start = find_np_start(sent, j)
    found = interpret(sent, start, j + 1, loose=loose)
    if start >= 3 and low[start - 1] == "on" and low[start - 2] in ANON_AFTER:
        # "People briefed on the situation say": unnamed sources, not the situation.
        begin = find_np_start(sent, start - 3)
        if _people_before(sent, start - 3):
            briefed = interpret(sent, begin, j + 1, loose=loose)
            if briefed is not None:
                return briefed, begin, passive, True
    if start >= 2 and low[start - 1] in SETTING_PREPS and _people_before(sent, start - 2):
        # "Several aides on the campaign said": the people, not where they are.
        begin = find_np_start(sent, start - 2)
        people = interpret(sent, begin, start - 1, loose=loose)
        if people is not None:
            return people, begin, passive, True
    if found is not None and low[start] in POSS_PRON:
        both = _joined_person(sent, start, found)  # "Jeb Bush and his older brother said"
        if both is not None:
            return both[0], both[1], passive, True
    if found is None and start and low[start - 1] in OBJECT_RELATIVES and low[start] in COUNTED:
        # "…, whom many progressives believed was …": the relative clause's own subject.
        found = interpret(sent, start, j + 1, loose=True)
    if found is None and low[start] in COUNTED and low[start + 1 : start + 2] == ["in"]:
        # "Many in the crowd said": a share of the people the phrase after "in" names.
        found = Speaker(sent.join_tokens(toks, start, j + 1))
    if found is None and "and" in low[start + 1 : j]:
        found = _names_and_others(sent, start, j)
    return found, start, passive, True


def _names_and_others(sent: Sentence, start: int, j: int) -> Speaker | None:
    """'Ann Lee, Mary Rao and other bundlers said': the people named and the others together,
    when a person's name opens the list and "other" or "others" closes it."""
    low = sent.low
    k = max(m for m in range(start + 1, j) if low[m] == "and")
    first = sent.mention_of[start]
    if first is None or first.kind is not Kind.PERSON or low[k + 1] not in ("other", "others"):
        return None
    while start > 1 and low[start - 1] == "," and sent.mention_end.get(start - 2) is not None:
        start = sent.mention_end[start - 2]  # "Ann Lee, Mary Rao and others": back to Ann Lee
    name = sent.join_tokens(sent.toks, start, j + 1)
    return Speaker(name, None, Entity(name, Kind.GROUP))


SETTING_PREPS = lex("on across around inside within throughout")
"""Prepositions that set people somewhere ("aides on the campaign", "pages across the
country"): the noun phrase that follows names a place or a body, not the subject."""


def _people_before(sent: Sentence, k: int) -> bool:
    """Whether token ``k`` is a lowercase word for people ("aides", "leaders", "pages")."""
    word = sent.low[k]
    if not sent.toks[k].isalpha() or sent.mention_of[k] is not None:
        return False
    return is_people_word(word) or word in ROLE_NOUNS or word in GROUP_NOUNS


CLAUSE_AUX = lex("would could will can may might must should has had is was are were")
"""Auxiliaries that make the noun phrase before them the subject of a clause of its own."""
AUX_ADVERBS = lex("twice")
"""Adverbs between an auxiliary and its verb that are no auxiliary themselves ("has twice
said"); "long" is one of the verb's companions (``AUX``)."""
FLOATING = lex("all each")
"""Quantifiers after the noun they count: "The senators all said"."""


def _past_verb(sent: Sentence, start: int, end: int) -> int:
    """Where the noun phrase between ``start`` and ``end`` begins once a verb inside it is left
    out: "the campaign disparaged voters who …" (voters), "…, echoing security experts
    who …" (security experts); an adjective after a determiner or an adverb stays ("the newly
    elected officials")."""
    low, toks = sent.low, sent.toks
    for k in range(end - 2, start - 1, -1):
        word = toks[k]
        if not (word.isalpha() and word.islower() and word.endswith(("ed", "ing"))):
            continue
        before = low[k - 1] if k else ""
        if k > start and (before in DETS or before in POSS_PRON or before.endswith("ly")):
            continue  # "the elected officials", "newly elected officials"
        if k == start and before != ",":
            continue
        k += 1
        while k < end - 1 and (low[k] in NP_PREPS or low[k] in OTHER_PREPS):
            k += 1  # "compared with the 30 percent who …": the share
        return k
    return start


def _joined_person(sent: Sentence, start: int, second: Speaker) -> tuple[Speaker, int] | None:
    """Both people when the phrase at ``start`` is joined by "and" to a person who opens the
    clause: "Jeb Bush and his older brother said", "Mr. Roe, then at Chase, and Mr. Lee, at a
    rival bank, decided"; the group and where it starts, else None."""
    low = sent.low
    if start < 2 or low[start - 1] != "and":
        return None
    k = start - 2
    if low[k] == ",":
        # A description set off by commas after the first name: back to the comma before it.
        k = next((m for m in range(k - 1, max(-1, k - 10), -1) if low[m] == ","), -1) - 1
        if k < 0 or second.entity is None or second.entity.kind is not Kind.PERSON:
            return None
    first = sent.mention_of[k]
    opens = sent.mention_end.get(k)
    if first is None or first.kind is not Kind.PERSON or opens is None:
        return None
    if opens and low[opens - 1] not in LEAD_INS and skip_fronted(sent, 0, opens + 1) != opens:
        return None  # "Asked about Bush and his brother, …": the names close a phrase
    if second.entity is not None and second.entity.kind is Kind.PERSON:
        other = second.entity.name
    else:
        other = sent.join_tokens(sent.toks, start, find_np_end(sent, start))
    name = f"{first.name} and {other}"
    return Speaker(name, None, Entity(name, Kind.GROUP)), opens


def _before_places(sent: Sentence, first: int) -> tuple[Speaker, int] | None:
    """'Most voters in Ohio, Iowa and Utah said', 'the mayors of Leeds and York said': the
    people before the places, which never speak themselves."""
    low = sent.low
    k = first - 1
    while k > 0 and (low[k] in (",", "and") or sent.mention_of[k] is not None):
        k -= 1  # back over a list of places
    campus = k > 1 and low[k] == "the" and sent.mention_of[k + 1] is not None
    if campus:
        k -= 1  # "of the University of California, Berkeley": an institution and its campus
    if k < 1 or low[k] not in (CAMPUS_PREPS if campus else PLACE_PREPS):
        return None
    if low[k - 1] in ROLE_NOUNS and not campus:
        return None  # "the senator from Texas said": a role the place belongs to
    start = find_np_start(sent, k - 1)
    found = interpret(sent, start, k)
    return (found, start) if found is not None else None


def _find_comma_subject(
    sent: Sentence, j: int, passive: bool, *, loose: bool = False
) -> tuple[Speaker | None, int, bool, bool]:
    low, toks = sent.low, sent.toks
    c = j - 1
    while c >= 0 and j - c <= 16 and toks[c] not in (",", "(", ";", ":"):
        if sent.is_placeholder(c):
            break
        c -= 1
    seg_start = c + 1
    if seg_start >= j:
        return None, j, passive, False
    end_of_name = sent.mention_end.get(j - 1)
    if end_of_name is not None and end_of_name == seg_start:
        entity = sent.mention_of[j - 1]
        if entity is not None and entity.kind is not Kind.UNKNOWN:
            return Speaker(entity.name, entity.role, entity), seg_start, passive, True
    first = low[seg_start]
    if first in ("and", "or") and c >= 1 and toks[c] == ",":
        # "Anne Richards, assistant secretary for population, refugees, and migration, said":
        # the last item of a list in an appositive; the appositive opens before the list.
        opener = _list_opener(sent, c)
        if opener is not None:
            c, seg_start = opener, opener + 1
            first = low[seg_start]
    if j - seg_start <= 2 and all(
        w.isalpha() and (w in FRONT or w.endswith("ly")) for w in low[seg_start:j]
    ):
        # "Proponents of the bill, however, say": an adverb set off by commas.
        start = find_np_start(sent, c - 1) if c >= 1 and toks[c] == "," else j
        if start < j:
            found = interpret(sent, start, c, loose=loose)
            both = _joined_person(sent, start, found) if found is not None else None
            if both is not None:
                return both[0], both[1], passive, True  # "Jeb Bush and his brother, however,"
            return found, start, passive, True
    appositive = (
        first in ("who", "whom", "which", "whose")
        or (first in ("a", "an", "the") and _has_role_word(sent, seg_start, j))
        or toks[seg_start][0].isdigit()
        or first in ROLE_NOUNS
        or first in MODS
        or (first.endswith(("ing", "ed")) and toks[seg_start][0].islower())
        or first in OTHER_PREPS
        or first in NP_PREPS
        or first in EXAMPLE_OPENERS  # "The hawks, like Lee and Ruiz, say"
    )
    if not appositive and c >= 1 and toks[c] == ",":
        # "Senator J.D. Vance, Republican of Ohio, argued", "Senator John Cornyn of Texas, the
        # No. 2 Republican in the Senate, said": anything between a person's name and the
        # verb, set off by commas, describes the person.
        e = _before_parenthesis(sent, c)
        np_start = find_np_start(sent, e - 1)
        appositive = any(
            entity is not None and entity.kind is Kind.PERSON
            for entity in sent.mention_of[np_start:e]
        )
    if appositive and c >= 1 and toks[c] == ",":
        e = _before_parenthesis(sent, c)  # "Rep. Jim Jordan (R-Ohio), a panel member, said"
        start = find_np_start(sent, e - 1)
        while start < e - 1 and low[start] in OPENER_SKIP:
            start += 1  # "Yet Democratic economists, like …, say"
        speaker = interpret(sent, start, e, loose=loose)
        if (
            speaker is not None
            and speaker.entity is None
            and strip_possessive(low[c - 1]) in DOC_NOUNS
            and "by" in low[seg_start:j]
        ):
            # "The report, published by Amnesty International on Thursday, said ..."
            by = seg_start + low[seg_start:j].index("by") + 1
            author = interpret(sent, by, find_np_end(sent, by, j))
            if author is not None and author.entity is not None:
                speaker = author
        if speaker is not None:
            both = _joined_person(sent, start, speaker)
            if both is not None:
                return both[0], both[1], passive, True
            return speaker, start, passive, True
    if end_of_name is not None and end_of_name == seg_start:
        entity = sent.mention_of[j - 1]
        if entity is not None:
            return Speaker(entity.name, entity.role, entity), seg_start, passive, True
    return _find_clause_opener(sent, j, passive)


EXAMPLE_OPENERS = lex("like such unlike including")
"""Words that open examples set off after a subject ("hawks, such as Rubio, say")."""


def _before_parenthesis(sent: Sentence, c: int) -> int:
    """Where a parenthesis that ends right before token ``c`` opens ("(R-Ohio)"), else ``c``."""
    low = sent.low
    if c >= 3 and low[c - 1] == ")" and "(" in low[max(0, c - 8) : c - 1]:
        return max(k for k in range(max(0, c - 8), c - 1) if low[k] == "(")
    return c


def _list_opener(sent: Sentence, c: int) -> int | None:
    """The comma before the phrase a list of short items ending at comma ``c`` completes
    ("for population, refugees, and migration"), or None when there is no such phrase."""
    toks = sent.toks
    for _ in range(4):
        b = c - 1
        while b >= 0 and c - b <= 10 and toks[b] not in (",", "(", ";", ":"):
            if sent.is_placeholder(b) or not is_word(toks[b]):
                return None
            b -= 1
        if b < 0 or toks[b] != "," or c - b > 10:
            return None
        if c - b - 1 > 2:
            return b if sent.low[c - 2] in NP_PREPS else None
        c = b
    return None


def _find_clause_opener(
    sent: Sentence, j: int, passive: bool
) -> tuple[Speaker | None, int, bool, bool]:
    """'“…,” Mr. Daniloff, now 81 and retired in Cambridge, Mass., said': the person who opens
    the clause, followed by a comma, before any number of descriptive segments."""
    start = 0
    if sent.is_placeholder(0):
        start = 2 if sent.n > 1 and sent.toks[1] == "," else 1
    start = skip_fronted(sent, start, j)
    end = start
    while end < j and sent.toks[end] != "," and not sent.is_placeholder(end) and end - start < 8:
        end += 1  # "Texas delegate Bill Eastland, wearing a cowboy hat, said"
    if end >= j or sent.toks[end] != ",":
        return None, j, passive, False
    entity = sent.mention_of[end - 1]
    if entity is None or entity.kind is not Kind.PERSON:
        return None, j, passive, False
    return Speaker(entity.name, entity.role, entity), start, passive, True


OPENER_SKIP = lex("but and yet so still instead meanwhile however")
"""Words that may open a sentence before its subject ("But Crawford, who …, said")."""
DASHES = lex("— – - --")
RELATIVE_OPENERS = lex("who whose which whom")
PARTICIPLES = lex("taken done given shown written held run led made")
"""Irregular past participles that open a reduced relative clause ("polls taken in Ohio")."""


def find_opener_subject(sent: Sentence, v: int) -> tuple[Speaker | None, int]:
    """The sentence's opening noun phrase as the subject of verb ``v`` when everything between
    them describes it: a relative clause ("The officials whose laws were struck down say"), a
    participle ("Democrats trying to regain the Senate say"), or an aside set off by commas,
    dashes or a parenthesis ("Rep. Sander Levin (Mich.), a superdelegate, said")."""
    low, toks = sent.low, sent.toks
    start = 0
    if sent.is_placeholder(0):
        return None, v
    while start < v and low[start] in OPENER_SKIP:
        start += 1
        if start < v and toks[start] == ",":
            start += 1
    start = skip_fronted(sent, start, v)
    if start < v and low[start].endswith("ed") and toks[start][0].isupper():
        # "Reached by phone on Tuesday, Joyce …": a fronted participle clause.
        start = skip_fronted(sent, _past_comma(sent, start, v), v)
    if start >= v - 1 or v - start > 45:
        return None, v
    if _own_subject_after_relative(sent, v):
        return None, v  # "…, whom many voters believed": the relative clause has its own subject
    end = start
    while end < v and end - start < 12:
        lw = low[end]
        if lw in RELATIVE_OPENERS or toks[end] in (",", "(") or lw in DASHES:
            break
        if (
            end > start
            and toks[end].isalpha()
            and toks[end][0].islower()
            and (lw.endswith(("ing", "ed")) or lw in PARTICIPLES)
        ):
            break  # "Exit polls taken in Ohio found", "Democrats trying to … say"
        if lw in OTHER_PREPS and end > start and lw not in BACK_STOP - OTHER_PREPS:
            end += 1  # "insiders across the four states"
            continue
        if not is_word(toks[end]) or (lw in BACK_STOP and lw not in ("and", "of")) or lw in AUX:
            return None, v
        end += 1
    if end == v:
        # "A survey by the organization in March found": the opener runs up to the verb, a
        # noun and what a preposition adds to it, not a clause of its own.
        prep = next(
            (k for k in range(start + 1, v) if low[k] in NP_PREPS or low[k] in OTHER_PREPS), v
        )
        if v - start > 3 and (prep - start > 4 or prep == v):
            return None, v  # a short noun phrase, or one a preposition extends
        head = strip_possessive(low[prep - 1])
        if sent.mention_of[prep - 1] is None and head not in DOC_NOUNS and not is_people_word(head):
            return None, v  # "The investments make up …": no document or people before the verb
        return interpret(sent, start, v, loose=True), start
    if end <= start or end >= v - 1 or end - start >= 12:
        return None, v  # a phrase that runs on past any noun's length holds a verb of its own
    after = low[end]
    last = v - 1
    while last > end and (low[last] in AUX or low[last] in ("long", "both", "all")):
        last -= 1  # "…, has said", "— have long argued"
    # "Ann Lee, citing “a long winter,” said": the comma closing the aside is inside the marks.
    quoted = sent.is_placeholder(last) and sent.quotes[sent.qpos[last]].text.endswith(",")
    closed = toks[last] in (",", ")") or low[last] in DASHES or quoted
    if (after in (",", "(") or after in DASHES) and not closed:
        return None, v
    between = low[end:v]
    if ";" in between or ":" in between or any(p == (",", "and") for p in pairwise(between)):
        return None, v  # "…, and a comparison … shows": the clause after ", and" has its own
    if not quoted and any(map(sent.is_placeholder, range(end, v))):
        return None, v
    return interpret(sent, start, end, loose=True), start


def _own_subject_after_relative(sent: Sentence, v: int) -> bool:
    """Whether verb ``v`` is in an object relative clause with a subject of its own: "…, whom
    many voters believed", "…, which the senator said"; "which left little doubt" has none."""
    k = find_np_start(sent, v - 1)
    if not k or sent.low[k - 1] not in ("whom", "which"):
        return False
    first = sent.low[k]
    return first in DETS or first in COUNTED or first in PRONOUNS or sent.mention_of[k] is not None


def _past_comma(sent: Sentence, start: int, limit: int) -> int:
    try:
        return sent.low.index(",", start + 1, min(limit, start + 20)) + 1
    except ValueError:
        return start


def _relative_before(sent: Sentence, j: int) -> int | None:
    """Where "who" or "whom" opens a relative clause that runs, without a comma, up to token
    ``j`` ("the officials whom Trump hired said": the officials, not Trump)."""
    low = sent.low
    window = sent.toks[max(0, j - 14) + 1 : j + 1]
    if "who" not in window and "whom" not in window:
        return None  # most subjects: no relative word this close
    for k in range(j, max(0, j - 14), -1):
        lw = low[k]
        if lw in (",", ";", ":", "(", ")") or sent.is_placeholder(k):
            return None
        if sent.toks[k] in ("who", "whom"):  # not "the WHO"; "whom Trump hired" has its own
            if low[k] == "whom" and find_np_end(sent, k + 1, j + 1) > j:
                return None  # "someone whom Trump views as": the verb is the clause's own
            if low[k] == "whom" and k > 1 and (low[k - 1] in NP_PREPS or low[k - 1] in OTHER_PREPS):
                k -= 1  # "the aide to whom Trump spoke": the noun before the preposition
            before = sent.toks[k - 1]
            return k if is_word(before) and low[k - 1] not in BACK_STOP else None
    return None


def _has_role_word(sent: Sentence, start: int, end: int) -> bool:
    return any(strip_possessive(w) in ROLE_NOUNS or w in ORG_NOUNS for w in sent.low[start:end])


def find_subject_after(
    sent: Sentence, v: int, *, loose: bool = False
) -> tuple[Speaker | None, int]:
    """Inverted subject: '“…,” said Ahmed Hassan, a spokesman.'"""
    if v == 0:
        return None, v
    before = sent.toks[v - 1]
    if before not in (",", ":") and not sent.is_placeholder(v - 1):
        return None, v
    # Right after a quotation, whoever follows the verb is its speaker ("…?” asked the boy).
    loose = loose or sent.is_placeholder(v - 1) or (v > 1 and sent.is_placeholder(v - 2))
    start = v + 1
    if start < sent.n and sent.low[start] in PRONOUNS:
        return None, v  # "…, say it would": a pronoun after the verb is its object
    end = find_np_end(sent, start)
    if end < sent.n and sent.low[end] in CLAUSE_AUX and sent.toks[end] == sent.low[end]:
        return None, v  # "…, said the plan would fail": the subject of the words reported
    found = interpret(sent, start, end, loose=loose)
    if found is None and end <= start + 1:
        # "…,” said election lawyer Joe Smith": lowercase words describing the name after them.
        end = _name_after_role(sent, start)
        if end:
            found = interpret(sent, start, end, loose=loose)
    described = found is None or found.entity is None or found.entity.kind is not Kind.PERSON
    if found is None or (described and sent.low[start] in INDEFINITES):
        found = _appositive_name(sent, start) or found  # "said one protester, Jane Roe,"
    if end < sent.n and sent.low[end] == "and" and sent.low[end - 1] in TITLES:
        found = person_after_roles(sent, end + 1) or found  # "said former Gov. and Chair Ed Lee"
    return found, start


def _appositive_name(sent: Sentence, start: int) -> Speaker | None:
    """'…,” said another Twitter user, Jane Roe.': the name set off after a description."""
    low = sent.low
    for k in range(start + 1, min(start + 8, sent.n - 1)):
        if low[k] != ",":
            if not is_word(sent.toks[k]) or low[k] in BACK_STOP:
                return None
            continue
        entity = sent.mention_of[k + 1]
        stop = sent.mention_start.get(k + 1)
        if entity is None or stop is None or entity.kind is not Kind.PERSON:
            return None
        if stop + 1 < sent.n and sent.toks[stop + 1] not in (",", ".", ";", "of"):
            return None  # "…, Jane Roe of the Dune Institute": the name and where she works
        return interpret(sent, k + 1, stop + 1)
    return None


def _name_after_role(sent: Sentence, start: int) -> int:
    """The end of a name that follows at most four role words from ``start``, or 0."""
    low, toks = sent.low, sent.toks
    for k in range(start, min(start + 5, sent.n)):
        stop = sent.mention_start.get(k)
        if stop is not None:
            after = sent.toks[stop + 1] if stop + 1 < sent.n else ""
            head = after.isalpha() and after.islower() and after not in NP_PREPS
            if k == start or (head and after not in OTHER_PREPS and after not in AFTER_NAME):
                return 0  # "another Twitter user": the name is a modifier, not the head
            return stop + 1
        token = toks[k]
        if not token.isalpha() or low[k] in BACK_STOP:
            return 0  # "said undecided Republican voter Jane Roe": role words, any case
        if low[k] in OTHER_PREPS or low[k] in NP_PREPS:
            return 0
    return 0


PLACING = lex("on in among at behind across")
"""Prepositions that may open an inverted sentence ("On one side are activists …")."""
NP_ENDS = lex("who that which whose , . ; :")
PLURAL_DETS = lex("the these those many some most all several other both")
LEAD_INS = lex("and but yet so")


def listed_people(sent: Sentence, start: int) -> Entity | None:
    """People joined by "and" as the subject of the clause at ``start`` ("Jane Roe and Bob Lee
    of Ohio State wrote …"): one group, kept so that a later "they" means them all."""
    listed = coordinated_subject(sent, sent.n, start)
    if listed is None or listed.name is None or listed.entity is None:
        return None
    key = make_key(listed.name)
    entity = sent.store.by_name.setdefault(key, listed.entity)
    entity.listed = True
    return entity if entity.kind is Kind.GROUP else None


FRONTED_OPENERS = SUBORDINATORS | lex("as although though if")


def fronted_plural(sent: Sentence, start: int) -> Entity | None:
    """People named by a plural noun as the subject of a fronted clause that ends before the
    main clause at ``start`` ("As Republicans scrambled to raise cash, they proposed …")."""
    if start < 3 or sent.low[0] not in FRONTED_OPENERS:
        return None
    entity, k = plural_subject(sent, 1)
    return entity if entity is not None and k < start else None


def plural_subject(sent: Sentence, start: int) -> tuple[Entity | None, int]:
    """People named by a plural noun as the sentence's subject, also after an inverted
    placing ("Voters are tired.", "On one side are activists and intellectuals who …"), as a
    group a later "they" may mean; (None, ``start``) when there are none."""
    low, toks = sent.low, sent.toks
    k = start
    if low[k] in PLACING:
        verb = next((m for m in range(k + 1, min(sent.n, k + 7)) if low[m] in BE), None)
        if verb is None:
            return None, start
        k = verb + 1
    elif low[k] in LEAD_INS and k + 1 < sent.n:
        k += 1  # "And Democrats haven't decided …"
    while k < sent.n and low[k] in PLURAL_DETS:
        k += 1
    end = k
    stop = -1  # where the noun phrase ends, found once a word past its first one asks
    while end < sent.n and end - k < 6 and low[end] not in NP_ENDS:
        if end > k and stop < 0:
            stop = find_np_end(sent, k)  # "Investors see …": the verb ends it
        if end >= stop > k and "and" not in low[end - 1 : end + 1]:
            break
        word = toks[end]
        # A capital opening the sentence, or a party's ("Democrats"), is no name.
        opening = end == k and (k == 0 or low[k - 1] in LEAD_INS)
        common = word == low[end] or ((opening or low[end] in DEMONYMS) and word[1:].islower())
        if not word.isalpha() or not common or low[end] in AUX:
            break
        if low[end] in BACK_STOP and low[end] != "and":
            break
        end += 1
    if end <= k or not low[end - 1].endswith("s"):
        return None, start
    heads = [low[end - 1]] + [low[m - 1] for m in range(k + 1, end) if low[m] == "and"]
    if not any(map(is_people_word, heads)):
        return None, start
    name = sent.join_tokens(toks, k, end)
    key = make_key(name)
    entity = sent.store.by_name.get(key)
    if entity is None:
        entity = Entity(name, Kind.GROUP)
        entity.words.update(low[k:end])
        sent.store.add_head(entity, low[end - 1])
        sent.store.by_name[key] = entity
    return (entity, k) if entity.kind is Kind.GROUP else (None, start)
