"""YAML front matter read into plain values that remember their lines.

Aliases, anchors, tags, duplicate keys and deep nesting are refused; plain scalars take
YAML 1.2's types (``true``/``false``, numbers, ``null``), so ``no``, ``on`` and dates stay text.
libyaml's C parser reads the text where PyYAML has it, the pure-Python parser elsewhere; both
feed one composer, so the values are the same. What is wrong with a document is told by the
pure-Python parser, whose messages are the clearer, with the same line either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

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


class _PlainResolver(BaseResolver):
    """YAML 1.2's plain types: ``true``/``false``, whole and decimal numbers, ``null``."""


for _tag, _pattern, _first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _PlainResolver.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


class _StrictComposer(Composer, SafeConstructor, _PlainResolver):
    """Builds nodes from parser events, refusing anchors, aliases, tags and deep nesting."""

    peek_event: Callable[[], Event]  # the parser's

    def __init__(self) -> None:
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        _PlainResolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(line, "yaml-alias")
        if getattr(event, "anchor", None):
            raise YamlProblem(line, "yaml-anchor")
        if (tag := getattr(event, "tag", None)) is not None:
            raise YamlProblem(line, "yaml-tag", tag=tag)
        if self.depth >= MAX_DEPTH:
            raise YamlProblem(line, "yaml-deep", limit=MAX_DEPTH)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _PythonLoader(Reader, Scanner, Parser, _StrictComposer):
    """PyYAML's pure-Python parser under the strict composer."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        _StrictComposer.__init__(self)


if LIBYAML:

    class _CLoader(_StrictComposer, CParser):
        """libyaml's parser under the strict composer (which comes first, so that it composes)."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _StrictComposer.__init__(self)


def read_yaml(text: str) -> Any:
    """Parse one YAML document into plain values, mappings as :class:`Located`.

    Raises:
        YamlProblem: for invalid YAML, anchors, aliases, tags, a key given twice, or nesting
            deeper than ``MAX_DEPTH``.
    """
    text = text.translate(_LINE_BREAKS)
    if unprintable := _NOT_PRINTABLE.search(text):
        line = text.count("\n", 0, unprintable.start()) + 1
        raise YamlProblem(line, "yaml", problem=f"character U+{ord(unprintable.group()):04X} is not allowed")
    if LIBYAML:
        try:
            return _compose(_CLoader(text))
        except yaml.YAMLError:
            pass  # the Python parser says what is wrong, as clearly as it can
    try:
        return _compose(_PythonLoader(text))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlProblem(line, "yaml", problem=str(error.problem or error.context)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, "yaml", problem=str(error)) from None


def _compose(loader: Any) -> Any:
    """The document's values, or None for an empty one."""
    try:
        node = loader.get_single_node()
        return None if node is None else _convert(loader, node)
    except RecursionError:
        raise YamlProblem(1, "yaml-deep", limit=MAX_DEPTH) from None
    finally:
        loader.dispose()


def _convert(loader: _StrictComposer, node: Node) -> Any:
    """A node as plain values, keeping the line of every mapping, key and item."""
    if isinstance(node, MappingNode):
        mapping = Located()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = _convert(loader, key_node)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise YamlProblem(line, "yaml-key", value=describe(key))
            if key in mapping:
                raise YamlProblem(line, "yaml-twice", field=key)
            mapping[key] = _convert(loader, value_node)
            mapping.key_lines[key] = line
        return mapping
    if isinstance(node, SequenceNode):
        items = LocatedList(_convert(loader, item) for item in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [item.start_mark.line + 1 for item in node.value]
        return items
    assert isinstance(node, ScalarNode)
    try:
        return loader.construct_object(node, deep=True)
    except ConstructorError as error:
        raise YamlProblem(node.start_mark.line + 1, "yaml-value", problem=str(error.problem)) from None
    except (ValueError, OverflowError, ArithmeticError) as error:
        # A number too long to convert, and the like.
        raise YamlProblem(node.start_mark.line + 1, "yaml-value", problem=str(error)[:80]) from None
