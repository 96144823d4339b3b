"""One writer per save: a second copy for the same student reads only or takes over, and nothing is lost silently."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, STORIES

from explainer.outputs.line_mode import LinePlayer
from explainer.reader import save_lock
from explainer.reader.journey import Journey
from explainer.reader.save_lock import SaveLock
from explainer.reader.saves import READ_ONLY, TAKEN_OVER, SaveSlot
from explainer.story.loader import load_story
from explainer.story.model import Story


class FakeTerminal(io.StringIO):
    """Typed input that says it comes from a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def story() -> Story:
    return load_story(STORIES / "tiny")


def steps(journey: Journey, count: int) -> Journey:
    """The journey after ``count`` first choices."""
    for _ in range(count):
        journey.choose(journey.choices()[0])
    return journey


def saved_steps(slot: SaveSlot) -> int:
    return len(json.loads(slot.path.read_text(encoding="utf-8"))["journey"]["steps"])


def test_the_first_copy_holds_the_save_and_a_second_is_refused(story: Story) -> None:
    first, second = SaveSlot(story, "Ann"), SaveSlot(story, " ann ")
    assert first.claim()
    assert not second.claim()
    assert SaveSlot(story, "Bo").claim()  # another student is not held up
    first.close()
    assert second.claim()


def test_the_lock_dies_with_its_holder(story: Story) -> None:
    first = SaveSlot(story, "Ann")
    assert first.claim()
    del first  # a copy that ends without closing: the system drops its lock
    assert SaveSlot(story, "Ann").claim()


def test_read_only_saves_nothing_and_changes_no_file(story: Story) -> None:
    first = SaveSlot(story, "Ann")
    assert first.claim() and first.save(steps(Journey(story), 3)) is None
    before = first.path.read_bytes()
    second = SaveSlot(story, "Ann")
    assert not second.claim()
    second.read_only = True
    journey, _ = second.load()
    assert journey is not None
    assert second.save(steps(Journey(story), 1)) is None
    assert first.path.read_bytes() == before


def test_taking_over_stops_the_first_copy_with_one_notice(story: Story) -> None:
    first = SaveSlot(story, "Ann")
    assert first.claim()
    five = steps(Journey(story), 3)
    assert first.save(five) is None
    second = SaveSlot(story, "Ann")
    assert not second.claim()
    second.take_over()
    resumed, _ = second.load()
    assert resumed is not None and len(resumed.history.steps) == 3  # it starts from all the first one did
    assert second.save(resumed) is None
    notice = first.save(steps(Journey(story), 1))
    assert notice is not None and "took the save over" in notice
    assert first.save(steps(Journey(story), 1)) is None  # told once
    assert saved_steps(second) == 3  # the first copy overwrote nothing
    first.close()
    third = SaveSlot(story, "Ann")
    assert not third.claim()  # the copy that took over still writes the save
    second.close()
    assert third.claim()


def test_without_fcntl_there_is_no_lock_and_no_crash(story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(save_lock, "fcntl", None)
    first, second = SaveSlot(story, "Ann"), SaveSlot(story, "Ann")
    assert first.claim() and second.claim()
    second.take_over()
    assert first.save(Journey(story)) is None and second.save(Journey(story)) is None
    first.close()
    assert not SaveLock(first.path).supported


def test_a_folder_that_cannot_be_written_does_not_stop_the_claim(story: Story, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file", encoding="utf-8")
    slot = SaveSlot(story, "Ann", folder=blocker)
    assert slot.claim()
    assert slot.save(Journey(story)) is not None  # the usual notice that saving fails


def play(story: Story, typed: io.StringIO, take_over: bool = False) -> tuple[str, str]:
    output, errors = io.StringIO(), io.StringIO()
    slot = SaveSlot(story, "Ann")
    LinePlayer(story, slot=slot, input=typed, output=output, errors=errors, take_over=take_over).run()
    return output.getvalue(), errors.getvalue()


def test_line_mode_asks_read_only_or_take_over(story: Story) -> None:
    first = SaveSlot(story, "Ann")
    assert first.claim() and first.save(steps(Journey(story), 3)) is None
    out, _ = play(story, FakeTerminal("x\n1\n1\n"))
    assert "This story is open for you elsewhere" in out and "1. Read only" in out and "2. Take over" in out
    assert "Type 1 to read only or 2 to take over." in out
    assert "nothing you do here is saved" in out and "Read only: nothing you did this time was saved." in out
    assert saved_steps(first) == 3
    out, _ = play(story, FakeTerminal("2\n1\nq\n"))  # take over, resume, quit
    assert "Your progress is saved." in out
    notice = first.save(steps(Journey(story), 1))
    assert notice is not None and "took the save over" in notice
    assert saved_steps(first) == 3


def test_piped_line_mode_reads_only_unless_told(story: Story) -> None:
    first = SaveSlot(story, "Ann")
    assert first.claim() and first.save(steps(Journey(story), 3)) is None
    out, err = play(story, io.StringIO("1\n1\n"))
    assert err.count("open for you elsewhere: reading only, nothing will be saved") == 1
    assert "Read only: nothing you did this time was saved." in out
    out, err = play(story, io.StringIO("1\nq\n"), take_over=True)
    assert "took the save over" in err and "Your progress is saved." in out


def line_mode(data: Path, *arguments: str) -> subprocess.Popen[str]:
    """Line mode for Ann in a process of its own."""
    environment = {**os.environ, "EXPLAINER_DATA_DIR": str(data), "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "explainer",
            "--scenes",
            str(STORIES / "tiny"),
            "--student",
            "Ann",
            "--plain",
            *arguments,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )


def test_two_real_processes_for_one_student(story: Story, private_data_dir: Path) -> None:
    slot = SaveSlot(story, "Ann")
    first = line_mode(private_data_dir)
    assert first.stdin is not None
    first.stdin.write("1\n1\n1\n")  # quiz, go on, outside: three steps saved, and it waits for more
    first.stdin.flush()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (slot.path.exists() and saved_steps(slot) == 3):
        time.sleep(0.05)
    assert saved_steps(slot) == 3
    second = line_mode(private_data_dir)
    out, err = second.communicate("1\nq\n", timeout=60)
    assert "reading only, nothing will be saved" in err and "Read only" in out
    assert saved_steps(slot) == 3
    third = line_mode(private_data_dir, "--take-over")
    out, err = third.communicate("2\ny\nq\n", timeout=60)  # starts over: the first attempt stays in the save
    assert "took the save over" in err and "Your progress is saved." in out
    after_takeover = slot.path.read_text(encoding="utf-8")
    out, err = first.communicate("1\nq\n", timeout=60)
    assert err.count("took the save over") == 1 and "Your progress is saved." not in out
    assert slot.path.read_text(encoding="utf-8") == after_takeover
    data = json.loads(after_takeover)
    assert len(data["earlier"][0]["steps"]) == 3  # what the first copy did is kept


async def test_the_app_asks_and_reads_only(story: Story) -> None:
    from conftest import screen_text

    from explainer.tui.app import ExplainerApp
    from explainer.tui.screens.open_elsewhere import OpenElsewhereScreen
    from explainer.tui.screens.resume import ResumeScreen

    first = SaveSlot(story, "Ann\x1b[31m")
    assert first.claim() and first.save(steps(Journey(story), 3)) is None
    before = first.path.read_bytes()
    app = ExplainerApp(story, save_slot=SaveSlot(story, "Ann\x1b[31m"))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OpenElsewhereScreen)
        text = screen_text(app)
        assert "This story is already open for Ann\u241b[31m elsewhere." in text
        assert "Take over (t)" in text and "Read only (r)" in text
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)  # reading only, the saved place is offered still
        await pilot.press("s", "y")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert "Read only" in screen_text(app)
        assert [n.message for n in app._notifications] == [READ_ONLY]
        await pilot.press("q")
    assert first.path.read_bytes() == before


async def test_the_app_takes_over_and_the_first_copy_is_told_once(story: Story) -> None:
    from conftest import screen_text

    from explainer.tui.app import ExplainerApp
    from explainer.tui.screens.resume import ResumeScreen

    first = SaveSlot(story, "Ann")
    assert first.claim() and first.save(steps(Journey(story), 3)) is None
    app = ExplainerApp(story, save_slot=SaveSlot(story, "Ann"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r")
        await pilot.pause()
        assert "It is cold outside." in screen_text(app)
        notice = first.save(steps(Journey(story), 1))
        assert notice is not None and "took the save over" in notice
        await pilot.press("q")
    assert saved_steps(first) == 3
    assert SaveSlot(story, "Ann").claim()  # the app quit, the first copy let go when it lost: free


async def test_the_first_app_is_told_once_that_its_save_was_taken(story: Story) -> None:
    from conftest import screen_text

    from explainer.tui.app import ExplainerApp

    app = ExplainerApp(story, save_slot=SaveSlot(story, "Ann"))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        second = SaveSlot(story, "Ann")
        assert not second.claim()
        second.take_over()
        await pilot.press("1")
        await pilot.pause()
        assert "Not saved" in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert [n.message for n in app._notifications] == [TAKEN_OVER]
        await pilot.press("q")
    assert saved_steps(second) == 1  # saved at the start; nothing after the save was lost is written
