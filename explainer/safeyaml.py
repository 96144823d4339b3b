"""YAML reading that refuses aliases and keeps the line of every value."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_DEPTH = 20


class YamlProblem(Exception):
    """YAML that cannot be read, at a line counted from 1 within the text."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


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


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases, so no 'billion laughs'."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlProblem(event.start_mark.line + 1, "YAML aliases (*name) are not allowed")
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise YamlProblem(event.start_mark.line + 1, "YAML anchors (&name) are not allowed")
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


def read_yaml(text: str) -> Any:
    """Parse one YAML document into plain values, mappings as :class:`Located`.

    Raises:
        YamlProblem: for invalid YAML, aliases, or nesting deeper than ``MAX_DEPTH``.
    """
    loader = _NoAliasLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _convert(loader, node, 0)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlProblem(line, f"invalid YAML: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, f"invalid YAML: {error}") from None
    except RecursionError:
        raise YamlProblem(1, "YAML nested too deeply") from None
    finally:
        loader.dispose()


def _convert(loader: yaml.SafeLoader, node: Node, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise YamlProblem(node.start_mark.line + 1, "YAML nested too deeply")
    if isinstance(node, MappingNode):
        mapping = Located()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = _convert(loader, key_node, depth + 1)
            if not isinstance(key, str):
                raise YamlProblem(key_node.start_mark.line + 1, f"a key must be text, not {key!r}")
            if key in mapping:
                raise YamlProblem(key_node.start_mark.line + 1, f"field '{key}' is given twice")
            mapping[key] = _convert(loader, value_node, depth + 1)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping
    if isinstance(node, SequenceNode):
        items = LocatedList(_convert(loader, item, depth + 1) for item in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [item.start_mark.line + 1 for item in node.value]
        return items
    assert isinstance(node, ScalarNode)
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as error:
        raise YamlProblem(node.start_mark.line + 1, f"invalid YAML value: {error.problem}") from None
