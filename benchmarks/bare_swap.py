"""The baseline for the terminal benchmark: a bare Textual app that shows one article section at
a time in one ``Markdown`` widget, and swaps the next section in on each key (1-9).

``python benchmarks/bare_swap.py ARTICLE.txt``: the article's first line is its title; then
headings and paragraphs alternate, each separated by a blank line.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Markdown


def sections(article: str) -> list[str]:
    """The article as Markdown sections: a heading and the paragraph after it."""
    paragraphs = [p.strip() for p in article.split("\n\n") if p.strip()]
    return [f"# {heading}\n\n{text}" for heading, text in zip(paragraphs[0::2], paragraphs[1::2], strict=False)]


class BareSwap(App[None]):
    """One Markdown widget; a number key shows the next section."""

    BINDINGS = [Binding(str(n), "next", show=False) for n in range(1, 10)]

    def __init__(self, parts: list[str]) -> None:
        super().__init__()
        self.parts = parts
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Markdown(self.parts[0])

    async def action_next(self) -> None:
        self.index = (self.index + 1) % len(self.parts)
        await self.query_one(Markdown).update(self.parts[self.index])


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as file:
        BareSwap(sections(file.read())).run()
