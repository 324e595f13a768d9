"""Fewer full garbage collections while one command runs.

A diff or scan of a large repository holds hundreds of thousands of long-lived objects (the
cached contexts, the fragments of every file, the linked models). CPython's cyclic collector
re-walks all of them on every full (oldest-generation) collection, which it starts after ten
middle-generation collections: on a 5,000-file repository that was a third of a one-endpoint
diff. Almost all our objects are freed by reference counting (frozen models and tuples form
no cycles), so full collections are made rare for the command's duration, and the previous
thresholds are restored afterwards (the command may run inside a longer-lived process)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

FULL_COLLECTION_EVERY = 100  # middle-generation collections between two full ones (CPython: 10)


@contextmanager
def rare_full_collections() -> Iterator[None]:
    """Run the body with full collections at most every `FULL_COLLECTION_EVERY`
    middle-generation collections."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, FULL_COLLECTION_EVERY))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)
