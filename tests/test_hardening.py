"""Bad input of every kind: it loads or is refused with file:line, never crashes, never runs."""

from __future__ import annotations

import html
import io
import random
import re
from pathlib import Path

import pytest
from conftest import REPO, STORIES, option_key, screen_once_shown, screen_text
from textual.events import Resize
from textual.geometry import Size

from explainer.checks.check import check_story
from explainer.cli import build_parser, main
from explainer.story.loader import load_story, read_story
from explainer.story.model import Story
from explainer.story.problems import StoryError
from explainer.tui.app import ExplainerApp

ENDING = "---\nid: end\ntitle: The end\nending: true\n---\nBye.\n"
START = "---\nid: start\ntitle: Start\nchoices:\n  - text: Go on\n    goto: end\n---\nHello.\n"


def folder_with(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A story folder holding these files (text is written as UTF-8)."""
    folder = tmp_path / "story"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)
    return folder


def messages(folder: Path) -> list[str]:
    """The problems, without the folder's path."""
    _story, problems = read_story(folder)
    return [str(p).replace(f"{folder}/", "") for p in problems]


# Bytes ------------------------------------------------------------------------------------------


def test_non_utf8_bytes_are_refused_at_their_line(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"01.md": START.encode() + b"caf\xe9\n", "02.md": ENDING})
    assert messages(folder) == ["01.md:9: not UTF-8 text (byte 0xe9)"]


def test_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        {"01.md": b"\xef\xbb\xbf" + START.encode(), "02.md": ENDING, "glossary.yaml": b"\xef\xbb\xbfterms: []\n"},
    )
    story = load_story(folder)
    assert story.title == "Start" and story.passages["start"].line == 2


def test_windows_and_old_mac_line_ends_read_like_unix_ones(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"01.md": START.replace("\n", "\r\n"), "02.md": ENDING.replace("\n", "\r")})
    story = load_story(folder)
    assert story.passages["start"].body() == "Hello." and story.passages["end"].ending
    broken = folder_with(tmp_path, {"02.md": ENDING.replace("ending: true", "ending: maybe").replace("\n", "\r\n")})
    assert messages(broken) == ["02.md:4: 'ending' must be true or false, not text \"maybe\""]


def test_empty_files(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"01.md": START, "02.md": ENDING, "03.md": b"", "glossary.yaml": b""})
    assert messages(folder) == ["03.md:1: empty scene file: it needs at least one passage"]
    (folder / "03.md").unlink()
    assert load_story(folder).terms == ()  # an empty glossary is a glossary with no terms yet


def test_a_10_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = START + "word " * 2_000_000
    folder = folder_with(tmp_path, {"01.md": big, "02.md": ENDING, "glossary.yaml": "# " + "x" * 10_000_000})
    assert messages(folder) == [
        "01.md:1: file is too large (over 2 MB)",
        "glossary.yaml:1: file is too large (over 2 MB)",
    ]


@pytest.mark.parametrize("seed", range(8))
def test_binary_garbage_is_refused_with_a_line(tmp_path: Path, seed: int) -> None:
    garbage = random.Random(seed).randbytes(4096)
    folder = folder_with(tmp_path, {"01.md": START, "02.md": garbage, "03.md": ENDING, "glossary.yaml": garbage[::-1]})
    found = messages(folder)
    assert found and all(line.startswith(("02.md:", "glossary.yaml:")) for line in found)


def test_text_full_of_control_characters_loads_with_them_visible(tmp_path: Path) -> None:
    noise = "".join(chr(c) for c in range(32) if c not in (10, 13)) + "\x7f\x85\x9b"
    folder = folder_with(tmp_path, {"01.md": START.replace("Hello.", f"Hello {noise}"), "02.md": ENDING})
    body = load_story(folder).passages["start"].body()
    assert body.startswith("Hello \u2400\u2401") and "\u241b" in body
    assert not any(ord(c) < 32 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in body)


BILLION_LAUGHS = """---
id: start
title: &a lol
notes: [*a, *a, *a, *a, *a, *a, *a, *a, *a]
lol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
lol3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
lol4: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
lol5: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
lol6: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
lol7: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
lol8: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
lol9: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
---
"""


def test_a_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"01.md": BILLION_LAUGHS, "02.md": ENDING, "glossary.yaml": "terms: &t [*t]\n"})
    assert messages(folder) == [
        "01.md:3: YAML anchors (&name) are not allowed",
        "glossary.yaml:1: YAML anchors (&name) are not allowed",
    ]


@pytest.mark.parametrize(
    "nesting",
    ids=["flow-lists", "flow-mappings", "block-lists"],
    argvalues=[
        "notes: " + "[" * 100_000 + "]" * 100_000,
        "notes: " + "{a: " * 5_000 + "1" + "}" * 5_000,
        "notes:\n" + "".join(" " * level + "- \n" for level in range(0, 200)),
    ],
)
def test_deep_nesting_is_refused(tmp_path: Path, nesting: str) -> None:
    folder = folder_with(tmp_path, {"01.md": f"---\nid: start\ntitle: Start\n{nesting}\n---\n", "02.md": ENDING})
    found = messages(folder)
    assert len(found) == 1 and re.fullmatch(r"01.md:\d+: YAML nested too deeply \(more than 20 levels\)", found[0])


def test_yaml_cannot_build_objects_or_read_files(tmp_path: Path) -> None:
    evil = "!!python/object/apply:os.system ['touch pwned']"
    folder = folder_with(tmp_path, {"01.md": f"---\nid: start\ntitle: {evil}\n---\n", "02.md": ENDING})
    assert messages(folder) == ["01.md:3: YAML tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed"]
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


# Odd Unicode --------------------------------------------------------------------------------------


def test_ids_in_any_script_and_either_unicode_form_are_one_id(tmp_path: Path) -> None:
    nfc, nfd = "caf\u00e9", "cafe\u0301"
    folder = folder_with(
        tmp_path,
        {
            "01.md": START.replace("goto: end", f"goto: {nfd}"),
            "02.md": f"---\nid: {nfc}\ntitle: Café\nchoices:\n  - text: On\n    goto: 北京\n---\nx\n"
            f"---\nid: 北京\ntitle: Beijing\nchoices:\n  - text: On\n    goto: نهاية\n---\nx\n"
            "---\nid: نهاية\ntitle: End\nending: true\n---\nx\n",
        },
    )
    assert list(load_story(folder).passages) == ["start", nfc, "北京", "نهاية"]


@pytest.mark.parametrize(
    ("odd", "shown"),
    [
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("evil\u202eedoc", "evil\\u202eedoc"),
        ("esc\x1b[31m", "esc\u241b[31m"),
        ("line\u2028break", "line break"),  # a line end inside quotes: YAML folds it
    ],
)
def test_invisible_characters_in_an_id_are_refused_and_shown(tmp_path: Path, odd: str, shown: str) -> None:
    folder = folder_with(tmp_path, {"01.md": f'---\nid: "{odd}"\ntitle: T\nending: true\n---\n'})
    found = messages(folder)
    assert found == [f"01.md:2: 'id' must be made of letters, digits, '-' and '_', not \"{shown}\""]


def test_a_file_name_with_an_escape_is_shown_safely(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = folder_with(tmp_path, {"01.md": START, "02.md": ENDING, "\x1b[31mred.md": "junk"})
    assert main(["check", str(folder)]) == 2
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u241b[31mred.md:1: error: a scene file must start" in out


WORLD = {
    "01-start.md": """---
id: start
title: 北京の話 · قصة
section: 1
question:
  kind: quiz
  prompt: ما هو الصحيح؟
  options:
    - text: 正しい答え
      correct: true
      feedback: 対です。 נכון מאוד
    - text: שגוי
      feedback: לא נכון
choices:
  - text: 次へ
    goto: end
---
天安门广场 and the פסקה are in this passage, with the مصطلح term.
""",
    "02-end.md": ENDING,
    "glossary.yaml": """terms:
  - term: 天安门广场
    aliases: [天安门]
    definition: 北京市中心的广场。A square in the middle of Beijing.
  - term: מצטלח
    aliases: [مصطلح, פסקה]
    definition: מילה קשה שמוסברת כאן — كلمة صعبة
""",
}


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_right_to_left_and_wide_text_show_in_passage_and_glossary(tmp_path: Path, size: tuple[int, int]) -> None:
    story = load_story(folder_with(tmp_path, WORLD))
    app = ExplainerApp(story)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if size == (80, 24):
            text = screen_text(app)
            assert "天安门广场" in text and "ما هو الصحيح؟" in text and "正しい答え" in text
        app.screen.open_term(story.terms[0])  # as choosing it in the panel does
        await pilot.pause()
        assert "北京市中心" in screen_text(app)  # the whole definition, at any size
        await pilot.press("escape", "end", "2", "end", "1", "end", "1")
        await pilot.pause()
        assert app.screen.journey.passage.id == "end"  # type: ignore[attr-defined]


# Markup and escape sequences --------------------------------------------------------------------

MARKUP = "[bold red]x[/]"
ACTION = "[@click=app.quit]q[/]"
ESCAPES = "\x1b[31mR\x1b]0;T\x07\x9b2J"
NASTY = f"{MARKUP} {ACTION} {ESCAPES}"
SHOWN_ESCAPES = "\u241b[31mR\u241b]0;T\u2407\\x9b2J"


def nasty_story(tmp_path: Path) -> Story:
    """A story whose every text field holds a label, console markup and terminal escapes."""

    def block(label: str, indent: int) -> str:
        return "|-\n" + " " * indent + f"{label} {NASTY}"

    files = {
        "01-start.md": f"""---
id: start
title: {block("Title", 2)}
section: 1
article: {block("Article", 2)}
notes: {block("Notes", 2)}
terms: ["Term {MARKUP}"]
question:
  kind: quiz
  role: {block("Role", 4)}
  prompt: {block("Prompt", 4)}
  options:
    - text: {block("Right", 8)}
      pin: true
      correct: true
      feedback: {block("Yes", 8)}
    - text: "Wrong \\e[31mW {MARKUP}"
      feedback: {block("No", 8)}
choices:
  - text: {block("Choice", 6)}
    goto: end
---
Body {NASTY}
""",
        "02-end.md": f"""---
id: end
title: {block("End", 2)}
ending: true
---
Bye {NASTY}
""",
        "glossary.yaml": f"""terms:
  - term: "Term {MARKUP}"
    aliases:
      - {block("Alias", 8)}
    definition: {block("Definition", 6)}
    source: {block("Source", 6)}
""",
    }
    return load_story(folder_with(tmp_path, files))


def assert_literal(text: str, *labels: str) -> None:
    """Each labelled field shows its markup as written, escapes are visible, no control byte."""
    missing = [label for label in labels if f"{label} {MARKUP} {ACTION} {SHOWN_ESCAPES}" not in text]
    assert missing == [], text
    assert not any(ord(c) < 32 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in text)


def test_the_loader_keeps_markup_and_makes_escapes_visible_in_every_field(tmp_path: Path) -> None:
    story = nasty_story(tmp_path)
    start, end = story.passages["start"], story.passages["end"]
    question = start.question
    assert question is not None
    term = story.terms[0]
    fields = [
        start.title,
        start.article,
        start.notes,
        start.body(),
        question.role,
        question.prompt,
        question.options[0].text,
        question.options[0].feedback,
        question.options[1].feedback,
        start.choices[0].text,
        end.title,
        end.body(),
        term.aliases[0],
        term.definition,
        term.source,
    ]
    assert_literal(
        "\n".join(fields),
        "Title",
        "Article",
        "Notes",
        "Body",
        "Role",
        "Prompt",
        "Right",
        "Yes",
        "No",
        "Choice",
        "End",
        "Bye",
        "Alias",
        "Definition",
        "Source",
    )
    assert question.options[1].text == f"Wrong \u241b[31mW {MARKUP}"  # a YAML "\e" escape too
    assert term.name == f"Term {MARKUP}"


def panel_text(app: ExplainerApp, from_right: int = 1) -> str:
    """A side panel's lines (between its borders), rejoined where they wrapped: 1 is the glossary."""
    columns = [line.split("\u2502") for line in screen_text(app).splitlines()]
    return " ".join(parts[-from_right].strip() for parts in columns if len(parts) > from_right)


async def test_the_app_shows_markup_and_escapes_as_written(tmp_path: Path) -> None:
    story = nasty_story(tmp_path)
    app = ExplainerApp(story, teacher=True)
    async with app.run_test(size=(230, 70)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert_literal(text, "Title", "Article", "Body", "Role", "Prompt", "Right")
        assert f"Wrong \u241b[31mW {MARKUP}" in text and f"Term {MARKUP}" in text
        await pilot.press("2")
        await pilot.pause()
        assert_literal(screen_text(app), "No")
        await pilot.press("1")
        await pilot.pause()
        assert_literal(screen_text(app), "Yes", "Choice")
        app.screen.open_term(story.terms[0])  # type: ignore[attr-defined]
        await pilot.pause()
        assert_literal(" ".join(screen_text(app).split()), "Definition", "Alias", "Source")
        await pilot.press("escape")
        await pilot.pause()  # teacher mode: the notes are shown beside the glossary
        await pilot.pause()
        assert_literal(panel_text(app, 2), "Notes")
        await pilot.press("m")  # the story map
        await pilot.pause()
        assert_literal(screen_text(app), "Title")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert_literal(screen_text(app), "End", "Bye")
        assert app.is_running  # "[@click=app.quit]" did nothing


async def test_the_command_palette_shows_terms_as_written(tmp_path: Path) -> None:
    story = nasty_story(tmp_path)
    app = ExplainerApp(story, teacher=True)
    async with app.run_test(size=(230, 70)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        # Before typing, the passage's terms by name, among the app's own commands (which come
        # first is the order the lists arrive in); ↓ to the term shows its definition.
        shown = await screen_once_shown(pilot, f"Term: Term {MARKUP}")
        for _ in range(8):
            if f"Definition {MARKUP}" in shown:
                break
            await pilot.press("down")
            shown = await screen_once_shown(pilot, f"Definition {MARKUP}", timeout=0.5)
        assert f"Term: Term {MARKUP}" in shown
        assert_literal(shown, "Definition")
        await pilot.press(*"Term")
        await pilot.pause(0.3)
        shown = await screen_once_shown(pilot, f"Definition {MARKUP}")
        assert f"Term: Term {MARKUP}" in shown
        assert_literal(shown, "Definition")


def test_line_mode_shows_markup_and_escapes_as_written(tmp_path: Path) -> None:
    from explainer.outputs.line_mode import LinePlayer

    story = nasty_story(tmp_path)
    output = io.StringIO()
    player = LinePlayer(
        story, input=io.StringIO("2\n1\ng Term\n1\n"), output=output, errors=io.StringIO(), color=False, width=400
    )
    assert player.run() == 0
    text = output.getvalue()
    assert_literal(
        text, "Title", "Article", "Body", "Role", "Prompt", "Right", "No", "Yes", "Choice", "Definition", "End", "Bye"
    )
    assert f"Wrong \u241b[31mW {MARKUP}" in text


@pytest.mark.parametrize("answers", [False, True])
def test_handouts_show_markup_and_escapes_as_written(tmp_path: Path, answers: bool) -> None:
    from explainer.outputs.handout import handout_html, handout_markdown

    story = nasty_story(tmp_path)
    shown = ["Title", "Article", "Body", "Role", "Prompt", "Right", "End", "Bye", "Alias", "Definition", "Source"]
    if answers:
        shown += ["Yes", "No", "Notes"]
    markdown = handout_markdown(story, answers)
    assert_literal(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown), *shown)  # as Markdown shows it
    page = handout_html(story, answers)
    assert_literal(html.unescape(page), *shown)
    assert "<script" not in page.lower()


def test_check_prints_no_escape_from_a_story(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = folder_with(tmp_path, {"01.md": f"---\nid: start\ntitle: T\n{ESCAPES}: 1\nending: true\n---\n"})
    assert main(["check", str(folder)]) == 2
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "unknown passage field '\u241b[31mR\u241b]0;T\u2407\\x9b2J'" in out


# Small terminals ---------------------------------------------------------------------------------


async def test_a_40x12_terminal_and_a_burst_of_resizes() -> None:
    story = load_story(STORIES / "trees")
    app = ExplainerApp(story)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert "Trees for a hotter town" in screen_text(app) or "Introduction" in screen_text(app)
        await pilot.press("end", "1")
        sizes = [(39, 11), (120, 40), (20, 6), (1, 1), (200, 3), (3, 200), (41, 13), (80, 24), (40, 12)]
        for width, height in sizes * 3:
            size = Size(width, height)
            app._driver._size = size  # type: ignore[union-attr]
            app.post_message(Resize(size, size))
        await pilot.pause()
        assert app.size == Size(40, 12)
        await pilot.press("end", option_key(story, "heat", RIGHT))  # right answer: the app still follows the reader
        await pilot.pause()
        assert app.screen.journey.solved()  # type: ignore[attr-defined]
        assert "Right." in screen_text(app)


# Any story folder ---------------------------------------------------------------------------------


RIGHT, WRONG = "Roads and roofs store the heat of the sun", "The sun shines more on towns"


async def test_the_second_story_plays_end_to_end_in_the_app() -> None:
    story = load_story(STORIES / "trees")
    app = ExplainerApp(story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Trees for a hotter town" in screen_text(app)
        await pilot.press("1")  # start
        await pilot.pause()
        assert "Summer nights in Riverton" in screen_text(app)
        await pilot.press(option_key(story, "heat", WRONG))  # a wrong answer first
        await pilot.pause()
        assert "No. The sun is the same." in screen_text(app)
        await pilot.press(option_key(story, "heat", RIGHT), "1")  # the right one, then on to the plan
        await pilot.pause()
        assert "You sit on the town council." in screen_text(app)
        await pilot.press("1", "1")  # near the schools, then see how it ends
        await pilot.pause()
        text = screen_text(app)
        assert "What you learned" in text and "You put the first trees by the schools" in text
        assert "in the square" not in text


def test_the_second_story_plays_end_to_end_in_line_mode(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    right = option_key(load_story(STORIES / "trees"), "heat", RIGHT)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"1\n{right}\n1\n2\n1\n"))
    assert main(["--scenes", str(STORIES / "trees"), "--plain"]) == 0
    out = capsys.readouterr().out
    assert "Summer nights in Riverton" in out and "You put the first trees in the square" in out


def test_the_second_story_makes_a_handout(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["handout", "--scenes", str(STORIES / "trees")]) == 0
    out = capsys.readouterr().out
    assert "Where should the first trees go?" in out and "Urban heat island" in out


def test_scenes_is_taken_by_every_command_before_or_after_it() -> None:
    parser = build_parser()
    commands = [name for name in parser._subparsers._group_actions[0].choices]  # type: ignore[union-attr]
    assert {"check", "report", "handout"} <= set(commands)
    for command in commands:
        given = ["article.txt", "new-story"] if command == "new" else []  # what `new` needs
        for argv in (["--scenes", "somewhere", command, *given], [command, *given, "--scenes", "somewhere"]):
            assert parser.parse_args(argv).scenes == Path("somewhere"), argv
    assert build_parser().parse_args(["--scenes", "somewhere"]).scenes == Path("somewhere")


def test_no_case_here_gives_a_traceback_from_the_command_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = folder_with(
        tmp_path,
        {
            "01.md": BILLION_LAUGHS,
            "02.md": b"\x00\xff" * 100,
            "03.md": "---\nid: " + "[" * 10_000 + "\n---\n",
            "glossary.yaml": "terms:\n  - term: !!binary aGk=\n",
        },
    )
    for argv in (["--scenes", str(folder)], ["check", str(folder)]):
        result = subprocess.run(
            [sys.executable, "-m", "explainer", *argv],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        assert result.returncode == 2, result
        assert "Traceback" not in result.stdout + result.stderr
    assert check_story(folder)  # and the same problems in process
    with pytest.raises(StoryError):
        load_story(folder)


def test_a_reader_that_has_gone_gets_no_traceback(tmp_path: Path) -> None:
    """``check | head``, where head has already stopped reading: no traceback, a non-zero exit."""
    import os
    import subprocess
    import sys

    folder = tmp_path / "story"
    scaffold = [sys.executable, "-m", "explainer", "new", str(REPO / "tests" / "council-article.txt"), str(folder)]
    subprocess.run(scaffold, check=True, capture_output=True)
    reading, writing = os.pipe()
    os.close(reading)
    try:
        checking = subprocess.run(
            [sys.executable, "-m", "explainer", "check", str(folder)],
            stdout=writing,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    finally:
        os.close(writing)
    assert checking.returncode != 0
    assert checking.stderr.decode() == ""
