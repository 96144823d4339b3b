"""The handout: every section, its questions and the glossary, as Markdown or standalone HTML."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, STORIES
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from explainer.cli import main
from explainer.outputs.body_html import body_html
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
    assert "Shown if you chose “Outside”:" in full and "went-out" not in full
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


# The Markdown handout shows what the HTML handout shows ------------------------------------------


def _visible_markdown_and_html(story: Story) -> tuple[str, str]:
    """The visible text of the answer key as Markdown (drawn by markdown-it) and as HTML."""
    from spec_visible import expected

    drawn = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(handout_markdown(story, answers=True))
    page = handout_html(story, answers=True)
    return (
        expected(drawn, "html", addresses_written=True),
        expected(page[page.index("<body>") :], "html", addresses_written=True),
    )


@pytest.mark.parametrize("folder", [REPO / "scenes", STORIES / "tiny"], ids=["shipped story", "tiny"])
def test_the_markdown_answer_key_shows_what_the_html_one_shows(folder: Path) -> None:
    story = load_story(folder)
    markdown, page = _visible_markdown_and_html(story)
    # Up to the glossary, line for line; the glossary (a list in one, terms and definitions in
    # the other) word for word.
    head, _, glossary = markdown.partition("\nGlossary\n")
    page_head, _, page_glossary = page.partition("\nGlossary\n")
    assert head == page_head
    assert glossary.replace("•", "").replace(":", "").split() == page_glossary.replace(":", "").split()


def test_the_answer_key_has_no_empty_bullet_and_whole_paragraphs_of_notes() -> None:
    story = load_story(REPO / "scenes")
    text = handout_markdown(story, answers=True)
    tokens = MarkdownIt("commonmark").parse(text)
    items = [index for index, token in enumerate(tokens) if token.type == "list_item_open"]
    assert all(tokens[index + 1].type != "list_item_close" for index in items)  # no empty item
    assert "\n*\n" not in text and not any(line.strip() == "*" for line in text.split("\n"))
    page = handout_html(story, answers=True)
    notes = re.findall(r'<div class="notes">(.*?)</div>', page, re.DOTALL)
    paragraphs = [p for note in notes for p in re.findall(r"<p>(.*?)</p>", note) if "Teacher notes" not in p]
    assert paragraphs and all(html.unescape(p).rstrip()[-1] in ".?!:)\"'”’" for p in paragraphs), paragraphs
    assert not re.search(r"\(\w+(-\w+)+\)", text)  # no flag id such as (pros-company)


def test_a_body_is_safe_and_whole_in_both_handouts() -> None:
    body = (
        "  1. one\n  2. two\n\n| Date | What |\n|---|--:|\n| 4 June | ~~old~~ new[^1] |\n\n"
        "[bad](javascript:alert(1)) [web](https://example.com) ![p](data:image/png;base64,AAAA)\n\n[^1]: A note.\n"
    )
    markdown = safe_body(body)
    assert markdown.startswith("1. one\n2. two")  # the list is not nested
    assert "\\[bad\\](javascript:alert(1))" in markdown  # shown as the text it is
    assert "[web](https://example.com) (https://example.com)" in markdown
    assert "\\[Picture: p\\]" in markdown and "](data:" not in markdown
    html = body_html(body)
    assert "<ol>" in html and html.count("<li>") == 2 and "<table>" in html and "<s>old</s>" in html
    assert 'href="javascript' not in html and "<img" not in html and "[Picture: p]" in html
