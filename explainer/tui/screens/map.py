"""The story map: every section and passage as a tree, with the reader's path marked."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color, ColorParseError
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from explainer.reader.journey import Journey
from explainer.reader.outline import PassageNode, Seen, main_line, minutes_left, minutes_of, outline, seen
from explainer.tui.widgets.keys_bar import KeysBar

OPENABLE = (Seen.CURRENT, Seen.PATH, Seen.VISITED)
LEGEND = "▶ you are here   ● your path   ○ read before   · not yet seen"
LEGEND_AFTER_END = "▶ you are here   ● your path   ○ read before   · a path not taken"


def passage_label(title: str, state: Seen, accent: Style) -> Text:
    """A passage's line in the map: a mark, and its title unless it is still unseen."""
    if state is Seen.CURRENT:
        return Text.assemble(("▶ " + title, accent + Style(bold=True)), ("  you are here", "dim"))
    if state is Seen.PATH:
        return Text("● " + title, style=accent)
    if state is Seen.VISITED:
        return Text("○ " + title)
    if state is Seen.NOT_TAKEN:
        return Text("· " + title, style="dim italic")
    return Text("· (not yet seen)", style="dim")


class MapScreen(Screen[str | None]):
    """Shows the story as a tree; dismisses with the id of a visited passage to open, or None."""

    DEFAULT_CSS = """
    MapScreen #map-title { height: 1; background: $panel; padding: 0 1; }
    MapScreen #map-legend { height: auto; color: $text-muted; padding: 0 1; }
    MapScreen Tree { height: 1fr; padding: 0 1; background: $background; }
    """
    BINDINGS = [
        Binding("escape,m", "close", "Close map", id="close-map"),
        Binding("enter", "open", "Open passage", id="open-passage", priority=True),
    ]

    def __init__(self, journey: Journey) -> None:
        super().__init__()
        self.journey = journey
        self.states = seen(journey)
        self.nodes: dict[str, TreeNode[str | None]] = {}

    def compose(self) -> ComposeResult:
        story = self.journey.story
        total = minutes_of(story, main_line(story, story.start))
        title = Text("Story map", style="bold", no_wrap=True, overflow="ellipsis")
        if total:
            title.append(f"  ·  about {total} min in all, {minutes_left(self.journey)} min left", style="dim")
        yield Static(title, id="map-title")
        after_end = Seen.NOT_TAKEN in self.states.values()
        yield Static(Text(LEGEND_AFTER_END if after_end else LEGEND), id="map-legend")
        tree: Tree[str | None] = Tree("Story", id="map-tree")
        tree.show_root = False
        tree.auto_expand = False
        tree.guide_depth = 3
        yield tree
        yield KeysBar()  # not Textual's Footer, whose keys outlive the map (see keys_bar.py)

    def on_mount(self) -> None:
        tree = self.query_one(Tree)
        for section in outline(self.journey.story):
            label = Text(section.label, style="bold")
            if section.minutes:
                label.append(f"  {section.minutes} min", style="dim")
            branch = tree.root.add(label, data=None, expand=True)
            for node in section.passages:
                self._add(branch, node)
        self._paint(self.app.current_theme)
        self.app.theme_changed_signal.subscribe(self, self._paint)
        tree.focus()
        current = self.nodes.get(self.journey.passage.id)
        if current is not None:
            self.call_after_refresh(tree.move_cursor, current)

    def _add(self, parent: TreeNode[str | None], node: PassageNode) -> None:
        if node.branches:
            added = parent.add("", data=node.passage_id, expand=True)
            for branch in node.branches:
                self._add(added, branch)
        else:
            added = parent.add_leaf("", data=node.passage_id)
        self.nodes[node.passage_id] = added

    def _paint(self, theme: Theme) -> None:
        """Label every passage, in the colours of the current theme."""
        try:
            accent = Style(color=Color.parse(self.app.theme_variables["text-accent"]).rich_color)
        except (KeyError, ColorParseError):
            accent = Style(bold=True)
        passages = self.journey.story.passages
        for passage_id, node in self.nodes.items():
            node.set_label(passage_label(passages[passage_id].title, self.states[passage_id], accent))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_open(self) -> None:
        self.query_one(Tree).action_select_cursor()

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[str | None]) -> None:
        event.stop()
        passage_id = event.node.data
        if passage_id is None:
            event.node.toggle()
        elif self.states[passage_id] in OPENABLE:
            self.dismiss(passage_id)
        else:
            self.notify("You have not read this passage yet.", timeout=3)
