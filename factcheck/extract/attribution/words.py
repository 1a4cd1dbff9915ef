"""Stage ③ claims, attribution: the word classes the parser reads, built from the lexicon files.

Every list lives in ``factcheck/lexicon/en/``; this module only names and combines them. The
handful of function-word sets small enough to read at a glance stay here.
"""

from __future__ import annotations

from typing import ClassVar

from factcheck.lexicon import entries, words


def lex(text: str) -> frozenset[str]:
    """A small inline set of words, separated by spaces."""
    return frozenset(text.split())


def _pairs(name: str) -> dict[str, str]:
    """A lexicon file of 'word other' lines as a mapping."""
    out: dict[str, str] = {}
    for line in entries(name):
        key, value = line.split(None, 1)
        out[key] = value
    return out


class Cls(str):
    """How a verb form reports speech: one of the constants below, compared by identity.

    A plain class rather than an ``enum.Enum``: on Python 3.11 every read of an enum's member
    goes through the enum type's ``__getattr__`` hook, several times slower than a class
    attribute, and the parser reads these at almost every word it looks at."""

    __slots__ = ()

    SAY: ClassVar[Cls]
    """A reporting verb wherever it has a speaker as subject: said, claimed, warned."""
    SAY_COMP: ClassVar[Cls]
    """Reporting only before that/colon/quote or as a parenthetical: added, posted, notes."""
    SPEECH: ClassVar[Cls]
    """A speech act, used when the sentence has no reporting verb: urged, praised."""
    CALL: ClassVar[Cls]
    """'called', reporting only in 'called on/for/it' or before a quotation: not a phone call."""
    DOC: ClassVar[Cls]
    """A finding: showed, found; only with a document subject or before 'that'."""
    ATTITUDE: ClassVar[Cls]
    """A belief, wish or stance (believes, wants, backs): a cue when nothing reports speech."""


Cls.SAY = Cls("say")
Cls.SAY_COMP = Cls("say_comp")
Cls.SPEECH = Cls("speech")
Cls.CALL = Cls("call")
Cls.DOC = Cls("doc")
Cls.ATTITUDE = Cls("attitude")


SAY = words("reporting_verbs")
SAY_COMP = words("reporting_verbs_complement")
SPEECH = words("speech_act_verbs")
CALL = lex("called calls calling")
DOCV = words("finding_verbs")
ATTITUDE = words("attitude_verbs")

VERB_CLASS: dict[str, Cls] = {
    **dict.fromkeys(ATTITUDE, Cls.ATTITUDE),
    **dict.fromkeys(DOCV, Cls.DOC),
    **dict.fromkeys(CALL, Cls.CALL),
    **dict.fromkeys(SPEECH, Cls.SPEECH),
    **dict.fromkeys(SAY_COMP, Cls.SAY_COMP),
    **dict.fromkeys(SAY, Cls.SAY),
}
CUES = frozenset(VERB_CLASS) | {"according", "quoted", "quoting", "cited", "citing"}

BE = lex("is are was were be been being 's")
AUX = BE | words("verb_companions")
IRREGULAR_PAST = lex(
    "made gave put took sent began spoke sang held brought ran got set struck shot hid"
)
"""Past forms in neither -s nor -d, for a verb next to quoted words ("gave it “…”", "“…,” Lee
shot back") or opening a clause ("notes the foundation hid …")."""
WEEKDAYS = words("weekdays")
MONTHS = words("months")
DETS = lex("the a an this that these those")
POSS_PRON = lex("his her its their our my your")
PRONOUNS = lex("he she they it him them we i")
CLAUSE = words("clause_openers")
NP_PREPS = lex("of for by from with at to in")
SPLIT_PREPS = lex("of for by from with at to in on familiar close who briefed privy speaking")
OTHER_PREPS = words("prepositions")
COMMON_VERBS = words("common_verbs")
DOC_NOUNS = words("document_nouns")
MEDIA_NOUNS = words("media_nouns")
ORG_NOUNS = words("organisation_nouns")
GROUP_NOUNS = words("group_nouns")
ANON_HEADS = lex("source sources insider insiders")
ANON_AFTER = lex("familiar close briefed privy")
ROLE_NOUNS = words("role_nouns")
TITLES = words("titles")
HONORIFICS = words("honorifics")
COMPOUND_ROLES: dict[tuple[str, str], str] = {
    (first, second): f"{first} {second}"
    for first, second in (line.split() for line in entries("compound_roles"))
}
MODS = words("role_modifiers")
GENERIC_MODS = words("generic_modifiers")
NUMBER_WORDS = words("number_words")
ORG_HEADS = words("organisation_heads")
MEDIA_HEADS = words("media_heads")
KNOWN_MEDIA = words("news_outlets")
PLACE_HEADS = words("place_heads")
PLACES = words("multiword_places")
STATES = words("us_states")
DEMONYMS = words("demonyms")
DEMONYM_OF = _pairs("demonym_places")
NAME_PARTICLES = words("name_particles")
CAP_STOP = DETS | POSS_PRON | PRONOUNS | CLAUSE | WEEKDAYS | words("capitalised_stop_words")
FRONT = words("fronting_words")
ROLE_PHRASE = (
    ROLE_NOUNS
    | MODS
    | MEDIA_NOUNS
    | ORG_NOUNS
    | DEMONYMS
    | lex("of for to at in the a an wing force forces division branch unit office bureau council")
)
BACK_STOP = (
    CLAUSE
    | COMMON_VERBS
    | OTHER_PREPS
    | PRONOUNS
    | (frozenset(VERB_CLASS) - ATTITUDE)
    | lex("and according quoted cited citing")
)
FORWARD_NP = (
    MODS
    | ROLE_NOUNS
    | GROUP_NOUNS
    | DOC_NOUNS
    | MEDIA_NOUNS
    | ORG_NOUNS
    | NUMBER_WORDS
    | DEMONYMS
    | lex("familiar close briefed local media")
)
PERSONISH = ROLE_NOUNS | GROUP_NOUNS | ORG_NOUNS | MEDIA_NOUNS | lex("media")


def _cluster_heads(name: str) -> dict[str, frozenset[str]]:
    """Each noun maps to every noun it shares a line with ("channel" -> "tv", "station")."""
    out: dict[str, frozenset[str]] = {}
    for cluster in entries(name):
        group = lex(cluster)
        for word in group:
            out[word] = out.get(word, frozenset()) | group
    return out


HEAD_CLUSTERS = _cluster_heads("head_synonyms")

COMMON_INITIAL = (
    MODS
    | GROUP_NOUNS
    | DOC_NOUNS
    | ROLE_NOUNS
    | FRONT
    | ORG_NOUNS
    | MEDIA_NOUNS
    | (frozenset(VERB_CLASS) - ATTITUDE)
)
ANON_TRIGGERS = lex("anonymity anonymously anonymous named identified authorized authorised")
GENERIC_ORG_HEADS = lex("group organization organisation movement militia faction company firm")
TITLE_PREFIX = lex("former acting interim outgoing incoming then late ex")
ROLE_PREPS = lex("of to for at with in")
RUN_GLUE = NAME_PARTICLES | lex("of for and on &")
CONTEXT_BEFORE = (ROLE_PHRASE - lex("of for to at the a an")) | {","}
CONTEXT_AFTER = ORG_NOUNS | MEDIA_NOUNS | MODS | lex(", (")
CHANNEL_CUES = lex("interview interviews speaking talking spoke comments remarks writing")


def possessive_forms(group: frozenset[str]) -> frozenset[str]:
    """The words as written bare or possessive: ``strip_possessive(w) in group`` for these."""
    return group | {f"{w}'s" for w in group} | {f"{w}'" for w in group}


ROLE_NOUN_FORMS = possessive_forms(ROLE_NOUNS)
DESCRIBING_FORMS = possessive_forms(ROLE_NOUNS | ORG_NOUNS | MEDIA_NOUNS)

ABBREVIATIONS = words("abbreviations")
HEDGE_WORDS = words("hedge_words")
HEDGE_TO = words("hedge_verbs")
HEDGE_IT = lex("reported alleged claimed rumored rumoured understood believed thought")
VERIFY = lex("verified confirmed verify confirm")
HEDGE_TRIGGERS = HEDGE_WORDS | HEDGE_TO | HEDGE_IT | VERIFY | lex("claim according reports")
TRIGGERS = CUES | HEDGE_TRIGGERS | CHANNEL_CUES | ANON_TRIGGERS
"""Every word whose presence sends a sentence down a slower path: one pass finds them all."""
REPORTS_SAY = lex("suggest suggests suggested say said indicate indicates indicated")
ABBREVIATED_TITLES = _pairs("title_abbreviations")
GENDERED = _pairs("gendered_words")
GIVEN_NAMES = _pairs("given_names")
BREAKERS = lex("; while whereas but and or although though because meanwhile")
