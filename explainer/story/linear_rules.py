"""Inline rules that read what markdown-it's own read, in time that grows with the text, not faster.

markdown-it looks for the end of a link's words afresh from every "[", makes a token of every
"*" and "_", and asks every rule at every bracket: seconds on a long run of brackets or
delimiters. These rules give the same tokens, having done less.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import helpers
from markdown_it.common.utils import unescapeAll
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter

# Marks that stop the text rule but that no rule of this set-up starts at (with linkify,
# typographer and raw HTML off).
IDLE_MARKS = "#$%+-:=>@{}"
# Where :func:`explainer.story.plain_runs.plain_bracket` may take text, before the text rule.
PLAIN_STARTS = "[]!<_" + IDLE_MARKS


def last_closing_bracket(state: StateInline) -> int:
    """Where the last "]" of the text being parsed is (-1 if none), found once."""
    last = state.__dict__.get("_last_closing_bracket")
    if last is None:
        last = state.__dict__["_last_closing_bracket"] = state.src.rfind("]")
    return int(last)


def needing_a_closing_bracket(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """A link or picture rule that gives up at once where no "]" follows: one cannot start there."""

    def rule_with_check(state: StateInline, silent: bool) -> bool:
        return last_closing_bracket(state) > state.pos and rule(state, silent)

    return rule_with_check


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


def needing_its_words_closed(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """An inline footnote rule ("^[...]") that gives up at once where its words do not close."""

    def rule_with_check(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if state.src[start] != "^" or state.src[start + 1 : start + 2] != "[" or start + 2 >= state.posMax:
            return False
        return label_end(state, start + 1) >= 0 and rule(state, silent)

    return rule_with_check


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
    found = -1
    for depth in range(len(openings) - 1, -1, -1):
        state.level = level + depth
        opening = openings[depth]
        if depth == len(openings) - 1 or found >= 0:
            found = _walk(state, opening, True, ends)
            continue
        # The next "[" does not close, so neither does this one, as the walk from it would find.
        if opening in texts:
            state.cache[opening + 1] = texts[opening]
        state.cache[openings[depth + 1]] = openings[depth + 1] + 1
        ends[opening] = -1
    state.level = level
    return found


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
    openings, texts = [start], {}
    level, limit = state.level, state.md.options["maxNesting"]
    while level < limit:
        position = openings[-1] + 1
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


class Destination:
    """A link's address as :func:`link_destination` reads it: markdown-it's ``_Result``."""

    __slots__ = ("ok", "pos", "str")

    def __init__(self) -> None:
        self.ok = False
        self.pos = 0
        self.str = ""


_PLAIN_ADDRESS = re.compile(r"[^\x00-\x20\x7f\\()]*")
_PLAIN_ANGLED_ADDRESS = re.compile(r"[^\n<>\\]*")


def link_destination(string: str, pos: int, maximum: int) -> Destination:
    """A link's address from ``pos``, as markdown-it's ``parseLinkDestination`` reads it, but
    taking the characters that mean nothing there a run at a time, not one by one."""
    start, result = pos, Destination()
    if pos < maximum and string[pos] == "<":
        pos += 1
        while (pos := _end_of(_PLAIN_ANGLED_ADDRESS, string, pos, maximum)) < maximum:
            char = string[pos]
            if char != "\\":
                if char == ">":
                    result.pos, result.str, result.ok = pos + 1, unescapeAll(string[start + 1 : pos]), True
                return result  # a line break or a "<" ends it unclosed
            pos += 2 if pos + 1 < maximum else 1
        return result
    level = 0
    while (pos := _end_of(_PLAIN_ADDRESS, string, pos, maximum)) < maximum:
        char = string[pos]
        if char == "\\":
            if pos + 1 < maximum:
                if string[pos + 1] == " ":
                    break
                pos += 1
        elif char == "(":
            level += 1
            if level > 32:
                return result
        elif char == ")":
            if level == 0:
                break
            level -= 1
        else:  # a space or a control character
            break
        pos += 1
    if start == pos or level != 0:
        return result
    result.pos, result.str, result.ok = pos, unescapeAll(string[start:pos]), True
    return result


def _end_of(run: re.Pattern[str], string: str, pos: int, maximum: int) -> int:
    """Where ``run`` (a pattern that matches the empty text too) ends from ``pos``."""
    taken = run.match(string, pos, maximum)
    return taken.end() if taken is not None else pos


class LinearHelpers:
    """markdown-it's link helpers, with :func:`label_end` for the end of a link's words."""

    parseLinkLabel = staticmethod(label_end)
    parseLinkDestination = staticmethod(link_destination)
    parseLinkTitle = staticmethod(helpers.parseLinkTitle)


def emphasis(state: StateInline, silent: bool) -> bool:
    """A run of "*" or "_", as markdown-it's emphasis rule reads it, with fewer tokens.

    markdown-it makes a token (and a delimiter) of each mark. A run that can neither open nor
    close emphasis (``snake_case``) is only text. Of a longer run, only as many marks at each
    end as there are marks of its kind elsewhere can ever pair; the rest is one token that
    pairs with nothing.
    """
    start = state.pos
    marker = state.src[start]
    if silent or marker not in ("_", "*"):
        return False
    scanned = state.scanDelims(start, marker == "*")
    length = scanned.length
    state.pos += length
    if not scanned.can_open and not scanned.can_close:
        state.append_pending(marker * length)
        return True
    counts: dict[str, int] = state.__dict__.setdefault("_marks", {})
    if marker not in counts:
        counts[marker] = state.src.count(marker)
    others = counts[marker] - length
    capped = length > 2 * others + 1
    if capped:
        pieces = [marker] * others + [marker * (length - 2 * others)] + [marker] * others
    else:
        pieces = [marker] * length
    for number, piece in enumerate(pieces):
        token = state.push("text", "", 0)
        token.content = piece
        pairs = not (capped and number == others)  # the long middle piece pairs with nothing
        state.delimiters.append(
            Delimiter(
                marker=ord(marker),
                length=length,
                token=len(state.tokens) - 1,
                end=-1,
                open=scanned.can_open and pairs,
                close=scanned.can_close and pairs,
            )
        )
    return True
