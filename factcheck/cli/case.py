"""The `case` commands: the articles about one story.

Each command imports the core and its renderer when it runs: loading them takes about a
second, which `factcheck --version` and `--help` must not pay.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.app import (
    _command_group,
    _options,
    _SourcesPaths,
    check_one_stdin,
    output_argument,
    path_argument,
    run_guarded,
)
from factcheck.render.console import make_console

case_app = _command_group(
    "case", "Cases: the articles about one story, to see who else reports each claim."
)


_CaseDir = Annotated[
    Path, typer.Argument(metavar="CASE_DIR", parser=path_argument, help="The case folder.")
]


@case_app.command("add")
def case_add(
    ctx: typer.Context,
    case_dir: _CaseDir,
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCE...",
            help="Article files (.txt, .md, .html), '-' for stdin, or http(s) URLs.",
        ),
    ],
    registry_paths: _SourcesPaths = None,
) -> None:
    """Add articles about one story to a case folder (made if need be), extracting each once.

    An article already in the case (the same bytes) is not extracted again. Then review an
    article against the others with: factcheck review SOURCE --case CASE_DIR

    Example: factcheck case add cases/joint-room examples/seed-article.txt https://example.com/a
    """

    check_one_stdin(sources)

    def action() -> int:
        from factcheck.case.store import add_to_case
        from factcheck.render.case import render_added
        from factcheck.render.console import message_text
        from factcheck.sources.registry import load_registry

        registry = load_registry(tuple(registry_paths or ()))
        err = make_console(_options(ctx).color, file=sys.stderr)
        results = add_to_case(
            case_dir,
            sources,
            registry=registry,
            on_warning=lambda text: err.print(message_text(f"Warning: {text}"), soft_wrap=True),
        )
        err.print(render_added(results), soft_wrap=True)
        return 1 if any(result.error for result in results) else 0

    run_guarded(ctx, action)


@case_app.command("show")
def case_show(
    ctx: typer.Context,
    case_dir: _CaseDir,
    registry_paths: _SourcesPaths = None,
    story_map: Annotated[
        bool,
        typer.Option(
            "--map",
            help="Draw the case's story map: outlets, who cites or copies whom, the sources "
            "they rest on, roots marked, independent chains grouped.",
        ),
    ] = False,
    map_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Write the story map as mermaid, dot (Graphviz), json or text (implies --map).",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            parser=output_argument,
            help="With --format: write the map here ('-': stdout).",
        ),
    ] = None,
) -> None:
    """List a case's articles with their outlet, date and number of claims, or draw its map.

    Example: factcheck case show cases/joint-room --map --format mermaid -o joint-room.mmd
    """
    if map_format is not None and map_format not in ("mermaid", "dot", "json", "text"):
        raise typer.BadParameter("expected mermaid, dot, json or text", param_hint="--format")
    if output is not None and map_format is None:
        raise typer.BadParameter("--output needs --format", param_hint="--output")

    def action() -> None:
        from factcheck.case.store import load_case
        from factcheck.render.case import render_case, render_case_map
        from factcheck.render.console import message_text
        from factcheck.sources.registry import load_registry

        registry = load_registry(tuple(registry_paths or ()))
        case = load_case(case_dir, registry)
        err = make_console(_options(ctx).color, file=sys.stderr)
        for warning in case.warnings:
            err.print(message_text(f"Warning: {warning}"), soft_wrap=True)
        if map_format is not None:
            text = render_case_map(case, registry, map_format)
            assert isinstance(text, str)
            if output in (None, "-"):
                sys.stdout.write(text)
                return
            from factcheck.report.model import write_report

            write_report(output, text)
            err.print(message_text(f"Wrote {output}"), soft_wrap=True)
            return
        shown = render_case_map(case, registry, "terminal") if story_map else render_case(case)
        make_console(_options(ctx).color).print(shown)

    run_guarded(ctx, action)
