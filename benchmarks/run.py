"""Measure the explainer against its targets, all in one run, and print one table.

    python benchmarks/run.py            # the full run (a few minutes on two cores)
    python benchmarks/run.py --quick    # fewer runs and sizes, to try the benchmark itself

Progress goes to stderr, the table (Markdown) to stdout and to ``benchmarks/results.md``.
Every figure is measured in this run, on this machine; nothing is remembered from before.
The code measured is the checkout this file lives in, not an installed copy.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(HERE)]

import synthetic
import terminal

from explainer.checks.check import check_story
from explainer.cli import default_scenes
from explainer.story.glossary import Glossary
from explainer.story.loader import load_story, read_story
from explainer.story.model import Story

SIZE = (120, 40)
TINY = REPO / "tests" / "stories" / "tiny"
ARTICLE = HERE / "article.txt"
RESULTS = HERE / "results.md"


def progress(message: str) -> None:
    """Say what is happening, on stderr."""
    print(message, file=sys.stderr, flush=True)


@dataclass
class Row:
    """One line of the table."""

    measure: str
    result: str
    target: str = ""
    met: bool | None = None


@dataclass
class Table:
    """The table, built up as the measurements come in."""

    rows: list[Row] = field(default_factory=list)

    def add(self, measure: str, result: str, target: str = "", met: bool | None = None) -> None:
        self.rows.append(Row(measure, result, target, met))

    def markdown(self) -> str:
        lines = ["| Measure | Result | Target | Met |", "|---|---|---|---|"]
        for row in self.rows:
            met = "" if row.met is None else "yes" if row.met else "**no**"
            lines.append(f"| {row.measure} | {row.result} | {row.target} | {met} |")
        return "\n".join(lines)


def story_folder() -> tuple[Path, str]:
    """The real story if it loads, else the tiny test story; and a name for it."""
    scenes = default_scenes()
    _story, problems = read_story(scenes)
    if _story is not None and not problems:
        return scenes, f"the real story ({len(_story.passages)} passages)"
    progress(f"the real story in {scenes} does not load yet: using {TINY}")
    return TINY, "the tiny test story"


# --- 1. Start-up -------------------------------------------------------------------------


def start_once(mode: str, argument: Path, data_dir: str) -> tuple[float, float]:
    """One child process from spawn to first paint: (seconds, peak resident MB).

    Bytecode is cached (under ``data_dir``, outside the checkout) as it is for an installed
    copy, even where PYTHONDONTWRITEBYTECODE is set: the warm-up runs fill the cache.
    """
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        EXPLAINER_DATA_DIR=data_dir,
        PYTHONPYCACHEPREFIX=os.path.join(data_dir, "pycache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, str(HERE / "startup_child.py"), mode, str(argument)]
    began = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    out, err = child.communicate(timeout=60)
    # communicate() has reaped the child; its peak memory is in the children's usage totals,
    # which only grow, so the child's own figure is read from its report instead.
    painted = next((line.split() for line in out.splitlines() if line.startswith("PAINTED")), None)
    if child.returncode != 0 or painted is None:
        raise RuntimeError(f"{mode} start-up run failed:\n{err[-2000:]}")
    return float(painted[1]) - began, float(painted[2]) / 1024


def measure_startup(table: Table, folder: Path, runs: int) -> None:
    """Alternate explainer and bare runs; compare medians of time and peak memory."""
    with tempfile.TemporaryDirectory() as data_dir:
        progress("start-up: warming up (compiling, filling the disk cache)")
        start_once("explainer", folder, data_dir)
        start_once("bare", ARTICLE, data_dir)
        times: dict[str, list[float]] = {"explainer": [], "bare": []}
        memory: dict[str, list[float]] = {"explainer": [], "bare": []}
        for run in range(runs):
            for mode, argument in (("explainer", folder), ("bare", ARTICLE)):
                seconds, megabytes = start_once(mode, argument, data_dir)
                times[mode].append(seconds)
                memory[mode].append(megabytes)
            progress(
                f"start-up run {run + 1}/{runs}: explainer {times['explainer'][-1] * 1000:.0f} ms, "
                f"bare {times['bare'][-1] * 1000:.0f} ms"
            )
    explainer, bare = statistics.median(times["explainer"]), statistics.median(times["bare"])
    ratio = explainer / bare
    table.add(
        f"Start-up to first passage painted, median of {runs} alternated runs each",
        f"{ratio:.2f}× ({explainer * 1000:.0f} ms vs bare Markdown app {bare * 1000:.0f} ms)",
        "≤ 1.25×",
        ratio <= 1.25,
    )
    mem_explainer, mem_bare = statistics.median(memory["explainer"]), statistics.median(memory["bare"])
    table.add(
        "Start-up peak memory (resident), median",
        f"{mem_explainer / mem_bare:.2f}× ({mem_explainer:.0f} MB vs {mem_bare:.0f} MB)",
    )


# --- 2. Key press to next passage ---------------------------------------------------------


async def keypress_latencies(story: Story, transitions: int) -> list[float]:
    """Seconds from a key event to the next passage's refresh queued, glossary panel open.

    Headless and in one process: the key skips the terminal's input parser and the figure ends
    when a refresh is queued after ``show_passage``, before the frame is drawn or written. What
    the reader waits for is measured in a real terminal (``terminal.py``).

    Walks the story as a reader would: quizzes answered right (not timed: they keep the reader
    on the passage), every other choice taken in turn so that branches are visited, and a
    restart at each ending.
    """
    from textual import events

    from explainer.tui.app import ExplainerApp
    from explainer.tui.screens.story import StoryScreen
    from explainer.tui.widgets.glossary_panel import GlossaryPanel

    app = ExplainerApp(story)
    latencies: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StoryScreen), f"the first screen is {type(screen).__name__}"
        if not screen.query_one(GlossaryPanel).display:
            await pilot.press("g")
        loop = asyncio.get_running_loop()
        painted: list[asyncio.Future[float]] = []
        original = screen.show_passage

        async def show_passage() -> None:
            await original()
            if painted and not painted[-1].done():
                future = painted[-1]
                screen.call_after_refresh(lambda: future.done() or future.set_result(time.perf_counter()))

        screen.show_passage = show_passage  # type: ignore[method-assign]
        turn = 0
        while len(latencies) < transitions:
            journey = screen.journey
            passage = journey.passage
            choices = journey.choices()
            question = passage.question
            if question is not None and question.is_quiz and not journey.solved():
                right = next(n for n, c in enumerate(choices, start=1) if c.correct)
                await pilot.press("end", str(right))  # a number picks an option once it is in view
                continue
            if not choices:
                await pilot.press("r")
                await pilot.press("y")
                await pilot.pause()
                continue
            turn += 1
            number = 1 + turn % len(choices)
            expected = choices[number - 1].goto
            assert screen.query_one(GlossaryPanel).display, "the glossary panel is closed"
            await pilot.press("end")  # the options in view: a number then picks at once
            await pilot.pause()
            future: asyncio.Future[float] = loop.create_future()
            painted.append(future)
            began = time.perf_counter()
            app._driver.send_message(events.Key(str(number), str(number)))  # type: ignore[union-attr]
            done = await asyncio.wait_for(future, timeout=10)
            latencies.append(done - began)
            assert journey.passage.id == expected, (journey.passage.id, expected)
            await pilot.pause()
    return latencies


def measure_keypress(table: Table, folder: Path, transitions: int) -> None:
    """Median and 95th percentile of key press to next passage."""
    story = load_story(folder)
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ["EXPLAINER_DATA_DIR"] = data_dir
        progress(f"key presses: {transitions} transitions through the story")
        latencies = asyncio.run(keypress_latencies(story, transitions))
    ms = sorted(x * 1000 for x in latencies)
    median = statistics.median(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * len(ms)) - 1)]
    table.add(
        f"In process (Pilot, headless, no terminal written): key to next passage's refresh queued, "
        f"median ({len(ms)} transitions, glossary open)",
        f"{median:.1f} ms",
        "≤ 16 ms",
        median <= 16,
    )
    table.add(
        "In process (Pilot, headless): key to next passage's refresh queued, 95th percentile",
        f"{p95:.1f} ms (max {ms[-1]:.0f} ms)",
        "≤ 33 ms",
        p95 <= 33,
    )


# --- 3. Scaling ---------------------------------------------------------------------------


def best_time(work: Callable[[], Any], repeats: int, clock: Callable[[], float] = time.perf_counter) -> float:
    """The best of ``repeats`` timings of ``work`` by ``clock``, in seconds (the least disturbed run).

    Python's cache of compiled regular expressions is emptied before each run, so that every
    run compiles the glossary's matcher, as a program that has just started does.
    """
    best = float("inf")
    for _ in range(repeats):
        re.purge()
        gc.collect()
        began = clock()
        work()
        best = min(best, clock() - began)
    return best


def peak_memory(work: Callable[[], Any]) -> float:
    """Peak Python memory allocated while ``work`` runs, in MB (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def growth(values: list[float], sizes: list[int], index: int) -> str:
    """How much a value grew from the previous size, e.g. ``×9.6``."""
    if index == 0 or values[index - 1] <= 0:
        return "–"
    return f"×{values[index] / values[index - 1]:.1f}"


def growth_ok(values: list[float], sizes: list[int]) -> bool:
    """Whether every step costs at most about as much more as the size grew (20% slack)."""
    return all(
        values[i] / values[i - 1] <= 1.2 * sizes[i] / sizes[i - 1] for i in range(1, len(values)) if values[i - 1] > 0
    )


def measure_story_scaling(table: Table, sizes: list[int], work_dir: Path) -> None:
    """Load, check and memory for synthetic stories of growing size."""
    loads, checks, memories = [], [], []
    for size in sizes:
        folder = synthetic.write_story(work_dir / f"story-{size}", size)
        repeats = 3 if size >= 10_000 else 5
        progress(f"scaling: story of {size:,} passages")
        loads.append(best_time(lambda: load_story(folder), repeats))
        problems = check_story(folder)
        assert not any(p.severity.value == "error" for p in problems), problems[:3]
        checks.append(best_time(lambda: check_story(folder), repeats))
        memories.append(peak_memory(lambda: load_story(folder)))
    # A story being written may define a term it never uses: every passage is searched for it.
    unused = work_dir / "story-with-an-unused-term"
    shutil.copytree(folder, unused)
    with (unused / "glossary.yaml").open("a", encoding="utf-8") as glossary:
        glossary.write("  - term: Zyzzyva\n    definition: A weevil no passage mentions.\n")
    assert [p.code for p in check_story(unused)] == ["term-unused"]
    with_unused = best_time(lambda: check_story(unused), 3)
    for i, size in enumerate(sizes):
        result = (
            f"load {_seconds(loads[i])} ({growth(loads, sizes, i)}), "
            f"load + check {_seconds(checks[i])} ({growth(checks, sizes, i)}), "
            f"memory {memories[i]:.1f} MB ({growth(memories, sizes, i)})"
        )
        last = i == len(sizes) - 1
        if last:
            result += f"; load + check with a term used nowhere: {_seconds(with_unused)}"
        target = "load + check ≤ 2 s, in one process; each ×10 step ≤ ~×10" if last and size >= 10_000 else ""
        met = None
        if last:
            met = growth_ok(loads, sizes) and growth_ok(checks, sizes) and growth_ok(memories, sizes)
            if size >= 10_000:
                met = met and max(checks[i], with_unused) <= 2.0
        table.add(f"Story of {size:,} passages", result, target, met)


def measure_glossary_scaling(table: Table, sizes: list[int], work_dir: Path) -> None:
    """Load, check, memory and term finding for glossaries of growing size."""
    loads, checks, memories, finds = [], [], [], []
    for size in sizes:
        folder = synthetic.write_story(work_dir / f"glossary-{size}", 10, terms=size)
        text = synthetic.big_passage(synthetic.term_names(size))
        progress(f"scaling: glossary of {size:,} terms")

        def load() -> Glossary:
            return Glossary(load_story(folder).terms)

        loads.append(best_time(load, 5))
        checks.append(best_time(lambda: check_story(folder), 3))
        memories.append(peak_memory(load))
        glossary = load()
        assert glossary.find(text), "no term found in the passage"
        finds.append(best_time(lambda: glossary.find(text), 5))
    for i, size in enumerate(sizes):
        result = (
            f"load {_seconds(loads[i])} ({growth(loads, sizes, i)}), "
            f"load + check {_seconds(checks[i])} ({growth(checks, sizes, i)}), "
            f"memory {memories[i]:.1f} MB ({growth(memories, sizes, i)}), "
            f"find in 100 KB {_seconds(finds[i])} ({growth(finds, sizes, i)})"
        )
        last = i == len(sizes) - 1
        met = None
        if last:
            met = all(growth_ok(v, sizes) for v in (loads, checks, memories, finds))
            if size >= 5000:
                met = met and finds[i] <= 0.05
        target = "find ≤ 50 ms; each step ≤ ~as much more as the size" if last and size >= 5000 else ""
        table.add(f"Glossary of {size:,} terms", result, target, met)


def measure_reload(table: Table, folder: Path, runs: int) -> None:
    """``--watch``: a file of the story changes; it is noticed, read and checked again."""
    from explainer.checks.live import FileWatch, reload_story

    progress("reload for --watch")
    reload_story(folder)  # as in the app: everything imported by the first reading
    files = FileWatch(folder)
    polls, reloads = [], []
    for _ in range(runs):
        began = time.perf_counter()
        files.changed()
        polls.append(time.perf_counter() - began)
        began = time.perf_counter()
        reloaded = reload_story(folder)
        reloads.append(time.perf_counter() - began)
        assert reloaded.story is not None
    median = statistics.median(reloads)
    table.add(
        f"--watch: the story read and checked again after a change, median of {runs}",
        f"{_seconds(median)} (max {_seconds(max(reloads))}); a poll of the files {_seconds(statistics.median(polls))}",
        "≤ 200 ms",
        median <= 0.2,
    )


def measure_hostile_bodies(table: Table, sizes: list[int]) -> None:
    """Each hostile body (long runs of "<", "[", "*", "_", backticks, spaces, term prefixes)
    parsed with terms linked, drawn by each output and read by ``check``.

    Timed in CPU time (best of 3): each run is one thread's work, and on a machine busy with
    other work the wall clock would count the time spent waiting for a core.
    """
    import hostile

    workloads = hostile.workloads()
    for name in hostile.bodies(1000):
        progress(f"hostile body: {name!r}")
        costs: dict[str, list[float]] = {work: [] for work in workloads}
        for size in sizes:
            body = hostile.bodies(size)[name]
            for work, run in workloads.items():
                costs[work].append(best_time(lambda: run(body), 3, time.process_time))
        worst = max(costs, key=lambda work: costs[work][-1])
        result = ", ".join(f"{work} {_seconds(values[-1])}" for work, values in costs.items())
        grows = all(linear_from_smallest(values, sizes) for values in costs.values())
        slowest = costs[worst][-1]
        steps = " → ".join(_seconds(value) for value in costs[worst])
        table.add(
            f"Hostile body {name!r}, {sizes[-1] // 1000} KB",
            f"{result} (slowest, {worst}, at {', '.join(str(s // 1000) for s in sizes)} KB: {steps})",
            "each ≤ 100 ms; none grows faster than the size from 24 KB",
            slowest <= 0.1 and grows,
        )


def linear_from_smallest(values: list[float], sizes: list[int]) -> bool:
    """Whether each value is at most what the smallest size's would be, grown as the size grew.

    With 50% and 2 ms of slack: a run of a few milliseconds can be a millisecond or two off
    either way, and a larger heap costs a little more to walk; a quadratic cost is 16 times
    the smallest at 4 times the size, well over the 6 allowed.
    """
    return all(value <= 1.5 * values[0] * size / sizes[0] + 0.002 for value, size in zip(values, sizes, strict=True))


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.1f} ms"


# --- The run ------------------------------------------------------------------------------


def main() -> int:
    """Run everything and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller sizes")
    parser.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="where to write the Markdown table (default: benchmarks/results.md for a "
        "full run; a run of --quick or --only writes nowhere unless told)",
    )
    parser.add_argument(
        "--only",
        default="startup,keys,terminal,stories,glossaries,hostile,web,reload",
        metavar="PARTS",
        help="which parts to run, separated by commas (default: all of them)",
    )
    args = parser.parse_args()
    parts = set(args.only.split(","))
    started = time.perf_counter()
    folder, story_name = story_folder()
    sections = {
        part: Table() for part in ("startup", "keys", "terminal", "stories", "glossaries", "hostile", "web", "reload")
    }
    # Scaling first, in a process where no app has run yet: like `check`, which runs alone.
    with tempfile.TemporaryDirectory() as work:
        if "stories" in parts:
            sizes = [10, 100, 1000] if args.quick else [10, 100, 1000, 10_000]
            measure_story_scaling(sections["stories"], sizes, Path(work))
        if "glossaries" in parts:
            sizes = [10, 100, 1000] if args.quick else [10, 100, 1000, 5000]
            measure_glossary_scaling(sections["glossaries"], sizes, Path(work))
    if "hostile" in parts:
        measure_hostile_bodies(sections["hostile"], [24_000, 48_000, 96_000] if not args.quick else [12_000, 24_000])
    if "reload" in parts:
        measure_reload(sections["reload"], folder, runs=5 if args.quick else 15)
    if "startup" in parts:
        measure_startup(sections["startup"], folder, runs=3 if args.quick else 15)
    if "keys" in parts:
        measure_keypress(sections["keys"], folder, transitions=40 if args.quick else 200)
    if "terminal" in parts:
        if terminal.tmux_available():
            with tempfile.TemporaryDirectory() as work:
                terminal.measure(sections["terminal"].add, folder, Path(work), args.quick)
        else:
            sections["terminal"].add("Real-terminal measures", "not run: tmux is not installed", "", False)
    if "web" in parts:
        from web import measure_web

        measure_web(sections["web"], folder, quick=args.quick)
    table = Table([row for section in sections.values() for row in section.rows])
    elapsed = time.perf_counter() - started
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = " ".join(["python benchmarks/run.py", *sys.argv[1:]])
    about = (
        f"Measured {when} with `{command}` "
        f"in {elapsed:.0f} s: Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, against {story_name}, terminal {SIZE[0]}×{SIZE[1]}. "
        "Scaling times are the best of 3 to 5 runs, in one process; memory is the peak traced "
        "by tracemalloc."
    )
    text = table.markdown() + "\n\n" + about + "\n"
    print(text)
    full = parts == set(sections) and not args.quick
    output = args.output or (RESULTS if full else None)
    if output is not None:
        output.write_text(text, encoding="utf-8")
        progress(f"written to {output}")
    return 0 if all(row.met is not False for row in table.rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
