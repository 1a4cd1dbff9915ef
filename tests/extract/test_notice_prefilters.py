"""Notice prefilters: a notice pattern is skipped only where it cannot match."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import segment_notices
from factcheck.sources.prefilter import Rule, lowered

RULES = {name: rule for name, rule in vars(segment_notices).items() if isinstance(rule, Rule)}

# For each rule, texts its pattern matches: one for each way the pattern has to match.
MATCHED = {
    "_ERROR": [
        "Something went wrong. Please try again later.",
        "Please enable JavaScript to see the comments.",
        "Sorry, your browser does not support the player.",
        "An error occurred while loading the gallery.",
        "JavaScript is disabled in this window.",
    ],
    "_LINKED_POINTER": [
        "For more information visit www.example.org",
        "Please contact the desk at desk@example.org",
        "To order copies go to example.com",
        "Please click through to example.com",
        "Please e-mail the desk",
        "Please email the desk",
        "Please write to the desk",
        "Please head to example.com",
        "Please see example.com",
        "Please call the desk",
    ],
    "_SMALL_PRINT": [
        "Prices are subject to change.",
        "The offer holds while supplies last.",
        "Every deal is subject to change without notice.",
        "Sale ends while stocks last.",
        "The page is for informational purposes only.",
    ],
    "_CONSENT": ["We use cookies to improve the page.", "Read the cookie policy."],
    "_DISCLOSURE": [
        "We may earn a commission on purchases.",
        "The site gets a share of the sale.",
        "The page holds affiliate links.",
    ],
    "_USAGE": [
        "For personal, non-commercial use only.",
        "Use is governed by our Terms of Use.",
        "The copy is protected by copyright law.",
    ],
    "_COMMENTS": [
        "All comments are moderated first.",
        "We moderate every comment.",
        "We reserve the right to remove posts.",
    ],
    "_ENJOYED": ["If you enjoyed this article, subscribe."],
    "_OFFER": [
        "12 issues for £11.99.",
        "6 editions at just $5.",
        "Read on for as little as Rs 599 for the first year.",
        "Join for only €2 a month.",
        "Get the weekly digest delivered straight to your inbox.",
        "Members read with no paywalls.",
        "The news that matters, delivered weekday mornings.",
    ],
    "_FEEDBACK": [
        "We'd like to hear from readers.",
        "Let us know below.",
        "Send us tips.",
        "Tell us what you think.",
    ],
}
# Letters that a case-insensitive pattern also reads as 'i', 'k' or 's'.
OTHER_CASES = {"i": "\u0130\u0131", "I": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
NOISE = ["", " ", "Our reporter said. ", "\u00a0", "\u2019s "]


@functools.cache
def _cases(char: str) -> st.SearchStrategy[str]:
    """The character in either case or as a letter of another case: one strategy for each
    character, made once (making one for each letter drawn cost more than the test itself)."""
    return st.sampled_from((char, char.swapcase(), *OTHER_CASES.get(char, "")))


@st.composite
def recased(draw: st.DrawFn) -> str:
    """An example between bits of other text, each of its letters in either case or written
    as a letter of another case."""
    example = draw(st.sampled_from([text for texts in MATCHED.values() for text in texts]))
    letters = [draw(_cases(char)) for char in example]
    return draw(st.sampled_from(NOISE)) + "".join(letters) + draw(st.sampled_from(NOISE))


def test_every_rule_has_texts_it_matches() -> None:
    assert set(MATCHED) == set(RULES)


@pytest.mark.parametrize(
    ("name", "text"), [(name, text) for name, texts in MATCHED.items() for text in texts]
)
def test_a_rule_passes_the_texts_its_pattern_matches(name: str, text: str) -> None:
    rule = RULES[name]
    expected = rule.pattern.search(text)
    assert expected
    found = rule.search(text, lowered(text))
    assert found
    assert found.span() == expected.span()


@settings(max_examples=150, deadline=None)
@given(recased())
def test_a_rule_finds_what_its_pattern_finds(text: str) -> None:
    low = lowered(text)
    for name, rule in RULES.items():
        searched, matched = rule.pattern.search(text), rule.pattern.match(text)
        assert rule.may_match(low) or not searched, name
        found, opened = rule.search(text, low), rule.match(text, low)
        assert (found and found.span()) == (searched and searched.span()), name
        assert (opened and opened.span()) == (matched and matched.span()), name
