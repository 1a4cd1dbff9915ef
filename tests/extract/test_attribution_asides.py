"""Tests for stage ③ attribution: speakers named in a fronted aside ("As X put it, …") and by a
verb of the manner of speaking ("the senator barked")."""

from __future__ import annotations

import pytest

from factcheck.extract.attribution import attribute_sentences

Row = tuple[str | None, str | None, str | None, bool]
Row3 = tuple[str | None, str | None, bool]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "As Akhil Amar, a professor of law at Yale, put it, “Senators should remember this.”",
            ("Akhil Amar", "professor of law at Yale", "put", True),
        ),
        ("But as the mayor put it, nobody wins a war of budgets.", ("mayor", None, "put", False)),
        (
            "As Senator Ann Hale put it: “This nominee will not be confirmed.”",
            ("Ann Hale", "Senator", "put", True),
        ),
        (
            "In the words of Senator Ann Hale, “the bill is dead and buried.”",
            ("Ann Hale", "Senator", "in the words of", True),
        ),
        # Something that cannot hold a view puts nothing; "as expected" is no aside.
        ("As the storm put it, everything in the valley is wet.", (None, None, None, False)),
        ("As expected, the vote failed by a wide margin.", (None, None, None, False)),
        ("As it was put to voters, the plan would cost nothing.", (None, None, None, False)),
    ],
)
def test_a_fronted_aside_names_the_speaker(sentence: str, expected: Row) -> None:
    (a,) = attribute_sentences([sentence])
    assert (a.speaker, a.role, a.verb, a.quote) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("“Go back to your seat,” the senator barked.", ("senator", "barked", True)),
        ("“Oh, my God,” a young woman exclaimed.", ("unnamed source", "exclaimed", True)),
        ("The mayor retorted: “Nobody asked the towns.”", ("mayor", "retorted", True)),
        # The same verbs without words reported say nothing.
        ("The dog barked all night at the gate.", (None, None, False)),
        ("He snapped a photo of the crowd at the gate.", (None, None, False)),
    ],
)
def test_a_manner_of_speaking_reports_words_only_with_them(sentence: str, expected: Row3) -> None:
    (a,) = attribute_sentences([sentence])
    assert (a.speaker, a.verb, a.quote) == expected
