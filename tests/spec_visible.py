"""The visible text of the spec's expected HTML and of each output, normalised to compare them.

Block elements are lines, decoration (bullets' shapes, quote bars, table rules) is dropped and
white space collapsed. Where an output shows a construct in words of its own, as its guide says
(a link's address after its words, a picture as "[Picture: ...]", a table in line mode as rows
read one at a time, struck text in line mode as "(struck out: ...)"), the expected side is
written the same way.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

from explainer.outputs.body_html import body_html
from explainer.outputs.plain_text import tree_to_text
from explainer.story.glossary import Glossary
from explainer.story.markdown import parse
from explainer.story.model import Term
from explainer.tui.widgets.passage_text import drawn_lines

SPEC = Path(__file__).parent / "spec"
OUTPUTS = ("app", "line", "html")
# Two words in nearly every spec example: the hardest glossary for linking not to change a thing.
COMMON_WORDS = Glossary((Term("foo", "A word."), Term("bar", "Another word.")))
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "thead", "tbody", "tr"}
_BLOCKS |= {"ul", "ol", "hr", "div", "section"}
_DECORATION = re.compile(r"[│─┼▌]")
_NESTED_BULLETS = re.compile(r"^(?:(?:[•◦▪]|\d+\.) )*[•◦▪](?= |$)")
_WIDE = 10_000  # no output wraps a line: lines stay blocks


def examples() -> list[dict[str, object]]:
    """Every CommonMark spec example, then the GFM table and strikethrough examples."""
    found: list[dict[str, object]] = []
    for name, prefix in (("commonmark.json", "cm"), ("gfm.json", "gfm")):
        for example in json.loads((SPEC / name).read_text(encoding="utf-8")):
            example["id"] = f"{prefix}-{example['example']}"
            found.append(example)
    return found


_WITH_HTML = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def has_raw_html(markdown: str) -> bool:
    """Whether the spec's own set-up (HTML on) reads raw HTML in this Markdown."""
    for token in _WITH_HTML.parse(markdown):
        if token.type == "html_block" or any(c.type == "html_inline" for c in token.children or []):
            return True
    return False


def shown(output: str, markdown: str, glossary: Glossary | None = None) -> str:
    """The visible text an output gives for this Markdown, normalised."""
    tree = parse(markdown, glossary)
    if output == "app":
        return normalised("\n".join(drawn_lines(tree, _WIDE)))
    if output == "line":
        return normalised(tree_to_text(tree, _WIDE))
    return expected(body_html(markdown, glossary), "html", addresses_written=True)


def expected(html: str, output: str, addresses_written: bool = False) -> str:
    """The visible text of HTML as ``output`` would show it, normalised.

    ``addresses_written``: the HTML writes each link's address itself (the handout's does).
    """
    reader = _Visible(output, addresses_written)
    reader.feed(html)
    reader.close()
    return normalised("".join(reader.out))


def normalised(text: str) -> str:
    """Lines without decoration, white space collapsed, empty lines dropped; bullets made "•"."""
    lines = []
    for line in text.split("\n"):
        line = " ".join(_DECORATION.sub(" ", line).split())
        line = _NESTED_BULLETS.sub(lambda match: match.group().replace("◦", "•").replace("▪", "•"), line)
        if line:
            lines.append(line)
    return "\n".join(lines)


class _Visible(HTMLParser):
    """HTML to the text a reader sees, the constructs an output words itself written its way."""

    def __init__(self, output: str, addresses_written: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.output = output
        self.addresses_written = addresses_written
        self.out: list[str] = []
        self.lists: list[list[int | None]] = []  # each open list's next number (None: bullets)
        self.links: list[tuple[str, int]] = []
        self.table: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.after_marker = False  # a list item's first block starts on its marker's line
        self.pre = 0

    def write(self, text: str) -> None:
        if text == "\n" and self.after_marker:
            return
        self.after_marker = False
        if self.cell is not None:
            self.cell.append(text)
        else:
            self.out.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.pre += tag == "pre"
        if tag in _BLOCKS:
            self.write("\n")
        if tag == "ol":
            self.lists.append([int(values.get("start") or 1)])
        elif tag == "ul":
            self.lists.append([None])
        elif tag == "li":
            if not self.after_marker:  # a list first in an item starts on the item's line
                self.write("\n")
            self.after_marker = False
            number = self.lists[-1][0] if self.lists else None
            if number is None:
                self.write("- " if self.output == "line" else "• ")
            else:
                self.write(f"{number}. ")
                self.lists[-1][0] = number + 1
            self.after_marker = True
        elif tag == "br":
            self.write("\n")
        elif tag == "a":
            self.links.append((values.get("href") or "", len(self.cell if self.cell is not None else self.out)))
        elif tag == "img":
            self.write(f"[Picture: {values.get('alt') or ''}]")
        elif tag in ("s", "del") and self.output == "line":
            self.write("(struck out: ")
        elif tag == "table" and self.output == "line":
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th"):
            if self.table is not None:
                self.cell = []
            else:
                self.write(" ")

    def handle_endtag(self, tag: str) -> None:
        self.after_marker = False
        self.pre -= tag == "pre"
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            target = self.cell if self.cell is not None else self.out
            words = "".join(target[start:])
            if href and href not in (words, f"mailto:{words}") and not self.addresses_written:
                self.write(f" ({href})")
        elif tag in ("s", "del") and self.output == "line":
            self.write(")")
        elif tag in ("td", "th") and self.table is not None and self.cell is not None:
            self.table[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table" and self.table is not None:
            rows, self.table = self.table, None
            self.write("\n" + _rows_read_out(rows) + "\n")
        if tag in _BLOCKS or tag == "li":
            self.write("\n")

    def handle_data(self, data: str) -> None:
        if self.after_marker and not data.strip():
            return
        self.write(data if self.pre else data.replace("\n", " "))


def _rows_read_out(rows: list[list[str]]) -> str:
    """A table as line mode reads it (see explainer/outputs/plain_text.py)."""
    headings = [heading or f"Column {n}" for n, heading in enumerate(rows[0], start=1)]
    body = rows[1:]
    lines = [f"Table, {len(body)} row{'' if len(body) == 1 else 's'}, columns: {'; '.join(headings)}."]
    for number, row in enumerate(body, start=1):
        cells = row + [""] * (len(headings) - len(row))
        said = " ".join(
            f"{h}: {c or 'nothing'}{'' if (c or 'nothing')[-1] in '.!?' else '.'}"
            for h, c in zip(headings, cells, strict=False)
        )
        lines.append(f"Row {number}. {said}")
    return "\n".join(lines)


def agreement_table() -> str:
    """A Markdown table: per output and spec section, the examples that agree (raw HTML left out)."""
    from collections import Counter

    totals: Counter[tuple[str, str, str]] = Counter()
    agreed: Counter[tuple[str, str, str]] = Counter()
    sections: dict[str, None] = {}
    for example in examples():
        if has_raw_html(str(example["markdown"])):
            continue
        section = str(example["section"])
        sections.setdefault(section, None)
        for output in OUTPUTS:
            want = expected(str(example["html"]), output)
            for terms, glossary in (("", None), ("+terms", COMMON_WORDS)):
                for key in ((output + terms, section, ""), (output + terms, "all", "")):
                    totals[key] += 1
                    agreed[key] += shown(output, str(example["markdown"]), glossary) == want
    columns = [output + terms for output in OUTPUTS for terms in ("", "+terms")]
    lines = ["| section | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for section in [*sections, "all"]:
        cells = [f"{agreed[(c, section, '')]}/{totals[(c, section, '')]}" for c in columns]
        lines.append(f"| {section} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(agreement_table())
