"""Loading an article: bytes in, a typed Document with clean paragraphs out.

Input files are Hexo posts (YAML front matter, then the article's HTML), plain
HTML, Markdown or text, in UTF-8 (with or without BOM), GB18030/GBK or Big5.
Everything the extractor must not see is removed here: Sina's ``<style>``
blocks, scripts, comments, the QR-code block and the ``责任编辑`` line. Inline
tags are joined so ``1<font>0228</font>亿元`` reads ``10228亿元``, traditional
characters become simplified and stray pinyin such as ``進(jìn)出口`` is dropped,
so every later stage sees one normalised text.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import frontmatter
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

from .authority import authority
from .clean import CONTROL, shown
from .dates import from_cited_url, from_dateline, from_url, future_years, parse_date, text_year
from .encoding import UndecodableError, decode

SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm", ".txt"})

# Block-level tags: each starts a new paragraph. Everything else is inline and joined.
_BLOCK_TAGS = frozenset((
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "section", "article", "header", "footer", "pre", "dd", "dt", "hr", "td", "th",
))
_DROP_TAGS = frozenset(("style", "script", "noscript", "template", "iframe", "svg", "head", "title", "meta", "link"))
_HTML_HINT = re.compile(r"<\s*/?\s*(?:p|div|br|span|font|html|body|section|table|h[1-6])\b", re.I)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_FM_LINE = re.compile(r"^(title|date|author)\s*:\s*(.+?)\s*$", re.M)
# Pinyin glosses after a character: 進(jìn)出口, 出口（chū kǒu）. A tone-marked vowel is required.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])[（(]\s*[a-zü{_TONED}\s]*[{_TONED}][a-zü{_TONED}\s]*[)）]")
_BOILERPLATE = re.compile(r"^\s*(?:\(|（)?\s*(?:责任编辑|責任編輯|编辑|来源)\s*[:：]")
# Sina's end-of-article QR block and editor line, by class; short QR captions by wording.
_BOILERPLATE_CLASS = re.compile(r"appendQr|article-editor|ori_titlesource|show_author")
_QR_CAPTION = re.compile(r"二维码|扫一扫|新浪财经APP|海量资讯、精准解读")
# A site's navigation bar: five or more short links between bars (安徽|北京|重庆|…, 首页|新闻|…).
_NAVIGATION = re.compile(r"^(?:[^|｜丨]{1,8}[|｜丨]){4,}[^|｜丨]{0,8}$")


class DocumentError(Exception):
    """A file that cannot be read as an article; the message names the file and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


DateSource = Literal["front_matter", "url", "dateline", "cited_url"]


@dataclass(frozen=True)
class Table:
    """A ``<table>``: its cells row by row, and the paragraph each row became.

    A row's paragraph is its cells joined by `` | `` (so a quote shows the row), and
    ``rows_at`` gives the index of each row's paragraph in ``Document.paragraphs``.
    """

    cells: tuple[tuple[str, ...], ...]
    rows_at: tuple[int, ...]


@dataclass(frozen=True)
class Document:
    source: str
    title: str
    date: dt.date | None
    paragraphs: tuple[str, ...]
    content_hash: str
    categories: tuple[str, ...] = ()
    author: str | None = None
    warnings: tuple[str, ...] = field(default=())
    date_source: DateSource | None = None
    """Where ``date`` came from; an inferred date (url, dateline) is never mistaken for a stated one."""
    tables: tuple[Table, ...] = field(default=())
    authority: str | None = None
    """The official body the article cites for its figures (南京海关; authority.py), or None."""
    year: int | None = None
    """With no date: the latest year the text states a period in (2017年一季度), which its
    今年 and bare 一季度 are read in; None when the date is known or no year is stated."""


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def load_document(path: str | Path, *, max_bytes: int | None = None) -> Document:
    """Read and parse one file. Raises DocumentError naming the file and the reason.

    Only a regular file is opened (a FIFO would wait for a writer forever), and one larger
    than ``max_bytes`` is refused before it is read.
    """
    source = shown(path)
    try:
        info = Path(path).stat()
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(source, "is a folder, not an article (tradedash ingest reads folders)")
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(source, "not a regular file (a FIFO, socket or device): not opened")
        if max_bytes is not None and info.st_size > max_bytes:
            raise DocumentError(source, f"too large: {info.st_size / 2**20:.1f} MB, the limit is "
                                        f"{max_bytes / 2**20:g} MB (--max-size)")
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DocumentError(source, "no such file") from None
    except OSError as exc:
        raise DocumentError(source, f"cannot read: {exc.strerror or exc}") from None
    return parse_document(raw, source)


def parse_document(raw: bytes, source: str) -> Document:
    """Parse the bytes of one article (pure: no I/O)."""
    if not raw.strip():
        raise DocumentError(source, "empty file")
    warnings: list[str] = []
    try:
        text = decode(raw, warnings)
    except UndecodableError as exc:
        raise DocumentError(source, str(exc)) from None
    meta, body = _split_front_matter(text, warnings)
    blocks = _blocks(body)
    # Every piece of text is cleaned, then simplified in one call (a call per paragraph costs
    # more than the conversion itself), keeping the pieces apart by newlines.
    pieces = [line for block in blocks for line in
              (block.split("\n") if isinstance(block, str) else [cell for row in block for cell in row])]
    simple = iter(_simplified([_cleaned(piece) for piece in pieces]))
    paragraphs: list[str] = []
    rows: list[tuple[tuple[str, ...], int]] = []  # a table's rows and their paragraph index
    tables: list[list[tuple[tuple[str, ...], int]]] = []
    for block in blocks:
        if isinstance(block, str):
            paragraphs.extend(p for p in (next(simple) for _ in block.split("\n")) if p)
            continue
        rows = []
        for row in block:
            cells = tuple(next(simple) for _ in row)
            if any(cells):
                rows.append((cells, len(paragraphs)))
                paragraphs.append(" | ".join(cells))
        if len(rows) >= 2:
            tables.append(rows)
    title = _normalise(str(meta.get("title") or "")) if meta.get("title") is not None else ""
    shift = 0
    if not meta:
        if not paragraphs:
            raise DocumentError(source, "no text in file")
        if not title:
            title = paragraphs[0][:80]
            if len(paragraphs) > 1:
                paragraphs, shift = paragraphs[1:], 1
    date, date_source = _date(meta, title, paragraphs, warnings)
    if not paragraphs:
        warnings.append("no paragraphs of text")
    return Document(
        source=source,
        title=title,
        date=date,
        paragraphs=tuple(paragraphs),
        content_hash=content_hash(raw),
        categories=tuple(_normalise(str(c)) for c in _as_list(meta.get("categories"))),
        author=_normalise(str(meta["author"])) if meta.get("author") else None,
        warnings=tuple(warnings),
        date_source=date_source,
        year=text_year(title, paragraphs) if date is None else None,
        authority=authority(title, paragraphs),
        tables=tuple(Table(tuple(c for c, _ in t), tuple(i - shift for _, i in t))
                     for t in tables if all(i >= shift for _, i in t)),
    )


def _date(meta: dict[str, object], title: str, paragraphs: list[str],
          warnings: list[str]) -> tuple[dt.date | None, DateSource | None]:
    """The publication date and where it came from; warnings say what was inferred or doubted."""
    stated = meta.get("date")
    date = parse_date(stated)
    latest = dt.date.today().year + 1
    if stated not in (None, "") and date is None:
        warnings.append(f"front-matter date {shown(str(stated))[:40]!r} is not a date: ignored")
    elif date is not None and not 1949 <= date.year <= latest:
        warnings.append(f"front-matter date {date.isoformat()} is outside 1949-{latest}: ignored")
        date = None
    source: DateSource | None = "front_matter" if date is not None else None
    if date is None:
        url = str(meta.get("source") or meta.get("url") or meta.get("link") or "")
        date = from_url(url)
        source = "url" if date is not None else None
        if date is None:
            date = from_dateline(title, paragraphs, url)
            source = "dateline" if date is not None else None
        if date is None:
            date = from_cited_url(paragraphs)
            source = "cited_url" if date is not None else None
        if date is None and text_year(title, paragraphs) is not None:
            warnings.append(f"no date in front matter: 今年 and bare periods (一季度, 1-7月) read in "
                            f"{text_year(title, paragraphs)}, the latest year the text states")
        elif date is None:
            warnings.append("no date in front matter: relative periods (今年, 1-7月) stay unresolved")
        else:
            warnings.append(f"no date in front matter: {date.isoformat()} inferred from the {source}")
    if date is not None:
        for year in future_years(paragraphs, date):
            warnings.append(f"{year}年 is later than the article's date ({date.isoformat()}): its periods are not trusted")
    return date, source


def _split_front_matter(text: str, warnings: list[str]) -> tuple[dict[str, object], str]:
    text = text.lstrip()  # Hexo exports often start with a blank line before the ---
    match = _FRONT_MATTER.match(text)
    if match is None:
        warnings.append("no front matter: title taken from the first line, date unknown")
        return {}, text
    try:
        post = frontmatter.loads(text, handler=_YAML)
        meta = dict(post.metadata)
        body = post.content
    except Exception as exc:  # hostile YAML can break a constructor in any way: a broken front matter
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        warnings.append(f"broken front matter ({reason}): title and date read line by line")
        meta = {k: v.strip("'\"") for k, v in _FM_LINE.findall(match.group(1))}
        body = text[match.end():]
    if not isinstance(meta, dict):
        warnings.append("front matter is not a mapping: ignored")
        meta = {}
    return meta, body


class _NoAliases(frontmatter.YAMLHandler):  # type: ignore[misc]
    """Front matter as YAML, read by libyaml where it is installed, and without aliases.

    Front matter needs no anchors or aliases, and a few hundred bytes of nested aliases
    expand to gigabytes (a "billion laughs"): they are refused from the event stream,
    before any object is built.
    """

    def load(self, fm: str, **kwargs: object) -> Any:
        for event in yaml.parse(fm, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                raise yaml.YAMLError("aliases (*name) are not allowed in front matter")
        return yaml.load(fm, Loader=_Loader)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader, with timestamps kept as the text written (2022-07-01, !!timestamp
    99999-01-01): parse_date reads and checks them, where PyYAML's own would crash or overflow."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


_YAML = _NoAliases()


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _blocks(body: str) -> list[str | list[list[str]]]:
    """The body as text (paragraphs separated by newlines) and tables (rows of cell texts)."""
    if not _HTML_HINT.search(body):
        # Plain text or Markdown: blank lines separate paragraphs, single newlines wrap.
        return ["\n".join(" ".join(chunk.split("\n")) for chunk in re.split(r"\n\s*\n", body))]
    return _block_text(BeautifulSoup(body, "lxml"))


_BREAK = object()


def _block_text(root: Tag) -> list[str | list[list[str]]]:
    """The text of a tree with a newline around each block element, inline elements joined,
    and each table as rows of cells.

    An explicit stack, not recursion, so 10,000 nested tags are fine; and no tree
    edits, because bs4's insert/extract cost O(siblings) each.
    """
    out: list[str | list[list[str]]] = []
    text: list[str] = []
    stack: list[object] = [root]
    while stack:
        node = stack.pop()
        if node is _BREAK:
            text.append("\n")
        elif isinstance(node, NavigableString):
            if type(node) is NavigableString:  # not a Comment, Doctype, CData or processing instruction
                text.append(str(node))
        elif isinstance(node, Tag):
            if node.name in _DROP_TAGS or _BOILERPLATE_CLASS.search(" ".join(node.get_attribute_list("class"))):
                continue
            if node.name == "table":
                out.append("".join(text))
                text = ["\n"]
                out.append(_rows(node))
                continue
            if node.name in _BLOCK_TAGS:
                text.append("\n")
                stack.append(_BREAK)
            stack.extend(reversed(node.contents))
    out.append("".join(text))
    return out


def _rows(table: Tag) -> list[list[str]]:
    """A table's rows, each a list of its cells' text (a nested table's text stays in its cell)."""
    rows: list[list[str]] = []
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue
        cells = row.find_all(["td", "th"], recursive=False)
        rows.append([" ".join("".join(str(s) for s in cell.find_all(string=True)).split()) for cell in cells])
    return rows


@cache
def _t2s():
    """OpenCC's traditional-to-simplified converter; built once (about 25 ms)."""
    import opencc

    return opencc.OpenCC("t2s")


def _cleaned(text: str) -> str:
    """One line of text: NFC, no control characters, single spaces; boilerplate gone."""
    text = unicodedata.normalize("NFC", text)
    text = CONTROL.sub("", text).replace("\xa0", " ").replace("\u3000", " ")
    text = " ".join(text.split())
    if (not text or _BOILERPLATE.match(text) or (len(text) < 40 and _QR_CAPTION.search(text))
            or _NAVIGATION.match(text)):
        return ""
    return text


def _simplified(lines: list[str]) -> list[str]:
    """The lines in simplified characters, pinyin glosses gone (one conversion for them all)."""
    if not any(lines):
        return lines
    converted = _t2s().convert("\n".join(lines)).split("\n")
    if len(converted) != len(lines):  # the converter never touches newlines; guard all the same
        converted = [_t2s().convert(line) for line in lines]
    return [_PINYIN.sub("", line) for line in converted]


def _normalise(text: str) -> str:
    """One piece of text (a title, an author) cleaned and simplified."""
    return _simplified([_cleaned(text)])[0]
