"""Generated reports of a class: students who play the real story along mixed paths."""

from __future__ import annotations

import json
import random
from pathlib import Path

from conftest import SCENES

from explainer.reader.journey import Journey
from explainer.reader.option_order import reader_seed
from explainer.reader.report_data import build_report
from explainer.story.loader import load_story


class Clock:
    """A clock the generator moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def play_student(name: str, rng: random.Random) -> dict[str, object]:
    """One student's report: random answers and decisions, a few terms, some time per passage."""
    story = load_story(SCENES)
    clock = Clock()
    journey = Journey(story, seed=reader_seed(name), clock=clock, now=lambda: "2025-03-04T10:00:00+00:00")
    steps = rng.randint(8, 200)
    for _ in range(steps):
        choices = journey.choices()
        if not choices:
            break
        clock.now += rng.uniform(10, 120)
        if rng.random() < 0.2 and story.terms:
            journey.look_up(rng.choice(story.terms).name)
        journey.choose(rng.choice(choices))
    return build_report(journey, name)


def write_class(folder: Path, students: int = 30) -> list[Path]:
    """Reports of ``students`` students, one from an older story, and one broken file."""
    rng = random.Random(13)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(students):
        report = play_student(f"Student {number + 1}", rng)
        if number == 0:  # from an older story: a quiz and an option since removed
            report["quizzes"].append(
                {**report["quizzes"][0], "passage": "old-quiz", "first_answer_id": "gone", "title": "Old"}
            )
            report["terms_looked_up"].append("Old term")
        path = folder / f"student-{number + 1:02d}.json"
        path.write_text(json.dumps(report, indent=2), encoding="utf-8")
        paths.append(path)
    (folder / "broken.json").write_text('{"format": "explainer-report", "version": 2', encoding="utf-8")
    return paths
