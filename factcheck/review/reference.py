"""Stage ⑥ worksheet: the checklist a worksheet refers to, loaded for reading it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import FactcheckError, ReviewError
from factcheck.review.worksheet import ChecklistRef, checklist_location

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist


def checklist_loader(
    name: str | None, worksheet: Path, article: str
) -> Callable[[ChecklistRef], Checklist]:
    """Loads a worksheet's checklist from its reference (relative to the worksheet's folder), or
    the one ``name`` gives, which must be of the same id; ``article`` goes into the command the
    error suggests for another checklist."""
    from factcheck.checklist.load import load_checklist

    def load(ref: ChecklistRef) -> Checklist:
        if name is not None:
            checklist = load_checklist(name)
            if checklist.id != ref.id:
                import shlex

                folder = worksheet.parent / checklist.id
                again = (
                    f"factcheck review {shlex.quote(article)} --checklist {shlex.quote(name)} "
                    f"--reports-dir {shlex.quote(str(folder))}"
                )
                raise ReviewError(
                    f"this worksheet uses checklist {ref.id!r}, not {checklist.id!r}; leave out "
                    f"--checklist to continue it, or start a second worksheet for "
                    f"{checklist.id!r} in its own folder: {again}"
                )
            return checklist
        try:
            return load_checklist(checklist_location(ref.source, worksheet))
        except FactcheckError as exc:
            raise ReviewError(
                f"cannot load the worksheet's checklist {ref.source!r} ({exc}); "
                "pass it with --checklist"
            ) from None

    return load
