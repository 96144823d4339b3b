"""Line mode on a real terminal: readline's history and Tab completion of term names."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, STORIES


def read_until(fd: int, wanted: bytes, seen: bytearray, timeout: float = 20) -> None:
    """Read the terminal until ``wanted`` has appeared (once more than it had before)."""
    count = seen.count(wanted)
    end = time.monotonic() + timeout
    while seen.count(wanted) <= count:
        left = end - time.monotonic()
        if left <= 0:
            raise AssertionError(f"{wanted!r} not seen in {bytes(seen[-2000:])!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                raise AssertionError(f"the program ended: {bytes(seen[-2000:])!r}") from None


@pytest.mark.skipif(sys.platform == "win32", reason="no pseudo-terminals")
def test_up_recalls_the_last_command_and_tab_completes_a_term(private_data_dir: Path) -> None:
    main, child = pty.openpty()
    environment = dict(os.environ, PYTHONPATH=str(REPO), EXPLAINER_DATA_DIR=str(private_data_dir), TERM="dumb")
    process = subprocess.Popen(
        [sys.executable, "-m", "explainer", "--plain", "--scenes", str(STORIES / "tiny")],
        stdin=child,
        stdout=child,
        stderr=child,
        env=environment,
        cwd=REPO,
    )
    os.close(child)
    seen = bytearray()
    try:
        read_until(main, b"> ", seen)
        os.write(main, b"g pet\r")
        read_until(main, b"An animal kept at home.", seen)
        read_until(main, b"> ", seen)
        os.write(main, b"\x1b[A\r")  # Up, then Enter: the same command again
        read_until(main, b"An animal kept at home.", seen)
        read_until(main, b"> ", seen)
        os.write(main, b"g Ma\t")
        read_until(main, b"g Mat", seen)  # Tab wrote the rest of the name
        os.write(main, b"\r")
        read_until(main, b"A small rug.", seen)
        read_until(main, b"> ", seen)
        os.write(main, b"q\r")
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
