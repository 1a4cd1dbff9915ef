"""Stage ① to ④ in batches: the extract pipeline over many sources, in parallel processes,
keeping going on errors."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import FactcheckError
from factcheck.extract.pipeline import Stage, StageCallback, extract
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
    text: str | None = None
    """The extraction as ``BatchOptions.render`` writes it, when there is a renderer; the
    extraction itself is then left out, so a worker sends back only this text."""


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """What every worker needs to run the pipeline the same way."""

    registry_paths: tuple[Path, ...] = ()
    """Extra registry files merged over the built-in one."""
    use_registry: bool = True
    """Match claims on the source registry."""
    min_score: float | None = None
    """Claim threshold, or None for the model's default."""
    render: Callable[[Extraction], str] | None = None
    """Writes each extraction as text where it is extracted (a module-level function or a
    ``functools.partial`` of one, so it can travel to worker processes)."""


@cache
def _registry(paths: tuple[Path, ...]) -> Registry:
    from factcheck.sources.registry import load_registry

    return load_registry(paths)


def extract_one(
    source: str, options: BatchOptions, on_stage: StageCallback | None = None
) -> Outcome:
    """Extract one source; a user-facing error is captured, not raised. ``on_stage`` is told
    each step of the pipeline as it starts."""
    try:
        registry = _registry(options.registry_paths) if options.use_registry else None
        extraction = extract(
            source, registry=registry, min_score=options.min_score, on_stage=on_stage
        )
    except FactcheckError as exc:
        return Outcome(source, None, str(exc))
    if options.render is not None:
        if on_stage is not None:
            on_stage(Stage.WRITING, len(extraction.claims))
        return Outcome(source, None, None, options.render(extraction))
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
    """Extract every source, in input order; ``on_done`` is called as each one finishes.

    With ``jobs`` > 1 the sources are shared out in small chunks to worker processes, forked after
    this process has extracted the first source itself, so that every worker starts with the
    models and the registry already loaded. Ctrl-C (KeyboardInterrupt) stops the workers at once.
    """
    outcomes: list[Outcome | None] = [None] * len(sources)

    def done(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        if on_done:
            on_done(outcome)

    # Standard input belongs to this process, so '-' is never handed to a worker.
    local = [i for i, source in enumerate(sources) if source == "-"]
    remote = [i for i, source in enumerate(sources) if source != "-"]
    if jobs <= 1 or len(remote) <= 2:
        local, remote = list(range(len(sources))), []
    elif not local:
        local = [remote.pop(0)]  # warms this process's caches before the workers fork
    for index in local:
        done(index, extract_one(sources[index], options))
    if remote:
        for index, outcome in _in_workers([(i, sources[i]) for i in remote], options, jobs):
            done(index, outcome)
    return [o for o in outcomes if o is not None]


def _chunks(work: list[tuple[int, str]], workers: int) -> list[list[tuple[int, str]]]:
    # Several chunks per worker keep them equally busy to the end; a chunk of a few sources
    # saves a round trip per source.
    size = max(1, min(8, len(work) // (workers * 6)))
    return [work[start : start + size] for start in range(0, len(work), size)]


def _extract_chunk(
    task: tuple[list[tuple[int, str]], BatchOptions],
) -> list[tuple[int, Outcome]]:
    items, options = task
    return [(index, extract_one(source, options)) for index, source in items]


def _ignore_interrupts() -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent alone handles it, by
    # stopping the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _in_workers(
    work: list[tuple[int, str]], options: BatchOptions, jobs: int
) -> Iterator[tuple[int, Outcome]]:
    import gc
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    workers = min(jobs, len(work))
    tasks = [(chunk, options) for chunk in _chunks(work, workers)]
    # Ctrl-C is held back while the workers are forked, so none is hit before it ignores it;
    # one pressed meanwhile reaches this process when the workers exist.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    # The objects loaded so far (model, registry, word lists) are left out of the workers'
    # garbage collections: scanning them would write to every page they share with this process
    # and make each worker copy those pages.
    gc.freeze()
    try:
        pool = context.Pool(workers, initializer=_ignore_interrupts)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        gc.unfreeze()
    try:
        for results in pool.imap_unordered(_extract_chunk, tasks):
            yield from results
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
