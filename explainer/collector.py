"""Python's cycle collector paused, for work that builds many objects and no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector paused, and put back as it was afterwards.

    Reading a story or compiling a glossary's pattern builds hundreds of thousands of objects
    and no reference cycles; meanwhile the collector would walk every object built so far,
    again and again. Plain reference counting still frees what is dropped.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
