"""Markdown parsed once, the same way for every output, with glossary terms linked in its text."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin

from explainer.story.folding import nfc
from explainer.story.glossary import TERM_LINK_PREFIX, TERM_REFERENCE, Glossary, referenced_name
from explainer.story.model import Term

# The only link targets any output follows; others are shown as the text they are.
SAFE_SCHEMES = ("http://", "https://", "mailto:")


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The one Markdown set-up: CommonMark, GFM tables and strikethrough, footnotes.

    Raw HTML is off: a tag in a scene file is text, shown as written. Its two rules, which
    would only say no, are not run at all: one call less at every "<".
    """
    markdown = (
        MarkdownIt("commonmark", {"html": False})
        .enable(["table", "strikethrough"])
        .disable(["html_inline", "html_block"])
        .use(footnote_plugin)
    )
    for name in ("link", "image"):
        rule = next(rule.fn for rule in markdown.inline.ruler.__rules__ if rule.name == name)
        markdown.inline.ruler.at(name, _needing_a_closing_bracket(rule))
    markdown.inline.ruler.before("text", "plain_bracket", _plain_bracket)
    return markdown


_ANGLE = re.compile("[<>]")


def _plain_bracket(state: StateInline, silent: bool) -> bool:
    """A run of brackets that cannot start anything, taken as text at once.

    Nothing starts with "]"; "[" and "![" start only what a later "]" closes; with raw HTML
    off, "<" starts only an autolink, which needs a ">" before any other "<". Otherwise every
    other rule would be asked first, at each of them, and say no: a third of a second for a
    long run.
    """
    src, start = state.src, state.pos
    char = src[start]
    if char == "]":
        end = start + 1  # one at a time: the end of a link's words is counted so
    elif char == "!":
        if src[start + 1 : start + 2] == "[" and _last_closing_bracket(state) > start:
            return False  # a picture, perhaps
        end = start + 1
    elif char == "[":
        if _last_closing_bracket(state) > start:
            return False
        end = _run_end(state, start)
    elif char == "<":
        end = _run_end(state, start)
        # Only the last "<" of a run can open an autolink: if a ">" comes before another "<".
        after = _ANGLE.search(src, end, state.posMax)
        if after is not None and after.group() == ">":
            end -= 1
        if end == start:
            return False
    else:
        return False
    if not silent:
        _add_text(state, src[start:end])
    state.pos = end
    return True


def _run_end(state: StateInline, start: int) -> int:
    """Where the run of the character at ``start`` ends."""
    src, end = state.src, start + 1
    while end < state.posMax and src[end] == src[start]:
        end += 1
    return end


def _add_text(state: StateInline, text: str) -> None:
    """Add to the text being gathered: in constant time where markdown-it can."""
    if hasattr(state, "append_pending"):  # markdown-it-py 4
        state.append_pending(text)
    else:
        state.pending += text


def _last_closing_bracket(state: StateInline) -> int:
    """Where the last "]" of the text being parsed is (-1 if none), found once."""
    last = state.__dict__.get("_last_closing_bracket")
    if last is None:
        last = state.__dict__["_last_closing_bracket"] = state.src.rfind("]")
    return int(last)


def _needing_a_closing_bracket(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """A link or picture rule that gives up at once where no "]" follows: one cannot start there.

    markdown-it looks for the end of a link's words from every "[", which costs seconds on a
    long run of "[" with no "]"; the answer is the same, found in a moment.
    """

    def rule_with_check(state: StateInline, silent: bool) -> bool:
        return _last_closing_bracket(state) > state.pos and rule(state, silent)

    return rule_with_check


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
