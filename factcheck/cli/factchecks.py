"""The `factchecks` commands: the database of known fact-checks.

Each command imports the core and its renderer when it runs: loading them takes about a
second, which `factcheck --version` and `--help` must not pay.
"""

from __future__ import annotations

import io
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, TextIO

import typer

from factcheck.cli.app import _command_group, _error_line, _options, path_argument, run_guarded
from factcheck.errors import FactcheckError
from factcheck.render.console import make_console
from factcheck.render.jsonout import escaped

factchecks_app = _command_group(
    "factchecks", "Known fact-checks: import published reviews, then find the ones a claim matches."
)


_FactchecksDb = Annotated[
    Path | None,
    typer.Option(
        "--db",
        metavar="PATH",
        parser=path_argument,
        help="The database file (default: $FACTCHECK_FACTCHECKS_DB, else "
        "$XDG_DATA_HOME/factcheck/factchecks.sqlite).",
    ),
]


@factchecks_app.command("import")
def factchecks_import(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            parser=path_argument,
            help="ClaimReview JSON-LD, DataFeed, claims:search JSON, CSV or TSV.",
        ),
    ],
    input_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="claimreview, datafeed, google, csv or tsv (default: found from the content).",
        ),
    ] = None,
    db: _FactchecksDb = None,
) -> None:
    """Import published fact-checks; a record imported before is updated, not repeated.

    A record that cannot be read is reported with its file and position; the others still
    import. A file that gives no record at all is an error. Your own reports become searchable
    too: factcheck report WORKSHEET --format claimreview > mine.json, then import mine.json.

    Example: factcheck factchecks import feed.json verified_claims.tsv
    """
    from factcheck.factchecks.readers import FORMAT_NAMES

    if input_format is not None and input_format not in FORMAT_NAMES:
        raise typer.BadParameter(
            f"expected one of {', '.join(FORMAT_NAMES)}", param_hint="--format"
        )
    opts = _options(ctx)

    def action() -> int:
        from factcheck.factchecks.readers import NoRecords, origin_of, read_file
        from factcheck.factchecks.store import open_database
        from factcheck.render.console import message_text
        from factcheck.render.factchecks import import_summary

        err = make_console(opts.color, file=sys.stderr)
        failed = 0
        with open_database(db, create=True) as database:
            for path in files:
                try:
                    result = read_file(path, input_format)
                except FactcheckError as exc:
                    for problem in exc.problems if isinstance(exc, NoRecords) else ():
                        err.print(message_text(f"Warning: {problem}"), soft_wrap=True)
                    _error_line(str(exc))
                    failed += 1
                    continue
                for problem in result.problems:
                    err.print(message_text(f"Warning: {problem}"), soft_wrap=True)
                counts = database.add(result.records)
                summary = import_summary(origin_of(path), counts, result.problems)
                err.print(message_text(summary), soft_wrap=True)
        return 1 if failed else 0

    run_guarded(ctx, action)


MAX_QUERY_CHARS = 100_000
"""The longest line of standard input searched: a whole article on one line, not an endless one."""


def _marked_stdin() -> io.TextIOWrapper | None:
    """Standard input decoded as its byte order mark says (UTF-16 or UTF-32 text, as files are
    read), the mark left out, or None when it has no mark (then nothing of it is consumed)."""
    from factcheck.files import byte_order_mark

    stream = sys.stdin.buffer
    peek = getattr(stream, "peek", None)
    if peek is not None:
        found = byte_order_mark(peek(4)[:4])
    elif stream.seekable():
        start = stream.tell()
        found = byte_order_mark(stream.read(4))
        stream.seek(start)
    else:
        return None
    if found is None:
        return None
    encoding, size = found
    stream.read(size)
    return io.TextIOWrapper(stream, encoding=encoding)


def _input_lines() -> Iterator[str]:
    """Each line of standard input as it comes, so that a search answers line by line and an
    endless input (/dev/zero, a stream without line breaks) never fills the memory."""
    marked = _marked_stdin()
    try:
        yield from _lines(marked or sys.stdin)
    finally:
        if marked is not None:
            marked.detach()  # standard input stays open for whoever reads it next


def _lines(stream: TextIO) -> Iterator[str]:
    for number in itertools.count(1):
        line = stream.readline(MAX_QUERY_CHARS + 2)  # and its line break, \r\n at most
        if not line:
            return
        query = line.rstrip("\r\n")
        if len(query) > MAX_QUERY_CHARS:
            raise FactcheckError(
                f"standard input: line {number} is longer than {MAX_QUERY_CHARS:,} characters; "
                "give one claim per line"
            )
        yield query


@factchecks_app.command("search")
def factchecks_search(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(metavar="TEXT|-", help="A claim, headline or post; '-' reads one per line."),
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", min=1, help="Matches per query.")
    ] = 5,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table, json or jsonl (default: table on a terminal, json otherwise).",
        ),
    ] = None,
    db: _FactchecksDb = None,
) -> None:
    """Find the known fact-checks that match a claim, best first, with a score from 0 to 1.

    With '-', each line of standard input is one query, and each prints one JSON line
    {"query": ..., "matches": [...]} in input order.

    Example: factcheck factchecks search "Bricks of cocaine washed ashore after Hurricane Dorian"
    """
    fmt = output_format or ("table" if sys.stdout.isatty() else "json")
    if fmt not in ("table", "json", "jsonl"):
        raise typer.BadParameter("expected table, json or jsonl", param_hint="--format")
    opts = _options(ctx)

    def action() -> None:
        from factcheck.factchecks.matcher import check_query
        from factcheck.factchecks.store import open_database
        from factcheck.render import factchecks as render

        if text != "-":
            # One line of standard input may be blank and still answer in order; a query given
            # on the command line that can match nothing is a mistake.
            check_query(text)
        queries = _input_lines() if text == "-" else iter([text])
        console = make_console(opts.color) if fmt == "table" else None
        with open_database(db) as database:
            for query in queries:
                matches = database.search(query, limit=limit)
                if console is not None:
                    console.print(render.render_search_table(query, matches))
                elif fmt == "json" and text != "-":
                    sys.stdout.write(render.render_search_json(query, matches))
                else:
                    sys.stdout.write(render.render_search_line(query, matches))
                    sys.stdout.flush()

    run_guarded(ctx, action)


@factchecks_app.command("stats")
def factchecks_stats(
    ctx: typer.Context,
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", metavar="FORMAT", help="table or json."),
    ] = "table",
    db: _FactchecksDb = None,
) -> None:
    """Show what the database holds: how many fact-checks, from which files, by whom.

    Example: factcheck factchecks stats
    """
    if output_format not in ("table", "json"):
        raise typer.BadParameter("expected table or json", param_hint="--format")
    opts = _options(ctx)

    def action() -> None:

        from factcheck.factchecks.store import open_database
        from factcheck.render import factchecks as render

        with open_database(db) as database:
            stats = database.stats()
        if output_format == "json":
            stats_json = json.dumps(render.stats_record(stats), ensure_ascii=False, indent=2)
            sys.stdout.write(escaped(stats_json))
            sys.stdout.write("\n")
        else:
            make_console(opts.color).print(render.render_stats(stats))

    run_guarded(ctx, action)
