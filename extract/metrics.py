"""Metric taxonomy: a label as the article wrote it -> a taxonomy id from data/metrics.toml.

Only a headline label gets an id. The label itself keeps every breakdown word
(对东盟, 民营企业, 机电产品, 一般贸易), and a label with one gets no id, so a
breakdown is never mistaken for the total it is part of.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from ..data import data_file

# Words that do not change what is measured: where, how it was phrased, "cumulative".
_FILLER = re.compile(
    r"^(?:全国|全省|全市|全区|全县|我国|我省|我市|我区|本市|本省|该省|该市|累计|共计|合计|总计|实现|完成|"
    r"其中|同期|当月|单月|全年|今年|上半年|一季度|前三季度)+|(?:累计|共计|合计|总计|实现|完成|达到|达|为|约|共|是)+$"
)


@dataclass(frozen=True)
class Metric:
    id: str
    name: str
    labels: frozenset[str]


@cache
def taxonomy() -> dict[str, Metric]:
    with data_file("metrics.toml").open("rb") as handle:
        raw = tomllib.load(handle)
    return {key: Metric(key, value["name"], frozenset(value["labels"])) for key, value in raw.items()}


@cache
def _label_index() -> dict[str, str]:
    return {label: metric.id for metric in taxonomy().values() for label in metric.labels}


def core_label(label: str) -> str:
    """The label without filler words: 我省累计外贸进出口总值 -> 外贸进出口总值."""
    previous = None
    while previous != label:
        previous, label = label, _FILLER.sub("", label)
    return label


def metric_id(label: str) -> str | None:
    """The taxonomy id of a headline label, None for breakdowns and unknown labels."""
    return _label_index().get(core_label(label))
