"""The CommonMark and GFM spec examples, drawn by the app, printed by line mode and written in
the HTML handout: each must show the visible text of the spec's expected HTML, with and without
glossary terms (see tests/spec_visible.py for how visible text is compared)."""

from __future__ import annotations

import pytest
from spec_visible import COMMON_WORDS, OUTPUTS, examples, expected, has_raw_html, shown

RAW_HTML = "raw HTML is shown as the text it is, by design: a scene file's tags are never markup"
# Examples an output does not agree on, with the reason. "*" is every output.
KNOWN: dict[tuple[str, str], str] = {
    ("gfm-66", "*"): "markdown-it strikes only ~~two~~ tildes; the GFM spec also strikes ~one~",
    ("gfm-68", "*"): "markdown-it strikes ~~~three~~~ tildes, which the GFM spec leaves as they are",
}
# With "foo" in the glossary, [[foo]] is the explainer's own reference to a term, by design.
KNOWN_WITH_TERMS: dict[tuple[str, str], str] = {
    ("cm-548", "*"): "[[foo]] names the glossary term foo (the explainer's term reference), shown as its words",
    ("cm-590", "*"): "[[foo]] names the glossary term foo (the explainer's term reference), shown as its words",
}
EXAMPLES = examples()


def _cases(known: dict[tuple[str, str], str]) -> list[object]:
    cases = []
    for example in EXAMPLES:
        for output in OUTPUTS:
            reason = known.get((str(example["id"]), "*")) or known.get((str(example["id"]), output))
            if has_raw_html(str(example["markdown"])):
                reason = RAW_HTML
            marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
            cases.append(pytest.param(example, output, marks=marks, id=f"{example['id']}-{output}"))
    return cases


@pytest.mark.parametrize(("example", "output"), _cases(KNOWN))
def test_spec_example_shows_the_expected_text(example: dict[str, str], output: str) -> None:
    assert shown(output, example["markdown"]) == expected(example["html"], output)


@pytest.mark.parametrize(("example", "output"), _cases({**KNOWN, **KNOWN_WITH_TERMS}))
def test_spec_example_shows_the_same_text_with_common_words_as_terms(example: dict[str, str], output: str) -> None:
    assert shown(output, example["markdown"], COMMON_WORDS) == expected(example["html"], output)
