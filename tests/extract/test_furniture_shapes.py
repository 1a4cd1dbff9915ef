"""Furniture told by shape: the quick tests give the answers of the rules as written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.segment import segment_document
from factcheck.extract.segment_furniture import _has_digit, _in_capitals, _shape_kind
from factcheck.models import Document, SegmentKind

LETTERS = "aAbBzZ éÉßẞǅǈªº ŉ Σσς\u0406\u0456 \u06612\u0663²½ -:.,@©()'’"


def _capitals_as_written(piece: str) -> bool:
    cased = [c for c in piece if c.isalpha() and c.lower() != c.upper()]
    return len(cased) >= 6 and sum(c.isupper() for c in cased) >= 0.85 * len(cased)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=LETTERS, max_size=60))
def test_lines_in_capitals_as_the_rule_says(piece: str) -> None:
    assert _in_capitals(piece) == _capitals_as_written(piece)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=LETTERS, max_size=60))
def test_digits_found_as_str_isdigit_finds_them(piece: str) -> None:
    # ASCII text by substring searches, other text (Arabic-Indic digits, superscripts) by isdigit.
    assert _has_digit(piece) == any(c.isdigit() for c in piece)
    assert _has_digit(piece.encode("ascii", "ignore").decode()) == any(
        c in "0123456789" for c in piece
    )


def _few_letters_as_written(piece: str) -> bool:
    letters = sum(c.isalpha() for c in piece)
    return any(c.isdigit() for c in piece) and letters < 0.3 * (len(piece) - piece.count(" "))


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=LETTERS.replace("@", "").replace("©", "").replace("(", "") + "09", max_size=60)
)
def test_time_stamps_and_ids_as_the_rule_says(piece: str) -> None:
    # Letters of every script count, ASCII or not ("ǅ", "ª", Cyrillic, Greek), and only they.
    found = _shape_kind(piece, True, 5, False) is SegmentKind.DATELINE
    assert found == _few_letters_as_written(piece)


def test_shapes_of_furniture() -> None:
    assert _shape_kind("Reach her at jane@example.org.", True, 5, False) is SegmentKind.CREDIT
    assert (
        _shape_kind("© 2021 The Outlet. All rights reserved.", True, 6, False) is SegmentKind.CREDIT
    )
    assert _shape_kind("All Rights Reserved", False, 3, False) is SegmentKind.CREDIT
    assert _shape_kind("2019-11-19T07:23:12+01:00", False, 1, False) is SegmentKind.DATELINE
    assert _shape_kind("BREAKING NEWS FROM THE FRONT", False, 5, False) is SegmentKind.TITLE
    assert _shape_kind("The ministry said 300 people left.", True, 6, False) is None
    assert _shape_kind("(C) 2020 by the author", False, 5, False) is SegmentKind.CREDIT
    assert _shape_kind("He wrote (c) notes", False, 4, False) is None


@pytest.mark.parametrize(
    "notice",
    [
        "No reproduction without permission.",
        "No redistribution or republication without written consent.",
        "This material may not be published, broadcast, rewritten or redistributed.",
        "This material may not be published, broadcast, rewritten, or redistributed.",
        "The content may not be reproduced or distributed.",
        "Reproduction in whole or in part without permission is prohibited.",
        "Redistribution of this article is strictly forbidden.",
    ],
)
def test_notices_about_copying_the_page_are_credits(notice: str) -> None:
    words = len(notice.split())
    assert _shape_kind(notice, True, words, False) is SegmentKind.CREDIT


@pytest.mark.parametrize(
    "sentence",
    [
        "The newspaper republished the photo without permission.",
        "Grant money may not be redistributed to other programs, officials said.",
        "The reproduction of the painting sold for $2 million.",
        "No one was hurt.",
    ],
)
def test_a_story_about_copying_is_not_a_notice(sentence: str) -> None:
    assert _shape_kind(sentence, True, len(sentence.split()), False) is None


def _kinds(text: str) -> list[tuple[SegmentKind, str]]:
    _, segments = segment_document(Document(source="test", text=text, sha256="0" * 64))
    return [(s.kind, s.text) for s in segments]


HEADLINE = "Council raises ferry fares for a third year"
FIRST = "The council voted on Tuesday to raise fares by 5 percent."
LAST = "Riders said the rise would hurt commuters on the island route."


@pytest.mark.parametrize(
    "line",
    [
        "[Advertisement]",
        "[ The Example Gazette ]",  # a digest's source, after its item
        "[Photo=Example Images, Jo Lee]",
        # a Chinese page's "report an error" link
        "\u3010\u7ea0\u9519\u3011",
        "LINE ID = @example",
        "Follow us @example_news",
        # "Account:" in Russian
        "\u0410\u043a\u043a\u0430\u0443\u043d\u0442: @example",
        "@media screen and (max-width: 600px) {",
    ],
)
def test_a_bracketed_label_or_a_handle_on_a_line_of_its_own_is_furniture(line: str) -> None:
    assert _kinds(f"{HEADLINE}\n\n{FIRST}\n\n{LAST}\n\n{line}\n") == [
        (SegmentKind.TITLE, HEADLINE),
        (SegmentKind.STATEMENT, FIRST),
        (SegmentKind.STATEMENT, LAST),
        (SegmentKind.RELATED, line),
    ]


@pytest.mark.parametrize(
    "line",
    [
        # Near misses: a subheading; a sentence naming an account; a quotation's source in
        # parentheses; a longer line in brackets; an e-mail address's "@"; and a web address,
        # which a list of links in the body may print alone.
        "Fares rise for the third year running",
        "The mayor replied on her account @example.",
        "(Example Wire)",
        "[The council has since voted to freeze fares for the rest of the year]",
        "Fares by email at fares@example.org",
        "https://example.org/fares",
    ],
)
def test_lines_like_them_keep_their_kind(line: str) -> None:
    kinds = _kinds(f"{HEADLINE}\n\n{FIRST}\n\n{LAST}\n\n{line}\n")
    assert kinds[3][1] == line
    assert kinds[3][0] is not SegmentKind.RELATED


def test_the_wires_a_story_draws_on_are_its_credit() -> None:
    line = "(With inputs from PTI)"
    assert _kinds(f"{HEADLINE}\n\n{FIRST}\n\n{LAST}\n\n{line}\n")[-1] == (SegmentKind.CREDIT, line)


@pytest.mark.parametrize(
    "line",
    [
        # Japanese: share this news
        "\u3053\u306e\u30cb\u30e5\u30fc\u30b9\u3092\u30b7\u30a7\u30a2",
        # Japanese: for paying members only
        (
            "\uff3b\u6709\u6599\u4f1a\u54e1\u9650\u5b9a\uff3d \u3053\u306e\u8a18"
            "\u4e8b\u306f\u4f1a\u54e1\u9650\u5b9a\u3067\u3059\u3002"
        ),
        # Japanese: sign up to read on
        (
            "\u96fb\u5b50\u7248\u306b\u767b\u9332\u3059\u308b\u3068\u7d9a\u304d\u3092"
            "\u304a\u8aad\u307f\u3044\u305f\u3060\u3051\u307e\u3059\u3002"
        ),
        # Chinese: read the full text
        "\u9605\u8bfb\u5168\u6587",
        # Korean: top news
        "Entermedia \uc8fc\uc694\ub274\uc2a4",
        # Korean: sign up
        "\ud68c\uc6d0\uac00\uc785",
        # Thai: click here
        "\u0e04\u0e25\u0e34\u0e01\u0e17\u0e35\u0e48\u0e19\u0e35\u0e48",
        # Arabic: read also
        "\u0627\u0642\u0631\u0623 \u0623\u064a\u0636\u0627",
        # Russian: read also
        "\u0427\u0438\u0442\u0430\u0439\u0442\u0435 \u0442\u0430\u043a\u0436\u0435",
    ],
)
def test_a_short_line_of_the_interface_in_another_script_is_furniture(line: str) -> None:
    assert _kinds(f"{HEADLINE}\n\n{FIRST}\n\n{LAST}\n\n{line}\n")[-1] == (SegmentKind.RELATED, line)


@pytest.mark.parametrize(
    "line",
    [
        # Near misses: a sentence that uses a word of the interface in its own sense, a long one.
        # Japanese: the market share reached 10%
        "\u5e02\u5834\u30b7\u30a7\u30a2\u306f10%\u306b\u9054\u3057\u305f\u3002",
        # Japanese: a long sentence about a new log-in
        (
            "\u540c\u793e\u306f\u65b0\u3057\u3044\u30ed\u30b0\u30a4\u30f3\u65b9\u5f0f"
            "\u3092\u6765\u6708\u304b\u3089\u5168\u3066\u306e\u5229\u7528\u8005\u306b"
            "\u5c0e\u5165\u3059\u308b\u3068\u767a\u8868\u3057\u305f\u3002"
        ),
        # Russian: he decided to share his thoughts
        (
            "\u041e\u043d \u0440\u0435\u0448\u0438\u043b \u043f\u043e\u0434\u0435"
            "\u043b\u0438\u0442\u044c\u0441\u044f \u0441\u0432\u043e\u0438\u043c"
            "\u0438 \u043c\u044b\u0441\u043b\u044f\u043c\u0438 \u0441 \u0447\u0438"
            "\u0442\u0430\u0442\u0435\u043b\u044f\u043c\u0438."
        ),
    ],
)
def test_a_sentence_in_another_script_with_an_interface_word_is_the_story_s(line: str) -> None:
    kinds = _kinds(f"{HEADLINE}\n\n{FIRST}\n\n{LAST}\n\n{line}\n")
    assert kinds[3][1] == line
    assert kinds[3][0] is not SegmentKind.RELATED


@pytest.mark.parametrize(
    "line",
    [
        "Twitter: @example Facebook Page: Example example.com YouTube: Example Instagram @ex",
        "Follow us on Twitter, Facebook and Instagram: @example_news",
    ],
)
def test_a_line_of_where_to_follow_the_site_is_furniture(line: str) -> None:
    assert _kinds(f"{HEADLINE}\n\n{FIRST}\n\n{LAST}\n\n{line}\n")[-1] == (SegmentKind.RELATED, line)


def test_a_sentence_naming_platforms_stays_the_story_s() -> None:
    # Near miss: the platforms are the story's subject, and no account is named.
    line = "The company said Twitter, Facebook and YouTube removed the videos on Monday."
    assert _kinds(f"{HEADLINE}\n\n{FIRST}\n\n{LAST}\n\n{line}\n")[-1][0] is not SegmentKind.RELATED


def test_a_line_of_where_to_follow_the_site_over_the_headline_is_no_title() -> None:
    line = "Twitter: @example Facebook Page: Example example.com YouTube: Example Instagram @ex"
    doc, segments = segment_document(
        Document(source="test", text=f"{line}\n{HEADLINE}\n\n{FIRST}\n", sha256="0" * 64)
    )
    assert doc.title == HEADLINE
    assert (segments[0].kind, segments[0].text) == (SegmentKind.RELATED, line)


@pytest.mark.parametrize(
    "line",
    [
        "Screenshot by Jane Roe/Example Esports",
        "PHotograph: JANE ROE/Getty Images",  # the label as a page's letters set it
        "Jane Roe\u2014Getty Images",
        "(Example Agency via AP, File)",
        "05:22 - Source: Example News",  # a video's length, then where it came from
    ],
)
def test_a_picture_s_credit_in_more_shapes_is_a_credit(line: str) -> None:
    assert _kinds(f"{HEADLINE}\n\n{FIRST}\n\n{LAST}\n\n{line}\n")[-1] == (SegmentKind.CREDIT, line)


@pytest.mark.parametrize(
    "line",
    [
        # Near misses: a list of features in brackets; a dash in a sentence.
        "(Multi-User Support, Handoff and More)",
        "Jane Roe\u2014Getty Images bought her archive in 2019.",
    ],
)
def test_lines_like_credits_keep_their_kind(line: str) -> None:
    assert _kinds(f"{HEADLINE}\n\n{FIRST}\n\n{LAST}\n\n{line}\n")[-1][0] is not SegmentKind.CREDIT


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Image 3 of / 12", SegmentKind.RELATED),  # a gallery's counter, its bar pasted apart
        ("12 thoughts on \u201cCouncil raises ferry fares again\u201d", SegmentKind.RELATED),
        ("One thought on \u201cCouncil raises ferry fares\u201d", SegmentKind.RELATED),
        ('34 responses to "Council raises ferry fares"', SegmentKind.RELATED),
        ("Login \u2014 Register to add your comments!", SegmentKind.RELATED),
        ("Submitted on Mon, 2024-06-03 13:49", SegmentKind.DATELINE),
    ],
)
def test_a_gallery_s_counter_a_thread_s_heading_and_a_post_s_stamp_are_furniture(
    line: str, kind: SegmentKind
) -> None:
    assert _kinds(f"{HEADLINE}\n\n{FIRST}\n\n{LAST}\n\n{line}\n")[-1] == (kind, line)


def test_thoughts_on_a_quotation_in_a_sentence_stay_the_story_s() -> None:
    # Near miss: a count of thoughts in a sentence, with a quotation, is no thread's heading.
    line = "Riders shared 12 thoughts on \u201cthe fares\u201d with the council."
    kinds = _kinds(f"{HEADLINE}\n\n{FIRST}\n\n{LAST}\n\n{line}\n")
    assert kinds[-1] == (SegmentKind.STATEMENT, line)


CAPTION_SHORT = "Riders wait for the ferry at the island pier on Tuesday. The council ... more"
CAPTION_WHOLE = (
    "Riders wait for the ferry at the island pier on Tuesday. The council voted to raise "
    "fares. (Photo: Jane Roe) less"
)


@pytest.mark.parametrize("pair", [(CAPTION_WHOLE, CAPTION_SHORT), (CAPTION_SHORT, CAPTION_WHOLE)])
def test_a_caption_printed_whole_and_cut_short_with_its_buttons_is_a_caption(
    pair: tuple[str, str],
) -> None:
    kinds = _kinds(f"{HEADLINE}\n\n{FIRST}\n\n{pair[0]}\n{pair[1]}\n\n{LAST}\n")
    assert kinds[0] == (SegmentKind.TITLE, HEADLINE)
    assert kinds[1] == (SegmentKind.STATEMENT, FIRST)
    assert kinds[-1] == (SegmentKind.STATEMENT, LAST)
    assert {kind for kind, _ in kinds[2:-1]} == {SegmentKind.CAPTION}


def test_a_paragraph_ending_with_more_is_no_caption() -> None:
    # Near miss: the same opening on two lines, but neither button ("... more", "less").
    one = "Riders wait for the ferry at the island pier on Tuesday. They want more"
    other = "Riders wait for the ferry at the island pier on Tuesday. They want less"
    kinds = _kinds(f"{HEADLINE}\n\n{FIRST}\n\n{one}\n\n{other}\n\n{LAST}\n")
    assert SegmentKind.CAPTION not in {kind for kind, _ in kinds}
