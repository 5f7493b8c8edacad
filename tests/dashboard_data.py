"""A small store for the dashboard tests: articles written for the tests, facts declared by hand.

The facts are declared rather than extracted so the dashboard tests (and their SVG
snapshots) do not move when the extractor improves. Every figure is located in its
paragraph to give the quote span, as the extractor would. Paths are fixed strings,
so nothing on screen depends on where the tests run.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from tradedash.extract.document import Document
from tradedash.extract.facts import Fact, Quote
from tradedash.extract.store import Store


@dataclass(frozen=True)
class F:
    region: str | None
    code: str | None
    period: str | None
    metric: str
    figure: str
    value: str
    unit: str = "CNY"
    kind: str = "amount"
    yoy: str | None = None
    share: str | None = None
    share_of: str | None = None
    paragraph: int = 0


@dataclass(frozen=True)
class Article:
    source: str
    title: str
    date: str | None
    paragraphs: tuple[str, ...]
    facts: tuple[F, ...] = field(default=())


ARTICLES: tuple[Article, ...] = (
    Article(
        "tests/articles/beijing-2020-08.md", "北京地区前7个月进出口1.34万亿元", "2020-08-20",
        ("据北京海关统计，2020年1-7月，北京地区进出口13437.3亿元，同比下降19.5%。",),
        (F("北京市", "110000", "2020-01/2020-07", "进出口", "13437.3亿元", "1343730000000", yoy="-19.5"),),
    ),
    Article(
        "tests/articles/beijing-2021-08.md", "北京地区1-7月外贸增长27.9%", "2021-08-20",
        ("2021年1-7月，北京地区进出口17188.5亿元，同比增长27.9%。",),
        (F("北京市", "110000", "2021-01/2021-07", "进出口", "17188.5亿元", "1718850000000", yoy="27.9"),),
    ),
    Article(
        "tests/articles/beijing-2022-08.md", "北京地区1-7月进出口2.1万亿元", "2022-08-20",
        (
            "据北京海关统计，2022年1-7月，北京地区进出口21076.8亿元，同比增长22.6%。"
            "其中，出口3411.2亿元，增长7.4%；进口17665.6亿元，增长26.1%。",
            "7月当月，北京地区进出口3263.5亿元，增长19.8%。",
        ),
        (
            F("北京市", "110000", "2022-01/2022-07", "进出口", "21076.8亿元", "2107680000000", yoy="22.6"),
            F("北京市", "110000", "2022-01/2022-07", "出口", "3411.2亿元", "341120000000", yoy="7.4"),
            F("北京市", "110000", "2022-01/2022-07", "进口", "17665.6亿元", "1766560000000", yoy="26.1"),
            F("北京市", "110000", "2022-07", "进出口", "3263.5亿元", "326350000000", yoy="19.8", paragraph=1),
        ),
    ),
    Article(
        "tests/articles/beijing-2022-07-h1.md", "北京上半年外贸进出口1.76万亿元", "2022-07-15",
        ("今年一季度，北京地区进出口8958.4亿元；上半年，北京地区进出口17643.3亿元，同比增长23.7%。",),
        (
            F("北京市", "110000", "2022-01/2022-03", "进出口", "8958.4亿元", "895840000000"),
            F("北京市", "110000", "2022-01/2022-06", "进出口", "17643.3亿元", "1764330000000", yoy="23.7"),
        ),
    ),
    Article(
        "tests/articles/beijing-2022-01-annual.md", "北京2021年外贸进出口30438.4亿元", "2022-01-20",
        ("2021年，北京地区进出口30438.4亿元，比2020年的23215.9亿元增长30.6%。",),
        (
            F("北京市", "110000", "2021", "进出口", "30438.4亿元", "3043840000000", yoy="30.6"),
            F("北京市", "110000", "2020", "进出口", "23215.9亿元", "2321590000000"),
        ),
    ),
    Article(
        "tests/articles/beijing-2022-02-brief.md", "北京外贸首破3万亿元", "2022-02-10",
        ("2021年北京地区进出口3.04万亿元，再创新高。",),
        (F("北京市", "110000", "2021", "进出口", "3.04万亿元", "3040000000000"),),
    ),
    Article(
        "tests/articles/chaoyang-2022-08.md", "朝阳区上半年文化贸易8.2亿美元", "2022-08-31",
        (
            "2022年上半年，朝阳区文化贸易进出口额8.2亿美元，同比增长15.3%，占全市比重51.6%。",
            "2021年上半年，朝阳区文化贸易进出口额7.1亿美元。",
        ),
        (
            F("北京市朝阳区", "110105", "2022-01/2022-06", "文化贸易进出口额", "8.2亿美元", "820000000", "USD",
              yoy="15.3", share="51.6", share_of="北京市"),
            F("北京市朝阳区", "110105", "2021-01/2021-06", "文化贸易进出口额", "7.1亿美元", "710000000", "USD",
              paragraph=1),
        ),
    ),
    Article(
        "tests/articles/jiangsu-2014-05.md", "江苏前4个月进出口1725.6亿美元", "2014-05-20",
        ("今年1-4月，江苏省进出口1725.6亿美元，同比下降3.1%；折合人民币10598.1亿元。",),
        (
            F("江苏省", "320000", "2014-01/2014-04", "进出口", "1725.6亿美元", "172560000000", "USD", yoy="-3.1"),
            F("江苏省", "320000", "2014-01/2014-04", "进出口", "10598.1亿元", "1059810000000"),
        ),
    ),
    Article(
        "tests/articles/suzhou-2022-06.md", "苏州1-5月外贸", "2022-06-20",
        ("1-5月，苏州市进出口10156.2亿元，增长5.6%；其中昆山市进出口3422.5亿元，增长4.1%。",),
        (
            F("江苏省苏州市", "320500", "2022-01/2022-05", "进出口", "10156.2亿元", "1015620000000", yoy="5.6"),
            F("江苏省苏州市昆山市", "320583", "2022-01/2022-05", "进出口", "3422.5亿元", "342250000000", yoy="4.1"),
        ),
    ),
    Article(
        "tests/articles/shanghai-2025-10.md",
        "\x1b[31m[bold]上海[/bold]前三季度进出口3.34万亿元 [red]增长5.4%[/red]", "2025-10-22",
        ("据上海市商务委介绍[link=https://example.org]，2025年前三季度上海市外贸进出口3.34万亿元，\x1b[2J同比增长5.4%。",),
        (F("上海市", "310000", "2025-01/2025-09", "进出口", "3.34万亿元", "3340000000000", yoy="5.4"),),
    ),
    Article(
        "tests/articles/quanguo-2022-03.md", "1-2月全国外贸增长13.3%", "2022-03-07",
        (
            "今年前2个月，我国货物贸易进出口总值6.19万亿元，同比增长13.3%。",
            "去年前2个月，我国货物贸易进出口总值5.44万亿元。其中一般贸易进出口增长15.2%。",
        ),
        (
            F("全国", None, "2022-01/2022-02", "货物贸易进出口", "6.19万亿元", "6190000000000", yoy="13.3"),
            F("全国", None, "2021-01/2021-02", "货物贸易进出口", "5.44万亿元", "5440000000000", paragraph=1),
            F("全国", None, "2022-01/2022-02", "一般贸易进出口", "15.2%", "15.2", "percent", kind="growth", paragraph=1),
        ),
    ),
    Article(
        "tests/articles/changsanjiao-2022-07.md", "长三角上半年进出口", "2022-07-28",
        ("上半年，长三角地区进出口7.2万亿元，占全国的36.4%。",),
        (F("长三角", None, "2022-01/2022-06", "进出口", "7.2万亿元", "7200000000000", share="36.4", share_of="全国"),),
    ),
    Article(
        "tests/articles/no-region.md", "一般贸易", None,
        ("一般贸易进出口3.94万亿元。",),
        (F(None, None, None, "一般贸易进出口", "3.94万亿元", "3940000000000"),),
    ),
)


def document(article: Article) -> Document:
    digest = hashlib.sha256((article.source + "\n".join(article.paragraphs)).encode()).hexdigest()
    date = dt.date.fromisoformat(article.date) if article.date else None
    return Document(article.source, article.title, date, article.paragraphs, digest)


def fact(article: Article, f: F) -> Fact:
    paragraph = article.paragraphs[f.paragraph]
    start = paragraph.index(f.figure)
    return Fact(
        region=f.region, region_code=f.code, period=f.period, metric=f.metric, metric_id=None,
        kind=f.kind, value=Decimal(f.value), unit=f.unit,  # type: ignore[arg-type]
        yoy_percent=Decimal(f.yoy) if f.yoy else None, share_percent=Decimal(f.share) if f.share else None,
        share_of=f.share_of, figure=f.figure,
        quotes=(Quote(paragraph, f.paragraph, (start, start + len(f.figure))),),
    )


def build_store(path: Path) -> Path:
    with Store(path) as store:
        for article in ARTICLES:
            store.save(document(article), [fact(article, f) for f in article.facts])
    return path


async def wait_loaded(pilot, timeout: float = 20.0) -> None:
    """Until the dashboard's loading worker and its checks have run and its rows are on screen."""
    import time

    deadline = time.monotonic() + timeout
    while pilot.app.dataset is None or pilot.app.checked is None:
        if time.monotonic() > deadline:
            raise AssertionError("the dashboard did not load")
        await pilot.pause(0.01)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def settled(pilot) -> None:
    """Until the workers a key started (the detail's sources, a copy, a find, the breakdowns)
    are done and their results on screen."""
    from contextlib import suppress

    from textual.worker import WorkerCancelled

    for worker in [w for w in pilot.app.workers if w.group in ("sources", "copy", "breakdowns", "find")]:
        with suppress(WorkerCancelled):  # an exclusive worker a newer one replaced: that one is waited for
            await worker.wait()
    await pilot.pause()
