"""The web application: the guard, the routes, the templates and the stylesheet, put together."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from explainer.outputs.web import routes, teacher
from explainer.outputs.web.guard import MAX_BODY, HostCheck, guard
from explainer.outputs.web.site import HERE, SITE, Site, setup_templates
from explainer.story.model import Story


def make_app(story: Story, host: str, port: int, teacher_key: str, folder: Path | None = None) -> web.Application:
    """The application serving ``story``, answering as ``host`` on ``port``.

    Args:
        teacher_key: the secret in the teacher link.
        folder: where the saves go (default: the user's data folder, as in the terminal).
    """
    site = Site(story, teacher_key, folder)

    def refuse(request: web.Request, status: int, message: str) -> web.StreamResponse:
        return site.render(request, "error.html", {"title": "Not possible", "message": message}, status=status)

    app = web.Application(client_max_size=MAX_BODY, middlewares=[guard(HostCheck(host, port), refuse)])
    app[SITE] = site
    setup_templates(app)
    app.add_routes(routes.routes)
    app.add_routes(teacher.routes)
    app.router.add_static("/static", HERE / "static", follow_symlinks=False)

    async def close_saves(app: web.Application) -> None:
        site.classroom.close()

    app.on_shutdown.append(close_saves)
    return app
