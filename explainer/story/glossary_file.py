"""The glossary file: each term with its definition, aliases and source."""

from __future__ import annotations

from pathlib import Path

from explainer.story.fields import Fields, Findings
from explainer.story.files import label, read_text
from explainer.story.folding import name_key
from explainer.story.model import Term
from explainer.story.yaml_reader import Located, YamlProblem, read_visible_yaml

MAX_TERM_LENGTH = 100
TERM_FIELDS = {"term", "definition", "aliases", "source"}


def read_glossary(findings: Findings, path: Path, inside: Path) -> tuple[Term, ...]:
    """The terms of the glossary file at ``path``; none if there is no such file."""
    if not path.exists() and not path.is_symlink():
        return ()
    text = read_text(path, inside, findings.error)
    if text is None:
        return ()
    if findings.texts is not None:
        findings.texts[path] = text
    file = label(path)
    try:
        data = read_visible_yaml(text)
    except YamlProblem as trouble:
        from explainer.story.yaml_hints import explain  # only for a mistake: most stories have none

        if hint := explain(text, trouble):  # the mistake itself, in the project's words
            findings.error(file, hint.line, hint.code, **hint.values)
        else:
            findings.error(file, trouble.line, trouble.code, **trouble.values)
        return ()
    if data is None:  # an empty glossary: no terms yet
        return ()
    if not isinstance(data, Located) or "terms" not in data:
        findings.error(file, 1, "glossary-shape")
        return ()
    fields = Fields(findings, file, 0, data)
    fields.unknown({"terms"}, "glossary")
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for index, item in fields.items("terms"):
        line = fields.item_line
        if not isinstance(item, Located):
            findings.error(
                file, line, "item-not-mapping", what="term", index=index, example="term: ..., definition: ..."
            )
            continue
        entry = Fields(findings, file, 0, item)
        entry.unknown(TERM_FIELDS, "term")
        name = entry.text("term", required=True)
        definition = entry.text("definition", required=True)
        aliases = tuple(a.strip() for a in entry.list_of_text("aliases") if a.strip())
        source = entry.text("source") or ""
        if name is None or definition is None:
            continue
        if any(len(alias) > MAX_TERM_LENGTH for alias in (name.strip(), *aliases)):
            findings.error(file, item.line, "term-too-long", limit=MAX_TERM_LENGTH)
            continue
        for alias in (name.strip(), *aliases):
            key = name_key(alias)
            if key in seen:
                findings.error(file, item.line, "term-twice", name=alias, earlier=seen[key])
            seen[key] = item.line
        terms.append(
            Term(
                name=name.strip(), definition=definition.strip(), aliases=aliases, source=source.strip(), line=item.line
            )
        )
    return tuple(terms)
