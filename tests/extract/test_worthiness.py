"""Tests for stage ③ check-worthiness: reasons, kinds, scores, the weights file, held-out F1."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_data import SHARED_DATA

from factcheck.errors import ClaimsError
from factcheck.extract import worthiness as worthiness
from factcheck.extract.worthiness import (
    DEFAULT_THRESHOLD,
    MODEL_FORMAT,
    MODEL_PATH,
    REASONS,
    RULE_BASELINE_REASONS,
    RULE_FEATURES,
    TOKENIZER_VERSION,
    LabelledSentence,
    Worthiness,
    extract_terms,
    find_reasons,
    load_labelled,
    load_model,
    measure_f1,
    score_sentence,
    split_heldout,
    tokenize,
)
from factcheck.models import SegmentKind

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "worthiness"
TRAIN = SHARED_DATA / "claimbuster" / "train.json"


@pytest.fixture
def bundled_model_reset() -> Iterator[None]:
    """Forget the cached bundled model before and after a test that swaps MODEL_PATH."""
    worthiness._bundled_model.cache_clear()
    yield
    worthiness._bundled_model.cache_clear()


# --- tokenizer -----------------------------------------------------------------------------------


def test_tokenize_folds_case_digits_and_apostrophes() -> None:
    assert tokenize("Unemployment fell to 3.5% in 2019, Iran\u2019s “data” said?") == [
        "unemployment",
        "fell",
        "to",
        "0.0",
        "%",
        "in",
        "0000",
        "iran's",
        "data",
        "said",
        "?",
    ]


def test_extract_terms_are_tokens_then_adjacent_pairs_with_repeats() -> None:
    assert extract_terms("We cut, we cut.") == [
        "we",
        "cut",
        "we",
        "cut",
        "we cut",
        "cut we",
        "we cut",
    ]
    assert extract_terms("") == []


# --- reasons -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        (
            "Unemployment fell to 3.5% in 2019.",
            ("number", "date", "quantity", "statistic", "trend"),
        ),
        ("On May 20, Netanyahu showed the drone.", ("number", "date", "named actor")),
        ("The bill cost $200 million.", ("number", "quantity")),
        ("Millions of acres were sold.", ("number", "quantity")),
        ("Three people died in the fire.", ("number", "quantity")),
        ("Prices went up because the plant closed.", ("trend", "causal")),
        ("We have fewer ships than in the past.", ("comparative",)),
        ("Crime has doubled.", ("comparative", "trend")),
        ("According to the report, it was late.", ("attribution",)),
        ("The channel reportedly aired the interview.", ("attribution",)),
        ("The IRGC general praised the acts.", ("named actor",)),
        ("Al-Amin spoke for an hour.", ("named actor",)),
        ("Iran\u2019s leader spoke for an hour.", ("named actor",)),
        ("Prime Minister spoke.", ("named actor",)),
        ("In March the rain came.", ("date",)),
        ("I walked home and I sat down.", ()),
        ('He said: "The rest is fine."', ("attribution",)),
        ("Thank you very much.", ()),
        ("", ()),
    ],
)
def test_find_reasons(text: str, reasons: tuple[str, ...]) -> None:
    assert find_reasons(text) == reasons


def test_reasons_are_reported_in_a_fixed_order_from_the_known_set() -> None:
    found = find_reasons(
        "Because of the war, Iran said that in 2019 inflation rose to 40%, the highest ever."
    )
    assert found == (
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
    assert found == REASONS


# --- kinds ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Unemployment fell to 3.5% in 2019.", SegmentKind.CLAIM),
        ("Police said the fire killed three people on Tuesday.", SegmentKind.CLAIM),
        (
            "According to a May 27 analysis by the Meir Amit Intelligence and Terrorism "
            "Information Center, Qaani discussed the fighting with Hamas head Ismail Haniyeh.",
            SegmentKind.CLAIM,
        ),
        (
            "The editor-in-chief of the Lebanese daily Al-Akhbar, Ibrahim Al-Amin, said during "
            "an interview with Hezbollah-operated Al-Manar TV that the IRGC, Hezbollah and Hamas "
            "set up a joint military operations room in Beirut.",
            SegmentKind.CLAIM,
        ),
        ("Thank you very much.", SegmentKind.STATEMENT),
        ("Is this the end?", SegmentKind.QUESTION),
        ('He asked: "Did Iran send 40 drones?"', SegmentKind.QUESTION),
        ("Do you know how many people lost their jobs last year", SegmentKind.QUESTION),
        ("What is the unemployment rate now", SegmentKind.QUESTION),
        ("I think we must act now.", SegmentKind.OPINION),
        ("We should raise taxes.", SegmentKind.OPINION),
        ("Let's get this country moving again.", SegmentKind.OPINION),
        ("That is a disgrace.", SegmentKind.OPINION),
        ("In my view, the plan is wrong.", SegmentKind.OPINION),
    ],
)
def test_kind(text: str, kind: SegmentKind) -> None:
    assert score_sentence(text).kind is kind


def test_opinion_marker_with_checkable_figures_stays_a_claim() -> None:
    result = score_sentence("I think unemployment rose to 9% in 2009.")
    assert result.kind is SegmentKind.CLAIM


def test_value_word_as_an_attribute_is_not_an_opinion() -> None:
    assert score_sentence("The program is great.").kind is SegmentKind.OPINION
    assert score_sentence("There is a great program in Richmond.").kind is not SegmentKind.OPINION


def test_should_inside_another_word_is_not_an_exhortation() -> None:
    result = score_sentence("He grabbed me by the shoulder.")
    assert result.kind is not SegmentKind.OPINION


@pytest.mark.parametrize("text", ["Did Iran send 40 drones in 2019?", "We must cut 5% by 2030?"])
def test_questions_are_never_claims_whatever_the_threshold(text: str) -> None:
    assert score_sentence(text, threshold=0.0).kind is SegmentKind.QUESTION


def test_opinions_are_never_claims_whatever_the_threshold() -> None:
    assert score_sentence("We should raise taxes.", threshold=0.0).kind is SegmentKind.OPINION


def test_threshold_decides_claim_or_statement() -> None:
    text = "The weather was nice."
    score = score_sentence(text).score
    assert 0.0 < score < 1.0
    assert score_sentence(text, threshold=score).kind is SegmentKind.CLAIM
    assert score_sentence(text, threshold=min(1.0, score + 1e-9)).kind is SegmentKind.STATEMENT


def test_score_sentence_returns_worthiness() -> None:
    result = score_sentence("Unemployment fell to 3.5% in 2019.")
    assert isinstance(result, Worthiness)
    assert result.score > 0.9
    assert result.reasons == ("number", "date", "quantity", "statistic", "trend")


_TOKEN_DEFINITION = re.compile(r"\w+(?:['.,]\w+)*|[?%$\u00a3\u20ac]")


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="ab0_é²'.,\"()[]:;!?%$€£“”«»-–—…*/| \n\tİΣ",
        max_size=60,
    )
)
def test_tokens_are_those_of_the_token_pattern(text: str) -> None:
    folded = worthiness._fold(text)
    assert worthiness._find_tokens(folded) == _TOKEN_DEFINITION.findall(folded)
    assert tokenize(text) == _TOKEN_DEFINITION.findall(folded)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("(the “u.s.” said,", ["the", "u.s", "said"]),
        ("…end… 'em' \"'a'\" ''", ["end", "em", "a"]),
        ("$5, 5%, £5? (€5) [a_b] -x- ", ["$", "0", "0", "%", "£", "0", "?", "€", "0", "a_b", "x"]),
        ("«élan» ²: iran's, a.b.", ["élan", "²", "iran's", "a.b"]),
    ],
)
def test_a_word_between_marks_is_one_token(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


# --- scores --------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_score_is_a_probability_for_any_text(text: str) -> None:
    result = score_sentence(text)
    assert 0.0 <= result.score <= 1.0
    assert set(result.reasons) <= set(REASONS)
    assert result.kind in {
        SegmentKind.CLAIM,
        SegmentKind.STATEMENT,
        SegmentKind.QUESTION,
        SegmentKind.OPINION,
    }


def test_extreme_scores_do_not_overflow() -> None:
    long_claim = " ".join(["In 2019 unemployment fell 3.5% said the Census Bureau."] * 500)
    assert 0.0 <= score_sentence(long_claim).score <= 1.0
    assert 0.0 <= score_sentence("thank you " * 2000).score <= 1.0


def test_scores_follow_the_documented_formula() -> None:
    model = load_model(FIXTURES / "tiny-model.json")

    def expected(dot: float, norm2: float, rules: float) -> float:
        return 1 / (1 + math.exp(-(-1.0 + dot / math.sqrt(norm2) + rules)))

    # Only "fell" is in the vocabulary: idf 2, weight 1.5.
    assert score_sentence("Unemployment fell.", model=model).score == pytest.approx(
        expected(3.0, 4.0, 0.0)
    )
    # A repeated term counts twice, in the dot product and in the norm.
    assert score_sentence("fell fell", model=model).score == pytest.approx(expected(6.0, 8.0, 0.0))
    # "the weather" (idf 3, weight -2) joins in, and the number rule adds 2.
    assert score_sentence("The weather fell 3 times.", model=model).score == pytest.approx(
        expected(3.0 - 6.0, 4.0 + 9.0, 2.0)
    )
    # No known term at all: the bias and the rules alone.
    assert score_sentence("Nothing here.", model=model).score == pytest.approx(
        1 / (1 + math.exp(1.0))
    )


def test_pairs_looked_up_as_tuples_give_the_sums_of_the_joined_terms() -> None:
    # Scoring never joins a token pair into its term: the sums must be those of the terms,
    # added in the same order, to the last bit.
    model = load_model()
    sentences = [
        "Unemployment fell to 3.5% in 2019, the Census Bureau said on Tuesday.",
        "“We will build a wall,” Trump told supporters in Phoenix, Arizona.",
        "The ministry has not confirmed the figures, according to Reuters.",
        "Is this the end?",
        "",
    ]
    for text in sentences:
        total = sum(model.terms.get(term, 0j) for term in extract_terms(text))
        z = model.intercept + (total.real / math.sqrt(total.imag) if total.imag else 0.0)
        z += sum(model.rules[name] for name in worthiness.find_rule_features(text))
        logistic = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
        assert score_sentence(text).score == logistic


def test_term_keys_split_pairs_and_skip_longer_terms() -> None:
    assert worthiness.term_key("fell") == "fell"
    assert worthiness.term_key("the weather") == ("the", "weather")
    assert worthiness.term_key("one two three") is None


# --- the weights file ----------------------------------------------------------------------------


def test_bundled_weights_file_has_its_fields() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["format"] == MODEL_FORMAT
    assert data["tokenizer"] == TOKENIZER_VERSION
    assert data["threshold"] == DEFAULT_THRESHOLD
    assert isinstance(data["intercept"], float)
    assert list(data["rules"]) == list(RULE_FEATURES)
    assert len(data["vocabulary"]) > 5000
    assert all(len(entry) == 2 and entry[0] >= 1.0 for entry in data["vocabulary"].values())
    provenance = data["provenance"]
    assert provenance["licence"] == "GPL-3.0"
    assert "utaresearch/claimbuster-spotter" in provenance["data"]
    assert float(provenance["runtime_parity"]) < 1e-4
    for split in ("balanced", "natural"):
        figures = data["heldout"][split]
        assert figures["ours"]["f1"] > figures["rule_baseline"]["f1"]
        assert set(figures) >= {"ours", "tfidf_lr_reference", "rule_baseline", "all_positive"}
    assert MODEL_PATH.stat().st_size < 1_500_000


def test_bundled_model_loads_and_is_cached() -> None:
    model = load_model()
    assert model is load_model()
    assert model.threshold == DEFAULT_THRESHOLD
    assert set(model.rules) == set(RULE_FEATURES)
    assert model.source == str(MODEL_PATH)


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("not-an-object.json", "expected a JSON object, got list"),
        (
            "wrong-format.json",
            "format: expected 'factcheck-checkworthiness/1', got 'something-else/3'",
        ),
        (
            "old-tokenizer.json",
            "tokenizer: expected version 2, got 1; retrain with tools/train_checkworthiness.py",
        ),
        (
            "threshold-out-of-range.json",
            "threshold: expected a number between 0 and 1, got 1.5",
        ),
        (
            "missing-rule.json",
            "rules: expected weights for number, date, quantity, statistic, comparative, trend, "
            "causal, attribution, named actor, names 2+, names 3+; got number, date",
        ),
        ("missing-vocabulary.json", "missing field 'vocabulary'"),
        (
            "non-numeric-weight.json",
            "vocabulary['said']: expected a finite number, got 'high'",
        ),
    ],
)
def test_damaged_weights_file_is_a_claims_error(fixture: str, message: str) -> None:
    path = FIXTURES / fixture
    with pytest.raises(ClaimsError) as caught:
        load_model(path)
    assert str(caught.value) == f"{path}: {message}"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("[2.0]", "expected [idf, weight]"),
        ('"2.0 1.5"', "expected [idf, weight]"),
        ("[2.0, 1.5, 0.1]", "expected [idf, weight]"),
        ("[true, 1.5]", "expected a finite number, got True"),
        ("[2.0, Infinity]", "expected a finite number, got inf"),
        ("[1e999, 1.5]", "expected a finite number, got inf"),
        ("[2.0, NaN]", "expected a finite number, got nan"),
        ("[[2.0], 1.5]", "expected a finite number, got [2.0]"),
    ],
)
def test_one_bad_vocabulary_entry_among_good_ones_is_named(
    tmp_path: Path, entry: str, message: str
) -> None:
    text = (FIXTURES / "tiny-model.json").read_text(encoding="utf-8")
    path = tmp_path / "model.json"
    path.write_text(text.replace('"fell": [2.0, 1.5]', f'"rose": [1.0, 1.0], "fell": {entry}'))
    with pytest.raises(ClaimsError) as caught:
        load_model(path)
    assert str(caught.value) == f"{path}: vocabulary['fell']: {message}"


def test_whole_numbers_in_the_vocabulary_score_as_their_floats(tmp_path: Path) -> None:
    text = (FIXTURES / "tiny-model.json").read_text(encoding="utf-8")
    path = tmp_path / "model.json"
    path.write_text(
        text.replace('"fell": [2.0, 1.5]', '"fell": [2, 1.5], "a b c": [1, 1]').replace(
            '"the weather": [3.0, -2.0]', '"the weather": [3, -2]'
        )
    )
    tiny = load_model(FIXTURES / "tiny-model.json")
    model = load_model(path)
    assert model.terms == {**tiny.terms, "a b c": complex(1.0, 1.0)}
    assert model.keyed == tiny.keyed  # a term of three words is never looked up
    text = "The weather fell."
    assert score_sentence(text, model=model) == score_sentence(text, model=tiny)


def test_truncated_weights_file_is_a_claims_error() -> None:
    path = FIXTURES / "truncated.json"
    with pytest.raises(ClaimsError) as caught:
        load_model(path)
    assert re.fullmatch(
        re.escape(f"{path}: the check-worthiness model is not valid JSON (")
        + r"[^\n]+"
        + re.escape("); reinstall factcheck or retrain with tools/train_checkworthiness.py"),
        str(caught.value),
    )


def test_missing_weights_file_is_a_claims_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.json"
    with pytest.raises(ClaimsError) as caught:
        load_model(path)
    assert str(caught.value) == (
        f"{path}: cannot read the check-worthiness model: No such file or directory"
    )


def test_damaged_bundled_file_fails_scoring_with_claims_error(
    monkeypatch: pytest.MonkeyPatch, bundled_model_reset: None
) -> None:
    path = FIXTURES / "truncated.json"
    monkeypatch.setattr(worthiness, "MODEL_PATH", path)
    with pytest.raises(ClaimsError, match="check-worthiness model is not valid JSON"):
        score_sentence("Unemployment fell to 3.5% in 2019.")


# --- evaluation helpers --------------------------------------------------------------------------


def test_measure_f1() -> None:
    labels = [True, True, False, False]
    assert measure_f1(labels, [True, False, True, False]) == (0.5, 0.5, 0.5)
    assert measure_f1(labels, [False] * 4) == (0.0, 0.0, 0.0)
    assert measure_f1(labels, [True] * 4) == pytest.approx((2 / 3, 0.5, 1.0))


def test_split_heldout_is_stratified_disjoint_and_deterministic() -> None:
    sentences = [LabelledSentence(i, i % 4 == 0, f"sentence {i}") for i in range(1000)]
    split = split_heldout(sentences)
    assert split == split_heldout(sentences)
    assert set(split_heldout(sentences[::-1]).heldout) == set(split.heldout)
    assert len(split.train) == 800
    assert len(split.heldout) == 200
    assert sum(s.label for s in split.heldout) == 50
    assert not set(split.train) & set(split.heldout)
    assert set(split.balanced) <= set(split.heldout)
    assert len(split.balanced) == 100
    assert sum(s.label for s in split.balanced) == 50
    assert list(split.heldout) == sorted(split.heldout, key=sentences.index)


def test_load_labelled_rejects_bad_records(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[{"sentence_id": 1, "label": 2, "text": "x"}]', encoding="utf-8")
    with pytest.raises(ClaimsError) as caught:
        load_labelled(path)
    assert str(caught.value) == f"{path}: [0]: expected {{sentence_id: int, label: 0|1, text: str}}"


# --- held-out quality ----------------------------------------------------------------------------


@pytest.mark.skipif(not TRAIN.exists(), reason="ClaimBuster train.json not available")
def test_heldout_f1_beats_the_rule_baseline() -> None:
    split = split_heldout(load_labelled(TRAIN))
    for part in (split.balanced, split.heldout):
        labels = [s.label for s in part]
        results = [score_sentence(s.text) for s in part]
        ours = measure_f1(labels, [r.kind is SegmentKind.CLAIM for r in results])[0]
        rule = measure_f1(
            labels, [bool(RULE_BASELINE_REASONS.intersection(r.reasons)) for r in results]
        )[0]
        assert ours > rule + 0.05
    balanced_labels = [s.label for s in split.balanced]
    balanced_ours = measure_f1(
        balanced_labels,
        [score_sentence(s.text).kind is SegmentKind.CLAIM for s in split.balanced],
    )[0]
    assert balanced_ours > 0.73


# --- one article's sentences at once ------------------------------------------------------------

# Words that hit every rule, with names, figures, questions and opinions among them.
_CUE_SENTENCE = (
    "The minister said prices rose more than percent because according to Smith Jones in March "
    "2019 three million average increased I think we must is a disgrace , . ? Why did you $ 5 "
    "rate fell Paris"
)
_CUE_TEXT = st.lists(st.sampled_from(_CUE_SENTENCE.split()), max_size=25).map(" ".join)


def _plain_reasons(text: str) -> tuple[str, ...]:
    """The reasons as the rules define them: each cue word list tested on its own."""
    analysis = worthiness._analyse(text)
    cues, folded = analysis.cues, analysis.folded
    digits = "0" in folded
    flags = {
        "number": digits or cues & worthiness._NUMWORD,
        "date": cues & worthiness._DATE
        or (cues & worthiness._YEAR_SHAPE and worthiness._YEAR.search(text)),
        "quantity": cues & (worthiness._MAGNITUDE | worthiness._NUMWORD_UNIT)
        or (digits and worthiness._QUANTITY.search(folded)),
        "statistic": cues & worthiness._STATISTIC,
        "comparative": cues & worthiness._COMPARATIVE,
        "trend": cues & worthiness._TREND,
        "causal": cues & worthiness._CAUSAL,
        "attribution": cues & worthiness._ATTRIBUTION,
        "named actor": worthiness._count_names(text) > 0,
    }
    return tuple(reason for reason in REASONS if flags[reason])


@settings(max_examples=150, deadline=None)
@given(_CUE_TEXT)
def test_reasons_from_the_flag_table_are_those_of_each_rule(text: str) -> None:
    assert find_reasons(text) == _plain_reasons(text)
    names = worthiness._count_names(text)
    extra = ("names 2+", "names 3+")[: max(0, names - 1)]
    assert worthiness.find_rule_features(text) == (*_plain_reasons(text), *extra)


@settings(max_examples=100, deadline=None)
@given(st.lists(_CUE_TEXT, max_size=8), st.floats(0.05, 0.95))
def test_sentences_scored_together_score_as_one_by_one(texts: list[str], threshold: float) -> None:
    assert worthiness.score_sentences(texts, threshold) == [
        score_sentence(text, threshold) for text in texts
    ]


def test_a_long_run_of_digits_is_read_in_linear_time() -> None:
    # The quantity pattern was tried from each digit of a run, and each try read to the end of
    # it: 20,000 digits (a pasted table or hash) took over a minute, 8,000 about ten seconds.
    # A regular expression holds the interpreter, so the time is measured, not cut short.
    import time

    long = "1" * 8_000
    start = time.perf_counter()
    reasons = [
        find_reasons(f"The file counts {long} rows."),
        find_reasons(f"The road is {long}.5 km long."),
        find_reasons(f"It rose {long},{long} percent."),
    ]
    assert time.perf_counter() - start < 1.0
    assert reasons == [
        ("number",),
        ("number", "quantity"),
        ("number", "quantity", "statistic", "trend"),
    ]
