"""The rules engine: read the journal the way an experienced peer supporter would, and say what it
sees with the numbers behind it. Pure: no I/O and no clock (`today` is a parameter).

`evaluate(journal, today)` returns an `Assessment`: per drug the progress, the step recommendation
with its reasons, the findings and the kindling history; plus journal-wide findings and the urgent
ones. Each rule in `RULES` is a small pure function `RuleContext -> tuple[Finding, ...]`; the step
recommendation (`step.recommend`) is computed last, from the same context.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace

from taper_tui.core.drugs import BENZO_CLASSES, DrugFacts
from taper_tui.core.findings import Finding, Severity, by_severity
from taper_tui.core.model import Journal, Settings
from taper_tui.core.progress import track
from taper_tui.core.rules.changes import simultaneous_findings
from taper_tui.core.rules.context import (
    Assessment,
    DrugResult,
    KindlingEvent,
    KindlingHistory,
    RuleContext,
    build_context,
    cut_at,
)
from taper_tui.core.rules.dosing import dosing_findings
from taper_tui.core.rules.exposures import exposure_findings
from taper_tui.core.rules.kindling import (
    benzo_pace_findings,
    kindling_findings,
    kindling_histories,
)
from taper_tui.core.rules.red_flags import crisis_text, find_red_flags, red_flag_findings
from taper_tui.core.rules.step import recommend
from taper_tui.core.rules.timeline import FlareLabel, FlareReading, read_flare
from taper_tui.core.rules.waves import severe_findings, wave_findings

__all__ = ["RULES", "Assessment", "DrugResult", "FlareLabel", "FlareReading", "KindlingEvent",
           "KindlingHistory", "Rule", "drug_classes", "evaluate"]

Rule = Callable[[RuleContext], tuple[Finding, ...]]


def dosing_rule(ctx: RuleContext) -> tuple[Finding, ...]:
    return tuple(f for d in ctx.drugs for f in dosing_findings(ctx, d, ctx.facts.get(d.name)))


def kindling_rule(ctx: RuleContext) -> tuple[Finding, ...]:
    return tuple(f for d in ctx.drugs if d.name in ctx.kindling
                 for f in kindling_findings(ctx, d, ctx.kindling[d.name]))


def benzo_pace_rule(ctx: RuleContext) -> tuple[Finding, ...]:
    return tuple(f for d in ctx.drugs
                 if d.name in ctx.kindling and ctx.kindling[d.name].drug_class in BENZO_CLASSES
                 for f in benzo_pace_findings(ctx, d, ctx.t.benzo_max_cut_percent_14d))


RULES: tuple[Rule, ...] = (
    red_flag_findings,
    severe_findings,
    wave_findings,
    dosing_rule,
    kindling_rule,
    benzo_pace_rule,
    simultaneous_findings,
    exposure_findings,
)


def drug_classes(settings: Settings, facts: Mapping[str, DrugFacts]) -> dict[str, str | None]:
    """Class of each drug in taper.yaml or `history:`: its `class:`, else the drug data's."""
    names = set(settings.drugs) | {h.drug for h in settings.history}
    out: dict[str, str | None] = {}
    for name in names:
        own = settings.drugs.get(name)
        known = facts.get(name) or facts.get(name.lower())
        out[name] = (own.drug_class if own is not None else None) or (
            known.drug_class if known is not None else None)
    return out


def evaluate(journal: Journal, today: dt.date,
             facts: Mapping[str, DrugFacts] | None = None) -> Assessment:
    """Everything the rules say about `journal` on `today` (later days are ignored).

    `facts` is the drug data (`taper_tui.store.drug_data.all_drug_facts`); without it the checks
    that need drug facts (dose timing by half-life, classes not set in taper.yaml) are skipped."""
    facts = facts or {}
    journal = cut_at(journal, today)
    settings = journal.settings
    progress = {name: track(drug, journal, today, facts.get(name))
                for name, drug in settings.drugs.items()}
    ctx = build_context(journal, today, progress, facts)
    ctx = replace(ctx, kindling=kindling_histories(ctx, drug_classes(settings, facts)))
    findings = [f for rule in RULES for f in rule(ctx)]
    red = find_red_flags(ctx)
    results: list[DrugResult] = []
    for drug in ctx.drugs:
        kindling = ctx.kindling[drug.name]
        recommendation, notes = recommend(ctx, drug, red, kindling)
        own = by_severity([*(f for f in findings if f.drug == drug.name), *notes])
        results.append(DrugResult(drug.name, progress[drug.name], recommendation, own, kindling))
    return Assessment(
        today=today,
        drugs=tuple(results),
        findings=by_severity(f for f in findings if f.drug is None),
        urgent=tuple(f for f in findings if f.severity is Severity.URGENT),
        waves=ctx.waves,
        flares=tuple(read_flare(ctx, w) for w in ctx.waves),
        crisis_text=crisis_text(settings),
    )
