"""Saved progress: keyed by ids, atomic, per student, and never lost or overwritten silently."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, STORIES, screen_text

from explainer.reader.journey import Journey
from explainer.reader.save_names import student_file_name
from explainer.reader.saves import DamagedSave, SaveSlot, has_progress
from explainer.story.loader import load_story
from explainer.story.model import Story
from explainer.tui.app import ExplainerApp
from explainer.tui.screens.resume import ResumeScreen
from explainer.tui.screens.story import StoryScreen


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def story() -> Story:
    return load_story(STORIES / "tiny")


def edited_copy(tmp_path: Path, *replacements: tuple[str, str], name: str = "tiny") -> Story:
    """A copy of the tiny story with some text replaced in its first scene file."""
    folder = tmp_path / name
    shutil.copytree(STORIES / "tiny", folder)
    scene = folder / "01-start.md"
    text = scene.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    scene.write_text(text, encoding="utf-8")
    return load_story(folder)


def half_way(story: Story, clock: FakeClock | None = None) -> Journey:
    """Quiz wrong then right, on to the decision, outside: the middle of the story."""
    journey = Journey(story, clock=clock or FakeClock())
    journey.choose(journey.choices()[1])
    journey.choose(journey.choices()[0])
    journey.choose(journey.choices()[0])
    journey.choose(journey.choices()[0])  # Outside, sets went-out
    journey.look_up("Pet")
    return journey


def test_a_saved_journey_loads_back_the_same(story: Story) -> None:
    clock = FakeClock()
    journey = Journey(story, clock=clock)
    clock.now += 30
    journey.choose(journey.choices()[1])
    journey.choose(journey.choices()[0])
    journey.choose(journey.choices()[0])
    clock.now += 12
    journey.choose(journey.choices()[0])
    journey.look_up("Pet")
    journey.back()
    slot = SaveSlot(story, "Ann")
    assert slot.save(journey) is None
    loaded, notices = slot.load()
    assert notices == [] and loaded is not None
    assert loaded.passage.id == "choose"
    assert loaded.seconds == {"start": 30.0, "choose": 12.0, "outside": 0.0}
    assert loaded.history.can_go_forward and loaded.forward()
    assert loaded.passage.id == "outside" and loaded.flags == {"went-out"}
    assert loaded.first_try_results() == {"start": False}
    assert list(loaded.looked_up) == ["Pet"]
    assert set(loaded.visited) == {"start", "choose", "outside"}
    [decision] = loaded.decisions()
    assert decision.chosen.text == "Outside" and [o.text for o in decision.not_taken] == ["Stay in"]


def test_saves_are_keyed_by_ids_not_positions(story: Story, tmp_path: Path) -> None:
    SaveSlot(story).save(half_way(story))
    # The quiz options and the decision options swap places in the edited story.
    right = "    - text: On the mat\n      pin: true\n      correct: true\n      feedback: Yes, the article says so.\n"
    wrong = "    - text: On the hat\n      feedback: No, read it again.\n"
    edited = edited_copy(
        tmp_path,
        (right + wrong, wrong + right),
        (
            "    - text: Outside\n      goto: outside\n      set: went-out\n    - text: Stay in\n      goto: inside\n",
            "    - text: Stay in\n      goto: inside\n    - text: Outside\n      goto: outside\n      set: went-out\n",
        ),
    )
    loaded, notices = SaveSlot(edited).load()
    assert notices == [] and loaded is not None
    assert loaded.passage.id == "outside" and loaded.flags == {"went-out"}
    assert loaded.first_try_results() == {"start": False}
    question = edited.passages["start"].question
    assert question is not None and [o.text for o in question.options] == ["On the hat", "On the mat"]
    assert loaded.solved(edited.passages["start"])


def test_unknown_ids_in_an_edited_story_are_dropped_with_a_notice(story: Story, tmp_path: Path) -> None:
    SaveSlot(story).save(half_way(story))
    edited = edited_copy(
        tmp_path,
        ("id: outside", "id: outdoors"),
        ("goto: outside", "goto: outdoors"),
        ("- text: On the hat", "- text: On the cap"),
    )
    loaded, notices = SaveSlot(edited).load()
    assert loaded is not None
    assert [step.passage_id for step in loaded.history.steps] == ["start", "choose"]
    assert loaded.passage.id == "choose"
    text = " ".join(notices)
    assert "outside" in text and "left out" in text
    assert "quiz answer" in text
    # The wrong first answer is gone; the right one is kept by its text.
    assert loaded.first_try_results() == {"start": True}


def test_a_step_whose_choice_changed_keeps_the_passage_but_not_its_flags(story: Story, tmp_path: Path) -> None:
    SaveSlot(story).save(half_way(story))
    edited = edited_copy(
        tmp_path,
        ("    - text: Outside\n      goto: outside\n", "    - text: Outside\n      goto: inside\n"),
        ("    - text: Stay in\n      goto: inside\n", "    - text: Stay in\n      goto: outside\n"),
    )
    loaded, notices = SaveSlot(edited).load()
    assert loaded is not None and loaded.passage.id == "outside"
    # "Outside" now goes elsewhere; the step to "outside" is matched by its target, not its words.
    assert [d.chosen.text for d in loaded.decisions()] == ["Stay in"]
    assert loaded.flags == frozenset() and notices == []


def test_a_damaged_save_is_moved_aside_with_a_notice_and_never_overwritten(story: Story) -> None:
    slot = SaveSlot(story, "Ann")
    slot.path.parent.mkdir(parents=True)
    slot.path.write_text('{"format": "explainer-save", "version": 1, "sto', encoding="utf-8")
    loaded, notices = slot.load()
    assert loaded is None
    [notice] = notices
    assert "not valid JSON" in notice and "moved to" in notice
    [aside] = slot.path.parent.glob(f"{slot.path.stem}.damaged-*.json")
    assert str(aside) in notice
    assert aside.read_text(encoding="utf-8").endswith('"sto')
    assert not slot.path.exists()
    assert slot.save(Journey(story)) is None
    assert aside.exists() and slot.path.exists()


@pytest.mark.parametrize(
    "content, reason",
    [
        ('{"format": "something-else", "version": 1}', "not an explainer save"),
        ("[1, 2, 3]", "not an explainer save"),
        ('{"format": "explainer-save", "version": 99, "start": "start", "journey": {}}', "newer version"),
        (
            '{"format": "explainer-save", "version": 1, "story": "Another story", "start": "elsewhere", "journey": {}}',
            "another story",
        ),
        ('{"format": "explainer-save", "version": 1, "start": "start", "journey": {"steps": 3}}', "damaged"),
        ('{"format": "explainer-save", "version": 1, "start": "start", "journey": {"steps": [], "at": 7}}', "damaged"),
        ("\xff\xfe not text", "not valid JSON"),
        ("[" * 100_000, "not valid JSON"),
    ],
)
def test_foreign_or_damaged_files_are_detected(story: Story, content: str, reason: str) -> None:
    slot = SaveSlot(story)
    slot.path.parent.mkdir(parents=True)
    slot.path.write_bytes(content.encode("latin-1"))
    with pytest.raises(DamagedSave, match=reason):
        slot.read()
    assert slot.path.exists()  # reading alone never moves anything
    loaded, [notice] = slot.load()
    assert loaded is None and reason in notice and not slot.path.exists()


def test_a_folder_that_cannot_be_written_is_reported_once_and_play_goes_on(story: Story, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    slot = SaveSlot(story, folder=blocker)
    journey = Journey(story)
    first = slot.save(journey)
    assert first is not None and "could not be saved" in first and "keep reading" in first
    journey.choose(journey.choices()[0])
    assert slot.save(journey) is None  # told once only


def test_a_full_disk_is_reported(story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("explainer.reader.saves.atomic_write_text", full)
    problem = SaveSlot(story).save(Journey(story))
    assert problem is not None and "No space left on device" in problem


def test_students_are_kept_apart_in_safe_file_names(story: Story, private_data_dir: Path) -> None:
    names = ["Ann", "Ann Lee", "Zoë", "Zoe", "李雷", "../../etc/passwd", "CON", "", "  "]
    paths = {name: SaveSlot(story, name).path for name in names}
    saves = private_data_dir / "saves" / "tiny-start"
    for path in paths.values():
        assert path.parent == saves
        assert path.name.endswith(".json") and "/" not in path.stem and ".." not in path.stem
    assert paths["Ann"].name.startswith("ann-") and paths["Ann Lee"].name.startswith("ann-lee-")
    assert paths["Zoë"] != paths["Zoe"]
    assert paths[""] == paths["  "]
    assert len({paths[name] for name in names}) == len(names) - 1
    assert student_file_name("CON") != "con"
    assert SaveSlot(story, "ANN").path == paths["Ann"]


def test_names_match_ignoring_case_and_spaces_and_nothing_else(story: Story) -> None:
    paths = {name: SaveSlot(story, name).path for name in ["Ann", "ann", " ANN ", "Ann Lee", "Ann-Lee", "Ann--B"]}
    assert paths["Ann"] == paths["ann"] == paths[" ANN "]
    distinct = [paths["Ann"], paths["Ann Lee"], paths["Ann-Lee"], paths["Ann--B"]]
    assert len(set(distinct)) == 4
    assert paths["Ann Lee"].name.startswith("ann-lee-") and paths["Ann-Lee"].name.startswith("ann-lee-")
    assert SaveSlot(story, "Zoe\u0308").path == SaveSlot(story, "Zo\u00eb").path  # NFC: one way to write it


def write_legacy(story: Story, student: str, saved_name: str) -> Path:
    """A save as versions before the hashed names wrote it: under the old file name."""
    slot = SaveSlot(story, saved_name)
    slot.save(half_way(story))
    old = SaveSlot(story, student).legacy_path
    slot.path.rename(old)
    return old


def test_a_save_under_the_old_file_name_is_moved_when_the_name_matches(story: Story) -> None:
    old = write_legacy(story, "ann", "Ann")
    assert old.name == "ann.json"
    slot = SaveSlot(story, " ANN ")
    attempts, _ = slot.read_attempts()  # a report finds it without moving it
    assert attempts[-1].passage.id == "outside" and old.exists()
    loaded, notices = slot.load()
    assert loaded is not None and loaded.passage.id == "outside" and notices == []
    assert slot.path.exists() and not old.exists()


def test_a_save_under_the_old_file_name_of_another_student_is_left_alone(story: Story) -> None:
    old = write_legacy(story, "Ann-Lee", "Ann Lee")  # both were ann-lee.json
    slot = SaveSlot(story, "Ann-Lee")
    loaded, notices = slot.load()
    assert loaded is None and notices == [] and old.exists()
    assert SaveSlot(story, "Ann Lee").load()[0] is not None


def test_a_save_holding_nan_or_infinity_seconds_is_moved_aside(story: Story) -> None:
    for constant in ("NaN", "Infinity", "-Infinity"):
        slot = SaveSlot(story, "Ann")
        slot.save(half_way(story))
        text = slot.path.read_text(encoding="utf-8")
        data = json.loads(text)
        data["journey"]["seconds"]["start"] = 12345.678
        damaged = json.dumps(data).replace("12345.678", constant)
        slot.path.write_text(damaged, encoding="utf-8")
        loaded, [notice] = SaveSlot(story, "Ann").load()
        assert loaded is None and f"{constant.lstrip('-')} is not a number" in notice and "moved to" in notice
        assert not slot.path.exists()


def test_each_student_resumes_their_own_progress(story: Story) -> None:
    SaveSlot(story, "Ann").save(half_way(story))
    SaveSlot(story, "Bo").save(Journey(story))
    ann, _ = SaveSlot(story, "Ann").load()
    bo, _ = SaveSlot(story, "Bo").load()
    assert ann is not None and ann.passage.id == "outside" and has_progress(ann)
    assert bo is not None and bo.passage.id == "start" and not has_progress(bo)


def test_another_story_has_its_own_saves(story: Story, tmp_path: Path) -> None:
    other = edited_copy(tmp_path, ("title: A tiny story", "title: Another story"), name="other")
    assert SaveSlot(story).path != SaveSlot(other).path


def test_a_new_title_keeps_the_old_saves(story: Story, tmp_path: Path) -> None:
    SaveSlot(story, "Ann").save(half_way(story))
    retitled = edited_copy(tmp_path, ("title: A tiny story", "title: A small story"))
    loaded, notices = SaveSlot(retitled, "Ann").load()
    assert loaded is not None and loaded.passage.id == "outside" and notices == []


def test_half_written_files_left_by_a_killed_process_are_cleaned(story: Story) -> None:
    slot = SaveSlot(story)
    slot.save(Journey(story))
    stale = slot.path.parent / f".{slot.path.name}.abc123.tmp"
    fresh = slot.path.parent / f".{slot.path.name}.def456.tmp"
    stale.write_text("{half", encoding="utf-8")
    fresh.write_text("{half", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    loaded, notices = slot.load()
    assert loaded is not None and notices == []
    assert not stale.exists() and fresh.exists()


WRITER = """
import sys
from explainer.reader.journey import Journey
from explainer.story.loader import load_story
from explainer.reader.saves import SaveSlot

story = load_story(sys.argv[1])
slot = SaveSlot(story, "Writer")
journey = Journey(story)
journey.choose(journey.choices()[0])
journey.choose(journey.choices()[0])
for count in range(1_000_000):
    journey.look_up("Pet" if count % 2 else "Mat")
    journey.revisit("start" if journey.passage.id == "choose" else "choose")
    problem = slot.save(journey)
    if problem:
        sys.exit(problem)
    if count == 5:
        print("saving", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_the_writer_at_any_moment_never_damages_the_save(story: Story, private_data_dir: Path) -> None:
    environment = dict(os.environ, PYTHONPATH=str(REPO), EXPLAINER_DATA_DIR=str(private_data_dir))
    slot = SaveSlot(story, "Writer")
    lengths = []
    for _round in range(10):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(STORIES / "tiny")], stdout=subprocess.PIPE, env=environment, text=True
        )
        try:
            assert writer.stdout is not None and writer.stdout.readline() == "saving\n"
            time.sleep(random.uniform(0.0, 0.1))
        finally:
            os.kill(writer.pid, signal.SIGKILL)
            writer.wait()
        assert writer.returncode == -signal.SIGKILL
        journey, notices = slot.read()  # raises DamagedSave if the file was ever half-written
        assert notices == [] and journey.passage.id in ("start", "choose")
        lengths.append(len(journey.history.steps))
        data = json.loads(slot.path.read_text(encoding="utf-8"))
        assert data["format"] == "explainer-save"
    assert all(length > 6 for length in lengths)


async def test_a_student_plays_half_quits_restarts_and_resumes(story: Story) -> None:
    app = ExplainerApp(story, save_slot=SaveSlot(story, "Ann"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "1", "1")  # quiz, go on, Outside
        await pilot.pause()
        assert "It is cold outside." in screen_text(app)
        await pilot.press("q")
    app = ExplainerApp(story, save_slot=SaveSlot(story, "Ann"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        text = screen_text(app)
        assert "Welcome back, Ann." in text and "Outside" in text
        assert "Resume (r)" in text and "Start over (s)" in text  # buttons a mouse can click too
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        assert "It is cold outside." in screen_text(app)
        assert screen.journey.flags == {"went-out"}
        await pilot.press("b")  # the path came back too
        await pilot.pause()
        assert "You wake up on the mat." in screen_text(app)


async def test_starting_over_asks_first_and_keeps_the_old_attempt(story: Story) -> None:
    SaveSlot(story).save(half_way(story))
    app = ExplainerApp(story, save_slot=SaveSlot(story))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("s")
        await pilot.pause()
        assert "Start over from the beginning?" in screen_text(app)
        await pilot.press("n")  # not sure after all: back to the question
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, StoryScreen)
        assert "Where did the cat sit?" in screen_text(app)
    slot = SaveSlot(story)
    attempts, _ = slot.read_attempts()
    assert [has_progress(attempt) for attempt in attempts] == [True, False]
    assert attempts[0].passage.id == "outside" and attempts[0].looked_up == {"Pet": None}


async def test_the_app_saves_after_every_step(story: Story) -> None:
    slot = SaveSlot(story)
    app = ExplainerApp(story, save_slot=slot)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        saved, _ = slot.load()
        assert saved is not None and saved.tries == {"start": ["on-the-hat"]}
        await pilot.press("1", "1")
        await pilot.pause()
        saved, _ = slot.load()
        assert saved is not None and saved.passage.id == "choose"
        await pilot.press("tab", "enter")
        await pilot.pause()
        saved, _ = slot.load()
        assert saved is not None and list(saved.looked_up) == ["Mat"]


async def test_the_app_moves_a_damaged_save_aside_and_says_so(story: Story) -> None:
    slot = SaveSlot(story)
    slot.path.parent.mkdir(parents=True)
    slot.path.write_text("not json", encoding="utf-8")
    app = ExplainerApp(story, save_slot=slot)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StoryScreen)
        assert "Saved progress" in screen_text(app)
        [notice] = app._notifications
        assert "could not be used" in notice.message and "moved to" in notice.message
    assert list(slot.path.parent.glob("default.damaged-*.json"))


async def test_the_app_keeps_working_when_it_cannot_save(story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(path: Path, text: str) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("explainer.reader.saves.atomic_write_text", read_only)
    app = ExplainerApp(story, save_slot=SaveSlot(story))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("1", "1")
        await pilot.pause()
        assert "Not saved" in screen_text(app)
        assert "You are the cat." in screen_text(app)
        [notice] = app._notifications  # told once, not at every step
        assert "Read-only file system" in notice.message
