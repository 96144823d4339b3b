"""The runs of text in a passage's inline tokens, where glossary terms are looked for."""

from __future__ import annotations

from itertools import compress
from operator import and_, attrgetter

from markdown_it.token import Token

from explainer.story.folding import nfc

_type = attrgetter("type")
_content = attrgetter("content")


def text_runs(children: list[Token], plain: bool) -> tuple[list[int], list[int], list[str]]:
    """Where each run of text and soft breaks outside links starts and ends among ``children``,
    and its text (a line break for each soft break); each text token made NFC on the way.

    ``plain``: whether the source of the tokens is ASCII without an entity, so that no text
    token needs to be made NFC.
    """
    lone = _lone_texts(children, plain)
    return lone if lone is not None else _runs(children, plain)


def _lone_texts(children: list[Token], plain: bool) -> tuple[list[int], list[int], list[str]] | None:
    """The runs of text of :func:`_runs`, found at once where each is one text token: with no
    link and no soft break, and no two text tokens side by side (``None`` where not so)."""
    kinds = list(map(_type, children))
    if "link_open" in kinds or "softbreak" in kinds:
        return None
    is_text = list(map("text".__eq__, kinds))
    if any(map(and_, is_text, is_text[1:])):
        return None
    texts = list(compress(children, is_text))
    if not plain:
        for token in texts:
            if not token.content.isascii():
                token.content = nfc(token.content)
    starts = list(compress(range(len(children)), is_text))
    return starts, [start + 1 for start in starts], list(map(_content, texts))


def _runs(children: list[Token], plain: bool) -> tuple[list[int], list[int], list[str]]:
    """Where each run of text and soft breaks outside links starts and ends, and its text (a
    line break for each soft break); each text token made NFC unless ``plain``."""
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    depth, run_start = 0, -1
    for index, token in enumerate(children):
        kind = token.type
        if kind == "text":
            if not plain and not token.content.isascii():
                token.content = nfc(token.content)
            if depth == 0 and run_start < 0:
                run_start = index
            continue
        if kind == "softbreak" and depth == 0:
            if run_start < 0:
                run_start = index
            continue
        if run_start >= 0:
            starts.append(run_start)
            ends.append(index)
            texts.append(_run_text(children, run_start, index))
            run_start = -1
        if kind == "link_open":
            depth += 1
        elif kind == "link_close":
            depth = max(0, depth - 1)
    if run_start >= 0:
        starts.append(run_start)
        ends.append(len(children))
        texts.append(_run_text(children, run_start, len(children)))
    return starts, ends, texts


def _run_text(children: list[Token], start: int, end: int) -> str:
    """The text of a run of ``children``, a line break for each soft break."""
    if end == start + 1 and children[start].type == "text":
        return children[start].content
    return "".join("\n" if token.type == "softbreak" else token.content for token in children[start:end])
