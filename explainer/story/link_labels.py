"""The end of a link's words, found as markdown-it's ``parseLinkLabel`` finds it, each search once.

markdown-it looks for the end of a link's words afresh from every "[", down to its nesting limit:
seconds on a long run of brackets. These functions give the same answers, having done less.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it.rules_inline import StateInline

# Marks that stop the text rule but that no rule of this set-up starts at (with linkify,
# typographer and raw HTML off).
IDLE_MARKS = "#$%+-:=>@{}"
# Where :func:`explainer.story.plain_runs.plain_bracket` may take text, before the text rule.
PLAIN_STARTS = "[]!<_" + IDLE_MARKS
_BRACKETS = re.compile(r"\[+")
_OPENING = re.compile(r"\[")


def last_closing_bracket(state: StateInline) -> int:
    """Where the last "]" of the text being parsed is (-1 if none), found once."""
    last = state.__dict__.get("_last_closing_bracket")
    if last is None:
        last = state.__dict__["_last_closing_bracket"] = state.src.rfind("]")
    return int(last)


def known_label_ends(state: StateInline, disable_nested: bool) -> dict[int, int]:
    """The ends of links' words found so far (-1 for none) for each "[", within ``posMax``."""
    key = (state.posMax, disable_nested)
    found: dict[tuple[int, bool], dict[int, int]] | None = state.__dict__.get("_label_ends")
    if found is None:
        found = state.__dict__["_label_ends"] = {}
    ends = found.get(key)
    if ends is None:
        ends = found[key] = {}
    return ends


def unopened_runs(state: StateInline) -> dict[int, int]:
    """For a "[" that opens nothing, the last of the "[" after it (with only text between) that
    one search found to open nothing either, within ``posMax``: all of them skipped at once."""
    found: dict[int, dict[int, int]] | None = state.__dict__.get("_unopened_runs")
    if found is None:
        found = state.__dict__["_unopened_runs"] = {}
    runs = found.get(state.posMax)
    if runs is None:
        runs = found[state.posMax] = {}
    return runs


def label_end(state: StateInline, start: int, disableNested: bool = False) -> int:
    """Where the words of a link opened by the "[" at ``start`` end (-1 if they do not), as
    markdown-it's ``parseLinkLabel`` finds it, but remembering what each search learns.

    One search walks the tokens after ``start`` and matches every plain "[" it passes with its
    "]", or finds that none closes; a later search from one of them, or one that reaches one
    of them, takes the answer instead of walking the same tokens again.
    """
    ends = known_label_ends(state, disableNested)
    known = ends.get(start)
    if known is not None:
        return known
    if not disableNested:
        return _walk(state, start, False, ends)
    # Each "[" of a nested run ("[[[", "[a [b [c") waits on the next one's search: searched
    # here from the last one back, without a level of calls for each.
    openings, texts = _nested_openings(state, start, ends)
    level = state.level
    depth = len(openings) - 1
    state.level = level + depth
    found = _walk(state, openings[depth], True, ends)
    while found >= 0 and depth > 0:
        depth -= 1
        state.level = level + depth
        found = _walk(state, openings[depth], True, ends)
    state.level = level
    # Where one does not close, none before it does, as the walk from each would find: the
    # next one's search ends it at once, and the "[" is then plain, opening nothing.
    above = openings[:depth]
    ends.update(dict.fromkeys(above, -1))
    if found < 0 and depth > 0:
        unopened_runs(state)[start] = openings[depth]
    state.cache.update({opening: opening + 1 for opening in openings[1 : depth + 1]})
    if texts:
        state.cache.update({opening + 1: texts[opening] for opening in above if opening in texts})
    return found if depth == 0 else -1


def _nested_openings(state: StateInline, start: int, ends: dict[int, int]) -> tuple[list[int], dict[int, int]]:
    """The "[" from ``start`` on, each the first token after the one before (or after plain text
    the text rule takes), that :func:`_skip_token` would search from in turn, one level deeper.

    Returns:
        The places of those "[", and for those followed by text, where the text ends.
    """
    src, maximum, cache = state.src, state.posMax, state.cache
    notes = bool(state.env.get("footnotes", {}).get("refs"))
    last = last_closing_bracket(state)
    terminator = state.md.inline.terminator_re
    openings, texts = [start], dict[int, int]()
    level, limit = state.level, state.md.options["maxNesting"]
    while level < limit:
        position = openings[-1] + 1
        run = None if notes else _BRACKETS.match(src, position, min(maximum, last, position + limit - level))
        if run is not None:  # a run of "[" at once, unless one of it is known already
            within = range(position, run.end())
            if cache.keys().isdisjoint(within) and ends.keys().isdisjoint(within):
                openings += within
                level += len(within)
                continue
        chain = None if notes else _chain(terminator.pattern, limit - level).match(src, position, min(maximum, last))
        if chain is not None:  # "[a [b [c": each "[" after text, taken in one loop
            position = _chain_openings(chain.end(), openings, texts, level, limit, cache, ends, src)
            level = state.level + len(openings) - 1
            if position < 0:
                break
            continue
        if position < maximum and position not in cache and src[position] not in PLAIN_STARTS:
            found = terminator.search(src, position)
            text_end = found.start() if found else maximum
            if text_end == position:
                break
            texts[openings[-1]] = text_end
            position = text_end
        if position >= maximum or src[position] != "[" or position in cache or position in ends or last <= position:
            break
        if notes and src[position + 1 : position + 2] == "^":
            break
        openings.append(position)
        level += 1
    return openings, texts


@lru_cache(maxsize=64)
def _chain(terminators: str, most: int) -> re.Pattern[str]:
    """Text that the text rule takes (not ``terminators``, a "[...]" class) and a "[", up to
    ``most`` times (no further than one search goes)."""
    return re.compile(f"(?:{terminators[:-1]}]*+\\[){{1,{most}}}".replace("[", "[^", 1))


def _chain_openings(
    chain_end: int,
    openings: list[int],
    texts: dict[int, int],
    level: int,
    limit: int,
    cache: dict[int, int],
    ends: dict[int, int],
    src: str,
) -> int:
    """The "[" before ``chain_end``, each after text or after the one before, added to
    ``openings`` as :func:`_nested_openings` adds them one by one, up to the nesting limit.

    Returns:
        Where to go on from, or -1 where :func:`_nested_openings` stops.
    """
    previous = openings[-1]
    brackets = [found.start() for found in _OPENING.finditer(src, previous + 1, chain_end)][: limit - level]
    befores = [previous, *brackets[:-1]]
    keys = cache.keys()
    if (
        keys.isdisjoint(brackets)
        and ends.keys().isdisjoint(brackets)
        and keys.isdisjoint([before + 1 for before in befores])
    ):
        # The usual case, all at once: none of them has been looked at before.
        openings += brackets
        texts.update(
            {before: bracket for before, bracket in zip(befores, brackets, strict=True) if bracket > before + 1}
        )
        return -1 if level + len(brackets) >= limit else brackets[-1] + 1
    while level < limit:
        bracket = src.find("[", previous + 1, chain_end)
        if bracket < 0:
            return previous + 1
        if bracket > previous + 1:  # text between, which the text rule takes
            if previous + 1 in cache:
                return -1
            texts[previous] = bracket
        if bracket in cache or bracket in ends:
            return -1
        openings.append(bracket)
        level += 1
        previous = bracket
    return -1


def _walk(state: StateInline, start: int, disableNested: bool, ends: dict[int, int]) -> int:
    """:func:`label_end` searching token by token."""
    src, maximum, old_position = state.src, state.posMax, state.pos
    opened = [start]
    found = -1
    state.pos = start + 1
    while state.pos < maximum:
        position = state.pos
        char = src[position]
        if char == "]":
            ends[opened.pop()] = position
            if not opened:
                found = position
                break
        _skip_token(state)
        if char != "[":
            continue
        if state.pos == position + 1:  # a plain "[", not the start of a token
            inner = ends.get(position)
            if inner is None:
                opened.append(position)
            elif inner < 0:
                break  # what does not close from there does not close from here either
            else:  # closed already: go on after its "]"
                state.pos = inner
                _skip_token(state)
        elif disableNested:
            break
    for bracket in opened if found < 0 else ():
        ends[bracket] = -1
    state.pos = old_position
    return found


def _skip_token(state: StateInline) -> None:
    """markdown-it's ``skipToken``, done at once where the first rule, :func:`plain_bracket`,
    would take one character: a "]", or a "[" that opens no link and no footnote."""
    position, src = state.pos, state.src
    char = src[position]
    if position in state.cache or state.level >= state.md.options["maxNesting"] or char not in "[]":
        state.md.inline.skipToken(state)
        return
    if char == "[":
        notes = bool(state.env.get("footnotes", {}).get("refs"))
        if (notes and src[position + 1 : position + 2] == "^") or last_closing_bracket(state) <= position:
            state.md.inline.skipToken(state)
            return
        state.level += 1  # as skipToken counts the depth of its rules
        inner = label_end(state, position, True)
        state.level -= 1
        if inner >= 0:
            state.md.inline.skipToken(state)
            return
    state.pos = state.cache[position] = position + 1
