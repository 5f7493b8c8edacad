"""Bytes to text: the encodings articles come in, and what is said when the bytes are off.

UTF-8 (with or without a BOM) and UTF-16 with its BOM first; a few bytes that are not
UTF-8 in an otherwise UTF-8 file (a truncated character, a stray byte) are replaced and
reported, never a reason to call the file binary or to read it as another encoding. Then
GB18030 and Big5, then what charset-normalizer finds.
"""
from __future__ import annotations

import codecs
import unicodedata

#: At most this share of replaced characters still makes a file UTF-8 with stray bytes.
_STRAY_SHARE = 0.001


class UndecodableError(ValueError):
    """The bytes are no text in any encoding we read; the message says why."""


def decode(raw: bytes, warnings: list[str]) -> str:
    """The text of ``raw``; a warning is appended when bytes had to be replaced."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UndecodableError(f"UTF-16 with a byte-order mark, but broken at byte {exc.start}") from None
    if b"\x00" in raw[:8192]:
        raise UndecodableError("binary file (NUL bytes), not a text article")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8-sig", errors="replace")
    stray = text.count("\ufffd") - raw.decode("utf-8-sig", errors="ignore").count("\ufffd")
    if stray <= max(1, int(len(text) * _STRAY_SHARE)):
        what = "byte sequence that is" if stray == 1 else "byte sequences that are"
        warnings.append(f"{stray} {what} not UTF-8 replaced by U+FFFD")
        return text
    for encoding in ("gb18030", "big5"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    from charset_normalizer import from_bytes  # only for the rare file that is neither

    best = from_bytes(raw).best()
    if best is None or not _looks_like_text(str(best)):
        raise UndecodableError("binary file or unknown text encoding")
    return str(best)


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text[:20000] if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\r\n\t")
    return bad / min(len(text), 20000) < 0.01
