from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tradedash.extract.document import DocumentError, load_document, parse_date, parse_document

from .conftest import article


def test_front_matter_fields_and_clean_paragraphs(write_article) -> None:
    body = (
        "<style>.appendQr_wrap&#123;border:1px&#125;</style>\n"
        "<script>var x = '1000亿元';</script>\n"
        "<!-- 文末二维码 start -->\n"
        "<p>　　今年1-7月，朝阳区货物进出口总额1<font>0246</font>.0亿元。</p>\n"
        "<p><span>同比<a href='#'>增长</a></span>27.3%。</p>\n"
        "<div class=\"clearfix appendQr_wrap\"><div class=\"appendQr_normal_txt\">海量资讯、精准解读，尽在新浪财经APP</div></div>\n"
        "<p class=\"article-editor\">责任编辑：张三 </p>"
    )
    doc = load_document(write_article("a.md", body, title="朝阳区外贸"))
    assert doc.title == "朝阳区外贸"
    assert doc.date == dt.date(2022, 8, 31)
    assert doc.categories == ("金融",)
    assert doc.author == "tradedash tests"
    assert doc.paragraphs == ("今年1-7月，朝阳区货物进出口总额10246.0亿元。", "同比增长27.3%。")
    assert doc.warnings == ()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Wed, 31 Aug 2022 09:33:30 GMT", dt.date(2022, 8, 31)),
        ("2021-04-11 00:30:33", dt.date(2021, 4, 11)),
        ("2021-04-11", dt.date(2021, 4, 11)),
        ("2021/4/11", dt.date(2021, 4, 11)),
        ("2021年4月11日", dt.date(2021, 4, 11)),
        (dt.datetime(2020, 1, 2, 3, 4), dt.date(2020, 1, 2)),
        ("not a date", None),
        (None, None),
    ],
)
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


def test_traditional_to_simplified_and_pinyin_removed(write_article) -> None:
    doc = load_document(write_article("t.md", "<p>全省進(jìn)出口總值二百六十五億四千八百萬美元。</p>", title="貿易統計"))
    assert doc.title == "贸易统计"
    assert doc.paragraphs == ("全省进出口总值二百六十五亿四千八百万美元。",)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5"])
def test_encodings(write_article, encoding: str) -> None:
    body = "<p>全市進出口總值1234.5億元，同比增長12.3%，佔全國的比重為5%。</p>" if encoding == "big5" else \
        "<p>全市进出口总值1234.5亿元，同比增长12.3%，占全国的比重为5%。</p>"
    doc = load_document(write_article(f"e-{encoding}.md", body, title="外贸" if encoding != "big5" else "外貿", encoding=encoding))
    assert doc.paragraphs == ("全市进出口总值1234.5亿元，同比增长12.3%，占全国的比重为5%。",)
    assert doc.title == "外贸"


def test_no_front_matter_takes_first_line_as_title(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("江苏外贸快讯\n\n今年前5个月，江苏进出口2.13万亿元。\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "江苏外贸快讯"
    assert doc.date is None
    assert doc.paragraphs == ("今年前5个月，江苏进出口2.13万亿元。",)
    assert any("no front matter" in w for w in doc.warnings)


def test_broken_yaml_keeps_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: 外贸: 增长: [未闭合\ndate: 2022-06-14 08:00:00\n---\n<p>全省进出口1亿元。</p>\n",
                    encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "外贸: 增长: [未闭合"
    assert doc.date == dt.date(2022, 6, 14)
    assert doc.paragraphs == ("全省进出口1亿元。",)
    assert any("broken front matter" in w for w in doc.warnings)


def test_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    with pytest.raises(DocumentError, match="empty file") as info:
        load_document(path)
    assert str(path) in str(info.value)


def test_binary_file_named_md_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    with pytest.raises(DocumentError, match="binary"):
        load_document(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        load_document(tmp_path / "gone.md")


def test_script_content_never_reaches_paragraphs(write_article) -> None:
    body = "<p>出口1亿元。</p><script>document.write('进口999亿元')</script><noscript>进口888亿元</noscript>"
    doc = load_document(write_article("s.md", body))
    assert doc.paragraphs == ("出口1亿元。",)


def test_html_nested_ten_thousand_deep() -> None:
    raw = article("<div>" * 10_000 + "<p>出口1亿元。</p>" + "</div>" * 10_000).encode()
    doc = parse_document(raw, "deep.md")
    assert "出口1亿元。" in doc.paragraphs


def test_twenty_megabyte_article() -> None:
    paragraph = "<p>" + "全市进出口总值1234.5亿元，同比增长12.3%。" * 20 + "</p>\n"
    body = paragraph * (20_000_000 // len(paragraph.encode()))
    raw = article(body).encode()
    assert len(raw) >= 19_000_000
    doc = parse_document(raw, "big.md")
    assert len(doc.paragraphs) > 10_000


def test_control_characters_and_bidi_marks_are_removed(write_article) -> None:
    doc = load_document(write_article("c.md", "<p>出口\x1b[31m1亿元\u202e。\x07</p>", title="标题\x1b]52;c;aGk=\x07"))
    assert "\x1b" not in doc.title and "\x07" not in doc.title
    assert doc.paragraphs == ("出口[31m1亿元。",)


def test_markdown_plain_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "note.markdown"
    path.write_text("---\ntitle: 笔记\ndate: 2022-01-01\n---\n\n第一段第一行\n第一段第二行\n\n第二段\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.paragraphs == ("第一段第一行 第一段第二行", "第二段")


def test_a_navigation_bar_is_no_paragraph(write_article) -> None:
    """A bar of province links would make every province a candidate subject (西安 read as a
    district of 牡丹江 beside 黑龙江)."""
    path = write_article("x.md", "<p>安徽|北京|重庆|福建|黑龙江|江苏</p><p>首页 > 时政经济</p>"
                         "<p>今年前10个月，西安市进出口2942.9亿元。</p>", title="西安进入全国二十强")
    document = load_document(path)
    assert document.paragraphs == ("首页 > 时政经济", "今年前10个月，西安市进出口2942.9亿元。")
    assert parse_document("---\ntitle: t\n---\n<p>进出口|出口|进口</p>".encode(), "t.md").paragraphs == (
        "进出口|出口|进口",)  # three cells are a table row's worth, not a site's bar
