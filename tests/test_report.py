"""The report: path, quizzes with first-try results, decisions, terms and time per section."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import STORIES, screen_text

from explainer.cli import main
from explainer.outputs.report import report_json, report_markdown
from explainer.reader.journey import Journey
from explainer.reader.saves import SaveSlot
from explainer.reader.summary import build_report, format_duration, path_summary
from explainer.story.loader import load_story
from explainer.story.model import Story
from explainer.tui.app import ExplainerApp


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def story() -> Story:
    return load_story(STORIES / "tiny")


def played(story: Story) -> Journey:
    """Quiz wrong then right (95 s on it), the decision (20 s), outside (5 s), the end."""
    clock = FakeClock()
    journey = Journey(story, clock=clock, now=lambda: "2024-04-30T09:15:00+00:00")
    journey.choose(journey.choices()[1])
    journey.choose(journey.choices()[0])
    journey.look_up("Pet")
    clock.now += 95
    journey.choose(journey.choices()[0])
    clock.now += 20
    journey.choose(journey.choices()[0])
    clock.now += 5
    journey.choose(journey.choices()[0])
    return journey


def test_the_report_holds_every_fact(story: Story) -> None:
    report = build_report(played(story), "Ann", today=date(2024, 5, 1))
    assert report["format"] == "explainer-report" and report["student"] == "Ann"
    # The day of play, not the day the report is printed.
    assert report["date"] == "2024-04-30" and report["printed"] == "2024-05-01" and report["finished"] is True
    assert report["played_on"] == ["2024-04-30"] and report["ended"] == "2024-04-30T09:15:00+00:00"
    assert [step["passage"] for step in report["path"]] == ["start", "choose", "outside", "end"]
    assert report["path"][-1]["where"] == "The end"
    [quiz] = report["quizzes"]
    assert quiz["first_answer"] == "On the hat"
    assert quiz["right_first_time"] is False and quiz["tries"] == 2 and quiz["solved"] is True
    [decision] = report["decisions"]
    assert decision["role"] == "You are the cat." and decision["chosen"] == "Outside"
    assert decision["not_taken"] == ["Stay in"]
    assert report["terms_looked_up"] == ["Pet"]
    assert report["time_per_section"] == [{"section": "Section 1 of 1: A tiny story", "number": 1, "seconds": 120}]
    assert report["total_seconds"] == 120


def test_markdown_and_json_say_the_same(story: Story) -> None:
    report = build_report(played(story), "Ann", today=date(2024, 5, 1))
    markdown = report_markdown(report)
    assert "# Report: A tiny story" in markdown
    assert "- Student: Ann" in markdown and "- Reached the ending: yes" in markdown
    assert "1. A tiny story (Section 1 of 1: A tiny story)" in markdown
    assert "4. The end (The end)" in markdown
    assert "Right at the first try: 0 of 1" in markdown
    assert "First answer: *On the hat*, wrong at first, right after 2 tries." in markdown
    assert "Chose: *Outside* (not taken: *Stay in*)" in markdown
    assert "## Terms looked up\n\n- Pet" in markdown
    assert "- Section 1 of 1: A tiny story: 2 min 00 s" in markdown
    assert json.loads(report_json(report)) == report


def test_the_report_tells_the_same_facts_as_the_ending(story: Story) -> None:
    journey = played(story)
    summary = path_summary(journey)
    markdown = report_markdown(build_report(journey))
    for fact in ("Outside", "Stay in", "Pet", "0 of 1"):
        assert fact in summary and fact in markdown


def test_story_text_cannot_become_markup_in_the_report(story: Story) -> None:
    report = build_report(Journey(story), "*Ann* <b>[x](y)</b>")
    markdown = report_markdown(report)
    assert r"\*Ann\* \<b\>\[x\](y)\</b\>" in markdown
    assert "- Reached the ending: not yet" in markdown
    assert "No quiz answered yet." in markdown and "No decision taken yet." in markdown


@pytest.mark.parametrize("seconds, shown", [(0, "0 s"), (59.4, "59 s"), (61, "1 min 01 s"), (3600 + 120, "1 h 02 min")])
def test_durations_read_well(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown


def test_the_report_command_reads_a_students_save(story: Story, capsys: pytest.CaptureFixture[str]) -> None:
    SaveSlot(story, "Ann").save(played(story))
    assert main(["--scenes", str(STORIES / "tiny"), "report", "--student", "Ann"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Report: A tiny story") and "- Student: Ann" in out
    assert "Chose: *Outside*" in out and "## Time per section" in out
    assert main(["--scenes", str(STORIES / "tiny"), "--student", "Ann", "report", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["student"] == "Ann" and data["total_seconds"] == 120


def test_the_report_command_writes_a_file(story: Story, tmp_path: Path) -> None:
    SaveSlot(story).save(played(story))
    target = tmp_path / "ann.json"
    assert main(["--scenes", str(STORIES / "tiny"), "report", "--format", "json", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["finished"] is True


def test_the_report_command_without_a_save_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--scenes", str(STORIES / "tiny"), "report", "--student", "Nobody"]) == 1
    assert "No saved progress for 'Nobody'" in capsys.readouterr().err


def test_the_report_command_leaves_a_damaged_save_alone(story: Story, capsys: pytest.CaptureFixture[str]) -> None:
    slot = SaveSlot(story)
    slot.path.parent.mkdir(parents=True)
    slot.path.write_text("{broken", encoding="utf-8")
    assert main(["--scenes", str(STORIES / "tiny"), "report"]) == 1
    assert "cannot be read: it is not valid JSON" in capsys.readouterr().err
    assert slot.path.read_text(encoding="utf-8") == "{broken"


async def test_the_ending_screen_shows_time_per_section_and_how_to_hand_in(story: Story) -> None:
    app = ExplainerApp(story, save_slot=SaveSlot(story, "Ann"))
    async with app.run_test(size=(120, 70)) as pilot:
        await pilot.press("1", "1", "1", "1")
        await pilot.pause()
        text = screen_text(app)
        assert "Your path" in text and "Time per section" in text
        assert "Section 1 of 1: A tiny story:" in text and "Total:" in text
        assert "python -m explainer report --student Ann -o report.md" in text


ODD_NAME = "Ann <b>&\x1b[31m\x07"


def test_report_html_parses_and_shows_the_name_escaped(story: Story, tmp_path: Path) -> None:
    from html.parser import HTMLParser

    SaveSlot(story, ODD_NAME).save(played(story))
    target = tmp_path / "x.html"
    assert main(["--scenes", str(STORIES / "tiny"), "report", "--student", ODD_NAME, "-o", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    texts: list[str] = []

    class Reader(HTMLParser):
        def handle_data(self, data: str) -> None:
            texts.append(data)

    reader = Reader(convert_charrefs=True)
    reader.feed(page)
    reader.close()
    assert "\x1b" not in page and "\x07" not in page and "<b>&" not in page
    assert any("Ann <b>&\u241b[31m\u2407" in text for text in texts)


def test_no_control_character_of_a_name_reaches_the_terminal(story: Story, capsys: pytest.CaptureFixture[str]) -> None:
    SaveSlot(story, ODD_NAME).save(played(story))
    assert main(["--scenes", str(STORIES / "tiny"), "report", "--student", ODD_NAME]) == 0
    captured = capsys.readouterr()
    assert "- Student: Ann \\<b\\>&\u241b" in captured.out
    assert "\x1b" not in captured.out + captured.err and "\x07" not in captured.out + captured.err
    assert main(["--scenes", str(STORIES / "tiny"), "report", "--student", "Bo\x1b[2J"]) == 1
    err = capsys.readouterr().err
    assert "Bo\u241b[2J" in err and "\x1b" not in err
