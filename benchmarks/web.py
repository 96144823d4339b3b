"""The web pages under a class: 30 simulated students playing whole paths at once against ``serve``."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO / "tests")]

from web_students import play_together

STUDENTS = 30
PAUSE = 1.0
"""Seconds a simulated student spends on a page: far quicker than reading, so a hard load."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _memory_mb(pid: int, field: str) -> float:
    """A process's resident memory from /proc (VmRSS now, VmHWM its peak), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else float("nan")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def measure_web(table: Any, folder: Path, quick: bool = False) -> None:
    """Page latency (p95) and the server's memory for 30 students, with a pause and with none."""
    with tempfile.TemporaryDirectory(dir=os.environ.get("WEB_BENCH_DIR")) as data:
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "explainer", "--scenes", str(folder), "serve", "--port", str(port)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "EXPLAINER_DATA_DIR": data, "PYTHONPATH": str(REPO)},
        )
        try:
            assert server.stdout is not None
            while "Ctrl+C" not in server.stdout.readline():
                if server.poll() is not None:
                    raise RuntimeError("serve did not start")
            base = f"http://127.0.0.1:{port}"
            idle = _memory_mb(server.pid, "VmRSS")
            started = time.perf_counter()
            paused = asyncio.run(play_together(base, STUDENTS, 0.2 if quick else PAUSE))
            took = time.perf_counter() - started
            started = time.perf_counter()
            flat_out = asyncio.run(play_together(base, STUDENTS))  # the same names: each starts over
            flat_took = time.perf_counter() - started
            peak = _memory_mb(server.pid, "VmHWM")
        finally:
            server.terminate()
            server.wait(timeout=30)
    pages = [second for student in paused for second in student.seconds]
    fastest = [second for student in flat_out for second in student.seconds]
    p95 = _p95(pages) * 1000
    table.add(
        f"Web pages, {STUDENTS} students at once, about {PAUSE if not quick else 0.2:g} s on each page: "
        "page latency, 95th percentile",
        f"{p95:.1f} ms (median {sorted(pages)[len(pages) // 2] * 1000:.1f} ms, {len(pages)} pages in {took:.0f} s)",
        "≤ 50 ms",
        p95 <= 50,
    )
    table.add(
        f"Web pages, {STUDENTS} students with no pause at all (as fast as the server answers)",
        f"p95 {_p95(fastest) * 1000:.0f} ms, {len(fastest) / flat_took:.0f} pages a second",
    )
    table.add(
        f"Web server memory (resident), {STUDENTS} students",
        f"peak {peak:.0f} MB (idle after start {idle:.0f} MB)",
        "≤ 150 MB",
        peak <= 150,
    )
