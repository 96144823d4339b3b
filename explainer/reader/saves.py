"""Saved progress: one file per student and story, written atomically, never lost silently."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from explainer.reader.journey import Journey
from explainer.reader.option_order import reader_seed
from explainer.reader.save_lock import SaveLock
from explainer.reader.save_names import legacy_file_name, normal_name, story_key, student_file_name
from explainer.reader.storage import atomic_write_text, data_dir
from explainer.story.model import Story

SAVE_FORMAT = "explainer-save"
SAVE_VERSION = 2
"""Version 2 keeps every attempt: the current one under "journey", those before it under "earlier"."""
MAX_SAVE_BYTES = 5_000_000
STALE_TEMPORARY_SECONDS = 60

TAKEN_OVER = (
    "Your progress is no longer saved here: the story was opened for you elsewhere, and that copy "
    "took the save over. What was saved before stays; what you do here from now on is not saved."
)
READ_ONLY = "Read only: this story is open for you elsewhere, so nothing you do here is saved."


class DamagedSave(Exception):
    """A save file that cannot be used: not JSON, another program's, another story's ..."""


def has_progress(journey: Journey) -> bool:
    """Whether the reader has done anything worth resuming."""
    return len(journey.history.steps) > 1 or bool(journey.tries or journey.looked_up)


class SaveSlot:
    """Where one student's progress in one story is kept, read and written."""

    def __init__(self, story: Story, student: str = "", folder: Path | None = None) -> None:
        self.story = story
        self.student = " ".join(student.split())
        base = folder if folder is not None else data_dir()
        self.path = base / "saves" / story_key(story) / f"{student_file_name(student)}.json"
        self.legacy_path = self.path.with_name(f"{legacy_file_name(student)}.json")
        """Where versions before the hashed names kept this student's save."""
        self.failing = False
        self.blocked = False
        self.earlier: list[dict[str, Any]] = []
        """The attempts before the current one, as saved: starting over never loses one."""
        self._current: dict[str, Any] | None = None
        self.lock: SaveLock | None = None
        """Held by a front end that writes the save (see :meth:`claim`); reports never take it."""
        self.read_only = False
        """Set when the reader chose to read only while the story is open elsewhere: nothing is saved."""
        self.taken_over = False
        """Set when another copy took the save over: this one no longer writes it."""

    def claim(self) -> bool:
        """Become the one writer of this save; ``False`` when another running copy has it open.

        Then ask the reader, and call :meth:`take_over` or set :attr:`read_only`.
        """
        self.lock = SaveLock(self.path)
        try:
            return self.lock.acquire()
        except OSError:
            self.lock = None  # the folder cannot be written: saving says so when it fails
            return True

    def take_over(self) -> None:
        """Become the writer although another copy has the save open; it stops writing at its next save."""
        if self.lock is not None:
            with contextlib.suppress(OSError):
                self.lock.take_over()

    def close(self) -> None:
        """Give the save up, when the reader is done."""
        if self.lock is not None:
            self.lock.close()
            self.lock = None

    def exists(self) -> bool:
        """Whether a save file is there."""
        return self.path.is_file()

    def read(self, clock: Callable[[], float] = time.monotonic) -> tuple[Journey, list[str]]:
        """Read the saved journey without changing any file.

        Returns:
            The journey and notices about what the edited story no longer has.

        Raises:
            FileNotFoundError: when there is no save.
            DamagedSave: when the file is damaged, foreign, or for another story.
            OSError: when the file cannot be read.
        """
        with self._readable_path().open("rb") as file:
            raw = file.read(MAX_SAVE_BYTES + 1)
        if len(raw) > MAX_SAVE_BYTES:
            raise DamagedSave("it is far too large to be a save")
        import json  # here: most starts have no save to read, and the first save comes after the first frame

        try:
            data = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as error:
            raise DamagedSave(
                f"it is not valid JSON ({error})" if "not a number" in str(error) else "it is not valid JSON"
            ) from error
        if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
            raise DamagedSave("it is not an explainer save")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise DamagedSave("its version is missing")
        if version > SAVE_VERSION:
            raise DamagedSave(f"a newer version of explainer wrote it (version {version})")
        if data.get("start") != self.story.start:
            raise DamagedSave(f"it belongs to another story ({str(data.get('story'))[:60]!r})")
        earlier = data.get("earlier", [])
        try:
            journey, notices = Journey.from_dict(self.story, data.get("journey"), clock=clock)
            if not isinstance(earlier, list):
                raise ValueError("the earlier attempts are not a list")
            for attempt in earlier:  # checked now, so that a report never meets a damaged one
                Journey.from_dict(self.story, attempt, clock=clock)
        except (ValueError, TypeError, KeyError, RecursionError) as error:
            raise DamagedSave(f"its contents are damaged: {error}") from error
        if not journey.seed:  # saved before options were shuffled: the order this student gets now
            journey.seed = reader_seed(self.student)
        self.earlier = list(earlier)
        self._current = data.get("journey")
        return journey, notices

    def read_attempts(self, clock: Callable[[], float] = time.monotonic) -> tuple[list[Journey], list[str]]:
        """Every attempt saved, the oldest first and the current one last, without changing any file.

        Raises:
            FileNotFoundError, DamagedSave, OSError: as :meth:`read`.
        """
        current, notices = self.read(clock)
        attempts = [Journey.from_dict(self.story, raw, clock=clock)[0] for raw in self.earlier]
        return [*attempts, current], notices

    def load(self, clock: Callable[[], float] = time.monotonic) -> tuple[Journey | None, list[str]]:
        """Read the saved journey, moving a damaged or foreign file aside with a notice.

        Returns:
            The journey (``None`` when there is none to resume) and notices for the reader.
        """
        if not self.read_only:  # a reader who only reads changes no file
            self._remove_stale_temporaries()
            self._adopt_legacy_save()
        try:
            return self.read(clock)
        except (FileNotFoundError, NotADirectoryError):
            return None, []
        except DamagedSave as damage:
            if self.read_only:
                return None, [f"Your saved progress in {self.path} could not be used: {damage}. It was left as it is."]
            return None, [self._move_aside(str(damage))]
        except OSError as error:
            self.blocked = True
            return None, [
                f"Your saved progress in {self.path} could not be read "
                f"({_reason(error)}). It was left as it is, and progress will not be "
                "saved this time."
            ]

    def save(self, journey: Journey) -> str | None:
        """Write the journey atomically.

        Returns:
            A notice the first time writing fails (read-only or full disk ...), else ``None``.
        """
        if self.blocked or self.read_only or self.taken_over:
            return None
        current = journey.to_dict()
        previous = self._current
        if previous is not None and previous.get("id") != current["id"] and _worth_keeping(previous):
            self.earlier.append(previous)  # the reader started over: the attempt before is kept
        self._current = current
        import json

        data: dict[str, Any] = {
            "format": SAVE_FORMAT,
            "version": SAVE_VERSION,
            "story": self.story.title,
            "start": self.story.start,
            "student": self.student,
            "saved": datetime.now(UTC).isoformat(timespec="seconds"),
            "journey": current,
            "earlier": self.earlier,
        }
        try:
            with self.lock.writing() if self.lock is not None else contextlib.nullcontext(True) as mine:
                if not mine:
                    self.taken_over = True
                    return TAKEN_OVER
                atomic_write_text(self.path, json.dumps(data, indent=1) + "\n")
        except OSError as error:
            if self.failing:
                return None
            self.failing = True
            return (
                f"Your progress could not be saved in {self.path.parent} ({_reason(error)}). "
                "You can keep reading, but it will not be remembered."
            )
        self.failing = False
        return None

    def _readable_path(self) -> Path:
        """The save file, or this student's save under its old name while it has not been moved."""
        if self.path.exists() or self.legacy_path == self.path or not self._legacy_is_mine():
            return self.path
        return self.legacy_path

    def _legacy_is_mine(self) -> bool:
        """Whether a save under the old file name is this student's (old names could be shared)."""
        import json

        try:
            with self.legacy_path.open("rb") as file:
                data = json.loads(file.read(MAX_SAVE_BYTES + 1).decode("utf-8"))
        except (OSError, ValueError, RecursionError):
            return False
        saved = data.get("student") if isinstance(data, dict) else None
        return isinstance(saved, str) and normal_name(saved) == normal_name(self.student)

    def _adopt_legacy_save(self) -> None:
        """Move this student's save from its old file name to the new one, so no progress is lost."""
        if self._readable_path() == self.legacy_path:
            with contextlib.suppress(OSError):  # then it is read where it is; the next save writes the new name
                os.replace(self.legacy_path, self.path)

    def _move_aside(self, reason: str) -> str:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for count in range(100):
            suffix = f"-{count}" if count else ""
            aside = self.path.with_name(f"{self.path.stem}.damaged-{stamp}{suffix}.json")
            if not aside.exists():
                break
        try:
            self.path.rename(aside)
        except OSError as error:
            self.blocked = True
            return (
                f"Your saved progress in {self.path} could not be used: {reason}. "
                f"It could not be moved aside either ({_reason(error)}), so it was left as "
                "it is and progress will not be saved this time."
            )
        return (
            f"Your saved progress could not be used: {reason}. It was moved to {aside} "
            "and you start from the beginning."
        )

    def _remove_stale_temporaries(self) -> None:
        """Remove half-written files that a killed process left behind."""
        try:
            leftovers = list(self.path.parent.glob(f".{self.path.name}.*.tmp"))
            for leftover in leftovers:
                if time.time() - leftover.stat().st_mtime > STALE_TEMPORARY_SECONDS:
                    leftover.unlink()
        except OSError:
            pass


def _worth_keeping(attempt: dict[str, Any]) -> bool:
    """Whether a saved attempt holds anything the reader did."""
    return len(attempt.get("steps", [])) > 1 or bool(attempt.get("answers") or attempt.get("looked_up"))


def _refuse_constant(name: str) -> Any:
    """JSON's NaN and Infinity are no numbers of seconds: a save holding one is damaged."""
    raise ValueError(f"{name} is not a number")


def _reason(error: OSError) -> str:
    """A short reason for a failed file operation."""
    return error.strerror or type(error).__name__
