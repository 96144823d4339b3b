"""The command palette, with the highlighted term's whole definition under its name."""

from __future__ import annotations

from operator import attrgetter

from textual import on
from textual.command import Command, CommandList, CommandPalette
from textual.content import Content
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import OptionDoesNotExist

from explainer.tui.commands import term_named
from explainer.tui.one_line import OneLine


class StoryPalette(CommandPalette):
    """Textual's palette; the hits are names, and the one highlighted shows its definition, wrapped.

    Only the highlighted hit grows: a list of thousands of definitions, each wrapped and measured,
    would keep the palette from opening at once. Enter shows the definition on a screen of its own.

    It opens and answers with less work than Textual's own: its background is solid, so the
    story under it is not drawn again, tinted, with each frame of the palette; it is ready from
    the start (our hits come at once), so that no class of the screen's has it styled again when
    they come; its one-line hits are measured without wrapping them; and the first hit comes
    with its definition, as it is highlighted at once, rather than the list being measured and
    drawn again to show it.
    """

    DEFAULT_CSS = """
    StoryPalette {
        background: $background;
    }
    /* Room for the scrollbar kept: the list is not drawn again, narrower, once it overflows. */
    StoryPalette CommandList {
        scrollbar-gutter: stable;
    }
    """

    def __init__(self) -> None:
        super().__init__(id="--command-palette", classes="-ready")
        self._opened: tuple[Command, Content] | None = None
        """The hit whose definition is shown, and its name alone."""

    def on_mount(self) -> None:
        # Hits are plain text, never links: no link style to work out (from every widget around
        # the list) for each hit drawn.
        self.query_one(CommandList).auto_links = False

    def _refresh_command_list(self, command_list: CommandList, commands: list[Command], clear_current: bool) -> None:
        if self._opened is not None:
            opened, name = self._opened
            opened._set_prompt(name)
            self._opened = None
        for command in commands:
            if isinstance(command.prompt, Content) and not isinstance(command.prompt, OneLine):
                command._set_prompt(OneLine.of(command.prompt))
        if commands:  # the one Textual highlights: the first of the best, as it sorts them
            self._open(max(commands, key=attrgetter("hit.score")))
        super()._refresh_command_list(command_list, commands, clear_current)

    def _open(self, command: Command) -> Content | None:
        """Show a hit's definition under its name, if it names a term: its prompt now."""
        term = term_named(self._calling_screen, command.hit.text or "")
        if term is None:
            return None
        style = Style.from_styles(self.get_component_styles("command-palette--help-text"))
        name = command.prompt if isinstance(command.prompt, Content) else Content(str(command.prompt))
        shown = Content("\n").join([name, Content(term.definition).stylize_before(style)])
        command._set_prompt(shown)
        self._opened = (command, name)
        return shown

    @on(OptionList.OptionHighlighted)
    def _show_definition(self, event: OptionList.OptionHighlighted) -> None:
        options, command = event.option_list, event.option
        if self._opened is not None and self._opened[0] is command:
            return  # listed with its definition
        self._close_definition(options)
        if not isinstance(command, Command) or not _still_at(options, event) or (shown := self._open(command)) is None:
            return
        options.replace_option_prompt_at_index(event.option_index, shown)
        options.call_after_refresh(options.scroll_to_highlight)

    def _close_definition(self, options: OptionList) -> None:
        """The hit whose definition was shown, back to its name alone (if it is still listed)."""
        opened, self._opened = self._opened, None
        if opened is None or opened[0].id is None:
            return
        try:
            index = options.get_option_index(opened[0].id)
        except OptionDoesNotExist:
            return
        if options.get_option_at_index(index) is opened[0]:
            options.replace_option_prompt_at_index(index, opened[1])


def _still_at(options: OptionList, event: OptionList.OptionHighlighted) -> bool:
    """Whether the option highlighted is still where it was (the list may have been filled again since)."""
    return event.option_index < options.option_count and options.get_option_at_index(event.option_index) is event.option
