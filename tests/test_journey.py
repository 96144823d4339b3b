"""The journey: choices, quizzes, flags, history and the reader's path."""

from __future__ import annotations

import pytest
from conftest import STORIES

from explainer.reader.history import History, Step
from explainer.reader.journey import Journey
from explainer.reader.shown import passage_markdown, where
from explainer.reader.summary import path_summary
from explainer.story.loader import load_story


@pytest.fixture
def journey() -> Journey:
    return Journey(load_story(STORIES / "tiny"))


def texts(journey: Journey) -> list[str]:
    return [choice.text for choice in journey.choices()]


def test_a_quiz_keeps_the_reader_until_answered_right(journey: Journey) -> None:
    assert journey.passage.id == "start"
    assert texts(journey) == ["On the mat", "On the hat"]
    wrong = journey.choose(journey.choices()[1])
    assert wrong is not None and not wrong.correct and wrong.option.feedback == "No, read it again."
    assert journey.passage.id == "start"
    right = journey.choose(journey.choices()[0])
    assert right is not None and right.correct and not right.first_try
    assert texts(journey) == ["Go on"]
    assert journey.first_try_results() == {"start": False}


def test_right_at_the_first_try_is_remembered(journey: Journey) -> None:
    answer = journey.choose(journey.choices()[0])
    assert answer is not None and answer.first_try
    assert journey.first_try_results() == {"start": True}


def play_to_end(journey: Journey, decision: int) -> None:
    journey.choose(journey.choices()[0])  # right quiz answer
    journey.choose(journey.choices()[0])  # go on
    journey.choose(journey.choices()[decision])
    journey.choose(journey.choices()[0])


def test_a_decision_sets_a_flag_that_the_ending_remembers(journey: Journey) -> None:
    play_to_end(journey, 0)
    assert journey.passage.id == "end"
    assert journey.flags == {"went-out"}
    assert "You went outside" in journey.passage.body(journey.flags)
    assert "You stayed in" not in journey.passage.body(journey.flags)


def test_the_other_branch_leaves_the_flag_unset(journey: Journey) -> None:
    play_to_end(journey, 1)
    assert journey.flags == frozenset()
    assert journey.passage.body(journey.flags) == "You stayed in."


def test_going_back_past_a_choice_takes_its_flag_back(journey: Journey) -> None:
    play_to_end(journey, 0)
    assert journey.back() and journey.back()
    assert journey.passage.id == "choose"
    assert journey.flags == frozenset()
    assert journey.forward() and journey.forward()
    assert journey.flags == {"went-out"}
    assert not journey.forward()


def test_choosing_after_going_back_drops_the_old_future(journey: Journey) -> None:
    play_to_end(journey, 0)
    journey.back()
    journey.back()
    journey.choose(journey.choices()[1])
    assert journey.passage.id == "inside"
    assert not journey.history.can_go_forward


def test_decisions_list_the_branches_not_taken(journey: Journey) -> None:
    play_to_end(journey, 1)
    [decision] = journey.decisions()
    assert decision.chosen.text == "Stay in"
    assert [o.text for o in decision.not_taken] == ["Outside"]


def test_a_choice_not_on_offer_is_refused(journey: Journey) -> None:
    story = journey.story
    with pytest.raises(ValueError):
        journey.choose(story.passages["outside"].choices[0])


def test_revisit_only_goes_to_visited_passages(journey: Journey) -> None:
    play_to_end(journey, 0)
    journey.revisit("start")
    assert journey.passage.id == "start"
    with pytest.raises(ValueError):
        journey.revisit("inside")


def test_history_back_and_forward_report_whether_they_moved() -> None:
    history = History([Step("a")])
    assert not history.back()
    history.go(Step("b", "a"))
    assert history.back() and not history.back()
    assert history.forward() and not history.forward()


def test_the_summary_shows_the_readers_own_path(journey: Journey) -> None:
    play_to_end(journey, 0)
    journey.look_up("Pet")
    summary = path_summary(journey)
    assert "You chose: *Outside*" in summary
    assert "Quizzes right at the first try: 1 of 1" in summary
    assert "Pet" in summary
    assert "*Stay in*" in summary


def test_the_article_is_quoted_and_the_place_is_named(journey: Journey) -> None:
    markdown = passage_markdown(journey.passage, journey.flags)
    assert "> The cat sat on the mat." in markdown
    assert where(journey.story, journey.passage) == "Section 1 of 1: A tiny story"


def test_feedback_says_the_verdict_once() -> None:
    from explainer.reader.journey import Answer
    from explainer.reader.shown import feedback_line
    from explainer.story.model import Choice

    def line(correct: bool, feedback: str) -> str:
        return feedback_line(Answer(Choice("x", correct=correct, feedback=feedback), correct, False))

    assert line(True, "Right. Prosecutors charge.") == "Right. Prosecutors charge."
    assert line(True, "Prosecutors charge.") == "Right. Prosecutors charge."
    assert line(False, "No. A jury decides guilt.") == "No. A jury decides guilt. Try again."
    assert line(False, "The FBI investigates.") == "Not quite. The FBI investigates. Try again."
    assert line(True, "") == "Right."
