"""Each reader sees a quiz's options in an order of their own, kept on going back and after resuming."""

from __future__ import annotations

import io

from conftest import SCENES, STORIES

from explainer.outputs.line_mode import LinePlayer
from explainer.reader.journey import Journey
from explainer.reader.option_order import reader_seed
from explainer.reader.saves import SaveSlot
from explainer.story.loader import load_story

SHUFFLED = STORIES / "shuffled"


def shown_texts(journey: Journey) -> list[str]:
    return [option.text for option in journey.choices()]


def test_the_order_is_stable_per_reader_and_differs_between_readers() -> None:
    story = load_story(SHUFFLED)
    ann = [shown_texts(Journey(story, seed=reader_seed("Ann"))) for _ in range(3)]
    assert ann[0] == ann[1] == ann[2]
    assert shown_texts(Journey(story, seed=reader_seed("  ANN "))) == ann[0]  # the same save, the same order
    orders = {tuple(shown_texts(Journey(story, seed=reader_seed(name)))) for name in ("Ann", "Ben", "Cleo", "Dev")}
    assert len(orders) > 1
    file_order = [o.text for o in story.passages["quiz"].question.options]  # type: ignore[union-attr]
    assert sorted(ann[0]) == sorted(file_order)


def test_a_pinned_option_keeps_its_place_for_every_reader() -> None:
    story = load_story(SHUFFLED)
    for number in range(40):
        assert shown_texts(Journey(story, seed=f"reader {number}"))[4] == "None of these"


def test_the_right_answer_is_not_always_in_one_place() -> None:
    story = load_story(SCENES)
    places = set()
    for name in ("Ann", "Ben", "Cleo", "Dev", "Eli"):
        journey = Journey(story, seed=reader_seed(name))
        for passage in story.passages.values():
            if passage.question is not None and passage.question.is_quiz:
                shown = journey.options_shown(passage)
                places.add(next(i for i, option in enumerate(shown) if option.correct))
    assert len(places) >= 3


def test_back_and_forward_and_a_resume_keep_the_order(tmp_path: object) -> None:
    story = load_story(SHUFFLED)
    slot = SaveSlot(story, "Ann")
    journey = Journey(story, seed=reader_seed("Ann"))
    first = shown_texts(journey)
    journey.choose(next(c for c in journey.choices() if c.correct))
    journey.choose(journey.choices()[0])
    assert journey.back()
    assert [o.text for o in journey.options_shown(story.passages["quiz"])] == first
    slot.save(journey)
    loaded, notices = SaveSlot(story, "Ann").load()
    assert notices == [] and loaded is not None
    assert loaded.orders == journey.orders
    assert [o.text for o in loaded.options_shown(story.passages["quiz"])] == first


def test_a_save_without_orders_still_loads_with_the_readers_order() -> None:
    story = load_story(SHUFFLED)
    slot = SaveSlot(story, "Ann")
    journey = Journey(story, seed=reader_seed("Ann"))
    slot.save(journey)
    import json

    data = json.loads(slot.path.read_text())
    data["version"] = 1
    data["journey"] = {"steps": [{"passage": "quiz", "from": ""}], "at": 0, "attempts": {"quiz": ["The FBI"]}}
    slot.path.write_text(json.dumps(data))
    loaded, notices = SaveSlot(story, "Ann").load()
    assert notices == [] and loaded is not None
    assert loaded.tries == {"quiz": ["the-fbi"]}  # an old save named answers by their text
    assert shown_texts(loaded) == shown_texts(journey)


def test_number_keys_in_line_mode_choose_by_the_position_shown() -> None:
    story = load_story(SHUFFLED)
    shown = shown_texts(Journey(story, seed=reader_seed("Ann")))
    right = shown.index("Federal prosecutors") + 1
    output = io.StringIO()
    player = LinePlayer(
        story,
        slot=SaveSlot(story, "Ann"),
        input=io.StringIO(f"{right}\nq\n"),
        output=output,
        errors=io.StringIO(),
        width=80,
    )
    assert player.run() == 0
    printed = output.getvalue()
    for number, text in enumerate(shown, start=1):
        assert f"{number}. {text}" in printed
    assert "\nRight. Prosecutors bring the charges." in printed and "\u2713" not in printed
