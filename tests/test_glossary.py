"""Finding glossary terms in text."""

from __future__ import annotations

from explainer.story.glossary import Glossary
from explainer.story.model import Term

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


def test_link_makes_term_links_but_leaves_code_and_links_alone() -> None:
    glossary = Glossary(TERMS)
    linked = glossary.link("The CCP said `CCP` and [CCP](https://example.org); see [[that group|Party]].")
    assert linked == ("The [CCP](term:0) said `CCP` and [CCP](https://example.org); see [that group](term:3).")


def test_a_reference_to_an_unknown_term_shows_its_words() -> None:
    assert Glossary(TERMS).link("[[Nothing here]]") == "Nothing here"


def test_an_empty_glossary_finds_nothing() -> None:
    glossary = Glossary(())
    assert glossary.find("anything") == [] and glossary.link("text") == "text"


def test_regex_characters_in_terms_are_literal() -> None:
    glossary = Glossary((Term("C++ (language)", "A language."), Term("a.b", "Dots.")))
    assert [m.term.name for m in glossary.find("C++ (language) and a.b but not axb")] == [
        "C++ (language)",
        "a.b",
    ]


def test_letters_that_match_only_ignoring_case_still_name_their_term() -> None:
    # The pattern matches "ſtate" (long s) and "\u212ailo" (Kelvin sign) ignoring case, though
    # lower() leaves them as they are: the term is still found, not a crash.
    glossary = Glossary((Term("State", "A country."), Term("Kilo", "A thousand."), Term("Web  site", "Pages.")))
    text = "The ſtate sold a \u212ailo of web\n site."
    assert [m.term.name for m in glossary.find(text)] == ["State", "Kilo", "Web  site"]
    assert "term:0" in glossary.link(text)
    assert glossary.lookup("web  site") == glossary.lookup("Web site") == glossary.terms[2]
