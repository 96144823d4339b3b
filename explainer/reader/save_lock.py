"""One writer per save: a lock that dies with its process, and an owner token a second copy can take over."""

from __future__ import annotations

import contextlib
import os
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # Windows: no lock rather than no explainer
    fcntl = None  # type: ignore[assignment]

_IN_THIS_PROCESS: weakref.WeakValueDictionary[str, SaveLock] = weakref.WeakValueDictionary()
"""The locks of this process that are writers, by token: a forgotten one stops counting when collected."""


class SaveLock:
    """Who may write one save file.

    The copy that opens the save first holds an exclusive ``flock`` on ``NAME.lock`` for as long as it
    runs (the system drops it when the process ends, however it ends). A second copy can take over by
    writing its token into ``NAME.owner``; before each save the writer checks, under a short lock on
    that file, that the token there is still its own, so a copy that lost the save never overwrites it.
    """

    def __init__(self, save_path: Path) -> None:
        self.lock_path = save_path.with_name(save_path.stem + ".lock")
        self.owner_path = save_path.with_name(save_path.stem + ".owner")
        self.token = f"{os.getpid()} {os.urandom(8).hex()}"
        self.supported = fcntl is not None
        self._lock_file: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        """Whether this copy holds the lock file."""
        return self._lock_file is not None

    def acquire(self) -> bool:
        """Try to become the writer; ``False`` when another running copy has the save open.

        Raises:
            OSError: when the lock file cannot be made (the folder cannot be written).
        """
        if fcntl is None:
            return True
        if self._lock_file is None and not self._try_lock():
            return False
        with self._owner() as owner:
            holder = owner.read().decode("utf-8", "replace").strip()
            if holder and holder != self.token and _alive(holder):
                self.release()  # a copy that took over earlier still writes the save
                return False
            _write(owner, self.token)
        _IN_THIS_PROCESS[self.token] = self
        return True

    def take_over(self) -> None:
        """Make this copy the writer; the copy that held the save finds out when it next saves."""
        if fcntl is None:
            return
        with self._owner() as owner:
            _write(owner, self.token)
        _IN_THIS_PROCESS[self.token] = self
        self._try_lock()  # mostly in vain: the first copy keeps its lock until it notices

    @contextlib.contextmanager
    def writing(self) -> Iterator[bool]:
        """While a save is written: yields whether this copy is still the writer."""
        if fcntl is None:
            yield True
            return
        with self._owner() as owner:
            mine = owner.read().decode("utf-8", "replace").strip() == self.token
            if mine and self._lock_file is None:
                self._try_lock()  # the first copy has gone: hold the lock, so a third one asks
            yield mine
        if not mine:
            _IN_THIS_PROCESS.pop(self.token, None)
            self.release()

    def release(self) -> None:
        """Stop holding the lock file (the owner token stays for whoever reads it)."""
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    def close(self) -> None:
        """Give the save up when this copy ends: the owner token is cleared if it is still ours."""
        if fcntl is not None:
            with contextlib.suppress(OSError), self._owner() as owner:
                if owner.read().decode("utf-8", "replace").strip() == self.token:
                    _write(owner, "")
        _IN_THIS_PROCESS.pop(self.token, None)
        self.release()

    def _try_lock(self) -> bool:
        assert fcntl is not None
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        file = self.lock_path.open("ab")
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            file.close()
            return False
        self._lock_file = file
        return True

    @contextlib.contextmanager
    def _owner(self) -> Iterator[IO[bytes]]:
        """The owner file, opened and locked for a moment (every copy holds it only briefly)."""
        assert fcntl is not None
        self.owner_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.owner_path, os.O_RDWR | os.O_CREAT, 0o644)
        with os.fdopen(fd, "r+b") as owner:
            fcntl.flock(owner.fileno(), fcntl.LOCK_EX)
            yield owner


def _write(owner: IO[bytes], token: str) -> None:
    owner.seek(0)
    owner.truncate()
    owner.write(token.encode())
    owner.flush()
    os.fsync(owner.fileno())


def _alive(token: str) -> bool:
    """Whether the process named by an owner token still runs."""
    pid = token.split(" ", 1)[0]
    if not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return token in _IN_THIS_PROCESS  # another slot of this very process (tests)
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, only not ours to signal
    return True
