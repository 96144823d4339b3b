"""Preferences remembered between runs, in a small JSON file in the user's data folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explainer.reader.storage import atomic_write_text, data_dir

SETTINGS_FILE = "settings.json"


def settings_path() -> Path:
    """Where the settings are kept."""
    return data_dir() / SETTINGS_FILE


@dataclass(frozen=True)
class Settings:
    """The remembered preferences."""

    theme: str = ""


def _read_raw(path: Path) -> dict[str, Any]:
    """The settings file as a mapping; empty when it is missing or unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    import json  # here: most starts have no settings file to read

    try:
        raw = json.loads(text)
    except ValueError:
        return {}
    return raw if isinstance(raw, dict) else {}


def load_settings(path: Path | None = None) -> Settings:
    """The remembered preferences; the defaults for anything missing or damaged."""
    raw = _read_raw(path or settings_path())
    theme = raw.get("theme")
    return Settings(theme=theme if isinstance(theme, str) else "")


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Remember the preferences, keeping any other keys the file holds.

    Raises:
        OSError: when the data folder cannot be written.
    """
    path = path or settings_path()
    raw = _read_raw(path)
    raw["theme"] = settings.theme
    import json

    atomic_write_text(path, json.dumps(raw, indent=2, sort_keys=True) + "\n")
