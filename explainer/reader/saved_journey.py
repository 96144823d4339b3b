"""A journey read back from saved data, for a story that may have been edited since."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from explainer.reader.history import History, Step
from explainer.reader.journey import Journey
from explainer.story.model import Choice, Question, Story


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
        self._read_attempt(data)
        self._read_steps(_expect(data.get("steps"), list, "steps"), data.get("at"))
        # Saves before version 2 named quiz answers by their text, under "attempts".
        self._read_answers(_expect(data.get("answers", data.get("attempts", {})), dict, "answers"))
        self._read_orders(_expect(data.get("orders", {}), dict, "orders"))
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
            if passage_id in passages:
                self.journey.seconds[passage_id] = _seconds(spent, f"the reading time of {passage_id!r}")
            else:
                _seconds(spent, f"the reading time of {passage_id!r}")
                self.unknown_passages[passage_id] = None
        self.journey.paused_seconds = _seconds(data.get("paused_seconds", 0), "the time paused")
        return self.journey, self._notices()

    def _read_attempt(self, data: dict[str, Any]) -> None:
        """The attempt's id, times, dates of play and shuffling seed (older saves have none)."""
        journey = self.journey
        journey.attempt_id = _expect(data.get("id", journey.attempt_id), str, "attempt id") or journey.attempt_id
        journey.started = _expect(data.get("started", ""), str, "start time")
        journey.ended = _expect(data.get("ended", ""), str, "end time")
        journey.seed = _expect(data.get("seed", ""), str, "seed")
        for day in _expect(data.get("played_on", []), list, "dates of play"):
            journey.played_on[_expect(day, str, "date of play")] = None

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

    def _read_answers(self, raw_answers: dict[Any, Any]) -> None:
        for passage_id, names in raw_answers.items():
            names = _expect(names, list, "quiz answers")
            passage = self.story.passages.get(passage_id)
            if passage is None:
                self.unknown_passages[passage_id] = None
                continue
            question = passage.question
            if question is None or not question.is_quiz:
                self.unknown_options += len(names)
                continue
            tries = []
            for name in names:
                option = _find_option(question, _expect(name, str, "quiz answer"))
                if option is None:
                    self.unknown_options += 1
                else:
                    tries.append(option.id)
            if tries:
                self.journey.tries[passage_id] = tries

    def _read_orders(self, raw_orders: dict[Any, Any]) -> None:
        for passage_id, order in raw_orders.items():
            order = [_expect(option_id, str, "option id") for option_id in _expect(order, list, "option order")]
            if passage_id in self.story.passages:
                self.journey.orders[passage_id] = order

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


def _find_option(question: Question, name: str) -> Choice | None:
    """The option with this id, or (as older saves named them) with this text."""
    return question.option_with_id(name) or next((o for o in question.options if o.text == name), None)


def _seconds(value: Any, what: str) -> float:
    """A saved number of seconds; a ValueError when it is not a finite number, zero or more."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{what} is not a number of seconds")
    return float(value)


def _expect(value: Any, kind: type, what: str) -> Any:
    """``value`` if it is of type ``kind``; otherwise a ValueError naming ``what``."""
    if not isinstance(value, kind):
        raise ValueError(f"{what} should be {kind.__name__}, not {type(value).__name__}")
    return value
