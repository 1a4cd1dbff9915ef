"""Ingest's counts done in C give the answers of the patterns they stand for."""

from __future__ import annotations

import unicodedata
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.errors import IngestError
from factcheck.extract import ingest

# Every control range's edges, Latin-1 and wider letters, and lone surrogates.
CHARACTERS = st.one_of(
    st.sampled_from("\x00\x08\t\n\x0d\x0e\x1f \x7e\x7f\x80\x9f\xa0ÿĀé’\udc80\udcff"),
    st.characters(),
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=CHARACTERS, max_size=60))
def test_control_characters_are_counted_as_the_pattern_finds_them(text: str) -> None:
    assert ingest._controls(text) == len(ingest._CONTROL.findall(text))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=60))
def test_bytes_are_decoded_as_utf8_with_stray_bytes_read_as_cp1252(data: bytes) -> None:
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(m.end() - m.start() for m in ingest._STRAY.finditer(text))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = ingest._utf8_with_stray_bytes(data, "x")
    if not stray:
        assert (found, caught) == (text, [])
    elif found is not None:
        assert len(caught) == 1 and "were read as Windows-1252" in str(caught[0].message)
        assert not ingest._STRAY.search(found)


# Pieces of pages: ASCII letters and the signs that compose with combining marks, the marks
# themselves (those that compose with ASCII letters and others), Hangul jamo that compose with
# each other, composed and decomposing characters, controls, line ends and a byte-order mark;
# and any other character.
PAGE_TEXTS = st.lists(
    st.text(
        alphabet=st.sampled_from(
            "aeAE<=> \t\r\n\x01\x1f\x7f\x85\x9f\xa0\ufeff"
            "\u0300\u0301\u0308\u0316\u0327\u0338\u0340\u0344\u05b0\u093c"
            "\u1100\u1161\u11a8\uac00é\u212bÅ’\U0001f600"
        ),
        min_size=1,
        max_size=8,
    )
    | st.characters(exclude_characters="\x00", exclude_categories=("Cs",)),
    max_size=8,
).map("".join)


def text_beyond_ascii(text: str) -> str:
    """TEXT without its ASCII characters that are not controls."""
    return "".join(ch for ch in text if not ch.isascii() or ingest._CONTROL.match(ch))


@settings(max_examples=150, deadline=None)
@given(PAGE_TEXTS)
def test_a_text_is_nfc_when_its_characters_beyond_ascii_say_so(text: str) -> None:
    rare = text_beyond_ascii(text)
    if ingest._is_nfc_beyond_ascii(rare):
        assert unicodedata.is_normalized("NFC", text)
    assert ingest._controls(rare) == ingest._controls(text)


@settings(max_examples=150, deadline=None)
@given(PAGE_TEXTS)
def test_utf8_is_decoded_as_its_plain_definition_says(text: str) -> None:
    data = text.encode("utf-8")
    # The definition: a byte-order mark (and a second one after it) left out, controls
    # counted, CRLF and CR turned into LF, NFC.
    plain = data.decode("utf-8-sig").removeprefix("\ufeff")
    if plain and ingest._controls(plain) > ingest._CONTROL_SHARE * len(plain):
        with pytest.raises(IngestError, match="mostly control characters"):
            ingest.decode_bytes(data, "x")
        return
    decoded, utf8 = ingest._decode_text(data, "x", None)
    assert decoded == ingest.normalise_text(plain)
    assert utf8 is None or utf8 == decoded.encode("utf-8")
    if not data.startswith(b"\xef\xbb\xbf") and unicodedata.is_normalized("NFC", plain):
        assert utf8 is not None  # the bytes are kept whenever they are the text's


@settings(max_examples=200, deadline=None)
@given(PAGE_TEXTS)
def test_marks_are_composed_run_by_run_as_nfc_composes_the_whole_text(text: str) -> None:
    data = text.encode("utf-8")
    mended = ingest._nfc_around_marks(data)
    if mended is not None:
        assert mended.decode("utf-8") == unicodedata.normalize("NFC", text)
        assert (mended is data) is unicodedata.is_normalized("NFC", text)


def test_a_page_with_a_few_decomposed_letters_is_composed_around_them() -> None:
    page = "<p>Cafe\u0301 menu</p>\n" * 50 + "<p>Ha\u0308agen and \u00ea\u0323.</p>"
    data = page.encode("utf-8")
    mended = ingest._nfc_around_marks(data)
    assert mended is not None
    assert mended.decode("utf-8") == unicodedata.normalize("NFC", page)
    assert ingest._nfc_around_marks(mended) is mended
    assert ingest.decode_bytes(data, "x") == unicodedata.normalize("NFC", page)
    # A mark that stays a mark in NFC (after a space) leaves the answer to the whole text's NFC.
    alone = page + "<p>A \u0301 alone.</p>"
    assert ingest._nfc_around_marks(alone.encode("utf-8")) is None
    assert ingest.decode_bytes(alone.encode("utf-8"), "x") == unicodedata.normalize("NFC", alone)
