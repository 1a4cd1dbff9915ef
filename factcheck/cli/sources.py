"""The `sources` commands: the source registry and rating sets.

Each command imports the core and its renderer when it runs: loading them takes about a
second, which `factcheck --version` and `--help` must not pay.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from factcheck.cli.app import _command_group, _options, _SourcesPaths, path_argument, run_guarded
from factcheck.errors import FactcheckError, SourcesError
from factcheck.render.console import defang_line, make_console, message_text
from factcheck.render.jsonout import escaped

if TYPE_CHECKING:
    from factcheck.sources.model import SourceEntry

sources_app = _command_group("sources", "The source registry: who stands behind each claim.")


_SourcesFormat = Annotated[
    str,
    typer.Option("--format", "-f", metavar="FORMAT", help="table or json (see docs/sources.md)."),
]


def _sources_print(ctx: typer.Context, fmt: str, table: Callable[[], object], data: object) -> None:
    """Print a sources command's result as a table, or as JSON on standard output."""
    if fmt == "json":
        typer.echo(escaped(json.dumps(data, indent=2, ensure_ascii=False)))
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


@sources_app.command("validate")
def sources_validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE", parser=path_argument, help="Registry YAML files or folders of them."
        ),
    ],
) -> None:
    """Check registry files over the built-in registry.

    Prints OK per file with its number of entries (after a warning when it gives none), or every
    problem as FILE:LINE: PATH: MESSAGE; exits 1 on any error.

    Example: factcheck sources validate my-sources.yaml
    """

    def action() -> int:
        from factcheck.render.sources import render_registry_validation
        from factcheck.sources.registry import validate_registry

        console = make_console(_options(ctx).color)
        results = [validate_registry(path) for path in paths]
        for result in results:
            console.print(render_registry_validation(result), soft_wrap=True)
        return 1 if any(result.problems for result in results) else 0

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
        Path,
        typer.Argument(
            metavar="FILE",
            parser=path_argument,
            help="CSV or TSV (domain, ratings) or YAML registry.",
        ),
    ],
    name: Annotated[
        str, typer.Option("--as", metavar="NAME", help="The set's name, e.g. newsroom-2024.")
    ],
    citation: Annotated[
        str | None,
        typer.Option("--citation", metavar="TEXT", help="Where the ratings come from."),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Replace the set you imported before under this name."),
    ] = False,
) -> None:
    """Import a rating set, kept beside the others under its own name and citation.

    A shipped set's name is refused; a set you imported before is replaced only with --replace.

    Example: factcheck sources import ratings.csv --as newsroom --citation "Desk ratings, 2024"
    """

    def action() -> None:
        from factcheck.sources.ratings import import_set

        found, replaced = import_set(file, name, citation, replace=replace)
        verb = "Replaced" if replaced else "Imported"
        domains = f"{len(found):,} domain{'' if len(found) == 1 else 's'}"
        typer.echo(f"{verb} rating set '{found.name}': {domains} ({found.path})")

    run_guarded(ctx, action)


class _Given:
    """The fields given so far (as flags or typed at a prompt), as the flags that give them
    again: when the entry is refused or the prompts interrupted, nothing typed is lost."""

    def __init__(self) -> None:
        self.flags: list[str] = []

    def add(self, flag: str, *values: str) -> None:
        for value in values:
            if value:
                self.flags += [flag, value]

    def command(self) -> str:
        """The command that adds the entry with every field given so far."""
        import shlex

        return " ".join(["factcheck sources add", *map(shlex.quote, self.flags)])


def _sources_ask(
    value: str | None,
    prompt: str,
    *,
    ask: bool,
    default: str = "",
    choices: tuple[str, ...] = (),
    given: _Given | None = None,
    flag: str = "",
) -> str:
    """A flag's value, else (unless --no-input) the answer to a prompt; noted in ``given``."""
    answer = _sources_answer(value, prompt, ask=ask, default=default, choices=choices)
    if given is not None and answer != default:
        given.add(flag, answer)
    return answer


def _sources_answer(
    value: str | None, prompt: str, *, ask: bool, default: str, choices: tuple[str, ...]
) -> str:
    if value is not None or not ask:
        return (value or default).strip()
    text = f"{prompt} ({', '.join(choices)})" if choices else prompt
    while True:
        try:
            answer = str(typer.prompt(text, default=default, show_default=bool(default))).strip()
        except typer.Abort:
            if sys.stdin.isatty():
                raise  # Ctrl-C or Ctrl-D on a terminal: the user stopped
            # Piped answers ran out: say which field, instead of a bare "Aborted!".
            raise SourcesError(
                f"standard input ended before the field {prompt.split(' (')[0]!r}; give the "
                "fields as flags with --no-input, or answer on a terminal"
            ) from None
        if not choices or answer in choices:
            return answer
        typer.echo(f"Expected one of: {', '.join(choices)}", err=True)


def _sources_ask_list(
    values: list[str] | None, prompt: str, *, ask: bool, given: _Given, flag: str
) -> list[str]:
    if values or not ask:
        listed = [v.strip() for v in values or () if v.strip()]
    else:
        answer = _sources_ask(None, f"{prompt} (comma-separated, Enter for none)", ask=True)
        listed = [part.strip() for part in answer.split(",") if part.strip()]
    given.add(flag, *listed)
    return listed


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
            "--file",
            metavar="FILE",
            parser=path_argument,
            help="Registry file to append to (default: your config file).",
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

    def add(ask: bool, given: _Given) -> tuple[SourceEntry, Path]:
        from factcheck.sources.registry import (
            Partisan,
            SourceKind,
            add_entry,
            entry_fields,
            slugify,
            user_registry_path,
        )

        the_name = _sources_ask(name, "Name", ask=ask, given=given, flag="--name")
        the_id = _sources_ask(
            source_id, "Id", ask=ask, default=slugify(the_name), given=given, flag="--id"
        )
        kinds = tuple(k.value for k in SourceKind)
        the_kind = _sources_ask(kind, "Kind", ask=ask, choices=kinds, given=given, flag="--kind")
        the_aliases = _sources_ask_list(aliases, "Aliases", ask=ask, given=given, flag="--alias")
        the_domains = _sources_ask_list(
            domains, "Web domains", ask=ask, given=given, flag="--domain"
        )
        the_affiliation = _sources_ask_list(
            affiliation, "Affiliated with (ids)", ask=ask, given=given, flag="--affiliation"
        )
        the_owner = _sources_ask(
            owner, "Owner (Enter for unknown)", ask=ask, given=given, flag="--owner"
        )
        the_party_to = _sources_ask_list(
            party_to, "Party to conflicts", ask=ask, given=given, flag="--party-to"
        )
        stances = tuple(p.value for p in Partisan)
        stance = _sources_ask(
            partisan, "Partisan", ask=ask, default="unknown", choices=stances, given=given,
            flag="--partisan",
        )  # fmt: skip
        leaning = stance in ("yes", "lean")
        the_direction = _sources_ask(
            direction, "Direction (e.g. pro-X)", ask=ask and leaning, given=given,
            flag="--direction",
        )  # fmt: skip
        the_sanctions = _sources_ask_list(
            sanctions, "Sanctions, bans, designations", ask=ask, given=given, flag="--sanction"
        )
        letter = _sources_ask(
            reliability, "Your reliability letter A-F (Enter: none)", ask=ask, given=given,
            flag="--reliability",
        )  # fmt: skip
        the_citation = _sources_ask(
            citation, "Citation URL for these facts", ask=ask, given=given, flag="--citation"
        )
        the_notes = _sources_ask(
            notes, "Notes (Enter for none)", ask=ask, given=given, flag="--notes"
        )
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
        return add_entry(fields, target=path, extra=tuple(registry_paths or ())), path

    def action() -> None:
        ask = not no_input
        if name is not None and not name.strip():
            raise typer.BadParameter(
                "expected the source's name, got an empty one", param_hint="--name"
            )
        if not ask and not (name and kind):
            raise typer.BadParameter("--no-input needs at least --name and --kind")
        given = _Given()
        given.add("--file", str(target or ""))
        for extra in registry_paths or ():
            given.add("--sources", str(extra))
        preset = len(given.flags)
        try:
            entry, path = add(ask, given)
        except (typer.Abort, FactcheckError) as exc:
            interrupted = isinstance(exc, typer.Abort) and isinstance(
                exc.__context__, KeyboardInterrupt
            )
            if ask and len(given.flags) > preset:
                again = f"Not added. To add it without typing again: {given.command()}"
                sys.stderr.write(("\n" if interrupted else "") + f"{defang_line(again)}\n")
            if interrupted:
                raise KeyboardInterrupt from None  # Ctrl-C: exit 130, as everywhere
            raise
        err = make_console(_options(ctx).color, file=sys.stderr)
        err.print(message_text(f"Added '{entry.id}' to {path}"), soft_wrap=True)

    run_guarded(ctx, action)
