"""Stage ④ sources: what a user means by a name — a registry entry, a rated domain, or both."""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck import regexes
from factcheck.errors import SourcesError
from factcheck.sources.matching import Registry
from factcheck.sources.model import SourceEntry
from factcheck.sources.ratings import RatingSet, domain_key, ratings_for

_DOMAIN_LIKE = regexes.compile(r"(?:[a-z][a-z0-9+.-]*://)?[^\s/]+\.[^\s/]+(?:/\S*)?", re.IGNORECASE)


def find_source(
    registry: Registry, name: str, sets: Sequence[RatingSet]
) -> tuple[SourceEntry | None, str | None]:
    """The registry entry and the web domain a user means by an id, name, alias, domain or URL.

    A domain or URL that no entry has is still a source when a rating set rates it.
    """
    if not name.strip():
        raise SourcesError(
            "empty source name; give an id, name, alias or domain (see 'factcheck sources list')"
        )
    entry = registry.find(name)
    domain = domain_key(name) if _DOMAIN_LIKE.fullmatch(name.strip()) else None
    if entry is None and domain is not None and not ratings_for(domain, sets):
        domain = None
    if entry is None and domain is None:
        raise SourcesError(f"no source matches {name!r}; see 'factcheck sources list'")
    return entry, domain
