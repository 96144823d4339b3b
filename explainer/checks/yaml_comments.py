"""Text that YAML silently cut: an unquoted value holding `` #``, or starting with ``#``.

YAML reads `` #`` as the start of a comment, so ``- text: Nothing #1 is wrong`` shows as
"Nothing", and ``text: #1`` as nothing at all. Both load, so the loader cannot tell; the lines
of the files can.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from explainer.story.files import GLOSSARY_FILE, label, read_text
from explainer.story.problems import Problem, Severity, problem
from explainer.story.yaml_hints import _BLOCK_HEADER, FIELD_LINE, TEXT_FIELDS, quoted_line, whole

_COMMENT = re.compile(r"[ \t]#")
_DIVIDER = re.compile(r"^---[ \t]*$")


def comment_problems(folder: Path, texts: Mapping[Path, str]) -> list[Problem]:
    """A problem at each text value of the folder's files that YAML cuts at a ``#``.

    ``texts``: the files the loader read already, not read again.
    """
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix == ".md" and not p.name.startswith("."))
    except OSError:
        return []
    found: list[Problem] = []
    inside = folder.resolve()
    for path in [*paths, folder / GLOSSARY_FILE]:
        text = texts.get(path)
        if text is None:  # safely: it may be a FIFO, or huge
            text = read_text(path, inside, _ignore)
        if text is not None and "#" in text:
            found += _file_problems(label(path), text.splitlines(), path.name == GLOSSARY_FILE)
    return found


def _file_problems(file: str, lines: list[str], all_yaml: bool) -> list[Problem]:
    found = []
    in_front = all_yaml
    dividers = 0
    block_column = -1  # inside a block of text (`|` or `>`) whose field starts at this column
    for number, line in enumerate(lines, start=1):
        if not all_yaml and _DIVIDER.match(line):
            dividers += 1
            in_front = dividers % 2 == 1
            block_column = -1
            continue
        if not in_front:
            continue
        if block_column >= 0:
            if not line.strip() or len(line) - len(line.lstrip(" ")) > block_column:
                continue
            block_column = -1
        field = FIELD_LINE.match(line)
        if field is None:
            continue
        value = (field.group("value") or "").strip()
        key = field.group("key")
        if _BLOCK_HEADER.match(value):
            block_column = len(field.group("indent")) + len(field.group("dash") or "")
            continue
        if key not in TEXT_FIELDS or not value or value[0] in "\"'[{":
            continue
        fixed = whole(quoted_line("", field.group("dash") or "", key, value))
        if value.startswith("#"):
            found.append(problem(file, number, "hash-start", Severity.ERROR, field=key, fixed=fixed))
        elif _COMMENT.search(value):
            found.append(problem(file, number, "hash-cut", Severity.WARNING, field=key, fixed=fixed))
    return found


def fold_under_hashes(problems: list[Problem], hashes: list[Problem]) -> list[Problem]:
    """The loader's "missing" or "empty" field problems marked as following from a ``#``."""
    starts = [p for p in hashes if p.code == "hash-start"]
    marked = []
    for found in problems:
        if found.code in ("missing-field", "empty-field"):
            for cause in starts:
                if cause.file == found.file and f"'{_field_of(cause)}'" in found.message and found.line <= cause.line:
                    found = replace(found, cause=f"{cause.file}:{cause.line}")
        marked.append(found)
    return marked


def _field_of(hash_problem: Problem) -> str:
    return hash_problem.message.split("'")[1]


def _ignore(*_args: object, **_values: object) -> None:
    """Problems reading a file were told by the loader."""
