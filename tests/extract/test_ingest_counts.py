"""Ingest's counts done in C give the answers of the patterns they stand for."""

from __future__ import annotations

import warnings

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import ingest

# Every control range's edges, Latin-1 and wider letters, and lone surrogates.
CHARACTERS = st.one_of(
    st.sampled_from("\x00\x08\t\n\x0d\x0e\x1f \x7e\x7f\x80\x9f\xa0ÿĀé’\udc80\udcff"),
    st.characters(),
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=CHARACTERS, max_size=60))
def test_control_characters_are_counted_as_the_pattern_finds_them(text: str) -> None:
    assert ingest._controls(text) == len(ingest._CONTROL.findall(text))


@settings(max_examples=300, deadline=None)
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
