"""The text the lexer matches, and the way back to the article's own offsets.

Digits and punctuation are folded (normalize_text), and pinyin glosses that mirror sites
insert (個(gè)月) are skipped, so matching sees 个月; the index maps each matched character
back, so every span stays an offset into the original text.
"""
from __future__ import annotations

import re

from .numerals import normalize_text

#: A gloss: a few Latin letters in parentheses right after a character. Wider than the
#: loader's (document.py drops toned glosses from the text for good); here nothing is lost.
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,8}[)）]")


def matched_view(text: str) -> tuple[str, list[int] | None]:
    """The folded text without glosses, and the index of each of its characters in ``text``
    (None when no gloss was removed: the identity)."""
    folded = normalize_text(text)
    if "(" not in folded and "（" not in folded:
        return folded, None
    pieces: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _GLOSS.finditer(folded):
        pieces.append(folded[pos:m.start()])
        index.extend(range(pos, m.start()))
        pos = m.end()
    if not pieces:
        return folded, None
    pieces.append(folded[pos:])
    index.extend(range(pos, len(folded)))
    return "".join(pieces), index
