"""Text that cannot start anything, taken at once: one rule call for a run, not one for each mark.

markdown-it asks every inline rule at every mark of punctuation and takes it as text when all
of them say no. Where no rule can say yes, this rule says so first, for the whole run.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it.rules_inline import StateInline

from explainer.story.bracket_runs import skip_unopened_run
from explainer.story.link_labels import (
    IDLE_MARKS,
    PLAIN_STARTS,
    known_label_ends,
    label_end,
    last_closing_bracket,
    unopened_runs,
)


def plain_bracket(state: StateInline, silent: bool) -> bool:
    """A run of text and of brackets that cannot start anything, taken as text at once.

    Nothing starts with "]" or ">"; "[" and "![" start only what a later "]" closes, and "["
    only a link or a footnote that its words' end lets be; with raw HTML off, "<" starts only
    an autolink, which needs a ">" before any other "<". While looking ahead (``silent``) for
    the end of a link's words, "[" and "]" are taken one at a time: they are counted so.
    """
    src, start = state.src, state.pos
    if src[start] not in PLAIN_STARTS:
        return False
    end = _plain_step(state, start, silent)
    if end == start:
        return False
    if not silent:
        while (step := _plain_step(state, end, False)) > end:
            end = step
        state.append_pending(src[start:end])
    state.pos = end
    return True


def _plain_step(state: StateInline, start: int, silent: bool) -> int:
    """Where plain text from ``start`` ends: one step of :func:`plain_bracket` (``start`` if none)."""
    src, maximum = state.src, state.posMax
    if start >= maximum:
        return start
    char = src[start]
    closing = last_closing_bracket(state) > start
    first = start + 1
    if char == "[" and closing:
        if silent:
            return _unlinked_brackets_end(state, start, silent)
        first = start  # taken in the run below, as is each "[" of it that opens nothing
    if char == "!" and closing and src[start + 1 : start + 2] == "[":
        return start  # a picture, perhaps
    limit = _autolink_start(state, start)
    if char == "<" and limit == start:
        return start  # an autolink, perhaps
    if char == "_":
        inner = _INNER_UNDERSCORES.match(src, start, maximum)
        if inner is None:
            return start  # emphasis, perhaps
        first = inner.end()
    if char not in PLAIN_STARTS and (silent or state.md.inline.terminator_re.match(char)):
        return start  # some other rule's mark, or plain text left to the text rule
    if silent and char == "]":
        return start + 1
    extra = IDLE_MARKS + "<" + ("" if closing else "[!") + ("" if silent else "][")
    run = _plain_run(state.md.inline.terminator_re.pattern, extra)
    taken = run.match(src, first, limit)  # always a match, perhaps an empty one
    end = taken.end() if taken is not None else first
    return _first_opening(state, first, end) if closing and not silent else end


def _first_opening(state: StateInline, start: int, end: int) -> int:
    """The first "[" from ``start`` to ``end`` that may open a link or a footnote (or ``end``)."""
    src, ends, runs = state.src, known_label_ends(state, True), unopened_runs(state)
    notes = bool(state.env.get("footnotes", {}).get("refs"))  # "[^x]" is one only where defined
    most = state.md.options["maxNesting"]
    bracket = src.find("[", start, end)
    while bracket >= 0:
        if notes and src[bracket + 1 : bracket + 2] == "^":
            return bracket
        known = ends.get(bracket)
        if known is None and (skipped := skip_unopened_run(state, bracket, end)) > bracket:
            bracket = skipped
            continue
        if (label_end(state, bracket, True) if known is None else known) >= 0:
            return bracket
        after = runs.get(bracket)  # the last "[" after it found with it to open nothing
        bracket = bracket + 1 if after is None else after + 1
        if after is None and not notes and src.startswith("[", bracket):
            bracket += _known_unopened(src, bracket, end, ends, most)
        bracket = src.find("[", bracket, end)
    return end


def _known_unopened(src: str, start: int, end: int, ends: dict[int, int], most: int) -> int:
    """How many "[" in a row from ``start`` (all of them, up to ``most``, or none) are known
    already to open nothing, as one search from the "[" before them finds for as many as the
    nesting limit lets it."""
    run = _BRACKETS.match(src, start, min(end, start + most))
    if run is None:
        return 0
    known = list(map(ends.get, range(start, run.end())))
    return len(known) if known.count(-1) == len(known) else 0


# "_" inside a word (snake_case) neither opens nor closes emphasis.
_INNER_UNDERSCORES_PATTERN = r"(?<=[^\W_])_++(?=[^\W_])"
_INNER_UNDERSCORES = re.compile(_INNER_UNDERSCORES_PATTERN)
_BRACKETS = re.compile(r"\[+")


@lru_cache(maxsize=8)
def _plain_run(terminators: str, extra: str) -> re.Pattern[str]:
    """Characters the text rule takes (not ``terminators``, a "[...]" class), those in
    ``extra``, and "_" inside a word."""
    return re.compile(f"(?:[^{terminators[1:]}|[{re.escape(extra)}]|{_INNER_UNDERSCORES_PATTERN})*+")


def _unlinked_brackets_end(state: StateInline, start: int, silent: bool) -> int:
    """Where the "[" from ``start`` on stop being ones that open no link and no footnote."""
    src, end, ends = state.src, start, known_label_ends(state, True)
    notes = bool(state.env.get("footnotes", {}).get("refs"))  # "[^x]" is one only where defined
    while end < state.posMax and src[end] == "[" and not (notes and src[end + 1 : end + 2] == "^"):
        known = ends.get(end)
        if (label_end(state, end, True) if known is None else known) >= 0:
            break
        end += 1
        if silent:
            break
    return end


def _autolink_start(state: StateInline, start: int) -> int:
    """The first place from ``start`` on where a "<" may open an autolink (or ``posMax``).

    Only the last "<" before a ">" may: found once for each ">".
    """
    known: dict[int, tuple[int, int, int]] = state.__dict__.setdefault("_autolink_starts", {})
    src, maximum = state.src, state.posMax
    found = known.get(maximum)
    if found is None or not found[0] <= start <= found[1]:
        closing = src.find(">", start, maximum)
        if closing < 0:
            found = known[maximum] = (start, maximum, -1)
        else:
            found = known[maximum] = (start, closing, src.rfind("<", start, closing))
    _, closing, opening = found
    if closing == maximum:
        return maximum
    return opening if opening >= start else closing
