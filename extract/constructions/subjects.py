"""Who a statement is about: the subject region, a group of places, or a partner.

The constructions here read the region tokens (and the words naming a group of places) of a
head; a region can be the subject, a partner (香港 in another region's article), a
comparison (较全国), a share's whole (占全省), a rank or a publisher.
"""
from __future__ import annotations

import re

from ..frame import Frame
from ..gazetteer import SPECIAL, Region
from ..lex import Token
from ..region_names import matcher
from ..sentence import Head, clean_words, listed
from .registry import Reading, construction

#: Words before a region that make it something other than the subject: a partner (对, 与),
#: a comparison (较, 比, 高于), a share's whole (占), a later item of a list (、, 和).
_NOT_SUBJECT_BEFORE = ("对", "向", "与", "同", "从", "自", "较", "比", "于", "出", "过", "先", "后", "占", "和", "及",
                       "、", "领跑", "超越", "赶超", "在")
#: Words after a region that make it a rank (全国第四) or a publisher (南京海关).
_NOT_SUBJECT_AFTER = ("第", "前列", "首位", "之首", "排名", "排位", "海关", "分署", "商务", "统计局", "发布", "发改",
                      "政府", "领先", "平均", "水平", "整体水平", "总体水平",
                      "整体增速", "总体增速", "整体增幅", "总体增幅")
#: Codes of regions that are partners in any other region's statistics: Taiwan, Hong Kong, Macao.
_PARTNER_CODES = ("71", "81", "82")
_PARTNER_NAMES = {"71": "台湾", "81": "香港", "82": "澳门"}

def _is_subject(r: Reading, token: Token) -> bool:
    mention = token.region
    assert mention is not None
    if mention.kind == "publisher" or is_partner(r, token) is not None:
        return False
    before = r.text[max(0, token.start - 2):token.start]
    if before.endswith(_NOT_SUBJECT_BEFORE):
        return False
    # 喀什、霍尔果斯…4个综合保税区: the first of a list is not the subject either.
    return not r.text.startswith((*_NOT_SUBJECT_AFTER, "、"), token.end)


def is_partner(r: Reading, token: Token) -> str | None:
    """香港, 澳门, 台湾 in the article of another region are partners: their name, else None."""
    mention = token.region
    if mention is None or not mention.candidates:
        return None
    code = mention.candidates[0].code or ""
    if code[:2] not in _PARTNER_CODES:
        return None
    subject = r.carry.subject
    after_preposition = r.text[max(0, token.start - 1):token.start] in ("对", "与", "自", "向", "同", "从")
    if after_preposition or not (subject is not None and (subject.code or "")[:2] == code[:2]):
        return _PARTNER_NAMES[code[:2]]
    return None


@construction("context", 20, reads="region tokens of the head", fills="frame.subject, frame.listed_regions")
def subject(r: Reading, h: Head) -> None:
    """A region named as the subject of a statement holds for the rest of its sentence; one
    named as a partner (对上海), a comparison (较全国), a rank (全国第五), a share's whole
    (占全省) or a publisher (南京海关) is not the subject. A new subject resets the breakdown:
    a figure never keeps the previous region's slice. Regions listed (深圳、苏州、天津)
    wait for 分别 instead."""
    frame = r.frame
    frame.aside = None
    if h.inside:  # （全国增速5%）: a region named in parentheses is the aside's, not the statement's
        named = [r.resolve(t.region) for t in h.regions if t.region is not None]
        frame.aside = next((x for x in named if x is not None), None) or _named_before(r, h)
        partner = _partner_before(r, h)
        if partner is not None and not named:  # 香港(172246万美元)、台湾(27366万美元): each partner's
            h.named["partner"] = partner
        return
    if h.opening and _ENUMERATED.match(r.text, h.tokens[0].start if h.tokens else 0):
        # …，一是…，二是西宁市进出口雄踞全省首位，三是…: each point speaks of the paragraph's subject
        frame.subject, frame.breakdown = r.carry.speaking_of or r.carry.subject, {}
    if not h.regions:
        return
    run = listed(h.tokens, lambda t: t.region is not None and is_partner(r, t) is None) if len(h.regions) > 1 else []
    if run:
        regions = [r.resolve(t.region) for t in run if t.region is not None]
        frame.listed_regions = [x for x in regions if x is not None]  # for a 分别 later, in any case
        group = _counted_group(r, h, run)
        if group is not None:  # 长沙、岳阳、郴州三市进出口3850.1亿元: the three together
            new_subject(frame, group)
        return
    found: Region | None = None
    for token in h.regions:
        if token.region is not None and _is_subject(r, token):
            found = r.resolve(token.region)
            if found is not None:
                break  # the first region named is the subject; later ones qualify words (中国美妆…)
    if found is not None and found != frame.subject:
        new_subject(frame, found)


#: Points of an enumeration (一是…，二是…; 其一…): each a statement of its own about the subject.
_ENUMERATED = re.compile(r"[，,、；;：:\s]*(?:[一二三四五六七八九十]是|其[一二三四五六七八九十])")


def _partner_before(r: Reading, h: Head) -> str | None:
    """The partner right before a figure's parentheses (香港(172246万美元)): the figure is its slice."""
    tokens = r.tokens
    at = next((i for i, t in enumerate(tokens) if h.figure is not None and t.figure is h.figure), None)
    if at is None or at < 2 or tokens[at - 1].punct != "open":
        return None
    before = tokens[at - 2]
    if before.term is not None and before.term.kind == "partner":
        return before.term.name
    return is_partner(r, before) if before.region is not None else None


def _named_before(r: Reading, h: Head) -> Region | None:
    """The region of a figure in parentheses with none of its own: the region right before the
    parentheses (江苏省(43803亿元)和上海市(34010亿元)), else the subject opening its clause
    (中西部地区，四川省首次进入全国前十位(5948亿元))."""
    tokens = r.tokens
    at = next((i for i, t in enumerate(tokens) if h.figure is not None and t.figure is h.figure), None)
    if at is None or at < 2 or tokens[at - 1].punct != "open":
        return None
    before = tokens[at - 2]
    if before.region is not None:
        return r.resolve(before.region) if is_partner(r, before) is None else None
    start = at - 1
    while start > 0 and tokens[start - 1].punct not in ("comma", "semicolon", "stop", "colon"):
        start -= 1
    for token in tokens[start:at - 1]:
        if token.region is not None and _is_subject(r, token):
            return r.resolve(token.region)
    return None


def new_subject(frame: Frame, region: Region) -> None:
    frame.subject = region
    frame.breakdown = {}
    frame.named_here = False


_COUNTED = re.compile(r"^[0-9一二两三四五六七八九十]+(?:个)?(?:省区市|省市区|省市|省区|省份|地市|城市|市|县|区|地|城|省)")


def _counted_group(r: Reading, h: Head, run: list[Token]) -> Region | None:
    """Regions listed, then counted (长沙、岳阳、郴州三市) before a single figure: one group region."""
    at = h.index(run[-1]) + 1
    if h.run != 1 or at >= len(h.tokens) or h.tokens[at].kind != "word":
        return None
    counted = _COUNTED.match(h.tokens[at].text)
    if counted is None:
        return None
    name = r.text[run[0].start:h.tokens[at].start + counted.end()]
    return Region(name, None, SPECIAL)


#: The endings of a group of places named as one (皖江示范区, 皖北六市, 长株潭3市, 成渝城市群).
_GROUP_NAME = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:示范区|经济区|经济带|城市群|都市圈|都市区|一体化区|"
                         r"[0-9一二两三四五六七八九十]+(?:市|地市|城市|县|个城市))$")


@construction("context", 25, reads="the plain words opening a head", fills="frame.subject (a group of places)")
def named_group(r: Reading, h: Head) -> None:
    """Places named as one group (皖江示范区实际利用外资…, 皖北六市…, 长株潭3市进出口…, 11个自贸
    试验区…) are the subject of their figures, a region of their own without a code; they are no slice."""
    if h.tail or not h.tokens:
        return
    first = next((t for t in h.tokens if t.kind != "punct"), None)
    place = None
    if first is not None and first.region is not None and h.index(first) + 1 < len(h.tokens):
        place, first = first, h.tokens[h.index(first) + 1]  # 全国21个自贸试验区
    if first is not None and first.figure is not None:  # 11个自贸试验区新设外资企业…: the eleven together
        at = h.index(first)
        zones = h.tokens[at + 1] if at + 1 < len(h.tokens) else None
        if first.text.endswith("个") and zones is not None and matcher().suffix_re.fullmatch(zones.text):
            named = [t for t in (place, first, zones) if t is not None]
            new_subject(r.frame, Region("".join(t.text for t in named), None, SPECIAL))
            h.drop(*named)
        return
    if first is None or first.kind != "word" or h.regions:
        return
    words = clean_words(first.text)
    if not _GROUP_NAME.match(words):
        return
    new_subject(r.frame, Region(words, None, SPECIAL))
    h.drop(first)
