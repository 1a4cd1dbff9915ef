"""The command line: the only module that imports typer. Commands parse, call the core, render."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, NoReturn

import typer

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.render.console import ColorMode, make_console

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
        str, typer.Option("--color", help="Colour output: auto, always or never.")
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


def _options(ctx: typer.Context) -> Options:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Options) else Options()


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a one-line error on stderr and exit."""
    err = make_console("never", file=sys.stderr)
    err.print(f"Error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code=code)


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
    if code:
        raise typer.Exit(code=code)


# --- commands are added below: extract, review, report, checklist, sources ---
