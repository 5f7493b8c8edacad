"""The gazetteer: which regions exist, by code and by name, and in which years.

``gazetteer()`` loads ``data/regions.csv`` (every GB/T 2260 code 1980-2024 with the years
it was valid, built by ``scripts/build_gazetteer.py``) and ``data/groupings.toml`` (全国,
长三角, customs districts, and the word rules region_names.py applies), once per process.
"""
from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..data import data_file

COUNTRY, PROVINCE, PREFECTURE, COUNTY, SPECIAL = 0, 1, 2, 3, 9

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
        return pick_year(self.by_code.get(code, ()), year)

    def named(self, name: str, year: int | None = None) -> Region | None:
        """A region by canonical name: 北京市朝阳区, 湖北省襄樊市, 全国, 长三角."""
        return pick_year(self.by_name.get(name, ()), year)

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


def pick_year(variants: Sequence[Region], year: int | None) -> Region | None:
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

