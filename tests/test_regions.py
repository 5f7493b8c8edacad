from __future__ import annotations

import csv

import pytest

from tradedash.data import data_file
from tradedash.extract.gazetteer import COUNTRY, COUNTY, PREFECTURE, PROVINCE, SPECIAL, Region, gazetteer
from tradedash.extract.lex import find_regions
from tradedash.extract.region_names import RegionMention
from tradedash.extract.regions import Region as _Region
from tradedash.extract.regions import resolve, resolve_relative
from tradedash.extract.regions import subject_region as _subject_region


def subject_region(title: str, paragraphs: list[str], *, year: int | None = None) -> _Region | None:
    """The subject of a document with this title and these paragraphs, names found by the lexer."""
    return _subject_region((title, find_regions(title)), [(p, find_regions(p)) for p in paragraphs], year=year)


def only(text: str) -> RegionMention:
    mentions = find_regions(text)
    assert len(mentions) == 1, [(m.text, m.kind) for m in mentions]
    return mentions[0]


def named(text: str, year: int | None = None) -> tuple[str, str | None]:
    """The canonical name and code of the single region in ``text``."""
    region = must(resolve(only(text), year=year))
    return region.name, region.code


def must(region: Region | None) -> Region:
    assert region is not None
    return region


def g(name: str) -> Region:
    region = gazetteer().named(name)
    assert region is not None, name
    return region


# --------------------------------------------------------------------------- gazetteer


def test_regions_csv_is_compact_and_covers_1980_to_2024() -> None:
    text = data_file("regions.csv").read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) < 1_500_000
    rows = list(csv.DictReader(text.splitlines()))
    assert {int(r["first_year"]) for r in rows} >= {1980}
    assert max(int(r["last_year"]) for r in rows) == 2024
    current = [r for r in rows if r["last_year"] == "2024"]
    assert len([r for r in current if r["level"] == "1"]) == 34
    assert 300 < len([r for r in current if r["level"] == "2"]) < 400
    assert 2700 < len([r for r in current if r["level"] == "3"]) < 3000


def test_gazetteer_codes_names_and_history() -> None:
    gz = gazetteer()
    assert gz is gazetteer()  # cached
    assert gz.region("110105") == Region("北京市朝阳区", "110105", COUNTY, "110000", "朝阳", 1980, 2024)
    assert must(gz.region("320500")).name == "江苏省苏州市"
    assert must(gz.region("320583")).name == "江苏省苏州市昆山市"
    assert must(gz.region("650000")).name == "新疆维吾尔自治区"
    # 襄樊市 became 襄阳市 in 2010 under the same code.
    assert must(gz.region("420600")).name == "湖北省襄阳市"
    assert must(gz.region("420600", 2005)).name == "湖北省襄樊市"
    assert gz.named("全国") == Region("全国", None, COUNTRY, short="全国")
    assert must(gz.named("长三角")).level == SPECIAL
    assert must(gz.parent(g("北京市朝阳区"))).name == "北京市"
    assert must(gz.parent(g("北京市"))).name == "全国"
    assert [r.name for r in gz.chain(g("江苏省苏州市昆山市"))] == ["江苏省苏州市昆山市", "江苏省苏州市", "江苏省"]


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(("text", "name", "code"), [
    ("北京市进出口总值", "北京市", "110000"),
    ("广东省统计局发布数据", "广东省", "440000"),
    ("新疆维吾尔自治区外贸创新高", "新疆维吾尔自治区", "650000"),
    ("广西壮族自治区商务厅", "广西壮族自治区", "450000"),
    ("苏州市进出口增长", "江苏省苏州市", "320500"),
    ("北京市朝阳区文化企业", "北京市朝阳区", "110105"),
    ("江苏省苏州市昆山市的企业", "江苏省苏州市昆山市", "320583"),
    ("昆山市外贸", "江苏省苏州市昆山市", "320583"),
    ("浦东新区经济", "上海市浦东新区", "310115"),
])
def test_full_names(text: str, name: str, code: str) -> None:
    assert named(text) == (name, code)


@pytest.mark.parametrize(("text", "name", "code"), [
    ("北京外贸持续增长", "北京市", "110000"),
    ("江苏民营企业出口", "江苏省", "320000"),
    ("广西边民互市贸易", "广西壮族自治区", "450000"),
    ("新疆出口增长", "新疆维吾尔自治区", "650000"),
    ("苏州进出口总值", "江苏省苏州市", "320500"),
    ("今年佛山签约项目", "广东省佛山市", "440600"),
    ("吉林汽车产业", "吉林省", "220000"),  # the province, not 吉林市
    ("海南离岛免税", "海南省", "460000"),  # not 青海's 海南州
])
def test_short_names(text: str, name: str, code: str) -> None:
    assert named(text) == (name, code)


def test_region_plus_diqu_is_the_region() -> None:
    assert named("北京地区进出口总值") == ("北京市", "110000")
    assert named("上半年广东地区外贸") == ("广东省", "440000")
    # 地区生产总值 is the GDP metric: the region is 广东 and 地区 stays with the metric.
    mention = only("广东地区生产总值增长")
    assert mention.text == "广东"


def test_mention_offsets_and_surface() -> None:
    text = "据统计，今年苏州和无锡进出口均增长。"
    mentions = find_regions(text)
    assert [(m.text, text[m.start:m.end]) for m in mentions] == [("苏州", "苏州"), ("无锡", "无锡")]
    assert all(m.kind == "short" for m in mentions)


def test_chains_become_one_mention_of_the_lower_region() -> None:
    assert named("北京朝阳区") == ("北京市朝阳区", "110105")
    assert named("北京朝阳") == ("北京市朝阳区", "110105")
    assert named("长春市朝阳区") == ("吉林省长春市朝阳区", "220104")
    assert named("江苏苏州") == ("江苏省苏州市", "320500")
    assert named("吉林省吉林市") == ("吉林省吉林市", "220200")
    assert named("我国香港") == ("香港特别行政区", "810000")
    assert only("北京朝阳区").kind == "chain"


# --------------------------------------------------------------------------- ambiguity


def test_chaoyang_district_needs_a_context() -> None:
    mention = only("朝阳区重点文化企业进出口")
    assert {c.code for c in mention.candidates} == {"110105", "220104"}
    assert resolve(mention) == Region("朝阳区", None, COUNTY)
    assert must(resolve(mention, [g("北京市")])).code == "110105"
    assert must(resolve(mention, [g("吉林省长春市")])).code == "220104"
    assert must(resolve(mention, [g("吉林省")])).code == "220104"
    # A sibling district settles it too.
    assert must(resolve(mention, [g("北京市东城区")])).code == "110105"
    assert must(resolve(mention, subject=g("北京市"))).code == "110105"


def test_short_name_with_a_county_namesake() -> None:
    mention = only("朝阳文化贸易")
    # On its own 朝阳 is the prefecture in Liaoning; beside Beijing it is the district.
    assert must(resolve(mention)).name == "辽宁省朝阳市"
    assert must(resolve(mention, [g("北京市")])).name == "北京市朝阳区"


def test_gulou_district_by_city() -> None:
    mention = only("鼓楼区进出口")
    assert must(resolve(mention)).code is None
    assert must(resolve(mention, [g("江苏省南京市")])).code == "320106"
    assert must(resolve(mention, [g("福建省福州市")])).code == "350102"


def test_qinghai_context_makes_hainan_the_prefecture() -> None:
    assert named("海南州外贸") == ("青海省海南藏族自治州", "632500")
    assert named("延边州对外贸易") == ("吉林省延边朝鲜族自治州", "222400")
    assert must(resolve(only("海南的牧业"), [g("青海省")])).code == "632500"


# --------------------------------------------------------------------------- history


def test_historical_names_resolve() -> None:
    assert named("襄樊市外贸") == ("湖北省襄樊市", "420600")
    # 巢湖市: a prefecture 1999-2010, a county-level city of 合肥 since 2011.
    assert named("巢湖市进出口") == ("安徽省合肥市巢湖市", "340181")
    assert named("巢湖市进出口", year=2005) == ("安徽省巢湖市", "341400")
    # Recodings of the same division collapse to the code of the year.
    assert named("沛县经济") == ("江苏省徐州市沛县", "320322")


# --------------------------------------------------------------------------- groupings


@pytest.mark.parametrize(("text", "name"), [
    ("今年我国外贸进出口", "全国"),
    ("全国进出口总值", "全国"),
    ("中国外贸增长", "全国"),
    ("东部地区实际使用外资", "东部地区"),
    ("东北地区工业", "东北地区"),
    ("占长三角地区外贸总值", "长三角"),
    ("长江三角洲的企业", "长三角"),
    ("京津冀协同发展", "京津冀"),
    ("珠三角制造业", "珠三角"),
    ("粤港澳大湾区建设", "粤港澳大湾区"),
    ("成渝地区双城经济圈建设", "成渝地区双城经济圈"),
])
def test_groupings(text: str, name: str) -> None:
    assert named(text) == (name, None)


def test_east_middle_west_listed_together() -> None:
    text = "我国东部、中部、西部地区分别增长"
    names = [must(resolve(m)).name for m in find_regions(text)]
    assert names == ["东部地区", "中部地区", "西部地区"]
    assert find_regions("东部沿海城市") == []  # 东部 alone is a direction


@pytest.mark.parametrize(("text", "name", "parent"), [
    ("今年天津口岸进出口", "天津口岸", "120000"),
    ("经满洲里口岸进口", "满洲里口岸", "150781"),
    ("友谊关口岸通关", "友谊关口岸", None),
    ("合肥铁路口岸集装箱", "合肥铁路口岸", "340100"),
    ("西安综合保税区进出口", "西安综合保税区", "610100"),
    ("北京天竺综合保税区", "北京天竺综合保税区", "110000"),
    ("中国(广西)自由贸易试验区", "中国(广西)自由贸易试验区", "450000"),
    ("中国（广西）自由贸易试验区外贸", "中国(广西)自由贸易试验区", "450000"),
    ("广西自贸试验区外贸", "中国(广西)自由贸易试验区", "450000"),
    ("上海自贸区新设企业", "中国(上海)自由贸易试验区", "310000"),
    ("广西自贸试验区崇左片区", "中国(广西)自由贸易试验区崇左片区", "450000"),
])
def test_ports_and_zones(text: str, name: str, parent: str | None) -> None:
    region = must(resolve(only(text)))
    assert region == Region(name, None, SPECIAL, parent, region.short)


def test_zone_suffix_without_a_place_is_nothing() -> None:
    assert [m.kind for m in find_regions("全省2个出口加工区和自贸区")] == ["relative"]
    assert find_regions("加快推进综合保税区建设") == []


def test_publishers() -> None:
    assert named("北京海关发布") == ("北京市", "110000")
    assert named("据南京海关统计") == ("江苏省", "320000")
    assert named("西安海关召开发布会") == ("陕西省", "610000")
    assert named("宁波海关数据显示") == ("浙江省宁波市", "330200")
    assert named("海关总署公布") == ("全国", None)
    assert only("乌鲁木齐海关").kind == "publisher"


# --------------------------------------------------------------------------- relative words


def test_relative_words_are_found() -> None:
    kinds = [(m.text, m.relative) for m in find_regions("全省外贸增长，全市、本区、我县和该州均有增长")]
    assert kinds == [("全省", "province"), ("全市", "city"), ("本区", "district"), ("我县", "county"),
                     ("该州", "prefecture")]


def test_relative_words_resolve_against_the_subject() -> None:
    chaoyang = g("北京市朝阳区")
    assert resolve_relative("district", chaoyang) == chaoyang
    assert must(resolve_relative("city", chaoyang)).name == "北京市"
    guangxi = g("广西壮族自治区")
    assert resolve_relative("district", guangxi) == guangxi
    assert resolve_relative("district", g("广西壮族自治区南宁市")) == guangxi
    assert must(resolve_relative("city", g("广西壮族自治区南宁市"))).name == "广西壮族自治区南宁市"
    jiangsu = g("江苏省")
    assert resolve_relative("province", jiangsu) == jiangsu
    assert resolve_relative("province", g("江苏省苏州市昆山市")) == jiangsu
    assert resolve_relative("city", jiangsu) is None
    assert must(resolve_relative("city", g("江苏省苏州市昆山市"))).name == "江苏省苏州市昆山市"
    assert must(resolve_relative("city", g("江苏省南京市鼓楼区"))).name == "江苏省南京市"
    assert must(resolve_relative("county", g("江苏省徐州市沛县"))).code == "320322"
    assert resolve_relative("province", None) is None
    assert resolve_relative("province", g("全国")) is None
    # Through a mention, with the subject.
    mention = only("全区重点文化企业")
    assert resolve(mention, subject=chaoyang) == chaoyang
    assert resolve(mention) is None


def test_relative_word_in_a_zone_article() -> None:
    zone = must(resolve(only("广西自贸试验区")))
    assert resolve_relative("district", zone) == zone
    assert must(resolve_relative("province", zone)).name == "广西壮族自治区"


# --------------------------------------------------------------------------- false positives


@pytest.mark.parametrize("text", [
    "城市和县城的消费市场持续回暖",
    "全市场成交额创新高",
    "提高县域经济发展水平",
    "新城区建设加快推进，老城区改造提速，城区人口增加",
    "以上海关统计数据显示",
    "再加上海运价格上涨",
    "朝阳产业发展迅速",
    "社会长治久安",
    "早餐吃三明治",
    "孙中山先生的故居",
    "白银价格上涨，黄金走弱",
    "阿里巴巴集团财报",
    "欢迎各位来宾",
    "坚持和平发展道路",
    "长安汽车销量增长",
    "新华社记者报道",
    "日本市场和资本市场",
    "设立安全区",
    "开封后请尽快食用",
    "中国银行和中国新闻网",
    "四平八稳",
    "惠民政策落地",
])
def test_ordinary_sentences_name_no_region(text: str) -> None:
    assert find_regions(text) == []


# --------------------------------------------------------------------------- the subject


def test_subject_from_title() -> None:
    assert must(subject_region("北京朝阳区前7个月文化贸易", ["今年以来，全区文化贸易增长。"])).code == "110105"
    assert must(subject_region("陕西1-11月进出口", ["据西安海关统计，今年1-11月进出口增长。"])).name == "陕西省"
    assert must(subject_region("11月我国进口创新高", [])).name == "全国"
    # A narrower region beats the country in the title.
    assert must(subject_region("安徽外贸增速高于全国", [])).name == "安徽省"


def test_subject_from_the_publisher() -> None:
    paragraphs = ["上海海关昨天披露，前7个月关区进出口增长。", "其中出口增长。"]
    assert must(subject_region("前7月关区进出口", paragraphs)).name == "上海市"
    paragraphs = ["记者从黑河市商务局获悉，今年对俄贸易增长。"]
    assert must(subject_region("对俄贸易增长", paragraphs)).name == "黑龙江省黑河市"


def test_publisher_settles_an_ambiguous_title() -> None:
    paragraphs = ["北京海关近日发布数据。", "朝阳区文化贸易增长。"]
    assert must(subject_region("朝阳区文化贸易", paragraphs)).code == "110105"
    paragraphs = ["长春海关近日发布数据。"]
    assert must(subject_region("朝阳区文化贸易", paragraphs)).code == "220104"
    unsettled = subject_region("朝阳区文化贸易", ["今年以来文化贸易增长。"])
    assert unsettled == Region("朝阳区", None, COUNTY)


def test_subject_from_the_opening_when_the_title_is_silent() -> None:
    assert must(subject_region("外贸稳中有进", ["今年前5个月，江苏省进出口增长。"])).name == "江苏省"
    assert subject_region("外贸稳中有进", ["今年前5个月进出口增长。"]) is None


def test_relative_names_resolve_against_the_subject() -> None:
    subject = g("北京市朝阳区")
    pairs = [(m, resolve(m, [subject], subject=subject)) for m in find_regions("全区进出口占全市的三成，朝阳区居首")]
    assert [(m.text, r.name if r else None) for m, r in pairs] == [
        ("全区", "北京市朝阳区"), ("全市", "北京市"), ("朝阳区", "北京市朝阳区"),
    ]


def test_levels() -> None:
    assert g("北京市").level == PROVINCE
    assert g("江苏省苏州市").level == PREFECTURE
    assert g("北京市朝阳区").level == COUNTY
