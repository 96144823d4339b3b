"""The story played in Chromium as a student and a teacher would: keyboard, mouse, two browsers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from conftest import REPO
from web_browser import choose, chromium, new_page, sign_in, title
from web_server import TINY, WAIT, needs_chromium, serving


def focused_text(page: Any) -> str:
    return str(page.evaluate("(document.activeElement.innerText || document.activeElement.value || '').trim()"))


def tab_to(page: Any, words: str) -> None:
    """Press Tab until the link or button with these words has the focus."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused_text(page) == words:
            return
    raise AssertionError(f"Tab never reached {words!r}")


def press_enter(page: Any) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_whole_path_by_keyboard_alone_with_nothing_fetched_from_elsewhere(tmp_path: Path) -> None:
    needs_chromium()
    requested: list[str] = []
    with serving(TINY, tmp_path / "serve.log") as served, chromium() as browser:
        page = new_page(browser)
        page.on("request", lambda request: requested.append(request.url))
        page.goto(served.url + "/")
        tab_to(page, "Skip to the main content")  # the first stop, then the name
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "name"
        page.keyboard.type("Kim")
        press_enter(page)
        assert title(page) == "A tiny story"
        tab_to(page, "On the hat")
        press_enter(page)
        feedback = page.locator("#feedback").inner_text()
        assert "Not right yet" in feedback and "No, read it again." in feedback
        assert page.url.endswith("#feedback")
        tab_to(page, "On the mat")
        press_enter(page)
        assert "Yes, the article says so." in page.locator("#feedback").inner_text()
        for words in ("Go on", "Outside", "Go home"):
            tab_to(page, words)
            press_enter(page)
        assert title(page) == "The end"
        text = page.locator("main").inner_text()
        assert "You went outside, you brave cat." in text
        assert "Quizzes right at the first try: 0 of 1" in text
        assert "You chose: Outside" in text
        assert "The end." in page.locator(".progress").inner_text()
    hosts = {urlparse(url).hostname for url in requested}
    assert hosts == {"127.0.0.1"}, requested
    assert any(url.endswith("/static/explainer.css") for url in requested)


def test_a_definition_back_and_forward_and_the_map(tmp_path: Path) -> None:
    needs_chromium()
    with serving(TINY, tmp_path / "serve.log") as served, chromium() as browser:
        page = new_page(browser)
        sign_in(page, served.url, "Lee")
        page.locator("article").get_by_role("link", name="Pet").click()
        assert page.url.endswith("#term-0")
        chosen = page.locator(".glossary dd.chosen")
        assert chosen.inner_text().startswith("An animal kept at home.")
        assert page.locator(".glossary dt.chosen").inner_text() == "Pet"
        choose(page, "On the mat")
        choose(page, "Go on")
        assert title(page) == "Your turn"
        page.get_by_role("button", name="Back").click()
        assert title(page) == "A tiny story"
        assert page.get_by_role("button", name="Back").is_disabled()
        page.get_by_role("button", name="Forward").click()
        assert title(page) == "Your turn"
        page.get_by_role("link", name="Map").click()
        tree = page.locator("main").inner_text()
        assert "Your turn (you are here)" in tree and "A tiny story (on your path)" in tree
        assert "(not yet seen)" in tree and "Outside" not in tree
        page.get_by_role("button", name="A tiny story").click()
        assert title(page) == "A tiny story"
        page.get_by_role("link", name="Your report").click()
        report = page.locator("main").inner_text()
        assert "Pet" in report and "right at the first try" in report


def test_the_accessibility_tree_names_the_question_every_option_and_the_glossary(tmp_path: Path) -> None:
    needs_chromium()
    with serving(TINY, tmp_path / "serve.log") as served, chromium() as browser:
        page = new_page(browser)
        sign_in(page, served.url, "Sam")
        tree = page.locator("body").aria_snapshot()
    assert 'group "Quiz: Where did the cat sit?"' in tree
    assert 'button "On the mat"' in tree and 'button "On the hat"' in tree
    assert 'complementary "Glossary"' in tree
    assert 'heading "A tiny story" [level=1]' in tree
    assert "blockquote" in tree
    assert 'link "Pet"' in tree


def test_a_student_resumes_in_another_browser_by_name_and_the_terminal_reads_the_same_save(tmp_path: Path) -> None:
    needs_chromium()
    with serving(TINY, tmp_path / "serve.log") as served, chromium() as browser:
        first = new_page(browser)
        sign_in(first, served.url, "Ann Lee")
        choose(first, "On the hat")
        choose(first, "On the mat")
        choose(first, "Go on")
        first.context.close()  # the tab closed, its cookie gone
        other = new_page(browser)
        sign_in(other, served.url, "  ann   LEE ")
        assert title(other) == "Your turn"
        other.get_by_role("button", name="Back").click()
        assert "Quiz answered: On the mat" in other.locator("main").inner_text()
    # The server saved it where `--student "Ann Lee"` reads and writes.
    report = subprocess.run(
        [sys.executable, "-m", "explainer", "--scenes", str(TINY), "report", "--student", "Ann Lee"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )
    assert report.returncode == 0, report.stderr
    assert "First answer: *On the hat*, wrong at first, right after 2 tries." in report.stdout


def test_the_teacher_sees_where_everyone_is_and_what_the_class_got_wrong(tmp_path: Path) -> None:
    needs_chromium()
    with serving(TINY, tmp_path / "serve.log") as served, chromium() as browser:
        teacher = new_page(browser)
        teacher.goto(served.teacher_link)
        assert teacher.url == served.url + "/class"
        assert "No student has signed in yet" in teacher.locator("main").inner_text()
        for name, first_answer in (("Ann", "On the hat"), ("Bo", "On the hat"), ("Cy", "On the mat")):
            student = new_page(browser)
            sign_in(student, served.url, name)
            choose(student, first_answer)
            if first_answer != "On the mat":
                choose(student, "On the mat")
            choose(student, "Go on")
            if name == "Cy":
                choose(student, "Stay in")
            student.goto(served.url + "/class")
            assert "This page is for the teacher" in student.locator("main").inner_text()
        teacher.reload()
        text = teacher.locator("main").inner_text()
        assert "3 students, 0 reached the end." in text
        assert "Ann\tSection 1 of 1: A tiny story\tYour turn\t0 of 1" in text
        assert "Cy\tSection 1 of 1: A tiny story\tInside\t1 of 1" in text
        assert "1 of 3 (33%)" in text and "On the hat (2)" in text and "No, read it again." in text
        assert "Stay in\t1 of 1" in text
        assert teacher.evaluate("document.cookie") == ""  # HttpOnly: no script reads the id
        teacher.goto(served.url + "/read")
        assert "The answer key is hidden while the quiz is open." in teacher.locator("#notes").inner_text()
        teacher.get_by_role("button", name="Show the answer key").click()
        assert "Right answer: On the mat" in teacher.locator("#notes").inner_text()
        refused = new_page(browser)
        refused.goto(served.url + "/teacher?key=wrong")
        assert "That teacher link is not right" in refused.locator("main").inner_text()
