"""The class summary of collected reports: schema-checked, matched by ids, in the terminal and in a browser."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from class_reports import write_class
from conftest import CHROMIUM, CHROMIUM_ARGS, SCENES
from rich.console import Console

from explainer.cli import main
from explainer.outputs.class_data import SCHEMA, read_reports, summarise
from explainer.outputs.class_view import print_summary
from explainer.story.loader import load_story


def test_every_generated_report_matches_the_schema(tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    for path in write_class(tmp_path):
        errors = list(validator.iter_errors(json.loads(path.read_text())))
        assert errors == [], (path, errors[:1])


def test_the_class_summary_of_thirty_students(tmp_path: Path) -> None:
    write_class(tmp_path)
    reports, skipped = read_reports([tmp_path])
    assert len(reports) == 30 and len(skipped) == 1 and "broken.json: not a JSON report; skipped." in skipped[0]
    summary = summarise(load_story(SCENES), reports)
    assert summary.students == 30 and 0 <= summary.finished <= 30
    assert summary.quizzes and all(0 <= q.right_first <= q.answered for q in summary.quizzes)
    wrong = [q for q in summary.quizzes if q.common_wrong]
    assert wrong and all(q.common_wrong_feedback for q in wrong)
    assert "quiz old-quiz" in summary.gone and "term Old term" in summary.gone
    assert summary.decisions and all(sum(n for _t, n in d.counts) > 0 for d in summary.decisions)
    assert all(s.low <= s.median <= s.high for s in summary.times)
    console = Console(file=io.StringIO(), width=140, color_system=None)
    print_summary(summary, console)
    printed = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Class summary: 30 reports" in printed and "Wrong answer chosen most" in printed
    assert wrong[0].common_wrong in printed and "\u2588" in printed


def test_the_class_command_writes_a_page_and_says_which_files_it_skipped(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    write_class(tmp_path / "reports")
    assert main(["class", str(tmp_path / "reports"), "-o", str(tmp_path / "class.html")]) == 0
    err = capsys.readouterr().err
    assert "broken.json: not a JSON report; skipped." in err
    page = (tmp_path / "class.html").read_text()
    assert page.count("<svg") >= 3 and "http" not in page.replace("http-equiv", "")


def test_the_class_page_renders_in_chromium_with_no_request(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"needs Debian's chromium at {CHROMIUM}")
    playwright = pytest.importorskip("playwright.sync_api")
    write_class(tmp_path / "reports")
    assert main(["class", str(tmp_path / "reports"), "-o", str(tmp_path / "class.html")]) == 0
    requests: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto((tmp_path / "class.html").as_uri())
        charts = page.locator("svg.chart")
        assert charts.count() >= 3
        assert page.locator("svg.chart rect.bar").count() > 10
        box = charts.first.bounding_box()
        assert box is not None and box["width"] > 300
        browser.close()
    assert requests == [(tmp_path / "class.html").as_uri()]


def test_the_class_command_never_prints_a_control_character(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    write_class(tmp_path / "reports")
    (tmp_path / "reports" / "Ann\x1b[2J.json").write_text("not json", encoding="utf-8")
    assert main(["class", str(tmp_path / "reports")]) == 0
    captured = capsys.readouterr()
    assert "Ann\u241b[2J.json" in captured.err
    assert "\x1b" not in captured.out + captured.err
