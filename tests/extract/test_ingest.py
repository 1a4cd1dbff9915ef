"""Tests for stage ① ingest: files, encodings, bad input, HTML extraction, stdin and URLs."""

from __future__ import annotations

import builtins
import codecs
import hashlib
import http.server
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from inprocess import within

from factcheck.errors import IngestError
from factcheck.extract import fetch, ingest
from factcheck.extract.ingest import read_source
from factcheck.extract.readers import ReaderError
from factcheck.models import Document

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
SEED = Path(__file__).parents[2] / "examples" / "seed-article.txt"

SAMPLE = "Café owners said “prices rose 12%” — déjà vu, again.\nSecond line: 5 € a cup.\n"

ARTICLE_TEXT = "\n".join(
    [
        "Repairs to the Harbour Bridge will cost £48 million and close one lane for two years,"
        " Northport City Council said on Tuesday.",
        "The council\u2019s head of transport, David Lindqvist, told a public meeting that"
        " inspectors had found corrosion in 112 of the bridge\u2019s 640 steel cables.",
        "“We cannot wait any longer,” Lindqvist said. “Every winter the salt does more damage,"
        " and the bill only grows.”",
        "Opposition councillors questioned the figure. Councillor Aisha Rahman said an independent"
        " survey in 2019 had put the cost at less than half that amount.",
        "The bridge, which opened in 1968, carries about 41,000 vehicles a day according to the"
        " regional roads authority.",
    ]
)
ARTICLE_URL = "https://courier.example/news/2023/03/14/harbour-bridge-repairs"
ARTICLE_META = {
    "title": "Harbour bridge repairs to cost £48 million, council says",
    "outlet": "The Northport Courier",
    "byline": "Maria Okafor",
    "published": "2023-03-14",
}
FROM_META = (("title", "meta"), ("outlet", "meta"), ("byline", "meta"), ("published", "meta"))


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- plain text and encodings ---------------------------------------------------------------


def test_seed_article_reads_unchanged() -> None:
    raw = SEED.read_bytes()
    doc = read_source(str(SEED))
    assert doc == Document(
        source=str(SEED),
        text=raw.decode("utf-8"),
        sha256="4631b1a9e54c99bdfe329b1733661e71175ddb8c39fdd3f5943255685fac9219",
    )
    assert doc.sha256 == sha(raw)


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("utf-8", SAMPLE.encode("utf-8")),
        ("utf-8 with BOM", codecs.BOM_UTF8 + SAMPLE.encode("utf-8")),
        ("utf-16 le with BOM", codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le")),
        ("utf-16 be with BOM", codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be")),
        ("utf-16 le without BOM", SAMPLE.encode("utf-16-le")),
        ("utf-16 be without BOM", SAMPLE.encode("utf-16-be")),
        ("utf-32 le with BOM", codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le")),
        ("cp1252", SAMPLE.encode("cp1252")),
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, data: bytes) -> None:
    path = write(tmp_path / "article.txt", data)
    assert read_source(str(path)) == Document(source=str(path), text=SAMPLE, sha256=sha(data))


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    # 0x81 and 0x8d have no cp1252 meaning; latin-1 keeps them as (visible) C1 controls.
    data = b"Caf\xe9 \x81 and \x8d end\n"
    path = write(tmp_path / "old.txt", data)
    assert read_source(str(path)).text == "Café \x81 and \x8d end\n"


def test_line_endings_become_lf_and_nothing_else_changes(tmp_path: Path) -> None:
    data = b"  Title\r\nBody one.\rBody two.\r\n\r\nEnd glued.Words \t \n\n"
    path = write(tmp_path / "crlf.txt", data)
    assert read_source(str(path)).text == "  Title\nBody one.\nBody two.\n\nEnd glued.Words \t \n\n"


def test_text_is_normalised_to_nfc(tmp_path: Path) -> None:
    path = write(tmp_path / "nfd.md", "Cafe\u0301 and A\u030a\n".encode())
    assert read_source(str(path)).text == "Caf\u00e9 and \u00c5\n"


def test_control_characters_are_kept(tmp_path: Path) -> None:
    text = "An \x1b[31mescaped\x1b[0m word and a bell\x07 stay in the text.\n"
    path = write(tmp_path / "escapes.txt", text.encode())
    assert read_source(str(path)).text == text


def test_markdown_file_is_plain_text_even_with_html_in_it(tmp_path: Path) -> None:
    text = "<html> is how a page starts.\n"
    path = write(tmp_path / "notes.md", text.encode())
    assert read_source(str(path)).text == text


MARKDOWN_ARTICLE = """---
title: "Harbour fees rise"
layout: post
---

# Harbour fees rise again

By Ana Lopes

The port authority [said on Monday](https://example.org/notice "notice") that fees rose
**12%** in 2023, and *the mayor* called it __fair__ and _needed_.

![A crane at the quay](https://example.org/crane.jpg)

- Dockworkers said wages rose `3%` in 2022.
* Shippers said costs fell 2% in 2021, see [the report][r].

> A union leader said \\*nothing\\* changed in 2020.

Fees are 5 * 3 euros in snake_case_zone; <https://example.org/fees> lists them.

[r]: https://example.org/report
"""

MARKDOWN_PLAIN = """Harbour fees rise again

By Ana Lopes

The port authority said on Monday that fees rose 12% in 2023, and the mayor called it fair \
and needed.



Dockworkers said wages rose 3% in 2022.
Shippers said costs fell 2% in 2021, see the report.

A union leader said *nothing* changed in 2020.

Fees are 5 * 3 euros in snake_case_zone; https://example.org/fees lists them.


"""


def test_a_markdown_file_is_read_as_the_text_it_shows(tmp_path: Path) -> None:
    # Markers, link targets, images and front matter are not the article's words: left in,
    # a link splits its sentence in two and the heading is never the title. A paragraph wrapped
    # over lines is one line, as it shows: a line break would end its sentence.
    path = write(tmp_path / "harbour.md", MARKDOWN_ARTICLE.encode())
    assert read_source(str(path)).text == MARKDOWN_PLAIN
    same = write(tmp_path / "harbour.txt", MARKDOWN_ARTICLE.encode())
    assert read_source(str(same)).text == MARKDOWN_ARTICLE  # a .txt file is taken as it is


def test_a_paragraph_shaped_like_a_reference_definition_and_a_footnote_are_kept(
    tmp_path: Path,
) -> None:
    # Both were taken for a link's reference definition and went whole, with their claims.
    text = (
        "[Update]: The minister said 30% of schools closed in 2020.\n\n"
        "The figure[^1] was disputed.\n\n"
        "[^1]: The minister said 40% closed.\n\n"
        '[ref]: https://example.org "A title"\n'
        "[other]: <https://example.org/a b> (another)\n"
    )
    path = write(tmp_path / "update.md", text.encode())
    assert read_source(str(path)).text == (
        "[Update]: The minister said 30% of schools closed in 2020.\n\n"
        "The figure was disputed.\n\n"
        "The minister said 40% closed.\n\n\n\n"
    )


def test_a_markdown_file_gives_its_heading_as_the_title(tmp_path: Path) -> None:
    from factcheck.extract.pipeline import extract

    path = write(tmp_path / "harbour.md", MARKDOWN_ARTICLE.encode())
    result = extract(str(path))
    assert (result.document.title, result.document.byline) == (
        "Harbour fees rise again",
        "Ana Lopes",
    )
    assert result.claims[0].text == (
        "The port authority said on Monday that fees rose 12% in 2023, and the mayor called "
        "it fair and needed."
    )


MARKDOWN_TABLE = """# Flood deaths rose sharply

The ministry said on Tuesday that flood deaths rose to 214 in 2023, up from 120 a year
earlier.

| Year | Deaths | Note |
|-----:|:------:|------|
| 2022 | 120 | **North** only. |
| 2023 | 214 | North \\| East |

Region | Deaths
--- | ---
East | 94
The figures come from the ministry's annual report.
"""


def test_a_markdown_table_is_read_row_by_row_and_its_rows_are_never_claims(
    tmp_path: Path,
) -> None:
    from factcheck.extract.pipeline import extract

    path = write(tmp_path / "floods.md", MARKDOWN_TABLE.encode())
    assert read_source(str(path)).text == (
        "Flood deaths rose sharply\n\nThe ministry said on Tuesday that flood deaths rose to 214 "
        "in 2023, up from 120 a year earlier.\n\n| Year | Deaths | Note |\n"
        "| 2022 | 120 | North only. |\n| 2023 | 214 | North | East |\n\n"
        "| Region | Deaths |\n| East | 94 |\n"
        "The figures come from the ministry's annual report.\n"
    )
    result = extract(str(path))
    rows = [(seg.kind.value, seg.text) for seg in result.segments if seg.text.startswith("|")]
    assert rows == [
        ("statement", "| Year | Deaths | Note |"),
        ("statement", "| 2022 | 120 | North only. |"),  # one piece, though a cell ends a sentence
        ("statement", "| 2023 | 214 | North | East |"),
        ("statement", "| Region | Deaths |"),
        ("statement", "| East | 94 |"),
    ]
    assert [claim.text for claim in result.claims] == [
        "The ministry said on Tuesday that flood deaths rose to 214 in 2023, up from 120 a year "
        "earlier.",
        "The figures come from the ministry's annual report.",
    ]


@pytest.mark.parametrize(
    ("shape", "shown"),
    [
        ("**a ", lambda n: ("**a " * n).rstrip()),
        ("[", lambda n: "[" * n),
        ("<!--", lambda n: ""),  # a comment never closed runs to the end
        ("_a ", lambda n: ("_a " * n).rstrip()),
        ("`a ", lambda n: ("aa " * (n // 2) + "`a" * (n % 2)).rstrip()),
        ("[a](b ", lambda n: ("[a](b " * n).rstrip()),
        ("word\n", lambda n: " ".join(["word"] * n) + "\n"),
        ("- ", lambda n: ""),
    ],
)
def test_markdown_marks_that_never_close_show_as_they_are(
    shape: str, shown: Callable[[int], str]
) -> None:
    # Marks left open by the thousand (a hostile or broken file) are shown as written, each
    # found without looking for its end across the whole line: a reader that did would take
    # minutes here. benchmarks/bench_hostile.py measures the time.
    from factcheck.extract.markdown_text import markdown_text

    count = 400_000 // len(shape)
    assert markdown_text(shape * count) == shown(count)


def test_unknown_extension_with_plain_text_is_text(tmp_path: Path) -> None:
    path = write(tmp_path / "article.dat", SAMPLE.encode())
    assert read_source(str(path)).text == SAMPLE


def test_file_of_50_mb_is_read(tmp_path: Path) -> None:
    line = "Officials said 1,200 people were evacuated — “a precaution,” they said.\n"
    text = line * (50_000_000 // len(line.encode()))
    data = text.encode()
    path = write(tmp_path / "big.txt", data)
    doc = read_source(str(path))
    assert doc.text == text
    assert doc.sha256 == sha(data)


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("photo.png", "photo.png: binary file, not text (PNG image)"),
        ("report.pdf", "report.pdf: binary file, not text (PDF document)"),
        ("nul-bytes.txt", "nul-bytes.txt: binary file, not text (contains NUL bytes)"),
        (
            "control-characters.txt",
            "control-characters.txt: binary file, not text (mostly control characters)",
        ),
        ("empty.txt", "empty.txt: file is empty"),
        ("whitespace-only.txt", "whitespace-only.txt: file is empty (whitespace only)"),
        (
            "invalid-utf16-le.txt",
            "invalid-utf16-le.txt: not valid UTF-16 LE (bad bytes at offset 16)",
        ),
        ("no-article-text.html", "no-article-text.html: no article text found in the page"),
        ("missing.txt", "missing.txt: file not found"),
        ("examples/x.txt", "examples/x.txt: file not found"),
        (
            "news-article.html/x.txt",
            "news-article.html/x.txt: file not found (a parent is not a directory)",
        ),
        (
            "ftp://example.invalid/a.txt",
            "ftp://example.invalid/a.txt: unsupported URL scheme 'ftp' (use http or https)",
        ),
    ],
)
def test_bad_input_fixture_gives_one_line_error(
    monkeypatch: pytest.MonkeyPatch, name: str, message: str
) -> None:
    monkeypatch.chdir(FIXTURES)
    with pytest.raises(IngestError) as caught:
        read_source(name)
    assert str(caught.value) == message


def test_zip_archive_is_binary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = shutil.make_archive(str(tmp_path / "bundle"), "zip", FIXTURES)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(IngestError, match=r"^bundle\.zip: binary file, not text \(zip archive\)$"):
        read_source(Path(archive).name)


def test_directory_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "somedir").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(IngestError) as caught:
        read_source("somedir")
    assert str(caught.value) == "somedir: is a directory"


def test_unreadable_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "secret.txt", b"text")
    monkeypatch.chdir(tmp_path)
    real_open = os.open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        if file == "secret.txt":
            raise PermissionError(13, "Permission denied", file)
        return real_open(file, *args, **kwargs)

    # Root reads any file whatever its mode, so the refusal is simulated.
    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(IngestError) as caught:
        read_source("secret.txt")
    assert str(caught.value) == "secret.txt: permission denied"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_file_without_read_permission_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "secret.txt", b"text").chmod(0)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(IngestError) as caught:
        read_source("secret.txt")
    assert str(caught.value) == "secret.txt: permission denied"


def test_file_over_64_mib_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(70 * 2**20)  # sparse: costs no disk and no time
    monkeypatch.chdir(tmp_path)

    def no_read(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(builtins, "open", no_read)
    with pytest.raises(IngestError) as caught:
        read_source("huge.txt")
    assert str(caught.value) == "huge.txt: too large (70 MB; the limit is 64 MB)"


def test_file_just_over_the_limit_rounds_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with (tmp_path / "edge.txt").open("wb") as handle:
        handle.truncate(ingest.MAX_BYTES + 1)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(IngestError) as caught:
        read_source("edge.txt")
    assert str(caught.value) == "edge.txt: too large (65 MB; the limit is 64 MB)"


def _reporting_size(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    """Make os.stat report SIZE bytes for every file, as for a file still being written."""
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        found = real_stat(path, *args, **kwargs)
        fields = list(found)
        fields[6] = size  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(ingest.os, "stat", stat)


def test_a_file_longer_than_its_reported_size_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "The ministry said 300 people were evacuated on Monday.\n" * 50
    (tmp_path / "growing.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for size in (0, 1, 20, len(text) - 1):
        _reporting_size(monkeypatch, size)
        assert read_source("growing.txt").text == text


def test_a_file_over_the_limit_is_refused_whatever_size_it_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with (tmp_path / "grown.txt").open("wb") as handle:
        handle.truncate(ingest.MAX_BYTES + 1)
    monkeypatch.chdir(tmp_path)
    _reporting_size(monkeypatch, 10)
    with pytest.raises(IngestError) as caught:
        read_source("grown.txt")
    assert str(caught.value) == "grown.txt: too large (the limit is 64 MB)"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_named_pipe_reporting_no_size_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    text = "Officials said the bridge would reopen in June.\n" * 2000

    def write() -> None:
        with path.open("w", encoding="utf-8") as handle:
            handle.write(text)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    assert within(60, lambda: read_source(str(path))).text == text
    writer.join(60)


# --- HTML -------------------------------------------------------------------------------------


def test_html_article_gives_body_text_and_metadata() -> None:
    path = FIXTURES / "news-article.html"
    assert read_source(str(path)) == Document(
        source=str(path),
        text=ARTICLE_TEXT,
        sha256=sha(path.read_bytes()),
        url=ARTICLE_URL,
        provenance=(*FROM_META, ("url", "meta")),
        **ARTICLE_META,
    )


def test_html_is_sniffed_when_the_extension_says_nothing(tmp_path: Path) -> None:
    data = (FIXTURES / "news-article.html").read_bytes()
    path = write(tmp_path / "saved-page", data)
    doc = read_source(str(path))
    assert (doc.text, doc.title) == (ARTICLE_TEXT, ARTICLE_META["title"])


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    html = (FIXTURES / "news-article.html").read_text(encoding="utf-8")
    data = html.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252")
    path = write(tmp_path / "legacy.htm", data)
    doc = read_source(str(path))
    assert (doc.text, doc.outlet, doc.sha256) == (ARTICLE_TEXT, "The Northport Courier", sha(data))


def test_html_in_utf16_is_decoded(tmp_path: Path) -> None:
    html = (FIXTURES / "news-article.html").read_text(encoding="utf-8")
    path = write(tmp_path / "wide.html", codecs.BOM_UTF16_LE + html.encode("utf-16-le"))
    assert read_source(str(path)).text == ARTICLE_TEXT


def test_html_fragment_file_is_extracted(tmp_path: Path) -> None:
    data = b"<p>The mayor said <b>taxes</b> will rise 3% next year.</p>\n<p>Second paragraph.</p>"
    path = write(tmp_path / "fragment.html", data)
    doc = read_source(str(path))
    assert doc == Document(
        source=str(path),
        text="The mayor said taxes will rise 3% next year.\nSecond paragraph.",
        sha256=sha(data),
    )


def test_importing_ingest_does_not_load_trafilatura() -> None:
    code = "import sys, factcheck.extract.ingest; print('trafilatura' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout == "False\n"


# --- stdin ------------------------------------------------------------------------------------


def test_stdin_is_read_from_the_given_stream() -> None:
    data = codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be")
    doc = read_source("-", stdin=io.BytesIO(data))
    assert doc == Document(source="-", text=SAMPLE, sha256=sha(data))


def test_stdin_defaults_to_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = SAMPLE.encode("cp1252")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert read_source("-").text == SAMPLE


def test_stdin_html_is_sniffed() -> None:
    data = (FIXTURES / "news-article.html").read_bytes()
    doc = read_source("-", stdin=io.BytesIO(data))
    assert (doc.source, doc.text, doc.byline) == ("-", ARTICLE_TEXT, "Maria Okafor")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "stdin: input is empty"),
        (b"\n\n", "stdin: input is empty (whitespace only)"),
        (b"\x89PNG\r\n\x1a\n....", "stdin: binary file, not text (PNG image)"),
    ],
)
def test_bad_stdin_gives_one_line_error(data: bytes, message: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_source("-", stdin=io.BytesIO(data))
    assert str(caught.value) == message


def test_stdin_over_the_limit_is_refused() -> None:
    with pytest.raises(IngestError) as caught:
        read_source("-", stdin=io.BytesIO(bytes(ingest.MAX_BYTES + 1)))
    assert str(caught.value) == "stdin: too large (the limit is 64 MB)"


def test_missing_stdin_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(IngestError) as caught:
        read_source("-")
    assert str(caught.value) == "stdin: no standard input"


# --- URLs -------------------------------------------------------------------------------------

PNG = (FIXTURES / "photo.png").read_bytes()
ARTICLE_HTML = (FIXTURES / "news-article.html").read_bytes()
NOTES = "Council notes — “draft” 2023\r\nItem 1: €48m.\r\n"


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves a handful of fixed pages for the URL tests."""

    user_agents: list[str] = []  # noqa: RUF012 -- shared record of what clients sent

    def do_GET(self) -> None:
        self.user_agents.append(self.headers.get("User-Agent", ""))
        routes = {
            "/news/bridge": (200, "text/html; charset=utf-8", ARTICLE_HTML),
            "/notes": (200, "text/plain; charset=windows-1252", NOTES.encode("cp1252")),
            "/photo": (200, "image/png", PNG),
            "/blank": (200, "text/html", b"<!doctype html><html><body></body></html>"),
        }
        if self.path in routes:
            status, content_type, body = routes[self.path]
            self._send(status, {"Content-Type": content_type}, body)
        elif self.path == "/old/bridge":
            self._send(301, {"Location": "/news/bridge"}, b"")
        elif self.path == "/to-ftp":
            self._send(302, {"Location": "ftp://files.example/bridge.txt"}, b"")
        elif self.path == "/huge":
            headers = {"Content-Type": "text/plain", "Content-Length": str(ingest.MAX_BYTES + 1)}
            self.send_response(200)
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(0.5)
        else:
            self._send(404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>")

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep requests to the local test server away from any configured proxy."""
    for name in ("http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("no_proxy", "*")


def test_url_with_html_gives_article_and_metadata(server: str) -> None:
    url = f"{server}/news/bridge"
    assert read_source(url) == Document(
        source=url,
        text=ARTICLE_TEXT,
        sha256=sha(ARTICLE_HTML),
        url=url,
        provenance=(*FROM_META, ("url", "fetch")),
        **ARTICLE_META,
    )
    assert _Handler.user_agents[-1] == fetch.USER_AGENT


def test_url_redirect_is_followed_and_final_url_kept(server: str) -> None:
    doc = read_source(f"{server}/old/bridge")
    assert (doc.source, doc.url, doc.text) == (
        f"{server}/old/bridge",
        f"{server}/news/bridge",
        ARTICLE_TEXT,
    )


def test_url_plain_text_uses_the_header_charset(server: str) -> None:
    url = f"{server}/notes"
    assert read_source(url) == Document(
        source=url,
        text=NOTES.replace("\r\n", "\n"),
        sha256=sha(NOTES.encode("cp1252")),
        url=url,
        provenance=(("url", "fetch"),),
    )


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/photo", "not a text page (content type image/png)"),
        ("/blank", "no article text found in the page"),
        ("/huge", "too large (65 MB; the limit is 64 MB)"),
        ("/to-ftp", "redirected to a non-web address ftp://files.example/bridge.txt"),
    ],
)
def test_bad_url_gives_one_line_error(server: str, path: str, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_source(f"{server}{path}")
    assert str(caught.value) == f"{server}{path}: {reason}"


def test_url_timeout_is_an_error(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "FETCH_TIMEOUT", 0.1)
    with pytest.raises(IngestError) as caught:
        read_source(f"{server}/slow")
    assert str(caught.value) == f"{server}/slow: timed out after 0.1 s"


def test_url_refused_connection_is_an_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article"
    with pytest.raises(IngestError) as caught:
        read_source(url)
    assert str(caught.value) == f"{url}: connection refused"


def test_url_with_unknown_host_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail_lookup(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    # No real lookup: the resolver is replaced, so nothing leaves the machine.
    monkeypatch.setattr(socket, "getaddrinfo", fail_lookup)
    url = "https://news.example/article"
    with pytest.raises(IngestError) as caught:
        read_source(url)
    assert str(caught.value) == f"{url}: cannot resolve the host name"


# ---------------------------------------------------------------------------------------------
# The reader registry.


@pytest.mark.parametrize(
    ("source", "reader"),
    [
        ("https://example.org/news/a.html", "url"),
        ("HTTP://example.org/a", "url"),
        ("page.HTM", "html"),
        ("saved/page.xhtml", "html"),
        ("article.txt", "text"),
        ("notes", "text"),
        ("-", "text"),
    ],
)
def test_each_source_goes_to_the_first_reader_that_accepts_it(source: str, reader: str) -> None:
    taken = [name for name, candidate in ingest.READERS.items() if candidate.accepts(source)]
    assert taken[0] == reader
    assert ingest.READERS["text"].accepts(source) == (reader != "url")


def test_a_source_no_reader_accepts_is_a_reader_error() -> None:
    with pytest.raises(ReaderError) as caught:
        read_source("file:///etc/passwd")
    assert (
        str(caught.value) == "file:///etc/passwd: unsupported URL scheme 'file' (use http or https)"
    )


def test_every_reader_says_what_it_reads() -> None:
    assert {name: reader.summary for name, reader in ingest.READERS.items()} == {
        "url": "an http or https URL",
        "html": "an HTML file (.htm, .html, .xhtml)",
        "text": "a text or markdown file, or '-' for standard input",
    }
