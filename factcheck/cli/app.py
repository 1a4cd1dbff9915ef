"""The command line's application: global options, errors caught once, shared options."""

from __future__ import annotations

import contextlib
import math
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.render.console import ColorMode, defang_line

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
    _check_arguments()
    _show_warnings()


def _check_arguments() -> None:
    """Refuse a value given in another encoding than UTF-8 (a name typed in a Latin-1 terminal):
    its stray bytes reach Python as surrogates, which no file the tool writes can hold. A file
    of that name is still read (an old archive's Latin-1 name)."""
    for given in sys.argv[1:]:
        if any("\udc80" <= char <= "\udcff" for char in given) and not os.path.lexists(given):
            fail(f"{given!r} is not UTF-8 text: give it in UTF-8", code=2)


def _show_warnings() -> None:
    # The package's warnings are for the user: one line each, every time, without Python's
    # file and line.
    import warnings

    from factcheck.errors import FactcheckWarning

    shown = warnings.showwarning

    def show(message: Warning | str, category: type[Warning], *args: Any, **kw: Any) -> None:
        if issubclass(category, FactcheckWarning):
            sys.stderr.write(f"Warning: {defang_line(str(message))}\n")
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
    sys.stderr.write(f"Error: {defang_line(message)}\n")


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
    except BrokenPipeError:
        # The reader of our output stopped early (`| head`): its choice, not a failure. Output
        # still buffered goes nowhere rather than fail again when Python exits.
        with contextlib.suppress(OSError, ValueError):  # a stream without a descriptor
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        raise typer.Exit(code=0) from None
    except UnicodeEncodeError as exc:
        # A file name or a value given on the command line in another encoding than UTF-8 (an
        # old archive's Latin-1 name) reaches Python with its stray bytes as surrogates, which
        # no file the tool writes can hold.
        if opts.debug:
            raise
        if "surrogates" not in str(exc.reason):
            fail(
                f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)"
            )
        text = exc.object if isinstance(exc.object, str) else ""
        words = text[: exc.start].split()[-1:] + text[exc.start :].split()[:1]
        given = "".join(words)[:80] if words else ""
        fail(f"{given!r} is not UTF-8 text: rename the file, or give it in UTF-8")
    except OSError as exc:
        # The system's refusal (a full disk, a failing device), not a bug: say what it said.
        if opts.debug:
            raise
        reason = exc.strerror or type(exc).__name__
        fail(f"{exc.filename}: {reason}" if exc.filename else reason)
    except Exception as exc:
        # A bug, not the user's mistake: still one line, with the way to see more.
        if opts.debug:
            raise
        fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
    if code:
        raise typer.Exit(code=code)


def path_argument(value: str) -> Path:
    """A path given on the command line. An empty one is a usage error: Path('') would be the
    working folder, and the message about it ("." is a folder) would puzzle."""
    if not value.strip():
        raise typer.BadParameter(f"empty path {value!r}; give a file or folder name")
    return Path(value)


def output_argument(value: str) -> str:
    """A file to write, as typed: a final '/' says it names a folder, which ``Path`` would
    forget. An empty one is a usage error, as for :func:`path_argument`."""
    path_argument(value)
    return value


def score_argument(value: str) -> float:
    """A check-worthiness threshold from 0 to 1. 'nan' is refused: no score compares with it,
    so it silently kept every claim in one command and none in another."""
    try:
        score = float(value)
    except ValueError:
        score = math.nan
    if not 0.0 <= score <= 1.0:
        raise typer.BadParameter(f"expected a number from 0 to 1, got {value!r}")
    return score


def check_one_stdin(sources: list[str]) -> None:
    """'-' (standard input) may be given once: read a second time, it is empty."""
    if sources.count("-") > 1:
        raise typer.BadParameter(
            "'-' (standard input) is given more than once; it can be read once",
            param_hint="'SOURCE...'",
        )


_SourcesPaths = Annotated[
    list[Path] | None,
    typer.Option(
        "--sources",
        metavar="FILE",
        parser=path_argument,
        help="Extra source registry file or folder (repeatable).",
    ),
]
