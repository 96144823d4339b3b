"""A reader's report: path, quizzes, decisions, terms and time per section, as Markdown or JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from explainer.reader.journey import Journey
from explainer.reader.report_data import build_report, report_set
from explainer.reader.saves import DamagedSave, SaveSlot
from explainer.reader.shown import escape_markdown
from explainer.reader.storage import write_user_file
from explainer.reader.summary import time_markdown
from explainer.story.files import make_visible
from explainer.story.model import Story

FORMATS_BY_SUFFIX = {".md": "md", ".markdown": "md", ".txt": "md", ".json": "json", ".html": "html", ".htm": "html"}


def report_json(report: dict[str, Any]) -> str:
    """The report as indented JSON."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def report_markdown(report: dict[str, Any]) -> str:
    """The report as Markdown a student can hand in."""

    def e(text: str) -> str:
        return escape_markdown(make_visible(text))

    lines = [f"# Report: {e(report['story'])}", ""]
    lines.append(f"- Student: {e(report['student']) if report['student'] else '(no name given)'}")
    lines.append(f"- Played on: {', '.join(report['played_on']) or report['date']}")
    if report["attempts"] > 1:
        lines.append(f"- Attempt {report['attempt']} of {report['attempts']}")
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


def chosen_attempts(attempts: list[Journey], every: bool) -> list[int]:
    """The indexes of the attempts to report: all, or the latest finished one (else the latest)."""
    if every:
        return list(range(len(attempts)))
    finished = [index for index, attempt in enumerate(attempts) if attempt.finished]
    return [finished[-1] if finished else len(attempts) - 1]


def format_for(output: Path | None, form: str | None) -> str:
    """The report's format: ``--format`` if given, else the output file's suffix, else Markdown.

    Raises:
        ValueError: when the suffix names no format the report knows.
    """
    if form is not None:
        return form
    if output is None:
        return "md"
    found = FORMATS_BY_SUFFIX.get(output.suffix.lower())
    if found is None:
        raise ValueError(f"cannot tell the format from {output.name!r}: end the name in .md, .json or .html")
    return found


def run_report(
    story: Story, student: str = "", form: str | None = None, output: Path | None = None, every: bool = False
) -> int:
    """Print (or write to ``output``) a student's report from their save; returns the exit code.

    Args:
        form: ``md``, ``json`` or ``html``; None picks it from the suffix of ``output``.
        every: report every attempt, not only the latest finished one.
    """
    try:
        form = format_for(output, form)
    except ValueError as error:
        print(f"report: {error}", file=sys.stderr)
        return 2
    slot = SaveSlot(story, student)
    who = f" for {make_visible(student)!r}" if student else ""
    try:
        attempts, notices = slot.read_attempts()
    except FileNotFoundError:
        print(f"No saved progress{who} in this story yet ({slot.path}).", file=sys.stderr)
        return 1
    except (DamagedSave, OSError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        print(f"The saved progress{who} in {slot.path} cannot be read: {reason}.", file=sys.stderr)
        return 1
    for notice in notices:
        print(make_visible(notice), file=sys.stderr)
    reports = [
        build_report(attempts[index], slot.student, attempt=index + 1, attempts=len(attempts))
        for index in chosen_attempts(attempts, every)
    ]
    if form == "json":
        text = report_json(report_set(reports) if every else reports[0])
    elif form == "html":
        from explainer.outputs.report_page import report_html

        text = report_html(reports)
    else:
        text = "\n".join(report_markdown(report) for report in reports)
    if output is None:
        sys.stdout.write(text)
        return 0
    return write_user_file(output, text, "Report")
