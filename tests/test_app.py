"""The app, driven by keys as a reader would, against a small fixture story."""

from __future__ import annotations

from conftest import STORIES, screen_text

from explainer.story.loader import load_story
from explainer.tui.app import ExplainerApp
from explainer.tui.screens.help import HelpScreen
from explainer.tui.screens.story import StoryScreen


def make_app() -> ExplainerApp:
    return ExplainerApp(load_story(STORIES / "tiny"))


async def test_the_first_passage_shows_article_question_and_where_we_are() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StoryScreen)
        text = screen_text(app)
        assert "Section 1 of 1: A tiny story" in text
        assert "The cat sat on the mat." in text
        assert "Where did the cat sit?" in text
        assert "1. On the mat" in text and "2. On the hat" in text
        assert "Glossary" in text and "Pet" in text


async def test_a_wrong_answer_explains_and_lets_the_reader_try_again() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        text = screen_text(app)
        assert "\u2717 No, read it again. Try again." in text
        assert "1. On the mat" in text
        await pilot.press("1")
        text = screen_text(app)
        assert "\u2713 Yes, the article says so." in text
        assert "1. Go on" in text


async def test_options_are_picked_by_a_click_on_any_of_their_letters() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        async def click(text: str) -> str:
            rows = screen_text(app).splitlines()
            row = next(y for y, line in enumerate(rows) if text in line)
            await pilot.click(offset=(rows[row].index(text) + len(text) - 1, row))
            await pilot.pause()
            return screen_text(app)

        text = await click("2. On the hat")
        assert "\u2717 No, read it again. Try again." in text
        text = await click("1. On the mat")
        assert "\u2713 Yes, the article says so." in text
        assert "On the hat" not in text


async def test_a_whole_path_by_keys_remembers_the_decision_at_the_end() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "1")  # quiz right, go on
        assert "You are the cat." in screen_text(app)
        await pilot.press("down", "enter")  # choose "Stay in" with arrows and Enter
        assert "It is warm inside." in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        assert "The end" in text
        assert "You stayed in." in text and "You went outside" not in text


async def test_the_ending_lists_decisions_quizzes_and_branches_not_taken() -> None:
    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("1", "1", "1", "1")
        await pilot.pause()
        text = screen_text(app)
        assert "You went outside, you brave cat." in text
        assert "You chose: Outside" in text
        assert "Quizzes right at the first try: 1 of 1" in text
        assert "Branches not taken" in text and "Stay in" in text


async def test_choosing_a_term_in_the_panel_shows_its_definition() -> None:
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.press("g", "enter")  # g moves to the glossary's terms
        await pilot.pause()
        assert "An animal kept at home." in screen_text(app)  # the whole definition, over the story
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        assert "Pet" in screen.journey.looked_up


async def test_g_hides_and_shows_the_glossary_panel() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.screen.query_one("#glossary")
        await pilot.press("g")  # to the terms
        await pilot.pause()
        assert app.focused is panel.query_one("#terms")
        await pilot.press("g")  # away with the panel
        await pilot.pause()
        assert not panel.display
        assert "Tab here" not in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        assert panel.display
        assert "Tab here" in screen_text(app)
        assert app.focused is panel.query_one("#terms")  # g moves to the terms


async def test_g_shows_the_glossary_on_a_narrow_screen_where_it_starts_hidden() -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert "Tab here" not in screen_text(app)  # no room for it beside the text at first
        await pilot.press("g")
        await pilot.pause()
        assert "Glossary" in screen_text(app) and "Tab here" in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        assert "Tab here" not in screen_text(app)


async def test_back_and_forward_move_through_history() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        assert screen.check_action("back", ()) is False  # hidden: it can do nothing yet
        await pilot.press("1", "1")
        assert "Your turn" in screen_text(app)
        await pilot.press("b")
        assert "A tiny story" in screen_text(app) and "1. Go on" in screen_text(app)
        await pilot.press("f")
        assert "You wake up on the mat." in screen_text(app)


async def test_start_over_asks_first() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "1", "r")
        await pilot.pause()
        assert "Start over from the beginning?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert "Your turn" in screen_text(app)
        await pilot.press("r", "y")
        await pilot.pause()
        assert "Where did the cat sit?" in screen_text(app)


async def test_help_lists_the_keys_and_closes_with_escape() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "move to its terms" in text
        assert "Escape closes this help" in text.splitlines()[1]  # at the top, not below the fold
        assert "Esc Close help" in text.splitlines()[-1]
        await pilot.press("pagedown")
        await pilot.pause()
        assert "q, Ctrl+Q" in screen_text(app)  # the rest, by keys
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StoryScreen)


async def test_q_quits() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_the_footer_shows_the_keys() -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for label in ("Choose", "Terms", "Quit", "Help"):
            assert label in footer
        assert "Back" not in footer  # nothing to go back to yet
        await pilot.press("1", "1")
        await pilot.pause()
        assert "b Back" in screen_text(app).splitlines()[-1]


async def test_number_keys_beyond_the_choices_do_nothing() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("9", "0", "x")
        assert "Where did the cat sit?" in screen_text(app)


async def test_no_network_connection_is_made(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import socket

    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network use is not allowed in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "1", "g", "enter", "escape", "1", "1")
        await pilot.pause()
        assert "The end" in screen_text(app)
    assert attempts == []


async def test_no_color_turns_colour_off(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        from textual.filter import Monochrome, NoColor

        filters = [f for f in app.get_line_filters() if isinstance(f, (NoColor, Monochrome))]
        assert filters, "NO_COLOR should install a colour-removing filter"
        seen = ""
        for strip in app.screen._compositor.render_strips():
            for segment in filters[0].apply(list(strip), app.screen.styles.background):
                seen += segment.text
                style = segment.style
                if isinstance(filters[0], NoColor) and style is not None:
                    assert style.color is None or style.color.is_default
        assert "The cat sat on the mat." in seen
