"""Stage ① ingest under hostile servers and unlucky bytes: trickling servers, responses cut
short or sent in part, redirect loops and chains, credentials in URLs, addresses typed with
characters a URL may not hold, compressed bodies, too many headers, and UTF-8 text with a few
Windows-1252 bytes.

Every server here listens on 127.0.0.1 only and stops by itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import http.client
import http.server
import socket
import ssl
import threading
import time
import warnings
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from factcheck.errors import IngestError, IngestWarning
from factcheck.extract import fetch, ingest
from factcheck.extract.fetch import Fetched
from factcheck.extract.ingest import decode_bytes, read_source


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def socket_server(answer: Callable[[socket.socket, threading.Event], None]) -> Iterator[str]:
    """A server on a free local port that reads each request and lets ANSWER write the response
    on the connection (with the event set when the server stops), then closes it; yields
    "http://127.0.0.1:PORT"."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                answer(conn, stop)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


Trickling = tuple[str, threading.Event]
"""A slow server's URL, and an event set when the tool hangs up on it."""


def trickle_server(head: bytes, data: bytes, scheme: str = "http") -> Iterator[Trickling]:
    """A server that sends HEAD, then DATA one byte every 0.1 s, for 30 s at the most."""
    hung_up = threading.Event()

    def trickle(conn: socket.socket, stop: threading.Event) -> None:
        conn.recv(65536)
        conn.sendall(head)
        started = time.monotonic()
        for byte in data:
            if stop.is_set() or time.monotonic() - started > 30:
                break
            try:
                conn.sendall(bytes([byte]))
            except OSError:
                hung_up.set()
                break
            time.sleep(0.1)

    for base in socket_server(trickle):
        yield f"{base.replace('http', scheme, 1)}/slow", hung_up


SLOW_HEAD = b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n"
SLOW_BODY = b"The minister said 300 people were evacuated. " * 10


@pytest.fixture
def trickling_body() -> Iterator[Trickling]:
    yield from trickle_server(SLOW_HEAD, SLOW_BODY)


@pytest.fixture
def trickling_headers() -> Iterator[Trickling]:
    yield from trickle_server(b"", SLOW_HEAD + SLOW_BODY)


@pytest.fixture
def silent_after_head() -> Iterator[Trickling]:
    """A server that sends the head of a page, then nothing until the tool hangs up (30 s at
    the most)."""
    hung_up = threading.Event()

    def wait(conn: socket.socket, stop: threading.Event) -> None:
        conn.recv(65536)
        conn.sendall(SLOW_HEAD)
        conn.settimeout(30)
        with contextlib.suppress(OSError):
            if conn.recv(1) == b"":
                hung_up.set()

    for base in socket_server(wait):
        yield f"{base}/slow", hung_up


@pytest.fixture
def trickling_handshake() -> Iterator[Trickling]:
    # The head of a TLS handshake record of 16 KiB, then its bytes.
    yield from trickle_server(b"\x16\x03\x03\x40\x00", bytes(300), scheme="https")


@pytest.mark.parametrize(
    "slow", ["trickling_body", "trickling_headers", "silent_after_head", "trickling_handshake"]
)
def test_a_server_sending_a_byte_at_a_time_is_stopped_at_the_deadline(
    slow: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, hung_up = request.getfixturevalue(slow)
    monkeypatch.setattr(fetch, "FETCH_DEADLINE", 1.0)
    monkeypatch.setattr(fetch, "FETCH_TIMEOUT", 60.0)  # longer than the server sends
    with pytest.raises(IngestError) as caught:
        read_source(url)
    assert str(caught.value) == f"{url}: the download took longer than 1 s (the server is too slow)"
    # At the deadline, not when the server stopped sending: a TLS handshake held the tool
    # until FETCH_TIMEOUT.
    assert hung_up.wait(10)


TLS = Path(__file__).parents[1] / "fixtures" / "tls"
"""A certificate for 127.0.0.1 and its key, made for these tests with
`openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500
-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1
-addext keyUsage=critical,digitalSignature,keyCertSign -addext basicConstraints=critical,CA:TRUE`.
"""


def test_a_page_is_fetched_over_tls_offering_http_1_1(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "localhost.pem"))  # trusted for the test
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "localhost.pem", TLS / "localhost.key")
    context.set_alpn_protocols(["http/1.1"])
    agreed: list[str | None] = []

    def respond(conn: socket.socket, stop: threading.Event) -> None:
        with context.wrap_socket(conn, server_side=True) as tls:
            agreed.append(tls.selected_alpn_protocol())
            tls.recv(65536)
            tls.sendall(answer(PAGE, *TYPED))

    for base in socket_server(respond):
        url = base.replace("http", "https", 1) + "/article"
        assert fetch.fetch_url(url, limit=len(PAGE)) == Fetched(
            PAGE, html=True, charset=None, url=url
        )
    assert agreed == ["http/1.1"]


def test_a_tls_handshake_met_with_silence_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "FETCH_TIMEOUT", 0.3)
    for base in socket_server(lambda conn, stop: stop.wait()):
        url = base.replace("http", "https", 1) + "/article"
        with pytest.raises(IngestError) as caught:
            read_source(url)
        assert str(caught.value) == f"{url}: timed out after 0.3 s"


def test_at_the_deadline_every_socket_still_open_is_shut_down() -> None:
    deadline = fetch._Deadline(60)
    gone, gone_peer = socket.socketpair()
    gone.close()  # a connection before a redirect, closed already
    mine, peer = socket.socketpair()
    late, late_peer = socket.socketpair()
    with gone_peer, mine, peer, late, late_peer:
        peer.settimeout(5)
        late_peer.settimeout(5)
        deadline.watch(gone)
        deadline.watch(mine)
        deadline._expire()
        assert peer.recv(1) == b""
        deadline.watch(late)  # connected after the deadline: shut down at once
        assert late_peer.recv(1) == b""


def test_a_tls_handshake_begun_after_the_deadline_is_stopped_at_once() -> None:
    deadline = fetch._Deadline(60)
    deadline._expire()
    context = deadline.watch_handshakes(ssl.create_default_context())
    client, server = socket.socketpair()
    client.settimeout(2)
    with server, client:
        with pytest.raises(TimeoutError) as caught:
            context.wrap_socket(client, server_hostname="news.example")
        assert str(caught.value) == "the deadline passed before the TLS handshake"
        assert server.recv(1) == b""  # closed without a client hello sent


PAGE = (
    b"<html><head><title>Jobs</title></head><body><article>"
    + b"".join(
        b"<p>The minister said unemployment fell %d.5%% in 20%02d, according to Reuters.</p>"
        % (n, n)
        for n in range(1, 21)
    )
    + b"</article></body></html>"
)
PACKED = gzip.compress(PAGE)
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
HALF = len(PAGE) // 2
RESPONSES = {
    "/whole": HEAD + b"Content-Length: %d\r\n\r\n" % len(PAGE) + PAGE,
    "/cut": HEAD + b"Content-Length: %d\r\n\r\n" % len(PAGE) + PAGE[:HALF],
    "/gzip": HEAD + b"Content-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(PACKED)
    + PACKED,
    "/gzip-cut": HEAD + b"Content-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(PACKED)
    + PACKED[:100],
    "/chunks": HEAD + b"Transfer-Encoding: chunked\r\n\r\n"
    + b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (HALF, PAGE[:HALF], len(PAGE) - HALF, PAGE[HALF:]),
    "/chunks-cut": HEAD + b"Transfer-Encoding: chunked\r\n\r\n"
    + b"%x\r\n%s\r\n" % (HALF, PAGE[:HALF]),
    "/chunk-cut": HEAD + b"Transfer-Encoding: chunked\r\n\r\n"
    + b"%x\r\n%s" % (len(PAGE), PAGE[:100]),
    "/until-closed": HEAD + b"\r\n" + PAGE,  # no length: the page ends where the connection does
}  # fmt: skip


def answer(body: bytes, *headers: str, status: str = "200 OK") -> bytes:
    """A whole HTTP response: STATUS, HEADERS ("Name: value"), the length and BODY."""
    lines = [f"HTTP/1.1 {status}", "Connection: close", *headers, f"Content-Length: {len(body)}"]
    return "\r\n".join([*lines, "", ""]).encode() + body


def deflated(data: bytes, wbits: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return packer.compress(data) + packer.flush()


ZLIB = deflated(PAGE, 15)  # what "deflate" means: a zlib stream
BARE = deflated(PAGE, -15)  # what many servers send under that name: a bare deflate stream
BOMB = deflated(bytes(8 * 1024 * 1024), 15)
TYPED = ("Content-Type: text/html",)
PARTIAL = "206 Partial Content"
RESPONSES |= {
    "/deflate": answer(ZLIB, *TYPED, "Content-Encoding: deflate"),
    "/deflate-bare": answer(BARE, *TYPED, "Content-Encoding: Deflate"),
    "/deflate-cut": answer(ZLIB[:200], *TYPED, "Content-Encoding: deflate"),
    "/deflate-damaged": answer(b"x" + ZLIB, *TYPED, "Content-Encoding: deflate"),
    "/deflate-bomb": answer(BOMB, *TYPED, "Content-Encoding: deflate"),
    "/identity": answer(PAGE, *TYPED, "Content-Encoding: identity"),
    "/br": answer(b"\x1b\x03\x00\xf8", *TYPED, "Content-Encoding: br"),
    "/stacked": answer(ZLIB, *TYPED, "Content-Encoding: deflate, gzip"),
    "/part": answer(PAGE[:200], *TYPED, f"Content-Range: bytes 0-199/{len(PAGE)}", status=PARTIAL),
    "/middle": answer(PAGE[100:300], *TYPED, "Content-Range: bytes 100-299/*", status=PARTIAL),
    "/part-unnamed": answer(PAGE[:200], *TYPED, status=PARTIAL),
    "/part-whole": answer(
        PAGE, *TYPED, f"Content-Range: bytes 0-{len(PAGE) - 1}/{len(PAGE)}", status=PARTIAL
    ),
    "/range-whole": answer(PAGE, *TYPED, f"Content-Range: bytes 0-{len(PAGE) - 1}/{len(PAGE)}"),
    "/cookies": answer(PAGE, *TYPED, *(f"Set-Cookie: c{n}=v; Path=/" for n in range(120))),
    "/self": answer(b"", "Location: /self", status="302 Found"),
    "/to-file": answer(b"", "Location: file:///etc/passwd", status="302 Found"),
    "/to-ftp-login": answer(b"", "Location: ftp://ana:s3cret@files.example/x", status="301 Moved"),
    "/long-line": answer(PAGE, *TYPED, "X-Padding: " + "x" * 70_000),
    "/to-credentials": answer(
        b"", "Location: http://ana:s3cret@127.0.0.1:9/article", status="302 Found"
    ),
    # Addresses typed as a browser shows them, as they arrive percent-encoded:
    "/ar/%D9%85%D9%82%D8%A7%D9%84": answer(PAGE, *TYPED),
    "/news/caf%C3%A9?q=exports%202023&kept=%41%2F": answer(PAGE, *TYPED),
}
# A chain of redirects, no address twice: /hop/12 -> /hop/11 -> ... -> /hop/0 -> /whole.
RESPONSES |= {
    f"/hop/{n}": answer(b"", f"Location: {f'/hop/{n - 1}' if n else '/whole'}", status="302 Found")
    for n in range(13)
}
# Responses that are not the whole page, or say more about it than its type.
GREEK = "ανεργία μειώθηκε\n"  # unemployment fell
UNSIZED = b"x" * 2**20 + b"\n"  # the size limit of these tests, and a byte more
TRANSFER = b"Transfer-Encoding: chunked\r\n"
CHUNKS = b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (HALF, PAGE[:HALF], len(PAGE) - HALF, PAGE[HALF:])
RESPONSES |= {
    "/untyped": answer(PAGE),
    "/greek": answer(GREEK.encode("iso-8859-7"), "Content-Type: text/plain; charset=ISO-8859-7"),
    "/text-other": answer(PAGE, "Content-Type: text/x-page"),
    "/unsized": HEAD + b"\r\n" + UNSIZED,
    # A length beside chunks counts for nothing: the chunks say where the page ends.
    "/chunks-and-length": HEAD + TRANSFER + b"Content-Length: %d\r\n\r\n" % (len(PAGE) + 100)
    + CHUNKS,
    "/chunk-cr": HEAD + TRANSFER + b"\r\n%x\r\n%s\r" % (HALF, PAGE[:HALF]),
    "/gzip-identity": answer(PACKED, *TYPED, "Content-Encoding: gzip,identity"),
    "/br-gzip": answer(PACKED, *TYPED, "Content-Encoding: br", "Content-Encoding: gzip"),
    "/coding-60": answer(PAGE, *TYPED, "Content-Encoding: " + "x" * 60),
    "/coding-61": answer(PAGE, *TYPED, "Content-Encoding: " + "x" * 61),
    "/range-unknown": answer(PAGE, *TYPED, f"Content-Range: bytes 0-{len(PAGE) - 1}/*"),
    "/part-unknown": answer(PAGE[:200], *TYPED, "Content-Range: bytes 0-199/*", status=PARTIAL),
    "/range-short": answer(
        PAGE[:-1], *TYPED, f"Content-Range: bytes 0-{len(PAGE) - 2}/{len(PAGE)}"
    ),
    "/no-reason": b"HTTP/1.1 410 \r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    "/not-http": b"SSH-2.0-OpenSSH_9.6\r\n",
    "/to-uri-file": answer(b"", "URI: file:///etc/passwd", status="302 Found"),
    "/to-mailto": answer(b"", "Location: mailto:desk@news.example", status="302 Found"),
    # This server over TLS: it answers a client hello in plain HTTP.
    "/to-https": answer(b"", "Location: https://127.0.0.1:{port}/whole", status="302 Found"),
}  # fmt: skip
REQUESTED: list[str] = []
"""The path of every request the cutting server was sent, in order."""
HEADS: list[bytes] = []
"""The head of every request the cutting server was sent, in order."""


@pytest.fixture(scope="module")
def cutting() -> Iterator[str]:
    """A server that sends the response RESPONSES holds for the path, then closes."""

    def respond(conn: socket.socket, _: threading.Event) -> None:
        request = conn.recv(65536)
        path = request.split(b" ")[1].decode("latin-1") if request.count(b" ") > 1 else ""
        REQUESTED.append(path)
        HEADS.append(request)
        response = RESPONSES.get(path, b"HTTP/1.1 404 Not Found\r\n\r\n")
        port = str(conn.getsockname()[1]).encode()
        with contextlib.suppress(OSError):
            conn.sendall(response.replace(b"{port}", port))

    yield from socket_server(respond)


@pytest.mark.parametrize(
    ("path", "got"),
    [
        ("/cut", f"{HALF:,} of {len(PAGE):,} bytes"),
        ("/gzip-cut", f"100 of {len(PACKED):,} bytes"),  # the length of what is sent, compressed
        ("/chunks-cut", f"{HALF:,} bytes, without the chunk that ends the page"),
        ("/chunk-cut", "100 bytes, without the chunk that ends the page"),
    ],
)
def test_a_response_cut_short_is_an_error_not_part_of_a_page(
    cutting: str, path: str, got: str
) -> None:
    # Half a page was read as the whole article: exit 0, half its claims, no word of it.
    with pytest.raises(IngestError) as caught:
        read_source(f"{cutting}{path}")
    assert str(caught.value) == (
        f"{cutting}{path}: the server closed the connection before the page was complete "
        f"(got {got})"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/whole",
        "/gzip",
        "/chunks",
        "/until-closed",
        "/deflate",
        "/deflate-bare",
        "/identity",
        "/part-whole",
        "/range-whole",
        "/hop/9",  # ten redirects, the most followed
    ],
)
def test_a_whole_response_is_the_whole_page(cutting: str, path: str) -> None:
    document = read_source(f"{cutting}{path}")
    assert document.title == "Jobs"
    assert document.text.count("The minister said") == 20


def test_a_response_cut_short_is_one_line_on_the_command_line(cutting: str, tmp_path: Path) -> None:
    from inprocess import run_cli

    done = run_cli("extract", "-f", "json", f"{cutting}/cut", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: {cutting}/cut: the server closed the connection before the page was complete "
        f"(got {HALF:,} of {len(PAGE):,} bytes)\n"
    )


class _Loop(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(302)
        target = "/b" if self.path == "/a" else "/a"
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def looping() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Loop)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/a"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_redirect_loop_is_one_line(looping: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_source(looping)
    assert str(caught.value) == f"{looping}: redirected in a loop (HTTP 302)"


@pytest.mark.parametrize(
    "url",
    ["http://ana:s3cret@127.0.0.1:9/article", "http://ana:s3@cret@127.0.0.1:9/article"],
    ids=["password", "password holding an at sign"],
)
def test_a_url_with_credentials_is_refused_without_echoing_them(url: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_source(url)
    assert str(caught.value) == (
        "http://***@127.0.0.1:9/article: a URL with a user name or password is not supported; "
        "download the page yourself and pass the file"
    )


# --- stray bytes ----------------------------------------------------------------------------


def test_utf8_with_a_few_windows_1252_bytes_is_repaired_with_a_warning() -> None:
    utf8 = "Café naïve — the “quote” said. " * 5
    data = utf8.encode() + " He said “no” – twice.".encode("cp1252") + utf8.encode()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = decode_bytes(data, "mixed.txt")
    assert text == utf8 + " He said “no” – twice." + utf8
    assert [str(w.message) for w in caught] == [
        f"mixed.txt: 3 bytes that are not UTF-8 (first at offset {len(utf8.encode()) + 9}) "
        "were read as Windows-1252"
    ]
    assert caught[0].category is IngestWarning


def test_windows_1252_text_is_still_read_as_such_without_a_warning() -> None:
    data = ("He said “no” – café. " * 10).encode("cp1252")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert decode_bytes(data, "old.txt") == "He said “no” – café. " * 10
    assert caught == []


def test_the_warning_is_one_line_on_the_command_line(tmp_path: Path) -> None:
    from inprocess import run_cli

    path = tmp_path / "mixed.txt"
    utf8 = "The ministry — in a “statement” — said 300 people were evacuated. " * 3
    path.write_bytes(utf8.encode() + " It said “no”.".encode("cp1252"))
    done = run_cli("extract", "-f", "json", str(path), cwd=tmp_path)
    assert done.returncode == 0
    offset = len(utf8.encode()) + 9
    assert done.stderr == (
        f"Warning: {path}: 2 bytes that are not UTF-8 (first at offset {offset}) "
        "were read as Windows-1252\n"
    )
    assert "It said “no”." in done.stdout


# --- compressed bodies, partial content, too many headers ----------------------------------


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        # The bytes of a deflated page were read as its text: junk claims, exit 0.
        ("/deflate-cut", "cut short deflate data (the page was sent compressed)"),
        ("/deflate-damaged", "damaged deflate data (the page was sent compressed)"),
        (
            "/br",
            "the page is compressed in a way the tool cannot read "
            "(Content-Encoding 'br'; it reads gzip and deflate)",
        ),
        (
            "/stacked",
            "the page is compressed in a way the tool cannot read "
            "(Content-Encoding 'deflate, gzip'; it reads gzip and deflate)",
        ),
        # Part of a page was read as the whole article, without a word.
        ("/part", f"the server sent only part of the page (bytes 0-199 of {len(PAGE):,})"),
        ("/middle", "the server sent only part of the page (bytes 100-299 of an unknown length)"),
        ("/part-unnamed", "the server sent only part of the page (HTTP 206 Partial Content)"),
        # Was "connection failed (HTTPException)": http.client's limit, not the connection.
        ("/cookies", "the server sent too many headers (more than 100)"),
        # Was "connection failed (LineTooLong)".
        ("/long-line", "the server sent a line too long in its answer's head"),
        # Was urllib's own words; the other one printed the password.
        ("/to-file", "redirected to a non-web address file:///etc/passwd"),
        ("/to-ftp-login", "redirected to a non-web address ftp://***@files.example/x"),
    ],
)
def test_a_body_the_tool_cannot_read_whole_is_one_clear_error(
    cutting: str, path: str, reason: str
) -> None:
    with pytest.raises(IngestError) as caught:
        read_source(f"{cutting}{path}")
    assert str(caught.value) == f"{cutting}{path}: {reason}"


def test_a_deflated_body_stops_at_the_size_limit(
    cutting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "MAX_BYTES", 1024 * 1024)
    assert len(BOMB) < 64 * 1024
    with pytest.raises(IngestError) as caught:
        read_source(f"{cutting}/deflate-bomb")
    assert str(caught.value) == f"{cutting}/deflate-bomb: too large (the limit is 1 MB)"


def test_an_unknown_content_encoding_is_one_line_on_the_command_line(
    cutting: str, tmp_path: Path
) -> None:
    from inprocess import run_cli

    done = run_cli("extract", "-f", "json", f"{cutting}/br", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: {cutting}/br: the page is compressed in a way the tool cannot read "
        "(Content-Encoding 'br'; it reads gzip and deflate)\n"
    )


# --- redirects --------------------------------------------------------------------------------


def test_more_redirects_than_followed_are_not_called_a_loop(cutting: str) -> None:
    # "redirected in a loop (HTTP 302)": no address came twice, urllib stops after 10.
    with pytest.raises(IngestError) as caught:
        read_source(f"{cutting}/hop/12")
    assert str(caught.value) == (
        f"{cutting}/hop/12: more than 10 redirects (stopped at {cutting}/hop/2)"
    )


def test_a_redirect_to_the_same_address_is_a_loop(cutting: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_source(f"{cutting}/self")
    assert str(caught.value) == f"{cutting}/self: redirected in a loop (HTTP 302)"


def test_a_redirect_to_an_address_with_credentials_is_refused_without_echoing_them(
    cutting: str,
) -> None:
    # urllib took "ana:s3cret@127.0.0.1" for the host: "cannot resolve the host name".
    with pytest.raises(IngestError) as caught:
        read_source(f"{cutting}/to-credentials")
    assert str(caught.value) == (
        f"{cutting}/to-credentials: redirected to http://***@127.0.0.1:9/article; a URL with a "
        "user name or password is not supported; download the page yourself and pass the file"
    )


# --- addresses as typed -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("/ar/مقال", "/ar/%D9%85%D9%82%D8%A7%D9%84"),
        ("/news/café?q=exports 2023&kept=%41%2F", "/news/caf%C3%A9?q=exports%202023&kept=%41%2F"),
        ("/ar/%D9%85%D9%82%D8%A7%D9%84", "/ar/%D9%85%D9%82%D8%A7%D9%84"),
    ],
)
def test_an_address_typed_as_a_browser_shows_it_is_sent_percent_encoded(
    cutting: str, typed: str, sent: str
) -> None:
    # Was "invalid URL ('ascii' codec can't encode ...)", and for the space "connection failed
    # (InvalidURL)".
    document = read_source(f"{cutting}{typed}")
    assert REQUESTED[-1] == sent
    assert (document.title, document.url) == ("Jobs", f"{cutting}{typed}")


@pytest.mark.parametrize(
    "typed",
    ["http://news.example/a\nb", "http://news.example/\u202eexe.html", "http://news.example/a\tb"],
)
def test_an_address_with_a_line_break_or_an_invisible_character_is_refused(typed: str) -> None:
    # Fetched, it was stored as the article's address and published as another one.
    with pytest.raises(IngestError) as caught:
        read_source(typed)
    assert str(caught.value) == (
        f"{typed}: invalid URL (a line break, a control or an invisible character)"
    )


def test_a_host_name_beyond_ascii_is_looked_up_in_idna(monkeypatch: pytest.MonkeyPatch) -> None:
    looked_up: list[object] = []

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> list[Any]:
        looked_up.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    with pytest.raises(IngestError) as caught:
        read_source("http://bücher.example/ar/مقال")
    assert str(caught.value) == "http://bücher.example/ar/مقال: cannot resolve the host name"
    assert looked_up[0] in ("xn--bcher-kva.example", b"xn--bcher-kva.example")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http:///article", "connection failed (no host given)"),
        ("http://[::1/article", "invalid URL (Invalid IPv6 URL)"),
        (
            f"http://{'ü' * 64}.example/",
            f"invalid URL (the host name '{'ü' * 64}.example' cannot be written in IDNA)",
        ),
        (
            f"http://{'a' * 64}.example/",
            "invalid URL (encoding with 'idna' codec failed (UnicodeError: label empty or too "
            "long))",
        ),
    ],
)
def test_an_address_that_cannot_be_sent_is_one_clear_error(url: str, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_source(url)
    assert str(caught.value) == f"{url}: {reason}"


# --- what the server is told, and what its headers say -----------------------------------------


def test_the_request_says_who_asks_and_what_it_reads(cutting: str) -> None:
    read_source(f"{cutting}/whole")
    lines = HEADS[-1].decode("latin-1").split("\r\n")
    assert f"User-Agent: {fetch.USER_AGENT}" in lines
    assert "Accept: text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1" in lines


@pytest.mark.parametrize(
    ("path", "fetched"),
    [
        ("/whole", Fetched(PAGE, html=True, charset=None, url="/whole")),
        ("/untyped", Fetched(PAGE, html=None, charset=None, url="/untyped")),
        ("/text-other", Fetched(PAGE, html=None, charset=None, url="/text-other")),
        (
            "/greek",
            Fetched(GREEK.encode("iso-8859-7"), html=False, charset="iso-8859-7", url="/greek"),
        ),
        ("/chunks", Fetched(PAGE, html=True, charset=None, url="/chunks")),
        ("/chunks-and-length", Fetched(PAGE, html=True, charset=None, url="/chunks-and-length")),
        ("/gzip", Fetched(PACKED, html=True, charset=None, url="/gzip", coding="gzip")),
        (
            "/gzip-identity",
            Fetched(PACKED, html=True, charset=None, url="/gzip-identity", coding="gzip"),
        ),
        (
            "/deflate-bare",
            Fetched(BARE, html=True, charset=None, url="/deflate-bare", coding="deflate"),
        ),
        ("/range-unknown", Fetched(PAGE, html=True, charset=None, url="/range-unknown")),
        ("/hop/1", Fetched(PAGE, html=True, charset=None, url="/whole")),
    ],
)
def test_the_body_comes_with_what_the_headers_say_of_it(
    cutting: str, path: str, fetched: Fetched
) -> None:
    got = fetch.fetch_url(f"{cutting}{path}", limit=len(fetched.data))
    assert got == dataclasses.replace(fetched, url=f"{cutting}{fetched.url}")


def test_a_body_without_a_length_is_read_up_to_the_limit_and_no_further(cutting: str) -> None:
    url = f"{cutting}/unsized"
    assert fetch.fetch_url(url, limit=len(UNSIZED)).data == UNSIZED
    with pytest.raises(IngestError) as caught:
        fetch.fetch_url(url, limit=len(UNSIZED) - 1)
    assert str(caught.value) == f"{url}: too large (the limit is 1 MB)"


class _Arriving:
    """A response without a length whose body arrives in the given pieces."""

    headers = http.client.HTTPMessage()

    def __init__(self, *pieces: bytes) -> None:
        self.pieces = list(pieces)

    def read1(self, size: int) -> bytes:
        return self.pieces.pop(0) if self.pieces else b""


def test_a_body_is_read_past_the_limit_when_a_piece_ends_on_it() -> None:
    # Stopping there would take the first 10 bytes for the whole page.
    response = cast(http.client.HTTPResponse, _Arriving(b"a" * 10, b"b", b"c"))
    body = fetch._read_body(response, fetch._Deadline(60), "page", limit=10)
    assert body == b"a" * 10 + b"b"


CUT = "the server closed the connection before the page was complete (got {})"
UNREADABLE = (
    "the page is compressed in a way the tool cannot read (Content-Encoding {}; "
    "it reads gzip and deflate)"
)
PART = "the server sent only part of the page ({})"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        # A chunk's data and half its line break: the half is no byte of the page.
        ("/chunk-cr", CUT.format(f"{HALF:,} bytes, without the chunk that ends the page")),
        ("/br-gzip", UNREADABLE.format("'br, gzip'")),
        ("/coding-60", UNREADABLE.format(repr("x" * 60))),
        ("/coding-61", UNREADABLE.format(repr("x" * 59 + "…"))),
        ("/part-unknown", PART.format("bytes 0-199 of an unknown length")),
        ("/range-short", PART.format(f"bytes 0-{len(PAGE) - 2:,} of {len(PAGE):,}")),
        ("/no-reason", "HTTP 410"),
        ("/not-http", "connection failed (BadStatusLine)"),
        ("/to-uri-file", "redirected to a non-web address file:///etc/passwd"),
        # Was "mailto://***@desk@news.example": an address taken for a password.
        ("/to-mailto", "redirected to a non-web address mailto:desk@news.example"),
    ],
)
def test_a_response_the_tool_cannot_take_is_one_clear_error(
    cutting: str, path: str, reason: str
) -> None:
    with pytest.raises(IngestError) as caught:
        read_source(f"{cutting}{path}")
    assert str(caught.value) == f"{cutting}{path}: {reason}"


def test_a_redirect_to_https_is_followed(cutting: str) -> None:
    # The server answers the client hello in plain HTTP: the handshake fails.
    with pytest.raises(IngestError) as caught:
        read_source(f"{cutting}/to-https")
    assert str(caught.value) in {
        f"{cutting}/to-https: TLS error ({reason})"
        for reason in ("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE")
    }


def test_a_redirect_back_to_the_first_address_is_not_fetched_again(cutting: str) -> None:
    before = len(REQUESTED)
    with pytest.raises(IngestError):
        read_source(f"{cutting}/self")
    assert REQUESTED[before:] == ["/self"]
