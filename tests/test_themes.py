"""Themes: Textual's own, a high-contrast one for projectors, and remembering the choice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import STORIES, screen_text
from textual.color import Color

from explainer.reader.settings import Settings, load_settings, save_settings, settings_path
from explainer.story.loader import load_story
from explainer.tui.app import ExplainerApp
from explainer.tui.screens.help import KEYS
from explainer.tui.themes import CYCLE, HIGH_CONTRAST, next_theme


def make_app() -> ExplainerApp:
    return ExplainerApp(load_story(STORIES / "tiny"))


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two colours."""

    def luminance(colour: str) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        red, green, blue = Color.parse(colour).rgb
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_high_contrast_theme_has_strong_contrast_everywhere() -> None:
    background = HIGH_CONTRAST.background or ""
    assert contrast(HIGH_CONTRAST.foreground or "", background) >= 7
    for colour in (
        HIGH_CONTRAST.primary,
        HIGH_CONTRAST.accent,
        HIGH_CONTRAST.error,
        HIGH_CONTRAST.success,
        HIGH_CONTRAST.warning,
    ):
        assert contrast(colour or "", background) >= 7, colour
    assert contrast(HIGH_CONTRAST.panel or "", HIGH_CONTRAST.foreground or "") >= 7
    cursor = HIGH_CONTRAST.variables
    assert contrast(cursor["block-cursor-background"], cursor["block-cursor-foreground"]) >= 7


def test_t_steps_through_dark_light_and_high_contrast() -> None:
    assert [next_theme(name) for name in CYCLE] == [*CYCLE[1:], CYCLE[0]]
    assert next_theme("nord") == CYCLE[0]


async def test_the_theme_key_switches_and_the_choice_is_remembered(private_data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert not settings_path().exists()  # starting up writes nothing
        await pilot.press("t", "t")
        await pilot.pause()
        assert app.theme == "high-contrast"
    assert settings_path().parent == private_data_dir
    assert json.loads(settings_path().read_text())["theme"] == "high-contrast"
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "high-contrast"
        assert "A tiny story" in screen_text(again)


async def test_a_theme_chosen_elsewhere_is_remembered_too() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert load_settings().theme == "nord"


async def test_a_damaged_or_unknown_setting_falls_back_to_the_default() -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("{not json")
    assert load_settings() == Settings()
    settings_path().write_text(json.dumps({"theme": "no-such-theme"}))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"


def test_saving_keeps_other_settings() -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(json.dumps({"theme": "nord", "other": 3}))
    save_settings(Settings(theme="dracula"))
    assert json.loads(settings_path().read_text()) == {"theme": "dracula", "other": 3}


async def test_a_data_folder_that_cannot_be_written_only_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(blocker / "inside-a-file"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert app.theme == "textual-light"
        assert any("not be remembered" in str(n.message) for n in app._notifications)


async def test_the_theme_key_is_in_the_footer_of_a_wide_screen_and_in_help() -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert "t Theme" in screen_text(app).splitlines()[-1]
    assert any(key == "t" and "theme" in meaning for key, meaning in KEYS)


async def test_an_unwritable_data_folder_is_said_once_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    from explainer.tui import app as app_module

    def refuse(settings: object) -> None:
        raise PermissionError(13, "Permission denied", "/data/.settings.json.tmp")

    monkeypatch.setattr(app_module, "save_settings", refuse)
    app = ExplainerApp(load_story(STORIES / "tiny"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t", "t", "t", "t")
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        said = [message for message in notices if "not be remembered" in message]
        assert len(said) == 1 and "Errno" not in said[0] and ".tmp" not in said[0]
