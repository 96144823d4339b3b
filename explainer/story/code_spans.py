"""Code spans and the plain text between them taken in one rule call, not a round of rules each.

markdown-it asks every inline rule in turn at each backtick and at each piece of text after
one: a body of 16,000 code spans is 32,000 rounds. This rule, where markdown-it's would take a
code span, goes on to take the text after it and the code spans that follow, for as long as
nothing but text and backticks comes, and gives the same tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

_BACKTICKS = re.compile(r"`+")


def code_spans(backtick: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """markdown-it's ``backtick`` rule, taking a run of code spans and text at once."""

    def rule(state: StateInline, silent: bool) -> bool:
        if silent or state.src[state.pos] != "`":
            return backtick(state, silent)
        src, maximum, level = state.src, state.posMax, state.level
        if not state.backticksScanned:
            state.backticks = _last_runs(src)
            state.backticksScanned = True
        last_runs: dict[int, int] = state.backticks
        terminator = state.md.inline.terminator_re
        tokens, metas = state.tokens, state.tokens_meta
        text = [state.pending]  # text not yet in a token, as ``state.pending`` holds it
        pending_level = state.pendingLevel
        pos = state.pos
        while pos < maximum and src[pos] == "`":
            opened = _BACKTICKS.match(src, pos, maximum)
            assert opened is not None
            start, pos = pos, opened.end()
            length = pos - start
            end = _closing(src, pos, maximum, length) if last_runs.get(length, -1) >= pos else -1
            if end < 0:  # no run of as many backticks closes it: they are text
                text.append(src[start:pos])
            else:
                words = "".join(text)
                if words:  # as ``state.push`` pushes the pending text first
                    tokens.append(Token("text", "", 0, level=pending_level, content=words))  # no meta
                code = _code(src[pos : end - length])
                tokens.append(Token("code_inline", "code", 0, level=level, content=code, markup=src[start:pos]))
                metas.append(None)
                pending_level = level
                text = []
                pos = end
            found = terminator.search(src, pos)  # as the text rule looks, past ``posMax`` too
            text_end = found.start() if found else maximum
            if text_end > pos:
                text.append(src[pos:text_end])
                pos = text_end
        state.pending = "".join(text)
        state.pendingLevel = pending_level
        state.pos = pos
        return True

    return rule


def _last_runs(src: str) -> dict[int, int]:
    """Where the last run of each length of backticks starts (markdown-it's ``_build_last_runs``)."""
    return {run.end() - run.start(): run.start() for run in _BACKTICKS.finditer(src)}


def _closing(src: str, pos: int, maximum: int, length: int) -> int:
    """The end of the first run of exactly ``length`` backticks from ``pos``, within ``maximum``
    (-1 if none): a run that crosses ``maximum`` closes nothing, nor does any after it."""
    while 0 <= (start := src.find("`", pos)) < maximum:
        run = _BACKTICKS.match(src, start)
        assert run is not None
        pos = run.end()
        if pos > maximum:
            return -1
        if pos - start == length:
            return pos
    return -1


def _code(content: str) -> str:
    """A code span's words, as markdown-it's rule gives them."""
    content = content.replace("\n", " ")
    # One space off each side, unless it is all spaces.
    if content.startswith(" ") and content.endswith(" ") and content.strip(" "):
        content = content[1:-1]
    return content
