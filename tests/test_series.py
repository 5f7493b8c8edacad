from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from tradedash.extract.filters import (
    Filters,
    PeriodFilter,
    RegionFilter,
    code_prefix,
    parse_period_filter,
    period_choices,
    select_rows,
)
from tradedash.extract.region_tree import (
    GazetteerLookup,
    PrefixLookup,
    place_by,
    region_tree,
    resolve_region,
)
from tradedash.extract.series import Figure, partition_shapes
from tradedash.extract.series_load import (
    facts_for_rows,
    load_series,
    points_of,
    region_counts,
    sources,
)
from tradedash.extract.store import Store
from tradedash.tui.rows import trend

from .dashboard_data import build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    path = build_store(tmp_path_factory.mktemp("series") / "dash.sqlite3")
    with Store(path, readonly=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def series(store: Store):
    return load_series(store, place_by(GazetteerLookup()))


def _find(rows, region, metric, shape=None, unit=None):
    found = [r for r in rows if r.series.key.region == region and r.series.key.metric == metric
             and (shape is None or r.series.key.shape == shape) and (unit is None or r.series.key.unit == unit)]
    assert len(found) == 1, found
    return found[0]


# -- shapes --------------------------------------------------------------------


def test_same_range_across_years_is_one_series_and_lone_ytd_ranges_are_cumulative() -> None:
    periods = ["2020-01/2020-07", "2021-01/2021-07", "2022-01/2022-07", "2022-01/2022-03", "2022-01/2022-06",
               "2021", "2022-07", None]
    shapes = partition_shapes(periods)
    assert shapes["2020-01/2020-07"] == shapes["2022-01/2022-07"] == "range:01-07"
    assert shapes["2022-01/2022-03"] == shapes["2022-01/2022-06"] == "cumulative:2022"
    assert (shapes["2021"], shapes["2022-07"], shapes[None]) == ("year", "month", "unknown")


def test_a_single_ytd_range_stays_a_range_and_quarters_are_not_cumulative() -> None:
    shapes = partition_shapes(["2022-01/2022-03", "2022-04/2022-06", "2021-04/2021-06"])
    assert shapes == {"2022-01/2022-03": "range:01-03", "2022-04/2022-06": "range:04-06",
                      "2021-04/2021-06": "range:04-06"}


def test_series_never_mix_shapes_units_or_kinds(series) -> None:
    for s in series:
        assert len({(p.period is None) for p in s.points}) == 1
        shapes = {partition_shapes([p.period for p in s.points])[p.period] for p in s.points}
        assert len(shapes) == 1
    beijing = [s for s in series if s.key.region == "北京市" and s.key.metric == "进出口"]
    assert sorted(s.key.shape for s in beijing) == ["cumulative:2022", "month", "range:01-07", "year"]
    jiangsu = sorted(s.key.unit for s in series if s.key.region == "江苏省")
    assert jiangsu == ["CNY", "USD"]  # 亿元 and 亿美元 are two series


def test_points_are_in_time_order_with_the_latest_shown(series) -> None:
    row = _find(select_rows(series, Filters()), "北京市", "进出口", "range:01-07")
    assert [p.period for p in row.series.points] == ["2020-01/2020-07", "2021-01/2021-07", "2022-01/2022-07"]
    assert row.point.label == "2022年1-7月"
    assert row.series.sources == 3
    assert trend([p.main.value for p in row.history]) == "▁▄█"


def test_disagreeing_articles_make_a_conflict_not_a_silent_choice(series) -> None:
    row = _find(select_rows(series, Filters()), "北京市", "进出口", "year")
    assert row.point.period == "2021" and row.point.conflict
    assert sorted(f.figure for f in row.point.figures) == ["3.04万亿元", "30438.4亿元"]
    assert len(row.fact_ids) == 2


def test_agreeing_articles_are_one_figure_with_several_sources(tmp_path: Path) -> None:
    from .dashboard_data import ARTICLES, document, fact

    with Store(tmp_path / "s.db") as store:
        article = ARTICLES[1]
        store.save(document(article), [fact(article, f) for f in article.facts])
        again = replace(article, source="tests/articles/other.md", title="另一篇")
        store.save(document(again), [fact(again, f) for f in again.facts])
        [s] = load_series(store)
        assert not s.points[0].conflict
        assert s.points[0].main.sources == 2 and s.sources == 2


def test_the_most_widely_stated_figure_leads_a_conflict() -> None:
    lone = Figure(Decimal(4), "4亿元", 7, 1)
    wide = Figure(Decimal(5), "5亿元", 9, 2)
    points, sources = points_of(("2021",), {"2021": [lone, wide]}, {"2021": {"1", "2", "3"}})
    assert points[0].conflict and points[0].main is wide and sources == 3


# -- filters -------------------------------------------------------------------


def test_region_filter_includes_sub_regions_by_code_prefix(series) -> None:
    beijing = RegionFilter("北京市", code_prefix("110000"), "北京市")
    regions = {r.series.key.region for r in select_rows(series, Filters(region=beijing))}
    assert regions == {"北京市", "北京市朝阳区"}
    jiangsu = {r.series.key.region for r in select_rows(series, Filters(region=RegionFilter("江苏省", "32", "江苏省")))}
    assert jiangsu == {"江苏省", "江苏省苏州市", "江苏省苏州市昆山市"}


def test_region_filter_falls_back_to_names_without_codes() -> None:
    f = RegionFilter("北京市", "11", "北京市")
    assert f.matches("北京市朝阳区", None)  # a chained name with no code
    assert not f.matches("天津市", "120000")
    assert RegionFilter("长三角", name="长三角").matches("长三角", None)
    assert not RegionFilter("长三角", name="长三角").matches("上海市", "310000")
    assert RegionFilter("无地区", missing=True).matches(None, None)


def test_code_prefix() -> None:
    assert [code_prefix(c) for c in ("110000", "320500", "320583")] == ["11", "3205", "320583"]


def test_text_filter_matches_region_and_metric_words(series) -> None:
    rows = select_rows(series, Filters(text="朝阳 文化"))
    assert [r.series.key.region for r in rows] == ["北京市朝阳区"]
    assert len(select_rows(series, Filters(text="no such thing"))) == 0


def test_period_filter_picks_the_latest_point_within_it(series) -> None:
    rows = select_rows(series, Filters(period=parse_period_filter("2021")))
    year = _find(rows, "北京市", "进出口", "range:01-07")
    assert year.point.period == "2021-01/2021-07"
    assert all(r.point.period and r.point.period.startswith("2021") for r in rows)
    ranges = select_rows(series, Filters(period=parse_period_filter("1-7月")))
    assert {r.point.period for r in ranges} == {"2022-01/2022-07"}
    assert len(ranges) == 3  # 进出口, 出口, 进口 of 北京市


def test_latest_keeps_one_row_per_region_and_metric(series) -> None:
    rows = select_rows(series, Filters(period=PeriodFilter("latest")))
    beijing = [r for r in rows if r.series.key.region == "北京市" and r.series.key.metric == "进出口"]
    assert len(beijing) == 1 and beijing[0].point.period == "2022-07"
    assert len({(r.series.key.region, r.series.key.metric, r.series.key.unit, r.series.key.kind) for r in rows}) == len(rows)


@pytest.mark.parametrize(("text", "expected"), [
    ("2022", PeriodFilter("year", 2022)),
    ("2022年", PeriodFilter("year", 2022)),
    ("1-7月", PeriodFilter("range", None, (1, 7))),
    ("1至7月", PeriodFilter("range", None, (1, 7))),
    ("2022年1-7月", PeriodFilter("range", 2022, (1, 7))),
    ("前7个月", PeriodFilter("range", None, (1, 7))),
    ("一季度", PeriodFilter("range", None, (1, 3))),
    ("2021年上半年", PeriodFilter("range", 2021, (1, 6))),
    ("7月", PeriodFilter("range", None, (7, 7))),
    ("2022-01/2022-07", PeriodFilter("range", 2022, (1, 7))),
    ("2022-01/2022-12", PeriodFilter("year", 2022)),
    ("latest", PeriodFilter("latest")),
    ("最新", PeriodFilter("latest")),
])
def test_parse_period_filter(text: str, expected: PeriodFilter) -> None:
    assert parse_period_filter(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "13月", "7-1月", "2022-08-31"])
def test_parse_period_filter_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period_filter(text)


def test_period_labels() -> None:
    assert [parse_period_filter(t).label for t in ("2022", "1-7月", "2022年1-7月", "7月", "latest")] == [
        "2022年", "1-7月", "2022年1-7月", "7月", "最新"]


def test_period_choices_list_latest_years_and_ranges(series) -> None:
    choices = period_choices(series)
    assert choices[0] == PeriodFilter("latest")
    assert PeriodFilter("year", 2025) in choices and PeriodFilter("range", None, (1, 7)) in choices
    years = [c.year for c in choices if c.kind == "year"]
    assert years == sorted(years, reverse=True)


# -- region tree ---------------------------------------------------------------


def test_region_tree_nests_by_code_and_counts_sub_regions(store: Store) -> None:
    root = region_tree(region_counts(store), GazetteerLookup())
    top = {n.label: n for n in root.children}
    assert list(top)[:3] == ["北京市", "上海市", "江苏省"]
    assert top["北京市"].total == 13 and top["北京市"].count == 11
    assert [c.label for c in top["北京市"].children] == ["朝阳区"]
    suzhou = top["江苏省"].children[0]
    assert (suzhou.label, suzhou.children[0].label) == ("苏州市", "昆山市")
    assert [c.label for c in top["分组"].children] == ["全国", "长三角"]
    assert top["无地区"].total == 1
    assert root.total == 23


def test_region_tree_without_gazetteer_uses_code_prefixes() -> None:
    root = region_tree([("北京市朝阳区", "110105", 2), ("北京市", "110000", 3)], PrefixLookup())
    [beijing] = [n for n in root.children if n.code == "110000"]
    assert beijing.total == 5


def test_resolve_region_prefers_exact_then_shallow_prefix(store: Store) -> None:
    root = region_tree(region_counts(store), GazetteerLookup())
    assert resolve_region("北京", root).prefix == "11"
    assert resolve_region("北京市朝阳区", root).prefix == "110105"
    assert resolve_region("朝阳区", root).prefix == "110105"
    assert resolve_region("长三角", root).name == "长三角"
    unknown = resolve_region("火星", root)
    assert unknown.contains and not unknown.matches("北京市", "110000")


# -- store queries ---------------------------------------------------------------


def test_facts_for_rows_keep_row_order_and_every_differing_figure(store: Store, series) -> None:
    rows = select_rows(series, Filters(text="进出口", region=RegionFilter("北京市", "11", "北京市")))
    facts = facts_for_rows(store, rows)  # a row stands for its series: every point, in time order
    assert [f.id for f in facts] == [f.fact_id for r in rows for p in r.series.points for f in p.figures]
    assert sum(1 for f in facts if f.fact.period == "2021") == 2


def test_sources_give_the_paragraph_and_the_figure_span(store: Store, series) -> None:
    row = _find(select_rows(series, Filters()), "北京市朝阳区", "文化贸易进出口额")
    [source] = sources(store, row.fact_ids)
    start, end = source.span
    assert source.paragraph[start:end] == "8.2亿美元"
    assert source.fact.document.title == "朝阳区上半年文化贸易8.2亿美元"


def test_series_load_with_one_query_and_never_read_the_store_again(tmp_path: Path) -> None:
    """One pass over the facts in the index's order; filtering and every row's points need no SQL."""
    from tradedash.extract.store_rows import SERIES_FIGURES_SQL

    path = build_store(tmp_path / "s.db")
    with Store(path) as store:
        executed: list[str] = []
        store._conn.set_trace_callback(executed.append)
        series = load_series(store)
        assert len([s for s in executed if "FROM facts" in s]) == 1
        rows = select_rows(series, Filters(text="朝阳"))
        assert rows[0].point.main.figure == "8.2亿美元"
        assert sum(len(s.points) for s in series) >= len(series)
        assert len([s for s in executed if "FROM facts" in s]) == 1
        plan = store._conn.execute("EXPLAIN QUERY PLAN " + SERIES_FIGURES_SQL).fetchall()
        assert any("USING INDEX facts_series_key" in str(tuple(r)) for r in plan)
        assert not any("TEMP B-TREE" in str(tuple(r)) for r in plan)  # no sort


def test_labels_of_one_taxonomy_metric_are_one_series(tmp_path: Path) -> None:
    from tradedash.extract.document import parse_document
    from tradedash.extract.reader import extract

    from .conftest import article

    texts = [("2022-01-14", "<p>2021年，全国外贸进出口39.1万亿元，增长21.4%。</p>"),
             ("2023-01-13", "<p>2022年，全国货物贸易进出口总值42.07万亿元，增长7.7%。</p>")]
    with Store(tmp_path / "s.db") as store:
        for i, (date, body) in enumerate(texts):
            document = parse_document(article(body, date=date).encode(), f"/t/{i}.md")
            store.save(document, extract(document))
        [s] = load_series(store)
        assert (s.key.metric, s.key.label, s.key.metric_id) == ("trade_total", "货物进出口总额", "trade_total")
        assert s.periods == ("2021", "2022")
        assert [p.main.value for p in s.points] == [Decimal("39100000000000"), Decimal("42070000000000")]
        assert "外贸进出口" in s.search and "全国" in s.search


def test_a_deficit_is_never_shown_as_a_surplus() -> None:
    from tradedash.extract.lexicon import measures, terms

    assert terms()["贸易逆差"].name == "trade_deficit" and measures()["trade_deficit"].name == "贸易逆差"
    assert terms()["贸易顺差"].name == "trade_balance" and terms()["逆差"].name != terms()["顺差"].name


def test_figures_without_a_period_stay_with_their_own_article(tmp_path: Path) -> None:
    """Two articles that give no period: their figures are two series, never one with a conflict."""
    from tradedash.extract.document import parse_document
    from tradedash.extract.reader import extract

    from .conftest import article

    with Store(tmp_path / "s.db") as store:
        for i, (title, body) in enumerate([("甲文", "<p>江苏省一般贸易进出口3000亿元。</p>"),
                                           ("乙文", "<p>江苏省一般贸易进出口5000亿元。</p>")]):
            document = parse_document(article(body, title=title).encode(), f"/t/{i}.md")
            facts = extract(document)
            assert [f.period for f in facts] == [None]
            store.save(document, facts)
        series = load_series(store)
    assert sorted((s.document, s.points[0].main.figure, len(s.points[0].figures)) for s in series) == [
        ("乙文", "5000亿元", 1), ("甲文", "3000亿元", 1)]
    assert len({s.key for s in series}) == 2 and all(s.key.shape.startswith("undated:") for s in series)
