"""YAML reading with libyaml's C parser for plain documents, the careful reader for the rest.

Reading front matter is most of the time it takes to load a story, and PyYAML's own parser
is written in Python. Here libyaml (the C parser that ships in PyYAML's wheels) reads the
events, and they are turned straight into :class:`Located` values, one event at a time.

Anything unusual gives up: anchors, aliases, tags, deep nesting, a key that is not text, a
key given twice, tabs and other characters the two parsers treat differently, any YAML error,
or no libyaml at all. Then :func:`explainer.safeyaml.read_yaml` reads the text again and
says what is wrong, with the same message and line as always. So the result is always what
``safeyaml.read_yaml`` gives; this is only faster.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from . import safeyaml
from .safeyaml import MAX_DEPTH, Located, LocatedList

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

_STR = "tag:yaml.org,2002:str"
# Text with any of these takes the careful path: tabs, line breaks other than "\n", the
# byte-order mark, and everything PyYAML's reader refuses. (Listed, not as the complement of
# what is allowed: a negated class over all of Unicode takes milliseconds to compile.)
_DOUBTFUL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# Where a plain scalar in [...] or {...} holds one of these, the two parsers may end it apart.
_FLOW_DOUBTS = re.compile(r"[,:?\[\]{}#]")
_BLOCK_HEADER = re.compile(r"[|>](?:[1-9][+-]?|[+-][1-9]?)?(?:[ ]+(?:#.*)?)?$")
# The careful reader's implicit types (it keeps dates as text); plain YAML's if it has none.
_RESOLVER: type[Resolver] = getattr(safeyaml, "_PlainResolver", Resolver)
# Plain scalars that may not be text ("true", "3", "no" ...) recur in every passage, and what
# they mean never changes, so it is worked out once. Only immutable values; the size is capped.
_PLAIN_VALUES: dict[str, Any] = {}
_PLAIN_VALUES_MAX = 4096
_UNKNOWN = object()


class _NotSure(Exception):
    """The fast path cannot vouch for this text; the careful reader must read it."""


class _Scalars(SafeConstructor, _RESOLVER):  # type: ignore[misc, valid-type]
    """The careful reader's scalar types."""

    def __init__(self) -> None:
        SafeConstructor.__init__(self)
        _RESOLVER.__init__(self)


def read_yaml(text: str) -> Any:
    """Exactly what :func:`explainer.safeyaml.read_yaml` returns or raises, sooner."""
    try:
        return read_plain(text)
    except _NotSure:
        return safeyaml.read_yaml(text)


def read_plain(text: str) -> Any:
    """Read a plain YAML document with libyaml.

    Raises:
        _NotSure: whenever the careful reader might see the text differently.
    """
    if CParser is None or _DOUBTFUL.search(text):
        raise _NotSure
    parser = CParser(text)
    try:
        return _build(parser, text)
    except _NotSure:
        raise
    except Exception as error:  # the careful reader decides what to say, as it always has
        raise _NotSure from error
    finally:
        parser.dispose()


def _plain_value(value: str, event: Any) -> Any:
    """What a plain scalar means: text, a number, true/false or nothing."""
    scalars = _Scalars()
    tag = scalars.resolve(ScalarNode, value, event.implicit)
    if tag == _STR:
        result: Any = value
    else:
        node = ScalarNode(tag, value, event.start_mark, event.end_mark)
        result = scalars.construct_object(node, deep=True)
        if type(result) not in (int, float, bool, type(None)):
            return result  # not known to be immutable: never shared
    if len(value) <= 40 and len(_PLAIN_VALUES) < _PLAIN_VALUES_MAX:
        _PLAIN_VALUES[value] = result
    return result


def _build(parser: Any, text: str) -> Any:
    """Turn the events of one document into values, keeping every line."""
    get_event = parser.get_event
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    resolvers = _RESOLVER.yaml_implicit_resolvers
    wildcard = None in resolvers
    get_event()  # the stream's start
    if type(get_event()) is yaml.StreamEndEvent:
        return None
    # Each open collection, the key waiting for its value (mappings), and whether it is [...].
    stack: list[list[Any]] = []
    flow = 0
    lines: list[str] | None = None
    value: Any = None
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:
            if len(stack) >= MAX_DEPTH or event.anchor or event.tag:
                raise _NotSure
            value = event.value
            line = event.start_mark.line + 1
            style = event.style
            if style:
                if style == "|" or style == ">":
                    lines = text.split("\n") if lines is None else lines
                    if not _BLOCK_HEADER.match(lines[line - 1], event.start_mark.column):
                        raise _NotSure
            else:
                if flow and _FLOW_DOUBTS.search(value):
                    raise _NotSure
                if value[:1] in resolvers or wildcard:
                    known = _PLAIN_VALUES.get(value, _UNKNOWN)
                    value = _plain_value(value, event) if known is _UNKNOWN else known
        elif kind is mapping_end or kind is sequence_end:
            value, _key, in_flow = stack.pop()
            line = value.line
            flow -= in_flow
        elif kind is mapping_start or kind is sequence_start:
            if len(stack) >= MAX_DEPTH or event.anchor or event.tag:
                raise _NotSure
            collection: Located | LocatedList
            if kind is mapping_start:
                collection = Located()
                collection.key_lines = {}
            else:
                collection = LocatedList()
                collection.item_lines = []
            collection.line = event.start_mark.line + 1
            in_flow = event.flow_style is True
            stack.append([collection, None, in_flow])
            flow += in_flow
            continue
        else:
            raise _NotSure  # an alias, or something else unexpected
        if not stack:
            break
        top = stack[-1]
        parent = top[0]
        if top[1] is not None:
            parent[top[1]] = value
            top[1] = None
        elif type(parent) is LocatedList:
            parent.append(value)
            parent.item_lines.append(line)
        else:
            if type(value) is not str or value in parent:
                raise _NotSure
            top[1] = value
            parent.key_lines[value] = line
    if type(get_event()) is not yaml.DocumentEndEvent or type(get_event()) is not yaml.StreamEndEvent:
        raise _NotSure
    return value
