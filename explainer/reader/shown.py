"""What a reader is shown, as Markdown: a passage with its article quote, and their path."""

from __future__ import annotations

import re

from explainer.reader.journey import Answer
from explainer.reader.keys import Mode, fill_keys
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


def passage_markdown(passage: Passage, flags: frozenset[str], keys: Mode = "app") -> str:
    """The passage as Markdown: title, the article's words as a quotation, then the body.

    A ``{keys}`` line of the body becomes the keys of the front end ``keys`` names.
    """
    parts = [f"# {escape_markdown(passage.title)}"]
    if passage.article:
        quoted = "\n>\n".join(
            "> " + escape_markdown(paragraph.strip()) for paragraph in passage.article.split("\n") if paragraph.strip()
        )
        parts.append(f"**The article says:**\n\n{quoted}")
    body = fill_keys(passage.body(flags), keys)
    if body:
        parts.append(body)
    return "\n\n".join(parts)
