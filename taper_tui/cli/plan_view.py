"""`taper-tui plan`: each drug's plan against what the journal shows was taken."""

from __future__ import annotations

import argparse
from typing import Any

from taper_tui.cli.common import dump_json, find_journal, print_problems, today
from taper_tui.cli.taper_commands import FOOTER, num, print_steps, step_json


def plan_report(args: argparse.Namespace) -> int:
    from taper_tui.core.forms import fmt
    from taper_tui.core.progress import planned_mg, track
    from taper_tui.core.taper import schedule
    from taper_tui.store import load_journal
    from taper_tui.store.drug_data import drug_facts

    root = find_journal(args)
    now = today()
    result = load_journal(root, now)
    journal = result.journal
    print_problems(result.problems)
    drugs: list[dict[str, Any]] = []
    for drug in journal.settings.drugs.values():
        facts = drug_facts(drug.name, drug)
        progress = track(drug, journal, now, facts)
        planned: tuple[Any, ...] = ()
        warnings: list[str] = []
        if drug.plan is not None:
            try:
                sched = schedule(drug.plan, facts, drug.forms, drug.name)
                planned, warnings = sched.steps, list(sched.warnings)
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
            "planned_steps": [step_json(s) for s in planned],
            "steps": [step_json(s) for s in progress.steps],
            "changes": [{"date": c.date.isoformat(), "from_mg": num(c.from_mg),
                         "to_mg": num(c.to_mg), "percent": num(c.percent.quantize(
                             c.percent.__class__("0.01")))} for c in progress.changes],
            "warnings": warnings,
            "_progress": progress, "_planned": planned,
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
        p = d["_progress"]
        print(f"{d['drug']}: " + (f"{d['method']} plan" if d["method"] else "no plan"))
        if p.current_mg is not None:
            print(f"  taking {fmt(p.current_mg)} mg since {p.since} ({p.days_on_step} days)"
                  + (", on hold" if p.on_hold else ""))
        for c in p.changes:
            kind = "cut" if c.is_cut else "increase"
            print(f"  {c.date}: {kind} {fmt(c.from_mg)} → {fmt(c.to_mg)} mg")
        if p.next_mg is not None:
            when = p.next_date.isoformat() if p.next_date else "after the hold"
            print(f"  next step in the plan: {fmt(p.next_mg)} mg, due {when}")
        if d["_planned"]:
            print("  planned:")
            print_steps(d["_planned"])
        if p.steps and d["_planned"] and p.steps != d["_planned"]:
            print("  re-dated from the actual progress:")
            print_steps(p.steps)
        for w in d["warnings"]:
            print(f"  note: {w}")
    print(FOOTER)
    return 0
