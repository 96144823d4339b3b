"""Markdown as plain, wrapped lines of text: what line mode prints."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Callable, Sequence

from explainer.story.files import make_visible
from explainer.story.glossary import Glossary
from explainer.story.markdown import footnote_label, parse, plain_words, shown_address
from explainer.story.token_tree import Item, Node, inside


def markdown_to_text(
    markdown: str,
    width: int = 80,
    strong: Callable[[str], str] = lambda text: text,
    glossary: Glossary | None = None,
) -> str:
    """Markdown as plain, wrapped text: no markup, links shown by their words, no control bytes.

    Args:
        markdown: the Markdown to render.
        width: the column to wrap at.
        strong: how to show a heading (e.g. in bold); plain by default.
        glossary: the terms to find (line mode shows them as plain words, listed after).
    """
    return tree_to_text(parse(markdown, glossary), width, strong)


def tree_to_text(tree: Node, width: int = 80, strong: Callable[[str], str] = lambda text: text) -> str:
    """A parsed Markdown tree as plain, wrapped text (see :func:`markdown_to_text`)."""
    return "\n\n".join(block for block in _blocks(inside(tree), max(width, 20), strong) if block)


def _blocks(nodes: Sequence[Item], width: int, strong: Callable[[str], str]) -> list[str]:
    out: list[str] = []
    for node in nodes:
        kind = node.type
        if kind in ("paragraph", "heading"):
            text = wrap("".join(map(_inline, inside(node))), width)
            out.append(strong(text) if kind == "heading" else text)
        elif kind == "blockquote":
            inner = "\n\n".join(_blocks(inside(node), width - 4, strong))
            out.append(textwrap.indent(inner, "    ", lambda line: True))
        elif kind in ("bullet_list", "ordered_list"):
            out.append(_list(node, width, strong))
        elif kind in ("fence", "code_block", "html_block"):
            out.append(textwrap.indent(make_visible(node.content.rstrip("\n")), "    "))
        elif kind == "table":
            out.append(_table(node, width))
        elif kind == "footnote_block":
            out.append("Notes:")
            out.extend(_footnote(footnote, width, strong) for footnote in inside(node))
        elif kind != "hr":
            out.extend(_blocks(inside(node), width, strong))
    return out


def _list(node: Item, width: int, strong: Callable[[str], str]) -> str:
    start = int(str(node.attrs.get("start", 1))) if node.type == "ordered_list" else 1
    items = []
    for number, item in enumerate(inside(node), start=start):
        marker = f"{number}. " if node.type == "ordered_list" else "- "
        body = "\n".join(_blocks(inside(item), width - len(marker), strong))
        first, _, rest = body.partition("\n")
        items.append((marker + first).rstrip() + ("\n" + textwrap.indent(rest, " " * len(marker)) if rest else ""))
    return "\n".join(items)


def _footnote(node: Item, width: int, strong: Callable[[str], str]) -> str:
    marker = f"[{footnote_label(node)}] "
    body = "\n".join(_blocks(inside(node), width - len(marker), strong))
    first, _, rest = body.partition("\n")
    return marker + first + ("\n" + textwrap.indent(rest, " " * len(marker)) if rest else "")


def _table(node: Item, width: int) -> str:
    """A table read one row at a time: each cell after its column's heading."""
    rows = [row for section in inside(node) for row in inside(section)]
    if not rows:
        return ""
    headings = [_inline(cell).strip() for cell in inside(rows[0])]
    headings = [heading or f"Column {number}" for number, heading in enumerate(headings, start=1)]
    body = rows[1:]
    count = f"{len(body)} row" + ("" if len(body) == 1 else "s")
    lines = [wrap(f"Table, {count}, columns: {'; '.join(headings)}.", width)]
    for number, row in enumerate(body, start=1):
        cells = [_inline(cell).strip() for cell in inside(row)]
        pairs = zip(headings, cells, strict=False)
        said = " ".join(f"{heading}: {_sentence(cell or 'nothing')}" for heading, cell in pairs)
        lines.append(wrap(f"Row {number}. {said}", width))
    return "\n".join(lines)


def _sentence(text: str) -> str:
    return text if text[-1:] in ".!?" else text + "."


def _inline(node: Item) -> str:
    parts = []
    for child in inside(node):
        kind = child.type
        if kind == "text":  # a line break in text (from "&#10;") is a space, as in HTML
            parts.append(make_visible(child.content.replace("\n", " ")))
        elif kind == "code_inline":
            parts.append(make_visible(child.content))
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "link":
            words = _inline(child)
            href = make_visible(str(child.attrs.get("href", "")))
            address = shown_address(href, words)
            parts.append(f"{words} ({address})" if address else words)
        elif kind == "image":
            parts.append(f"[Picture: {make_visible(plain_words(child))}]")
        elif kind == "s":
            parts.append(f"(struck out: {_inline(child)})")
        elif kind == "footnote_ref":
            parts.append(f"[{footnote_label(child)}]")
        else:
            parts.append(_inline(child))
    return "".join(parts)


def wrap(text: str, width: int) -> str:
    """Each line of ``text`` wrapped at ``width``, long words kept whole."""
    return "\n".join(fill(line, width) for line in text.split("\n"))


# The white space textwrap cuts at (each becomes a space), and the other white space, which it
# does not cut at but drops at a line's ends.
_CUT_SPACES = str.maketrans("\t\n\x0b\x0c\r", "     ")
_OTHER_SPACE = re.compile(r"[^\S\t\n\x0b\x0c\r ]")
_SPACES = re.compile(" +")


def fill(line: str, width: int) -> str:
    """One line wrapped at ``width`` as ``textwrap.fill`` (long words and hyphens kept whole)
    wraps it, but a line at a time with searches, not word by word: the same text."""
    text = (line.expandtabs() if "\t" in line else line).translate(_CUT_SPACES)
    if width <= 0 or _OTHER_SPACE.search(text):
        return textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False)
    lines: list[str] = []
    position, end = 0, len(text)
    while position < end:
        if lines and text[position] == " ":  # a line after the first starts after the spaces
            position = _after_spaces(text, position)
            if position >= end:
                break
        stop = _line_end(text, position, width)
        taken = text[position:stop].rstrip(" ")  # and ends before them
        if taken:
            lines.append(taken)
        position = stop
    return "\n".join(lines)


def _line_end(text: str, start: int, width: int) -> int:
    """Where the line from ``start`` ends: after the last whole word or run of spaces that fits
    in ``width``, or after the first, however long."""
    limit = start + width
    if limit >= len(text):
        return len(text)
    space = text[limit] == " "
    if (text[limit - 1] == " ") != space:
        return limit  # a word or a run of spaces ends at the limit
    if space:  # a run of spaces crosses it: the line ends before the run
        cut = start + len(text[start:limit].rstrip(" "))
    else:  # a word crosses it: the line ends after the spaces before it
        cut = text.rfind(" ", start, limit) + 1 or start
    if cut > start:
        return cut
    if space:  # the first run of spaces, longer than the line
        return _after_spaces(text, start)
    after = text.find(" ", start)
    return after if after >= 0 else len(text)


def _after_spaces(text: str, start: int) -> int:
    """Where the run of spaces from ``start`` ends (``start`` if none)."""
    spaces = _SPACES.match(text, start)
    return spaces.end() if spaces else start


# What a symbol says when the output cannot show it: words, never "\u2717".
_SPOKEN = {
    "\u2713": "right",
    "\u2714": "right",
    "\u2717": "wrong",
    "\u2718": "wrong",
    "\u2191": "up",
    "\u2193": "down",
    "\u2190": "left",
    "\u2192": "right",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": " - ",
    "\u2026": "...",
    "\u00a0": " ",
    "\u2022": "-",
    "\ufffd": "?",
}


def encodable(text: str, encoding: str | None) -> str:
    """``text`` as it can be written in ``encoding``: a symbol it lacks becomes a word or a plainer letter."""
    codec = encoding or "utf-8"
    try:
        text.encode(codec)
        return text
    except (UnicodeEncodeError, LookupError):
        pass
    return "".join(_plainer(char, codec) for char in text)


def _plainer(char: str, codec: str) -> str:
    try:
        char.encode(codec)
        return char
    except UnicodeEncodeError:
        pass
    except LookupError:
        codec = "ascii"
    for candidate in (_SPOKEN.get(char, ""), unicodedata.normalize("NFKD", char)):
        stripped = "".join(c for c in candidate if not unicodedata.combining(c))
        if stripped and _fits(stripped, codec):
            return stripped
    name = unicodedata.name(char, "").lower()
    return f"[{name}]" if name and _fits(name, codec) else "?"


def _fits(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except (UnicodeEncodeError, LookupError):
        return False
    return True
