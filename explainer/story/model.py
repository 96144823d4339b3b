"""Plain data of a story: passages, questions, choices and glossary terms."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from explainer.story.folding import name_key


class QuestionKind(str, Enum):
    """The two kinds of question a passage may ask."""

    QUIZ = "quiz"
    DECISION = "decision"


@dataclass(frozen=True)
class Condition:
    """A test of one flag: set, or (with ``negated``) not set."""

    flag: str
    negated: bool = False

    def holds(self, flags: frozenset[str]) -> bool:
        """Whether the condition is true for these flags."""
        return (self.flag in flags) != self.negated

    def __str__(self) -> str:
        return f"not {self.flag}" if self.negated else self.flag


@dataclass(frozen=True)
class Choice:
    """Something the reader can pick: a way on, or an option of a question.

    ``goto`` is empty for quiz options, which keep the reader on the passage. ``id`` names a
    question's option in saves and reports (never its position); ``pinned`` keeps it in its
    place when the options are shuffled.
    """

    text: str
    goto: str = ""
    sets: tuple[str, ...] = ()
    condition: Condition | None = None
    correct: bool = False
    feedback: str = ""
    line: int = 0
    id: str = ""
    pinned: bool = False

    def available(self, flags: frozenset[str]) -> bool:
        """Whether the choice is offered to a reader with these flags."""
        return self.condition is None or self.condition.holds(flags)


@dataclass(frozen=True)
class Question:
    """A quiz (with right answers) or a decision (the reader takes a role)."""

    kind: QuestionKind
    prompt: str
    options: tuple[Choice, ...]
    role: str = ""
    line: int = 0
    notes: str = ""
    """Notes for the teacher about this question; for a quiz, its answer key."""

    @property
    def is_quiz(self) -> bool:
        """Whether this question has right answers."""
        return self.kind is QuestionKind.QUIZ

    @property
    def label(self) -> str:
        """What the question is called where it is asked: ``Quiz`` or ``Your decision``."""
        return "Quiz" if self.is_quiz else "Your decision"

    def option_with_id(self, option_id: str) -> Choice | None:
        """The option with this id, if the question has one."""
        return next((option for option in self.options if option.id == option_id), None)

    @property
    def right_answers(self) -> tuple[Choice, ...]:
        """The options marked right (none for a decision)."""
        return tuple(option for option in self.options if option.correct)


@dataclass(frozen=True)
class Block:
    """A piece of a passage body, shown only when its condition holds."""

    markdown: str
    condition: Condition | None = None


@dataclass(frozen=True)
class Passage:
    """One screenful of story: text, an optional question, and ways on."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    file: str
    line: int
    section: int = 0
    article: str = ""
    question: Question | None = None
    choices: tuple[Choice, ...] = ()
    ending: bool = False
    terms: tuple[str, ...] = ()
    notes: str = ""
    minutes: int = 0

    def body(self, flags: frozenset[str] = frozenset()) -> str:
        """The Markdown body as this reader sees it, given their flags.

        Kept as written: only blank lines at either end and spaces at its end are dropped, since
        the first line's indent is part of the first block (a list's nesting, a code block).
        """
        body = "\n\n".join(
            block.markdown for block in self.blocks if block.condition is None or block.condition.holds(flags)
        ).rstrip()
        first_text = len(body) - len(body.lstrip())
        return body[body.rfind("\n", 0, first_text) + 1 :]

    @property
    def all_choices(self) -> tuple[Choice, ...]:
        """The passage's choices and its question's options, in that order."""
        options = self.question.options if self.question else ()
        return options + self.choices

    @property
    def ways_on(self) -> tuple[Choice, ...]:
        """The choices that lead to another passage: a decision's options, then the choices."""
        return tuple(choice for choice in self.all_choices if choice.goto)


@dataclass(frozen=True)
class Term:
    """A glossary entry."""

    name: str
    definition: str
    aliases: tuple[str, ...] = ()
    source: str = ""
    line: int = 0

    @property
    def names(self) -> tuple[str, ...]:
        """The term's name and its aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Story:
    """A whole loaded story."""

    passages: dict[str, Passage]
    terms: tuple[Term, ...]
    folder: str = ""
    start: str = ""

    @property
    def title(self) -> str:
        """The story's title: the title of the passage every reader starts at."""
        return self.passages[self.start].title

    @property
    def section_count(self) -> int:
        """How many article sections the story walks through."""
        return max((p.section for p in self.passages.values()), default=0)

    def term_named(self, name: str) -> Term | None:
        """The term with this name or alias, with full case folding (as the glossary matches)."""
        return self._terms_by_name.get(name_key(name))

    @cached_property
    def _terms_by_name(self) -> dict[str, Term]:
        # Built once: a scan of the glossary for every reference made loading a story with a big
        # glossary cost passages times terms.
        named: dict[str, Term] = {}
        for term in self.terms:
            for name in term.names:
                named.setdefault(name_key(name), term)
        return named
