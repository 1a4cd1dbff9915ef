"""The `compare` and `merge` commands: several reviewers of one article.

Each command imports the core and its renderer when it runs: loading them takes about a
second, which `factcheck --version` and `--help` must not pay.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.app import _options, app, output_argument, path_argument, run_guarded
from factcheck.errors import FactcheckError
from factcheck.render.console import make_console

_Worksheets = Annotated[
    list[Path],
    typer.Argument(
        metavar="WORKSHEET WORKSHEET...",
        parser=path_argument,
        help="Worksheets of one article and one checklist, one per reviewer.",
    ),
]


_TeamChecklist = Annotated[
    str | None,
    typer.Option(
        "--checklist", "-c", metavar="NAME|PATH", help="The worksheets' checklist, if it has moved."
    ),
]


@app.command()
def compare(
    ctx: typer.Context,
    worksheets: _Worksheets,
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", metavar="FORMAT", help="terminal, markdown or json."),
    ] = "terminal",
    checklist: _TeamChecklist = None,
) -> None:
    """Compare reviewers: answers and verdicts side by side, and how far they agree.

    Shows percent agreement and Krippendorff's alpha on the verdicts and on every question
    (and Cohen's kappa for two reviewers), then each claim's answers, notes and evidence by
    reviewer, disagreements marked.

    Example: factcheck compare reports/seed-article.ana.worksheet.yaml
    reports/seed-article.ben.worksheet.yaml
    """
    if output_format not in ("terminal", "markdown", "json"):
        raise typer.BadParameter("expected terminal, markdown or json", param_hint="--format")
    opts = _options(ctx)

    def action() -> None:
        from factcheck.team.compare import compare_worksheets

        comparison = compare_worksheets(worksheets, checklist=checklist)
        if output_format == "json":
            from factcheck.render.team_json import render_json

            sys.stdout.write(render_json(comparison))
            return
        if output_format == "markdown":
            from factcheck.render.team_markdown import render_markdown

            sys.stdout.write(render_markdown(comparison))
            return
        from factcheck.render.team import render_terminal
        from factcheck.render.team_plain import plain_terminal

        console = make_console(opts.color)
        text = plain_terminal(comparison, console)
        if text is None:
            console.print(render_terminal(comparison))
        else:
            console.file.write(text)
            console.file.flush()

    run_guarded(ctx, action)


@app.command()
def merge(
    ctx: typer.Context,
    worksheets: _Worksheets,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            parser=output_argument,
            help="The merged worksheet to write.",
        ),
    ],
    rule: Annotated[
        str,
        typer.Option(
            "--rule",
            metavar="RULE",
            help="majority (most common answer; ties open) or unanimous (only shared answers).",
        ),
    ] = "majority",
    checklist: _TeamChecklist = None,
) -> None:
    """Merge reviewers' worksheets into one; review it to settle what the rule left open.

    Corrections (speaker, role, chain), drops (not a claim) and the report's title, summary,
    bottom line and URL follow the rule too; every reviewer's own are kept in the merged
    worksheet's audit log.

    Example: factcheck merge reports/seed-article.*.worksheet.yaml
    --output team/seed-article.worksheet.yaml
    """
    if rule not in ("majority", "unanimous"):
        raise typer.BadParameter("expected majority or unanimous", param_hint="--rule")
    opts = _options(ctx)

    def action() -> None:
        from factcheck.files import names_folder, resolved
        from factcheck.render.console import message_text
        from factcheck.render.team import render_merge
        from factcheck.review.journal import write_new_worksheet
        from factcheck.review.worksheet import WORKSHEET_SUFFIX
        from factcheck.team.merge import Rule, merge_worksheets

        target = Path(output)
        if names_folder(output):
            raise FactcheckError(f"{output}: is a folder; give --output a file name")
        if not target.name.endswith(WORKSHEET_SUFFIX):
            raise FactcheckError(f"--output: expected a file name ending in {WORKSHEET_SUFFIX}")
        # A link counts as there, even one that leads nowhere: merge never replaces a thing.
        if os.path.lexists(target) or resolved(target) in {resolved(p) for p in worksheets}:
            raise FactcheckError(f"{target}: already exists; choose another --output")
        result = merge_worksheets(worksheets, Rule(rule), checklist=checklist, output=target)
        write_new_worksheet(target, result.worksheet)
        err = make_console(opts.color, file=sys.stderr)
        err.print(render_merge(result))
        if result.open or result.unsettled:
            # One line, however long the path: it is a command to copy.
            err.print(message_text(f"Settle them with: factcheck review {target}"), soft_wrap=True)
        err.print(message_text(f"Saved {target}"), soft_wrap=True)

    run_guarded(ctx, action)
