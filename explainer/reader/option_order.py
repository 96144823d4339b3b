"""The order in which one reader sees a quiz's options: shuffled for them, pinned options in place."""

from __future__ import annotations

import random

from explainer.story.model import Choice, Question


def reader_seed(student: str) -> str:
    """The shuffling seed of a student: their name as their save matches it (case and spaces ignored)."""
    return " ".join(student.split()).casefold()


def shuffled_ids(question: Question, seed: str, passage_id: str) -> list[str]:
    """The ids of the question's options in the order this reader sees them.

    The same seed and passage always give the same order; pinned options keep their place.
    Decisions keep the order the author wrote.
    """
    ids = [option.id for option in question.options]
    if not question.is_quiz:
        return ids
    movable = [option.id for option in question.options if not option.pinned]
    # A string seed is hashed by random itself (SHA-512, built in): the same on every machine and
    # every run, without loading OpenSSL, which hashlib would, for 0.65 MB.
    random.Random(f"{seed}\0{passage_id}").shuffle(movable)
    shuffled = iter(movable)
    return [option.id if option.pinned else next(shuffled) for option in question.options]


def options_in_order(question: Question, order: list[str]) -> tuple[Choice, ...]:
    """The question's options in a saved order; options the order does not know keep their place."""
    known = [option_id for option_id in order if question.option_with_id(option_id) is not None]
    if len(known) != len(question.options):
        # The story was edited since the order was saved: new options go where the author put them.
        for index, option in enumerate(question.options):
            if option.id not in known:
                known.insert(min(index, len(known)), option.id)
    found = (question.option_with_id(option_id) for option_id in known)
    return tuple(option for option in found if option is not None)
