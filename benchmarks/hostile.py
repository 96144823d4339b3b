"""Hostile passage bodies: long runs of the characters that make a careless pattern backtrack."""

from __future__ import annotations

from collections.abc import Callable

from explainer.story.glossary import Glossary
from explainer.story.model import Term

# Terms whose prefixes the bodies repeat, so that the matcher starts a match at every place.
TERMS = (
    Term("IP address", "A number."),
    Term("Section_702", "A law."),
    Term("#MeToo", "A movement."),
    Term("C#", "A language."),
    Term("FBI", "A police force."),
)
# Each body is a piece repeated, between a start and an end (which make a careless pattern try).
_BODIES: dict[str, tuple[str, str, str]] = {
    "a____b": ("a", "_", "b"),
    "[[[[ ](": ("", "[", " ]("),
    "[a [b [c": ("", "[a ", "](x)"),
    "AAAA x": ("", "A", "x"),
    "**** x": ("x", "*", "x"),
    "`` x": ("", "``a", ""),
    "<http": ("", "<http://a ", ""),
}
_PIECES: dict[str, str] = {
    "a <": "a <",
    "<": "<",
    "[": "[",
    "[[": "[[a",
    "](": "](",
    "*": "*",
    "_": "_",
    "a_": "a_",
    "`": "`",
    "~": "~",
    "spaces": " ",
    "newline-space": "\n ",
    "term prefixes": "IP Section_70 #MeTo C FB ",
    "ip spaces": "IP   ",
    "|": "| ",
    "![": "![",
    "A": "A",
}


def bodies(size: int) -> dict[str, str]:
    """Each hostile body, about ``size`` characters long."""
    found = {name: (piece * (size // len(piece) + 1))[:size] for name, piece in _PIECES.items()}
    for name, (start, piece, end) in _BODIES.items():
        found[name] = start + (piece * (size // len(piece) + 1))[: size - len(start) - len(end)] + end
    return found


def workloads() -> dict[str, Callable[[str], object]]:
    """What runs on a body: the one parse with terms linked, each renderer, and ``check``'s reading."""
    from explainer.checks.passage_words import plain_prose
    from explainer.outputs.body_html import body_html
    from explainer.outputs.body_markdown import body_markdown
    from explainer.outputs.plain_text import markdown_to_text
    from explainer.story.markdown import parse
    from explainer.tui.widgets.passage_text import drawn_lines

    glossary = Glossary(TERMS)
    return {
        "link": lambda body: parse(body, glossary),
        "app": lambda body: drawn_lines(parse(body, glossary), 54),
        "line mode": lambda body: markdown_to_text(body, 80, glossary=glossary),
        "handout HTML": lambda body: body_html(body, glossary),
        "handout Markdown": lambda body: body_markdown(body, glossary),
        "check": lambda body: (plain_prose(body), glossary.find(body), glossary.terms_in(body)),
    }
