"""Code spans and the plain text between them taken in one rule call, not a round of rules each.

markdown-it asks every inline rule in turn at each backtick and at each piece of text after
one: a body of 16,000 code spans is 32,000 rounds. This rule, where markdown-it's would take a
code span, goes on to take the text after it and the code spans that follow, for as long as
nothing but text and backticks comes, and gives the same tokens. The runs of backticks are
found once, in one search of the whole text, and so are the other characters that end a piece
of text; each code span then looks for its closing run among them, and each piece of text for
its end, not in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate
from types import MappingProxyType
from typing import Any

from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

_BACKTICKS_APART = re.compile(r"(`+)")
_new = Token.__new__
# The attributes and notes of every token made here: none, in one mapping that cannot be
# changed, not two new dictionaries for each of 32,000 tokens.
_NOTHING: Any = MappingProxyType({})


def code_spans(backtick: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """markdown-it's ``backtick`` rule, taking a run of code spans and text at once."""

    def rule(state: StateInline, silent: bool) -> bool:
        if silent or state.src[state.pos] != "`":
            return backtick(state, silent)
        src, maximum, level = state.src, state.posMax, state.level
        starts, ends, others = _runs(state)
        last_runs: dict[int, int] = state.backticks
        tokens = state.tokens
        pending = state.pending  # text before, not yet in a token
        pending_level = state.pendingLevel
        pos = text_from = state.pos  # the text taken here runs on from ``text_from`` to ``pos``
        index = bisect_right(starts, pos) - 1  # the run of backticks ``pos`` is in
        other = bisect_left(others, pos)  # the next other character that ends text
        spans, count, other_count = 0, len(starts), len(others)
        beyond = len(src) + 1  # past every character
        while pos < maximum and src[pos] == "`":
            start, pos = pos, ends[index]
            if pos > maximum:
                pos = maximum
            length = pos - start
            index += 1
            if index < count and ends[index] - starts[index] == length and ends[index] <= maximum:
                closing = index  # the next run closes it, as most do
            elif last_runs.get(length, -1) >= pos:
                closing = _closing(starts, ends, index, maximum, length)
            else:
                closing = -1
            if closing >= 0:  # else no run of as many backticks closes it: they are text
                words = pending + src[text_from:start] if pending else src[text_from:start]
                if words:  # as ``state.push`` pushes the pending text first (with no meta)
                    tokens.append(_token("text", "", pending_level, words, ""))
                code = src[pos : starts[closing]]
                if "\n" in code:
                    code = code.replace("\n", " ")
                if code[:1] == " " and code[-1:] == " " and code.strip(" "):  # one space off each side
                    code = code[1:-1]
                tokens.append(_token("code_inline", "code", level, code, src[start:pos]))
                spans += 1
                pending_level, pending = level, ""
                pos = text_from = ends[closing]
                index = closing + 1
            # The text after it ends where the text rule would end it: at the next character
            # that ends text, past ``posMax`` too (a backtick, or one of ``others``).
            while other < other_count and others[other] < pos:
                other += 1
            if index and pos < ends[index - 1]:  # inside a run cut off at ``posMax``
                text_end = pos
            else:
                text_end = min(
                    starts[index] if index < count else beyond, others[other] if other < other_count else beyond
                )
                if text_end == beyond:
                    text_end = maximum
            if text_end > pos:
                pos = text_end
        state.tokens_meta += [None] * spans
        state.pending = pending + src[text_from:pos]
        state.pendingLevel = pending_level
        state.pos = pos
        return True

    return rule


def _runs(state: StateInline) -> tuple[list[int], list[int], list[int]]:
    """Where each run of backticks in the whole text starts and ends, and where each other
    character that ends text is, found once; and, for markdown-it's own rule, where the last
    run of each length starts (``state.backticks``)."""
    runs: tuple[list[int], list[int], list[int]] | None = state.__dict__.get("_backtick_runs")
    if runs is None:
        pieces = _BACKTICKS_APART.split(state.src)  # text, a run, text, a run, ..., text
        piece_ends = list(accumulate(map(len, pieces)))
        ends = piece_ends[1::2]
        starts = piece_ends[:-1:2]
        others = [found.start() for found in _others(state.md.inline.terminator_re.pattern).finditer(state.src)]
        runs = state.__dict__["_backtick_runs"] = (starts, ends, others)
        if not state.backticksScanned:
            state.backticks = dict(zip(map(len, pieces[1::2]), starts, strict=True))
            state.backticksScanned = True
    return runs


def _others(terminators: str) -> re.Pattern[str]:
    """The characters of ``terminators`` (one class of characters) but the backtick."""
    return re.compile("(?!`)" + terminators)


def _closing(starts: list[int], ends: list[int], index: int, maximum: int, length: int) -> int:
    """The first run from ``index`` on of exactly ``length`` backticks, within ``maximum`` (-1
    if none): a run that crosses ``maximum`` closes nothing, nor does any after it."""
    for probe in range(index, len(starts)):
        end = ends[probe]
        if end > maximum or starts[probe] >= maximum:
            return -1
        if end - starts[probe] == length:
            return probe
    return -1


def _token(kind: str, tag: str, level: int, content: str, markup: str) -> Token:
    """A token as ``Token(kind, tag, 0, level=level, content=content, markup=markup)`` makes
    it, its fields set at once rather than through the dataclass's defaults, with no
    attributes and no notes (which no rule or renderer gives text or code)."""
    token = _new(Token)
    token.type, token.tag, token.nesting, token.attrs, token.map = kind, tag, 0, _NOTHING, None
    token.level, token.children, token.content, token.markup, token.info = level, None, content, markup, ""
    token.meta, token.block, token.hidden = _NOTHING, False, False
    return token
