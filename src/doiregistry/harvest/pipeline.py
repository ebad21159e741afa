"""Preparing records in chunks, in worker processes while the caller writes.

Reading, XSD validation and XML writing are CPU-bound Python; with more than
one core they run in a pool of processes (``spawn``, so nothing inherited
from the parent's threads or connections), a few chunks ahead of the writer.
The first chunk is always prepared in-process: small imports never pay for
starting workers.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from doiregistry.harvest.prepare import Prepared, PrepareSettings, prepare_chunk
from doiregistry.harvest.sources import SourceItem


def chunks(items: Iterable[SourceItem], size: int) -> Iterator[list[SourceItem]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def prepared_chunks(
    items: Iterable[SourceItem], settings: PrepareSettings, *, size: int, workers: int
) -> Iterator[list[Prepared]]:
    """Every item prepared, chunk by chunk, in input order."""
    pending = chunks(items, size)
    first = next(pending, None)
    if first is None:
        return
    yield prepare_chunk(first, settings)
    if workers <= 1:
        for chunk in pending:
            yield prepare_chunk(chunk, settings)
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    in_flight: deque[Future[list[Prepared]]] = deque()
    try:
        for chunk in pending:
            in_flight.append(pool.submit(prepare_chunk, chunk, settings))
            if len(in_flight) > 2 * workers:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
