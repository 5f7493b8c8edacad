"""The bundled sample corpus, scored against its hand-written expectations.

Every sample article is ours; tests/sample_expectations.json lists, in the gold
format of the shared scorer, each fact a careful reader records. This is the
extractor's regression test on documents the project owns.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from tradedash.data import sample_corpus
from tradedash.extract.document import load_document
from tradedash.extract.facts import Fact
from tradedash.extract.reader import extract

EXPECTATIONS = Path(__file__).with_name("sample_expectations.json")


def _figures(fact: Fact) -> list[dict[str, object]]:
    base = {"region": fact.region, "code": fact.region_code, "period": _months(fact.period), "metric": fact.metric}
    out = [{**base, "kind": fact.kind, "value": fact.value, "unit": fact.unit}]
    if fact.yoy_percent is not None:
        out.append({**base, "kind": "growth", "value": fact.yoy_percent, "unit": "percent"})
    if fact.share_percent is not None:
        out.append({**base, "kind": "share", "value": fact.share_percent, "unit": "percent"})
    return out


def _months(period: str | None) -> str:
    return f"{period}-01/{period}-12" if period and len(period) == 4 else str(period)


def _matches(pred: dict[str, object], gold: dict[str, object]) -> bool:
    groups = gold["metric"] if isinstance(gold["metric"][0], list) else [gold["metric"]]  # type: ignore[index]
    label = str(pred["metric"])
    return (pred["kind"] == gold["kind"] and pred["unit"] == gold["unit"]
            and pred["value"] == Decimal(str(gold["value"]))
            and (pred["code"] == gold.get("region_code") if gold.get("region_code") else pred["region"] == gold["region"])
            and pred["period"] == _months(str(gold["period"]))
            and any(all(w in label for w in group) for group in groups)
            and not any(w in label for w in gold.get("metric_exclude", [])))  # type: ignore[union-attr]


def test_sample_corpus_extracts_as_expected() -> None:
    expectations = json.loads(EXPECTATIONS.read_text(encoding="utf-8"))
    folder = sample_corpus()
    names = {Path(e["document"]).name for e in expectations}
    assert names == {p.name for p in folder.iterdir() if p.name.endswith(".md")}, "every sample file has expectations"
    tp = fp = fn = 0
    misses: list[str] = []
    for expected in expectations:
        document = load_document(str(folder.joinpath(Path(expected["document"]).name)))
        predicted = [figure for fact in extract(document) for figure in _figures(fact)]
        golds = list(expected["facts"])
        neutral = {(n["unit"], Decimal(str(n["value"]))) for n in expected.get("neutral", [])}
        for pred in predicted:
            hit = next((g for g in golds if _matches(pred, g)), None)
            if hit is not None:
                golds.remove(hit)
                tp += 1
            elif (pred["unit"], pred["value"]) not in neutral:
                fp += 1
                misses.append(f"wrong {document.source}: {pred}")
        fn += len(golds)
        misses.extend(f"missed {document.source}: {g}" for g in golds)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert tp > 350
    assert precision >= 0.98 and recall >= 0.98, "\n".join(misses)
