"""Tests for stage ① ingest: pages and texts saved compressed with gzip, and damaged archives."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.errors import IngestError
from factcheck.extract import ingest
from factcheck.extract.ingest import read_source

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
SEED = Path(__file__).parents[2] / "examples" / "seed-article.txt"


def test_a_compressed_page_reads_as_the_page(tmp_path: Path) -> None:
    page = FIXTURES / "news-article.html"
    packed = tmp_path / "news-article.html.gz"
    packed.write_bytes(gzip.compress(page.read_bytes()))
    expected = read_source(str(page))
    got = read_source(str(packed))
    assert got.sha256 == hashlib.sha256(packed.read_bytes()).hexdigest()  # the bytes as given
    assert got.source == str(packed)
    assert (got.text, got.title, got.byline, got.published, got.provenance) == (
        expected.text,
        expected.title,
        expected.byline,
        expected.published,
        expected.provenance,
    )


def test_a_compressed_text_and_stdin_read_as_the_text(tmp_path: Path) -> None:
    data = SEED.read_bytes()
    packed = tmp_path / "seed.txt.gz"
    packed.write_bytes(gzip.compress(data))
    assert read_source(str(packed)).text == read_source(str(SEED)).text
    piped = read_source("-", stdin=io.BytesIO(gzip.compress(data)))
    assert piped.text == read_source(str(SEED)).text


def test_every_member_of_a_gzip_file_is_read(tmp_path: Path) -> None:
    packed = tmp_path / "joined.txt.gz"
    first = b"The bridge will close in May, the council said.\n"
    second = b"Repairs will take two years.\n"
    packed.write_bytes(gzip.compress(first) + gzip.compress(second))
    assert read_source(str(packed)).text == (first + second).decode()


@pytest.mark.parametrize(
    ("data", "message"),
    # A fixed time stamp keeps the archives, and so the test ids, the same in every worker.
    [
        (gzip.compress(b"The council met.\n", mtime=0)[:20], "gzip archive cut short"),
        (b"\x1f\x8b" + b"not a gzip stream at all", "damaged gzip archive"),
        (gzip.compress(b"", mtime=0), "file is empty (an empty gzip archive)"),
        (
            gzip.compress(gzip.compress(b"twice", mtime=0), mtime=0),
            "binary file, not text (gzip archive)",
        ),
        (
            gzip.compress(bytes(range(256)) * 4, mtime=0),
            "binary file, not text (contains NUL bytes)",
        ),
    ],
)
def test_a_bad_gzip_file_is_one_clear_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(data)
    with pytest.raises(IngestError) as caught:
        read_source(str(path))
    assert str(caught.value) == f"{path}: {message}"


def test_a_gzip_bomb_stops_at_the_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "MAX_BYTES", 1024 * 1024)
    path = tmp_path / "bomb.txt.gz"
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    path.write_bytes(packer.compress(b"a" * (8 * 1024 * 1024)) + packer.flush())
    assert path.stat().st_size < 64 * 1024
    with pytest.raises(IngestError) as caught:
        read_source(str(path))
    assert str(caught.value) == f"{path}: too large (the limit is 1 MB)"


def test_extract_reads_a_compressed_page_and_refuses_a_damaged_one(tmp_path: Path) -> None:
    page = FIXTURES / "news-article.html"
    packed = tmp_path / "news-article.html.gz"
    packed.write_bytes(gzip.compress(page.read_bytes()))
    runner = CliRunner()
    got = runner.invoke(app, ["extract", str(packed), "--format", "json", "--all"])
    want = runner.invoke(app, ["extract", str(page), "--format", "json", "--all"])
    assert got.exit_code == want.exit_code == 0
    read, expected = json.loads(got.stdout), json.loads(want.stdout)
    for out, path in ((read, packed), (expected, page)):
        assert out["document"].pop("source") == str(path)
        assert out["document"].pop("sha256") == hashlib.sha256(path.read_bytes()).hexdigest()
    assert read == expected
    assert read["claims"] and read["document"]["title"]
    damaged = tmp_path / "damaged.html.gz"
    damaged.write_bytes(packed.read_bytes()[:100])
    result = runner.invoke(app, ["extract", str(damaged)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {damaged}: gzip archive cut short\n"
