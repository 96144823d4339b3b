"""YAML front matter read into plain values that remember their lines.

Aliases, anchors, tags, duplicate keys and deep nesting are refused; plain scalars take
YAML 1.2's types (``true``/``false``, numbers, ``null``), so ``no``, ``on`` and dates stay text.
libyaml's C parser reads the text where PyYAML has it, the pure-Python parser elsewhere; the
values are built from either parser's events by the same code, so they are the same. What is
wrong with a document is told by the pure-Python parser, whose messages are the clearer.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from explainer.story.files import make_visible

try:
    from yaml._yaml import CParser

    LIBYAML = True
except ImportError:  # PyYAML built without libyaml
    LIBYAML = False

MAX_DEPTH = 20
# What PyYAML's reader refuses, and a byte-order mark past the start (the parsers disagree on
# it): refused before either parser sees it, so both say the same.
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n"})  # as the story's files are read


class YamlProblem(Exception):
    """YAML that cannot be read, at a line counted from 1 within the text.

    ``code`` and ``values`` name the message in :data:`explainer.story.problems.MESSAGES`.
    """

    def __init__(self, line: int, code: str, **values: object) -> None:
        super().__init__(code)
        self.line = line
        self.code = code
        self.values = values


class Located(dict[str, Any]):
    """A YAML mapping that remembers its own line and the line of each key."""

    __slots__ = ("line", "key_lines")
    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line of a key, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class LocatedList(list[Any]):
    """A YAML sequence that remembers the line of each item."""

    __slots__ = ("line", "item_lines")
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


_WHOLE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_NUMBER_STARTS = frozenset("0123456789+-.")
_PLAIN_CONSTANTS = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), None),
}


class _PythonParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python parser."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)


def read_yaml(text: str) -> Any:
    """Parse one YAML document into plain values, mappings as :class:`Located`.

    Raises:
        YamlProblem: for invalid YAML, anchors, aliases, tags, a key given twice, or nesting
            deeper than ``MAX_DEPTH``.
    """
    if not text.isascii():  # U+2028 and U+2029 are not ASCII: most texts need no translating
        text = text.translate(_LINE_BREAKS)
    if unprintable := _NOT_PRINTABLE.search(text):
        line = text.count("\n", 0, unprintable.start()) + 1
        raise YamlProblem(line, "yaml", problem=f"character U+{ord(unprintable.group()):04X} is not allowed")
    if LIBYAML:
        try:
            return _build(CParser(text))
        except yaml.YAMLError:
            pass  # the Python parser says what is wrong, as clearly as it can
    try:
        return _build(_PythonParser(text))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlProblem(line, "yaml", problem=str(error.problem or error.context)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, "yaml", problem=str(error)) from None


def _build(parser: Any) -> Any:
    """The values of the one document that ``parser``'s events describe, every line kept.

    Anchors, aliases, tags and deep nesting are refused at once; a key that is not text, a key
    given twice and a value that cannot be read are told once the whole document has parsed,
    so that a YAML error anywhere in it is told first.
    """
    try:
        parser.get_event()  # the stream's start
        if isinstance(parser.peek_event(), yaml.StreamEndEvent):
            return None
        parser.get_event()  # the document's start
        later: list[YamlProblem] = []
        value = _value(parser, parser.get_event(), 0, later)
        parser.get_event()  # the document's end
        event = parser.get_event()
        if not isinstance(event, yaml.StreamEndEvent):
            raise YamlProblem(_line(event), "yaml", problem="but found another document")
        if later:
            raise later[0]
        return value
    finally:
        parser.dispose()


def _line(event: Any) -> int:
    return event.start_mark.line + 1  # type: ignore[no-any-return]


def _value(parser: Any, event: Any, depth: int, later: list[YamlProblem]) -> Any:
    """The value that starts with ``event``, its collections read to their end."""
    kind = type(event)
    if kind is yaml.AliasEvent:
        raise YamlProblem(_line(event), "yaml-alias")
    if event.anchor:
        raise YamlProblem(_line(event), "yaml-anchor")
    if event.tag is not None:
        raise YamlProblem(_line(event), "yaml-tag", tag=event.tag)
    if depth >= MAX_DEPTH:
        raise YamlProblem(_line(event), "yaml-deep", limit=MAX_DEPTH)
    if kind is yaml.ScalarEvent:
        return _scalar(event, later)
    get_event = parser.get_event
    inner = depth + 1
    # A scalar with no anchor or tag (nearly every one) is read here, without the checks above.
    plain_below = inner < MAX_DEPTH
    if kind is yaml.SequenceStartEvent:
        items = LocatedList()
        items.line, items.item_lines = _line(event), []
        while type(item := get_event()) is not yaml.SequenceEndEvent:
            items.item_lines.append(item.start_mark.line + 1)
            if plain_below and type(item) is yaml.ScalarEvent and not item.anchor and item.tag is None:
                items.append(_scalar(item, later))
            else:
                items.append(_value(parser, item, inner, later))
        return items
    mapping = Located()
    mapping.line, mapping.key_lines = _line(event), {}
    while type(key_event := get_event()) is not yaml.MappingEndEvent:
        if plain_below and type(key_event) is yaml.ScalarEvent and not key_event.anchor and key_event.tag is None:
            key = _scalar(key_event, later)
        else:
            key = _value(parser, key_event, inner, later)
        value_event = get_event()
        if plain_below and type(value_event) is yaml.ScalarEvent and not value_event.anchor and value_event.tag is None:
            value = _scalar(value_event, later)
        else:
            value = _value(parser, value_event, inner, later)
        key_line = key_event.start_mark.line + 1
        if type(key) is not str:
            later.append(YamlProblem(key_line, "yaml-key", value=describe(key)))
        elif key in mapping:
            later.append(YamlProblem(key_line, "yaml-twice", field=key))
        else:
            mapping[key] = value
            mapping.key_lines[key] = key_line
    return mapping


def _scalar(event: Any, later: list[YamlProblem]) -> Any:
    """A scalar's value: quoted and block scalars are text; plain ones may be YAML 1.2 values."""
    text: str = event.value
    if event.style or not event.implicit[0]:
        return text
    if text in _PLAIN_CONSTANTS:
        return _PLAIN_CONSTANTS[text]
    if text[0] not in _NUMBER_STARTS:  # most plain scalars are words: no number to try
        return text
    try:
        if _WHOLE.fullmatch(text):
            return int(text)
        if _DECIMAL.fullmatch(text):
            return float(text)
    except (ValueError, OverflowError) as error:  # a number too long to convert
        later.append(YamlProblem(_line(event), "yaml-value", problem=str(error)[:80]))
    return text


def read_visible_yaml(text: str) -> Any:
    """The YAML values of ``text``, with control characters made visible: only YAML's escapes
    (\\e, \\x1b ...) can make one, so only text with a backslash is looked through."""
    data = read_yaml(text)
    return visible_values(data) if "\\" in text else data


def visible_values(value: Any) -> Any:
    """YAML values with control characters made visible (YAML's own escapes, like \\e, among them)."""
    if isinstance(value, str):
        return make_visible(value.replace("\u2028", "\n").replace("\u2029", "\n"))
    if isinstance(value, Located):
        for key, item in value.items():
            value[key] = visible_values(item)
    elif isinstance(value, LocatedList):
        value[:] = [visible_values(item) for item in value]
    return value
