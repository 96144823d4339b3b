"""The command line: sub-commands and flags, in one place."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from explainer.story.loader import load_story
from explainer.story.problems import StoryError


def default_scenes() -> Path:
    """The story that ships with the package (or lies beside it in a checkout)."""
    here = Path(__file__).resolve().parent
    packaged = here / "scenes"
    return packaged if packaged.is_dir() else here.parent / "scenes"


def program_name() -> str:
    """How the user started the program: ``explainer``, or ``python -m explainer``."""
    return "python -m explainer" if Path(sys.argv[0]).name in ("__main__.py", "-m", "-c", "") else "explainer"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    parser = argparse.ArgumentParser(
        prog=program_name(),
        description="Walk through a news article, answer questions, look up hard words.",
    )
    parser.add_argument(
        "--scenes",
        type=Path,
        metavar="DIR",
        help="the story folder to use (default: the story that ships with explainer)",
    )
    parser.add_argument(
        "--student",
        metavar="NAME",
        default="",
        help="whose progress to save and resume (keeps readers apart on one machine)",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="line mode: plain text and a prompt, for screen readers and scripts "
        "(chosen by itself when input or output is not a terminal)",
    )
    parser.add_argument(
        "--no-wrap",
        action="store_true",
        help="line mode: print each paragraph as one line, for a screen reader or braille display to wrap",
    )
    parser.add_argument(
        "--teacher",
        action="store_true",
        help="teacher mode: the teacher's notes and answer keys (n shows or hides them; "
        "an open quiz's key stays hidden until k reveals it). Without it no note or key is shown",
    )
    parser.add_argument(
        "--take-over",
        action="store_true",
        help="when the story is already open for this student elsewhere, take the save over without asking "
        "(line mode with piped input otherwise reads only)",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="for authors: reload the story whenever one of its files changes, staying at the same passage, "
        "and show what check finds",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="check a story folder and report every problem")
    check.add_argument(
        "folder", nargs="?", type=Path, metavar="DIR", help="the story folder (default: --scenes, or the shipped story)"
    )
    check.add_argument(
        "--max-grade",
        type=float,
        default=9.0,
        metavar="GRADE",
        help="warn about sections that read above this school grade (Flesch-Kincaid; default: 9)",
    )
    check.add_argument(
        "--min-sentence",
        type=float,
        default=10.0,
        metavar="WORDS",
        help="warn about sections whose sentences average fewer words than this (choppy prose; default: 10)",
    )
    check.add_argument(
        "--article",
        type=Path,
        metavar="FILE",
        help="the article as plain text: check that the sections quote it word for word, in order, all of it",
    )
    new = commands.add_parser("new", help="start a story from a plain-text article: one scene file per section")
    new.add_argument(
        "article", type=Path, metavar="ARTICLE", help="the article: a title line, then paragraphs and headings"
    )
    new.add_argument("folder", type=Path, metavar="DIR", help="the new story folder (must not exist yet, or be empty)")
    report = commands.add_parser(
        "report", help="a student's path, quizzes, decisions, terms and time per section, from their save"
    )
    report.add_argument(
        "--student",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="whose report (default: the reader who gave no name)",
    )
    report.add_argument(
        "--format",
        choices=["md", "json", "html"],
        default=None,
        help="Markdown to hand in, JSON to collect, or a web page (default: from the suffix of -o, else md)",
    )
    report.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (.md, .json or .html) instead of the terminal"
    )
    report.add_argument(
        "--all", action="store_true", help="every attempt (default: the latest finished one, else the latest)"
    )
    summary = commands.add_parser("class", help="a class summary of the JSON reports a teacher collected")
    summary.add_argument(
        "reports", nargs="*", type=Path, metavar="REPORT", help="report files (.json) or folders of them"
    )
    summary.add_argument("-o", "--output", type=Path, metavar="FILE", help="write a standalone web page (.html)")
    handout = commands.add_parser("handout", help="every section, its questions and the glossary, to print or share")
    handout.add_argument("--answers", action="store_true", help="include right answers, feedback and teacher notes")
    handout.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE: Markdown (.md) or a standalone web page (.html); default: show it in the terminal",
    )
    serve = commands.add_parser(
        "serve", help="serve the story as web pages: each student signs in by name, with a teacher's link"
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default: 127.0.0.1, this computer only; 0.0.0.0 lets other computers in)",
    )
    serve.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    serve.add_argument("--verbose", action="store_true", help="print one line for every request")
    for command in commands.choices.values():
        # --scenes works after the sub-command too: `check --scenes DIR`.
        command.add_argument(
            "--scenes", type=Path, metavar="DIR", default=argparse.SUPPRESS, help="the story folder to use"
        )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run; returns the exit code."""
    try:
        return run(argv)
    except BrokenPipeError:
        # The reader of a pipe stopped early (``check | head``): nothing more to say, and no traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130


def run(argv: list[str] | None) -> int:
    """Run what the command line asks for."""
    for stream in (sys.stdout, sys.stderr):
        # A story's text must not crash a terminal that cannot show it (e.g. LANG=C).
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    folder = args.scenes or default_scenes()
    if args.command == "new":
        from explainer.outputs.scaffold import run_new

        return run_new(args.article, args.folder)
    if args.command == "check":
        from explainer.checks.check import run_check

        article = None
        if args.article is not None:
            from explainer.story.article import read_article

            try:
                article = read_article(args.article)
            except (OSError, UnicodeDecodeError) as error:
                reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
                print(f"{args.article}: the article cannot be read as UTF-8 text: {reason}", file=sys.stderr)
                return 2
        return run_check(args.folder or folder, args.max_grade, args.min_sentence, article)
    try:
        story = load_story(folder)
    except StoryError as error:
        for reported in error.problems:
            print(reported, file=sys.stderr)
        return 2
    if args.command == "report":
        from explainer.outputs.report import run_report

        return run_report(story, args.student, args.format, args.output, args.all)
    if args.command == "class":
        from explainer.outputs.class_view import run_class

        return run_class(story, args.reports, args.output)
    if args.command == "handout":
        from explainer.outputs.handout import run_handout

        return run_handout(story, args.answers, args.output)
    if args.command == "serve":
        from explainer.outputs.web.server import run_server

        return run_server(story, args.host, args.port, args.verbose)
    if args.plain or not (sys.stdin.isatty() and sys.stdout.isatty()):
        from explainer.outputs.line_terminal import run_plain

        watch = folder if args.watch else None
        return run_plain(story, args.student, args.teacher, args.take_over, wrap_lines=not args.no_wrap, watch=watch)
    from explainer.reader.saves import SaveSlot
    from explainer.tui.app import ExplainerApp

    watch = folder if args.watch else None
    ExplainerApp(story, save_slot=SaveSlot(story, args.student), teacher=args.teacher, watch=watch).run()
    return 0
