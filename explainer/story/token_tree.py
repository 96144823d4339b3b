"""markdown-it's token stream as a tree: a node for each block and each pair of inline tokens
(emphasis, a link), and the tokens themselves for all else.

``SyntaxTreeNode`` makes a node (and a list of children) for every token; a passage of 16,000
code spans is 32,000 of each, made only to be read once. Here text, code and the other tokens
that hold nothing are the tree's leaves as they are, and an inline token with no pair in it is
one leaf whose children are its own tokens: a leaf's ``children`` is ``None`` or a list of
leaves, a node's a list of nodes and leaves.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import attrgetter
from typing import Any, TypeAlias

from markdown_it.token import Token

_nesting = attrgetter("nesting")


class Node:
    """A block, or a pair of inline tokens, with the nodes and tokens between its two tokens."""

    __slots__ = ("children", "opening", "type")

    def __init__(self, opening: Token, children: list[Item]) -> None:
        self.opening = opening
        self.children = children
        kind = opening.type
        self.type = kind[:-5] if kind.endswith("_open") else kind
        """As ``SyntaxTreeNode`` names it: ``"link"`` for a link's ``link_open`` and ``link_close``."""

    @property
    def tag(self) -> str:
        """The HTML tag of its opening token (``"h2"`` for a heading)."""
        return self.opening.tag

    @property
    def attrs(self) -> dict[str, str | int | float]:
        """The attributes of its opening token (a link's ``href``)."""
        return self.opening.attrs

    @property
    def meta(self) -> dict[Any, Any]:
        """What a plugin noted on its opening token (a footnote's ``id``)."""
        return self.opening.meta

    @property
    def hidden(self) -> bool:
        """Whether its opening token is not drawn (a paragraph in a tight list)."""
        return self.opening.hidden

    @property
    def content(self) -> str:
        """Nothing: a node's text is in its children (as a leaf's is in its ``content``)."""
        return ""


Item: TypeAlias = Node | Token
"""A node or a leaf of the tree."""


class Tree(Node):
    """A whole parsed text, with the tokens it was made from (for markdown-it's HTML renderer)."""

    __slots__ = ("tokens",)

    def __init__(self, tokens: list[Token]) -> None:
        super().__init__(Token("root", "", 0), _items(tokens))
        self.tokens = tokens


def inside(item: Item) -> Sequence[Item]:
    """The nodes and leaves inside a node or leaf (none inside text)."""
    return item.children or ()


def all_tokens(tokens: Sequence[Token]) -> Iterator[Token]:
    """Every token of a stream and every token inside them (an inline token's, a picture's
    words), each before those inside it: in the order of the text."""
    for token in tokens:
        yield token
        if token.children:
            yield from all_tokens(token.children)


def _items(tokens: list[Token]) -> list[Item]:
    """The nodes and leaves of a balanced stream of tokens."""
    items: list[Item] = []
    openings: list[tuple[Token, list[Item]]] = []
    for token in tokens:
        nesting = token.nesting
        if nesting == 0:
            children = token.children
            if children and token.type == "inline" and any(map(_nesting, children)):
                items.append(Node(token, _items(children)))
            else:
                items.append(token)
        elif nesting > 0:
            openings.append((token, items))
            items = []
        else:
            if not openings:
                raise ValueError(f"a closing token with nothing open: {token}")
            opening, outer = openings.pop()
            outer.append(Node(opening, items))
            items = outer
    if openings:
        raise ValueError(f"unclosed tokens starting {openings[0][0]}")
    return items
