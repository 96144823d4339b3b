"""A class summary from the JSON reports a teacher collected: read, checked, matched to the story by ids."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explainer.reader.shown import where
from explainer.story.files import make_visible
from explainer.story.model import Story

SCHEMA = Path(__file__).with_name("report.schema.json")


@dataclass(frozen=True)
class QuizResult:
    """How the class did at one quiz, and the wrong answer chosen first most often."""

    passage: str
    title: str
    answered: int
    right_first: int
    common_wrong: str = ""
    common_wrong_count: int = 0
    common_wrong_feedback: str = ""

    @property
    def rate(self) -> float:
        """The share right at the first try (0 to 1)."""
        return self.right_first / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class DecisionSpread:
    """How many took each option of a decision."""

    passage: str
    title: str
    counts: list[tuple[str, int]]


@dataclass(frozen=True)
class SectionTime:
    """Active reading time in one section across the class, in seconds."""

    label: str
    median: float
    low: float
    high: float
    students: int


@dataclass
class ClassSummary:
    """What a teacher learns from a class's reports."""

    students: int = 0
    finished: int = 0
    quizzes: list[QuizResult] = field(default_factory=list)
    decisions: list[DecisionSpread] = field(default_factory=list)
    terms: list[tuple[str, int]] = field(default_factory=list)
    times: list[SectionTime] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    """What the reports name that the story no longer has (older or edited story)."""
    skipped: list[str] = field(default_factory=list)
    """One line per file that could not be read, saying why."""


def read_reports(paths: list[Path]) -> tuple[list[dict[str, Any]], list[str]]:
    """The reports in these files and folders (``*.json`` in a folder), and a line per bad file."""
    import jsonschema  # only the class summary needs it

    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.json")) if path.is_dir() else [path]
    reports, skipped = [], []
    for file in files:
        shown = make_visible(str(file))
        try:
            data = json.loads(file.read_text(encoding="utf-8"), parse_constant=_refuse)
        except OSError as error:
            skipped.append(f"{shown}: cannot be read ({error.strerror or error}); skipped.")
            continue
        except (UnicodeDecodeError, ValueError, RecursionError):
            skipped.append(f"{shown}: not a JSON report; skipped.")
            continue
        mismatch = jsonschema.exceptions.best_match(validator.iter_errors(data))
        if mismatch is not None:
            place = "/".join(str(part) for part in mismatch.absolute_path) or "the top"
            skipped.append(f"{shown}: not an explainer report (at {make_visible(place)}); skipped.")
            continue
        if data["format"] == "explainer-report-set":
            finished = [report for report in data["reports"] if report["finished"]]
            data = (finished or data["reports"])[-1]
        reports.append(data)
    return reports, skipped


def _refuse(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def summarise(story: Story, reports: list[dict[str, Any]]) -> ClassSummary:
    """The class summary of these reports, matched to ``story`` by passage and option ids."""
    summary = ClassSummary(students=len(reports), finished=sum(report["finished"] for report in reports))
    gone: dict[str, None] = {}
    firsts: dict[str, Counter[str]] = {}
    for report in reports:
        for quiz in report["quizzes"]:
            firsts.setdefault(quiz["passage"], Counter())[quiz["first_answer_id"]] += 1
    for passage_id, counts in firsts.items():
        passage = story.passages.get(passage_id)
        question = passage.question if passage else None
        if passage is None or question is None or not question.is_quiz:
            gone[f"quiz {passage_id}"] = None
            continue
        right = sum(n for option_id, n in counts.items() if (o := question.option_with_id(option_id)) and o.correct)
        wrong = [
            (n, option_id)
            for option_id, n in counts.items()
            if not ((o := question.option_with_id(option_id)) and o.correct)
        ]
        for _n, option_id in wrong:
            if question.option_with_id(option_id) is None:
                gone[f"option {option_id} of quiz {passage_id}"] = None
        known_wrong = sorted(((n, i) for n, i in wrong if question.option_with_id(i)), key=lambda x: (-x[0], x[1]))
        result = QuizResult(passage_id, passage.title, sum(counts.values()), right)
        if known_wrong:
            count, option_id = known_wrong[0]
            option = question.option_with_id(option_id)
            assert option is not None
            result = QuizResult(passage_id, passage.title, result.answered, right, option.text, count, option.feedback)
        summary.quizzes.append(result)
    order = list(story.passages)
    summary.quizzes.sort(key=lambda q: order.index(q.passage))
    chosen: dict[str, Counter[str]] = {}
    for report in reports:
        for decision in report["decisions"]:
            chosen.setdefault(decision["passage"], Counter())[decision["chosen_id"]] += 1
    for passage in story.passages.values():
        question = passage.question
        if question is None or question.is_quiz or passage.id not in chosen:
            continue
        counts = chosen[passage.id]
        summary.decisions.append(
            DecisionSpread(passage.id, passage.title, [(o.text, counts[o.id]) for o in question.options])
        )
        for option_id in counts:
            if question.option_with_id(option_id) is None:
                gone[f"option {option_id} of decision {passage.id}"] = None
    for passage_id in chosen:
        passage = story.passages.get(passage_id)
        if passage is None or passage.question is None or passage.question.is_quiz:
            gone[f"decision {passage_id}"] = None
    terms: Counter[str] = Counter()
    for report in reports:
        for name in report["terms_looked_up"]:
            term = story.term_named(name)
            if term is None:
                gone[f"term {name}"] = None
            else:
                terms[term.name] += 1
    summary.terms = sorted(terms.items(), key=lambda item: (-item[1], item[0]))[:10]
    summary.times = _times(story, reports)
    summary.gone = list(gone)
    return summary


def _times(story: Story, reports: list[dict[str, Any]]) -> list[SectionTime]:
    """Time per section, matched by section number, labelled as the story now calls the section."""
    labels = {
        0 if not p.ending else story.section_count + 1: where(story, p)
        for p in story.passages.values()
        if p.section == 0 or p.ending
    }
    labels.update({p.section: where(story, p) for p in story.passages.values() if p.section and not p.ending})
    seconds: dict[int, list[float]] = {}
    for report in reports:
        for entry in report["time_per_section"]:
            seconds.setdefault(entry["number"], []).append(entry["seconds"])
    return [
        SectionTime(
            labels.get(number, f"Section {number} (no longer in the story)"),
            statistics.median(values),
            min(values),
            max(values),
            len(values),
        )
        for number, values in sorted(seconds.items())
    ]
