"""Stage ① ingest, fetching: download a web page's bytes over http or https.

An address typed as a browser shows it is sent percent-encoded, as a browser sends it. A page is
fetched with the tool's own User-Agent, following up to MAX_REDIRECTS redirects to web addresses
without credentials, and within limits a hostile server cannot stretch: FETCH_TIMEOUT for each
wait, FETCH_DEADLINE for the whole download, the caller's limit for the body. The body comes back
as the server sent it (a gzip or deflate body is unpacked by ingest.py, as a gzip file is), with
what the headers said about it. Whatever goes wrong is one IngestError naming the URL: a body cut
short or sent in part, a redirect loop, a server too slow, a content type that is not text, a
compression the tool cannot undo.
"""

from __future__ import annotations

import contextlib
import re
import urllib.parse
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from factcheck import __version__, regexes
from factcheck.errors import IngestError
from factcheck.extract.readers import too_large
from factcheck.invisible import has_invisible

if TYPE_CHECKING:
    import http.client
    import urllib.request

FETCH_TIMEOUT = 20.0
"""Seconds to wait for a web server to connect or send data."""

FETCH_DEADLINE = 60.0
"""Seconds a whole download may take (connecting, redirects, headers and body): a server that
sends a byte now and then cannot hold the tool."""

_FETCH_CHUNK = 64 * 1024

USER_AGENT = f"factcheck/{__version__} (article fact-check worksheet; Python urllib)"

MAX_REDIRECTS = 10
"""Redirects followed, to different addresses, before the tool gives up (urllib's own limit)."""

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})

# The content codings the tool undoes, by every name they go by: gzip is recognised by its
# bytes (ingest.py, as a gzip file is); deflate only by the header that names it.
_CODINGS = {"gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate"}

# What a browser percent-encodes in an address typed into it (the WHATWG URL standard's path and
# special-query sets), besides every character beyond ASCII and the controls; "%" is left alone,
# so that escapes already there stay as they are.
_PATH_SAFE = "".join(sorted(set(map(chr, range(0x21, 0x7F))) - set('"#<>?`{}')))
_QUERY_SAFE = "".join(sorted(set(map(chr, range(0x21, 0x7F))) - set("\"#<>'")))

_CONTENT_RANGE = regexes.compile(r"\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*", re.I)
_TOO_MANY_HEADERS = regexes.compile(r"got more than (\d+) headers")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A web page's body as the server sent it, with what its headers said about it."""

    data: bytes
    """The body's bytes."""
    html: bool | None
    """True for HTML, False for plain text, None when the content must be sniffed."""
    charset: str | None
    """The character set the Content-Type header declares, if any."""
    url: str
    """The URL the bytes came from, after redirects (as the user typed it, without them)."""
    coding: str | None = None
    """The content coding the body is sent in ("gzip" or "deflate"), None for none."""


class _Deadline:
    """Stops a download at FETCH_DEADLINE: a timer shuts the open connections down."""

    def __init__(self, seconds: float) -> None:
        import threading

        self.seconds = seconds
        self.expired = False
        self._connections: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def watch(self, connection: http.client.HTTPConnection) -> http.client.HTTPConnection:
        with self._lock:
            self._connections.append(connection)
        return connection

    def _expire(self) -> None:
        import socket  # loaded already: the connections were opened with it

        with self._lock:
            self.expired = True
            for connection in self._connections:
                if connection.sock is not None:
                    with contextlib.suppress(OSError):
                        connection.sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def _opener(typed: str, sent: str, deadline: _Deadline) -> urllib.request.OpenerDirector:
    """An opener of the URL the user TYPED, as SENT (percent-encoded), that watches its
    connections with DEADLINE and follows only the redirects a page can come through."""
    # The network modules load only when a URL is fetched: reading files never needs them.
    import http.client
    import urllib.request

    class Http(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            def connect(host: str, **kw: Any) -> http.client.HTTPConnection:
                return deadline.watch(http.client.HTTPConnection(host, **kw))

            return self.do_open(connect, req)

    class Https(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            def connect(host: str, **kw: Any) -> http.client.HTTPConnection:
                return deadline.watch(http.client.HTTPSConnection(host, **kw))

            return self.do_open(connect, req)

    class WebRedirects(urllib.request.HTTPRedirectHandler):
        """Follow redirects only to http and https (urllib would also follow ftp), to addresses
        without credentials, never to one already visited, and MAX_REDIRECTS at most. urllib
        says "loop" of any chain it stops, and takes the user name and password in a redirect's
        address for part of the host name."""

        def __init__(self) -> None:
            self.visited = {urllib.parse.urldefrag(sent).url}

        def http_error_302(
            self,
            req: urllib.request.Request,
            fp: IO[bytes],
            code: int,
            msg: str,
            headers: http.client.HTTPMessage,
        ) -> IO[bytes] | None:
            # urllib refuses a redirect to file: or data: itself, in its own words: said here.
            # Every redirect passes here before redirect_request, which gets the same address.
            target = urllib.parse.urljoin(
                req.full_url, headers.get("Location") or headers.get("URI") or ""
            )
            if urllib.parse.urlsplit(target).scheme.lower() not in ("http", "https"):
                fp.close()  # urllib closes it only after a redirect it follows
                shown = _without_credentials(target) if "@" in target else target
                raise IngestError(f"{typed}: redirected to a non-web address {shown}")
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

        def redirect_request(
            self,
            req: urllib.request.Request,
            fp: IO[bytes],
            code: int,
            msg: str,
            headers: http.client.HTTPMessage,
            newurl: str,
        ) -> urllib.request.Request | None:
            if "@" in urllib.parse.urlsplit(newurl).netloc:
                fp.close()
                raise _credentials_refused(
                    f"{typed}: redirected to {_without_credentials(newurl)}; a URL"
                )
            target = urllib.parse.urldefrag(newurl).url
            if target in self.visited:
                fp.close()
                raise IngestError(f"{typed}: redirected in a loop (HTTP {code})")
            if len(self.visited) > MAX_REDIRECTS:
                fp.close()
                raise IngestError(
                    f"{typed}: more than {MAX_REDIRECTS} redirects (stopped at {req.full_url})"
                )
            self.visited.add(target)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(Http, Https, WebRedirects)


def _without_credentials(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"***@{host}"))


def _credentials_refused(what: str) -> IngestError:
    """The error for an address with credentials, WHAT being the start of the message (up to
    "a URL")."""
    return IngestError(
        f"{what} with a user name or password is not supported; "
        "download the page yourself and pass the file"
    )


def _percent_encoded(url: str) -> str:
    """URL as a browser sends it: the characters of its path and query that an address may not
    hold (beyond ASCII, spaces, quotes) percent-encoded as UTF-8, escapes already there kept,
    and a host beyond ASCII in its IDNA form ('xn--e1afmkfd.xn--p1ai')."""
    parts = urllib.parse.urlsplit(url)
    path = urllib.parse.quote(parts.path, safe=_PATH_SAFE)
    query = urllib.parse.quote(parts.query, safe=_QUERY_SAFE)
    netloc = parts.netloc
    host = parts.hostname or ""
    if not host.isascii():
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise ValueError(f"the host name {host!r} cannot be written in IDNA") from None
        netloc = netloc.casefold().replace(host, ascii_host, 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc, path=path, query=query))


def fetch_url(url: str, *, limit: int) -> Fetched:
    """The page at URL (http or https), of LIMIT bytes at most; IngestError with a one-line
    message naming URL when it cannot be fetched whole."""
    import http.client
    import urllib.error
    import urllib.request

    if has_invisible(url) or "\n" in url or "\t" in url:
        # Stored as the article's address, it would be published as another one.
        raise IngestError(f"{url}: invalid URL (a line break, a control or an invisible character)")
    try:
        has_credentials = "@" in urllib.parse.urlsplit(url).netloc
        sent = _percent_encoded(url)
    except ValueError as exc:
        raise IngestError(f"{url}: invalid URL ({exc})") from None
    if has_credentials:
        raise _credentials_refused(f"{_without_credentials(url)}: a URL")
    request = urllib.request.Request(
        sent,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
        },
    )
    deadline = _Deadline(FETCH_DEADLINE)
    try:
        opener = _opener(url, request.full_url, deadline)
        with deadline, opener.open(request, timeout=FETCH_TIMEOUT) as response:
            final_url = response.geturl()
            if final_url == request.full_url:
                final_url = url  # not redirected: the address the user gave, as given
            header = response.headers.get("Content-Type")
            content_type = response.headers.get_content_type() if header else None
            charset = response.headers.get_content_charset() if header else None
            html = _classify_content_type(url, content_type)
            coding = _content_coding(url, response.headers.get_all("Content-Encoding") or [])
            part = _part_sent(response)
            if part is not None:
                raise IngestError(f"{url}: the server sent only part of the page ({part})")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise too_large(url, int(length), limit)
            data = _read_body(response, deadline, url, limit)
    except urllib.error.HTTPError as exc:
        exc.close()
        reason = " ".join(str(exc.reason).split())  # one line, whatever the server sent
        raise IngestError(f"{url}: HTTP {exc.code} {reason}".rstrip()) from None
    except urllib.error.URLError as exc:
        if deadline.expired:
            raise _too_slow(url) from None
        raise IngestError(f"{url}: {_describe_network_error(exc.reason)}") from None
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        if deadline.expired:
            raise _too_slow(url) from None
        raise IngestError(f"{url}: {_describe_network_error(exc)}") from None
    except ValueError as exc:
        raise IngestError(f"{url}: invalid URL ({exc})") from None
    if len(data) > limit:
        raise too_large(url, None, limit)
    return Fetched(data, html=html, charset=charset, url=final_url, coding=coding)


def _read_body(
    response: http.client.HTTPResponse, deadline: _Deadline, url: str, limit: int
) -> bytes:
    """The response's body, as the server sent it (compressed or not); IngestError when the
    connection closes before the length the server announced, or before the chunk that ends a
    chunked body: what came is part of a page, which would be read as if whole."""
    import http.client

    parts: list[bytes] = []
    size = 0
    while size <= limit:
        try:
            chunk = response.read1(_FETCH_CHUNK)
        except http.client.IncompleteRead as exc:
            if deadline.expired:
                raise TimeoutError("deadline") from None
            got = size + len(exc.partial)
            raise _cut_short(url, f"{got:,} bytes, without the chunk that ends the page") from None
        if deadline.expired:
            raise TimeoutError("deadline")
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    announced = _announced_length(response)
    if announced is not None and size < announced:
        raise _cut_short(url, f"{size:,} of {announced:,} bytes")
    return b"".join(parts)


def _announced_length(response: http.client.HTTPResponse) -> int | None:
    """The body's length in bytes as the Content-Length header gives it (of the bytes sent,
    compressed or not); None without one, or when the body comes in chunks (which then
    decide where it ends)."""
    if "chunked" in (response.headers.get("Transfer-Encoding") or "").lower():
        return None
    length = (response.headers.get("Content-Length") or "").strip()
    return int(length) if length.isdigit() else None


def _content_coding(url: str, headers: list[str]) -> str | None:
    """The content coding the Content-Encoding HEADERS name ("gzip", "deflate"), None for none;
    IngestError for one the tool cannot undo (br, zstd, compress, several in a row)."""
    codings = [
        name.strip().lower() for header in headers for name in header.split(",") if name.strip()
    ]
    codings = [name for name in codings if name != "identity"]
    if not codings:
        return None
    if len(codings) == 1 and codings[0] in _CODINGS:
        return _CODINGS[codings[0]]
    shown = " ".join(", ".join(headers).split())
    shown = repr(shown if len(shown) <= 60 else shown[:59] + "…")
    raise IngestError(
        f"{url}: the page is compressed in a way the tool cannot read "
        f"(Content-Encoding {shown}; it reads gzip and deflate)"
    )


def _part_sent(response: http.client.HTTPResponse) -> str | None:
    """Which part of the page the response holds ("bytes 0-199 of 5,000") when it holds only
    a part (a 206 Partial Content, or a Content-Range short of the whole); None when whole."""
    match = _CONTENT_RANGE.fullmatch(response.headers.get("Content-Range") or "")
    if match is None:
        return "HTTP 206 Partial Content" if response.status == 206 else None
    first, last, total = int(match[1]), int(match[2]), match[3]
    # Of a length unknown ("/*"), only the status tells whether the bytes are all there are.
    whole = response.status != 206 if total == "*" else last + 1 >= int(total)
    if first == 0 and whole:
        return None
    size = "an unknown length" if total == "*" else f"{int(total):,}"
    return f"bytes {first:,}-{last:,} of {size}"


def _cut_short(url: str, got: str) -> IngestError:
    return IngestError(
        f"{url}: the server closed the connection before the page was complete (got {got})"
    )


def _too_slow(url: str) -> IngestError:
    return IngestError(
        f"{url}: the download took longer than {FETCH_DEADLINE:g} s (the server is too slow)"
    )


def _classify_content_type(url: str, content_type: str | None) -> bool | None:
    if content_type is None:
        return None
    if content_type in _HTML_TYPES:
        return True
    if content_type in _TEXT_TYPES:
        return False
    if content_type.startswith("text/"):
        return None
    raise IngestError(f"{url}: not a text page (content type {content_type})")


def _describe_network_error(reason: object) -> str:
    import http.client
    import socket
    import ssl

    if isinstance(reason, socket.gaierror):
        return "cannot resolve the host name"
    if isinstance(reason, TimeoutError):
        return f"timed out after {FETCH_TIMEOUT:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({reason.reason or reason})"
    if isinstance(reason, http.client.HTTPException):
        many = _TOO_MANY_HEADERS.fullmatch(str(reason))
        if many:  # http.client's limit, which ad and CDN stacks' cookies can pass
            return f"the server sent too many headers (more than {many[1]})"
        if isinstance(reason, http.client.LineTooLong):
            return "the server sent a line too long in its answer's head"
        return f"connection failed ({type(reason).__name__})"
    if isinstance(reason, OSError) and reason.strerror:
        return f"connection failed ({reason.strerror})"
    return f"connection failed ({reason})"
