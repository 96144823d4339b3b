"""markdown-it's token stream made its tree, node by node in one loop rather than a call for each."""

from __future__ import annotations

from operator import attrgetter, is_

from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode, _NesterTokens


def token_tree(tokens: list[Token]) -> SyntaxTreeNode:
    """The same tree as ``SyntaxTreeNode(tokens)`` gives, for a balanced token stream.

    ``SyntaxTreeNode`` copies the tokens of every block into a list of its own and goes through
    three calls for each node; a passage of 16,000 code spans is 32,000 nodes. Here each token
    is looked at once, and each node is made with its four fields set at once.
    """
    root = SyntaxTreeNode()
    _add_nodes(root, tokens)
    return root


def _add_nodes(parent: SyntaxTreeNode, tokens: list[Token]) -> None:
    """The nodes of ``tokens`` as children of ``parent`` (and of the nodes they open)."""
    new = SyntaxTreeNode.__new__
    openings: list[tuple[SyntaxTreeNode, Token]] = []
    children = parent._children
    for token in tokens:
        nesting = token.nesting
        if nesting < 0:
            node, opening = openings.pop()
            node.nester_tokens = _NesterTokens(opening, token)
            parent = node._parent
            children = parent._children
            continue
        node = new(SyntaxTreeNode)
        node._parent = parent
        node._children = []
        children.append(node)
        if nesting:
            node.token = None
            openings.append((node, token))
            parent, children = node, node._children
        else:
            node.token = token
            node.nester_tokens = None
            if token.children:
                _add_nodes(node, token.children)
    if openings:
        raise ValueError(f"unclosed tokens starting {openings[0][1]}")


def tree_tokens(tree: SyntaxTreeNode) -> list[Token]:
    """The same tokens as ``tree.to_tokens()`` gives, for a tree as :func:`token_tree` makes it.

    ``to_tokens`` goes through two calls for each node to find that the inline tokens are
    those the tree was made from; here that is seen at once, an inline token at a time.
    """
    tokens: list[Token] = []
    waiting: list[SyntaxTreeNode | Token] = list(reversed(tree.children))  # still to write, the next last
    while waiting:
        node = waiting.pop()
        if isinstance(node, Token):  # a closing token
            tokens.append(node)
            continue
        token = node.token
        if token is None:  # opening and closing tokens, with the nodes between
            nester = node.nester_tokens
            assert nester is not None
            tokens.append(nester.opening)
            waiting.append(nester.closing)
            waiting += reversed(node.children)
        elif token.children is not None and not _unchanged(node, token.children):
            tokens += node.to_tokens()
        else:
            tokens.append(token)
    return tokens


def _unchanged(node: SyntaxTreeNode, children: list[Token]) -> bool:
    """Whether the nodes below ``node`` are those of ``children`` as they are, each a token."""
    nodes = node.children
    return len(nodes) == len(children) and all(map(is_, map(attrgetter("token"), nodes), children))
