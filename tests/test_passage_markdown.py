"""What a passage's Markdown looks like where readers read it: tables, links, pictures, footnotes."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import benchmark_module, screen_text
from hypothesis import example, given, settings
from hypothesis import strategies as st

from explainer.outputs.line_mode import LinePlayer
from explainer.story.loader import load_story
from explainer.story.model import Story
from explainer.tui.app import ExplainerApp

TIMELINE = """\
---
id: start
title: The case, step by step
section: 1
choices:
  - text: Go on
    goto: end
---
  1. Read the [complaint][1] yourself.
  2. Then the ~~FBI~~ prosecutors' release.[^1]

| Date | What happened | Source |
|:--|:--|--:|
| 4 June 2020 | Calls marking the Tiananmen Square anniversary are cut off | Complaint |
| 18 December 2020 | The complaint against Xinjiang Jin is unsealed in Brooklyn | Justice Department |

![A courtroom sketch](https://example.com/sketch.png)

[1]: https://www.justice.gov/opa/press-release/file/1346516/download
[^1]: The release names three offices.
---
id: end
title: The end
ending: true
---
Goodbye.
"""
GLOSSARY = """\
terms:
  - term: complaint
    definition: A sworn statement of what the government believes a person did.
  - term: FBI
    definition: The main police agency of the US federal government.
"""


@pytest.fixture
def timeline(tmp_path: Path) -> Story:
    folder = tmp_path / "timeline"
    folder.mkdir()
    (folder / "01-start.md").write_text(TIMELINE, encoding="utf-8")
    (folder / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    return load_story(folder)


async def test_a_timeline_reads_as_a_grid_at_80x24(timeline: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    app = ExplainerApp(timeline)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        lines = text.splitlines()
        assert any("1. Read the complaint " in line and "yourself" not in line for line in lines), text
        assert any(line.strip().startswith("(https://www.justice.gov/opa/press-release") for line in lines), text
        assert any(line.lstrip(" │").startswith("2. Then the FBI prosecutors'") for line in lines), text
        header = next(line for line in lines if "Date" in line and "What happened" in line)
        assert header.count("│") >= 3  # the passage's scroll bar aside, two column rules
        rows = [line for line in lines if line.count("│") >= 3]
        assert any("4 June 2020" in row and "Calls marking" in row for row in rows), text
        assert any("─┼─" in line for line in lines)
        # The grid fits the passage: every cell wraps inside its column, none runs into the next.
        date_column = header.index("│")
        assert all(row[date_column] == "│" for row in rows if len(row) > date_column), text
        opened: list[str] = []
        monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
        row = next(n for n, line in enumerate(lines) if "(https://www.justice.gov" in line)
        await pilot.click(offset=(lines[row].index("justice.gov"), row))
        await pilot.pause()
        assert opened == ["https://www.justice.gov/opa/press-release/file/1346516/download"]


def test_a_timeline_reads_as_rows_in_line_mode(timeline: Story) -> None:
    output = io.StringIO()
    LinePlayer(timeline, input=io.StringIO("q\n"), output=output, errors=io.StringIO(), width=80).run()
    text = output.getvalue()
    # The list is not nested under its first item although indented; the address is shown.
    assert "\n1. Read the complaint\n   (https://www.justice.gov/opa/press-release/file/1346516/download)" in text
    assert "2. Then the (struck out: FBI) prosecutors' release.[1]" in text
    assert "Table, 2 rows, columns: Date; What happened; Source." in text
    assert "Row 1. Date: 4 June 2020. What happened: Calls marking the Tiananmen Square" in text
    assert "Row 2. Date: 18 December 2020." in text
    assert "[Picture: A courtroom sketch]" in text
    assert "Notes:\n\n[1] The release names three offices." in text
    assert "Terms: FBI, complaint" in text  # "complaint" first shows as the words of a link


# Hostile bodies grow no faster than they are long -------------------------------------------------


def _hostile() -> Any:
    return benchmark_module("hostile")


def _cpu(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(2):
        began = time.process_time()
        work()
        best = min(best, time.process_time() - began)
    return best


def test_hostile_bodies_cost_no_more_than_their_length() -> None:
    hostile = _hostile()
    small, large = hostile.bodies(2_000), hostile.bodies(8_000)
    assert set(small) == set(hostile.bodies(10))  # every hostile body of the benchmark
    slow = []
    for work_name, work in hostile.workloads().items():  # the parse with terms linked, each output, check
        for name in small:
            before = _cpu(lambda: work(small[name]))  # noqa: B023
            after = _cpu(lambda: work(large[name]))  # noqa: B023
            # Four times the text: linear work costs about 4 times, quadratic 16. The bound is
            # generous for timer noise; the timings themselves are in benchmarks/run.py.
            if after > 9 * max(before, 0.002):
                slow.append((work_name, name, before, after))
    assert not slow, slow


def test_hostile_bodies_are_parsed_with_a_few_steps_a_character() -> None:
    import cProfile
    import pstats

    from explainer.story.glossary import Glossary
    from explainer.story.markdown import parse
    from explainer.tui.widgets.passage_text import drawn_lines

    hostile = _hostile()
    glossary = Glossary(hostile.TERMS)

    def calls(body: str, drawn: bool = False) -> int:
        profile = cProfile.Profile()
        if drawn:  # the app's lines of the passage, from its parse
            profile.runcall(drawn_lines, parse(body, glossary), 54)
        else:
            profile.runcall(parse, body, glossary)
        return sum(counts[1] for counts in pstats.Stats(profile).stats.values())

    calls("warm *up* [a](b) `c`")
    calls("warm *up* [a](b) `c`", drawn=True)
    many = []
    for drawn in (False, True):
        for name, body in hostile.bodies(8_000).items():
            # Counted Python calls, not time: the same on any machine. Searching for a link's end
            # afresh from every "[" cost 140 calls a character, a token for each "_" of "a_a_" 26;
            # cutting every line's styles out of all its paragraph's, 16 for a paragraph of code spans.
            count = calls(body, drawn)
            if count > 25 * len(body) or count > 5 * calls(hostile.bodies(2_000)[name], drawn) + 1_000:
                many.append((name, drawn, count))
    assert not many, many


# Brackets and marks taken as text at once mean what markdown-it alone makes of them ---------------------

_BRACKETY = ["[", "]", "<", ">", "!", "(", ")", "^", "*", "`", "\\", "a", " ", "\n", ":", "/", "<http://a.b>", "[^1]"]
_BRACKETY += ["[^1]: note\n", "[x]: /u\n", "![i](u)", "<a@b.c>", "](", "[[", "]]", "\n\n"]
# Runs of emphasis marks, longer than the marks elsewhere can pair with; "_" inside words.
_BRACKETY += ["_", "**", "***", "__", "*" * 7, "_" * 9, "a_", "_a", "b_c", "a*", "~~", "&amp;", "-", "#", "é", "[a](b)"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_BRACKETY), max_size=30).map("".join))
@example("[a [b]](u) and [c [d]][x]\n\n[x]: /v")
@example("<<<http://a.b> <<a@b.c> <<< [[[x]] ![![i](u) !!]]")
@example("a___________a\n](u)](u) ****~`____________~[[[[")
@example("x" + "*" * 30 + "a **b** c" + "_" * 12 + " d_e_f")
@example("[" * 25 + "a" + "]" * 25 + "(u) " + "[a " * 30 + "](x)")
# Runs of "[" longer than two searches go (passed at once), with the words closed or not after them.
@example("x " + "[" * 100 + " ](" + " [" * 3 + "a" + "]" * 70 + "(u)")
@example("[" * 130 + "a" + "]" * 130 + "(u) *[" + "[" * 64 + "b]]*")
@example("`` `a`` " * 5 + "``` x ``` ` `` " + "[" * 45 + "`]` ](u)")
# Runs of "[" with text between them ("[a [b [c"), passed at once in the same way.
@example("x " + "[a " * 70 + "](x) " + "[b" * 50 + "[[c]](u) " + "[d [e" * 30 + "]]]](u)")
@example("![i " + "[a " * 64 + "]](u) [" + "[a  [" * 40 + "b]](u)")
def test_brackets_read_as_markdown_it_alone_reads_them(text: str) -> None:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    from explainer.story.markdown import parser

    alone = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"]).use(footnote_plugin)
    assert parser().render(text) == alone.render(text)
