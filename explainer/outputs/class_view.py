"""The class summary in the terminal (Rich tables and bars) and as one standalone HTML page (inline SVG)."""

from __future__ import annotations

import html
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from explainer.outputs.class_data import ClassSummary, read_reports, summarise
from explainer.reader.report_data import format_duration
from explainer.reader.storage import write_user_file
from explainer.story.files import make_visible
from explainer.story.model import Story

BAR = 20


def _bar(share: float, width: int = BAR) -> str:
    filled = round(max(0.0, min(1.0, share)) * width)
    return "\u2588" * filled + "\u2591" * (width - filled)


def print_summary(summary: ClassSummary, console: Console) -> None:
    """Print the summary with Rich; every piece of text from a file goes in as Text, never markup."""
    console.print(Text(f"Class summary: {summary.students} reports, {summary.finished} reached the end", style="bold"))
    quizzes = Table(title="Quizzes: right at the first try", title_justify="left")
    for column in ("Quiz", "First try", "", "Wrong answer chosen most (its feedback)"):
        quizzes.add_column(column)
    for quiz in summary.quizzes:
        wrong = Text(f"{quiz.common_wrong} ({quiz.common_wrong_count})" if quiz.common_wrong else "none")
        if quiz.common_wrong_feedback:
            wrong.append("\n" + " ".join(quiz.common_wrong_feedback.split()), style="italic")
        quizzes.add_row(Text(quiz.title), f"{quiz.right_first}/{quiz.answered}", _bar(quiz.rate), wrong)
    console.print(quizzes)
    decisions = Table(title="Decisions: who chose what", title_justify="left")
    for column in ("Decision", "Option", "Chosen", ""):
        decisions.add_column(column)
    for decision in summary.decisions:
        total = sum(n for _text, n in decision.counts) or 1
        for index, (text, count) in enumerate(decision.counts):
            decisions.add_row(Text(decision.title if index == 0 else ""), Text(text), str(count), _bar(count / total))
    console.print(decisions)
    terms = Table(title="Terms looked up most", title_justify="left")
    terms.add_column("Term")
    terms.add_column("Students")
    for name, count in summary.terms:
        terms.add_row(Text(name), str(count))
    console.print(terms)
    times = Table(title="Active time per section (pauses over 5 min not counted)", title_justify="left")
    for column in ("Section", "Median", "Range", "Reports"):
        times.add_column(column)
    for section in summary.times:
        spread = f"{format_duration(section.low)} to {format_duration(section.high)}"
        times.add_row(Text(section.label), format_duration(section.median), spread, str(section.students))
    console.print(times)
    if summary.gone:
        gone = make_visible(", ".join(summary.gone))
        console.print(Text("In the reports but no longer in the story: " + gone, style="yellow"))


def _svg_bars(rows: list[tuple[str, float, str]], label: str) -> str:
    """A horizontal bar chart: one bar per row (name, share 0..1, value shown), as inline SVG."""
    x = html.escape
    height = 24 * len(rows) + 8
    parts = [
        f'<svg class="chart" role="img" aria-label="{x(label)}" width="640" height="{height}" '
        f'viewBox="0 0 640 {height}">'
    ]
    for index, (name, share, value) in enumerate(rows):
        y = 4 + 24 * index
        width = round(300 * max(0.0, min(1.0, share)))
        parts.append(f'<text x="0" y="{y + 15}" font-size="13">{x(name[:40])}</text>')
        parts.append(f'<rect class="bar" x="300" y="{y + 2}" width="{width}" height="16" fill="#2a6f97"></rect>')
        parts.append(f'<text x="{300 + width + 6}" y="{y + 15}" font-size="13">{x(value)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def summary_html(summary: ClassSummary, title: str) -> str:
    """The summary as one page that loads nothing from elsewhere: charts are inline SVG."""
    x = html.escape
    body = [
        f"<h1>Class summary: {x(title)}</h1>",
        f"<p>{summary.students} reports, {summary.finished} reached the end.</p>",
    ]
    body.append("<h2>Quizzes: right at the first try</h2>")
    body.append(
        _svg_bars(
            [(q.title, q.rate, f"{q.right_first}/{q.answered}") for q in summary.quizzes], "First-try rate per quiz"
        )
    )
    body.append("<ul>")
    for quiz in summary.quizzes:
        if quiz.common_wrong:
            body.append(
                f"<li><strong>{x(quiz.title)}</strong>: wrong answer chosen most: <em>{x(quiz.common_wrong)}</em> "
                f"({quiz.common_wrong_count}). {x(' '.join(quiz.common_wrong_feedback.split()))}</li>"
            )
    body.append("</ul>")
    for decision in summary.decisions:
        total = sum(n for _text, n in decision.counts) or 1
        body.append(f"<h2>Decision: {x(decision.title)}</h2>")
        body.append(_svg_bars([(t, n / total, str(n)) for t, n in decision.counts], f"Choices at {decision.title}"))
    body.append("<h2>Terms looked up most</h2>")
    most = max((n for _name, n in summary.terms), default=1)
    body.append(_svg_bars([(name, n / most, str(n)) for name, n in summary.terms], "Terms looked up"))
    body.append("<h2>Active time per section</h2><p>Pauses over 5 minutes with no key pressed are not counted.</p>")
    longest = max((s.high for s in summary.times), default=1) or 1
    body.append(
        _svg_bars(
            [
                (
                    s.label,
                    s.median / longest,
                    f"{format_duration(s.median)} ({format_duration(s.low)} to {format_duration(s.high)})",
                )
                for s in summary.times
            ],
            "Median time per section",
        )
    )
    if summary.gone:
        body.append("<h2>No longer in the story</h2><ul>" + "".join(f"<li>{x(g)}</li>" for g in summary.gone) + "</ul>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>Class summary: {x(title)}</title>\n"
        "<style>body{font-family:Helvetica,Arial,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}</style>\n"
        "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def run_class(story: Story, paths: list[Path], output: Path | None = None) -> int:
    """Summarise the reports in ``paths`` for the class; returns the exit code."""
    if not paths:
        print("class: name the report files (.json) or folders to summarise.", file=sys.stderr)
        return 2
    reports, skipped = read_reports(paths)
    for line in skipped:
        print(make_visible(line), file=sys.stderr)  # a file name or a report's text may hold any byte
    if not reports:
        print("No report could be read, so there is nothing to summarise.", file=sys.stderr)
        return 1
    summary = summarise(story, reports)
    if output is not None:
        if output.suffix.lower() not in (".html", ".htm"):
            print(f"class: cannot tell the format from {output.name!r}: end the name in .html", file=sys.stderr)
            return 2
        return write_user_file(output, summary_html(summary, story.title), "Class summary")
    print_summary(summary, Console())
    return 0
