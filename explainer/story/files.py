"""Reading a story's files safely: regular files inside the folder, within a size, as text."""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable
from pathlib import Path

from explainer.story.problems import visible

MAX_FILE_BYTES = 2_000_000
GLOSSARY_FILE = "glossary.yaml"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_LINE_ENDS = re.compile(r"\r\n|[\r\u2028\u2029]")

Report = Callable[..., None]
"""Notes a problem: ``report(file, line, code, **values)``."""


def make_visible(text: str) -> str:
    """Replace control characters (escape sequences among them) by visible symbols.

    Tabs and line ends are kept; everything else below space becomes its Unicode
    "control picture", so no byte from a story file can drive the terminal.
    """
    return text if text.isprintable() else _CONTROL.sub(_picture, text)  # most text: nothing to look for


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if code > 0xFFFD:
        return "\ufffd"
    return f"\\x{code:02x}"


def label(path: Path) -> str:
    """A path as problems name it: undecodable bytes and control characters made visible."""
    return visible(make_visible(str(path)))


def scene_files(folder: Path, report: Report) -> list[Path]:
    """The folder's scene files (``*.md``, not hidden), in name order; none if it has none."""
    name = label(folder)
    try:
        if not folder.is_dir():
            report(name, 0, "no-folder")
            return []
        # Hidden files (editor locks and swap files) are not part of the story.
        found = sorted(p for p in folder.iterdir() if p.suffix == ".md" and not p.name.startswith("."))
    except OSError as error:
        report(name, 0, "folder-unreadable", reason=error.strerror or str(error))
        return []
    if not found:
        report(name, 0, "no-scenes")
    return found


def read_text(path: Path, inside: Path, report: Report) -> str | None:
    """A story file's text: NFC, line ends normalised, control characters made visible.

    The file must lie in the folder ``inside`` (symbolic links resolved) and be a regular file
    of at most ``MAX_FILE_BYTES``; both are known before a byte is read, so a FIFO, a device or
    a huge file is refused at once.
    """
    file = label(path)
    try:
        if not path.resolve().is_relative_to(inside):
            report(file, 1, "outside")
            return None
        # Opened without waiting (a FIFO would wait for a writer), then told apart by its kind.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as opened:
            status = os.fstat(opened.fileno())
            if not stat.S_ISREG(status.st_mode):
                report(file, 1, "not-file")
                return None
            if status.st_size > MAX_FILE_BYTES:
                report(file, 1, "too-large", limit=MAX_FILE_BYTES // 1_000_000)
                return None
            data = opened.read(MAX_FILE_BYTES + 1)
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
        if isinstance(error, (IsADirectoryError, FileNotFoundError)):  # a dangling link among them
            report(file, 1, "not-file")
            return None
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        report(file, 1, "unreadable", reason=reason)
        return None
    if len(data) > MAX_FILE_BYTES:  # grew since it was looked at
        report(file, 1, "too-large", limit=MAX_FILE_BYTES // 1_000_000)
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        report(file, line, "not-utf8", byte=f"0x{data[error.start]:02x}")
        return None
    if "\r" in text or not text.isascii():  # ASCII is NFC already, and has no U+2028
        text = unicodedata.normalize("NFC", _LINE_ENDS.sub("\n", text))
    return make_visible(text)
