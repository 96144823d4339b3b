"""What the pages share: the story and its glossary, the readers, the sessions and the teacher's key."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web

from explainer.outputs.web.pages import definitions
from explainer.outputs.web.readers import Classroom, Reader
from explainer.outputs.web.sessions import THEMES, Sessions, Visitor
from explainer.reader.journey import Journey
from explainer.story.glossary import Glossary
from explainer.story.model import Story

HERE = Path(__file__).parent
LANGUAGE = "en"


class Site:
    """The state of one running server."""

    def __init__(self, story: Story, teacher_key: str, folder: Path | None = None) -> None:
        self.story = story
        self.glossary = Glossary(story.terms)
        self.definitions = definitions(self.glossary)
        self.classroom = Classroom(story, folder)
        self.sessions = Sessions()
        self.teacher_key = teacher_key
        self.teachers: dict[str, Reader] = {}
        """The teacher's own reading, by visitor id: notes and keys shown, nothing saved."""

    def is_teacher_key(self, key: str) -> bool:
        """Whether ``key`` is this server's teacher key (compared in constant time)."""
        return secrets.compare_digest(key.encode(), self.teacher_key.encode())

    def reader_of(self, visitor: Visitor | None) -> Reader | None:
        """The reader a visitor reads as: their student, or the teacher's own reading."""
        if visitor is None:
            return None
        if visitor.teacher:
            reader = self.teachers.get(visitor.id)
            if reader is None:
                reader = self.teachers[visitor.id] = Reader("", Journey(self.story))
            return reader
        return self.classroom.get(visitor.student) if visitor.student else None

    def render(self, request: web.Request, template: str, context: dict[str, Any], status: int = 200) -> web.Response:
        """A page from its template, with what every page needs (theme, title, who is reading)."""
        visitor = self.sessions.of(request)
        reader = self.reader_of(visitor)
        shared = {
            "lang": LANGUAGE,
            "story_title": self.story.title,
            "theme": visitor.theme if visitor else "auto",
            "themes": THEMES,
            "teacher": bool(visitor and visitor.teacher),
            "reader_name": reader.name if reader else "",
            "signed_in": reader is not None,
            "notices": reader.take_notices() if reader else [],
            "read_only": bool(reader and reader.read_only),
        }
        return aiohttp_jinja2.render_template(template, request, {**shared, **context}, status=status)


SITE = web.AppKey("site", Site)


def setup_templates(app: web.Application) -> None:
    """Jinja2 with autoescape on for every template: story text and names are always escaped."""
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def see_other(location: str) -> web.Response:
    """Go on to another page after a form (so reloading never sends the form twice)."""
    return web.Response(status=303, headers={"Location": location})
