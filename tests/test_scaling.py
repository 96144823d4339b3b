"""Scaling: work grows in step with the story; YAML reads the same with libyaml and without.

Timings live in ``benchmarks/run.py``. The few timing ratios here only catch a change of
shape (ten times more work costing a hundred times more time), with bounds loose enough for
a noisy machine.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, STORIES, benchmark_module, screen_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.checks.check import check_story
from explainer.story import yaml_reader
from explainer.story.glossary import Glossary
from explainer.story.loader import load_story
from explainer.story.model import Term
from explainer.story.yaml_reader import Located, LocatedList, YamlProblem, read_yaml

synthetic = benchmark_module("synthetic")


def best_time(work: Callable[[], Any], repeats: int = 5) -> float:
    """The least of a few timings, in CPU time: what other processes do hardly moves it."""
    best = float("inf")
    for _ in range(repeats):
        began = time.process_time()
        work()
        best = min(best, time.process_time() - began)
    return best


# Growth ---------------------------------------------------------------------------------------


def test_a_synthetic_story_is_valid_and_every_passage_is_reachable(tmp_path: Path) -> None:
    folder = synthetic.write_story(tmp_path / "story", 45)
    story = load_story(folder)
    assert len(story.passages) == 45
    assert not [p for p in check_story(folder) if p.severity.value == "error"]


def test_every_front_matter_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    original = read_yaml
    counted = lambda text: calls.append(1) or original(text)  # noqa: E731
    monkeypatch.setattr("explainer.story.yaml_reader.read_yaml", counted)  # front matter and glossary alike
    for size in (20, 200):
        calls.clear()
        load_story(synthetic.write_story(tmp_path / f"story-{size}", size))
        assert len(calls) == size + 1  # every passage, and the glossary


def test_ten_times_the_passages_costs_about_ten_times_to_load_and_check(tmp_path: Path) -> None:
    small = synthetic.write_story(tmp_path / "small", 30)
    large = synthetic.write_story(tmp_path / "large", 300)
    load_story(small), check_story(small)  # warm up: imports, caches
    assert best_time(lambda: load_story(large)) < 30 * best_time(lambda: load_story(small))
    assert best_time(lambda: check_story(large)) < 30 * best_time(lambda: check_story(small))


def test_looking_up_terms_by_name_does_not_scan_the_glossary_each_time() -> None:
    from explainer.story.model import Story

    class Counted(tuple):  # type: ignore[type-arg]
        scans = 0

        def __iter__(self):  # type: ignore[no-untyped-def]
            Counted.scans += 1
            return super().__iter__()

    story = Story(passages={}, terms=Counted(_terms(500)))
    name, aliases = synthetic.term_names(500)[-1]
    for _ in range(1000):
        assert story.term_named(name.upper()) is not None
        assert story.term_named("not a term") is None
    assert Counted.scans <= 1  # once, to index the names: references times terms was quadratic


def test_finding_terms_hardly_depends_on_the_size_of_the_glossary() -> None:
    text = synthetic.big_passage(synthetic.term_names(1000), size=20_000)
    small = Glossary(_terms(100))
    large = Glossary(_terms(1000))
    assert small.find(text) and large.find(text)
    # One compiled matcher: ten times the terms must not cost anything like ten times.
    assert best_time(lambda: large.find(text)) < 5 * best_time(lambda: small.find(text))


def test_building_the_matcher_grows_with_the_glossary_not_faster() -> None:
    _terms(2000)  # warm up
    assert best_time(lambda: Glossary(_terms(2000)), 2) < 30 * best_time(lambda: Glossary(_terms(200)), 2)


def _terms(count: int) -> tuple[Term, ...]:
    return tuple(Term(name, "A definition.", tuple(aliases)) for name, aliases in synthetic.term_names(count))


# libyaml's parser gives what the pure-Python one gives ------------------------------------------


def _front_matters(loadable_only: bool = False) -> list[str]:
    texts = []
    for folder in sorted(p for p in STORIES.iterdir() if p.is_dir()) + [REPO / "scenes"]:
        if loadable_only and not _loads(folder):
            continue
        for path in sorted(folder.glob("*.md")):
            texts += re.findall(r"(?ms)^---\n(.*?)\n---\n", path.read_text(encoding="utf-8"))
        glossary = folder / "glossary.yaml"
        if glossary.is_file():
            texts.append(glossary.read_text(encoding="utf-8"))
    return texts


def _loads(folder: Path) -> bool:
    try:
        load_story(folder)
    except Exception:
        return False
    return True


TRICKY = [
    "",
    "# a comment only\n",
    "a: 1\nb: [x, 2, true, null, 1.5, .inf, 0x1f, ~, '', \"q\"]\nc: {d: e}\n",
    "a: 2020-01-01\nb: 1_000\nc: 0b11\nd: 1:20\ne: -.inf\nf: NO\ng: on\n",
    "- 1\n- ? a\n",
    "just text",
    "a: b\n---\nc: d\n",
    "a: &x 1\nb: *x",
    "a: [1,\n",
    "a: b: c",
    "- a\nb: 1",
    "a: !!str 1",
    "a: ! 1",
    "a: 1\na: 2",
    "1: 2",
    "'': x",
    "a:\tb",
    "\ta: b",
    "a: |\n  x\n  y\nb: >\n  p\n  q\n",
    "a: >#\n x\n",
    "[a, b?c]",
    "{a: b?}",
    "[" * 19 + "]" * 19,
    "[" * 21 + "]" * 21,
    "- " * 25 + "x",
    "a: \ufeffb",
    'a: "\\e[31m"',
    'a: "\\L"',
    "a: 'it''s'",
    "a: \u2028b",
    "a: b # c\n",
    "? [x]\n: y",
    "terms:\n  - term: Pet\n    aliases: [pets, CAT]\n    definition: An animal.\n",
]


def _same(a: Any, b: Any) -> bool:
    """Equal values, types, and lines of every mapping key and list item."""
    if type(a) is not type(b):
        return False
    if isinstance(a, Located):
        return (
            a.line == b.line
            and a.key_lines == b.key_lines
            and list(a) == list(b)
            and all(_same(a[key], b[key]) for key in a)
        )
    if isinstance(a, LocatedList):
        return (
            a.line == b.line
            and a.item_lines == b.item_lines
            and len(a) == len(b)
            and all(_same(x, y) for x, y in zip(a, b, strict=True))
        )
    return bool(a == b or a != a and b != b)  # NaN is NaN


def _outcome(read: Callable[[str], Any], text: str) -> tuple[str, Any]:
    try:
        return "value", read(text)
    except YamlProblem as problem:
        return "problem", (problem.line, problem.code, problem.values)
    except Exception as error:
        return "error", type(error).__name__


def _read_without_libyaml(text: str) -> Any:
    libyaml, yaml_reader.LIBYAML = yaml_reader.LIBYAML, False
    try:
        return read_yaml(text)
    finally:
        yaml_reader.LIBYAML = libyaml


# libyaml reads a few forms that PyYAML's pure-Python scanner refuses: a tab as separation
# (which YAML 1.2 allows), "?" inside a plain scalar in [...] or {...}, a comment straight
# after a block scalar's indicator. Anywhere else, the two must agree.
_PYTHON_SCANNER_REFUSES = re.compile(r"\t|[\[{].*\?|[|>][-+0-9]*#", re.DOTALL)


def _check_same(text: str) -> None:
    python, libyaml = _outcome(_read_without_libyaml, text), _outcome(read_yaml, text)
    if python[0] == "problem" and libyaml != python and _PYTHON_SCANNER_REFUSES.search(text):
        return  # forms that libyaml reads (to a value, or to a later problem) and PyYAML's scanner refuses
    assert python[0] == libyaml[0], text
    if python[0] == "value":
        assert _same(python[1], libyaml[1]), text
    elif python[0] == "problem":
        # Both refuse, at the same line; the two scanners may word a bad tag differently.
        assert python[1][0] == libyaml[1][0], text
    else:
        assert python == libyaml, text


@pytest.mark.parametrize(
    "text", [pytest.param(text, id=f"yaml{n}") for n, text in enumerate(_front_matters() + TRICKY)]
)
def test_yaml_reads_the_same_with_libyaml_and_without(text: str) -> None:
    _check_same(text)


def test_libyaml_reads_the_stories_where_there_is_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    if not yaml_reader.LIBYAML:
        pytest.skip("PyYAML has no libyaml here")

    def refuse(text: str) -> None:
        raise AssertionError(f"read by the Python parser: {text[:60]!r}")

    monkeypatch.setattr(yaml_reader, "_PythonParser", refuse)
    texts = _front_matters(loadable_only=True)
    assert len(texts) > 40
    for text in texts:
        read_yaml(text)


def test_a_tab_that_yaml_allows_is_not_refused() -> None:
    if not yaml_reader.LIBYAML:
        pytest.skip("PyYAML has no libyaml here")
    assert read_yaml("a:\tb\nc: [1,\t2]\n") == {"a": "b", "c": [1, 2]}


PIECES = [
    ":",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&",
    "*",
    "!",
    "|",
    ">",
    "'",
    '"',
    "#",
    "?",
    "%",
    "@",
    " ",
    "\n",
    "\t",
    "a",
    "b",
    "1",
    "0",
    ".",
    "~",
    "  ",
    "\n  ",
    "- ",
    ": ",
    "é",
    "\u2028",
    "\ufeff",
    "...",
    "---",
    "\\",
    "true",
    "null",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(_front_matters() + TRICKY),
    st.lists(st.tuples(st.floats(0, 1), st.sampled_from(PIECES), st.integers(0, 2)), max_size=4),
)
def test_damaged_yaml_reads_the_same_both_ways(base: str, edits: list[tuple[float, str, int]]) -> None:
    text = base
    for where, piece, action in edits:
        at = int(where * len(text))
        text = (
            text[:at] + piece + text[at:]
            if action == 0
            else text[:at] + text[at + 1 :]
            if action == 1
            else text[:at] + piece + text[at + 1 :]
        )
    _check_same(text)


# The fast reading grade is textstat's ------------------------------------------------------------


def _prose() -> list[str]:
    from explainer.checks.passage_words import explanation_text, reader_text

    texts = []
    for folder in (REPO / "scenes", STORIES / "tiny", STORIES / "trees", STORIES / "warnings"):
        try:
            story = load_story(folder)
        except Exception:
            continue
        texts += [reader_text(p) for p in story.passages.values()]
        texts += [explanation_text(p) for p in story.passages.values()]
    rng = random.Random(4)
    texts += [synthetic.passage_text(rng, synthetic.term_names(20), n) for n in (0, 1, 5, 60, 300)]
    return texts + ["", ".", "A.", "It's a dog's life, isn't it?", "a -- b c.", "İstanbul is big. Yes."]


@pytest.mark.parametrize("text", [pytest.param(text, id=f"prose{n}") for n, text in enumerate(_prose())])
def test_the_reading_grade_is_textstats(text: str) -> None:
    textstat = pytest.importorskip("textstat")
    from explainer.checks.reading_grade import flesch_kincaid_grade

    assert flesch_kincaid_grade(text) == textstat.flesch_kincaid_grade(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("abc def. Gh! i? 'jk' l-m, n;o: 3.5 É ü 中文 don't ...\n\t_")
            + ["İ", "ß", "\u00a0", "--", " - ", "\x1c", "ǅ", "Mr.", "U.S."]
        ),
        max_size=80,
    ).map("".join)
)
def test_any_text_gets_textstats_grade(text: str) -> None:
    textstat = pytest.importorskip("textstat")
    from explainer.checks.reading_grade import flesch_kincaid_grade

    assert flesch_kincaid_grade(text) == textstat.flesch_kincaid_grade(text)


# A passage drawn as one widget --------------------------------------------------------------------


MARKDOWN = """# A title

A paragraph with **bold**, *soft* and `code`, and a [term](term:0) to click.

> The article says this,
> over two lines.

- one
- two
  - nested

1. first
2. second

***

| a | b |
|---|---|
| 1 | 2 |

[@click=app.quit]not an action[/] and <b>not HTML</b>
"""


async def test_a_passage_shows_its_words_and_its_links_still_work() -> None:
    from textual.app import App, ComposeResult

    from explainer.tui.messages import TermSelected
    from explainer.tui.widgets.passage_view import PassageView

    glossary = Glossary((Term("Pet", "An animal kept at home."),))
    selected: list[Term] = []

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield PassageView(glossary, id="passage")

        def on_term_selected(self, event: TermSelected) -> None:
            selected.append(event.term)

    app = One()
    async with app.run_test(size=(60, 40)) as pilot:
        await app.query_one(PassageView).show(MARKDOWN)
        await pilot.pause()
        text = screen_text(app)
        for words in (
            "A title",
            "A paragraph with bold, soft and code, and a term to click.",
            "▌ The article says this, over two lines.",
            "• one",
            "• two",
            "◦ nested",
            "1. first",
            "2. second",
            "a │ b",
            "1 │ 2",
            "[@click=app.quit]not an action[/] and <b>not HTML</b>",
        ):
            assert words in text, words
        app.query_one("PassageText").text_select_all()
        await pilot.pause()
        assert "A paragraph with bold, soft and code" in (app.screen.get_selected_text() or "")
        row = next(n for n, line in enumerate(text.splitlines()) if "a term to click" in line)
        column = text.splitlines()[row].index("term to click")
        await pilot.click(offset=(column, row))
        await pilot.pause()
        assert app.is_running  # the text's own "[@click=...]" did nothing
    assert selected == list(glossary.terms)
