"""Option ids: given in the scene file or made from the text, unique within a question; pinned options."""

from __future__ import annotations

from pathlib import Path

from conftest import SCENES

from explainer.story.loader import load_story

HEADER = "---\nid: start\ntitle: Start\nending: true\nquestion:\n  kind: quiz\n  prompt: Which?\n  notes: The key.\n"


def story_with(tmp_path: Path, options: str) -> Path:
    (tmp_path / "01-start.md").write_text(HEADER + "  options:\n" + options + "---\nBody.\n", encoding="utf-8")
    return tmp_path


def test_ids_come_from_the_text_unless_given_and_repeat_texts_get_a_number(tmp_path: Path) -> None:
    options = (
        "    - text: Mostly unarmed civilians\n      correct: true\n      feedback: Yes.\n"
        "    - text: The FBI\n      id: fbi\n      feedback: No.\n"
        "    - text: Mostly unarmed civilians\n      feedback: Same text.\n"
        "    - text: \u00bf?\n      feedback: Only signs.\n"
        "    - text: None of these\n      pin: true\n      feedback: No.\n"
    )
    question = load_story(story_with(tmp_path, options)).passages["start"].question
    assert question is not None
    assert [o.id for o in question.options] == [
        "mostly-unarmed-civilians",
        "fbi",
        "mostly-unarmed-civilians-2",
        "option-4",
        "none-of-these",
    ]
    assert [o.pinned for o in question.options] == [False, False, False, False, True]
    assert question.notes == "The key."
    assert question.option_with_id("fbi") is question.options[1]
    assert question.right_answers == (question.options[0],)


def test_every_quiz_of_the_story_has_distinct_ids_and_its_answer_key_on_the_question() -> None:
    story = load_story(SCENES)
    quizzes = [p for p in story.passages.values() if p.question is not None and p.question.is_quiz]
    assert len(quizzes) == 14
    for passage in quizzes:
        assert passage.question is not None
        ids = [o.id for o in passage.question.options]
        assert len(set(ids)) == len(ids) and all(ids)
        assert "answer key" in passage.question.notes.casefold(), passage.id
        assert "answer key" not in passage.notes.casefold(), passage.id
