"""What a YAML mistake in a story most likely is, in the project's words, before YAML's own.

YAML's parser tells where it gave up, which is often a line after the mistake and in words an
author does not know ("expected <block end>"). The lines around that place usually show the
mistake itself: a value that starts with Markdown, or a field indented unlike the one above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explainer.story.problems import MESSAGES, Verbatim, visible
from explainer.story.yaml_reader import YamlProblem

# A field on a line of its own: indent, an optional "- ", the name, the colon, the value.
FIELD_LINE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(?P<value>.*))?$"
)
# What a value starting with each character means to YAML, when it is Markdown to the author.
MARKDOWN_STARTS = {
    "*": "an alias (*name)",
    "[": "the start of a list",
    "!": "a tag (!name)",
    ">": "folded text that must start on the next line",
    "`": "a character that cannot start a value",
    "{": "the start of a mapping",
    "@": "a character that cannot start a value",
    "%": "a directive",
    "|": "literal text that must start on the next line",
}
# A block scalar's header: "|" or ">", with an indent or chomping indicator, and a comment.
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")
# Fields whose values are words for the reader: a " #" in them is most likely meant.
TEXT_FIELDS = {"title", "text", "prompt", "feedback", "role", "definition", "source", "term", "article", "notes"}


@dataclass(frozen=True)
class Hint:
    """A mistake found at a line (from 1 within the YAML), as a message code and its values."""

    line: int
    code: str
    values: dict[str, object]


def whole(text: str) -> Verbatim:
    """Text a message shows whole (the line to write must not be cut), made visible."""
    return Verbatim(visible(text))


def quoted_line(indent: str, dash: str, key: str, value: str) -> str:
    """The line to write instead: the value in double quotes, its quotes and backslashes escaped."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{indent}{dash}{key}: "{escaped}"'.strip()


def explain(text: str, trouble: YamlProblem) -> Hint | None:
    """The likely mistake behind a YAML problem, at its line or the line before; None if unclear."""
    lines = text.split("\n")
    for number in (trouble.line, trouble.line - 1):
        if not 1 <= number <= len(lines):
            continue
        field = FIELD_LINE.match(lines[number - 1])
        value = (field.group("value") or "").strip() if field else ""
        markdown = value[:1] in MARKDOWN_STARTS and not value.startswith("!!")  # "!!" is YAML's own tag
        if field and markdown and not _BLOCK_HEADER.match(value) and not _closed(value):
            problem = trouble.values.get("problem") or _said(trouble)
            fixed = quoted_line("", field.group("dash") or "", field.group("key"), value)
            meaning = MARKDOWN_STARTS[value[0]]
            values = {"field": field.group("key"), "char": value[0], "meaning": meaning, "fixed": whole(fixed)}
            return Hint(number, "markdown-value", {**values, "problem": whole(str(problem))})
    if hint := _unindented(lines, trouble):
        return hint
    for number in (trouble.line, trouble.line - 1):
        if hint := _misindented(lines, number, trouble):
            return hint
    return None


def _unindented(lines: list[str], trouble: YamlProblem) -> Hint | None:
    """A line of text at the left edge inside an indented block of text (``article: >``)."""
    for number in range(min(trouble.line, len(lines)), 0, -1):
        line = lines[number - 1]
        if not line.strip() or line[0] in " \t#":
            continue
        if FIELD_LINE.match(line):
            if number == trouble.line:  # YAML gives up at the field after the text it misread
                continue
            return None
        for above in range(number - 1, 0, -1):
            field = FIELD_LINE.match(lines[above - 1])
            if field and _BLOCK_HEADER.match((field.group("value") or "").strip()):
                problem = trouble.values.get("problem", trouble.code)
                return Hint(number, "unindented", {"field": field.group("key"), "problem": whole(str(problem))})
        return None
    return None


def _column(field: re.Match[str]) -> int:
    return len(field.group("indent")) + len(field.group("dash") or "")


def _misindented(lines: list[str], number: int, trouble: YamlProblem) -> Hint | None:
    """A field indented unlike the field above it, where YAML gave up."""
    if not 1 <= number <= len(lines) or not (field := FIELD_LINE.match(lines[number - 1])):
        return None
    for above_number in range(number - 1, 0, -1):
        above = FIELD_LINE.match(lines[above_number - 1])
        if above is None:
            if lines[above_number - 1].strip() and not lines[above_number - 1].startswith(" "):
                return None  # text at the left edge: not a field list
            continue
        if _column(above) == _column(field) or field.group("dash"):
            return None
        if _column(field) > _column(above) and not (above.group("value") or "").strip():
            return None  # the first field of a mapping that the line above opens
        problem = trouble.values.get("problem", trouble.code)
        return Hint(
            number,
            "mis-indented",
            {
                "field": field.group("key"),
                "got": _column(field),
                "above": above.group("key"),
                "want": _column(above),
                "problem": whole(str(problem)),
            },
        )
    return None


def _said(trouble: YamlProblem) -> str:
    """The project's own words for a YAML problem that has no parser message."""
    said = MESSAGES[trouble.code].format(**trouble.values)
    return said.removeprefix("YAML ")


def _closed(value: str) -> bool:
    """Whether a value is a whole flow list or mapping (``[a, b]``), which YAML reads fine."""
    return (value[0], value[-1:]) in (("[", "]"), ("{", "}")) and "](" not in value
