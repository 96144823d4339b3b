"""Simulated students: HTTP clients that sign in and play a whole path, timing every page."""

from __future__ import annotations

import asyncio
import html
import random
import re
import time

import aiohttp

AT = re.compile(r'name="at" value="([^"]*)"')
OPTION = re.compile(r'<button type="submit" name="choice" value="(\d+)">')
LEGEND = re.compile(r"<legend>([^<]*)</legend>")
TERM = re.compile(r'<a class="term" href="([^"]+)"')


class Student:
    """One student's browser: a cookie jar, the Origin its forms carry, and the time of each page."""

    def __init__(self, session: aiohttp.ClientSession, base: str, name: str, pause: float = 0.0) -> None:
        self.session, self.base, self.name = session, base, name
        self.pause = pause
        """Seconds spent on a page before the next request (each student's own, around this)."""
        self.jitter = random.Random(name)
        self.seconds: list[float] = []
        self.page = ""

    async def load(self, method: str, path: str, data: dict[str, str] | None = None) -> str:
        """Send one request (a form's redirect followed, as a browser does) and keep the page."""
        if self.pause:
            await asyncio.sleep(self.pause * self.jitter.uniform(0.5, 1.5))
        started = time.perf_counter()
        async with self.session.request(method, self.base + path, data=data, headers={"Origin": self.base}) as reply:
            self.page = await reply.text()
            if reply.status != 200:
                raise AssertionError(f"{self.name}: {method} {path} answered {reply.status}")
        self.seconds.append(time.perf_counter() - started)
        return self.page

    async def play(self) -> int:
        """Sign in and play to an ending, trying each quiz's options in turn; returns the passages read."""
        await self.load("POST", "/join", {"name": self.name})
        passages = 1
        for step in range(300):
            if 'class="summary"' in self.page:
                await self.load("GET", "/report")
                return passages
            if step % 4 == 0:
                await self.load("GET", "/map")
                terms = TERM.findall(await self.load("GET", "/read"))
                if terms:
                    await self.load("GET", html.unescape(terms[0]).split("#")[0])
            at = AT.search(self.page)
            legend = LEGEND.search(self.page)
            options = OPTION.findall(self.page)
            if at is None or legend is None or not options:
                raise AssertionError(f"{self.name}: a passage with no way on:\n{self.page}")
            if legend.group(1).startswith("Quiz"):
                for option in options:
                    await self.load("POST", "/choose", {"at": at.group(1), "choice": option})
                    if "<legend>Where next?</legend>" in self.page:
                        break
                continue
            await self.load("POST", "/choose", {"at": at.group(1), "choice": options[0]})
            passages += 1
        raise AssertionError(f"{self.name}: no ending reached")


async def play_together(base: str, count: int, pause: float = 0.0) -> list[Student]:
    """``count`` students playing whole paths at once, each with a browser (cookie jar) of their own.

    ``pause``: the seconds each student spends on a page, on average (none: as fast as the server answers).
    """
    # unsafe=True: aiohttp keeps no cookie of a bare IP address otherwise (browsers do)
    sessions = [aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) for _ in range(count)]
    try:
        students = [Student(session, base, f"Student {n + 1}", pause) for n, session in enumerate(sessions)]
        await asyncio.gather(*(student.play() for student in students))
        return students
    finally:
        for session in sessions:
            await session.close()
