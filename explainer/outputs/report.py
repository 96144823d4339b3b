"""A reader's report: path, quizzes, decisions, terms and time per section, as Markdown or JSON."""

from __future__ import annotations

import json
import shlex
import sys
from datetime import date
from pathlib import Path
from typing import Any

from explainer.reader.journey import Journey
from explainer.story.model import Passage, Story
from explainer.reader.shown import escape_markdown, where
from explainer.reader.storage import write_user_file
from explainer.reader.saves import DamagedSave, SaveSlot

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
    for passage_id, tries in journey.attempts.items():
        passage = story.passages[passage_id]
        question = passage.question
        if question is None or not tries:
            continue
        first = question.options[tries[0]]
        quizzes.append({
            "passage": passage_id,
            "title": passage.title,
            "prompt": question.prompt,
            "first_answer": first.text,
            "right_first_time": first.correct,
            "tries": len(tries),
            "solved": any(question.options[i].correct for i in tries),
        })
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
        "path": [{"passage": p.id, "title": p.title, "where": where(story, p)}
                 for p in path],
        "quizzes": quizzes,
        "decisions": decisions,
        "terms_looked_up": list(journey.looked_up),
        "time_per_section": [{"section": label, "seconds": round(spent)} for label, spent in times],
        "total_seconds": round(sum(spent for _label, spent in times)),
    }


def report_json(report: dict[str, Any]) -> str:
    """The report as indented JSON."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


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


def report_markdown(report: dict[str, Any]) -> str:
    """The report as Markdown a student can hand in."""
    e = escape_markdown
    lines = [f"# Report: {e(report['story'])}", ""]
    lines.append(f"- Student: {e(report['student']) if report['student'] else '(no name given)'}")
    lines.append(f"- Date: {report['date']}")
    lines.append(f"- Reached the ending: {'yes' if report['finished'] else 'not yet'}")
    lines += ["", "## Path taken", ""]
    for number, step in enumerate(report["path"], start=1):
        lines.append(f"{number}. {e(step['title'])} ({e(step['where'])})")
    lines += ["", "## Quizzes", ""]
    right = sum(quiz["right_first_time"] for quiz in report["quizzes"])
    lines.append(f"Right at the first try: {right} of {len(report['quizzes'])}")
    lines.append("")
    for quiz in report["quizzes"]:
        if quiz["right_first_time"]:
            result = "right at the first try"
        elif quiz["solved"]:
            result = f"wrong at first, right after {quiz['tries']} tries"
        else:
            result = f"not answered right yet ({quiz['tries']} tries)"
        lines.append(f"- **{e(quiz['title'])}**: {e(quiz['prompt'])} "
                     f"First answer: *{e(quiz['first_answer'])}*, {result}.")
    if not report["quizzes"]:
        lines.append("- No quiz answered yet.")
    lines += ["", "## Decisions", ""]
    for decision in report["decisions"]:
        role = f"{e(decision['role'])} " if decision["role"] else ""
        others = ", ".join(f"*{e(text)}*" for text in decision["not_taken"]) or "none"
        lines.append(f"- **{e(decision['title'])}**: {role}{e(decision['prompt'])} "
                     f"Chose: *{e(decision['chosen'])}* (not taken: {others}).")
    if not report["decisions"]:
        lines.append("- No decision taken yet.")
    lines += ["", "## Terms looked up", ""]
    terms = report["terms_looked_up"]
    lines.append("- " + ", ".join(e(term) for term in terms) if terms else "- None.")
    lines += ["", "## Time per section", ""]
    lines += time_markdown(report).split("\n")[2:]
    return "\n".join(lines) + "\n"


def run_report(story: Story, student: str = "", form: str = "md",
               output: Path | None = None) -> int:
    """Print (or write to ``output``) a student's report from their save; returns the exit code."""
    slot = SaveSlot(story, student)
    who = f" for {student!r}" if student else ""
    try:
        journey, notices = slot.read()
    except FileNotFoundError:
        print(f"No saved progress{who} in this story yet ({slot.path}).", file=sys.stderr)
        return 1
    except (DamagedSave, OSError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        print(f"The saved progress{who} in {slot.path} cannot be read: {reason}.", file=sys.stderr)
        return 1
    for notice in notices:
        print(notice, file=sys.stderr)
    report = build_report(journey, slot.student)
    text = report_json(report) if form == "json" else report_markdown(report)
    if output is None:
        sys.stdout.write(text)
        return 0
    return write_user_file(output, text, "Report")
