"""`init`, `check` and `log`: creating, checking and writing the journal from the command line."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from taper_tui.cli.common import (
    EXIT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    add_journal_argument,
    dump_json,
    find_journal,
    load,
    parse_date,
    print_problems,
    today,
)
from taper_tui.core.model import SCORE_MAX, SCORE_MIN, Dose, Event, EventType, Exposure
from taper_tui.core.problems import Severity


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "init", help="create a new journal folder",
        description="Create a journal: a commented taper.yaml, days/ and .gitignore.",
    )
    p.add_argument("folder", metavar="DIR", type=Path)
    p.add_argument("--git", action="store_true", help="also git init and make a first commit")
    p.set_defaults(run=run_init)

    p = sub.add_parser("check", help="report problems in the journal files",
                       description="Print one line per problem (path:line:col: severity: message). "
                       "Exit 0 when clean (warnings allowed), 1 with errors, 2 on a usage error. "
                       "Never changes a journal file.")
    add_journal_argument(p)
    p.add_argument("--json", action="store_true", help="print the problems as a JSON list")
    p.set_defaults(run=run_check)

    p = sub.add_parser("log", help="record doses, symptoms, exposures, events or a note",
                       description="Create or update a day's file. Logging the same value twice "
                       "leaves the file byte-identical.")
    add_journal_argument(p)
    p.add_argument("--date", default="today", help="YYYY-MM-DD, today (default) or yesterday")
    p.add_argument("--dose", action="append", default=[], metavar="DRUG=MG[@HH:MM]")
    p.add_argument("--symptom", action="append", default=[], metavar="NAME=0..10")
    p.add_argument("--exposure", action="append", default=[], metavar="WHAT[=AMOUNT][@HH:MM]")
    p.add_argument("--event", action="append", default=[], metavar="TYPE[:DRUG]")
    p.add_argument("--note", metavar="TEXT", help="a line added to the day's notes")
    p.set_defaults(run=run_log)


def run_init(args: argparse.Namespace) -> int:
    from taper_tui.store.atomic import WriteError
    from taper_tui.store.init_journal import JournalExists, init_journal

    try:
        done = init_journal(args.folder, today(), git=args.git)
    except JournalExists as exc:
        raise UsageError(str(exc)) from exc
    except (WriteError, OSError) as exc:
        print(f"taper-tui: error: {exc}", file=sys.stderr)
        return EXIT_FOUND
    for line in done:
        print(line)
    print(f"Next: edit {args.folder / 'taper.yaml'}, then 'taper-tui {args.folder}'")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    root = find_journal(args)
    result = load(root, today())
    errors = sum(p.severity is Severity.ERROR for p in result.problems)
    warnings = len(result.problems) - errors
    if args.json:
        dump_json([p.as_json() for p in result.problems])
    else:
        print_problems(result.problems, sys.stdout)
        files = len(result.fingerprints)
        print(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
              f"in {files} file{'s' * (files != 1)} ({len(result.journal.days)} days) at {root}")
    return EXIT_FOUND if errors else EXIT_OK


def _mg(text: str, what: str) -> Decimal:
    try:
        mg = Decimal(text.strip())
    except InvalidOperation:
        raise UsageError(f"{what}: {text!r} is not a number of mg") from None
    if not mg.is_finite() or mg < 0:
        raise UsageError(f"{what}: the dose must be 0 mg or more, not {text}")
    return mg


def _split_time(text: str, what: str) -> tuple[str, str | None]:
    if "@" not in text:
        return text, None
    from taper_tui.store.decode_day import TIME

    body, _, time = text.rpartition("@")
    if not TIME.match(time):
        raise UsageError(f"{what}: time {time!r} is not HH:MM (24-hour)")
    return body, time


def parse_dose(spec: str) -> Dose:
    body, time = _split_time(spec, "--dose")
    drug, sep, mg = body.partition("=")
    if not sep or not drug.strip():
        raise UsageError(f"--dose {spec!r}: use DRUG=MG[@HH:MM], e.g. sertraline=37.5@08:10")
    return Dose(drug=drug.strip(), mg=_mg(mg, f"--dose {spec}"), time=time)


def parse_symptom(spec: str) -> tuple[str, int]:
    name, sep, score = spec.partition("=")
    if not sep or not name.strip():
        raise UsageError(f"--symptom {spec!r}: use NAME=SCORE, e.g. anxiety=4")
    try:
        value = int(score)
    except ValueError:
        raise UsageError(f"--symptom {spec!r}: the score must be a whole number 0-10") from None
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise UsageError(f"--symptom {spec!r}: the score must be 0-10 (0 = none, 10 = worst)")
    return name.strip(), value


def parse_exposure(spec: str) -> Exposure:
    body, time = _split_time(spec, "--exposure")
    what, _, amount = body.partition("=")
    if not what.strip():
        raise UsageError(f"--exposure {spec!r}: use WHAT[=AMOUNT][@HH:MM], e.g. caffeine=1 cup")
    return Exposure(what=what.strip(), amount=amount.strip() or None, time=time)


def parse_event(spec: str) -> Event:
    kind, _, drug = spec.partition(":")
    try:
        event_type = EventType(kind.strip().lower())
    except ValueError:
        kinds = ", ".join(e.value for e in EventType)
        raise UsageError(f"--event {spec!r}: the type must be one of {kinds}") from None
    return Event(type=event_type, drug=drug.strip() or None)


def run_log(args: argparse.Namespace) -> int:
    from taper_tui.store import NotAJournal, WriteError
    from taper_tui.store.day_patch import DayPatch
    from taper_tui.store.day_writer import ConflictError, UnsafeEditError, save_day
    from taper_tui.store.journal_store import read_settings

    doses = [parse_dose(s) for s in args.dose]
    symptoms = dict(parse_symptom(s) for s in args.symptom)
    exposures = tuple(parse_exposure(s) for s in args.exposure)
    events = tuple(parse_event(s) for s in args.event)
    if not (doses or symptoms or exposures or events or args.note):
        raise UsageError("nothing to log: give --dose, --symptom, --exposure, --event or --note")
    now = today()
    date = parse_date(args.date, now)
    if date > now:
        raise UsageError(f"{date} is in the future; log today or an earlier day")
    root = find_journal(args)
    try:
        settings = read_settings(root)
    except NotAJournal as exc:
        raise UsageError(str(exc)) from exc
    if settings is not None:
        for name in [d.drug for d in doses] + [e.drug for e in events if e.drug]:
            if name not in settings.drugs:
                known = ", ".join(sorted(settings.drugs)) or "none yet"
                raise UsageError(f"{name!r} is not a drug in taper.yaml (known: {known})")
    by_drug: dict[str, tuple[Dose, ...]] = {}
    for dose in doses:
        by_drug[dose.drug] = (*by_drug.get(dose.drug, ()), dose)
    patch = DayPatch(date=date, doses=by_drug, symptoms=symptoms, add_exposures=exposures,
                     add_events=events, append_note=args.note)
    try:
        result = save_day(root, patch)
    except (ConflictError, UnsafeEditError, WriteError) as exc:
        print(f"taper-tui: error: {exc}", file=sys.stderr)
        return EXIT_FOUND
    print(f"{'saved' if result.changed else 'unchanged'}: {result.rel}")
    if result.changed and settings is not None and settings.git_autocommit:
        from taper_tui.store.git_sync import autocommit_day

        commit = autocommit_day(root, result.rel, result.day, date)
        if commit.message:
            print(commit.message, file=sys.stdout if commit.committed else sys.stderr)
    if settings is not None:
        tracked = settings.tracked_names()
        for name in symptoms:
            if name not in tracked:
                print(f"{result.rel}: warning: symptom {name!r} is not tracked in taper.yaml",
                      file=sys.stderr)
    return EXIT_OK


__all__ = ["EXIT_USAGE", "register"]
