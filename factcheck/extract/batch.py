"""Run the extract pipeline over many sources, in parallel processes, keeping going on errors."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import FactcheckError
from factcheck.extract.pipeline import extract
from factcheck.models import Extraction

if TYPE_CHECKING:
    from factcheck.sources.registry import Registry


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of extracting one source: an extraction, or the error that stopped it."""

    source: str
    """The source as the user named it."""
    extraction: Extraction | None
    """The extraction, when it succeeded."""
    error: str | None
    """The one-line error message, when it failed."""


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """What every worker needs to run the pipeline the same way."""

    registry_paths: tuple[Path, ...] = ()
    """Extra registry files merged over the built-in one."""
    use_registry: bool = True
    """Match claims on the source registry."""
    min_score: float | None = None
    """Claim threshold, or None for the model's default."""


@cache
def _registry(paths: tuple[Path, ...]) -> Registry:
    from factcheck.sources.registry import load_registry

    return load_registry(paths)


def extract_one(source: str, options: BatchOptions) -> Outcome:
    """Extract one source; a user-facing error is captured, not raised."""
    try:
        registry = _registry(options.registry_paths) if options.use_registry else None
        extraction = extract(source, registry=registry, min_score=options.min_score)
    except FactcheckError as exc:
        return Outcome(source, None, str(exc))
    return Outcome(source, extraction, None)


def default_jobs() -> int:
    """One process per available core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def extract_many(
    sources: Sequence[str],
    options: BatchOptions,
    *,
    jobs: int = 1,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Extract every source, in input order; ``on_done`` is called as each one finishes."""
    outcomes: list[Outcome | None] = [None] * len(sources)
    parallel = jobs > 1 and len(sources) > 1
    for index, source in enumerate(sources):
        # Standard input belongs to this process, so '-' is never handed to a worker.
        if not parallel or source == "-":
            outcome = extract_one(source, options)
            outcomes[index] = outcome
            if on_done:
                on_done(outcome)
    if parallel:
        with ProcessPoolExecutor(max_workers=min(jobs, len(sources))) as pool:
            futures = {
                pool.submit(extract_one, source, options): index
                for index, source in enumerate(sources)
                if source != "-"
            }
            for future in as_completed(futures):
                outcome = future.result()
                outcomes[futures[future]] = outcome
                if on_done:
                    on_done(outcome)
    return [o for o in outcomes if o is not None]
