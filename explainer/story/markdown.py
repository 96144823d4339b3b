"""Markdown parsed once, the same way for every output, with glossary terms linked in its text."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import balance_pairs, strikethrough
from markdown_it.rules_inline import emphasis as emphasis_pairs
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from explainer.story.code_spans import code_spans
from explainer.story.glossary import TERM_LINK_PREFIX, TERM_REFERENCE, Glossary, TermMatch, referenced_name
from explainer.story.linear_rules import (
    LinearHelpers,
    emphasis,
    fragments_joined,
    needing_a_closing_bracket,
    needing_its_words_closed,
    nested_walk_where_opened,
    text_joined,
)
from explainer.story.model import Term
from explainer.story.plain_runs import plain_bracket
from explainer.story.text_runs import text_runs
from explainer.story.token_tree import Item, Tree, all_tokens, inside

# The only link targets any output follows; others are shown as the text they are.
SAFE_SCHEMES = ("http://", "https://", "mailto:")


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The one Markdown set-up: CommonMark, GFM tables and strikethrough, footnotes.

    Raw HTML is off: a tag in a scene file is text, shown as written. Its two rules, which
    would only say no, are not run at all: one call less at every "<". The rules and helpers
    of :mod:`explainer.story.linear_rules`, :mod:`explainer.story.link_labels` and
    :mod:`explainer.story.plain_runs` read what markdown-it's own read, in time that grows no
    faster than the text.
    """
    markdown = (
        MarkdownIt("commonmark", {"html": False})
        .enable(["table", "strikethrough"])
        .disable(["html_inline", "html_block"])
        .use(footnote_plugin)
    )
    markdown.helpers = LinearHelpers  # type: ignore[assignment]
    for name in ("link", "image"):
        rule = next(rule.fn for rule in markdown.inline.ruler.__rules__ if rule.name == name)
        markdown.inline.ruler.at(name, needing_a_closing_bracket(rule))
    markdown.inline.ruler.at("emphasis", emphasis)
    backticks = next(rule.fn for rule in markdown.inline.ruler.__rules__ if rule.name == "backticks")
    markdown.inline.ruler.at("backticks", code_spans(backticks))
    footnote = next(rule.fn for rule in markdown.inline.ruler.__rules__ if rule.name == "footnote_inline")
    markdown.inline.ruler.at("footnote_inline", needing_its_words_closed(footnote))
    markdown.inline.ruler.before("text", "plain_bracket", plain_bracket)
    markdown.inline.ruler2.at("fragments_join", fragments_joined)
    # Each pairing rule with markdown-it's own pairing of one list of delimiters, for its top level.
    for name, top_level in (
        ("balance_pairs", balance_pairs.processDelimiters),
        ("strikethrough", strikethrough._postProcess),
        ("emphasis", emphasis_pairs._postProcess),
    ):
        pairing = next(rule.fn for rule in markdown.inline.ruler2.__rules__ if rule.name == name)
        markdown.inline.ruler2.at(name, nested_walk_where_opened(pairing, top_level))
    markdown.core.ruler.at("text_join", text_joined)
    return markdown


def parse(markdown: str, glossary: Glossary | None = None) -> Tree:
    """The tree of ``markdown``, with each glossary term (and ``[[reference]]``) in its text a term link.

    Terms are found only in text: never in code, link targets, or the words of a link.
    """
    tokens = parser().parse(markdown)
    for token in tokens:
        if token.type == "inline" and token.children:
            plain = token.content.isascii() and "&" not in token.content
            token.children = _linked(token.children, glossary, plain)
    return Tree(tokens)


def term_href(glossary: Glossary, term: Term) -> str:
    """The target of a link to a glossary term."""
    return f"{TERM_LINK_PREFIX}{glossary.index_of(term)}"


def term_index(href: str) -> int | None:
    """The glossary position a ``term:N`` target names, if it is one."""
    if href.startswith(TERM_LINK_PREFIX) and href[len(TERM_LINK_PREFIX) :].isdecimal():
        return int(href[len(TERM_LINK_PREFIX) :])
    return None


def is_safe(href: str) -> bool:
    """Whether a link may be followed: the web, e-mail, or the story's own term links."""
    return href.lower().startswith(SAFE_SCHEMES) or term_index(href) is not None


def shown_address(href: str, words: str) -> str:
    """The address to show after a link's words: none for terms, or when the words are it."""
    if term_index(href) is not None or href in (words, f"mailto:{words}"):
        return ""
    return href


def linked_terms(tree: Tree, glossary: Glossary) -> list[Term]:
    """The glossary terms linked in a parsed text, each once: ``[[references]]`` first, then the
    terms found, each in order of first use."""
    referenced: dict[str, Term] = {}
    found: dict[str, Term] = {}
    for token in all_tokens(tree.tokens):
        if token.type == "link_open":
            index = term_index(str(token.attrs.get("href", "")))
            if index is not None and index < len(glossary.terms):
                term = glossary.by_index(index)
                (referenced if token.meta.get("reference") else found).setdefault(term.name, term)
    return list({**referenced, **found}.values())


def plain_words(item: Item) -> str:
    """The text of an inline node or token and all inside it, without any markup."""
    kind = item.type
    if kind in ("text", "code_inline"):
        return item.content
    if kind in ("softbreak", "hardbreak"):
        return " "
    return "".join(map(plain_words, inside(item)))


def footnote_label(item: Item) -> str:
    """The number a footnote (or a reference to one) is shown with, from 1."""
    return str(int(str(item.meta.get("id", 0))) + 1)


def _linked(children: list[Token], glossary: Glossary | None, plain: bool) -> list[Token]:
    """Inline tokens with the runs of text outside links searched for terms, all in one search.

    ``plain``: whether the source of the tokens is ASCII without an entity, so that no text
    token needs to be made NFC.
    """
    starts, ends, texts = text_runs(children, plain)
    if glossary is None or not texts:
        return children
    linked = _linked_runs(texts, glossary)
    if linked is None:
        return children
    out: list[Token] = []
    position = 0
    for start, end, tokens in zip(starts, ends, linked, strict=True):
        if tokens is not None:
            out += children[position:start]
            out += tokens
            position = end
    return out + children[position:]


def _linked_runs(texts: list[str], glossary: Glossary) -> list[list[Token] | None] | None:
    """The tokens of runs of text (``texts``), their ``[[references]]`` and terms made links
    (``None`` for a run with neither, left as it is; ``None`` for all if none has either)."""
    if "[[" not in "\n".join(texts):  # most text: terms alone, in one search
        found = glossary.find_in_each(texts)
        if not any(found):
            return None
        return [
            [token for words, term in _found(text, matches) for token in _term_tokens(glossary, words, term, False)]
            if matches
            else None
            for text, matches in zip(texts, found, strict=True)
        ]
    # Each run as the words of its references and, between them, text to search for terms.
    layouts: list[list[tuple[str, Term | None] | int]] = []
    searched: list[str] = []
    for text in texts:
        layout: list[tuple[str, Term | None] | int] = []
        position = 0
        for reference in TERM_REFERENCE.finditer(text) if "[[" in text else ():
            layout.append(len(searched))
            searched.append(text[position : reference.start()])
            layout.append((reference.group(1).strip(), glossary.lookup(referenced_name(reference))))
            position = reference.end()
        layout.append(len(searched))
        searched.append(text[position:])
        layouts.append(layout)
    found = glossary.find_in_each(searched)
    linked: list[list[Token] | None] = []
    for layout in layouts:
        first = layout[0]
        if len(layout) == 1 and isinstance(first, int) and not found[first]:
            linked.append(None)
            continue
        tokens: list[Token] = []
        for part in layout:
            if isinstance(part, int):
                for words, term in _found(searched[part], found[part]):
                    tokens += _term_tokens(glossary, words, term, is_reference=False)
            else:
                tokens += _term_tokens(glossary, *part, is_reference=True)
        linked.append(tokens)
    return linked


def _term_tokens(glossary: Glossary, words: str, term: Term | None, is_reference: bool) -> list[Token]:
    """The tokens of ``words``: plain text, or the words of a link to ``term``."""
    if term is None:
        return _text_tokens(words)
    meta = {"term": term.name, "reference": is_reference}
    opening = Token("link_open", "a", 1, attrs={"href": term_href(glossary, term)}, meta=meta)
    return [opening, *_text_tokens(words), Token("link_close", "a", -1)]


def _found(text: str, matches: Sequence[TermMatch]) -> list[tuple[str, Term | None]]:
    """Text cut into plain pieces and the terms ``matches`` finds in it."""
    pieces: list[tuple[str, Term | None]] = []
    position = 0
    for match in matches:
        pieces.append((text[position : match.start], None))
        pieces.append((text[match.start : match.end], match.term))
        position = match.end
    pieces.append((text[position:], None))
    return [piece for piece in pieces if piece[0]]


def _text_tokens(text: str) -> list[Token]:
    """Text tokens, with a soft line break token for each line break in it."""
    if "\n" not in text:  # most text: one token, or none
        return [Token("text", "", 0, content=text)] if text else []
    tokens: list[Token] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            tokens.append(Token("softbreak", "br", 0))
        if line:
            tokens.append(Token("text", "", 0, content=line))
    return tokens
