"""``--watch``: the story read again while it plays, the reader kept at the same passage."""

from __future__ import annotations

import io
import os
import shutil
import time
from pathlib import Path

from conftest import screen_text

from explainer.checks.live import FileWatch, reload_story
from explainer.outputs.line_watch import WatchingLinePlayer
from explainer.story.loader import load_story
from explainer.tui.app import ExplainerApp

STORIES = Path(__file__).resolve().parent / "stories"


def edit(path: Path, old: str, new: str) -> None:
    """Change a file as an editor saves it, its time a second on (however coarse the clock)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    later = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(later, later))


def council(tmp_path: Path) -> Path:
    return shutil.copytree(STORIES / "council", tmp_path / "council")


async def test_an_edited_scene_changes_the_passage_in_place(tmp_path: Path) -> None:
    folder = council(tmp_path)
    app = ExplainerApp(load_story(folder), watch=folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("1")  # to the first section
        await pilot.pause()
        assert "How the article begins" in screen_text(app)
        assert "elected group of people" in screen_text(app)
        edit(folder / "01-beginning.md", "elected group of people", "elected band of neighbours")
        await pilot.pause(1.2)
        shown = screen_text(app)
        assert "elected band of neighbours" in shown and "elected group of people" not in shown
        assert "How the article begins" in shown  # the same passage, not the opening again
        assert "When are phones banned" in shown

        # A mistake: the story as it was stays, and the panel names the mistake at its line.
        edit(folder / "01-beginning.md", "  prompt: When are phones", "  prompt: *When* are phones")
        await pilot.pause(1.2)
        shown = " ".join(screen_text(app).split())
        assert "The story cannot be read as it is now" in shown
        assert " 01-beginning.md:8: error: 'prompt' starts with '*', which YAML reads as an alias" in shown
        assert "elected band of neighbours" in shown

        edit(folder / "01-beginning.md", "  prompt: *When* are phones", "  prompt: When are phones")
        await pilot.pause(1.2)
        shown = screen_text(app)
        assert "The story cannot be read" not in shown and "error:" not in shown
        assert "When are phones banned" in shown


async def test_watching_shows_the_warnings_of_the_story_at_once(tmp_path: Path) -> None:
    folder = council(tmp_path)
    with (folder / "glossary.yaml").open("a", encoding="utf-8") as glossary:
        glossary.write("  - term: Spare\n    definition: Unused.\n")
    app = ExplainerApp(load_story(folder), watch=folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        assert 'glossary.yaml:16: warning: term "Spare" is defined but never used' in shown


class EditingInput(io.StringIO):
    """Typed lines; before one of them is read, a file is edited (as the author saves it)."""

    def __init__(self, typed: str, before_line: int, change: tuple[Path, str, str]) -> None:
        super().__init__(typed)
        self.lines_read = 0
        self.before_line = before_line
        self.change = change

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        self.lines_read += 1
        if self.lines_read == self.before_line:
            edit(*self.change)
        return super().readline(size)


def test_line_mode_reads_the_story_again_and_says_so(tmp_path: Path) -> None:
    folder = council(tmp_path)
    change = (folder / "01-beginning.md", "elected group of people", "elected band of neighbours")
    output = io.StringIO()
    player = WatchingLinePlayer(
        load_story(folder),
        folder=folder,
        input=EditingInput("1\nb\n", before_line=2, change=change),
        output=output,
        errors=io.StringIO(),
        color=False,
    )
    assert player.run() == 0
    text = output.getvalue()
    assert text.index("check: no problems found.") < text.index("elected group of people")
    changed = text.index("The story changed; here is your passage as it is now.")
    assert "elected group of people" in text[:changed]
    after = text[changed:]
    assert after.index("How the article begins") < after.index("elected band of neighbours")


def test_line_mode_tells_a_mistake_as_lines_and_goes_on(tmp_path: Path) -> None:
    folder = council(tmp_path)
    change = (folder / "02-vote.md", "      feedback: No. The article gives", "    feedback: No. The article gives")
    output = io.StringIO()
    WatchingLinePlayer(
        load_story(folder),
        folder=folder,
        input=EditingInput("1\n", before_line=1, change=change),
        output=output,
        errors=io.StringIO(),
        color=False,
    ).run()
    lines = output.getvalue().splitlines()
    told = lines.index("The story cannot be read as it is now; you are reading it as it was before:")
    assert lines[told + 1].startswith(f"{folder}/02-vote.md:15: error: 'feedback' is indented 4 spaces")
    assert lines[told + 2] == "  9 more problems that may follow from this one; fix it and check again"


def test_a_file_watch_sees_writes_new_files_and_removals(tmp_path: Path) -> None:
    folder = council(tmp_path)
    files = FileWatch(folder)
    assert not files.changed()
    edit(folder / "05-ending.md", "You have followed", "You followed")
    assert files.changed() and not files.changed()
    (folder / "06-more.md").write_text("---\nid: more\ntitle: More\n---\nMore.\n")
    assert files.changed()
    (folder / "06-more.md").unlink()
    assert files.changed()
    (folder / ".06-more.md.swp").write_text("editor")  # an editor's own file is not the story's
    assert not files.changed()


def test_reading_the_shipped_story_again_takes_little_time() -> None:
    # A shape test, not a timing target (benchmarks/run.py has that): well under a second.
    scenes = Path(__file__).resolve().parent.parent / "scenes"
    start = time.process_time()
    reloaded = reload_story(scenes)
    assert reloaded.story is not None and reloaded.errors == 0
    assert time.process_time() - start < 2.0


def test_a_reload_finds_what_check_finds(tmp_path: Path) -> None:
    folder = council(tmp_path)
    edit(folder / "02-vote.md", "- text: They said the pouches cost too much", "- text: Nothing #1 is wrong")
    reloaded = reload_story(folder)
    assert reloaded.story is not None  # it plays, and the cut is told
    assert [p.labelled() for p in reloaded.problems] == [
        f"{folder}/02-vote.md:14: warning: YAML cut 'text' at ' #' (the rest of the line is a comment); "
        'to keep it, put it in quotes: - text: "Nothing #1 is wrong"'
    ]
