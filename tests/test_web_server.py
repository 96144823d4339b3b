"""The web server's safety and its command line: origins, hosts, limits, escaping, messages, load."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.request import urlopen

import pytest
from aiohttp.test_utils import TestClient, TestServer
from conftest import REPO
from web_server import TINY, WAIT, free_port, serving
from web_students import play_together

from explainer.cli import build_parser
from explainer.outputs.web.app import make_app
from explainer.outputs.web.server import listening_message
from explainer.story.loader import load_story


@pytest.fixture
async def client() -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    """The tiny story served in this process on a free port of 127.0.0.1."""
    port = free_port()
    server = TestServer(make_app(load_story(TINY), "127.0.0.1", port, "the-key"), host="127.0.0.1", port=port)
    async with TestClient(server) as test_client:
        yield test_client


def own(client: TestClient) -> dict[str, str]:  # type: ignore[type-arg]
    return {"Origin": f"http://127.0.0.1:{client.port}"}


async def test_a_form_from_another_origin_is_refused_and_changes_nothing(client: TestClient) -> None:  # type: ignore[type-arg]
    reply = await client.post("/join", data={"name": "Eve"}, headers={"Origin": "http://evil.example"})
    assert reply.status == 403
    assert "not sent from this server" in await reply.text()
    assert "Set-Cookie" not in reply.headers
    no_origin = await client.post("/join", data={"name": "Eve"})
    assert no_origin.status == 403
    null = await client.post("/join", data={"name": "Eve"}, headers={"Origin": "null"})
    assert null.status == 403
    reply = await client.post("/join", data={"name": "Ann"}, headers=own(client), allow_redirects=False)
    assert reply.status == 303
    at = "0-start"
    refused = await client.post("/choose", data={"at": at, "choice": "1"}, headers={"Origin": "http://evil.example"})
    assert refused.status == 403
    page = await (await client.get("/read")).text()
    assert "<legend>Quiz: Where did the cat sit?</legend>" in page  # still unanswered


async def test_another_host_name_is_refused(client: TestClient) -> None:  # type: ignore[type-arg]
    reply = await client.get("/", headers={"Host": f"attacker.example:{client.port}"})
    assert reply.status == 421
    assert (await client.get("/", headers={"Host": f"localhost:{client.port}"})).status == 200
    assert (await client.get("/", headers={"Host": "127.0.0.1:1"})).status == 421


async def test_the_cookie_holds_only_an_id_and_every_reply_has_the_security_headers(client: TestClient) -> None:  # type: ignore[type-arg]
    reply = await client.post("/join", data={"name": "Ann"}, headers=own(client), allow_redirects=False)
    cookie = reply.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    value = re.match(r"explainer=([^;]+);", cookie)
    assert value is not None and "ann" not in value.group(1).lower() and len(value.group(1)) >= 24
    for path in ("/", "/read", "/static/explainer.css", "/nothing-here"):
        headers = (await client.get(path)).headers
        assert headers["Content-Security-Policy"].startswith("default-src 'self'")
        assert headers["X-Content-Type-Options"] == "nosniff"


async def test_a_body_too_large_is_refused(client: TestClient) -> None:  # type: ignore[type-arg]
    reply = await client.post("/join", data={"name": "x" * 100_000}, headers=own(client))
    assert reply.status == 413
    assert "far more than a form" in await reply.text()
    long_name = await client.post("/join", data={"name": "x" * 61}, headers=own(client))
    assert long_name.status == 400 and "too long" in await long_name.text()


async def test_names_and_story_text_are_escaped(client: TestClient) -> None:  # type: ignore[type-arg]
    await client.post("/join", data={"name": "<script>alert(1)</script>"}, headers=own(client))
    page = await (await client.get("/read")).text()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


async def test_a_stale_form_changes_nothing(client: TestClient) -> None:  # type: ignore[type-arg]
    await client.post("/join", data={"name": "Ann"}, headers=own(client))
    await client.post("/choose", data={"at": "0-start", "choice": "1"}, headers=own(client))
    await client.post("/choose", data={"at": "0-start", "choice": "1"}, headers=own(client))  # Go on
    page = await (await client.post("/choose", data={"at": "0-start", "choice": "1"}, headers=own(client))).text()
    assert "That page was out of date" in page and "<h1>Your turn</h1>" in page


def test_serve_listens_on_this_computer_only_unless_told() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.verbose) == ("127.0.0.1", 8000, False)
    said = listening_message("127.0.0.1", 8000, "KEY")
    assert "Only this computer can connect" in said
    assert "http://127.0.0.1:8000/teacher?key=KEY" in said


def run_serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "explainer", "--scenes", str(TINY), "serve", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )


def test_a_bad_port_or_host_is_one_line_never_a_traceback() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        in_use = run_serve("--port", str(taken.getsockname()[1]))
    too_big = run_serve("--port", "99999")
    no_host = run_serve("--host", "no-such-host.invalid", "--port", str(free_port()))
    not_mine = run_serve("--host", "192.0.2.1", "--port", str(free_port()))
    for result, words in (
        (in_use, "is already in use: try another --port."),
        (too_big, "--port must be a number from 1 to 65535, not 99999."),
        (no_host, "cannot listen on 'no-such-host.invalid': no such address (check --host)."),
        (not_mine, "192.0.2.1 is not an address of this computer (check --host)."),
    ):
        assert result.returncode != 0
        assert result.stderr.strip().endswith(words), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
        assert "Serving" not in result.stdout


def test_on_every_address_it_prints_the_network_addresses_and_logs_only_when_verbose(tmp_path: Path) -> None:
    with serving(TINY, tmp_path / "quiet.log", "--host", "0.0.0.0") as served:
        with urlopen(served.url + "/", timeout=WAIT) as reply:
            assert reply.status == 200
        time.sleep(0.3)
        quiet = served.said()
    assert "Students type one of these addresses" in quiet or "no network address" in quiet
    assert "no passwords for students" in quiet
    assert "GET /" not in quiet
    with serving(TINY, tmp_path / "verbose.log", "--verbose") as served:
        with urlopen(served.url + "/help", timeout=WAIT) as reply:
            assert reply.status == 200
        deadline = time.monotonic() + WAIT
        while '"GET /help HTTP/1.1" 200' not in served.said() and time.monotonic() < deadline:
            time.sleep(0.05)
        lines = [line for line in served.said().splitlines() if "GET /help" in line]
    assert len(lines) == 1 and len(lines[0]) < 120


def test_thirty_students_play_whole_paths_at_once(tmp_path: Path) -> None:
    """Bounded: the tiny story (benchmarks/run.py --only web plays the real one and times it)."""
    with serving(TINY, tmp_path / "serve.log") as served:
        started = time.monotonic()
        students = asyncio.run(play_together(served.url, 30))
        took = time.monotonic() - started
        with urlopen(served.url + "/", timeout=WAIT) as reply:
            assert reply.status == 200  # still serving
    assert len(students) == 30 and all(len(student.seconds) >= 6 for student in students)
    assert took < 120, f"30 students took {took:.0f} s"
    saves = list((tmp_path / "explainer-data" / "saves").glob("*/*.json"))
    assert len(saves) == 30
    assert all(json.loads(save.read_text())["journey"]["ended"] for save in saves)
    assert "Traceback" not in served.said() and "failed" not in served.said()


async def test_a_save_open_in_a_terminal_is_read_only_until_taken_over(client: TestClient) -> None:  # type: ignore[type-arg]
    from explainer.reader.saves import SaveSlot

    terminal = SaveSlot(load_story(TINY), "Ann")
    assert terminal.claim()  # the terminal app has Ann's save open
    try:
        page = await (await client.post("/join", data={"name": "Ann"}, headers=own(client))).text()
        assert "open for you elsewhere" in page and "Save here from now on" in page
        await client.post("/choose", data={"at": "0-start", "choice": "1"}, headers=own(client))
        assert not terminal.path.exists()  # reading only: nothing written
        page = await (await client.post("/take-over", headers=own(client))).text()
        assert "Save here from now on" not in page
        saved = json.loads(terminal.path.read_text())
        assert saved["student"] == "Ann" and len(saved["journey"]["answers"]["start"]) == 1
    finally:
        terminal.close()
