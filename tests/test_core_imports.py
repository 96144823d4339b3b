"""The plain-Python core must never import Textual."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

CORE = [
    "explainer.model", "explainer.loader", "explainer.journey", "explainer.glossary",
    "explainer.reading", "explainer.problems", "explainer.safeyaml", "explainer.checker",
    "explainer.storage", "explainer.cli", "explainer.saves", "explainer.report",
    "explainer.handout", "explainer.plain", "explainer.outline", "explainer.settings",
    "explainer.story_text", "explainer.halves", "explainer.readability", "explainer.fastyaml", "explainer.collector",
    "explainer.located", "explainer.story_cache",
]


def test_core_modules_do_not_import_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, check=True)
    assert result.stdout.strip() == ""
