"""Every kind of web page checked by axe-core (WCAG 2.2 A and AA) and html-validate, in Chromium."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SCENES
from web_browser import choose, chromium, new_page, play_to_the_end, sign_in
from web_server import AXE, HTML_VALIDATE, TINY, WAIT, needs_chromium, needs_npm, serving

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
HTML_VALIDATE_CONFIG = REPO / "tests" / "web" / "htmlvalidate.json"
"""html-validate's recommended rules, less ``long-title``: a passage's title is the author's."""


class Audit:
    """Runs axe on each page a browser shows and keeps each page's HTML as the server sent it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.violations: dict[str, list[str]] = {}
        self.pages: dict[str, str] = {}
        self.sources: dict[str, str] = {}

    def watch(self, page: Any) -> None:
        """Keep the HTML of every document the page loads, as it came from the server."""

        def document(response: Any) -> None:
            if response.request.resource_type == "document" and response.status != 303:
                self.sources[page.url] = response.text()

        page.on("response", document)

    def check(self, page: Any, name: str) -> None:
        """Run axe on the page now shown, and save its HTML under ``name`` for html-validate."""
        page.wait_for_load_state()
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        found = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        if found:
            self.violations[name] = found
        self.pages[name] = page.url
        source = self.sources.get(page.url)
        if source is not None:
            (self.folder / f"{len(self.pages):02d}-{name.replace(' ', '-')}.html").write_text(source, encoding="utf-8")

    def validate(self) -> str:
        """What html-validate says of every page kept (empty when all are valid)."""
        files = sorted(str(path) for path in self.folder.glob("*.html"))
        assert files, "no page was kept for html-validate"
        result = subprocess.run(
            [str(HTML_VALIDATE), "--config", str(HTML_VALIDATE_CONFIG), *files],
            capture_output=True,
            text=True,
            timeout=WAIT * 4,
        )
        return "" if result.returncode == 0 else result.stdout + result.stderr


def tour(page: Any, audit: Audit, url: str, teacher_link: str) -> None:
    """Show every kind of page of the tiny story, a student's and the teacher's, auditing each."""
    page.goto(url + "/")
    audit.check(page, "sign in")
    page.fill("#name", "   ")
    page.get_by_role("button", name="Start reading").click()
    audit.check(page, "sign in with a problem")
    sign_in(page, url, "Ann <b>&amp;")
    audit.check(page, "quiz")
    choose(page, "On the hat")
    audit.check(page, "wrong answer")
    page.get_by_role("link", name="Pet").first.click()
    audit.check(page, "definition")
    choose(page, "On the mat")
    audit.check(page, "right answer")
    choose(page, "Go on")
    audit.check(page, "decision")
    for name in ("Map", "Your report", "Help"):
        page.get_by_role("navigation", name="Pages").get_by_role("link", name=name).click()
        audit.check(page, name.lower())
    page.get_by_role("link", name="Start over from the beginning").click()
    audit.check(page, "start over")
    page.goto(url + "/read")
    choose(page, "Outside")
    choose(page, "Go home")
    audit.check(page, "ending")
    page.goto(url + "/map")
    audit.check(page, "map after the end")
    page.goto(url + "/no-such-page")
    audit.check(page, "no such page")
    page.goto(teacher_link)
    audit.check(page, "class")
    page.get_by_role("button", name="Stop refreshing").click()
    audit.check(page, "class, not refreshing")
    page.goto(url + "/read")
    audit.check(page, "teacher reading, key hidden")
    page.get_by_role("button", name="Show the answer key").click()
    audit.check(page, "teacher reading, key shown")


@pytest.mark.parametrize(
    ("theme", "media"),
    [("auto", {}), ("auto", {"color_scheme": "dark"}), ("auto", {"contrast": "more"}), ("dark", {}), ("contrast", {})],
)
def test_every_kind_of_page_has_no_wcag_violation_and_is_valid_html(
    tmp_path: Path, theme: str, media: dict[str, str]
) -> None:
    """Every page type, in each theme: chosen on the help page, or following the browser's settings."""
    needs_chromium()
    needs_npm(AXE)
    needs_npm(HTML_VALIDATE)
    audit = Audit(tmp_path)
    with serving(TINY, tmp_path / "serve.log") as served, chromium() as browser:
        page = new_page(browser, bypass_csp=True)  # axe is injected as a script of the page
        page.emulate_media(**media)
        audit.watch(page)
        if theme != "auto":
            sign_in(page, served.url, "Theme setter")
            page.goto(served.url + "/help")
            page.get_by_label(
                {"dark": "Dark", "contrast": "High contrast", "light": "Light"}[theme], exact=True
            ).check()
            page.get_by_role("button", name="Use this theme").click()
            page.get_by_role("button", name="Sign out").click()
        tour(page, audit, served.url, served.teacher_link)
    assert len(audit.pages) >= 18
    assert audit.violations == {}, json.dumps(audit.violations, indent=1)
    if theme == "auto" and not media:
        assert audit.validate() == ""


def test_the_real_story_has_no_wcag_violation_on_a_whole_path(tmp_path: Path) -> None:
    """Every passage on a path through the real story, and every quiz answer on the way."""
    needs_chromium()
    needs_npm(AXE)
    needs_npm(HTML_VALIDATE)
    audit = Audit(tmp_path)
    with serving(SCENES, tmp_path / "serve.log") as served, chromium() as browser:
        page = new_page(browser, bypass_csp=True)
        audit.watch(page)
        sign_in(page, served.url, "Ann")
        audit.check(page, "first passage")
        titles = play_to_the_end(page, lambda shown: audit.check(shown, f"step {len(audit.pages)}"))
    assert len(titles) > 8
    assert audit.violations == {}, json.dumps(audit.violations, indent=1)
    assert audit.validate() == ""
