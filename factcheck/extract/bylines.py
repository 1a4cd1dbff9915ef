"""Stage ① ingest and ② segment, bylines: who wrote an article, as people's names or a staff credit.

A byline found in a page's metadata or text is kept only when it has the shape of one: personal
names (two to five capitalised words, initials and name particles allowed), several joined by
commas or "and", or a staff credit ("Reuters Staff", "Editorial Board"). Interface labels, dates,
addresses and handles are not bylines.
"""

from __future__ import annotations

import re
from functools import cache

from factcheck import regexes
from factcheck.lexicon import page_words, words

_LEAD_RE = regexes.compile(
    r"\A(?:(?:written|posted|reported|words|story|text|photos?|analysis|opinion|commentary|interview)\s+)?(?:by|from)\s*:?\s+"
    r"|\A(?:authors?|writers?|byline)\s*:\s*",
    re.IGNORECASE,
)
_SPLIT_RE = regexes.compile(
    r"\s*(?:,|;|\||\band\b|&|\bwith\b|(?<=[a-z]{2})\.\s"
    + "".join(rf"|\s{re.escape(word)}\s" for word in sorted(page_words("name_joiners")))
    + r")\s*"
)
_NAME_TOKEN_RE = regexes.compile(r"[A-ZÀ-Þ][\w’'.-]*\Z|[A-ZÀ-Þ]\.(?:[A-Z]\.)*\Z")
_NOT_A_NAME_RE = regexes.compile(r"\d|@|://|www\.|\.com\b|#|[<>{}=_/\\]")
_MAX_LENGTH = 120
_NICKNAME_RE = regexes.compile(r"(?<=\S )[\"\u201c]([^\"\u201c\u201d]{1,30})[\"\u201d](?= \S)")
"""A nickname in quotation marks between a given name and a surname."""


def clean_byline(value: str | None) -> str | None:
    """The byline in VALUE when it is people's names or a staff credit, else None.

    A leading "By" and a trailing role ("Jane Roe, Senior Reporter") are left out; several names
    are joined with ", ".
    """
    if not value:
        return None
    value = " ".join(value.split())
    value = _LEAD_RE.sub("", value).strip(" ,;:|-–—")
    if not value or len(value) > _MAX_LENGTH or _NOT_A_NAME_RE.search(value):
        return None
    names: list[str] = []
    for part in _SPLIT_RE.split(value):
        part = _without_outlet(part.strip(" ."))
        if not part:
            continue
        if names and (_is_role(part) or _is_outlet(part) or _is_company_form(part.split()[-1])):
            continue  # "Jane Roe, Senior Reporter", "Jane Roe, Example Press Ltd": after a name
        if _is_person(part) or _is_staff_credit(part):
            if part not in names:
                names.append(part)
        else:
            return None
    return ", ".join(names) or None


def _is_person(part: str) -> bool:
    if '"' in part or "\u201c" in part:
        part = _NICKNAME_RE.sub(r"\1", part)  # Amanda "Tania Mae" Tan: her name and nickname
    tokens = part.split()
    if not 2 <= len(tokens) <= 5:
        return False
    if tokens[0].lower() in _ARTICLES and not _is_outlet(part):
        return False  # "The Morning Team" names no person; "The Associated Press" is a credit
    interface = words("interface_words")
    if _is_company_form(tokens[-1]):
        return False  # "RSW AG", "Acme Media GmbH": a company, not a person
    capitalised = 0
    for token in tokens:
        if token.lower() in interface:
            return False
        head, joint, rest = token.partition("-") if "-" in token else token.partition("’")
        if joint and head.lower() in words("name_particles"):
            token = rest  # al-Mughrabi, d’Alembert: a particle joined to the name
        if _NAME_TOKEN_RE.match(token):
            capitalised += 1
        elif token.lower() not in words("name_particles"):
            return False
    return capitalised >= 2 and token[:1].isupper()


def _is_company_form(token: str) -> bool:
    """Whether TOKEN is a company's legal form as written: "Ltd", "GmbH", "Inc.", "AG"; a form
    of two letters only in capitals or with its full stop ("Co."), as a surname ("Sa") is not."""
    bare = token.replace(".", "")
    if bare.lower() not in words("company_forms"):
        return False
    return len(bare) > 2 or bare.isupper() or token.endswith(".")


def _is_role(part: str) -> bool:
    """A journalist's role: "Senior Reporter", "Editor-at-large" (a word of a role joined by
    hyphens counts)."""
    roles = words("byline_roles")
    tokens = part.split()
    return 0 < len(tokens) <= 5 and any(
        piece.strip(".").capitalize() in roles for t in tokens for piece in t.split("-")
    )


_ARTICLES = frozenset({"the", "a", "an"})


def _is_outlet(part: str) -> bool:
    """A news outlet's name, or one with a word after it: "Associated Press", "Example News
    International" when "example news" is a known outlet."""
    key = part.casefold().removeprefix("the ")
    outlets = words("news_outlets")
    if key in outlets or any(key.startswith(f"{name} ") for name in _long_outlets()):
        return True
    # "Dawn News", "Dawn International": a one-word outlet and a word that names an outlet or
    # an organisation after it. A person's name may open on a one-word outlet ("Dawn Reyes").
    first, _, rest = key.partition(" ")
    return (
        first in outlets
        and len(rest.split()) == 1
        and (rest in words("organisation_heads") or rest in words("media_heads"))
    )


def _without_outlet(part: str) -> str:
    """PART without a known outlet's name after the person's: "JANE ROE Associated Press"."""
    key = part.casefold()
    for outlet in _long_outlets():
        for name in (f"the {outlet}", outlet):
            if key.endswith(f" {name}") and len(part[: -len(name)].split()) >= 2:
                return part[: -len(name)].rstrip()
    return part


@cache
def _long_outlets() -> tuple[str, ...]:
    """The known outlets whose names have two words or more (a one-word name such as "Sun" or
    "Dawn" is also a person's name), the longest first."""
    return tuple(sorted((n for n in words("news_outlets") if " " in n), key=lambda n: (-len(n), n)))


def _is_staff_credit(part: str) -> bool:
    """'Reuters Staff', 'The Editorial Board', 'Staff reporter': a credit with a role word and no
    interface words."""
    tokens = part.split()
    if not 1 <= len(tokens) <= 5 or not tokens[0][0].isupper():
        return False
    interface = words("interface_words")
    if any(t.lower() in interface for t in tokens):
        return False
    staff = words("staff_words")
    return any(t.lower() in staff for t in tokens)
