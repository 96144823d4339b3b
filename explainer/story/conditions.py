"""A condition on a flag said in words: which of the reader's choices makes it hold."""

from __future__ import annotations

from explainer.story.model import Condition, Story


def choices_setting(story: Story, flag: str) -> list[str]:
    """The words of every choice (or option) that sets this flag, in story order, each once."""
    found: dict[str, None] = {}
    for passage in story.passages.values():
        for choice in passage.all_choices:
            if flag in choice.sets:
                found.setdefault(" ".join(choice.text.split()), None)
    return list(found)


def shown_when(story: Story, condition: Condition) -> str:
    """When a piece of text is shown, in words: ``if you chose “Charge the company”``."""
    choices = choices_setting(story, condition.flag)
    if not choices:
        return "on paths that this story does not reach" if not condition.negated else "on every path"
    named = " or ".join(f"“{text}”" for text in choices)
    return f"unless you chose {named}" if condition.negated else f"if you chose {named}"
