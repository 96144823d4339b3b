"""A Markdown table laid out for the passage: a grid, its cells wrapped, or one row at a time."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

_SEPARATOR = " │ "
# The narrowest a column may be squeezed to before the grid gives way to labelled rows.
_NARROWEST = 6


@dataclass(frozen=True)
class Table:
    """A table's cells (the first row the header) and each column's alignment."""

    rows: list[list[Content]]
    aligns: list[str]

    def lines(self, room: int) -> list[Content]:
        """The table drawn in ``room`` cells: a grid if its columns fit, labelled rows if not."""
        columns = max((len(row) for row in self.rows), default=0)
        if not columns:
            return []
        rows = [row + [Content("")] * (columns - len(row)) for row in self.rows]
        widths = _column_widths(rows, room - len(_SEPARATOR) * (columns - 1))
        if widths is None:
            return self._labelled_rows(rows, room)
        lines: list[Content] = []
        for number, row in enumerate(rows):
            lines += self._grid_row(row, widths, header=number == 0)
            if number == 0:
                rule = "─┼─".join("─" * width for width in widths)
                lines.append(Content.styled(rule, ".table-rule"))
        return lines

    def _grid_row(self, row: list[Content], widths: list[int], header: bool) -> list[Content]:
        """One row of the grid, each cell wrapped to its column (so a row may take several lines)."""
        wrapped = [cell.wrap(width) if cell.plain else [Content("")] for cell, width in zip(row, widths, strict=True)]
        height = max(len(cell) for cell in wrapped)
        lines = []
        for line in range(height):
            pieces = []
            for column, (cell, width) in enumerate(zip(wrapped, widths, strict=True)):
                text = _stripped(cell[line]) if line < len(cell) else Content("")
                pieces.append(_aligned(text, width, self.aligns[column] if column < len(self.aligns) else ""))
            joined = Content.styled(_SEPARATOR, ".table-rule").join(pieces).rstrip()
            lines.append(joined.stylize_before(".table-header") if header else joined)
        return lines

    def _labelled_rows(self, rows: list[list[Content]], room: int) -> list[Content]:
        """Each body row as lines of "Heading: cell", for a table too wide for a grid."""
        headings = [heading if heading.plain else Content(f"Column {n}") for n, heading in enumerate(rows[0], 1)]
        lines: list[Content] = []
        for number, row in enumerate(rows[1:], start=1):
            lines.append(Content.styled(f"Row {number}", ".table-header"))
            for heading, cell in zip(headings, row, strict=True):
                label = heading.stylize_before(".table-header") + ": "
                for index, line in enumerate((label + cell).wrap(max(1, room - 2))):
                    lines.append(Content("  " if index == 0 else "    ") + line.rstrip())
        return lines


def _stripped(line: Content) -> Content:
    """A wrapped line without the spaces the wrap left at either end."""
    line = line.rstrip()
    lead = len(line.plain) - len(line.plain.lstrip(" "))
    return line[lead:] if lead else line


def _aligned(text: Content, width: int, align: str) -> Content:
    space = max(0, width - text.cell_length)
    if align == "right":
        return text.pad_left(space)
    if align == "center":
        return text.pad_left(space // 2).pad_right(space - space // 2)
    return text.pad_right(space)


def _column_widths(rows: list[list[Content]], room: int) -> list[int] | None:
    """How wide to draw each column in ``room`` cells; ``None`` if a grid cannot fit."""
    natural = [max(1, max(row[column].cell_length for row in rows)) for column in range(len(rows[0]))]
    if sum(natural) <= room:
        return natural
    if room < _NARROWEST * len(natural):
        return None
    # Columns that need less than a fair share keep their width; the rest share what is left.
    widths = list(natural)
    wide = set(range(len(natural)))
    left = room
    while True:
        share = left // len(wide)
        narrow = {column for column in wide if natural[column] <= share}
        if not narrow:
            break
        wide -= narrow
        left -= sum(natural[column] for column in narrow)
    share, extra = divmod(left, len(wide))
    for index, column in enumerate(sorted(wide)):
        widths[column] = share + (1 if index < extra else 0)
    return widths
