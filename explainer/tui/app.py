"""The Textual app: built from an already-loaded story."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.command import Provider

from explainer.reader.journey import Journey
from explainer.reader.option_order import reader_seed
from explainer.reader.saves import READ_ONLY, SaveSlot, has_progress
from explainer.reader.settings import Settings, load_settings, save_settings
from explainer.reader.shape import StoryShape
from explainer.story.glossary import Glossary
from explainer.story.model import Story
from explainer.tui.screens.story import StoryScreen
from explainer.tui.themes import HIGH_CONTRAST, next_theme


def story_commands() -> type[Provider]:
    """The palette's terms and passages, imported once the palette opens (as Textual's own are)."""
    from explainer.tui.commands import StoryCommands

    return StoryCommands


class ExplainerApp(App[None]):
    """Walks a reader through one story."""

    CSS_PATH = "explainer.tcss"
    COMMANDS = App.COMMANDS | {story_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("t", "next_theme", "Theme", id="theme"),
    ]

    def __init__(
        self,
        story: Story,
        save_slot: SaveSlot | None = None,
        *,
        teacher: bool = False,
        clock: Callable[[], float] = time.monotonic,
        watch: Path | None = None,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.story = story
        self.title = story.title
        self.teacher = teacher
        self.register_theme(HIGH_CONTRAST)
        self._remembered_theme = load_settings().theme
        if self._remembered_theme in self.available_themes:
            self.theme = self._remembered_theme
        self.save_slot = save_slot
        self.shape = StoryShape(story)
        self._saved: Journey | None = None
        self._save_notices: list[str] = []
        self._story_screen: StoryScreen | None = None
        self._told_settings_unsaved = False
        self._open_elsewhere = False
        self.live_folder = watch
        """With ``--watch``: the story folder to read again whenever a file in it changes."""

    @property
    def story_screen(self) -> StoryScreen | None:
        """The story screen, once made."""
        return self._story_screen

    def get_default_screen(self) -> StoryScreen:
        self._open_elsewhere = self.save_slot is not None and not self.save_slot.claim()
        if self.save_slot is not None and not self._open_elsewhere:
            self._load_save()
        seed = reader_seed(self.save_slot.student) if self.save_slot is not None else ""
        journey = Journey(self.story, seed=seed, clock=self.clock)
        self._story_screen = StoryScreen(journey, Glossary(self.story.terms), self.shape)
        return self._story_screen

    def _load_save(self) -> None:
        """Read the save (once this copy holds it, or reads only)."""
        if self.save_slot is not None:
            saved, self._save_notices = self.save_slot.load()
            self._saved = saved if saved is not None and has_progress(saved) else None

    async def on_mount(self) -> None:
        if self.live_folder is not None:
            from explainer.tui.live_reload import LiveReload  # only for authors

            await LiveReload(self, self.live_folder).start()
        if self._open_elsewhere and self.save_slot is not None:
            from explainer.tui.screens.open_elsewhere import OpenElsewhereScreen  # only when it is open twice

            self.push_screen(OpenElsewhereScreen(self.save_slot.student), self._opened_elsewhere)
            return
        self._offer_resume()

    def _opened_elsewhere(self, take_over: bool | None) -> None:
        self._open_elsewhere = False
        if self.save_slot is None:
            return
        if take_over:
            self.save_slot.take_over()
        else:
            self.save_slot.read_only = True
            self.notify(READ_ONLY, title="Read only", severity="warning", timeout=12, markup=False)
        self._load_save()
        self._offer_resume()

    def _offer_resume(self) -> None:
        """Show the notices about the save, and offer to resume it."""
        for notice in self._save_notices:
            self.notify(notice, title="Saved progress", severity="warning", timeout=12, markup=False)
        saved = self._saved
        if saved is not None and self.save_slot is not None:
            from explainer.tui.screens.resume import ResumeScreen  # only when there is progress to resume

            self.push_screen(
                ResumeScreen(self.save_slot.student, self.shape.where(saved.passage), saved.passage.title),
                self._resume,
            )

    async def _resume(self, resume: bool | None) -> None:
        saved, self._saved = self._saved, None
        screen = self._story_screen
        if screen is None or saved is None:
            return
        if resume:
            screen.journey = saved
            await screen.show_passage()
        else:
            self.save_progress(screen.journey)

    def on_story_screen_progressed(self, event: StoryScreen.Progressed) -> None:
        if self._saved is None:
            self.save_progress(event.journey)

    def save_progress(self, journey: Journey) -> None:
        """Save the journey; tell the reader once if it cannot be saved."""
        if self.save_slot is not None and not self._open_elsewhere:  # not before the reader chose
            problem = self.save_slot.save(journey)
            if problem:
                self.notify(problem, title="Not saved", severity="error", timeout=12, markup=False)

    async def action_quit(self) -> None:
        if self._story_screen is not None and self._saved is None:
            self.save_progress(self._story_screen.journey)
        self.exit()

    def on_unmount(self) -> None:
        if self.save_slot is not None:
            self.save_slot.close()  # however the app ends, the next copy finds the save free

    def watch_theme(self, theme: str) -> None:
        if theme == self._remembered_theme:
            return
        self._remembered_theme = theme
        try:
            save_settings(Settings(theme=theme))
        except OSError:
            if not self._told_settings_unsaved:  # said once, in words, not once per key
                self._told_settings_unsaved = True
                self.notify(
                    "Your theme is used now, but it will not be remembered next time: "
                    "the data folder cannot be written.",
                    severity="warning",
                    markup=False,
                )

    def action_next_theme(self) -> None:
        self.theme = next_theme(self.theme)
        self.notify(f"Theme: {self.theme}", timeout=2, markup=False)

    def action_help(self) -> None:
        from explainer.tui.screens.help import HelpScreen  # not needed for the first screen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(teacher=self.teacher))

    def action_command_palette(self) -> None:
        """Textual's palette, showing the highlighted term's definition (see ``StoryPalette``)."""
        from textual.command import CommandPalette

        from explainer.tui.screens.palette import StoryPalette  # not needed for the first screen

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(StoryPalette())
