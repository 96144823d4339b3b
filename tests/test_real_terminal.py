"""The court quiz played by keys in a real terminal (tmux) at 80x24, read off the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SCENES

from explainer.reader.journey import Journey
from explainer.reader.option_order import reader_seed
from explainer.story.loader import load_story

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
STUDENT = "Tess"


class Terminal:
    """A tmux session of its own running the app; keys in, screen text out."""

    def __init__(self, name: str, command: list[str], env: dict[str, str]) -> None:
        self.name = name
        exports = " ".join(f"{key}={value}" for key, value in env.items())
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", f"env {exports} {' '.join(command)}"],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True, check=True
        ).stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def wait_for(self, seen: Callable[[str], bool], what: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.screen()
            if seen(text):
                return text
            time.sleep(0.1)
        raise AssertionError(f"never on screen: {what}\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False)


@pytest.fixture
def terminal(tmp_path: Path) -> object:
    env = {
        "EXPLAINER_DATA_DIR": str(tmp_path / "data"),
        "TERM": "xterm-256color",
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    command = [sys.executable, "-m", "explainer", "--student", STUDENT, "--scenes", str(SCENES)]
    session = Terminal(f"explainer-test-{os.getpid()}", command, env)
    yield session
    session.close()


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_court_quiz_by_keys_at_80x24(terminal: Terminal) -> None:
    story = load_story(SCENES)
    journey = Journey(story, seed=reader_seed(STUDENT))
    journey.choose(journey.choices()[0])  # the opening's one way on: the court
    court = journey.passage
    options = journey.choices()
    assert court.question is not None and court.question.is_quiz
    wrong = next(n for n, option in enumerate(options, start=1) if not option.correct)

    terminal.wait_for(lambda text: story.title in text, "the opening")
    terminal.keys("End")
    first_way = _words(story.passages[story.start].choices[0].text)[:20]
    terminal.wait_for(lambda text: first_way in _words(text), "the opening's way on, after End")
    terminal.keys("1")
    quote = _words(court.article)[:19]  # the article's own first words, quoted at the top
    top = terminal.wait_for(lambda text: quote in _words(text), "the court passage, from its top")
    assert court.title in top and "Section 1 of 5" in top

    terminal.keys("NPage")  # PgDn (tmux's name): the text moves up
    down = terminal.wait_for(lambda text: quote not in _words(text), "the text after PgDn")
    assert "▶" not in down or options[0].text[:20] in down

    terminal.keys("NPage", "NPage", "PPage", "PPage", "PPage", "PPage")  # PgUp (tmux's name): the top again
    again = terminal.wait_for(lambda text: quote in _words(text), "the top after PgUp")
    assert court.title in again

    terminal.keys("End")
    last_option = _words(options[-1].text)[:20]
    terminal.wait_for(lambda text: last_option in _words(text), "the options, after End")
    terminal.keys(str(wrong))  # a wrong answer: its feedback, and the quiz stays open
    feedback = _words(options[wrong - 1].feedback)[:30]
    answered = terminal.wait_for(lambda text: feedback in _words(text), "the wrong answer's feedback")
    assert "Quiz:" in answered or "Try again" in _words(answered)

    terminal.keys("End", "Down", "Down", "Down")  # ↓↓↓: the highlight moves, always on screen
    moved = terminal.wait_for(lambda text: "▶" in text, "a highlighted option")
    line = next(line for line in moved.splitlines() if "▶" in line)
    number = int(line.split("▶")[1].split(".")[0])
    assert _words(options[number - 1].text)[:20] in _words(moved)
    assert "Section 1 of 5" in moved  # still the same passage: nothing was chosen by moving
