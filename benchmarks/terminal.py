"""What the reader feels, measured in a real terminal: a key sent to tmux, the screen read back.

Each app runs in a tmux pane of its own (a private tmux server), started with the real command
line, ``python -m explainer --student ... --scenes DIR``, saving to a temporary data folder.
A key is sent with ``tmux send-keys`` and the pane is read with ``tmux capture-pane`` until the
new passage's text is on screen: that is the latency, from before the key is sent to the first
read that shows it (both apps pay the same price for tmux). CPU per key is the app process's
user + system time (``/proc/PID/stat``) from the key until the screen has been still a while;
memory is its resident set (``/proc/PID/status``).

The baseline is ``bare_swap.py``: a bare Textual app that swaps the next article section into
one ``Markdown`` widget on each key. Keys alternate between the two apps, so a busy moment of
the machine falls on both.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ARTICLE = HERE / "article.txt"
STUDENT = "bench"
TICKS = os.sysconf("SC_CLK_TCK")
SETTLE = 0.25
"""Seconds the app is left alone after each timed key, at least, and until it uses no CPU for
0.1 s: its CPU is counted up to then, and the next key finds it idle."""


def tmux_available() -> bool:
    """Whether tmux can be run here."""
    return shutil.which("tmux") is not None


class Pane:
    """One app in a tmux pane of its own: keys in, screen text, CPU and memory out."""

    def __init__(self, server: str, name: str, size: tuple[int, int], command: list[str], env: dict[str, str]) -> None:
        self.server, self.name = server, name
        self.own_dir = ""
        exports = [part for key, value in env.items() for part in ("-e", f"{key}={value}")]
        self._tmux("new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]), *exports, *command)
        self.pid = int(self._tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.server, *args], capture_output=True, text=True, check=True).stdout

    def lines(self) -> list[str]:
        """The screen, one string a row."""
        return self._tmux("capture-pane", "-p", "-t", self.name).splitlines()

    def send(self, *keys: str) -> None:
        """Send keys by tmux's names (``End``, ``C-p``, ``1``)."""
        self._tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        """Send text literally, as typed."""
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def wait(self, seen: Callable[[list[str]], bool], what: str, timeout: float = 20) -> float:
        """Read the screen until ``seen`` holds; the moment (perf_counter) of that read."""
        deadline = time.perf_counter() + timeout
        while True:
            lines = self.lines()
            now = time.perf_counter()
            if seen(lines):
                return now
            if now > deadline:
                raise RuntimeError(f"{self.name}: never on screen: {what}\n" + "\n".join(lines))
            time.sleep(0.001)

    def timed(
        self, keys: list[str], seen: Callable[[list[str]], bool], what: str, text: str = ""
    ) -> tuple[float, float]:
        """Send keys (or type ``text``) and wait for ``seen``: (seconds, CPU seconds until settled)."""
        cpu = self.cpu_seconds()
        began = time.perf_counter()
        if text:
            self.type(text)
        else:
            self.send(*keys)
        latency = self.wait(seen, what) - began
        return latency, self.settle() - cpu

    def settle(self, longest: float = 10) -> float:
        """Wait until the app has used no CPU for a while (at least ``SETTLE`` in all); its CPU time then."""
        time.sleep(SETTLE)
        deadline = time.perf_counter() + longest
        used = self.cpu_seconds()
        while time.perf_counter() < deadline:
            time.sleep(0.1)
            now = self.cpu_seconds()
            if now == used:
                break
            used = now
        return used

    def cpu_seconds(self) -> float:
        """User and system time of the app process so far."""
        with open(f"/proc/{self.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS

    def rss_mb(self) -> float:
        """The app's resident memory now, in MB."""
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.server, "kill-session", "-t", self.name], check=False, capture_output=True)
        if self.own_dir:
            time.sleep(0.2)  # the app's last save, as it is killed
            shutil.rmtree(self.own_dir, ignore_errors=True)


def has_line(part: str, skip: int = 1) -> Callable[[list[str]], bool]:
    """A screen test: some row (below the first ``skip``) contains ``part``."""
    return lambda lines: any(part in line for line in lines[skip:])


def lacks(part: str) -> Callable[[list[str]], bool]:
    return lambda lines: not any(part in line for line in lines)


@dataclass
class Figures:
    """Latencies and CPU times of one kind of key, in seconds."""

    latencies: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def add(self, latency: float, cpu: float) -> None:
        self.latencies.append(latency)
        self.cpu.append(cpu)

    @property
    def median(self) -> float:
        return statistics.median(self.latencies)

    @property
    def p95(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]

    @property
    def cpu_per_key(self) -> float:
        return statistics.mean(self.cpu)

    def summary(self) -> str:
        return f"{self.median * 1000:.0f} ms (p95 {self.p95 * 1000:.0f}), CPU {self.cpu_per_key * 1000:.0f} ms"


@contextmanager
def tmux_server() -> Iterator[str]:
    """A private tmux server's name, killed afterwards."""
    server = f"explainer-bench-{os.getpid()}"
    try:
        yield server
    finally:
        subprocess.run(["tmux", "-L", server, "kill-server"], check=False, capture_output=True)


PYCACHE = Path(tempfile.gettempdir()) / f"explainer-bench-pycache-{os.getuid()}"
"""Bytecode for every pane, kept between runs as an installed copy keeps it."""


def app_env(data_dir: str) -> dict[str, str]:
    """The environment of an app: its own data folder (saves), the shared bytecode cache."""
    return {
        "EXPLAINER_DATA_DIR": data_dir,
        "TERM": "xterm-256color",
        "PYTHONPATH": str(REPO),
        "PYTHONPYCACHEPREFIX": str(PYCACHE),
    }


def start_explainer(server: str, name: str, size: tuple[int, int], folder: Path, data_dir: str = "") -> Pane:
    """``python -m explainer`` for the benchmark's student, in a pane of this size.

    Saves go to ``data_dir``, or to a folder of the pane's own, removed when it closes.
    """
    command = [sys.executable, "-m", "explainer", "--student", STUDENT, "--scenes", str(folder)]
    own = "" if data_dir else tempfile.mkdtemp(prefix="explainer-bench-")
    pane = Pane(server, name, size, command, app_env(data_dir or own))
    pane.own_dir = own
    return pane


def start_bare(server: str, name: str, size: tuple[int, int]) -> Pane:
    command = [sys.executable, str(HERE / "bare_swap.py"), str(ARTICLE)]
    return Pane(server, name, size, command, app_env(tempfile.gettempdir()))


def title_shown(title: str) -> Callable[[list[str]], bool]:
    """The passage heading is on screen (below the bar that says where the reader is)."""
    return has_line(title[:20].strip())


class Reader:
    """Plays the explainer in its pane as a reader would, mirroring its journey in the core."""

    def __init__(self, pane: Pane, folder: Path) -> None:
        from explainer.reader.journey import Journey
        from explainer.reader.option_order import reader_seed
        from explainer.story.loader import load_story

        self.pane = pane
        self.story = load_story(folder)
        self.journey = Journey(self.story, seed=reader_seed(STUDENT))
        self.turn = 0
        pane.wait(title_shown(self.story.title), "the opening")

    def _options_in_view(self, number: int) -> None:
        choice = self.journey.choices()[number - 1]
        seen = has_line(f"{number}. {choice.text[:12]}")
        for _ in range(3):  # End again if it came while the passage before was still drawing
            self.pane.send("End")
            try:
                self.pane.wait(seen, f"option {number} after End", timeout=3)
                break
            except RuntimeError:
                continue
        else:
            self.pane.wait(seen, f"option {number} after End")
        time.sleep(0.05)  # the scroll settled: a number now picks rather than brings into view

    def next_move(self) -> tuple[list[str], Callable[[list[str]], bool]] | None:
        """Get ready for a key that shows another passage (answering quizzes, starting over at an
        ending, bringing the options into view; none of it timed): the key, and how its passage shows.
        """
        journey = self.journey
        while True:
            passage, choices = journey.passage, journey.choices()
            question = passage.question
            if question is not None and question.is_quiz and not journey.solved():
                right = next(n for n, c in enumerate(choices, start=1) if c.correct)
                self._options_in_view(right)
                self.pane.send(str(right))
                try:
                    self.pane.wait(has_line("✓"), "the right answer's feedback", timeout=3)
                except RuntimeError:  # the key came while the options were still moving
                    self._options_in_view(right)
                    self.pane.send(str(right))
                    self.pane.wait(has_line("✓"), "the right answer's feedback")
                journey.choose(choices[right - 1])
                continue
            if not choices:
                self.pane.send("r")
                self.pane.wait(has_line("Start over from the beginning?"), "the start-over question")
                self.pane.send("y")
                self.journey = journey = journey.fresh()
                self.pane.wait(title_shown(self.story.title), "the opening again")
                continue
            self.turn += 1
            number = 1 + self.turn % len(choices)
            self._options_in_view(number)
            target = self.story.passages[choices[number - 1].goto]
            journey.choose(choices[number - 1])
            return [str(number)], title_shown(target.title)


class Bare:
    """The bare app in its pane: each key shows the next article section."""

    def __init__(self, pane: Pane) -> None:
        from bare_swap import sections

        self.pane = pane
        self.headings = [part.split("\n", 1)[0][2:] for part in sections(ARTICLE.read_text(encoding="utf-8"))]
        self.index = 0
        pane.wait(has_line(self.headings[0][:20], skip=0), "the first section")

    def next_move(self) -> tuple[list[str], Callable[[list[str]], bool]]:
        self.index = (self.index + 1) % len(self.headings)
        return ["1"], has_line(self.headings[self.index][:20], skip=0)


Player = Reader | Bare
WARM_UP = 3
"""Untimed keys first in each app: the screens and code a first key would load."""


def alternate(players: dict[str, Player], keys: int) -> dict[str, Figures]:
    """Key press to next passage in each app, the apps taking turns (who goes first alternates)."""
    figures = {name: Figures() for name in players}
    order = list(players.items())
    for key in range(-WARM_UP, keys):
        for name, player in order if key % 2 else order[::-1]:
            move = player.next_move()
            assert move is not None
            timed = player.pane.timed(move[0], move[1], f"{name}: the next passage")
            if key >= 0:
                figures[name].add(*timed)
    return figures


def passage_keys(size: tuple[int, int], folder: Path, keys: int, server: str) -> dict[str, Figures]:
    """Key press to next passage, the explainer and the bare app alternated."""
    label = f"{size[0]}x{size[1]}"
    explainer = Reader(start_explainer(server, f"explainer-{label}", size, folder), folder)
    bare = Bare(start_bare(server, f"bare-{label}", size))
    try:
        return alternate({"explainer": explainer, "bare": bare}, keys)
    finally:
        explainer.pane.close()
        bare.pane.close()


def story_size_keys(size: tuple[int, int], shipped: Path, large: Path, keys: int, server: str) -> dict[str, Figures]:
    """Key press to next passage in the shipped story and in a large one, alternated."""
    players: dict[str, Player] = {
        "shipped": Reader(start_explainer(server, "explainer-shipped", size, shipped), shipped),
        "large": Reader(start_explainer(server, "explainer-large", size, large), large),
    }
    try:
        return alternate(players, keys)
    finally:
        for player in players.values():
            player.pane.close()


def time_glossary_toggle(pane: Pane, figures: dict[str, Figures]) -> None:
    """``g`` twice from the terms: the glossary hidden, then shown again, each timed."""
    figures["glossary"].add(*pane.timed(["g"], lacks("│ Glossary"), "the glossary hidden"))
    figures["glossary"].add(*pane.timed(["g"], has_line("│ Glossary", skip=0), "the glossary shown"))


def time_palette(pane: Pane, figures: dict[str, Figures], term: str) -> None:
    """The palette opened, then ``term`` typed and found, each timed; the palette closed."""
    figures["palette"].add(*pane.timed(["C-p"], has_line("Search for commands", skip=0), "the palette"))
    figures["search"].add(*pane.timed([], has_line(f"Term: {term}", skip=0), "the term found", text=term))
    pane.send("Escape")
    pane.wait(lacks(f"Term: {term}"), "the palette closed")
    time.sleep(SETTLE)


def other_keys(folder: Path, repeats: int, server: str, size: tuple[int, int]) -> dict[str, Figures]:
    """Glossary toggle, map, help, palette open and search, at one size, in the explainer."""
    from explainer.story.loader import load_story

    story = load_story(folder)
    pane = start_explainer(server, "explainer-keys", size, folder)
    figures = {name: Figures() for name in ("glossary", "map", "help", "palette", "search")}
    last_term = story.terms[-1].name
    try:
        pane.wait(title_shown(story.title), "the opening")
        for _ in range(repeats):
            pane.send("g")  # to the terms, then (timed) hidden and shown again
            time.sleep(SETTLE)
            time_glossary_toggle(pane, figures)
            figures["map"].add(*pane.timed(["m"], has_line("Story map", skip=0), "the map"))
            pane.timed(["Escape"], lacks("Story map"), "the map closed")
            figures["help"].add(*pane.timed(["?"], has_line("this help", skip=0), "the help"))
            pane.timed(["Escape"], lacks("this help"), "the help closed")
            time_palette(pane, figures, last_term)
    finally:
        pane.close()
    return figures


def resume_key(folder: Path, repeats: int, server: str, size: tuple[int, int]) -> Figures:
    """``r`` at the resume dialog to the saved passage shown, each time in a new app."""
    figures = Figures()
    with tempfile.TemporaryDirectory() as data_dir:
        pane = start_explainer(server, "explainer-save", size, folder, data_dir)
        reader = Reader(pane, folder)
        move = reader.next_move()
        assert move is not None
        pane.timed(move[0], move[1], "a passage to resume at")
        saved = reader.journey.passage.title
        pane.send("q")
        time.sleep(1)
        pane.close()
        for run in range(repeats):
            pane = start_explainer(server, f"explainer-resume-{run}", size, folder, data_dir)
            try:
                pane.wait(has_line("Welcome back", skip=0), "the resume dialog")
                pane.settle()  # the start-up done: the key alone is timed
                figures.add(*pane.timed(["r"], lacks("Welcome back"), "the saved passage"))
                assert title_shown(saved)(pane.lines()), f"not at {saved}"
                pane.send("q")
                time.sleep(0.5)
            finally:
                pane.close()
    return figures


def memory_walk(folder: Path, transitions: int, server: str, size: tuple[int, int]) -> list[float]:
    """Resident MB of the explainer after start and after every 50 transitions."""
    pane = start_explainer(server, "explainer-memory", size, folder)
    reader = Reader(pane, folder)
    try:
        time.sleep(1)
        rss = [pane.rss_mb()]
        for number in range(1, transitions + 1):
            move = reader.next_move()
            assert move is not None
            pane.send(*move[0])
            pane.wait(move[1], "the next passage")
            if number % 50 == 0:
                rss.append(pane.rss_mb())
        time.sleep(1)
        rss[-1] = pane.rss_mb()
    finally:
        pane.close()
    return rss


def big_content(folder: Path, server: str, size: tuple[int, int]) -> dict[str, Figures]:
    """A 100 KB passage shown, the glossary toggled beside it, the palette opened and searched."""
    from explainer.story.loader import load_story

    story = load_story(folder)
    long = story.passages[story.start].choices[0]
    title = story.passages[long.goto].title
    last_term = story.terms[-1].name
    figures = {name: Figures() for name in ("show", "glossary", "palette", "search")}
    pane = start_explainer(server, "explainer-big", size, folder)
    try:
        pane.wait(title_shown(story.title), "the opening", timeout=60)
        pane.send("End")
        pane.wait(has_line(f"1. {long.text[:12]}"), "the way on")
        figures["show"].add(*pane.timed(["1"], title_shown(title), "the long passage"))
        pane.send("g")
        time.sleep(SETTLE)
        for _ in range(2):
            time_glossary_toggle(pane, figures)
        for _ in range(2):
            time_palette(pane, figures, last_term)
    finally:
        pane.close()
    return figures


SIZES = [(80, 24), (120, 40), (200, 60)]
Add = Callable[[str, str, str, "bool | None"], None]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def measure(add: Add, folder: Path, work_dir: Path, quick: bool) -> None:
    """Every real-terminal figure, as rows of the benchmark's table."""
    import synthetic

    def add_row(measure: str, result: str, target: str, met: bool | None) -> None:
        progress(f"  {measure}: {result}")
        add(measure, result, target, met)

    keys = 12 if quick else 40
    with tmux_server() as server:
        for size in SIZES:
            progress(f"terminal {size[0]}x{size[1]}: {keys} key presses each, explainer and bare app alternated")
            figures = passage_keys(size, folder, keys, server)
            mine, bare = figures["explainer"], figures["bare"]
            ratio, p95_ratio = mine.median / bare.median, mine.p95 / bare.p95
            first = size == SIZES[0]
            add_row(
                f"Key press to next passage on screen, real terminal {size[0]}×{size[1]} ({keys} keys each)",
                f"{mine.summary()}; bare Markdown swap {bare.summary()}; {ratio:.2f}× bare (p95 {p95_ratio:.2f}×)",
                "median ≤ 1.0× bare, p95 ≤ 2× bare's p95" if first else "",
                (ratio <= 1.0 and p95_ratio <= 2.0) if first else None,
            )
        size = SIZES[0]
        progress("terminal: a story of 10,000 passages against the shipped one")
        large = synthetic.write_story(work_dir / "terminal-10000", 10_000)
        figures = story_size_keys(size, folder, large, keys, server)
        ratio = figures["large"].median / figures["shipped"].median
        add_row(
            "Key press to next passage, story of 10,000 passages (real terminal 80×24, against the shipped story)",
            f"{figures['large'].summary()} vs {figures['shipped'].summary()}: {ratio:.2f}×",
            "≤ 1.2× the shipped story",
            ratio <= 1.2,
        )
        progress("terminal: glossary, map, help, palette")
        for name, other in other_keys(folder, 4 if quick else 10, server, size).items():
            label = {"palette": "palette open", "search": "palette search for a term"}.get(name, name)
            add_row(f"Key press to {label} on screen, real terminal 80×24", other.summary(), "", None)
        progress("terminal: resume")
        resumed = resume_key(folder, 3 if quick else 5, server, size)
        add_row("Resume (r) to the saved passage on screen, real terminal 80×24", resumed.summary(), "", None)
        transitions = 100 if quick else 300
        progress(f"terminal: memory over {transitions} transitions")
        rss = memory_walk(folder, transitions, server, size)
        grown = rss[-1] - rss[0]
        add_row(
            f"Resident memory of the app, real terminal 80×24, over {transitions} transitions",
            f"{rss[0]:.1f} MB after start, {rss[-1]:.1f} MB after {transitions} "
            f"(+{grown:.1f} MB, {grown / transitions * 1024:.0f} KB per passage; "
            f"every 50: {', '.join(f'{value:.1f}' for value in rss)})",
            f"growth ≤ {3 * transitions / 300:.0f} MB",
            grown <= 3 * transitions / 300,
        )
        progress("terminal: a passage of 100 KB and a glossary of 5,000 terms")
        big = synthetic.write_big_story(work_dir / "terminal-big")
        figures = big_content(big, server, (120, 40))
        for name, label, target in (
            ("show", "100 KB passage shown", 0.1),
            ("glossary", "glossary toggled beside the 100 KB passage", 0.05),
            ("palette", "palette opened with 5,000 terms", 0.1),
            ("search", "palette search among 5,000 terms", 0.05),
        ):
            median = figures[name].median
            add_row(
                f"Key press to {label}, real terminal 120×40",
                figures[name].summary(),
                f"≤ {_ms(target)}",
                median <= target,
            )


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
