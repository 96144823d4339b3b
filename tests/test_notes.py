"""Teacher notes: only in teacher mode (--teacher), where a key shows or hides them."""

from __future__ import annotations

from conftest import STORIES, screen_text
from textual.widgets import Static

from explainer.cli import build_parser
from explainer.story.loader import load_story
from explainer.tui.app import ExplainerApp
from explainer.tui.screens.help import KEYS
from explainer.tui.screens.story import StoryScreen
from explainer.tui.widgets.notes_panel import reflow

TIMED = STORIES / "timed"


def make_app(teacher: bool = False) -> ExplainerApp:
    return ExplainerApp(load_story(TIMED), teacher=teacher)


def above_footer(app: ExplainerApp) -> str:
    """The screen's text without the footer, whose key names would match too."""
    return "\n".join(screen_text(app).splitlines()[:-1])


async def test_a_student_cannot_show_the_notes_and_a_teacher_hides_and_shows_them_with_n() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Teacher notes" not in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert "Teacher notes" not in screen_text(app) and "who" not in screen_text(app)
    app = make_app(teacher=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Teacher notes" in text
        assert "This passage: about 1 min" in text
        await pilot.press("n")
        await pilot.pause()
        assert "Teacher notes" not in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert "Teacher notes" in screen_text(app)


async def test_notes_show_markup_as_written_and_keep_list_lines() -> None:
    app = make_app(teacher=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]who[/bold]" in text
        assert "- there is no wrong answer" in text
        assert "- write the answers on the board" in text
        shown = str(app.screen.query_one("#notes-text", Static).render())
        assert "Ask the class [bold]who[/bold] reads the news, and where they read it." in shown


async def test_teacher_mode_starts_with_the_notes_shown_and_they_follow_the_passage() -> None:
    app = make_app(teacher=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Teacher notes" in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        assert 'The quiz answer is "prosecutors".' in text
        assert "[bold]who" not in text
        await pilot.press("1", "1")
        await pilot.pause()
        assert "No notes for this passage." in screen_text(app)


async def test_on_a_narrow_screen_notes_and_glossary_take_turns() -> None:
    app = make_app(teacher=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        assert "Teacher notes" in above_footer(app) and "Glossary" not in above_footer(app)
        await pilot.press("g")
        await pilot.pause()
        assert "Glossary" in above_footer(app) and "Teacher notes" not in above_footer(app)
        await pilot.press("n")
        await pilot.pause()
        assert "Teacher notes" in above_footer(app) and "Glossary" not in above_footer(app)


async def test_on_a_wide_screen_notes_sit_beside_the_glossary() -> None:
    app = make_app(teacher=True)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        assert "Teacher notes" in text and "Glossary" in text and "Prosecutor" in text


def test_the_teacher_flag_is_on_the_command_line() -> None:
    assert build_parser().parse_args(["--teacher"]).teacher is True
    assert build_parser().parse_args([]).teacher is False


def test_reflow_joins_paragraph_lines_but_keeps_list_items() -> None:
    text = "One line\nand the next.\n\n- first\n- second\n  goes on\n\n1. numbered"
    assert reflow(text) == "One line and the next.\n\n- first\n- second goes on\n\n1. numbered"


async def test_the_notes_key_is_in_the_footer_and_in_help_only_in_teacher_mode() -> None:
    for teacher in (False, True):
        app = make_app(teacher=teacher)
        async with app.run_test(size=(80, 24)) as pilot:
            # The footer fills in after the first frame: wait for it (a bounded wait).
            for _ in range(50):
                await pilot.pause()
                if "Quit" in screen_text(app).splitlines()[-1]:
                    break
            assert ("n Notes" in screen_text(app).splitlines()[-1]) is teacher
            await pilot.press("question_mark", "pagedown")  # the help's last keys, by keys
            await pilot.pause()
            assert ("the teacher's notes" in screen_text(app)) is teacher
    assert not any(key == "n" for key, _meaning in KEYS)
