"""The `extract` command: claims and who stands behind them, for one or many sources.

Each command imports the core and its renderer when it runs: loading them takes about a
second, which `factcheck --version` and `--help` must not pay.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from factcheck.render.console import make_console

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.status import Status
    from rich.text import Text

    from factcheck.extract.batch import BatchOptions, Outcome
    from factcheck.extract.pipeline import Stage, StageCallback
from factcheck.cli.app import (
    Options,
    _error_line,
    _options,
    _SourcesPaths,
    app,
    check_one_stdin,
    run_guarded,
    score_argument,
)


def status_console(opts: Options) -> Console | None:
    """The console for transient progress on stderr, or None when stderr is not a terminal:
    with --color always or FORCE_COLOR, a log file or a pipe would keep every redraw."""
    if not sys.stderr.isatty():
        return None  # asked first: a script's or a pipe's run loads no Rich for a status line
    err = make_console(opts.color, file=sys.stderr)
    return err if err.is_terminal else None


@contextlib.contextmanager
def stage_status(source: str, err: Console | None) -> Iterator[StageCallback | None]:
    """A stage callback for the extraction of ``source`` that shows, on a status line of
    ``err``, which stage it is in: a long input (tens of megabytes take minutes) shows it is
    being worked on. The line is drawn from the first stage told and is gone when the block
    ends. None without a terminal, and while the user types the source on standard input."""
    if err is None or (source == "-" and sys.stdin.isatty()):
        yield None
        return
    from factcheck.render.extract import stage_line

    shown: list[Status] = []

    def on_stage(stage: Stage, count: int) -> None:
        line = stage_line(source, stage, count)
        if shown:
            shown[0].update(line)
            return
        shown.append(err.status(line, refresh_per_second=4))
        shown[0].start()

    try:
        yield on_stage
    finally:
        for status in shown:
            status.stop()


def _run_batch(
    sources: list[str], options: BatchOptions, jobs: int, err: Console | None
) -> list[Outcome]:
    """Extract every source; on a terminal, a status line for one source (not over what the
    user types on standard input), a progress bar for several."""
    from factcheck.extract.batch import extract_many, extract_one

    if len(sources) == 1:
        with stage_status(sources[0], err) as on_stage:
            if on_stage is None:
                return extract_many(sources, options, jobs=1)
            return [extract_one(sources[0], options, on_stage=on_stage)]
    if err is None:
        return extract_many(sources, options, jobs=jobs)  # no bar to draw
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("extract", total=len(sources))
        return extract_many(sources, options, jobs=jobs, on_done=lambda _: progress.advance(task))


def _print_table(console: Console, table: RenderableType, err: Console | None, line: Text) -> None:
    """Print a claims table; on a terminal, laid out under a status line first, since the
    table of a long input takes as long as its extraction."""
    if err is None:
        console.print(table)
        return
    with err.status(line, refresh_per_second=4), console.capture() as captured:
        console.print(table)
    console.file.write(captured.get())
    console.file.flush()


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
            "--min-score",
            metavar="X",
            parser=score_argument,
            help="Claim threshold (default: model's).",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            min=0,
            help="Parallel processes for many sources; 0: one per available core.",
        ),
    ] = 1,
    registry_paths: _SourcesPaths = None,
) -> None:
    """Find the check-worthy claims in articles and who stands behind each one.

    Example: factcheck extract examples/seed-article.txt --format json
    """
    check_one_stdin(sources)
    fmt = output_format or ("table" if sys.stdout.isatty() else "json")
    if fmt not in ("table", "json", "jsonl", "yaml"):
        raise typer.BadParameter("expected table, json, jsonl or yaml", param_hint="--format")
    opts = _options(ctx)

    def action() -> int:
        import functools

        from factcheck.extract.batch import BatchOptions, default_jobs
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
        err = status_console(opts)
        outcomes = _run_batch(sources, options, jobs or default_jobs(), err)
        for outcome in outcomes:
            if outcome.error:
                _error_line(outcome.error)
        done = [o for o in outcomes if o.error is None]
        if fmt == "table":
            console = make_console(opts.color)
            for outcome in done:
                assert outcome.extraction is not None
                table = render.render_table(outcome.extraction, include_segments=all_segments)
                _print_table(console, table, err, render.table_line(outcome.extraction))
        else:
            # Several sources give a JSON array, however many of them could be read.
            texts = [o.text or "" for o in done]
            sys.stdout.write(render.join_pieces(texts, fmt, several=len(outcomes) > 1))
        return 1 if len(done) < len(outcomes) else 0

    run_guarded(ctx, action)
