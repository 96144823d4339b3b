"""Authoring: ``explainer new`` from an article, ``check --article``, and mistakes named at their cause."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explainer.cli import main
from explainer.story.article import read_article
from explainer.story.loader import load_story, read_story

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SCENES = REPO / "scenes"
ARTICLE = TESTS / "article.txt"
COUNCIL_ARTICLE = TESTS / "council-article.txt"
COUNCIL = TESTS / "stories" / "council"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).splitlines()


def test_new_quotes_the_shipped_article_s_five_sections_byte_for_byte(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out = run(capsys, "new", str(ARTICLE), str(tmp_path / "zoom"))
    assert code == 0 and out[0] == f"{tmp_path / 'zoom'}: a story of 5 sections to fill in."
    made = load_story(tmp_path / "zoom")
    shipped = load_story(SCENES)
    made_quotes = [p.article for p in made.passages.values() if p.article]
    assert made_quotes == [p.article for p in shipped.passages.values() if p.article]
    assert len(made_quotes) == 5
    # Each quote is the article's paragraph as the file has it, byte for byte.
    paragraphs = [line for line in ARTICLE.read_text(encoding="utf-8").splitlines()[1:] if len(line.split()) > 12]
    assert [q.encode() for q in made_quotes] == [p.encode() for p in paragraphs]
    assert [p.section for p in made.passages.values()] == [0, 1, 2, 3, 4, 5, 0]


def test_the_new_story_checks_with_warnings_only_that_list_what_is_left(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    main(["new", str(ARTICLE), str(tmp_path / "zoom")])
    capsys.readouterr()
    code, out = run(capsys, "check", str(tmp_path / "zoom"), "--article", str(ARTICLE))
    assert code == 1 and out[-1].endswith(" 0 errors, 61 warnings")
    assert all(": warning: still to write: " in line for line in out[:-1])
    assert (
        f"{tmp_path / 'zoom'}/01-beginning.md:23: warning: still to write: "
        "explain part 1 of the article in plain words." in out
    )
    assert f"{tmp_path / 'zoom'}/glossary.yaml:22: warning: still to write: define Xinjiang Jin in plain words" in out


def test_the_glossary_proposes_names_acronyms_and_rare_words(tmp_path: Path) -> None:
    main(["new", str(COUNCIL_ARTICLE), str(tmp_path / "council")])
    story = load_story(tmp_path / "council")
    names = {term.name: term.aliases for term in story.terms}
    assert {"Millbrook", "Dana Ortiz", "curfew", "landline", "councilor", "pouch"} <= set(names)
    assert names["pouch"] == ("pouches",)
    # Words any 13-year-old knows are not proposed.
    assert not {"phones", "school", "council", "September", "Tuesday", "parents"} & {n.lower() for n in names}


def test_new_on_a_second_article_makes_a_section_per_heading(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _out = run(capsys, "new", str(COUNCIL_ARTICLE), str(tmp_path / "council"))
    assert code == 0
    files = sorted(p.name for p in (tmp_path / "council").iterdir())
    assert files == [
        "00-opening.md",
        "01-beginning.md",
        "02-the-vote.md",
        "03-what-parents-say.md",
        "04-what-comes-next.md",
        "05-ending.md",
        "glossary.yaml",
    ]
    story = load_story(tmp_path / "council")
    article = read_article(COUNCIL_ARTICLE)
    assert [p.article for p in story.passages.values() if p.article] == [s.quote for s in article.sections]
    assert story.passages["the-vote"].article.count("\n") == 1  # two paragraphs, one a line
    assert story.title == "Town Council Bans Phones in Schools From September"
    code, out = run(capsys, "check", str(tmp_path / "council"), "--article", str(COUNCIL_ARTICLE))
    assert code == 1 and not any(": error: " in line for line in out)


def test_hand_wrapped_copy_is_joined_into_paragraphs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "A Title\n\nThe first line of a paragraph\nwrapped by hand, and its end.\n\nA Heading\nIts text, at once.\n"
    )
    article = read_article(tmp_path / "a.txt")
    assert [(s.heading, s.paragraphs) for s in article.sections] == [
        ("", ("The first line of a paragraph wrapped by hand, and its end.",)),
        ("A Heading", ("Its text, at once.",)),
    ]


def test_new_never_writes_over_a_story(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "01-mine.md").write_text("mine")
    assert run(capsys, "new", str(ARTICLE), str(tmp_path / "taken")) == (
        2,
        [f"{tmp_path / 'taken'}: already exists and is not an empty folder; choose a new one"],
    )
    assert (tmp_path / "taken" / "01-mine.md").read_text() == "mine"
    code, out = run(capsys, "new", str(tmp_path / "nowhere.txt"), str(tmp_path / "new"))
    assert code == 2 and out[0].startswith(f"{tmp_path / 'nowhere.txt'}: cannot be read as UTF-8 text")


def test_check_article_shows_a_changed_word_as_a_diff(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    story = shutil.copytree(SCENES, tmp_path / "scenes")
    calls = story / "03-calls.md"
    calls.write_text(calls.read_text().replace("at least four video calls", "at least five video calls"))
    response = story / "04-response.md"
    response.write_text(
        response.read_text().replace(" Zoom fired Jin, and they placed others on administrative leave.", "")
    )
    code, out = run(capsys, "check", str(story), "--article", str(ARTICLE))
    assert (code, out) == (
        2,
        [
            f"{story}/03-calls.md:5: error: the quote is not the article's words: "
            "…from at least [-four-] {+five+} video calls occurring…",
            f"{story}/04-response.md:2: error: no section quotes the article's words "
            '"Zoom fired Jin, and they placed others on administrative leave."',
            f"{story}: 2 errors, 0 warnings",
        ],
    )


def test_the_shipped_story_quotes_the_whole_article(capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "check", str(SCENES), "--article", str(ARTICLE)) == (0, [f"{SCENES}: no problems found"])


# Each mistake a new author made, and the one line that now names it.
def _council(tmp_path: Path, file: str, old: str, new: str) -> Path:
    story = shutil.copytree(COUNCIL, tmp_path / "s")
    text = (story / file).read_text()
    assert old in text
    (story / file).write_text(text.replace(old, new, 1))
    return story


def _check(capsys: pytest.CaptureFixture[str], story: Path) -> tuple[int, list[str]]:
    code, out = run(capsys, "check", str(story))
    return code, [line.replace(f"{story}/", "") for line in out]


def test_the_council_story_is_clean(capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "check", str(COUNCIL), "--article", str(COUNCIL_ARTICLE)) == (
        0,
        [f"{COUNCIL}: no problems found"],
    )


def test_a_misindented_feedback_is_told_first_with_its_consequences_folded_under_it(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    story = _council(
        tmp_path, "02-vote.md", "      feedback: No. The article gives", "    feedback: No. The article gives"
    )
    assert _check(capsys, story) == (
        2,
        [
            "02-vote.md:15: error: 'feedback' is indented 4 spaces, but 'text' on the line above 6: "
            "the fields of one item line up (YAML: expected <block end>, but found '?')",
            "  9 more problems that may follow from this one; fix it and check again",
            f"{story}: 1 error, 0 warnings",
        ],
    )
    # The app refuses it the same way: the cause first, the choice to "vote" under it.
    with pytest.raises(Exception) as refused:
        load_story(story)
    assert str(refused.value).splitlines()[0].startswith(f"{story}/02-vote.md:15: 'feedback' is indented 4 spaces")


def test_a_misspelt_id_gets_did_you_mean(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    story = _council(tmp_path, "02-vote.md", "goto: pouches", "goto: pouchs")
    code, out = _check(capsys, story)
    assert code == 2 and out[0] == (
        '02-vote.md:18: error: choice 1 goes to "pouchs", which does not exist: did you mean "pouches" (02-vote.md:22)?'
    )


def test_a_quiz_with_no_right_answer_is_an_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    story = _council(tmp_path, "02-vote.md", "      correct: true\n", "")
    assert _check(capsys, story) == (
        2,
        [
            "02-vote.md:8: error: the quiz has no right answer, so no reader can go on: "
            "mark one option 'correct: true'",
            f"{story}: 1 error, 0 warnings",
        ],
    )


def test_a_hash_in_an_unquoted_value_is_a_warning_that_yaml_cut_it(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    story = _council(
        tmp_path, "02-vote.md", "- text: They said the pouches cost too much", "- text: Nothing #1 is wrong"
    )
    assert _check(capsys, story) == (
        1,
        [
            "02-vote.md:14: warning: YAML cut 'text' at ' #' (the rest of the line is a comment); "
            'to keep it, put it in quotes: - text: "Nothing #1 is wrong"',
            f"{story}: 0 errors, 1 warning",
        ],
    )
    assert load_story(story).passages["vote"].question.options[1].text == "Nothing"  # type: ignore[union-attr]


def test_a_value_starting_with_a_hash_is_an_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    story = _council(tmp_path, "02-vote.md", 'title: "The Vote"', "title: #1 The vote")
    code, out = _check(capsys, story)
    assert code == 2 and out[:2] == [
        "02-vote.md:3: error: 'title' starts with '#', which YAML reads as a comment, so it is empty; "
        'put this text in quotes: title: "#1 The vote"',
        "  9 more problems that may follow from this one; fix it and check again",
    ]


def test_a_value_starting_with_markdown_gets_the_line_to_write(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    story = _council(
        tmp_path, "02-vote.md", "prompt: Why did three members vote against the ban?", "prompt: *Who* will look"
    )
    code, out = _check(capsys, story)
    assert code == 2 and out[0] == (
        "02-vote.md:9: error: 'prompt' starts with '*', which YAML reads as an alias (*name); "
        'put this text in quotes: prompt: "*Who* will look" '
        "(YAML: expected alphabetic or numeric character, but found '*')"
    )


@pytest.mark.parametrize(
    ("value", "meaning"),
    [
        ("[the complaint](https://example.org) says so", "the start of a list"),
        ("`code` comes first", "a character that cannot start a value"),
        ("> a quote", "folded text that must start on the next line"),
        ("!Important", "a tag (!name)"),
    ],
)
def test_every_markdown_start_is_named(value: str, meaning: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    story = _council(tmp_path, "02-vote.md", "prompt: Why did three members vote against the ban?", f"prompt: {value}")
    code, out = _check(capsys, story)
    fixed = value.replace('"', '\\"')
    assert code == 2 and out[0].startswith(
        f"02-vote.md:9: error: 'prompt' starts with '{value[0]}', which YAML reads as {meaning}; "
        f'put this text in quotes: prompt: "{fixed}" (YAML: '
    )


def test_an_unindented_line_in_a_quote_is_named_at_its_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    story = _council(
        tmp_path,
        "02-vote.md",
        "article: |\n  Council members who backed the ban said phones distract pupils and make",
        "article: >\n  Council members who backed the ban said phones distract pupils\nand make",
    )
    code, out = _check(capsys, story)
    assert code == 2 and out[0] == (
        "02-vote.md:6: error: this line is not indented, so it ends the text that 'article' starts above it: "
        "indent it like the lines before it (YAML: could not find expected ':')"
    )


def test_dashes_as_the_first_body_line_give_one_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    story = _council(tmp_path, "02-vote.md", "---\nThe people who wanted", "---\n---\nThe people who wanted")
    code, out = _check(capsys, story)
    assert code == 2 and out[0].startswith("02-vote.md:20: error: a '---' line in a body is read as the start")
    assert out[1].startswith("  ") and out[-1] == f"{story}: 1 error, 0 warnings"


def test_a_misspelt_field_or_term_gets_did_you_mean(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    story = _council(
        tmp_path, "02-vote.md", "      feedback: Right. They did not", "      feedbak: Right. They did not"
    )
    code, out = _check(capsys, story)
    assert "02-vote.md:13: error: unknown option field 'feedbak': did you mean 'feedback'?" in out
    story = _council(tmp_path / "2", "03-what-parents-say.md", "[[petition]]", "[[petitoin]]")
    code, out = _check(capsys, story)
    assert out[0] == (
        '03-what-parents-say.md:10: error: "petitoin" is not a term in the glossary: did you mean "Petition" '
        "(glossary.yaml:8)?"
    )


def test_sections_are_counted_from_file_order_and_a_gap_or_duplicate_is_an_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert [p.section for p in load_story(COUNCIL).passages.values()] == [0, 1, 2, 2, 2, 2, 3, 4, 0]
    story = _council(tmp_path, "04-what-comes-next.md", "id: what-comes-next\n", "id: what-comes-next\nsection: 5\n")
    assert _check(capsys, story)[1][0] == (
        "04-what-comes-next.md:2: error: section 5 comes after section 3: sections go 1, 2, 3 ... in file order"
    )
    story = _council(
        tmp_path / "2", "04-what-comes-next.md", "id: what-comes-next\n", "id: what-comes-next\nsection: 3\n"
    )
    assert _check(capsys, story)[1][0] == (
        "04-what-comes-next.md:2: error: section 3 is given twice: already at 03-what-parents-say.md:2"
    )
    story = _council(tmp_path / "3", "05-ending.md", "ending: true\n", "ending: true\nsection: 5\n")
    assert _check(capsys, story)[1][0] == (
        "05-ending.md:5: error: the ending is not part of an article section: remove its 'section'"
    )


def test_minutes_are_worked_out_unless_given(tmp_path: Path) -> None:
    story = load_story(COUNCIL)
    assert {p.id: p.minutes for p in story.passages.values()}["vote"] == 2  # 110 words and a quiz
    edited = _council(tmp_path, "02-vote.md", "id: vote\n", "id: vote\nminutes: 7\n")
    assert load_story(edited).passages["vote"].minutes == 7


def test_the_shipped_story_keeps_its_sections_and_minutes() -> None:
    story = load_story(SCENES)
    sections = [p.section for p in story.passages.values()]
    assert sections.count(0) == 3 and sorted(set(sections)) == [0, 1, 2, 3, 4, 5]
    # Three passages keep a written time; the others' are worked out and the same as before.
    assert sum(p.minutes for p in story.passages.values()) == 69


def test_the_handout_to_a_pipe_pads_no_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "explainer", "handout"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and len(lines) > 100
    assert [line for line in lines if line != line.rstrip()] == []


def test_every_problem_of_the_council_story_loads_nothing_silently() -> None:
    story, problems = read_story(COUNCIL)
    assert story is not None and problems == []
