"""One start-up run: an app from process start to its first passage painted, headless.

``python benchmarks/startup_child.py explainer DIR`` or ``... bare ARTICLE.txt``. Prints
``PAINTED <time.monotonic()> <peak resident KB>`` as soon as the first frame that shows the
passage has been composed, then exits: the parent subtracts the moment it spawned this process.

Both apps are timed the same way: after every frame Textual composes (headless, a frame is
drawn in full but not written to a terminal), we look whether the passage's text widget is
laid out on screen with its text in it. The first frame where it is ends the clock.
"""

import resource
import sys
import time

SIZE = (120, 40)


def peak_memory_kb() -> int:
    """This process's peak resident memory in KB.

    Linux's VmHWM belongs to this program alone; ``ru_maxrss`` can carry over the parent's
    peak across the exec that started us.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def watch_frames(app: object, shown: object) -> None:
    """End the run at the first frame composed while ``shown()`` is true."""
    from textual._compositor import Compositor

    compose_frame = Compositor.render_update
    done = False

    def render_update(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal done
        frame = compose_frame(self, *args, **kwargs)
        if not done and shown():  # type: ignore[operator]
            done = True
            print(f"PAINTED {time.monotonic():.6f} {peak_memory_kb()}", flush=True)
            app.call_later(app.exit)  # type: ignore[attr-defined]
        return frame

    Compositor.render_update = render_update  # type: ignore[method-assign]


def on_screen(widget: object) -> bool:
    """Whether a widget is laid out on the current screen, with some size."""
    try:
        region = widget.screen.find_widget(widget).region  # type: ignore[attr-defined]
    except Exception:  # not mounted, or not in the screen's map yet
        return False
    return bool(region.width and region.height)


def run_explainer(folder: str) -> None:
    """What ``python -m explainer --scenes DIR`` does, headless, until the first passage is painted."""
    from explainer.cli import build_parser

    try:
        from explainer.story.loader import load_story
    except ImportError:  # an older shape of the app
        from explainer.loader import load_story  # type: ignore[import-not-found, no-redef]

    args = build_parser().parse_args(["--scenes", folder])
    story = load_story(args.scenes)
    from explainer.tui.app import ExplainerApp

    try:
        from explainer.reader.saves import SaveSlot

        app = ExplainerApp(story, save_slot=SaveSlot(story, getattr(args, "student", None) or ""))
    except (ImportError, TypeError, AttributeError):  # an older or newer shape of the app
        app = ExplainerApp(story)

    def shown() -> bool:
        from explainer.tui.widgets.passage_text import PassageText

        texts = [w for w in app.screen.query(PassageText) if w.source]
        return bool(texts) and on_screen(texts[0])

    watch_frames(app, shown)
    app.run(headless=True, size=SIZE)


def run_bare(article: str) -> None:
    """The baseline: a bare Textual app with one Markdown widget showing the article."""
    from textual.app import App, ComposeResult
    from textual.widgets import Markdown

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Markdown(article)

    app = Bare()

    def shown() -> bool:
        blocks = app.screen.query_one(Markdown).children
        return bool(blocks) and on_screen(blocks[0])

    watch_frames(app, shown)
    app.run(headless=True, size=SIZE)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        with open(sys.argv[2], encoding="utf-8") as file:
            run_bare(file.read())
    else:
        run_explainer(sys.argv[2])
