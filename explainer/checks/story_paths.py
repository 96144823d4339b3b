"""The paths through a story: passages nothing leads to, dead ends, loops with no way out."""

from __future__ import annotations

from collections.abc import Iterable

from explainer.story.model import Story
from explainer.story.problems import Problem, Severity, problem

MAX_LOOP_NAMES = 5


def path_problems(story: Story) -> list[Problem]:
    """Passages nothing leads to, dead ends, and loops with no way out."""
    found: list[Problem] = []

    def warn(file: str, line: int, code: str, **values: object) -> None:
        found.append(problem(file, line, code, Severity.WARNING, **values))

    def error(file: str, line: int, code: str, **values: object) -> None:
        found.append(problem(file, line, code, Severity.ERROR, **values))

    passages = story.passages
    start = passages[story.start]
    endings = [p.id for p in passages.values() if p.ending]
    if not endings:
        warn(start.file, start.line, "no-ending")
    leads_to = {pid: [c.goto for c in p.ways_on if c.goto in passages] for pid, p in passages.items()}
    led_from: dict[str, list[str]] = {pid: [] for pid in passages}
    for source, targets in leads_to.items():
        for target in targets:
            led_from[target].append(source)
    reachable = _reach([start.id], leads_to)
    for passage in passages.values():
        if passage.id == start.id:
            pass
        elif not led_from[passage.id]:
            warn(passage.file, passage.line, "nothing-leads", id=passage.id)
        elif passage.id not in reachable:
            warn(passage.file, passage.line, "not-from-start", id=passage.id)
        # A choice to a missing passage is an error already, not also a dead end.
        if not passage.ending and not any(choice.goto for choice in passage.all_choices):
            error(passage.file, passage.line, "dead-end", id=passage.id)
    if not endings:
        return found
    can_end = _reach(endings, led_from)
    if len(can_end) == len(passages):
        return found  # every passage can reach an ending, so no loop traps the reader
    for component in _strong_components(leads_to):
        looping = len(component) > 1 or component[0] in leads_to[component[0]]
        if looping and not can_end.intersection(component):
            members = sorted((passages[pid] for pid in component), key=lambda p: (p.file, p.line))
            names = [f'"{p.id}"' for p in members[:MAX_LOOP_NAMES]]
            if len(members) > MAX_LOOP_NAMES:
                names.append(f"and {len(members) - MAX_LOOP_NAMES} more")
            error(members[0].file, members[0].line, "loop", ids=names)
    return found


def _reach(starts: Iterable[str], edges: dict[str, list[str]]) -> set[str]:
    """Every node reachable from ``starts`` along ``edges``."""
    seen = set(starts)
    todo = list(seen)
    while todo:
        for target in edges[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _strong_components(edges: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in edges:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components
