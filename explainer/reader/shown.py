"""What a reader is shown, as Markdown: a passage with its article quote, and their path."""

from __future__ import annotations

import re

from explainer.reader.journey import Answer, Journey
from explainer.story.model import Passage, Story

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape_markdown(text: str) -> str:
    """Text that Markdown shows exactly as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


_SAYS_RIGHT = {"right", "correct", "yes", "exactly", "true", "well"}
_SAYS_WRONG = {"no", "not", "wrong", "nope", "false"}


def feedback_line(answer: Answer) -> str:
    """What to say after a quiz answer: a verdict (unless the feedback opens with one),
    the option's feedback, and on a wrong answer an invitation to try again."""
    feedback = answer.option.feedback.strip()
    first = feedback.split(maxsplit=1)[0].strip(".,!:;").lower() if feedback else ""
    if answer.correct:
        verdict = "" if first in _SAYS_RIGHT else "Right."
        return " ".join(part for part in (verdict, feedback) if part)
    verdict = "" if first in _SAYS_WRONG else "Not quite."
    return " ".join(part for part in (verdict, feedback, "Try again.") if part)


def section_title(story: Story, section: int) -> str:
    """The title of the first passage of an article section."""
    return next((p.title for p in story.passages.values() if p.section == section), "")


def where(story: Story, passage: Passage) -> str:
    """Where the reader is, e.g. ``Section 2 of 5: 1989 Tiananmen Square Massacre``."""
    if passage.ending:
        return "The end"
    if passage.section == 0:
        return "Introduction"
    title = section_title(story, passage.section)
    return f"Section {passage.section} of {story.section_count}: {title}"


def passage_markdown(passage: Passage, flags: frozenset[str]) -> str:
    """The passage as Markdown: title, the article's words as a quotation, then the body."""
    parts = [f"# {escape_markdown(passage.title)}"]
    if passage.article:
        quoted = "\n>\n".join(
            "> " + escape_markdown(paragraph.strip())
            for paragraph in passage.article.split("\n")
            if paragraph.strip()
        )
        parts.append(f"**The article says:**\n\n{quoted}")
    body = passage.body(flags)
    if body:
        parts.append(body)
    return "\n\n".join(parts)


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
        lines.append(f"- {escape_markdown(role or decision.passage.title)} "
                     f"You chose: *{escape_markdown(decision.chosen.text)}*")
    if not decisions:
        lines.append("- None on this path.")
    results = journey.first_try_results()
    right = [story.passages[pid].title for pid, ok in results.items() if ok]
    lines += ["", f"**Quizzes right at the first try: {len(right)} of {len(results)}**", ""]
    for passage_id, ok in results.items():
        mark = "right first time" if ok else "took more than one try"
        lines.append(f"- {escape_markdown(story.passages[passage_id].title)}: {mark}")
    lines += ["", "**Terms you looked up**", ""]
    lines.append("- " + ", ".join(escape_markdown(t) for t in journey.looked_up)
                 if journey.looked_up else "- None this time.")
    lines += ["", "**Branches not taken**", ""]
    not_taken = [(d, option) for d in decisions for option in d.not_taken]
    for decision, option in not_taken:
        lines.append(f"- {escape_markdown(decision.passage.title)}: *{escape_markdown(option.text)}*")
    if not not_taken:
        lines.append("- None.")
    if restart_hint:
        lines += ["", restart_hint]
    return "\n".join(lines)
