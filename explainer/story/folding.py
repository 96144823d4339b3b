"""Full case folding on NFC text, the one way every part of the explainer compares names."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Text in NFC, fully case-folded (``ß`` to ``ss``, ``ﬁ`` to ``fi``, ``İ`` to ``i̇``)."""
    return unicodedata.normalize("NFC", text).casefold()


def name_key(name: str) -> str:
    """The key a term's name is known by: folded, any run of spaces made one space."""
    return " ".join(fold(name).split())


def nfc(text: str) -> str:
    """Text in NFC (returned as it is when it already is)."""
    return text if text.isascii() or unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def folded_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """``text`` (already NFC) case-folded, and where each folded character comes from.

    Returns:
        The folded text and, when folding changed its length, a list giving for each folded
        index the index in ``text`` it starts (or -1 inside a character folded to several), with
        one more entry for the end; ``None`` when every character folded to one.
    """
    folded = text.casefold()
    if len(folded) == len(text):  # casefold never gives an empty string: each folded to one
        return folded, None
    offsets: list[int] = []
    for index, char in enumerate(text):
        size = len(char.casefold())
        offsets.append(index)
        offsets.extend([-1] * (size - 1))
    offsets.append(len(text))
    return folded, offsets
