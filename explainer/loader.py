"""Scene files and glossary -> :class:`Story`, with errors that name file and line."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Block, Choice, Condition, Passage, Question, QuestionKind, Story, Term
from .problems import Problem, StoryError
from .safeyaml import Located, LocatedList, YamlProblem, read_yaml

MAX_FILE_BYTES = 2_000_000
GLOSSARY_FILE = "glossary.yaml"
NAME = re.compile(r"^[\w-]+$")
DIVIDER = re.compile(r"^---[ \t]*$")
IF_OPEN = re.compile(r"^:::[ \t]*if[ \t]+(.*?)[ \t]*$")
IF_CLOSE = re.compile(r"^:::[ \t]*$")
TERM_REFERENCE = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]|]+?))?\]\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

PASSAGE_FIELDS = {
    "id", "title", "section", "article", "question", "choices",
    "ending", "terms", "notes", "minutes",
}
CHOICE_FIELDS = {"text", "goto", "set", "if"}
OPTION_FIELDS = {"text", "goto", "set", "if", "correct", "feedback"}
QUESTION_FIELDS = {"kind", "prompt", "role", "options"}
TERM_FIELDS = {"term", "definition", "aliases", "source"}


def make_visible(text: str) -> str:
    """Replace control characters (escape sequences among them) by visible symbols.

    Tabs and line ends are kept; everything else below space becomes its Unicode
    "control picture", so no byte from a story file can drive the terminal.
    """
    return _CONTROL.sub(_picture, text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\x{code:02x}"


def load_story(folder: str | Path) -> Story:
    """Load and validate the story in ``folder``.

    Raises:
        StoryError: with one :class:`Problem` per thing wrong, sorted by file and line.
    """
    story, problems = read_story(folder)
    if problems or story is None:
        raise StoryError(problems)
    return story


def read_story(folder: str | Path) -> tuple[Story | None, list[Problem]]:
    """Read a story folder, returning the story (if it could be built) and all errors."""
    reader = _StoryReader(Path(folder))
    return reader.read(), reader.problems


@dataclass
class _FlagUse:
    flag: str
    file: str
    line: int


@dataclass
class _StoryReader:
    folder: Path
    problems: list[Problem] = field(default_factory=list)
    tested: list[_FlagUse] = field(default_factory=list)
    set_flags: set[str] = field(default_factory=set)
    references: list[tuple[str, str, int]] = field(default_factory=list)
    gotos: list[tuple[str, str, str, int]] = field(default_factory=list)

    def error(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def read(self) -> Story | None:
        label = str(self.folder)
        if not self.folder.is_dir():
            self.error(label, 0, "no such story folder")
            return None
        scene_files = sorted(p for p in self.folder.iterdir() if p.suffix == ".md")
        if not scene_files:
            self.error(label, 0, "no scene files (*.md) in this folder")
            return None
        passages: dict[str, Passage] = {}
        for path in scene_files:
            for passage in self.read_scene_file(path):
                if passage.id in passages:
                    first = passages[passage.id]
                    self.error(passage.file, passage.line,
                               f'duplicate id "{passage.id}": already used at {first.file}:{first.line}')
                else:
                    passages[passage.id] = passage
        terms = self.read_glossary(self.folder / GLOSSARY_FILE)
        if not passages:
            return None
        story = Story(passages=passages, terms=terms, folder=label, start=next(iter(passages)))
        self.check_links(story)
        return story

    def read_text(self, path: Path) -> str | None:
        """The file's text with line ends normalised and control characters made visible."""
        label = str(path)
        if not path.resolve().is_relative_to(self.folder.resolve()):
            self.error(label, 0, "links to a file outside the story folder; refused")
            return None
        try:
            if not path.is_file():
                self.error(label, 0, "not a regular file")
                return None
            if path.stat().st_size > MAX_FILE_BYTES:
                self.error(label, 0, f"file is too large (over {MAX_FILE_BYTES // 1_000_000} MB)")
                return None
            data = path.read_bytes()
        except OSError as error:
            self.error(label, 0, f"cannot be read: {error.strerror or error}")
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.error(label, line, f"not UTF-8 text (byte 0x{data[error.start]:02x})")
            return None
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return make_visible(text)

    def read_scene_file(self, path: Path) -> Iterable[Passage]:
        text = self.read_text(path)
        if text is None:
            return []
        label = str(path)
        lines = text.split("\n")
        dividers = [i for i, line in enumerate(lines) if DIVIDER.match(line)]
        first_text = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first_text is None:
            self.error(label, 1, "empty scene file: it needs at least one passage")
            return []
        if not dividers or dividers[0] != first_text:
            self.error(label, first_text + 1, "a scene file must start with a '---' line")
            return []
        passages: list[Passage] = []
        section = 0
        # Dividers alternate: open front matter, close it, open the next, ...
        for n in range(0, len(dividers), 2):
            start = dividers[n]
            if n + 1 >= len(dividers):
                self.error(label, start + 1, "front matter is not closed by a '---' line")
                break
            end = dividers[n + 1]
            body_end = dividers[n + 2] if n + 2 < len(dividers) else len(lines)
            front = "\n".join(lines[start + 1:end])
            passage = self.read_passage(label, start + 1, front, lines[end + 1:body_end], end + 2, section)
            if passage is not None:
                section = passage.section
                passages.append(passage)
        return passages

    def read_passage(self, file: str, line: int, front: str, body: list[str],
                     body_line: int, section: int) -> Passage | None:
        try:
            data = read_yaml(front)
        except YamlProblem as problem:
            self.error(file, line + problem.line, problem.message)
            return None
        if not isinstance(data, Located):
            self.error(file, line, "front matter must be a mapping of fields (id: ..., title: ...)")
            return None
        fields = _Fields(self, file, line, data)
        fields.unknown(PASSAGE_FIELDS, "passage")
        passage_id = fields.name("id", required=True)
        title = fields.text("title", required=True)
        blocks = self.read_body(file, body_line, body)
        question = self.read_question(fields)
        choices = tuple(self.read_choice(fields, item, i, CHOICE_FIELDS, "choice")
                        for i, item in fields.items("choices"))
        terms = tuple(fields.list_of_text("terms"))
        for term in terms:
            self.references.append((term, file, fields.line_of("terms")))
        given_section = fields.whole("section", minimum=1)
        if passage_id is None or title is None:
            return None
        return Passage(
            id=passage_id, title=title, blocks=blocks, file=file, line=line + fields.data.line_of("id"),
            section=given_section if given_section is not None else section,
            article=(fields.text("article") or "").strip(),
            question=question, choices=tuple(c for c in choices if c is not None),
            ending=fields.flag("ending"), terms=terms,
            notes=(fields.text("notes") or "").strip(),
            minutes=fields.whole("minutes", minimum=0) or 0,
        )

    def read_question(self, fields: _Fields) -> Question | None:
        data = fields.mapping("question")
        if data is None:
            return None
        question = _Fields(self, fields.file, fields.offset, data)
        question.unknown(QUESTION_FIELDS, "question")
        kind_name = question.text("kind", required=True)
        prompt = question.text("prompt", required=True)
        role = question.text("role") or ""
        kinds = {kind.value: kind for kind in QuestionKind}
        if kind_name is not None and kind_name not in kinds:
            self.error(question.file, question.line_of("kind"),
                       f'question kind must be "quiz" or "decision", not "{kind_name}"')
            return None
        options = [self.read_choice(question, item, i, OPTION_FIELDS, "option")
                   for i, item in question.items("options", required=True)]
        if "options" in data and not options:
            self.error(question.file, question.line_of("options"), "a question needs at least one option")
        if kind_name is None or prompt is None:
            return None
        kind = kinds[kind_name]
        for option in options:
            if option is None:
                continue
            if kind is QuestionKind.DECISION and not option.goto:
                self.error(question.file, option.line, "a decision option needs a 'goto'")
            if kind is QuestionKind.QUIZ and option.goto:
                self.error(question.file, option.line,
                           "a quiz option cannot 'goto': put the way on in the passage's choices")
            if kind is QuestionKind.DECISION and (option.correct or option.feedback):
                self.error(question.file, option.line,
                           "a decision has no right answer: 'correct' and 'feedback' belong to quizzes")
        return Question(kind=kind, prompt=prompt, role=role, line=question.line_of("kind"),
                        options=tuple(o for o in options if o is not None))

    def read_choice(self, parent: _Fields, item: Any, index: int, allowed: set[str],
                    what: str) -> Choice | None:
        line = parent.item_line
        if not isinstance(item, Located):
            self.error(parent.file, line, f"{what} {index} must be a mapping (text: ..., goto: ...)")
            return None
        fields = _Fields(self, parent.file, parent.offset, item)
        fields.unknown(allowed, what)
        text = fields.text("text", required=True)
        goto = fields.name("goto", required=what == "choice") or ""
        sets = tuple(fields.flags("set"))
        self.set_flags.update(sets)
        condition = fields.condition("if")
        correct = fields.flag("correct")
        feedback = fields.text("feedback") or ""
        if text is None:
            return None
        choice = Choice(text=text, goto=goto, sets=sets, condition=condition, correct=correct,
                        feedback=feedback, line=fields.offset + item.line)
        if goto:
            self.gotos.append((goto, f"{what} {index}", parent.file, choice.line))
        return choice

    def read_body(self, file: str, first_line: int, lines: list[str]) -> tuple[Block, ...]:
        blocks: list[Block] = []
        current: list[str] = []
        condition: Condition | None = None
        opened_at = 0
        for number, line in enumerate(lines, start=first_line):
            opening = IF_OPEN.match(line)
            if opening:
                if condition is not None:
                    self.error(file, number, f"'::: if' inside another '::: if' (opened at line {opened_at})")
                    continue
                blocks.append(Block("\n".join(current)))
                current = []
                condition = self.parse_condition(file, number, opening.group(1))
                opened_at = number
                if condition is None:
                    condition = Condition("")
                continue
            if IF_CLOSE.match(line):
                if condition is None:
                    self.error(file, number, "':::' closes nothing")
                    continue
                blocks.append(Block("\n".join(current), condition if condition.flag else None))
                current, condition = [], None
                continue
            for match in TERM_REFERENCE.finditer(line):
                self.references.append(((match.group(2) or match.group(1)).strip(), file, number))
            current.append(line)
        if condition is not None:
            self.error(file, opened_at, "'::: if' is not closed by a ':::' line")
        blocks.append(Block("\n".join(current), condition if condition and condition.flag else None))
        return tuple(block for block in blocks if block.markdown.strip())

    def parse_condition(self, file: str, line: int, text: str) -> Condition | None:
        words = text.split()
        negated = len(words) == 2 and words[0] == "not"
        flag = words[-1] if words else ""
        if len(words) not in (1, 2) or (len(words) == 2 and not negated) or not NAME.match(flag):
            self.error(file, line, f'a condition must be "FLAG" or "not FLAG", not "{text}"')
            return None
        self.tested.append(_FlagUse(flag, file, line))
        return Condition(flag, negated)

    def read_glossary(self, path: Path) -> tuple[Term, ...]:
        if not path.exists() and not path.is_symlink():
            return ()
        text = self.read_text(path)
        if text is None:
            return ()
        label = str(path)
        try:
            data = read_yaml(text)
        except YamlProblem as problem:
            self.error(label, problem.line, problem.message)
            return ()
        if not isinstance(data, Located) or "terms" not in data:
            self.error(label, 1, "the glossary must be a mapping with a 'terms' list")
            return ()
        fields = _Fields(self, label, 0, data)
        fields.unknown({"terms"}, "glossary")
        terms: list[Term] = []
        seen: dict[str, int] = {}
        for index, item in fields.items("terms"):
            line = fields.item_line
            if not isinstance(item, Located):
                self.error(label, line, f"term {index} must be a mapping (term: ..., definition: ...)")
                continue
            entry = _Fields(self, label, 0, item)
            entry.unknown(TERM_FIELDS, "term")
            name = entry.text("term", required=True)
            definition = entry.text("definition", required=True)
            aliases = tuple(a.strip() for a in entry.list_of_text("aliases") if a.strip())
            source = entry.text("source") or ""
            if name is None or definition is None:
                continue
            for alias in (name.strip(), *aliases):
                key = alias.casefold()
                if key in seen:
                    self.error(label, item.line, f'"{alias}" is already a term or alias at line {seen[key]}')
                seen[key] = item.line
            terms.append(Term(term=name.strip(), definition=definition.strip(), aliases=aliases,
                              source=source.strip(), line=item.line))
        return tuple(terms)

    def check_links(self, story: Story) -> None:
        for target, what, file, line in self.gotos:
            if target not in story.passages:
                self.error(file, line, f'{what} goes to "{target}", which does not exist')
        for name, file, line in self.references:
            if story.term_named(name) is None:
                self.error(file, line, f'"{name}" is not a term in the glossary')
        for use in self.tested:
            if use.flag not in self.set_flags:
                self.error(use.file, use.line, f'flag "{use.flag}" is tested but never set')


@dataclass
class _Fields:
    """Typed access to a front-matter mapping, reporting problems at the right line."""

    reader: _StoryReader
    file: str
    offset: int
    data: Located
    item_line: int = 0

    def line_of(self, key: str) -> int:
        return self.offset + self.data.line_of(key)

    def problem(self, key: str, message: str) -> None:
        self.reader.error(self.file, self.line_of(key), message)

    def unknown(self, allowed: set[str], what: str) -> None:
        for key in self.data:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.problem(key, f"unknown {what} field '{key}' (known: {known})")

    def typed(self, key: str, check: Callable[[Any], bool], kind: str, required: bool) -> Any:
        if key not in self.data or self.data[key] is None:
            if required:
                self.reader.error(self.file, self.offset + self.data.line, f"missing required field '{key}'")
            return None
        value = self.data[key]
        if not check(value):
            self.problem(key, f"'{key}' must be {kind}, not {_describe(value)}")
            return None
        return value

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.typed(key, lambda v: isinstance(v, str), "text", required)
        if value is not None and not value.strip():
            if required:
                self.problem(key, f"'{key}' must not be empty")
            return None
        return value  # type: ignore[no-any-return]

    def name(self, key: str, required: bool = False) -> str | None:
        value = self.text(key, required)
        if value is not None and not NAME.match(value):
            self.problem(key, f"'{key}' must be made of letters, digits, '-' and '_', not \"{value}\"")
            return None
        return value

    def whole(self, key: str, minimum: int) -> int | None:
        value = self.typed(key, lambda v: isinstance(v, int) and not isinstance(v, bool),
                           "a whole number", False)
        if value is not None and value < minimum:
            self.problem(key, f"'{key}' must be at least {minimum}")
            return None
        return value  # type: ignore[no-any-return]

    def flag(self, key: str) -> bool:
        return bool(self.typed(key, lambda v: isinstance(v, bool), "true or false", False))

    def mapping(self, key: str) -> Located | None:
        return self.typed(key, lambda v: isinstance(v, Located), "a mapping", False)  # type: ignore[no-any-return]

    def items(self, key: str, required: bool = False) -> Iterable[tuple[int, Any]]:
        value = self.typed(key, lambda v: isinstance(v, LocatedList), "a list", required)
        for index, item in enumerate(value or (), start=1):
            self.item_line = self.offset + value.item_lines[index - 1]
            yield index, item

    def list_of_text(self, key: str) -> list[str]:
        value = self.typed(key, lambda v: isinstance(v, (str, LocatedList)), "a list of text", False)
        if value is None:
            return []
        values = [value] if isinstance(value, str) else list(value)
        if not all(isinstance(v, str) for v in values):
            self.problem(key, f"'{key}' must be a list of text")
            return []
        return values

    def flags(self, key: str) -> list[str]:
        flags = self.list_of_text(key)
        for flag in flags:
            if not NAME.match(flag):
                self.problem(key, f'a flag is made of letters, digits, "-" and "_", not "{flag}"')
                return []
        return flags

    def condition(self, key: str) -> Condition | None:
        text = self.text(key)
        if text is None:
            return None
        return self.reader.parse_condition(self.file, self.line_of(key), text)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (Located, dict)):
        return "a mapping"
    if isinstance(value, (LocatedList, list)):
        return "a list"
    if isinstance(value, str):
        return f'text "{value[:40]}"'
    return f"{type(value).__name__} {value!r}"[:60]
