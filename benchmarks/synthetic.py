"""Synthetic stories and glossaries of any size, shaped like the real story, for benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

PASSAGES_PER_FILE = 20
STORY_TERMS = 30
FILLER = [
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "that",
    "is",
    "was",
    "he",
    "for",
    "it",
    "with",
    "as",
    "his",
    "on",
    "be",
    "at",
    "by",
    "this",
    "had",
    "not",
    "are",
    "but",
    "from",
    "or",
    "have",
    "an",
    "they",
    "which",
    "one",
    "you",
    "were",
    "her",
    "all",
    "she",
    "there",
    "would",
    "their",
    "we",
    "him",
    "been",
    "has",
    "when",
    "who",
    "will",
    "more",
    "no",
    "if",
    "out",
    "so",
    "said",
    "what",
    "up",
    "its",
    "about",
    "into",
    "than",
    "them",
    "can",
    "only",
    "other",
    "new",
    "some",
    "could",
    "time",
    "these",
    "two",
    "may",
    "then",
    "do",
    "first",
    "any",
    "my",
    "now",
    "such",
    "like",
    "our",
    "over",
    "man",
    "me",
    "even",
    "most",
    "made",
    "after",
    "also",
    "did",
    "many",
    "before",
    "must",
    "through",
    "back",
    "years",
    "where",
    "much",
    "your",
    "way",
    "well",
    "down",
    "should",
    "because",
    "each",
    "just",
    "those",
    "people",
    "how",
    "too",
    "little",
    "state",
    "good",
    "very",
    "make",
    "world",
    "still",
    "own",
    "see",
    "men",
    "work",
    "long",
    "get",
    "here",
    "between",
    "both",
    "life",
    "being",
    "under",
    "never",
    "day",
    "same",
    "another",
    "know",
    "while",
    "last",
    "might",
    "us",
    "great",
    "old",
    "year",
    "off",
    "come",
    "since",
    "against",
    "go",
    "came",
    "right",
    "used",
    "take",
    "three",
    "company",
    "calls",
    "court",
    "case",
    "police",
]
_SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "da",
    "de",
    "di",
    "do",
    "du",
    "ka",
    "ke",
    "ki",
    "ko",
    "ku",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "su",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
    "va",
    "ve",
    "vi",
    "vo",
    "vu",
    "za",
    "ze",
    "zi",
    "zo",
    "zu",
]


def term_names(count: int, seed: int = 1) -> list[tuple[str, list[str]]]:
    """``count`` made-up glossary terms, unique ignoring case, each with its aliases.

    About one in ten is an acronym (matched exactly), a third are two or three words long, and
    a third have an alias.
    """
    rng = random.Random(seed)
    seen: set[str] = set()
    names: list[tuple[str, list[str]]] = []
    while len(names) < count:
        roll = rng.random()
        if roll < 0.1:
            name = "".join(rng.choice("ABCDEFGHJKLMNPRSTVWXZ") for _ in range(rng.randint(3, 5)))
        else:
            words = rng.choice((1, 1, 2, 3))
            name = " ".join(
                "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(words)
            ).capitalize()
        aliases = []
        if roll >= 0.1 and rng.random() < 0.33:
            aliases.append(name.lower() + "s")
        keys = {name.casefold(), *(a.casefold() for a in aliases)}
        if keys & seen:
            continue
        seen |= keys
        names.append((name, aliases))
    return names


def glossary_yaml(count: int, seed: int = 1) -> str:
    """The text of a ``glossary.yaml`` with ``count`` terms."""
    lines = ["terms:"]
    for index, (name, aliases) in enumerate(term_names(count, seed)):
        lines.append(f"  - term: {name}")
        if aliases:
            lines.append(f"    aliases: [{', '.join(aliases)}]")
        lines.append("    definition: >")
        lines.append(f"      A made-up word, number {index}, that stands for something the reader")
        lines.append("      may not know. Its definition is two lines long, like most real ones.")
        if index % 3 == 0:
            lines.append("    source: Invented for the benchmark.")
        lines.append("")
    return "\n".join(lines) + "\n"


def passage_text(rng: random.Random, terms: list[tuple[str, list[str]]], words: int) -> str:
    """Plain prose of about ``words`` words, with a glossary term every twenty words or so."""
    out = []
    for n in range(words):
        if terms and n % 20 == 10:
            name, aliases = rng.choice(terms)
            out.append(rng.choice([name, *aliases]))
        else:
            out.append(rng.choice(FILLER))
        if n % 15 == 14:
            out[-1] += "."
    return " ".join(out)


def write_story(folder: Path, passages: int, terms: int = STORY_TERMS, seed: int = 1) -> Path:
    """Write a story of ``passages`` passages (and a glossary of ``terms`` terms) into ``folder``.

    Every passage is reachable and every flag tested is set. Like the real story, passages carry
    article quotes, notes, quizzes with feedback for every option, decisions that set flags,
    ``::: if`` blocks, ``[[term]]`` references and ``terms`` lists.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    names = term_names(terms, seed)
    (folder / "glossary.yaml").write_text(glossary_yaml(terms, seed), encoding="utf-8")
    for first in range(0, passages, PASSAGES_PER_FILE):
        chunks = [
            _passage(
                rng, names, number, passages, section=first // PASSAGES_PER_FILE + 1, opens_section=number == first
            )
            for number in range(first, min(passages, first + PASSAGES_PER_FILE))
        ]
        name = f"{first // PASSAGES_PER_FILE:05d}-section.md"
        (folder / name).write_text("".join(chunks), encoding="utf-8")
    return folder


def _passage(
    rng: random.Random, names: list[tuple[str, list[str]]], number: int, total: int, section: int, opens_section: bool
) -> str:
    ident = f"p{number:05d}"
    following = f"p{number + 1:05d}"
    front = [f"id: {ident}", f"title: Part {number} of the story"]
    if opens_section:
        front += [
            f"section: {section}",
            "article: |",
            "  According to the official complaint, Zoom executive Xinjiang Jin worked with the",
            "  Chinese government to determine when calls needed to be interrupted and disconnected.",
        ]
    front.append("minutes: 2")
    if number % 4 == 0:
        front += ["notes: |", "  Ask the class what they would do. Allow five minutes for talk."]
    if number % 3 == 0 and names:
        front.append(f"terms: [{rng.choice(names)[0]}]")
    body = [passage_text(rng, names, 60), passage_text(rng, names, 40)]
    if names:
        body.append(f"The court papers call him a [[{rng.choice(names)[0]}]] with the police.")
    if number == total - 1:
        front.append("ending: true")
    elif number % 6 == 1:
        front += [
            "question:",
            "  kind: quiz",
            '  prompt: The article says "the agency has charged". Who brings federal charges?',
            "  options:",
            "    - text: The police agency",
            "      feedback: Not quite. The agency investigates; it does not charge.",
            "    - text: Federal prosecutors",
            "      correct: true",
            "      feedback: Right. Prosecutors charge; an agent swore the statement.",
            "    - text: A judge",
            "      feedback: No. A judge decides the case but does not bring it.",
            "choices:",
            "  - text: Go on",
            f"    goto: {following}",
        ]
    elif number % 6 == 3:
        front += [
            "question:",
            "  kind: decision",
            "  role: You are the host of a memorial call.",
            "  prompt: Your account has just been suspended. What do you do?",
            "  options:",
            "    - text: Complain to the company in public",
            f"      goto: {following}",
            f"      set: complained-{number}",
            "    - text: Move the meeting to another service",
            f"      goto: {following}",
        ]
    else:
        front += ["choices:", "  - text: Go on", f"    goto: {following}"]
    if number % 6 == 4:
        body.append(f"::: if complained-{number - 1}\nYou complained in public, a few minutes ago.\n:::")
        body.append(f"::: if not complained-{number - 1}\nYou moved the meeting elsewhere.\n:::")
    return "---\n" + "\n".join(front) + "\n---\n" + "\n\n".join(body) + "\n\n"


def big_passage(names: list[tuple[str, list[str]]], size: int = 100_000, seed: int = 2) -> str:
    """Prose of ``size`` characters using the glossary's terms, for timing term finding."""
    rng = random.Random(seed)
    text = ""
    while len(text) < size:
        text += passage_text(rng, names, 400) + "\n\n"
    return text[:size]


def write_big_story(folder: Path, terms: int = 5000, size: int = 100_000) -> Path:
    """A story of two passages, the second ``size`` characters long, with a glossary of ``terms``."""
    folder.mkdir(parents=True, exist_ok=True)
    names = term_names(terms)
    (folder / "glossary.yaml").write_text(glossary_yaml(terms), encoding="utf-8")
    opening = (
        "---\nid: opening\ntitle: A short opening\nchoices:\n  - text: Go on to the long part\n    goto: long\n---\n"
    )
    opening += "A few words before the long part.\n\n"
    long = "---\nid: long\ntitle: The long part of the story\nending: true\n---\n"
    (folder / "01-story.md").write_text(opening + long + big_passage(names, size) + "\n", encoding="utf-8")
    return folder
