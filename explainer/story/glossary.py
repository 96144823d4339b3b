"""Finding glossary terms in text with one compiled matcher."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from explainer.story.folding import folded_with_offsets, name_key, nfc
from explainer.story.model import Passage, Term

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

TERM_LINK_PREFIX = "term:"
# An author's explicit term reference: [[Term]] or [[shown words|Term]].
TERM_REFERENCE = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]|]+?))?\]\]")


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
        self._acronyms: dict[str, Term] = {}
        for term in terms:
            for name in term.names:
                if _is_acronym(name):
                    self._exact.setdefault(" ".join(nfc(name).split()), term)
                    self._acronyms.setdefault(name_key(name), term)
                else:
                    self._folded.setdefault(name_key(name), term)
        self._index = {term.name: index for index, term in enumerate(terms)}
        self._folded_pattern = _compile(self._folded)
        self._exact_pattern = _compile(self._exact)

    def lookup(self, name: str) -> Term | None:
        """The term with this name or alias (with full case folding), if any."""
        key = name_key(name)
        return self._exact.get(" ".join(nfc(name).split())) or self._folded.get(key) or self._acronyms.get(key)

    def by_index(self, index: int) -> Term:
        """The term at this position in the glossary."""
        return self.terms[index]

    def index_of(self, term: Term) -> int:
        """The position of this term in the glossary (what a ``term:N`` link names)."""
        return self._index[term.name]

    def find(self, text: str) -> list[TermMatch]:
        """Every use of a term in ``text`` (in NFC), longest first where names overlap.

        Names other than acronyms match with full case folding; acronyms match as written.
        """
        found: list[TermMatch] = []
        if self._folded_pattern is not None:
            folded, offsets = folded_with_offsets(text)
            for match in self._folded_pattern.finditer(folded):
                start, end = match.span()
                if offsets is not None:
                    start, end = offsets[start], offsets[end]
                    if start < 0 or end < 0:  # inside a letter that folds to several
                        continue
                found.append(TermMatch(start, end, self._folded[" ".join(match.group().split())]))
        if self._exact_pattern is not None:
            for match in self._exact_pattern.finditer(text):
                found.append(TermMatch(*match.span(), self._exact[" ".join(match.group().split())]))
            found = _leftmost_longest(found)
        return found

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
        for term_match in self.find(nfc(TERM_REFERENCE.sub(" ", text))):
            found.setdefault(term_match.term.name, term_match.term)
        return list(found.values())

    def terms_of(self, passage: Passage, markdown: str, tree: SyntaxTreeNode | None = None) -> list[Term]:
        """The terms of a passage shown as ``markdown``: those linked in its text, then those it lists.

        ``tree``: ``markdown`` already parsed with this glossary, when the caller has it.
        """
        from explainer.story.markdown import linked_terms, parse  # which imports this module

        terms = linked_terms(tree if tree is not None else parse(markdown, self), self)
        for name in passage.terms:
            term = self.lookup(name)
            if term is not None and term not in terms:
                terms.append(term)
        return terms


def referenced_name(match: re.Match[str]) -> str:
    """The term name a match of :data:`TERM_REFERENCE` gives: after the bar, if there is one."""
    return (match.group(2) or match.group(1)).strip()


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _leftmost_longest(matches: list[TermMatch]) -> list[TermMatch]:
    """Matches from two patterns merged: the leftmost first, the longest where they overlap."""
    kept: list[TermMatch] = []
    for match in sorted(matches, key=lambda m: (m.start, -m.end)):
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


def _compile(names: dict[str, Term]) -> re.Pattern[str] | None:
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + _trie_pattern(names) + r")(?!\w)")


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
