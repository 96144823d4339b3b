"""The command line: sub-commands and flags, in one place."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import load_story
from .problems import StoryError


def default_scenes() -> Path:
    """The story that ships with the package (or lies beside it in a checkout)."""
    here = Path(__file__).resolve().parent
    packaged = here / "scenes"
    return packaged if packaged.is_dir() else here.parent / "scenes"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    parser = argparse.ArgumentParser(
        prog="python -m explainer",
        description="Walk through a news article, answer questions, look up hard words.",
    )
    parser.add_argument("--scenes", type=Path, metavar="DIR",
                        help="the story folder to use (default: the story that ships with explainer)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="check a story folder and report every problem")
    check.add_argument("folder", nargs="?", type=Path, metavar="DIR",
                       help="the story folder (default: --scenes, or the shipped story)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run; returns the exit code."""
    args = build_parser().parse_args(argv)
    folder = args.scenes or default_scenes()
    if args.command == "check":
        from .checker import run_check

        return run_check(args.folder or folder)
    try:
        story = load_story(folder)
    except StoryError as error:
        print(error, file=sys.stderr)
        return 2
    from .app import ExplainerApp

    ExplainerApp(story).run()
    return 0
