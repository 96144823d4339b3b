"""``explainer new``: a story to fill in, made from a plain-text article.

An opening, one scene file per article section with the section quoted word for word, an ending
and a glossary of candidate terms. Every part still to write says ``TODO``, and ``check`` lists
each of them, so the story loads and plays from the first minute.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from explainer.outputs.glossary_candidates import candidate_terms
from explainer.story.article import Article, Section, read_article
from explainer.story.fields import slug

FIRST_SECTION_TITLE = "How the article begins"


def quoted(text: str) -> str:
    """Text as a double-quoted YAML value (JSON's strings are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def section_ids(article: Article) -> list[str]:
    """A unique id for each section, made from its heading."""
    ids: list[str] = []
    taken = {"opening", "ending"}
    for number, section in enumerate(article.sections, start=1):
        base = slug(section.heading) or ("beginning" if number == 1 else f"part-{number}")
        name, count = base, 1
        while name in taken:
            count += 1
            name = f"{base}-{count}"
        taken.add(name)
        ids.append(name)
    return ids


def opening_file(article: Article, first: str) -> str:
    """The opening passage: what this is, the keys, and the way to the first section."""
    return f"""---
id: opening
title: {quoted(article.title)}
notes: |
  TODO: notes for the teacher: how long this takes, and a question to start with.
choices:
  - text: Start with the first part of the article
    goto: {first}
---
TODO: say in two or three sentences what the article is about, and what the reader will do.

**Keys**

{{keys}}
"""


def section_file(section: Section, number: int, passage_id: str, next_id: str) -> str:
    """One section's passage: its quote, and a quiz and an explanation to write."""
    title = section.heading or FIRST_SECTION_TITLE
    quote = "\n".join(f"  {paragraph}" for paragraph in section.paragraphs)
    return f"""---
id: {passage_id}
title: {quoted(title)}
article: |
{quote}
notes: |
  TODO: notes for the teacher on part {number}: a discussion question, how long it takes.
question:
  kind: quiz
  prompt: "TODO: a question that the article or your explanation answers"
  notes: |
    TODO: the answer key, for the teacher.
  options:
    - text: "TODO: the right answer"
      correct: true
      feedback: "TODO: why it is right"
    - text: "TODO: a wrong answer that a careless reader might pick"
      feedback: "TODO: why it is wrong"
choices:
  - text: Go on
    goto: {next_id}
---
TODO: explain part {number} of the article in plain words.
"""


def ending_file() -> str:
    """The ending passage."""
    return """---
id: ending
title: The end
ending: true
notes: |
  TODO: notes for the teacher: a closing question for the class.
---
TODO: sum up what the reader has found out, and what to do with the next news story.
"""


def glossary_file(terms: list[tuple[str, list[str]]]) -> str:
    """The glossary: each candidate term (with its other forms) and a definition to write."""
    lines = ["# Candidate terms found in the article: keep those a reader needs, delete the rest.", "terms:"]
    for term, aliases in terms:
        lines.append(f"  - term: {quoted(term)}")
        if aliases:
            lines.append(f"    aliases: [{', '.join(map(quoted, aliases))}]")
        lines.append(f'    definition: "TODO: define {quoted(term)[1:-1]} in plain words"')
    if not terms:
        lines[-1] = "terms: []"
    return "\n".join(lines) + "\n"


def scaffold(article: Article) -> dict[str, str]:
    """The files of a new story for ``article``, by name."""
    ids = section_ids(article)
    width = max(2, len(str(len(ids) + 1)))
    files = {f"{0:0{width}}-opening.md": opening_file(article, ids[0] if ids else "ending")}
    for number, (section, passage_id) in enumerate(zip(article.sections, ids, strict=True), start=1):
        next_id = ids[number] if number < len(ids) else "ending"
        files[f"{number:0{width}}-{passage_id}.md"] = section_file(section, number, passage_id, next_id)
    files[f"{len(ids) + 1:0{width}}-ending.md"] = ending_file()
    files["glossary.yaml"] = glossary_file(candidate_terms(p for s in article.sections for p in s.paragraphs))
    return files


def run_new(article_path: Path, folder: Path) -> int:
    """Write a new story for the article into ``folder``; returns the exit code."""
    try:
        article = read_article(article_path)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        print(f"{article_path}: cannot be read as UTF-8 text: {reason}", file=sys.stderr)
        return 2
    if not article.sections:
        print(f"{article_path}:1: no paragraphs under the title line: nothing to quote", file=sys.stderr)
        return 2
    files = scaffold(article)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        print(f"{folder}: already exists and is not an empty folder; choose a new one", file=sys.stderr)
        return 2
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"{folder}: cannot write the story: {error.strerror or error}", file=sys.stderr)
        return 2
    sections = len(article.sections)
    print(f"{folder}: a story of {sections} section{'s' * (sections != 1)} to fill in.")
    print(f"Next: python -m explainer check {folder}  (lists what is left to write)")
    print(f"Then: python -m explainer --scenes {folder} --watch  (plays it as you write)")
    return 0
