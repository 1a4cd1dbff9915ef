"""Typed, immutable models that flow between the pipeline stages."""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.factchecks.model import Match


class SegmentKind(enum.StrEnum):
    """What a piece of the article's text is."""

    TITLE = "title"
    DATELINE = "dateline"
    BYLINE = "byline"
    CAPTION = "caption"
    CREDIT = "credit"
    RELATED = "related"
    TAGS = "tags"
    CLAIM = "claim"
    STATEMENT = "statement"
    QUESTION = "question"
    OPINION = "opinion"


FURNITURE_KINDS = frozenset(
    {
        SegmentKind.TITLE,
        SegmentKind.DATELINE,
        SegmentKind.BYLINE,
        SegmentKind.CAPTION,
        SegmentKind.CREDIT,
        SegmentKind.RELATED,
        SegmentKind.TAGS,
    }
)


@dataclass(frozen=True, slots=True)
class Document:
    """An ingested article: clean text plus what is known about it."""

    source: str
    """How the user named it: a path, '-' for stdin, or a URL."""
    text: str
    """The clean text: decoded, newlines normalised. All offsets point into this."""
    sha256: str
    """Hex sha256 of the raw input bytes, so a worksheet can tell if its article changed."""
    title: str | None = None
    """The headline, from HTML metadata or the text's own title line."""
    outlet: str | None = None
    """The publishing outlet (site name), when known."""
    byline: str | None = None
    """The author(s) as printed, without the leading 'By'."""
    published: str | None = None
    """Publication date as ISO 8601 (YYYY-MM-DD), when known."""
    url: str | None = None
    """The article's URL, when known."""
    provenance: tuple[tuple[str, str], ...] = ()
    """Where each metadata field came from, as (field, origin) pairs: 'meta' (the page's meta
    tags or title), 'json-ld', 'time' (the article's <time>), 'heading' (its <h1>), 'url' (the
    address's path), 'fetch' (the address it was fetched from), 'dateline' or 'text' (the
    article's own text). ('text', 'repaired') says the text itself is not the bytes' first
    reading: doubly encoded characters ("FranÃ§ois") were decoded again."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One piece of the clean text, in order, with what kind of piece it is."""

    start: int
    """Offset of the first character in Document.text."""
    end: int
    """Offset one past the last character in Document.text."""
    kind: SegmentKind
    """Furniture kind, or the sentence's class (claim, statement, question, opinion)."""
    text: str
    """Document.text[start:end], stripped of nothing."""
    block: int = 0
    """Index of the block (paragraph) the segment belongs to."""
    attribution: Attribution | None = field(default=None, compare=False)
    """Who stands behind a body sentence (claim, statement, question, opinion); None elsewhere.
    Derived from the text, so it takes no part in comparing segments."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who stands behind a claim, and through whom the article heard it."""

    speaker: str | None = None
    """The person or organisation the claim comes from, resolved from pronouns."""
    role: str | None = None
    """The speaker's role as the text gives it ('editor-in-chief of Al-Akhbar')."""
    verb: str | None = None
    """The reporting verb as written ('said', 'claimed', 'according to')."""
    via: tuple[str, ...] = ()
    """Intermediaries between the article and the speaker, nearest the article first."""
    hedges: tuple[str, ...] = ()
    """Hedging words found ('reportedly', 'allegedly', 'claimed', 'according to')."""
    quote: bool = False
    """Whether the claim is (or contains) a direct quotation."""
    others: tuple[str, ...] = ()
    """Other speakers of the same sentence, each with a clause of their own ("While Clinton
    has vowed …, Trump has pledged …": Clinton, beside the speaker Trump)."""

    @property
    def hops(self) -> int:
        """Intermediaries between the article and the original speaker (0: first-hand)."""
        return len(self.via)


@dataclass(frozen=True, slots=True)
class Claim:
    """A check-worthy statement with its score and attribution."""

    id: str
    """Stable id within the document: c1, c2, ..."""
    text: str
    """The claim's text: Document.text[start:end]."""
    start: int
    """Offset of the first character in Document.text."""
    end: int
    """Offset one past the last character in Document.text."""
    check_worthiness: float
    """Score in [0, 1]; higher is more worth checking."""
    reasons: tuple[str, ...] = ()
    """Human-readable reasons behind the score ('number', 'attribution', ...)."""
    attribution: Attribution = field(default_factory=Attribution)
    """Who stands behind the claim."""
    sources: tuple[str, ...] = ()
    """Ids of source-registry entries found on the claim's chain."""
    block: int = 0
    """Index of the block (paragraph) the claim sits in."""
    caption: bool = False
    """Whether the claim is a photo caption; its speaker is the photo's credit."""
    repeats: str | None = None
    """Id of the claim of the same article this one repeats (a standfirst repeating a body
    sentence); None when it repeats none."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extract stage produces for one source."""

    document: Document
    segments: tuple[Segment, ...]
    claims: tuple[Claim, ...]
    factchecks: Mapping[str, tuple[Match, ...]] | None = None
    """Known fact-checks matching each claim (by claim id), best first; None when there is no
    fact-check database."""


@dataclass(frozen=True, slots=True)
class SourceFacts:
    """What the source registry knows about the sources on one claim's chain.

    These are the ``sources.*`` names that checklist expressions can use.
    """

    any_partisan: bool = False
    """Some matched source is partisan (yes or lean)."""
    any_party_to_conflict: bool = False
    """Some matched source is a party to a conflict or dispute."""
    worst_reliability: str = "F"
    """Worst default Admiralty reliability letter among matched sources, A (best) to F (cannot be
    judged); F when nothing matched."""
    state_media: bool = False
    """Some matched source is state-controlled media."""
    unknown: tuple[str, ...] = ()
    """Names on the chain that the registry does not know."""
    rated: bool = False
    """Some rating set rates a source on the chain (the publisher's domain included)."""
    lowest_ratings: tuple[tuple[str, float], ...] = ()
    """Per rating set with a numeric scale, the lowest rating on the chain, 0 (lowest) to 1."""
    publisher_known: bool = False
    """The article's publisher is known."""


# --- construction -------------------------------------------------------------------------------
# The generated __init__ of a frozen dataclass sets each field with object.__setattr__, which looks
# the field up on the class every time: twice the cost of setting the slot itself. A segment is
# built for every piece of every article, an attribution for every sentence and a claim for every
# claim, so these three are built by an __init__ that sets their slots directly, with the same
# parameters. PLAIN_INITS keeps each generated __init__, the definition the quick one must match. A
# field added to one of these classes goes into its __init__ too: unpacking the setters fails at
# import until it does.

_Init = Callable[..., None]
_NEW = object()
"""Stands for a parameter whose default is a new object (``Claim.attribution``)."""


def _slot_setters(cls: type) -> list[Callable[[object, object], None]]:
    """The function that sets each field's slot on an instance, in field order."""
    return [cls.__dict__[f.name].__set__ for f in fields(cls)]


def _segment_init() -> _Init:
    set_start, set_end, set_kind, set_text, set_block, set_attribution = _slot_setters(Segment)

    def __init__(
        self: Segment,
        start: int,
        end: int,
        kind: SegmentKind,
        text: str,
        block: int = 0,
        attribution: Attribution | None = None,
    ) -> None:
        set_start(self, start)
        set_end(self, end)
        set_kind(self, kind)
        set_text(self, text)
        set_block(self, block)
        set_attribution(self, attribution)

    return __init__


def _attribution_init() -> _Init:
    set_speaker, set_role, set_verb, set_via, set_hedges, set_quote, set_others = _slot_setters(
        Attribution
    )

    def __init__(
        self: Attribution,
        speaker: str | None = None,
        role: str | None = None,
        verb: str | None = None,
        via: tuple[str, ...] = (),
        hedges: tuple[str, ...] = (),
        quote: bool = False,
        others: tuple[str, ...] = (),
    ) -> None:
        set_speaker(self, speaker)
        set_role(self, role)
        set_verb(self, verb)
        set_via(self, via)
        set_hedges(self, hedges)
        set_quote(self, quote)
        set_others(self, others)

    return __init__


def _claim_init() -> _Init:
    (
        set_id,
        set_text,
        set_start,
        set_end,
        set_check_worthiness,
        set_reasons,
        set_attribution,
        set_sources,
        set_block,
        set_caption,
        set_repeats,
    ) = _slot_setters(Claim)

    def __init__(
        self: Claim,
        id: str,
        text: str,
        start: int,
        end: int,
        check_worthiness: float,
        reasons: tuple[str, ...] = (),
        attribution: object = _NEW,
        sources: tuple[str, ...] = (),
        block: int = 0,
        caption: bool = False,
        repeats: str | None = None,
    ) -> None:
        set_id(self, id)
        set_text(self, text)
        set_start(self, start)
        set_end(self, end)
        set_check_worthiness(self, check_worthiness)
        set_reasons(self, reasons)
        set_attribution(self, Attribution() if attribution is _NEW else attribution)
        set_sources(self, sources)
        set_block(self, block)
        set_caption(self, caption)
        set_repeats(self, repeats)

    return __init__


PLAIN_INITS: dict[type, _Init] = {cls: cls.__init__ for cls in (Segment, Attribution, Claim)}
"""The generated __init__ of each class built by a quick one."""


def _install_quick_inits() -> None:
    quick_inits: dict[type, _Init] = {
        Segment: _segment_init(),
        Attribution: _attribution_init(),
        Claim: _claim_init(),
    }
    for cls, quick in quick_inits.items():
        # help() and documentation show the generated signature ("attribution=<factory>").
        quick.__signature__ = inspect.signature(PLAIN_INITS[cls])  # type: ignore[attr-defined]
        quick.__qualname__ = f"{cls.__qualname__}.__init__"
        cls.__init__ = quick  # type: ignore[misc]


_install_quick_inits()
