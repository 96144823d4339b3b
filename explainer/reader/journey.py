"""The reader's journey through a story: where they are, history, answers, flags."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from explainer.reader.history import History, Step
from explainer.reader.option_order import options_in_order, shuffled_ids
from explainer.story.model import Choice, Passage, Story

PAUSE_SECONDS = 300
"""Time on one screen beyond this, with no key pressed, is a pause and is not counted as reading."""


def wall_clock() -> str:
    """The date and time now, in UTC, as ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Answer:
    """The result of answering a quiz."""

    option: Choice
    correct: bool
    first_try: bool


@dataclass(frozen=True)
class Decision:
    """A decision the reader took: the passage, the option chosen, and those not."""

    passage: Passage
    chosen: Choice
    not_taken: tuple[Choice, ...]


@dataclass
class Journey:
    """Everything about one reader's way through a story (one attempt at it), with no UI.

    ``seed`` decides the order of every quiz's options for this reader; ``orders`` keeps each
    order once shown, by passage id, so it stays the same on going back and after resuming.
    """

    story: Story
    history: History = field(init=False)
    tries: dict[str, list[str]] = field(default_factory=dict)
    """The ids of the options answered at each quiz, in the order given, by passage id."""
    looked_up: dict[str, None] = field(default_factory=dict)
    visited: dict[str, None] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    paused_seconds: float = 0.0
    seed: str = ""
    orders: dict[str, list[str]] = field(default_factory=dict)
    attempt_id: str = field(default_factory=lambda: os.urandom(6).hex())
    started: str = field(default_factory=wall_clock)
    ended: str = ""
    played_on: dict[str, None] = field(default_factory=dict)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False, compare=False)
    now: Callable[[], str] = field(default=wall_clock, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.history = History([Step(self.story.start)])
        self.visited[self.story.start] = None
        self._since = self.clock()

    def fresh(self) -> Journey:
        """A new attempt for the same reader: back at the start, same seed and clocks."""
        return Journey(self.story, seed=self.seed, clock=self.clock, now=self.now)

    def record_time(self) -> None:
        """Add the time since the last record to the reading time of the current passage.

        Time beyond :data:`PAUSE_SECONDS` is a pause (the reader left): it is kept apart.
        """
        now = self.clock()
        passage_id = self.history.current.passage_id
        spent = max(0.0, now - self._since)
        self.paused_seconds += max(0.0, spent - PAUSE_SECONDS)
        self.seconds[passage_id] = self.seconds.get(passage_id, 0.0) + min(spent, PAUSE_SECONDS)
        self._since = now
        self.played_on[self.now()[:10]] = None

    def options_shown(self, passage: Passage | None = None) -> tuple[Choice, ...]:
        """The passage's question options in the order this reader sees them (and keeps seeing)."""
        passage = passage or self.passage
        question = passage.question
        if question is None:
            return ()
        order = self.orders.get(passage.id)
        if order is None:
            order = self.orders[passage.id] = shuffled_ids(question, self.seed, passage.id)
        return options_in_order(question, order)

    @property
    def passage(self) -> Passage:
        """The passage the reader is on."""
        return self.story.passages[self.history.current.passage_id]

    @property
    def flags(self) -> frozenset[str]:
        """The flags set by the choices on the path to here."""
        return frozenset(flag for step in self.history.path if step.via is not None for flag in step.via.sets)

    def solved(self, passage: Passage | None = None) -> bool:
        """Whether the passage's quiz (if any) has been answered right."""
        passage = passage or self.passage
        question = passage.question
        if question is None or not question.is_quiz:
            return True
        return any(
            option is not None and option.correct
            for option in map(question.option_with_id, self.tries.get(passage.id, []))
        )

    def question_open(self) -> bool:
        """Whether the passage asks a question still to be answered: a decision, or a quiz not yet right."""
        question = self.passage.question
        return question is not None and (not question.is_quiz or not self.solved())

    def choices(self) -> list[Choice]:
        """What the reader may pick now: the open question's options, otherwise the choices."""
        passage, flags = self.passage, self.flags
        if passage.question is not None and self.question_open():
            offered = self.options_shown(passage)
        else:
            offered = passage.choices
        return [choice for choice in offered if choice.available(flags)]

    def choose(self, choice: Choice) -> Answer | None:
        """Pick a choice: answer the quiz (returns the :class:`Answer`) or move on (``None``)."""
        passage = self.passage
        question = passage.question
        if question is not None and question.is_quiz and choice in question.options:
            self.record_time()
            tries = self.tries.setdefault(passage.id, [])
            if not self.solved():
                tries.append(choice.id)
            return Answer(choice, choice.correct, first_try=len(tries) == 1 and choice.correct)
        if choice not in self.choices():
            raise ValueError(f"{choice.text!r} cannot be chosen in {passage.id!r}")
        self.record_time()
        self.history.go(Step(choice.goto, passage.id, choice))
        self.visited[choice.goto] = None
        if self.story.passages[choice.goto].ending and not self.ended:
            self.ended = self.now()
        return None

    @property
    def finished(self) -> bool:
        """Whether this attempt has reached an ending."""
        return bool(self.ended)

    def revisit(self, passage_id: str) -> None:
        """Go again to a passage already visited, as a new step on the path."""
        if passage_id not in self.visited:
            raise ValueError(f"{passage_id!r} has not been visited")
        if passage_id != self.passage.id:
            self.record_time()
            self.history.go(Step(passage_id, self.passage.id))

    def back(self) -> bool:
        """Go back one passage; returns whether it moved."""
        self.record_time()
        return self.history.back()

    def forward(self) -> bool:
        """Go forward again along the path; returns whether it moved."""
        self.record_time()
        return self.history.forward()

    def look_up(self, term_name: str) -> None:
        """Remember that the reader looked up a term."""
        self.record_time()
        self.looked_up[term_name] = None

    def first_try_results(self) -> dict[str, bool]:
        """For every quiz answered: whether the first answer was right, by passage id."""
        results = {}
        for passage_id, tries in self.tries.items():
            question = self.story.passages[passage_id].question
            first = question.option_with_id(tries[0]) if tries and question is not None else None
            if first is not None:
                results[passage_id] = first.correct
        return results

    def decisions(self) -> list[Decision]:
        """The decisions taken on the path to here, with the options not taken."""
        taken = []
        for step in self.history.path:
            if step.via is None:
                continue
            passage = self.story.passages[step.came_from]
            question = passage.question
            if question is not None and not question.is_quiz and step.via in question.options:
                others = tuple(o for o in question.options if o is not step.via)
                taken.append(Decision(passage, step.via, others))
        return taken

    def to_dict(self) -> dict[str, Any]:
        """The journey as JSON-ready data, keyed by passage ids and choice targets, never positions.

        Records the reading time up to now first, so the data is complete.
        """
        self.record_time()
        steps = []
        for step in self.history.steps:
            raw: dict[str, Any] = {"passage": step.passage_id, "from": step.came_from}
            if step.via is not None:
                raw["via"] = {"goto": step.via.goto, "text": step.via.text}
            steps.append(raw)
        return {
            "id": self.attempt_id,
            "started": self.started,
            "ended": self.ended,
            "played_on": list(self.played_on),
            "seed": self.seed,
            "steps": steps,
            "at": self.history.position,
            "answers": {pid: list(tries) for pid, tries in self.tries.items()},
            "orders": {pid: list(order) for pid, order in self.orders.items()},
            "looked_up": list(self.looked_up),
            "visited": list(self.visited),
            "seconds": {pid: round(spent, 1) for pid, spent in self.seconds.items()},
            "paused_seconds": round(self.paused_seconds, 1),
        }

    @classmethod
    def from_dict(
        cls, story: Story, data: Any, clock: Callable[[], float] = time.monotonic
    ) -> tuple[Journey, list[str]]:
        """Rebuild a journey saved by :meth:`to_dict` for ``story``, even if it was edited since.

        Passages, choices, quiz options and terms the story no longer has are dropped.

        Returns:
            The journey, and one notice per kind of thing dropped.

        Raises:
            ValueError: when ``data`` is not shaped like a saved journey.
        """
        from explainer.reader.saved_journey import JourneyReader

        return JourneyReader(story, clock).read(data)
