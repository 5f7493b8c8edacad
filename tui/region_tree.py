"""The region tree: provinces, cities and districts with their fact counts, then groupings.

Enter on an entry asks for that region (and everything in it) as a filter; the app decides.
"""
from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ..extract.filters import RegionFilter
from ..extract.region_tree import RegionNode
from .bindings import bindings
from .text import one_line


class RegionTree(Tree[RegionFilter | None]):
    BINDINGS = bindings("tree")

    class Chosen(Message):
        """A region was chosen; None is every region."""

        def __init__(self, region: RegionFilter | None) -> None:
            super().__init__()
            self.region = region

    class RightPressed(Message):
        """Right or l on an expanded entry or a leaf: the app decides where that goes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("全部地区"), None, id=id)
        self.auto_expand = False
        self.show_root = True
        self.guide_depth = 2

    def set_regions(self, root: RegionNode) -> None:
        """Rebuild from the store's region counts: provinces open, deeper levels folded."""
        self.clear()
        self.root.set_label(_label(root))
        self.root.data = None
        for child in root.children:
            self._add(self.root, child, depth=1)
        self.root.expand()

    def _add(self, parent: TreeNode[RegionFilter | None], node: RegionNode, depth: int) -> None:
        if node.children:
            branch = parent.add(_label(node), node.filter, expand=depth < 1)
            for child in node.children:
                self._add(branch, child, depth + 1)
        else:
            parent.add_leaf(_label(node), node.filter)

    def on_tree_node_selected(self, event: Tree.NodeSelected[RegionFilter | None]) -> None:
        event.stop()
        self.post_message(self.Chosen(event.node.data))

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent)

    def action_expand_or_table(self) -> None:
        node = self.cursor_node
        if node is not None and node.children and not node.is_expanded:
            node.expand()
        else:
            self.post_message(self.RightPressed())


def _label(node: RegionNode) -> Text:
    label = one_line(node.label)
    label.append(f" {node.total}", style="dim")
    return label
