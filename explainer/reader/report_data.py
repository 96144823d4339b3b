"""The facts of one attempt at a story, as JSON-ready data: what a report shows and a teacher collects.

The shape is described by ``report.schema.json`` beside this module and in docs/reports.md.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from explainer.reader.journey import PAUSE_SECONDS, Journey
from explainer.reader.shown import where
from explainer.story.model import Choice, Passage

REPORT_FORMAT = "explainer-report"
REPORT_SET_FORMAT = "explainer-report-set"
REPORT_VERSION = 2
"""Version 2 adds option ids and the order shown, attempts, dates of play and pauses."""


def _section_order(passage: Passage, sections: int) -> int:
    """The section's number: 0 for the introduction, one past the last section for the ending."""
    return sections + 1 if passage.ending else passage.section


def section_times(journey: Journey) -> list[tuple[str, float]]:
    """Seconds spent reading, per section, in story order (only sections with time)."""
    return [(label, spent) for label, _number, spent in _section_times(journey)]


def _section_times(journey: Journey) -> list[tuple[str, int, float]]:
    story = journey.story
    totals: dict[str, float] = {}
    numbers: dict[str, int] = {}
    for passage_id, spent in journey.seconds.items():
        passage = story.passages[passage_id]
        label = where(story, passage)
        totals[label] = totals.get(label, 0.0) + spent
        number = _section_order(passage, story.section_count)
        numbers[label] = min(numbers.get(label, number), number)
    return sorted(((label, numbers[label], spent) for label, spent in totals.items()), key=lambda item: item[1])


def format_duration(seconds: float) -> str:
    """A duration for people: ``45 s``, ``3 min 05 s``, ``1 h 02 min``."""
    whole = int(round(seconds))
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def _option(option: Choice) -> dict[str, Any]:
    return {"id": option.id, "text": option.text}


def _quizzes(journey: Journey) -> list[dict[str, Any]]:
    quizzes = []
    for passage_id, tries in journey.tries.items():
        passage = journey.story.passages[passage_id]
        question = passage.question
        answers = [o for o in map(question.option_with_id, tries) if o is not None] if question else []
        if question is None or not answers:
            continue
        first = answers[0]
        quizzes.append(
            {
                "passage": passage_id,
                "title": passage.title,
                "prompt": question.prompt,
                "options_shown": [{**_option(o), "correct": o.correct} for o in journey.options_shown(passage)],
                "first_answer": first.text,
                "first_answer_id": first.id,
                "answers": [_option(o) for o in answers],
                "right_first_time": first.correct,
                "tries": len(answers),
                "solved": journey.solved(passage),
            }
        )
    return quizzes


def build_report(
    journey: Journey, student: str = "", today: date | None = None, attempt: int = 1, attempts: int = 1
) -> dict[str, Any]:
    """The facts of one attempt as JSON-ready data.

    Args:
        today: the day the report is made (``printed``); the days of play come from the journey.
        attempt: which attempt this is (1 is the first), of ``attempts`` saved.
    """
    story = journey.story
    path = [story.passages[step.passage_id] for step in journey.history.path]
    decisions = [
        {
            "passage": decision.passage.id,
            "title": decision.passage.title,
            "role": decision.passage.question.role if decision.passage.question else "",
            "prompt": decision.passage.question.prompt if decision.passage.question else "",
            "chosen": decision.chosen.text,
            "chosen_id": decision.chosen.id,
            "not_taken": [option.text for option in decision.not_taken],
            "not_taken_ids": [option.id for option in decision.not_taken],
        }
        for decision in journey.decisions()
    ]
    times = _section_times(journey)
    played_on = sorted(journey.played_on)
    printed = (today or date.today()).isoformat()
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "story": story.title,
        "story_start": story.start,
        "student": student,
        "date": played_on[-1] if played_on else printed,
        "printed": printed,
        "played_on": played_on,
        "started": journey.started,
        "ended": journey.ended,
        "attempt": attempt,
        "attempts": attempts,
        "finished": journey.finished or any(passage.ending for passage in path),
        "path": [{"passage": p.id, "title": p.title, "where": where(story, p)} for p in path],
        "quizzes": _quizzes(journey),
        "decisions": decisions,
        "terms_looked_up": list(journey.looked_up),
        "time_per_section": [
            {"section": label, "number": number, "seconds": round(spent)} for label, number, spent in times
        ],
        "total_seconds": round(sum(spent for _label, _number, spent in times)),
        "paused_seconds": round(journey.paused_seconds),
        "pause_limit_seconds": PAUSE_SECONDS,
    }


def report_set(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Every attempt's report in one JSON document (``report --all --format json``)."""
    return {"format": REPORT_SET_FORMAT, "version": REPORT_VERSION, "reports": reports}
