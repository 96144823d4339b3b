"""A long run of "[" that opens nothing passed at once, not searched a group at a time.

The search for the end of a link's words from a "[" goes one level deeper at each "[" after
it, and markdown-it stops it at its nesting limit: from any "[" with more "[" after it than the
limit, the search finds no end. :func:`explainer.story.link_labels.label_end` finds that one
group of "[" (as deep as the limit) at a time; in a run of 96,000 that is 4,600 searches, each
finding the same. Here the run is passed at once, to where its last searches begin.

A run is "[" one after the other, or with plain text between them (text the text rule takes
at once, as in "[a [b [c"): each "[" of it is one level deeper, the text none.
"""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from explainer.story.link_labels import known_label_ends, last_closing_bracket

_OPENING = re.compile(r"\[")


def skip_unopened_run(state: StateInline, start: int, end: int) -> int:
    """Where the searches from the "[" at ``start`` on must still be made (``start`` if all).

    Only a run that no search has been through yet is skipped, in whole groups, each as
    :func:`explainer.story.link_labels.label_end` would search it at this level from its
    first "[", so that the group after them is searched from where it would be, with what it
    would find: the mark the search before it left where it was stopped, just after its last
    "[" (``skipToken`` sends it to the end of the text). The marks inside the groups are not
    left: every search goes forwards, and those that could come to them have been made.
    """
    level, limit = state.level, int(state.md.options["maxNesting"])
    step = limit - level + 1  # the "[" one search goes through: its own, and one a level
    if level >= limit or state.env.get("footnotes", {}).get("refs"):
        return start
    src = state.src
    run = _run(state.md.inline.terminator_re.pattern).match(
        src, start, min(end, state.posMax, last_closing_bracket(state))
    )
    if run is None or src.count("[", start, run.end()) <= 2 * step:
        return start
    brackets = [found.start() for found in _OPENING.finditer(src, start, run.end())]
    groups = (len(brackets) - 1) // step  # each with a "[" after its last
    stop, last = brackets[groups * step], brackets[groups * step - 1]
    if not (_untouched(known_label_ends(state, True), start, stop) and _untouched(state.cache, start, stop)):
        return start
    state.cache[last + 1] = state.posMax + 1
    return stop


def _run(terminators: str) -> re.Pattern[str]:
    """A run of "[", each after text the text rule takes (not ``terminators``, a "[...]" class)
    or after the one before (compiled once: ``re`` keeps the patterns it has compiled)."""
    return re.compile(f"(?:{terminators[:-1]}]*+\\[)++".replace("[", "[^", 1))


def _untouched(marks: dict[int, int], low: int, high: int) -> bool:
    """Whether no place from ``low`` to ``high`` has a mark (looked at from the fewer side)."""
    if len(marks) < high - low:
        return not any(low <= place <= high for place in marks)
    return marks.keys().isdisjoint(range(low, high + 1))
