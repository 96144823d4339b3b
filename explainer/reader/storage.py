"""Where the explainer keeps files of its own, and writing them so none is ever half-written."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

APP_NAME = "explainer"


def data_dir() -> Path:
    """The user's data folder for the explainer (``EXPLAINER_DATA_DIR`` overrides it)."""
    override = os.environ.get("EXPLAINER_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically: temporary file, fsync, rename.

    Killing the process at any instant leaves either the old file or the new one.

    Raises:
        OSError: when the folder cannot be written (read-only, full disk, ...).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    try:
        directory = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def write_user_file(path: Path, text: str, what: str) -> int:
    """Write a file the user asked for (a report, a handout); returns the exit code.

    Args:
        what: what the file is, for the messages ("Report", "Handout").
    """
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"Cannot write {path}: {error.strerror or error}.", file=sys.stderr)
        return 1
    print(f"{what} written to {path}.", file=sys.stderr)
    return 0
