"""The reader's journey through a story: where they are, history, answers, flags."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from explainer.story.model import Choice, Passage, Story


@dataclass(frozen=True)
class Step:
    """One passage on the reader's path, and the choice that led to it."""

    passage_id: str
    came_from: str = ""
    via: Choice | None = None


@dataclass
class History:
    """The path so far, with a position that moves back and forward along it."""

    steps: list[Step]
    position: int = 0

    @property
    def current(self) -> Step:
        """The step the reader is on."""
        return self.steps[self.position]

    @property
    def path(self) -> list[Step]:
        """The steps up to and including the current one."""
        return self.steps[: self.position + 1]

    def go(self, step: Step) -> None:
        """Move on to a new step, dropping whatever lay ahead."""
        del self.steps[self.position + 1 :]
        self.steps.append(step)
        self.position += 1

    def back(self) -> bool:
        """Move one step back; returns whether it moved."""
        if self.position == 0:
            return False
        self.position -= 1
        return True

    def forward(self) -> bool:
        """Move one step forward again; returns whether it moved."""
        if self.position + 1 >= len(self.steps):
            return False
        self.position += 1
        return True

    @property
    def can_go_back(self) -> bool:
        """Whether there is a step behind."""
        return self.position > 0

    @property
    def can_go_forward(self) -> bool:
        """Whether there is a step ahead."""
        return self.position + 1 < len(self.steps)


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
        return frozenset(
            flag for step in self.history.path if step.via is not None for flag in step.via.sets
        )

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
        return _JourneyReader(story, clock).read(data)


class _JourneyReader:
    """Turns saved journey data back into a :class:`Journey`, noting what was dropped."""

    def __init__(self, story: Story, clock: Callable[[], float]) -> None:
        self.story = story
        self.journey = Journey(story, clock=clock)
        self.unknown_passages: dict[str, None] = {}
        self.lost_choices = 0
        self.unknown_options = 0
        self.unknown_terms: dict[str, None] = {}

    def read(self, data: Any) -> tuple[Journey, list[str]]:
        """Fill the journey from ``data``; returns it with the notices."""
        data = _expect(data, dict, "journey")
        self._read_steps(_expect(data.get("steps"), list, "steps"), data.get("at"))
        self._read_attempts(_expect(data.get("attempts", {}), dict, "attempts"))
        passages = self.story.passages
        for passage_id in _expect(data.get("visited", []), list, "visited"):
            if _expect(passage_id, str, "visited passage") in passages:
                self.journey.visited[passage_id] = None
            else:
                self.unknown_passages[passage_id] = None
        for step in self.journey.history.steps:
            self.journey.visited[step.passage_id] = None
        for name in _expect(data.get("looked_up", []), list, "looked_up"):
            term = self.story.term_named(_expect(name, str, "term"))
            if term is None:
                self.unknown_terms[name] = None
            else:
                self.journey.looked_up[term.name] = None
        for passage_id, spent in _expect(data.get("seconds", {}), dict, "seconds").items():
            if not isinstance(spent, (int, float)) or isinstance(spent, bool) or spent < 0:
                raise ValueError(f"the reading time of {passage_id!r} is not a number of seconds")
            if passage_id in passages:
                self.journey.seconds[passage_id] = float(spent)
            else:
                self.unknown_passages[passage_id] = None
        return self.journey, self._notices()

    def _read_steps(self, raw_steps: list[Any], at: Any) -> None:
        if not isinstance(at, int) or isinstance(at, bool) or not 0 <= at < max(len(raw_steps), 1):
            raise ValueError("the position on the path is missing or out of range")
        passages = self.story.passages
        steps: list[Step] = []
        position = 0
        for index, raw in enumerate(raw_steps):
            raw = _expect(raw, dict, "step")
            passage_id = _expect(raw.get("passage"), str, "step passage")
            came_from = _expect(raw.get("from", ""), str, "step origin")
            if passage_id not in passages:
                self.unknown_passages[passage_id] = None
                continue
            via = None
            if raw.get("via") is not None:
                target = _expect(raw["via"], dict, "step choice")
                via = _find_choice(self.story, came_from, passage_id,
                                   _expect(target.get("text", ""), str, "choice text"))
                if via is None:
                    self.lost_choices += 1
            steps.append(Step(passage_id, came_from if came_from in passages else "", via))
            if index <= at:
                position = len(steps) - 1
        if steps:
            self.journey.history = History(steps, position)

    def _read_attempts(self, raw_attempts: dict[Any, Any]) -> None:
        for passage_id, texts in raw_attempts.items():
            texts = _expect(texts, list, "quiz answers")
            passage = self.story.passages.get(passage_id)
            if passage is None:
                self.unknown_passages[passage_id] = None
                continue
            question = passage.question
            if question is None or not question.is_quiz:
                self.unknown_options += len(texts)
                continue
            known = [option.text for option in question.options]
            tries = []
            for text in texts:
                if _expect(text, str, "quiz answer") in known:
                    tries.append(known.index(text))
                else:
                    self.unknown_options += 1
            if tries:
                self.journey.attempts[passage_id] = tries

    def _notices(self) -> list[str]:
        notices = []
        if self.unknown_passages:
            names = ", ".join(sorted(self.unknown_passages)[:5])
            more = " ..." if len(self.unknown_passages) > 5 else ""
            notices.append(f"The story no longer has some passages you had read ({names}{more}); "
                           "they were left out of your saved progress.")
        if self.lost_choices:
            notices.append(f"{self.lost_choices} choice(s) on your path changed in the story; "
                           "what they set was left out.")
        if self.unknown_options:
            notices.append(f"{self.unknown_options} quiz answer(s) no longer match the story's "
                           "questions; they were left out.")
        if self.unknown_terms:
            names = ", ".join(sorted(self.unknown_terms)[:5])
            notices.append(f"The glossary no longer has some terms you looked up ({names}); "
                           "they were left out.")
        return notices


def _find_choice(story: Story, came_from: str, goto: str, text: str) -> Choice | None:
    """The choice of passage ``came_from`` that leads to ``goto`` (by text when several do)."""
    passage = story.passages.get(came_from)
    if passage is None:
        return None
    leading = [choice for choice in passage.all_choices if choice.goto == goto]
    return next((choice for choice in leading if choice.text == text), None) or next(
        iter(leading), None)


def _expect(value: Any, kind: type, what: str) -> Any:
    """``value`` if it is of type ``kind``; otherwise a ValueError naming ``what``."""
    if not isinstance(value, kind):
        raise ValueError(f"{what} should be {kind.__name__}, not {type(value).__name__}")
    return value
