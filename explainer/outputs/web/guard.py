"""What every request passes: the Host it names, the Origin of a form, and the headers of a reply."""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware

MAX_BODY = 16 * 1024
"""The largest request body taken: the pages' forms send a few dozen bytes."""
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
WILDCARD = ("0.0.0.0", "::", "")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Refusal = Callable[[web.Request, int, str], web.StreamResponse]
log = logging.getLogger("explainer.web")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


class HostCheck:
    """Which names a browser may use for this server (refusing others keeps DNS rebinding out)."""

    def __init__(self, host: str, port: int) -> None:
        self.port = port
        self.any_address = host in WILDCARD
        names = {"127.0.0.1", "localhost", "::1", host.strip("[]").lower()}
        if self.any_address or not _is_ip(host):
            hostname = socket.gethostname().lower()
            names |= {hostname, f"{hostname}.local"}
        self.names = names

    def allows(self, header: str) -> bool:
        """Whether a Host header names this server: a name it answers to, and its port."""
        try:
            parts = urlsplit(f"//{header}")
            name, port = (parts.hostname or ""), parts.port
        except ValueError:
            return False
        if (port or 80) != self.port:
            return False
        return name in self.names or (self.any_address and _is_ip(name))


def same_origin(request: web.Request) -> bool:
    """Whether a form was sent from this server's own pages (its Origin, or else its Referer)."""
    own = f"{request.scheme}://{request.host}"
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin == own
    referer = request.headers.get("Referer", "")
    return referer == own or referer.startswith(own + "/")


def guard(hosts: HostCheck, refuse: Refusal) -> Middleware:
    """The middleware that checks every request and adds the security headers to every reply."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not hosts.allows(request.host):
            response = refuse(request, 421, "This server does not answer to that address.")
        elif request.method not in ("GET", "HEAD", "POST"):
            response = refuse(request, 405, "Pages here are only read or sent as forms.")
        elif request.method == "POST" and not same_origin(request):
            response = refuse(request, 403, "Refused: this form was not sent from this server's own pages.")
        else:
            try:
                response = await handler(request)
            except web.HTTPException as error:
                if error.status < 400:  # a redirect
                    response = web.Response(status=error.status, headers=error.headers)
                else:
                    response = refuse(request, error.status, _reason(error))
            except Exception as error:  # one line to the console, never a traceback to the browser
                log.error("%s %s failed: %s: %s", request.method, request.path, type(error).__name__, error)
                response = refuse(request, 500, "Something went wrong on the server.")
        response.headers.update(SECURITY_HEADERS)
        static = request.path.startswith("/static/")
        response.headers.setdefault("Cache-Control", "max-age=3600" if static else "no-store")
        return response

    return middleware


def _reason(error: web.HTTPException) -> str:
    return {
        404: "There is no such page.",
        413: "That was far more than a form of these pages sends.",
        405: "Pages here are only read or sent as forms.",
    }.get(error.status, error.reason)
