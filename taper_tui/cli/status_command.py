"""`taper-tui status`: per drug the step, today's planned dose, the recommendation with reasons, the
warnings and the kindling count. Exit 0 whatever the advice; journal problems are printed as
`check` prints them (to stderr) and the valid days are still used.

An unchanged journal gives the same output: it is memoised (`store.result_memo`, key over the
journal's file stats, the program, today, --date and the output form) and a hit prints the stored
stdout and stderr, byte for byte, without importing the store, the rules or `core` at all.

Only argparse and cli.common are imported at module top; the store and the rules load when the
command runs, and nothing here imports Textual.
"""

from __future__ import annotations

import argparse
import io
import sys

from taper_tui.cli.common import (
    EXIT_OK,
    add_journal_argument,
    dump_json,
    find_journal,
    load,
    parse_date,
    print_problems,
    today,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a few ms) on a memo hit
if TYPE_CHECKING:
    import datetime as dt
    from decimal import Decimal
    from pathlib import Path
    from typing import Any, TextIO

    from taper_tui.core.findings import Finding
    from taper_tui.core.model import Journal
    from taper_tui.core.rules import Assessment, DrugResult


#: Kindling events listed in the text output (the latest); --json lists them all.
KINDLING_SHOWN = 5


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "status", help="where each drug stands, the step reading and its reasons",
        description="Per drug: the current step and dose, today's planned dose and how to measure "
        "it, the recommendation (advance, hold, consult, urgent) with the numbers behind it, the "
        "warnings and the kindling history. It informs; decisions stay with you and your "
        "prescriber. Exit 0 whatever the advice.")
    add_journal_argument(p)
    p.add_argument("--date", default="today", help="YYYY-MM-DD, today (default) or yesterday")
    p.add_argument("--json", action="store_true", help="print the status as JSON")
    p.set_defaults(run=run_status)


MEMO_NAME = "status"
"""The memo file (`.taper-cache/memo-status.json`): one per journal, the latest settled run."""


def run_status(args: argparse.Namespace) -> int:
    root = find_journal(args)
    now = today()
    date = parse_date(args.date, now)
    from taper_tui.store import result_memo as memo

    keyed = memo.journal_key(root, MEMO_NAME, "json" if args.json else "text",
                             date.isoformat(), now.isoformat())
    if keyed is not None:
        hit = _valid(memo.read_memo(root, MEMO_NAME, keyed[0]))
        if hit is not None:
            sys.stderr.write(hit[1])
            sys.stdout.write(hit[0])
            return hit[2]
    out, err = io.StringIO(), io.StringIO()
    try:
        code = _status(args, root, now, date, out, err)
    finally:
        # Whatever was written is printed, also when the command failed half-way.
        sys.stderr.write(err.getvalue())
        sys.stdout.write(out.getvalue())
    if keyed is not None and keyed[1]:
        memo.write_memo(root, MEMO_NAME, keyed[0], {
            "stdout": out.getvalue(), "stderr": err.getvalue(), "code": code})
    return code


def _valid(value: Any) -> tuple[str, str, int] | None:
    """(stdout, stderr, exit code) from a memo value; None for anything else."""
    if not isinstance(value, dict):
        return None
    out, err, code = value.get("stdout"), value.get("stderr"), value.get("code")
    if isinstance(out, str) and isinstance(err, str) and type(code) is int:
        return out, err, code
    return None


def _status(args: argparse.Namespace, root: Path, now: dt.date, date: dt.date, out: TextIO,
            err: TextIO) -> int:
    """The status itself: load, write the journal's problems to `err` and the status to `out`."""
    from taper_tui.core.rules import evaluate
    from taper_tui.store.drug_data import all_drug_facts

    result = load(root, now)
    print_problems(result.problems, err)
    journal = result.journal
    assessment = evaluate(journal, date, all_drug_facts(journal.settings))
    if args.json:
        dump_json(status_json(assessment, journal), out)
    else:
        out.write(status_text(assessment, journal))
    return EXIT_OK


# --- JSON ----------------------------------------------------------------------------------------


def status_json(a: Assessment, journal: Journal) -> dict[str, object]:
    """The `--json` document: date, drugs (step, planned/taken mg, recommendation, warnings,
    kindling) and urgent. Journal-wide warnings (exposures, waves not tied to a drug) are listed
    under every drug, so each drug's entry is complete on its own."""
    from taper_tui.cli.taper_commands import num
    from taper_tui.core.findings import by_severity

    drugs: list[dict[str, object]] = []
    for r in a.drugs:
        p = r.progress
        planned, taken = _planned_taken(r, journal, a.today)
        drugs.append({
            "drug": r.drug,
            "step": {"index": p.step_index, "mg": num(p.current_mg),
                     "since": p.since.isoformat() if p.since else None,
                     "days_on_step": p.days_on_step},
            "planned_mg": num(planned),
            "taken_mg": num(taken),
            "recommendation": r.recommendation.as_json(),
            "warnings": [f.as_json() for f in by_severity((*r.findings, *a.findings))
                         if f.severity.value != "urgent"],
            "kindling": r.kindling.as_json(),
        })
    return {"date": a.today.isoformat(), "drugs": drugs,
            "urgent": [f.as_json() for f in a.urgent]}


def _planned_taken(r: DrugResult, journal: Journal,
                   date: dt.date) -> tuple[Decimal | None, Decimal | None]:
    from taper_tui.core.progress import planned_mg

    day = journal.day(date)
    return planned_mg(r.progress, date), day.taken_mg(r.drug) if day is not None else None


# --- text ----------------------------------------------------------------------------------------


def status_text(a: Assessment, journal: Journal) -> str:
    from taper_tui.core import wording

    lines = [f"Status on {a.today}", ""]
    for f in a.urgent:
        lines += [f"URGENT  {f.message}", ""]
    if not a.drugs:
        lines += ["No drugs are set up in taper.yaml yet.", ""]
    for r in a.drugs:
        lines += _drug_lines(r, journal, a.today)
    others = [f for f in a.findings if f.severity.value != "urgent"]
    if others:
        lines.append("Across all drugs")
        lines += [_finding_line(f) for f in others]
        lines.append("")
    lines.append(wording.DISCLAIMER)
    return "\n".join(lines) + "\n"


def _drug_lines(r: DrugResult, journal: Journal, date: dt.date) -> list[str]:
    from taper_tui.core import wording

    p = r.progress
    out = [r.drug]
    if p.current_mg is not None and p.since is not None:
        where = f"step {p.step_index} of {len(p.steps) - 1}: " if p.step_index is not None else ""
        out.append(f"  Now       {where}{wording.mg(p.current_mg)} mg since {p.since} "
                   f"({wording.days(p.days_on_step)}; planned {p.step_days})")
    planned, taken = _planned_taken(r, journal, date)
    if planned is not None:
        how = next((s.measure for s in p.steps if s.mg == planned and s.measure), None)
        out.append(f"  Plan      {wording.mg(planned)} mg on {date}" + (f": {how}" if how else ""))
    if taken is not None:
        out.append(f"  Taken     {wording.mg(taken)} mg")
    else:
        out.append(f"  Taken     nothing logged on {date}")
    out.append(f"  Reading   {r.recommendation.kind.value.upper()}")
    out += [f"    - {reason}" for reason in r.recommendation.reasons]
    if r.findings:
        out.append("  Warnings")
        out += ["  " + _finding_line(f) for f in r.findings]
    k = r.kindling
    kindling = f"  Kindling  {k.episodes} earlier withdrawal episode{'s' * (k.episodes != 1)}"
    if k.drug_class and k.class_episodes != k.episodes:
        kindling += f" ({k.class_episodes} in the class {k.drug_class})"
    kinds: dict[str, int] = {}
    for e in k.events:
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    if kinds:
        kindling += ": " + ", ".join(f"{wording.kindling_kind(kind)} ({n})"
                                     for kind, n in kinds.items())
    out.append(kindling)
    out += [f"    - {e.date or 'date unknown'} {wording.kindling_kind(e.kind)}: {e.detail} "
            f"({e.source})"
            for e in k.events[-KINDLING_SHOWN:]]
    if len(k.events) > KINDLING_SHOWN:
        out.append(f"    ... {len(k.events) - KINDLING_SHOWN} earlier (all in --json)")
    out.append("")
    return out


def _finding_line(f: Finding) -> str:
    return f"  - [{f.severity.value}] {f.kind.value}: {f.message}"
