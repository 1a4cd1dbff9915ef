"""Stage ⑨ render: checklists as Rich renderables (`checklist list`, `show`, `validate`)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.errors import StyleSyntaxError
from rich.style import Style
from rich.table import Table
from rich.text import Text

from factcheck.checklist.analysis import Analysis
from factcheck.checklist.load import display_path
from factcheck.checklist.model import (
    INFORMATION_CREDIBILITY,
    SOURCE_RELIABILITY,
    AnswerType,
    Checklist,
    GradeRule,
    Question,
    Severity,
)
from factcheck.checklist.validate import Validation
from factcheck.render.console import message_text, safe_text


def _style(colour: str | None) -> str:
    """The level's colour as a Rich style, or none if Rich does not know the name."""
    if not colour:
        return ""
    try:
        Style.parse(colour)
    except StyleSyntaxError:
        return ""
    return colour


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def _share(count: int, total: int) -> str:
    if total == 0:
        return "-"
    percent = 100 * count / total
    if count and percent < 0.1:
        return "<0.1%"
    return f"{percent:.1f}%" if percent < 10 else f"{percent:.0f}%"


def _answers(question: Question) -> Text:
    if question.type is AnswerType.SCALE:
        return Text(f"scale {question.choices[0]}-{question.choices[-1]}")
    if question.type in (AnswerType.TEXT, AnswerType.URL):
        return Text(str(question.type), style="italic")
    parts = [
        choice
        if question.label_for(choice) == choice
        else f"{choice} ({question.label_for(choice)})"
        for choice in question.choices
    ]
    return safe_text(" / ".join(parts))


def render_checklist_list(checklists: Sequence[Checklist]) -> RenderableType:
    """The built-in checklists in a table."""
    table = Table(title="Checklists", title_justify="left")
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column("name")
    table.add_column("ver.", justify="right")
    table.add_column("questions", justify="right")
    table.add_column("verdicts")
    table.add_column("grade", justify="center")
    for checklist in checklists:
        verdicts = Text(", ").join(
            safe_text(level.label, style=_style(level.colour)) for level in checklist.scale
        )
        table.add_row(
            safe_text(checklist.id),
            safe_text(checklist.name),
            str(checklist.version),
            str(len(checklist.questions)),
            verdicts,
            "A-F 1-6" if checklist.grade else "-",
        )
    hint = Text("Show one with: factcheck checklist show NAME", style="dim")
    return Group(table, hint)


def render_checklist(checklist: Checklist, analysis: Analysis | None = None) -> RenderableType:
    """A checklist in full: its scale, questions with their branches, rules and grade."""
    header = Text()
    header.append_text(safe_text(checklist.name, style="bold"))
    header.append(f"  {checklist.id} v{checklist.version}", style="dim")
    parts: list[RenderableType] = [header]
    if checklist.description:
        parts.append(safe_text(checklist.description))
    parts.append(safe_text(f"File: {display_path(checklist.path)}", style="dim"))
    parts += [Text(), _scale_table(checklist, analysis), Text()]
    parts += [_question_table(checklist, analysis), Text(), _rule_table(checklist, analysis)]
    if checklist.grade is not None:
        parts += [Text(), _grade_table(checklist, analysis)]
    if analysis is not None:
        parts += [Text(), _proof(analysis)]
    return Group(*parts)


def _scale_table(checklist: Checklist, analysis: Analysis | None) -> Table:
    table = Table(title="Verdict scale (best first)", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("label", no_wrap=True)
    table.add_column("meaning")
    if analysis is not None:
        table.add_column("cases", justify="right")
    for level in checklist.scale:
        row: list[RenderableType] = [
            safe_text(level.id),
            safe_text(level.label, style=f"bold {_style(level.colour)}".strip()),
            safe_text(level.description or ""),
        ]
        if analysis is not None:
            count = sum(
                fired
                for rule, fired in zip(checklist.rules, analysis.fired, strict=True)
                if rule.verdict == level.id
            )
            row.append(_share(count, analysis.combinations))
        table.add_row(*row)
    return table


def _question_table(checklist: Checklist, analysis: Analysis | None) -> RenderableType:
    """Each question as a block: what is asked, its answers, when it is asked, its help."""
    blocks: list[RenderableType] = [Text("Questions (in the order asked)", style="italic")]
    for i, question in enumerate(checklist.questions):
        title = Text(f"{i + 1}. ")
        title.append_text(safe_text(question.id, style="bold"))
        if question.required:
            title.append("  required", style="dim")
        kind = "about the article" if question.kind == "article" else "a finding of research"
        title.append(f"  {kind}", style="dim")
        if question.internal:
            title.append("  internal (left out of published reports)", style="dim")
        if question.ordered:
            title.append("  answers ordered", style="dim")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=2)
        grid.add_column(style="dim", no_wrap=True, width=10)
        grid.add_column()
        grid.add_row("", "asks", safe_text(question.ask, style="bold"))
        grid.add_row("", "answers", _answers(question))
        if question.when is not None:
            when = safe_text(question.when.source)
            if analysis is not None:
                share = _share(analysis.asked[i], analysis.combinations)
                when.append(f"  ({share} of cases)", style="dim")
            grid.add_row("", "asked when", when)
        if question.prefill is not None:
            grid.add_row("", "suggested", safe_text(question.prefill.source))
        if question.offer is not None:
            grid.add_row("", "offered", safe_text(question.offer.source))
        if question.help:
            grid.add_row("", "help", safe_text(question.help, style="dim"))
        blocks += [title, grid]
    return Group(*blocks)


def _rule_table(checklist: Checklist, analysis: Analysis | None) -> Table:
    table = Table(title="Verdict rules (the first that holds decides)", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("when")
    table.add_column("verdict", no_wrap=True)
    table.add_column("reason")
    if analysis is not None:
        table.add_column("cases", justify="right")
    for i, rule in enumerate(checklist.rules):
        level = checklist.level(rule.verdict)
        when = safe_text(rule.source) if rule.when else Text("otherwise (default)", style="italic")
        row: list[RenderableType] = [
            str(i + 1),
            when,
            safe_text(level.label, style=_style(level.colour)),
            safe_text(rule.reason or ""),
        ]
        if analysis is not None:
            row.append(_share(analysis.fired[i], analysis.combinations))
        table.add_row(*row)
    return table


def _grade_table(checklist: Checklist, analysis: Analysis | None) -> Table:
    assert checklist.grade is not None
    table = Table(title="Admiralty grade (letter + digit, such as B2)", title_justify="left")
    table.add_column("part", no_wrap=True)
    table.add_column("when")
    table.add_column("gives")
    if analysis is not None:
        table.add_column("cases", justify="right")
    parts: list[tuple[str, tuple[GradeRule, ...], dict[str, str], tuple[int, ...]]] = [
        ("source", checklist.grade.source, dict(SOURCE_RELIABILITY), ()),
        ("credibility", checklist.grade.credibility, dict(INFORMATION_CREDIBILITY), ()),
    ]
    if analysis is not None:
        parts = [
            (name, rules, meanings, counts)
            for (name, rules, meanings, _), counts in zip(
                parts, (analysis.source_fired, analysis.credibility_fired), strict=True
            )
        ]
    for name, rules, meanings, counts in parts:
        for i, rule in enumerate(rules):
            when = safe_text(rule.source) if rule.when else Text("otherwise", style="italic")
            row: list[RenderableType] = [
                name if i == 0 else "",
                when,
                safe_text(f"{rule.value} {meanings.get(rule.value, '')}"),
            ]
            if analysis is not None:
                row.append(_share(counts[i], analysis.combinations))
            table.add_row(*row)
    return table


def _proof(analysis: Analysis) -> Text:
    return Text(
        f"Checked {analysis.combinations:,} reachable combinations of answers and facts in "
        f"{analysis.seconds:.3f} s: each reaches exactly one verdict.",
        style="dim",
    )


def render_validation(validation: Validation) -> Text:
    """One file's result: an OK line with what was checked, or its problems one per line."""
    lines: list[Text] = []
    checklist, analysis = validation.checklist, validation.analysis
    name = display_path(checklist.path) if checklist else (validation.source or "''")
    errors = [p for p in validation.problems if p.severity is Severity.ERROR]
    for problem in validation.problems:
        style = "red" if problem.severity is Severity.ERROR else "yellow"
        lines.append(message_text(str(problem), style=style))
    if errors:
        lines.append(message_text(f"{name}: {_count(len(errors), 'error')}", style="bold red"))
    elif checklist is not None and analysis is not None:
        summary = Text()
        summary.append_text(message_text(f"{name}: "))
        summary.append("OK", style="bold green")
        summary.append_text(
            safe_text(
                f" ({checklist.id} v{checklist.version}: "
                f"{_count(len(checklist.questions), 'question')}, "
                f"{_count(len(checklist.rules), 'rule')}; "
                f"{_count(analysis.combinations, 'combination')} checked "
                f"in {validation.seconds:.3f} s)"
            )
        )
        lines.append(summary)
    return Text("\n").join(lines)
