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
from markdown_it.rules_core.state_core import StateCore
from markdown_it.rules_core.text_join import _join_text_tokens
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.fragments_join import fragments_join
from markdown_it.rules_inline.state_inline import Delimiter

from explainer.story.link_labels import label_end, last_closing_bracket


def needing_a_closing_bracket(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """A link or picture rule that gives up at once where no "]" follows: one cannot start there."""

    def rule_with_check(state: StateInline, silent: bool) -> bool:
        return last_closing_bracket(state) > state.pos and rule(state, silent)

    return rule_with_check


def needing_its_words_closed(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """An inline footnote rule ("^[...]") that gives up at once where its words do not close."""

    def rule_with_check(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if state.src[start] != "^" or state.src[start + 1 : start + 2] != "[" or start + 2 >= state.posMax:
            return False
        return label_end(state, start + 1) >= 0 and rule(state, silent)

    return rule_with_check


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


def fragments_joined(state: StateInline) -> None:
    """markdown-it's ``fragments_join``, run only where it has something to do.

    It joins the text tokens that marks of emphasis and strikethrough leave side by side, and
    counts every token's level again for the marks made tags. With no such mark (no delimiter),
    no two text tokens are side by side and every level is as pushed: a walk over every token
    of a paragraph of code spans for nothing.
    """
    if state.delimiters or (any(state.tokens_meta) and any(meta["delimiters"] for meta in state.tokens_meta if meta)):
        fragments_join(state)


def nested_walk_where_opened(
    rule: Callable[[StateInline], None], top_level: Callable[[StateInline, list[Delimiter]], None]
) -> Callable[[StateInline], None]:
    """A pairing rule (links, emphasis, strikethrough) that pairs the delimiters of the text's
    top level, then walks every token's notes for the delimiters inside links and the like: the
    walk is left out where no token was opened, and so no token has notes (a paragraph of code
    spans and text alone)."""

    def rule_where_needed(state: StateInline) -> None:
        if any(state.tokens_meta):
            rule(state)
        else:
            top_level(state, state.delimiters)

    return rule_where_needed


def text_joined(state: StateCore) -> None:
    """markdown-it's ``text_join`` for the inline tokens that may need it: a ``text_special``
    token comes only from an escape ("\\") or an entity ("&"), and without one, the text tokens
    of an inline token are joined already."""
    for token in state.tokens:
        if token.type == "inline" and ("\\" in token.content or "&" in token.content):
            children = token.children or []
            for child in children:
                if child.children:  # a picture's words
                    child.children = _join_text_tokens(child.children)
            token.children = _join_text_tokens(children)
