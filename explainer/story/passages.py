"""A passage's front matter: its fields, its question and its choices, checked one by one."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from explainer.story.bodies import read_body
from explainer.story.derived import estimated_minutes
from explainer.story.fields import Fields, Findings, slug
from explainer.story.model import Choice, Passage, Question, QuestionKind
from explainer.story.yaml_reader import Located, YamlProblem, read_visible_yaml

PASSAGE_FIELDS = {
    "id",
    "title",
    "section",
    "article",
    "question",
    "choices",
    "ending",
    "terms",
    "notes",
    "minutes",
}
CHOICE_FIELDS = {"text", "goto", "set", "if"}
OPTION_FIELDS = {"id", "text", "goto", "set", "if", "correct", "feedback", "pin"}
QUESTION_FIELDS = {"kind", "prompt", "role", "options", "notes"}
QUESTION_KINDS = {kind.value: kind for kind in QuestionKind}


def read_passage(
    findings: Findings, file: str, line: int, front: str, body: str, body_line: int, section: int
) -> Passage | None:
    """The passage whose front matter and body start at these lines; None if it cannot be built.

    Every field is checked even when the passage cannot be built, so that all problems show.
    """
    try:
        data = read_visible_yaml(front)
    except YamlProblem as trouble:
        from explainer.story.yaml_hints import explain  # only for a mistake: most stories have none

        if hint := explain(front, trouble):  # the mistake itself, in the project's words
            findings.error(file, line + hint.line, hint.code, **hint.values)
        else:
            findings.error(file, line + trouble.line, trouble.code, **trouble.values)
        return None
    if not isinstance(data, Located):
        findings.error(file, line, "not-mapping")
        return None
    fields = Fields(findings, file, line, data)
    fields.unknown(PASSAGE_FIELDS, "passage")
    passage_id = fields.name("id", required=True)
    title = fields.text("title", required=True)
    blocks = read_body(findings, file, body_line, body)
    question = read_question(findings, fields)
    choices = tuple(
        read_choice(findings, fields, item, i, CHOICE_FIELDS, "choice") for i, item in fields.items("choices")
    )
    terms = tuple(fields.list_of_text("terms"))
    for term in terms:
        findings.references.append((term, file, fields.line_of("terms")))
    given_section = fields.whole("section", minimum=1)
    # Every field is checked, even when the passage cannot be built, so all problems show.
    article = (fields.text("article") or "").strip()
    ending = fields.flag("ending")
    notes = (fields.text("notes") or "").strip()
    minutes = fields.whole("minutes", minimum=0)
    if ending and given_section is not None:
        fields.problem("section", "section-on-ending")
    if passage_id is None or title is None:
        return None
    if minutes is None:  # not given: worked out from the words and the question
        minutes = estimated_minutes(title, article, blocks, question)
    return Passage(
        id=passage_id,
        title=title,
        blocks=blocks,
        file=file,
        line=line + fields.data.line_of("id"),
        section=given_section if given_section is not None else section,
        article=article,
        question=question,
        choices=tuple(c for c in choices if c is not None),
        ending=ending,
        terms=terms,
        notes=notes,
        minutes=minutes,
    )


def read_question(findings: Findings, fields: Fields) -> Question | None:
    """The passage's question, if it has one that can be built."""
    data = fields.mapping("question")
    if data is None:
        return None
    question = Fields(findings, fields.file, fields.offset, data)
    question.unknown(QUESTION_FIELDS, "question")
    kind_name = question.text("kind", required=True)
    prompt = question.text("prompt", required=True)
    role = question.text("role") or ""
    notes = (question.text("notes") or "").strip()
    if kind_name is not None and kind_name not in QUESTION_KINDS:
        findings.error(question.file, question.line_of("kind"), "bad-kind", value=kind_name)
        return None
    options = [
        read_choice(findings, question, item, i, OPTION_FIELDS, "option")
        for i, item in question.items("options", required=True)
    ]
    if "options" in data and not options:
        findings.error(question.file, question.line_of("options"), "no-options")
    if kind_name is None or prompt is None:
        return None
    kind = QUESTION_KINDS[kind_name]
    for option in options:
        if option is None:
            continue
        if kind is QuestionKind.DECISION and not option.goto:
            findings.error(question.file, option.line, "decision-goto")
        if kind is QuestionKind.QUIZ and option.goto:
            findings.error(question.file, option.line, "quiz-goto")
        if kind is QuestionKind.DECISION and (option.correct or option.feedback):
            findings.error(question.file, option.line, "decision-correct")
    # Traps: a reader could never go on, or would have nothing to decide.
    built = [option for option in options if option is not None]
    if kind is QuestionKind.QUIZ and built and not any(option.correct for option in built):
        findings.error(question.file, question.line_of("kind"), "no-right-answer")
    if kind is QuestionKind.DECISION and len(options) == 1:
        findings.error(question.file, question.line_of("options"), "one-option")
    return Question(
        kind=kind,
        prompt=prompt,
        role=role,
        line=question.line_of("kind"),
        options=with_ids(findings, question.file, [o for o in options if o is not None]),
        notes=notes,
    )


def with_ids(findings: Findings, file: str, options: list[Choice]) -> tuple[Choice, ...]:
    """The options, each with an id unique in its question: its own ``id``, or made from its text.

    Saves and reports name options by these ids, so an option keeps its id when it moves.
    """
    given = [option.id for option in options if option.id]
    taken: set[str] = set()
    for option in options:
        if option.id and option.id in taken:
            findings.error(file, option.line, "duplicate-option-id", id=option.id)
        taken.add(option.id)
    named = []
    for number, option in enumerate(options, start=1):
        option_id = option.id
        if not option_id:
            base = slug(option.text) or f"option-{number}"
            option_id, count = base, 1
            while option_id in taken or option_id in given:
                count += 1
                option_id = f"{base}-{count}"
            taken.add(option_id)
        named.append(option if option_id == option.id else replace(option, id=option_id))
    return tuple(named)


def read_choice(
    findings: Findings, parent: Fields, item: Any, index: int, allowed: set[str], what: str
) -> Choice | None:
    """One choice or option (``what``) of a list, checked against the ``allowed`` fields."""
    line = parent.item_line
    if not isinstance(item, Located):
        findings.error(parent.file, line, "item-not-mapping", what=what, index=index, example="text: ..., goto: ...")
        return None
    fields = Fields(findings, parent.file, parent.offset, item)
    fields.unknown(allowed, what)
    text = fields.text("text", required=True)
    goto = fields.name("goto", required=what == "choice") or ""
    sets = tuple(fields.flags("set"))
    findings.set_flags.update(sets)
    condition = fields.condition("if")
    correct = fields.flag("correct")
    feedback = fields.text("feedback") or ""
    option_id = (fields.name("id") or "") if "id" in allowed else ""
    pinned = fields.flag("pin") if "pin" in allowed else False
    if text is None:
        return None
    choice = Choice(
        text=text,
        goto=goto,
        sets=sets,
        condition=condition,
        correct=correct,
        feedback=feedback,
        line=fields.offset + item.line,
        id=option_id,
        pinned=pinned,
    )
    if goto:
        findings.gotos.append((goto, f"{what} {index}", parent.file, fields.line_of("goto")))
    return choice
