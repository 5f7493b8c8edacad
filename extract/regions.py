"""Which region a name means: resolving mentions against the document's context, and its subject.

``resolve(mention, context)`` picks among a mention's candidates with the regions the
document has already settled; ``subject_region(title, paragraphs)`` settles the document's
subject; ``resolve_relative`` turns 全区/全市/我省 into a region given that subject.
Where nothing settles an ambiguous name it stays a name without a code, rather than a guess.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .gazetteer import (
    COUNTRY,
    COUNTY,
    MUNICIPALITIES,
    PREFECTURE,
    PROVINCE,
    SPECIAL,
    Region,
    gazetteer,
    pick_year,
)
from .region_names import RegionMention, Relative

Named = tuple[str, Sequence[RegionMention]]
"""A text and the region names found in it."""

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
        region = resolve_relative(mention.relative, subject)
        port = mention.text[2:]  # 全省航空口岸: 航空口岸
        return _ports_of(region, port, subject) if port and region is not None else region
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
        regions = [pick_year(v, year) or v[-1] for v in by_identity.values()]
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


def _ports_of(region: Region, port: str, subject: Region | None) -> Region:
    """The ports of a region (全省口岸 in an article about 安徽口岸 is that port; 全省航空口岸 is
    安徽省航空口岸): a region of their own, hosted by the region."""
    if (port == "口岸" and subject is not None and subject.code is None and subject.parent == region.code
            and subject.name.endswith(port)):
        return subject
    return Region(region.name + port, None, SPECIAL, region.code, region.short)


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
    else:  # a zone or a port: itself (全区 of 两江新区), then its host (全市)
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


# --------------------------------------------------------------------------- the subject

#: Bodies whose releases are about the region named before them (黑河市商务局).
_PUBLISHER_AFTER = re.compile(r"商务局|商务厅|商务委|统计局|发展和改革委员会|发改委|人民政府|政府新闻办")


def subject_region(title: Named, paragraphs: Sequence[Named], *, year: int | None = None) -> Region | None:
    """The region a document is about, from the region names of its title and paragraphs.

    The title's first region (a country-wide 我国/全国 only when the title names
    nothing narrower); else the publisher (北京海关, 西安海关 = 陕西省, 深圳市统计局)
    named in the opening or closing paragraphs; else the first region of the opening
    paragraphs. Publishers and the unambiguous names of the title and opening settle
    ambiguous ones: a 朝阳区 title in a 北京海关 release is 110105.

    Each text comes with the region names the lexer found in it (a text, its mentions).
    """
    head = [title, *paragraphs[:3]]
    found = head + (list(paragraphs[-2:]) if len(paragraphs) > 3 else [])
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

    def first(mentions: Sequence[RegionMention]) -> Region | None:
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
