"""Finding glossary terms in text."""

from __future__ import annotations

import unicodedata

from explainer.outputs.plain_text import markdown_to_text
from explainer.story.glossary import Glossary
from explainer.story.markdown import parse, plain_words
from explainer.story.model import Term
from explainer.story.token_tree import Item, inside

TERMS = (
    Term("Chinese Communist Party", "The ruling party.", aliases=("CCP", "Communist Party")),
    Term("IP address", "A number for a connection."),
    Term("Complaint", "A sworn statement.", aliases=("criminal complaint",)),
    Term("Party", "A group."),
)


def names(text: str) -> list[tuple[str, str]]:
    glossary = Glossary(TERMS)
    return [(text[m.start : m.end], m.term.name) for m in glossary.find(text)]


def test_terms_are_found_ignoring_case_and_longest_first() -> None:
    assert names("The chinese communist party and the Party.") == [
        ("chinese communist party", "Chinese Communist Party"),
        ("Party", "Party"),
    ]


def test_acronyms_match_only_in_capitals() -> None:
    assert names("CCP, ccp, Ccp") == [("CCP", "Chinese Communist Party")]


def test_whole_words_only() -> None:
    assert names("complaints about parties; IP addresses") == []


def test_spaces_in_a_term_match_a_line_break() -> None:
    assert names("your IP\naddress") == [("IP\naddress", "IP address")]


def test_an_alias_longer_than_the_term_wins() -> None:
    assert names("a criminal complaint") == [("criminal complaint", "Complaint")]


def test_terms_in_lists_each_term_once_in_order_of_first_use() -> None:
    glossary = Glossary(TERMS)
    found = glossary.terms_in("The CCP and the complaint; the CCP again; [[a group|Party]].")
    assert [t.name for t in found] == ["Party", "Chinese Communist Party", "Complaint"]


def links(markdown: str, glossary: Glossary) -> list[tuple[str, str]]:
    """The words and target of every link in the parsed Markdown, in order."""
    found = []
    waiting: list[Item] = [parse(markdown, glossary)]
    while waiting:  # the nodes still to look in, the next last
        node = waiting.pop()
        if node.type == "link":
            found.append((plain_words(node), str(node.attrs["href"])))
        waiting += reversed(inside(node))
    return found


def test_link_makes_term_links_but_leaves_code_and_links_alone() -> None:
    glossary = Glossary(TERMS)
    linked = links("The CCP said `CCP` and [CCP](https://example.org); see [[that group|Party]].", glossary)
    assert linked == [("CCP", "term:0"), ("CCP", "https://example.org"), ("that group", "term:3")]


def test_a_reference_to_an_unknown_term_shows_its_words() -> None:
    assert markdown_to_text("[[Nothing here]]", glossary=Glossary(TERMS)) == "Nothing here"


def test_an_empty_glossary_finds_nothing() -> None:
    glossary = Glossary(())
    assert glossary.find("anything") == [] and links("text", glossary) == []


def test_regex_characters_in_terms_are_literal() -> None:
    glossary = Glossary((Term("C++ (language)", "A language."), Term("a.b", "Dots.")))
    assert [m.term.name for m in glossary.find("C++ (language) and a.b but not axb")] == [
        "C++ (language)",
        "a.b",
    ]


def test_letters_that_match_only_ignoring_case_still_name_their_term() -> None:
    # Full case folding makes "ſtate" (long s) "state" and "\u212ailo" (Kelvin sign) "kilo".
    glossary = Glossary((Term("State", "A country."), Term("Kilo", "A thousand."), Term("Web  site", "Pages.")))
    text = "The ſtate sold a \u212ailo of web\n site."
    assert [m.term.name for m in glossary.find(text)] == ["State", "Kilo", "Web  site"]
    assert ("ſtate", "term:0") in links(text, glossary)
    assert glossary.lookup("web  site") == glossary.lookup("Web site") == glossary.terms[2]


def test_full_case_folding_on_nfc_text() -> None:
    glossary = Glossary((Term("İstanbul", "A city."), Term("Straße", "A street."), Term("file", "A record.")))
    text = "İstanbul, STRASSE, strasse and the \ufb01le (a ligature from a PDF); Istanbul is not İstanbul."
    assert [text[m.start : m.end] for m in glossary.find(text)] == [
        "İstanbul",
        "STRASSE",
        "strasse",
        "\ufb01le",
        "İstanbul",
    ]
    decomposed = "I\u0307stanbul"  # the same letters, not in NFC
    assert [m.term.name for m in glossary.find(unicodedata.normalize("NFC", decomposed))] == ["İstanbul"]
    assert glossary.lookup("STRASSE") is glossary.lookup("straße") is glossary.terms[1]


def test_terms_starting_with_markdown_symbols_are_linked_in_titles_and_quotes() -> None:
    glossary = Glossary((Term("#MeToo", "A movement."), Term("C#", "A language."), Term("Section_702", "A law.")))
    markdown = "# Why \\#MeToo matters\n\n> In C\\# and under Section\\_702, #MeToo."
    assert [words for words, _ in links(markdown, glossary)] == ["#MeToo", "C#", "Section_702", "#MeToo"]
    assert "[#MeToo]" not in markdown_to_text(markdown, glossary=glossary)


def test_linking_terms_never_changes_the_visible_text() -> None:
    glossary = Glossary((Term("complaint", "A statement."), Term("FBI", "A police force.")))
    markdown = (
        "Read the [complaint][1] yourself.\n\n    FBI agent opened the case\n\n[1]: https://x.org/complaint-FBI\n"
    )
    assert markdown_to_text(markdown, glossary=glossary) == markdown_to_text(markdown)
    assert links(markdown, glossary) == [("complaint", "https://x.org/complaint-FBI")]


def test_a_reference_that_check_accepts_is_linked_in_every_output() -> None:
    glossary = Glossary((Term("Straße", "A street."),))
    story_term = glossary.lookup("STRASSE")
    assert story_term is glossary.terms[0]
    assert links("Walk down the [[STRASSE]] and the [[big road|strasse]].", glossary) == [
        ("STRASSE", "term:0"),
        ("big road", "term:0"),
    ]


def test_unsafe_link_targets_are_text_in_the_app_and_line_mode() -> None:
    from explainer.tui.widgets.passage_blocks import Builder

    markdown = "[a](javascript:alert(1)) [b](file:///etc/passwd) [c](/relative) [d](https://example.com)"
    clickable: list[str] = []
    Builder(clickable).build(parse(markdown))
    assert clickable == ["https://example.com"]
    assert markdown_to_text(markdown, width=200) == (
        "[a](javascript:alert(1)) [b](file:///etc/passwd) c (/relative) d (https://example.com)"
    )


def test_texts_searched_at_once_find_what_each_finds_alone() -> None:
    glossary = Glossary((*TERMS, Term("C#", "A language."), Term("ß-Straße", "A street.")))
    texts = ["", "IP", "address", "IP address", "ccp CCP", "Party", "", "C#", "ß-STRASSE x", "xParty", "Party"]
    texts += ["Chinese\ncommunist party", "İ", "ﬁ Party", "a_Party", "Party_b", "C#", "#"]
    alone = [glossary.find(text) for text in texts]
    assert [list(found) for found in glossary.find_in_each(texts)] == alone
    assert sum(map(len, alone)) >= 9  # terms at the start, the end and the whole of a text
    holding_the_break = ["Party\x00Party", "Party"]  # not from markdown-it, which makes NUL U+FFFD
    assert [list(found) for found in glossary.find_in_each(holding_the_break)] == [
        glossary.find(text) for text in holding_the_break
    ]
