"""Stage ③ claims, attribution: reported-speech frames — reporting verbs, "according to",
"quoted ... as saying", the channels a speaker spoke through, and how frames nest.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from itertools import compress

from factcheck.extract.attribution.complements import (
    CLAUSE_STARTS,
    MODALS,
    NOUN_BEFORE,
    PARTICLES,
    acts_on_a_thing,
    adjective_participle,
    has_complement,
    in_relative_clause,
    is_figure_of_speech,
    is_noun_form,
    let_infinitive,
    modifies_a_noun,
    object_relative,
    object_then_purpose,
    possessed_after_preposition,
    reports_nothing,
    senses_only,
    weighs_only,
    withholds,
    writes_a_thing,
)
from factcheck.extract.attribution.complements import is_adverb as is_adverb
from factcheck.extract.attribution.entities import LOOSE, Kind, strip_possessive
from factcheck.extract.attribution.fronted import fronted_participle_subject
from factcheck.extract.attribution.labels import read_colon, read_headline
from factcheck.extract.attribution.nounforms import (
    coordinated_infinitive,
    modified_noun,
    noun_after,
    only_modifies,
    plural_noun_after,
    takes_a_thing,
)
from factcheck.extract.attribution.phrases import (
    INDEFINITE,
    find_np_end,
    find_np_start,
    interpret,
    is_people_word,
)
from factcheck.extract.attribution.sentence import (
    Frame,
    Quote,
    Sentence,
    Speaker,
    is_word,
    positions,
)
from factcheck.extract.attribution.subjects import (
    PERSONAL,
    find_clause_subject,
    find_opener_subject,
    find_subject_after,
    find_subject_before,
)
from factcheck.extract.attribution.words import (
    AUX,
    BE,
    BREAKERS,
    CHANNEL_CUES,
    CLAUSE,
    COMMON_VERBS,
    DETS,
    DOC_NOUNS,
    GROUP_NOUNS,
    IRREGULAR_PAST,
    KNOWN_MEDIA,
    MEDIA_HEADS,
    MEDIA_NOUNS,
    NP_PREPS,
    OTHER_PREPS,
    PERSONISH,
    POSS_PRON,
    PRONOUNS,
    ROLE_NOUNS,
    VERB_CLASS,
    Cls,
    lex,
)

SECONDARY = frozenset({Cls.SPEECH, Cls.CALL, Cls.ATTITUDE})
"""Verb classes that stand for the speaker only when no plain reporting verb does."""
RELATIVE_SENSITIVE = frozenset({Cls.SPEECH, Cls.ATTITUDE, Cls.DOC})
"""Verb classes that name a deed rather than words inside a relative clause, unless words follow."""
NOUN_SENSITIVE = frozenset({Cls.ATTITUDE, Cls.DOC, Cls.SPEECH})
"""Verb classes with plural nouns among their forms ("challenges", "plans", "findings")."""
TAIL_OPENERS = lex(", on at in to from as during after before while with when")
"""Words that open a phrase after a speech verb, not its object: "riffed on", "shouted at"."""
ADJECTIVES_IN_LY = lex("early daily weekly monthly quarterly yearly likely only elderly")
"""Words after which a bare stance or finding form is a noun: "their only hope"."""
NAMED = frozenset({Kind.PERSON, Kind.ORG, Kind.MEDIA})
"""Kinds of a named speaker, whose words a person may pass on ("the editor said the IRGC
had claimed")."""
PEOPLE_NOUNS = ROLE_NOUNS | GROUP_NOUNS
SOURCE_STOP = (CLAUSE | COMMON_VERBS | OTHER_PREPS | AUX | lex("and according")) - NP_PREPS
"""Words that end the source named after "according to"; "of", "by" and the like do not."""
PAST_FORMS = lex("told wrote thought felt knew saw")
"""Past forms that end in neither -s nor -d."""
WHERE_PREPS = lex("on in at into onto via through during")
"""Prepositions of place and time: the name after one is no subject of a participle after it
("on Facebook writing"), where "with" or "about" opens a clause ("with Trump calling")."""
FRONT_DOCUMENTS = lex("poll polls survey surveys study report analysis")
"""Documents that, fronted with "In a …,", stand behind the sentence's figures."""
CONTRACTED_BE = frozenset((p, t) for p in PERSONAL for t in ("s", "re", "m"))
"""'He's predicting', 'they're saying': a pronoun and a contracted form of "be"."""
QUANTIFIERS = lex("many several few some all both most")
COMPARED = QUANTIFIERS | lex("more fewer less")
"""Words after which a participle before a noun is its adjective ("more pledged delegates")."""
INFINITIVE_CUES = frozenset({Cls.SAY, Cls.SAY_COMP})
LEADS_TO = lex(
    "on rose stood came returned began started proceeded paused stopped continues continued "
    "continue appeared appears seemed seems"
)
"""Words before "to" that make an infinitive the subject's own act ("went on to say"), unlike
"too soon to say", "not authorized to reveal" or "would have to tell"."""
OBJECTS = lex("him her them me us you it")
NOT_STANCE = lex("to up out of")
"""Words after which an attitude verb form is an infinitive or a noun ("drum up support")."""
NEGATED_BE = lex("isn't wasn't aren't weren't")
TELLS = lex("tell tells")
HELPS = lex("help helps helped helping")
IMPERSONAL = lex("it this that which what")
REFUSALS = lex("decline declines declined declining refuse refuses refused refusing")
DECLARES = lex("declare declares declared declaring")
REFERS = lex("refer refers referred referring")
REFLEXIVES = lex("itself himself herself themselves myself ourselves")
CLAIMS = lex("claim claims claimed claiming")
STATES = lex("state states")
BETWEEN_BE = lex("also still now already again even just")
"""Adverbs between a form of "be" and a verb in -ing: "He's also praising …"."""
OWN_ACT = lex("by while")
OWN_ACT_CUES = frozenset({Cls.SAY, Cls.SAY_COMP, Cls.CALL})
"""Words before a participle that make it the clause subject's act: "by saying", "while noting"."""
"""After a quotation only: "“…,” the report states." ("in swing states" elsewhere)."""


def find_frames(sent: Sentence, cue_words: AbstractSet[str]) -> list[Frame]:
    """The sentence's reporting frames; ``cue_words`` are its words that are in ``CUES``."""
    frames: list[Frame] = []
    low = sent.low
    n = sent.n
    for v in positions(low, cue_words):
        lw = low[v]
        if lw == "according":
            if v + 1 < n and low[v + 1] == "to":
                _read_according_to(sent, v, frames)
        elif lw in ("quoted", "quoting", "cited", "citing"):
            _read_quoting(sent, v, frames)
        else:
            _read_verb(sent, v, lw, VERB_CLASS[lw], frames)
    for v, number in sent.qpos.items():
        quote = sent.quotes[number]
        if quote.continued or not v or low[v - 1] not in ("and", "but"):
            continue
        first = quote.text.split(None, 1)
        word = first[0].lower().strip(".,;:") if first else ""
        if VERB_CLASS.get(word) is Cls.SAY:
            # 'Qaani sent messages ... and “proclaimed that ...”': the verb is in the quote.
            speaker, start = find_clause_subject(sent, v - 1)
            if speaker is not None:
                frames.append(Frame(word, v, speaker, start, quoted_object=True))
    if ":" in sent.masked:  # (every colon of the text is a token of its own)
        read_colon(sent, frames)
    if low and low[0] == "in":
        _read_fronted_document(sent, frames)
    if sent.headline and not frames:
        read_headline(sent, frames)
    if not frames and sent.is_placeholder(0):
        _read_quote_then_verb(sent, frames)
    if len(frames) > 1:
        frames.sort(key=_by_position)
    return frames


def _read_quote_then_verb(sent: Sentence, frames: list[Frame]) -> None:
    """'“Mexico!” the audience screamed back.', '“…?” reacted Trump.': a quotation that opens
    the sentence, then only a speaker and a past-tense verb of any kind."""
    low, n = sent.low, sent.n
    if _names_a_work(sent.quotes[sent.qpos[0]]):
        return  # "“Tales From the Crypt,” an HBO series that first aired …": a title
    k = 1
    if k < n and sent.toks[k] == ",":
        k += 1
    end = n - 1 if n and sent.toks[-1] in (".", "!", "?") else n
    if "," in low[k:end]:
        end = low.index(",", k)  # "“…,” the man shouted, using an expletive …"
    if end <= k:
        return
    speaker: Speaker | None
    for v in range(k, min(end, k + 7)):
        word = sent.toks[v]
        if not (
            word.isalpha()
            and word.islower()
            and (
                word.endswith("ed")
                or word in PAST_FORMS
                or (word in IRREGULAR_PAST and v > k)  # "“…,” Lee shot back", not "took hold"
                or word in STATES
                or word == "came"
            )
        ):
            continue
        source = _came_from(sent, v, end) if v == k else None
        if source is not None:
            # "“Call the roll,” came shouts from the crowd": the words came from the speaker.
            speaker, start = interpret(sent, source, end, loose=True), source
        elif word == "came":
            return  # "“…” came the reply": no one named
        elif v == k:
            speaker = interpret(sent, v + 1, end, loose=True)
            start = v + 1
        else:
            tail = low[v + 1 : end]
            while tail and (tail[0] in PARTICLES or is_adverb(tail[0])):
                tail = tail[1:]
            if tail and tail[0] in TAIL_OPENERS:
                tail = []  # "“…,” the nominee riffed on her answer", "… cried out, booing"
            if any(w.isalpha() and w not in PARTICLES for w in tail):
                return  # more than a particle after the verb: not a bare speech frame
            speaker, start = interpret(sent, k, v, loose=True), k
        if speaker is not None and speaker.name:
            frames.append(Frame(word, v, speaker, start, trailing=True, quoted_object=True))
        return


def _came_from(sent: Sentence, v: int, end: int) -> int | None:
    """After "came" and a few words ("shouts", "the reply"), where the phrase after "from"
    opens, or None."""
    low = sent.low
    if low[v] != "came":
        return None
    for f in range(v + 2, min(end - 1, v + 5)):
        if low[f] == "from":
            return f + 1
    return None


def _names_a_work(quote: Quote) -> bool:
    """A quotation set in title case names a work rather than quoting words."""
    return quote.title_words() > 1


def _by_position(frame: Frame) -> int:
    return frame.vpos


def _names_something(sent: Sentence, v: int) -> bool:
    """'called him a kind man', 'calls herself a democratic socialist': X called Y a Z."""
    low = sent.low
    if v + 1 >= sent.n or low[v + 1] in INDEFINITE or low[v + 1] in DETS:
        return False  # "called a meeting", "called the election": an act, not words
    end = find_np_end(sent, v + 1)
    return end > v + 1 and end < sent.n and low[end] in ("a", "an")


def _read_fronted_document(sent: Sentence, frames: list[Frame]) -> None:
    """'In a CBS News poll released Monday, 50 percent chose Clinton': the poll says so."""
    low = sent.low
    if sent.n < 4 or low[0] != "in" or low[1] not in INDEFINITE | DETS or "," not in low[:16]:
        return
    comma = low.index(",")
    if sum(map(is_word, sent.toks[comma + 1 :])) < 2:
        return  # "In the polls, anyway.": no finding follows
    head = next((k for k in range(2, comma) if low[k] in NP_PREPS or low[k].endswith("ed")), comma)
    if strip_possessive(low[head - 1]) not in FRONT_DOCUMENTS:
        return
    speaker = interpret(sent, 1, comma)
    if speaker is None:
        speaker = Speaker(sent.join_tokens(sent.toks, 2, head))
    frames.append(Frame("", 0, speaker, 1, secondary=True))


def _read_according_to(sent: Sentence, v: int, frames: list[Frame]) -> None:
    start = v + 2
    while start < sent.n - 1 and (
        sent.low[start] == "even"
        or (is_adverb(sent.toks[start]) and sent.low[start] not in ADJECTIVES_IN_LY)
    ):
        start += 1  # "according to even his own supporters", "… to recently hacked documents"
    end = find_np_end(sent, start)
    speaker = interpret(sent, start, end)
    if speaker is None and start < sent.n and is_word(sent.toks[start]):
        # "according to state election filings": whatever noun phrase follows is the source.
        low = sent.low
        end = max(end, start)
        while end < sent.n and is_word(sent.toks[end]) and low[end] not in SOURCE_STOP:
            end += 1  # "early results of the exit poll conducted by Edison Research"
        while end > start and low[end - 1] in NP_PREPS:
            end -= 1
        first = start + 1 if low[start] in DETS else start
        if first >= end:
            return  # "according to the “Medicare for all” document": no words to name it by
        speaker = Speaker(sent.join_tokens(sent.toks, first, end))
    if speaker is None:
        return
    trailing = v > 0 and sent.toks[v - 1] == ","
    frame = Frame("according to", v, speaker, start, trailing=trailing)
    nxt = end + 1 if end < sent.n and sent.toks[end] == "," else end
    frame.quoted_object = sent.is_placeholder(nxt) or sent.is_placeholder(v - 1)
    frames.append(frame)


def _read_quoting(sent: Sentence, v: int, frames: list[Frame]) -> None:
    low = sent.low
    lw = low[v]
    if lw in ("quoted", "cited"):
        # "X quoted Y as saying", "Y was quoted by X as saying".
        outer, ostart, passive, _ = find_subject_before(sent, v)
        if passive:
            k = v + 1
            via: Speaker | None = None
            if k < sent.n and low[k] == "by":
                end = find_np_end(sent, k + 1)
                via = interpret(sent, k + 1, end)
                k = end
            if outer is None:
                return
            frame = Frame(lw, v, outer, ostart)
            if via is not None:
                frame.channels.append(via)
            frames.append(frame)
            return
        end = find_np_end(sent, v + 1)
        inner = interpret(sent, v + 1, end)
        verb = lw
        if end + 1 < sent.n and low[end] == "as" and low[end + 1] in VERB_CLASS:
            verb = low[end + 1]  # "quoted X as saying"
        if outer is not None:
            frames.append(Frame(lw, v, outer, ostart))
        if inner is not None:
            frames.append(Frame(verb, end, inner, v + 1, cites=True))
        return
    # "..., citing Y": Y is the source of whoever reported it.
    end = find_np_end(sent, v + 1)
    inner = interpret(sent, v + 1, end)
    if inner is not None:
        frames.append(Frame(lw, v, inner, v + 1, cites=True))


def _negates(word: str) -> bool:
    """Whether WORD denies the verb after it: "not", "never", "wouldn't", "didn’t"."""
    return word in ("not", "never") or word.endswith(("n't", "n\u2019t"))


def _read_verb(sent: Sentence, v: int, verb: str, cls: Cls, frames: list[Frame]) -> None:
    low, toks = sent.low, sent.toks
    if v and (low[v - 1] in DETS or low[v - 1] in POSS_PRON or low[v - 1] == "so-called"):
        return  # "the said document", "his claims"
    if modified_noun(sent, v, verb):
        return  # "the final say": a noun after its modifier
    counted = v and (low[v - 1] in QUANTIFIERS or toks[v - 1][0].isdigit())
    if counted and _clause_follows(sent, v):
        pass  # "Several said they …", "47% say the …": people counted, then their words
    elif (
        v
        and (low[v - 1] in NOUN_BEFORE or low[v - 1].endswith(("'s", "'")))
        and low[v - 1].partition("'")[0] not in PERSONAL  # "he's said": has said
        and not (low[v - 1] in OWN_ACT and verb.endswith("ing") and cls in OWN_ACT_CUES)
    ):
        return  # "in states that", "the party's plans": a noun, not a verb
    elif v and toks[v - 1][0].isdigit():
        return  # "300 pledged delegates", "34 posts": a count of things
    if v and low[v - 1] in COMPARED and verb.endswith("ed") and plural_noun_after(sent, v):
        return  # "more pledged delegates", "the most pledged votes": a participle as adjective
    if v and toks[v][0].isupper():
        return  # "United States", "Bernie Sanders Says": part of a name or a headline
    if adjective_participle(sent, v, verb):
        return  # "a large pledged delegate lead", "a plan announced earlier": an adjective
    if verb in ("reported", "reporting") and v + 1 < sent.n and low[v + 1] == "from":
        return  # "Costa reported from Washington": a reporter's credit line
    if cls in NOUN_SENSITIVE and v and (noun_after(low[v - 1], verb) or is_noun_form(sent, v)):
        return  # "her only hope", "whose support", "provides support", "the hit CW show"
    if cls in NOUN_SENSITIVE and v > 1 and low[v - 1] == "than" and low[v - 2] != "rather":
        return  # "little more than hope": a noun compared ("rather than support her" is a verb)
    if is_figure_of_speech(sent, v) or modifies_a_noun(sent, v):
        return  # "their smiles said a lot", "to reconsider planned deals": no one speaks
    if cls is Cls.ATTITUDE and v and (low[v - 1] in MODALS or low[v - 1] in NOT_STANCE):
        return  # "may want to", "would support", "drum up support": not a stance held
    if cls is Cls.DOC and v and (low[v - 1] in MEDIA_NOUNS or low[v - 1] in MEDIA_HEADS):
        return  # "a TV show", "the radio show"
    if cls is Cls.DOC and v > 1 and low[v - 2] in INDEFINITE and only_modifies(low[v - 1], verb):
        return  # "an hourlong show": a noun after its determiner and an adjective
    if (cls is Cls.DOC or verb in DECLARES) and v + 1 < sent.n and low[v + 1] in REFLEXIVES:
        return  # "found itself", "declared himself an independent": a deed, not a report
    if verb in REFERS and low[v + 1 : v + 2] != ["to"]:
        return  # "referred requests for comment to the campaign": passed on, not said
    if cls is Cls.SAY_COMP and not has_complement(sent, v):
        return
    if cls is Cls.SPEECH and acts_on_a_thing(sent, v):
        return  # "attacked the embassy", "welcomed two hundred guests": a deed, not words
    if reports_nothing(sent, v) or senses_only(sent, v) or writes_a_thing(sent, v):
        return  # "told reporters nothing", "didn't feel well": no words, no belief
    if weighs_only(sent, v):
        return  # "voters could have considered them": weighed, no view held
    if withholds(sent, v):
        return  # "denied Carter a photograph": a thing withheld, not a claim disputed
    if cls in RELATIVE_SENSITIVE and in_relative_clause(sent, v) and not _reports_words(sent, v):
        return  # "Sanders, who has endorsed Canova", "the pact, which Trump criticized": a deed
    after = v + 1
    while after < sent.n - 1 and (low[after] in ("again", "also") or is_adverb(toks[after])):
        after += 1  # "called again for", "called repeatedly on"
    if cls is Cls.CALL and not (
        (after < sent.n and (low[after] in ("on", "for", "it") or low[after] in REFLEXIVES))
        or any(sent.is_placeholder(k) for k in range(v + 1, v + 14))
        or _names_something(sent, v)
    ):
        return  # "called on", "called for", "called the vote “a historic moment”"
    if cls is Cls.DOC and v and low[v - 1] in ("it", "this", "that"):
        return  # "it shows that": the article's own reasoning, not a document's finding
    opener: tuple[Speaker, int] | None = None
    if cls is Cls.DOC and not (v + 1 < sent.n and low[v + 1] == "that"):
        # Without "that", a finding needs a document or an organisation behind it.
        speaker, start, _, _ = find_subject_before(sent, v)
        if start < sent.n and low[start] in PRONOUNS:
            return  # "it shows": a pronoun names no document
        entity = speaker.entity if speaker is not None else None
        organisation = entity is not None and entity.kind in (Kind.ORG, Kind.MEDIA)
        document = strip_possessive(low[v - 1]) in DOC_NOUNS or (
            start < sent.n and strip_possessive(low[find_np_end(sent, start) - 1]) in DOC_NOUNS
        )
        if not organisation and not document:
            # "Exit polls taken in Ohio found": the document opens the sentence.
            speaker, start = find_opener_subject(sent, v)
            if speaker is None or not _is_document(sent, speaker, start, v):
                return
            opener = speaker, start
    b = v - 1
    while b > 0 and verb.endswith("ing") and low[b] in BETWEEN_BE:
        b -= 1  # "He's also praising", "is still urging"
    progressive = v and (
        low[b] in BE
        or low[b] in NEGATED_BE
        or ("'" in low[b] and low[b].partition("'")[::2] in CONTRACTED_BE)
    )
    if v >= 2 and low[v - 1] == "to" and cls in INFINITIVE_CUES:
        if low[v - 2] in LEADS_TO:
            _read_infinitive(sent, v, verb, frames)
        return  # "asked him to say", "too soon to say": not words anyone said
    if coordinated_infinitive(sent, v, verb):
        return  # "needs to relax and tell more stories": an infinitive, not a statement
    if v and low[v - 1] in HELPS:
        return  # "which helps explain": a bare infinitive, no one speaks
    if v and low[v - 1] == "to" and cls is Cls.SPEECH:
        return  # "worked with Y to discuss": a purpose, not a speech act
    if verb in REFUSALS and (
        low[v + 1 : v + 2] != ["to"] or low[v + 2 : v + 3] in (["comment"], ["be"])
    ):
        return  # "declined to comment": nothing was said; "it declined in every state": a fall
    if v and v + 1 < sent.n and toks[v + 1] in (".", "!", ";") and _negates(low[v - 1]):
        return  # "Kadzik wouldn't say.", "She did not respond.": nothing was said
    if verb == "points" and low[v + 1 : v + 2] != ["out"]:
        return  # "six percentage points", "it points to": only "points out" reports words
    if verb in CLAIMS and takes_a_thing(sent, v):
        return  # "claimed a victory", "claiming 41 percent of the vote": won, not said
    if (verb.endswith("ing") and not progressive) or (v == 1 and low[0] == "having"):
        _read_participle(sent, v, verb, cls, frames)
        return
    # "“…?” the narrator asks": a speech act right after a quotation and its subject reports it.
    loose = cls in LOOSE or (cls is Cls.SPEECH and _quote_then_subject(sent, v))
    speaker, start, passive, slot = find_subject_before(sent, v, loose=loose)
    if opener is not None:
        (speaker, start), passive = opener, False
    if v + 1 < sent.n and low[v + 1] == "by" and verb.endswith("ed") and low[v - 1] not in AUX:
        passive = True  # "decisions opposed by Israel": a reduced relative, Israel opposed
    if passive and not verb.endswith("ing"):
        if v + 1 < sent.n and low[v + 1] == "by":
            end = find_np_end(sent, v + 2)
            agent = interpret(sent, v + 2, end)
            if agent is not None:
                frames.append(Frame(verb, v, agent, v + 2, secondary=cls in SECONDARY))
        return
    trailing = False
    if speaker is None and not slot:
        speaker, start = find_subject_after(sent, v, loose=cls in LOOSE)
        trailing = speaker is not None
        if trailing and cls not in LOOSE and object_then_purpose(sent, v, start):
            # "Jo Roe, now a coach, thanked Obama for …": the name after the verb is its object.
            speaker, trailing = None, False
    if speaker is None and not trailing:
        speaker, start = find_opener_subject(sent, v)
    if speaker is None or (verb in TELLS and low[start] in IMPERSONAL):
        return  # "it doesn't tell voters much": no one speaks
    if not trailing and possessed_after_preposition(sent, v, start):
        return  # "because of the aide's Fifth Amendment claims": a plural noun, not a verb
    if not trailing and (object_relative(sent, v, start, cls) or let_infinitive(sent, v, start)):
        return  # "the law, which the senator championed, …", "let voters decide": no report
    if not trailing and start > 1 and (toks[start - 1] == "," or sent.is_placeholder(start - 1)):
        after = v + 1
        while after < sent.n and low[after] in AUX:
            after += 1
        if after >= sent.n or toks[after] in (",", ".", ";") or low[after] in ("in", "on"):
            trailing = True
    if not trailing and _disagrees(sent, v, verb, speaker):
        return  # "Clinton support 27 percent": a bare form after one person's name is a noun
    noun_like = cls is Cls.ATTITUDE or (
        cls is Cls.SAY_COMP and (verb.endswith("s") or speaker.entity is None)
    )  # "the drinking continued": a subject that cannot have added anything
    after_quote = trailing and sent.is_placeholder(v - 1)  # "“…,” writes Kevin D. Williamson"
    # "…, the Daily Caller reports.": a name set off after what it reports is its speaker.
    aside = trailing and cls is Cls.SAY_COMP and speaker.entity is not None
    if noun_like and not after_quote and not aside and not can_hold_views(speaker):
        # "Protesters marching through the streets chanted": the opener, not the streets.
        found, begin = find_opener_subject(sent, v) if not trailing else (None, v)
        if found is None or v - begin > 8 or not can_hold_views(found):
            return  # "Demographics favor Clinton", "China's Central Asian plans"
        speaker, start = found, begin
    if (
        low[start] in INDEFINITE
        and v - start <= 3
        and low[start + 1] not in ("in", "out")  # "One in five say"
        and not verb.endswith(("s", "d"))
        and verb not in PAST_FORMS
        and not low[v - 1].endswith("s")
    ):
        return  # "a larger say": a bare verb form never follows a singular "a …"
    frame = Frame(verb, v, speaker, start, trailing=trailing)
    frame.secondary = cls in SECONDARY
    frame.quoted_object = _quote_is_object(sent, v, start)
    if verb in ("told", "tells", "tell", "telling"):
        end = find_np_end(sent, v + 1)
        listener = interpret(sent, v + 1, end) if end > v + 1 else None
        if listener is not None and _is_outlet(listener, strict=True):
            frame.channels.append(listener)
    frames.append(frame)


def _quote_then_subject(sent: Sentence, v: int) -> bool:
    """Whether verb ``v`` ends its clause and a quotation ends a few words before it."""
    if v + 1 < sent.n and is_word(sent.toks[v + 1]):
        return False
    return any(sent.is_placeholder(k) for k in range(max(0, v - 8), v - 1))


def _reports_words(sent: Sentence, v: int) -> bool:
    """Whether reported words follow the verb: "that …", a colon or a quotation."""
    nxt = v + 1
    return nxt < sent.n and (sent.low[nxt] in ("that", ":") or sent.is_placeholder(nxt))


def _is_document(sent: Sentence, speaker: Speaker, start: int, v: int) -> bool:
    """Whether a subject is a document or stands for an organisation's findings."""
    entity = speaker.entity
    if entity is not None and entity.kind in (Kind.ORG, Kind.MEDIA):
        return True
    end = start
    while end < v and sent.low[end] not in NP_PREPS and is_word(sent.toks[end]):
        end += 1
    return end > start and strip_possessive(sent.low[end - 1]) in DOC_NOUNS


def _read_infinitive(sent: Sentence, v: int, verb: str, frames: list[Frame]) -> None:
    """'Pell went on to say that …', 'she rose to argue …': the clause's subject says it, unless
    someone else stands between them ("asked him to say" makes him the speaker, not the asker)."""
    speaker, start = find_clause_subject(sent, v - 1)
    if speaker is None or speaker.entity is None or start >= v - 1:
        return
    end = find_np_end(sent, start, v - 1)
    between = range(end, v - 1)
    if any(sent.low[k] in OBJECTS or sent.mention_of[k] is not None for k in between):
        return
    frames.append(Frame(verb, v, speaker, start, secondary=True))


def _clause_follows(sent: Sentence, v: int) -> bool:
    """Whether reported words start right after the verb: "that", a pronoun, a quotation."""
    nxt = v + 1
    if nxt >= sent.n:
        return False
    return sent.low[nxt] in CLAUSE_STARTS or sent.is_placeholder(nxt)


def _disagrees(sent: Sentence, v: int, verb: str, speaker: Speaker) -> bool:
    """Whether a bare verb form follows one person's name directly, which agreement rules out."""
    entity = speaker.entity
    if entity is None or entity.kind is not Kind.PERSON or " and " in (speaker.name or ""):
        return False
    if sent.mention_end.get(v - 1) is None or sent.headline:
        return False
    return not verb.endswith(("s", "d", "ing")) and verb not in PAST_FORMS


def _read_participle(sent: Sentence, v: int, verb: str, cls: Cls, frames: list[Frame]) -> None:
    low = sent.low
    if not v or low[:v] == ["having"]:
        fronted = fronted_participle_subject(sent, v)  # "Noting that …, Ann Lee …"
        if fronted is not None:
            frames.append(Frame(verb, v, fronted[0], fronted[1], secondary=True))
        return
    before = low[v - 1]
    speaker: Speaker | None = None
    start = v
    if before in DOC_NOUNS:
        # "a statement saying", "a statement from X saying": the document's author.
        begin = find_np_start(sent, v - 1)
        speaker = interpret(sent, begin, v)
        if speaker is not None and speaker.entity is None:
            speaker = None
        start = begin
    elif sent.mention_end.get(v - 1) is not None or before in PERSONISH:
        begin = find_np_start(sent, v - 1)
        if begin and low[begin - 1] in WHERE_PREPS:
            # "responded on Facebook writing, “…”": the name a preposition governs is no
            # subject; the clause's is.
            speaker, begin = find_clause_subject(sent, v, loose=cls is Cls.SAY)
        else:
            speaker = interpret(sent, begin, v)
        start = begin
    if speaker is None and (
        before in (",", "and", "\u2014", "\u2013") or before in DOC_NOUNS or before in OWN_ACT
    ):
        speaker, start = find_clause_subject(sent, v, loose=cls is Cls.SAY)
        if speaker is not None and speaker.entity is None and not can_hold_views(speaker):
            return  # "the overall sense of a lull …, suggesting": no one suggests it
    if speaker is None:
        return
    # A participle ("…, saying", "reporting from Amman") yields to a finite reporting verb.
    frame = Frame(verb, v, speaker, start, secondary=True)
    frame.quoted_object = _quote_is_object(sent, v, start)
    frames.append(frame)


def _quote_is_object(sent: Sentence, v: int, start: int) -> bool:
    nxt = v + 1
    if nxt < sent.n and sent.low[nxt] in ("that", ":", ","):
        nxt += 1
    if sent.is_placeholder(nxt):
        return True
    back = min(start, v) - 1  # before the subject, or before an inverted verb ("…,” said X)
    if back >= 0 and sent.toks[back] == ",":
        back -= 1
    return sent.is_placeholder(back)


def _is_outlet(speaker: Speaker, *, strict: bool) -> bool:
    entity = speaker.entity
    if entity is None:
        return False
    if entity.kind is Kind.MEDIA or entity.name.lower().removeprefix("the ") in KNOWN_MEDIA:
        return True
    return not strict and entity.kind in (Kind.ORG, Kind.UNKNOWN)


def attach_channels(sent: Sentence, frames: list[Frame], present: frozenset[str]) -> None:
    """'in an interview with Z', 'speaking to Z', 'in comments to Z': Z sits on the chain.

    ``present`` holds the sentence's words that are in ``TRIGGERS``.
    """
    low = sent.low
    n = sent.n
    cues = []
    if not CHANNEL_CUES.isdisjoint(present):
        cues = list(compress(range(n - 1), map(CHANNEL_CUES.__contains__, low)))
    # "said on Al-Manar TV": "on" counts right after a reporting verb or "interview".
    for frame in frames:
        if frame.vpos + 1 < n - 1 and low[frame.vpos + 1] == "on":
            cues.append(frame.vpos + 1)
    for c in cues:
        lw = low[c]
        nxt = low[c + 1]
        target = -1
        strict = False
        if lw in ("interview", "interviews"):
            if nxt in ("with", "to", "on", "for"):
                target = c + 2
        elif lw in ("speaking", "talking", "spoke"):
            if nxt in ("to", "with"):
                target = c + 2
        elif lw in ("comments", "remarks"):
            if nxt == "to":
                target = c + 2
        elif lw == "writing":
            if nxt in ("in", "for"):
                target = c + 2
        elif lw == "on":
            target, strict = c + 1, True
        if target < 0 or target >= n:
            continue
        end = find_np_end(sent, target)
        found = interpret(sent, target, end)
        if found is None or not _is_outlet(found, strict=strict):
            continue
        nearest = min(frames, key=lambda f: abs(f.vpos - c))
        if lw == "spoke" and nearest.vpos > c:
            continue  # "X spoke to Y and stressed": Y is a listener, not a channel
        nearest.channels.append(found)


def order_chain(sent: Sentence, frames: list[Frame]) -> list[Frame]:
    """Order the frames from the article inwards: outer reporters first, the speaker last.

    A trailing frame ("…, X said." or "…, according to X") wraps everything before it, so the
    later it comes the further out it is. Leading frames nest left to right when the inner one
    sits in the outer one's complement ("The channel's report said that Al-Amin claimed …").
    """
    if len(frames) < 2:
        return frames
    main = [f for f in frames if not f.secondary] or frames
    outer = sorted((f for f in main if f.trailing and not f.cites), key=lambda f: -f.vpos)
    nested: list[Frame] = []
    for frame in main:
        if frame.trailing and not frame.cites:
            continue
        if nested and _modal(sent, frame):
            continue  # "Lee said he expected that voters will say no": what they may say
        if (
            not nested
            or (frame.cites and frame.vpos > nested[-1].vpos)
            or _nests_in(sent, nested[-1], frame)
        ):
            nested.append(frame)
    chain = outer + nested
    # A person who reports what others said is the speaker of all of it ("Zelenskiy said
    # partners had promised ...", "officials could not ..., he stressed"): only outlets,
    # documents and organisations pass words on.
    for depth, frame in enumerate(chain[:-1]):
        nxt = chain[depth + 1]
        inner = nxt.speaker.entity
        named = (
            inner is not None
            and (inner.kind in NAMED or inner.kind is Kind.UNKNOWN)
            and inner.name[:1].isupper()
            and sent.low[nxt.spos] not in PRONOUNS  # "…, he said": whoever "he" is
        )
        if _reports_as_a_person(frame) and not frame.cites and not named:
            return chain[: depth + 1]
        outer_entity = frame.speaker.entity
        if (
            sent.low[nxt.spos] in ("he", "she")
            and not frame.cites
            and outer_entity is not None
            and outer_entity.kind not in (Kind.ORG, Kind.MEDIA)
        ):
            return chain[: depth + 1]  # "Sidney Blumenthal said that he … told …": his words
    return chain


def _modal(sent: Sentence, frame: Frame) -> bool:
    """Whether a modal stands right before the frame's verb ("will say", "would argue")."""
    return frame.vpos > 0 and sent.low[frame.vpos - 1] in MODALS


def can_hold_views(speaker: Speaker) -> bool:
    """A person, group, organisation or outlet: someone a belief or wish can belong to."""
    entity = speaker.entity
    if speaker.anonymous or (entity is None and speaker.name is None):
        return True  # an unnamed source; an unresolved pronoun
    if entity is None:
        head = (speaker.name or "").rsplit(None, 1)[-1].lower()
        return is_people_word(head) or head in DOC_NOUNS  # "voters want", "the ad claims"
    if entity.kind is Kind.UNKNOWN and is_people_word(entity.name.lower()):
        return True  # "Voters want …": a common noun that only opens the sentence
    return entity.kind is not Kind.UNKNOWN or entity.spoke or not PERSONISH.isdisjoint(entity.heads)


def _reports_as_a_person(frame: Frame) -> bool:
    """A person, or a bare surname not yet known as anything else, as the subject of a speech
    verb ("…, Frankel said"); "according to Northwire" names a source, not a person."""
    entity = frame.speaker.entity
    if (
        entity is not None
        and entity.kind is Kind.UNKNOWN
        and " " not in entity.name
        and frame.verb != "according to"
    ):
        return entity.name.lower() not in KNOWN_MEDIA and not entity.name.isupper()
    return _is_person(frame.speaker)


def _is_person(speaker: Speaker) -> bool:
    """A person or group of people, named or described ("the governor", "officials")."""
    entity = speaker.entity
    if speaker.anonymous:
        return True
    if entity is None:
        return False
    return entity.kind is Kind.PERSON or not PEOPLE_NOUNS.isdisjoint(entity.heads)


def _nests_in(sent: Sentence, outer: Frame, inner: Frame) -> bool:
    if outer.trailing or inner.spos <= outer.vpos or inner.spos - outer.vpos > 40:
        return False
    between = sent.low[outer.vpos + 1 : inner.spos]
    if outer.verb == "according to":
        return not any(w in BREAKERS for w in between)
    return not any(w in BREAKERS or w == "," for w in between)
