"""`history`, `export`, `import`, `report`, `calendar` and `due`: moving the journal in and out.

Exit codes: 0 done; 1 something found (`due`: something is due; `import`: bad rows, nothing
written); 2 a usage error (one line on stderr).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from taper_tui.cli.common import (
    EXIT_FOUND,
    EXIT_OK,
    UsageError,
    add_journal_argument,
    find_journal,
    load,
    parse_date,
    print_problems,
    today,
)

if TYPE_CHECKING:
    from taper_tui.core.drugs import DrugFacts
    from taper_tui.core.model import Journal
    from taper_tui.core.rules import Assessment


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("history", help="a day's changes over time (from git)",
                       description="The git log of one day's file with the diffs, newest first.")
    add_journal_argument(p)
    p.add_argument("date", metavar="DATE", help="YYYY-MM-DD, today or yesterday")
    p.set_defaults(run=run_history)

    p = sub.add_parser("export", help="write the journal as CSV or JSON",
                       description="CSV: one row per day and drug (columns in docs/exports.md). "
                       "JSON: the full model. ISO dates, numbers as numbers, UTF-8.")
    add_journal_argument(p)
    p.add_argument("--format", choices=("csv", "json"),
                   help="csv or json (default: from -o's suffix, else csv)")
    _add_range(p)
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here (default: stdout)")
    p.set_defaults(run=run_export)

    p = sub.add_parser("import", help="add days from a CSV in the export's shape",
                       description="Every row is checked first; a bad row is reported with its "
                       "line number and nothing is written.")
    add_journal_argument(p)
    p.add_argument("file", metavar="FILE.csv", type=Path)
    p.add_argument("--dry-run", action="store_true", help="check the rows, write nothing")
    p.set_defaults(run=run_import)

    p = sub.add_parser("report", help="a one-page report for your prescriber (Markdown or HTML)",
                       description="Drugs and doses, steps, symptom trends with charts, waves, "
                       "the withdrawal-vs-relapse timeline, kindling history, irregular dosing, "
                       "exposures and your notes flagged for the prescriber (a note line starting "
                       "with 'prescriber:' or '!').")
    add_journal_argument(p)
    _add_range(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.md|FILE.html")
    p.set_defaults(run=run_report)

    p = sub.add_parser("calendar", help="upcoming step dates as an iCalendar (.ics) file",
                       description="Import the file into your calendar app; regenerate it after "
                       "a hold shifts the plan (events are updated, not duplicated).")
    add_journal_argument(p)
    p.add_argument("-o", "--output", type=Path, metavar="FILE.ics",
                   help="write here (default: stdout)")
    p.add_argument("--daily", metavar="HH:MM", help="also a daily log reminder at this time")
    p.set_defaults(run=run_calendar)

    p = sub.add_parser("due", help="one line of what is due today (exit 1 when something is)",
                       description="For cron or a desktop notifier: today's log not yet written, "
                       "a step date reached, a hold still on. Exit 0 nothing due, 1 due.")
    add_journal_argument(p)
    p.set_defaults(run=run_due)


def _add_range(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="first", metavar="DATE", help="first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="last", metavar="DATE", help="last day (default: all)")


def _range(args: argparse.Namespace, now: dt.date) -> tuple[dt.date | None, dt.date | None]:
    first = parse_date(args.first, now) if args.first else None
    last = parse_date(args.last, now) if args.last else None
    if first and last and first > last:
        raise UsageError(f"--from {first} is after --to {last}")
    return first, last


def _load(args: argparse.Namespace, now: dt.date) -> Journal:
    result = load(find_journal(args), now)
    # The same lines `check` prints; the valid days (and the valid parts of a day) are still used.
    print_problems(result.problems)
    return result.journal


def _assess(journal: Journal, now: dt.date) -> tuple[Assessment, dict[str, DrugFacts]]:
    from taper_tui.core.rules import evaluate
    from taper_tui.store.drug_data import all_drug_facts

    facts = all_drug_facts(journal.settings)
    return evaluate(journal, now, facts), facts


def _write(path: Path | None, text: str) -> int:
    from taper_tui.store.atomic import WriteError, atomic_write

    if path is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        atomic_write(path, text.encode("utf-8"))
    except WriteError as exc:
        print(f"taper-tui: error: {exc}", file=sys.stderr)
        return EXIT_FOUND
    print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


def run_history(args: argparse.Namespace) -> int:
    from taper_tui.store import day_relpath
    from taper_tui.store.git_sync import history_of

    date = parse_date(args.date)
    root = find_journal(args)
    history = history_of(root, day_relpath(date))
    for rev in history.revisions:
        print(f"commit {rev.sha[:10]}  {rev.when}  {rev.author}\n    {rev.subject}\n")
        if rev.diff:
            print(rev.diff + "\n")
    if history.uncommitted:
        print(f"{history.rel} has changes not committed yet")
    if history.message:
        print(f"{history.rel}: {history.message}", file=sys.stderr)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    now = today()
    first, last = _range(args, now)
    fmt = args.format or ("json" if args.output and args.output.suffix == ".json" else "csv")
    journal = _load(args, now)
    if fmt == "json":
        from taper_tui.store.export_json import export_json

        text = export_json(journal, first, last, now)
    else:
        from taper_tui.store.drug_data import all_drug_facts
        from taper_tui.store.export_csv import export_csv, planned_from_progress

        planned = planned_from_progress(journal, now, all_drug_facts(journal.settings))
        text = export_csv(journal, first, last, planned)
    return _write(args.output, text)


def run_import(args: argparse.Namespace) -> int:
    from taper_tui.store import NotAJournal, WriteError
    from taper_tui.store.day_writer import ConflictError, UnsafeEditError
    from taper_tui.store.import_csv import apply_import, plan_import
    from taper_tui.store.journal_store import read_settings

    now = today()
    root = find_journal(args)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UsageError(f"{args.file}:{line}: not UTF-8 text; save the CSV as UTF-8") from exc
    try:
        settings = read_settings(root)
    except NotAJournal as exc:
        raise UsageError(str(exc)) from exc
    if settings is None:
        raise UsageError("taper.yaml has errors; fix them first (see 'taper-tui check')")
    plan = plan_import(root, text, str(args.file), settings, now)
    print_problems(plan.problems)
    if not plan.ok:
        print(f"nothing was imported: fix the rows above in {args.file}", file=sys.stderr)
        return EXIT_FOUND
    if args.dry_run:
        print(f"{plan.rows} rows, {len(plan.patches)} days: all rows are valid (nothing written)")
        return EXIT_OK
    try:
        result = apply_import(root, plan)
    except (ConflictError, UnsafeEditError, WriteError, OSError) as exc:
        print(f"taper-tui: error: {exc}; the import was undone", file=sys.stderr)
        return EXIT_FOUND
    print(f"imported {plan.rows} rows: {len(result.written)} day files written, "
          f"{result.unchanged} unchanged")
    if result.written and settings.git_autocommit:
        from taper_tui.store.git_sync import autocommit

        dates = [p.date for p in plan.patches]
        commit = autocommit(root, result.written, f"import {args.file.name}: "
                            f"{len(result.written)} days ({dates[0]}..{dates[-1]})")
        if commit.message:
            print(commit.message, file=sys.stdout if commit.committed else sys.stderr)
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    from taper_tui.cli.report_render import render_html, render_markdown
    from taper_tui.core.report_model import build_report

    now = today()
    first, last = _range(args, now)
    suffix = args.output.suffix.lower()
    if suffix not in (".md", ".markdown", ".html", ".htm"):
        raise UsageError(f"-o {args.output}: the name must end in .md or .html")
    journal = _load(args, now)
    assessment, facts = _assess(journal, now)
    report = build_report(journal, assessment, now, first, last, facts)
    text = render_markdown(report) if suffix in (".md", ".markdown") else render_html(report)
    return _write(args.output, text)


def run_calendar(args: argparse.Namespace) -> int:
    from taper_tui.core.calendar_ics import build_calendar, upcoming_steps
    from taper_tui.store.decode_day import TIME

    if args.daily and not TIME.match(args.daily):
        raise UsageError(f"--daily {args.daily!r} is not HH:MM (24-hour)")
    now = today()
    journal = _load(args, now)
    assessment, _ = _assess(journal, now)
    progress = {d.drug: d.progress for d in assessment.drugs}
    steps, notes = upcoming_steps(journal.settings.drugs, progress, now)
    for note in notes:
        print(note, file=sys.stderr)
    stamp = dt.datetime.now(dt.UTC)
    return _write(args.output, build_calendar(steps, now, stamp, args.daily))


def run_due(args: argparse.Namespace) -> int:
    from taper_tui.core.due import due_items, due_line

    now = today()
    journal = _load(args, now)
    assessment, _ = _assess(journal, now)
    progress = {d.drug: d.progress for d in assessment.drugs}
    readings = {d.drug: d.recommendation.kind for d in assessment.drugs}
    items = due_items(journal, progress, now, readings)
    print(due_line(items, now))
    return EXIT_FOUND if items else EXIT_OK
