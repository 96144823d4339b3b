"""A printable handout: every section, its questions and the glossary, as Markdown or HTML."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from explainer.outputs.body_html import body_html
from explainer.outputs.body_markdown import body_markdown
from explainer.reader.keys import fill_keys
from explainer.reader.shown import escape_markdown, where
from explainer.reader.storage import write_user_file
from explainer.story.conditions import shown_when
from explainer.story.glossary import Glossary
from explainer.story.model import Block, Passage, Question, Story

HTML_SUFFIXES = {".html", ".htm"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".txt"}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")

STYLE = """
body { font-family: Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #111; background: #fff; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; line-height: 1.2; }
h2 { border-bottom: 1px solid #999; padding-bottom: .2rem; margin-top: 2.5rem; }
blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 4px solid #999; color: #333; }
.question { border: 1px solid #999; padding: .5rem 1rem; margin: 1rem 0; }
.notes { background: #f3f3f3; padding: .5rem 1rem; }
.some-paths { font-style: italic; color: #444; }
.right { font-weight: bold; }
dt { font-weight: bold; margin-top: .6rem; }
@media print { h2 { page-break-before: auto; } .question { page-break-inside: avoid; } }
"""


def sections(story: Story) -> list[tuple[str, list[Passage]]]:
    """The story's passages in file order, grouped under the section they explain."""
    grouped: list[tuple[str, list[Passage]]] = []
    for passage in story.passages.values():
        label = where(story, passage)
        if not grouped or grouped[-1][0] != label:
            grouped.append((label, []))
        grouped[-1][1].append(passage)
    return grouped


def safe_body(markdown: str, glossary: Glossary | None = None) -> str:
    """An author's Markdown body as safe Markdown: raw HTML and pictures shown as text."""
    return body_markdown(markdown, glossary)


def reflowed(text: str) -> list[str]:
    """Teacher's notes or feedback as whole paragraphs: lines rejoined, blank lines kept as breaks."""
    return [" ".join(paragraph.split()) for paragraph in _PARAGRAPH_BREAK.split(text) if paragraph.strip()]


def _condition_note(story: Story, block: Block, answers: bool) -> str:
    if block.condition is None:
        return ""
    return f"Shown {shown_when(story, block.condition)}" if answers else "Only on some paths"


def _target_title(story: Story, goto: str) -> str:
    passage = story.passages.get(goto)
    return passage.title if passage else goto


# Markdown ------------------------------------------------------------------------------------


def handout_markdown(story: Story, answers: bool = False) -> str:
    """The handout as Markdown; every piece of story text that is not a body is escaped."""
    e = escape_markdown
    kind = "Handout with answers and teacher notes" if answers else "Handout"
    lines = [f"# {e(story.title)}", "", f"*{kind}*", ""]
    for label, passages in sections(story):
        lines += [f"## {e(label)}", ""]
        for passage in passages:
            lines += _passage_markdown(story, passage, answers)
    lines += ["## Glossary", ""]
    for term in sorted(story.terms, key=lambda t: t.name.casefold()):
        also = f" (also: {', '.join(e(a) for a in term.aliases)})" if term.aliases else ""
        lines.append(f"- **{e(term.name)}**{also}: {e(' '.join(term.definition.split()))}")
        if term.source:
            lines.append(f"  *Source: {e(term.source)}*")
    return "\n".join(lines).rstrip() + "\n"


def _quote(text: str) -> list[str]:
    paragraphs = [escape_markdown(line.strip()) for line in text.split("\n") if line.strip()]
    return ["\n>\n".join(f"> {p}" for p in paragraphs), ""]


def _passage_markdown(story: Story, passage: Passage, answers: bool) -> list[str]:
    e = escape_markdown
    lines = [f"### {e(passage.title)}", ""]
    if passage.article:
        lines += ["**The article says:**", ""] + _quote(passage.article)
    for block in passage.blocks:
        note = _condition_note(story, block, answers)
        if note:
            lines += [f"*{e(note)}:*", ""]
        if block.markdown.strip():
            lines += [safe_body(fill_keys(block.markdown, "handout"), Glossary(story.terms)), ""]
    if passage.question is not None:
        lines += _question_markdown(story, passage.question, answers)
    if answers and passage.notes.strip():
        notes = [f"> {escape_markdown(paragraph)}" for paragraph in reflowed(passage.notes)]
        lines += ["**Teacher notes:**", "", "\n>\n".join(notes), ""]
    return lines


def _question_markdown(story: Story, question: Question, answers: bool) -> list[str]:
    e = escape_markdown
    lines = []
    if question.role:
        lines += [f"*{e(question.role)}*", ""]
    label = question.label
    lines += [f"**{label}:** {e(question.prompt)}", ""]
    for number, option in enumerate(question.options, start=1):
        mark = ""
        if answers and question.is_quiz:
            mark = " **(right)**" if option.correct else " (wrong)"
        elif answers and option.goto:
            mark = f" (leads to: {e(_target_title(story, option.goto))})"
        feedback_follows = answers and option.feedback.strip()
        lines.append(f"{number}. {e(option.text)}{mark}" + ("\\" if feedback_follows else ""))  # a line break
        if answers and option.feedback:
            lines.append(f"   *{e(' '.join(option.feedback.split()))}*")
    if answers and question.notes:
        notes = [f"> {escape_markdown(paragraph)}" for paragraph in reflowed(question.notes)]
        lines += ["", "**Teacher notes on this question:**", "", "\n>\n".join(notes)]
    return lines + [""]


# HTML ----------------------------------------------------------------------------------------


def handout_html(story: Story, answers: bool = False) -> str:
    """The handout as one standalone HTML page: no scripts, no fonts, no files from elsewhere."""
    x = html.escape
    kind = "Handout with answers and teacher notes" if answers else "Handout"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{x(story.title)}: {x(kind)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{x(story.title)}</h1>",
        f"<p><em>{x(kind)}</em></p>",
    ]
    for label, passages in sections(story):
        parts.append(f"<section>\n<h2>{x(label)}</h2>")
        for passage in passages:
            parts += _passage_html(story, passage, answers)
        parts.append("</section>")
    parts.append("<section>\n<h2>Glossary</h2>\n<dl>")
    for term in sorted(story.terms, key=lambda t: t.name.casefold()):
        also = f" <small>(also: {x(', '.join(term.aliases))})</small>" if term.aliases else ""
        parts.append(f"<dt>{x(term.name)}{also}</dt>")
        source = f"<br><em>Source: {x(term.source)}</em>" if term.source else ""
        parts.append(f"<dd>{x(' '.join(term.definition.split()))}{source}</dd>")
    parts += ["</dl>\n</section>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _paragraphs_html(text: str) -> str:
    return "\n".join(f"<p>{html.escape(line.strip())}</p>" for line in text.split("\n") if line.strip())


def _passage_html(story: Story, passage: Passage, answers: bool) -> list[str]:
    x = html.escape
    parts = [f'<article id="{x(passage.id)}">', f"<h3>{x(passage.title)}</h3>"]
    if passage.article:
        parts.append("<p><strong>The article says:</strong></p>")
        parts.append(f"<blockquote>\n{_paragraphs_html(passage.article)}\n</blockquote>")
    for block in passage.blocks:
        note = _condition_note(story, block, answers)
        if note:
            parts.append(f'<p class="some-paths">{x(note)}:</p>')
        if block.markdown.strip():
            parts.append(body_html(fill_keys(block.markdown, "handout"), Glossary(story.terms)))
    question = passage.question
    if question is not None:
        parts.append('<div class="question">')
        if question.role:
            parts.append(f"<p><em>{x(question.role)}</em></p>")
        label = question.label
        parts.append(f"<p><strong>{label}:</strong> {x(question.prompt)}</p>\n<ol>")
        for option in question.options:
            mark = ""
            if answers and question.is_quiz:
                mark = ' <span class="right">(right)</span>' if option.correct else " (wrong)"
            elif answers and option.goto:
                mark = f" (leads to: {x(_target_title(story, option.goto))})"
            feedback = f"<br><em>{x(' '.join(option.feedback.split()))}</em>" if answers and option.feedback else ""
            parts.append(f"<li>{x(option.text)}{mark}{feedback}</li>")
        parts.append("</ol>")
        if answers and question.notes:
            parts.append('<div class="notes"><p><strong>Teacher notes on this question:</strong></p>')
            parts.append("\n".join(f"<p>{x(paragraph)}</p>" for paragraph in reflowed(question.notes)) + "\n</div>")
        parts.append("</div>")
    if answers and passage.notes.strip():
        parts.append(
            '<div class="notes"><p><strong>Teacher notes:</strong></p>\n'
            + "\n".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in reflowed(passage.notes))
            + "\n</div>"
        )
    parts.append("</article>")
    return parts


# Output --------------------------------------------------------------------------------------


def handout_for(path: Path, story: Story, answers: bool = False) -> str:
    """The handout in the format the file's suffix asks for.

    Raises:
        ValueError: when the suffix is neither Markdown nor HTML.
    """
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return handout_html(story, answers)
    if suffix in MARKDOWN_SUFFIXES:
        return handout_markdown(story, answers)
    raise ValueError(f"cannot tell the format from {path.name!r}: end the name in .md or .html")


def run_handout(story: Story, answers: bool = False, output: Path | None = None) -> int:
    """Write the handout to ``output`` (format by suffix), or show it in the terminal."""
    if output is None:
        from rich.console import Console
        from rich.markdown import Markdown

        console = Console()
        rendered = Markdown(handout_markdown(story, answers), hyperlinks=False)
        if console.is_terminal:
            console.print(rendered)
            return 0
        # To a pipe or a file: the same lines, without the spaces that fill them to the width.
        with console.capture() as captured:
            console.print(rendered)
        sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
        return 0
    try:
        text = handout_for(output, story, answers)
    except ValueError as error:
        print(f"handout: {error}", file=sys.stderr)
        return 2
    return write_user_file(output, text, "Handout")
