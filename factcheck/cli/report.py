"""The `report` command: a worksheet's report in every format.

Each command imports the core and its renderer when it runs: loading them takes about a
second, which `factcheck --version` and `--help` must not pay.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.app import (
    _options,
    _SourcesPaths,
    app,
    output_argument,
    path_argument,
    run_guarded,
)
from factcheck.errors import FactcheckError
from factcheck.render.console import make_console
from factcheck.render.formats import (
    REPORT_FORMATS,
    ReportFormat,
    format_for_output,
    format_help,
    parse_format,
)


@app.command()
def report(
    ctx: typer.Context,
    worksheet: Annotated[
        Path,
        typer.Argument(
            metavar="WORKSHEET", parser=path_argument, help="A worksheet made by factcheck review."
        ),
    ],
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=format_help(),
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH|-",
            parser=output_argument,
            help="File to write, or '-' for stdout (default: markdown goes to <slug>.md beside "
            "the worksheet, the other formats to stdout).",
        ),
    ] = None,
    details: Annotated[
        bool,
        typer.Option(
            "--details",
            help="terminal: every claim's answers and notes; markdown: also the rule "
            "expressions and the checklist's internal questions.",
        ),
    ] = False,
    checklist: Annotated[
        str | None,
        typer.Option(
            "--checklist",
            "-c",
            metavar="NAME|PATH",
            help="The worksheet's checklist, if it has moved.",
        ),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            "--url", metavar="URL", help="claimreview: the address the report is published at."
        ),
    ] = None,
    registry_paths: _SourcesPaths = None,
    case_dir: Annotated[
        Path | None,
        typer.Option(
            "--case",
            metavar="CASE_DIR",
            parser=path_argument,
            help="terminal, markdown: add who else reports each claim, from this case.",
        ),
    ] = None,
) -> None:
    """Report a worksheet's verdicts: in the terminal, as markdown to publish, or as data.

    Example: factcheck report reports/seed-article.worksheet.yaml --format markdown
    """
    chosen = format_for_output(output) if output_format is None else parse_format(output_format)
    if chosen is None:
        names = [fmt.value for fmt in REPORT_FORMATS]
        expected = ", ".join(names[:-1]) + " or " + names[-1]
        raise typer.BadParameter(f"expected {expected}", param_hint="--format")
    opts = _options(ctx)

    def action() -> None:
        from factcheck.render.console import message_text
        from factcheck.render.report import render_report, render_terminal
        from factcheck.report.model import load_report, report_path, write_report
        from factcheck.review.worksheet import is_url, is_worksheet_file

        if worksheet.exists() and not is_worksheet_file(worksheet):
            raise FactcheckError(
                f"{worksheet}: not a worksheet; make one with: factcheck review {worksheet}"
            )
        if url is not None and not is_url(url):
            raise FactcheckError(f"--url: expected an http(s) URL, got {url!r}")
        sources = tuple(registry_paths or ())
        built = load_report(worksheet, checklist=checklist, registry_paths=sources)
        from factcheck.render.team import add_agreement_to_report, merged_comparison

        team = merged_comparison(built)
        err = make_console(opts.color, file=sys.stderr)
        findings = None
        if case_dir is not None:
            from factcheck.case.review import match_worksheet
            from factcheck.case.store import load_case
            from factcheck.sources.registry import load_registry

            registry = load_registry(sources)
            case = load_case(case_dir, registry)
            for warning in case.warnings:
                err.print(message_text(f"Warning: {warning}"), soft_wrap=True)
            _, findings = match_worksheet(case, built.worksheet, registry)
        from factcheck.factchecks.findings import match_claims

        # None without a database of known fact-checks: the report is then as it was.
        known = match_claims(row.claim for row in built.claims)
        if chosen is ReportFormat.TERMINAL and output in (None, "-"):
            console = make_console(opts.color)
            console.print(render_terminal(built, details))
            if team is not None:
                from factcheck.render.team import agreement_terminal

                console.print(agreement_terminal(built, team))
            if findings is not None:
                from factcheck.render.case import render_findings

                console.print(render_findings(findings))
            if known is not None:
                from factcheck.render.factchecks import render_factchecks_terminal

                console.print(render_factchecks_terminal(built, known))
            return
        for warning in built.warnings:
            err.print(message_text(f"Warning: {warning}"), soft_wrap=True)
        if chosen is ReportFormat.JSON:
            if findings is not None:
                err.print("Warning: --case adds to terminal and markdown reports only", style="")
            from factcheck.render.data import json_pieces
            from factcheck.render.team import agreement_data

            # Written piece by piece: a report of many claims is never held whole.
            extra = {"team": agreement_data(built, team)} if team is not None else None
            pieces = json_pieces(built, extra)
            if output in (None, "-"):
                sys.stdout.writelines(pieces)
                return
            write_report(output, pieces)
            err.print(message_text(f"Wrote {output}"), soft_wrap=True)
            return
        text = render_report(built, chosen, details=details, url=url)
        if findings is not None:
            from factcheck.render.case import add_findings_to_report

            if chosen not in (ReportFormat.TERMINAL, ReportFormat.MARKDOWN):
                err.print("Warning: --case adds to terminal and markdown reports only", style="")
            text = add_findings_to_report(built, chosen.value, text, findings)
        if team is not None:
            text = add_agreement_to_report(built, chosen.value, text, team)
        if known is not None:
            from factcheck.render.factchecks import add_factchecks_to_report

            text = add_factchecks_to_report(built, chosen.value, text, known)
        target = output
        if target is None and chosen is ReportFormat.MARKDOWN:
            target = str(report_path(worksheet))
        if target in (None, "-"):
            sys.stdout.write(text)
            return
        write_report(target, text)
        err.print(message_text(f"Wrote {target}"), soft_wrap=True)

    run_guarded(ctx, action)
