"""Line mode's commands, its words instead of symbols, and its output in any encoding."""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SCENES, STORIES

from explainer.outputs.line_commands import choice_number
from explainer.outputs.line_mode import LinePlayer
from explainer.outputs.line_output import NO_WRAP
from explainer.outputs.plain_text import encodable
from explainer.reader.keys import fill_keys, key_lines
from explainer.story.loader import load_story
from explainer.story.model import Story, Term


@pytest.fixture
def story() -> Story:
    return load_story(STORIES / "tiny")


def play(story: Story, typed: str, width: int | None = None) -> str:
    output = io.StringIO()
    LinePlayer(story, input=io.StringIO(typed), output=output, errors=io.StringIO(), width=width).run()
    return output.getvalue()


def run_module(*args: str, typed: str, data: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    environment = dict(os.environ, PYTHONPATH=str(REPO), EXPLAINER_DATA_DIR=str(data), **env)
    return subprocess.run(
        [sys.executable, "-m", "explainer", *args],
        input=typed.encode(),
        capture_output=True,
        timeout=60,
        env=environment,
        cwd=REPO,
    )


def test_look_and_c_repeat_the_passage_and_the_question(story: Story) -> None:
    out = play(story, "l\nc\n\n")
    assert out.count("The cat is a Pet. It sat on a mat.") == 2
    assert out.count("Quiz: Where did the cat sit?\n1. On the mat\n2. On the hat") == 4  # shown, l, c, Enter


@pytest.mark.parametrize("typed", ["1", "1.", "1)", "one", "One", " 1 "])
def test_a_number_in_any_spelling_chooses(story: Story, typed: str) -> None:
    assert "Yes, the article says so." in play(story, typed + "\n")


def test_choice_numbers() -> None:
    assert [choice_number(t) for t in ("2", "2.", "nine", "²", "①", "x", "")] == [2, 2, 9, None, None, None, None]
    assert choice_number("9" * 5000) == -1


def test_a_wrong_answer_reads_only_the_feedback_and_how_to_choose_again(story: Story) -> None:
    out = play(story, "2\n")
    after = out.split("> 2\n", 1)[1]
    assert after.startswith("No, read it again.\nChoose again: 1 to 2, or c to hear the choices.\n")
    assert "Where did the cat sit?" not in after


def test_where_says_the_section_the_passages_behind_and_the_minutes_left(story: Story) -> None:
    out = play(story, "w\n1\n1\nw\n")
    # The tiny story gives no minutes: they are worked out from its words.
    assert "You are in section 1 of 1, A tiny story.\nThis is your first passage.\nAbout 4 minutes left." in out
    assert "You are in section 1 of 1, A tiny story: Your turn.\n1 passage behind you.\n" in out


def test_terms_one_to_a_line_and_g_alone_lists_them_too(story: Story) -> None:
    for command in ("t", "terms", "g"):
        assert "2 terms here:\nPet\nMat\nType g and a term" in play(story, command + "\n")


def test_d_and_g_define_and_a_start_of_a_name_is_enough(story: Story) -> None:
    assert "Mat\nA small rug.\nSource: General knowledge." in play(story, "d ma\n")
    assert "Pet\nAn animal kept at home." in play(story, "g cat\n")


def test_an_ambiguous_start_lists_the_candidates(story: Story) -> None:
    terms = (*story.terms, Term("Mattress", "A bed."), Term("Matter", "Stuff."))
    out = play(dataclasses.replace(story, terms=terms), "g matt\ng ma\n")
    assert "More than one term starts with 'matt':\nMattress\nMatter\nType more of the name." in out
    assert "> g ma\nMat\nA small rug." in out  # a term of this passage comes first


def test_the_map_lists_sections_and_the_passages_read(story: Story) -> None:
    out = play(story, "1\n1\nm\n")
    assert "Section 1: A tiny story: 2 passages read" in out
    assert "  A tiny story\n  Your turn (you are here)\n" in out


def test_help_lists_every_command(story: Story) -> None:
    out = play(story, "h\n")
    for command in ("l ", "c ", "w ", "t ", "g TERM", "b ", "f ", "m ", "r ", "h ", "q "):
        assert f"\n  {command}" in out


def test_the_first_screen_ends_with_how_to_get_help(story: Story) -> None:
    out = play(story, "")
    assert out.rstrip("> \n").endswith("Type h and press Enter to hear every command.")


def test_keys_placeholder_is_filled_by_each_front_end() -> None:
    body = "Keys:\n\n{keys}\n\nThe end."
    for mode in ("app", "line", "handout"):
        filled = fill_keys(body, mode)
        assert "{keys}" not in filled and all(line in filled for line in key_lines(mode))
    assert "Tab" not in fill_keys(body, "line") and "↑" not in fill_keys(body, "line")


def test_a_piped_path_through_the_real_story_names_h_and_no_full_screen_key(private_data_dir: Path) -> None:
    result = run_module("--student", "Ann", typed="1\n", data=private_data_dir)
    out = result.stdout.decode()
    assert result.returncode == 0
    first = out.split("> ", 1)[0]
    assert "Type h and press Enter" in first.splitlines()[-1]
    for key in ("Tab", "ctrl+p", "↑", "↓", "Press ?", "{keys}"):
        assert key not in first


def test_piped_output_is_not_wrapped_but_a_width_wraps_every_line(story: Story) -> None:
    long = dataclasses.replace(story.terms[1], definition="A small rug. " * 20)
    changed = dataclasses.replace(story, terms=(story.terms[0], long))
    assert "A small rug. " * 19 in play(changed, "g mat\n", width=NO_WRAP)
    wrapped = play(changed, "g mat\n2\n", width=30)
    assert all(len(line) <= 30 for line in wrapped.splitlines())


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_any_output_encoding_gets_words_not_escapes(encoding: str, private_data_dir: Path) -> None:
    result = run_module(
        "--plain", "--scenes", str(SCENES), typed="1\nw\nm\nt\n", data=private_data_dir, PYTHONIOENCODING=encoding
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode(encoding)
    assert "\\u" not in out and "\\x" not in out and "Traceback" not in result.stderr.decode(encoding)


def test_encodable_turns_symbols_into_words() -> None:
    assert encodable("\u2713 it\u2019s \u2014 caf\u00e9", "ascii") == "right it's  -  cafe"
    assert encodable("\u2717", "cp1252") == "wrong"
    assert encodable("\u4e2d", "ascii") == "[cjk unified ideograph-4e2d]"


def test_no_symbol_box_drawing_or_escape_with_term_dumb(private_data_dir: Path) -> None:
    typed = "2\n1\n1\n2\nh\nm\nw\n1\n"
    result = run_module("--plain", "--scenes", str(STORIES / "tiny"), typed=typed, data=private_data_dir, TERM="dumb")
    out = result.stdout.decode()
    assert result.returncode == 0
    for line in out.splitlines():
        assert not any(ch in line for ch in "\u2713\u2717\x1b") and not any(0x2500 <= ord(ch) <= 0x259F for ch in line)


def test_bad_input_bytes_are_no_traceback(private_data_dir: Path) -> None:
    environment = dict(
        os.environ, PYTHONPATH=str(REPO), EXPLAINER_DATA_DIR=str(private_data_dir), PYTHONIOENCODING="ascii"
    )
    result = subprocess.run(
        [sys.executable, "-m", "explainer", "--plain", "--scenes", str(STORIES / "tiny")],
        input="\u00e9\n\u2460\n1\n".encode(),
        capture_output=True,
        timeout=60,
        env=environment,
        cwd=REPO,
    )
    assert result.returncode == 0 and b"Traceback" not in result.stderr
