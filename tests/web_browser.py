"""Driving the web pages in Chromium: a browser for a test, playing a path, reading what a page says."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from conftest import CHROMIUM, CHROMIUM_ARGS
from web_server import WAIT


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Any, **options: Any) -> Any:
    """A page in a browser context of its own (its own cookies: another computer, in effect)."""
    context = browser.new_context(viewport={"width": 1200, "height": 800}, **options)
    context.set_default_timeout(WAIT * 1000)
    return context.new_page()


def sign_in(page: Any, url: str, name: str) -> None:
    """Open the server and sign in by name, with the mouse."""
    page.goto(url + "/")
    page.fill("#name", name)
    page.get_by_role("button", name="Start reading").click()
    page.wait_for_url("**/read*")


def title(page: Any) -> str:
    """The passage's title, as its heading shows it."""
    return str(page.locator("article h1").inner_text())


def choose(page: Any, text: str) -> None:
    """Press the option or choice with these words."""
    page.locator(".choices").get_by_role("button", name=text, exact=True).click()
    page.wait_for_load_state()


def play_to_the_end(page: Any, seen: Any = None) -> list[str]:
    """Play from here to an ending: the first way on each time, every quiz tried until it is right.

    ``seen`` is called with the page after each step (an audit of every page on the path).
    Returns the titles of the passages on the way.
    """
    titles = [title(page)]
    for _ in range(200):
        if page.locator(".summary").count():
            return titles
        legend = page.locator(".choices legend").inner_text()
        buttons = page.locator(".choices button")
        if legend.startswith("Quiz"):
            for index in range(buttons.count()):
                page.locator(".choices button").nth(index).click()
                page.wait_for_load_state()
                if seen is not None:
                    seen(page)
                if page.locator(".choices legend").inner_text() == "Where next?":
                    break
            continue
        buttons.first.click()
        page.wait_for_load_state()
        titles.append(title(page))
        if seen is not None:
            seen(page)
    raise AssertionError(f"no ending reached after {titles}")
