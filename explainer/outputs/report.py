"""A reader's report: path, quizzes, decisions, terms and time per section, as Markdown or JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from explainer.reader.saves import DamagedSave, SaveSlot
from explainer.reader.shown import escape_markdown
from explainer.reader.storage import write_user_file
from explainer.reader.summary import build_report, time_markdown
from explainer.story.model import Story


def report_json(report: dict[str, Any]) -> str:
    """The report as indented JSON."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


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
        lines.append(
            f"- **{e(quiz['title'])}**: {e(quiz['prompt'])} First answer: *{e(quiz['first_answer'])}*, {result}."
        )
    if not report["quizzes"]:
        lines.append("- No quiz answered yet.")
    lines += ["", "## Decisions", ""]
    for decision in report["decisions"]:
        role = f"{e(decision['role'])} " if decision["role"] else ""
        others = ", ".join(f"*{e(text)}*" for text in decision["not_taken"]) or "none"
        lines.append(
            f"- **{e(decision['title'])}**: {role}{e(decision['prompt'])} "
            f"Chose: *{e(decision['chosen'])}* (not taken: {others})."
        )
    if not report["decisions"]:
        lines.append("- No decision taken yet.")
    lines += ["", "## Terms looked up", ""]
    terms = report["terms_looked_up"]
    lines.append("- " + ", ".join(e(term) for term in terms) if terms else "- None.")
    lines += ["", "## Time per section", ""]
    lines += time_markdown(report).split("\n")[2:]
    return "\n".join(lines) + "\n"


def run_report(story: Story, student: str = "", form: str = "md", output: Path | None = None) -> int:
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
