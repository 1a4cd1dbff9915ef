"""Stage ③ claims, attribution: complements — what stands around a verb form, and whether
it leaves the form a reporting verb: the words it needs ("testified" alone before the
circumstances reports nothing), an object that is a relative word ("the law, which the
senator championed"), a possessive phrase that makes the form a plural noun ("because of
the aide's claims"), an object that gives a speech act its other sense ("attacked the
embassy", "welcomed two hundred guests", "appealed the ruling", "wrote the introduction"),
or none at all ("told reporters nothing", "did not feel well", "denied him a hearing"); a past
form that is an adjective ("a large pledged delegate lead"); a name after the verb that is its
object ("thanked Mayor Lee for the help").
"""

from __future__ import annotations

from factcheck.extract.attribution.entities import Kind, strip_possessive
from factcheck.extract.attribution.phrases import find_np_end, is_people_word
from factcheck.extract.attribution.sentence import Sentence, is_word
from factcheck.extract.attribution.words import (
    AUX,
    BE,
    BREAKERS,
    CLAUSE,
    DETS,
    DOC_NOUNS,
    IRREGULAR_PAST,
    MEDIA_NOUNS,
    NP_PREPS,
    NUMBER_WORDS,
    OTHER_PREPS,
    STATES,
    VERB_CLASS,
    Cls,
    lex,
)
from factcheck.lexicon import words

PARTICLES = lex("back out up loudly again")
NOUN_BEFORE = frozenset(NP_PREPS - {"to"}) | OTHER_PREPS | lex("many several few some all both")
"""Words after which a verb form is a plural noun: "in states", "many reports"."""
MODALS = lex("can could may might must should would will shall")
RELATIVE_WORDS = lex("who which whom")
OBJECT_RELATIVES = lex("which whom that")
INDEFINITE_PRONOUNS = lex("anything everything something nothing")
"""Pronouns a relative clause may follow without a relative word: "anything it doesn't know"."""
CLAUSE_STARTS = lex("that , : they he she it we i the a an there")
"""Words that open the reported clause right after a verb ("say that", "said they")."""
DEED_CLASSES = frozenset({Cls.SPEECH, Cls.ATTITUDE})
"""Verb classes whose object, when it is a relative word, is a deed or a thing rather than
words: "the bill, which she championed"; "the charge, which he denied" keeps its speaker."""
GAP_ENDS = lex(", . ; : ) and or but - \u2014 \u2013")
"""What may end a clause whose verb has no object left: "…, which she championed, and …"."""
APPEALS = lex("appeal appeals appealed appealing")
WELCOMES = lex("welcome welcomes welcomed welcoming")
ATTACKS = lex("attack attacks attacked attacking")
TARGETS = words("attack_targets")
COUNTS = NUMBER_WORDS | lex("several dozens hundreds thousands scores")
OBJECT_PRONOUNS = lex("him her them us me")
REPLIES = lex("reply replies replied respond responds responded answer answers answered")
NOTHING = lex("nothing anything")
"""What a listener may be told instead of words: "wouldn't tell voters anything"."""
CONSIDERS = lex("consider considers considered considering")
WEIGHED = lex("it them this that")
FEELS = lex("feel feels felt feeling")
FEELINGS = lex("well free better worse good bad great fine safe sick terrible so very too")
"""Words after "feel" that name a sensation, not a belief: "didn't feel well", "feel free"."""
WRITES = lex("wrote writes write penned pens posted posts")
OWNERS = lex("the a an his her its their")
DENIES = lex("deny denies denied denying")
LISTENER_VERBS = lex("tell tells told telling ask asks asked asking")
COMPLEMENT_STARTS = lex("that : , . ; in on during while when after before how why")
"""Words after which a verb such as "added" ended its own words: "Trump added during …"."""
CIRCUMSTANCES = lex("in on during while when after before")
REPORTED_AFTER = lex("that :")
GOES_ON = lex("added adds continued continues")
"""Verbs that go on with words just quoted ("Trump added during an interview.")."""
NOUN_TAKERS = words("noun_taking_verbs")
FEATURES = words("expressive_features")
LETS = lex("let lets letting")
DO = lex("do does did don't doesn't didn't to")
"""Words before a subject that make a bare form its verb: "Did the Clinton Foundation refuse"."""


def is_adverb(token: str) -> bool:
    # The length first: most tokens are short, and need no other test.
    return len(token) > 4 and token.endswith("ly") and token.isalpha() and token.islower()


def in_relative_clause(sent: Sentence, v: int) -> bool:
    """Whether the verb opens a relative clause ("who has endorsed", "which backs") or joins
    the verb that opens one ("who led the team and considers her a mentor")."""
    low = sent.low
    k = _before_adverbs(sent, v - 1)
    if k >= 0 and low[k] == "and":
        # The first verb's clause, back to its relative word, with no comma on the way.
        for j in range(k - 1, max(-1, k - 12), -1):
            if low[j] in RELATIVE_WORDS:
                return j + 1 < k and low[j + 1] not in CLAUSE
            main_verb = low[j] in BE and (j == 0 or low[j - 1] not in RELATIVE_WORDS)
            if not is_word(sent.toks[j]) or main_verb:
                return False  # "Officials who made statements were mocked and criticized"
        return False
    return k >= 0 and low[k] in RELATIVE_WORDS


def _before_adverbs(sent: Sentence, k: int) -> int:
    while k >= 0 and (sent.low[k] in AUX or is_adverb(sent.toks[k])):
        k -= 1
    return k


def possessed_after_preposition(sent: Sentence, v: int, start: int) -> bool:
    """Whether the subject found is a possessive noun phrase right after a preposition, so the
    verb form ending in -s is that phrase's plural head: "of the aide's Fifth Amendment claims"
    (a subject never follows a preposition; "the aide's lawyer claims" opens its clause)."""
    low = sent.low
    if not start or not low[v].endswith("s") or low[start - 1] not in NOUN_BEFORE:
        return False
    return any(low[k].endswith(("'s", "'")) for k in range(start, v))


def object_relative(sent: Sentence, v: int, start: int, cls: Cls) -> bool:
    """Whether the verb's clause is a relative clause whose object is the relative word or a
    noun before it, so it reports no words: "the law, which the senator championed, …", "the
    mail they never asked for". A denial keeps its content ("a charge that she has denied")."""
    if not start:
        return False
    low = sent.low
    before = low[start - 1]
    if before in OBJECT_RELATIVES or before in INDEFINITE_PRONOUNS:
        return cls in DEED_CLASSES and _clause_ends(sent, _past_adverbs(sent, v + 1))
    noun = sent.toks[start - 1]
    if not (noun.isalpha() and noun.islower()) or before in CLAUSE or before in BREAKERS:
        return False
    k = _past_adverbs(sent, v + 1)
    # A contact clause ("the ideas he believes in are …"): a noun, then the subject, then a
    # verb whose preposition has lost its object ("to" opens an infinitive instead).
    if k >= sent.n or low[k] == "to" or not (low[k] in NP_PREPS or low[k] in OTHER_PREPS):
        return False
    return k + 1 >= sent.n or low[k + 1] in GAP_ENDS or low[k + 1] in BE or low[k + 1] in MODALS


def let_infinitive(sent: Sentence, v: int, start: int) -> bool:
    """Whether the subject found for a bare verb form is the object of "let" ("Let voters
    decide", "the mayor let residents choose"): the form is an infinitive, not a report."""
    low = sent.low
    if low[v].endswith(("s", "ed", "ing")) or low[v] in IRREGULAR_PAST:
        return False
    return any(low[k] in LETS for k in range(max(0, start - 1), v))


def _past_adverbs(sent: Sentence, k: int) -> int:
    while k < sent.n and (is_adverb(sent.toks[k]) or sent.low[k] in PARTICLES):
        k += 1
    return k


def _clause_ends(sent: Sentence, k: int) -> bool:
    """Whether the clause ends at ``k`` with nothing reported after it (no quotation next)."""
    if k >= sent.n:
        return True
    return sent.low[k] in GAP_ENDS and not (k + 1 < sent.n and sent.is_placeholder(k + 1))


def acts_on_a_thing(sent: Sentence, v: int) -> bool:
    """Whether a verb that is a speech act in one sense takes an object that gives it its
    other sense: "appealed the ruling" (to a court; "appealed for calm" speaks), "welcomed two
    hundred guests" (as a host; "welcomed the decision" speaks), "attacked the embassy" (with
    force; "attacked the senator" speaks)."""
    low = sent.low
    verb = low[v]
    k = _past_adverbs(sent, v + 1)
    if k >= sent.n or not is_word(sent.toks[k]) or low[k] == "that":
        return False
    if verb in APPEALS:
        return low[k] not in ("to", "for")
    if verb not in WELCOMES and verb not in ATTACKS:
        return False
    end = k
    while end < sent.n and is_word(sent.toks[end]) and low[end] not in NP_PREPS:
        end += 1
    end = min(end, find_np_end(sent, k))
    if end <= k:
        return False
    entity = sent.mention_of[k]
    if verb in WELCOMES:
        head = strip_possessive(low[end - 1])
        person = entity is not None and entity.kind is Kind.PERSON
        return person or low[k] in OBJECT_PRONOUNS or low[k] in COUNTS or is_people_word(head)
    place = entity is not None and entity.kind is Kind.PLACE
    return place or any(w in TARGETS or w in STATES for w in low[k:end])


def reports_nothing(sent: Sentence, v: int) -> bool:
    """Whether a verb of telling gives its listener no words: "wouldn't tell the agency
    anything", "told reporters nothing" ("nothing would change" after it is a clause), or a
    reply is denied: "did not reply to a request for comment", "has never responded"."""
    low = sent.low
    if low[v] in REPLIES:
        k = v - 1
        while k >= 0 and (low[k] in AUX or is_adverb(sent.toks[k])):
            if low[k] in ("not", "never") or low[k].endswith("n't"):
                return True
            k -= 1
    if low[v] not in LISTENER_VERBS:
        return False
    k = _past_adverbs(sent, v + 1)
    if k >= sent.n or low[k] in NOTHING:
        return False
    k = max(k + 1, find_np_end(sent, k))  # past the listener: "reporters", "the agency"
    if k >= sent.n or low[k] not in NOTHING:
        return False
    after = low[k + 1] if k + 1 < sent.n else ""
    return not (after in AUX or after in MODALS or after.endswith(("ed", "s")))


def senses_only(sent: Sentence, v: int) -> bool:
    """Whether "feel" names how someone feels rather than what they believe: "did not feel
    well", "feel so beleaguered", "feel free to" (a belief takes a clause: "feel that …")."""
    k = v + 1
    return sent.low[v] in FEELS and k < sent.n and sent.low[k] in FEELINGS


def weighs_only(sent: Sentence, v: int) -> bool:
    """Whether "consider" only weighs a thing named before: "voters could have considered
    them." (a view takes something said of the object: "considered him a friend")."""
    k = v + 1
    if sent.low[v] not in CONSIDERS or k >= sent.n or sent.low[k] not in WEIGHED:
        return False
    return k + 1 >= sent.n or sent.low[k + 1] in GAP_ENDS or sent.low[k + 1] in CIRCUMSTANCES


def has_complement(sent: Sentence, v: int) -> bool:
    """Whether a verb such as "added" or "testified" has its words: a quotation before it, or
    "that", a colon, a quotation or the clause's end after it."""
    before = v - 1 if v and sent.toks[v - 1] == "," else v
    if before and sent.is_placeholder(before - 1):
        return True  # "“…,” writes Kevin Williamson": the quotation before it is the complement
    k = v - 1
    while k > 0 and v - k <= 4 and is_word(sent.toks[k]):
        k -= 1  # "“Really,” she added when …", "“…,” the senator's aide noted in …"
    if k < v - 1 and sent.toks[k] == "," and k:
        k -= 1
    if k < v - 1 and sent.is_placeholder(k):
        return True
    nxt = v + 1
    while nxt < sent.n and (
        sent.low[nxt] in AUX or is_adverb(sent.toks[nxt]) or sent.low[nxt] in ("back", "later")
    ):
        nxt += 1  # "added warily:", "responded pointedly, …", "writes back, …"
    if nxt >= sent.n:
        return True
    token = sent.low[nxt]
    if token in CIRCUMSTANCES and sent.low[v] not in GOES_ON and _opens_clause(sent, v):
        # "Clinton testified before the panel last fall": no words anywhere
        return bool(sent.quotes) or not REPORTED_AFTER.isdisjoint(sent.low[nxt:])
    return token in COMPLEMENT_STARTS or sent.is_placeholder(nxt) or _bare_clause(sent, nxt)


def _bare_clause(sent: Sentence, k: int) -> bool:
    """Whether a clause without "that" opens at ``k``: a determiner's noun phrase, then its
    verb ("notes the foundation hid four donations", "added the campaign was ready")."""
    low = sent.low
    if low[k] not in ("the", "his", "her", "their", "its"):
        return False
    end = find_np_end(sent, k)
    if end >= sent.n or not 2 <= end - k <= 5:
        return False  # "the pledged delegates": no noun before the form in -ed
    verb = low[end]
    return (
        verb in AUX
        or verb in IRREGULAR_PAST
        or (
            verb.endswith("ed")
            and verb.isalpha()
            and end + 1 < sent.n
            and is_word(sent.toks[end + 1])
        )
    )


def _opens_clause(sent: Sentence, v: int) -> bool:
    """Whether the verb's subject opens the sentence or follows "and", rather than being set
    off by a comma after what it reports ("…, the church posted on Facebook")."""
    for k in range(v - 1, max(-1, v - 11), -1):
        if sent.low[k] == "and":
            return True
        if not is_word(sent.toks[k]):
            return False
    return v < 11


def writes_a_thing(sent: Sentence, v: int) -> bool:
    """Whether a verb of writing has a thing written as its object and no words reported
    anywhere after it: "wrote the introduction for a new book", "posted the clip to YouTube"
    (unlike "wrote a letter asking …" or "wrote in the letter that …")."""
    low = sent.low
    if low[v] not in WRITES or v + 1 >= sent.n or low[v + 1] not in OWNERS:
        return False
    before = v - 2 if v > 1 and sent.toks[v - 1] == "," else v - 1
    # "“…,” wrote the ambassador": the writer follows the words, unless the quotation is a
    # title ("who starred in “Parks and Recreation,” posted the clip to YouTube").
    quoted = before >= 0 and sent.is_placeholder(before)
    if quoted and sent.quotes[sent.qpos[before]].title_words() < 2:
        return False
    for k in range(v + 2, sent.n):
        word = low[k]
        if word in ("that", ":") or sent.is_placeholder(k) or word in VERB_CLASS:
            return False
    return True


def withholds(sent: Sentence, v: int) -> bool:
    """Whether "deny" has a person and then a thing as its objects, so it withholds rather
    than disputes: "denied Carter a final-night photograph", "deny him a hearing"."""
    low = sent.low
    k = v + 1
    if low[v] not in DENIES or k >= sent.n:
        return False
    last = k if low[k] in OBJECT_PRONOUNS else sent.mention_start.get(k)
    if last is None:
        return False
    return last + 1 < sent.n and low[last + 1] in OWNERS


def is_noun_form(sent: Sentence, v: int) -> bool:
    """Whether a stance or finding form is a noun by the word before it: the object of a verb
    that takes a thing ("provides support", "lent support", "raise doubts"), a gerund before a
    bare form ("polling doubt": a gerund subject would take "shows"), or a singular name
    between a determiner and a bare form ("the hit CW show", "the Sanders show")."""
    if not v:
        return False
    low, toks = sent.low, sent.toks
    verb, before = low[v], low[v - 1]
    bare = f"{verb}s" in VERB_CLASS or (verb.endswith("s") and verb[:-1] in VERB_CLASS)
    if not bare or verb.endswith(("ed", "ing")):
        return False  # "sought", "found": forms that are never nouns
    if before in NOUN_TAKERS and toks[v - 1].islower():
        return True
    if verb.endswith("s") or sent.headline:
        return False
    gerund = before.endswith("ing") and len(before) > 5 and toks[v - 1].isalpha()
    if gerund and toks[v - 1].islower() and before not in VERB_CLASS:
        return before not in INDEFINITE_PRONOUNS
    k = v - 1
    while k >= 0 and toks[k][:1].isupper() and is_word(toks[k]) and _singular(sent, k):
        k -= 1
    if k == v - 1 or k < 0:
        return False
    if low[k] not in DETS and k and toks[k].isalpha() and toks[k].islower():
        k -= 1  # "the hit CW show": an adjective between the determiner and the name
    return low[k] in DETS and not (k and (low[k - 1] in DO or low[k - 1] in MODALS))


def _singular(sent: Sentence, k: int) -> bool:
    """Whether a capitalised word is singular: not a plural ("Democrats"), or a person's name
    ("the Sanders show")."""
    entity = sent.mention_of[k]
    return not sent.low[k].endswith("s") or (entity is not None and entity.kind is Kind.PERSON)


def is_figure_of_speech(sent: Sentence, v: int) -> bool:
    """Whether the subject right before a verb of saying is a face or a look, which speaks
    only as a figure of speech: "their smiles said a lot", "his eyes clearly said everything"."""
    k = _before_adverbs(sent, v - 1)
    return k >= 0 and sent.toks[k].islower() and strip_possessive(sent.low[k]) in FEATURES


def modifies_a_noun(sent: Sentence, v: int) -> bool:
    """Whether an -ed form stands between another verb and a noun, as that noun's adjective:
    "to reconsider planned deals", "could cut pledged funds", "militarizing disputed waters"."""
    low, toks = sent.low, sent.toks
    if v < 2 or v + 1 >= sent.n or not low[v].endswith("ed"):
        return False
    before, noun = toks[v - 1], toks[v + 1]
    if not (before.isalpha() and before.islower() and noun.isalpha() and noun.islower()):
        return False
    if noun in NOUN_BEFORE or noun in CLAUSE or noun in BREAKERS or noun in AUX or noun in DETS:
        return False  # "to have pledged that", "militarizing, claimed the …"
    if before.endswith("ing") and len(before) > 5:
        return before not in VERB_CLASS and before not in ("being", "having")
    opener = low[v - 2]
    verb_before = before not in AUX and not is_adverb(before) and before not in VERB_CLASS
    return (opener == "to" or opener in MODALS) and verb_before


OBJECT_PREPS = lex("for about to into over")
"""Prepositions that follow a verb's object ("thanked Obama for", "posted the clip to")."""


def object_then_purpose(sent: Sentence, v: int, start: int) -> bool:
    """Whether the noun phrase after verb ``v`` (at ``start``, not after a quotation) goes on
    into a preposition that only an object takes ("praised the Saudis for their help"): the
    verb's object, not an inverted subject ("…, predicted Jane Roe, a teacher")."""
    if sent.is_placeholder(v - 1):
        return False
    end = min(find_np_end(sent, start) + 1, sent.n)
    for j in range(start + 1, end):
        if not is_word(sent.toks[j]):
            return False
        if sent.low[j] in OBJECT_PREPS:
            return True
    return False


def adjective_participle(sent: Sentence, v: int, verb: str) -> bool:
    """Whether a past form between "a"/"an" and its adjective and a lowercase word is itself an
    adjective ("a large pledged delegate lead", "a plan announced earlier"), not a report; a
    word for people, a document or an outlet before it is a subject ("a spokesman confirmed")
    and "by" after it names an agent ("a call echoed by Japan")."""
    low = sent.low
    if v < 2 or v + 1 >= sent.n or not verb.endswith("ed") or low[v - 2] not in ("a", "an"):
        return False
    before, word = sent.toks[v - 1], sent.toks[v + 1]
    if not before.isalpha() or not before.islower() or is_people_word(before):
        return False
    if strip_possessive(before) in DOC_NOUNS or before in MEDIA_NOUNS:
        return False
    return word.isalpha() and word.islower() and word not in CLAUSE_STARTS and word != "by"
