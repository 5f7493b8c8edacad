"""Whether an article passes on an official release, and whose.

An article counts as an official release when it attributes its figures to a statistical
authority: customs (海关总署, 南京海关), a statistics bureau (国家统计局, 江苏省统计局), a
commerce department (商务部, 商务厅, 商务局) or the foreign-exchange administration, named
with 据…统计, …发布, …数据显示, 记者从…获悉 and the like, in the title or the first
paragraphs. A later official release of a figure revises an earlier one (revisions.py).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

_BODY = (r"(?P<body>[\u4e00-\u9fff]{0,8}?(?:海关总署|海关|统计局|统计厅|商务部|商务厅|商务局|商务委员会|商务委|"
         r"外汇管理局|国家外汇局))")
_ATTRIBUTED = re.compile(
    rf"(?:据|根据|从|经|由){_BODY}"
    rf"|{_BODY.replace('body', 'body2')}(?=[^，。,]{{0,6}}?(?:统计|发布|公布|数据显示|消息|通报|新闻发布会|介绍|获悉))")


def authority(title: str, paragraphs: Sequence[str]) -> str | None:
    """The official body an article attributes its figures to (南京海关), or None."""
    for text in (title, *paragraphs[:3]):
        match = _ATTRIBUTED.search(text)
        if match is not None:
            return _LEAD.sub("", match.group("body") or match.group("body2"))
    return None


#: Words the lazy match may take in front of the body's name (记者从广州海关: 广州海关).
_LEAD = re.compile(r"^(?:[\u4e00-\u9fff]*?(?:记者|今天|昨天|日前|近日))*(?:根据|从|据|由|经|在|向|了)?")
