"""Pipeline stage ①, ingest: read an article from a file, stdin or a URL into a Document.

The Document's text is the input decoded, with a leading byte-order mark removed, CRLF and lone CR
turned into LF, Unicode normalised to NFC, and text whose UTF-8 had been read as Windows-1252
("FranÃ§ois") decoded again (see mojibake.py; provenance then says ``text: repaired``). Nothing
else changes: whitespace (leading and trailing included), glued words and control characters stay
as they were, so that every later offset points into exactly what the user gave. HTML pages are
reduced to their article body by trafilatura, with one line per paragraph, and their metadata
fills the Document's fields.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import unicodedata
import warnings
import zlib
from dataclasses import dataclass, replace
from hashlib import sha256
from typing import BinaryIO

from factcheck import regexes
from factcheck.errors import IngestError, IngestWarning
from factcheck.extract.fetch import fetch_url
from factcheck.extract.mojibake import repair_mojibake, shows_repair
from factcheck.extract.page import html_document
from factcheck.extract.readers import Reader, ReaderError, too_large
from factcheck.files import NothingWritten, byte_order_mark, open_readable
from factcheck.models import Document

MAX_BYTES = 64 * 1024 * 1024
"""Largest input accepted, in bytes (64 MiB)."""

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
)

# Control characters that no text file is made of; tab, newlines, vertical tab and form feed
# are ordinary text.
_CONTROL = regexes.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_SAMPLE = 1 << 20
_CONTROL_SHARE = 0.3
_UTF16_SAMPLE = 1 << 16

_META_CHARSET = regexes.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HTML_START = regexes.compile(
    r"""\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*
        <(?:!doctype\s+html|html|head|body|meta|title)\b""",
    re.I | re.S | re.X,
)
# A page saved under a plain-text name is told by its opening (looks_like_html's other openings,
# a <title> or a <meta>, could start a text that quotes markup) and a head, a body or the page's
# end after it: a text may start "<html> tags are ...".
_HTML_DOCUMENT = regexes.compile(r"\A\s*<(?:!doctype\s+html|html)\b", re.I)
_HTML_PARTS = regexes.compile(r"<(?:head|body)\b|</html\s*>", re.I)
_HTML_REACH = 65_536
"""How far into a text saved under a plain-text name a page's head or body is looked for."""


def _saved_page(text: str) -> bool:
    """Whether TEXT, saved under a plain-text name, is a web page."""
    return bool(_HTML_DOCUMENT.match(text, 0, 4096)) and bool(
        _HTML_PARTS.search(text, 0, _HTML_REACH)
    )


_URL_SCHEME = regexes.compile(r"\A([A-Za-z][A-Za-z0-9+.-]*)://")


@dataclass(frozen=True, slots=True)
class _Raw:
    """Input bytes as read, with what the transport said about them."""

    data: bytes
    """The raw bytes."""
    html: bool | None
    """True for HTML, False for plain text, None when the content must be sniffed."""
    charset: str | None = None
    """Character set declared outside the bytes (an HTTP header), if any."""
    url: str | None = None
    """The URL the bytes came from, after redirects."""
    markdown: bool = False
    """True for a markdown file: read as the text it shows (markdown_text.py)."""
    coding: str | None = None
    """The content coding a web server sent the bytes in ("gzip", "deflate"), if any."""
    text_name: bool = False
    """True for a file named as plain text (.txt): read as HTML all the same when its bytes open
    as an HTML document does."""


class TextReader:
    """A file or standard input; an HTML page without an HTML suffix is recognised by its start."""

    summary = "a text or markdown file, or '-' for standard input"

    def accepts(self, source: str) -> bool:
        return _URL_SCHEME.match(source) is None

    def read(self, source: str, *, stdin: BinaryIO | None = None) -> Document:
        if source == "-":
            return _build_document(source, "stdin", _Raw(_read_stream(stdin, "stdin"), html=None))
        return _build_document(source, source, _read_file(source))


class HtmlReader:
    """A web page saved as a file: its article body and metadata."""

    summary = "an HTML file (" + ", ".join(sorted(HTML_SUFFIXES)) + ")"

    def accepts(self, source: str) -> bool:
        suffix = os.path.splitext(source)[1].lower()
        return _URL_SCHEME.match(source) is None and suffix in HTML_SUFFIXES

    def read(self, source: str, *, stdin: BinaryIO | None = None) -> Document:
        return _build_document(source, source, _read_file(source))


class UrlReader:
    """A web page fetched over http or https, read as HTML or text by its content type."""

    summary = "an http or https URL"

    def accepts(self, source: str) -> bool:
        scheme = _URL_SCHEME.match(source)
        return scheme is not None and scheme.group(1).lower() in ("http", "https")

    def read(self, source: str, *, stdin: BinaryIO | None = None) -> Document:
        page = fetch_url(source, limit=MAX_BYTES)
        raw = _Raw(page.data, page.html, page.charset, page.url, coding=page.coding)
        return _build_document(source, source, raw)


READERS: dict[str, Reader] = {"url": UrlReader(), "html": HtmlReader(), "text": TextReader()}
"""Every input reader by name, in the order they are asked whether a source is theirs."""


def read_page(data: bytes, url: str, *, charset: str | None = None) -> Document:
    """The Document of a web page's bytes as fetched from URL (HTML, or text when it is not)."""
    return _build_document(url, url, _Raw(data, html=None, charset=charset, url=url))


def read_source(source: str, *, stdin: BinaryIO | None = None) -> Document:
    """Read SOURCE (a file path, '-' for stdin, or an http(s) URL) into a Document.

    The first reader in READERS that accepts the source reads it. Raises IngestError with a
    one-line message naming the source when it cannot be read.
    """
    if not source.strip():
        raise ReaderError(
            f"empty source name {source!r}; give a file, '-' for standard input or a URL"
        )
    for reader in READERS.values():
        if reader.accepts(source):
            return reader.read(source, stdin=stdin)
    scheme = _URL_SCHEME.match(source)
    kind = repr(scheme.group(1)) if scheme else "source"
    raise ReaderError(f"{source}: unsupported URL scheme {kind} (use http or https)")


def decode_bytes(data: bytes, name: str, *, declared: str | None = None) -> str:
    """Decode DATA to clean text: BOM removed, CRLF/CR turned into LF, NFC.

    The encoding is taken from a byte-order mark, else from the NUL pattern of BOM-less UTF-16,
    else from DECLARED (an HTTP or HTML charset), else UTF-8, else cp1252, else latin-1.
    Binary data raises IngestError naming NAME.
    """
    return _decode_text(data, name, declared)[0]


def _decode_text(data: bytes, name: str, declared: str | None) -> tuple[str, bytes | None]:
    """decode_bytes's text, and that text's UTF-8 when it is DATA's own (DATA was UTF-8 and NFC
    changed nothing; CR turned into LF in both), else None.

    A web page's characters are mostly ASCII markup. The controls and the characters NFC may
    change are among the others, so when DATA is UTF-8 they are looked for among the others
    alone, read from the bytes in C: the page's characters are not each looked at again.
    """
    kind = _sniff_binary(data)
    if kind == _NULS and (without := _without_stray_nuls(data, name, declared)) is not None:
        data, kind = without, None
    if kind is not None:
        raise IngestError(f"{name}: binary file, not text ({kind})")
    text, utf8 = _decode(data, name, declared)
    if text.startswith("\ufeff"):
        text, utf8 = text[1:], None
    rare = utf8.translate(None, _ASCII_NOT_CONTROL).decode("utf-8") if utf8 is not None else None
    sample = text[:_CONTROL_SAMPLE]
    counted = rare if rare is not None and len(sample) == len(text) else sample
    if sample and _controls(counted) > _CONTROL_SHARE * len(sample):
        raise IngestError(f"{name}: binary file, not text (mostly control characters)")
    if "\r" in text:
        text = _to_lf(text)
        utf8 = utf8.replace(b"\r\n", b"\n").replace(b"\r", b"\n") if utf8 is not None else None
    if rare is not None and _is_nfc_beyond_ascii(rare):
        return text, utf8
    if utf8 is not None and (mended := _nfc_around_marks(utf8)) is not None:
        return (text, utf8) if mended is utf8 else (mended.decode("utf-8"), None)
    normal = _nfc(text)
    return normal, utf8 if normal is text else None


_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not _CONTROL.match(chr(b)))
_ASCII_NOT_CONTROL = bytes(b for b in range(128) if not _CONTROL.match(chr(b)))
# The combining diacritical marks: the only characters that compose with an ASCII character
# before them (a letter, or "<", "=", ">" with U+0338), and the four that decompose to them.
_ASCII_MARKS = regexes.compile("[\u0300-\u036f]")


# UTF-8's lead bytes of U+0300-U+037F, where every combining diacritical mark is.
_MARK_LEADS = (0xCC, 0xCD)


def _nfc_around_marks(data: bytes) -> bytes | None:
    """DATA, UTF-8 text holding combining diacritical marks, in NFC: each run of non-ASCII
    characters that holds a mark is put in NFC with the ASCII character before it, and the
    result is checked as ``_is_nfc_beyond_ascii`` checks a text; None when that check leaves it
    open. DATA itself when nothing changed.

    An ASCII character is a starter that never ends a composed pair, so NFC never reaches across
    one: the runs put in NFC leave a text canonically equivalent to DATA, and the one such text
    that is NFC is DATA's NFC. A page's few marks are found by bytes.find in C; the rest of it,
    most of its characters, is not normalised again.
    """
    runs: set[tuple[int, int]] = set()
    for lead in _MARK_LEADS:
        at = data.find(lead)
        while at >= 0:
            start = end = at
            while start > 0 and data[start - 1] >= 0x80:
                start -= 1
            while end < len(data) and data[end] >= 0x80:
                end += 1
            runs.add((max(start - 1, 0), end))  # with the ASCII character before the run
            at = data.find(lead, end)
    parts: list[bytes] = []
    done = 0
    for start, end in sorted(runs):
        run = data[start:end].decode("utf-8")
        parts += (data[done:start], unicodedata.normalize("NFC", run).encode("utf-8"))
        done = end
    parts.append(data[done:])
    mended = b"".join(parts)
    rare = mended.translate(None, _ASCII_NOT_CONTROL).decode("utf-8")
    if not _is_nfc_beyond_ascii(rare):
        return None
    return data if mended == data else mended


def _controls(text: str) -> int:
    """How many characters of TEXT ``_CONTROL`` matches, counted in C: every one of them is
    below U+0100, so the text is first reduced to its Latin-1 characters."""
    return len(text.encode("latin-1", "ignore").translate(None, _NOT_CONTROL_BYTES))


def _is_nfc_beyond_ascii(rare: str) -> bool:
    """Whether a text is NFC, told from RARE, the text without its ASCII characters that are
    not controls; False means "not known" (RARE holds a combining diacritical mark).

    An ASCII character is its own NFC, starts a combining sequence and is never the second of
    a composed pair, so a text is NFC when each run of its other characters is, taken with the
    ASCII character before it, which composes only with a combining diacritical mark opening
    the run. Without those marks, the runs are NFC when, put end to end, they are: a change
    NFC makes within a run it makes in the whole.
    """
    return not _ASCII_MARKS.search(rare) and unicodedata.is_normalized("NFC", rare)


def normalise_text(text: str) -> str:
    """Turn CRLF and lone CR into LF and normalise to NFC; change nothing else."""
    return _nfc(_to_lf(text) if "\r" in text else text)


def _to_lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _nfc(text: str) -> str:
    """TEXT in NFC: TEXT itself when it is NFC already."""
    # ASCII text is always NFC, and telling ASCII costs nothing (the string records it).
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def looks_like_html(text: str) -> bool:
    """Whether TEXT opens like an HTML document (doctype, or an html/head/body/meta/title tag)."""
    return _HTML_START.match(text[:4096]) is not None


def _build_document(source: str, name: str, raw: _Raw) -> Document:
    if not raw.data:
        raise IngestError(f"{name}: {_noun(name)} is empty")
    digest = sha256(raw.data).hexdigest()  # of the bytes as given, compressed or not
    if raw.coding == "deflate":
        raw = replace(raw, data=_inflate(raw.data, name))
        if not raw.data:
            raise IngestError(f"{name}: {_noun(name)} is empty (once decompressed)")
    elif raw.data.startswith(_GZIP_MAGIC):
        # A page saved compressed ("page.html.gz") is read as the page it holds.
        raw = replace(raw, data=_gunzip(raw.data, name))
        if not raw.data:
            raise IngestError(f"{name}: {_noun(name)} is empty (an empty gzip archive)")
    if raw.text_name and _saved_page(
        raw.data[:_HTML_REACH].removeprefix(codecs.BOM_UTF8).decode("latin-1")
    ):
        raw = replace(raw, html=True)
    declared = raw.charset
    if declared is None and raw.html is not False:
        match = _META_CHARSET.search(raw.data[:4096])
        declared = match.group(1).decode("ascii") if match else None
    text, utf8 = _decode_text(raw.data, name, declared)
    if not text:
        raise IngestError(f"{name}: {_noun(name)} is empty")
    if text.isspace():
        raise IngestError(f"{name}: {_noun(name)} is empty (whitespace only)")
    if raw.text_name and not raw.html and _saved_page(text):
        raw = replace(raw, html=True)  # in UTF-16, which the bytes did not show
    is_html = raw.html if raw.html is not None else looks_like_html(text)
    if not is_html:
        provenance = (("url", "fetch"),) if raw.url else ()
        repaired = repair_mojibake(text, utf8=utf8)
        if repaired is not None:
            # Not the bytes' first reading: the reviewer is told (the digest stays the bytes').
            text, provenance = repaired, (*provenance, ("text", "repaired"))
        if raw.markdown:
            from factcheck.extract.markdown_text import markdown_text

            text = markdown_text(text)
            if not text.strip():
                raise IngestError(f"{name}: {_noun(name)} is empty (markdown markup only)")
        return Document(source=source, text=text, sha256=digest, url=raw.url, provenance=provenance)
    # A page is repaired whole, so that its metadata is judged as it was written.
    page = repair_mojibake(text, utf8=utf8) or text
    if not looks_like_html(page):
        # A bare fragment is not a document to the HTML parser; a wrapper makes it one.
        page = f"<html><body>{page}</body></html>"
    document = html_document(source, name, page, digest, raw.url)
    if page is text or not shows_repair(document, text):
        return document
    return replace(document, provenance=(*document.provenance, ("text", "repaired")))


_GZIP_MAGIC = b"\x1f\x8b"


def _gunzip(data: bytes, name: str) -> bytes:
    """The bytes a gzip file holds (every member of it), stopping at MAX_BYTES however well they
    were compressed."""
    out = bytearray()
    while data:
        unpack = zlib.decompressobj(wbits=31)  # 31: a gzip header and trailer
        try:
            out += unpack.decompress(data, MAX_BYTES + 1 - len(out))
        except zlib.error:
            raise IngestError(f"{name}: damaged gzip archive") from None
        if len(out) > MAX_BYTES or unpack.unconsumed_tail:
            raise too_large(name, None, MAX_BYTES)
        if not unpack.eof:
            raise IngestError(f"{name}: gzip archive cut short")
        data = unpack.unused_data.lstrip(b"\0")  # a member may be padded with NUL bytes
    return bytes(out)


def _inflate(data: bytes, name: str) -> bytes:
    """The bytes a body sent with "Content-Encoding: deflate" holds, stopping at MAX_BYTES as
    _gunzip does: a zlib stream, as the name means, or a bare deflate stream, which servers send
    under it too and browsers read."""
    failure = "damaged"
    for wbits in (15, -15):  # 15: a zlib header and trailer; -15: none
        unpack = zlib.decompressobj(wbits=wbits)
        try:
            out = unpack.decompress(data, MAX_BYTES + 1)
        except zlib.error:
            continue
        if len(out) > MAX_BYTES or unpack.unconsumed_tail:
            raise too_large(name, None, MAX_BYTES)
        if unpack.eof:
            return out
        failure = "cut short"
    raise IngestError(f"{name}: {failure} deflate data (the page was sent compressed)")


def _noun(name: str) -> str:
    if name == "stdin":
        return "input"
    return "page" if _URL_SCHEME.match(name) else "file"


def _read_file(path: str) -> _Raw:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise IngestError(f"{path}: file not found") from None
    except NotADirectoryError:
        raise IngestError(f"{path}: file not found (a parent is not a directory)") from None
    except PermissionError:
        raise IngestError(f"{path}: permission denied") from None
    except OSError as exc:
        raise IngestError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if os.path.isdir(path):
        raise IngestError(f"{path}: is a directory")
    if info.st_size > MAX_BYTES:
        raise too_large(path, info.st_size, MAX_BYTES)
    try:
        with open_readable(path) as handle:
            # Read one byte past the limit: files that report no size (pipes, /dev/*) still stop.
            # The size the file reports, and one byte more, is read first: a read of the whole
            # limit allocates that much memory for every file.
            want = min(info.st_size, MAX_BYTES) + 1
            data = handle.read(want)
            if len(data) == want and want <= MAX_BYTES:
                data += handle.read(MAX_BYTES + 1 - want)
    except PermissionError:
        raise IngestError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a directory") from None
    except NothingWritten as exc:
        raise IngestError(f"{path}: {exc.strerror}; give a file, or pipe the text to '-'") from None
    except OSError as exc:
        raise IngestError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise too_large(path, None, MAX_BYTES)
    root, suffix = os.path.splitext(path.lower())
    if suffix == ".gz":
        suffix = os.path.splitext(root)[1]  # "page.html.gz": a page, compressed
    html = True if suffix in HTML_SUFFIXES else False if suffix in TEXT_SUFFIXES else None
    markdown = suffix in MARKDOWN_SUFFIXES
    text_name = suffix in TEXT_SUFFIXES and not markdown
    return _Raw(data, html=html, markdown=markdown, text_name=text_name)


def _read_stream(stream: BinaryIO | None, name: str) -> bytes:
    if stream is None:
        if sys.stdin is None:
            raise IngestError(f"{name}: no standard input")
        stream = sys.stdin.buffer
    try:
        data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise IngestError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise too_large(name, None, MAX_BYTES)
    return data


_NULS = "contains NUL bytes"
_STRAY_NULS = 0.001
"""The largest share of NUL bytes a text may hold and still be read (without them)."""
_STRAY_CONTROLS = 0.01
"""The largest share of other control characters the rest of such a text may hold."""


def _sniff_binary(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if b"\x00" in data:
        bom = byte_order_mark(data)
        wide = bom[0] if bom is not None else _utf16_by_nuls(data)
        if wide is None or not wide.startswith(("utf-16", "utf-32")):
            return _NULS
    return None


def _without_stray_nuls(data: bytes, name: str, declared: str | None) -> bytes | None:
    """DATA without its NUL bytes (and a warning) when they are a few strays in a text: under
    _STRAY_NULS of the bytes, the rest valid in the encoding declared (else UTF-8, or text in
    another encoding). None when they are not: the data is binary.

    A broken save or CMS leaves a NUL in a page now and then, and browsers show the page; a
    binary file holds one in every few hundred bytes, or is not valid text around them.
    """
    count = data.count(0)
    if count >= _STRAY_NULS * len(data):
        return None
    rest = data.replace(b"\x00", b"")
    bom = byte_order_mark(rest)
    encoding, skip = bom or ((_declared_encoding(declared) or ("utf-8",))[0], 0)
    try:
        str(memoryview(rest)[skip:], encoding)
    except UnicodeDecodeError:
        # Without a declaration, a text in a single-byte encoding (Windows-1252) is read as one:
        # one with hardly a control character in it.
        if declared is not None or bom is not None or _sniff_binary(rest) is not None:
            return None
        if _controls(rest.decode("cp1252", errors="replace")) > _STRAY_CONTROLS * len(rest):
            return None
    first = data.index(0)
    warnings.warn(
        IngestWarning(
            f"{name}: a NUL byte at offset {first} was dropped"
            if count == 1
            else f"{name}: {count} NUL bytes (first at offset {first}) were dropped"
        ),
        stacklevel=3,
    )
    return rest


def _utf16_by_nuls(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from where the NUL bytes sit: mostly-ASCII text puts them all on
    one side of each two-byte unit."""
    sample = data[:_UTF16_SAMPLE]
    if len(sample) < 2 or len(data) % 2 or b"\0" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    units = len(sample) // 2
    if odd > 0.3 * units and even <= 0.01 * units:
        return "utf-16-le"
    if even > 0.3 * units and odd <= 0.01 * units:
        return "utf-16-be"
    return None


def _decode(data: bytes, name: str, declared: str | None) -> tuple[str, bytes | None]:
    """DATA's text, and DATA again when that text is DATA read as UTF-8 (else None)."""
    bom = byte_order_mark(data)
    if bom is not None:
        encoding, skip = bom
        return _decode_strict(data, encoding, name, skip), None
    utf16 = _utf16_by_nuls(data)
    if utf16 is not None:
        return _decode_strict(data, utf16, name, 0), None
    for encoding in _declared_encoding(declared):
        try:
            return data.decode(encoding), data if encoding == "utf-8" else None
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("utf-8"), data  # valid UTF-8: no stray byte to look for
    except UnicodeDecodeError:
        pass
    repaired = _utf8_with_stray_bytes(data, name)
    if repaired is not None:
        return repaired, None
    detected = _detected(data) if declared is None else None
    if detected is not None:
        return detected, None
    try:
        return data.decode("cp1252"), None
    except UnicodeDecodeError:
        # latin-1 maps every byte, so it never fails.
        return data.decode("latin-1"), None


_DETECTED_CHAOS = 0.1
"""The most "mess" (charset_normalizer's measure, 0 to 1) a detected encoding's text may show."""
_DETECTED_RUNS = 0.8
"""The least share of a detected text's letters beyond ASCII that must stand beside another."""
_LETTER_RUN = regexes.compile(r"(?:(?![\x00-\x7f])[^\W\d_])+")  # letters beyond ASCII
# Latin letters beyond ASCII: Latin-1's, Latin Extended-A to -D and Additional, fullwidth.
_LATIN = regexes.compile(
    "[\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u2c60-\u2c7f"
    "\ua720-\ua7ff\uff21-\uff3a\uff41-\uff5a]"
)


_LEAST_BEYOND = 48
"""The fewest characters beyond ASCII that tell another script from a Western text's quotes."""
_BEYOND_RUN = regexes.compile(r"[^\x00-\x7f\s]{3,}")


def _western(data: bytes) -> bool:
    """Whether DATA read as Windows-1252 looks like a Western text: too few characters beyond
    ASCII to tell ("The minister\u2019s claim", which a detector reads as Korean), or most of them
    alone or in pairs among ASCII letters (quotes, dashes, accents: "caf\u00e9", "Gr\u00f6\u00dfe").
    Another script read so comes in whole words of them ("\u00c7\u00e1\u00da\u00d1\u00c8")."""
    text = data.decode("cp1252", errors="replace")
    beyond = len(text) - len(text.encode("ascii", errors="ignore"))
    if beyond < _LEAST_BEYOND:
        return True
    in_runs = sum(len(run) for run in _BEYOND_RUN.findall(text))
    return in_runs < beyond / 2


def _detected(data: bytes) -> str | None:
    """DATA's text in the encoding charset_normalizer detects, when it is sure of it and the
    text is in a script other than Latin (Arabic in windows-1256, Chinese in GB18030, Japanese
    in Shift_JIS, Cyrillic in windows-1251 or KOI8-R, ...); else None.

    A page that declares no charset is read as its browser would guess it. A guess of a Latin
    encoding is set aside: Windows-1252, which reads such text today, is as good a guess, and
    changing it would change how the tool reads Western texts. So is a guess whose letters stand
    alone among ASCII ("cafй", "± љ Љ"): real text in another script comes in words of it.
    """
    if _western(data):
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > _DETECTED_CHAOS:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    runs = [len(run) for run in _LETTER_RUN.findall(text)]
    letters = sum(runs)
    latin = len(_LATIN.findall(text))
    together = sum(length for length in runs if length > 1)
    if letters - latin <= 9 * latin or together < _DETECTED_RUNS * letters:
        return None
    return text


_STRAY = regexes.compile("[\udc80-\udcff]+")


def _utf8_with_stray_bytes(data: bytes, name: str) -> str | None:
    """UTF-8 text, with the few bytes that are not UTF-8 read as cp1252 (and a warning).

    Text pasted together from several sources is often UTF-8 with a few cp1252 bytes (curly
    quotes, dashes). It is read as UTF-8 when its valid multi-byte characters outnumber the
    stray bytes; otherwise None (the text is in a single-byte encoding).
    """
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(match.end() - match.start() for match in _STRAY.finditer(text))
    if not stray:
        return text
    wide = len(text) - len(text.encode("ascii", errors="ignore")) - stray
    if wide < stray:
        return None

    def as_cp1252(match: re.Match[str]) -> str:
        raw = match.group().encode("utf-8", errors="surrogateescape")
        return raw.decode("cp1252", errors="replace")

    first = _STRAY.search(text)
    offset = len(text[: first.start()].encode("utf-8", errors="surrogateescape")) if first else 0
    warnings.warn(
        IngestWarning(
            f"{name}: {stray} byte{'s' if stray > 1 else ''} that are not UTF-8 "
            f"(first at offset {offset}) were read as Windows-1252"
        ),
        stacklevel=2,
    )
    return _STRAY.sub(as_cp1252, text)


def _decode_strict(data: bytes, encoding: str, name: str, skip: int) -> str:
    try:
        return str(memoryview(data)[skip:], encoding)
    except UnicodeDecodeError as exc:
        label = encoding.upper().replace("-LE", " LE").replace("-BE", " BE")
        raise IngestError(
            f"{name}: not valid {label} (bad bytes at offset {skip + exc.start})"
        ) from None


def _declared_encoding(declared: str | None) -> tuple[str, ...]:
    if not declared:
        return ()
    try:
        encoding = codecs.lookup(declared.strip().lower()).name
    except LookupError:
        return ()
    if encoding.startswith(("utf-16", "utf-32")):
        # A declaration cannot be read in the encoding it names unless a BOM or NULs said so.
        return ()
    if encoding in ("latin-1", "iso8859-1", "ascii"):
        # Browsers read these labels as cp1252, and so do we.
        return ("cp1252",)
    return (encoding,)
