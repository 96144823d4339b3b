"""``check``: one precise line per problem, the right exit code, and docs that list every message."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, STORIES
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.checks.check import check_story, reading_grade
from explainer.checks.passage_words import countable_prose, explanation_markdown, explanation_text, plain_prose
from explainer.checks.reading_grade import prose_counts
from explainer.cli import main
from explainer.reader.journey import Journey
from explainer.story.loader import load_story
from explainer.story.problems import MESSAGES, Severity, documented_form

DOCS = REPO / "docs" / "authoring.md"

ONE_OF_EACH_WARNING = """\
tests/stories/warnings/01-start.md:12: warning: quiz option 2 has no feedback: say why it is right or wrong
tests/stories/warnings/01-start.md:16: warning: flag "unused-flag" is set but never tested
tests/stories/warnings/01-start.md:20: warning: "NASA" is used like a term but is not in the glossary
tests/stories/warnings/02-long.md:2: warning: passage "long" has 338 words, far more than the others (typical: 23)
{CHOPPY}
tests/stories/warnings/03-hard.md:2: warning: section 3 reads at grade 41.4, above the limit of 9
tests/stories/warnings/04-trouble.md:2: warning: nothing leads to passage "orphan"
tests/stories/warnings/04-trouble.md:10: warning: passage "island" cannot be reached from the start
tests/stories/warnings/glossary.yaml:4: warning: term "Spare" is defined but never used
tests/stories/warnings: 0 errors, 9 warnings
"""

ONE_OF_EACH_WARNING = ONE_OF_EACH_WARNING.replace(
    "{CHOPPY}",
    "tests/stories/warnings/02-long.md:2: warning: section 2 is choppy: its sentences average 7.9 words, "
    "below 10; join short ones with because, so or which",
)

ONE_OF_EACH_ERROR = """\
tests/stories/broken/02-end.md:2: error: missing required field 'id'
tests/stories/broken/02-end.md:9: error: invalid YAML: mapping values are not allowed here
tests/stories/broken/01-start.md:4: error: 'minutes' must be a whole number, not text "soon"
tests/stories/broken/01-start.md:9: error: choice 2 goes to "ending-x", which does not exist
tests/stories/broken/01-start.md:11: error: "Unknown" is not a term in the glossary
tests/stories/broken/01-start.md:13: error: flag "never-set" is tested but never set
tests/stories/broken/01-start.md:17: error: duplicate id "start": already used at tests/stories/broken/01-start.md:2
tests/stories/broken: 7 errors, 0 warnings
"""


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository, so problems name files as an author types them."""
    monkeypatch.chdir(REPO)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_one_line_per_warning_sorted_then_a_summary_and_exit_1(in_repo: None, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "check", "tests/stories/warnings") == (1, ONE_OF_EACH_WARNING)


def test_one_line_per_error_and_exit_2(in_repo: None, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "check", "tests/stories/broken") == (2, ONE_OF_EACH_ERROR)


@pytest.mark.parametrize("story", ["trees", "tiny"])
def test_a_clean_story_exits_0(story: str, in_repo: None, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "check", f"tests/stories/{story}") == (0, f"tests/stories/{story}: no problems found\n")


@pytest.mark.parametrize(
    "argv",
    [
        ["--scenes", "tests/stories/broken", "check"],
        ["check", "--scenes", "tests/stories/broken"],
    ],
)
def test_scenes_works_before_or_after_check(argv: list[str], in_repo: None, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, *argv) == (2, ONE_OF_EACH_ERROR)


def test_max_grade_sets_the_reading_level(in_repo: None, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out = run(capsys, "check", "tests/stories/warnings", "--max-grade", "50")
    assert code == 1 and "reads at grade" not in out and "0 errors, 8 warnings" in out
    code, out = run(capsys, "check", "tests/stories/trees", "--max-grade", "1")
    assert code == 1 and re.search(
        r"trees/00-welcome.md:2: warning: passage \"welcome\" reads at grade "
        r"[\d.]+, above the limit of 1\n",
        out,
    )


def test_check_from_the_command_line_never_shows_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "explainer", "check", "tests/stories/warnings"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout, result.stderr) == (1, ONE_OF_EACH_WARNING, "")


def _story(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def _codes(folder: Path) -> list[str]:
    return [problem.code for problem in check_story(folder)]


def test_a_story_without_an_ending_is_told_so(tmp_path: Path) -> None:
    folder = _story(
        tmp_path,
        {
            "01.md": "---\nid: a\ntitle: A\nchoices:\n  - text: On\n    goto: b\n"
            "---\nA.\n---\nid: b\ntitle: B\n---\nB.\n"
        },
    )
    assert _codes(folder) == ["no-ending", "dead-end"]


def test_a_loop_with_a_way_out_is_fine_and_a_loop_on_itself_is_not(tmp_path: Path) -> None:
    folder = _story(
        tmp_path,
        {
            "01.md": """---
id: a
title: A
choices:
  - text: Again
    goto: a
  - text: On
    goto: b
---
A.
---
id: b
title: B
choices:
  - text: Back
    goto: a
  - text: Round
    goto: c
  - text: The end
    goto: end
---
B.
---
id: c
title: C
choices:
  - text: Again
    goto: c
---
C.
---
id: end
title: End
ending: true
---
End.
"""
        },
    )
    assert [str(p) for p in check_story(folder)] == [
        f'{folder}/01.md:24: passages "c" form a loop with no way out to an ending'
    ]


def test_words_in_capitals_need_a_definition_unless_plain(tmp_path: Path) -> None:
    folder = _story(
        tmp_path,
        {
            "01.md": "---\nid: a\ntitle: A\nending: true\n---\n"
            "The FBI's agents, the CCP, two NGOs, World War II, the US, OK and a TV.\n",
            "glossary.yaml": "terms:\n  - term: Chinese Communist Party\n    aliases: [CCP]\n"
            "    definition: The party.\n",
        },
    )
    found = [p.message for p in check_story(folder)]
    assert found == [
        '"FBI" is used like a term but is not in the glossary',
        '"NGO" is used like a term but is not in the glossary',
    ]


def test_a_term_listed_in_a_passage_counts_as_used(tmp_path: Path) -> None:
    folder = _story(
        tmp_path,
        {
            "01.md": "---\nid: a\ntitle: A\nending: true\nterms: [Mat]\n---\nNothing here.\n",
            "glossary.yaml": "terms:\n  - term: Mat\n    definition: A rug.\n",
        },
    )
    assert check_story(folder) == []


def test_explanation_text_is_the_explainers_own_prose_without_the_article() -> None:
    story = load_story(STORIES / "tiny")
    text = explanation_text(story.passages["start"])
    assert "The cat sat on the mat." not in text  # the article's words
    assert "The cat is a Pet. It sat on a mat." in text  # [[Pet]] as its words
    assert "Where did the cat sit?" in text
    assert "On the hat. No, read it again." in text
    both = explanation_text(story.passages["end"])
    assert "You went outside, you brave cat." in both and "You stayed in." in both


def test_plain_prose_drops_markdown_and_ends_every_item_as_a_sentence() -> None:
    markdown = (
        "# A heading\n\nA **bold** and *soft* [link](https://x.example) to\na [[the list|Entity List]]"
        "\n\n- one item\n- two items!\n\n> quoted words\n\n***\n"
    )
    assert plain_prose(markdown) == (
        "A heading. A bold and soft link to a the list. one item. two items! quoted words."
    )


def test_reading_grade_tells_plain_from_hard_prose() -> None:
    plain = "The cat sat on the mat. It was warm. The dog ran in the sun."
    hard = (
        "Notwithstanding considerable institutional reluctance, comprehensive environmental "
        "infrastructure rehabilitation necessitates extraordinarily sophisticated coordination."
    )
    assert reading_grade(plain) < 3 < 12 < reading_grade(hard)


def test_every_message_is_listed_in_the_authoring_guide() -> None:
    guide = DOCS.read_text(encoding="utf-8")
    missing = [documented_form(code) for code in MESSAGES if documented_form(code) not in guide]
    assert missing == []


ONE_OF_EACH_TRAP = (
    "tests/stories/traps/01-start.md:5: error: the quiz has no right answer, so no reader can go on: "
    "mark one option 'correct: true'\n"
    'tests/stories/traps/01-start.md:24: error: passage "stuck" is a dead end: it has no choices and is not an ending\n'
    'tests/stories/traps/01-start.md:29: error: passages "round-a", "round-b" form a loop '
    "with no way out to an ending\n"
    "tests/stories/traps/01-start.md:50: error: a decision needs at least two options: "
    "with one, the reader has no choice to make\n"
    "tests/stories/traps: 4 errors, 0 warnings\n"
)


def test_no_trap_is_a_warning(in_repo: None, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "check", "tests/stories/traps") == (2, ONE_OF_EACH_TRAP)


def test_every_warning_is_a_warning_and_every_loader_problem_an_error() -> None:
    problems = check_story(STORIES / "warnings") + check_story(STORIES / "broken")
    assert {p.severity for p in problems if p.file.startswith(str(STORIES / "warnings"))} == {Severity.WARNING}
    assert {p.severity for p in problems if p.file.startswith(str(STORIES / "broken"))} == {Severity.ERROR}


def tutorial_files(guide: str) -> dict[str, str]:
    """The files the tutorial in docs/authoring.md asks the author to write, by name."""
    pattern = re.compile(r"^\*\*`(my-story/[^`]+)`\*\*\n\n```[a-z]*\n(.*?)^```$", re.MULTILINE | re.DOTALL)
    return {name: text for name, text in pattern.findall(guide)}


def test_the_tutorial_story_checks_clean_and_plays_to_its_ending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    files = tutorial_files(DOCS.read_text(encoding="utf-8"))
    assert len([name for name in files if name.endswith(".md")]) == 3 and "my-story/glossary.yaml" in files
    monkeypatch.chdir(tmp_path)
    Path("my-story").mkdir()
    for name, text in files.items():
        Path(name).write_text(text, encoding="utf-8")
    assert run(capsys, "check", "my-story") == (0, "my-story: no problems found\n")
    # The guide's "break something on purpose" step prints what the guide says it prints.
    sleep = Path("my-story/02-sleep.md")
    sleep.write_text(sleep.read_text().replace("goto: end", "goto: the-end"))
    code, out = run(capsys, "check", "my-story")
    assert code == 2 and f"```\n{out}```\n" in DOCS.read_text(encoding="utf-8")
    sleep.write_text(sleep.read_text().replace("goto: the-end", "goto: end"))
    journey = Journey(load_story("my-story"))
    for _ in range(20):
        if journey.passage.ending:
            break
        question = journey.passage.question
        if question is not None and question.is_quiz and not journey.solved():
            journey.choose(next(option for option in question.options if option.correct))
        journey.choose(journey.choices()[0])
    assert journey.passage.ending


async def test_the_tutorial_story_plays_in_the_app(tmp_path: Path) -> None:
    from conftest import screen_text

    from explainer.tui.app import ExplainerApp

    for name, text in tutorial_files(DOCS.read_text(encoding="utf-8")).items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    app = ExplainerApp(load_story(tmp_path / "my-story"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Why school starts later" in screen_text(app)
        await pilot.press("1", "1", "1")
        await pilot.pause()
        assert "What you learned" in screen_text(app)


def test_without_the_hyphenation_dictionary_the_rest_is_still_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    from explainer.checks import reading_grade as readability

    monkeypatch.setitem(sys.modules, "pyphen", None)  # "import pyphen" now fails
    monkeypatch.setattr(readability, "_HYPHENATOR", None)  # as in a process that never had it
    found = [p.labelled() for p in check_story(STORIES / "warnings")]
    assert len(found) == 8 and not any("reads at grade" in line for line in found)
    assert (
        f"{STORIES / 'warnings'}:0: warning: the reading level was not checked: cannot load the hyphenation dictionary"
    ) in found[0]


def test_grading_prose_needs_no_textstat() -> None:
    # textstat takes a few hundred milliseconds to import (pkg_resources); its dictionary does not.
    code = (
        "import sys\nfrom explainer.checks.check import check_story\n"
        f"check_story({str(STORIES / 'warnings')!r})\nprint('textstat' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == "False"


# Paragraphs: text with markup inside lines, but no headings, lists, quotes or rules.
_PARAGRAPH = [
    "word",
    "Word.",
    "two words",
    "end!",
    "ask?",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    " \n",
    "\u00a0",
    "a-b",
    "a 3",
    "a 3.5",
    ", ",
    "[x]",
    "(y)",
    "é",
    "İ",
    "\u3000",
    "a **b**",
    "a _i_",
    "a snake_case",
    "a `c`",
    "a ~~s~~",
    "a [[IP]]",
    " [[the IP|IP]]",
    "[[a\nb]]",
    "a [text](https://x.example)",
    "a [te\nxt](x)",
    " _",
    "_ ",
]
_PARAGRAPH_PIECES = st.sampled_from(_PARAGRAPH)
_MARKDOWN_PIECES = st.sampled_from(
    _PARAGRAPH
    + [
        "-",
        "3",
        "1. ",
        "- ",
        "* ",
        "+ ",
        "# ",
        "> ",
        "***",
        "---",
        "**b**",
        "_i_",
        "`c`",
        "[[IP]]",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(_PARAGRAPH_PIECES, max_size=40), st.lists(_MARKDOWN_PIECES, max_size=40)).map("".join))
def test_plain_paragraphs_read_the_same_as_markdown_does(markdown: str) -> None:
    # A lone "*" line is no sentence, but it sends the whole text down the line-by-line
    # reading that Markdown needs, so this compares the quick reading with the full one.
    assert plain_prose(markdown) == plain_prose(markdown + "\n\n*")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_MARKDOWN_PIECES, max_size=15).map("".join), max_size=5))
def test_pieces_read_together_read_as_each_alone(pieces: list[str]) -> None:
    # So a passage's pieces, and a section's passages, are made plain in one call.
    alone = " ".join(text for piece in pieces if (text := plain_prose(piece)))
    assert plain_prose("\n\n".join(pieces)) == alone


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.lists(_PARAGRAPH_PIECES, max_size=40),
        st.lists(_MARKDOWN_PIECES, max_size=40),
        st.lists(st.one_of(_MARKDOWN_PIECES, st.text(max_size=4)), max_size=30),
    ).map("".join)
)
def test_prose_counted_as_it_is_reads_as_plain_prose_does(markdown: str) -> None:
    # The checks count words and sentences without making the spaces single first.
    assert prose_counts(countable_prose(markdown)) == prose_counts(plain_prose(markdown))


@pytest.mark.parametrize("folder", [REPO / "scenes", *sorted(p for p in STORIES.iterdir() if any(p.glob("*.md")))])
def test_every_shipped_passage_counts_as_its_plain_prose_does(folder: Path) -> None:
    from explainer.story.loader import read_story

    story, _ = read_story(folder)
    assert story is not None
    for passage in story.passages.values():
        markdown = explanation_markdown(passage)
        assert prose_counts(countable_prose(markdown)) == prose_counts(plain_prose(markdown)), passage.id
