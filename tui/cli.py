"""The ``tradedash`` command: the dashboard by default, and ingest / facts / check / extract /
docs / remove verbs.

Exit status: 0 when everything worked, 1 when some files failed, nothing was found to work on
or the store cannot be used, 2 for bad usage (argparse's own convention). ``--db`` goes before
or after the verb. Tables go to a terminal as Rich tables and to a pipe or file as
tab-separated values, so nothing is cut to the terminal's width.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from ..extract.amounts import UNITS, AmountUnit, unit_named
from ..extract.clean import clean_text, shown
from ..extract.document import DocumentError, load_document
from ..extract.filters import PeriodFilter, parse_period_filter
from ..extract.ingest import DEFAULT_MAX_BYTES, Failure, IngestSummary, ingest_files, list_files
from ..extract.reader import extract, warm
from ..extract.render import (
    MD_HEADER,
    document_json,
    dumps_json,
    facts_csv,
    facts_json,
    markdown_row,
    markdown_table,
    tsv_text,
)
from ..extract.store import DocumentInfo, Store, StoredFact, StoreError, default_db_path
from ..extract.workers import DEFAULT_TIMEOUT
from .text import count


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tradedash",
        description="Regional trade statistics from news articles: a terminal dashboard and its store.",
    )
    db_help = "SQLite store (default: $TRADEDASH_DB or the user data directory)"
    parser.add_argument("--db", type=Path, help=db_help)
    parser.add_argument("--region", help="dashboard: show only this region and its sub-regions")
    parser.add_argument("--period", help="dashboard: a year (2022), a month range (1-7月) or 'latest'")
    # --db after the verb too (`tradedash ingest --db X dir`): SUPPRESS leaves one given before alone.
    # --region and --period after `facts` and `check` are their own filters (dests f_region, f_period).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=db_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_ingest = sub.add_parser("ingest", parents=[common],
                              help="read articles (files or folders, recursive) into the store")
    p_ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p_ingest.add_argument("--jobs", "-j", type=_jobs, default=1,
                          help="extraction processes (default 1; at most the CPU count and the number of files)")
    p_ingest.add_argument("--max-size", type=_megabytes, default=_default_max_mb(), metavar="MB",
                          help="refuse articles larger than this (default 20, or $TRADEDASH_MAX_MB)")
    p_ingest.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="S",
                          help=f"stop an article that takes longer than this (default {DEFAULT_TIMEOUT:g} s)")

    p_facts = sub.add_parser("facts", parents=[common], help="print facts from the store")
    p_facts.add_argument("--region", dest="f_region", help="region contains this text")
    p_facts.add_argument("--period", dest="f_period",
                         help="a year (2022), a month range (1-7月, 2022年1-7月, 一季度) or an ISO period")
    p_facts.add_argument("--metric", dest="f_metric", help="metric label contains this text")
    p_facts.add_argument("--format", choices=("table", "md", "csv", "json"), default="table")
    p_facts.add_argument("--unit", choices=[u.label for u in UNITS],
                         help="amounts in this unit (亿美元 and 亿元 convert at the year's average rate, marked ≈)")

    p_check = sub.add_parser("check", parents=[common],
                             help="check the stored figures against the identities statistics obey")
    p_check.add_argument("--region", dest="f_region", help="warnings about a region containing this text")
    p_check.add_argument("--period", dest="f_period", help="warnings about this period (as for `facts`)")
    p_check.add_argument("--metric", dest="f_metric", help="warnings about a metric containing this text")
    p_check.add_argument("--format", choices=("text", "json"), default="text")

    p_extract = sub.add_parser("extract", parents=[common],
                               help="print the facts of articles without touching the store")
    p_extract.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p_extract.add_argument("--format", choices=("json", "table", "md"), default="json")
    p_extract.add_argument("--max-size", type=_megabytes, default=_default_max_mb(), metavar="MB",
                           help="refuse articles larger than this (default 20, or $TRADEDASH_MAX_MB)")

    p_docs = sub.add_parser("docs", parents=[common], help="list the stored documents, by date then path")
    p_docs.add_argument("--format", choices=("table", "json"), default="table")

    p_remove = sub.add_parser("remove", parents=[common],
                              help="delete documents (a stored path, or every one under a folder) and their facts")
    p_remove.add_argument("paths", nargs="+", metavar="PATH")
    return parser


def _jobs(text: str) -> int:
    """1 to the number of CPUs; more is capped with a note, nonsense refused."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {shown(text)!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _capped(jobs: int, err: Console) -> int:
    """At most one process per CPU: more only compete for the same cores (and memory)."""
    cpus = os.cpu_count() or 1
    if jobs > cpus:
        err.print(Text(f"tradedash: --jobs {jobs}: using {cpus}, the number of CPUs", style="yellow"), soft_wrap=True)
        return cpus
    return jobs


def _megabytes(text: str) -> int:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {shown(text)!r}") from None
    if not 0 < value <= 4096:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 4096 (MB)")
    return int(value * 2**20)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {shown(text)!r}") from None
    if not 0 < value <= 86400:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 86400 (s)")
    return value


def _default_max_mb() -> int:
    """TRADEDASH_MAX_MB, if it is a sensible number of megabytes, else 20 MB."""
    try:
        return _megabytes(os.environ.get("TRADEDASH_MAX_MB", "20"))
    except argparse.ArgumentTypeError:
        return DEFAULT_MAX_BYTES


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command and (args.region or args.period):
        parser.error("--region and --period before a command filter the dashboard; "
                     "put them after `facts` to filter printed facts")
    filters = ""
    if args.command in ("facts", "check"):  # as typed, to say which filters matched nothing
        filters = " ".join(f"{flag} {shown(value)}" for flag, value in (
            ("--region", args.f_region), ("--period", args.f_period), ("--metric", args.f_metric)) if value)
    if args.command in ("facts", "check") and args.f_period:
        try:
            args.f_period = parse_period_filter(args.f_period)
        except ValueError as exc:
            parser.error(f"--period: {exc}")
        if args.f_period.kind == "latest":
            parser.error("--period latest is a dashboard view; `facts` takes a year or a month range")
    db = args.db or default_db_path()
    err = Console(stderr=True, highlight=False)
    try:
        if args.command == "ingest":
            return cmd_ingest(db, args.paths, _capped(args.jobs, err), err, max_bytes=args.max_size,
                              timeout=args.timeout)
        if args.command == "facts":
            return cmd_facts(db, args.f_region, args.f_period, args.f_metric, args.format, err, filters,
                             unit_named(args.unit) if args.unit else None)
        if args.command == "extract":
            return cmd_extract(args.files, args.format, err, max_bytes=args.max_size)
        if args.command == "check":
            return cmd_check(db, args.f_region, args.f_period, args.f_metric, args.format)
        if args.command == "docs":
            return cmd_docs(db, args.format, err)
        if args.command == "remove":
            return cmd_remove(db, args.paths, err)
        from .app import run_dashboard  # Textual loads only for the dashboard

        return run_dashboard(db, region=args.region, period=args.period)
    except StoreError as exc:
        err.print(Text(f"tradedash: {clean_text(str(exc))}", style="red"), soft_wrap=True)
        return 1
    except KeyboardInterrupt:
        err.print(Text("tradedash: interrupted; every document saved so far is kept", style="yellow"))
        return 130
    except BrokenPipeError:  # `tradedash facts | head`: the reader left
        return 0


def cmd_ingest(db: Path, paths: Sequence[Path], jobs: int, err: Console, *, max_bytes: int = DEFAULT_MAX_BYTES,
               timeout: float = DEFAULT_TIMEOUT) -> int:
    files, failures, skipped = list_files(paths)
    if not files:  # said before the store is opened: a mistyped folder leaves no empty store behind
        print_reasons(err, (("failed", failures, "red"), ("skipped", skipped, "yellow")))
        err.print(Text(f"tradedash: no articles found in {', '.join(shown(p) for p in paths)}", style="red"),
                  soft_wrap=True)
        return 1
    warm()  # before the workers fork: they share the caches
    with Store(db) as store:
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task("ingesting", total=None)

            def tick(done: int, total: int, path: str) -> None:
                progress.update(task, completed=done, total=total)

            summary = ingest_files(store, files, failures, jobs=jobs, progress=tick, workers=True, timeout=timeout,
                                   max_bytes=max_bytes)
            summary.skipped.extend(skipped)
        documents, facts = store.counts()
    print_summary(summary, db, documents, facts, err)
    return 1 if summary.failures or summary.skipped else 0


def print_summary(summary: IngestSummary, db: Path, documents: int, facts: int, err: Console) -> None:
    out = Console(highlight=False)
    out.print(
        Text(
            f"{summary.new} new, {summary.unchanged} unchanged, {summary.replaced} replaced, "
            f"{summary.failed} failed, {len(summary.skipped)} skipped; {count(summary.facts, 'fact')} stored "
            f"by this run. Store {shown(db)}: {count(documents, 'document')}, {count(facts, 'fact')}."
        ),
        soft_wrap=True,
    )
    print_reasons(err, (("failed", summary.failures, "red"), ("skipped", summary.skipped, "yellow"),
                        ("stored with a warning", summary.warned, "yellow")))


def print_reasons(err: Console, groups: Iterable[tuple[str, Sequence[Failure], str]]) -> None:
    """Each group's count, then each file with its reason (escaped: names and reasons are data)."""
    for label, items, style in groups:
        if items:
            err.print(Text(f"{label}: {len(items)}", style=style))
        for item in items:
            err.print(Text(f"  {shown(item.path)}: {clean_text(item.reason)}", style=style), soft_wrap=True)



def cmd_facts(db: Path, region: str | None, period: PeriodFilter | None, metric: str | None, fmt: str,
              err: Console, filters: str = "", unit: AmountUnit | None = None) -> int:
    """The stored facts the filters select. No fact selected is no error (exit 0, the format's
    empty output on stdout), but stderr says why: nothing matches the filters, or nothing is stored."""
    with Store(db, readonly=True) as store:
        rows = store.facts(region=region, metric=metric)
        everything = store.facts() if fmt == "json" else []
    if period is not None:
        rows = [row for row in rows if period.matches(row.fact.period)]
    if not rows:
        why = f"no facts match {filters}" if filters else f"no facts in the store {shown(db)}"
        err.print(Text(f"tradedash: {why}", style="yellow"), soft_wrap=True)
    if fmt == "json":  # with the months and quarters derived from cumulative figures, marked as such
        from ..extract.derived import derive

        derived = [d for d in derive(everything) if _selected(d.template, region, None, metric)
                   and (period is None or period.matches(d.period))]
        sys.stdout.write(facts_json(rows, derived, unit))
        return 0
    write_rows(rows, fmt, unit)
    return 0


DOCS_HEADER = ("date", "inferred", "facts", "authority", "title", "path")
"""``tradedash docs --format table``: an inferred date says where it came from (from url)."""


def cmd_docs(db: Path, fmt: str, err: Console) -> int:
    """Every stored document: path, title, date and whether it was inferred, facts, authority."""
    with Store(db, readonly=True) as store:
        rows = store.documents()
    if not rows:
        err.print(Text(f"tradedash: no documents in the store {shown(db)}", style="yellow"), soft_wrap=True)
    if fmt == "json":
        sys.stdout.write(dumps_json({"documents": [
            {"path": r.path, "title": r.title, "date": r.date, "date_source": r.date_source,
             "date_inferred": r.date_inferred, "facts": r.facts, "authority": r.authority} for r in rows]}))
        return 0
    write_table(DOCS_HEADER, [(r.date or "", f"from {r.date_source or ''}".replace("_", " ") if r.date_inferred else "",
                               str(r.facts), r.authority or "", r.title, r.path) for r in rows])
    return 0


def cmd_remove(db: Path, paths: Sequence[str], err: Console) -> int:
    """Delete documents and their facts (one transaction); exit 1 when a path matched nothing.
    The store must exist: removing from a store that is not there would create an empty one."""
    with Store(db, create=False) as store:
        summary = store.remove_documents(paths)
    for path in summary.unmatched:
        err.print(Text(f"tradedash: {path}: no stored document at this path or under it (see `tradedash docs`)",
                       style="red"), soft_wrap=True)
    out = Console(highlight=False)
    for path in summary.documents:
        out.print(Text(f"  {path}"), soft_wrap=True)
    out.print(Text(f"removed {count(len(summary.documents), 'document')} ({count(summary.facts, 'fact')}) "
                   f"from {shown(db)}"), soft_wrap=True)
    return 1 if summary.unmatched else 0


def cmd_check(db: Path, region: str | None, period: PeriodFilter | None, metric: str | None, fmt: str) -> int:
    """Every warning about the facts the filters select (the other facts still count as wholes
    and last year's levels); exit 1 when there is one."""
    from ..extract.check_report import check_json, check_text
    from ..extract.check_run import run_checks

    with Store(db, readonly=True) as store:
        found = run_checks(store)
    warnings = [w for w in found.warnings if any(_selected(row, region, period, metric) for row in w.facts)]
    sys.stdout.write(check_json(warnings) if fmt == "json" else check_text(warnings))
    return 1 if warnings else 0


def _selected(row: StoredFact, region: str | None, period: PeriodFilter | None, metric: str | None) -> bool:
    fact = row.fact
    return ((not region or region in (fact.region or "")) and (not metric or metric in fact.metric)
            and (period is None or period.matches(fact.period)))


def write_rows(rows: Sequence[StoredFact], fmt: str, unit: AmountUnit | None = None) -> None:
    if fmt == "json":
        sys.stdout.write(facts_json(rows, unit=unit))
    elif fmt == "csv":
        sys.stdout.write(facts_csv(rows, unit))
    elif fmt == "md":
        sys.stdout.write(markdown_table(rows, unit))
    else:
        write_table(MD_HEADER, [markdown_row(row, unit) for row in rows])


def write_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A Rich table on a terminal. In a pipe or a file, tab-separated values instead (a header
    line, a line per row, cells cleaned and spreadsheet-safe as the dashboard's TSV copy): a Rich
    table there would be cut to 80 columns, with its cells ellipsised."""
    if not sys.stdout.isatty():
        sys.stdout.write(tsv_text(header, rows))
        return
    table = Table(*header, show_lines=False)
    for row in rows:
        table.add_row(*(Text(clean_text(cell)) for cell in row))  # Text: article text is never Rich markup
    Console(highlight=False).print(table)


def cmd_extract(files: Sequence[Path], fmt: str, err: Console, *, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    documents = []
    rows: list[StoredFact] = []
    failed = 0
    if len(files) > 1:
        warm()
    for path in files:
        try:
            document = load_document(path, max_bytes=max_bytes)
        except DocumentError as exc:
            err.print(Text(f"tradedash: {shown(exc.source)}: {clean_text(exc.reason)}", style="red"), soft_wrap=True)
            failed += 1
            continue
        facts = extract(document)
        documents.append(document_json(document, facts))
        info = DocumentInfo(0, document.source, document.content_hash, document.title,
                            document.date.isoformat() if document.date else None, "")
        rows.extend(StoredFact(0, fact, info) for fact in facts)
    if fmt == "json":
        sys.stdout.write(dumps_json({"documents": documents}))
    else:
        write_rows(rows, fmt)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
