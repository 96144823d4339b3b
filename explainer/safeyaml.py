"""YAML reading that refuses aliases, tags and deep nesting, and keeps the line of every value."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .located import MAX_DEPTH, Located, LocatedList, YamlProblem, describe

__all__ = ["MAX_DEPTH", "Located", "LocatedList", "YamlProblem", "describe", "read_yaml"]

class _PlainResolver(BaseResolver):
    """YAML 1.2's plain types: ``true``/``false``, whole and decimal numbers, ``null``.

    YAML 1.1's surprises stay text: ``No``, ``on``, ``2020-01-01``, ``10:30``, ``0x1F``, ``<<``.
    """


for _tag, _pattern, _first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _PlainResolver.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


class _StrictLoader(Reader, Scanner, Parser, Composer, SafeConstructor, _PlainResolver):
    """A safe loader that refuses anchors, aliases, tags and deep nesting ('billion laughs')."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        _PlainResolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(line, "yaml-alias")
        if getattr(event, "anchor", None):
            raise YamlProblem(line, "yaml-anchor")
        if getattr(event, "tag", None) is not None:
            raise YamlProblem(line, "yaml-tag", tag=event.tag)
        if self.depth >= MAX_DEPTH:
            raise YamlProblem(line, "yaml-deep", limit=MAX_DEPTH)
        self.depth += 1
        try:
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self.depth -= 1


def read_yaml(text: str) -> Any:
    """Parse one YAML document into plain values, mappings as :class:`Located`.

    Raises:
        YamlProblem: for invalid YAML, anchors, aliases, tags, or nesting deeper than ``MAX_DEPTH``.
    """
    try:
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as error:
        raise _unreadable(text, error) from None
    try:
        node = loader.get_single_node()
        return None if node is None else _convert(loader, node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlProblem(line, "yaml", problem=str(error.problem or error.context)) from None
    except yaml.reader.ReaderError as error:
        raise _unreadable(text, error) from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, "yaml", problem=str(error)) from None
    except RecursionError:
        raise YamlProblem(1, "yaml-deep", limit=MAX_DEPTH) from None
    finally:
        loader.dispose()


def _unreadable(text: str, error: yaml.reader.ReaderError) -> YamlProblem:
    line = text[: error.position].count("\n") + 1
    character = error.character if isinstance(error.character, int) else 0
    return YamlProblem(line, "yaml", problem=f"character U+{character:04X} is not allowed")


def _convert(loader: _StrictLoader, node: Node) -> Any:
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
    except yaml.constructor.ConstructorError as error:
        raise YamlProblem(node.start_mark.line + 1, "yaml-value", problem=str(error.problem)) from None
    except (ValueError, OverflowError, ArithmeticError) as error:
        # A number too long to convert, and the like.
        raise YamlProblem(node.start_mark.line + 1, "yaml-value", problem=str(error)[:80]) from None
