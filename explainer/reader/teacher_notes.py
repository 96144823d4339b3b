"""What teacher mode shows beside a passage: its notes, and the answer key once it may be seen."""

from __future__ import annotations

from dataclasses import dataclass

from explainer.reader.journey import Journey

REVEAL_KEY = "k"


@dataclass(frozen=True)
class TeacherNotes:
    """The teacher's notes of the current passage, and its question's answer key."""

    passage_notes: str
    question_notes: str
    """Notes on the question: for a quiz, the answer key with its right answers."""
    key_hidden: bool
    """The quiz is still open and the key not yet revealed: a projector must not show it."""

    @property
    def has_key(self) -> bool:
        """Whether there is an answer key (shown or hidden)."""
        return bool(self.question_notes)


def teacher_notes(journey: Journey, revealed: bool) -> TeacherNotes:
    """The notes for the reader's passage; a quiz's key stays hidden while it is open, unless ``revealed``."""
    passage = journey.passage
    question = passage.question
    question_notes = ""
    hidden = False
    if question is not None:
        parts = [question.notes] if question.notes else []
        if question.is_quiz and question.right_answers:
            right = "; ".join(option.text for option in question.right_answers)
            parts.append(f"Right answer: {right}")
            hidden = journey.question_open() and not revealed
        question_notes = "\n\n".join(parts)
    return TeacherNotes(passage.notes, question_notes, hidden and bool(question_notes))


def hidden_key_line(key: str = REVEAL_KEY) -> str:
    """What stands in the place of a hidden answer key."""
    return f"The answer key is hidden while the quiz is open: press {key} to show it."
