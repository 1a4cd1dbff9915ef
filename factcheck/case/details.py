"""Cases, beside stage ④ sources: the words, numbers and details of what a claim asserts.

Claims are compared by their content words (stemmed, with the verbs news reports turn on brought
to one lemma) and their checkable details: numbers with what they count, dates, places, other
names, denial and blame. The word lists are language data in ``factcheck/lexicon/en/``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from factcheck import regexes
from factcheck.extract.segment_dates import MONTH_NUMBERS
from factcheck.lexicon import entries, longest_first, months, words
from factcheck.models import (
    Attribution,
    Claim,
)

if TYPE_CHECKING:
    from factcheck.sources.registry import Registry

# --- words, numbers and details -----------------------------------------------------------------


_DATE_WORDS = frozenset(
    ("updated", "posted", "published", "edited", "on", "at", "of", "am", "pm", "gmt", "utc")
)
_ORDINAL = regexes.compile(r"^\d+(?:st|nd|rd|th)?$")


def is_date_like(text: str) -> bool:
    """Whether a would-be name is a date or a time ('May 31, 2021', 'Monday, March 4',
    '2024-03-04', 'Updated 10:42 GMT'): an outlet or a source is never a date."""
    tokens = re.findall(r"[A-Za-z]+|\d+", fold(text))
    if not tokens:
        return bool(text.strip())
    calendar = [t for t in tokens if t in MONTH_NUMBERS or t in _WEEKDAY_WORDS]
    rest = [t for t in tokens if t not in calendar and t not in _DATE_WORDS]
    return (bool(calendar) or bool(rest)) and all(_ORDINAL.match(t) for t in rest)


_WEEKDAY_WORDS = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)


def plausible_outlet(name: str | None) -> str | None:
    """The name when it can name an outlet; None for a date, a number or nothing."""
    if not name or not name.strip() or is_date_like(name):
        return None
    return name


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOPWORDS = frozenset(word for line in entries("claim_stopwords") for word in line.split())
"""Words that say nothing about what a claim asserts: function words and reporting verbs."""

_NUMBER_WORDS = {
    word: int(value) for word, value in (line.split() for line in entries("number_values"))
}
_LEMMAS = {
    form: lemma
    for lemma, forms in (line.split(":", 1) for line in entries("verb_lemmas"))
    for form in forms.split()
}
"""Irregular forms and near-synonyms of the verbs news reports turn on, to one word each."""
_NUMBER_WORD = regexes.compile(
    r"(?<![\w-])(?:" + "|".join(w for w in _NUMBER_WORDS if w != "one") + r")(?![\w-])",
    re.IGNORECASE,
)
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WEEKDAYS = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)
_MONTH_NAMES = "|".join(
    [
        *(names[0].capitalize() for names in months()),
        *(
            rf"{short.capitalize()}\.?"
            for short in longest_first(s for names in months() for s in names[1:])
        ),
    ]
)
_MONTH_DAY = regexes.compile(
    rf"\b(?:({_MONTH_NAMES})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|(\d{{1,2}})(?:st|nd|rd|th)?\s+"
    rf"(?:of\s+)?({_MONTH_NAMES}))(?:,?\s+((?:19|20)\d\d)\b)?"
)
_MONTH = regexes.compile(rf"\b({_MONTH_NAMES})(?!\w)")
_YEAR = regexes.compile(r"(?<![\d,.$£€])\b((?:19|20)\d\d)\b(?![\d,.]\d|%)")
_WEEKDAY = regexes.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_TIME = regexes.compile(
    r"\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b)|\b\d{1,2}:\d\d\b"
)
_NUMBER = regexes.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(%|percent|per cent))?"
    r"(?:\s+(thousand|million|billion|trillion))?(?![\w-])"
)
_PREVIOUS = regexes.compile(
    r"(?i:\bfrom)\s+(?:about\s+|around\s+|nearly\s+|some\s+)?\d[\d,.]*"
    r"(?:\s*(?:%|percent|per cent))?(?:\s+(?:in|on)\s+(?:" + _MONTH_NAMES + r")(?:\s+\d{1,2})?)?"
)
_WORD = regexes.compile(r"[^\W\d_][\w'\u2019-]*|\d[\d,.]*")
_DATELINE = regexes.compile(
    r"^\s*([A-Z][A-Z .'\u2019-]{1,40}?)(?:,\s*[A-Za-z .]{2,30})?\s*\(([^()\n]{2,40})\)\s*"
    r"[-\u2013\u2014]+\s*"
)
_QUOTE = regexes.compile(r"\u201c([^\u201d]{3,})\u201d|\"([^\"]{3,})\"|\u00ab([^\u00bb]{3,})\u00bb")
_NEGATION = regexes.compile(
    r"\b(?:not|never|no|neither|nor|denied|denies|deny|denying|rejected|rejects|refuted|dismissed|false|"
    r"untrue|baseless|nobody|none)\b|n[\u2019']t\b",
    re.IGNORECASE,
)
_BLAME = regexes.compile(
    r"\b(?:blam\w*|accus\w*|responsib\w*|culprits?|perpetrat\w*|attribut\w* (?:it|the \w+) to)\b",
    re.IGNORECASE,
)
_RUN = r"(?:[A-Z][\w'\u2019&.-]*)(?:[ \t]+(?:[A-Z][\w'\u2019&.-]*|of|for|de))*"
_CITED_PAREN = regexes.compile(r"\(\s*([A-Z][^()\n]{1,40}?)\s*\)")


def _alternatives(name: str) -> str:
    """A word list as a regular expression alternation, longest entry first."""
    ordered = longest_first(entries(name))
    return "|".join(re.escape(entry).replace("\\ ", " ") for entry in ordered)


_CITED_CUE = regexes.compile(
    rf"\b(?:{_alternatives('citation_cues')})[ \t]+(?:the[ \t]+)?"
    r"(?:[\w-]+-(?:run|operated|owned)[ \t]+)?"
)
_CITED_VERB = regexes.compile(rf"[ \t]+(?:{_alternatives('citation_verbs')})\b")
_RUN_AT = regexes.compile(_RUN)
_RUN_BEFORE = regexes.compile(f"({_RUN})$")


def cited_names(text: str) -> list[str]:
    """Names a text gives as the source of what it reports: '(Reuters)', 'according to X',
    'told X', 'X reported', 'first appeared in X'."""
    names = [m.group(1) for m in _CITED_PAREN.finditer(text)]
    # The cues are matched on lowercased text (faster than a case-blind pattern), whose
    # offsets are the text's own when lowercasing keeps its length, as it does but for a few
    # letters outside ASCII.
    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for cue in _CITED_CUE.finditer(lower):
        run = _RUN_AT.match(text, cue.end())
        if run:
            names.append(run.group())
    for verb in _CITED_VERB.finditer(lower):
        run = _RUN_BEFORE.search(text[max(0, verb.start() - 60) : verb.start()])
        if run:
            names.append(run.group(1))
    return names


_POSSESSIVE = regexes.compile(
    r"([\w-]+)['\u2019]s\s+(?:own\s+|latest\s+|new\s+|preliminary\s+|official\s+|parallel\s+"
    r"|final\s+)?([A-Za-z]+)"
)
_NOT_BEFORE_OWNER = frozenset(("the", "a", "an", "its", "their", "his", "her", "our", "and", "or"))
"""Words that end the owner's name, read backwards from its possessive; so does a preposition."""
_PREPOSITIONS = frozenset(("of", "to", "by", "from", "in", "on", "at", "for", "with", "as"))
_DATA_NOUNS = ("count", "counts")
"""Nouns for data that the document nouns lack ('the mission's parallel count')."""
_ORGANISATION_SUBJECT = regexes.compile(
    r"^\s*(?:The\s+)?((?:[A-Z][\w'\u2019-]*\s+){0,5}[A-Z][\w-]*)\s+(?:[a-z]+ed|said|says|"
    r"found|finds|shows|estimates)\b"
)


def owner_sources(text: str) -> list[str]:
    """Who a text says its data comes from: the owner of a document or count ('the provincial
    health department's own figures show', 'according to the mission's parallel count'), and a
    named organisation opening the sentence as its subject ('The National Seismological
    Institute measured')."""
    names: list[str] = []
    documents = words("document_nouns")
    for found in _POSSESSIVE.finditer(text):
        noun = found.group(2).lower()
        if noun not in documents and noun not in _DATA_NOUNS:
            continue
        lead: list[str] = []
        for token in reversed(re.findall(r"[\w-]+|[^\w\s]", text[: found.start(1)])[-3:]):
            word = token.lower()
            if (
                not re.fullmatch(r"[\w-]+", token)
                or word in _NOT_BEFORE_OWNER
                or word in _PREPOSITIONS
            ):
                break
            lead.insert(0, token)
        names.append(" ".join([*lead, found.group(1)]))
    subject = _ORGANISATION_SUBJECT.match(text)
    if subject and fold(subject.group(1).split()[-1]) in words("organisation_heads"):
        names.append(subject.group(1))
    return names


_PLACE_NOUNS = (
    "city|town|village|port|capital|province|region|district|zone|county|state|area|"
    "neighbourhood|neighborhood|suburb|camp|island|valley|border|strip"
)
_LOCATIVES = _wordset("in at near outside inside into across around from on to toward towards")
_PLACE_NOUN_SET = frozenset(_PLACE_NOUNS.split("|"))
_PLACE_MODIFIERS = _wordset(
    """northern southern eastern western central north south east west occupied besieged
    coastal river port border industrial harbour harbor the"""
)


def _is_locative(before: str) -> bool:
    """Whether text ends in what comes just before a place name: 'in', 'near the town of',
    'in the port city of', 'on'."""
    words = before.lower().split()[-6:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word in _LOCATIVES:
            return True
        if word == "of":
            return i > 0 and words[i - 1] in _PLACE_NOUN_SET
        if word not in _PLACE_MODIFIERS and word not in _PLACE_NOUN_SET:
            return False
    return False


_PROPER = regexes.compile(
    r"(?<![\w'\u2019-])((?:al-|el-|as-|ad-)?[A-Z][\w'\u2019-]*"
    r"(?:\s+(?:of\s+|al-|el-|bin\s+|de\s+)?[A-Z][\w'\u2019-]*)*)"
)
_UNITS_OF_TIME = frozenset(("day", "days", "hour", "hours", "week", "weeks", "minute", "minutes"))


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """`fold` for one word, remembered: the same words recur across a case."""
    return fold(word)


def fold(text: str) -> str:
    """Lowercase ASCII-folded text with one kind of apostrophe, for comparing words."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.lower()


def stem(word: str) -> str:
    # A light suffix stripper: enough to make "killed"/"kills"/"killing" one word; it never
    # needs to produce a real word, only the same one for a word's inflections.
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'-")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2] if not word.endswith("eed") else word[:-1]
    if len(word) > 3 and word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _number_value(whole: str, fraction: str | None, multiplier: str | None) -> float:
    value = float(whole.replace(",", "") + (f".{fraction}" if fraction else ""))
    if multiplier:
        value *= _MULTIPLIERS[multiplier.lower()]
    return value


def _show_number(value: float, percent: bool) -> str:
    shown = f"{int(value):,}" if value.is_integer() else f"{value:g}"
    return shown + ("%" if percent else "")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a claim with what it counts and how exact it is."""

    value: float
    """The number as written ('at least 17': 17)."""
    low: float
    """The least value the text allows ('at least 17': 17)."""
    high: float
    """The greatest value the text allows ('at least 17': infinity)."""
    unit: str
    """What it counts: '%', or the (stemmed) noun after it ('people'), else the word before it
    ('magnitude', 'injure')."""
    noun: bool
    """Whether the unit is the noun after the number, which says for sure what it counts."""
    shown: str
    """The number as shown to the reviewer ('at least 17', '4.2%')."""

    def comparable(self, other: Quantity) -> bool:
        """Whether two numbers may count the same thing: the same unit, or one unit unsure."""
        return self.unit == other.unit or not (self.noun and other.noun)

    def overlaps(self, other: Quantity) -> bool:
        """Whether both numbers can be true of one quantity."""
        return self.low <= other.high and other.low <= self.high


_QUALIFIERS = {
    **dict.fromkeys(
        (
            "at least",
            "no fewer than",
            "no less than",
            "a minimum of",
            "more than",
            "over",
            "above",
            "upwards of",
            "in excess of",
        ),
        (1.0, math.inf),
    ),
    **dict.fromkeys(
        ("up to", "at most", "fewer than", "less than", "under", "below", "no more than"),
        (0.0, 1.0),
    ),
    **dict.fromkeys(("nearly", "almost", "close to"), (0.85, 1.0)),
    **dict.fromkeys(
        ("about", "around", "some", "roughly", "approximately", "an estimated", "circa"),
        (0.85, 1.15),
    ),
}
"""Words before a number that make it a bound or an estimate, with the factors that give the
range it allows."""
_QUALIFIER_ENDS = tuple(f" {q}" for q in _QUALIFIERS)
_UNIT_SKIP = _wordset(
    "more than at least about around nearly almost over some up to of by the a an"
)


def _quantity(text: str, span: tuple[int, int], value: float, percent: bool) -> Quantity:
    """A number with its qualifier ('at least') and unit, read from the words around it."""
    before = text[max(0, span[0] - 30) : span[0]]
    low, high = value, value
    shown = _show_number(value, percent)
    tail = " " + " ".join(before.lower().split())
    if tail.endswith(_QUALIFIER_ENDS):
        qualifier = next(q for q in _QUALIFIERS if tail.endswith(f" {q}"))
        low_factor, high_factor = _QUALIFIERS[qualifier]
        low, high = value * low_factor, value * high_factor
        shown = f"{qualifier} {shown}"
    if percent:
        return Quantity(value, low, high, "%", True, shown)
    after = re.match(r"\s+([A-Za-z][\w-]*)", text[span[1] :])
    if after:
        word = fold_word(after.group(1))
        if word not in _STOPWORDS and word not in _UNIT_SKIP:
            return Quantity(value, low, high, word_token(after.group(1)) or word, True, shown)
    for word in reversed(re.findall(r"[A-Za-z][\w-]*", before)):
        folded = fold_word(word)
        if folded in _UNIT_SKIP or folded in _STOPWORDS:
            continue
        return Quantity(value, low, high, word_token(word) or folded, False, shown)
    return Quantity(value, low, high, "", False, shown)


def quantity_relation(ours: Sequence[Quantity], theirs: Sequence[Quantity]) -> str:
    """'clash' when a number on each side counts the same thing and neither matches anything
    on the other side; 'adds' when the other side has numbers the claim lacks; else 'same' or
    'none'."""
    if not ours or not theirs:
        return "adds" if theirs else "none"

    def matched(q: Quantity, others: Sequence[Quantity]) -> bool:
        return any(q.comparable(o) and q.overlaps(o) for o in others)

    lone_ours = [q for q in ours if not matched(q, theirs)]
    lone_theirs = [q for q in theirs if not matched(q, ours)]
    if any(a.comparable(b) for a in lone_ours for b in lone_theirs):
        return "clash"
    return "adds" if lone_theirs else "same"


@dataclass(frozen=True, slots=True)
class Details:
    """The checkable details of a claim, each normalised so that two reports compare."""

    numbers: frozenset[str] = frozenset()
    """Numbers as shown ('at least 14', '4.2%'), dates and times left out."""
    quantities: tuple[Quantity, ...] = ()
    """The same numbers with what they count, to compare."""
    days: frozenset[str] = frozenset()
    """Calendar days as MM-DD."""
    months: frozenset[str] = frozenset()
    """Months named, as MM."""
    years: frozenset[str] = frozenset()
    """Years named."""
    weekdays: frozenset[str] = frozenset()
    """Weekdays named, lowercase."""
    places: frozenset[str] = frozenset()
    """Place names (after 'in', 'near', 'the city of', or in a dateline), folded."""
    actors: frozenset[str] = frozenset()
    """Other names: registry ids, else folded names; the speaker and intermediaries left out."""
    denial: bool = False
    """Whether the claim denies or negates."""
    blame: bool = False
    """Whether the claim says who is responsible ('blamed', 'accused', 'responsible for')."""


def strip_dateline(text: str) -> tuple[str, str | None, str | None]:
    """The claim text without a leading 'KESSEL (Northwire) -', with the place and credit."""
    found = _DATELINE.match(text)
    if not found:
        return text, None, None
    return text[found.end() :], found.group(1).strip().title(), found.group(2).strip()


def _chain_names(attribution: Attribution) -> list[str]:
    return [n for n in (attribution.speaker, attribution.role, *attribution.via) if n]


def name_key(name: str) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", fold(name)) if w not in ("the", "of", "s")]
    return " ".join(words)


def compatible_names(a: str, b: str) -> bool:
    """Two folded names for the same thing: equal, or one's words within the other's."""
    if a == b:
        return True
    wa, wb = _name_words(a), _name_words(b)
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


@lru_cache(maxsize=1 << 14)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(name.split())


def claim_body(claim: Claim, outlet_names: Sequence[str] = ()) -> tuple[str, str | None]:
    """What a claim asserts, as text: the dateline cut off and the names of who says it (the
    speaker, their role, intermediaries, the article's own outlet) blanked out, so that only
    what is reported is compared. Returns it with the dateline's place, if any."""
    text, place, _ = strip_dateline(claim.text)
    names = [*_chain_names(claim.attribution), *outlet_names]
    speaker = claim.attribution.speaker or ""
    last = speaker.split()[-1] if speaker.split() else ""
    if len(last) >= 3 and any(ch.isupper() for ch in last):
        names.append(last)
    lower = text.lower()
    chars = list(text)
    for name in sorted({n.strip().lower() for n in names if len(n.strip()) >= 2}, key=len)[::-1]:
        at = lower.find(name)
        while at >= 0:
            end = at + len(name)
            if lower[end : end + 2] in ("'s", "\u2019s"):
                end += 2
            before = lower[at - 1] if at else " "
            after = lower[end] if end < len(lower) else " "
            if not (before.isalnum() or before == "-" or after.isalnum() or after == "-"):
                chars[at:end] = " " * (end - at)
            at = lower.find(name, at + 1)
    return "".join(chars), place


def claim_details(
    claim: Claim,
    registry: Registry | None = None,
    common: frozenset[str] = frozenset(),
    outlet_names: Sequence[str] = (),
) -> Details:
    """The numbers, dates, places, actors and denial in what a claim asserts.

    ``common`` holds folded words seen in lowercase in the case, so that a capitalised word
    opening a sentence ('Rescue', 'Fourteen') is not taken for a name. A value the claim gives
    as the earlier one ('fell to 4.2 percent from 5.1 percent in February') is left out: it is
    not what the claim is about.
    """
    text, dateline_place = claim_body(claim, outlet_names)
    return body_details(text, dateline_place, registry, common)


def body_details(
    text: str,
    dateline_place: str | None,
    registry: Registry | None,
    common: frozenset[str],
    is_organisation: Callable[[str], bool] | None = None,
) -> Details:
    if is_organisation is None:

        def is_organisation(name: str) -> bool:
            return is_organisation_name(name, registry)

    days: set[str] = set()
    months: set[str] = set()
    years: set[str] = set()
    taken: list[tuple[int, int]] = [m.span() for m in _PREVIOUS.finditer(text)]

    def free(span: tuple[int, int]) -> bool:
        return not any(s <= span[0] < e for s, e in taken)

    for found in _MONTH_DAY.finditer(text):
        if not free(found.span()):
            continue
        month_name = found.group(1) or found.group(4)
        day = found.group(2) or found.group(3)
        month = MONTH_NUMBERS[fold(month_name).rstrip(".")]
        if 1 <= int(day) <= 31:
            days.add(f"{month:02d}-{int(day):02d}")
            months.add(f"{month:02d}")
            taken.append(found.span())
        if found.group(5):
            years.add(found.group(5))
    for found in _MONTH.finditer(text):
        name = fold(found.group(1)).rstrip(".")
        # 'may' is a month only when capitalised and not opening the sentence.
        if name == "may" and (found.start() == 0 or found.group(1) != "May"):
            continue
        if free(found.span()):
            months.add(f"{MONTH_NUMBERS[name]:02d}")
    for found in _YEAR.finditer(text):
        if free(found.span()):
            years.add(found.group(1))
        taken.append(found.span())
    taken.extend(found.span() for found in _TIME.finditer(text))
    weekdays = {fold(m.group(1)) for m in _WEEKDAY.finditer(text)}
    quantities: list[Quantity] = []
    for found in _NUMBER.finditer(text):
        if free(found.span()):
            value = _number_value(found.group(1), found.group(2), found.group(4))
            percent = bool(found.group(3))
            quantities.append(_quantity(text, found.span(), value, percent))
    for found in _NUMBER_WORD.finditer(text):
        if free(found.span()):
            value = float(_NUMBER_WORDS[found.group().lower()])
            quantities.append(_quantity(text, found.span(), value, False))
    numbers = {q.shown for q in quantities}
    places: set[str] = set()
    if dateline_place:
        places.add(name_key(dateline_place))
    names = proper_names(text, common)
    for _, name, locative in names:
        if locative and not is_organisation(name):
            places.add(name_key(name))
    actors: set[str] = set()
    names_text = text
    if registry is not None:
        # A registry name stands for its entry (aliases become one name); the rest of the text
        # is searched for other names.
        for mention in registry.mentions(text):
            entry = registry.get(mention.id)
            key = name_key(entry.name if entry is not None else mention.text)
            if not any(compatible_names(name_key(mention.text), p) for p in places):
                actors.add(key)
            blank = " " * (mention.end - mention.start)
            names_text = names_text[: mention.start] + blank + names_text[mention.end :]
    for _, name, _ in proper_names(names_text, common) if names_text != text else names:
        key = name_key(name)
        if key and not any(compatible_names(key, p) for p in places):
            actors.add(key)
    return Details(
        numbers=frozenset(numbers),
        quantities=tuple(quantities),
        days=frozenset(days),
        months=frozenset(months),
        years=frozenset(years),
        weekdays=frozenset(weekdays),
        places=frozenset(p for p in places if p),
        actors=frozenset(actors),
        denial=_NEGATION.search(text) is not None,
        blame=_BLAME.search(text) is not None,
    )


def _trim_name(name: str, common: frozenset[str]) -> str:
    """A capitalised run without leading words that are common words ('Rescue', 'The')."""
    words = name.split()
    while words and (
        (first := fold_word(words[0])) in _STOPWORDS
        or first.strip("'s") in common
        or first in _NUMBER_WORDS
        or first.rstrip("'s") in _WEEKDAYS
    ):
        words.pop(0)
    while words and fold_word(words[-1]) in ("of", "al-", "el-", "bin", "de"):
        words.pop()
    return " ".join(words)


_PLACE_AFTER = regexes.compile(rf"\s+(?:{_PLACE_NOUNS})\b", re.IGNORECASE)
_SENTENCE_START = regexes.compile(r"(?:^|[.!?:;]\s+|[\u201c\"'(\u2018\u00ab]\s*)$")


def proper_names(text: str, common: frozenset[str]) -> list[tuple[int, str, bool]]:
    """Capitalised names in a text: (offset, name, whether a place preposition precedes it)."""
    names: list[tuple[int, str, bool]] = []
    for found in _PROPER.finditer(text):
        name = _trim_name(found.group(1), common)
        if " " not in name and _SENTENCE_START.search(text[: found.start()]):
            # A lone capitalised word opening a sentence or quotation is most often not a name.
            continue
        if name and not _is_calendar(name):
            before = text[max(0, found.start() - 48) : found.start()]
            place = _is_locative(before) or _PLACE_AFTER.match(text, found.end()) is not None
            names.append((found.start(), name, place))
    return names


def is_organisation_name(name: str, registry: Registry | None) -> bool:
    """Whether the registry knows a name as an outlet, group or person (not a country)."""
    if registry is None:
        return False
    from factcheck.sources.registry import SourceKind

    entry = registry.find(name)
    return entry is not None and entry.kind is not SourceKind.GOVERNMENT


def _is_calendar(name: str) -> bool:
    first = fold(name.split()[0]).rstrip(".'s\u2019")
    return first in MONTH_NUMBERS or first in _WEEKDAYS


def content_tokens(claim: Claim, outlet_names: Sequence[str] = ()) -> frozenset[str]:
    """The content words (stemmed) and numbers of what a claim asserts."""
    return body_tokens(claim_body(claim, outlet_names)[0])


def body_tokens(text: str) -> frozenset[str]:
    tokens: set[str] = set()
    for found in _NUMBER.finditer(text):
        value = _number_value(found.group(1), found.group(2), found.group(4))
        tokens.add("#" + _show_number(value, bool(found.group(3))))
    for raw in _WORD.findall(text):
        token = word_token(raw)
        if token:
            tokens.add(token)
    return frozenset(tokens)


@lru_cache(maxsize=1 << 16)
def word_token(raw: str) -> str:
    """A word as a token: '#14' for a number word, its lemma or stem, '' for a stopword."""
    word = fold(raw)
    if not word or word[0].isdigit():
        return ""
    if word in _NUMBER_WORDS and word != "one":
        return "#" + _show_number(float(_NUMBER_WORDS[word]), False)
    if word in _STOPWORDS or len(word) < 2:
        return ""
    return _LEMMAS.get(word) or stem(word)


def quotations(text: str) -> list[str]:
    return [next(g for g in m.groups() if g) for m in _QUOTE.finditer(text)]


def quote_words(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in re.findall(r"[a-z0-9']+", fold(text)) if w not in _STOPWORDS)


def normal_quote(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))
