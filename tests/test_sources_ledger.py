"""The claims ledger in docs/sources.md names only passages that exist, in the files it says."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO, SCENES

from explainer.story.loader import load_story

LEDGER = REPO / "docs" / "sources.md"
# A place is written `file` / `id`, `id`, ... (more ids of the same file follow with commas).
PLACE = re.compile(r"`(\d\d-[\w-]+\.md)` / ((?:`[\w-]+`(?: \([^)]*\))?(?:, | and )?)+)")
ID = re.compile(r"`([\w-]+)`")


def places() -> list[tuple[str, str]]:
    found = []
    for match in PLACE.finditer(LEDGER.read_text(encoding="utf-8")):
        found += [(match.group(1), pid) for pid in ID.findall(match.group(2))]
    return found


def test_the_ledger_names_places_in_the_story() -> None:
    assert len(places()) >= 50


def test_every_passage_in_the_ledger_exists_in_the_file_it_names() -> None:
    story = load_story(SCENES)
    for file, pid in places():
        assert pid in story.passages, f"{file} / {pid}: no such passage"
        assert Path(story.passages[pid].file).name == file, f"{pid} is not in {file}"


def test_every_question_passage_with_an_article_difference_is_in_the_ledger() -> None:
    story = load_story(SCENES)
    named = {pid for _, pid in places()}
    quizzes = {pid for pid, p in story.passages.items() if p.question is not None and p.question.is_quiz}
    assert quizzes - named <= {"headline", "who-wrote", "amended"}
