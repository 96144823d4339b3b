"""Finding glossary terms in text with one compiled matcher."""

from __future__ import annotations

import re
from typing import NamedTuple

from explainer.story.model import Passage, Term

TERM_LINK_PREFIX = "term:"
# An author's explicit term reference: [[Term]] or [[shown words|Term]].
TERM_REFERENCE = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]|]+?))?\]\]")
# Markdown that must not get links inside it: code, existing links, autolinks and tags.
_PROTECTED = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`|!?\[[^\]\n]*\]\([^)\n]*\)|<[^>\n]*>", re.DOTALL)


class TermMatch(NamedTuple):
    """A place in a text where a glossary term is used."""

    start: int
    end: int
    term: Term


class Glossary:
    """The story's terms, with a matcher that finds them all in one pass."""

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.terms = terms
        self._folded: dict[str, Term] = {}
        self._exact: dict[str, Term] = {}
        for term in terms:
            for name in term.names:
                name = " ".join(name.split())  # in text, any run of spaces matches one
                if _is_acronym(name):
                    self._exact[name] = term
                else:
                    self._folded[name.lower()] = term
        self._index = {term.name: index for index, term in enumerate(terms)}
        self._pattern = _compile(self._folded, self._exact)

    def lookup(self, name: str) -> Term | None:
        """The term with this name or alias (ignoring case), if any."""
        name = " ".join(name.split())
        return (
            self._exact.get(name)
            or self._folded.get(name.lower())
            or next((term for key, term in self._exact.items() if key.lower() == name.lower()), None)
        )

    def by_index(self, index: int) -> Term:
        """The term at this position in the glossary."""
        return self.terms[index]

    def find(self, text: str) -> list[TermMatch]:
        """Every use of a term in ``text``, longest first where names overlap."""
        if self._pattern is None:
            return []
        return [TermMatch(*match.span(), self._term_of(match.group())) for match in self._pattern.finditer(text)]

    def _term_of(self, found: str) -> Term:
        """The term a match of the pattern names (spaces in it may be any run of spaces)."""
        found = " ".join(found.split())
        term = self._exact.get(found) or self._folded.get(found.lower())
        if term is None:  # a letter the pattern matches ignoring case, but lower() keeps: "ſtate"
            term = next(
                term for name, term in self._folded.items() if re.fullmatch(re.escape(name), found, re.IGNORECASE)
            )
        return term

    def referenced(self, text: str) -> list[Term]:
        """The terms that ``[[references]]`` in ``text`` name, in order (unknown names left out)."""
        return [
            term for match in TERM_REFERENCE.finditer(text) if (term := self.lookup(referenced_name(match))) is not None
        ]

    def terms_in(self, text: str) -> list[Term]:
        """The terms used in ``text`` (and ``[[references]]``), in order of first use."""
        found: dict[str, Term] = {}
        for term in self.referenced(text):
            found.setdefault(term.name, term)
        for term_match in self.find(TERM_REFERENCE.sub(" ", text)):
            found.setdefault(term_match.term.name, term_match.term)
        return list(found.values())

    def terms_of(self, passage: Passage, markdown: str) -> list[Term]:
        """The terms of a passage shown as ``markdown``: those it uses, then those it lists."""
        terms = self.terms_in(markdown)
        for name in passage.terms:
            term = self.lookup(name)
            if term is not None and term not in terms:
                terms.append(term)
        return terms

    def link(self, markdown: str) -> str:
        """Markdown with each term turned into a ``term:N`` link, outside code and links."""
        pieces = []
        position = 0
        for protected in _PROTECTED.finditer(markdown):
            pieces.append(self._link_plain(markdown[position : protected.start()]))
            pieces.append(protected.group())
            position = protected.end()
        pieces.append(self._link_plain(markdown[position:]))
        return "".join(pieces)

    def _link_plain(self, text: str) -> str:
        def reference(match: re.Match[str]) -> str:
            term = self.lookup(referenced_name(match))
            shown = match.group(1).strip()
            if term is None:
                return shown
            return self._make_link(shown, term)

        out = []
        position = 0
        for match in TERM_REFERENCE.finditer(text):
            out.append(self._link_found(text[position : match.start()]))
            out.append(reference(match))
            position = match.end()
        out.append(self._link_found(text[position:]))
        return "".join(out)

    def _link_found(self, text: str) -> str:
        out = []
        position = 0
        for match in self.find(text):
            out.append(text[position : match.start])
            out.append(self._make_link(text[match.start : match.end], match.term))
            position = match.end
        out.append(text[position:])
        return "".join(out)

    def _make_link(self, shown: str, term: Term) -> str:
        return f"[{shown}]({TERM_LINK_PREFIX}{self._index[term.name]})"


def referenced_name(match: re.Match[str]) -> str:
    """The term name a match of :data:`TERM_REFERENCE` gives: after the bar, if there is one."""
    return (match.group(2) or match.group(1)).strip()


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _compile(folded: dict[str, Term], exact: dict[str, Term]) -> re.Pattern[str] | None:
    alternatives = []
    if folded:
        alternatives.append(f"(?i:{_trie_pattern(folded)})")
    if exact:
        alternatives.append(_trie_pattern(exact))
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def _trie_pattern(names: dict[str, Term]) -> str:
    """A regular expression for all names, factored by shared prefixes so it stays fast."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _node_pattern(child) for char, child in node.items() if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
