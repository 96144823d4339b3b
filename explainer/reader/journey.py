"""The reader's journey through a story: where they are, history, answers, flags."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from explainer.reader.history import History, Step
from explainer.story.model import Choice, Passage, Story


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
    """Everything about one reader's way through a story, with no UI."""

    story: Story
    history: History = field(init=False)
    attempts: dict[str, list[int]] = field(default_factory=dict)
    looked_up: dict[str, None] = field(default_factory=dict)
    visited: dict[str, None] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.history = History([Step(self.story.start)])
        self.visited[self.story.start] = None
        self._since = self.clock()

    def record_time(self) -> None:
        """Add the time since the last record to the reading time of the current passage."""
        now = self.clock()
        passage_id = self.history.current.passage_id
        self.seconds[passage_id] = self.seconds.get(passage_id, 0.0) + max(0.0, now - self._since)
        self._since = now

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
        return any(question.options[i].correct for i in self.attempts.get(passage.id, []))

    def question_open(self) -> bool:
        """Whether the passage asks a question still to be answered: a decision, or a quiz not yet right."""
        question = self.passage.question
        return question is not None and (not question.is_quiz or not self.solved())

    def choices(self) -> list[Choice]:
        """What the reader may pick now: the open question's options, otherwise the choices."""
        passage, flags = self.passage, self.flags
        if passage.question is not None and self.question_open():
            offered = passage.question.options
        else:
            offered = passage.choices
        return [choice for choice in offered if choice.available(flags)]

    def choose(self, choice: Choice) -> Answer | None:
        """Pick a choice: answer the quiz (returns the :class:`Answer`) or move on (``None``)."""
        passage = self.passage
        question = passage.question
        if question is not None and question.is_quiz and choice in question.options:
            tries = self.attempts.setdefault(passage.id, [])
            if not self.solved():
                tries.append(question.options.index(choice))
            return Answer(choice, choice.correct, first_try=len(tries) == 1 and choice.correct)
        if choice not in self.choices():
            raise ValueError(f"{choice.text!r} cannot be chosen in {passage.id!r}")
        self.record_time()
        self.history.go(Step(choice.goto, passage.id, choice))
        self.visited[choice.goto] = None
        return None

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
        self.looked_up[term_name] = None

    def first_try_results(self) -> dict[str, bool]:
        """For every quiz answered: whether the first answer was right, by passage id."""
        results = {}
        for passage_id, tries in self.attempts.items():
            question = self.story.passages[passage_id].question
            if tries and question is not None:
                results[passage_id] = question.options[tries[0]].correct
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
        attempts = {}
        for passage_id, tries in self.attempts.items():
            question = self.story.passages[passage_id].question
            if question is not None:
                attempts[passage_id] = [question.options[i].text for i in tries]
        return {
            "steps": steps,
            "at": self.history.position,
            "attempts": attempts,
            "looked_up": list(self.looked_up),
            "visited": list(self.visited),
            "seconds": {pid: round(spent, 1) for pid, spent in self.seconds.items()},
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
