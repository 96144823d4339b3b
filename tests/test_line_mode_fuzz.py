"""Line mode never ends in a traceback, whatever is typed and wherever the input stops."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import STORIES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.outputs.line_mode import LinePlayer
from explainer.reader.saves import SaveSlot
from explainer.story.loader import load_story

STORY = load_story(STORIES / "tiny")

# What a reader might type: commands, numbers in many spellings, and anything at all.
typed_line = st.one_of(
    st.sampled_from(["1", "2", "1.", "2)", "one", "b", "f", "l", "c", "w", "t", "m", "h", "r", "y", "g", "g p", "d"]),
    st.sampled_from(["²", "①", "٣", "9" * 5000, "-1", "0", "1e9", "g " + "x" * 10_000, "\x1b[2J", "\x00", "\ufeff"]),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
)


class Interrupted(io.StringIO):
    """Typed lines, then Ctrl+C."""

    def readline(self, size: int | None = -1) -> str:
        line = super().readline()
        if not line:
            raise KeyboardInterrupt
        return line


def run(typed: str, stream: type[io.StringIO] = io.StringIO, slot: SaveSlot | None = None) -> tuple[int, str]:
    output = io.StringIO()
    player = LinePlayer(STORY, slot=slot, input=stream(typed), output=output, errors=io.StringIO())
    return player.run(), output.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(typed_line.map(lambda line: line.replace("\n", " ")), max_size=25), newline=st.booleans())
def test_no_line_typed_ends_the_play_with_a_traceback(lines: list[str], newline: bool) -> None:
    typed = "\n".join(lines) + ("\n" if newline else "")  # the input may stop in the middle of a line
    code, out = run(typed)
    assert code == 0
    assert "Traceback" not in out


@settings(max_examples=50, deadline=None)
@given(lines=st.lists(typed_line.map(lambda line: line.replace("\n", " ")), max_size=10))
def test_ctrl_c_anywhere_exits_130(lines: list[str]) -> None:
    code, _ = run("".join(f"{line}\n" for line in lines), stream=Interrupted)
    assert code == 130


@pytest.mark.parametrize("typed", ["", "1\n", "1\n1\n", "r\n", "g\n2\n", "1\n2\n", "x" * 100_000])
def test_eof_at_any_prompt_saves_and_exits_0(typed: str, private_data_dir: Path) -> None:
    slot = SaveSlot(STORY, "Ann")
    code, _ = run(typed, slot=slot)
    assert code == 0
    if typed.startswith("1\n1\n"):
        saved, _ = slot.load()
        assert saved is not None and saved.passage.id == "choose"


def test_ctrl_c_saves_progress(private_data_dir: Path) -> None:
    slot = SaveSlot(STORY, "Ann")
    code, _ = run("1\n1\n", stream=Interrupted, slot=slot)
    saved, _ = slot.load()
    assert code == 130 and saved is not None and saved.passage.id == "choose"


@pytest.mark.parametrize("typed", ["²", "①", "٣", "9" * 5000, "1" * 4301])
def test_digits_that_int_refuses_are_no_choice(typed: str) -> None:
    code, out = run(typed + "\n")
    assert code == 0
    assert "There is no choice" in out or "Type a number from 1 to 2" in out
