"""The command palette, with the highlighted term's whole definition under its name."""

from __future__ import annotations

from textual import on
from textual.command import Command, CommandPalette
from textual.content import Content
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import OptionDoesNotExist

from explainer.tui.commands import term_named


class StoryPalette(CommandPalette):
    """Textual's palette; the hits are names, and the one highlighted shows its definition, wrapped.

    Only the highlighted hit grows: a list of thousands of definitions, each wrapped and measured,
    would keep the palette from opening at once. Enter shows the definition on a screen of its own.
    """

    def __init__(self) -> None:
        super().__init__(id="--command-palette")
        self._opened: Command | None = None

    @on(OptionList.OptionHighlighted)
    def _show_definition(self, event: OptionList.OptionHighlighted) -> None:
        options = event.option_list
        self._close_definition(options)
        command = event.option
        if not isinstance(command, Command) or command.hit.text is None or not _still_at(options, event):
            return
        term = term_named(self._calling_screen, command.hit.text)
        if term is None:
            return
        style = Style.from_styles(self.get_component_styles("command-palette--help-text"))
        name = command.hit.prompt
        shown = Content("\n").join(
            [name if isinstance(name, Content) else Content(str(name)), Content(term.definition).stylize_before(style)]
        )
        options.replace_option_prompt_at_index(event.option_index, shown)
        self._opened = command
        options.call_after_refresh(options.scroll_to_highlight)

    def _close_definition(self, options: OptionList) -> None:
        """The hit whose definition was shown, back to its name alone (if it is still listed)."""
        opened, self._opened = self._opened, None
        if opened is None or opened.id is None:
            return
        try:
            index = options.get_option_index(opened.id)
        except OptionDoesNotExist:
            return
        if options.get_option_at_index(index) is opened:
            options.replace_option_prompt_at_index(index, opened.hit.prompt)


def _still_at(options: OptionList, event: OptionList.OptionHighlighted) -> bool:
    """Whether the option highlighted is still where it was (the list may have been filled again since)."""
    return event.option_index < options.option_count and options.get_option_at_index(event.option_index) is event.option
