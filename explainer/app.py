"""The Textual app: built from an already-loaded story."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from .commands import StoryCommands
from .glossary import Glossary
from .journey import Journey
from .model import Story
from .screens.help import HelpScreen
from .screens.story import StoryScreen


class ExplainerApp(App[None]):
    """Walks a reader through one story."""

    CSS_PATH = "explainer.tcss"
    COMMANDS = App.COMMANDS | {StoryCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help", id="help"),
    ]

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = story
        self.title = story.title

    def get_default_screen(self) -> StoryScreen:
        return StoryScreen(Journey(self.story), Glossary(self.story.terms))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
