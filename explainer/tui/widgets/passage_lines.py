"""A passage's blocks cut into lines at one width; each line's Content made only when it is drawn."""

from __future__ import annotations

import re
from bisect import bisect_right

from rich._wrap import divide_line
from textual.content import Content, Span

from explainer.tui.widgets.passage_blocks import Block

_SPACES = re.compile(" *")


class PassageLines:
    """Every line of a passage at one width, as Textual's ``Content.wrap`` would cut them.

    Where each line ends is found for the whole passage (its height is needed to scroll), but
    only the lines drawn become Content: a passage of 100 KB is over a thousand lines, of which
    a screen shows a few dozen. A line not made yet is its block and where its text starts and
    ends, kept in plain lists of numbers (no object for each line).
    """

    def __init__(self, blocks: list[Block | None], width: int) -> None:
        self.width = width
        self._made: list[Content | None] = []
        self._blocks: list[Block | None] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._first_lines: dict[int, tuple[int, int]] = {}  # a block's first line and its count, by id
        self._spans: dict[int, list[list[Span]]] = {}  # a block's styles, line by line, by id
        for block in blocks:
            if block is None:
                if self._made and not self._is_blank(len(self) - 1):
                    self._add([Content("")])
            elif block.table is not None:
                room = max(1, width - block.first.cell_length)
                self._add(
                    [(block.first if n == 0 else block.rest) + line for n, line in enumerate(block.table.lines(room))]
                )
            elif block.rule:
                self._add([block.first + Content.styled("─" * max(0, width - block.first.cell_length), ".rule")])
            else:
                self._add_text(block, max(1, width - block.first.cell_length))
        while self._made and self._is_blank(len(self) - 1):
            for column in (self._made, self._blocks, self._starts, self._ends):
                column.pop()

    def __len__(self) -> int:
        return len(self._made)

    def line(self, y: int) -> Content:
        """Line ``y``, made (and kept) the first time it is asked for."""
        made = self._made[y]
        if made is None:
            block = self._blocks[y]
            assert block is not None
            start = self._starts[y]
            room = max(1, self.width - block.first.cell_length)
            end = self._ends[y]
            if start == 0:
                text = block.text[:end]
            else:  # as ``block.text[start:end]`` gives it, without going through all the block's styles
                text = Content(
                    block.text.plain[start:end],
                    self._spans_of(block)[y - self._first_lines[id(block)][0]],
                    strip_control_codes=False,
                )
            # Cut where ``Content.wrap`` cuts, and cropped as it crops (a wide letter in one cell).
            text = text.truncate(room)
            if text.plain[-1:].isspace():  # most lines end in a letter: nothing to strip
                text = text.rstrip()
            made = self._made[y] = _line(block, text, room, start == 0)
        return made

    def _is_blank(self, y: int) -> bool:
        """Whether line ``y`` shows nothing, told without making it where it starts with a letter."""
        block, start = self._blocks[y], self._starts[y]
        if self._made[y] is None and block is not None:
            first = block.text.plain[start : start + 1]
            prefix = block.first if start == 0 else block.rest
            if prefix.plain or (first.isascii() and first.isprintable() and first.strip()):
                return False
        return not self.line(y).plain

    def _spans_of(self, block: Block) -> list[list[Span]]:
        """A block's styles cut at its lines, once: each line's, moved to start where it starts.

        Slicing the block's Content for each line would go through every style of the block
        for every line, which grows with the square of its length (a paragraph of thousands of
        code spans); a style here is looked at only for the lines it covers.
        """
        spans = self._spans.get(id(block))
        if spans is None:
            first, count = self._first_lines[id(block)]
            starts, ends = self._starts[first : first + count], self._ends[first : first + count]
            spans = self._spans[id(block)] = [[] for _ in range(count)]
            for begin, finish, style in block.text.spans:
                line = max(0, bisect_right(starts, begin) - 1)
                start, end = starts[line], ends[line]
                if start <= begin and finish <= end:  # within one line, as most are
                    if start < finish and begin < end:
                        spans[line].append(Span(begin - start, finish - start, style))
                    continue
                while line < count and starts[line] < finish:
                    start, end = starts[line], ends[line]
                    if max(0, begin - start) < end - start:
                        spans[line].append(Span(max(0, begin - start), min(finish, end) - start, style))
                    line += 1
        return spans

    def made(self) -> int:
        """How many lines have been made so far."""
        return sum(line is not None for line in self._made)

    def all(self) -> list[Content]:
        """Every line (for copying a selection, or text for tests)."""
        return [self.line(y) for y in range(len(self))]

    def _add(self, lines: list[Content]) -> None:
        """Lines made at once."""
        self._made += lines
        self._blocks += [None] * len(lines)
        self._starts += [0] * len(lines)
        self._ends += [0] * len(lines)

    def _add_text(self, block: Block, room: int) -> None:
        """The lines of a block of running text, not made yet (but headings, line breaks and tabs)."""
        plain = block.text.plain
        if block.center or "\n" in plain or "\t" in plain:
            self._add([_line(block, line.rstrip(), room, n == 0) for n, line in enumerate(block.text.wrap(room))])
            return
        breaks = line_breaks(plain, room) if plain.isascii() and plain.isprintable() else divide_line(plain, room)
        self._first_lines[id(block)] = (len(self._made), len(breaks) + 1)
        self._made += [None] * (len(breaks) + 1)
        self._blocks += [block] * (len(breaks) + 1)
        self._starts += [0, *breaks]
        self._ends += [*breaks, len(plain)]


def _line(block: Block, text: Content, room: int, first: bool) -> Content:
    """A line of a block's text with what goes before it (centred, for a heading)."""
    if block.center:
        text = text.pad_left(max(0, (room - text.cell_length) // 2))
    before = block.first if first else block.rest
    return before + text if before.plain else text  # most text has nothing before it


def line_breaks(text: str, width: int) -> list[int]:
    """Where ``rich``'s ``divide_line(text, width)`` cuts a line of printable ASCII, found a line at a time.

    Every character takes one cell, so a line's end is found with a look at the word under its
    last cell rather than by measuring each word: the same cuts, in a few string searches a line.
    """
    breaks: list[int] = []
    length = len(text.rstrip(" "))
    first_word = _after_spaces(text, 0)  # leading spaces belong to the first word
    line_start = 0
    while line_start + width < length:
        limit = line_start + width
        # The first word that ends past the line's last cell: the one under it, or the next.
        if text[limit] == " ":
            word = _after_spaces(text, limit)
        else:
            word = text.rfind(" ", 0, limit) + 1
        word_end = text.find(" ", word)
        word_end = length if word_end < 0 else word_end  # its last letter
        spaces_end = _after_spaces(text, word_end)  # and the spaces after it
        if word == first_word:
            word = 0
        if word_end - word > width:  # longer than a line: folded into pieces of one line each
            pieces = range(word, spaces_end, width)
            breaks += [piece for piece in pieces if piece]
            line_start = pieces[-1]
        else:
            if word > line_start:
                breaks.append(word)
            line_start = word
    return breaks


def _after_spaces(text: str, position: int) -> int:
    """The position of the first character from ``position`` on that is not a space."""
    match = _SPACES.match(text, position)
    return position if match is None else match.end()
