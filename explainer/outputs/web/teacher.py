"""The teacher's pages: signing in with the key the server printed, the live class page, answer keys."""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from explainer.outputs.class_data import summarise
from explainer.outputs.web.readers import Reader
from explainer.outputs.web.site import SITE, Site, see_other
from explainer.reader.report_data import build_report, format_duration
from explainer.reader.shown import where

routes = web.RouteTableDef()
REFRESH_SECONDS = 5


def _teacher(request: web.Request) -> Site:
    """The site, for a teacher's request; anyone else is refused."""
    site = request.app[SITE]
    visitor = site.sessions.of(request)
    if visitor is None or not visitor.teacher:
        raise web.HTTPForbidden(reason="This page is for the teacher: open the teacher link the server printed.")
    return site


@routes.get("/teacher")
async def sign_in(request: web.Request) -> web.StreamResponse:
    """The teacher link: with the right key, this browser becomes the teacher's."""
    site = request.app[SITE]
    if not site.is_teacher_key(request.query.get("key", "")):
        raise web.HTTPForbidden(reason="That teacher link is not right: copy it again from the server's window.")
    response = see_other("/class")  # the key leaves the address bar at once
    site.sessions.start(response, teacher=True)
    return response


@routes.get("/class")
async def class_page(request: web.Request) -> web.StreamResponse:
    """Who is where, each quiz's first-try rate and wrong answer chosen most, the choices at each decision."""
    site = _teacher(request)
    visitor = site.sessions.of(request)
    live = visitor is not None and visitor.live
    response = site.render(request, "class.html", {"title": "Class", "live": live, **class_view(site)})
    if live:
        # A Refresh header rather than <meta>: the page says it refreshes and has a button to stop it.
        response.headers["Refresh"] = str(REFRESH_SECONDS)
    return response


@routes.post("/class/live")
async def live_toggle(request: web.Request) -> web.StreamResponse:
    """Stop (or start again) the class page refreshing itself."""
    site = _teacher(request)
    visitor = site.sessions.of(request)
    if visitor is not None:
        visitor.live = not visitor.live
    return see_other("/class")


@routes.post("/reveal")
async def reveal(request: web.Request) -> web.StreamResponse:
    """Show the answer key of the quiz open in the teacher's own reading."""
    site = _teacher(request)
    reader = site.reader_of(site.sessions.of(request))
    if reader is not None:
        reader.keys_revealed.add(reader.journey.passage.id)
    return see_other("/read#notes")


def class_view(site: Site) -> dict[str, Any]:
    """The class page's content, from the students' journeys as the ``class`` summary reads reports."""
    readers = sorted(site.classroom.students.values(), key=lambda reader: reader.name.casefold())
    reports = [build_report(reader.journey, reader.name) for reader in readers]
    summary = summarise(site.story, reports)
    quizzes = []
    for quiz in summary.quizzes:
        question = site.story.passages[quiz.passage].question
        right = ", ".join(option.text for option in question.right_answers) if question else ""
        quizzes.append({"result": quiz, "percent": round(100 * quiz.rate), "right": right})
    decisions = [
        {"title": d.title, "total": sum(n for _text, n in d.counts), "counts": d.counts} for d in summary.decisions
    ]
    return {
        "students": [_row(reader, report) for reader, report in zip(readers, reports, strict=True)],
        "summary": summary,
        "quizzes": quizzes,
        "decisions": decisions,
        "refresh": REFRESH_SECONDS,
    }


def _row(reader: Reader, report: dict[str, Any]) -> dict[str, Any]:
    journey = reader.journey
    quizzes = report["quizzes"]
    return {
        "name": reader.name,
        "where": where(journey.story, journey.passage),
        "passage": journey.passage.title,
        "first_try": f"{sum(q['right_first_time'] for q in quizzes)} of {len(quizzes)}",
        "finished": report["finished"],
        "since": format_duration(time.monotonic() - reader.last_step),
    }
