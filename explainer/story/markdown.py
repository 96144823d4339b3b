"""Markdown parsed once, the same way for every output, with glossary terms linked in its text."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin

from explainer.story.folding import nfc
from explainer.story.glossary import TERM_LINK_PREFIX, TERM_REFERENCE, Glossary, referenced_name
from explainer.story.linear_rules import LinearHelpers, emphasis, needing_a_closing_bracket, needing_its_words_closed
from explainer.story.model import Term
from explainer.story.plain_runs import plain_bracket

# The only link targets any output follows; others are shown as the text they are.
SAFE_SCHEMES = ("http://", "https://", "mailto:")


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The one Markdown set-up: CommonMark, GFM tables and strikethrough, footnotes.

    Raw HTML is off: a tag in a scene file is text, shown as written. Its two rules, which
    would only say no, are not run at all: one call less at every "<". The rules and helpers
    of :mod:`explainer.story.linear_rules` and :mod:`explainer.story.plain_runs` read what
    markdown-it's own read, in time that grows no faster than the text.
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
    footnote = next(rule.fn for rule in markdown.inline.ruler.__rules__ if rule.name == "footnote_inline")
    markdown.inline.ruler.at("footnote_inline", needing_its_words_closed(footnote))
    markdown.inline.ruler.before("text", "plain_bracket", plain_bracket)
    return markdown


def parse(markdown: str, glossary: Glossary | None = None) -> SyntaxTreeNode:
    """The tree of ``markdown``, with each glossary term (and ``[[reference]]``) in its text a term link.

    Terms are found only in text: never in code, link targets, or the words of a link.
    """
    tokens = parser().parse(markdown)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _linked(token.children, glossary)
    return SyntaxTreeNode(tokens)


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


def linked_terms(tree: SyntaxTreeNode, glossary: Glossary) -> list[Term]:
    """The glossary terms linked in a parsed text, each once: ``[[references]]`` first, then the
    terms found, each in order of first use."""
    referenced: dict[str, Term] = {}
    found: dict[str, Term] = {}
    for node in tree.walk():
        if node.type == "link":
            index = term_index(str(node.attrs.get("href", "")))
            if index is not None and index < len(glossary.terms):
                term = glossary.by_index(index)
                (referenced if node.meta.get("reference") else found).setdefault(term.name, term)
    return list({**referenced, **found}.values())


def plain_words(node: SyntaxTreeNode) -> str:
    """The text of an inline node and all inside it, without any markup."""
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(plain_words(child) for child in node.children)


def footnote_label(node: SyntaxTreeNode) -> str:
    """The number a footnote (or a reference to one) is shown with, from 1."""
    return str(int(str(node.meta.get("id", 0))) + 1)


def _linked(children: list[Token], glossary: Glossary | None) -> list[Token]:
    """Inline tokens with the runs of text outside links searched for terms."""
    out: list[Token] = []
    run: list[Token] = []
    depth = 0
    for token in children:
        if token.type == "text":
            token.content = nfc(token.content)
        if depth == 0 and token.type in ("text", "softbreak"):
            run.append(token)
            continue
        if run:
            out.extend(_link_run(run, glossary))
            run = []
        if token.type == "link_open":
            depth += 1
        elif token.type == "link_close":
            depth = max(0, depth - 1)
        out.append(token)
    if run:
        out.extend(_link_run(run, glossary))
    return out


def _link_run(run: list[Token], glossary: Glossary | None) -> list[Token]:
    """A run of text and soft line breaks, its ``[[references]]`` and terms made links."""
    text = "".join("\n" if token.type == "softbreak" else token.content for token in run)
    if glossary is None or (not glossary.terms and "[[" not in text):
        return run
    pieces: list[tuple[str, Term | None, bool]] = []
    position = 0
    for reference in TERM_REFERENCE.finditer(text) if "[[" in text else ():
        pieces += _found(text[position : reference.start()], glossary)
        term = glossary.lookup(referenced_name(reference))
        pieces.append((reference.group(1).strip(), term, True))
        position = reference.end()
    pieces += _found(text[position:], glossary)
    if all(term is None for _, term, _ in pieces) and position == 0:
        return run
    tokens: list[Token] = []
    for words, term, is_reference in pieces:
        if term is None:
            tokens += _text_tokens(words)
            continue
        meta = {"term": term.name, "reference": is_reference}
        opening = Token("link_open", "a", 1, attrs={"href": term_href(glossary, term)}, meta=meta)
        tokens += [opening, *_text_tokens(words), Token("link_close", "a", -1)]
    return tokens


def _found(text: str, glossary: Glossary) -> list[tuple[str, Term | None, bool]]:
    """Text cut into plain pieces and the terms in it (none of them a reference)."""
    pieces: list[tuple[str, Term | None, bool]] = []
    position = 0
    for match in glossary.find(text):
        pieces.append((text[position : match.start], None, False))
        pieces.append((text[match.start : match.end], match.term, False))
        position = match.end
    pieces.append((text[position:], None, False))
    return [piece for piece in pieces if piece[0]]


def _text_tokens(text: str) -> list[Token]:
    """Text tokens, with a soft line break token for each line break in it."""
    tokens: list[Token] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            tokens.append(Token("softbreak", "br", 0))
        if line:
            tokens.append(Token("text", "", 0, content=line))
    return tokens
