"""Serving the app to web browsers: the command, an offline page, and a story played in Chromium."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import urlopen

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, REPO, STORIES

from explainer.cli import build_parser
from explainer.outputs.serve import LOOPBACK, listening_message, offline_page, served_command

TINY = STORIES / "tiny"
WAIT = 30.0  # seconds; generous, so a slow CI machine is never mistaken for a failure
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def textual_serve_page() -> str:
    import textual_serve

    return (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text()


def test_the_served_page_loads_nothing_from_the_internet() -> None:
    stock = textual_serve_page()
    assert "fonts.googleapis.com" in stock  # what this module exists to remove
    page = offline_page(stock)
    assert not re.search(r"""(?:href|src)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page
    assert "fonts/RobotoMono-VariableFont_wght.ttf" in page


def test_the_fonts_the_page_names_ship_with_textual_serve() -> None:
    import textual_serve

    static = Path(textual_serve.__file__).parent / "static"
    for name in re.findall(r"fonts/([\w.-]+\.ttf)", offline_page(textual_serve_page())):
        assert (static / "fonts" / name).is_file(), name


def test_each_tab_runs_the_app_on_the_same_story_folder() -> None:
    command = shlex.split(served_command(TINY, teacher=True))
    assert command[:3] == [sys.executable, "-m", "explainer"]
    assert command[command.index("--scenes") + 1] == str(TINY.resolve())
    assert "--served" in command and "--teacher" in command
    assert "--teacher" not in served_command(TINY)


def test_serve_listens_on_this_computer_only_unless_told_and_says_so() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    assert args.host in LOOPBACK
    assert "Only this computer can connect" in listening_message("127.0.0.1", 8000)
    everyone = listening_message("0.0.0.0", 8000)
    assert "other computers on the network can connect" in everyone
    assert "http://127.0.0.1:8000" in everyone and "port 8000 of its network address" in everyone
    assert "http://[::1]:8000" in listening_message("::1", 8000)
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000", "--scenes", "x"])
    assert (args.host, args.port, args.scenes) == ("0.0.0.0", 9000, Path("x"))
    assert build_parser().parse_args(["serve", "--teacher"]).teacher is True
    assert build_parser().parse_args(["serve"]).teacher is False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``serve`` running on the tiny story, and its URL."""
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "explainer", "--scenes", str(TINY), "serve", "--port", str(port)],
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ),
    )
    deadline = time.monotonic() + WAIT
    try:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"serve did not start:\n{log.read()}")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/", process
    finally:
        process.terminate()
        try:
            process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def test_the_server_says_where_it_listens_and_serves_the_offline_page(
    server: tuple[str, subprocess.Popen[str]], tmp_path: Path
) -> None:
    url, _ = server
    with urlopen(url, timeout=WAIT) as response:
        page = response.read().decode()
    assert "googleapis" not in page and "/static/fonts/RobotoMono" in page
    said = (tmp_path / "serve.log").read_text()
    assert f"Serving explainer at {url.rstrip('/')}" in said
    assert "Only this computer can connect" in said


def test_a_port_in_use_is_reported_without_a_traceback() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "explainer", "--scenes", str(TINY), "serve", "--port", str(port)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=WAIT,
        )
    assert result.returncode == 1
    assert f"Cannot listen on http://127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "Serving explainer" not in result.stdout


class Terminal:
    """What the server sent to one browser tab's terminal, as plain text."""

    def __init__(self) -> None:
        self.received: list[bytes] = []

    def listen(self, websocket: object) -> None:
        def frame(payload: str | bytes) -> None:
            self.received.append(payload.encode() if isinstance(payload, str) else payload)

        websocket.on("framereceived", frame)  # type: ignore[attr-defined]

    def text(self, since: int = 0) -> str:
        return ANSI.sub("", b"".join(self.received[since:]).decode("utf-8", "replace"))

    def wait_for(self, page: object, wanted: str, since: int = 0) -> None:
        deadline = time.monotonic() + WAIT
        while wanted not in self.text(since):
            if time.monotonic() > deadline:
                pytest.fail(f"{wanted!r} never reached the browser; it got:\n{self.text(since)}")
            page.wait_for_timeout(100)  # type: ignore[attr-defined]


def test_the_story_plays_in_a_browser_with_no_request_beyond_this_computer(
    server: tuple[str, subprocess.Popen[str]],
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs Python playwright")
    if not CHROMIUM.exists():
        pytest.skip(f"needs Debian's chromium at {CHROMIUM}")
    url, _ = server
    outside: list[str] = []
    failed: list[str] = []
    requested: list[str] = []

    def only_this_computer(route: object, request: object) -> None:
        address = request.url  # type: ignore[attr-defined]
        requested.append(address)
        if urlparse(address).hostname in LOOPBACK:
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(address)
            route.abort()  # type: ignore[attr-defined]

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 720})
            page.route("**/*", only_this_computer)
            page.on("requestfailed", lambda request: failed.append(request.url))
            terminal = Terminal()
            page.on("websocket", terminal.listen)
            page.goto(url)
            page.wait_for_selector("body.-first-byte", timeout=WAIT * 1000)
            terminal.wait_for(page, "Where did the cat sit?")
            page.click("#terminal")
            since = len(terminal.received)
            page.keyboard.press("1")
            terminal.wait_for(page, "Yes, the article says so.", since)
            since = len(terminal.received)
            page.keyboard.press("1")
            terminal.wait_for(page, "You wake up on the mat.", since)
            assert "You are the cat." in terminal.text(since)
            assert page.evaluate("document.fonts.check('16px \"Roboto Mono\"')")

            second = browser.new_page(viewport={"width": 1200, "height": 720})
            other = Terminal()
            second.on("websocket", other.listen)
            second.goto(url)
            other.wait_for(second, "Where did the cat sit?")  # a reader of its own
        finally:
            browser.close()
    assert outside == []
    assert failed == []
    assert any(address.endswith("RobotoMono-VariableFont_wght.ttf") for address in requested)
