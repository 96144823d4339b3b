"""Who a browser is: a cookie holding only a random id, and what the server keeps for it."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass

from aiohttp import web

COOKIE = "explainer"
MAX_SESSIONS = 2000
"""The oldest sessions are forgotten past this; their students sign in again by name."""
THEMES = {"auto": "As the browser says", "light": "Light", "dark": "Dark", "contrast": "High contrast"}


@dataclass
class Visitor:
    """One browser: the student it reads as (their matched name), or the teacher, and its theme."""

    id: str
    student: str = ""
    teacher: bool = False
    theme: str = "auto"
    live: bool = True
    """For the teacher: whether the class page refreshes itself."""


class Sessions:
    """The visitors, by the id in their cookie."""

    def __init__(self) -> None:
        self.visitors: OrderedDict[str, Visitor] = OrderedDict()

    def of(self, request: web.Request) -> Visitor | None:
        """The visitor this request comes from, if its cookie names one."""
        visitor = self.visitors.get(request.cookies.get(COOKIE, ""))
        if visitor is not None:
            self.visitors.move_to_end(visitor.id)
        return visitor

    def start(self, response: web.StreamResponse, **details: object) -> Visitor:
        """A new visitor, its cookie set on ``response`` (HttpOnly, SameSite=Strict, nothing but the id)."""
        visitor = Visitor(secrets.token_urlsafe(24), **details)  # type: ignore[arg-type]
        self.visitors[visitor.id] = visitor
        while len(self.visitors) > MAX_SESSIONS:
            self.visitors.popitem(last=False)
        response.set_cookie(COOKIE, visitor.id, httponly=True, samesite="Strict", path="/")
        return visitor

    def end(self, request: web.Request, response: web.StreamResponse) -> None:
        """Forget the visitor of this request, and clear its cookie."""
        self.visitors.pop(request.cookies.get(COOKIE, ""), None)
        response.del_cookie(COOKIE, path="/")
