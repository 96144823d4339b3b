"""Messages that widgets post up to the story screen."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from explainer.story.model import Choice, Term


@dataclass
class ChoiceMade(Message):
    """The reader picked a choice or a quiz option."""

    choice: Choice


@dataclass
class TermSelected(Message):
    """The reader chose a glossary term, in the text or in the panel."""

    term: Term
