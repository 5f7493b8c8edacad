"""Text from documents made inert: no control, bidi or line-separator characters.

One definition, used where article text enters (the loader) and again where it
leaves for a terminal, a clipboard or a file (renderers, the app), since a store
written by an older version or a file path can still carry them.
"""
from __future__ import annotations

import os
import re

# C0 and C1 controls (tab and newline excepted), zero-width and bidi controls,
# the line and paragraph separators, and the BOM.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def clean_text(text: str) -> str:
    """Text safe for a terminal or clipboard: control and bidi characters gone, tabs as spaces."""
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\t", " "))


# A cell a spreadsheet would evaluate: it starts with = + - @, a tab or a carriage return...
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ...unless it is a plain number (-3.1, +29.1%, -1,234.5), which is only a number.
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9,]*(?:\.[0-9]+)?%?")


def spreadsheet_cell(text: str) -> str:
    """A CSV or TSV cell that a spreadsheet shows as text, never runs (=HYPERLINK(…), @SUM(…),
    -2+3+cmd|…): a leading ' when it could start a formula, as spreadsheets expect."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def inert(text: str) -> str:
    """Text with the control, C1 and bidi characters removed (tabs and newlines kept), for
    formats that escape the rest themselves (JSON)."""
    return CONTROL.sub("", text)


_UNSAFE_IN_NAMES = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def shown(path: str | os.PathLike[str]) -> str:
    """A path as text safe to print, store and compare: bytes that are not UTF-8 as ``\\xb1``
    (a name need not be text, os.fsdecode keeps them as surrogates), and control, bidi and
    line-break characters as escapes, so a name can never forge a line or move the cursor."""
    text = os.fspath(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNSAFE_IN_NAMES.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
