"""Stage ① ingest, input readers: the interface every kind of input implements.

A reader turns one kind of SOURCE, as the user names it on the command line, into a Document.
``factcheck.extract.ingest.READERS`` names every reader; ``read_source`` gives a source to the
first reader that accepts it. To add an input format, write a class with the members below and
add it to that dict ahead of the plain-text reader, which accepts any file.
"""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING, BinaryIO, Protocol

from factcheck.errors import IngestError

if TYPE_CHECKING:
    from factcheck.models import Document


def too_large(name: str, size: int | None, limit: int) -> IngestError:
    """The error for an input NAME over LIMIT bytes (SIZE bytes, when it is known)."""
    most = limit // 2**20
    if size is None:
        return IngestError(f"{name}: too large (the limit is {most} MB)")
    return IngestError(f"{name}: too large ({ceil(size / 2**20)} MB; the limit is {most} MB)")


class ReaderError(IngestError):
    """A source that no reader accepts, or that its reader could not read."""


class Reader(Protocol):
    """One kind of input: a plain-text file, an HTML file, a web page."""

    @property
    def summary(self) -> str:
        """What the reader reads, in a few words, for help text."""
        ...

    def accepts(self, source: str) -> bool:
        """Whether SOURCE (a path, '-' for stdin, or a URL) is this reader's to read."""
        ...

    def read(self, source: str, *, stdin: BinaryIO | None = None) -> Document:
        """The Document SOURCE holds; an IngestError with a one-line message when it fails."""
        ...
