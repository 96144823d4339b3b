"""Any one-line edit of a valid story loads cleanly, or its first error names the edited file."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.story.loader import read_story
from explainer.story.problems import fold_consequences

COUNCIL = Path(__file__).resolve().parent / "stories" / "council"
FILES = sorted(path.name for path in COUNCIL.iterdir())
TEXTS = {name: (COUNCIL / name).read_text(encoding="utf-8").split("\n") for name in FILES}
# What an author's slip does to one line: typed characters, a line lost, doubled or moved.
TYPED = st.sampled_from(list("x:#-*'\"[]{}>|! \t_`&"))


def edited_line(line: str, kind: str, position: int, char: str) -> list[str]:
    """The line after one slip (a list: a deleted line is none, a doubled one two)."""
    at = position % (len(line) + 1)
    return {
        "delete": [],
        "double": [line, line],
        "indent": ["  " + line],
        "dedent": [line[2:] if line.startswith("  ") else line.lstrip()],
        "drop-char": [line[:at] + line[at + 1 :]],
        "type-char": [line[:at] + char + line[at:]],
        "blank": [""],
        "dashes": ["---"],
    }[kind]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(FILES),
    index=st.integers(min_value=0, max_value=60),
    kind=st.sampled_from(["delete", "double", "indent", "dedent", "drop-char", "type-char", "blank", "dashes"]),
    position=st.integers(min_value=0, max_value=200),
    char=TYPED,
)
def test_one_edit_loads_or_its_first_error_names_the_edited_file(
    name: str, index: int, kind: str, position: int, char: str
) -> None:
    lines = TEXTS[name]
    index %= len(lines)
    changed = lines[:index] + edited_line(lines[index], kind, position, char) + lines[index + 1 :]
    with tempfile.TemporaryDirectory() as folder:
        story_folder = Path(folder) / "s"
        shutil.copytree(COUNCIL, story_folder)
        (story_folder / name).write_text("\n".join(changed), encoding="utf-8")
        story, problems = read_story(story_folder)
        if not problems:
            assert story is not None
            return
        first = str(fold_consequences(problems)[0])
        assert f"{story_folder}/{name}" in first, (lines[index], changed[index : index + 2], first)
