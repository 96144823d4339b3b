"""A passage's Markdown body: its blocks, some shown only when a flag is (or is not) set."""

from __future__ import annotations

import re

from explainer.story.fields import Findings
from explainer.story.glossary import TERM_REFERENCE, referenced_name
from explainer.story.model import Block, Condition

IF_OPEN = re.compile(r"^:::[ \t]*if[ \t]+(.*?)[ \t]*$")
IF_CLOSE = re.compile(r"^:::[ \t]*$")


class LineCounter:
    """The line numbers of places in a text, for places that never go backwards."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def number(self, offset: int) -> int:
        """The line (from 1) of the character at ``offset``."""
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def read_body(findings: Findings, file: str, first_line: int, body: str) -> tuple[Block, ...]:
    """The body's blocks, from its first line on; each ``[[reference]]`` noted for later."""
    if ":::" not in body:  # the usual body: no conditions, one block
        note_references(findings, file, first_line, body)
        return (Block(body),) if body.strip() else ()
    blocks: list[Block] = []
    current: list[str] = []
    condition: Condition | None = None
    opened_at = 0
    for number, line in enumerate(body.split("\n"), start=first_line):
        opening = IF_OPEN.match(line)
        if opening:
            if condition is not None:
                findings.error(file, number, "nested-if", opened=opened_at)
                continue
            blocks.append(Block("\n".join(current)))
            current = []
            condition = findings.condition(file, number, opening.group(1))
            opened_at = number
            if condition is None:
                condition = Condition("")
            continue
        if IF_CLOSE.match(line):
            if condition is None:
                findings.error(file, number, "close-nothing")
                continue
            blocks.append(Block("\n".join(current), condition if condition.flag else None))
            current, condition = [], None
            continue
        note_references(findings, file, number, line)
        current.append(line)
    if condition is not None:
        findings.error(file, opened_at, "if-not-closed")
    blocks.append(Block("\n".join(current), condition if condition and condition.flag else None))
    return tuple(block for block in blocks if block.markdown.strip())


def note_references(findings: Findings, file: str, first_line: int, text: str) -> None:
    """Remember each ``[[term]]`` in the text, to check once the glossary is read."""
    if "[[" not in text:
        return
    lines = LineCounter(text)
    for match in TERM_REFERENCE.finditer(text):
        if "\n" not in match.group():  # a reference lies on one line
            findings.references.append((referenced_name(match), file, first_line - 1 + lines.number(match.start())))
