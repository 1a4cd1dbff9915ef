"""The `checklist` commands: list, show and validate checklists.

Each command imports the core and its renderer when it runs: loading them takes about a
second, which `factcheck --version` and `--help` must not pay.
"""

from __future__ import annotations

from typing import Annotated

import typer

from factcheck.cli.app import _command_group, _options, run_guarded
from factcheck.render.console import make_console

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
