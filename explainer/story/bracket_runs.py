"""A long run of "[" that opens nothing passed at once, not searched a group at a time.

The search for the end of a link's words from a "[" goes one level deeper at each "[" after
it, and markdown-it stops it at its nesting limit: from any "[" with more "[" after it than the
limit, the search finds no end. :func:`explainer.story.link_labels.label_end` finds that one
group of "[" (as deep as the limit) at a time; in a run of 96,000 that is 4,600 searches, each
finding the same. Here the run is passed at once, to where its last searches begin.
"""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from explainer.story.link_labels import known_label_ends, last_closing_bracket

_BRACKETS = re.compile(r"\[+")


def skip_unopened_run(state: StateInline, start: int, end: int) -> int:
    """Where the searches from the "[" at ``start`` on must still be made (``start`` if all).

    Only a run that no search has been through yet is skipped, in whole groups, each as
    :func:`explainer.story.link_labels.label_end` would search it at this level from its
    first "[", so that the group after them is searched from where it would be, with what it
    would find: the mark the search before it left where it was stopped (``skipToken`` sends
    it to the end of the text). The marks inside the groups are not left: every search goes
    forwards, and those that could come to them have been made.
    """
    level, limit = state.level, int(state.md.options["maxNesting"])
    step = limit - level + 1  # the "[" one search goes through: its own, and one a level
    if level >= limit or state.env.get("footnotes", {}).get("refs"):
        return start
    run = _BRACKETS.match(state.src, start, min(end, state.posMax, last_closing_bracket(state)))
    if run is None or run.end() - start <= 2 * step:
        return start
    stop = start + (run.end() - 1 - start) // step * step  # each group with a "[" after its last
    if not (_untouched(known_label_ends(state, True), start, stop) and _untouched(state.cache, start, stop)):
        return start
    state.cache[stop] = state.posMax + 1
    return stop


def _untouched(marks: dict[int, int], low: int, high: int) -> bool:
    """Whether no place from ``low`` to ``high`` has a mark (looked at from the fewer side)."""
    if len(marks) < high - low:
        return not any(low <= place <= high for place in marks)
    return marks.keys().isdisjoint(range(low, high + 1))
