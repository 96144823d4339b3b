"""The questions line mode asks before the first passage: whose save it is, and resume or start over."""

from __future__ import annotations

from explainer.outputs.line_output import LineOutput
from explainer.reader.journey import Journey
from explainer.reader.saves import READ_ONLY, SaveSlot, has_progress
from explainer.reader.shown import where
from explainer.story.model import Story


def claim_save(out: LineOutput, slot: SaveSlot, take_over: bool) -> bool:
    """Become the writer of the save, or ask what to do when it is open elsewhere; ``False`` to quit."""
    if slot.claim():
        return True
    if take_over:
        slot.take_over()
        out.notice("This story is open for you elsewhere; this copy took the save over.")
        return True
    if out.echo:  # input from a script: never take a save over unless told to (--take-over)
        slot.read_only = True
        out.notice("This story is open for you elsewhere: reading only, nothing will be saved (--take-over).")
        return True
    out.say("This story is open for you elsewhere (another window or terminal).")
    out.say("1. Read only (nothing you do here is saved)")
    out.say("2. Take over (the other copy stops saving)")
    while True:
        answer = out.ask()
        if answer is None or answer.lower() in ("q", "quit"):
            return False
        if answer.lower() in ("", "1"):
            slot.read_only = True
            out.say(READ_ONLY)
            return True
        if answer == "2":
            slot.take_over()
            return True
        out.say("Type 1 to read only or 2 to take over.")


def offer_resume(out: LineOutput, slot: SaveSlot, story: Story) -> tuple[bool, Journey | None]:
    """Load the save and offer to resume it: whether to go on, and the journey to go on with (if resumed)."""
    saved, notices = slot.load()
    for text in notices:
        out.notice(text)
    if saved is None or not has_progress(saved):
        return True, None
    out.say(f"You have saved progress: {where(story, saved.passage)}, {saved.passage.title}.")
    out.say("1. Resume where you left off")
    out.say("2. Start over")
    while True:
        answer = out.ask()
        if answer is None or answer.lower() in ("q", "quit"):
            return False, None
        if answer.lower() in ("", "1", "r"):
            return True, saved
        if answer.lower() in ("2", "s"):
            sure = out.ask("Start over from the beginning? What you did so far stays in your report. (y/n) ")
            if sure is not None and sure.lower() in ("y", "yes"):
                return True, None
            out.say("1. Resume where you left off")
            out.say("2. Start over")
            continue
        out.say("Type 1 to resume or 2 to start over.")
