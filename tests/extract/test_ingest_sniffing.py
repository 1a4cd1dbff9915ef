"""Tests for stage ① ingest: what the bytes tell when nothing else does. A few stray NUL bytes in
a text, pages in legacy encodings that declare no charset, and a web page saved under a
plain-text name."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import IngestError, IngestWarning
from factcheck.extract.ingest import decode_bytes, read_source

PARAGRAPHS = "".join(
    f"<p>Paragraph {n}: the minister said on Tuesday that exports rose {n % 40} percent in 2023,"
    " officials said.</p>\n"
    for n in range(60)
)
PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Minister says exports rose 12% in"
    " 2023</title></head><body><article><h1>Minister says exports rose 12% in 2023</h1>"
    f"{PARAGRAPHS}</article></body></html>"
).encode()
MIDDLE = len(PAGE) // 2


# --- stray NUL bytes --------------------------------------------------------------------------


def test_a_stray_nul_byte_in_a_page_is_dropped_with_a_warning(tmp_path: Path) -> None:
    # Was "binary file, not text (contains NUL bytes)": the whole article refused.
    clean = tmp_path / "clean.html"
    clean.write_bytes(PAGE)
    path = tmp_path / "page.html"
    path.write_bytes(PAGE[:MIDDLE] + b"\0" + PAGE[MIDDLE:])
    with pytest.warns(IngestWarning) as caught:
        document = read_source(str(path))
    assert [str(w.message) for w in caught] == [
        f"{path}: a NUL byte at offset {MIDDLE} was dropped"
    ]
    expected = read_source(str(clean))
    assert (document.text, document.title) == (expected.text, expected.title)


def test_a_few_nul_bytes_in_a_text_are_counted_in_the_warning() -> None:
    text = "The council said 300 people were evacuated on Tuesday. " * 100
    data = text.encode()
    with pytest.warns(IngestWarning) as caught:
        decoded = decode_bytes(data[:10] + b"\0" + data[10:2000] + b"\0\0" + data[2000:], "t.txt")
    assert decoded == text
    assert [str(w.message) for w in caught] == [
        "t.txt: 3 NUL bytes (first at offset 10) were dropped"
    ]


def test_nul_bytes_of_a_page_in_its_declared_encoding_are_dropped() -> None:
    page = PAGE.replace(b"charset='utf-8'", b"charset='windows-1252'").replace(
        b"officials", "officials’".encode("cp1252")
    )
    with pytest.warns(IngestWarning):
        decoded = decode_bytes(page[:MIDDLE] + b"\0" + page[MIDDLE:], "p.html", declared="cp1252")
    assert decoded == page.decode("cp1252")


@pytest.mark.parametrize(
    "data",
    [
        # One NUL in every 1,000 bytes or more is no stray.
        b"The council said 300 people were evacuated." * 20 + b"\0" * 1,
        (b"The council said 300 people were evacuated.\0" * 100),
        # The rest is not text in UTF-8: a binary file whose NUL bytes are few.
        bytes(range(1, 256)) * 40 + b"\0",
    ],
    ids=["one-in-880", "one-in-44", "binary"],
)
def test_data_with_more_than_a_few_nul_bytes_or_binary_around_them_is_refused(
    data: bytes,
) -> None:
    with pytest.raises(IngestError) as caught:
        decode_bytes(data, "x.bin")
    assert str(caught.value) == "x.bin: binary file, not text (contains NUL bytes)"


def test_the_nul_warning_is_one_line_on_the_command_line(tmp_path: Path) -> None:
    from inprocess import run_cli

    path = tmp_path / "page.html"
    path.write_bytes(PAGE[:MIDDLE] + b"\0" + PAGE[MIDDLE:])
    done = run_cli("extract", "-f", "json", str(path), cwd=tmp_path)
    assert done.returncode == 0
    assert done.stderr == f"Warning: {path}: a NUL byte at offset {MIDDLE} was dropped\n"
    assert "exports rose 12 percent" in done.stdout
