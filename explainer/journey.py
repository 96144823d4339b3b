"""The reader's journey through a story: where they are, history, answers, flags."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Choice, Passage, Story


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

    def __post_init__(self) -> None:
        self.history = History([Step(self.story.start)])
        self.visited[self.story.start] = None

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

    def choices(self) -> list[Choice]:
        """What the reader may pick now."""
        passage, flags = self.passage, self.flags
        question = passage.question
        if question is not None and (not question.is_quiz or not self.solved()):
            offered = question.options
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
        self.history.go(Step(choice.goto, passage.id, choice))
        self.visited[choice.goto] = None
        return None

    def revisit(self, passage_id: str) -> None:
        """Go again to a passage already visited, as a new step on the path."""
        if passage_id not in self.visited:
            raise ValueError(f"{passage_id!r} has not been visited")
        if passage_id != self.passage.id:
            self.history.go(Step(passage_id, self.passage.id))

    def back(self) -> bool:
        """Go back one passage; returns whether it moved."""
        return self.history.back()

    def forward(self) -> bool:
        """Go forward again along the path; returns whether it moved."""
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
