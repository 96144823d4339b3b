"""Text that Textual measures without wrapping it when it fits on one line."""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap


class OneLine(Content):
    """A name (a term's, a passage's), measured without wrapping it when it fits on one line.

    Textual measures an option by wrapping its text at the list's width, for every option and
    at every layout; a list of hundreds of names, each one line, need not be wrapped to know it.
    """

    @classmethod
    def of(cls, content: Content) -> OneLine:
        """The same text and styles, measured as one line when it fits."""
        return cls(content.plain, list(content.spans), content.cell_length, strip_control_codes=False)

    def get_height(self, rules: RulesMap, width: int) -> int:
        if "\n" not in self.plain and self.cell_length <= width - rules.get("line_pad", 0) * 2:
            return 1
        return super().get_height(rules, width)
