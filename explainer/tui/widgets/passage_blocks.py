"""A parsed passage turned into blocks of Content, each with the prefixes it is drawn with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content, Span

from explainer.story.files import make_visible
from explainer.story.markdown import footnote_label, is_safe, plain_words, shown_address, term_index
from explainer.story.token_tree import Item, inside

if TYPE_CHECKING:
    from explainer.tui.widgets.passage_table import Table

_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_BULLETS = ("•", "◦", "▪")
# A span made as ``Span(start, end, style)`` makes it, without the call that unpacks the three.
_span = tuple.__new__
CLICK = "@click="
"""How a link's span names what clicking it does: ``@click=link(3)``, made a style when drawn."""


@dataclass(frozen=True)
class Block:
    """A run of text with what goes before its first line and before the others."""

    text: Content
    first: Content
    rest: Content
    center: bool = False
    rule: bool = False
    table: Table | None = None


class Builder:
    """Markdown tree -> blocks (``None`` is a blank line); link targets collected in ``links``."""

    def __init__(self, links: list[str]) -> None:
        self.links = links
        self.blocks: list[Block | None] = []

    def build(self, root: Item) -> list[Block | None]:
        """The blocks of a whole parsed passage."""
        self.children(root, Content(""), Content(""), loose=True, style="", depth=0)
        return self.blocks

    def children(self, node: Item, first: Content, rest: Content, loose: bool, style: str, depth: int) -> None:
        """Each child block in turn; only the first line of the first one gets ``first``."""
        for index, child in enumerate(inside(node)):
            if loose and index and rest.plain.strip():
                self.blocks.append(Block(Content(" "), rest, rest))  # a blank line in a quote
            elif loose:
                self.blocks.append(None)  # a blank line between blocks
            self.node(child, first, rest, style, depth)
            first = rest

    def node(self, node: Item, first: Content, rest: Content, style: str, depth: int) -> None:
        """One block (and the blocks inside it)."""
        kind = node.type
        if kind == "paragraph":
            self.add(self.inline(node), first, rest, style)
        elif kind == "heading":
            level = min(int(node.tag[1:]), 4)
            self.blocks.append(Block(self.inline(node).stylize_before(f".h{level}"), first, rest, center=level == 1))
        elif kind in ("bullet_list", "ordered_list"):
            self.listing(node, first, rest, style, depth)
        elif kind == "blockquote":
            bar = Content.styled("▌ ", ".quote-bar")
            self.children(node, first + bar, rest + bar, loose=True, style=".quote", depth=depth)
        elif kind in ("fence", "code_block"):
            for line in node.content.rstrip("\n").split("\n"):
                self.add(Content.styled(make_visible(line) or " ", ".code_block"), first, rest, "")
                first = rest
        elif kind == "hr":
            self.blocks.append(Block(Content(""), first, rest, rule=True))
        elif kind == "table":
            self.table(node, first, rest)
        elif kind == "footnote_block":
            self.blocks.append(Block(Content(""), first, rest, rule=True))
            self.blocks.append(Block(Content.styled("Notes", ".strong"), first, rest))
            for footnote in inside(node):
                marker = Content.styled(f"[{footnote_label(footnote)}] ", ".bullet")
                blank = Content(" " * marker.cell_length)
                self.children(footnote, first + marker, rest + blank, loose=False, style=style, depth=depth)
        elif inside(node):
            self.children(node, first, rest, loose=False, style=style, depth=depth)

    def listing(self, node: Item, first: Content, rest: Content, style: str, depth: int) -> None:
        """A bulleted or numbered list, items hanging under their markers."""
        items = inside(node)
        if node.type == "ordered_list":
            start = int(str(node.attrs.get("start", 1)))
            markers = [f"{start + n}." for n in range(len(items))]
        else:
            markers = [_BULLETS[min(depth, len(_BULLETS) - 1)]] * len(items)
        size = max((len(marker) for marker in markers), default=0) + 1
        # A "tight" list (no blank lines between items in the source) is drawn tight.
        loose = any(not child.hidden for item in items for child in inside(item) if child.type == "paragraph")
        for number, item in enumerate(items):
            if number and loose:
                self.blocks.append(None)
            marker = Content.styled(markers[number].ljust(size), ".bullet")
            if not inside(item):  # an empty item still shows its marker
                self.blocks.append(Block(Content(""), first + marker, rest))
            self.children(item, first + marker, rest + Content(" " * size), loose=False, style=style, depth=depth + 1)
            first = rest

    def add(self, text: Content, first: Content, rest: Content, style: str) -> None:
        """A block of running text."""
        self.blocks.append(Block(text.stylize_before(style) if style else text, first, rest))

    def table(self, node: Item, first: Content, rest: Content) -> None:
        """A table, laid out when the width is known."""
        from explainer.tui.widgets.passage_table import Table  # most passages have none

        rows: list[list[Content]] = []
        aligns: list[str] = []
        for section in inside(node):
            for row in inside(section):
                rows.append([self.inline(cell) for cell in inside(row)])
                if not aligns:
                    aligns = [str(cell.attrs.get("style", "")).removeprefix("text-align:") for cell in inside(row)]
        self.blocks.append(Block(Content(""), first, rest, table=Table(rows, aligns)))

    def inline(self, node: Item) -> Content:
        """A block's inline text with emphasis, code and links (as actions, never markup)."""
        inline = next((child for child in inside(node) if child.type == "inline"), None)
        if inline is None:
            return Content("")
        out = _Inline()
        self.inline_nodes(inline, out)
        return Content("".join(out.parts), spans=out.spans)

    def inline_nodes(self, node: Item, out: _Inline) -> None:
        """Add the text of each inline node to ``out``, with the styles it spans."""
        parts, spans = out.parts, out.spans
        length = out.length  # kept here while text and code are added, in ``out`` for the rest
        for child in inside(node):
            kind = child.type
            if kind == "text" or kind == "code_inline":  # added here, not by a call each
                piece = child.content
                if not piece.isprintable() or (kind == "text" and "  " in piece):
                    piece = _shown(piece, collapse=kind == "text")
                parts.append(piece)
                if kind == "code_inline":
                    spans.append(_span(Span, (length, length + len(piece), ".code_inline")))
                length += len(piece)
                continue
            out.length = length
            if kind == "softbreak":
                out.add(" ")
            elif kind == "hardbreak":
                out.add("\n")
            elif kind in ("em", "strong", "s"):
                start = out.length
                self.inline_nodes(child, out)
                out.spans.append(Span(start, out.length, "." + kind))
            elif kind == "link":
                self.link(child, out)
            elif kind == "image":
                out.add(f"[Picture: {make_visible(plain_words(child))}]", ".picture")
            elif kind == "footnote_ref":
                out.add(f"[{footnote_label(child)}]", ".footnote")
            else:
                self.inline_nodes(child, out)
            length = out.length
        out.length = length

    def link(self, node: Item, out: _Inline) -> None:
        """A link: its words, then its address; clickable only when its target is safe."""
        start, first_part = out.length, len(out.parts)
        self.inline_nodes(node, out)
        href = str(node.attrs.get("href", ""))
        is_term = term_index(href) is not None  # a term's link shows no address and is safe
        address = "" if is_term else make_visible(shown_address(href, "".join(out.parts[first_part:])))
        if address:
            out.add(" (")
            out.add(address, ".address")
            out.add(")")
        if is_term or is_safe(href):
            self.links.append(href)
            # Named, not made: a style is made only for the links on the lines drawn.
            out.spans.append(Span(start, out.length, f"{CLICK}link({len(self.links) - 1})"))


def _shown(text: str, collapse: bool = True) -> str:
    """Text as drawn: control characters made visible and, with ``collapse``, each run of white
    space one space (with nothing to change in most text, found by two quick looks)."""
    if text.isprintable() and not (collapse and "  " in text):
        return text
    return make_visible(_SPACES.sub(" ", text) if collapse else text)


class _Inline:
    """Inline text being built: its pieces, their length so far, and the styles spanning them."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.length = 0

    def add(self, piece: str, style: str = "") -> None:
        """Add a piece of text, styled as a whole if a style is given."""
        if style:
            self.spans.append(Span(self.length, self.length + len(piece), style))
        self.parts.append(piece)
        self.length += len(piece)
