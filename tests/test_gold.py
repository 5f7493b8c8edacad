"""The extractor against the hand-annotated gold, scored by the scorer's own matching.

``../shared/gold/dev`` (the shared dev gold), ``tests/gold/more`` (20 articles of
``corpus/more`` annotated blind by helpers before the extractor was rebuilt), and
``tests/gold/blind``, ``dev2`` and ``dev3`` (annotated blind later, scored once, then
developed on) must not fall below what the extractor reaches today. The scorer (``../shared/tools/score_facts.py``) is
imported, not copied: its ``flatten``, ``score``, ``tuple_match`` and headline rule decide.
Extraction runs in this process on the same JSON the ``extract`` command prints.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from tradedash.extract.document import load_document
from tradedash.extract.reader import extract
from tradedash.extract.render import document_json, dumps_json

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_facts.py"

# (gold folder, tuple F1 at least, headline precision at least)
THRESHOLDS = [
    (SHARED / "gold" / "dev", 0.97, 1.0),
    (ROOT / "tests" / "gold" / "more", 0.96, 1.0),
    (ROOT / "tests" / "gold" / "blind", 0.93, 1.0),
    (ROOT / "tests" / "gold" / "dev2", 0.91, 0.96),
    (ROOT / "tests" / "gold" / "dev3", 0.92, 0.98),
]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_facts", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _predictions(scorer: ModuleType, document: Path) -> list[dict]:
    """What the scorer's run_extractor reads from ``tradedash extract --format json``, made here."""
    loaded = load_document(document)
    data = json.loads(dumps_json({"documents": [document_json(loaded, extract(loaded))]}))
    return [figure for doc in data["documents"] for fact in doc["facts"] for figure in scorer.flatten(fact)]


def _score(folder: Path) -> tuple[float, float, list[str]]:
    scorer = _scorer()
    totals = {"tp": 0, "fp": 0, "fn": 0}
    right = wrong = 0
    misses: list[str] = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        preds = _predictions(scorer, (gold_path.parent / gold["document"]).resolve())
        neutral = gold.get("neutral", [])
        result = scorer.score(gold["facts"], preds, neutral, scorer.tuple_match)
        for key in totals:
            totals[key] += result[key]
        misses += [f"{gold_path.name}: missed {g}" for g in result["misses"]]
        for pred in preds:
            if not pred.get("metric_id"):
                continue
            if any(scorer.tuple_match(pred, g) for g in gold["facts"]):
                right += 1
            elif not any(scorer.norm_unit(pred["unit"]) == scorer.norm_unit(n["unit"])
                         and scorer.same_value(pred["value"], n["value"]) for n in neutral):
                wrong += 1
                misses.append(f"{gold_path.name}: headline wrong {pred}")
    _, _, f1 = scorer.prf(totals["tp"], totals["fp"], totals["fn"])
    headline = right / (right + wrong) if right + wrong else 0.0
    return f1, headline, misses


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared (the scorer and the dev gold) is not beside the project")
@pytest.mark.parametrize(("folder", "tuple_f1", "headline"), THRESHOLDS, ids=["dev", "more", "blind", "dev2", "dev3"])
def test_gold_does_not_regress(folder: Path, tuple_f1: float, headline: float) -> None:
    assert list(folder.glob("*.gold.json")), folder
    f1, precision, misses = _score(folder)
    assert f1 >= tuple_f1 and precision >= headline, (round(f1, 4), round(precision, 4), misses[:20])
