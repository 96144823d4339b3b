"""Line mode: the same story as plain lines and a prompt, for screen readers and scripts."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import REPO, STORIES
from hypothesis import example, given, settings
from hypothesis import strategies as st

from explainer.outputs.line_mode import LinePlayer
from explainer.outputs.line_output import use_color
from explainer.outputs.plain_text import fill, markdown_to_text
from explainer.reader.journey import Journey
from explainer.reader.saves import SaveSlot
from explainer.story.loader import load_story
from explainer.story.model import Block, Passage, Story


class FakeTerminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def play(story: Story, typed: str, *, slot: SaveSlot | None = None, color: bool | None = None) -> tuple[int, str, str]:
    """Play ``story`` with these typed lines; returns exit code, output and errors."""
    output, errors = io.StringIO(), io.StringIO()
    player = LinePlayer(story, slot=slot, input=io.StringIO(typed), output=output, errors=errors, color=color)
    return player.run(), output.getvalue(), errors.getvalue()


@pytest.fixture
def story() -> Story:
    return load_story(STORIES / "tiny")


def test_a_whole_path_reaches_the_ending(story: Story) -> None:
    code, out, err = play(story, "2\n1\n1\n2\n1\n")
    assert code == 0 and err == ""
    assert "\nSection 1 of 1\n\nA tiny story\n" in out  # the section's title said once
    assert "The article says:\n\n    The cat sat on the mat." in out
    assert "The cat is a Pet. It sat on a mat." in out
    assert "Terms: Pet, Mat (g TERM for a definition)" in out
    assert "Quiz: Where did the cat sit?\n1. On the mat\n2. On the hat\nType h and press Enter" in out
    assert "> 2\nNo, read it again.\nChoose again: 1 to 2, or c to hear the choices.\n> 1\n" in out
    assert "Yes, the article says so." in out
    assert "You are the cat.\nYour decision: Where do you go?\n1. Outside\n2. Stay in" in out
    assert "It is warm inside." in out
    assert "You stayed in." in out and "You went outside" not in out
    assert "You chose: Stay in" in out and "Quizzes right at the first try: 0 of 1" in out
    assert "Time per section" in out
    assert "The end. Type r to start over, or q to quit." in out
    for drawing in ("\x1b", "│", "─", "▌", "**", "](term:", "\u2713", "\u2717"):
        assert drawing not in out


def test_back_forward_glossary_help_and_mistakes(story: Story) -> None:
    code, out, _ = play(story, "b\n1\n1\nb\nf\ng pet\ng\ng nothing\nh\n9\nhello\n\nq\n1\n")
    assert code == 0
    assert "You are at the beginning." in out
    assert out.count("You wake up on the mat.") == 2  # shown, then again after b and f
    assert "Pet\nAn animal kept at home.\nAlso: pets, CAT" in out
    assert "1 term here:\nMat\nType g and a term" in out
    assert "The glossary has no term 'nothing'." in out
    assert "g TERM   what a term means" in out
    assert "There is no choice 9. Type a number from 1 to 2." in out
    assert "Type a number from 1 to 2, or h for help." in out
    assert "It is cold outside." not in out  # q stopped the play before the last line


def test_a_term_looked_up_counts_in_the_journey(story: Story) -> None:
    slot = SaveSlot(story)
    play(story, "g Mat\nq\n", slot=slot)
    saved, _ = slot.load()
    assert saved is not None and list(saved.looked_up) == ["Mat"]


def test_start_over_asks_first(story: Story) -> None:
    _, out, _ = play(story, "1\n1\nr\nn\nr\ny\n")
    assert "Start over from the beginning? (y/n) n" in out
    assert out.count("Where did the cat sit?") == 2


def test_half_the_story_then_resume_where_it_stopped(story: Story) -> None:
    slot = SaveSlot(story, "Ann")
    _, out, _ = play(story, "1\n1\n1\n", slot=slot)  # quiz, go on, outside; then input ends
    assert "It is cold outside." in out and "Your progress is saved." in out
    _, out, _ = play(story, "1\n1\n", slot=SaveSlot(story, "Ann"))
    assert "You have saved progress: Section 1 of 1: A tiny story, Outside." in out
    assert "1. Resume where you left off\n2. Start over" in out
    assert "You went outside, you brave cat." in out  # the flag came back with the path
    _, out, _ = play(story, "2\nn\n", slot=SaveSlot(story, "Ann"))  # not sure: asked again
    assert out.count("2. Start over") == 2
    _, out, _ = play(story, "2\ny\n", slot=SaveSlot(story, "Ann"))
    assert out.rstrip().endswith("> ") or "Where did the cat sit?" in out
    assert "It is cold outside." not in out.split("2. Start over", 1)[1]


def test_another_student_starts_fresh(story: Story) -> None:
    play(story, "1\n1\n", slot=SaveSlot(story, "Ann"))
    _, out, _ = play(story, "", slot=SaveSlot(story, "Bo"))
    assert "saved progress" not in out and "Where did the cat sit?" in out


def test_a_damaged_save_is_reported_on_the_error_stream(story: Story) -> None:
    slot = SaveSlot(story)
    slot.path.parent.mkdir(parents=True)
    slot.path.write_text("\x00garbage", encoding="utf-8")
    code, out, err = play(story, "1\n", slot=slot)
    assert code == 0 and "could not be used: it is not valid JSON" in err and "moved to" in err
    assert "Where did the cat sit?" in out


def test_saving_that_fails_is_reported_once_and_play_goes_on(story: Story, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    code, out, err = play(story, "1\n1\n1\n1\n", slot=SaveSlot(story, folder=blocker))
    assert code == 0 and err.count("could not be saved") == 1
    assert "You went outside, you brave cat." in out
    assert "Your progress is saved." not in out


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(FakeTerminal()) and not use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(FakeTerminal())


def test_colour_makes_titles_bold_but_story_text_never_escapes(story: Story) -> None:
    _, out, _ = play(story, "", color=True)
    assert "\x1b[1mA tiny story\x1b[22m" in out
    _, out, _ = play(story, "", color=False)
    assert "\x1b" not in out


def test_no_escape_byte_from_story_text_reaches_the_output() -> None:
    evil = "\x1b[2J\x1b]0;owned\x07 text\x9b31m"
    passage = Passage(
        id="start",
        title=f"Title {evil}",
        blocks=(Block(f"Body {evil}"),),
        file="x.md",
        line=1,
        article=f"Quote {evil}",
        ending=True,
    )
    story = Story(passages={"start": passage}, terms=(), start="start")
    _, out, _ = play(story, "g x\n", color=True)
    printable = out.replace("\x1b[1m", "").replace("\x1b[22m", "")
    assert "\x1b" not in printable and "\x07" not in printable and "\x9b" not in printable
    assert "Body ␛[2J" in printable
    passage = Passage(
        id="start", title="Entities", blocks=(Block("A &#27;[31m &#x9b; B"),), file="x.md", line=1, ending=True
    )
    story = Story(passages={"start": passage}, terms=(), start="start")
    _, out, _ = play(story, "", color=False)
    assert "\x1b" not in out and "\x9b" not in out and "A \ufffd[31m" in out


def test_markdown_becomes_plain_wrapped_text() -> None:
    markdown = (
        "# Title\n\nA [term](term:3) and [a site](https://example.org) with **bold** "
        "and *italics* and `code`.\n\n> quoted\n> words\n\n- one\n- two\n\n1. first\n"
        "2. second\n\n***\n\n" + "word " * 30
    )
    text = markdown_to_text(markdown, width=40)
    assert text.startswith("Title\n\nA term and a site (https://example.org)\nwith bold")
    assert "and italics and code." in text
    assert "    quoted words" in text
    assert "- one\n- two" in text and "1. first\n2. second" in text
    assert "***" not in text and "**" not in text and "term:3" not in text
    assert all(len(line) <= 40 for line in text.split("\n"))


def test_the_journey_is_the_same_as_in_the_app(story: Story) -> None:
    slot = SaveSlot(story)
    play(story, "2\n1\n1\n1\n", slot=slot)
    saved, _ = slot.load()
    assert saved is not None
    reference = Journey(story)
    for index in (1, 0, 0, 0):
        reference.choose(reference.choices()[index])
    assert [s.passage_id for s in saved.history.path] == [s.passage_id for s in reference.history.path]
    assert saved.flags == reference.flags and saved.tries == reference.tries


def run_module(*args: str, typed: str, data: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, PYTHONPATH=str(REPO), EXPLAINER_DATA_DIR=str(data), **env)
    return subprocess.run(
        [sys.executable, "-m", "explainer", "--scenes", str(STORIES / "tiny"), *args],
        input=typed,
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        cwd=REPO,
    )


def test_piped_input_plays_in_line_mode_by_itself(private_data_dir: Path) -> None:
    result = run_module(typed="1\n1\n2\n1\n", data=private_data_dir)
    assert result.returncode == 0, result.stderr
    assert "You stayed in." in result.stdout and "Your path" in result.stdout
    assert "\x1b" not in result.stdout and result.stderr == ""


def test_a_scripted_student_quits_and_resumes(private_data_dir: Path) -> None:
    first = run_module("--plain", "--student", "Ann", typed="1\n1\nq\n", data=private_data_dir)
    assert first.returncode == 0 and "Your progress is saved." in first.stdout
    second = run_module("--plain", "--student", "Ann", typed="1\n1\n1\n", data=private_data_dir, NO_COLOR="1")
    assert second.returncode == 0
    assert "You have saved progress: Section 1 of 1: A tiny story, Your turn." in second.stdout
    assert "You went outside, you brave cat." in second.stdout
    assert "To hand in your report: python -m explainer report --student Ann -o report.md" in second.stdout
    report = run_module("report", "--student", "Ann", typed="", data=private_data_dir)
    assert report.returncode == 0 and "- Reached the ending: yes" in report.stdout


def scripted_path(story: Story) -> list[int]:
    """Numbers to type for a path to an ending: right quiz answers, new passages first."""
    journey = Journey(story)
    numbers = []
    for _step in range(1000):
        if journey.passage.ending:
            return numbers
        choices = journey.choices()
        question = journey.passage.question
        if question is not None and question.is_quiz and not journey.solved():
            index = next(i for i, choice in enumerate(choices) if choice.correct)
        else:
            index = next((i for i, choice in enumerate(choices) if choice.goto not in journey.visited), 0)
        numbers.append(index + 1)
        journey.choose(choices[index])
    raise AssertionError("no ending reached")


@pytest.mark.skipif(not (REPO / "scenes").is_dir(), reason="the real story is not there yet")
def test_a_scripted_plain_run_of_the_real_story_reaches_the_ending(private_data_dir: Path) -> None:
    story = load_story(REPO / "scenes")
    numbers = scripted_path(story)
    ending = next(p for p in story.passages.values() if p.ending)
    environment = dict(os.environ, PYTHONPATH=str(REPO), EXPLAINER_DATA_DIR=str(private_data_dir))
    result = subprocess.run(
        [sys.executable, "-m", "explainer", "--plain", "--scenes", str(REPO / "scenes")],
        input="".join(f"{n}\n" for n in numbers),
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert "Your path" in result.stdout and "Time per section" in result.stdout
    assert "Quizzes right at the first try:" in result.stdout
    assert ending.title.split()[0] in result.stdout
    assert "\x1b" not in result.stdout and result.stderr == ""


def test_teacher_notes_show_on_n_and_after_every_passage_with_teacher() -> None:
    timed = load_story(STORIES / "timed")
    notes = timed.passages[timed.start].notes.split("\n")[0]
    output = io.StringIO()
    LinePlayer(timed, input=io.StringIO("n\nh\n"), output=output, errors=io.StringIO()).run()
    assert notes not in output.getvalue() and "Teacher's notes" not in output.getvalue()
    assert "Type a number" in output.getvalue().split("> n\n", 1)[1]  # n is no command for a student
    assert "teacher" not in output.getvalue().split("> h\n", 1)[1]
    output = io.StringIO()
    LinePlayer(timed, input=io.StringIO("n\n"), output=output, errors=io.StringIO(), teacher=True).run()
    before_n, after_n = output.getvalue().split("> n\n", 1)
    assert "Teacher's notes" in after_n and notes in after_n
    output = io.StringIO()
    LinePlayer(timed, input=io.StringIO(""), output=output, errors=io.StringIO(), teacher=True).run()
    assert "Teacher's notes" in output.getvalue() and notes in output.getvalue()


def test_n_says_so_when_a_passage_has_no_notes(story: Story) -> None:
    output = io.StringIO()
    LinePlayer(story, input=io.StringIO("1\n1\nn\n"), output=output, errors=io.StringIO(), teacher=True).run()
    assert "There are no teacher's notes for this passage." in output.getvalue()


_WRAPPED = ["a", "word", "longerwordthanthelineis", " ", "  ", "\t", "\n", "\r", "\x0b", "-", "a-b", "é", "漢字"]
_WRAPPED += ["e\u0301", "\u00a0", "\u3000", "\u2003", "\x1c", "\x85", ".", "  x  ", "[a ", "``a", "IP   "]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_WRAPPED), max_size=60).map("".join), st.integers(min_value=1, max_value=30))
@example("  lead and trail  ", 5)
@example(" " * 30 + "x", 10)
@example("x" * 30 + "   " + "y", 10)
@example("a\tb\t\tc" * 5, 7)
def test_lines_wrap_as_textwrap_wraps_them(text: str, width: int) -> None:
    expected = textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)
    assert fill(text, width) == expected


def test_the_story_wraps_as_textwrap_wraps_it() -> None:
    for path in sorted((REPO / "scenes").glob("*.md")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            line = paragraph.replace("\n", " ")
            for width in (20, 36, 54, 80):
                assert fill(line, width) == textwrap.fill(
                    line, width, break_long_words=False, break_on_hyphens=False
                ), (path, width)
