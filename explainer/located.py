"""YAML values that remember their lines, and the problems reading YAML can meet.

Kept apart from the readers (:mod:`explainer.safeyaml`, :mod:`explainer.fastyaml`) so that
the loader can name them without importing PyYAML, which a story read from its cache needs not.
"""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 20


class YamlProblem(Exception):
    """YAML that cannot be read, at a line counted from 1 within the text.

    ``code`` and ``values`` name the message in :data:`explainer.problems.MESSAGES`.
    """

    def __init__(self, line: int, code: str, **values: object) -> None:
        super().__init__(code)
        self.line = line
        self.code = code
        self.values = values


class Located(dict[str, Any]):
    """A YAML mapping that remembers its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line of a key, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class LocatedList(list[Any]):
    """A YAML sequence that remembers the line of each item."""

    line: int
    item_lines: list[int]


def describe(value: Any) -> str:
    """A short description of a YAML value for a message, e.g. ``a list`` or ``text "abc"``."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f'text "{value[:40]}"'
    if isinstance(value, (int, float)):
        return f"the number {value}"[:60] if isinstance(value, float) or abs(value) < 10**50 else "a huge number"
    return type(value).__name__
