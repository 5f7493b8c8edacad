"""Text from documents made inert: no control, bidi or line-separator characters.

One definition, used where article text enters (the loader) and again where it
leaves for a terminal, a clipboard or a file (renderers, the app), since a store
written by an older version or a file path can still carry them.
"""
from __future__ import annotations

import re

# C0 and C1 controls (tab and newline excepted), zero-width and bidi controls,
# the line and paragraph separators, and the BOM.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def clean_text(text: str) -> str:
    """Text safe for a terminal or clipboard: control and bidi characters gone, tabs as spaces."""
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\t", " "))
