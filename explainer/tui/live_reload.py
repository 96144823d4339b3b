"""``--watch`` in the app: the story read again when a file changes, the reader kept in place."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from explainer.checks.live import POLL_SECONDS, FileWatch, reload_story
from explainer.reader.journey import Journey
from explainer.story.files import label
from explainer.story.glossary import Glossary
from explainer.tui.widgets.passage_view import PassageView
from explainer.tui.widgets.problems_panel import ProblemsPanel

if TYPE_CHECKING:
    from explainer.tui.app import ExplainerApp


class LiveReload:
    """Polls a story folder for the app; on a change shows the passage again, and check's problems."""

    def __init__(self, app: ExplainerApp, folder: Path) -> None:
        self.app = app
        self.folder = folder
        self.files = FileWatch(folder)
        self.panel = ProblemsPanel(id="problems")
        self.prefix = label(folder) + "/"

    async def start(self) -> None:
        """Poll, and show what check finds now once the story screen is drawn."""
        screen = self.app.story_screen
        if screen is not None:
            screen.call_after_refresh(self._show_panel)
        self.app.set_interval(POLL_SECONDS, self.poll)

    async def _show_panel(self) -> None:
        screen = self.app.story_screen
        if screen is None:
            return
        # Below the reading column, above the keys: split off the screen's bottom after them.
        await screen.mount(self.panel)
        self.panel.show_problems(reload_story(self.folder).problems, loaded=True, folder=self.prefix)

    async def poll(self) -> None:
        """Read the story again if a file changed."""
        if self.files.changed():
            await self.reload()

    async def reload(self) -> None:
        """Read the story again and show the reader's passage as it is now."""
        result = reload_story(self.folder)
        self.panel.show_problems(result.problems, loaded=result.story is not None, folder=self.prefix)
        screen = self.app.story_screen
        if result.story is None or screen is None:
            return
        story = result.story
        self.app.story = story
        self.app.title = story.title
        screen.journey, _dropped = Journey.from_dict(story, screen.journey.to_dict(), clock=self.app.clock)
        screen.glossary = Glossary(story.terms)
        screen.query_one(PassageView).glossary = screen.glossary
        await screen.show_passage()
