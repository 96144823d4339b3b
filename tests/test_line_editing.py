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


def type_slowly(fd: int, keys: bytes) -> None:
    """Type as a person does: a pause before, a key at a time (readline reads keys, not lines)."""
    time.sleep(0.3)
    for key in [keys[:3]] if keys.startswith(b"\x1b") else []:
        os.write(fd, key)
        keys = keys[3:]
    for byte in keys:
        os.write(fd, bytes([byte]))
        time.sleep(0.02)


def read_until(fd: int, wanted: bytes, seen: bytearray, timeout: float = 20) -> None:
    """Read the terminal until ``wanted`` appears after what earlier calls found.

    ``seen`` holds everything read; what earlier calls found is not looked at again.
    """
    start = _consumed.get(id(seen), 0)
    end = time.monotonic() + timeout
    while (found := seen.find(wanted, start)) < 0:
        left = end - time.monotonic()
        if left <= 0:
            raise AssertionError(f"{wanted!r} not seen in {bytes(seen[-2000:])!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                raise AssertionError(f"the program ended: {bytes(seen[-2000:])!r}") from None
    _consumed[id(seen)] = found + len(wanted)


_consumed: dict[int, int] = {}


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
        type_slowly(main, b"g pet\r")
        read_until(main, b"An animal kept at home.", seen)
        read_until(main, b"> ", seen)
        type_slowly(main, b"\x1b[A\r")  # Up, then Enter: the same command again
        read_until(main, b"An animal kept at home.", seen)
        read_until(main, b"> ", seen)
        type_slowly(main, b"g Ma\t")
        read_until(main, b"g Mat", seen)  # Tab wrote the rest of the name
        type_slowly(main, b"\r")
        read_until(main, b"A small rug.", seen)
        read_until(main, b"> ", seen)
        type_slowly(main, b"q\r")
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
