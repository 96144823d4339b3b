"""A passage's Markdown drawn as one widget: fast to show, however long the passage."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from textual.content import Content, Span
from textual.css.styles import RulesMap
from textual.message import Message
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

_SPACES = re.compile(r"\s+")
_BULLETS = ("•", "◦", "▪")


@dataclass(frozen=True)
class _Block:
    """A run of text with what goes before its first line and before the others."""

    text: Content
    first: Content
    rest: Content
    center: bool = False
    rule: bool = False


class _Document(Visual):
    """The passage's blocks, wrapped to the width they are drawn at (cached per width)."""

    def __init__(self, blocks: list[_Block | None]) -> None:
        self.blocks = blocks
        self.width = 0
        self._lines: list[Content] = []

    def lines(self, width: int) -> list[Content]:
        """Every line of the passage at this width; ``None`` blocks are blank lines."""
        if width == self.width:
            return self._lines
        lines: list[Content] = []
        for block in self.blocks:
            if block is None:
                if lines and lines[-1].plain:
                    lines.append(Content(""))
                continue
            if block.rule:
                lines.append(block.first + Content.styled("─" * max(0, width - block.first.cell_length), ".rule"))
                continue
            room = max(1, width - block.first.cell_length)
            for number, line in enumerate(block.text.wrap(room)):
                line = line.rstrip()
                if block.center:
                    line = line.pad_left(max(0, (room - line.cell_length) // 2))
                lines.append((block.first if number == 0 else block.rest) + line)
        while lines and not lines[-1].plain:
            lines.pop()
        self.width, self._lines = width, lines
        return lines

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        lines = self.lines(width)
        if height is not None:
            lines = lines[:height]
        return Content("\n").join(lines).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))


class PassageText(Widget):
    """Markdown (headings, paragraphs, lists, quotes, code, rules, tables, links) as one widget.

    Textual's own ``Markdown`` widget mounts a widget for every block, which costs a frame or
    more on an old laptop at every passage; this draws them all as one. Text is never markup:
    story text only ever becomes plain :class:`Content`. A click on a link posts
    :class:`PassageText.LinkClicked`.
    """

    COMPONENT_CLASSES = {
        "h1",
        "h2",
        "h3",
        "h4",
        "em",
        "strong",
        "s",
        "code_inline",
        "code_block",
        "bullet",
        "quote",
        "quote-bar",
        "rule",
        "table-header",
    }
    DEFAULT_CSS = """
    PassageText {
        height: auto;
        link-color: $text-accent;
        link-style: underline;
        link-background-hover: $accent-muted;
    }
    PassageText > .h1 { color: $markdown-h1-color; text-style: $markdown-h1-text-style; }
    PassageText > .h2 { color: $markdown-h2-color; text-style: $markdown-h2-text-style; }
    PassageText > .h3 { color: $markdown-h3-color; text-style: $markdown-h3-text-style; }
    PassageText > .h4 { color: $markdown-h4-color; text-style: $markdown-h4-text-style; }
    PassageText > .em { text-style: italic; }
    PassageText > .strong { text-style: bold; }
    PassageText > .s { text-style: strike; }
    PassageText > .code_inline { background: $boost; color: $text-warning; }
    PassageText > .code_block { background: $boost; }
    PassageText > .bullet { color: $text-primary; text-style: bold; }
    PassageText > .quote { text-style: italic; }
    PassageText > .quote-bar { color: $text-primary 50%; }
    PassageText > .rule { color: $secondary; }
    PassageText > .table-header { text-style: bold; color: $primary; }
    """

    class LinkClicked(Message):
        """A link in the passage was clicked."""

        def __init__(self, href: str) -> None:
            super().__init__()
            self.href = href

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = ""
        self._links: list[str] = []
        self._document = _Document([])

    def update(self, markdown: str) -> None:
        """Show new Markdown."""
        self.source = markdown
        self._links = []
        self._document = _Document(_Builder(self._links).build(markdown))
        self.refresh(layout=True)

    def render(self) -> Visual:
        return self._document

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text, as the lines are drawn (for copying with the mouse)."""
        lines = self._document.lines(self._document.width or self.size.width)
        return selection.extract("\n".join(line.plain for line in lines)), "\n"

    def action_link(self, index: int) -> None:
        """A link was clicked: say which."""
        if 0 <= index < len(self._links):
            self.post_message(self.LinkClicked(self._links[index]))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # No raw HTML (it is shown as the text it is) and no bare addresses turned into links.
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


class _Builder:
    """Markdown tokens -> blocks, each with the prefixes (bullets, quote bars) it is drawn with."""

    def __init__(self, links: list[str]) -> None:
        self.links = links
        self.blocks: list[_Block | None] = []

    def build(self, markdown: str) -> list[_Block | None]:
        root = SyntaxTreeNode(_parser().parse(markdown))
        self.children(root, Content(""), Content(""), loose=True, style="", depth=0)
        return self.blocks

    def children(
        self, node: SyntaxTreeNode, first: Content, rest: Content, loose: bool, style: str, depth: int
    ) -> None:
        """Each child block in turn; only the first line of the first one gets ``first``."""
        for index, child in enumerate(node.children):
            if loose and index and rest.plain.strip():
                self.blocks.append(_Block(Content(" "), rest, rest))  # a blank line in a quote
            elif loose:
                self.blocks.append(None)  # a blank line between blocks
            self.node(child, first, rest, style, depth)
            first = rest

    def node(self, node: SyntaxTreeNode, first: Content, rest: Content, style: str, depth: int) -> None:
        kind = node.type
        if kind in ("paragraph", "html_block"):
            self.add(self.inline(node), first, rest, style)
        elif kind == "heading":
            level = min(int(node.tag[1:]), 4)
            self.blocks.append(_Block(self.inline(node).stylize_before(f".h{level}"), first, rest, center=level == 1))
        elif kind in ("bullet_list", "ordered_list"):
            self.listing(node, first, rest, style, depth)
        elif kind == "blockquote":
            bar = Content.styled("▌ ", ".quote-bar")
            self.children(node, first + bar, rest + bar, loose=True, style=".quote", depth=depth)
        elif kind in ("fence", "code_block"):
            for line in node.content.rstrip("\n").split("\n"):
                self.add(Content.styled(line or " ", ".code_block"), first, rest, "")
                first = rest
        elif kind == "hr":
            self.blocks.append(_Block(Content(""), first, rest, rule=True))
        elif kind == "table":
            self.table(node, first, rest)
        elif node.children:
            self.children(node, first, rest, loose=False, style=style, depth=depth)

    def listing(self, node: SyntaxTreeNode, first: Content, rest: Content, style: str, depth: int) -> None:
        """A bulleted or numbered list, items hanging under their markers."""
        items = node.children
        if node.type == "ordered_list":
            start = int(str(node.attrs.get("start", 1) or 1))
            markers = [f"{start + n}." for n in range(len(items))]
        else:
            markers = [_BULLETS[min(depth, len(_BULLETS) - 1)]] * len(items)
        size = max((len(marker) for marker in markers), default=0) + 1
        # A "tight" list (no blank lines between items in the source) is drawn tight.
        loose = any(not child.hidden for item in items for child in item.children if child.type == "paragraph")
        for number, item in enumerate(items):
            if number and loose:
                self.blocks.append(None)
            marker = Content.styled(markers[number].ljust(size), ".bullet")
            self.children(item, first + marker, rest + Content(" " * size), loose=False, style=style, depth=depth + 1)
            first = rest

    def add(self, text: Content, first: Content, rest: Content, style: str) -> None:
        self.blocks.append(_Block(text.stylize_before(style) if style else text, first, rest))

    def table(self, node: SyntaxTreeNode, first: Content, rest: Content) -> None:
        """A table, its columns padded to line up and the header row in bold."""
        rows: list[tuple[bool, list[Content]]] = []
        for section in node.children:
            for row in section.children:
                rows.append((section.type == "thead", [self.inline(cell) for cell in row.children]))
        widths: dict[int, int] = {}
        for _header, cells in rows:
            for column, cell in enumerate(cells):
                widths[column] = max(widths.get(column, 0), cell.cell_length)
        for header, cells in rows:
            padded = [cell.pad_right(widths[column] - cell.cell_length) for column, cell in enumerate(cells)]
            line = Content(" │ ").join(padded)
            self.blocks.append(_Block(line.stylize_before(".table-header") if header else line, first, rest))
            first = rest

    def inline(self, node: SyntaxTreeNode) -> Content:
        """A block's inline text with emphasis, code and links (as actions, never markup)."""
        if node.type == "html_block":
            return Content(_SPACES.sub(" ", node.content).strip())
        inline = next((child for child in node.children if child.type == "inline"), None)
        if inline is None or inline.token is None or not inline.token.children:
            return Content("")
        return self.inline_tokens(inline.token.children)

    def inline_tokens(self, children: list[Token]) -> Content:
        text: list[str] = []
        spans: list[Span] = []
        open_styles: list[tuple[str | Style, int]] = []
        position = 0

        def add(piece: str) -> None:
            nonlocal position
            text.append(piece)
            position += len(piece)

        for child in children:
            kind = child.type
            if kind == "text":
                add(_SPACES.sub(" ", child.content))
            elif kind == "softbreak":
                add(" ")
            elif kind == "hardbreak":
                add("\n")
            elif kind == "code_inline":
                spans.append(Span(position, position + len(child.content), ".code_inline"))
                add(child.content)
            elif kind in ("em_open", "strong_open", "s_open"):
                open_styles.append(("." + kind[: -len("_open")], position))
            elif kind == "link_open":
                self.links.append(str(child.attrs.get("href", "")))
                action = f"link({len(self.links) - 1})"
                open_styles.append((Style.from_meta({"@click": action}), position))
            elif kind.endswith("_close"):
                if open_styles:
                    style, start = open_styles.pop()
                    spans.append(Span(start, position, style))
            elif kind == "image":
                add(child.content or str(child.attrs.get("alt", "")))
            elif child.content:
                add(child.content)
        return Content("".join(text), spans=spans)
