"""The `review` command: a worksheet reviewed at a terminal or from an answers file.

Each command imports the core and its renderer when it runs: loading them takes about a
second, which `factcheck --version` and `--help` must not pay.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.app import (
    _options,
    _SourcesPaths,
    app,
    fail,
    path_argument,
    run_guarded,
    score_argument,
)
from factcheck.cli.extract import stage_status, status_console
from factcheck.errors import FactcheckError, JournalWriteError
from factcheck.render.console import make_console


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
        typer.Option(
            "--answers",
            metavar="FILE",
            parser=path_argument,
            help="Apply answers from a YAML file.",
        ),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never ask; only apply --answers.")
    ] = False,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score",
            parser=score_argument,
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
            "--reports-dir",
            metavar="DIR",
            parser=path_argument,
            help="Where worksheets live (default: ./reports).",
        ),
    ] = None,
    registry_paths: _SourcesPaths = None,
    case_dir: Annotated[
        Path | None,
        typer.Option(
            "--case",
            metavar="CASE_DIR",
            parser=path_argument,
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

    opts = _options(ctx)
    interactive = not no_input and sys.stdin.isatty()
    parts = (title, summary, bottom_line, url)
    flags = ("--title", "--summary", "--bottom-line", "--url")
    for flag, part in zip(flags, parts, strict=True):
        if part is not None and not part.strip():
            fail(f"{flag}: expected text, got an empty one", code=2)
    if url is not None:
        _check_published_url(url)
    # Without a terminal there must be something to apply: answers, or a part of the report.
    if answers is None and not interactive and not (no_input and any(parts)):
        fail("review needs a terminal to ask questions; use --answers FILE --no-input", code=2)
    if interactive and not sys.stdout.isatty():
        # The questions would go where the output goes, and the reviewer would see none of them.
        fail(
            "review asks its questions on standard output, which is not a terminal; "
            "do not redirect it, or use --answers FILE --no-input",
            code=2,
        )
    wanted = [c.strip() for c in (claims or "").split(",") if c.strip()] or None
    if claims is not None and wanted is None:
        # An empty list would review every claim: not what a user narrowing the review meant.
        fail(f"--claims: expected claim ids such as c3,c7, got {claims!r}", code=2)

    def action() -> int:
        from factcheck.files import hard_links_warning
        from factcheck.render import review as screen
        from factcheck.render.console import defang_line, message_text, safe_text
        from factcheck.review.keys import LineInterrupted, TtyKeyboard
        from factcheck.review.reviewer import UnusableName, resolve_reviewer
        from factcheck.review.session import open_review, review_worksheet

        err = make_console(opts.color, file=sys.stderr)
        folder = reports_dir or Path(os.environ.get("FACTCHECK_REPORTS_DIR") or "reports")
        try:  # before the worksheet is open, only a given or configured name can choose it
            known: str | None = resolve_reviewer(reviewer, None, None)
        except UnusableName:
            raise  # before a worksheet is made for nobody
        except FactcheckError:
            known = None
        if own and known is None:
            raise FactcheckError("--own needs your name: --reviewer NAME")
        with stage_status(target, status_console(opts)) as on_stage:
            setup = open_review(
                target,
                checklist=checklist,
                reports_dir=folder,
                registry_paths=tuple(registry_paths or ()),
                case=case_dir,
                reviewer=known,
                own=own,
                unnamed=interactive,
                on_stage=on_stage,
            )
        linked = hard_links_warning(setup.session.path)  # before the review, not at its save
        for warning in [*setup.warnings, *([linked] if linked else [])]:
            err.print(message_text(f"Warning: {warning}"), soft_wrap=True)
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
        name: str | None = None
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
        except KeyboardInterrupt as exc:
            # Interrupted at the name prompt of a worksheet made just now: nothing is in it yet,
            # and without a reviewer it would be nobody's; the next review starts afresh.
            discarded = name is None and setup.session.discard()
            setup.session.close()
            if keyboard is not None:
                # The cursor may stand after a prompt and what was typed at it. Written past the
                # console: Ctrl-C in the middle of its print would have it print a prompt again.
                console.file.write("\n")
                console.file.flush()
            resume = f"Saved. Resume with: factcheck review {_shell_word(str(setup.path))}"
            if discarded:
                resume = "Interrupted before a reviewer was named; no worksheet was made."
            err.print(message_text(resume), soft_wrap=True)
            if isinstance(exc, LineInterrupted):
                # A line is given with Enter; the worksheet has no place for half of one, so
                # it is shown back rather than lost.
                unsaved = f"Not saved (Ctrl-C came before Enter): {exc.label} {exc.typed}"
                err.print(message_text(unsaved), soft_wrap=True)
            return 130
        except JournalWriteError as exc:
            # The disk is full: compacting would fail too, and say only that. The changes before
            # this one are in the journal, which the next review replays.
            setup.session.close(compact=False)
            if keyboard is not None:
                console.file.write("\n")
                console.file.flush()
            err.file.write(f"Error: {defang_line(str(exc))}\n")
            err.file.flush()
            resume = (
                "The changes before it are kept in the journal. Resume with: factcheck review "
                + _shell_word(str(setup.path))
            )
            err.print(message_text(resume), soft_wrap=True)
            if exc.unsaved:
                err.print(message_text(f"Not saved: {exc.unsaved}"), soft_wrap=True)
            return 1
        finally:
            setup.session.close()
        if setup.findings is not None:
            from factcheck.render.case import render_findings

            console.print(render_findings(setup.findings))
        console.print(screen.render_outcome(outcome, setup.checklist))
        err.print(message_text(f"Saved {setup.path}"), soft_wrap=True)
        return 0

    run_guarded(ctx, action)


def _shell_word(text: str) -> str:
    """Text quoted for a shell; with a character that is not printable (a line break in a file
    name), in bash's $'...' form, so that the command stays on one line and works when pasted."""
    import shlex

    if text.isprintable():
        return shlex.quote(text)

    def escape(char: str) -> str:
        if char in "\\'":
            return "\\" + char
        if char.isprintable():
            return char
        code = ord(char)  # \x writes a byte; above ASCII, \u writes the character
        return (
            f"\\x{code:02x}"
            if code < 0x80
            else f"\\u{code:04x}"
            if code < 0x10000
            else f"\\U{code:08x}"
        )

    return "$'" + "".join(map(escape, text)) + "'"


def _check_published_url(url: str) -> None:
    """Refuse an article address that would publish a user name or a password with the report,
    as ``extract`` refuses to fetch one."""
    from urllib.parse import urlsplit

    try:
        credentials = "@" in urlsplit(url).netloc
    except ValueError as exc:
        fail(f"--url: invalid URL ({exc})", code=2)
    if credentials:
        fail(
            "--url: an address with a user name or password would be published with the "
            "report; give it without them",
            code=2,
        )
