"""The region tree of the dashboard: provinces, cities, districts and groupings with fact counts.

Headless: built from the store's counts per region and a lookup of region codes.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from .filters import RegionFilter, code_prefix
from .series import Placer

AnchorKind = Literal["self", "host", "grouping"]


class RegionLookup(Protocol):
    """What the tree needs to know about regions: a gazetteer, or codes alone."""

    def full_name(self, code: str) -> str | None: ...

    def parent_code(self, code: str) -> str | None: ...

    def anchor(self, name: str) -> tuple[str | None, AnchorKind] | None:
        """For a name without a code: its own code, its host's (ports, zones) or a grouping; None if unknown."""
        ...


def place_by(lookup: RegionLookup) -> Placer:
    """A Placer for load_series: a fact's own code, else what its name anchors to."""

    def place(region: str | None, code: str | None) -> str | None:
        if code or region is None:
            return code
        found = lookup.anchor(region)
        return found[0] if found else None

    return place


class GazetteerLookup:
    """RegionLookup over tradedash.extract.regions (loaded on first use, about 0.15 s)."""

    def __init__(self) -> None:
        from .gazetteer import gazetteer

        self._g = gazetteer()

    def full_name(self, code: str) -> str | None:
        region = self._g.region(code)
        return region.name if region else None

    def parent_code(self, code: str) -> str | None:
        region = self._g.region(code)
        return region.parent if region else None

    def anchor(self, name: str) -> tuple[str | None, AnchorKind] | None:
        region = self._g.named(name)
        if region is None:
            return None
        if region.code:
            return region.code, "self"
        if region.parent:
            return region.parent, "host"
        return None, "grouping"


class PrefixLookup:
    """RegionLookup from codes alone: parents by prefix, no names. The fallback without a gazetteer."""

    def full_name(self, code: str) -> str | None:
        return None

    def parent_code(self, code: str) -> str | None:
        if len(code) != 6:
            return None
        for parent in (code[:4] + "00", code[:2] + "0000"):
            if parent != code:
                return parent
        return None

    def anchor(self, name: str) -> tuple[str | None, AnchorKind] | None:
        return None


@dataclass
class RegionNode:
    """A tree entry: its own facts (``count``), its sub-regions' too (``total``), and the filter it selects."""

    label: str
    filter: RegionFilter | None
    count: int = 0
    children: list[RegionNode] = field(default_factory=list)
    code: str | None = None

    @property
    def total(self) -> int:
        return self.count + sum(c.total for c in self.children)

    def walk(self) -> Iterable[RegionNode]:
        yield self
        for child in self.children:
            yield from child.walk()


GROUPINGS = "分组"
OTHER = "其他地名"
NO_REGION = "无地区"


def region_tree(counts: Iterable[tuple[str | None, str | None, int]], lookup: RegionLookup) -> RegionNode:
    """Provinces, cities and districts by code, then groupings, other names and facts without a region."""
    root = RegionNode("全部地区", None)
    by_code: dict[str, RegionNode] = {}
    groupings = RegionNode(GROUPINGS, None)
    other = RegionNode(OTHER, None)
    missing = RegionNode(NO_REGION, RegionFilter(NO_REGION, missing=True))
    names: dict[str, RegionNode] = {}

    def coded(code: str, name: str | None) -> RegionNode:
        node = by_code.get(code)
        if node is None:
            full = lookup.full_name(code) or name or code
            node = RegionNode(full, RegionFilter(full, code_prefix(code), full), code=code)
            by_code[code] = node
            parent_code = lookup.parent_code(code)
            parent = coded(parent_code, None) if parent_code and parent_code != code else root
            parent.children.append(node)
        elif name and node.label == code:  # first met as a parent without a name
            node.label = name
            node.filter = RegionFilter(name, code_prefix(code), name)
        return node

    for region, code, n in counts:
        if region is None:
            missing.count += n
            continue
        if code:
            coded(code, region).count += n
            continue
        anchor = lookup.anchor(region)
        if anchor and anchor[1] == "self" and anchor[0]:
            coded(anchor[0], region).count += n
            continue
        node = names.get(region)
        if node is None:
            node = RegionNode(region, RegionFilter(region, name=region))
            names[region] = node
            if anchor and anchor[1] == "host" and anchor[0]:
                coded(anchor[0], None).children.append(node)
            elif (anchor and anchor[1] == "grouping") or region == "全国":
                groupings.children.append(node)
            else:
                other.children.append(node)
        node.count += n

    _relabel(root, "")
    for parent in (groupings, other):
        parent.children.sort(key=lambda c: (c.label != "全国", -c.total, c.label))
    root.children.sort(key=lambda c: c.code or "")
    for extra in (groupings, other, missing):
        if extra.total:
            root.children.append(extra)
    return root


def _relabel(node: RegionNode, parent_name: str) -> None:
    """Nested entries show their own name: 朝阳区 under 北京市, not 北京市朝阳区."""
    full = node.filter.name if node.filter and node.filter.name else node.label
    if node.code and parent_name and full.startswith(parent_name) and len(full) > len(parent_name):
        node.label = full[len(parent_name):]
    for child in node.children:
        _relabel(child, full if node.code else "")
    node.children.sort(key=lambda c: (c.code is None, c.code or "", c.label))


def resolve_region(text: str, root: RegionNode) -> RegionFilter:
    """A region typed by a user (北京, 北京市, 朝阳区, 长三角) as the filter of the best tree entry.

    Exact full name, then exact own name, then a name that starts with the text (the
    shallowest such entry); text that names nothing matches regions containing it.
    """
    t = text.strip()
    nodes = [n for n in root.walk() if n.filter is not None and not n.filter.missing]
    depth = {id(n): d for n, d in _depths(root)}
    for test in (
        lambda n: n.filter.name == t,
        lambda n: n.label == t,
        lambda n: n.label.startswith(t),
        lambda n: (n.filter.name or "").startswith(t),
    ):
        found = [n for n in nodes if test(n)]
        if found:
            best = min(found, key=lambda n: (depth[id(n)], -n.total))
            return best.filter  # type: ignore[return-value]
    return RegionFilter(t, name=t, contains=True)


def _depths(node: RegionNode, depth: int = 0) -> Iterable[tuple[RegionNode, int]]:
    yield node, depth
    for child in node.children:
        yield from _depths(child, depth + 1)

