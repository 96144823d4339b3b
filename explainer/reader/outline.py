"""The shape of a story: its main line, reading times, and the tree of sections for the map."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from explainer.reader.journey import Journey
from explainer.reader.shown import section_title
from explainer.story.model import Passage, Story


def main_line(story: Story, start: str, flags: frozenset[str] = frozenset()) -> list[str]:
    """The passage ids from ``start`` to an ending, always taking the first way on offered.

    A way on is offered when its condition holds for the flags the reader has by then;
    flags set along the way count. The line stops at an ending, a dead end, or a loop.
    """
    line: list[str] = []
    seen: set[str] = set()
    passage_id = start
    while passage_id in story.passages and passage_id not in seen:
        line.append(passage_id)
        seen.add(passage_id)
        passage = story.passages[passage_id]
        if passage.ending:
            break
        offered = [c for c in passage.ways_on if c.available(flags) and c.goto not in seen]
        if not offered:
            break
        flags = flags | frozenset(offered[0].sets)
        passage_id = offered[0].goto
    return line


def minutes_of(story: Story, passage_ids: list[str]) -> int:
    """The reading time of these passages, in minutes."""
    return sum(story.passages[passage_id].minutes for passage_id in passage_ids)


def minutes_left(journey: Journey) -> int:
    """Minutes left on the main line from the reader's passage (included) to the end."""
    story = journey.story
    return minutes_of(story, main_line(story, journey.passage.id, journey.flags))


@dataclass(frozen=True)
class PassageNode:
    """A passage in the map, with the branches a decision in it opens."""

    passage_id: str
    branches: tuple[PassageNode, ...] = ()


@dataclass(frozen=True)
class SectionOutline:
    """A run of passages of one article section (or the introduction, or the end)."""

    section: int
    label: str
    minutes: int
    passages: tuple[PassageNode, ...]


def outline(story: Story) -> list[SectionOutline]:
    """The story as a tree: sections in story order, their passages, and decision branches.

    A new section starts wherever the section number changes. A passage that a decision in the
    same section leads to is listed under that decision. A section's minutes are those of its
    passages on the main line from the start.
    """
    groups: list[list[Passage]] = []
    for passage in story.passages.values():
        if not groups or groups[-1][0].section != passage.section:
            groups.append([])
        groups[-1].append(passage)
    on_line = set(main_line(story, story.start))
    seen_numbered = False
    sections = []
    for group in groups:
        number = group[0].section
        if number:
            label = f"Section {number}: {section_title(story, number)}"
            seen_numbered = True
        elif any(p.ending for p in group) or seen_numbered:
            label = "The end"
        else:
            label = "Introduction"
        minutes = sum(p.minutes for p in group if p.id in on_line)
        sections.append(SectionOutline(number, label, minutes, _nest(group)))
    return sections


def _nest(group: list[Passage]) -> tuple[PassageNode, ...]:
    """The passages of one section, each decision's branches under it."""
    ids = {passage.id for passage in group}
    parent: dict[str, str] = {}
    for passage in group:
        question = passage.question
        if question is None or question.is_quiz:
            continue
        for option in question.options:
            if option.goto in ids and option.goto != passage.id and option.goto not in parent:
                parent[option.goto] = passage.id
    # A branch that is itself the parent of its parent would hide both: keep such pairs flat.
    for child, above in list(parent.items()):
        if parent.get(above) == child:
            del parent[child]

    def node(passage_id: str, path: frozenset[str]) -> PassageNode:
        children = tuple(
            node(p.id, path | {p.id}) for p in group if parent.get(p.id) == passage_id and p.id not in path
        )
        return PassageNode(passage_id, children)

    return tuple(node(p.id, frozenset({p.id})) for p in group if p.id not in parent)


class Seen(str, Enum):
    """How a passage stands for one reader, as the map shows it."""

    CURRENT = "current"
    PATH = "path"
    VISITED = "visited"
    UNSEEN = "unseen"
    NOT_TAKEN = "not-taken"


def reached_ending(journey: Journey) -> bool:
    """Whether the reader has reached an ending of the story."""
    passages = journey.story.passages
    return any(passages[passage_id].ending for passage_id in journey.visited)


def seen(journey: Journey) -> dict[str, Seen]:
    """How every passage stands for this reader.

    Unseen passages become ``NOT_TAKEN`` once the reader has reached an ending: the map may
    then show their titles.
    """
    current = journey.passage.id
    path = {step.passage_id for step in journey.history.path}
    after_end = reached_ending(journey)
    states = {}
    for passage_id in journey.story.passages:
        if passage_id == current:
            states[passage_id] = Seen.CURRENT
        elif passage_id in path:
            states[passage_id] = Seen.PATH
        elif passage_id in journey.visited:
            states[passage_id] = Seen.VISITED
        else:
            states[passage_id] = Seen.NOT_TAKEN if after_end else Seen.UNSEEN
    return states


def where_lines(journey: Journey) -> list[str]:
    """Where the reader is: the section, the passages behind them and the minutes left."""
    story, passage = journey.story, journey.passage
    if passage.ending:
        place = "You are at the end."
    elif passage.section == 0:
        place = f"You are in the introduction: {passage.title}."
    else:
        title = section_title(story, passage.section)
        inside = "" if title == passage.title else f": {passage.title}"
        place = f"You are in section {passage.section} of {story.section_count}, {title}{inside}."
    behind = len(journey.history.path) - 1
    left = minutes_left(journey)
    if passage.ending:
        time = "You have reached the end."
    else:
        time = f"About {count_of(left, 'minute')} left." if left else "Less than a minute left."
    return [place, "This is your first passage." if behind == 0 else f"{count_of(behind, 'passage')} behind you.", time]


def count_of(number: int, noun: str) -> str:
    """A number of things in words: ``1 minute``, ``3 minutes``."""
    return f"{number} {noun}" + ("" if number == 1 else "s")
