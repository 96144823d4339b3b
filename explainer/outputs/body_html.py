"""A passage body as HTML for the handout, rendered from the one parsed tree."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from explainer.story.glossary import Glossary
from explainer.story.markdown import is_safe, parse, parser, shown_address, term_index
from explainer.story.token_tree import Tree


def body_html(markdown: str, glossary: Glossary | None = None, term_link: Callable[[int], str] | None = None) -> str:
    """A body as HTML: no raw HTML, no pictures loaded, links only to the web and e-mail.

    Each link's address is written after its words, for a handout read on paper. Glossary
    terms are plain words, or with ``term_link`` links to the address it gives for the term's
    position in the glossary (a web page's definitions).
    """
    return tree_html(parse(markdown, glossary), term_link)


def tree_html(tree: Tree, term_link: Callable[[int], str] | None = None) -> str:
    """An already parsed body as HTML, as :func:`body_html` makes it (for a page that also reads its terms)."""
    return _RENDERER.render(tree.tokens, parser().options, {"term_link": term_link})


# What markdown-it's ``escapeHtml`` escapes: "&", "<", ">" and '"'.
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


class _Renderer(RendererHTML):
    """markdown-it's HTML, with links, pictures and footnotes drawn as the handout shows them."""

    def renderInline(self, tokens: Sequence[Token], options: OptionsDict, env: Any) -> str:
        """markdown-it's, with text and plain code written in the loop, not by a rule each, and
        escaped as its ``escapeHtml`` escapes them, in one pass over the text, not four."""
        rules = self.rules
        out: list[str] = []
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "text":
                out.append(token.content.translate(_HTML_ESCAPES))
            elif kind == "code_inline" and not token.attrs:
                out.append("<code>" + token.content.translate(_HTML_ESCAPES) + "</code>")
            elif kind in rules:
                out.append(rules[kind](tokens, index, options, env))
            else:
                out.append(self.renderToken(tokens, index, options, env))
        return "".join(out)

    def link_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        """A web or e-mail link opens; any other target is shown as text, after the words."""
        href = str(tokens[idx].attrs.get("href", ""))
        index = term_index(href)
        if index is not None and env.get("term_link") is not None:
            return f'<a class="term" href="{self._escape(env["term_link"](index))}">'
        return f'<a href="{self._escape(href)}">' if _followed(href) else ""

    def link_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        """A link closes, followed by its address when the words are not the address."""
        depth, start = 0, idx
        while start > 0:  # back to the matching link_open (links never nest)
            start -= 1
            if tokens[start].type == "link_open" and depth == 0:
                break
            depth += {"link_close": 1, "link_open": -1}.get(tokens[start].type, 0)
        href = str(tokens[start].attrs.get("href", ""))
        words = self.renderInlineAsText(tokens[start + 1 : idx], options, env)
        address = shown_address(href, words)
        linked_term = term_index(href) is not None and env.get("term_link") is not None
        closing = "</a>" if _followed(href) or linked_term else ""
        return closing + (f' <span class="address">({self._escape(address)})</span>' if address else "")

    def image(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        """A picture as its marked words: the handout loads no files."""
        words = self.renderInlineAsText(tokens[idx].children or [], options, env)
        return f'<span class="picture">[Picture: {self._escape(words)}]</span>'

    def footnote_ref(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        """A reference to a footnote, as its number in brackets."""
        return f'<sup class="footnote-ref">[{_number(tokens[idx])}]</sup>'

    def footnote_block_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        """The footnotes, at the end of the body."""
        return '<section class="footnotes">\n<p><strong>Notes</strong></p>\n<ol>\n'

    def footnote_block_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        """The end of the footnotes."""
        return "</ol>\n</section>\n"

    def footnote_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        """One footnote, numbered as its references are."""
        return f'<li value="{_number(tokens[idx])}">'

    def footnote_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        """The end of one footnote."""
        return "</li>\n"

    def footnote_anchor(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        """No link back: ids would repeat across the handout's passages."""
        return ""

    @staticmethod
    def _escape(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _followed(href: str) -> bool:
    """Whether the handout makes a link of this target (terms are plain words in it)."""
    return is_safe(href) and term_index(href) is None


def _number(token: Token) -> int:
    return int(str(token.meta.get("id", 0))) + 1


_RENDERER = _Renderer()
"""One renderer for every body: it keeps no state, and making one looks up all its methods."""
