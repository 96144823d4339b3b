"""Typed access to the fields of a front-matter mapping, and what reading a story finds."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explainer.story.causes import nearest
from explainer.story.model import Condition
from explainer.story.problems import Problem, Severity, problem
from explainer.story.yaml_reader import Located, LocatedList, describe

NAME = re.compile(r"[\w-]+")
_UNSAFE = re.compile(r"[^a-z0-9_]+")


def is_name(text: str) -> bool:
    """Whether ``text`` is a valid id or flag: letters, digits, ``-`` and ``_``."""
    return NAME.fullmatch(text) is not None


def slug(text: str, limit: int = 40) -> str:
    """``text`` as a safe, lower-case ASCII name (may be empty): ``Mostly unarmed civilians`` →
    ``mostly-unarmed-civilians``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _UNSAFE.sub("-", ascii_text.casefold()).strip("-_")[:limit].strip("-_")


@dataclass
class Findings:
    """What reading a story's files finds: problems, and what to check once all is read."""

    problems: list[Problem] = field(default_factory=list)
    tested: list[tuple[str, str, int]] = field(default_factory=list)
    """Each flag an ``if`` tests, with its file and line."""
    set_flags: set[str] = field(default_factory=set)
    references: list[tuple[str, str, int]] = field(default_factory=list)
    """Each glossary term a passage names, with its file and line."""
    gotos: list[tuple[str, str, str, int]] = field(default_factory=list)
    """Each passage a choice goes to: target, what (``choice 2``), file and line."""
    texts: dict[Path, str] | None = None
    """When given, the text of each file read goes in it (for checks of the lines themselves)."""

    def error(self, file: str, line: int, code: str, **values: object) -> None:
        """Note an error at a file and line, with the message of ``code``."""
        self.problems.append(problem(file, line, code, Severity.ERROR, **values))

    def condition(self, file: str, line: int, text: str) -> Condition | None:
        """A condition (``flag`` or ``not flag``), noting the flag it tests; None if malformed."""
        words = text.split()
        negated = len(words) == 2 and words[0] == "not"
        flag = words[-1] if words else ""
        if len(words) not in (1, 2) or (len(words) == 2 and not negated) or not is_name(flag):
            self.error(file, line, "bad-condition", value=text)
            return None
        self.tested.append((flag, file, line))
        return Condition(flag, negated)


def _is_text(value: Any) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_mapping(value: Any) -> bool:
    return isinstance(value, Located)


def _is_list(value: Any) -> bool:
    return isinstance(value, LocatedList)


def _is_text_or_list(value: Any) -> bool:
    return isinstance(value, (str, LocatedList))


@dataclass
class Fields:
    """Typed access to a front-matter mapping, reporting problems at the right line."""

    findings: Findings
    file: str
    offset: int
    data: Located
    item_line: int = 0

    def line_of(self, key: str) -> int:
        return self.offset + self.data.line_of(key)

    def problem(self, key: str, code: str, **values: object) -> None:
        self.findings.error(self.file, self.line_of(key), code, **values)

    def unknown(self, allowed: set[str], what: str) -> None:
        if self.data.keys() <= allowed:  # the usual case
            return
        for key in self.data:
            if key not in allowed:
                if near := nearest(key, allowed):  # a letter or two away from a real one
                    self.problem(key, "unknown-field-near", what=what, field=key, near=near)
                else:
                    self.problem(key, "unknown-field", what=what, field=key, known=sorted(allowed))

    def typed(self, key: str, check: Callable[[Any], bool], kind: str, required: bool) -> Any:
        value = self.data.get(key)
        if value is None:
            if required:
                self.findings.error(self.file, self.offset + self.data.line, "missing-field", field=key)
            return None
        if not check(value):
            self.problem(key, "wrong-type", field=key, kind=kind, value=describe(value))
            return None
        return value

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if type(value) is str and value.strip():  # the usual cases: some text ...
            return value
        if value is None and not required:  # ... or no such field
            return None
        # A whole number reads as itself ("text: 1989"), so it is taken as text.
        value = self.typed(key, _is_text, "text", required)
        if isinstance(value, int):
            value = str(value)
        if value is not None and not value.strip():
            if required:
                self.problem(key, "empty-field", field=key)
            return None
        return value

    def name(self, key: str, required: bool = False) -> str | None:
        value = self.text(key, required)
        if value is not None and not is_name(value):
            self.problem(key, "bad-name", field=key, value=value)
            return None
        return value

    def whole(self, key: str, minimum: int) -> int | None:
        value = self.typed(key, _is_whole, "a whole number", False)
        if value is not None and value < minimum:
            self.problem(key, "too-small", field=key, minimum=minimum)
            return None
        return value  # type: ignore[no-any-return]

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        if type(value) is bool:  # the usual cases: true, false, or no such field
            return value
        return value is not None and bool(self.typed(key, _is_bool, "true or false", False))

    def mapping(self, key: str) -> Located | None:
        return self.typed(key, _is_mapping, "a mapping", False)  # type: ignore[no-any-return]

    def items(self, key: str, required: bool = False) -> Iterable[tuple[int, Any]]:
        value = self.typed(key, _is_list, "a list", required)
        for index, item in enumerate(value or (), start=1):
            self.item_line = self.offset + value.item_lines[index - 1]
            yield index, item

    def list_of_text(self, key: str) -> list[str]:
        if key not in self.data:
            return []
        value = self.typed(key, _is_text_or_list, "a list of text", False)
        if value is None:
            return []
        values = [value] if isinstance(value, str) else list(value)
        if not all(isinstance(v, str) for v in values):
            self.problem(key, "text-list", field=key)
            return []
        return values

    def flags(self, key: str) -> list[str]:
        flags = self.list_of_text(key)
        for flag in flags:
            if not is_name(flag):
                self.problem(key, "bad-flag", value=flag)
                return []
        return flags

    def condition(self, key: str) -> Condition | None:
        text = self.text(key)
        if text is None:
            return None
        return self.findings.condition(self.file, self.line_of(key), text)
