"""`schedule`, `measure`, `convert` and `plan`: the taper engine from the command line.

Output is information to discuss with a prescriber, never an instruction. `--json` prints a
stable document for scripts (mg as numbers, dates as ISO text).
"""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from taper_tui.cli.common import UsageError, add_journal_argument, dump_json, parse_date

if TYPE_CHECKING:
    from taper_tui.core.drugs import DrugFacts
    from taper_tui.core.model import Form
    from taper_tui.core.progress import Step

FOOTER = "This is information to discuss with your prescriber, not a prescription."
METHODS = ("percent", "occupancy", "linear", "slide", "custom")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("schedule", help="compute a taper schedule (no journal needed)",
                       description="Dated steps rounded to what your forms can measure, with the "
                       "actual cut after rounding. " + FOOTER)
    p.add_argument("--drug", required=True, metavar="NAME")
    p.add_argument("--from", dest="from_mg", required=True, metavar="MG", help="starting dose")
    p.add_argument("--method", choices=METHODS, default="percent")
    p.add_argument("--cut", metavar="PERCENT", default="10",
                   help="percent of the current dose per step (percent), per cycle (slide)")
    p.add_argument("--cut-mg", metavar="MG", help="fixed cut per step (linear)")
    p.add_argument("--occupancy-step", metavar="POINTS", help="occupancy fall per step (occupancy)")
    p.add_argument("--max-cut", metavar="PERCENT", default="10",
                   help="rate guard: largest cut as a percent of the current dose (default 10)")
    p.add_argument("--step-days", type=int, default=28, metavar="N")
    p.add_argument("--slide-weeks", type=int, default=4, metavar="N")
    p.add_argument("--hold-days", type=int, default=14, metavar="N", help="hold after a slide")
    p.add_argument("--doses", metavar="MG,MG,...", help="the doses after the start (custom)")
    p.add_argument("--start", default="today", metavar="DATE")
    p.add_argument("--to", dest="to_mg", default="0", metavar="MG", help="target dose (default 0)")
    p.add_argument("--final", dest="final_mg", metavar="MG",
                   help="the small last dose before stopping")
    p.add_argument("--form", action="append", default=[], metavar="SPEC")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_schedule)

    p = sub.add_parser("measure", help="how to make a dose with the forms you have",
                       description="Form specs: tablet:50, tablet:50:split=4, "
                       "liquid:20mg/ml:step=0.05, syringe:0.05ml, capsule:20:beads=220, "
                       "drops:2mg, scale:0.001g (add :release=xr for extended-release).")
    p.add_argument("--drug", required=True, metavar="NAME")
    p.add_argument("--mg", required=True, metavar="X")
    p.add_argument("--form", action="append", default=[], required=True, metavar="SPEC")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_measure)

    p = sub.add_parser("convert", help="benzodiazepine equivalents (approximate)",
                       description="Convert with the Ashton or VA/DoD table; converting to "
                       "diazepam also prints a stepwise 1-2 week crossover. " + FOOTER)
    p.add_argument("--from", dest="source", required=True, metavar="DRUG:MG")
    p.add_argument("--to", dest="target", required=True, metavar="DRUG")
    p.add_argument("--table", choices=("ashton", "vadod", "nhs_scotland"), default=None,
                   help="equivalence table (default: ashton, as stated in the drug data)")
    p.add_argument("--start", default="today", metavar="DATE", help="crossover start")
    p.add_argument("--days", type=int, default=14, help="crossover length, 7-14 days")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_convert)

    p = sub.add_parser("plan", help="the journal's plans: planned against actual",
                       description="Planned steps, the dose levels actually taken, the next step "
                       "date and dose (holds shift the plan). " + FOOTER)
    add_journal_argument(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_plan)


# -- argument helpers --------------------------------------------------------------------------

def mg_arg(text: str, what: str, allow_zero: bool = True) -> Decimal:
    try:
        value = Decimal(text.strip().lower().removesuffix("mg").strip())
    except (InvalidOperation, AttributeError):
        raise UsageError(f"{what} is not a number: {text!r}") from None
    if not value.is_finite() or value < 0 or (value == 0 and not allow_zero):
        raise UsageError(f"{what} must be {'at least 0' if allow_zero else 'above 0'}: {text!r}")
    return value


def facts_arg(name: str) -> DrugFacts:
    from taper_tui.store.drug_data import builtin_drugs

    drugs = builtin_drugs()
    facts = drugs.get(name.strip().lower())
    if facts is None:
        raise UsageError(f"unknown drug {name!r} (known: {', '.join(sorted(drugs))}; "
                         "add your own under drugs: in taper.yaml)")
    return facts


def forms_arg(specs: list[str]) -> tuple[Form, ...]:
    from taper_tui.core.forms import parse_forms

    try:
        return parse_forms(specs)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def num(value: Decimal | None) -> float | int | None:
    """`core.findings.json_number`, passing None through."""
    from taper_tui.core.findings import json_number

    return None if value is None else json_number(value)


def step_json(s: Step) -> dict[str, Any]:
    return {"index": s.index, "start": s.start.isoformat(), "mg": num(s.mg),
            "cut_mg": num(s.cut_mg), "cut_percent": num(s.cut_percent),
            "occupancy_percent": num(s.occupancy_percent), "measure": s.measure,
            "over_limit": s.over_limit, "note": s.note}


def print_steps(steps: tuple[Step, ...]) -> None:
    from taper_tui.core.forms import fmt

    print(f"{'step':>4}  {'start':10}  {'mg':>9}  {'cut mg':>8}  {'cut %':>6}  {'occ %':>5}  how")
    for s in steps:
        occ = fmt(s.occupancy_percent) if s.occupancy_percent is not None else "—"
        cut = fmt(s.cut_mg) if s.index else "—"
        pct = fmt(s.cut_percent) if s.index else "—"
        flag = "  ⚠ over the rate guard" if s.over_limit else ""
        print(f"{s.index:>4}  {s.start.isoformat()}  {fmt(s.mg):>9}  {cut:>8}  {pct:>6}  "
              f"{occ:>5}  {s.measure or ''}{flag}")
        if s.note:
            print(f"{'':>6}↳ {s.note}")


def print_warnings(warnings: tuple[str, ...] | list[str]) -> None:
    for w in warnings:
        print(f"note: {w}")


# -- commands ----------------------------------------------------------------------------------

def run_schedule(args: argparse.Namespace) -> int:
    from taper_tui.core.model import Method, PlanSpec
    from taper_tui.core.taper import schedule

    facts = facts_arg(args.drug)
    forms = forms_arg(args.form)
    doses: tuple[Decimal, ...] = ()
    if args.doses:
        doses = tuple(mg_arg(d, "--doses value") for d in args.doses.split(",") if d.strip())
    for flag in ("step_days", "slide_weeks"):
        if getattr(args, flag) < 1:
            raise UsageError(f"--{flag.replace('_', '-')} must be at least 1")
    if args.hold_days < 0:
        raise UsageError("--hold-days must not be negative")
    spec = PlanSpec(
        start=parse_date(args.start), start_mg=mg_arg(args.from_mg, "--from", allow_zero=False),
        method=Method(args.method), cut_percent=mg_arg(args.cut, "--cut"),
        step_days=args.step_days, max_cut_percent=mg_arg(args.max_cut, "--max-cut"),
        target_mg=mg_arg(args.to_mg, "--to"),
        final_mg=mg_arg(args.final_mg, "--final") if args.final_mg else None,
        cut_mg=mg_arg(args.cut_mg, "--cut-mg") if args.cut_mg else None,
        occupancy_step=mg_arg(args.occupancy_step, "--occupancy-step")
        if args.occupancy_step else None,
        slide_weeks=args.slide_weeks, slide_hold_days=args.hold_days, doses=doses)
    try:
        result = schedule(spec, facts, forms, facts.name)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        dump_json({"drug": result.drug, "method": result.method.value,
                   "steps": [step_json(s) for s in result.steps],
                   "warnings": list(result.warnings), "complete": result.complete})
        return 0
    print(f"{result.drug}: {result.method.value} taper, {len(result.steps) - 1} steps")
    print_steps(result.steps)
    print_warnings(result.warnings)
    print(FOOTER)
    return 0


def run_measure(args: argparse.Namespace) -> int:
    from taper_tui.core.forms import fmt
    from taper_tui.core.measure import MeasureError, measure

    facts = facts_arg(args.drug)
    target = mg_arg(args.mg, "--mg")
    forms = forms_arg(args.form)
    try:
        m = measure(target, forms, facts)
    except MeasureError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        dump_json({"drug": facts.name, "target_mg": num(m.target_mg), "actual_mg": num(m.actual_mg),
                   "error_mg": num(m.error_mg), "error_percent": num(m.error_percent),
                   "method": m.method, "how": m.how, "resolution_mg": num(m.resolution_mg),
                   "warnings": list(m.warnings),
                   "alternatives": [{"method": o.method, "mg": num(o.amount), "how": o.how}
                                    for o in m.alternatives]})
        return 0
    print(f"{facts.name} {fmt(m.target_mg)} mg: {m.how}")
    print(f"  gives {fmt(m.actual_mg)} mg (error {fmt(m.error_mg)} mg, {fmt(m.error_percent)}%; "
          f"this way measures in steps of {fmt(m.resolution_mg)} mg)")
    print_warnings(m.warnings)
    return 0


def run_convert(args: argparse.Namespace) -> int:
    from taper_tui.core.convert import ConversionError, CrossoverStage, convert, crossover
    from taper_tui.core.forms import fmt
    from taper_tui.store.drug_data import default_equivalence_table

    name, sep, amount = args.source.rpartition(":")
    if not sep or not name:
        raise UsageError(f"--from must be DRUG:MG, got {args.source!r}")
    source, target = facts_arg(name), facts_arg(args.target)
    mg = mg_arg(amount, "--from dose")
    table = args.table or default_equivalence_table()
    try:
        conv = convert(source, mg, target, table)
        stages: tuple[CrossoverStage, ...] = ()
        if target.name == "diazepam" and source.name != "diazepam":
            _, stages = crossover(source, mg, target, table, parse_date(args.start), args.days)
    except ConversionError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        dump_json({"from": {"drug": conv.from_drug, "mg": num(conv.from_mg)},
                   "to": {"drug": conv.to_drug, "mg": num(conv.to_mg)}, "table": conv.table,
                   "diazepam_equivalent_mg": num(conv.diazepam_mg), "approximate": True,
                   "note": conv.note, "sources": [c.text for c in conv.sources],
                   "other_tables": {k: num(v) for k, v in conv.other_tables.items()},
                   "crossover": [{"start": s.start.isoformat(), "from_mg": num(s.from_mg),
                                  "diazepam_mg": num(s.diazepam_mg)} for s in stages]})
        return 0
    print(f"{fmt(conv.from_mg)} mg {conv.from_drug} ≈ {fmt(conv.to_mg)} mg {conv.to_drug} "
          f"({conv.table} table; approximate)")
    for other, value in conv.other_tables.items():
        print(f"  the {other} table gives ≈ {fmt(value)} mg")
    for c in conv.sources:
        print(f"  source: {c.text}")
    if stages:
        print(f"Stepwise crossover over {args.days} days (not an overnight swap):")
        for s in stages:
            print(f"  from {s.start.isoformat()}: {fmt(s.from_mg)} mg {conv.from_drug} + "
                  f"{fmt(s.diazepam_mg)} mg diazepam")
    print(f"note: {conv.note}")
    return 0


def run_plan(args: argparse.Namespace) -> int:
    from taper_tui.cli.plan_view import plan_report

    return plan_report(args)
