"""The kept copy of a story: used only while the story's files are unchanged, never trusted blindly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SCENES, STORIES
from explainer.loader import load_story
from explainer.problems import StoryError
from explainer.story_cache import copy_path, open_story


@pytest.fixture
def story_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(STORIES / "tiny", folder)
    return folder


def test_a_story_opened_twice_is_the_story_loaded(story_folder: Path) -> None:
    first = open_story(story_folder)
    assert copy_path(story_folder).exists()
    assert open_story(story_folder) == first == load_story(story_folder)


@pytest.mark.parametrize("folder", [SCENES, *(STORIES / name for name in ("tiny", "trees", "warnings", "timed"))],
                         ids=lambda p: p.name)
def test_every_story_comes_back_from_its_copy_as_it_was(folder: Path) -> None:
    loaded = load_story(folder)
    open_story(folder)
    assert open_story(folder) == loaded


def test_a_started_app_reads_no_yaml_once_the_story_is_kept(story_folder: Path) -> None:
    code = ("import sys\nfrom explainer.story_cache import open_story\n"
            f"open_story({str(story_folder)!r})\nprint('yaml' in sys.modules)\n")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                           env=dict(os.environ), check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]


def test_an_edited_file_is_read_afresh(story_folder: Path) -> None:
    open_story(story_folder)
    scene = sorted(story_folder.glob("*.md"))[0]
    original = scene.stat()
    scene.write_text(scene.read_text(encoding="utf-8").replace("title:", "title: Edited", 1),
                     encoding="utf-8")
    os.utime(scene, ns=(original.st_atime_ns, original.st_mtime_ns))  # even with the old time
    assert open_story(story_folder) == load_story(story_folder)
    assert any(p.title.startswith("Edited") for p in open_story(story_folder).passages.values())


def test_a_new_or_removed_file_is_read_afresh(story_folder: Path) -> None:
    open_story(story_folder)
    (story_folder / "99-more.md").write_text(
        "---\nid: more\ntitle: More\nending: true\n---\nMore text.\n", encoding="utf-8")
    assert "more" in open_story(story_folder).passages
    (story_folder / "99-more.md").unlink()
    assert "more" not in open_story(story_folder).passages


@pytest.mark.parametrize("damage", ["", "not json", "{}", '{"fingerprint": 1}', "[1, 2]",
                                    '{"fingerprint": "%s", "story": {"passages": [[1]]}}'])
def test_a_damaged_copy_is_read_afresh_and_replaced(story_folder: Path, damage: str) -> None:
    expected = open_story(story_folder)
    path = copy_path(story_folder)
    kept = path.read_text(encoding="utf-8")
    fingerprint = kept.split('"fingerprint":"')[1].split('"')[0]
    path.write_text(damage.replace("%s", fingerprint), encoding="utf-8")
    assert open_story(story_folder) == expected
    assert path.read_text(encoding="utf-8") == kept


def test_a_story_with_problems_is_not_kept(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(STORIES / "broken", folder)
    for _ in range(2):
        with pytest.raises(StoryError):
            open_story(folder)
    assert not copy_path(folder).exists()


def test_a_data_folder_that_cannot_be_written_only_means_no_copy(
        story_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(blocked))
    assert open_story(story_folder) == open_story(story_folder) == load_story(story_folder)
