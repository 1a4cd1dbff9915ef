"""The command line: the only module that imports typer. Commands parse, call the core, render."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.render.console import ColorMode, defang, make_console
from factcheck.render.formats import REPORT_FORMATS, ReportFormat, format_help, parse_format

if TYPE_CHECKING:
    from factcheck.extract.batch import BatchOptions, Outcome

app = typer.Typer(
    name="factcheck",
    help="Find the claims in a news article, check them against a checklist, report verdicts.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@dataclass(slots=True)
class Options:
    """Global options shared by every command."""

    color: ColorMode = "auto"
    debug: bool = False


def _version(value: bool) -> None:
    if value:
        print(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    color: Annotated[
        str, typer.Option("--color", metavar="WHEN", help="Colour output: auto, always or never.")
    ] = "auto",
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show version and exit."),
    ] = False,
) -> None:
    """Find the claims in a news article, check them against a checklist, report verdicts."""
    if color not in ("auto", "always", "never"):
        raise typer.BadParameter("expected auto, always or never", param_hint="--color")
    ctx.obj = Options(color=color, debug=debug)  # type: ignore[arg-type]
    _check_standard_streams()
    _show_warnings()


def _show_warnings() -> None:
    # The package's warnings are for the user: one line each, every time, without Python's
    # file and line.
    import warnings

    from factcheck.errors import FactcheckWarning

    shown = warnings.showwarning

    def show(message: Warning | str, category: type[Warning], *args: Any, **kw: Any) -> None:
        if issubclass(category, FactcheckWarning):
            sys.stderr.write(f"Warning: {defang(str(message))}\n")
        else:
            shown(message, category, *args, **kw)

    warnings.showwarning = show
    warnings.simplefilter("always", FactcheckWarning)


def _check_standard_streams() -> None:
    # Python leaves sys.stdin/sys.stdout as None when the process starts with them closed.
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stdout is None:
        fail("standard output is closed; redirect it to a file or to /dev/null")


def _command_group(name: str, help_text: str) -> typer.Typer:
    """A group of subcommands under ``factcheck NAME``."""
    group = typer.Typer(help=help_text, no_args_is_help=True, rich_markup_mode=None)
    app.add_typer(group, name=name)
    return group


def _options(ctx: typer.Context) -> Options:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Options) else Options()


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a one-line error on stderr and exit."""
    _error_line(message)
    raise typer.Exit(code=code)


def _error_line(message: str) -> None:
    sys.stderr.write(f"Error: {defang(message)}\n")


def run_guarded(ctx: typer.Context, action: Callable[[], int | None]) -> None:
    """Run a command body: user errors become one line on stderr, Ctrl-C exits 130."""
    opts = _options(ctx)
    try:
        code = action()
    except FactcheckError as exc:
        if opts.debug:
            raise
        fail(str(exc))
    except KeyboardInterrupt:
        if opts.debug:
            raise
        print("Interrupted.", file=sys.stderr)
        raise typer.Exit(code=130) from None
    except (typer.Exit, typer.Abort, typer.BadParameter):
        raise
    except Exception as exc:
        # A bug, not the user's mistake: still one line, with the way to see more.
        if opts.debug:
            raise
        fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
    if code:
        raise typer.Exit(code=code)


# --- commands are added below: extract, review, report, checklist, sources ---


_SourcesPaths = Annotated[
    list[Path] | None,
    typer.Option(
        "--sources", metavar="FILE", help="Extra source registry file or folder (repeatable)."
    ),
]


def _run_batch(
    sources: list[str], options: BatchOptions, jobs: int, opts: Options
) -> list[Outcome]:
    """Extract every source; a progress bar on stderr when there are several."""
    from factcheck.extract.batch import extract_many

    if len(sources) == 1:
        return extract_many(sources, options, jobs=1)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    err = make_console(opts.color, file=sys.stderr)
    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
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
        from factcheck.extract.batch import BatchOptions
        from factcheck.render import extract as render

        options = BatchOptions(registry_paths=tuple(registry_paths or ()), min_score=min_score)
        outcomes = _run_batch(sources, options, jobs, opts)
        done = [o.extraction for o in outcomes if o.extraction is not None]
        for outcome in outcomes:
            if outcome.error:
                _error_line(outcome.error)
        if done:
            if fmt == "table":
                console = make_console(opts.color)
                for extraction in done:
                    console.print(render.render_table(extraction, include_segments=all_segments))
            else:
                renderer = {
                    "json": render.render_json,
                    "jsonl": render.render_jsonl,
                    "yaml": render.render_yaml,
                }[fmt]
                sys.stdout.write(renderer(done, include_segments=all_segments))
        return 1 if len(done) < len(outcomes) else 0

    run_guarded(ctx, action)


@app.command()
def review(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE|WORKSHEET",
            help="An article (file or URL), or a worksheet (.worksheet.yaml).",
        ),
    ],
    checklist: Annotated[
        str | None,
        typer.Option(
            "--checklist",
            "-c",
            metavar="NAME|PATH",
            help="Checklist for a new worksheet (default: quick).",
        ),
    ] = None,
    reviewer: Annotated[
        str | None,
        typer.Option(
            "--reviewer",
            metavar="NAME",
            help="Your name (default: $FACTCHECK_REVIEWER, the worksheet's, your config's).",
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="The published report's title.")
    ] = None,
    summary: Annotated[
        str | None,
        typer.Option("--summary", metavar="TEXT", help="What the article says, in your words."),
    ] = None,
    bottom_line: Annotated[
        str | None,
        typer.Option("--bottom-line", metavar="TEXT", help="Your overall conclusion."),
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", metavar="URL", help="The article's address.")
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", metavar="FILE", help="Apply answers from a YAML file."),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never ask; only apply --answers.")
    ] = False,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score",
            min=0.0,
            max=1.0,
            metavar="X",
            help="Leave out claims scoring below X (listed at the end).",
        ),
    ] = None,
    claims: Annotated[
        str | None,
        typer.Option("--claims", metavar="IDS", help="Review only these claims, e.g. c3,c7."),
    ] = None,
    reports_dir: Annotated[
        Path | None,
        typer.Option(
            "--reports-dir", metavar="DIR", help="Where worksheets live (default: ./reports)."
        ),
    ] = None,
    registry_paths: _SourcesPaths = None,
    case_dir: Annotated[
        Path | None,
        typer.Option(
            "--case",
            metavar="CASE_DIR",
            help="Match each claim against the other articles of this case (factcheck case add).",
        ),
    ] = None,
    own: Annotated[
        bool,
        typer.Option(
            "--own",
            help="Start your own worksheet, <slug>.<reviewer>.worksheet.yaml, beside another's.",
        ),
    ] = False,
) -> None:
    """Review an article's claims against a checklist, one question at a time.

    Keeps reports/<slug>.worksheet.yaml; each answer is saved as it is given, so quitting,
    Ctrl-C or a crash loses nothing and the next run resumes where you stopped.

    Example: factcheck review examples/seed-article.txt --checklist quick
    """
    import contextlib
    import os
    import shlex

    opts = _options(ctx)
    interactive = not no_input and sys.stdin.isatty()
    if answers is None and not interactive:
        fail("review needs a terminal to ask questions; use --answers FILE --no-input", code=2)
    wanted = [c.strip() for c in (claims or "").split(",") if c.strip()] or None

    def action() -> int:
        from factcheck.render import review as screen
        from factcheck.render.console import safe_text
        from factcheck.review.keys import TtyKeyboard
        from factcheck.review.reviewer import resolve_reviewer
        from factcheck.review.session import open_review, review_worksheet

        err = make_console(opts.color, file=sys.stderr)
        folder = reports_dir or Path(os.environ.get("FACTCHECK_REPORTS_DIR") or "reports")
        try:  # before the worksheet is open, only a given or configured name can choose it
            known: str | None = resolve_reviewer(reviewer, None, None)
        except FactcheckError:
            known = None
        if own and known is None:
            raise FactcheckError("--own needs your name: --reviewer NAME")
        setup = open_review(
            target,
            checklist=checklist,
            reports_dir=folder,
            registry_paths=tuple(registry_paths or ()),
            case=case_dir,
            reviewer=known,
            own=own,
        )
        for warning in setup.warnings:
            err.print(safe_text(f"Warning: {warning}"), soft_wrap=True)
        if setup.session.worksheet.merge is not None:
            from factcheck.team.merge import adjudication_hints

            setup.hints = adjudication_hints(setup.session.worksheet, setup.checklist)
        console = make_console(opts.color)
        keyboard = (
            TtyKeyboard(
                sys.stdin.fileno(),
                lambda label: console.print(safe_text(label, style="bold"), end=""),
            )
            if interactive
            else None
        )
        asker = screen.TerminalAsker(console, keyboard, setup.registry) if keyboard else None
        written = {"title": title, "summary": summary, "bottom_line": bottom_line, "url": url}
        try:
            with keyboard or contextlib.nullcontext():
                name = resolve_reviewer(
                    reviewer,
                    setup.session.worksheet,
                    (lambda: keyboard.read_line("Your name, recorded with each answer: "))
                    if keyboard
                    else None,
                )
                outcome = review_worksheet(
                    setup,
                    asker=asker,
                    answers=answers,
                    reviewer=name,
                    claims=wanted,
                    min_score=min_score,
                    publication={k: v for k, v in written.items() if v is not None},
                )
        except KeyboardInterrupt:
            setup.session.close()
            resume = f"Saved. Resume with: factcheck review {shlex.quote(str(setup.path))}"
            err.print(resume, markup=False, highlight=False, soft_wrap=True)
            return 130
        finally:
            setup.session.close()
        if setup.findings is not None:
            from factcheck.render.case import render_findings

            console.print(render_findings(setup.findings))
        console.print(screen.render_outcome(outcome, setup.checklist))
        err.print(f"Saved {setup.path}", markup=False, highlight=False, soft_wrap=True)
        return 0

    run_guarded(ctx, action)


# --- sources: the source registry ---

sources_app = _command_group("sources", "The source registry: who stands behind each claim.")


_SourcesFormat = Annotated[
    str,
    typer.Option("--format", "-f", metavar="FORMAT", help="table or json (see docs/sources.md)."),
]


def _sources_print(ctx: typer.Context, fmt: str, table: Callable[[], object], data: object) -> None:
    """Print a sources command's result as a table, or as JSON on standard output."""
    if fmt == "json":
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        make_console(_options(ctx).color).print(table())


def _sources_format(fmt: str) -> str:
    if fmt not in ("table", "json"):
        raise typer.BadParameter("expected table or json", param_hint="--format")
    return fmt


@sources_app.command("list")
def sources_list(
    ctx: typer.Context,
    registry_paths: _SourcesPaths = None,
    output_format: _SourcesFormat = "table",
) -> None:
    """List every source: the built-in registry, your own file, then --sources files; and every
    rating set.

    Example: factcheck sources list
    """
    fmt = _sources_format(output_format)

    def action() -> None:
        from factcheck.render.sources import render_source_list
        from factcheck.sources.ratings import rating_sets
        from factcheck.sources.records import list_record
        from factcheck.sources.registry import load_registry

        registry = load_registry(tuple(registry_paths or ()))
        sets = rating_sets()
        data = list_record(registry, sets) if fmt == "json" else None
        _sources_print(ctx, fmt, lambda: render_source_list(registry, sets), data)

    run_guarded(ctx, action)


@sources_app.command("show")
def sources_show(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="An id, name, alias, web domain or URL.")
    ],
    registry_paths: _SourcesPaths = None,
    output_format: _SourcesFormat = "table",
) -> None:
    """Show everything the registry and the rating sets hold about one source, with citations.

    Example: factcheck sources show "Al-Manar TV"
    """
    fmt = _sources_format(output_format)

    def action() -> None:
        from factcheck.render.sources import render_source_show
        from factcheck.sources.ratings import rating_sets
        from factcheck.sources.records import show_record
        from factcheck.sources.registry import find_source, load_registry

        registry = load_registry(tuple(registry_paths or ()))
        sets = rating_sets()
        entry, domain = find_source(registry, name, sets)
        data = show_record(entry, domain, sets)
        _sources_print(ctx, fmt, lambda: render_source_show(entry, registry, data), data)

    run_guarded(ctx, action)


@sources_app.command("check")
def sources_check(
    ctx: typer.Context,
    source: Annotated[
        str, typer.Argument(metavar="SOURCE", help="Article file (.txt, .md, .html), '-' or URL.")
    ],
    registry_paths: _SourcesPaths = None,
    output_format: _SourcesFormat = "table",
) -> None:
    """List the publisher and the sources on every claim's chain of an article, each set's
    ratings, and the names the registry lacks.

    Example: factcheck sources check examples/seed-article.txt
    """
    fmt = _sources_format(output_format)

    def action() -> None:
        from factcheck.extract.pipeline import extract
        from factcheck.render.sources import render_source_check
        from factcheck.sources.ratings import rating_sets
        from factcheck.sources.records import check_record
        from factcheck.sources.registry import check_sources, load_registry

        registry = load_registry(tuple(registry_paths or ()))
        report = check_sources(registry, extract(source, registry=registry))
        data = check_record(report, rating_sets())
        _sources_print(ctx, fmt, lambda: render_source_check(report, data), data)

    run_guarded(ctx, action)


@sources_app.command("import")
def sources_import(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="CSV or TSV (domain, ratings) or YAML registry.")
    ],
    name: Annotated[
        str, typer.Option("--as", metavar="NAME", help="The set's name, e.g. newsroom-2024.")
    ],
    citation: Annotated[
        str | None,
        typer.Option("--citation", metavar="TEXT", help="Where the ratings come from."),
    ] = None,
) -> None:
    """Import a rating set, kept beside the others under its own name and citation.

    Example: factcheck sources import ratings.csv --as newsroom --citation "Desk ratings, 2024"
    """

    def action() -> None:
        from factcheck.sources.ratings import import_set

        found, replaced = import_set(file, name, citation)
        verb = "Replaced" if replaced else "Imported"
        typer.echo(f"{verb} rating set '{found.name}': {len(found):,} domains ({found.path})")

    run_guarded(ctx, action)


def _sources_ask(
    value: str | None, prompt: str, *, ask: bool, default: str = "", choices: tuple[str, ...] = ()
) -> str:
    """A flag's value, else (unless --no-input) the answer to a prompt."""
    if value is not None or not ask:
        return (value or default).strip()
    text = f"{prompt} ({', '.join(choices)})" if choices else prompt
    while True:
        answer = str(typer.prompt(text, default=default, show_default=bool(default))).strip()
        if not choices or answer in choices:
            return answer
        typer.echo(f"Expected one of: {', '.join(choices)}", err=True)


def _sources_ask_list(values: list[str] | None, prompt: str, *, ask: bool) -> list[str]:
    if values or not ask:
        return [v.strip() for v in values or () if v.strip()]
    answer = _sources_ask(None, f"{prompt} (comma-separated, Enter for none)", ask=True)
    return [part.strip() for part in answer.split(",") if part.strip()]


@sources_app.command("add")
def sources_add(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="The source's usual name.")
    ] = None,
    source_id: Annotated[
        str | None,
        typer.Option("--id", metavar="ID", help="Registry id (default: made from the name)."),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", metavar="KIND", help="newspaper, broadcaster, state-media, ..."),
    ] = None,
    aliases: Annotated[
        list[str] | None, typer.Option("--alias", metavar="NAME", help="Another name (repeatable).")
    ] = None,
    domains: Annotated[
        list[str] | None,
        typer.Option("--domain", metavar="DOMAIN", help="Web domain, e.g. example.com."),
    ] = None,
    affiliation: Annotated[
        list[str] | None,
        typer.Option(
            "--affiliation", metavar="ID", help="Id of an entry it belongs to (repeatable)."
        ),
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", metavar="NAME", help="Who owns or controls it.")
    ] = None,
    party_to: Annotated[
        list[str] | None,
        typer.Option(
            "--party-to",
            metavar="CONFLICT",
            help="A conflict or dispute it is party to (repeatable).",
        ),
    ] = None,
    partisan: Annotated[
        str | None,
        typer.Option("--partisan", metavar="yes|lean|no|unknown", help="yes, lean, no or unknown."),
    ] = None,
    direction: Annotated[
        str | None,
        typer.Option("--direction", metavar="SIDE", help="Which side, e.g. pro-government."),
    ] = None,
    sanctions: Annotated[
        list[str] | None,
        typer.Option(
            "--sanction", metavar="TEXT", help="A sanction, ban or designation (repeatable)."
        ),
    ] = None,
    reliability: Annotated[
        str | None,
        typer.Option("--reliability", metavar="A-F", help="Your Admiralty letter, A to F."),
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", metavar="TEXT", help="Anything else.")
    ] = None,
    citation: Annotated[
        str | None,
        typer.Option("--citation", metavar="URL", help="Public URL supporting the facts you give."),
    ] = None,
    target: Annotated[
        Path | None,
        typer.Option(
            "--file", metavar="FILE", help="Registry file to append to (default: your config file)."
        ),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never ask; take every field from flags.")
    ] = False,
    registry_paths: _SourcesPaths = None,
) -> None:
    """Add a source to your own registry, asking for each field not given as a flag.

    Example: factcheck sources add --name "Example Times" --kind newspaper
    --domain example.com --citation https://example.com/about --no-input
    """

    def action() -> None:
        from factcheck.sources.registry import (
            Partisan,
            SourceKind,
            add_entry,
            entry_fields,
            slugify,
            user_registry_path,
        )

        ask = not no_input
        if not ask and not (name and kind):
            raise typer.BadParameter("--no-input needs at least --name and --kind")
        the_name = _sources_ask(name, "Name", ask=ask)
        the_id = _sources_ask(source_id, "Id", ask=ask, default=slugify(the_name))
        kinds = tuple(k.value for k in SourceKind)
        the_kind = _sources_ask(kind, "Kind", ask=ask, choices=kinds)
        the_aliases = _sources_ask_list(aliases, "Aliases", ask=ask)
        the_domains = _sources_ask_list(domains, "Web domains", ask=ask)
        the_affiliation = _sources_ask_list(affiliation, "Affiliated with (ids)", ask=ask)
        the_owner = _sources_ask(owner, "Owner (Enter for unknown)", ask=ask)
        the_party_to = _sources_ask_list(party_to, "Party to conflicts", ask=ask)
        stances = tuple(p.value for p in Partisan)
        stance = _sources_ask(partisan, "Partisan", ask=ask, default="unknown", choices=stances)
        leaning = stance in ("yes", "lean")
        the_direction = _sources_ask(direction, "Direction (e.g. pro-X)", ask=ask and leaning)
        the_sanctions = _sources_ask_list(sanctions, "Sanctions, bans, designations", ask=ask)
        letter = _sources_ask(reliability, "Your reliability letter A-F (Enter: none)", ask=ask)
        the_citation = _sources_ask(citation, "Citation URL for these facts", ask=ask)
        the_notes = _sources_ask(notes, "Notes (Enter for none)", ask=ask)
        fields = entry_fields(
            source_id=the_id,
            name=the_name,
            kind=the_kind,
            aliases=the_aliases,
            domains=the_domains,
            affiliation=the_affiliation,
            owner=the_owner or None,
            party_to=the_party_to,
            partisan=stance,
            direction=the_direction or None,
            sanctions=the_sanctions,
            reliability=letter.upper() or None,
            notes=the_notes or None,
            citation=the_citation or None,
        )
        path = target or user_registry_path()
        entry = add_entry(fields, target=path, extra=tuple(registry_paths or ()))
        err = make_console(_options(ctx).color, file=sys.stderr)
        err.print(f"Added '{entry.id}' to {path}", markup=False, highlight=False, soft_wrap=True)

    run_guarded(ctx, action)


# --- checklist: list, show and validate checklists ---

checklist_app = _command_group(
    "checklist", "The checklists: list the built-in ones, show one, validate your own."
)


@checklist_app.command("list")
def checklist_list(ctx: typer.Context) -> None:
    """List the built-in checklists.

    Example: factcheck checklist list
    """

    def action() -> None:
        from factcheck.checklist.load import list_checklists
        from factcheck.render.checklist import render_checklist_list

        make_console(_options(ctx).color).print(render_checklist_list(list_checklists()))

    run_guarded(ctx, action)


@checklist_app.command("show")
def checklist_show(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME|PATH", help="A built-in checklist name, or a YAML file.")
    ],
) -> None:
    """Show a checklist's questions and rules.

    Shows the verdict scale, each question with its answers, when it is asked, what suggests its
    answer and its help, then the verdict rules and the Admiralty grade, with the share of
    answer combinations each rule decides.

    Example: factcheck checklist show quick
    """

    def action() -> None:
        from factcheck.checklist.analysis import analyse_if_possible
        from factcheck.checklist.load import load_checklist
        from factcheck.render.checklist import render_checklist

        checklist = load_checklist(name)
        view = render_checklist(checklist, analyse_if_possible(checklist))
        make_console(_options(ctx).color).print(view)

    run_guarded(ctx, action)


@checklist_app.command("validate")
def checklist_validate(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Checklist YAML files (or built-in names)."),
    ],
) -> None:
    """Validate checklists and prove their rules.

    Loads each file strictly, then enumerates every reachable combination of answers and facts
    to prove that each reaches exactly one verdict, every rule can fire and every question can
    be asked. Prints OK per file, or each problem as FILE:LINE: PATH: MESSAGE; exits 1 on any
    error.

    Example: factcheck checklist validate my-checklist.yaml checklists/*.yaml
    """

    def action() -> int:
        from factcheck.checklist.validate import validate_checklist
        from factcheck.render.checklist import render_validation

        console = make_console(_options(ctx).color)
        results = [validate_checklist(path) for path in paths]
        for result in results:
            console.print(render_validation(result), soft_wrap=True)
        return 0 if all(result.ok for result in results) else 1

    run_guarded(ctx, action)


@app.command()
def report(
    ctx: typer.Context,
    worksheet: Annotated[
        Path, typer.Argument(metavar="WORKSHEET", help="A worksheet made by factcheck review.")
    ],
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=format_help(),
        ),
    ] = ReportFormat.TERMINAL.value,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH|-",
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
            help="terminal, markdown: add who else reports each claim, from this case.",
        ),
    ] = None,
) -> None:
    """Report a worksheet's verdicts: in the terminal, as markdown to publish, or as data.

    Example: factcheck report reports/seed-article.worksheet.yaml --format markdown
    """
    chosen = parse_format(output_format)
    if chosen is None:
        names = [fmt.value for fmt in REPORT_FORMATS]
        expected = ", ".join(names[:-1]) + " or " + names[-1]
        raise typer.BadParameter(f"expected {expected}", param_hint="--format")
    opts = _options(ctx)

    def action() -> None:
        from factcheck.render.console import safe_text
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
                err.print(safe_text(f"Warning: {warning}"), soft_wrap=True)
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
            err.print(safe_text(f"Warning: {warning}"), soft_wrap=True)
        text = render_report(built, chosen, details=details, url=url)
        if findings is not None:
            from factcheck.render.case import add_findings_to_report

            if output_format not in ("terminal", "markdown"):
                err.print("Warning: --case adds to terminal and markdown reports only", style="")
            text = add_findings_to_report(built, output_format, text, findings)
        if team is not None:
            text = add_agreement_to_report(built, output_format, text, team)
        if known is not None:
            from factcheck.render.factchecks import add_factchecks_to_report

            text = add_factchecks_to_report(built, output_format, text, known)
        target = output
        if target is None and chosen is ReportFormat.MARKDOWN:
            target = str(report_path(worksheet))
        if target in (None, "-"):
            sys.stdout.write(text)
            return
        write_report(Path(target), text)
        err.print(safe_text(f"Wrote {target}"), soft_wrap=True)

    run_guarded(ctx, action)


# --- compare and merge: several reviewers of one article ---

_Worksheets = Annotated[
    list[Path],
    typer.Argument(
        metavar="WORKSHEET WORKSHEET...",
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
        from factcheck.render import team as render
        from factcheck.team.compare import compare_worksheets

        comparison = compare_worksheets(worksheets, checklist=checklist)
        if output_format == "terminal":
            make_console(opts.color).print(render.render_terminal(comparison))
        else:
            sys.stdout.write(render.RENDERERS[output_format](comparison))

    run_guarded(ctx, action)


@app.command()
def merge(
    ctx: typer.Context,
    worksheets: _Worksheets,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="PATH", help="The merged worksheet to write."),
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

    Every reviewer's answers, notes and evidence are kept in the merged worksheet's audit log.

    Example: factcheck merge reports/seed-article.*.worksheet.yaml
    --output team/seed-article.worksheet.yaml
    """
    if rule not in ("majority", "unanimous"):
        raise typer.BadParameter("expected majority or unanimous", param_hint="--rule")
    opts = _options(ctx)

    def action() -> None:
        from factcheck.render.team import render_merge
        from factcheck.review.journal import save_worksheet
        from factcheck.review.worksheet import WORKSHEET_SUFFIX
        from factcheck.team.merge import Rule, merge_worksheets

        if not output.name.endswith(WORKSHEET_SUFFIX):
            raise FactcheckError(f"--output: expected a file name ending in {WORKSHEET_SUFFIX}")
        if output.exists() or output.resolve() in {p.resolve() for p in worksheets}:
            raise FactcheckError(f"{output}: already exists; choose another --output")
        result = merge_worksheets(worksheets, Rule(rule), checklist=checklist)
        save_worksheet(output, result.worksheet)
        err = make_console(opts.color, file=sys.stderr)
        err.print(render_merge(result))
        if result.open:
            err.print(f"Settle them with: factcheck review {output}", markup=False, highlight=False)
        err.print(f"Saved {output}", markup=False, highlight=False, soft_wrap=True)

    run_guarded(ctx, action)


# --- case: the articles about one story ---

case_app = _command_group(
    "case", "Cases: the articles about one story, to see who else reports each claim."
)

_CaseDir = Annotated[Path, typer.Argument(metavar="CASE_DIR", help="The case folder.")]


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

    def action() -> int:
        from factcheck.case.store import add_to_case
        from factcheck.render.case import render_added
        from factcheck.sources.registry import load_registry

        registry = load_registry(tuple(registry_paths or ()))
        results = add_to_case(case_dir, sources, registry=registry)
        err = make_console(_options(ctx).color, file=sys.stderr)
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
        from factcheck.render.console import safe_text
        from factcheck.sources.registry import load_registry

        registry = load_registry(tuple(registry_paths or ()))
        case = load_case(case_dir, registry)
        err = make_console(_options(ctx).color, file=sys.stderr)
        for warning in case.warnings:
            err.print(safe_text(f"Warning: {warning}"), soft_wrap=True)
        if map_format is not None:
            text = render_case_map(case, registry, map_format)
            assert isinstance(text, str)
            if output in (None, "-"):
                sys.stdout.write(text)
                return
            from factcheck.report.model import write_report

            write_report(Path(output), text)
            err.print(safe_text(f"Wrote {output}"), soft_wrap=True)
            return
        shown = render_case_map(case, registry, "terminal") if story_map else render_case(case)
        make_console(_options(ctx).color).print(shown)

    run_guarded(ctx, action)


# --- factchecks: the database of known fact-checks ---

factchecks_app = _command_group(
    "factchecks", "Known fact-checks: import published reviews, then find the ones a claim matches."
)

_FactchecksDb = Annotated[
    Path | None,
    typer.Option(
        "--db",
        metavar="PATH",
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
            metavar="FILE...", help="ClaimReview JSON-LD, DataFeed, claims:search JSON, CSV or TSV."
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
    import. Your own reports become searchable too: factcheck report WORKSHEET --format
    claimreview > mine.json, then import mine.json.

    Example: factcheck factchecks import feed.json verified_claims.tsv
    """
    from factcheck.factchecks.readers import FORMAT_NAMES

    if input_format is not None and input_format not in FORMAT_NAMES:
        raise typer.BadParameter(
            f"expected one of {', '.join(FORMAT_NAMES)}", param_hint="--format"
        )
    opts = _options(ctx)

    def action() -> int:
        from factcheck.factchecks.readers import read_file
        from factcheck.factchecks.store import open_database
        from factcheck.render.console import safe_text
        from factcheck.render.factchecks import import_summary

        err = make_console(opts.color, file=sys.stderr)
        failed = 0
        with open_database(db, create=True) as database:
            for path in files:
                try:
                    result = read_file(path, input_format)
                except FactcheckError as exc:
                    _error_line(str(exc))
                    failed += 1
                    continue
                for problem in result.problems:
                    err.print(safe_text(f"Warning: {problem}"), soft_wrap=True)
                counts = database.add(result.records)
                summary = import_summary(str(path), counts, result.problems)
                err.print(safe_text(summary), soft_wrap=True)
        return 1 if failed else 0

    run_guarded(ctx, action)


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
        from factcheck.factchecks.store import open_database
        from factcheck.render import factchecks as render

        queries = sys.stdin.read().splitlines() if text == "-" else [text]
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
        import json

        from factcheck.factchecks.store import open_database
        from factcheck.render import factchecks as render

        with open_database(db) as database:
            stats = database.stats()
        if output_format == "json":
            sys.stdout.write(json.dumps(render.stats_record(stats), ensure_ascii=False, indent=2))
            sys.stdout.write("\n")
        else:
            make_console(opts.color).print(render.render_stats(stats))

    run_guarded(ctx, action)
