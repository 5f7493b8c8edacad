"""View rows: trend glyphs for a series' history.

What the table draws for a row beyond its text: a trend of the last values as block
characters. (Headless: no textual import here either; the widgets use it.)
"""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..extract.series import Row

BLOCKS = "▁▂▃▄▅▆▇█"
#: The glyphs of a derived series (推算): dots, so it never reads as stated figures.
DOTS = "⣀⣀⣤⣤⣶⣶⣿⣿"


def trend(values: Sequence[Decimal | None], width: int = 8, glyphs: str = BLOCKS) -> str:
    """The last ``width`` values as ``glyphs``, lowest ▁ to highest █; a gap is a space."""
    values = list(values)[-width:]
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif high == low:
            out.append(glyphs[3])
        else:
            out.append(glyphs[int((v - low) / (high - low) * (len(glyphs) - 1) + Decimal("0.5"))])
    return "".join(out)


def row_trend(row: Row, width: int = 8) -> str:
    glyphs = DOTS if row.series.key.shape.startswith("derived:") else BLOCKS
    return trend([p.main.value for p in row.history], width, glyphs)
