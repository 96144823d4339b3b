"""One start-up run: an app from process start to its first passage painted, headless.

``python benchmarks/startup_child.py explainer DIR`` or ``... bare ARTICLE.txt``. Prints
``PAINTED <time.monotonic()> <peak resident KB>`` at the first paint, then exits: the parent
subtracts the moment it spawned this process.
"""

import resource
import sys
import time

SIZE = (120, 40)


def painted(app: object) -> None:
    """Report the paint time and the peak memory so far, and leave."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"PAINTED {time.monotonic():.6f} {peak}", flush=True)
    app.exit()  # type: ignore[attr-defined]


def run_explainer(folder: str) -> None:
    """What ``python -m explainer --scenes DIR`` does, headless, until the first passage is painted."""
    from explainer.cli import build_parser
    from explainer.loader import load_story

    args = build_parser().parse_args(["--scenes", folder])
    story = load_story(args.scenes)
    from explainer.app import ExplainerApp
    from explainer.screens.story import StoryScreen

    original = StoryScreen.show_passage

    async def show_passage(self: StoryScreen) -> None:
        await original(self)
        self.call_after_refresh(painted, self.app)

    StoryScreen.show_passage = show_passage  # type: ignore[method-assign]
    try:
        from explainer.saves import SaveSlot

        app = ExplainerApp(story, save_slot=SaveSlot(story, getattr(args, "student", None) or ""))
    except (ImportError, TypeError, AttributeError):  # an older or newer shape of the app
        app = ExplainerApp(story)
    app.run(headless=True, size=SIZE)


def run_bare(article: str) -> None:
    """The baseline: a bare Textual app with one Markdown widget showing the article."""
    from textual.app import App, ComposeResult
    from textual.widgets import Markdown

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Markdown(article)

        def on_markdown_table_of_contents_updated(self, event: Markdown.TableOfContentsUpdated) -> None:
            if event.markdown.source:
                self.call_after_refresh(painted, self)

    Bare().run(headless=True, size=SIZE)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        with open(sys.argv[2], encoding="utf-8") as file:
            run_bare(file.read())
    else:
        run_explainer(sys.argv[2])
