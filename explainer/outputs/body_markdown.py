"""A passage body written back as plain, safe Markdown for the handout, from the one parsed tree.

What it writes is Markdown that any CommonMark renderer with GFM tables and strikethrough draws
as the HTML handout is drawn: no raw HTML, pictures as marked words, link addresses written
after the words, footnotes as a numbered list at the end, and glossary terms as plain words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import attrgetter

from explainer.story.glossary import Glossary
from explainer.story.markdown import footnote_label, is_safe, parse, parser, plain_words, shown_address, term_index
from explainer.story.token_tree import Item, Node, inside

# Each character Markdown could read as markup, with a backslash before it.
_ESCAPED = str.maketrans({char: "\\" + char for char in "\\`*_[]<>#|~&!"})
# What would start a block at the start of a line: a list, a rule or a setext underline.
_BLOCK_START = re.compile(r"[-+=]|\d{1,9}(?=[.)])")
_BACKTICKS = re.compile(r"`+")
_EMPHASIS_OPENINGS = frozenset({"em_open", "strong_open", "s_open"})
_type = attrgetter("type")
_children = attrgetter("children")


def body_markdown(markdown: str, glossary: Glossary | None = None) -> str:
    """A body as Markdown that shows as written, with nothing to load and no raw HTML."""
    return "\n\n".join(part for part in _blocks(inside(parse(markdown, glossary))) if part)


def escape_text(text: str) -> str:
    """Text that Markdown shows exactly as written, inside a line."""
    return text.translate(_ESCAPED)


def _blocks(nodes: Sequence[Item]) -> list[str]:
    out: list[str] = []
    previous = ""
    for node in nodes:
        kind = node.type
        if kind == "paragraph":
            out.append(_paragraph(node))
        elif kind == "heading":
            out.append("#" * int(node.tag[1:]) + " " + _inline(node).replace("\\\n", " ").replace("\n", " "))
        elif kind == "blockquote":
            inner = "\n\n".join(_blocks(inside(node)))
            out.append("\n".join(("> " + line).rstrip() for line in inner.split("\n")))
        elif kind in ("bullet_list", "ordered_list"):
            # Two lists in a row must not run together: the second takes the other marker.
            out.append(_list(node, other=previous == kind))
        elif kind in ("fence", "code_block"):
            out.append(_code_block(node.content))
        elif kind == "hr":
            out.append("***")
        elif kind == "table":
            out.append(_table(node))
        elif kind == "footnote_block":
            out.append("**Notes**\n\n" + "\n".join(_footnote(footnote) for footnote in inside(node)))
        elif inside(node):
            out.extend(_blocks(inside(node)))
        previous = kind
    return out


def _footnote(node: Item) -> str:
    """A footnote as an item of a numbered list (the numbers are the footnotes' own)."""
    marker = f"{footnote_label(node)}. "
    lines = "\n\n".join(_blocks(inside(node))).split("\n")
    return "\n".join([marker + lines[0], *((" " * len(marker) + line).rstrip() for line in lines[1:])])


def _paragraph(node: Item) -> str:
    lines = []
    for line in _inline(node).split("\n"):
        line = line.lstrip(" \t")
        start = _BLOCK_START.match(line)
        if start:
            position = start.end() if line[:1].isdigit() else 0
            line = line[:position] + "\\" + line[position:]
        lines.append(line)
    return "\n".join(lines)


def _list(node: Item, other: bool) -> str:
    ordered = node.type == "ordered_list"
    start = int(str(node.attrs.get("start", 1))) if ordered else 1
    loose = any(not child.hidden for item in inside(node) for child in inside(item) if child.type == "paragraph")
    items = []
    for number, item in enumerate(inside(node), start=start):
        marker = (f"{number}" + (")" if other else ".")) if ordered else ("*" if other else "-")
        indent = " " * (len(marker) + 1)
        body = ("\n\n" if loose else "\n").join(_blocks(inside(item)))
        lines = body.split("\n")
        first = f"{marker} {lines[0]}".rstrip()
        items.append("\n".join([first, *((indent + line).rstrip() for line in lines[1:])]))
    return ("\n\n" if loose else "\n").join(items)


def _code_block(content: str) -> str:
    longest = _longest_backticks(content)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{content.rstrip(chr(10))}\n{fence}" if content.strip("\n") else f"{fence}\n{fence}"


def _table(node: Item) -> str:
    rows = [row for section in inside(node) for row in inside(section)]
    lines = []
    for number, row in enumerate(rows):
        cells = [_inline(cell, in_table=True).replace("\n", " ") for cell in inside(row)]
        lines.append("| " + " | ".join(cells) + " |")
        if number == 0:
            aligns = [str(cell.attrs.get("style", "")).removeprefix("text-align:") for cell in inside(row)]
            rule = {"left": ":--", "right": "--:", "center": ":-:"}
            lines.append("| " + " | ".join(rule.get(align, "---") for align in aligns) + " |")
    return "\n".join(lines)


def _inline(node: Item, in_table: bool = False) -> str:
    inline = next((child for child in inside(node) if child.type == "inline"), None)
    if inline is None:
        return ""
    written = "".join(_spans(inline, in_table, styled=True))
    # Emphasis written back may not parse as emphasis (its delimiters' neighbours decide): then
    # it is left out. Text without emphasis is escaped throughout and needs no such check.
    styled = _has_emphasis(inline)
    if styled and _shows(written) != _visible(inline):
        written = "".join(_spans(inline, in_table, styled=False))
    return written


def _has_emphasis(item: Item) -> bool:
    """Whether inline Markdown has emphasis, strong emphasis or strikethrough anywhere in it
    (a picture's words too)."""
    children = (item.opening if isinstance(item, Node) else item).children or ()
    return any(map(_EMPHASIS_OPENINGS.__contains__, map(_type, children))) or any(
        map(_has_emphasis, filter(_children, children))
    )


def _spans(node: Item, in_table: bool, styled: bool) -> list[str]:
    out: list[str] = []
    for child in inside(node):
        kind = child.type
        if kind == "text":
            out.append(escape_text(child.content.replace("\n", " ")))
        elif kind == "softbreak":
            out.append("\n")
        elif kind == "hardbreak":
            out.append("\\\n")
        elif kind == "code_inline":
            out.append(_code_span(child.content.replace("|", "\\|") if in_table else child.content))
        elif kind in ("em", "strong", "s"):
            mark = {"em": "*", "strong": "**", "s": "~~"}[kind] if styled else ""
            out.append(mark + "".join(_spans(child, in_table, styled)) + mark)
        elif kind == "link":
            out.append(_link(child, in_table, styled))
        elif kind == "image":
            out.append(escape_text(f"[Picture: {plain_words(child)}]"))
        elif kind == "footnote_ref":
            out.append(escape_text(f"[{footnote_label(child)}]"))
        else:
            out.extend(_spans(child, in_table, styled))
    return out


def _link(node: Item, in_table: bool, styled: bool) -> str:
    words = "".join(_spans(node, in_table, styled))
    href = str(node.attrs.get("href", ""))
    address = shown_address(href, plain_words(node))
    after = f" ({escape_text(address)})" if address else ""
    if is_safe(href) and term_index(href) is None and words.strip():
        target = href.replace("\\", "%5C").replace("(", "%28").replace(")", "%29").replace(" ", "%20")
        return f"[{words}]({target.replace('<', '%3C').replace('>', '%3E')}){after}"
    return words + after


def _longest_backticks(content: str) -> int:
    """The length of the longest run of backticks in ``content`` (0 without one)."""
    return max(map(len, _BACKTICKS.findall(content)), default=0) if "`" in content else 0


def _code_span(content: str) -> str:
    if "`" not in content and content[:1] != " " and content[-1:] != " ":  # most code: one backtick, no pad
        return "`" + content + "`"
    longest = _longest_backticks(content)
    ticks = "`" * (longest + 1)
    pad = " " if content[:1] in ("`", " ") or content[-1:] in ("`", " ") else ""
    return f"{ticks}{pad}{content}{pad}{ticks}"


def _visible(node: Item) -> str:
    """The visible words of inline Markdown, link addresses and all, as the handout shows them."""
    parts = []
    for child in inside(node):
        if child.type in ("text", "code_inline"):
            parts.append(child.content.replace("\n", " "))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "link":
            words = _visible(child)
            address = shown_address(str(child.attrs.get("href", "")), plain_words(child))
            parts.append(words + (f" ({address})" if address else ""))
        elif child.type == "image":
            parts.append(f"[Picture: {plain_words(child)}]")
        elif child.type == "footnote_ref":
            parts.append(f"[{footnote_label(child)}]")
        else:
            parts.append(_visible(child))
    return " ".join("".join(parts).split())


def _shows(written: str) -> str:
    """The visible words of written inline Markdown, its link addresses being text in it."""
    inline = next((token for token in parser().parseInline(written) if token.type == "inline"), None)
    return " ".join(plain_words(inline).split()) if inline is not None else ""
