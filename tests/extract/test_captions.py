"""Photo captions that state a fact become claims, attributed to the photo's credit."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract.captions import caption_claims, credit_name
from factcheck.extract.pipeline import extract
from factcheck.models import Segment, SegmentKind


@pytest.mark.parametrize(
    ("credit", "name"),
    [
        ("(IDF)", "IDF"),
        ("[Abdel Kareem Hana/AP]", "Abdel Kareem Hana/AP"),
        ("(Photo: Jane Doe/Reuters)", "Jane Doe/Reuters"),
        ("Credit: Reuters.", "Reuters"),
        ("()", None),
    ],
)
def test_credit_name(credit: str, name: str | None) -> None:
    assert credit_name(credit) == name


def segments(*pieces: tuple[SegmentKind, str]) -> list[Segment]:
    out, start = [], 0
    for kind, text in pieces:
        out.append(Segment(start, start + len(text), kind, text, block=0))
        start += len(text) + 1
    return out


def test_a_factual_caption_is_a_claim_credited_to_its_photo() -> None:
    found = caption_claims(
        segments(
            (SegmentKind.TITLE, "Border clashes"),
            (
                SegmentKind.CAPTION,
                "Rockets fired from Gaza were intercepted over Ashkelon on May 12, 2021.",
            ),
            (SegmentKind.CREDIT, "(Reuters)"),
            (SegmentKind.CAPTION, "A man walks past a mural."),
            (SegmentKind.CREDIT, "(AFP)"),
        ),
        first_id=7,
        threshold=0.5,
    )
    assert [(c.id, c.caption, c.attribution.speaker, c.reasons[-1]) for c in found] == [
        ("c7", True, "Reuters", "caption")
    ]


def test_the_bundled_articles_caption_is_claim_c18(seed_path: Path) -> None:
    claims = extract(str(seed_path)).claims
    assert len(claims) == 18
    caption = claims[-1]
    assert (caption.id, caption.caption, caption.attribution.speaker) == ("c18", True, "IDF")
    assert caption.text == (
        "Iranian missiles headed towards Hamas in Gaza were intercepted by the Israeli navy in "
        "March 2014."
    )
    assert not any(c.caption for c in claims[:-1])
