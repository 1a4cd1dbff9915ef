"""The `extract` command: claims and who stands behind them, for one or many sources.

Each command imports the core and its renderer when it runs: loading them takes about a
second, which `factcheck --version` and `--help` must not pay.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from factcheck.render.console import make_console

if TYPE_CHECKING:
    from factcheck.extract.batch import BatchOptions, Outcome
from factcheck.cli.app import Options, _error_line, _options, _SourcesPaths, app, run_guarded


def _run_batch(
    sources: list[str], options: BatchOptions, jobs: int, opts: Options
) -> list[Outcome]:
    """Extract every source; a progress bar on stderr when there are several."""
    from factcheck.extract.batch import extract_many

    if len(sources) == 1:
        return extract_many(sources, options, jobs=1)
    err = make_console(opts.color, file=sys.stderr)
    if not err.is_terminal:
        return extract_many(sources, options, jobs=jobs)  # no bar to draw
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("extract", total=len(sources))
        return extract_many(sources, options, jobs=jobs, on_done=lambda _: progress.advance(task))


@app.command()
def extract(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCE...",
            help="Article files (.txt, .md, .html), '-' for stdin, or http(s) URLs.",
        ),
    ],
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table, json, jsonl or yaml (default: table on a terminal, json otherwise).",
        ),
    ] = None,
    all_segments: Annotated[
        bool, typer.Option("--all", help="Also list every segment of the text with its kind.")
    ] = False,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score", metavar="X", min=0.0, max=1.0, help="Claim threshold (default: model's)."
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", metavar="N", min=1, help="Parallel processes for many sources."
        ),
    ] = 1,
    registry_paths: _SourcesPaths = None,
) -> None:
    """Find the check-worthy claims in articles and who stands behind each one.

    Example: factcheck extract examples/seed-article.txt --format json
    """
    fmt = output_format or ("table" if sys.stdout.isatty() else "json")
    if fmt not in ("table", "json", "jsonl", "yaml"):
        raise typer.BadParameter("expected table, json, jsonl or yaml", param_hint="--format")
    opts = _options(ctx)

    def action() -> int:
        import functools

        from factcheck.extract.batch import BatchOptions
        from factcheck.render import extract as render

        # Text formats are written where each source is extracted: a worker sends back text.
        piece = (
            None
            if fmt == "table"
            else functools.partial(render.render_piece, fmt=fmt, include_segments=all_segments)
        )
        options = BatchOptions(
            registry_paths=tuple(registry_paths or ()), min_score=min_score, render=piece
        )
        outcomes = _run_batch(sources, options, jobs, opts)
        for outcome in outcomes:
            if outcome.error:
                _error_line(outcome.error)
        done = [o for o in outcomes if o.error is None]
        if done:
            if fmt == "table":
                console = make_console(opts.color)
                for outcome in done:
                    assert outcome.extraction is not None
                    console.print(
                        render.render_table(outcome.extraction, include_segments=all_segments)
                    )
            else:
                sys.stdout.write(render.join_pieces([o.text or "" for o in done], fmt))
        return 1 if len(done) < len(outcomes) else 0

    run_guarded(ctx, action)
