"""Every loader error, with its exact ``file:line: message``, and the real story loading cleanly."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import REPO, STORIES

from explainer.story.loader import load_story, read_story
from explainer.story.problems import MESSAGES, StoryError

START = """---
id: start
title: Start
choices:
  - text: Go on
    goto: end
---
Hello.
"""
END = """---
id: end
title: End
ending: true
---
Bye.
"""
BASE = {"01-start.md": START, "02-end.md": END}
PASSAGE_FIELDS = "article, choices, ending, id, minutes, notes, question, section, terms, title"


def scene(front: str, body: str = "Hi.\n") -> str:
    """A scene file with one passage: ``front`` starts on line 2."""
    return f"---\n{front}---\n{body}"


def write_story(folder: Path, files: dict[str, str | bytes | None]) -> Path:
    """A story folder: the two base passages, replaced or removed (None) by ``files``."""
    folder.mkdir()
    for name, content in {**BASE, **files}.items():
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        elif content is not None:
            (folder / name).write_text(content, encoding="utf-8")
    return folder


@dataclass
class Case:
    """A broken story and every problem the loader must report, exactly."""

    code: str
    files: dict[str, str | bytes | None]
    expected: list[str]
    extra_codes: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.code


QUIZ = """question:
  kind: quiz
  prompt: Which?
  options:
"""
DECISION = """question:
  kind: decision
  prompt: Which?
  options:
"""
GLOSSARY = "glossary.yaml"

CASES = [
    # YAML.
    Case(
        "yaml",
        {"01-start.md": scene("id: start\ntitle: a: b\n")},
        ["01-start.md:3: invalid YAML: mapping values are not allowed here"],
    ),
    Case(
        "yaml-alias",
        {"01-start.md": scene("id: start\ntitle: Start\nterms: [*name]\n")},
        ["01-start.md:4: YAML aliases (*name) are not allowed"],
    ),
    Case(
        "yaml-anchor",
        {"01-start.md": scene("id: start\ntitle: &t Start\nnotes: *t\n")},
        ["01-start.md:3: YAML anchors (&name) are not allowed"],
    ),
    Case(
        "yaml-tag",
        {"01-start.md": scene("id: start\ntitle: Start\nterms: [!!python/object/apply:os.system ls]\n")},
        ["01-start.md:4: YAML tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed"],
    ),
    Case(
        "yaml-deep",
        {"01-start.md": scene("id: start\ntitle: Start\nnotes: " + "[" * 50 + "]" * 50 + "\n")},
        ["01-start.md:4: YAML nested too deeply (more than 20 levels)"],
    ),
    Case(
        "yaml-key",
        {"01-start.md": scene("id: start\ntitle: Start\n1: one\n")},
        ["01-start.md:4: a key must be text, not the number 1"],
    ),
    Case(
        "yaml-twice",
        {"01-start.md": scene("id: start\ntitle: A\ntitle: B\n")},
        ["01-start.md:4: field 'title' is given twice"],
    ),
    Case(
        "yaml-value",
        {"01-start.md": scene("id: start\ntitle: Start\nminutes: " + "9" * 5000 + "\n")},
        ["01-start.md:4: invalid YAML value: Exceeds the limit (4300 digits) for integer string conversi…"],
    ),
    # The shape of a scene file.
    Case(
        "not-mapping",
        {"01-start.md": scene("- id\n- title\n")},
        ["01-start.md:1: front matter must be a mapping of fields (id: ..., title: ...)"],
    ),
    Case("empty-scene", {"03-empty.md": "\n  \n"}, ["03-empty.md:1: empty scene file: it needs at least one passage"]),
    Case(
        "no-start", {"03-x.md": "\nHello.\n---\nid: x\n---\n"}, ["03-x.md:2: a scene file must start with a '---' line"]
    ),
    Case(
        "not-closed", {"03-x.md": "---\nid: x\ntitle: X\n"}, ["03-x.md:1: front matter is not closed by a '---' line"]
    ),
    Case(
        "dashes-in-body",
        {"03-x.md": "---\nid: x\ntitle: X\n---\nA heading\n---\nMore of the body.\n"},
        [
            "03-x.md:6: a '---' line in a body is read as the start of the next passage; "
            "for a rule write '***', for a heading write '## ' before its words"
        ],
    ),
    # Fields.
    Case(
        "unknown-field",
        {"01-start.md": scene("id: start\ntitle: Start\ncolour: red\n")},
        [f"01-start.md:4: unknown passage field 'colour' (known: {PASSAGE_FIELDS})"],
    ),
    Case(
        "missing-field",
        {"01-start.md": scene("title: Start\n"), "03-x.md": scene("id: x\n")},
        ["01-start.md:2: missing required field 'id'", "03-x.md:2: missing required field 'title'"],
    ),
    Case(
        "wrong-type",
        {
            "01-start.md": scene(
                "id: start\ntitle: [a, b]\nminutes: soon\nending: yes\nchoices: Go on\nquestion: Why?\n"
            )
        },
        [
            "01-start.md:3: 'title' must be text, not a list",
            "01-start.md:4: 'minutes' must be a whole number, not text \"soon\"",
            "01-start.md:5: 'ending' must be true or false, not text \"yes\"",
            "01-start.md:6: 'choices' must be a list, not text \"Go on\"",
            "01-start.md:7: 'question' must be a mapping, not text \"Why?\"",
        ],
    ),
    Case(
        "empty-field", {"01-start.md": scene("id: start\ntitle: '  '\n")}, ["01-start.md:3: 'title' must not be empty"]
    ),
    Case(
        "bad-name",
        {"01-start.md": scene("id: two words\ntitle: Start\n")},
        ["01-start.md:2: 'id' must be made of letters, digits, '-' and '_', not \"two words\""],
    ),
    Case(
        "too-small",
        {"01-start.md": scene("id: start\ntitle: Start\nsection: 0\n")},
        ["01-start.md:4: 'section' must be at least 1"],
    ),
    Case(
        "text-list",
        {"01-start.md": scene("id: start\ntitle: Start\nterms: [[a], b]\n")},
        ["01-start.md:4: 'terms' must be a list of text"],
    ),
    Case(
        "bad-flag",
        {"01-start.md": scene("id: start\ntitle: Start\nchoices:\n  - text: Go\n    goto: end\n    set: two words\n")},
        ["01-start.md:7: a flag is made of letters, digits, '-' and '_', not \"two words\""],
    ),
    Case(
        "duplicate-id",
        {"03-again.md": scene("id: start\ntitle: Again\n")},
        ['03-again.md:2: duplicate id "start": already used at story/01-start.md:2'],
    ),
    # Questions and choices.
    Case(
        "bad-kind",
        {
            "01-start.md": scene(
                "id: start\ntitle: Start\nquestion:\n  kind: poll\n  prompt: Which?\n  options:\n    - text: A\n"
            )
        },
        ['01-start.md:5: question kind must be "quiz" or "decision", not "poll"'],
    ),
    Case(
        "no-options",
        {"01-start.md": scene("id: start\ntitle: Start\n" + QUIZ.replace("options:\n", "options: []\n"))},
        ["01-start.md:7: a question needs at least one option"],
    ),
    Case(
        "item-not-mapping",
        {"01-start.md": scene("id: start\ntitle: Start\nchoices:\n  - Go on\n")},
        ["01-start.md:5: choice 1 must be a mapping (text: ..., goto: ...)"],
    ),
    Case(
        "decision-goto",
        {
            "01-start.md": scene(
                "id: start\ntitle: Start\n" + DECISION + "    - text: A\n    - text: B\n      goto: end\n"
            )
        },
        ["01-start.md:8: a decision option needs a 'goto'"],
    ),
    Case(
        "duplicate-option-id",
        {
            "01-start.md": scene(
                "id: start\ntitle: Start\n"
                + QUIZ
                + "    - text: A\n      id: same\n      correct: true\n    - text: B\n      id: same\n"
                + "choices:\n  - text: Go on\n    goto: end\n"
            )
        },
        ['01-start.md:11: option id "same" is used twice in this question'],
    ),
    Case(
        "quiz-goto",
        {
            "01-start.md": scene(
                "id: start\ntitle: Start\n" + QUIZ + "    - text: A\n      goto: end\n      correct: true\n"
            )
        },
        ["01-start.md:8: a quiz option cannot 'goto': put the way on in the passage's choices"],
    ),
    Case(
        "decision-correct",
        {
            "01-start.md": scene(
                "id: start\ntitle: Start\n"
                + DECISION
                + "    - text: A\n      goto: end\n      correct: true\n    - text: B\n      goto: end\n"
            )
        },
        ["01-start.md:8: a decision has no right answer: 'correct' and 'feedback' belong to quizzes"],
    ),
    Case(
        "goto-missing",
        {
            "03-calls.md": scene(
                "id: calls\ntitle: Calls\n" + DECISION + "    - text: A\n      goto: nowhere\n"
                "    - text: B\n      goto: end\n"
                "choices:\n  - text: On\n    goto: end\n  - text: Off\n    goto: ending-x\n"
            )
        },
        [
            '03-calls.md:9: option 1 goes to "nowhere", which does not exist',
            '03-calls.md:16: choice 2 goes to "ending-x", which does not exist',
        ],
    ),
    # Mistakes named at their line, in the project's words first.
    Case(
        "markdown-value",
        {"01-start.md": START.replace("title: Start", "title: Start\nnotes: `code` first")},
        [
            "01-start.md:4: 'notes' starts with '`', which YAML reads as a character that cannot start a value; "
            'put this text in quotes: notes: "`code` first" '
            "(YAML: found character '`' that cannot start any token)"
        ],
    ),
    Case(
        "mis-indented",
        {
            "01-start.md": scene(
                "id: start\ntitle: Start\n" + QUIZ + "    - text: A\n      correct: true\n    feedback: Yes.\n"
            )
        },
        [
            "01-start.md:10: 'feedback' is indented 4 spaces, but 'correct' on the line above 6: "
            "the fields of one item line up (YAML: expected <block end>, but found '?')"
        ],
    ),
    Case(
        "unindented",
        {
            "01-start.md": START.replace(
                "title: Start", "title: Start\narticle: >\n  The cat sat\non the mat.\n  It purred."
            )
        },
        [
            "01-start.md:6: this line is not indented, so it ends the text that 'article' starts above it: "
            "indent it like the lines before it (YAML: could not find expected ':')"
        ],
    ),
    Case(
        "unknown-field-near",
        {"01-start.md": START.replace("title: Start", "title: Start\nnotse: Hi.")},
        ["01-start.md:4: unknown passage field 'notse': did you mean 'notes'?"],
    ),
    Case(
        "goto-missing-near",
        {"01-start.md": START.replace("goto: end", "goto: ends")},
        ['01-start.md:6: choice 1 goes to "ends", which does not exist: did you mean "end" (story/02-end.md:2)?'],
    ),
    Case(
        "flag-never-set-near",
        {
            "01-start.md": START.replace("goto: end", "goto: end\n    set: lucky").replace(
                "Hello.", "::: if lucy\nHello.\n:::"
            )
        },
        ['01-start.md:9: flag "lucy" is tested but never set: did you mean "lucky" (story/01-start.md:5)?'],
    ),
    Case(
        "no-term-near",
        {
            "01-start.md": START.replace("Hello.", "A [[Pets]]."),
            GLOSSARY: "terms:\n  - term: Pet\n    definition: An animal.\n",
        },
        ['01-start.md:8: "Pets" is not a term in the glossary: did you mean "Pet" (story/glossary.yaml:2)?'],
    ),
    Case(
        "one-option",
        {"01-start.md": scene("id: start\ntitle: Start\n" + DECISION + "    - text: A\n      goto: end\n")},
        ["01-start.md:7: a decision needs at least two options: with one, the reader has no choice to make"],
    ),
    Case(
        "no-right-answer",
        {
            "01-start.md": scene(
                "id: start\ntitle: Start\n"
                + QUIZ
                + "    - text: A\n      feedback: No.\n    - text: B\n      feedback: No.\n"
                "choices:\n  - text: Go on\n    goto: end\n"
            )
        },
        ["01-start.md:5: the quiz has no right answer, so no reader can go on: mark one option 'correct: true'"],
    ),
    Case(
        "section-gap",
        {
            "01-start.md": START.replace("title: Start", "title: Start\nsection: 1"),
            "02-end.md": END.replace("title: End", "title: End\nsection: 3").replace("ending: true\n", "")
            + "---\nid: fin\ntitle: Fin\nending: true\n---\nBye.\n",
        },
        ["02-end.md:2: section 3 comes after section 1: sections go 1, 2, 3 ... in file order"],
    ),
    Case(
        "section-twice",
        {
            "01-start.md": START.replace("title: Start", "title: Start\narticle: The cat.\n"),
            "02-end.md": END.replace("title: End", "title: End\nsection: 1").replace("ending: true\n", "")
            + "---\nid: fin\ntitle: Fin\nending: true\n---\nBye.\n",
        },
        ["02-end.md:2: section 1 is given twice: already at story/01-start.md:2"],
    ),
    Case(
        "section-on-ending",
        {"02-end.md": END.replace("title: End", "title: End\nsection: 1")},
        ["02-end.md:4: the ending is not part of an article section: remove its 'section'"],
    ),
    # The body.
    Case(
        "nested-if",
        {"02-end.md": END + "::: if a\n::: if b\n:::\n"},
        [
            '02-end.md:7: flag "a" is tested but never set',
            "02-end.md:8: '::: if' inside another '::: if' (opened at line 7)",
        ],
        ["flag-never-set"],
    ),
    Case("close-nothing", {"02-end.md": END + ":::\n"}, ["02-end.md:7: ':::' closes nothing"]),
    Case(
        "if-not-closed",
        {"01-start.md": START.replace("Hello.", "Hello.\n::: if not a\nHidden.")},
        ["01-start.md:9: '::: if' is not closed by a ':::' line", '01-start.md:9: flag "a" is tested but never set'],
        ["flag-never-set"],
    ),
    Case(
        "bad-condition",
        {"02-end.md": END + "::: if a or b\n:::\n"},
        ['02-end.md:7: a condition must be "FLAG" or "not FLAG", not "a or b"'],
    ),
    Case(
        "flag-never-set",
        {
            "01-start.md": START.replace("goto: end", "goto: end\n    if: lucky").replace(
                "Hello.", "::: if not brave\nHello.\n:::"
            )
        },
        ['01-start.md:7: flag "lucky" is tested but never set', '01-start.md:9: flag "brave" is tested but never set'],
    ),
    # The glossary.
    Case(
        "glossary-shape", {GLOSSARY: "- Pet\n"}, ["glossary.yaml:1: the glossary must be a mapping with a 'terms' list"]
    ),
    Case(
        "term-twice",
        {
            GLOSSARY: "terms:\n  - term: Pet\n    definition: An animal.\n"
            "  - term: Cat\n    aliases: [pet]\n    definition: A cat.\n"
        },
        ['glossary.yaml:4: "pet" is already a term or alias at line 2'],
    ),
    Case(
        "term-too-long",
        {GLOSSARY: "terms:\n  - term: " + "x" * 101 + "\n    definition: Long.\n"},
        ["glossary.yaml:2: a term or alias must be at most 100 characters long"],
    ),
    Case(
        "no-term",
        {
            "01-start.md": START.replace("Hello.", "A [[pet|Pet]] and a [[Dog]].").replace(
                "title: Start", "title: Start\nterms: [Cat]"
            ),
            GLOSSARY: "terms:\n  - term: Pet\n    definition: An animal.\n",
        },
        ['01-start.md:4: "Cat" is not a term in the glossary', '01-start.md:9: "Dog" is not a term in the glossary'],
    ),
    Case(
        "item-not-mapping",
        {GLOSSARY: "terms:\n  - Pet\n  - term: Cat\n    colour: black\n"},
        [
            "glossary.yaml:2: term 1 must be a mapping (term: ..., definition: ...)",
            "glossary.yaml:3: missing required field 'definition'",
            "glossary.yaml:4: unknown term field 'colour' (known: aliases, definition, source, term)",
        ],
        ["missing-field", "unknown-field"],
    ),
    # Files.
    Case(
        "not-utf8",
        {"01-start.md": b"---\nid: start\ntitle: Caf\xe9\n---\n"},
        ["01-start.md:3: not UTF-8 text (byte 0xe9)"],
    ),
    Case(
        "too-large",
        {"03-big.md": "---\nid: big\ntitle: Big\n---\n" + "word " * 2_000_000},
        ["03-big.md:1: file is too large (over 2 MB)"],
    ),
]


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str | bytes | None]) -> list[str]:
    write_story(tmp_path / "story", files)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoryError) as caught:
        load_story("story")
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("case", CASES, ids=[case.code for case in CASES])
def test_each_error_names_its_file_and_line(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = _run(tmp_path, monkeypatch, case.files)
    assert found == [f"story/{line}" for line in case.expected]
    _story, problems = read_story("story")
    assert {p.code for p in problems} == {case.code, *case.extra_codes}


def test_every_loader_message_has_a_case() -> None:
    warnings = {
        "no-ending",
        "nothing-leads",
        "not-from-start",
        "dead-end",
        "loop",
        "no-feedback",
        "choppy",
        "to-write",
        "follows-from",
        "quote-changed",
        "quote-missing",
        "hash-start",
        "hash-cut",
        "flag-never-tested",
        "term-unused",
        "term-undefined",
        "long-passage",
        "hard-reading",
        "no-grader",
    }
    folder_and_file = {"no-folder", "no-scenes", "folder-unreadable", "outside", "not-file", "unreadable"}
    covered = {case.code for case in CASES} | warnings | folder_and_file
    assert set(MESSAGES) - covered == set()


def test_a_missing_folder(tmp_path: Path) -> None:
    _story, problems = read_story(tmp_path / "nowhere")
    assert [str(p) for p in problems] == [f"{tmp_path}/nowhere:0: no such story folder"]


def test_a_folder_without_scenes(tmp_path: Path) -> None:
    (tmp_path / GLOSSARY).write_text("terms: []\n")
    (tmp_path / ".hidden.md").write_text("editor lock files are ignored")
    _story, problems = read_story(tmp_path)
    assert [str(p) for p in problems] == [f"{tmp_path}:0: no scene files (*.md) in this folder"]


def test_a_folder_that_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    _story, problems = read_story(tmp_path)
    assert [str(p) for p in problems] == [f"{tmp_path}:0: the folder cannot be read: Permission denied"]


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(END)
    folder = write_story(tmp_path / "story", {})
    (folder / "03-link.md").symlink_to(secret)
    (folder / GLOSSARY).symlink_to("/etc/passwd")
    monkeypatch.chdir(tmp_path)
    _story, problems = read_story("story")
    assert [str(p) for p in problems] == [
        "story/03-link.md:1: links to a file outside the story folder; refused",
        "story/glossary.yaml:1: links to a file outside the story folder; refused",
    ]


def test_a_symlink_inside_the_folder_is_followed(tmp_path: Path) -> None:
    folder = write_story(tmp_path / "story", {"02-end.md": None})
    (folder / "parts").mkdir()
    (folder / "parts" / "end.md").write_text(END)
    (folder / "02-end.md").symlink_to("parts/end.md")
    assert set(load_story(folder).passages) == {"start", "end"}


def test_a_folder_or_a_pipe_named_like_a_scene_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_story(tmp_path / "story", {})
    (folder / "03-folder.md").mkdir()
    os.mkfifo(folder / "04-pipe.md")  # reading it would wait for ever
    monkeypatch.chdir(tmp_path)
    _story, problems = read_story("story")
    assert [str(p) for p in problems] == [
        "story/03-folder.md:1: not a regular file",
        "story/04-pipe.md:1: not a regular file",
    ]


def test_a_symlink_loop_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_story(tmp_path / "story", {})
    (folder / "03-loop.md").symlink_to("03-loop.md")
    monkeypatch.chdir(tmp_path)
    _story, problems = read_story("story")
    assert len(problems) == 1
    assert str(problems[0]).startswith("story/03-loop.md:1: cannot be read: ")


def test_all_problems_are_reported_not_only_the_first(tmp_path: Path) -> None:
    _story, problems = read_story(STORIES / "broken")
    assert len(problems) == 7


def test_broken_story_exits_2_with_file_and_line_and_no_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "explainer", "--scenes", "tests/stories/broken"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert lines and all(re.match(r"tests/stories/broken/[\w.-]+:\d+: \S", line) for line in lines)
    assert 'tests/stories/broken/01-start.md:9: choice 2 goes to "ending-x", which does not exist' in lines
