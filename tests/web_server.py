"""Helpers for the web pages' tests: ``serve`` running for real, and the npm checkers' folder."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO, STORIES

TINY = STORIES / "tiny"
WAIT = 30.0  # seconds; generous, so a slow CI machine is never mistaken for a failure
NPM = REPO / "tests" / "web" / "npm" / "node_modules"
"""Where .ci/run installs axe-core and html-validate (npm install --prefix tests/web/npm)."""
AXE = NPM / "axe-core" / "axe.min.js"
HTML_VALIDATE = NPM / ".bin" / "html-validate"
TEACHER_LINK = re.compile(r"(http://\S+/teacher\?key=\S+)")


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    """A running ``serve``: its address, the teacher's link it printed, and what it printed."""

    url: str
    teacher_link: str
    process: subprocess.Popen[str]
    log: Path

    def said(self) -> str:
        """Everything the server printed so far."""
        return self.log.read_text(encoding="utf-8")


@contextmanager
def serving(folder: Path, log: Path, *extra: str) -> Iterator[Served]:
    """``python -m explainer --scenes FOLDER serve`` on a free port, until the block ends."""
    port = free_port()
    with log.open("w+", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "explainer", "--scenes", str(folder), "serve", "--port", str(port), *extra],
            cwd=REPO,
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
            env=dict(os.environ),
        )
        try:
            deadline = time.monotonic() + WAIT
            while not (found := TEACHER_LINK.search(log.read_text(encoding="utf-8"))):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"serve did not start:\n{log.read_text(encoding='utf-8')}")
                time.sleep(0.05)
            yield Served(f"http://127.0.0.1:{port}", found.group(1), process, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=WAIT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def needs_chromium() -> None:
    """Skip, with the reason, when Debian's Chromium or Python's playwright is missing."""
    from conftest import CHROMIUM

    pytest.importorskip("playwright.sync_api", reason="needs Python playwright")
    if not CHROMIUM.exists():
        pytest.skip(f"needs Debian's chromium at {CHROMIUM} (.ci/run installs it)")


def needs_npm(tool: Path) -> None:
    """Skip, with the reason, when the npm checkers are not installed."""
    if not tool.exists():
        pytest.skip(f"needs {tool.relative_to(REPO)}: npm install --prefix tests/web/npm axe-core html-validate")
