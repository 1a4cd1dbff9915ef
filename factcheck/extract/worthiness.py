"""Stage ③ claims: how worth checking one sentence is — a score, the reasons behind it, its kind.

The score comes from a logistic regression over TF-IDF word 1-2-grams plus a few rule features,
learned from the ClaimBuster debate sentences by ``tools/train_checkworthiness.py`` and shipped as
plain JSON in ``factcheck/lexicon/en/checkworthiness.json``. It is evaluated here in pure Python;
the tokenizer below is the one the trainer uses, so both see exactly the same terms.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import math
import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, cast

from factcheck import regexes
from factcheck.errors import ClaimsError
from factcheck.extract.segment_text import is_table_row
from factcheck.lexicon import DEFAULT_LANGUAGE, entries, months
from factcheck.models import SegmentKind

DEFAULT_THRESHOLD: float = 0.5
"""Scores at or above this make a sentence a CLAIM (the model's bias is set so 0.5 is its cut)."""

MODEL_FORMAT = "factcheck-checkworthiness/1"
"""The ``format`` field a weights file must carry."""

TOKENIZER_VERSION = 2
"""Bumped whenever ``extract_terms`` or the rule features change; weights record the version."""

MODEL_PATH = DEFAULT_LANGUAGE.model_path
"""The bundled weights."""

REASONS: tuple[str, ...] = (
    "number",
    "date",
    "quantity",
    "statistic",
    "comparative",
    "trend",
    "causal",
    "attribution",
    "named actor",
)
"""Every reason tag the rules can give, in the order they are reported."""

RULE_FEATURES: tuple[str, ...] = (*REASONS, "names 2+", "names 3+")
"""The model's rule features: the reason tags plus how many distinct capitalised names appear."""

# --- tokenizer -----------------------------------------------------------------------------------

# Digits become 0 so numbers generalise by shape ("0.0", "0,000", "0000").
_NONZERO_DIGIT = regexes.compile("[1-9]")
_TOKEN = regexes.compile(r"\w+(?:['.,]\w+)*|[?%$\u00a3\u20ac]")


def _fold(text: str) -> str:
    low = text.lower()
    if "\u2019" in low or "\u2018" in low:
        low = low.replace("\u2019", "'").replace("\u2018", "'")
    # Most sentences have no figure; looking for each digit is quicker than the substitution.
    if (
        "1" in low
        or "2" in low
        or "3" in low
        or "4" in low
        or "5" in low
        or "6" in low
        or "7" in low
        or "8" in low
        or "9" in low
    ):
        return _NONZERO_DIGIT.sub("0", low)
    return low


_WORD_TOKENS: dict[str, list[str]] = {}
"""Tokens of the punctuated words seen so far ('u.s.', '$0.0', "iran's"): they recur."""
_WORD_TOKENS_MAX = 20_000
_EDGE_MARKS = ".,'\"()[]{}:;!\u201c\u201d\u00ab\u00bb-\u2013\u2014\u2026*/|"
"""Punctuation that is neither a word character nor a token: around a word ('said,', '(the',
'\u201cno\u201d') it only ends the word."""


def _find_tokens(folded: str) -> list[str]:
    """``_TOKEN.findall(folded)``, faster: no token spans whitespace, and a whitespace-separated
    word made only of word characters is one token by itself; so is such a word between marks
    that no token holds (``_EDGE_MARKS``)."""
    tokens: list[str] = []
    append, known = tokens.append, _WORD_TOKENS
    for word in folded.split():
        if word.isalnum():
            append(word)
            continue
        core = word.strip(_EDGE_MARKS)
        if core.isalnum():
            append(core)
            continue
        found = known.get(word)
        if found is None:
            if len(known) >= _WORD_TOKENS_MAX:
                known.clear()
            found = known[word] = _TOKEN.findall(word)
        tokens += found
    return tokens


def tokenize(text: str) -> list[str]:
    """Lower-cased word, number-shape and symbol tokens of a sentence."""
    return _find_tokens(_fold(text))


def _terms(tokens: list[str]) -> list[str]:
    return [*tokens, *map(" ".join, itertools.pairwise(tokens))]


def extract_terms(text: str) -> list[str]:
    """The model's terms for a sentence: its tokens and its adjacent token pairs."""
    return _terms(tokenize(text))


Key = str | tuple[str, str]
"""A term as scoring looks it up: a token, or a pair of tokens as a tuple (the pair's term
joined by a space is never built: no token holds a space, so the tuple says the same)."""


def _keys(tokens: list[str]) -> list[Key]:
    """``_terms`` as lookup keys, in the same order."""
    return [*tokens, *itertools.pairwise(tokens)]


def term_key(term: str) -> Key | None:
    """The lookup key of a term, or None for one with more than two words (never a term)."""
    words = term.split(" ")
    if len(words) == 1:
        return term
    return (words[0], words[1]) if len(words) == 2 else None


# --- reasons -------------------------------------------------------------------------------------
# Most rules are word lists matched against the sentence's own terms through one table of bit
# flags, so finding every reason costs a single pass over the terms.

_NUMWORD, _MAGNITUDE, _NUMWORD_UNIT, _DATE, _YEAR_SHAPE = 1, 2, 4, 8, 16
_STATISTIC, _COMPARATIVE, _TREND, _CAUSAL, _ATTRIBUTION = 32, 64, 128, 256, 512
_BELIEF, _EXHORTATION, _JUDGEMENT = 1024, 2048, 4096


def _words(text: str) -> list[str]:
    return text.split("|")


def _list(name: str) -> list[str]:
    return list(entries(name))


_MONTH_NAMES = [names[0] for names in months()]
_MONTHS = [*_MONTH_NAMES, *(short for names in months() for short in names[1:])]
_DAY_SHAPES = _words("0|00|0st|0nd|0rd|0th|00st|00nd|00rd|00th")
_NUMBER_WORDS = _list("count_words")
_MAGNITUDES = _list("magnitudes")
_UNITS = _list("count_units")
_JUDGEMENT_WORDS = _list("judgement_words")
_CUE_WORDS: dict[int, Iterable[str]] = {
    _NUMWORD: _NUMBER_WORDS + _MAGNITUDES,
    _MAGNITUDE: _MAGNITUDES,
    _NUMWORD_UNIT: [f"{n} {u}" for n in _NUMBER_WORDS for u in _UNITS],
    _DATE: [
        *(f"{m} {d}" for m in _MONTHS for d in [*_DAY_SHAPES, "0000"]),
        *(f"{d} {m}" for m in _MONTHS for d in _DAY_SHAPES),
        *(f"{p} {m}" for m in _MONTH_NAMES for p in _list("date_prepositions")),
        *_list("weekdays"),
        "yesterday",
        *_list("relative_periods"),
    ],
    _YEAR_SHAPE: ["0000", "0000s"],
    _STATISTIC: _list("statistic_cues"),
    _COMPARATIVE: _list("comparative_cues"),
    _TREND: _list("trend_cues"),
    _CAUSAL: _list("causal_cues"),
    _ATTRIBUTION: _list("attribution_cues"),
    _BELIEF: _list("belief_cues"),
    _EXHORTATION: _list("exhortation_cues"),
    _JUDGEMENT: _JUDGEMENT_WORDS,
}
_CUES: dict[Key, int] = {}
for _flag, _cue_words in _CUE_WORDS.items():
    for _word in _cue_words:
        if (_key := term_key(_word)) is not None:
            _CUES[_key] = _CUES.get(_key, 0) | _flag
_CUE_TERMS = frozenset(_CUES)

# A year from 1500 to 2099, opened by the class of its first digits, which the engine skips to.
_YEAR = regexes.compile(r"[12](?<!\w.)(?:(?<=1)[5-9]|(?<=2)0)\d\d(?:s|'s)?\b")
# A number (folded to 0) and what it measures; the units are patterns in the lexicon (s? marks a
# plural), so a unit list is data while the shape of a quantity is the rule here. A number is
# tried from where its run of digits and separators begins: tried from each of its digits, a
# run of 20,000 digits took a minute. The pattern opens with the class of the characters a
# match starts with, and the look-behinds after it tell them apart, so that the engine skips
# in C to the next currency sign, separator or digit.
_QUANTITY = regexes.compile(
    r"[$\u00a3\u20ac,.0](?:(?<=[$\u00a3\u20ac])\s?0|(?<![0,.].)(?:(?<=0)|(?<=[,.])[,.]*0)"
    r"(?:[0,.]*0)?\s?-?\s?(?:and a half\s+)?"
    "(?:" + "|".join(entries("quantity_unit_patterns")) + ")"
    r"(?!\w))"
)
# A capitalised word, unless it opens a quotation or a new sentence (where every word is
# capitalised). The look-behinds sit after the capital so the scan jumps from capital to capital.
_CAPITALISED = regexes.compile(r"[A-Z](?<![\w\"\u201c(\[].)(?<![.!?\"\u201c]\s.)[\w'\u2019.-]*+")
_FIRST_WORD = regexes.compile(r"[\W\d_]*([^\W\d_][\w'\u2019-]*)(?:\s+([A-Z]\w*))?")
# Capitalised words that are not names of actors: the pronoun I, titles and articles, months and
# weekdays (those are dates).
_NOT_ACTORS = frozenset(
    [
        *_words(
            "I|I'm|I've|I'll|I'd|I\u2019m|I\u2019ve|I\u2019ll|I\u2019d|OK|Mr|Mrs|Ms|Dr|A|An|The"
        ),
        *(m.capitalize() for m in _MONTH_NAMES),
        *(day.capitalize() for day in _list("weekdays")),
    ]
)


_NAME_END = itertools.repeat(".'\u2019")
"""What a capitalised word sheds before it counts as a name (for ``map``)."""


def _count_names(text: str) -> int:
    """Distinct capitalised words that look like names of actors, up to three."""
    first = _FIRST_WORD.match(text)
    if first is None:
        return 0
    names: set[str] = set()
    # The first word is capitalised anyway; count it only when its shape says name (an acronym,
    # an inner capital as in "Al-Amin", a possessive) or a second capitalised word follows it.
    word, second = first.groups()
    if word[0].isupper() and word not in _NOT_ACTORS:
        rest = word[1:]
        # For ASCII, a capital after the first letter is exactly what lower() would change.
        inner = rest != rest.lower() if rest.isascii() else any(c.isupper() for c in rest)
        shaped = (len(word) > 1 and word.isupper()) or inner
        possessive = word.endswith(("'s", "\u2019s", "'", "\u2019"))
        if shaped or possessive or (second is not None and second not in _NOT_ACTORS):
            names.add(word)
    names.update(map(str.rstrip, _CAPITALISED.findall(text, first.end(1)), _NAME_END))
    return min(len(names.difference(_NOT_ACTORS)), 3)


class _Analysis(NamedTuple):
    """What the rules and the model need to know about one sentence.

    A named tuple rather than a dataclass: it is built once per sentence on the hot path.
    """

    terms: list[Key]
    """The sentence's terms (tokens, then token pairs) as keys, repeats kept: the model counts
    them."""
    reasons: tuple[str, ...]
    """Reason tags, in REASONS order."""
    features: tuple[str, ...]
    """Rule features present (the reasons and the name-count features)."""
    folded: str
    """The sentence lower-cased, apostrophes straightened, digits as 0."""
    cues: int
    """Bit flags of the word lists the sentence's terms hit."""
    opener: str
    """The first token, which tells whether the sentence may be a question without '?'."""


# The reasons that word lists alone give, in REASONS order, for each combination of their flags
# (one lookup instead of a test per flag), and what the count of names adds to the reasons and to
# the features.
_LISTED = (
    (_STATISTIC, "statistic"),
    (_COMPARATIVE, "comparative"),
    (_TREND, "trend"),
    (_CAUSAL, "causal"),
    (_ATTRIBUTION, "attribution"),
)
_LISTED_SHIFT = 5
assert [flag >> _LISTED_SHIFT for flag, _ in _LISTED] == [1, 2, 4, 8, 16]
_LISTED_REASONS = tuple(
    tuple(reason for flag, reason in _LISTED if (bits << _LISTED_SHIFT) & flag)
    for bits in range(1 << len(_LISTED))
)
_NAME_REASONS = ((), ("named actor",), ("named actor",), ("named actor",))
_NAME_FEATURES = ((), (), ("names 2+",), ("names 2+", "names 3+"))


def _analyse(text: str) -> _Analysis:
    folded = _fold(text)
    tokens = _find_tokens(folded)
    terms = _keys(tokens)
    cues = 0
    for term in _CUE_TERMS.intersection(terms):
        cues |= _CUES[term]
    digits = "0" in folded
    found: list[str] = []
    if digits or cues & _NUMWORD:
        found.append("number")
    if cues & _DATE or (cues & _YEAR_SHAPE and _YEAR.search(text)):
        found.append("date")
    if cues & (_MAGNITUDE | _NUMWORD_UNIT) or (digits and _QUANTITY.search(folded)):
        found.append("quantity")
    names = _count_names(text)
    listed = _LISTED_REASONS[(cues >> _LISTED_SHIFT) & 31]
    reasons = (*found, *listed, *_NAME_REASONS[names])
    features = (*reasons, *_NAME_FEATURES[names]) if names >= 2 else reasons
    opener = tokens[0] if tokens else ""
    return _Analysis(terms, reasons, features, folded, cues, opener)


def find_reasons(text: str) -> tuple[str, ...]:
    """The rule tags a sentence carries, in ``REASONS`` order ('number', 'attribution', ...)."""
    return _analyse(text).reasons


def find_rule_features(text: str) -> tuple[str, ...]:
    """The model's rule features present in a sentence (names from ``RULE_FEATURES``)."""
    return _analyse(text).features


# --- kinds ---------------------------------------------------------------------------------------

_CLOSERS = " \t\n\"')]\u201d\u2019"
_QUESTION_OPENERS = frozenset(_list("question_openers"))


def _alternatives(name: str) -> str:
    return "(?:" + "|".join(map(re.escape, entries(name))) + ")"


_AUX = r"(?:do|does|did|is|are|was|can|could|will|would|has|have|am)(?:n't|n\u2019t)?"
# "What did the minister ...", "Will they ...": a question word or an auxiliary, then who it asks
# about; the words after each come from the lexicon.
_INTERROGATIVE = regexes.compile(
    rf"[\s\"'\u201c]*(?:(?:who|what|when|where|why|how|which)\s+{_AUX}\s+"
    rf"{_alternatives('question_subjects')}\b"
    rf"|{_AUX}\s+{_alternatives('question_subjects_after_auxiliary')}\b)",
    re.IGNORECASE,
)
# Opinion patterns run on the folded text (lower case, straight apostrophes), and each only
# when the sentence holds one of its cue words.
_BELIEF_PATTERN = regexes.compile(
    rf"\b(?:i|we)\s+(?:{_alternatives('belief_adverbs')}\s+)?"
    rf"{_alternatives('belief_verbs')}\b(?!\s+(?:of|about)\b)"
    rf"|\bi(?:'m|\s+am)\s+{_alternatives('certainty_words')}\b"
    r"|\bin\s+my\s+(?:view|opinion|judgment|judgement)\b|\bmy\s+(?:view|opinion|belief)\s+is\b"
)
_EXHORTATION_PATTERN = regexes.compile(
    r"\b(?:we|you|us|they|everyone|everybody)\s+(?:all\s+)?(?:must|should|ought\s+to|need\s+to"
    r"|have\s+to|got\s+to|had\s+better)\b|\blet(?:'s|\s+us)\b"
    r"|\bshould(?:n't)?\b(?!\s+have\b|'ve\b)|\bought\s+to\b"
)
_JUDGEMENT_PATTERN = regexes.compile(
    r"\b(?:is|are|was|were|'s|'re|be|been)\s+"
    r"(?:(?:so|very|really|truly|absolutely|simply|just|totally|quite|utterly|a|an|the|such\s+a)\s+)*"
    rf"(?:{'|'.join(_JUDGEMENT_WORDS)})"
    # Only as the judgement itself ("is a disgrace."), not as an attribute ("is a great program").
    r"(?=\s*(?:[.,;:!?\"\u201d)]|$)|\s+(?:and|but|for|to|that|because)\b)"
)
_OPINION_PATTERNS = (
    (_BELIEF, _BELIEF_PATTERN),
    (_EXHORTATION, _EXHORTATION_PATTERN),
    (_JUDGEMENT, _JUDGEMENT_PATTERN),
)
# An opinion marker does not make a sentence an opinion when it also carries content a
# fact-checker can test: figures, dates, or a statistic compared or tracked over time.
_CHECKABLE = frozenset({"number", "date", "quantity"})
_MEASURED = frozenset({"comparative", "trend"})


def _checkable(reasons: tuple[str, ...]) -> bool:
    if not _CHECKABLE.isdisjoint(reasons):
        return True
    return "statistic" in reasons and not _MEASURED.isdisjoint(reasons)


def _classify(text: str, analysis: _Analysis, score: float, threshold: float) -> SegmentKind:
    if is_table_row(text):
        # Figures the article lists, not a sentence anyone wrote: checked through the text
        # that reports them, the row stays in the body as a statement.
        return SegmentKind.STATEMENT
    if text.rstrip(_CLOSERS).endswith("?") or (
        analysis.opener in _QUESTION_OPENERS and _INTERROGATIVE.match(text)
    ):
        return SegmentKind.QUESTION
    cues = analysis.cues
    if cues & (_BELIEF | _EXHORTATION | _JUDGEMENT) and not _checkable(analysis.reasons):
        for flag, pattern in _OPINION_PATTERNS:
            if cues & flag and pattern.search(analysis.folded):
                return SegmentKind.OPINION
    return SegmentKind.CLAIM if score >= threshold else SegmentKind.STATEMENT


# --- model ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WorthinessModel:
    """Weights of the check-worthiness model, ready to score with."""

    terms: Mapping[str, complex]
    """Per occurrence of a term, what it adds to the TF-IDF dot product with the weights (real
    part: idf x weight) and to the vector's squared norm (imaginary part: idf squared). One
    complex sum over the sentence's terms gives both in a single pass."""
    keyed: Mapping[Key, complex]
    """``terms`` by ``term_key``, as scoring looks them up."""
    rules: Mapping[str, float]
    """Weight of each rule feature (present = 1), keyed by the names in RULE_FEATURES."""
    intercept: float
    """Bias of the logistic regression, shifted so that ``threshold`` is the tuned cut."""
    threshold: float
    """The cut the model was tuned for; equals DEFAULT_THRESHOLD for the bundled weights."""
    source: str
    """Where the weights were read from."""


class Worthiness(NamedTuple):
    """How worth checking a sentence is, why, and what kind of sentence it is.

    A named tuple rather than a dataclass: one is built for every body sentence, and a frozen
    dataclass takes more than twice as long to build.
    """

    score: float
    """Probability-like score in [0, 1]; higher is more worth checking."""
    reasons: tuple[str, ...]
    """Rule tags found in the sentence ('number', 'date', 'attribution', ...)."""
    kind: SegmentKind
    """CLAIM (score at or above the threshold), STATEMENT, QUESTION or OPINION."""


def _finite(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ClaimsError(f"{where}: expected a finite number, got {value!r}")
    return float(value)


def _section(data: Mapping[str, object], key: str, where: str) -> dict[str, object]:
    if key not in data:
        raise ClaimsError(f"{where}: missing field {key!r}")
    value = data[key]
    if not isinstance(value, dict):
        raise ClaimsError(f"{where}: {key}: expected an object, got {type(value).__name__}")
    return value


def _parse_model(data: object, where: str) -> WorthinessModel:
    if not isinstance(data, dict):
        raise ClaimsError(f"{where}: expected a JSON object, got {type(data).__name__}")
    if data.get("format") != MODEL_FORMAT:
        raise ClaimsError(f"{where}: format: expected {MODEL_FORMAT!r}, got {data.get('format')!r}")
    if data.get("tokenizer") != TOKENIZER_VERSION:
        raise ClaimsError(
            f"{where}: tokenizer: expected version {TOKENIZER_VERSION}, "
            f"got {data.get('tokenizer')!r}; retrain with tools/train_checkworthiness.py"
        )
    for key in ("intercept", "threshold"):
        if key not in data:
            raise ClaimsError(f"{where}: missing field {key!r}")
    intercept = _finite(data["intercept"], f"{where}: intercept")
    threshold = _finite(data["threshold"], f"{where}: threshold")
    if not 0 < threshold < 1:
        raise ClaimsError(f"{where}: threshold: expected a number between 0 and 1, got {threshold}")
    rules = _section(data, "rules", where)
    if set(rules) != set(RULE_FEATURES):
        raise ClaimsError(
            f"{where}: rules: expected weights for {', '.join(RULE_FEATURES)}; "
            f"got {', '.join(rules) or 'none'}"
        )
    terms = _vocabulary(_section(data, "vocabulary", where), where)
    keyed: dict[Key, complex] = {}
    for term, value in terms.items():
        if " " not in term:
            keyed[term] = value
        elif (found := term_key(term)) is not None:
            keyed[found] = value
    return WorthinessModel(
        terms=terms,
        keyed=keyed,
        rules={name: _finite(value, f"{where}: rules[{name!r}]") for name, value in rules.items()},
        intercept=intercept,
        threshold=threshold,
        source=where,
    )


def _vocabulary(vocabulary: dict[str, object], where: str) -> dict[str, complex]:
    """Each term's [idf, weight] as its complex contribution; ClaimsError for a bad entry.

    The model is read on every run, so a well-formed vocabulary is checked and converted by
    whole-list operations that run in C; only a bad one is read entry by entry, to name it.
    """
    entries = list(vocabulary.values())
    if set(map(type, entries)) <= {list}:
        pairs = cast(list[list[float]], entries)
        numbers = list(itertools.chain.from_iterable(pairs))
        if (
            set(map(len, pairs)) <= {2}
            and set(map(type, numbers)) <= {int, float}
            and all(map(math.isfinite, numbers))
        ):
            idfs = list(map(float, numbers[0::2]))
            weights = list(map(float, numbers[1::2]))
            values = map(complex, map(operator.mul, idfs, weights), map(operator.mul, idfs, idfs))
            return dict(zip(vocabulary, values, strict=True))
    terms: dict[str, complex] = {}
    for term, entry in vocabulary.items():
        if not (isinstance(entry, list) and len(entry) == 2):
            raise ClaimsError(f"{where}: vocabulary[{term!r}]: expected [idf, weight]")
        idf = _finite(entry[0], f"{where}: vocabulary[{term!r}]")
        weight = _finite(entry[1], f"{where}: vocabulary[{term!r}]")
        terms[term] = complex(idf * weight, idf * idf)
    return terms


def load_model(path: Path | None = None) -> WorthinessModel:
    """Read check-worthiness weights (the bundled ones by default); ClaimsError when unusable."""
    if path is None:
        return _bundled_model()
    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ClaimsError(
            f"{where}: cannot read the check-worthiness model: {exc.strerror or exc}"
        ) from exc
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ClaimsError(
            f"{where}: the check-worthiness model is not valid JSON ({exc}); reinstall factcheck "
            "or retrain with tools/train_checkworthiness.py"
        ) from exc
    return _parse_model(data, where)


@functools.cache
def _bundled_model() -> WorthinessModel:
    # Loaded once, on first use, so importing this module stays cheap.
    return load_model(MODEL_PATH)


def _probability(model: WorthinessModel, analysis: _Analysis) -> float:
    # Terms the model lacks add nothing: they are left out of the sum rather than added as 0.
    total = sum(filter(None, map(model.keyed.get, analysis.terms)))
    dot, norm = total.real, total.imag
    z = model.intercept + (dot / math.sqrt(norm) if norm else 0.0)
    z += sum(map(model.rules.__getitem__, analysis.features))
    # Written this way so a very negative z cannot overflow exp().
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def score_sentence(
    text: str, threshold: float = DEFAULT_THRESHOLD, *, model: WorthinessModel | None = None
) -> Worthiness:
    """Score one sentence for check-worthiness, tag why, and classify it.

    ``model`` defaults to the bundled weights. Questions and opinions keep their score but are
    never CLAIM.
    """
    return score_sentences((text,), threshold, model=model)[0]


def score_sentences(
    texts: Iterable[str],
    threshold: float = DEFAULT_THRESHOLD,
    *,
    model: WorthinessModel | None = None,
) -> list[Worthiness]:
    """``score_sentence`` of each text, in order: the sentences of one article in one call."""
    if model is None:
        model = _bundled_model()
    found: list[Worthiness] = []
    append = found.append
    for text in texts:
        analysis = _analyse(text)
        score = _probability(model, analysis)
        append(Worthiness(score, analysis.reasons, _classify(text, analysis, score, threshold)))
    return found


# --- evaluation ----------------------------------------------------------------------------------
# The trainer, the benchmark and the tests all measure on the same held-out sentences, so the split
# lives here, next to the model it judges.

HELDOUT_PERCENT = 20
"""Share of each class kept out of training, chosen by a hash of the sentence id."""

RULE_BASELINE_REASONS = frozenset({"number", "named actor", "attribution"})
"""The published rule baseline: a sentence is check-worthy when it has any of these."""


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    """One sentence of the training data with its check-worthiness label."""

    sentence_id: int
    """The dataset's own id, which also decides the held-out split."""
    label: bool
    """True when annotators judged the sentence a check-worthy factual claim."""
    text: str
    """The sentence."""


@dataclass(frozen=True, slots=True)
class Split:
    """The training sentences and the held-out ones, never trained on."""

    train: tuple[LabelledSentence, ...]
    """Sentences to learn from."""
    heldout: tuple[LabelledSentence, ...]
    """The held-out sentences, with the data's natural share of positives."""
    balanced: tuple[LabelledSentence, ...]
    """All held-out positives and as many held-out negatives, as in the published test split."""


def load_labelled(path: Path) -> list[LabelledSentence]:
    """Read ClaimBuster-style JSON: a list of ``{sentence_id, label, text}``."""
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise ClaimsError(f"{path}: cannot read labelled sentences: {exc.strerror}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise ClaimsError(f"{path}: labelled sentences are not valid JSON ({exc})") from exc
    if not isinstance(data, list):
        raise ClaimsError(f"{path}: expected a list of sentences, got {type(data).__name__}")
    out: list[LabelledSentence] = []
    for index, item in enumerate(data):
        if not (
            isinstance(item, dict)
            and isinstance(item.get("sentence_id"), int)
            and item.get("label") in (0, 1)
            and isinstance(item.get("text"), str)
        ):
            raise ClaimsError(
                f"{path}: [{index}]: expected {{sentence_id: int, label: 0|1, text: str}}"
            )
        out.append(LabelledSentence(item["sentence_id"], item["label"] == 1, item["text"]))
    return out


def _split_key(sentence: LabelledSentence) -> str:
    return hashlib.sha256(str(sentence.sentence_id).encode()).hexdigest()


def split_heldout(sentences: Sequence[LabelledSentence]) -> Split:
    """The deterministic held-out split: per class, the ids with the lowest hashes.

    Every part keeps the order of ``sentences``.
    """
    held: set[int] = set()
    balanced: set[int] = set()
    for label in (True, False):
        ranked = sorted(
            (i for i, s in enumerate(sentences) if s.label is label),
            key=lambda i: _split_key(sentences[i]),
        )
        cut = round(len(ranked) * HELDOUT_PERCENT / 100)
        held.update(ranked[:cut])
        if label:
            balanced.update(ranked[:cut])
            positives = cut
        else:
            balanced.update(ranked[: min(cut, positives)])
    return Split(
        train=tuple(s for i, s in enumerate(sentences) if i not in held),
        heldout=tuple(s for i, s in enumerate(sentences) if i in held),
        balanced=tuple(s for i, s in enumerate(sentences) if i in balanced),
    )


def measure_f1(labels: Sequence[bool], predicted: Sequence[bool]) -> tuple[float, float, float]:
    """Positive-class (F1, precision, recall) of predictions against labels."""
    hits = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    chosen = sum(1 for p in predicted if p)
    wanted = sum(1 for y in labels if y)
    precision = hits / chosen if chosen else 0.0
    recall = hits / wanted if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return f1, precision, recall
