"""Scene files and glossary -> :class:`Story`, with errors that name file and line."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from .collector import collector_paused
from .glossary import TERM_REFERENCE, referenced_name
from .halves import both_at_once
from .model import Block, Choice, Condition, Passage, Question, QuestionKind, Story, Term
from .problems import Problem, Severity, StoryError, problem, visible
from .located import Located, LocatedList, YamlProblem, describe

MAX_FILE_BYTES = 2_000_000
HALVES_BYTES = 1_000_000  # from this many bytes of scene files, two halves are read at once
HERE_SHARE = 0.55  # of those bytes, read here while the copy reads the rest
MAX_TERM_LENGTH = 100
GLOSSARY_FILE = "glossary.yaml"
NAME = re.compile(r"[\w-]+")
# A line of "---". (The look-behind comes second so that the search can skip to "---" at once.)
DIVIDER = re.compile(r"---(?<=^---)[ \t]*$", re.MULTILINE)
IF_OPEN = re.compile(r"^:::[ \t]*if[ \t]+(.*?)[ \t]*$")
IF_CLOSE = re.compile(r"^:::[ \t]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_LINE_ENDS = re.compile(r"\r\n|[\r\u2028\u2029]")

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
    if code > 0xFFFD:
        return "\ufffd"
    return f"\\x{code:02x}"


def read_yaml(text: str) -> Any:
    """:func:`explainer.fastyaml.read_yaml`, imported when first needed.

    PyYAML takes milliseconds to import, and a story read from its cache needs none of it.
    """
    global read_yaml
    from .fastyaml import read_yaml as read_fast

    read_yaml = read_fast
    return read_fast(text)


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
    with collector_paused():
        return reader.read(), reader.problems


def label(path: Path) -> str:
    """A path as problems name it: undecodable bytes and control characters made visible."""
    return visible(make_visible(str(path)))


def is_name(text: str) -> bool:
    """Whether ``text`` is a valid id or flag: letters, digits, ``-`` and ``_``."""
    return NAME.fullmatch(text) is not None


def _visible_values(value: Any) -> Any:
    """YAML values with control characters made visible (YAML's own escapes, like \\e, among them)."""
    if isinstance(value, str):
        return make_visible(value.replace("\u2028", "\n").replace("\u2029", "\n"))
    if isinstance(value, Located):
        for key, item in value.items():
            value[key] = _visible_values(item)
    elif isinstance(value, LocatedList):
        value[:] = [_visible_values(item) for item in value]
    return value


def _size(path: Path) -> int:
    """A file's size in bytes; 0 where it cannot be told (reading it will say why)."""
    try:
        return path.stat().st_size
    except (OSError, ValueError):
        return 0


class _LineCounter:
    """The line numbers of places in a text, for places that never go backwards."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def number(self, offset: int) -> int:
        """The line (from 1) of the character at ``offset``."""
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


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

    def error(self, file: str, line: int, code: str, **values: object) -> None:
        self.problems.append(problem(file, line, code, Severity.ERROR, **values))

    @cached_property
    def real_folder(self) -> Path:
        """The folder with every symbolic link resolved: scene files must lie inside it."""
        return self.folder.resolve()

    def read(self) -> Story | None:
        folder = label(self.folder)
        try:
            if not self.folder.is_dir():
                self.error(folder, 0, "no-folder")
                return None
            # Hidden files (editor locks and swap files) are not part of the story.
            scene_files = sorted(p for p in self.folder.iterdir()
                                 if p.suffix == ".md" and not p.name.startswith("."))
        except OSError as error:
            self.error(folder, 0, "folder-unreadable", reason=error.strerror or str(error))
            return None
        if not scene_files:
            self.error(folder, 0, "no-scenes")
            return None
        passages: dict[str, Passage] = {}
        for passage in self.read_scene_files(scene_files):
            if passage.id in passages:
                first = passages[passage.id]
                self.error(passage.file, passage.line, "duplicate-id", id=passage.id,
                           place=f"{first.file}:{first.line}")
            else:
                passages[passage.id] = passage
        terms = self.read_glossary(self.folder / GLOSSARY_FILE)
        if not passages:
            return None
        story = Story(passages=passages, terms=terms, folder=folder, start=next(iter(passages)))
        self.check_links(story)
        return story

    def read_scene_files(self, paths: list[Path]) -> list[Passage]:
        """The passages of all the scene files, in order; a long story's two halves at once."""
        sizes = [_size(path) for path in paths]
        if sum(sizes) < HALVES_BYTES or len(paths) < 2:
            return [passage for path in paths for passage in self.read_scene_file(path)]
        # A little more than half here: the copy must also send its passages, and this process
        # read them. Each part has a file at least.
        middle, total, share = 1, sizes[0], sum(sizes) * HERE_SHARE
        while total < share and middle < len(paths) - 1:
            total += sizes[middle]
            middle += 1
        parts = both_at_once(partial(self.read_part, paths[:middle]), partial(self.read_part, paths[middle:]))
        passages: list[Passage] = []
        for file_passages, reader in parts[0] + parts[1]:
            passages += file_passages
            self.problems += reader.problems
            self.tested += reader.tested
            self.set_flags |= reader.set_flags
            self.references += reader.references
            self.gotos += reader.gotos
        return passages

    def read_part(self, paths: list[Path]) -> list[tuple[list[Passage], _StoryReader]]:
        """Each scene file's passages, with the reader of its own that noted what it found."""
        readers = [_StoryReader(self.folder) for _ in paths]
        for reader in readers:
            reader.real_folder = self.real_folder  # resolved once for all
        return [(reader.read_scene_file(path), reader) for reader, path in zip(readers, paths)]

    def read_text(self, path: Path) -> str | None:
        """The file's text: NFC, line ends normalised, control characters made visible."""
        file = label(path)
        try:
            if not path.resolve().is_relative_to(self.real_folder):
                self.error(file, 1, "outside")
                return None
            if not path.is_file():
                self.error(file, 1, "not-file")
                return None
            if path.stat().st_size > MAX_FILE_BYTES:
                self.error(file, 1, "too-large", limit=MAX_FILE_BYTES // 1_000_000)
                return None
            data = path.read_bytes()
        except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.error(file, 1, "unreadable", reason=reason)
            return None
        if len(data) > MAX_FILE_BYTES:  # grew since stat()
            self.error(file, 1, "too-large", limit=MAX_FILE_BYTES // 1_000_000)
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.error(file, line, "not-utf8", byte=f"0x{data[error.start]:02x}")
            return None
        if "\r" in text or not text.isascii():  # ASCII is NFC already, and has no U+2028
            text = unicodedata.normalize("NFC", _LINE_ENDS.sub("\n", text))
        return make_visible(text)

    def read_scene_file(self, path: Path) -> list[Passage]:
        text = self.read_text(path)
        if text is None:
            return []
        file = label(path)
        content = text.lstrip()
        if not content:
            self.error(file, 1, "empty-scene")
            return []
        first_text = text.count("\n", 0, len(text) - len(content))  # the line, from 0
        lines = _LineCounter(text)
        dividers = [(lines.number(match.start()) - 1, match.start(), match.end())
                    for match in DIVIDER.finditer(text)]
        if not dividers or dividers[0][0] != first_text:
            self.error(file, first_text + 1, "no-start")
            return []
        passages: list[Passage] = []
        section = 0
        # Dividers alternate: open front matter, close it, open the next, ...
        for n in range(0, len(dividers), 2):
            start, _, front_start = dividers[n]
            if n + 1 >= len(dividers):
                self.error(file, start + 1, "not-closed")
                break
            end, front_end, body_start = dividers[n + 1]
            # The body ends with the line before the next divider (or with the file).
            body_end = dividers[n + 2][1] - 1 if n + 2 < len(dividers) else len(text)
            front = text[front_start + 1:front_end - 1] if end > start + 1 else ""
            body = text[body_start + 1:body_end]
            passage = self.read_passage(file, start + 1, front, body, end + 2, section)
            if passage is not None:
                section = passage.section
                passages.append(passage)
        return passages

    def read_passage(self, file: str, line: int, front: str, body: str,
                     body_line: int, section: int) -> Passage | None:
        try:
            data = read_yaml(front)
            if "\\" in front:  # only YAML's escapes (\e, \x1b ...) can make control characters
                data = _visible_values(data)
        except YamlProblem as trouble:
            self.error(file, line + trouble.line, trouble.code, **trouble.values)
            return None
        if not isinstance(data, Located):
            self.error(file, line, "not-mapping")
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
        # Every field is checked, even when the passage cannot be built, so all problems show.
        article = (fields.text("article") or "").strip()
        ending = fields.flag("ending")
        notes = (fields.text("notes") or "").strip()
        minutes = fields.whole("minutes", minimum=0) or 0
        if passage_id is None or title is None:
            return None
        return Passage(
            id=passage_id, title=title, blocks=blocks, file=file, line=line + fields.data.line_of("id"),
            section=given_section if given_section is not None else section,
            article=article, question=question, choices=tuple(c for c in choices if c is not None),
            ending=ending, terms=terms, notes=notes, minutes=minutes,
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
            self.error(question.file, question.line_of("kind"), "bad-kind", value=kind_name)
            return None
        options = [self.read_choice(question, item, i, OPTION_FIELDS, "option")
                   for i, item in question.items("options", required=True)]
        if "options" in data and not options:
            self.error(question.file, question.line_of("options"), "no-options")
        if kind_name is None or prompt is None:
            return None
        kind = kinds[kind_name]
        for option in options:
            if option is None:
                continue
            if kind is QuestionKind.DECISION and not option.goto:
                self.error(question.file, option.line, "decision-goto")
            if kind is QuestionKind.QUIZ and option.goto:
                self.error(question.file, option.line, "quiz-goto")
            if kind is QuestionKind.DECISION and (option.correct or option.feedback):
                self.error(question.file, option.line, "decision-correct")
        return Question(kind=kind, prompt=prompt, role=role, line=question.line_of("kind"),
                        options=tuple(o for o in options if o is not None))

    def read_choice(self, parent: _Fields, item: Any, index: int, allowed: set[str],
                    what: str) -> Choice | None:
        line = parent.item_line
        if not isinstance(item, Located):
            self.error(parent.file, line, "item-not-mapping", what=what, index=index,
                       example="text: ..., goto: ...")
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
            self.gotos.append((goto, f"{what} {index}", parent.file, fields.line_of("goto")))
        return choice

    def read_body(self, file: str, first_line: int, body: str) -> tuple[Block, ...]:
        if ":::" not in body:  # the usual body: no conditions, one block
            self.note_references(file, first_line, body)
            return (Block(body),) if body.strip() else ()
        blocks: list[Block] = []
        current: list[str] = []
        condition: Condition | None = None
        opened_at = 0
        for number, line in enumerate(body.split("\n"), start=first_line):
            opening = IF_OPEN.match(line)
            if opening:
                if condition is not None:
                    self.error(file, number, "nested-if", opened=opened_at)
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
                    self.error(file, number, "close-nothing")
                    continue
                blocks.append(Block("\n".join(current), condition if condition.flag else None))
                current, condition = [], None
                continue
            self.note_references(file, number, line)
            current.append(line)
        if condition is not None:
            self.error(file, opened_at, "if-not-closed")
        blocks.append(Block("\n".join(current), condition if condition and condition.flag else None))
        return tuple(block for block in blocks if block.markdown.strip())

    def note_references(self, file: str, first_line: int, text: str) -> None:
        """Remember each ``[[term]]`` in the text, to check once the glossary is read."""
        if "[[" not in text:
            return
        lines = _LineCounter(text)
        for match in TERM_REFERENCE.finditer(text):
            if "\n" not in match.group():  # a reference lies on one line
                self.references.append((referenced_name(match), file,
                                        first_line - 1 + lines.number(match.start())))

    def parse_condition(self, file: str, line: int, text: str) -> Condition | None:
        words = text.split()
        negated = len(words) == 2 and words[0] == "not"
        flag = words[-1] if words else ""
        if len(words) not in (1, 2) or (len(words) == 2 and not negated) or not is_name(flag):
            self.error(file, line, "bad-condition", value=text)
            return None
        self.tested.append(_FlagUse(flag, file, line))
        return Condition(flag, negated)

    def read_glossary(self, path: Path) -> tuple[Term, ...]:
        if not path.exists() and not path.is_symlink():
            return ()
        text = self.read_text(path)
        if text is None:
            return ()
        file = label(path)
        try:
            data = _visible_values(read_yaml(text))
        except YamlProblem as trouble:
            self.error(file, trouble.line, trouble.code, **trouble.values)
            return ()
        if data is None:  # an empty glossary: no terms yet
            return ()
        if not isinstance(data, Located) or "terms" not in data:
            self.error(file, 1, "glossary-shape")
            return ()
        fields = _Fields(self, file, 0, data)
        fields.unknown({"terms"}, "glossary")
        terms: list[Term] = []
        seen: dict[str, int] = {}
        for index, item in fields.items("terms"):
            line = fields.item_line
            if not isinstance(item, Located):
                self.error(file, line, "item-not-mapping", what="term", index=index,
                           example="term: ..., definition: ...")
                continue
            entry = _Fields(self, file, 0, item)
            entry.unknown(TERM_FIELDS, "term")
            name = entry.text("term", required=True)
            definition = entry.text("definition", required=True)
            aliases = tuple(a.strip() for a in entry.list_of_text("aliases") if a.strip())
            source = entry.text("source") or ""
            if name is None or definition is None:
                continue
            if any(len(alias) > MAX_TERM_LENGTH for alias in (name.strip(), *aliases)):
                self.error(file, item.line, "term-too-long", limit=MAX_TERM_LENGTH)
                continue
            for alias in (name.strip(), *aliases):
                key = alias.casefold()
                if key in seen:
                    self.error(file, item.line, "term-twice", name=alias, earlier=seen[key])
                seen[key] = item.line
            terms.append(Term(term=name.strip(), definition=definition.strip(), aliases=aliases,
                              source=source.strip(), line=item.line))
        return tuple(terms)

    def check_links(self, story: Story) -> None:
        for target, what, file, line in self.gotos:
            if target not in story.passages:
                self.error(file, line, "goto-missing", what=what, target=target)
        for name, file, line in self.references:
            if story.term_named(name) is None:
                self.error(file, line, "no-term", name=name)
        for use in self.tested:
            if use.flag not in self.set_flags:
                self.error(use.file, use.line, "flag-never-set", flag=use.flag)


def _is_text(value: Any) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_mapping(value: Any) -> bool:
    return isinstance(value, Located)


def _is_list(value: Any) -> bool:
    return isinstance(value, LocatedList)


def _is_text_or_list(value: Any) -> bool:
    return isinstance(value, (str, LocatedList))


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

    def problem(self, key: str, code: str, **values: object) -> None:
        self.reader.error(self.file, self.line_of(key), code, **values)

    def unknown(self, allowed: set[str], what: str) -> None:
        if self.data.keys() <= allowed:  # the usual case
            return
        for key in self.data:
            if key not in allowed:
                self.problem(key, "unknown-field", what=what, field=key, known=sorted(allowed))

    def typed(self, key: str, check: Callable[[Any], bool], kind: str, required: bool) -> Any:
        value = self.data.get(key)
        if value is None:
            if required:
                self.reader.error(self.file, self.offset + self.data.line, "missing-field", field=key)
            return None
        if not check(value):
            self.problem(key, "wrong-type", field=key, kind=kind, value=describe(value))
            return None
        return value

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if type(value) is str and value.strip():  # the usual case
            return value
        # A whole number reads as itself ("text: 1989"), so it is taken as text.
        value = self.typed(key, _is_text, "text", required)
        if isinstance(value, int):
            value = str(value)
        if value is not None and not value.strip():
            if required:
                self.problem(key, "empty-field", field=key)
            return None
        return value

    def name(self, key: str, required: bool = False) -> str | None:
        value = self.text(key, required)
        if value is not None and not is_name(value):
            self.problem(key, "bad-name", field=key, value=value)
            return None
        return value

    def whole(self, key: str, minimum: int) -> int | None:
        value = self.typed(key, _is_whole, "a whole number", False)
        if value is not None and value < minimum:
            self.problem(key, "too-small", field=key, minimum=minimum)
            return None
        return value  # type: ignore[no-any-return]

    def flag(self, key: str) -> bool:
        return bool(self.typed(key, _is_bool, "true or false", False))

    def mapping(self, key: str) -> Located | None:
        return self.typed(key, _is_mapping, "a mapping", False)  # type: ignore[no-any-return]

    def items(self, key: str, required: bool = False) -> Iterable[tuple[int, Any]]:
        value = self.typed(key, _is_list, "a list", required)
        for index, item in enumerate(value or (), start=1):
            self.item_line = self.offset + value.item_lines[index - 1]
            yield index, item

    def list_of_text(self, key: str) -> list[str]:
        value = self.typed(key, _is_text_or_list, "a list of text", False)
        if value is None:
            return []
        values = [value] if isinstance(value, str) else list(value)
        if not all(isinstance(v, str) for v in values):
            self.problem(key, "text-list", field=key)
            return []
        return values

    def flags(self, key: str) -> list[str]:
        flags = self.list_of_text(key)
        for flag in flags:
            if not is_name(flag):
                self.problem(key, "bad-flag", value=flag)
                return []
        return flags

    def condition(self, key: str) -> Condition | None:
        text = self.text(key)
        if text is None:
            return None
        return self.reader.parse_condition(self.file, self.line_of(key), text)

