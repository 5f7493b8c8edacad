"""The breakdown view's model (extract/breakdowns.py): the whole, the shares, the order."""
from __future__ import annotations

from decimal import Decimal

from tradedash.extract.breakdowns import Whole, breakdown_lines, sorted_lines, whole_of
from tradedash.extract.facts import Fact
from tradedash.extract.store import DocumentInfo, StoredFact

DOC = DocumentInfo(1, "a.md", "h", "福建外贸", "2022-08-20", "")


def stored(i: int, metric: str, value: str, unit: str = "CNY", *, breakdown: dict[str, str] | None = None,
           share: str | None = None, share_of: str | None = None, kind: str = "amount") -> StoredFact:
    fact = Fact(region="福建省", region_code="350000", period="2022-01/2022-07", metric=metric, metric_id=None,
                kind=kind, value=Decimal(value), unit=unit, measure="trade_total",  # type: ignore[arg-type]
                breakdown=breakdown or {}, share_percent=Decimal(share) if share else None, share_of=share_of,
                figure=value)
    return StoredFact(i, fact, DOC)


FACTS = [
    stored(1, "货物进出口总额", "1100000000000"),
    stored(2, "对东盟进出口", "200000000000", breakdown={"partner": "东盟"}, share="5.1", share_of="全国"),
    stored(3, "民营企业进出口", "600000000000", breakdown={"owner": "民营企业"}, share="54.5", share_of="福建省"),
    stored(4, "对美国进出口", "40000000000", "USD", breakdown={"partner": "美国"}),
    stored(5, "对欧盟进出口", "12", "percent", breakdown={"partner": "欧盟"}, kind="growth"),
]


def test_a_share_of_another_whole_is_not_shown_as_a_share_of_the_headline() -> None:
    whole = whole_of(FACTS, "福建省", "trade_total", "CNY")
    assert whole.value == Decimal("1100000000000") and not whole.ambiguous
    lines = {line.part: line for line in breakdown_lines(whole, FACTS)}
    assert (lines["东盟"].share, lines["东盟"].computed) == (Decimal("18.2"), True)  # not 5.1%（全国）
    assert (lines["民营企业"].share, lines["民营企业"].computed) == (Decimal("54.5"), False)  # stated, of 福建省


def test_two_headline_values_make_the_whole_ambiguous_and_no_share_is_computed() -> None:
    facts = [*FACTS, stored(6, "货物进出口总额", "1200000000000")]
    whole = whole_of(facts, "福建省", "trade_total", "CNY")
    assert whole.ambiguous and whole.value is None
    assert {line.part: line.share for line in breakdown_lines(whole, facts)}["东盟"] is None


def test_sorting_compares_amounts_in_one_currency_and_keeps_growth_last() -> None:
    whole = Whole("福建省", "trade_total", Decimal("1100000000000"), "CNY")
    partners = [line for line in breakdown_lines(whole, FACTS) if line.dimension == "partner"]
    # 400亿美元 at the 2022 rate (6.7261) is 2,690亿元, more than 东盟's 2,000亿元; the growth-only line stays last
    assert [line.part for line in sorted_lines(partners, "CNY", descending=True)] == ["美国", "东盟", "欧盟"]
    assert [line.part for line in sorted_lines(partners, "CNY", descending=False)] == ["东盟", "美国", "欧盟"]
