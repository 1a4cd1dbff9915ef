"""Scripted reviewers for tests that drive the review loop: each gives the responses it holds."""

from __future__ import annotations

from factcheck.review.prompts import (
    Accept,
    Prompt,
    PublicationPrompt,
    Quit,
    Response,
    VerdictPrompt,
)


class Replies:
    """Gives the responses it holds to the questions, in turn, then Quit; accepts every verdict;
    records each question's prompt."""

    def __init__(self, *responses: Response) -> None:
        self.responses = list(responses)
        self.prompts: list[Prompt] = []

    def ask(self, prompt: Prompt) -> Response:
        self.prompts.append(prompt)
        return self.responses.pop(0) if self.responses else Quit()

    def ask_verdict(self, prompt: VerdictPrompt) -> Response:
        return Accept()

    def ask_publication(self, prompt: PublicationPrompt) -> dict[str, str] | None:
        return {}


class Settler:
    """Quits at any question; at a verdict, gives the responses it holds in turn, then Accept;
    records every prompt."""

    def __init__(self, *at_verdict: Response) -> None:
        self.at_verdict = list(at_verdict)
        self.prompts: list[Prompt] = []
        self.verdicts: list[VerdictPrompt] = []
        self.publication: list[PublicationPrompt] = []

    def ask(self, prompt: Prompt) -> Response:
        self.prompts.append(prompt)
        return Quit()

    def ask_verdict(self, prompt: VerdictPrompt) -> Response:
        self.verdicts.append(prompt)
        return self.at_verdict.pop(0) if self.at_verdict else Accept()

    def ask_publication(self, prompt: PublicationPrompt) -> dict[str, str] | None:
        self.publication.append(prompt)
        return {}
