"""Two parts of a long piece of work done at once: one here, one in a forked copy of the process.

A 10,000-passage story spends most of its loading and checking time in Python, one passage
after another, and Python runs one thread at a time; a copy of the process runs beside it
on a second core. The copy shares nothing with this process but what it sends back (pickled
through a pipe), and it leaves without cleaning up, so it cannot disturb this one.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from collections.abc import Callable
from typing import Any, BinaryIO, TypeVar

Here = TypeVar("Here")
There = TypeVar("There")


def can_fork() -> bool:
    """Whether a forked copy of this process can safely work beside it.

    Not on Windows (no fork), not on macOS (some of its system libraries break in a forked
    copy), and not once the process runs other threads (a lock held by one of them would
    never be let go in the copy).
    """
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def both_at_once(here: Callable[[], Here], there: Callable[[], There]) -> tuple[Here, There]:
    """``(here(), there())``, with ``there`` worked out in a forked copy meanwhile.

    The result is always what working them in turn gives: where forking is not safe, or
    anything goes wrong in the copy (an error, a result that cannot be pickled, the copy
    killed), ``there`` is worked out here too, after ``here``.
    """
    _reap_ended()
    if not can_fork():
        return here(), there()
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no memory or processes to spare
        os.close(read_end)
        os.close(write_end)
        return here(), there()
    if pid == 0:
        _work_in_copy(there, read_end, write_end)
    os.close(write_end)
    received = False
    try:
        with os.fdopen(read_end, "rb") as pipe:
            here_result = here()
            try:
                there_result, received = _receive(pipe), True
            except Exception:  # noqa: BLE001 - a result cut short or unreadable: work it out here
                pass
    finally:
        if received:
            # All of it came: the copy is leaving, and need not be waited for (letting go of
            # its memory takes the system tens of milliseconds). It is reaped later.
            _ENDING.append(pid)
        else:
            _wait_for(pid)  # the copy ends, whatever happens here
    if received:
        return here_result, there_result
    return here_result, there()


# Copies that have sent their result and are ending; reaped at the next call, or at exit.
_ENDING: list[int] = []


def _reap_ended(wait: bool = False) -> None:
    for pid in list(_ENDING):
        try:
            ended, _ = os.waitpid(pid, 0 if wait else os.WNOHANG)
        except ChildProcessError:  # reaped already
            ended = pid
        if ended:
            _ENDING.remove(pid)


atexit.register(_reap_ended, wait=True)


def _wait_for(pid: int) -> None:
    """Wait for the copy to end."""
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:  # reaped by someone else (SIGCHLD ignored)
        pass


def _work_in_copy(work: Callable[[], object], read_end: int, write_end: int) -> None:
    """In the forked copy: work, send the result through the pipe, and leave at once.

    ``os._exit`` skips every clean-up (atexit handlers, flushing output buffers the copy shares
    with the parent); an error ends the copy quietly with status 1 and the parent works it out.
    """
    status = 1
    try:
        os.close(read_end)
        result = work()
        with os.fdopen(write_end, "wb") as pipe:
            _send(result, pipe)
        status = 0
    finally:
        os._exit(status)


# A list is sent in several pickles: unpickling keeps every object it has built from one
# pickle until that pickle ends, so one pickle of a long list would take much more memory.
_BATCHES = 16
_ONE = -1


def _send(result: object, pipe: BinaryIO) -> None:
    import pickle  # here, not at the top: only long stories need it, and start-up need not wait

    if type(result) is list:
        size = max(1, -(-len(result) // _BATCHES))
        batches = [result[start:start + size] for start in range(0, len(result), size)]
        pickle.dump(len(batches), pipe)
        for batch in batches:
            pickle.dump(batch, pipe, pickle.HIGHEST_PROTOCOL)
    else:
        pickle.dump(_ONE, pipe)
        pickle.dump(result, pipe, pickle.HIGHEST_PROTOCOL)


def _receive(pipe: BinaryIO) -> Any:
    import pickle

    count = pickle.load(pipe)
    if count == _ONE:
        return pickle.load(pipe)
    return [item for _ in range(count) for item in pickle.load(pipe)]
