"""Markdown as plain, wrapped lines of text: what line mode prints."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from explainer.story.files import make_visible
from explainer.story.glossary import TERM_LINK_PREFIX

_PARSER = MarkdownIt("commonmark")


def markdown_to_text(markdown: str, width: int = 80, strong: Callable[[str], str] = lambda text: text) -> str:
    """Markdown as plain, wrapped text: no markup, links shown by their words, no control bytes.

    Args:
        markdown: the Markdown to render.
        width: the column to wrap at.
        strong: how to show a heading (e.g. in bold); plain by default.
    """
    tree = SyntaxTreeNode(_PARSER.parse(markdown))
    return "\n\n".join(block for block in _blocks(tree.children, max(width, 20), strong) if block)


def _blocks(nodes: list[SyntaxTreeNode], width: int, strong: Callable[[str], str]) -> list[str]:
    out: list[str] = []
    for node in nodes:
        kind = node.type
        if kind in ("paragraph", "heading"):
            text = wrap(_inline(node.children[0]) if node.children else "", width)
            out.append(strong(text) if kind == "heading" else text)
        elif kind == "blockquote":
            inner = "\n\n".join(_blocks(node.children, width - 4, strong))
            out.append(textwrap.indent(inner, "    ", lambda line: True))
        elif kind in ("bullet_list", "ordered_list"):
            out.append(_list(node, width, strong))
        elif kind in ("fence", "code_block", "html_block"):
            out.append(textwrap.indent(make_visible(node.content.rstrip("\n")), "    "))
        elif kind != "hr":
            out.extend(_blocks(node.children, width, strong))
    return out


def _list(node: SyntaxTreeNode, width: int, strong: Callable[[str], str]) -> str:
    start = int(str(node.attrs.get("start", 1))) if node.type == "ordered_list" else 1
    items = []
    for number, item in enumerate(node.children, start=start):
        marker = f"{number}. " if node.type == "ordered_list" else "- "
        body = "\n".join(_blocks(item.children, width - len(marker), strong))
        first, _, rest = body.partition("\n")
        items.append(marker + first + ("\n" + textwrap.indent(rest, " " * len(marker)) if rest else ""))
    return "\n".join(items)


def _inline(node: SyntaxTreeNode) -> str:
    parts = []
    for child in node.children:
        kind = child.type
        if kind in ("text", "code_inline", "html_inline"):
            parts.append(make_visible(child.content))
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "link":
            words = _inline(child)
            href = make_visible(str(child.attrs.get("href", "")))
            shown = href and not href.startswith(TERM_LINK_PREFIX) and href != words
            parts.append(f"{words} ({href})" if shown else words)
        elif kind == "image":
            parts.append(f"(picture: {_inline(child)})")
        else:
            parts.append(_inline(child))
    return "".join(parts)


def wrap(text: str, width: int) -> str:
    """Each line of ``text`` wrapped at ``width``, long words kept whole."""
    return "\n".join(
        textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) or "" for line in text.split("\n")
    )
