"""Line mode: the story as plain lines and a prompt, for screen readers, pipes and scripts."""

from __future__ import annotations

from typing import TextIO

from explainer.outputs.line_commands import (
    HELP,
    HELP_HINT,
    TEACHER_HELP,
    choice_number,
    definition_lines,
    map_lines,
    terms_list,
    terms_starting,
)
from explainer.outputs.line_output import LineOutput
from explainer.outputs.line_start import claim_save, offer_resume
from explainer.outputs.plain_text import markdown_to_text
from explainer.reader.journey import Journey
from explainer.reader.option_order import reader_seed
from explainer.reader.outline import where_lines
from explainer.reader.saves import SaveSlot
from explainer.reader.shown import feedback_line, passage_markdown, section_title, where
from explainer.reader.summary import ending_summary
from explainer.reader.teacher_notes import hidden_key_line, teacher_notes
from explainer.story.glossary import Glossary
from explainer.story.model import Story, Term


class LinePlayer(LineOutput):
    """Plays a story as plain lines: passage text, numbered choices, a prompt."""

    def __init__(
        self,
        story: Story,
        *,
        slot: SaveSlot | None = None,
        input: TextIO,
        output: TextIO,
        errors: TextIO,
        color: bool | None = None,
        width: int | None = None,
        teacher: bool = False,
        take_over: bool = False,
    ) -> None:
        self.story = story
        self.take_over = take_over
        self.teacher = teacher
        self.slot = slot
        super().__init__(input=input, output=output, errors=errors, color=color, width=width)
        self.glossary = Glossary(story.terms)
        self.journey = Journey(story, seed=reader_seed(slot.student) if slot is not None else "")
        self.keys_revealed: set[str] = set()

    # Playing --------------------------------------------------------------------------------

    def run(self) -> int:
        """Play until the reader quits or the input ends; returns the exit code."""
        try:
            if self.slot is not None:
                if not claim_save(self, self.slot, self.take_over):
                    return 0
                go_on, saved = offer_resume(self, self.slot, self.story)
                if not go_on:
                    return 0
                if saved is not None:
                    self.journey = saved
            self.show_passage()
            while True:
                line = self.ask()
                if line is None or line.lower() in ("q", "quit", "exit"):
                    break
                self.handle(line)
            self.finish()
        except KeyboardInterrupt:
            self.save()
            self.output.write("\n")
            return 130
        finally:
            if self.slot is not None:
                self.slot.close()
        return 0

    def finish(self) -> None:
        """Save a last time and say whether the progress is kept."""
        self.save()
        if self.slot is None:
            return
        if self.slot.read_only:
            self.say("Read only: nothing you did this time was saved.")
        elif not self.slot.blocked and not self.slot.failing and not self.slot.taken_over:
            self.say("Your progress is saved. Run the explainer again to go on.")

    def handle(self, line: str) -> None:
        """Act on one line the reader typed."""
        command, _, rest = line.partition(" ")
        command = command.lower()
        number = choice_number(line)
        if number is not None:
            self.pick(number, line.strip())
        elif command in ("b", "back"):
            if self.journey.back():
                self.moved()
            else:
                self.say("You are at the beginning.")
        elif command in ("f", "forward"):
            if self.journey.forward():
                self.moved()
            else:
                self.say("There is nothing ahead to go forward to.")
        elif command in ("g", "d", "define"):
            self.define(rest.strip())
        elif command in ("t", "terms"):
            self.list_terms()
        elif command in ("l", "look"):
            self.show_passage()
        elif command in ("c", "choices", ""):
            self.show_choices()
        elif command in ("w", "where"):
            for text in where_lines(self.journey):
                self.say(text)
        elif command in ("m", "map"):
            for text in map_lines(self.journey):
                self.say(text)
        elif command == "n" and self.teacher:
            self.show_notes(always=True)
        elif command == "k" and self.teacher:
            self.keys_revealed.add(self.journey.passage.id)
            self.show_notes(always=True)
        elif command in ("h", "?", "help"):
            self.say(HELP + (TEACHER_HELP if self.teacher else ""))
        elif command == "r":
            answer = self.ask("Start over from the beginning? (y/n) ")
            if answer is not None and answer.lower() in ("y", "yes"):
                self.journey = self.journey.fresh()
                self.moved()
        else:
            self.say(f"Type a number{self._range()}, or h for help.")

    def _range(self) -> str:
        count = len(self.journey.choices())
        return f" from 1 to {count}" if count > 1 else " (1)" if count == 1 else ""

    def pick(self, number: int, typed: str = "") -> None:
        """Choose the choice with this number (``typed`` is how the reader wrote it)."""
        choices = self.journey.choices()
        if not 1 <= number <= len(choices):
            if choices:
                shown = typed[:20] + ("..." if len(typed) > 20 else "") if typed else str(number)
                self.say(f"There is no choice {shown}. Type a number{self._range()}.")
            else:
                self.say("There is nothing to choose here. Type b to go back, r to start over or q to quit.")
            return
        answer = self.journey.choose(choices[number - 1])
        if answer is None:
            self.moved()
            return
        feedback = feedback_line(answer)
        self.say(feedback.removesuffix(" Try again.") if not answer.correct else feedback)
        self.save()
        if not answer.correct:
            self.say(f"Choose again: {_span(len(choices))}, or c to hear the choices.")
            return
        notes = teacher_notes(self.journey, revealed=False)
        if self.teacher and notes.has_key and self.journey.passage.id not in self.keys_revealed:
            self.say()  # the quiz is answered: its key may show now
            self.say_bold("On the question")
            self.say(notes.question_notes)
        self.say()
        self.show_choices()

    def moved(self) -> None:
        """Save, then show the passage the reader is now on."""
        self.save()
        self.show_passage()

    def save(self) -> None:
        """Save the journey; report the first failure only."""
        if self.slot is not None:
            problem = self.slot.save(self.journey)
            if problem:
                self.notice(problem)

    def show_passage(self) -> None:
        """Print the current passage, its terms and its choices."""
        journey = self.journey
        passage = journey.passage
        markdown = passage_markdown(passage, journey.flags, keys="line")
        self.say()
        place = where(self.story, passage)
        if passage.section and section_title(self.story, passage.section) == passage.title:
            place = place.rsplit(":", 1)[0]  # the title comes next: say it once
        self.say(place)
        self.say()
        self.write(
            markdown_to_text(markdown, self.width, strong=self.bold, glossary=self.glossary) + "\n", visible=True
        )
        terms = self.terms_here()
        if terms:
            self.say()
            self.say("Terms: " + ", ".join(t.name for t in terms) + " (g TERM for a definition)")
        if self.teacher:
            self.show_notes()
        if passage.ending:
            summary = ending_summary(
                journey, "Type r to start over and try another path.", None if self.slot is None else self.slot.student
            )
            self.say()
            self.write(markdown_to_text(summary, self.width) + "\n")
        self.say()
        self.show_choices()
        if journey.passage.id == self.story.start and len(journey.history.path) == 1:
            self.say(HELP_HINT)

    def show_notes(self, always: bool = False) -> None:
        """Print the teacher's notes and answer key for this passage (``always``: say so when there are none)."""
        notes = teacher_notes(self.journey, self.journey.passage.id in self.keys_revealed)
        if notes.passage_notes:
            self.say()
            self.say_bold("Teacher's notes")
            self.say(notes.passage_notes)
        if notes.has_key:
            self.say()
            self.say_bold("On the question")
            self.say(hidden_key_line() if notes.key_hidden else notes.question_notes)
        elif always and not notes.passage_notes:
            self.say("There are no teacher's notes for this passage.")

    def show_choices(self) -> None:
        """Print the open question (if any) and the numbered choices."""
        journey = self.journey
        passage = journey.passage
        question = passage.question
        choices = journey.choices()
        if question is not None and journey.question_open():
            if question.role:
                self.say(question.role)
            self.say_bold(f"{question.label}: {question.prompt}")
        elif choices:
            self.say_bold("Where next?")
        elif passage.ending:
            self.say("The end. Type r to start over, or q to quit.")
        else:
            self.say("There is no way on from here. Type b to go back.")
        for number, choice in enumerate(choices, start=1):
            self.say(f"{number}. {choice.text}")

    def terms_here(self) -> list[Term]:
        """The glossary terms of the current passage."""
        passage = self.journey.passage
        return self.glossary.terms_of(passage, passage_markdown(passage, self.journey.flags, keys="line"))

    def list_terms(self) -> None:
        """Print the terms of this passage, one to a line."""
        for text in terms_list(self.terms_here()):
            self.say(text)

    def define(self, name: str) -> None:
        """Print a term's definition, the candidates a start of a name fits, or the terms here."""
        if not name:
            self.list_terms()
            return
        term = self.glossary.lookup(name)
        candidates = (
            [term] if term else terms_starting(name, self.terms_here()) or terms_starting(name, self.story.terms)
        )
        for text in definition_lines(name, candidates):
            self.say(text)
        if len(candidates) == 1:
            self.journey.look_up(candidates[0].name)
            self.save()


def _span(count: int) -> str:
    return f"1 to {count}" if count > 1 else "1"
