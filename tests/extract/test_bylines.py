"""Tests for bylines: only people's names or staff credits become a document's byline."""

from __future__ import annotations

import pytest

from factcheck.extract.bylines import clean_byline


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("By Jane Roe", "Jane Roe"),
        ("By AAMER MADHANI and JOSH BOAK", "AAMER MADHANI, JOSH BOAK"),
        ("Nidal al-Mughrabi and Maayan Lubell", "Nidal al-Mughrabi, Maayan Lubell"),
        ("Jane Roe, Senior Reporter", "Jane Roe"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("Reuters Staff", "Reuters Staff"),
        ("The Editorial Board", "The Editorial Board"),
        ("Analysis by Marta Quellen", "Marta Quellen"),
        ("Tomas Brill, Example Daily Editor-at-large", "Tomas Brill"),
        ("ANA PELL, RUI COSTA Associated Press", "ANA PELL, RUI COSTA"),
        ("By Ana Pell The Associated Press", "Ana Pell"),
        ("Ana Pell, Associated Press", "Ana Pell"),
        ("The Associated Press", "The Associated Press"),
        ("Dawn Reyes and Ana Pell", "Dawn Reyes, Ana Pell"),
        ("Tomas Brill, Dawn International", "Tomas Brill"),
        ("Tomas Brill, Dawn Reyes", "Tomas Brill, Dawn Reyes"),
        ("Tomas Brill, Dawn News", "Tomas Brill"),
        # Two names joined by the word for "and" of a page's language.
        ("Jana Roth und Max Weber", "Jana Roth, Max Weber"),
        ("Anna de Wit en Jan Smit", "Anna de Wit, Jan Smit"),
        # a company after a name is where the author works; a surname of two letters stays
        ("Jane Roe, Acme Robotics Ltd", "Jane Roe"),
        ("Jon Sa", "Jon Sa"),
        ("Mary Co", "Mary Co"),
        # a nickname in quotation marks between the names, as written
        ('Amanda "Tania Mae" Tan', 'Amanda "Tania Mae" Tan'),
        ("By Dana \u201cDee\u201d Roe and Jane Roe", "Dana \u201cDee\u201d Roe, Jane Roe"),
    ],
)
def test_names_and_staff_credits_are_bylines(value: str, expected: str) -> None:
    assert clean_byline(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "Username",
        "Follow Author",
        "author",
        "Admin",
        "Updated June 4, 2024",
        "Carrie Arnold November 15, 2019",
        "https://example.org/people/jane-roe",
        "@janeroe",
        "jane.roe@example.org",
        "The Morning Roundup",
        "A Daily Digest",
        # a company names no author
        "RSW AG",
        "Acme Media GmbH",
        "Example Holdings Inc.",
        "Acme Robotics Ltd",
        "Harbour Shipping SA",
        # quotation marks that hold no nickname between names
        '"Exclusive" Report',
        'Amanda "Tania Mae Tan',
        "",
        None,
    ],
)
def test_labels_dates_and_addresses_are_not_bylines(value: str | None) -> None:
    assert clean_byline(value) is None
