"""The ``{keys}`` line of a body: each front end puts its own keys or commands there."""

from __future__ import annotations

import re
from typing import Literal

Mode = Literal["app", "line", "handout", "web"]

KEYS_LINE = "{keys}"
_PLACEHOLDER = re.compile(r"^[ \t]*\{keys\}[ \t]*$", re.MULTILINE)

_KEYS: dict[Mode, tuple[str, ...]] = {
    "app": (
        "Press a number from 1 to 9 to select a choice or an answer, or use ↑ ↓ and Enter.",
        "Press b to go back, f to go forward, and g to show or hide the glossary.",
        "Press ? to see every key, and press q whenever you want to quit.",
    ),
    "line": (
        "Type the number of a choice and press Enter: 1, 1. and one all choose the first.",
        "Type l to hear the passage again, and c (or just Enter) to hear the question and its choices.",
        "Type t to list the terms of a passage, and g with a term, like g complaint, to hear what it means.",
        "Type w to hear where you are, m for a map of what you have read, b to go back and f to go forward.",
        "Type h for every command, and q whenever you want to quit: your progress is kept.",
    ),
    "web": (
        "Choose an option with its button: click it, or press Tab to reach it and Enter to press it.",
        "Back and Forward at the top of the page move through what you have read; the Map shows the whole story.",
        "Help lists everything the pages can do. Your progress is saved after every step.",
    ),
    "handout": ("On screen, the program lists its keys here: press ? in the full-screen app, or type h in line mode.",),
}


# A paragraph after the list: how this front end shows the glossary's words.
_AFTER: dict[Mode, str] = {
    "app": "Highlighted words are in the glossary, so you can select one whenever you need its definition.",
    "line": "After each passage you hear its glossary terms: g and a term says what it means.",
    "web": "Words in the glossary are links: follow one to read its definition beside the passage.",
    "handout": "",
}


def key_lines(mode: Mode) -> tuple[str, ...]:
    """The sentences that tell a reader of this front end which keys or commands to use."""
    return _KEYS[mode]


def fill_keys(markdown: str, mode: Mode) -> str:
    """Markdown with each ``{keys}`` line replaced by this front end's keys (a list if more than one)."""
    lines = key_lines(mode)
    listed = "\n".join(f"- {line}" for line in lines) if len(lines) > 1 else lines[0]
    if _AFTER[mode]:
        listed += "\n\n" + _AFTER[mode]
    return _PLACEHOLDER.sub(lambda match: listed, markdown)
