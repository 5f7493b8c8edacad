"""The detail pane: the selected row's series (sparkline and table) and its source paragraphs.

The app hands down a row and the sources it looked up; this pane only draws them.
Every string from an article goes through tui.text, so markup in a title stays text.
"""
from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Sparkline, Static

from ..extract.amounts import AmountUnit, amount_in
from ..extract.checks import IDENTITIES, CheckWarning
from ..extract.derived import DERIVED_LABEL
from ..extract.render import fact_value, percent_text, signed_percent
from ..extract.series import Row, as_fact
from ..extract.series_load import Source
from .bindings import bindings
from .text import count, highlighted, one_line, safe


class DetailScroll(VerticalScroll, can_focus=True):
    """A focusable half of the detail pane, scrolled with j/k; h goes back to the table."""

    BINDINGS = bindings("detail")

    class BackPressed(Message):
        pass

    def action_back_to_table(self) -> None:
        self.post_message(self.BackPressed())


class DetailPane(Horizontal):
    def compose(self) -> ComposeResult:
        with DetailScroll(id="series-pane"):
            yield Static(id="series-title")
            yield Sparkline([], id="series-spark")
            yield Static(id="series-points")
        with DetailScroll(id="sources-pane"):
            yield Static(id="sources-body")

    def on_mount(self) -> None:
        self.query_one("#series-pane").border_title = "series"
        self.query_one("#sources-pane").border_title = "source"

    def show(self, row: Row | None, sources: Sequence[Source], warnings: Sequence[CheckWarning] = (),
             unit: AmountUnit | None = None, *, loading: bool = False) -> None:
        """``loading``: the sources are still being read (in a worker); the pane says so."""
        title = self.query_one("#series-title", Static)
        spark = self.query_one("#series-spark", Sparkline)
        points = self.query_one("#series-points", Static)
        body = self.query_one("#sources-body", Static)
        if row is None:
            title.update(Text("No row selected.", style="dim"))
            spark.data = []
            spark.display = False
            points.update("")
            body.update("")
            return
        title.update(series_title(row))
        values = [float(p.main.value) for p in row.series.points if p.main.value is not None]
        spark.data = values
        spark.display = len(values) >= 2  # one bar says nothing and fills the pane
        points.update(points_table(row, unit))
        body.update(sources_text(row, sources, warnings, unit, loading=loading))
        self.query_one("#series-pane", DetailScroll).scroll_home(animate=False)
        self.query_one("#sources-pane", DetailScroll).scroll_home(animate=False)


def series_title(row: Row) -> Text:
    series = row.series
    key = series.key
    text = one_line(key.region or "无地区", style="bold")
    text.append(" · ")
    text.append_text(one_line(key.label, style="bold"))
    facts = [key.unit] + ([key.kind] if key.kind != "amount" else [])
    facts += [series.shape_label, count(len(series.points), "period"), count(series.sources, "source")]
    if series.document is not None:
        facts.append(f"《{one_line(series.document).plain}》")  # article text: cleaned, one line
    text.append("\n" + " · ".join(facts), style="dim")
    return text



def points_table(row: Row, unit: AmountUnit | None = None) -> Table:
    table = Table(box=None, padding=(0, 1, 0, 0), show_edge=False, expand=False, header_style="bold")
    columns = (("", "left"), ("时期", "left"), ("数值", "right"), ("同比", "right"), ("占比", "right"),
               ("来源", "right"))
    for name, justify in columns:
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    series = row.series
    for i, point in enumerate(series.points):
        current = i == row.at
        for j, figure in enumerate(point.figures):
            fact = as_fact(series, point, figure)
            table.add_row(
                Text("▶" if current and j == 0 else ("↺" if point.revised else "≠") if j else " ", style="bold"),
                Text(point.label if j == 0 else ""),
                one_line(amount_in(figure.value, fact.unit, point.period, unit, fact_value(fact)).text),
                Text(signed_percent(figure.yoy_percent)),
                Text(percent_text(figure.share_percent) if figure.share_percent is not None else ""),
                Text(str(figure.sources)),
                style="bold" if current else "",
            )
    return table


def unit_note(row: Row, unit: AmountUnit | None) -> Text | None:
    """What the chosen unit did to the row's figure: the rate, its year and source, or why none."""
    main, key = row.point.main, row.series.key
    if unit is None or key.kind != "amount":
        return None
    amount = amount_in(main.value, key.unit, row.point.period, unit, main.figure)
    if amount.rate is not None:
        rate = amount.rate
        return safe(f"{amount.text}: {main.figure} converted at {rate.rate} {rate.quote} per {rate.base}, "
                    f"the {rate.year} annual average ({rate.source}; data/rates.csv). Published dollar totals "
                    "are sums of monthly conversions and may differ.\n", style="cyan")
    if amount.note:
        return safe(f"{main.figure}: {amount.note}.\n", style="yellow")
    return None


def sources_text(row: Row, sources: Sequence[Source], warnings: Sequence[CheckWarning] = (),
                 unit: AmountUnit | None = None, *, loading: bool = False) -> Group:
    point = row.point
    parts: list[Text] = []
    if (note := unit_note(row, unit)) is not None:
        parts.append(note)
    for warning in warnings:  # what breaks an identity, with every figure involved and its quote
        parts.append(Text(f"⚠ {warning.identity}: {IDENTITIES[warning.identity]}\n", style="bold red"))
        parts.append(safe(warning.message + (f" (the printed figures allow ±{warning.allowed})" if warning.allowed else "")))
        for fact in warning.facts:
            quote = fact.fact.quotes[0].quote if fact.fact.quotes else ""
            parts.append(safe(f"  · {fact.fact.metric} {fact.fact.figure} · {fact.document.title} · “{quote}”",
                              style="dim"))
        parts.append(Text(""))
    if row.series.key.shape.startswith("derived:"):
        parts.append(Text(f"{DERIVED_LABEL}: the later cumulative figure below minus the earlier one; "
                          "no article states it.\n",
                          style="bold cyan"))
    if point.conflict:
        parts.append(Text(f"{len(point.figures)} figures differ for {point.label}; each with its source:\n",
                          style="bold yellow"))
    elif point.revised:
        current, *superseded = point.figures
        parts.append(Text(f"Revised: the later official release ({current.official}) gives {current.figure}, "
                          f"which supersedes {'、'.join(f.figure for f in superseded)}. Each with its source:\n",
                          style="bold yellow"))
    if loading:
        parts.append(Text("reading the sources…", style="dim italic"))
    for source in sources:
        doc = source.fact.document
        head = safe(doc.title, style="bold")
        head.append(f"（{doc.date_note}）", style="bold")
        head.append("\n")
        head.append_text(safe(doc.path, style="dim"))
        parts.append(head)
        parts.append(highlighted(source.paragraph, source.span, "bold reverse"))
        parts.append(Text(""))
    return Group(*parts)
