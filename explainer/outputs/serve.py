"""Serving the app to web browsers with textual-serve: every browser tab is its own reader."""

from __future__ import annotations

import asyncio
import contextlib
import re
import shlex
import signal
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK = ("127.0.0.1", "localhost", "::1")
WILDCARD = ("0.0.0.0", "::", "")
PAGE = "app_index.html"

# textual-serve's page asks a web font service for its font; the package ships the font files.
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref=\"(?:https?:)?//[^\"]*\"[^>]*>", re.IGNORECASE)
_LOCAL_FONTS = """<style>
      @font-face {
        font-family: "Roboto Mono";
        font-style: normal;
        font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
      }
      @font-face {
        font-family: "Roboto Mono";
        font-style: italic;
        font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf")
          format("truetype");
      }
    </style>
  </head>"""
_HOST_HEADER = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$")


def offline_page(page: str) -> str:
    """textual-serve's page with every remote stylesheet removed and its font served locally."""
    page = _REMOTE_LINK.sub("", page)
    return page.replace("</head>", _LOCAL_FONTS, 1)


def served_command(folder: Path, teacher: bool = False) -> str:
    """The shell command that runs one browser tab's app on ``folder``."""
    parts = [sys.executable, "-m", "explainer", "--scenes", str(folder.resolve()), "--served"]
    if teacher:
        parts.append("--teacher")
    return shlex.join(parts)


def address(host: str, port: int) -> str:
    """The URL to open for a server on ``host`` and ``port``."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def listening_message(host: str, port: int) -> str:
    """What the server says about where it listens and who can connect."""
    if host in WILDCARD:
        lines = [
            f"Serving explainer at {address('127.0.0.1', port)} on this computer, and on "
            f"port {port} of its network address for the others"
        ]
    else:
        lines = [f"Serving explainer at {address(host, port)}"]
    if host in LOOPBACK:
        lines.append(
            "Only this computer can connect. To let other computers on the network in, "
            "use --host 0.0.0.0 (or this computer's address)."
        )
    else:
        where = "every network address" if host in WILDCARD else host
        lines.append(
            f"Listening on {where}: other computers on the network can connect. "
            "The app has no passwords; use it only on a network you trust."
        )
    lines.append("Every browser tab is its own reader. Press Ctrl+C to stop.")
    return "\n".join(lines)


class ExplainerServer(Server):
    """textual-serve's server, with a page that loads nothing from the internet."""

    def __init__(self, command: str, host: str, port: int, title: str) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=address(host, port))
        self.default_url = self.public_url

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        page = (self.templates_path / PAGE).read_text(encoding="utf-8")
        aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({PAGE: offline_page(page)}))
        return app

    async def handle_index(self, request: web.Request) -> Any:
        # Links in the page follow the address the browser used, so that a server on 0.0.0.0
        # works for every computer that reaches it.
        host = request.host
        self.public_url = f"{request.scheme}://{host}" if _HOST_HEADER.match(host) else self.default_url
        return await super().handle_index(request)

    async def on_startup(self, app: web.Application) -> None:
        """Say nothing yet: the port may still turn out to be taken."""

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C, saying where once the port is open."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for stop in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows has no signal handlers
                loop.add_signal_handler(stop, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=lambda _: print(listening_message(self.host, self.port), flush=True),
        )


def run_server(folder: Path, host: str, port: int, teacher: bool, title: str) -> int:
    """Serve the story in ``folder`` until Ctrl+C; returns the exit code."""
    server = ExplainerServer(served_command(folder, teacher), host, port, title)
    try:
        server.serve()
    except OSError as error:
        print(
            f"Cannot listen on {address(host, port)}: {error.strerror or error}. Try another --port.", file=sys.stderr
        )
        return 1
    return 0
