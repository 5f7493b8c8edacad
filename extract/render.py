"""Renderers: facts as JSON, CSV and GitHub-flavoured Markdown.

The Markdown table is the one the dashboard copies and ``tradedash facts
--format md`` prints: one function, so the two are byte-identical. Everything
from a document is sanitised (control characters stripped, pipes and newlines
escaped) so it cannot change what a terminal or a clipboard does.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .amounts import AmountUnit, amount_in, grouped
from .clean import clean_text, inert, spreadsheet_cell
from .derived import DERIVED_LABEL, Derived
from .facts import Fact
from .periods import safe_period_label
from .store import StoredFact
from .units import decimal_text

if TYPE_CHECKING:
    from .document import Document

_ARABIC = re.compile(r"\d[\d,，]*(?:\.\d+)?")
_UNIT_SUFFIX = {"CNY": "元", "USD": "美元", "EUR": "欧元", "HKD": "港元", "JPY": "日元", "count": "", "percent": "%"}


# -- values ------------------------------------------------------------------


def published_value(fact: Fact) -> str:
    """The value as the article printed it, with thousands separators: ``10,246.0亿元``."""
    figure = clean_text(fact.figure)
    match = _ARABIC.search(figure)
    if match:
        number = match.group().replace(",", "").replace("，", "")
        whole, _, frac = number.partition(".")
        grouped = f"{int(whole):,}" + (f".{frac}" if frac else "")
        return figure[: match.start()] + grouped + figure[match.end():]
    if figure:
        return figure
    return scaled_value(fact.value, fact.unit)


def scaled_value(value: Decimal | None, unit: str) -> str:
    """A value in the unit Chinese statistics print it in: 1024600000000 CNY -> 10,246亿元."""
    if value is None:
        return ""
    if unit in ("percent", "percentage_point"):
        return decimal_text(value) + ("%" if unit == "percent" else "个百分点")
    suffix = _UNIT_SUFFIX.get(unit, f" {unit}")
    if unit in ("CNY", "USD", "EUR", "HKD", "JPY"):
        for size, word in ((Decimal("1e12"), "万亿"), (Decimal("1e8"), "亿"), (Decimal("1e4"), "万")):
            if abs(value) >= size:
                return f"{_group(value / size)}{word}{suffix}"
    return f"{_group(value)}{suffix}"


def _group(value: Decimal) -> str:
    whole, _, frac = grouped(Decimal(decimal_text(value))).partition(".")
    return whole + (f".{frac[:4]}" if frac else "")


def signed_percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = decimal_text(value)
    return f"{'+' if value > 0 else ''}{text}%"


def fact_value(fact: Fact) -> str:
    """The main figure of a fact for a table cell: growth signed, others as published."""
    if fact.kind == "growth":
        return signed_percent(fact.value)
    return published_value(fact)


def shown_value(fact: Fact, unit: AmountUnit | None) -> str:
    """``fact_value`` in the unit the user chose (amounts.py): ≈ marks a currency conversion."""
    text = amount_in(fact.value, fact.unit, fact.period, unit, fact_value(fact)).text
    if fact.figure.startswith(DERIVED_LABEL) and not text.startswith(DERIVED_LABEL):  # converted: still 推算
        text = f"{DERIVED_LABEL} {text}"
    return text


def shown_json(fact: Fact, unit: AmountUnit) -> dict[str, Any]:
    """The amount in the chosen unit for JSON and CSV, with the rate when one was used."""
    amount = amount_in(fact.value, fact.unit, fact.period, unit, fact_value(fact))
    rate = amount.rate
    return {"text": amount.text, "value": amount.value, "unit": unit.label if amount.value is not None else None,
            "rate": None if rate is None else {"rate": rate.rate, "year": rate.year, "base": rate.base,
                                               "quote": rate.quote, "source": rate.source},
            "note": amount.note or None}


def percent_text(value: Decimal) -> str:
    """A share as printed: 51.6%."""
    return f"{decimal_text(value)}%"


def share_text(fact: Fact) -> str:
    if fact.share_percent is None:
        return ""
    return percent_text(fact.share_percent) + (f"（{clean_text(fact.share_of)}）" if fact.share_of else "")


# -- JSON --------------------------------------------------------------------


def dumps_json(obj: Any, indent: int | None = 2) -> str:
    """JSON with Decimals written as exact numbers (the standard encoder would turn them into floats or fail)."""
    return "".join(_encode(obj, indent, 0)) + "\n"


def _encode(obj: Any, indent: int | None, level: int) -> Iterable[str]:
    if isinstance(obj, Decimal):
        yield decimal_text(obj)
    elif isinstance(obj, str):  # text of documents: no C1 or bidi control reaches a terminal
        yield json.dumps(inert(obj), ensure_ascii=False)
    elif obj is None or isinstance(obj, (bool, int, float)):
        yield json.dumps(obj, ensure_ascii=False)
    elif isinstance(obj, dict):
        if not obj:
            yield "{}"
            return
        pad, inner = _pads(indent, level)
        yield "{"
        for i, (key, value) in enumerate(obj.items()):
            yield ("," if i else "") + inner + json.dumps(inert(str(key)), ensure_ascii=False) + ": "
            yield from _encode(value, indent, level + 1)
        yield pad + "}"
    elif isinstance(obj, (list, tuple)):
        if not obj:
            yield "[]"
            return
        pad, inner = _pads(indent, level)
        yield "["
        for i, value in enumerate(obj):
            yield ("," if i else "") + inner
            yield from _encode(value, indent, level + 1)
        yield pad + "]"
    else:
        raise TypeError(f"cannot encode {type(obj).__name__} as JSON")


def _pads(indent: int | None, level: int) -> tuple[str, str]:
    if indent is None:
        return "", ""
    return "\n" + " " * (indent * level), "\n" + " " * (indent * (level + 1))


def document_json(document: Document, facts: Sequence[Fact]) -> dict[str, Any]:
    return {
        "source": document.source,
        "title": document.title,
        "date": document.date.isoformat() if document.date else None,
        "date_source": document.date_source,
        "warnings": list(document.warnings),
        "facts": [fact.to_dict() for fact in facts],
    }


def stored_fact_json(row: StoredFact) -> dict[str, Any]:
    data = {"id": row.id, **row.fact.to_dict()}
    data["document"] = {"path": row.document.path, "title": row.document.title, "date": row.document.date}
    return data


def derived_json(figure: Derived) -> dict[str, Any]:
    """A derived figure in the facts' shape: no quote of its own, ``derived_from`` its two facts."""
    data = figure.template.fact.to_dict()
    data.update(period=figure.period, value=figure.value, qualifier="derived", figure=DERIVED_LABEL,
                yoy_percent=None, share_percent=None, share_of=None, quote=None, paragraph=None, span=None,
                quotes=[], derived_from=list(figure.derived_from))
    return data


def facts_json(rows: Sequence[StoredFact], derived: Sequence[Derived] = (), unit: AmountUnit | None = None) -> str:
    """The facts (and derived figures); with ``unit``, each also as ``shown`` in that unit."""
    out = [stored_fact_json(row) for row in rows] + [derived_json(d) for d in derived]
    if unit is not None:
        facts = [row.fact for row in rows] + [replace(d.template.fact, value=d.value, period=d.period) for d in derived]
        for data, fact in zip(out, facts, strict=True):
            data["shown"] = shown_json(fact, unit)
    return dumps_json({"facts": out})


# -- CSV ---------------------------------------------------------------------

CSV_COLUMNS = (
    "region", "region_code", "period", "metric", "metric_id", "measure", "breakdown", "kind", "value", "unit",
    "qualifier",
    "yoy_percent", "share_percent", "share_of", "figure", "quote", "document_title", "document_date", "document_path",
)


def facts_csv(rows: Sequence[StoredFact], unit: AmountUnit | None = None) -> str:
    """One line per fact; with ``unit``, three more columns: the value in that unit, the unit, the rate."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    extra = ("shown_value", "shown_unit", "rate") if unit is not None else ()
    writer.writerow(CSV_COLUMNS + extra)
    for row in rows:
        data = row.fact.to_dict()
        data.update(document_title=row.document.title, document_date=row.document.date, document_path=row.document.path)
        if unit is not None:
            shown = shown_json(row.fact, unit)
            data.update(shown_value=shown["value"], shown_unit=shown["unit"],
                        rate=shown["rate"] and f"{shown['rate']['rate']} ({shown['rate']['year']})")
        writer.writerow(_csv_cell(data[column]) for column in CSV_COLUMNS + extra)
    return out.getvalue()


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dict):  # a breakdown: JSON, so the cell reads back as the same mapping
        return clean_text(json.dumps(value, ensure_ascii=False, sort_keys=True)) if value else ""
    return spreadsheet_cell(clean_text(str(value)))


# -- Markdown ----------------------------------------------------------------

MD_HEADER = ("地区", "指标", "时期", "数值", "同比", "占比", "来源")


def md_cell(text: str) -> str:
    """A GFM table cell: pipes and newlines escaped, control characters gone."""
    text = clean_text(text).replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(part.strip() for part in text.split("\n")).strip()


def period_text(fact: Fact) -> str:
    """The period as every table says it (the dashboard, a copy, ``facts --format md``):
    2022年1-7月; 2022年7月 推算 for a derived figure; empty for none."""
    if not fact.period:
        return ""
    return safe_period_label(fact.period) + (f" {DERIVED_LABEL}" if fact.figure.startswith(DERIVED_LABEL) else "")


def markdown_row(row: StoredFact, unit: AmountUnit | None = None) -> tuple[str, ...]:
    fact = row.fact
    source = row.document.title + (f"（{row.document.date}）" if row.document.date else "")
    return (
        fact.region or "",
        fact.metric,
        period_text(fact),
        shown_value(fact, unit),
        signed_percent(fact.yoy_percent),
        share_text(fact),
        source,
    )


def markdown_table(rows: Sequence[StoredFact], unit: AmountUnit | None = None) -> str:
    lines = ["| " + " | ".join(MD_HEADER) + " |", "|" + "---|" * len(MD_HEADER)]
    for row in rows:
        lines.append("| " + " | ".join(md_cell(cell) for cell in markdown_row(row, unit)) + " |")
    return "\n".join(lines) + "\n"


def tsv_table(rows: Sequence[StoredFact], unit: AmountUnit | None = None) -> str:
    """Tab-separated values for pasting into a spreadsheet."""
    return tsv_text(MD_HEADER, [markdown_row(row, unit) for row in rows])


def tsv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A header line and a line per row, each cell on one line, cleaned and spreadsheet-safe
    (a leading = or + never becomes a formula)."""
    lines = ["\t".join(header)]
    lines += ["\t".join(spreadsheet_cell(" ".join(clean_text(cell).split())) for cell in row) for row in rows]
    return "\n".join(lines) + "\n"
