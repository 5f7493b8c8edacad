"""The footer: Textual's, fitted to the terminal's width instead of cut off at its edge.

Every verb with ``show`` (tui/bindings.py) is listed while they all fit on one line. Where they
do not, the footer turns compact (less space around each key); where even that does not fit
(80 columns), it keeps only the verbs marked ``narrow``, and any key that is no verb (a modal's
Back). Quit and the help key (every other key) never fall off the right edge.
"""
from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer

from .bindings import VERBS

#: Dropped first where the footer is narrow: shown verbs not marked ``narrow``.
WIDE_ONLY = frozenset(verb.action for verb in VERBS if verb.show and not verb.narrow)
#: The cells around a key and its description: " q Quit " normally, "q Quit " compact (Textual's
#: FooterKey padding and margin), and "▏^p palette " for the command palette's key, docked right.
AROUND, AROUND_COMPACT, AROUND_PALETTE = 3, 2, 3


class VerbFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._fit: tuple[bool, bool] | None = None
        """(compact, narrow) as last composed; a resize that changes it composes again."""

    def _fitting(self) -> tuple[bool, bool]:
        """(compact, narrow) for the keys the focused widget makes active, at the terminal's width."""
        active = self.screen.active_bindings
        shown = {b.action: b for _, b, _, _ in active.values() if b.show}
        keys = [cell_len(self.app.get_key_display(b)) + cell_len(b.description) for b in shown.values()]
        width = self.app.size.width
        if self.show_command_palette and (palette := active.get(self.app.COMMAND_PALETTE_BINDING)):
            binding = palette[1]
            width -= cell_len(self.app.get_key_display(binding)) + cell_len(binding.description) + AROUND_PALETTE
        if sum(keys) + AROUND * len(keys) <= width:
            return False, False
        return True, sum(keys) + AROUND_COMPACT * len(keys) > width

    def compose(self) -> ComposeResult:
        compact, narrow = self._fit = self._fitting()
        self.compact = compact
        for widget in super().compose():
            if not (narrow and getattr(widget, "action", None) in WIDE_ONLY):
                yield widget

    def on_resize(self, event: events.Resize) -> None:
        if self._fit is not None and self._fitting() != self._fit:
            self.call_after_refresh(self.recompose)
