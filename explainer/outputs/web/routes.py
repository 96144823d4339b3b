"""The reader's pages: joining by name, reading, answering, going back and forward, the map, help."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web
from markupsafe import Markup

from explainer.outputs.body_html import body_html
from explainer.outputs.report import report_markdown
from explainer.outputs.web.pages import map_page, passage_page
from explainer.outputs.web.readers import Reader, name_problem
from explainer.outputs.web.sessions import THEMES
from explainer.outputs.web.site import SITE, see_other
from explainer.reader.keys import key_lines
from explainer.reader.report_data import build_report
from explainer.reader.save_names import normal_name

routes = web.RouteTableDef()
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
ReaderHandler = Callable[[web.Request, Reader], Awaitable[web.StreamResponse]]


def reading(handler: ReaderHandler) -> Handler:
    """A page of the reader this request reads as, one request of theirs at a time (a visitor with
    none is sent to sign in first)."""

    async def with_reader(request: web.Request) -> web.StreamResponse:
        site = request.app[SITE]
        reader = site.reader_of(site.sessions.of(request))
        if reader is None:
            raise web.HTTPSeeOther("/")
        async with reader.lock:  # a save being written must not meet the next step
            return await handler(request, reader)

    return with_reader


@routes.get("/")
async def home(request: web.Request) -> web.StreamResponse:
    """Where a student types their name (or goes straight on reading, if signed in)."""
    site = request.app[SITE]
    if site.reader_of(site.sessions.of(request)) is not None:
        return see_other("/read")
    return site.render(request, "join.html", {"title": "Start", "problem": "", "name": ""})


@routes.post("/join")
async def join(request: web.Request) -> web.StreamResponse:
    """Sign in by name: the student's own save, resumed if there is one, from any browser."""
    site = request.app[SITE]
    form = await request.post()
    name = " ".join(str(form.get("name", "")).split())
    problem = name_problem(name)
    reader = None if problem else site.classroom.join(name)
    if reader is None:
        problem = problem or "This server has no room for another name. Ask your teacher."
        return site.render(request, "join.html", {"title": "Start", "problem": problem, "name": name}, status=400)
    response = see_other("/read")
    site.sessions.start(response, student=normal_name(name))
    return response


@routes.get("/read")
@reading
async def read(request: web.Request, reader: Reader) -> web.StreamResponse:
    """The passage, its question or ways on, the feedback of an answer, and its glossary terms."""
    site = request.app[SITE]
    term = await _term_asked(request, reader)
    visitor = site.sessions.of(request)
    page = passage_page(reader, site.glossary, site.definitions, term, teacher=visitor is not None and visitor.teacher)
    return site.render(request, "read.html", page)


async def _term_asked(request: web.Request, reader: Reader) -> int | None:
    """The glossary term the reader followed a link to (remembered for their report), if any."""
    site = request.app[SITE]
    asked = request.query.get("term", "")
    if not asked.isdecimal() or len(asked) > 6 or int(asked) >= len(site.glossary.terms):
        return None
    term = site.glossary.by_index(int(asked))
    if term.name not in reader.journey.looked_up:
        reader.journey.look_up(term.name)
        await reader.save()
    return int(asked)


@routes.post("/choose")
@reading
async def choose(request: web.Request, reader: Reader) -> web.StreamResponse:
    """Pick a choice or answer a quiz; a form from a page that is out of date changes nothing."""
    form = await request.post()
    journey = reader.journey
    here = f"{journey.history.position}-{journey.passage.id}"
    number = str(form.get("choice", ""))
    choices = journey.choices()
    if form.get("at") != here or not number.isdecimal() or not 1 <= int(number) <= len(choices):
        reader.notices.append("That page was out of date: here is where you are now.")
        return see_other("/read")
    answer = journey.choose(choices[int(number) - 1])
    reader.answer = answer
    await reader.save()
    return see_other("/read#feedback" if answer is not None else "/read")


@routes.post("/back")
@reading
async def back(request: web.Request, reader: Reader) -> web.StreamResponse:
    """Go back one passage."""
    if reader.journey.back():
        await reader.save()
    return see_other("/read")


@routes.post("/forward")
@reading
async def forward(request: web.Request, reader: Reader) -> web.StreamResponse:
    """Go forward again along the path."""
    if reader.journey.forward():
        await reader.save()
    return see_other("/read")


@routes.get("/map")
@reading
async def story_map(request: web.Request, reader: Reader) -> web.StreamResponse:
    """Every section and passage, the reader's path marked, read passages to open again."""
    site = request.app[SITE]
    return site.render(request, "map.html", {"title": "Story map", **map_page(reader.journey)})


@routes.post("/revisit")
@reading
async def revisit(request: web.Request, reader: Reader) -> web.StreamResponse:
    """Open again a passage read before (from the map)."""
    passage_id = str((await request.post()).get("passage", ""))
    if passage_id in reader.journey.visited:
        reader.journey.revisit(passage_id)
        await reader.save()
    return see_other("/read")


@routes.get("/help")
async def help_page(request: web.Request) -> web.StreamResponse:
    """What the pages can do, and the theme."""
    site = request.app[SITE]
    return site.render(request, "help.html", {"title": "Help", "key_lines": key_lines("web")})


@routes.post("/theme")
async def theme(request: web.Request) -> web.StreamResponse:
    """Change this browser's theme (only this browser's: nothing is written for anyone else)."""
    site = request.app[SITE]
    visitor = site.sessions.of(request)
    chosen = str((await request.post()).get("theme", ""))
    if visitor is None or chosen not in THEMES:
        return see_other("/help")
    visitor.theme = chosen
    return see_other("/help#theme")


@routes.get("/restart")
@reading
async def restart_page(request: web.Request, reader: Reader) -> web.StreamResponse:
    """Ask before starting over."""
    return request.app[SITE].render(request, "restart.html", {"title": "Start over?"})


@routes.post("/restart")
@reading
async def restart(request: web.Request, reader: Reader) -> web.StreamResponse:
    """Start over from the beginning; the attempt before stays in the report."""
    reader.journey = reader.journey.fresh()
    await reader.save()
    return see_other("/read")


@routes.post("/take-over")
@reading
async def take_over(request: web.Request, reader: Reader) -> web.StreamResponse:
    """Save here from now on, although the story is open for this student elsewhere."""
    await reader.take_over()
    return see_other("/read")


@routes.get("/report")
@reading
async def report(request: web.Request, reader: Reader) -> web.StreamResponse:
    """The reader's report of this attempt: path, quizzes, decisions, terms, time."""
    site = request.app[SITE]
    text = report_markdown(build_report(reader.journey, reader.name))
    body = Markup(body_html(text.split("\n", 1)[1]))  # the page has its own heading
    return site.render(request, "report.html", {"title": "Your report", "report": body})


@routes.post("/leave")
async def leave(request: web.Request) -> web.StreamResponse:
    """Sign out of this browser (the progress stays saved)."""
    response = see_other("/")
    request.app[SITE].sessions.end(request, response)
    return response
