"""Stage ① ingest: text whose UTF-8 was read once as Windows-1252 or Latin-1, decoded again.

Scraped and re-saved articles often carry each accented letter as two or three characters
("FranÃ§ois", "GuantÃ¡namo", "donâ€™t"): the UTF-8 bytes were read in a single-byte encoding and
saved again. Names spelled that way are not the names a reviewer searches for, and quotations
are not the words printed. ftfy, loaded only when such a pair of characters is present, undoes it
where its own measure finds the text reads better decoded again; text that holds those characters
on purpose is left as it is.
"""

from __future__ import annotations

import re
import unicodedata

from factcheck import regexes
from factcheck.models import Document

# Each byte read as Windows-1252, with Latin-1's C1 controls for the five bytes it leaves undefined.
_AS_CP1252 = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]
# A UTF-8 sequence read that way: a lead byte 0xC2-0xF4, then a continuation byte 0x80-0xBF. A
# pair of them is the cheap sign that the text may need decoding.
_SUSPECT = regexes.compile("[\u00c2-\u00f4][" + re.escape("".join(_AS_CP1252[0x80:0xC0])) + "]")
# The same pair in the text's own UTF-8, looked for first: a search that starts at one byte
# value runs several times faster than one that starts at any of 51 characters.
_SUSPECT_UTF8 = regexes.compile(
    b"\xc3[\x82-\xb4](?:"
    + b"|".join(re.escape(ch.encode("utf-8")) for ch in _AS_CP1252[0x80:0xC0])
    + b")"
)
_NON_ASCII_WORD = regexes.compile(r"[^\s\x00-\x7f]+")


def repair_mojibake(text: str, *, utf8: bytes | None = None) -> str | None:
    """TEXT with its doubly encoded characters decoded again, or None when there is nothing to
    repair (no suspect pair, or ftfy finds the text as good as it gets). UTF8, when given, is
    TEXT in UTF-8 (the bytes it was read from), which spares encoding it again."""
    if text.isascii():
        return None
    data = utf8 if utf8 is not None else text.encode("utf-8", "surrogatepass")
    if b"\xc3" not in data or _SUSPECT_UTF8.search(data) is None:
        return None
    import ftfy  # loaded only for text that shows the signs, which keeps start-up fast

    # Line by line, and only the lines that show the signs: a long text with one bad line is
    # read once, and each line is judged on its own.
    parts: list[str] = []
    done = 0
    for found in _SUSPECT.finditer(text):
        if found.start() < done:
            continue
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end
        parts += (text[done:start], ftfy.fix_encoding(text[start:end]))
        done = end
    parts.append(text[done:])
    fixed = unicodedata.normalize("NFC", "".join(parts))
    return fixed if fixed != text else None


def shows_repair(document: Document, original: str) -> bool:
    """Whether the Document read from a repaired page holds a word that ORIGINAL, the page before
    its repair, held only doubly encoded: a repair in the page's scripts or styles alone, which
    no reader sees, is no repair of the article, though the article may use the same words."""
    words: set[str] = set()
    for value in (document.text, document.title, document.outlet, document.byline):
        if value and not value.isascii():
            words.update(_NON_ASCII_WORD.findall(value))
    return any(word not in original and doubly_encoded(word) in original for word in words)


def doubly_encoded(text: str) -> str:
    """TEXT as it reads after its UTF-8 bytes are taken for Windows-1252 (Latin-1's C1 controls
    for the five bytes Windows-1252 leaves undefined)."""
    return "".join(_AS_CP1252[byte] for byte in text.encode("utf-8"))
