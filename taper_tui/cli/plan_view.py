"""`taper-tui plan`: each drug's plan against what the journal shows was taken.

One table per drug: for each step the planned date, then the day it was reached (steps taken),
"now" for the current step, or the date it is due once re-dated from the last actual cut.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from taper_tui.cli.common import dump_json, find_journal, load, print_problems, today
from taper_tui.cli.taper_commands import FOOTER, num, step_json

if TYPE_CHECKING:
    from taper_tui.core.progress import DrugProgress, Step, TakenStep


def plan_report(args: argparse.Namespace) -> int:
    from taper_tui.core.progress import planned_mg, track
    from taper_tui.core.taper import schedule
    from taper_tui.store.drug_data import drug_facts

    now = today()
    result = load(find_journal(args), now)
    journal = result.journal
    print_problems(result.problems)
    drugs: list[dict[str, Any]] = []
    for drug in journal.settings.drugs.values():
        facts = drug_facts(drug.name, drug)
        progress = track(drug, journal, now, facts)
        warnings: list[str] = []
        if drug.plan is not None:
            try:
                warnings = list(schedule(drug.plan, facts, drug.forms, drug.name).warnings)
            except ValueError as exc:
                warnings = [f"the plan in taper.yaml cannot be computed: {exc}"]
        drugs.append({
            "drug": drug.name,
            "method": drug.plan.method.value if drug.plan else None,
            "current_mg": num(progress.current_mg),
            "since": progress.since.isoformat() if progress.since else None,
            "days_on_step": progress.days_on_step,
            "step_index": progress.step_index,
            "on_hold": progress.on_hold,
            "planned_today_mg": num(planned_mg(progress, now)),
            "next_date": progress.next_date.isoformat() if progress.next_date else None,
            "next_mg": num(progress.next_mg),
            "planned_steps": [step_json(s) for s in progress.planned],
            "steps": [{**step_json(s), **_actual_json(progress, s)} for s in progress.steps],
            "changes": [{"date": c.date.isoformat(), "from_mg": num(c.from_mg),
                         "to_mg": num(c.to_mg), "percent": num(c.percent.quantize(
                             c.percent.__class__("0.01")))} for c in progress.changes],
            "warnings": warnings,
            "_progress": progress,
        })
    if args.json:
        dump_json({"today": now.isoformat(),
                   "drugs": [{k: v for k, v in d.items() if not k.startswith("_")}
                             for d in drugs],
                   "problems": [p.as_json() for p in result.problems]})
        return 0
    if not drugs:
        print("no drugs in taper.yaml")
    for d in drugs:
        _print_drug(d["drug"], d["method"], d["_progress"], d["warnings"])
    print(FOOTER)
    return 0


def status_of(p: DrugProgress, s: Step) -> str:
    """`taken`, `skipped`, `not logged` (before the journal's first dose), `now`, `next`,
    `after hold` or `` (later)."""
    taken = _taken(p).get(s.index)
    if p.step_index is None:
        return ""
    if s.index == p.step_index:
        return "now"
    if s.index < p.step_index:
        if taken is not None:
            return "taken"
        return "skipped" if p.taken and s.index > p.taken[0].index else "not logged"
    if s.index == p.step_index + 1:
        return "after hold" if p.on_hold else "next"
    return ""


def _taken(p: DrugProgress) -> dict[int, TakenStep]:
    return {t.index: t for t in p.taken}


def _actual_json(p: DrugProgress, s: Step) -> dict[str, Any]:
    """The fields `plan --json` adds to each re-dated step (`start` is the re-dated date)."""
    planned = p.planned[s.index].start if s.index < len(p.planned) else s.start
    taken = _taken(p).get(s.index)
    return {"planned_start": planned.isoformat(), "status": status_of(p, s) or None,
            "actual_start": taken.start.isoformat() if taken else None,
            "actual_mg": num(taken.mg) if taken else None}


def _print_drug(name: str, method: str | None, p: DrugProgress, warnings: list[str]) -> None:
    from taper_tui.core.forms import fmt

    count = f", {len(p.steps) - 1} steps after the start" if p.steps else ""
    print(f"{name}: " + (f"{method} plan{count}" if method else "no plan"))
    if p.current_mg is not None:
        where = f"step {p.step_index}, " if p.step_index is not None and p.steps else ""
        print(f"  taking {fmt(p.current_mg)} mg ({where}since {p.since}, {p.days_on_step} days)"
              + (", on hold" if p.on_hold else ""))
    for c in p.changes:
        kind = "cut" if c.is_cut else "increase"
        print(f"  {c.date}: {kind} {fmt(c.from_mg)} → {fmt(c.to_mg)} mg")
    if p.next_mg is not None:
        when = p.next_date.isoformat() if p.next_date else "after the hold"
        print(f"  next step in the plan: {fmt(p.next_mg)} mg, due {when}")
    if p.steps:
        _print_table(p)
    for w in warnings:
        print(f"  note: {w}")


def _print_table(p: DrugProgress) -> None:
    from taper_tui.core.forms import fmt

    taken = _taken(p)
    if p.taken:
        print("  planned against actual (taken: the day the journal shows the step was reached; "
              "later steps re-dated from the last actual change):")
    else:
        print("  planned (no dose logged yet: the plan's own calendar):")
    print(f"{'step':>4}  {'planned':10}  {'actual/due':10}  {'status':10}  {'mg':>8}  "
          f"{'taken':>7}  {'cut mg':>7}  {'cut %':>5}  {'occ %':>5}  how")
    for s in p.steps:
        planned = p.planned[s.index].start if s.index < len(p.planned) else s.start
        status = status_of(p, s)
        when = "" if status in ("skipped", "not logged") else s.start.isoformat()
        actual = taken.get(s.index)
        got = fmt(actual.mg) if actual is not None and actual.mg != s.mg else ""
        occ = fmt(s.occupancy_percent) if s.occupancy_percent is not None else "—"
        cut = fmt(s.cut_mg) if s.index else "—"
        pct = fmt(s.cut_percent) if s.index else "—"
        flag = "  ⚠ over the rate guard" if s.over_limit else ""
        print(f"{s.index:>4}  {planned.isoformat()}  {when:10}  {status:10}  {fmt(s.mg):>8}  "
              f"{got:>7}  {cut:>7}  {pct:>5}  {occ:>5}  {s.measure or ''}{flag}")
        if s.note:
            print(f"{'':>6}↳ {s.note}")
