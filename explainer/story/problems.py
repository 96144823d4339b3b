"""Problems found in a story folder, each naming a file and a line, and every message they use."""

from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

MAX_SHOWN = 60

# Every message the loader and ``check`` can print, by code. docs/authoring.md lists each one
# (with the placeholders in capitals) and says what to do about it; a test keeps the two in step.
MESSAGES: dict[str, str] = {
    # The folder and its files.
    "no-folder": "no such story folder",
    "no-scenes": "no scene files (*.md) in this folder",
    "folder-unreadable": "the folder cannot be read: {reason}",
    "outside": "links to a file outside the story folder; refused",
    "not-file": "not a regular file",
    "too-large": "file is too large (over {limit} MB)",
    "unreadable": "cannot be read: {reason}",
    "not-utf8": "not UTF-8 text (byte {byte})",
    # The shape of a scene file.
    "empty-scene": "empty scene file: it needs at least one passage",
    "no-start": "a scene file must start with a '---' line",
    "not-closed": "front matter is not closed by a '---' line",
    "dashes-in-body": (
        "a '---' line in a body is read as the start of the next passage; "
        "for a rule write '***', for a heading write '## ' before its words"
    ),
    "not-mapping": "front matter must be a mapping of fields (id: ..., title: ...)",
    # YAML.
    "yaml": "invalid YAML: {problem}",
    "yaml-alias": "YAML aliases (*name) are not allowed",
    "yaml-anchor": "YAML anchors (&name) are not allowed",
    "yaml-tag": "YAML tags ({tag}) are not allowed",
    "yaml-deep": "YAML nested too deeply (more than {limit} levels)",
    "yaml-key": "a key must be text, not {value}",
    "yaml-twice": "field '{field}' is given twice",
    "yaml-value": "invalid YAML value: {problem}",
    "markdown-value": (
        "'{field}' starts with '{char}', which YAML reads as {meaning}; put this text in quotes: "
        "{fixed} (YAML: {problem})"
    ),
    "mis-indented": (
        "'{field}' is indented {got} spaces, but '{above}' on the line above {want}: "
        "the fields of one item line up (YAML: {problem})"
    ),
    "unindented": (
        "this line is not indented, so it ends the text that '{field}' starts above it: "
        "indent it like the lines before it (YAML: {problem})"
    ),
    "hash-start": (
        "'{field}' starts with '#', which YAML reads as a comment, so it is empty; put this text in quotes: {fixed}"
    ),
    "hash-cut": "YAML cut '{field}' at ' #' (the rest of the line is a comment); to keep it, put it in quotes: {fixed}",
    "follows-from": "{count} more {problems} that may follow from this one; fix it and check again",
    # Fields.
    "unknown-field": "unknown {what} field '{field}' (known: {known})",
    "unknown-field-near": "unknown {what} field '{field}': did you mean '{near}'?",
    "missing-field": "missing required field '{field}'",
    "wrong-type": "'{field}' must be {kind}, not {value}",
    "empty-field": "'{field}' must not be empty",
    "bad-name": "'{field}' must be made of letters, digits, '-' and '_', not \"{value}\"",
    "too-small": "'{field}' must be at least {minimum}",
    "text-list": "'{field}' must be a list of text",
    "bad-flag": "a flag is made of letters, digits, '-' and '_', not \"{value}\"",
    "duplicate-id": 'duplicate id "{id}": already used at {place}',
    # Questions and choices.
    "bad-kind": 'question kind must be "quiz" or "decision", not "{value}"',
    "no-options": "a question needs at least one option",
    "item-not-mapping": "{what} {index} must be a mapping ({example})",
    "decision-goto": "a decision option needs a 'goto'",
    "quiz-goto": "a quiz option cannot 'goto': put the way on in the passage's choices",
    "decision-correct": "a decision has no right answer: 'correct' and 'feedback' belong to quizzes",
    "duplicate-option-id": 'option id "{id}" is used twice in this question',
    "goto-missing": '{what} goes to "{target}", which does not exist',
    "goto-missing-near": '{what} goes to "{target}", which does not exist: did you mean "{near}" ({place})?',
    "one-option": "a decision needs at least two options: with one, the reader has no choice to make",
    "no-right-answer": "the quiz has no right answer, so no reader can go on: mark one option 'correct: true'",
    "section-gap": "section {number} comes after section {previous}: sections go 1, 2, 3 ... in file order",
    "section-twice": "section {number} is given twice: already at {place}",
    "section-on-ending": "the ending is not part of an article section: remove its 'section'",
    # The body.
    "nested-if": "'::: if' inside another '::: if' (opened at line {opened})",
    "close-nothing": "':::' closes nothing",
    "if-not-closed": "'::: if' is not closed by a ':::' line",
    "bad-condition": 'a condition must be "FLAG" or "not FLAG", not "{value}"',
    "flag-never-set": 'flag "{flag}" is tested but never set',
    "flag-never-set-near": 'flag "{flag}" is tested but never set: did you mean "{near}" ({place})?',
    # The glossary.
    "glossary-shape": "the glossary must be a mapping with a 'terms' list",
    "term-twice": '"{name}" is already a term or alias at line {earlier}',
    "term-too-long": "a term or alias must be at most {limit} characters long",
    "no-term": '"{name}" is not a term in the glossary',
    "no-term-near": '"{name}" is not a term in the glossary: did you mean "{near}" ({place})?',
    # Traps: check reports them as errors, since a reader caught in one cannot go on.
    "dead-end": 'passage "{id}" is a dead end: it has no choices and is not an ending',
    "loop": "passages {ids} form a loop with no way out to an ending",
    # The quotes, with ``check --article``.
    "quote-changed": "the quote is not the article's words: {diff}",
    "quote-missing": "no section quotes the article's words {words}",
    # Warnings from ``check``.
    "no-ending": "no passage has 'ending: true', so the story never ends",
    "nothing-leads": 'nothing leads to passage "{id}"',
    "not-from-start": 'passage "{id}" cannot be reached from the start',
    "no-feedback": "quiz option {index} has no feedback: say why it is right or wrong",
    "flag-never-tested": 'flag "{flag}" is set but never tested',
    "term-unused": 'term "{name}" is defined but never used',
    "term-undefined": '"{name}" is used like a term but is not in the glossary',
    "long-passage": 'passage "{id}" has {words} words, far more than the others (typical: {typical})',
    "hard-reading": "{part} reads at grade {grade}, above the limit of {limit}",
    "no-grader": "the reading level was not checked: {reason}",
    "choppy": (
        "{part} is choppy: its sentences average {mean} words, below {limit}; join short ones with because, so or which"
    ),
    "to-write": "still to write: {what}",
}


class Severity(str, Enum):
    """How bad a problem is: errors stop the story from loading."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a story, at a file and line."""

    file: str
    line: int
    message: str
    severity: Severity = Severity.ERROR
    code: str = field(default="", compare=False)
    cause: str = field(default="", compare=False)
    """``file:line`` of the problem this one may follow from (a passage that could not be read)."""

    def __str__(self) -> str:
        if self.code == "follows-from":  # folded under the problem before it
            return f"  {self.message}"
        return f"{self.file}:{self.line}: {self.message}"

    def labelled(self) -> str:
        """The problem with its severity, as ``check`` prints it."""
        if self.code == "follows-from":
            return f"  {self.message}"
        return f"{self.file}:{self.line}: {self.severity.value}: {self.message}"


def problem(file: str, line: int, code: str, severity: Severity = Severity.ERROR, **values: object) -> Problem:
    """The :class:`Problem` with message ``code``.

    Text values are shortened and made visible; lists are joined with commas.
    """
    return Problem(file, line, MESSAGES[code].format(**{k: _shown(v) for k, v in values.items()}), severity, code)


class Verbatim:
    """A value shown in a message as it is, not shortened (a file's place)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __format__(self, spec: str) -> str:
        return self.text


def _shown(value: object) -> object:
    if isinstance(value, str):
        return visible(shorten(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(visible(shorten(str(item))) for item in value)
    return value


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """Text cut to ``limit`` characters, ending in an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def visible(text: str) -> str:
    """Text with control, format (bidi, zero-width) and separator characters as escapes."""
    if text.isascii() and text.isprintable():  # the usual file name: nothing to escape
        return text
    return "".join(f"\\u{ord(char):04x}" if unicodedata.category(char) in _INVISIBLE else char for char in text)


_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def placeholders(code: str) -> list[str]:
    """The names of the values a message takes."""
    return [name for _, name, _, _ in string.Formatter().parse(MESSAGES[code]) if name]


def documented_form(code: str) -> str:
    """The message as docs/authoring.md shows it: each value as its name in capitals."""
    return MESSAGES[code].format(**{name: name.upper() for name in placeholders(code)})


# The problems that stop a passage from being read: what it says is unknown, so problems found
# elsewhere (a choice to its id, a flag it sets) may only follow from them.
READ_FAILURES = {
    "yaml",
    "yaml-alias",
    "yaml-anchor",
    "yaml-tag",
    "yaml-deep",
    "yaml-key",
    "yaml-twice",
    "yaml-value",
    "markdown-value",
    "mis-indented",
    "unindented",
    "hash-start",
    "not-mapping",
    "not-closed",
    "dashes-in-body",
}


# Problems that lose a whole passage (or file, or glossary term) besides those of YAML.
_LOSES = {
    *("no-start", "empty-scene", "not-utf8", "unreadable", "not-file", "too-large", "outside"),
    *("glossary-shape", "item-not-mapping"),
}
_LOSES_FIELD = {"missing-field", "empty-field", "bad-name", "wrong-type"}


def loses_passage(found: Problem) -> bool:
    """Whether a problem stops a passage (or a whole file, or a glossary term) from being read."""
    if found.code in READ_FAILURES or found.code in _LOSES:
        return True
    if found.severity is Severity.ERROR and found.file.replace("\\", "/").rsplit("/", 1)[-1] == "glossary.yaml":
        return True  # a term the glossary could not read: references to it fail elsewhere
    return found.code in _LOSES_FIELD and any(f"'{name}'" in found.message for name in ("id", "title", "term"))


def fold_consequences(problems: list[Problem]) -> list[Problem]:
    """The problems sorted, each one's consequences folded under it.

    Problems that stop a passage from being read come first, since others may follow from
    them; then the rest, each group by file and line. A problem with a ``cause`` is not shown
    itself: its cause is followed by one line (``follows-from``) counting them.
    """
    consequences: dict[str, list[Problem]] = {}
    causes = {f"{p.file}:{p.line}" for p in problems if not p.cause}
    shown = []
    for found in sorted(problems, key=lambda p: (not loses_passage(p), p)):
        if found.cause and found.cause in causes:
            consequences.setdefault(found.cause, []).append(found)
        else:
            shown.append(found)
    folded: list[Problem] = []
    for found in shown:
        folded.append(found)
        place = f"{found.file}:{found.line}"
        if place in consequences and not found.cause:
            following = consequences.pop(place)
            count = len(following)
            summary = problem(
                found.file,
                found.line,
                "follows-from",
                found.severity,
                count=count,
                problems="problem" if count == 1 else "problems",
            )
            folded.append(summary)
    return folded


def shown_count(problems: list[Problem], severity: Severity) -> int:
    """How many problems of a severity are shown (a line counting consequences is not one)."""
    return sum(p.severity is severity and p.code != "follows-from" for p in problems)


class StoryError(Exception):
    """A story folder that cannot be loaded, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = fold_consequences(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
