"""A passage's Markdown drawn as one widget: fast to show, however long the passage."""

from __future__ import annotations

from typing import cast

from rich.style import Style as RichStyle
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Offset
from textual.message import Message
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from explainer.story.glossary import Glossary
from explainer.story.markdown import parse
from explainer.story.token_tree import Tree
from explainer.tui.one_line import drawn_as_is, one_strip
from explainer.tui.widgets.passage_blocks import CLICK, Block, Builder
from explainer.tui.widgets.passage_lines import PassageLines


class _Document(Visual):
    """The passage's blocks, cut into lines at each width it is drawn at (the glossary shown and
    hidden, a scrollbar or not), for as long as the passage is shown."""

    def __init__(self, blocks: list[Block | None]) -> None:
        self.blocks = blocks
        self.width = 0
        self._by_width: dict[int, PassageLines] = {}

    def lines(self, width: int) -> PassageLines:
        """The passage's lines at this width."""
        lines = self._by_width.get(width)
        if lines is None:
            if len(self._by_width) >= 4:  # a window resized again and again
                self._by_width.clear()
            lines = self._by_width[width] = PassageLines(self.blocks, width)
        self.width = width
        return lines

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        lines = self.lines(width)
        shown = lines.all() if height is None else [lines.line(y) for y in range(min(height, len(lines)))]
        return Content("\n").join(shown).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))


class PassageText(Widget):
    """Markdown (headings, paragraphs, lists, quotes, code, rules, tables, links, footnotes) as one widget.

    Textual's own ``Markdown`` widget mounts a widget for every block, which costs a frame or
    more on an old laptop at every passage; this draws them all as one. Text is never markup:
    story text only ever becomes plain :class:`Content`. A click on a link posts
    :class:`PassageText.LinkClicked` (only links with a safe target can be clicked).
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
        "table-rule",
        "address",
        "picture",
        "footnote",
    }
    DEFAULT_CSS = """
    PassageText {
        height: auto;
        link-color: $text;
        link-style: bold underline;
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
    PassageText > .table-rule { color: $secondary; }
    PassageText > .address { color: $text-muted; }
    PassageText > .picture { text-style: italic; color: $text-secondary; }
    PassageText > .footnote { color: $text-secondary; }
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
        self._strips: dict[int, Strip] = {}
        self._strips_width = 0
        self._link_style: RichStyle | None = None

    def update(self, markdown: str, glossary: Glossary | None = None) -> Tree:
        """Show new Markdown, with the glossary's terms (if given) as links.

        Returns:
            The Markdown parsed, its terms linked (which terms the passage uses, with no second parse).
        """
        self.source = markdown
        self._links = []
        tree = parse(markdown, glossary)
        self._document = _Document(Builder(self._links).build(tree))
        self._forget_strips()
        self.refresh(layout=True)
        return tree

    def lines(self) -> PassageLines:
        """The passage's lines at the width it is drawn at."""
        return self._document.lines(self.size.width)

    def render(self) -> Visual:
        return self._document

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the passage, rendered the first time it is drawn.

        Textual renders a widget's whole content at once; a passage of 100 KB is over a thousand
        lines, of which a screen shows a few dozen. This renders the lines drawn, as
        ``Visual.to_strips`` would render them in one piece, and keeps them until the text, the
        width or the styles change.
        """
        width = self.size.width
        if self._dirty_regions or width != self._strips_width:
            # What Widget.render_line does with a repaint: start again (here, line by line).
            self._dirty_regions.clear()
            self._forget_strips()
            self._strips_width = width
        strip = self._strips.get(y)
        if strip is None:
            strip = self._strips[y] = self._render_one(y, width)
        return strip

    def _render_one(self, y: int, width: int) -> Strip:
        lines = self._document.lines(width)
        style = self.visual_style
        if y >= len(lines):
            return Strip.blank(width, style.rich_style)
        selection = self.text_selection
        if selection is not None:  # as the line's own: its row is 0
            shift = Offset(0, y)
            selection = Selection(*(None if end is None else end - shift for end in selection))
            selection_style: Style | None = Style.from_styles(self.screen.get_component_styles("screen--selection"))
        else:
            selection_style = None
        line, rules = lines.line(y), cast(RulesMap, self.styles)
        if selection is None and drawn_as_is(line, width, rules):
            strip = one_strip(line, style, self._get_style)
        else:
            options = RenderOptions(self._get_style, rules, selection, selection_style)
            strip = line.render_strips(width, 1, style, options)[0]
        if self.auto_links and not self.screen._selecting:
            if self._link_style is None:  # worked out from the styles of every widget around it
                self._link_style = self.link_style
            strip = strip._apply_link_style(self._link_style)
        return strip

    def _get_style(self, style: Style | str) -> Style:
        if isinstance(style, str) and style.startswith(CLICK):  # a link: Textual would parse it as markup
            return Style.from_meta({"@click": style.removeprefix(CLICK)})
        return super()._get_style(style)

    def _forget_strips(self) -> None:
        """Render every line again when it is next drawn, as the text, width or styles changed."""
        self._strips.clear()
        self._link_style = None

    def notify_style_update(self) -> None:
        self._forget_strips()
        super().notify_style_update()

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text, as the lines are drawn (for copying with the mouse)."""
        lines = self._document.lines(self._document.width or self.size.width)
        return selection.extract("\n".join(line.plain for line in lines.all())), "\n"

    def action_link(self, index: int) -> None:
        """A link was clicked: say which."""
        if 0 <= index < len(self._links):
            self.post_message(self.LinkClicked(self._links[index]))


def drawn_lines(tree: Tree, width: int) -> list[str]:
    """The lines a parsed passage is drawn as at this width, as plain text (styles dropped)."""
    return [line.plain for line in PassageLines(Builder([]).build(tree), width).all()]
