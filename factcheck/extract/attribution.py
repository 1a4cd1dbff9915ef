"""Stage ③ claims: attribution — who stands behind each sentence, and through whom.

For every body sentence this finds the speaker, the speaker's role, the reporting verb, the
chain of intermediaries between the article and the speaker (an outlet's report, an interview
on a channel), hedging words, and whether the sentence quotes the speaker directly. Pronouns
("he", "they"), definite descriptions ("the IRGC general", "the channel") and surname-only
mentions ("Netanyahu") are resolved against the people and organisations named in earlier
sentences, most recent and most salient first.

It is pure Python on purpose: precompiled regexes, small lexicons and one pass over the
sentences, so it runs offline, starts instantly and stays linear in the length of the text.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import compress
from operator import ne

from factcheck.lexicon import months
from factcheck.models import Attribution

__all__ = ["attribute_sentences", "quote_groups"]


def _lex(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _names(text: str) -> frozenset[str]:
    """Multi-word names separated by '|'."""
    return frozenset(" ".join(name.split()) for name in text.split("|"))


# ---------------------------------------------------------------------------------------------
# Lexicons (lowercase). Small on purpose: they name word classes, not the world.
# ---------------------------------------------------------------------------------------------


class _Cls(enum.StrEnum):
    """How a verb form reports speech."""

    SAY = "say"
    """A reporting verb wherever it has a speaker as subject: said, claimed, warned."""
    SAY_COMP = "say_comp"
    """Reporting only before that/colon/quote or as a parenthetical: added, posted, notes."""
    SPEECH = "speech"
    """A speech act, used when the sentence has no reporting verb: urged, praised."""
    CALL = "call"
    """'called', reporting only in 'called on/for/it' or before a quotation: not a phone call."""
    DOC = "doc"
    """A finding: showed, found; only with a document subject or before 'that'."""


_SAY = _lex(
    """
    said says say saying told tells tell telling claimed claim claiming asserted asserts assert
    asserting alleged alleges allege alleging warned warns warn warning stressed stressing noted
    noting announced announces announce announcing confirmed confirms confirm confirming denied
    denies deny denying insisted insists insist insisting argued argues argue arguing tweeted
    tweeting stated stating explained explains explain explaining maintained maintain maintaining
    acknowledged acknowledges acknowledge acknowledging admitted admit admitting emphasized
    emphasizes emphasize emphasizing emphasised emphasises emphasise emphasising declared
    declares declare declaring predicted predicts predict predicting revealed reveals reveal
    revealing disclosed discloses contended contends contend countered replied reply replying
    reiterated reiterates reiterate reiterating reaffirmed reaffirms reaffirm reaffirming
    proclaimed proclaims proclaim proclaiming cautioned commented remarked boasted boasts
    complained complains conceded concedes testified testifies suggested suggests indicated
    indicates underlined underscored underscores vowed vows vow vowing pledged pledges pledging
    promised reported reporting estimated concluded wrote
    """
)
_SAY_COMP = _lex(
    """
    added adds adding posted posts posting writes writing recalled recalls observed observes
    responded responds notes reports claims states remarks comments estimates promises replies
    counters stresses tweets highlights highlighted understands learned learnt
    """
)
_SPEECH = _lex(
    """
    urged urges urging praised praises praising condemned condemns condemning criticized
    criticised criticizes criticises criticizing criticising welcomed welcomes congratulated
    congratulates thanked asked asks demanded demands demanding threatened threatens threatening
    accused accuses accusing blamed blames blaming dismissed dismisses rejected rejects disputed
    disputes questioned hailed hails lauded slammed slams blasted decried denounced denounces
    lambasted appealed appeals proposed recommended advised apologized apologised apologizes
    """
)
_CALL = _lex("called calls calling")
_DOCV = _lex("showed shows show found finds documented detailed described listed")

_VERB_CLASS: dict[str, _Cls] = {
    **dict.fromkeys(_DOCV, _Cls.DOC),
    **dict.fromkeys(_CALL, _Cls.CALL),
    **dict.fromkeys(_SPEECH, _Cls.SPEECH),
    **dict.fromkeys(_SAY_COMP, _Cls.SAY_COMP),
    **dict.fromkeys(_SAY, _Cls.SAY),
}
_CUES = frozenset(_VERB_CLASS) | {"according", "quoted", "quoting", "cited", "citing"}

_BE = _lex("is are was were be been being 's")
_AUX = _BE | _lex(
    """
    has have had will would could can may might must should shall did does do not never n't also
    previously later then further again earlier recently once subsequently separately first
    initially today yesterday tonight himself herself itself themselves already still now
    even last just
    """
)
_WEEKDAYS = _lex("monday tuesday wednesday thursday friday saturday sunday")
_MONTHS = frozenset(name for names in months() for name in names)
_DETS = _lex("the a an this that these those")
_POSS_PRON = _lex("his her its their our my your")
_PRONOUNS = _lex("he she they it him them we i")
_CLAUSE = _lex(
    """
    that which who whom whose where when while whereas because although though if unless as
    since until but or nor so than whether once whereby
    """
)
_NP_PREPS = _lex("of for by from with at to in")
_SPLIT_PREPS = _lex("of for by from with at to in on familiar close who briefed speaking")
_OTHER_PREPS = _lex(
    """
    on during after before about against over under into near between without within across
    through among amid amidst per via despite following including toward towards upon around
    """
)
_COMMON_VERBS = _lex(
    """
    is are was were be been being has have had do does did will would can could may might must
    should shall also not
    """
)
_DOC_NOUNS = _lex(
    """
    report reports statement statements analysis study survey poll data figures research
    investigation review document documents assessment audit paper letter memo filing complaint
    indictment lawsuit ruling post tweet video footage article release communique communiqué
    readout transcript leak cable dossier tally estimate findings records briefing bulletin
    broadcast account testimony affidavit decree verdict judgment judgement announcement
    message messages interview op-ed editorial column blog website site note notice paper
    """
)
_MEDIA_NOUNS = _lex(
    """
    channel tv television broadcaster network station outlet daily newspaper paper tabloid weekly
    magazine agency website site radio publication newsroom wire programme program show podcast
    """
)
_ORG_NOUNS = _lex(
    """
    ministry department government administration authority authorities army military police
    company firm group organization organisation movement party militia faction agency office
    council committee commission court parliament embassy consulate regime campaign coalition
    alliance union federation association institute center centre foundation bank university
    hospital school board bureau service forces force navy brigades corps cabinet presidency
    prosecutor's prosecutors municipality agency observatory tank think-tank
    """
)
_GROUP_NOUNS = _lex(
    """
    officials official sources source spokesman spokeswoman spokesperson spokespeople witnesses
    witness residents resident experts expert analysts analyst researchers scientists doctors
    medics activists diplomats diplomat aides aide insiders insider people person lawmakers
    prosecutors investigators authorities observers critics supporters organizers organisers
    officers soldiers rescuers paramedics leaders members neighbours neighbors relatives family
    families survivors eyewitnesses monitors representatives negotiators mediators deputies
    troopers firefighters staff employees workers students teachers parents protesters
    demonstrators campaigners economists forecasters meteorologists agents inspectors judges
    lawyers attorneys detectives investigators medics nurses physicians engineers villagers
    locals farmers traders bankers investors executives managers clerics militants fighters
    commanders rebels spokespeople sources
    """
)
_ANON_HEADS = _lex("source sources insider insiders")
_ANON_AFTER = _lex("familiar close briefed")
_ROLE_NOUNS = _lex(
    """
    adviser advisor aide ambassador analyst anchor attorney author bishop ceo chairman
    chairwoman chair chancellor chief cleric coach columnist commander commentator commissioner
    congressman congresswoman correspondent councillor councilor counsel curator deputy director
    economist editor editor-in-chief emir envoy executive expert founder co-founder general
    governor head historian imam inspector journalist judge justice king lawmaker lawyer leader
    legislator lieutenant manager mayor member minister negotiator officer official owner pastor
    president premier presenter professor prosecutor queen rabbi regulator reporter
    representative researcher scholar scientist secretary senator sheikh speaker spokesman
    spokeswoman spokesperson strategist superintendent treasurer trustee writer colonel major
    captain sergeant admiral brigadier marshal ayatollah prince princess sultan monarch activist
    campaigner organiser organizer doctor physician surgeon nurse teacher candidate nominee
    politician mp mep dean rector principal constable detective sheriff chairperson coordinator
    secretary-general vice-president commander-in-chief chief-of-staff ruler cofounder
    president-elect premier-elect deputy-head boss
    """
)
_TITLES = _lex(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady general gen gen. lieutenant lt
    lt. colonel col col. major maj maj. captain capt capt. sergeant sgt sgt. admiral adm adm.
    president vice prime minister secretary senator sen sen. representative rep rep. governor
    gov gov. mayor judge justice king queen prince princess sheikh ayatollah imam rabbi pope
    chancellor ambassador commissioner chief inspector detective pastor reverend rev rev. bishop
    cardinal speaker director chairman chairwoman commander deputy brigadier emir sultan leader
    premier crown field marshal cmdr cmdr. brig brig. supt supt. attorney spokesman spokeswoman
    mp mep mla msp mk congressman congresswoman councillor councilor boss manager coach
    secretary-general director-general attorney-general vice-president commander-in-chief
    editor-in-chief chief-of-staff
    superintendent constable det det. insp insp. sheriff chairperson president-elect
    """
)
_HONORIFICS = _lex("mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady")
_COMPOUND_ROLES = {
    ("secretary", "general"): "secretary general",
    ("attorney", "general"): "attorney general",
    ("surgeon", "general"): "surgeon general",
    ("inspector", "general"): "inspector general",
    ("prime", "minister"): "prime minister",
    ("vice", "president"): "vice president",
    ("chief", "executive"): "chief executive",
}
_MODS = _lex(
    """
    senior top former deputy chief local state federal foreign military political security
    health interior defence defense finance economy justice education energy trade environment
    regional national international acting interim outgoing incoming new veteran longtime
    embattled powerful influential outspoken supreme main lead leading head assistant associate
    executive general managing vice prime current then junior spokesman two three four five
    several many some other unnamed anonymous government police army intelligence militant
    terrorist armed israeli lebanese palestinian iranian american russian chinese british french
    german ukrainian syrian iraqi turkish egyptian jordanian saudi qatari emirati us uk un eu
    white senior-level high-ranking high-level mid-level public private official islamic
    religious media news press opposition ruling rebel separatist military-run state-run
    """
)
_GENERIC_MODS = _lex(
    """
    former top senior then current new veteran longtime embattled powerful influential outspoken
    same other latter two three four five late acting interim outgoing incoming think
    """
)
_NUMBER_WORDS = _lex("one two three four five six seven eight nine ten dozen dozens several")
_ORG_HEADS = _lex(
    """
    ministry department agency office council committee commission center centre institute
    institution foundation association union federation organization organisation party
    movement front corps forces force army navy police guard guards brigades brigade battalion
    militia group company corporation corp corp. inc inc. ltd ltd. llc plc bank fund university
    college school hospital court parliament congress senate assembly government administration
    authority service services bureau board coalition alliance league trust society church
    club team unit command directorate secretariat embassy consulate mission observatory watch
    international cabinet presidency
    """
)
_MEDIA_HEADS = _lex(
    """
    tv television radio news times post journal herald tribune gazette telegraph chronicle press
    daily network channel broadcasting broadcaster magazine observer guardian standard examiner
    inquirer courier dispatch sentinel mirror express mail today online fm wire bulletin weekly
    monthly newsweek reuters
    """
)
_KNOWN_MEDIA = _names(
    """
    reuters|ap|afp|associated press|agence france-presse|agence france presse|bbc|cnn|nbc|abc|
    cbs|fox news|msnbc|npr|pbs|sky news|al jazeera|al-jazeera|al arabiya|al-arabiya|al-manar|
    al manar|al-mayadeen|al mayadeen|rt|sputnik|tass|ria novosti|xinhua|irna|isna|tasnim|fars|
    mehr|press tv|anadolu|dpa|efe|ansa|kyodo|yonhap|bloomberg|axios|politico|haaretz|ynet|kan|
    i24news|new york times|washington post|wall street journal|guardian|telegraph|independent|
    financial times|economist|le monde|der spiegel|spiegel|bild|el pais|el país|the hill|cbc|
    euronews|deutsche welle|dw|france 24|voice of america|voa|radio free europe|al-akhbar|
    al akhbar|asharq al-awsat|the national|gulf news|arab news|algemeiner|jerusalem post|
    daily mail|usa today|los angeles times|newsweek|the atlantic|propublica|semafor|nhk|itv|
    channel 4|channel 12|channel 13|channel 14|the times|times of israel|the sun|the mirror|
    the intercept|mediapart|le figaro|corriere della sera|la repubblica|el mundo|asahi|yomiuri|
    dawn|the hindu|times of india|al-quds al-arabi|wafa|maan|shehab|safa|walla|maariv|
    israel hayom|yedioth ahronoth|globes|nournews|fars news
    """
)
_PLACE_HEADS = _lex(
    """
    strip city province state county district region area street road avenue square river sea
    lake mountains mountain valley island islands bay gulf coast peninsula desert heights border
    crossing camp airport port village town republic kingdom emirates
    """
)
_DEMONYMS = _lex(
    """
    israeli iranian lebanese palestinian syrian iraqi egyptian jordanian saudi qatari emirati
    yemeni turkish american russian chinese british english french german italian spanish
    ukrainian polish dutch belgian swiss austrian swedish norwegian danish finnish greek
    japanese korean indian pakistani afghan bangladeshi indonesian malaysian australian
    canadian mexican brazilian argentine argentinian nigerian kenyan ethiopian sudanese libyan
    tunisian algerian moroccan european african asian arab western eastern muslim jewish
    christian sunni shiite shia kurdish druze irish scottish welsh venezuelan colombian
    chilean peruvian cuban south north republican republicans democrat democrats democratic
    conservative conservatives labour liberal liberals tory tories socialist greens
    """
)
_DEMONYM_OF = {
    "french": "france",
    "british": "britain",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "danish": "denmark",
    "swedish": "sweden",
    "welsh": "wales",
    "scottish": "scotland",
    "irish": "ireland",
    "spanish": "spain",
    "greek": "greece",
    "polish": "poland",
    "turkish": "turkey",
    "english": "england",
    "us": "american",
    "uk": "british",
}
_NAME_PARTICLES = _lex(
    "bin ibn bint abu de da di du van von der den la le del della dos das al el ul ben ter"
)
_CAP_STOP = (
    _DETS
    | _POSS_PRON
    | _PRONOUNS
    | _CLAUSE
    | _WEEKDAYS
    | _lex(
        """
        in on at by for from with without after before during following according meanwhile
        additionally however and or also still then now today yesterday earlier later
        separately instead moreover furthermore finally last next other others some many most
        several all both each every no not there here what why how despite amid under over
        about against into through across between among within toward towards around upon
        speaking asked writing read more see watch related photo credit image
        """
    )
)
_FRONT = _lex(
    """
    in on at by for from with after before during following according meanwhile additionally
    however but and also still then now today yesterday earlier later separately instead
    moreover furthermore finally last next despite amid under over about against into through
    across between among within toward towards around upon since while when as although though
    because if once until unlike like besides overall elsewhere going speaking asked writing
    addressing referring responding citing
    """
)
_ROLE_PHRASE = (
    _ROLE_NOUNS
    | _MODS
    | _MEDIA_NOUNS
    | _ORG_NOUNS
    | _DEMONYMS
    | _lex("of for to at the a an wing force forces division branch unit office bureau council")
)
_BACK_STOP = (
    _CLAUSE
    | _COMMON_VERBS
    | _OTHER_PREPS
    | _PRONOUNS
    | frozenset(_VERB_CLASS)
    | _lex("and according quoted cited citing")
)
_FORWARD_NP = (
    _MODS
    | _ROLE_NOUNS
    | _GROUP_NOUNS
    | _DOC_NOUNS
    | _MEDIA_NOUNS
    | _ORG_NOUNS
    | _NUMBER_WORDS
    | _DEMONYMS
    | _lex("familiar close briefed local media")
)
_PERSONISH = _ROLE_NOUNS | _GROUP_NOUNS | _ORG_NOUNS | _MEDIA_NOUNS | _lex("media")


def _cluster_heads(*clusters: str) -> dict[str, frozenset[str]]:
    """Each noun maps to every noun it shares a cluster with ("channel" -> "tv", "station")."""
    out: dict[str, frozenset[str]] = {}
    for cluster in clusters:
        words = _lex(cluster)
        for word in words:
            out[word] = out.get(word, frozenset()) | words
    return out


_HEAD_CLUSTERS = _cluster_heads(
    "channel tv television broadcaster network station outlet",
    "daily newspaper paper outlet publication tabloid weekly",
    "agency wire outlet",
    "group organization organisation movement faction militia",
    "company firm corporation group",
    "ministry department",
    "army military forces",
    "center centre institute think-tank tank",
)

_COMMON_INITIAL = (
    _MODS
    | _GROUP_NOUNS
    | _DOC_NOUNS
    | _ROLE_NOUNS
    | _FRONT
    | _ORG_NOUNS
    | _MEDIA_NOUNS
    | frozenset(_VERB_CLASS)
)
_ANON_TRIGGERS = _lex("anonymity anonymously anonymous named identified authorized authorised")
_GENERIC_ORG_HEADS = _lex("group organization organisation movement militia faction company firm")
_TITLE_PREFIX = _lex("former acting interim outgoing incoming then late ex")
_ROLE_PREPS = _lex("of to for at with in")
_RUN_GLUE = _NAME_PARTICLES | _lex("of for and on &")
_CONTEXT_BEFORE = (_ROLE_PHRASE - _lex("of for to at the a an")) | {","}
_CONTEXT_AFTER = _ORG_NOUNS | _MEDIA_NOUNS | _MODS | _lex(", (")
_CHANNEL_CUES = _lex("interview interviews speaking talking spoke comments remarks writing")


def _possessive_forms(words: frozenset[str]) -> frozenset[str]:
    """The words as written bare or possessive: ``_strip_possessive(w) in words`` for these."""
    return words | {f"{w}'s" for w in words} | {f"{w}'" for w in words}


_ROLE_NOUN_FORMS = _possessive_forms(_ROLE_NOUNS)
_DESCRIBING_FORMS = _possessive_forms(_ROLE_NOUNS | _ORG_NOUNS | _MEDIA_NOUNS)

# ---------------------------------------------------------------------------------------------
# Normalisation, tokens, hedges.
# ---------------------------------------------------------------------------------------------

_NORMAL_PAIRS = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u02bc", "'"),
    ("\u201b", "'"),
    ("\u00b4", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u201e", '"'),
    ("\u201f", '"'),
    ("\u00ab", '"'),
    ("\u00bb", '"'),
)
_SPACED = tuple(",;:()[]{}!?\u2014\u2013\u2026")
_ABBREVIATIONS = _lex(
    """
    mr mrs ms dr prof gen lt col sgt capt maj adm cmdr sen rep gov rev hon brig supt st jr sr
    no vs inc corp ltd co mt ft gov
    """
)
_HEDGE_WORDS = _lex(
    """
    reportedly allegedly purportedly apparently supposedly ostensibly seemingly purported
    unconfirmed unverified rumored rumoured claimed claims alleged alleges allege
    """
)
_HEDGE_TO = _lex(
    "said believed thought understood reported alleged rumored rumoured claimed suspected"
)
_HEDGE_IT = _lex("reported alleged claimed rumored rumoured understood believed thought")
_VERIFY = _lex("verified confirmed verify confirm")
_HEDGE_TRIGGERS = _HEDGE_WORDS | _HEDGE_TO | _HEDGE_IT | _VERIFY | _lex("claim according reports")
_TRIGGERS = _CUES | _HEDGE_TRIGGERS | _CHANNEL_CUES | _ANON_TRIGGERS
"""Every word whose presence sends a sentence down a slower path: one pass finds them all."""
_REPORTS_SAY = _lex("suggest suggests suggested say said indicate indicates indicated")
_ANON_RE = re.compile(
    r"\b(?:on\s+(?:the\s+)?condition\s+(?:of|that\s+(?:he|she|they)\s+not\s+be\s+named)"
    r"|speaking\s+anonymously|(?:asked|requested|declined)\s+not\s+to\s+be\s+(?:named|identified)"
    r"|declined\s+to\s+be\s+(?:named|identified)|requested\s+anonymity|granted\s+anonymity"
    r"|not\s+authori[sz]ed\s+to\s+(?:speak|comment|discuss)|anonymous\s+sources?)\b"
)
_REPEAT_RE = re.compile(r"(.)\1+")

_PLACEHOLDER = 0xE000
"""Quoted text is replaced by one private-use character per quotation while parsing."""
_MAX_QUOTE_SPAN = 4
"""A quotation may run over at most this many sentence boundaries; past that a mark is stray."""


# ---------------------------------------------------------------------------------------------
# Quotations across sentences.
# ---------------------------------------------------------------------------------------------

_OPEN, _CLOSE, _EITHER = 1, 2, 3


_LEFT_OPEN = frozenset(" \t\n([{<\u2014\u2013-/:'\u2018")
_RIGHT_OPEN = frozenset(" \t\n.,;:!?)]}>\u2014\u2013-'\u2019")


_MARKS = ('"', "\u201c", "\u201d", "\u201e", "\u201f", "\u00ab", "\u00bb")


def _find_marks(text: str) -> list[int]:
    """Offsets of the double quotation marks in ``text``, in order."""
    found: list[int] = []
    for mark in _MARKS:
        pos = text.find(mark)
        while pos >= 0:
            found.append(pos)
            pos = text.find(mark, pos + 1)
    if len(found) > 1:
        found.sort()
    return found


def _classify_mark(text: str, pos: int, mark: str) -> int:
    """Whether a quotation mark opens or closes, from the mark and what touches it."""
    left_open = pos == 0 or text[pos - 1] in _LEFT_OPEN
    right_open = pos + 1 == len(text) or text[pos + 1] in _RIGHT_OPEN
    if mark == '"':
        if left_open != right_open:
            return _OPEN if left_open else _CLOSE
        return _EITHER
    if mark in "\u201c\u201e\u00ab\u201f":
        # German „…“ closes with “; a “ glued to the word before it is a closer too.
        return _CLOSE if right_open and not left_open and mark == "\u201c" else _OPEN
    return _OPEN if left_open and not right_open else _CLOSE


@dataclass(slots=True)
class _QuoteLayout:
    """Where the quotations are, per sentence, and which sentences they join."""

    spans: list[list[tuple[int, int]]]
    """Per sentence: (start, end) character ranges of quoted text, marks excluded."""
    groups: list[tuple[int, int]]
    """Inclusive sentence ranges joined by one quotation."""


def _layout_quotes(sentences: Sequence[str], blocks: Sequence[int] | None) -> _QuoteLayout:
    """Pair the quotation marks of a run of sentences, across sentence boundaries."""
    spans: list[list[tuple[int, int]]] = [[] for _ in sentences]
    groups: list[tuple[int, int]] = []
    opened: tuple[int, int] | None = None

    def close(at_sent: int, at_pos: int) -> None:
        assert opened is not None
        first, start = opened
        if first == at_sent:
            if at_pos > start:
                spans[first].append((start, at_pos))
            return
        spans[first].append((start, len(sentences[first])))
        for middle in range(first + 1, at_sent):
            spans[middle].append((0, len(sentences[middle])))
        spans[at_sent].append((0, at_pos))
        groups.append((first, at_sent))

    def end_paragraph(last: int) -> None:
        nonlocal opened
        # A quotation still open at a paragraph's end runs to it (the convention for
        # multi-paragraph quotes), unless it opened too far back to be anything but a stray mark.
        if opened is not None and last - opened[0] <= _MAX_QUOTE_SPAN:
            close(last, len(sentences[last]))
        opened = None

    for index, text in enumerate(sentences):
        if blocks is not None and index and blocks[index] != blocks[index - 1]:
            end_paragraph(index - 1)
        if opened is not None and index - opened[0] > _MAX_QUOTE_SPAN:
            opened = None
        for pos in _find_marks(text):
            kind = _classify_mark(text, pos, text[pos])
            if opened is None:
                if kind != _CLOSE:
                    opened = (index, pos + 1)
            elif kind == _OPEN and opened[0] == index:
                opened = (index, pos + 1)  # the earlier mark in this sentence was stray
            elif kind == _OPEN:
                if index - 1 >= opened[0]:
                    close(index - 1, len(sentences[index - 1]))
                opened = (index, pos + 1)
            else:
                close(index, pos)
                opened = None
    if sentences:
        end_paragraph(len(sentences) - 1)
    return _QuoteLayout(spans, _merge_groups(groups))


def _merge_groups(groups: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort the groups and merge overlapping ones (a quote closing where the next opens)."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(groups):
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    return merged


def quote_groups(
    sentences: Sequence[str], *, blocks: Sequence[int] | None = None
) -> list[tuple[int, int]]:
    """Inclusive index ranges (i, j), i < j, of consecutive sentences inside one quotation.

    A quotation opens in sentence i and closes in sentence j. ``blocks`` gives each sentence's
    paragraph index: a quotation never runs past its paragraph, and one left open at the end of
    a paragraph (the usual way to continue a quote into the next paragraph) ends there.
    Overlapping ranges are merged, so the result is sorted and disjoint.
    """
    return list(_shared_layout(sentences, blocks).groups)


# The claims stage asks for attributions and quote groups of the same sentences, one after the
# other: the second call reuses the first one's layout instead of scanning the text again.
_LAST_LAYOUT: list[tuple[tuple[str, ...], tuple[int, ...] | None, _QuoteLayout]] = []


def _shared_layout(sentences: Sequence[str], blocks: Sequence[int] | None) -> _QuoteLayout:
    key = tuple(sentences)
    block_key = None if blocks is None else tuple(blocks)
    last = _LAST_LAYOUT[0] if _LAST_LAYOUT else None
    if last is not None and last[1] == block_key and last[0] == key:
        return last[2]
    layout = _layout_quotes(key, block_key)
    _LAST_LAYOUT[:] = [(key, block_key, layout)]
    return layout


# ---------------------------------------------------------------------------------------------
# Entities and salience.
# ---------------------------------------------------------------------------------------------


class _Kind(enum.StrEnum):
    """What sort of thing an entity is, as far as the text shows."""

    PERSON = "person"
    ORG = "org"
    MEDIA = "media"
    GROUP = "group"
    UNKNOWN = "unknown"


_SPEAKING = frozenset({_Kind.PERSON, _Kind.ORG, _Kind.MEDIA, _Kind.UNKNOWN})
_LOOSE = frozenset({_Cls.SAY, _Cls.SAY_COMP})
"""Verbs whose subject may be any definite description: only a speaker says or adds."""


# Mutable on purpose: an entity accumulates roles and mentions as the article goes on. It never
# leaves this module.
@dataclass(slots=True, eq=False)
class _Entity:
    name: str
    """Canonical name: the first full form seen."""
    kind: _Kind
    """Person, organisation, outlet, unnamed group, or not yet known."""
    role: str | None = None
    """The role the text gives the entity, in the text's own words."""
    role_rank: int = 0
    """How descriptive the role is: 0 none, 1 honorific, 2 title, 3 appositive or description."""
    heads: set[str] = field(default_factory=set)
    """Nouns a definite description may use for it ('general', 'channel')."""
    words: set[str] = field(default_factory=set)
    """Every word the text has tied to it, for matching a description's modifiers."""
    sent: int = -1
    """Sentence of the latest mention."""
    pos: int = 0
    """Token index of the first mention in that sentence."""
    subj: bool = False
    """Whether it was a subject or speaker in that sentence."""
    prev: tuple[int, int, bool] = (-1, 0, False)
    """(sent, pos, subj) of the mention before the current sentence."""
    spoke: bool = False
    """Whether it has been a speaker, so 'they'/'it' may refer to it."""


_KEYS: dict[str, str] = {}


def _make_key(name: str) -> str:
    """A spelling-tolerant key: Qa'ani, Qaani and QAANI share one."""
    found = _KEYS.get(name)
    if found is not None:
        return found
    text = name.lower().replace("'", "").replace("-", "").replace(".", "")
    if text.startswith("the "):
        text = text[4:]
    text = _REPEAT_RE.sub(r"\1", text)
    if len(_KEYS) > 50_000:
        _KEYS.clear()
    _KEYS[name] = text
    return text


def _normalise(text: str) -> str:
    """Straight apostrophes and double quotes, same length, so offsets stay put."""
    for old, new in _NORMAL_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def _strip_possessive(token: str) -> str:
    if token.endswith("'s"):
        return token[:-2]
    if token.endswith("'"):
        return token[:-1]
    return token


def _make_surname_keys(token: str) -> list[str]:
    keys = [_make_key(token)]
    if "-" not in token:
        return keys  # every prefix below ends in a hyphen
    low = token.lower()
    for prefix in ("al-", "el-", "ad-", "ar-", "as-", "at-", "an-", "ash-"):
        if low.startswith(prefix) and len(low) > len(prefix) + 1:
            keys.append(_make_key(token[len(prefix) :]))
            break
    return keys


def _mod_matches(mod: str, words: set[str]) -> bool:
    if mod in words:
        return True
    target = _DEMONYM_OF.get(mod)
    if target is not None and target in words:
        return True
    for word in words:
        # Demonyms and their countries share a stem: Iran/Iranian, Israel/Israeli, Lebanon/Lebanese.
        size = min(len(word), len(mod))
        if size >= 4 and word[:4] == mod[:4] and (word.startswith(mod) or mod.startswith(word)):
            return True
        if size >= 5 and word[:5] == mod[:5]:
            return True
    return False


class _Store:
    """Every entity named so far, with lookups by name, surname and recency."""

    __slots__ = (
        "by_head",
        "by_name",
        "by_surname",
        "codes",
        "described",
        "docs",
        "not_names",
        "recent",
        "seen",
    )

    def __init__(self) -> None:
        self.not_names: set[str] = set()
        self.described: set[tuple[object, ...]] = set()
        self.codes: dict[str, int] = {}
        self.by_head: dict[str, dict[_Entity, None]] = {}
        self.seen: dict[str, _Entity] = {}
        self.by_name: dict[str, _Entity] = {}
        self.by_surname: dict[str, _Entity] = {}
        self.docs: dict[str, _Entity] = {}
        self.recent: dict[_Entity, None] = {}

    def touch(self, entity: _Entity, sent: int, pos: int, subj: bool) -> None:
        if entity.sent != sent:
            entity.prev = (entity.sent, entity.pos, entity.subj)
            entity.sent, entity.pos, entity.subj = sent, pos, subj
        else:
            entity.pos = min(entity.pos, pos)
            entity.subj = entity.subj or subj
        self.recent.pop(entity, None)
        self.recent[entity] = None

    def add_head(self, entity: _Entity, head: str) -> None:
        """Let descriptions with ``head`` (and its synonyms) refer to ``entity``."""
        self.add_heads(entity, _HEAD_CLUSTERS.get(head, (head,)))
        self.add_heads(entity, (head,))

    def add_heads(self, entity: _Entity, heads: Iterable[str]) -> None:
        for head in heads:
            if head not in entity.heads:
                entity.heads.add(head)
                self.by_head.setdefault(head, {})[entity] = None

    def index(self, entity: _Entity, tokens: Sequence[str]) -> None:
        self.by_name.setdefault(_make_key(entity.name), entity)
        if entity.kind is _Kind.PERSON and len(tokens) >= 2:
            for key in _make_surname_keys(tokens[-1]):
                if self.by_surname.get(key) is not entity:
                    self.by_surname[key] = entity
                    self.seen.clear()  # a surname may now mean someone else

    def lookup(self, tokens: Sequence[str]) -> _Entity | None:
        name = " ".join(tokens)
        if len(tokens) == 1:
            for key in _make_surname_keys(tokens[0]):
                found = self.by_surname.get(key)
                if found is not None:
                    return found
        return self.by_name.get(_make_key(name))

    def describe(self, head: str, mods: Sequence[str]) -> _Entity | None:
        """The most recent entity a description ("the Iranian leader") fits."""
        wanted = [m for m in mods if m not in _GENERIC_MODS and not m.isdigit()]
        best: _Entity | None = None
        for entity in self.by_head.get(head, ()):
            if best is not None and self._order(entity) < self._order(best):
                continue
            if all(_mod_matches(m, entity.words) for m in wanted):
                best = entity
        if best is None and head in _GENERIC_ORG_HEADS:
            # "Hamas said ... The group said": the latest organisation, or a name that spoke.
            for checked, entity in enumerate(reversed(self.recent)):
                if checked > 30:
                    break
                if entity.kind is _Kind.ORG or (entity.spoke and entity.kind is _Kind.UNKNOWN):
                    return entity
        return best

    @staticmethod
    def _order(entity: _Entity) -> tuple[int, int]:
        return (entity.sent, -entity.pos)

    def pronoun(self, pronoun: str, sent: int, pos: int) -> _Entity | None:
        """The antecedent of a pronoun: recent sentences first, subjects before objects."""
        person = pronoun in ("he", "she", "him")
        best: _Entity | None = None
        best_key = (-1, False, 0)
        for entity in reversed(self.recent):
            if entity.sent < best_key[0]:
                break  # recency order: nothing further back can win
            if entity.kind is _Kind.UNKNOWN:
                if not entity.spoke:
                    continue
            elif person != (entity.kind is _Kind.PERSON):
                continue
            if entity.sent == sent and entity.pos < pos:
                key = (entity.sent, entity.subj, -entity.pos)
            elif entity.sent == sent:
                key = (entity.prev[0], entity.prev[2], -entity.prev[1])
            else:
                key = (entity.sent, entity.subj, -entity.pos)
            if key[0] >= 0 and key > best_key:
                best, best_key = entity, key
        return best


# ---------------------------------------------------------------------------------------------
# One sentence.
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Speaker:
    """Who a noun phrase names, once resolved."""

    name: str | None
    """The name to report: an entity's full name, or the phrase itself ("Israeli officials")."""
    role: str | None = None
    """The role the text gave the speaker, if any."""
    entity: _Entity | None = None
    """The entity behind the name, when there is one to remember."""
    anonymous: bool = False
    """Whether the source is unnamed on purpose ("a source familiar with ...")."""


@dataclass(slots=True)
class _Frame:
    """One reporting construction: a speaker and the verb that reports them."""

    verb: str
    """The reporting verb as written, lowercase ("said", "according to")."""
    vpos: int
    """Token index of the verb."""
    speaker: _Speaker
    """Who reports."""
    spos: int
    """Token index where the speaker's phrase starts."""
    trailing: bool = False
    """A parenthetical after what it reports ("…, X said."), so it wraps what comes before."""
    channels: list[_Speaker] = field(default_factory=list)
    """Outlets the speaker spoke through ("in an interview with Z")."""
    secondary: bool = False
    """A speech act or participle, used only when no reporting verb is found."""
    cites: bool = False
    """Reports the source of the frame before it ("quoted Y as saying", "citing Y")."""
    quoted_object: bool = False
    """The verb's object is a direct quotation."""


@dataclass(slots=True)
class _Quote:
    """One quotation in a sentence, replaced by a placeholder token while parsing."""

    text: str
    """The quoted words, marks excluded."""
    words: int
    """How many words it has (scare quotes have one or two)."""
    continued: bool
    """It opened in an earlier sentence."""


@dataclass(slots=True)
class _Outcome:
    """What one sentence yields before the cross-sentence passes."""

    attribution: Attribution
    """The sentence's own attribution."""
    leads_with_quote: bool
    """The sentence opens with a quotation of three words or more."""


def _is_cap(token: str) -> bool:
    first = token[0]
    if first.isupper():
        if "-" in token:
            # "Hezbollah-operated", "Strip-ruling": a modifier, not part of a name.
            tail = token.rsplit("-", 1)[1]
            return not tail[:1].islower()
        return True
    # al-Nakhleh, el-Sisi
    return first in "ae" and len(token) > 3 and token[2] == "-" and token[3].isupper()


_CAN_NAME, _AT_START, _OPENER, _MONTH, _POSSESSIVE, _DEMONYM = 1, 2, 4, 8, 16, 32
"""Bits of a token's code: how a capitalised token may take part in a name."""
_RARE = _AT_START | _MONTH


def _code_token(token: str) -> int:
    lw = token.lower()
    if lw in _CAP_STOP and not (len(token) > 1 and token.isupper()):
        return 0
    if (not token[0].isupper() or "-" in token) and not _is_cap(token):
        return 0
    code = _CAN_NAME
    if lw in _COMMON_INITIAL or lw.endswith(("ly", "ing")):
        code |= _AT_START
        if lw in _TITLES or lw in _TITLE_PREFIX or lw in _DEMONYMS:
            code |= _OPENER
    if lw in _MONTHS:
        code |= _MONTH
    if token[-1] == "'" or lw.endswith("'s"):
        code |= _POSSESSIVE
    if lw in _DEMONYMS:
        code |= _DEMONYM
    return code


def _is_word(token: str) -> bool:
    return token[0].isalnum()


class _Sentence:
    """Parsing state for one sentence: tokens, names found, and the reporting frames."""

    __slots__ = (
        "apostrophe",
        "index",
        "low",
        "masked",
        "mention_end",
        "mention_of",
        "mention_start",
        "n",
        "qpos",
        "quotes",
        "store",
        "toks",
    )

    def __init__(
        self, store: _Store, index: int, original: str, spans: list[tuple[int, int]]
    ) -> None:
        self.store = store
        self.index = index
        if original.isascii():
            self.apostrophe = False
            normal = original
        else:
            self.apostrophe = "\u2019" in original and "'" not in original
            normal = _normalise(original)
        self.quotes: list[_Quote] = []
        if spans:
            pieces: list[str] = []
            cursor = 0
            for number, (start, end) in enumerate(spans):
                inner = normal[start:end]
                pieces.append(normal[cursor:start])
                pieces.append(f" {chr(_PLACEHOLDER + number)} ")
                cursor = end
                self.quotes.append(_Quote(inner, len(inner.split()), start == 0))
            pieces.append(normal[cursor:])
            masked = "".join(pieces).replace('"', " ")
        else:
            masked = normal
        self.masked = masked
        self.toks: list[str] = _tokenize(masked)
        self.low: list[str] = list(map(str.lower, self.toks))
        self.n = len(self.toks)
        self.mention_of: list[_Entity | None] = [None] * self.n
        self.mention_start: dict[int, int] = {}
        self.mention_end: dict[int, int] = {}
        self.qpos: dict[int, int] = {}
        if len(self.quotes) <= 8:
            for number in range(len(self.quotes)):
                self.qpos[self.toks.index(chr(_PLACEHOLDER + number))] = number
        else:  # one pass rather than a search per quotation
            first = chr(_PLACEHOLDER)
            for k, token in enumerate(self.toks):
                if len(token) == 1 and token >= first and ord(token) - _PLACEHOLDER < len(spans):
                    self.qpos[k] = ord(token) - _PLACEHOLDER

    # -- text helpers ------------------------------------------------------------------------

    def join_tokens(self, toks: Sequence[str], start: int, end: int) -> str:
        out = " ".join(toks[start:end]).replace(" - ", "-")
        return out.replace("'", "\u2019") if self.apostrophe else out

    def is_placeholder(self, i: int) -> bool:
        return i in self.qpos

    # -- names -------------------------------------------------------------------------------

    def scan_names(self, toks: list[str], low: list[str], pos_override: int | None) -> None:
        """Find the names in ``toks`` and tie each to an entity with its role and kind."""
        n = len(toks)
        main = pos_override is None
        store = self.store
        seen = store.seen
        recent = store.recent
        index = self.index
        glue, context_before, context_after = _RUN_GLUE, _CONTEXT_BEFORE, _CONTEXT_AFTER
        codes = store.codes
        described = store.described
        mention_of = self.mention_of
        mention_start, mention_end = self.mention_start, self.mention_end
        done = 0
        # Tokens that differ from their lowercase hold a capital: cheap to find in C.
        for i in list(compress(range(n), map(ne, toks, low))):
            if i < done:
                continue
            token = toks[i]
            code = codes.get(token)
            if code is None:
                code = codes[token] = _code_token(token)
            if not code & _CAN_NAME:
                continue
            if code & _RARE:
                # "Former US President Donald Trump said": a title may open the sentence.
                if (
                    code & _AT_START
                    and i == 0
                    and not (n > 1 and toks[1] != low[1] and (code & _OPENER or low[1] in _TITLES))
                ):
                    continue
                if code & _MONTH and self._is_date(low, i):
                    continue
            j = i + 1
            if (
                j < n
                and not code & _POSSESSIVE
                and (
                    toks[j] != low[j]
                    or (
                        low[j] in glue
                        and (
                            toks[j + 1 : j + 2] != low[j + 1 : j + 2]
                            or low[j + 1 : j + 2] == ["the"]
                        )
                    )
                    or (toks[j][0].isdigit() and low[i] == "channel")
                )
            ):
                j = self._find_run_end(toks, low, i)
                run = " ".join(toks[i:j])
            elif code & _DEMONYM:
                continue
            else:
                run = token
            done = j
            entity = seen.get(run)
            if entity is None:
                if run in store.not_names:
                    continue
                entity = self._register(toks, low, i, j, pos_override)
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
                            self._describe_around(entity, toks, low, i, j)
                pos = i if main else pos_override or 0
                if entity.sent != index:
                    entity.prev = (entity.sent, entity.pos, entity.subj)
                    entity.sent, entity.pos, entity.subj = index, pos, False
                recent.pop(entity, None)
                recent[entity] = None
            if main:
                mention_of[i:j] = [entity] * (j - i)
                mention_start[i] = j - 1
                mention_end[j - 1] = i

    @staticmethod
    def _is_date(low: list[str], i: int) -> bool:
        lw = low[i]
        if lw in _WEEKDAYS:
            return True
        if lw not in _MONTHS:
            return False
        after = low[i + 1] if i + 1 < len(low) else ""
        before = low[i - 1] if i else ""
        return after[:1].isdigit() or before in _DETS or before in _NP_PREPS or before in _FRONT

    def _find_run_end(self, toks: list[str], low: list[str], i: int) -> int:
        """Where the name starting at token ``i`` ends: "Ziad al-Nakhleh"."""
        codes = self.store.codes
        n = len(toks)
        j = i + 1
        connectors: list[int] = []
        while j < n:
            token = toks[j]
            code = codes.get(token)
            if code is None:
                code = codes[token] = _code_token(token)
            if code & _CAN_NAME:
                j += 1
                if code & _POSSESSIVE:
                    break  # "IRGC's Al-Quds Force": the possessor ends here
                continue
            lw = low[j]
            if token[0].isdigit() and low[j - 1] in ("channel", "kan", "i24", "radio", "tv"):
                j += 1
            elif lw in _NAME_PARTICLES and j + 1 < n and _is_cap(toks[j + 1]):
                j += 2
            elif lw in ("of", "for", "and", "on", "&") and j + 1 < n:
                nxt = j + 2 if low[j + 1] == "the" and j + 2 < n else j + 1
                after = codes.get(toks[nxt])
                if after is None:
                    after = codes[toks[nxt]] = _code_token(toks[nxt])
                if not after & _CAN_NAME:
                    break
                connectors.append(j)
                j = nxt
            else:
                break
        if connectors:
            last = _strip_possessive(low[j - 1])
            if last not in _ORG_HEADS and last not in _MEDIA_HEADS:
                first = connectors[0]
                keep = low[first] in ("of", "for") and (
                    low[first - 1] in _ORG_HEADS or low[first - 1] in _TITLES
                )
                if not keep:
                    j = first
        return j

    def _register(
        self, toks: list[str], low: list[str], i: int, j: int, pos_override: int | None
    ) -> _Entity | None:
        store = self.store
        pos = i if pos_override is None else pos_override
        possessive = toks[j - 1].endswith("'") or toks[j - 1].endswith("'s")
        names = list(toks[i:j])
        names[-1] = _strip_possessive(names[-1])
        lows = [_strip_possessive(w) for w in low[i:j]]
        # Peel leading titles: "Prime Minister Benjamin Netanyahu", "General Esmail Qaani".
        title_end = 0
        if lows[-1] not in _ORG_HEADS and lows[-1] not in _MEDIA_HEADS:
            for k in range(len(lows) - 1):
                if lows[k] in _TITLES and lows[k + 1] not in _TITLES:
                    title_end = k + 1
            if title_end and lows[title_end] in ("of", "for"):
                # "Secretary of State Antony Blinken": the title's complement, then the name.
                title_end = max(title_end + 2, len(lows) - 2)
                if title_end >= len(lows):
                    return None
        if lows[0] in _TITLES and len(lows) == 1:
            return None
        if title_end and all(w in _TITLES for w in lows[title_end:]):
            return None
        name_tokens = names[title_end:]
        if len(name_tokens) == 1 and lows[-1] in _DEMONYMS:
            return None
        entity = store.lookup(name_tokens)
        kind = self._classify(name_tokens, lows[title_end:], low, i, bool(title_end))
        if entity is None and kind is _Kind.PERSON and len(name_tokens) > 1:
            # "Netanyahu said ..." before "Benjamin Netanyahu": one person, the full name wins.
            bare = store.by_name.get(_make_key(name_tokens[-1]))
            mergeable = (_Kind.UNKNOWN, _Kind.PERSON)
            if bare is not None and bare.kind in mergeable and " " not in bare.name:
                entity = bare
                entity.name = " ".join(name_tokens)
                entity.kind = _Kind.PERSON
                entity.words.update(w.lower() for w in name_tokens)
                store.index(entity, name_tokens)
        if entity is None:
            entity = _Entity(" ".join(name_tokens), kind)
            entity.words.update(w.lower() for w in name_tokens)
            store.index(entity, name_tokens)
        elif entity.kind is _Kind.UNKNOWN and kind is not _Kind.UNKNOWN:
            entity.kind = kind
            store.index(entity, name_tokens)
        if kind is _Kind.MEDIA or kind is _Kind.ORG:
            for head in lows[title_end:]:
                if head in _ORG_HEADS or head in _MEDIA_HEADS:
                    self.store.add_head(entity, head)
        if title_end:
            first = i - 1 if i and low[i - 1] in _TITLE_PREFIX else i
            title = self.join_tokens(toks, first, i + title_end)
            if all(w in _HONORIFICS for w in lows[:title_end]):
                entity.role_rank = max(entity.role_rank, 1)  # Mr, Dr: a person, not a role
            else:
                self._set_role(entity, title, lows[:title_end], 2)
            if entity.kind is _Kind.UNKNOWN:
                entity.kind = _Kind.PERSON
                store.index(entity, name_tokens)
        if not possessive:
            self._describe_around(entity, toks, low, i, j)
        store.touch(entity, self.index, pos, False)
        return entity

    @staticmethod
    def _classify(names: list[str], lows: list[str], low: list[str], i: int, titled: bool) -> _Kind:
        joined = " ".join(lows)
        last = lows[-1]
        before = low[i - 1] if i else ""
        if (
            joined in _KNOWN_MEDIA
            or lows[0] in _KNOWN_MEDIA
            or last in _MEDIA_HEADS
            or before in _MEDIA_NOUNS
        ):
            return _Kind.MEDIA
        if (
            last in _ORG_HEADS
            or not _ORG_HEADS.isdisjoint(lows[:-1])
            or before in _ORG_NOUNS
            or (len(names) == 1 and len(names[0]) >= 2 and names[0].isupper())
        ):
            return _Kind.ORG
        if titled or (i and before in _ROLE_NOUNS):
            return _Kind.PERSON
        if (
            len(names) >= 2
            and len(names) <= 4
            and lows[0] not in _DEMONYMS
            and last not in _PLACE_HEADS
            and not any(w.isupper() and len(w) > 1 for w in names)
        ):
            return _Kind.PERSON
        return _Kind.UNKNOWN

    def _set_role(self, entity: _Entity, role: str, words: Sequence[str], rank: int) -> None:
        heads, mods, _ = _split_role(words)
        self.store.add_heads(entity, heads)
        entity.words.update(heads)
        entity.words.update(mods)
        if rank > entity.role_rank:
            entity.role, entity.role_rank = role, rank

    def _describe_around(
        self, entity: _Entity, toks: list[str], low: list[str], i: int, j: int
    ) -> None:
        """Roles and descriptors next to a name: "Hamas head X", "X, a top adviser to Y,"."""
        if entity.role_rank == 3:
            return  # the first descriptive role is the one remembered
        n = len(toks)
        # Descriptor nouns for outlets and organisations: "the Lebanese daily Al-Akhbar".
        k = i - 1
        while k >= 0 and k >= i - 3 and (low[k] in _FORWARD_NP or _is_cap(toks[k])):
            if low[k] in _MEDIA_NOUNS or low[k] in _ORG_NOUNS:
                if entity.kind is not _Kind.PERSON:
                    if entity.kind is _Kind.UNKNOWN:
                        entity.kind = _Kind.MEDIA if low[k] in _MEDIA_NOUNS else _Kind.ORG
                    self.store.add_head(entity, low[k])
                    entity.words.update(w for w in low[max(0, k - 2) : i] if w not in _DETS)
                break
            k -= 1
        if i and "-" in toks[i - 1] and toks[i - 1][0].isupper():
            entity.words.add(low[i - 1].split("-", 1)[0])  # "Hezbollah-operated Al-Manar TV"
        if entity.kind is not _Kind.PERSON:
            # "Hamas terrorist organization", "Al-Manar channel".
            for k in (j, j + 1):
                if k < n and (low[k] in _ORG_NOUNS or low[k] in _MEDIA_NOUNS):
                    if entity.kind is _Kind.UNKNOWN:
                        entity.kind = _Kind.MEDIA if low[k] in _MEDIA_NOUNS else _Kind.ORG
                    self.store.add_head(entity, low[k])
                    entity.words.update(low[j : k + 1])
                    break
                if k >= n or low[k] not in _MODS:
                    break
            if entity.kind is not _Kind.UNKNOWN:
                # An organisation has no role; only an appositive can describe it further:
                # "Hamas, the militant group that rules Gaza".
                if j + 2 < n and toks[j] == "," and low[j + 1] in ("a", "an", "the"):
                    span = self._find_role_after(toks, low, j + 1)
                    if span is not None:
                        heads, mods, is_role = _split_role(low[span[0] : span[1]])
                        if heads and not is_role:
                            self.store.add_heads(entity, heads)
                            entity.words.update(mods)
                return
        # A role phrase right before the name, or before the comma: "Hamas head Ismail Haniyeh",
        # "The editor-in-chief of the Lebanese daily Al-Akhbar, Ibrahim Al-Amin".
        span = None
        if i and toks[i - 1] == ",":
            span = self._find_role_before(toks, low, i - 1, appositive=True)
        elif i:
            span = self._find_role_before(toks, low, i, appositive=False)
        after = j
        if after + 1 < n and low[after] == "of" and _is_cap(toks[after + 1]):
            after += 2  # "Senator Mitch McConnell of Kentucky, the minority leader,"
            while after < n and toks[after] != "," and _is_cap(toks[after]):
                after += 1
        if span is None and after + 1 < n and toks[after] == ",":
            span = self._find_role_after(toks, low, after + 1)
        if span is None:
            return
        start, end = span
        if toks is self.toks:
            head = next((k for k in range(start, end) if low[k] in _ROLE_PREPS), end) - 1
            named = self.mention_of[head]
            if named is not None and named is not entity and named.kind is _Kind.PERSON:
                return  # "Senator J.D. Vance, Republican of Ohio": a name, not a role
        heads, mods, is_role = _split_role(low[start:end])
        if not is_role:
            if heads and entity.kind is not _Kind.PERSON:
                self.store.add_heads(entity, heads)
                entity.words.update(mods)
            return
        if entity.kind is _Kind.UNKNOWN:
            entity.kind = _Kind.PERSON
            self.store.index(entity, entity.name.split())
        if entity.kind is _Kind.PERSON:
            self._set_role(entity, self.join_tokens(toks, start, end), low[start:end], 3)

    @staticmethod
    def _find_role_before(
        toks: list[str], low: list[str], end: int, *, appositive: bool
    ) -> tuple[int, int] | None:
        if _ROLE_NOUN_FORMS.isdisjoint(low[max(0, end - 12) : end]):
            return None  # the phrase found below is never longer, and needs a role noun
        k = end - 1
        while k >= 0 and end - k <= 12:
            lw = _strip_possessive(low[k])
            token = toks[k]
            if (
                lw in _ROLE_PHRASE
                or (token[0].isalpha() and _is_cap(token) and lw not in _CAP_STOP)
                or ("-" in lw and token[0].isalpha() and lw.split("-", 1)[0] in _ROLE_PHRASE)
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
        words = [_strip_possessive(w) for w in low[start:end]]
        if not any(w in _ROLE_NOUNS for w in words):
            return None
        if appositive and stop >= 1 and toks[stop] == "," and _is_cap(toks[stop - 1]):
            # "X, a top adviser to Iran's supreme leader, Ayatollah Ali Khamenei": the phrase
            # belongs to X; the new name takes only what follows its last preposition.
            cut = max((m for m in range(start, end) if low[m] in ("to", "of", "for")), default=-1)
            if cut < 0:
                return None
            start = cut + 1
            while start < end and low[start] in ("the", "a", "an"):
                start += 1
            if not any(_strip_possessive(w) in _ROLE_NOUNS for w in low[start:end]):
                return None
        return start, end

    @staticmethod
    def _find_role_after(toks: list[str], low: list[str], start: int) -> tuple[int, int] | None:
        if _DESCRIBING_FORMS.isdisjoint(low[start : start + 15]):
            return None  # the phrase found below is never longer, and needs one of these nouns
        n = len(toks)
        k = start
        if k < n and low[k] in ("a", "an", "the"):
            k += 1
        first = k
        in_pp = False
        while k < n and k - first < 14:
            lw = _strip_possessive(low[k])
            token = toks[k]
            if lw in _ROLE_PHRASE or (
                token[0].isalpha() and _is_cap(token) and lw not in _CAP_STOP
            ):
                in_pp = in_pp or lw in _NP_PREPS
                k += 1
            elif "-" in lw and token[0].isalpha():
                k += 1
            elif token[0].isalpha() and lw not in _BACK_STOP and lw not in _OTHER_PREPS:
                # "a professor of economics at Harvard University", "the majority leader"
                if not in_pp and not any(w in _ROLE_NOUNS for w in low[k + 1 : k + 3]):
                    break
                k += 1
            else:
                break
        end = k
        while end > first and low[end - 1] in ("of", "for", "to", "at", "the"):
            end -= 1
        if end <= first:
            return None
        if end < n and toks[end] not in (",", ".", ";", ")") and not _is_word(toks[end]):
            return None
        words = [_strip_possessive(w) for w in low[first:end]]
        listed = _is_cap(toks[first]) and not low[first].endswith(("'s", "'"))
        if listed and words[0] not in _ROLE_PHRASE and words[0] not in _TITLES:
            return None  # "Iran, Russia and China": a list, not an appositive
        if not any(w in _ROLE_NOUNS or w in _ORG_NOUNS or w in _MEDIA_NOUNS for w in words):
            return None
        return first, end

    # -- noun phrases ------------------------------------------------------------------------

    def find_np_start(self, j: int) -> int:
        """Where the noun phrase ending at token ``j`` starts (scanning backwards)."""
        low = self.low
        k = j
        steps = 0
        while k >= 0 and steps < 14:
            steps += 1
            start = self.mention_end.get(k)
            if start is not None:
                k = start - 1
                continue
            lw = low[k]
            token = self.toks[k]
            if k == j and _is_word(token) and lw not in _DETS and lw not in _PRONOUNS:
                k -= 1  # the head itself, even when it could be a verb: "media reports said"
                continue
            if not _is_word(token) or lw in _BACK_STOP:
                if lw == "and" and k > 0 and (k - 1 in self.mention_end):
                    k -= 1
                    continue
                break
            if lw in _DETS or lw in _POSS_PRON:
                if k > 0 and low[k - 1] in _NP_PREPS:
                    k -= 2
                    continue
                k -= 1
                break
            k -= 1
        start = k + 1
        while start <= j and low[start] in _NP_PREPS:
            start += 1
        return start

    def find_np_end(self, i: int, limit: int | None = None) -> int:
        """Where the noun phrase starting at token ``i`` ends (exclusive)."""
        low, toks = self.low, self.toks
        end = self.n if limit is None else limit
        k = i
        headed = False
        while k < end and k - i < 18:
            stop = self.mention_start.get(k)
            if stop is not None:
                k = stop + 1
                headed = True
                continue
            lw = low[k]
            token = toks[k]
            if k == i and lw in _PRONOUNS:
                return k + 1
            if lw in _DETS or lw in _POSS_PRON:
                if k != i and low[k - 1] not in _NP_PREPS and low[k - 1] != "on":
                    break
                k += 1
                continue
            if not _is_word(token):
                break
            if (lw in _NP_PREPS or (lw == "on" and low[k - 1] == "briefed")) and k > i:
                if not headed or k + 1 >= end:
                    break
                k += 1
                headed = False
                continue
            if lw in _FORWARD_NP or token[0].isdigit() or lw in _DOC_NOUNS:
                k += 1
                headed = True
                continue
            if token[0].isupper() or "-" in token or lw.endswith(("'s", "'")):
                k += 1
                headed = True
                continue
            if lw in _BACK_STOP or lw in _OTHER_PREPS:
                break
            if headed and lw.endswith("ed") and k + 1 < end and low[k + 1] in ("by", "in", "from"):
                k += 1  # "a readout published by the ministry"
                continue
            prev = low[k - 1] if k > i else ""
            if prev in _DETS or prev in _POSS_PRON or prev in _MODS or prev in _NP_PREPS:
                k += 1  # an ordinary noun after a determiner: "the matter", "the talks"
                headed = True
                continue
            break
        while k > i and low[k - 1] in _NP_PREPS:
            k -= 1
        return k

    def interpret(self, i: int, j: int, *, loose: bool = False) -> _Speaker | None:
        """Resolve the noun phrase toks[i:j] to a speaker, or None if it cannot speak.

        ``loose`` also accepts a definite description with an unknown head ("the billionaire"),
        for subjects of verbs that can only report speech.
        """
        if j <= i:
            return None
        low, toks = self.low, self.toks
        if j - i == 1 and low[i] in _PRONOUNS and self.mention_of[i] is None:
            return self.resolve_pronoun(low[i], i)
        split = j
        k = i + 1
        while k < j:
            stop = self.mention_start.get(k)
            if stop is not None:
                k = stop + 1
                continue
            if low[k] in _SPLIT_PREPS:
                split = k
                break
            k += 1
        head = split - 1
        while head > i and low[head].endswith("ed") and toks[head][0].islower():
            head -= 1  # "a new study published in The Lancet"
        entity = self.mention_of[head]
        lw = _strip_possessive(low[head])
        if entity is not None and not low[head].endswith(("'s", "'")):
            if "and" in low[i:head]:
                # "Olaf Scholz and Emmanuel Macron said": both stand behind it.
                names: list[str] = []
                for m in range(i, split):
                    found = self.mention_of[m]
                    if found is not None and (not names or names[-1] != found.name):
                        names.append(found.name)
                return _Speaker(" and ".join(names))
            return _Speaker(entity.name, entity.role, entity)
        if lw in _DOC_NOUNS:
            return self._resolve_document(i, split, j, lw)
        if lw in _PERSONISH or lw == "media":
            return self._resolve_common(i, split, j, lw)
        if entity is None and toks[head][0].isupper() and low[head] not in _CAP_STOP:
            return _Speaker(self.join_tokens(toks, self._skip_determiners(i, split), split))
        if loose and low[i] in ("the", "this") and head > i and toks[head].isalpha():
            found = self.store.describe(lw, low[i + 1 : head])
            if found is not None:
                return _Speaker(found.name, found.role, found)
            return _Speaker(self.join_tokens(toks, i + 1, split))
        return None

    def _skip_determiners(self, i: int, end: int) -> int:
        while i < end - 1 and (self.low[i] in _DETS or self.low[i] in _POSS_PRON):
            i += 1
        return i

    def _find_possessor(self, i: int, head: int) -> _Speaker | None:
        for k in range(head - 1, i - 1, -1):
            if self.low[k].endswith(("'s", "'")):
                entity = self.mention_of[k]
                if entity is not None:
                    return _Speaker(entity.name, entity.role, entity)
                word = _strip_possessive(self.low[k])
                mods = [_strip_possessive(w) for w in self.low[i:k] if w not in _DETS]
                found = self.store.describe(word, mods)
                if found is not None:
                    return _Speaker(found.name, found.role, found)
                return _Speaker(
                    self.join_tokens(self.toks, self._skip_determiners(i, k + 1), k + 1)
                )
        return None

    def _resolve_document(self, i: int, split: int, j: int, noun: str) -> _Speaker | None:
        """Who a document speaks for: "the channel's report", "an analysis by X", "its figures"."""
        owner = self._find_possessor(i, split - 1)
        if owner is None and self.low[i] in _PRONOUN_OF:
            owner = self.resolve_pronoun(_PRONOUN_OF[self.low[i]], i)
            owner = owner if owner is not None and owner.entity is not None else None
        if owner is None and split < j and self.low[split] in ("by", "from", "of"):
            end = self.find_np_end(split + 1, j)
            owner = self.interpret(split + 1, end)
        if owner is not None:
            if owner.entity is not None:
                self.store.docs[noun] = owner.entity
            return owner
        if self.low[i] in ("the", "this", "that"):
            found = self.store.docs.get(noun)
            if found is not None:
                return _Speaker(found.name, found.role, found)
        return _Speaker(self.join_tokens(self.toks, self._skip_determiners(i, split), j))

    def _resolve_common(self, i: int, split: int, j: int, head: str) -> _Speaker | None:
        low = self.low
        after = low[split] if split < j else ""
        text_start = self._skip_determiners(i, split)
        if head in _ANON_HEADS or after in _ANON_AFTER:
            role = self.join_tokens(self.toks, text_start, j)
            plural = head.endswith("s") and head not in ("source",)
            if head in ("person", "someone"):
                plural = False
            name = "unnamed sources" if plural else "unnamed source"
            return _Speaker(
                name, None if role.lower() in ("source", "sources") else role, None, True
            )
        possessor = self._find_possessor(i, split - 1)
        if possessor is not None and possessor.entity is not None:
            if head in _ROLE_NOUNS:
                # "Hamas' spokesman": keep the words, the organisation is in them.
                return _Speaker(self.join_tokens(self.toks, text_start, split))
            if head in _MEDIA_NOUNS and possessor.entity.kind is _Kind.MEDIA:
                return possessor  # "the BBC's Today programme": the outlet
        if low[i] in ("the", "this", "that") and split == j:
            mods = [_strip_possessive(w) for w in low[i + 1 : split - 1]]
            compound = _COMPOUND_ROLES.get((mods[-1], head)) if mods else None
            if compound is not None:
                head, mods = compound, mods[:-1]
            found = self.store.describe(head, mods)
            if found is not None:
                return _Speaker(found.name, found.role, found)
        name = self.join_tokens(self.toks, text_start, j if head in _ROLE_NOUNS else split)
        if name.lower() in ("others", "some", "many"):
            return None
        entity = self.store.by_name.get(_make_key(name))
        if entity is None:
            if head in _MEDIA_NOUNS or head == "media":
                kind = _Kind.MEDIA  # "state television", "local media"
            elif head.endswith("s") or head in _ORG_NOUNS:
                kind = _Kind.GROUP
            else:
                kind = _Kind.UNKNOWN
            entity = _Entity(name, kind)
            self.store.add_head(entity, head)
            entity.words.update(w for w in low[i:split])
            self.store.by_name[_make_key(name)] = entity
        return _Speaker(name, None, entity)

    def resolve_pronoun(self, pronoun: str, pos: int) -> _Speaker | None:
        if pronoun in ("we", "i"):
            return None
        entity = self.store.pronoun(pronoun, self.index, pos)
        if entity is None:
            return _Speaker(None)  # someone spoke; the text no longer says who
        return _Speaker(entity.name, entity.role, entity)

    # -- subjects ----------------------------------------------------------------------------

    def skip_fronted(self, start: int, limit: int) -> int:
        """Skip fronted adverbials ("At the end of the fighting, ...") from ``start``."""
        low = self.low
        for _ in range(4):
            if start >= limit:
                return start
            lw = low[start]
            if not (lw in _FRONT or lw.endswith(("ly", "ing")) or lw in _MONTHS):
                return start
            try:
                start = low.index(",", start + 1, min(limit, start + 20)) + 1
            except ValueError:
                return start
        return start

    def find_clause_subject(self, before: int) -> tuple[_Speaker | None, int]:
        low = self.low
        b = before - 1
        floor = max(-1, before - 60)
        while b > floor and low[b] not in (";", "that", "while", "whereas", "because", "although"):
            b -= 1
        start = self.skip_fronted(b + 1, before)
        end = self.find_np_end(start, before)
        return self.interpret(start, end), start

    def find_subject_before(
        self, v: int, *, loose: bool = False
    ) -> tuple[_Speaker | None, int, bool, bool]:
        """The subject before verb ``v``: (speaker, start, passive, found-a-slot)."""
        low, toks = self.low, self.toks
        j = v - 1
        passive = False
        while j >= 0:
            lw = low[j]
            if lw in _AUX or (lw.endswith("ly") and toks[j][0].islower() and lw.isalpha()):
                if lw in _BE and j == v - 1:
                    passive = True
                j -= 1
            elif lw in _WEEKDAYS:
                j -= 1
                if j >= 0 and low[j] in ("on", "late", "early", "last", "this"):
                    j -= 1
            else:
                break
        if j < 0:
            return None, v, passive, False
        lw = low[j]
        if self.mention_of[j] is not None:
            start = self.find_np_start(j)
            return self.interpret(start, j + 1), start, passive, True
        if lw in ("and", "but", "or"):
            speaker, start = self.find_clause_subject(j)
            return speaker, start, passive, True
        if lw in ("who", "which", "that"):
            k = j - 1
            if k >= 0 and toks[k] == ",":
                k -= 1
            if k < 0:
                return None, v, passive, True
            start = self.find_np_start(k)
            return self.interpret(start, k + 1), start, passive, True
        if toks[j] == ",":
            return self._find_comma_subject(j, passive)
        if lw in _PRONOUNS:
            return self.resolve_pronoun(lw, j), j, passive, True
        if not _is_word(toks[j]):
            return None, v, passive, False
        start = self.find_np_start(j)
        return self.interpret(start, j + 1, loose=loose), start, passive, True

    def _find_comma_subject(self, j: int, passive: bool) -> tuple[_Speaker | None, int, bool, bool]:
        low, toks = self.low, self.toks
        c = j - 1
        while c >= 0 and j - c <= 16 and toks[c] not in (",", "(", ";", ":"):
            if self.is_placeholder(c):
                break
            c -= 1
        seg_start = c + 1
        if seg_start >= j:
            return None, j, passive, False
        end_of_name = self.mention_end.get(j - 1)
        if end_of_name is not None and end_of_name == seg_start:
            entity = self.mention_of[j - 1]
            if entity is not None and entity.kind is not _Kind.UNKNOWN:
                return _Speaker(entity.name, entity.role, entity), seg_start, passive, True
        first = low[seg_start]
        appositive = (
            first in ("who", "which", "whose")
            or (first in ("a", "an", "the") and self._has_role_word(seg_start, j))
            or toks[seg_start][0].isdigit()
            or first in _ROLE_NOUNS
            or first in _MODS
            or (first.endswith(("ing", "ed")) and toks[seg_start][0].islower())
            or first in _OTHER_PREPS
            or first in _NP_PREPS
        )
        if not appositive and c >= 1 and toks[c] == ",":
            # "Senator J.D. Vance, Republican of Ohio, argued": anything between a person's
            # name and the verb, set off by commas, describes the person.
            before = self.mention_of[c - 1]
            appositive = before is not None and before.kind is _Kind.PERSON
        if appositive and c >= 1 and toks[c] == ",":
            start = self.find_np_start(c - 1)
            speaker = self.interpret(start, c)
            if (
                speaker is not None
                and speaker.entity is None
                and _strip_possessive(low[c - 1]) in _DOC_NOUNS
                and "by" in low[seg_start:j]
            ):
                # "The report, published by Amnesty International on Thursday, said ..."
                by = seg_start + low[seg_start:j].index("by") + 1
                author = self.interpret(by, self.find_np_end(by, j))
                if author is not None and author.entity is not None:
                    speaker = author
            if speaker is not None:
                return speaker, start, passive, True
        if end_of_name is not None and end_of_name == seg_start:
            entity = self.mention_of[j - 1]
            if entity is not None:
                return _Speaker(entity.name, entity.role, entity), seg_start, passive, True
        return None, j, passive, False

    def _has_role_word(self, start: int, end: int) -> bool:
        return any(
            _strip_possessive(w) in _ROLE_NOUNS or w in _ORG_NOUNS for w in self.low[start:end]
        )

    def find_subject_after(self, v: int) -> tuple[_Speaker | None, int]:
        """Inverted subject: '“…,” said Ahmed Hassan, a spokesman.'"""
        if v == 0:
            return None, v
        before = self.toks[v - 1]
        if before not in (",", ":") and not self.is_placeholder(v - 1):
            return None, v
        start = v + 1
        end = self.find_np_end(start)
        return self.interpret(start, end), start


_ABBREVIATED_TITLES = {
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "capt": "captain",
    "maj": "major",
    "adm": "admiral",
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "prof": "professor",
    "rev": "reverend",
    "cmdr": "commander",
    "brig": "brigadier",
    "supt": "superintendent",
}


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
        word = _strip_possessive(raw)
        possessor = word != raw
        word = _ABBREVIATED_TITLES.get(word.rstrip("."), word)
        if word in ("of", "to", "for", "at", "with", "in"):
            in_head = False
            previous = ""
            continue
        if word in _DETS:
            continue
        if in_head and possessor:
            mods.add(word)  # a possessor: "Iran's"
        elif in_head and (word in _ROLE_NOUNS or word in _TITLES):
            is_role = True
            compound = _COMPOUND_ROLES.get((previous, word))
            if compound is not None:
                heads.discard(previous)
                heads.add(compound)
            else:
                heads.add(word)
            if "-" in word:
                heads.add(word.split("-", 1)[0])
        elif in_head and (word in _ORG_NOUNS or word in _MEDIA_NOUNS):
            heads.add(word)
        else:
            mods.add(word)
            if "-" in word:
                mods.update(p for p in word.split("-") if len(p) > 2)
        previous = word
    return heads, mods, is_role


# ---------------------------------------------------------------------------------------------
# Frames: reporting verbs, "according to", "quoted ... as saying", channels.
# ---------------------------------------------------------------------------------------------


def _has_complement(sent: _Sentence, v: int) -> bool:
    nxt = v + 1
    while nxt < sent.n and sent.low[nxt] in _AUX:
        nxt += 1
    if nxt >= sent.n:
        return True
    token = sent.low[nxt]
    return token in ("that", ":", ",", ".", ";", "in", "on") or sent.is_placeholder(nxt)


def _find_frames(sent: _Sentence, cue_words: AbstractSet[str]) -> list[_Frame]:
    """The sentence's reporting frames; ``cue_words`` are its words that are in ``_CUES``."""
    frames: list[_Frame] = []
    low = sent.low
    n = sent.n
    # A sentence holds one or two cue words: finding where each stands is quicker than testing
    # every word.
    cues: list[int] = []
    for word in cue_words:
        at = -1
        for _ in range(low.count(word)):
            at = low.index(word, at + 1)
            cues.append(at)
    cues.sort()
    for v in cues:
        lw = low[v]
        if lw == "according":
            if v + 1 < n and low[v + 1] == "to":
                _read_according_to(sent, v, frames)
        elif lw in ("quoted", "quoting", "cited", "citing"):
            _read_quoting(sent, v, frames)
        else:
            _read_verb(sent, v, lw, _VERB_CLASS[lw], frames)
    for v, number in sent.qpos.items():
        quote = sent.quotes[number]
        if quote.continued or not v or low[v - 1] not in ("and", "but"):
            continue
        first = quote.text.split(None, 1)
        word = first[0].lower().strip(".,;:") if first else ""
        if _VERB_CLASS.get(word) is _Cls.SAY:
            # 'Qaani sent messages ... and “proclaimed that ...”': the verb is in the quote.
            speaker, start = sent.find_clause_subject(v - 1)
            if speaker is not None:
                frames.append(_Frame(word, v, speaker, start, quoted_object=True))
    if len(frames) > 1:
        frames.sort(key=_by_position)
    return frames


def _by_position(frame: _Frame) -> int:
    return frame.vpos


def _read_according_to(sent: _Sentence, v: int, frames: list[_Frame]) -> None:
    start = v + 2
    end = sent.find_np_end(start)
    speaker = sent.interpret(start, end)
    if speaker is None:
        return
    trailing = v > 0 and sent.toks[v - 1] == ","
    frame = _Frame("according to", v, speaker, start, trailing=trailing)
    nxt = end + 1 if end < sent.n and sent.toks[end] == "," else end
    frame.quoted_object = sent.is_placeholder(nxt) or sent.is_placeholder(v - 1)
    frames.append(frame)


def _read_quoting(sent: _Sentence, v: int, frames: list[_Frame]) -> None:
    low = sent.low
    lw = low[v]
    if lw in ("quoted", "cited"):
        # "X quoted Y as saying", "Y was quoted by X as saying".
        outer, ostart, passive, _ = sent.find_subject_before(v)
        if passive:
            k = v + 1
            via: _Speaker | None = None
            if k < sent.n and low[k] == "by":
                end = sent.find_np_end(k + 1)
                via = sent.interpret(k + 1, end)
                k = end
            if outer is None:
                return
            frame = _Frame(lw, v, outer, ostart)
            if via is not None:
                frame.channels.append(via)
            frames.append(frame)
            return
        end = sent.find_np_end(v + 1)
        inner = sent.interpret(v + 1, end)
        verb = lw
        if end + 1 < sent.n and low[end] == "as" and low[end + 1] in _VERB_CLASS:
            verb = low[end + 1]  # "quoted X as saying"
        if outer is not None:
            frames.append(_Frame(lw, v, outer, ostart))
        if inner is not None:
            frames.append(_Frame(verb, end, inner, v + 1, cites=True))
        return
    # "..., citing Y": Y is the source of whoever reported it.
    end = sent.find_np_end(v + 1)
    inner = sent.interpret(v + 1, end)
    if inner is not None:
        frames.append(_Frame(lw, v, inner, v + 1, cites=True))


def _read_verb(sent: _Sentence, v: int, verb: str, cls: _Cls, frames: list[_Frame]) -> None:
    low, toks = sent.low, sent.toks
    if v and (low[v - 1] in _DETS or low[v - 1] in _POSS_PRON or low[v - 1] == "so-called"):
        return  # "the said document", "his claims"
    if cls is _Cls.SAY_COMP and not _has_complement(sent, v):
        return
    if cls is _Cls.CALL and not (
        (v + 1 < sent.n and low[v + 1] in ("on", "for", "it"))
        or any(sent.is_placeholder(k) for k in range(v + 1, v + 5))
    ):
        return  # "called on", "called for", "called the vote “a historic moment”"
    if cls is _Cls.DOC and not (v + 1 < sent.n and low[v + 1] == "that"):
        # Without "that", a finding needs a document or an organisation behind it.
        speaker, start, _, _ = sent.find_subject_before(v)
        entity = speaker.entity if speaker is not None else None
        organisation = entity is not None and entity.kind in (_Kind.ORG, _Kind.MEDIA)
        document = (
            start < sent.n and _strip_possessive(low[sent.find_np_end(start) - 1]) in _DOC_NOUNS
        )
        if not organisation and not document:
            return
    if verb.endswith("ing") and not (v and low[v - 1] in _BE):
        _read_participle(sent, v, verb, cls, frames)
        return
    speaker, start, passive, slot = sent.find_subject_before(v, loose=cls in _LOOSE)
    if passive and not verb.endswith("ing"):
        if v + 1 < sent.n and low[v + 1] == "by":
            end = sent.find_np_end(v + 2)
            agent = sent.interpret(v + 2, end)
            if agent is not None:
                frames.append(_Frame(verb, v, agent, v + 2, secondary=cls is _Cls.SPEECH))
        return
    trailing = False
    if speaker is None and not slot:
        speaker, start = sent.find_subject_after(v)
        trailing = speaker is not None
    if speaker is None:
        if slot and toks[v - 1 if v else 0] in ("he", "she", "they"):
            return
        return
    if not trailing and start > 1 and (toks[start - 1] == "," or sent.is_placeholder(start - 1)):
        after = v + 1
        while after < sent.n and low[after] in _AUX:
            after += 1
        if after >= sent.n or toks[after] in (",", ".", ";") or low[after] in ("in", "on"):
            trailing = True
    frame = _Frame(verb, v, speaker, start, trailing=trailing)
    frame.secondary = cls in (_Cls.SPEECH, _Cls.CALL)
    frame.quoted_object = _quote_is_object(sent, v, start)
    if verb in ("told", "tells", "tell", "telling"):
        end = sent.find_np_end(v + 1)
        listener = sent.interpret(v + 1, end) if end > v + 1 else None
        if listener is not None and _is_outlet(listener, strict=True):
            frame.channels.append(listener)
    frames.append(frame)


def _read_participle(sent: _Sentence, v: int, verb: str, cls: _Cls, frames: list[_Frame]) -> None:
    low = sent.low
    if not v:
        return
    before = low[v - 1]
    speaker: _Speaker | None = None
    start = v
    if before in _DOC_NOUNS:
        # "a statement saying", "a statement from X saying": the document's author.
        begin = sent.find_np_start(v - 1)
        speaker = sent.interpret(begin, v)
        if speaker is not None and speaker.entity is None:
            speaker = None
        start = begin
    elif sent.mention_end.get(v - 1) is not None or before in _PERSONISH:
        begin = sent.find_np_start(v - 1)
        speaker = sent.interpret(begin, v)
        start = begin
    if speaker is None and (before in (",", "and") or before in _DOC_NOUNS):
        speaker, start = sent.find_clause_subject(v)
    if speaker is None:
        return
    # A participle ("…, saying", "reporting from Amman") yields to a finite reporting verb.
    frame = _Frame(verb, v, speaker, start, secondary=True)
    frame.quoted_object = _quote_is_object(sent, v, start)
    frames.append(frame)


def _quote_is_object(sent: _Sentence, v: int, start: int) -> bool:
    nxt = v + 1
    if nxt < sent.n and sent.low[nxt] in ("that", ":", ","):
        nxt += 1
    if sent.is_placeholder(nxt):
        return True
    back = start - 1
    if back >= 0 and sent.toks[back] == ",":
        back -= 1
    return sent.is_placeholder(back)


def _is_outlet(speaker: _Speaker, *, strict: bool) -> bool:
    entity = speaker.entity
    if entity is None:
        return False
    if entity.kind is _Kind.MEDIA or entity.name.lower().removeprefix("the ") in _KNOWN_MEDIA:
        return True
    return not strict and entity.kind in (_Kind.ORG, _Kind.UNKNOWN)


def _attach_channels(sent: _Sentence, frames: list[_Frame], present: frozenset[str]) -> None:
    """'in an interview with Z', 'speaking to Z', 'in comments to Z': Z sits on the chain.

    ``present`` holds the sentence's words that are in ``_TRIGGERS``.
    """
    low = sent.low
    n = sent.n
    cues = []
    if not _CHANNEL_CUES.isdisjoint(present):
        cues = list(compress(range(n - 1), map(_CHANNEL_CUES.__contains__, low)))
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
        end = sent.find_np_end(target)
        found = sent.interpret(target, end)
        if found is None or not _is_outlet(found, strict=strict):
            continue
        nearest = min(frames, key=lambda f: abs(f.vpos - c))
        if lw == "spoke" and nearest.vpos > c:
            continue  # "X spoke to Y and stressed": Y is a listener, not a channel
        nearest.channels.append(found)


def _order_chain(sent: _Sentence, frames: list[_Frame]) -> list[_Frame]:
    """Order the frames from the article inwards: outer reporters first, the speaker last.

    A trailing frame ("…, X said." or "…, according to X") wraps everything before it, so the
    later it comes the further out it is. Leading frames nest left to right when the inner one
    sits in the outer one's complement ("The channel's report said that Al-Amin claimed …").
    """
    if len(frames) < 2:
        return frames
    main = [f for f in frames if not f.secondary] or frames
    outer = sorted((f for f in main if f.trailing and not f.cites), key=lambda f: -f.vpos)
    nested: list[_Frame] = []
    for frame in main:
        if frame.trailing and not frame.cites:
            continue
        if (
            not nested
            or (frame.cites and frame.vpos > nested[-1].vpos)
            or _nested(sent, nested[-1], frame)
        ):
            nested.append(frame)
    return outer + nested


_BREAKERS = _lex("; while whereas but and or although though because meanwhile")


def _nested(sent: _Sentence, outer: _Frame, inner: _Frame) -> bool:
    if outer.trailing or inner.spos <= outer.vpos or inner.spos - outer.vpos > 40:
        return False
    between = sent.low[outer.vpos + 1 : inner.spos]
    if outer.verb == "according to":
        return not any(w in _BREAKERS for w in between)
    return not any(w in _BREAKERS or w == "," for w in between)


# ---------------------------------------------------------------------------------------------
# The public entry point.
# ---------------------------------------------------------------------------------------------


def _tokenize(text: str) -> list[str]:
    """Split normalised text into words and punctuation (fast: one translate and one split)."""
    for mark in _SPACED:
        if mark in text:
            text = text.replace(mark, f" {mark} ")
    if '"' in text:
        text = text.replace('"', " ")
    toks = text.split()
    if not toks:
        return toks
    if "." in text[:-1].rstrip(" .\"'"):
        out: list[str] = []
        append = out.append
        for token in toks:
            if token[-1] == "." and len(token) > 1:
                core = token[:-1]
                if (
                    "." in core
                    or core.lower() in _ABBREVIATIONS
                    or (len(core) == 1 and core.isupper())
                ):
                    append(token)  # as in _split_period
                else:
                    append(core)
                    append(".")
            else:
                append(token)
        return out
    last = toks[-1]
    if len(last) > 1 and last[-1] == ".":
        toks.pop()
        _split_period(last, toks)
    return toks


def _split_period(token: str, out: list[str]) -> None:
    core = token[:-1]
    if "." in core or core.lower() in _ABBREVIATIONS or (len(core) == 1 and core.isupper()):
        out.append(token)  # U.S., Mr., the W. in George W. Bush
    else:
        out.append(core)
        out.append(".")


def _find_hedges(low: list[str], present: frozenset[str]) -> list[str]:
    """Hedging words outside quotations, lowercase, in order, without repeats.

    ``present`` holds the sentence's words that are in ``_TRIGGERS``.
    """
    if _HEDGE_TRIGGERS.isdisjoint(present):
        return []
    found: list[str] = []
    n = len(low)
    for i, word in enumerate(low):
        if word not in _HEDGE_TRIGGERS:
            continue
        nxt = low[i + 1] if i + 1 < n else ""
        prev = low[i - 1] if i else ""
        label = ""
        if (
            word in _HEDGE_IT
            and prev in _BE
            and i >= 2
            and (low[i - 2] == "it" or low[i - 3 : i - 1] == ["it", "has"])
        ):
            label = " ".join(low[i - 2 if low[i - 2] == "it" else i - 3 : i + 1])
        elif word in _HEDGE_TO and prev in _BE and nxt == "to":
            label = f"{word} to"
        elif word in _HEDGE_WORDS or (word == "claim" and nxt in ("that", "to")):
            label = word
        elif word == "according" and nxt == "to":
            label = "according to"
        elif word == "reports" and nxt in _REPORTS_SAY:
            label = f"reports {nxt}"
        elif word in _VERIFY:
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


def _starts_with_verb(quote: _Quote) -> bool:
    first = quote.text.split(None, 1)
    return bool(first) and _VERB_CLASS.get(first[0].lower()) is _Cls.SAY


def _anonymity_stated(sent: _Sentence, present: frozenset[str]) -> bool:
    """'speaking on condition of anonymity', 'who asked not to be named', ...

    ``present`` holds the sentence's words that are in ``_TRIGGERS``.
    """
    if _ANON_TRIGGERS.isdisjoint(present):
        return False
    return _ANON_RE.search(sent.masked.lower()) is not None


_PRONOUN_OF = {"its": "it", "their": "they", "his": "he", "her": "she"}
"""The pronoun behind a possessive determiner, for "its report", "his statement"."""

_NOTHING = Attribution()
"""The article's own voice: no speaker, no hedge, no quotation (immutable, so shared)."""


def _same_outlet(key: str, outlet_key: str) -> bool:
    """'bbc' and 'bbc news' are one outlet; 'ap' and 'apple' are not."""
    if key == outlet_key:
        return True
    shorter, longer = sorted((key, outlet_key), key=len)
    return longer.startswith(shorter + " ")


def _analyse(sent: _Sentence, outlet_key: str | None) -> _Outcome:
    """Attribute one sentence, updating the entity store for the sentences after it."""
    store = sent.store
    sent.scan_names(sent.toks, sent.low, None)
    for where, number in sent.qpos.items():
        quoted = sent.quotes[number]
        # Names inside a quotation count for later sentences ("General Esmail Qaani" in a
        # quote makes "the IRGC general" resolvable); a short scare quote names no one.
        if quoted.words >= 3 and quoted.text[1:] != quoted.text[1:].lower():
            tokens = _tokenize(quoted.text)
            sent.scan_names(tokens, list(map(str.lower, tokens)), where)

    # The main clause's subject is the most salient mention for later pronouns.
    start = sent.skip_fronted(0, sent.n)
    first = sent.mention_of[start] if start < sent.n else None
    if first is not None:
        store.touch(first, sent.index, start, True)

    quotes = sent.quotes
    frames: list[_Frame] = []
    present = _TRIGGERS.intersection(sent.low)
    cue_words = _CUES.intersection(present)
    if cue_words or (quotes and any(map(_starts_with_verb, quotes))):
        frames = _find_frames(sent, cue_words)
        if frames:
            _attach_channels(sent, frames, present)
    chain = _order_chain(sent, frames)

    hedges = _find_hedges(sent.low, present)
    long_quote = leads = continued = False
    if quotes:
        for quoted in quotes:
            continued = continued or quoted.continued
            long_quote = long_quote or quoted.words >= 4 or quoted.continued
        leads = sent.is_placeholder(0) and quotes[0].words >= 3
    if not chain:
        speaker = None
        if long_quote and not continued:
            # No reporting verb, but a named subject and its words in quotation marks:
            # "Netanyahu showed ... as evidence that “the true backer ... is Iran.”"
            found = sent.interpret(start, sent.find_np_end(start))
            if found is not None and found.entity is not None and found.entity.kind in _SPEAKING:
                speaker = found
        if speaker is not None and speaker.entity is not None:
            store.touch(speaker.entity, sent.index, start, True)
        elif not hedges and not long_quote:
            return _Outcome(_NOTHING, leads)
        return _Outcome(
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
    if speaker.entity is not None:
        speaker.entity.spoke = True
        store.touch(speaker.entity, sent.index, main.spos, True)
    cleaned: list[str] = []
    for name in via:
        if name == speaker.name or name in cleaned:
            continue
        if outlet_key and _same_outlet(_make_key(name), outlet_key):
            continue  # "told Reuters" in a Reuters story is first-hand
        cleaned.append(name)
    anonymous = speaker.anonymous or (speaker.name is not None and _anonymity_stated(sent, present))
    if anonymous and "anonymous" not in hedges:
        hedges.append("anonymous")
    quote = long_quote or any(f.quoted_object for f in chain)
    role = speaker.role
    if speaker.entity is not None and speaker.entity.role:
        role = speaker.entity.role
    return _Outcome(
        Attribution(
            speaker=speaker.name,
            role=role,
            verb=main.verb,
            via=tuple(cleaned),
            hedges=tuple(hedges),
            quote=quote,
        ),
        leads,
    )


def attribute_sentences(
    sentences: Sequence[str],
    *,
    outlet: str | None = None,
    blocks: Sequence[int] | None = None,
) -> list[Attribution]:
    """One Attribution per sentence, in article order.

    ``sentences`` are an article's body sentences in order; pronouns, descriptions ("the IRGC
    general") and bare surnames are resolved from the ones before. ``outlet`` is the publishing
    outlet, left off the chain when a speaker talked to it directly ("told Reuters" in a Reuters
    story). ``blocks`` gives each sentence's paragraph index, so quotations never run past a
    paragraph.

    A sentence without a reporting construction has no speaker: the article asserts it. A
    pronoun with nothing to refer to keeps its verb but no speaker. ``quote`` is set when the
    sentence quotes four words or more, when a quotation is the reporting verb's object, or
    when the sentence lies inside a quotation that spans sentences; scare quotes around a word
    or two do not count. Every sentence inside one quotation shares its speaker.
    """
    layout = _shared_layout(sentences, blocks)
    store = _Store()
    outlet_key = _make_key(outlet) if outlet else None
    outcomes = [
        _analyse(_Sentence(store, index, text, layout.spans[index]), outlet_key)
        for index, text in enumerate(sentences)
    ]
    results = [o.attribution for o in outcomes]
    # Inside one quotation every sentence is the same speaker's.
    for first, last in layout.groups:
        owner = next((results[k] for k in range(first, last + 1) if results[k].verb), None)
        if owner is None:
            continue
        for k in range(first, last + 1):
            if results[k].speaker is None:
                results[k] = _inherit(owner, results[k])
    # A bare quotation right after a quoted speaker continues that speaker's words.
    for k in range(1, len(results)):
        if (
            outcomes[k].leads_with_quote
            and results[k].speaker is None
            and results[k - 1].speaker is not None
            and results[k - 1].quote
        ):
            results[k] = _inherit(results[k - 1], results[k])
    return results


def _inherit(owner: Attribution, own: Attribution) -> Attribution:
    return Attribution(
        speaker=owner.speaker,
        role=owner.role,
        verb=owner.verb,
        via=owner.via,
        hedges=own.hedges,
        quote=True,
    )
