"""What a reader did, as facts (for the report) and as the ending's summary (for every front end)."""

from __future__ import annotations

from typing import Any

from explainer.reader.journey import PAUSE_SECONDS, Journey
from explainer.reader.report_data import build_report, format_duration
from explainer.reader.shown import escape_markdown
from explainer.story.files import make_visible

__all__ = ["build_report", "ending_summary", "format_duration", "hand_in_hint", "path_summary", "time_markdown"]


def time_markdown(report: dict[str, Any]) -> str:
    """The time-per-section part of a report, as Markdown."""
    lines = ["**Time per section**", ""]
    for entry in report["time_per_section"]:
        lines.append(f"- {escape_markdown(entry['section'])}: {format_duration(entry['seconds'])}")
    if not report["time_per_section"]:
        lines.append("- No reading time recorded yet.")
    else:
        lines.append(f"- Total: {format_duration(report['total_seconds'])}")
        lines.append(
            f"- Pauses (over {PAUSE_SECONDS // 60} minutes with no key pressed) are not counted"
            + (f": {format_duration(report['paused_seconds'])} left out." if report.get("paused_seconds") else ".")
        )
    return "\n".join(lines)


def hand_in_hint(student: str = "") -> str:
    """A line of Markdown telling the reader how to get a report to hand in."""
    command = "python -m explainer report"
    if student:
        import shlex  # only for a named student's ending

        command += " --student " + shlex.quote(make_visible(student))
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
