"""Teacher mode: notes and answer keys only with --teacher, and an open quiz's key only when revealed."""

from __future__ import annotations

import io
import string

from conftest import SCENES, STORIES, option_key, screen_text

from explainer.outputs.line_mode import LinePlayer
from explainer.story.loader import load_story
from explainer.tui.app import ExplainerApp

SHUFFLED = STORIES / "shuffled"
KEY_WORDS = ("Answer key", "Right answer", "Teacher")


async def test_a_student_reaches_no_answer_key_by_any_key_in_the_app() -> None:
    story = load_story(SCENES)
    app = ExplainerApp(story)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("end", "1")  # the opening (its option brought into view), then the first quiz
        await pilot.pause()
        assert app.screen.journey.question_open()  # type: ignore[attr-defined]
        for key in [c for c in string.ascii_lowercase if c not in "qrmt"] + ["question_mark"]:
            await pilot.press(key)
            await pilot.pause()
            text = screen_text(app)
            assert not any(word in text for word in KEY_WORDS), key
            if key == "question_mark":
                assert "teacher" not in text
                await pilot.press("escape")
        assert "n Notes" not in screen_text(app).splitlines()[-1]


async def test_a_teacher_reveals_the_open_quizs_key_with_k() -> None:
    story = load_story(SHUFFLED)
    app = ExplainerApp(story, teacher=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Teacher notes" in text and "The answer key is hidden" in text
        assert "federal prosecutors. The FBI" not in text
        assert "k Reveal key" in text.splitlines()[-1]
        await pilot.press("k")
        await pilot.pause()
        text = screen_text(app)
        assert "Answer key: federal prosecutors." in text and "Right answer: Federal prosecutors" in text
        assert "k Reveal key" not in text.splitlines()[-1]


async def test_the_key_shows_by_itself_once_the_class_has_answered() -> None:
    story = load_story(SHUFFLED)
    app = ExplainerApp(story, teacher=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(option_key(story, "quiz", "Federal prosecutors"))
        await pilot.pause()
        assert "Answer key: federal prosecutors." in screen_text(app)


def play(typed: str, teacher: bool) -> str:
    output = io.StringIO()
    story = load_story(SHUFFLED)
    LinePlayer(story, input=io.StringIO(typed), output=output, errors=io.StringIO(), teacher=teacher).run()
    return output.getvalue()


def test_line_mode_gives_a_student_no_notes_and_no_key_by_any_command() -> None:
    out = play("".join(f"{c}\n" for c in string.ascii_lowercase if c not in "qr") + "h\n", teacher=False)
    assert not any(word in out for word in KEY_WORDS)
    assert "Answer key" not in out and "teacher" not in out.casefold()


def test_line_mode_hides_the_key_until_k_for_a_teacher() -> None:
    out = play("n\nk\n", teacher=True)
    before_k, after_k = out.split("> k\n", 1)
    assert "The answer key is hidden while the quiz is open: press k to show it." in before_k
    assert "Answer key:" not in before_k
    assert "Answer key: federal prosecutors." in after_k and "Right answer: Federal prosecutors" in after_k
