"""What a story's shape tells every passage, worked out once per story rather than at every key.

Where a passage is (its section's title) and the minutes left on the main line from it do not
change while the story is read; walking the story to find them on every key would make each
key cost as much as the story is long.
"""

from __future__ import annotations

from explainer.story.model import Passage, Story


class StoryShape:
    """The sections' titles and the minutes left on the main line, for every passage of a story."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self._titles: dict[int, str] = {}
        for passage in story.passages.values():
            self._titles.setdefault(passage.section, passage.title)
        self._tested = frozenset(
            choice.condition.flag
            for passage in story.passages.values()
            for choice in passage.ways_on
            if choice.condition is not None
        )
        """The flags that decide which way on is offered: the only ones the main line depends on."""
        self._left: dict[tuple[str, frozenset[str]], int] = {}
        if story.start in story.passages:
            self.minutes_left(story.start)

    def section_title(self, section: int) -> str:
        """The title of the first passage of an article section."""
        return self._titles.get(section, "")

    def where(self, passage: Passage) -> str:
        """Where the reader is, e.g. ``Section 2 of 5: 1989 Tiananmen Square Massacre``."""
        if passage.ending:
            return "The end"
        if passage.section == 0:
            return "Introduction"
        return f"Section {passage.section} of {self.story.section_count}: {self.section_title(passage.section)}"

    def minutes_left(self, passage_id: str, flags: frozenset[str] = frozenset()) -> int:
        """Minutes left on the main line from this passage (included) to the end, for these flags.

        The same as ``minutes_of(main_line(...))`` in :mod:`explainer.reader.outline`. The first
        walk from a passage also answers for every passage after it on the line whose own line
        is the rest of this one, so a reader going on along it costs a look-up per key.
        """
        key = (passage_id, flags & self._tested)
        known = self._left.get(key)
        if known is not None:
            return known
        line, line_flags, skipped = self._walk(passage_id, flags)
        # The rest of the line from step i is that step's own line unless a way on skipped
        # there (as already walked) leads back before step i: then that passage's line differs.
        passages = self.story.passages
        left = 0
        lowest_skip = len(line)
        for i in range(len(line) - 1, -1, -1):
            left += passages[line[i]].minutes
            lowest_skip = min(lowest_skip, skipped[i])
            if lowest_skip >= i:
                self._left.setdefault((line[i], line_flags[i] & self._tested), left)
        return self._left.get(key, left)

    def _walk(self, start: str, flags: frozenset[str]) -> tuple[list[str], list[frozenset[str]], list[int]]:
        """The main line from ``start`` (as ``outline.main_line``), the flags at each step, and at
        each step the earliest step that a way on passed over (already walked) leads back to."""
        passages = self.story.passages
        line: list[str] = []
        line_flags: list[frozenset[str]] = []
        skipped: list[int] = []
        index: dict[str, int] = {}
        passage_id = start
        while passage_id in passages and passage_id not in index:
            index[passage_id] = len(line)
            line.append(passage_id)
            line_flags.append(flags)
            skipped.append(len(line))
            passage = passages[passage_id]
            if passage.ending:
                break
            chosen = None
            for choice in passage.ways_on:
                if not choice.available(flags):
                    continue
                if choice.goto in index:
                    skipped[-1] = min(skipped[-1], index[choice.goto])
                    continue
                chosen = choice
                break
            if chosen is None:
                break
            flags = flags | frozenset(chosen.sets)
            passage_id = chosen.goto
        return line, line_flags, skipped
