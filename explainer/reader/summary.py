"""What a reader did, as facts (for the report) and as the ending's summary (for every front end)."""

from __future__ import annotations

import shlex
from datetime import date
from typing import Any

from explainer.reader.journey import Journey
from explainer.reader.shown import escape_markdown, where
from explainer.story.model import Passage

REPORT_FORMAT = "explainer-report"
REPORT_VERSION = 1


def _section_order(passage: Passage) -> int:
    if passage.ending:
        return 1_000_000
    return passage.section


def section_times(journey: Journey) -> list[tuple[str, float]]:
    """Seconds spent reading, per section, in story order (only sections with time)."""
    story = journey.story
    totals: dict[str, float] = {}
    order: dict[str, int] = {}
    for passage_id, spent in journey.seconds.items():
        passage = story.passages[passage_id]
        label = where(story, passage)
        totals[label] = totals.get(label, 0.0) + spent
        order[label] = min(order.get(label, _section_order(passage)), _section_order(passage))
    return sorted(totals.items(), key=lambda item: order[item[0]])


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


def build_report(journey: Journey, student: str = "", today: date | None = None) -> dict[str, Any]:
    """The facts of a reader's journey as JSON-ready data."""
    story = journey.story
    path = [story.passages[step.passage_id] for step in journey.history.path]
    quizzes = []
    for passage_id, tries in journey.tries.items():
        passage = story.passages[passage_id]
        question = passage.question
        first = question.option_with_id(tries[0]) if question is not None and tries else None
        if question is None or first is None:
            continue
        quizzes.append(
            {
                "passage": passage_id,
                "title": passage.title,
                "prompt": question.prompt,
                "first_answer": first.text,
                "right_first_time": first.correct,
                "tries": len(tries),
                "solved": journey.solved(passage),
            }
        )
    decisions = [
        {
            "passage": decision.passage.id,
            "title": decision.passage.title,
            "role": decision.passage.question.role if decision.passage.question else "",
            "prompt": decision.passage.question.prompt if decision.passage.question else "",
            "chosen": decision.chosen.text,
            "not_taken": [option.text for option in decision.not_taken],
        }
        for decision in journey.decisions()
    ]
    times = section_times(journey)
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "story": story.title,
        "student": student,
        "date": (today or date.today()).isoformat(),
        "finished": any(passage.ending for passage in path),
        "path": [{"passage": p.id, "title": p.title, "where": where(story, p)} for p in path],
        "quizzes": quizzes,
        "decisions": decisions,
        "terms_looked_up": list(journey.looked_up),
        "time_per_section": [{"section": label, "seconds": round(spent)} for label, spent in times],
        "total_seconds": round(sum(spent for _label, spent in times)),
    }


def time_markdown(report: dict[str, Any]) -> str:
    """The time-per-section part of a report, as Markdown."""
    lines = ["**Time per section**", ""]
    for entry in report["time_per_section"]:
        lines.append(f"- {escape_markdown(entry['section'])}: {format_duration(entry['seconds'])}")
    if not report["time_per_section"]:
        lines.append("- No reading time recorded yet.")
    else:
        lines.append(f"- Total: {format_duration(report['total_seconds'])}")
    return "\n".join(lines)


def hand_in_hint(student: str = "") -> str:
    """A line of Markdown telling the reader how to get a report to hand in."""
    command = "python -m explainer report"
    if student:
        command += " --student " + shlex.quote(student)
    return f"To hand in your report: {escape_markdown(command + ' -o report.md')}"


def path_summary(journey: Journey, restart_hint: str = "") -> str:
    """The reader's own path as Markdown: decisions, quizzes, terms, branches not taken.

    Args:
        restart_hint: a closing line saying how to start over with these keys.
    """
    story = journey.story
    lines = ["## Your path", ""]
    decisions = journey.decisions()
    lines.append("**Decisions you took**")
    lines.append("")
    for decision in decisions:
        role = decision.passage.question.role if decision.passage.question else ""
        lines.append(
            f"- {escape_markdown(role or decision.passage.title)} You chose: *{escape_markdown(decision.chosen.text)}*"
        )
    if not decisions:
        lines.append("- None on this path.")
    results = journey.first_try_results()
    right = [story.passages[pid].title for pid, ok in results.items() if ok]
    lines += ["", f"**Quizzes right at the first try: {len(right)} of {len(results)}**", ""]
    for passage_id, ok in results.items():
        mark = "right first time" if ok else "took more than one try"
        lines.append(f"- {escape_markdown(story.passages[passage_id].title)}: {mark}")
    lines += ["", "**Terms you looked up**", ""]
    lines.append(
        "- " + ", ".join(escape_markdown(t) for t in journey.looked_up) if journey.looked_up else "- None this time."
    )
    lines += ["", "**Branches not taken**", ""]
    not_taken = [(d, option) for d in decisions for option in d.not_taken]
    for decision, option in not_taken:
        lines.append(f"- {escape_markdown(decision.passage.title)}: *{escape_markdown(option.text)}*")
    if not not_taken:
        lines.append("- None.")
    if restart_hint:
        lines += ["", restart_hint]
    return "\n".join(lines)


def ending_summary(journey: Journey, restart_hint: str, student: str | None) -> str:
    """The ending's summary as Markdown: the reader's path, their time, how to hand in a report.

    Args:
        restart_hint: a line saying how to start over with this front end's keys.
        student: whose save this is (``""`` for the reader who gave no name), or None without one.
    """
    parts = [path_summary(journey, restart_hint), time_markdown(build_report(journey))]
    if student is not None:
        parts.append(hand_in_hint(student))
    return "\n\n".join(parts)
