"""Stage ⑦ review: what the loop shows an asker, and what the reviewer can do in return.

A `Prompt` is one question about one claim; a `VerdictPrompt` ends each claim with its verdict;
a `PublicationPrompt` asks, at the end, for what the published report needs from the reviewer.
The responses are small records; an `Asker` (the terminal, or a script in tests) turns what the
reviewer does into one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from factcheck.review.hints import ClaimHints, EvidenceOffer

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist, Question
    from factcheck.checklist.verdicts import Verdict
    from factcheck.models import Document
    from factcheck.review.worksheet import Action, Answer, ClaimReview, Publication, Worksheet


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An answer the tool puts forward, and why."""

    value: str
    """The answer (a choice id, a level)."""
    reason: str
    """Why, in one line: the facts that decided it."""
    offered: bool = False
    """True for strong evidence on a finding: taken only with its key, never with Enter.
    False for a suggestion on a question about the article: Enter accepts it."""


@dataclass(frozen=True, slots=True)
class Prompt:
    """Everything needed to show one question about one claim."""

    checklist: Checklist
    """The checklist (scale, questions, help texts)."""
    document: Document
    """The article, for the claim's paragraph."""
    entry: ClaimReview
    """The claim under review, with its answers so far."""
    question: Question
    """The question to answer."""
    claim_number: int
    """Position of the claim in this review, from 1."""
    claim_count: int
    """Claims in this review."""
    question_number: int
    """Position of the question among the claim's applicable questions, from 1."""
    question_count: int
    """Applicable questions for the claim, given its answers so far."""
    claims_done: int
    """Claims of this review whose every applicable question is answered."""
    suggestion: Suggestion | None
    """The tool's suggestion (Enter accepts it) or offer (only its key takes it)."""
    verdict: Verdict
    """The claim's verdict given the answers so far (or its override)."""
    error: str | None = None
    """Why the last response was refused, to show above the question."""
    hints: ClaimHints | None = None
    """What the tool found about the claim beyond the checklist (other reports of it)."""
    repeated_in: tuple[str, ...] = ()
    """Claims of the article that repeat this one (this claim's own ``repeats`` is on it)."""
    copy_from: str | None = None
    """The repeated or repeating claim whose answers `CopyAnswers` copies, when it has any."""

    @property
    def current(self) -> Answer | None:
        """The answer already recorded for this question, if any."""
        return self.entry.answers.get(self.question.id)

    @property
    def offers(self) -> tuple[EvidenceOffer, ...]:
        """The evidence offered on this question, numbered from 1 as shown."""
        if self.hints is None:
            return ()
        return tuple(o for o in self.hints.offers if o.question == self.question.id)


@dataclass(frozen=True, slots=True)
class VerdictPrompt:
    """The end of one claim: its verdict, the rule that gave it, and the reviewer's conclusion."""

    checklist: Checklist
    document: Document
    entry: ClaimReview
    verdict: Verdict
    """The verdict the rules (or the override) give."""
    claim_number: int
    claim_count: int
    error: str | None = None
    hints: ClaimHints | None = None
    """What the tool found about the claim beyond the checklist (reviewers' values a merge left
    unsettled)."""


@dataclass(frozen=True, slots=True)
class PublicationPrompt:
    """The end of the review: what the published report needs from the reviewer."""

    worksheet: Worksheet
    """The worksheet as it stands (article, claims, verdicts)."""
    checklist: Checklist
    publication: Publication
    """What the reviewer has written so far."""
    save: Callable[[str, str], None] | None = None
    """Records one part (name, text) at once: an asker that asks part by part calls it as each
    is written, so that Ctrl-C at the next part loses none before it."""
    hints: ClaimHints | None = None
    """Shown before the parts: what each reviewer wrote for a part a merge left unsettled."""


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer value: a choice id, a scale level, free text or a URL."""

    value: str


@dataclass(frozen=True, slots=True)
class Accept:
    """Enter: keep the current answer, else take a suggestion about the article, else leave the
    question open and go on. On the verdict step: accept the verdict, with a conclusion."""

    conclusion: str | None = None
    """On the verdict step: the reviewer's one-line conclusion, if written."""


@dataclass(frozen=True, slots=True)
class TakeOffer:
    """Take the answer offered on a finding (strong evidence), with its source as a note."""


@dataclass(frozen=True, slots=True)
class Back:
    """Go back to the previous question."""


@dataclass(frozen=True, slots=True)
class Skip:
    """Skip the rest of this claim; it is listed at the end."""


@dataclass(frozen=True, slots=True)
class AddNote:
    """Add a note to the current question's answer."""

    text: str


@dataclass(frozen=True, slots=True)
class AddEvidence:
    """Add an evidence URL to the current question's answer."""

    url: str


@dataclass(frozen=True, slots=True)
class OverrideVerdict:
    """Set the claim's verdict by hand, with a required reason."""

    verdict: str
    reason: str


@dataclass(frozen=True, slots=True)
class Conclude:
    """Write (or clear, with empty text) the claim's one-line conclusion."""

    text: str


@dataclass(frozen=True, slots=True)
class Quit:
    """Stop here; everything answered is already saved."""


@dataclass(frozen=True, slots=True)
class AcceptOffer:
    """Record the offered evidence with this number (from 1) on the current question."""

    number: int


@dataclass(frozen=True, slots=True)
class CopyAnswers:
    """Copy every answer, note and evidence of the claim this one repeats (or that repeats it)."""

    source: str
    """The id of the claim to copy from."""


@dataclass(frozen=True, slots=True)
class Correct:
    """A correction of what the extractor found (an `Action` of the corrections family).

    ``value`` is what the action takes: a speaker, role or hop name; for add_hop, ``position``
    says where (0: nearest the article); for split, ``position`` is the offset in the article
    text; for merge, ``value`` is the other claim's id; for add_claim, 'start-end' offsets; for
    drop, ``reason`` says why it is not a claim (and ``value`` None).
    """

    action: Action
    value: str | None = None
    position: int | None = None
    reason: str | None = None


Response = (
    Reply
    | CopyAnswers
    | Accept
    | TakeOffer
    | Back
    | Skip
    | AddNote
    | AddEvidence
    | OverrideVerdict
    | Conclude
    | Quit
    | AcceptOffer
    | Correct
)
"""What the reviewer did at one prompt."""


class Asker(Protocol):
    """Shows prompts and returns the reviewer's responses (a terminal, or a script in tests)."""

    def ask(self, prompt: Prompt) -> Response:
        """Show the question and wait for one response."""
        ...

    def ask_verdict(self, prompt: VerdictPrompt) -> Response:
        """Show the claim's verdict; Accept (with a conclusion), OverrideVerdict, Conclude,
        Correct, Back or Quit."""
        ...

    def ask_publication(self, prompt: PublicationPrompt) -> dict[str, str] | None:
        """Ask for the report's title, summary and bottom line: the parts written, by name
        (empty mapping: nothing new); None to stop."""
        ...


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """How a review ended and what is left to do."""

    worksheet: Worksheet
    """The worksheet with every change made."""
    finished: bool
    """False when the reviewer quit before the end."""
    skipped: tuple[str, ...] = ()
    """Claims of this review marked skipped."""
    below_min_score: tuple[str, ...] = ()
    """Claims left out because their score is below --min-score."""
    incomplete: tuple[str, ...] = ()
    """Claims of this review whose verdict is not final yet (a required question unanswered)."""
    changes: int = 0
    """Changes recorded by this review."""
    reviewed: tuple[str, ...] = ()
    """Claims this review covered (all claims, or those chosen by --claims and --min-score)."""
    dropped: tuple[str, ...] = ()
    """Claims of this review the reviewer dropped as not claims."""
