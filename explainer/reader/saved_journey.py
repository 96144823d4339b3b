"""A journey read back from saved data, for a story that may have been edited since."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from explainer.reader.history import History, Step
from explainer.reader.journey import Journey
from explainer.story.model import Choice, Story


class JourneyReader:
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
                via = _find_choice(
                    self.story, came_from, passage_id, _expect(target.get("text", ""), str, "choice text")
                )
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
            notices.append(
                f"The story no longer has some passages you had read ({names}{more}); "
                "they were left out of your saved progress."
            )
        if self.lost_choices:
            notices.append(
                f"{self.lost_choices} choice(s) on your path changed in the story; what they set was left out."
            )
        if self.unknown_options:
            notices.append(
                f"{self.unknown_options} quiz answer(s) no longer match the story's questions; they were left out."
            )
        if self.unknown_terms:
            names = ", ".join(sorted(self.unknown_terms)[:5])
            notices.append(f"The glossary no longer has some terms you looked up ({names}); they were left out.")
        return notices


def _find_choice(story: Story, came_from: str, goto: str, text: str) -> Choice | None:
    """The choice of passage ``came_from`` that leads to ``goto`` (by text when several do)."""
    passage = story.passages.get(came_from)
    if passage is None:
        return None
    leading = [choice for choice in passage.all_choices if choice.goto == goto]
    return next((choice for choice in leading if choice.text == text), None) or next(iter(leading), None)


def _expect(value: Any, kind: type, what: str) -> Any:
    """``value`` if it is of type ``kind``; otherwise a ValueError naming ``what``."""
    if not isinstance(value, kind):
        raise ValueError(f"{what} should be {kind.__name__}, not {type(value).__name__}")
    return value
