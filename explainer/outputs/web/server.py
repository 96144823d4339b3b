"""``serve``: listen for browsers, say where to point them and the teacher's link, until Ctrl+C."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import logging
import secrets
import socket
import sys

from aiohttp import web

from explainer.outputs.web.app import make_app
from explainer.outputs.web.guard import WILDCARD
from explainer.story.model import Story

LOOPBACK = ("127.0.0.1", "localhost", "::1")
LOG_FORMAT = '%a "%r" %s %b %Tfs'


def address(host: str, port: int) -> str:
    """The URL of a server on ``host`` and ``port``."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def network_addresses() -> list[str]:
    """This computer's addresses on its networks (not loopback), for the class to type.

    Asked of the system only: a UDP socket "connected" to a private address sends nothing,
    it only picks the interface a packet would leave by.
    """
    found: dict[str, None] = {}
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found[str(info[4][0])] = None
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("10.254.254.254", 1))
        found[probe.getsockname()[0]] = None
    return [a for a in found if not ipaddress.ip_address(a).is_loopback and not ipaddress.ip_address(a).is_unspecified]


def listening_message(host: str, port: int, teacher_key: str) -> str:
    """What the server says once it listens: where to go, who can connect, the teacher's link."""
    local = "127.0.0.1" if host in WILDCARD else host
    lines = [f"Serving explainer at {address(local, port)}/"]
    if host in LOOPBACK:
        lines.append(
            "Only this computer can connect. To let the class in from other computers, "
            "use --host 0.0.0.0 (or this computer's address)."
        )
    else:
        others = network_addresses() if host in WILDCARD else [host]
        if others:
            lines.append("Students type one of these addresses in their browser:")
            lines += [f"  {address(other, port)}/" for other in others]
        else:
            lines.append("This computer has no network address now: only it can connect.")
        lines.append("There are no passwords for students: use this only on a network you trust.")
    lines.append("Teacher's link (notes, answer keys and the class page; keep it to yourself):")
    lines.append(f"  {address(local, port)}/teacher?key={teacher_key}")
    lines.append("Press Ctrl+C to stop.")
    return "\n".join(lines)


def _problem(error: OSError, host: str, port: int) -> str:
    """One line saying why the server cannot listen."""
    if isinstance(error, socket.gaierror):
        return f"serve: cannot listen on {host!r}: no such address (check --host)."
    if error.errno == errno.EADDRINUSE:
        return f"serve: port {port} is already in use: try another --port."
    if error.errno == errno.EADDRNOTAVAIL:
        return f"serve: {host} is not an address of this computer (check --host)."
    if error.errno == errno.EACCES:
        return f"serve: not allowed to listen on port {port}: try a port above 1023 (--port)."
    return f"serve: cannot listen on {address(host, port)}: {error.strerror or error}."


async def _serve(story: Story, host: str, port: int, verbose: bool) -> int:
    key = secrets.token_urlsafe(18)
    app = make_app(story, host, port, key)
    runner = web.AppRunner(
        app, access_log=logging.getLogger("aiohttp.access") if verbose else None, access_log_format=LOG_FORMAT
    )
    await runner.setup()
    try:
        await web.TCPSite(runner, host or None, port).start()
    except OSError as error:
        await runner.cleanup()
        print(_problem(error, host, port), file=sys.stderr)
        return 1
    print(listening_message(host, port, key), flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
    return 0


def run_server(story: Story, host: str, port: int, verbose: bool = False) -> int:
    """Serve ``story`` to browsers until Ctrl+C; returns the exit code."""
    if not 1 <= port <= 65535:
        print(f"serve: --port must be a number from 1 to 65535, not {port}.", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="%(message)s", stream=sys.stderr)
    logging.getLogger("aiohttp").setLevel(logging.INFO if verbose else logging.CRITICAL)
    try:
        return asyncio.run(_serve(story, host, port, verbose))
    except KeyboardInterrupt:
        return 0
