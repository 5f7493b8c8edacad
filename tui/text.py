"""Text from articles made safe for the screen: Rich Text, never markup; widths in cells.

Titles and paragraphs are data. ``[red]`` or an ANSI escape in an article must show
literally (or not at all) and change nothing else, so every string from the store
reaches a widget through ``safe`` (control characters stripped, wrapped in Text).
CJK characters are two cells wide: widths come from rich.cells.cell_len, never len.
"""
from __future__ import annotations

from typing import Literal

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from ..extract.clean import clean_text


def safe(text: str | None, style: str | Style = "") -> Text:
    """A Text of document text: never parsed as markup, control characters gone."""
    return Text(clean_text(text or ""), style=style)


def one_line(text: str | None, style: str | Style = "") -> Text:
    """``safe`` for a table cell: newlines and runs of spaces become one space."""
    return Text(" ".join(clean_text(text or "").split()), style=style)


def fit(text: Text, width: int, justify: Literal["left", "right"] = "left") -> Text:
    """Exactly ``width`` cells: cut with an ellipsis, padded on the side away from ``justify``."""
    out = text.copy()
    out.no_wrap = True
    if cell_len(out.plain) > width:
        out.truncate(width, overflow="ellipsis")
    gap = width - cell_len(out.plain)
    if gap > 0:
        if justify == "right":
            out = Text(" " * gap) + out
        else:
            out.append(" " * gap)
    return out


def highlighted(paragraph: str, span: tuple[int, int] | None, style: str | Style) -> Text:
    """A paragraph with the figure at ``span`` highlighted, offsets kept right after cleaning.

    The span counts characters of the stored paragraph; cleaning can drop characters
    before or inside it, so the span is re-measured on the cleaned pieces.
    """
    if span is None:
        return safe(paragraph)
    start, end = span
    before, figure, after = (clean_text(part) for part in (paragraph[:start], paragraph[start:end], paragraph[end:]))
    text = Text(before)
    text.append(figure, style=style)
    text.append(after)
    return text


def count(n: int, noun: str) -> str:
    """``1 fact``, ``2 facts``: every count the command line and the dashboard print."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
