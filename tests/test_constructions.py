"""Every construction of the registry, each on at least three differently worded sentences.

The sentences are written for these tests (regions, numbers and word order varied), not
taken from articles. A case names the facts that must come out, by region, period,
metric and figure, and the figures that must not.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from tradedash.extract.constructions import REGISTRY
from tradedash.extract.document import Document
from tradedash.extract.facts import Fact
from tradedash.extract.lex import find_quantities
from tradedash.extract.reader import extract

DATE = dt.date(2023, 8, 20)


@dataclass(frozen=True)
class Want:
    """A fact that must be extracted: its figure as an article would print it (1.2万亿元, 5%)."""

    region: str
    period: str | None
    metric: str
    figure: str
    kind: str | None = None
    yoy: str | None = None
    share: str | None = None
    headline: bool | None = None
    """True: it must have a metric_id; False: it must not."""


@dataclass(frozen=True)
class Case:
    title: str
    text: str
    """Paragraphs separated by ``//``."""
    want: tuple[Want, ...] = ()
    absent: tuple[str, ...] = ()
    """Figures (as printed) that must not be facts or rates of any fact."""
    date: dt.date | None = DATE
    count: int | None = None
    """The exact number of facts, where it matters."""
    notes: dict[str, str] = field(default_factory=dict)


def _value(figure: str) -> tuple[Decimal, str]:
    found = find_quantities(figure)
    assert len(found) == 1, figure
    return found[0].value, found[0].unit


def _extract(case: Case) -> list[Fact]:
    document = Document(source="t.md", title=case.title, date=case.date,
                        paragraphs=tuple(case.text.split("//")), content_hash="x")
    return extract(document)


def _matches(fact: Fact, want: Want) -> bool:
    value, unit = _value(want.figure)
    kind = want.kind or ("growth" if unit == "percent" else None)
    return (fact.region == want.region and fact.period == want.period and fact.metric == want.metric
            and fact.value == value and fact.unit == unit and (kind is None or fact.kind == kind))


def _check(case: Case) -> None:
    facts = _extract(case)
    shown = [(f.region, f.period, f.metric, f.kind, str(f.value), f.unit, f.yoy_percent, f.share_percent,
              f.metric_id) for f in facts]
    for want in case.want:
        hits = [f for f in facts if _matches(f, want)]
        assert len(hits) == 1, (want, shown)
        fact = hits[0]
        if want.yoy is not None:
            assert fact.yoy_percent == _value(want.yoy)[0], (want, shown)
        if want.share is not None:
            assert fact.share_percent == _value(want.share)[0], (want, shown)
        if want.headline is not None:
            assert (fact.metric_id is not None) == want.headline, (want, shown)
    for figure in case.absent:
        value, unit = _value(figure)
        assert not any(f.value == value and f.unit == unit for f in facts), (figure, shown)
        if unit == "percent":
            assert not any(value in (f.yoy_percent, f.share_percent) for f in facts), (figure, shown)
    if case.count is not None:
        assert len(facts) == case.count, shown


H1 = "2023-01/2023-06"
M4 = "2023-01/2023-04"
M7 = "2023-01/2023-07"

CASES: dict[str, list[Case]] = {
    # -- inert --------------------------------------------------------------------------
    "modifier": [
        Case("西藏外贸", "1至10月西藏对25个“一带一路”沿线国家和地区有进出口贸易,进出口贸易值14.74亿元,增长57.3%。",
             (Want("西藏自治区", "2022-01/2022-10", "对一带一路沿线国家进出口", "14.74亿元", yoy="57.3%", headline=False),),
             absent=("25个",), count=1),
        Case("广西外贸", "上半年，广西对14个东盟国家出口860亿元，增长9%。",
             (Want("广西壮族自治区", H1, "对东盟出口", "860亿元", yoy="9%"),), absent=("14个",)),
        Case("佛山招商", "1-7月，佛山签约1亿元以上项目120个，投资总额900亿元。",
             (Want("广东省佛山市", M7, "签约项目", "120个", kind="count"),), absent=("1亿元以上",)),
        Case("青岛外贸", "前7个月，青岛有进出口实绩的企业中，3家企业出口超百亿元，进出口总值4500亿元。",
             (Want("山东省青岛市", M7, "货物进出口总额", "4500亿元"),), absent=("3家",)),
    ],
    "points_and_times": [
        Case("湖南外贸", "上半年，湖南进出口3200亿元，增长6%，高于全国4.2个百分点。",
             (Want("湖南省", H1, "货物进出口总额", "3200亿元", yoy="6%"),), absent=("4.2个百分点",), count=1),
        Case("河南外贸", "前7个月，河南民营企业进出口2100亿元，所占比重提升2.5个百分点至48.3%。",
             (Want("河南省", M7, "民营企业进出口", "2100亿元", share="48.3%", headline=False),),
             absent=("2.5个百分点",)),
        Case("海南外贸", "上半年，海南出口额是去年同期的2.6倍，达到380亿元。",
             (Want("海南省", H1, "出口", "380亿元"),), absent=("2.6倍",)),
    ],
    # -- context ------------------------------------------------------------------------
    "subset": [
        Case("武汉外贸", "今年前7个月，湖北省进出口3100亿元。其中，出口1900亿元；进口1200亿元。",
             (Want("湖北省", M7, "出口", "1900亿元", headline=True), Want("湖北省", M7, "进口", "1200亿元")), count=3,
             notes={"why": "the next sentence speaks of the province named, not of the title's city"}),
        Case("云南外贸", "前7个月，云南与东盟进出口900亿元，增长12%。其中，出口520亿元，增长15%。",
             (Want("云南省", M7, "对东盟出口", "520亿元", yoy="15%", headline=False),)),
        Case("陕西外贸", "上半年，陕西进出口2000亿元。7月当月，陕西进出口380亿元，增长4%。其中，进口150亿元，下降2%。",
             (Want("陕西省", "2023-07", "进口", "150亿元", yoy="-2%"),)),
        Case("甘肃外贸", "前7个月，甘肃民营企业进出口260亿元，增长20%。其中，民营企业出口90亿元，增长31%。",
             (Want("甘肃省", M7, "民营企业出口", "90亿元", yoy="31%"),)),
    ],
    "period": [
        Case("河北外贸", "截至11月底,河北省外贸进出口总值已达145.6亿美元,同比增长20.4%。截至11月底，全省累计批准外资企业1.2万家。",
             (Want("河北省", "2022-01/2022-11", "货物进出口总额", "145.6亿美元", yoy="20.4%", headline=True),
              Want("河北省", "2022-11-30", "外商投资企业批准", "1.2万家")), count=2,
             notes={"why": "a flow stated 截至11月底 runs from January; 累计 keeps the stock date"}),
        Case("广西口岸", "1-6月,全区口岸进出口货运量1200万吨。//6月份,全区口岸货运量230万吨。具体为:钦州港口岸120万吨。"
             "//前6个月,全区进出口3000亿元，增长5%。//全区出口1800亿元。",
             (Want("广西口岸", "2023-06", "货运量", "230万吨"), Want("钦州港口岸", "2023-06", "货运量", "120万吨"),
              Want("广西壮族自治区", H1, "出口", "1800亿元")), count=5,
             notes={"why": "a month opening a paragraph holds for the paragraph; the next resumes the cumulative"}),
        Case("湖北外贸", "今年前7个月，湖北进出口3600亿元，增长5%；出口2400亿元，增长8%。",
             (Want("湖北省", M7, "出口", "2400亿元", yoy="8%"),)),
        Case("吉林外贸", "据长春海关统计，今年上半年吉林进出口850亿元。同期，出口260亿元，增长15%。",
             (Want("吉林省", H1, "出口", "260亿元", yoy="15%"),)),
        Case("黑龙江外贸", "黑龙江1-7月进出口1700亿元，其中出口仅次于今年1月份的120亿元。",
             (Want("黑龙江省", M7, "货物进出口总额", "1700亿元"), Want("黑龙江省", "2023-01", "出口", "120亿元"))),
    ],
    "subject": [
        Case("新疆外贸", "今年一至七月,新疆南部地区口岸进出口贸易额八十八亿美元,增长百分之十五。",
             (Want("新疆南部地区口岸", M7, "货物进出口总额", "八十八亿美元", yoy="百分之十五"),), count=1),
        Case("青海外贸", "前4月,全省进出口25.3亿元。1-4月全省外贸呈现以下特点:一是一般贸易仍占主导,二是西宁市进出口雄踞全省首位,"
             "三是各类企业进出口有升有降,其中私营企业、国有企业进出口分别增长30%和27%。",
             (Want("青海省", M4, "私营企业进出口", "30%"), Want("青海省", M4, "国有企业进出口", "27%")), count=3,
             notes={"why": "each point of an enumeration speaks of the paragraph's subject"}),
        Case("全国外贸", "去年，广东、江苏、浙江3省合计进出口15万亿元，增长2.7%。",
             (Want("广东、江苏、浙江3省", "2022", "货物进出口总额", "15万亿元", yoy="2.7%"),), count=1),
        Case("宁波口岸", "今年1-7月，全省口岸完成进出口货运量3200万吨，同比增长5%。全省航空口岸进出境人员52万人次。",
             (Want("浙江省口岸", M7, "进出口货运量", "3200万吨", yoy="5%"),
              Want("浙江省航空口岸", M7, "进出境人员", "52万人次")), count=2),
        Case("广西口岸", "1-6月,全区口岸进出口货运量1200万吨,国际集装箱运量50万标箱。",
             (Want("广西口岸", H1, "进出口货运量", "1200万吨"), Want("广西口岸", H1, "国际集装箱运量", "50万标箱")),
             count=2),
        Case("江苏外贸", "上半年，南京进出口2800亿元，增长3%；无锡进出口3600亿元，增长5%。",
             (Want("江苏省南京市", H1, "货物进出口总额", "2800亿元", yoy="3%"),
              Want("江苏省无锡市", H1, "货物进出口总额", "3600亿元", yoy="5%"))),
        Case("四川外贸", "前7个月，四川进出口5400亿元，增速较全国高3.1个百分点，占全国的2.4%。",
             (Want("四川省", M7, "货物进出口总额", "5400亿元", share="2.4%"),)),
        Case("辽宁外贸", "据大连海关统计，上半年大连对日本进出口420亿元，增长2%。",
             (Want("辽宁省大连市", H1, "对日本进出口", "420亿元", yoy="2%"),)),
        Case("河南外贸", "1-7月，郑州新郑综合保税区进出口2612.4亿元，下降8.7%，占全省的50.3%。",
             (Want("郑州新郑综合保税区", M7, "货物进出口总额", "2612.4亿元", yoy="-8.7%", share="50.3%"),)),
        Case("浙江外贸", "前7个月，宁波舟山港集团出口增长9%，苏州工业园区进出口4512.3亿元。",
             (Want("苏州工业园区", M7, "货物进出口总额", "4512.3亿元"),), absent=()),
    ],
    "names": [
        Case("佛山", "5月,顺德出口包括口罩在内的纺织制品1.7亿元,激增112.7%。",
             (Want("广东省佛山市顺德区", "2023-05", "纺织制品出口", "1.7亿元", yoy="112.7%", headline=False),), count=1,
             notes={"why": "an example inside 包括…在内 is not the slice; 激增 is growth"}),
        Case("陕西外贸", "一季度，陕西高新技术机电产品进出口同比增长57.6%。",
             (Want("陕西省", "2023-01/2023-03", "高新技术机电产品进出口", "57.6%", headline=False),), count=1),
        Case("福建外贸", "前7个月，福建对欧盟出口980亿元，增长4%；自澳大利亚进口360亿元，下降6%。",
             (Want("福建省", M7, "对欧盟出口", "980亿元", yoy="4%"), Want("福建省", M7, "对澳大利亚进口", "360亿元",
                                                                   yoy="-6%"))),
        Case("浙江外贸", "上半年，浙江一般贸易进出口1.3万亿元，增长7%；外商投资企业出口2900亿元。",
             (Want("浙江省", H1, "一般贸易进出口", "1.3万亿元", yoy="7%", headline=False),
              Want("浙江省", H1, "外商投资企业出口", "2900亿元", headline=False))),
        Case("天津口岸", "上半年，天津口岸进出口8221.5亿元。其中，外省市经天津口岸进出口4260.3亿元，占51.8%。",
             (Want("天津口岸", H1, "外省市企业进出口", "4260.3亿元", share="51.8%", headline=False),)),
        Case("澳门特别行政区对内地贸易", "2022年，广东省对澳门进出口220.6亿元，增长4.3%。",
             (Want("广东省", "2022", "对澳门进出口", "220.6亿元", yoy="4.3%", headline=False),)),
        Case("河北外贸", "1-7月，河北对巴西、南非、印度三个金砖国家进出口410亿元，增长9%。",
             (Want("河北省", M7, "对金砖国家进出口", "410亿元", yoy="9%"),)),
        Case("宁德外贸", "1-7月，宁德市出口锂电池、电动汽车等“新三样”产品合计612.3亿元，增长68.4%。",
             (Want("福建省宁德市", M7, "新三样产品出口", "612.3亿元", yoy="68.4%", headline=False),)),
    ],
    "measure": [
        Case("四川外贸", "今年1-7月四川实现对外贸易进出口总值1953.6亿元,较去年同期下降22.1%,同期全国整体进出口下降7.3%。",
             (Want("四川省", M7, "货物进出口总额", "1953.6亿元", yoy="-22.1%", headline=True),
              Want("全国", M7, "货物进出口总额", "-7.3%")), count=2),
        Case("佛山", "5月,顺德微波炉出口9.5亿元,增长21.1%,多功能食品加工机出口2.5亿元,同比增长9.4%。",
             (Want("广东省佛山市顺德区", "2023-05", "多功能食品加工机出口", "2.5亿元", yoy="9.4%"),), count=2),
        Case("西藏外贸", "从主要出口商品看,服装6.15亿元,增长1.02倍;纺织制品1.95亿元,增长50.5%。",
             (Want("西藏自治区", None, "服装出口", "6.15亿元"), Want("西藏自治区", None, "纺织制品出口", "1.95亿元",
                                                                 yoy="50.5%")), count=2,
             notes={"why": "a name in the place of the product before it is a product too"}),
        Case("天津口岸", "汽车、金属矿及矿砂和原油位居进口商品前三位,进口分别增长47.2%、127.9%和11.2%。尤其是5月当月,"
             "进出口总值1446.2亿元,增长48.2%。",
             (Want("天津口岸", None, "金属矿砂进口", "127.9%"), Want("天津口岸", "2023-05", "货物进出口总额", "1446.2亿元",
                                                              yoy="48.2%")), count=4),
        Case("全国外资", "今年1-5月，我国境内投资者对全球2987家境外企业进行了非金融类直接投资，累计实现投资478.9亿美元，"
             "同比增长38.5%。", (Want("全国", "2023-01/2023-05", "对外直接投资", "478.9亿美元", yoy="38.5%"),), count=1,
             notes={"why": "投资 after the measure in force is that measure, shortened; 进行了 is no slice"}),
        Case("新疆口岸", "今年一至十一月，新疆口岸进口货物九万吨，出口货九十八万吨，与去年同比增长百分之二十三。",
             (Want("新疆口岸", "2023-01/2023-11", "出口", "九十八万吨", yoy="百分之二十三"),), count=2,
             notes={"why": "货 names no product; 与去年同比 is a comparison, not the period"}),
        Case("山西外贸", "前7个月，山西出口钛白粉12亿元，增长35%。",
             (Want("山西省", M7, "钛白粉出口", "12亿元", yoy="35%", headline=False),)),
        Case("安徽外贸", "上半年，安徽有进出口实绩的企业9800家，增长8%。",
             (Want("安徽省", H1, "进出口实绩的企业", "9800家", kind="count", yoy="8%"),)),
        Case("广东外贸", "上半年，广东规模以上工业增加值1.8万亿元，增长4%。",
             (Want("广东省", H1, "规模以上工业增加值", "1.8万亿元", yoy="4%", headline=True),)),
    ],
    "topic": [
        Case("宁波外贸", "家具仍是宁波主力出口产品：全年出口额320亿元，增长6%。",
             (Want("浙江省宁波市", "2022", "家具出口", "320亿元", yoy="6%", headline=False),)),
        Case("上海外资", "上半年，以研发中心为主的科技服务业已成为上海吸引外资最多的领域，实到外资56亿美元。",
             (Want("上海市", H1, "科技服务业实际使用外资", "56亿美元", headline=False),)),
        Case("厦门外贸", "前7个月，台湾地区继续是厦门第一大进口来源地，累计进口210亿元，增长3%。",
             (Want("福建省厦门市", M7, "对台湾进口", "210亿元", yoy="3%", headline=False),)),
    ],
    "adopt": [
        Case("京津冀外贸", "上半年,京津冀区域一般贸易方式占出口总值的79.6%,较去年同期提高3.8个百分点。",
             (Want("京津冀", H1, "一般贸易出口", "79.6%", kind="share", headline=False),), absent=("3.8个百分点",)),
        Case("新疆外贸", "前7个月，新疆与中亚五国的贸易往来更加紧密，进出口210亿元，增长30%。",
             (Want("新疆维吾尔自治区", M7, "对中亚五国进出口", "210亿元", yoy="30%"),)),
        Case("广州外贸", "上半年，广州国有企业出口300亿元，增长2%；集体企业出口25亿元，下降4%。",
             (Want("广东省广州市", H1, "国有企业出口", "300亿元"), Want("广东省广州市", H1, "集体企业出口", "25亿元",
                                                                     yoy="-4%"))),
        Case("深圳外贸", "前7个月，深圳对东盟出口2100亿元，增长10%，进口1500亿元，增长3%。",
             (Want("广东省深圳市", M7, "对东盟进口", "1500亿元", yoy="3%"),)),
    ],
    # -- figures ------------------------------------------------------------------------
    "forecast": [
        Case("成都外贸", "2023年成都将力争外贸进出口增长5%，实际使用外资达到50亿美元。", count=0),
        Case("江西外贸", "上半年江西进出口2900亿元。力争全年进出口突破6000亿元。",
             (Want("江西省", H1, "货物进出口总额", "2900亿元"),), absent=("6000亿元",)),
        Case("贵州外贸", "预计到2025年，贵州外贸进出口将达到1000亿元，年均增长15%。",
             absent=("1000亿元", "15%"), count=0),
        Case("宁夏外贸", "前7个月宁夏进出口120亿元，增长11%，全年有望达到220亿元。",
             (Want("宁夏回族自治区", M7, "货物进出口总额", "120亿元", yoy="11%"),), absent=("220亿元",)),
    ],
    "named_group": [
        Case("全国外资", "今年1-5月，全国新设外资企业2万家。11个自贸试验区新设外资企业3358家，同比增长10%。",
             (Want("全国", "2023-01/2023-05", "新设外资企业", "2万家"),
              Want("11个自贸试验区", "2023-01/2023-05", "新设外资企业", "3358家", yoy="10%")), count=2),
        Case("全国外贸", "前三季度，全国21个自贸试验区进出口5.8万亿元，占全国的18%。",
             (Want("全国21个自贸试验区", "2022-01/2022-09", "货物进出口总额", "5.8万亿元", share="18%"),), count=1),
        Case("安徽外贸", "上半年，安徽进出口3700亿元。皖南五市进出口900亿元，增长6%。",
             (Want("安徽省", H1, "货物进出口总额", "3700亿元"),
              Want("皖南五市", H1, "货物进出口总额", "900亿元", yoy="6%")), count=2),
        Case("湖南外贸", "前7个月，长株潭3市进出口1800亿元，占全省的62%。",
             (Want("长株潭3市", M7, "货物进出口总额", "1800亿元", share="62%"),), count=1),
        Case("江苏外资", "今年以来，苏锡常都市圈实际使用外资52亿美元，同比增长9%；南京实际使用外资30亿美元。",
             (Want("苏锡常都市圈", M7, "实际使用外资", "52亿美元", yoy="9%"),
              Want("江苏省南京市", M7, "实际使用外资", "30亿美元")), count=2),
    ],
    "first_person": [
        Case("东莞外贸", "企业负责人表示，今年前7个月我们出口额达到3.2亿美元，增长了15%。", count=0),
        Case("苏州外贸", "前7个月，苏州进出口1.4万亿元。该公司称，本公司进出口120亿元。",
             (Want("江苏省苏州市", M7, "货物进出口总额", "1.4万亿元"),), absent=("120亿元",)),
        Case("宁波外贸", "“上半年我企业出口增长20%，”负责人说。上半年宁波出口4000亿元。",
             (Want("浙江省宁波市", H1, "出口", "4000亿元"),), absent=("20%",)),
    ],
    "not_year_on_year": [
        Case("北京外贸", "7月，北京进出口3300亿元，同比增长4%，环比增长6%。",
             (Want("北京市", "2023-07", "货物进出口总额", "3300亿元", yoy="4%"),), absent=("6%",)),
        Case("天津外贸", "上半年天津进出口4200亿元，比2021年同期增长12%，两年平均增长5.8%。",
             (Want("天津市", H1, "货物进出口总额", "4200亿元"),), absent=("12%", "5.8%")),
        Case("重庆外贸", "前7个月，重庆笔记本电脑出口拉动全市出口增长3%。",
             absent=("3%",), count=0),
    ],
    "threshold": [
        Case("广东外贸", "前8个月，广东出口首次突破3000亿元大关，达3120.5亿元。",
             (Want("广东省", "2023-01/2023-08", "出口", "3120.5亿元"),), absent=("3000亿元",)),
        Case("苏州外贸", "上半年苏州外贸进出口突破1万亿元，达到1.06万亿元，增长1%。",
             (Want("江苏省苏州市", H1, "货物进出口总额", "1.06万亿元", yoy="1%"),), absent=("1万亿元",)),
        Case("山东外贸", "前7个月，青岛、烟台、潍坊进出口均超过1000亿元。",
             absent=("1000亿元",), count=0),
    ],
    "change": [
        Case("外汇储备", "7月末，我国外汇储备3.2万亿美元，比年初增加620亿美元。",
             (Want("全国", "2023-07-31", "外汇储备", "3.2万亿美元"),), absent=("620亿美元",)),
        Case("甘肃外贸", "前两个月，甘肃进出口12亿美元，同比增加3.5亿美元，增长41%。",
             (Want("甘肃省", "2023-01/2023-02", "货物进出口总额", "12亿美元", yoy="41%"),), absent=("3.5亿美元",)),
        Case("内蒙古外资", "上半年，内蒙古新设外资企业增加了45家，达到160家。",
             (Want("内蒙古自治区", H1, "新设外资企业", "160家", kind="count"),), absent=("45家",)),
    ],
    "each": [
        Case("宁夏外贸", "1月全区出口1.23亿美元。全区铁合金和金属镁产量分别下降30%和15%,出口分别下降56.9%和20.5%;红霉素和泰乐菌素"
             "出口分别增长92%和36.3%。此外,机电产品、金属制品和机械及设备、高新技术产品则分别增长1.4倍、82.2%、60.3%和78.6%。",
             (Want("宁夏回族自治区", "2023-01", "铁合金产量", "-30%"), Want("宁夏回族自治区", "2023-01", "金属镁出口", "-20.5%"),
              Want("宁夏回族自治区", "2023-01", "泰乐菌素出口", "36.3%"), Want("宁夏回族自治区", "2023-01", "机械及设备出口", "60.3%"),
              Want("宁夏回族自治区", "2023-01", "高新技术产品出口", "78.6%")), count=11),
        Case("长三角", "去年,长三角地区进出口增长6.3%,该地区船舶和海洋工程装备、生物医药等产品出口分别增长11.4%、6.9%。",
             (Want("长三角", "2022", "船舶和海洋工程装备出口", "11.4%"), Want("长三角", "2022", "生物医药出口", "6.9%")),
             count=3),
        Case("浙江外贸", "前7个月,浙江出口2.1万亿元。其中,医药健康、智能家居、光伏组件相关产品出口分别增长12.5%、8%、40.2%。",
             (Want("浙江省", M7, "医药健康出口", "12.5%"), Want("浙江省", M7, "智能家居出口", "8%"),
              Want("浙江省", M7, "光伏组件出口", "40.2%")), count=4),
        Case("江苏外贸", "前7个月，江苏对欧盟、东盟、美国分别进出口3100亿元、2900亿元、2600亿元，分别增长6%、9%和-4%。",
             (Want("江苏省", M7, "对欧盟进出口", "3100亿元", yoy="6%"), Want("江苏省", M7, "对美国进出口", "2600亿元",
                                                                       yoy="-4%"))),
        Case("全国外贸", "2022年，一、二、三季度进出口分别为9.4万亿元、10.3万亿元、11.0万亿元，分别增长10%、4%、6%。",
             (Want("全国", "2022-01/2022-03", "货物进出口总额", "9.4万亿元", yoy="10%"),
              Want("全国", "2022-07/2022-09", "货物进出口总额", "11.0万亿元", yoy="6%"))),
        Case("江苏外贸", "上半年，下辖地市中，苏州市、无锡市和常州市出口分别增长12%、15%和9%。",
             (Want("江苏省苏州市", H1, "出口", "12%"), Want("江苏省常州市", H1, "出口", "9%"))),
        Case("宁波外贸", "美国、日本是该市最大的两个出口市场，出口额分别达到410亿元、388亿元。",
             (Want("浙江省宁波市", None, "对美国出口", "410亿元"), Want("浙江省宁波市", None, "对日本出口", "388亿元"))),
        Case("合肥外贸", "1-7月，合肥市进出口、出口、进口分别为1956.2亿元、1312.4亿元和643.8亿元，分别增长5.2%、12.1%和-6.4%。",
             (Want("安徽省合肥市", M7, "出口", "1312.4亿元", yoy="12.1%", headline=True),
              Want("安徽省合肥市", M7, "进口", "643.8亿元", yoy="-6.4%", headline=True))),
        Case("厦门外贸", "1-7月，东盟、欧盟、美国分别占厦门市外贸总值的18.2%、12.3%和10.5%。",
             (Want("福建省厦门市", M7, "对欧盟进出口", "12.3%", kind="share", headline=False),)),
        Case("汕头外贸", "前7个月，汕头市出口玩具、服装分别为112.3亿元、85.4亿元，分别增长16.5%和下降3.2%。",
             (Want("广东省汕头市", M7, "服装出口", "85.4亿元", yoy="-3.2%"),), absent=()),
        Case("重庆班列", "今年以来，重庆开行班列1200列，货值150亿元，货重60万吨，同比分别增长10%、12%和8%。",
             (Want("重庆市", M7, "开行班列", "1200列", kind="count", yoy="10%"),
              Want("重庆市", M7, "开行班列", "150亿元", yoy="12%"), Want("重庆市", M7, "货重", "60万吨", yoy="8%"))),
    ],
    "listed_without_each": [
        Case("江苏外贸", "1-4月，江苏省出口手机、汽车零件513亿元、257.2亿元，分别增长92.4%、27.3%。",
             (Want("江苏省", "2023-01/2023-04", "手机出口", "513亿元", yoy="92.4%"),)),
        Case("浙江外贸", "上半年，浙江进口原油、天然气820亿元和460亿元。",
             (Want("浙江省", H1, "天然气进口", "460亿元"),)),
        Case("北京外贸", "前7个月，北京原油、天然气进口分别增长6%、11%，降幅收窄5%、8%。",
             (Want("北京市", M7, "原油进口", "6%"), Want("北京市", M7, "天然气进口", "11%"))),
    ],
    "conversion": [
        Case("湖南外资", "1-7月，全省实际使用外资26.6亿美元。来湘投资前五位的国家和地区依次是:香港(172246万美元)、"
             "台湾(27366万美元)、英属维尔京群岛(12304万美元)。",
             (Want("湖南省", M7, "香港实际使用外资", "172246万美元"), Want("湖南省", M7, "台湾实际使用外资", "27366万美元"),
              Want("湖南省", M7, "英属维尔京群岛实际使用外资", "12304万美元")), count=4),
        Case("全国外贸", "2018年,广东省进出口总额71600亿元,连续33年占据全国第一位。另外江苏省(43803亿元)和上海市(34010亿元)"
             "分列二三位。",
             (Want("广东省", "2018", "货物进出口总额", "71600亿元", headline=True),
              Want("江苏省", "2018", "货物进出口总额", "43803亿元"), Want("上海市", "2018", "货物进出口总额", "34010亿元")),
             count=3, notes={"why": "a region right before a figure's parentheses owns it: no restatement; "
                                    "a figureless tail of words names no measure"}),
        Case("江苏外贸", "1-4月江苏省外贸进出口1762.7亿美元，增长5.7%；按人民币计价为10785亿元。",
             (Want("江苏省", "2023-01/2023-04", "货物进出口总额", "10785亿元"),
              Want("江苏省", "2023-01/2023-04", "货物进出口总额", "1762.7亿美元", yoy="5.7%"))),
        Case("全国外资", "上半年，全国实际使用外资7000亿元（折合1000亿美元），增长2%。",
             (Want("全国", H1, "实际使用外资", "7000亿元", yoy="2%"), Want("全国", H1, "实际使用外资", "1000亿美元"))),
        Case("山东外资", "前7个月山东实际使用外资120亿美元，约合人民币850亿元。",
             (Want("山东省", M7, "实际使用外资", "850亿元"),)),
    ],
    "level": [
        Case("宁夏外贸", "今年一季度,宁夏与包括东盟、欧盟、美国为主的贸易伙伴往来进一步密切,进出口达20.6亿元,占全区外贸总值的42.8%。",
             (Want("宁夏回族自治区", "2023-01/2023-03", "对东盟、欧盟、美国进出口", "20.6亿元", share="42.8%",
                   headline=False),), count=1, notes={"why": "names listed before one figure are its slice together"}),
        Case("安徽外资", "2022年，安徽省实际使用外资153.3亿元，增长23.9%。全省实际到位外资268亿元，同比增长41.5%。",
             (Want("安徽省", "2022", "实际使用外资", "153.3亿元", headline=True),
              Want("安徽省", "2022", "实际到位外资", "268亿元", yoy="41.5%")), count=2,
             notes={"why": "capital arrived is a series of its own, never mixed into FDI"}),
        Case("厦门外资", "1-10月,全市新增千万美元以上合同外资项目66个,合同外资金额37.46亿美元,占全市合同外资比重的91.1%。",
             (Want("福建省厦门市", "2022-01/2022-10", "新增千万美元以上合同外资项目", "66个"),
              Want("福建省厦门市", "2022-01/2022-10", "千万美元以上项目合同外资", "37.46亿美元", share="91.1%",
                   headline=False)), count=2,
             notes={"why": "the amount of the projects of a size just counted is their slice, never the city's total"}),
        Case("宁波口岸", "今年1-7月，宁波口岸完成进出口货运量3200万吨，其中，进口2100万吨，出口1100万吨。",
             (Want("宁波口岸", M7, "进口货运量", "2100万吨"), Want("宁波口岸", M7, "出口货运量", "1100万吨")), count=3),
        Case("广西口岸", "6月份,全区口岸货运量230万吨,集装箱运量9万标箱。具体为:钦州港口岸120万吨,集装箱5万标箱;"
             "防城港口岸80万吨。",
             (Want("钦州港口岸", "2023-06", "货运量", "120万吨"), Want("防城港口岸", "2023-06", "货运量", "80万吨"),
              Want("钦州港口岸", "2023-06", "集装箱", "5万标箱")), count=5),
        Case("北京外贸", "今年1-7月，朝阳区累计完成货物进出口总额10246.0亿元，同比增长27.3%，占全市总量的51.6%。",
             (Want("北京市朝阳区", M7, "货物进出口总额", "10246.0亿元", yoy="27.3%", share="51.6%", headline=True),)),
        Case("山西外贸", "上半年，山西手机出口1296.5万台，货值330.8亿元。",
             (Want("山西省", H1, "手机出口", "1296.5万台", kind="count"),
              Want("山西省", H1, "手机出口", "330.8亿元"))),
        Case("天津口岸", "上半年，天津口岸货运量2.1亿吨。天津港集装箱吞吐量1100万标箱。",
             (Want("天津口岸", H1, "货运量", "2.1亿吨"), Want("天津港", H1, "集装箱吞吐量", "1100万标箱"))),
        Case("芜湖外贸", "1-7月，芜湖市进出口总额805.2亿元，去年同期为701.3亿元。",
             (Want("安徽省芜湖市", M7, "货物进出口总额", "805.2亿元"),
              Want("安徽省芜湖市", "2022-01/2022-07", "货物进出口总额", "701.3亿元"))),
    ],
    "share": [
        Case("广西外贸", "1-4月，我国对东盟进出口2.03万亿元，广西占全国对东盟贸易的5.1%。",
             (Want("广西壮族自治区", "2023-01/2023-04", "对东盟进出口", "5.1%", kind="share", headline=False),)),
        Case("湖南外贸", "前三季度，长沙、岳阳、湘潭进出口分别为2000亿元、500亿元、300亿元，合计占全省的57.9%。",
             absent=("57.9%",)),
        Case("江苏外贸", "前5个月，江苏进出口2.1万亿元，占全国进出口总值的13.3%。",
             (Want("江苏省", "2023-01/2023-05", "货物进出口总额", "2.1万亿元", share="13.3%"),)),
        Case("安徽外贸", "一季度，安徽外贸占长三角地区外贸总值的4.9%。",
             (Want("安徽省", "2023-01/2023-03", "货物进出口总额", "4.9%", kind="share"),)),
        Case("北京外贸", "上半年，朝阳区货物进出口5000亿元，在北京全市总量中占48%。",
             (Want("北京市朝阳区", H1, "货物进出口总额", "5000亿元", share="48%"),)),
    ],
    "rate_reached": [
        Case("上海外资", "上海使用外资占全国比例从2021年的12%提高到2022年的13.5%。",
             (Want("上海市", "2021", "实际使用外资", "12%", kind="share"),
              Want("上海市", "2022", "实际使用外资", "13.5%", kind="share"))),
        Case("福建外贸", "上半年，福建一般贸易占比由58%上升至61%。",
             (Want("福建省", H1, "一般贸易进出口", "61%", kind="share"),)),
        Case("海南外贸", "前7个月，海南民营企业进出口占比由上年同期的40%提高到46%。",
             (Want("海南省", M7, "民营企业进出口", "46%", kind="share"),)),
    ],
    "compared_region": [
        Case("广州外贸", "上半年，广州国有企业出口增长9.9%，高于广东国有企业出口增幅7.8%。",
             (Want("广东省", H1, "国有企业出口", "7.8%", headline=False),)),
        Case("成都外贸", "前7个月，成都进出口增长6%，低于四川全省进出口增速8%。",
             (Want("四川省", M7, "货物进出口总额", "8%", headline=False),)),
        Case("郑州外贸", "上半年郑州出口增长12%，快于全国出口增速3.7%。",
             (Want("全国", H1, "出口", "3.7%", headline=False),)),
    ],
    "growth": [
        Case("浙江外贸", "今年前7个月，浙江省进出口同比增长5%，达1.2万亿元。",
             (Want("浙江省", M7, "货物进出口总额", "1.2万亿元", yoy="5%"),)),
        Case("浙江外贸", "1-7月，浙江出口增长8.3%至6500亿元。",
             (Want("浙江省", M7, "出口", "6500亿元", yoy="8.3%"),)),
        Case("浙江外贸", "上半年，浙江省同比增长12%的进口额为3000亿元。",
             (Want("浙江省", H1, "进口", "3000亿元", yoy="12%"),)),
        Case("山西外贸", "今年1-7月，山西省进出口总值908.4亿元，降幅收窄至6.3%。鄂州市进出口62.3亿元，与去年同期持平。",
             (Want("山西省", M7, "货物进出口总额", "908.4亿元", yoy="-6.3%"),
              Want("湖北省鄂州市", M7, "货物进出口总额", "62.3亿元", yoy="0%"))),
        Case("新疆外贸", "前4个月，乌鲁木齐综保区出口增长95%，进口下降16%。",
             (Want("乌鲁木齐综保区", "2023-01/2023-04", "出口", "95%"),
              Want("乌鲁木齐综保区", "2023-01/2023-04", "进口", "-16%"))),
    ],
    "not_a_statistic": [
        Case("外贸", "2023年是共建“一带一路”倡议提出10周年，第6届进博会将于11月举办。", count=0),
        Case("外贸", "上半年，湖南外贸企业中有85%实现增长。", absent=("85%",)),
        Case("外贸", "请拨打电话12345查询，或发送邮件至地址。", count=0),
    ],
}


def test_every_construction_has_three_cases() -> None:
    names = {c.name for c in REGISTRY if c.stage != "table"}
    assert names == set(CASES), names ^ set(CASES)
    assert all(len(cases) >= 3 for cases in CASES.values()), {k: len(v) for k, v in CASES.items()}


def test_the_registry_is_ordered_and_documented() -> None:
    keys = [(c.stage, c.priority) for c in REGISTRY]
    assert len(set(keys)) == len(keys), "two constructions share a stage and priority"
    assert all(c.doc and c.reads and c.fills for c in REGISTRY)


@pytest.mark.parametrize(("name", "case"), [(name, case) for name, cases in CASES.items() for case in cases],
                         ids=lambda value: value if isinstance(value, str) else str(abs(hash(value.text)) % 1000))
def test_construction(name: str, case: Case) -> None:
    _check(case)


@pytest.mark.parametrize(("text", "share", "share_of"), [
    ("今年1-4月，厦门市实际使用外资54亿元。其中，高技术制造业实际使用外资12.4亿元，占制造业比重40.6%。", "40.6", "制造业"),
    ("上半年，苏州市高技术服务业实际使用外资8亿元，占服务业比重22%。", "22", "服务业"),
    ("一季度，江苏省新增备案进出口企业708家，占新增总数的96%。", "96", "江苏省"),
    ("前5个月，江苏进出口2.1万亿元，占全国进出口总值的13.3%。", "13.3", "全国"),
])
def test_a_share_names_its_whole(text: str, share: str, share_of: str) -> None:
    """The whole after 占: a region (全国), a part of the subject named without a measure
    (占制造业比重: 制造业, not the city's total), or the subject's own total (占新增总数的)."""
    [fact] = [f for f in _extract(Case("外贸", text)) if f.share_percent is not None]
    assert (fact.share_percent, fact.share_of) == (Decimal(share), share_of)
