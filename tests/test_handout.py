"""The handout: every section, its questions and the glossary, as Markdown or standalone HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import STORIES
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from explainer.cli import main
from explainer.outputs.handout import handout_html, handout_markdown, safe_body
from explainer.story.loader import load_story
from explainer.story.model import Story

HOSTILE_SCENE = """\
---
id: start
title: "[bold]Loud[/bold] *title* <i>x</i>"
section: 1
article: |
  The <script>alert(1)</script> cat sat on the **mat**.
notes: |
  Ask the class: is <b>this</b> *true*?
question:
  kind: quiz
  prompt: "Where did the cat sit? <img src=x onerror=alert(1)>"
  options:
    - text: "On the mat <b>"
      correct: true
      feedback: "Yes, it says [so](http://example.com)."
    - text: On the hat
      feedback: No, read it again.
choices:
  - text: Go on
    goto: choose
---
The cat is a [[Pet]], and **bold** is bold.

<script>alert("body")</script>

![a picture](http://example.com/x.png)

::: if went-out
Only for those who went out.
:::
---
id: choose
title: Your turn
question:
  kind: decision
  role: You are the cat.
  prompt: Where do you go?
  options:
    - text: Outside
      goto: end
      set: went-out
    - text: Stay in
      goto: end
---
You wake up.
---
id: end
title: The end
ending: true
---
Goodbye.
"""

HOSTILE_GLOSSARY = """\
terms:
  - term: Pet
    aliases: ["<pets>"]
    definition: An animal <b>kept</b> at home. [red]Not markup[/red]
    source: "http://example.com/<source>"
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Story:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "01-start.md").write_text(HOSTILE_SCENE, encoding="utf-8")
    (folder / "glossary.yaml").write_text(HOSTILE_GLOSSARY, encoding="utf-8")
    return load_story(folder)


@pytest.fixture
def tiny() -> Story:
    return load_story(STORIES / "tiny")


def test_the_markdown_handout_has_every_section_question_and_term(tiny: Story) -> None:
    text = handout_markdown(tiny)
    assert text.startswith("# A tiny story\n")
    assert "## Section 1 of 1: A tiny story" in text and "## The end" in text
    for title in ("### A tiny story", "### Your turn", "### Outside", "### Inside", "### The end"):
        assert title in text
    assert "> The cat sat on the mat." in text
    assert "The cat is a Pet. It sat on a mat." in text
    assert "**Quiz:** Where did the cat sit?" in text and "1. On the mat\n2. On the hat" in text
    assert "*You are the cat.*" in text and "**Your decision:** Where do you go?" in text
    assert "## Glossary" in text
    assert "- **Mat**: A small rug." in text and "*Source: General knowledge.*" in text
    assert "- **Pet** (also: pets, CAT): An animal kept at home." in text


def test_answers_and_notes_only_with_answers(hostile: Story) -> None:
    plain = handout_markdown(hostile)
    assert "(right)" not in plain and "read it again" not in plain
    assert "Teacher notes" not in plain and "Ask the class" not in plain
    assert "Only on some paths:" in plain and "went-out" not in plain
    full = handout_markdown(hostile, answers=True)
    assert "On the mat \\<b\\> **(right)**" in full and "No, read it again." in full
    assert "**Teacher notes:**" in full and "Ask the class" in full
    assert "Only on some paths (went-out)" in full
    assert "Outside (leads to: The end)" in full


def test_markdown_handout_escapes_story_text(hostile: Story) -> None:
    text = handout_markdown(hostile, answers=True)
    assert r"### \[bold\]Loud\[/bold\] \*title\* \<i\>x\</i\>" in text
    # Rendered by any Markdown tool, the story's text gives no HTML and no pictures.
    tokens = MarkdownIt("commonmark").parse(text)
    kinds = {token.type for token in tokens}
    kinds |= {child.type for token in tokens for child in token.children or []}
    assert not kinds & {"html_block", "html_inline", "image"}
    assert "**bold** is bold" in text  # the author's own Markdown still works


@given(st.text(alphabet="<>![]()\\`*~a:/ \n-", max_size=80))
def test_no_body_smuggles_html_or_pictures_into_the_markdown_handout(body: str) -> None:
    tokens = MarkdownIt("commonmark").parse(safe_body(body))
    kinds = {token.type for token in tokens}
    kinds |= {child.type for token in tokens for child in token.children or []}
    assert not kinds & {"html_block", "html_inline", "image"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _value in attrs}

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_html_handout_is_standalone_and_escapes_everything(hostile: Story) -> None:
    page = handout_html(hostile, answers=True)
    assert page.startswith("<!DOCTYPE html>")
    collector = _Collector()
    collector.feed(page)
    allowed = {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "h1",
        "h2",
        "h3",
        "p",
        "em",
        "strong",
        "section",
        "article",
        "blockquote",
        "div",
        "ol",
        "li",
        "span",
        "br",
        "dl",
        "dt",
        "dd",
        "small",
        "a",
        "ul",
    }
    assert collector.tags <= allowed, collector.tags - allowed
    assert not {"src", "onerror", "onload"} & collector.attributes
    for outside in ("<script", "<link", "<img", "@import", "url("):
        assert outside not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "[bold]Loud[/bold] *title* &lt;i&gt;x&lt;/i&gt;" in page
    assert "An animal &lt;b&gt;kept&lt;/b&gt; at home. [red]Not markup[/red]" in page
    text = "".join(collector.text)
    assert "Teacher notes:" in text and "Ask the class: is <b>this</b> *true*?" in text
    assert "<strong>bold</strong>" in page and "The cat is a Pet, and" in page


def test_the_html_handout_without_answers_hides_them(hostile: Story) -> None:
    page = handout_html(hostile)
    assert "(right)" not in page and "read it again" not in page and "Ask the class" not in page


def test_the_file_suffix_chooses_the_format(tmp_path: Path) -> None:
    scenes = ["--scenes", str(STORIES / "tiny")]
    assert main([*scenes, "handout", "-o", str(tmp_path / "h.html")]) == 0
    assert (tmp_path / "h.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main([*scenes, "handout", "--answers", "-o", str(tmp_path / "h.md")]) == 0
    markdown = (tmp_path / "h.md").read_text(encoding="utf-8")
    assert markdown.startswith("# A tiny story") and "(right)" in markdown
    assert main([*scenes, "handout", "-o", str(tmp_path / "h.pdf")]) == 2
    assert not (tmp_path / "h.pdf").exists()


def test_without_a_file_the_handout_goes_to_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["--scenes", str(STORIES / "tiny"), "handout"]) == 0
    out = capsys.readouterr().out
    assert "A tiny story" in out and "Where did the cat sit?" in out and "A small rug." in out
    assert "\x1b" not in out
