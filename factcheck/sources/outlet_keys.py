"""Stage ④ sources: where a document records its publisher and the outlets it carried.

The publisher stage (``publisher``) writes these keys into ``Document.provenance``; the chains and
the records read them. They live apart from the stage so that reading them compiles none of its
patterns: a command that only looks a source up never loads the stage.
"""

from __future__ import annotations

from factcheck.models import Document

OUTLET = "outlet"
"""Provenance key of the publisher: the value says which evidence named it."""
CARRIED = "outlet.via"
"""Provenance key of the outlets the publisher carried the story from, nearest first."""
SEPARATOR = "; "
"""What separates the outlets under ``CARRIED``."""


def carried_from(document: Document) -> tuple[str, ...]:
    """The outlets the publisher carried the story from, nearest first."""
    value = dict(document.provenance).get(CARRIED, "")
    return tuple(name for name in value.split(SEPARATOR) if name)
