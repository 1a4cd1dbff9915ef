"""Stage ④ sources: names for rated domains — 'Breitbart News' on a chain is breitbart.com.

Precision first. A chain name the registry does not know is matched to a rated domain only when
it is a proper name (every word capitalised, or an acronym) whose letters spell the domain's own
name ('Press TV' and presstv.ir), possibly followed by a word outlets add ('Breitbart News'), or
when it is the page's own site name and the page sits on that domain. The domain's name must
belong to a single site in the set, and be at least five letters long: 'Fox' or 'ABC' alone
never match. Every match carries the reason a reviewer is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck import regexes
from factcheck.models import Document
from factcheck.sources.ratings import RatingSet, domain_key

_OUTLET_WORDS = frozenset(
    {"news", "tv", "radio", "online", "daily", "times", "post", "network", "media", "agency"}
)
_WORD = regexes.compile(r"[^\W_]+(?:['\u2019.&-][^\W_]+)*")
_MIN_LETTERS = 5


@dataclass(frozen=True, slots=True)
class NamedDomain:
    """A chain name matched to a rated domain."""

    name: str
    """The name as the chain gives it."""
    domain: str
    """The rated domain."""
    reason: str
    """Why it matched, for the reviewer."""


def _key(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _is_proper(words: list[str]) -> bool:
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


def name_domain(
    name: str, rating_set: RatingSet, document: Document | None = None
) -> NamedDomain | None:
    """The rated domain a chain name stands for, with the reason, or None."""
    words = _WORD.findall(name)
    if words and words[0].casefold() == "the":
        words = words[1:]
    if not _is_proper(words):
        return None
    own = document is not None and document.url and document.outlet
    if document is not None and own and _key(name) == _key(str(document.outlet)):
        host = domain_key(str(document.url)).split("/", 1)[0]
        if rating_set.get(host) is not None:
            return NamedDomain(name, host, f"'{name}' is the site name of the page on {host}")
    tries = [(words, "")]
    if len(words) > 1 and words[-1].casefold() in _OUTLET_WORDS:
        tries.append((words[:-1], f" without '{words[-1]}'"))
    if _WORD.findall(name)[:1] == ["The"] or _WORD.findall(name)[:1] == ["the"]:
        tries.append((["the", *words], " with 'the'"))
    for candidate, note in tries:
        key = _key("".join(candidate))
        site = rating_set.site_named(key) if len(key) >= _MIN_LETTERS else None
        if site and rating_set.get(site) is not None:
            reason = f"'{name}'{note} spells {site}'s own name"
            return NamedDomain(name, site, reason)
    return None
