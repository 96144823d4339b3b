"""Random mutations of real scene files: each loads, or fails with the project's own problems.

A problem always names a file of the story and a line within it (0 only for the folder itself),
uses one of the catalogued messages, and holds no control character. Nothing else may happen:
no other exception, no traceback, no hang.
"""

from __future__ import annotations

import io
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import SCENES, STORIES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.checks.check import story_warnings
from explainer.outputs.line_mode import LinePlayer
from explainer.story.loader import load_story, read_story
from explainer.story.model import Story
from explainer.story.problems import MESSAGES, Problem, StoryError

SOURCES = [
    folder for folder in (SCENES, STORIES / "trees", STORIES / "tiny") if folder.is_dir() and any(folder.glob("*.md"))
]

INTERESTING = [
    b"---\n",
    b"---",
    b":::\n",
    b"::: if x\n",
    b"::: if not went-out\n",
    b": ",
    b"- ",
    b"  ",
    b"\t",
    b"\n",
    b"\r",
    b"\r\n",
    b"[",
    b"]",
    b"{",
    b"}",
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"!binary ",
    b"'",
    b'"',
    b"|",
    b">",
    b"#",
    b"[[",
    b"]]",
    b"[[Pet]]",
    b"\x1b[31m",
    b"\x1b]0;x\x07",
    b"\xff",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"\x00",
    b"%YAML 1.1\n",
    b"...\n",
    b"? ",
    b"<<: ",
    b"\\e",
    b"id: x\n",
    b"goto: nowhere\n",
    b"goto: end\n",
    b"ending: true\n",
    b"correct: true\n",
    b"set: [a, b]\n",
    b"if: not x\n",
    b"kind: poll\n",
    b"section: 0\n",
    b"minutes: -1\n",
    b"terms: [Nope]\n",
    b"options: []\n",
    b"choices:\n  - Go\n",
    b"9" * 5000,
    "\u202e".encode(),
    "\u2028".encode(),
    "\ufeff".encode(),
    "\ufffe".encode(),
    "北京".encode(),
    "\u0301".encode(),
    b"[bold red]x[/]",
]
OPERATIONS = ["insert", "delete", "replace", "truncate", "duplicate-line", "drop-line", "swap-lines", "indent-line"]


@st.composite
def mutations(draw: st.DrawFn) -> tuple[Path, str, bytes]:
    """A story folder, one of its files, and that file's bytes after one to four mutations."""
    folder = draw(st.sampled_from(SOURCES))
    names = sorted(p.name for p in folder.iterdir() if p.suffix in (".md", ".yaml"))
    name = draw(st.sampled_from(names))
    data = (folder / name).read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(st.sampled_from(OPERATIONS))
        at = draw(st.integers(0, len(data)))
        if operation == "insert":
            snippet = draw(
                st.one_of(
                    st.sampled_from(INTERESTING),
                    st.binary(max_size=8),
                    st.text(max_size=8).map(lambda t: t.encode("utf-8", "surrogatepass")),
                )
            )
            data = data[:at] + snippet + data[at:]
        elif operation == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 40)) :]
        elif operation == "replace" and at < len(data):
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        elif operation == "truncate":
            data = data[:at]
        else:
            lines = data.split(b"\n")
            index = draw(st.integers(0, len(lines) - 1))
            other = draw(st.integers(0, len(lines) - 1))
            if operation == "duplicate-line":
                lines.insert(index, lines[index])
            elif operation == "drop-line":
                del lines[index]
            elif operation == "swap-lines":
                lines[index], lines[other] = lines[other], lines[index]
            elif operation == "indent-line":
                lines[index] = draw(st.sampled_from([b" ", b"  ", b"\t", b"    "])) + lines[index]
            data = b"\n".join(lines)
    return folder, name, data


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """A private copy of each source folder, to mutate one file at a time."""
    root = tmp_path_factory.mktemp("fuzz")
    return {source: Path(shutil.copytree(source, root / source.name)) for source in SOURCES}


def line_count(data: bytes) -> int:
    """How many lines the loader can see in a file, counting every kind of line end."""
    text = data.decode("utf-8", "replace")
    return 1 + sum(text.count(end) for end in ("\n", "\r", "\u2028", "\u2029"))


def assert_well_formed(problem: Problem, folder: Path, sizes: dict[str, int]) -> None:
    """One of our problems: a catalogued message at a real place, with nothing invisible in it."""
    assert isinstance(problem, Problem) and problem.code in MESSAGES
    text = problem.labelled()
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in text), text
    if problem.file == str(folder):
        assert problem.line == 0
        return
    assert problem.file in sizes, problem
    assert 1 <= problem.line <= sizes[problem.file], (problem, sizes[problem.file])


def play_through(story: Story) -> None:
    """Play a story that loaded in line mode, always taking the first choice, without a crash."""
    output = io.StringIO()
    player = LinePlayer(
        story,
        input=io.StringIO("1\n" * 12 + "g\nb\nf\nr\n"),
        output=output,
        errors=io.StringIO(),
        color=False,
        width=60,
    )
    assert player.run() == 0
    assert "\x1b" not in output.getvalue()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutation=mutations())
def test_a_mutated_story_loads_or_fails_with_file_and_line(
    copies: dict[Path, Path], mutation: tuple[Path, str, bytes]
) -> None:
    source, name, data = mutation
    folder = copies[source]
    target = folder / name
    original = target.read_bytes()
    target.write_bytes(data)
    try:
        sizes = {str(path): line_count(path.read_bytes()) for path in folder.iterdir() if path.is_file()}
        story, problems = read_story(folder)
        for problem in problems:
            assert_well_formed(problem, folder, sizes)
        if problems:
            with pytest.raises(StoryError):
                load_story(folder)
        else:
            assert story is not None
            play_through(story)
        if story is not None:  # the checker copes with whatever the loader built
            for warning in story_warnings(story):
                assert_well_formed(warning, folder, sizes)
    finally:
        target.write_bytes(original)


@settings(max_examples=100, deadline=None)
@given(scene=st.binary(max_size=300), glossary=st.binary(max_size=300))
def test_any_bytes_at_all_load_or_fail_with_file_and_line(
    tmp_path_factory: pytest.TempPathFactory, scene: bytes, glossary: bytes
) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    (folder / "01.md").write_bytes(b"---\n" + scene)
    (folder / "glossary.yaml").write_bytes(glossary)
    sizes = {str(path): line_count(path.read_bytes()) for path in folder.iterdir()}
    story, problems = read_story(folder)
    for problem in problems:
        assert_well_formed(problem, folder, sizes)
    if story is not None:
        for warning in story_warnings(story):
            assert_well_formed(warning, folder, sizes)
