"""What each page shows, worked out from the reader's journey by the core and handed to a template."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from explainer.outputs.body_html import body_html, tree_html
from explainer.outputs.web.readers import Reader
from explainer.reader.journey import Journey
from explainer.reader.outline import PassageNode, Seen, main_line, minutes_of, outline, seen, where_lines
from explainer.reader.shown import feedback_line, passage_markdown, where
from explainer.reader.summary import ending_summary
from explainer.reader.teacher_notes import teacher_notes
from explainer.story.glossary import Glossary
from explainer.story.markdown import parse
from explainer.story.model import Passage, Term

STATE_WORDS = {
    Seen.CURRENT: "you are here",
    Seen.PATH: "on your path",
    Seen.VISITED: "read before",
    Seen.NOT_TAKEN: "a path not taken",
    Seen.UNSEEN: "not yet seen",
}


def term_link(index: int) -> str:
    """Where a glossary word in a passage leads: the same page, with that definition marked."""
    return f"/read?term={index}#term-{index}"


def html(markdown: str, glossary: Glossary | None = None) -> Markup:
    """Markdown from the story as HTML for a template (the one pipeline: no raw HTML, text escaped)."""
    return Markup(body_html(markdown, glossary, term_link if glossary is not None else None))


def progress(journey: Journey) -> dict[str, Any]:
    """Where the reader is and the minutes left, as the top of every page shows it."""
    return {"where": where(journey.story, journey.passage), "time_left": where_lines(journey)[-1]}


def definitions(glossary: Glossary) -> list[Markup]:
    """Every term's definition as HTML, by its place in the glossary (made once: the story is fixed)."""
    return [html(term.definition) for term in glossary.terms]


@lru_cache(maxsize=2048)
def passage_body(glossary: Glossary, passage: Passage, flags: frozenset[str]) -> tuple[Markup, tuple[Term, ...]]:
    """A passage as HTML and its glossary terms, for readers with these flags.

    Kept once made: the story does not change while the server runs, and rendering the passage
    for every page was most of a page's time with a class reading at once.
    """
    markdown = passage_markdown(passage, flags, keys="web")
    tree = parse(markdown, glossary)  # once, for the page and for its terms
    return Markup(tree_html(tree, term_link)), tuple(glossary.terms_of(passage, markdown, tree))


def passage_page(
    reader: Reader, glossary: Glossary, defined: list[Markup], term: int | None, teacher: bool
) -> dict[str, Any]:
    """Everything the reading page shows: passage, question or ways on, feedback, terms, notes.

    Args:
        defined: the definitions made by :func:`definitions`.
        term: the glossary term whose definition the reader asked for, if any.
    """
    journey = reader.journey
    passage = journey.passage
    body, terms = passage_body(glossary, passage, journey.flags)
    question = passage.question
    answer = reader.answer
    reader.answer = None
    choices = journey.choices()
    page: dict[str, Any] = {
        "title": passage.title,
        "passage_id": passage.id,
        "step": journey.history.position,
        "body": body,
        "progress": progress(journey),
        "can_back": journey.history.can_go_back,
        "can_forward": journey.history.can_go_forward,
        "question_open": question is not None and journey.question_open(),
        "question": question,
        "choices": [(number, choice.text) for number, choice in enumerate(choices, start=1)],
        "feedback": _feedback(answer),
        "terms": _terms(terms, glossary, defined, term),
        "ending": passage.ending,
        "notes": _notes(reader) if teacher else None,
        "solved": "",
        "summary": "",
    }
    if question is not None and not page["question_open"] and question.is_quiz:
        right = [option.text for option in question.right_answers]
        page["solved"] = ", ".join(right)
    if passage.ending:
        page["summary"] = html(ending_summary(journey, "", None))
    return page


def _feedback(answer: Any) -> dict[str, Any] | None:
    if answer is None:
        return None
    return {"correct": answer.correct, "chosen": answer.option.text, "text": feedback_line(answer)}


def _terms(
    terms: tuple[Term, ...], glossary: Glossary, defined: list[Markup], chosen: int | None
) -> list[dict[str, Any]]:
    return [
        {
            "index": glossary.index_of(term),
            "name": term.name,
            "definition": defined[glossary.index_of(term)],
            "aliases": ", ".join(term.aliases),
            "source": term.source,
            "chosen": glossary.index_of(term) == chosen,
        }
        for term in terms
    ]


def _notes(reader: Reader) -> dict[str, Any]:
    journey = reader.journey
    notes = teacher_notes(journey, journey.passage.id in reader.keys_revealed)
    return {
        "passage": html(notes.passage_notes) if notes.passage_notes else None,
        "question": html(notes.question_notes) if notes.has_key and not notes.key_hidden else None,
        "key_hidden": notes.key_hidden,
    }


@dataclass(frozen=True)
class MapEntry:
    """A passage in the map: its title (unless unseen), how it stands, and the branches under it."""

    passage_id: str
    title: str
    state: str
    openable: bool
    branches: tuple[MapEntry, ...]


def map_page(journey: Journey) -> dict[str, Any]:
    """The story map: every section, its minutes, and its passages as the reader may see them."""
    story = journey.story
    states = seen(journey)

    def entry(node: PassageNode) -> MapEntry:
        state = states[node.passage_id]
        title = story.passages[node.passage_id].title if state is not Seen.UNSEEN else ""
        openable = state in (Seen.PATH, Seen.VISITED)
        return MapEntry(node.passage_id, title, STATE_WORDS[state], openable, tuple(map(entry, node.branches)))

    sections = [
        {"label": section.label, "minutes": section.minutes, "passages": [entry(node) for node in section.passages]}
        for section in outline(story)
    ]
    total = minutes_of(story, main_line(story, story.start))
    return {"sections": sections, "total": total, "where": where_lines(journey), "progress": progress(journey)}
