"""The step recommendation: advance, hold, consult or urgent, with the numbers in the reasons.

- urgent: a red-flag symptom in the last `red_flag_days` (see `red_flags`).
- consult: symptoms severe and rising after a cut, or a current wave that may be relapse.
- hold: any hold condition (`hold_conditions`): the step not finished, a hold recorded, symptoms
  up against the baseline before the last cut (a run of elevated days, never one bad day), a
  severe score in the last `severe_lookback_days`, too few scores to compare, no further step, or
  a next step that cuts more than the plan's maximum.
- advance: none of those, and symptoms near baseline for the whole `stable_days` period.

Holding when symptoms rise and pausing until they settle is the guidance in clinical.md §3.2
(ASAM 2025; Inner Compass); "up to a week" for symptoms to show after a cut (ASAM) is why the
stable period is longer than that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from taper_tui.core import wording
from taper_tui.core.findings import (
    Count,
    Finding,
    FindingKind,
    Recommendation,
    RecommendationKind,
    Severity,
)
from taper_tui.core.model import DrugSettings, Thresholds
from taper_tui.core.progress import DrugProgress
from taper_tui.core.rules.context import KindlingHistory, RuleContext
from taper_tui.core.rules.red_flags import RedFlag
from taper_tui.core.rules.timeline import FlareLabel, read_flare
from taper_tui.core.symptoms import (
    MAX_GAP_DAYS,
    BurdenSeries,
    Wave,
    WindowStat,
    count_elevated,
    reference_baseline,
    severe_scores,
    waves_in,
)


@dataclass(frozen=True, slots=True)
class SymptomReading:
    """The windows the step rule compares, for one drug on one day."""

    baseline: WindowStat | None
    cut_date: dt.date | None
    """The drug's last cut (None before any); `baseline` is the window before it when scored."""
    current: WindowStat
    stable: WindowStat
    elevated_current: int
    """Days in the current window above the baseline (reported; a run is what counts)."""
    wave: Wave | None
    """The latest wave reaching into the stable window."""
    severe: tuple[tuple[dt.date, str, int], ...]

    @property
    def up(self) -> bool:
        """Symptoms up against the baseline: a run of elevated days reaching the current window
        (scattered bad days are not enough)."""
        return self.wave is not None and self.wave.last >= self.current.first


#: How far before the stable window a wave may have begun and still be seen whole.
WAVE_LOOKBACK_DAYS = 60


def read_symptoms(series: BurdenSeries, cut_date: dt.date | None, today: dt.date,
                  t: Thresholds, lookback_days: int = WAVE_LOOKBACK_DAYS) -> SymptomReading:
    """Compare the last `current_days` and `stable_days` with the baseline before `cut_date`
    (this drug's last cut), and find the wave, if any, reaching into the stable window.
    `lookback_days` before that window are read so a long wave is seen from its start."""
    baseline = reference_baseline(series, cut_date, t)
    current = series.last_days(today, t.current_days)
    stable = series.last_days(today, t.stable_days)
    recent = waves_in(series, stable.first - dt.timedelta(days=lookback_days), today, baseline,
                      cut_date, t)
    waves = [w for w in recent if w.last >= stable.first]
    elevated = count_elevated(series, current.first, today, baseline, t)
    lookback = series.days_in(today - dt.timedelta(days=t.severe_lookback_days - 1), today)
    return SymptomReading(baseline, cut_date, current, stable, elevated,
                          waves[-1] if waves else None, severe_scores(lookback, t))


def hold_conditions(drug: DrugSettings, p: DrugProgress, r: SymptomReading,
                    t: Thresholds) -> tuple[str, ...]:
    """Reasons to hold, in plain words; empty when none holds."""
    reasons: list[str] = []
    plan = drug.plan
    if p.days_on_step < p.step_days:
        reasons.append(wording.STEP_NOT_FINISHED(days=wording.days(p.days_on_step),
                                                 step_days=p.step_days))
    if p.on_hold:
        when = f"since the last cut on {p.last_cut.date}" if p.last_cut else "in the journal"
        reasons.append(wording.ON_HOLD(when=when))
    if r.baseline is None:
        reasons.append(wording.NO_BASELINE(date=r.cut_date or r.current.first))
    elif r.stable.n < t.min_logged_days:
        reasons.append(wording.TOO_FEW_SCORES(n=r.stable.n, window=t.stable_days,
                                              needed=t.min_logged_days))
    elif r.up:
        reasons.append(wording.SYMPTOMS_UP(elevated=r.elevated_current, current_days=t.current_days,
                                           margin=t.elevated_margin, ratio=t.elevated_ratio))
        if r.wave is not None:
            reasons.append(_wave_reason(r.wave))
    for date, name, score in r.severe[-3:]:
        reasons.append(wording.SEVERE_RECENT(symptom=name.replace("_", " "), score=score,
                                             date=date, severe=t.severe_score))
    if p.next_mg is None or p.current_mg is None:
        reasons.append(wording.PLAN_DONE(mg=wording.mg(p.current_mg or Decimal(0))))
    elif plan is not None and next_cut_too_large(p, plan.max_cut_percent):
        reasons.append(wording.NEXT_CUT_TOO_LARGE(
            from_mg=wording.mg(p.current_mg), to_mg=wording.mg(p.next_mg),
            pct=wording.pct(cut_percent(p.current_mg, p.next_mg)),
            max=wording.pct(plan.max_cut_percent)))
    return tuple(reasons)


def cut_percent(from_mg: Decimal, to_mg: Decimal) -> Decimal:
    return Decimal(0) if from_mg <= 0 else (from_mg - to_mg) / from_mg * 100


def next_cut_too_large(p: DrugProgress, max_cut: Decimal) -> bool:
    """The next step cuts more than `max_cut` percent of the current dose, or the plan flags it
    as over its rate guard. Stopping from the plan's smallest dose is the plan's last step, not a
    breach."""
    if p.current_mg is None or p.next_mg is None:
        return False
    if p.step_index is not None and p.step_index + 1 < len(p.steps) \
            and p.steps[p.step_index + 1].over_limit:
        return True
    if p.next_mg == 0:
        smallest = min((s.mg for s in p.steps if s.mg > 0), default=None)
        if smallest is not None and p.current_mg <= smallest:
            return False
    return cut_percent(p.current_mg, p.next_mg) > max_cut


def recommend(ctx: RuleContext, drug: DrugSettings, red_flags: tuple[RedFlag, ...],
              kindling: KindlingHistory) -> tuple[Recommendation, tuple[Finding, ...]]:
    """The recommendation for `drug`, and a kindling note finding when it is `advance`."""
    p = ctx.progress[drug.name]
    t = ctx.t
    if red_flags:
        return Recommendation(RecommendationKind.URGENT, tuple(
            wording.URGENT_REASON(symptom=f.symptom.replace("_", " "), score=f.score, date=f.date)
            for f in red_flags)), ()
    if drug.plan is None:
        return Recommendation(RecommendationKind.HOLD, (wording.NO_PLAN(drug=drug.name),)), ()
    if p.current_mg is None or p.since is None:
        return Recommendation(RecommendationKind.HOLD,
                              (wording.NO_DOSE(drug=drug.name, date=ctx.today),)), ()
    cut = p.last_cut
    r = read_symptoms(ctx.series, cut.date if cut is not None else None, ctx.today, t)
    reasons: list[str] = []
    if r.baseline is not None:
        reasons.append(_compare(r, t))
    consult = _consult_reasons(ctx, r)
    holds = hold_conditions(drug, p, r, t)
    if consult:
        reasons += [*consult, *holds, wording.CONSULT_CLOSING()]
        return Recommendation(RecommendationKind.CONSULT, tuple(reasons)), ()
    if holds:
        symptoms_settled = not (r.up or r.severe or r.wave is not None)
        if symptoms_settled and p.next_mg is not None and p.next_date is not None:
            closing = wording.HOLD_WAIT(next_mg=wording.mg(p.next_mg), next_date=p.next_date)
        else:
            closing = wording.HOLD_CLOSING()
        reasons += [*holds, closing]
        return Recommendation(RecommendationKind.HOLD, tuple(reasons)), ()
    if r.wave is not None:
        reasons += [wording.NOT_STABLE_YET(stable_days=t.stable_days, wave_first=r.wave.first,
                                           wave_last=r.wave.last),
                    wording.HOLD_CLOSING()]
        return Recommendation(RecommendationKind.HOLD, tuple(reasons)), ()
    assert p.next_mg is not None  # hold_conditions covers a plan with no next step
    reasons += [wording.STEP_FINISHED(days=wording.days(p.days_on_step), step_days=p.step_days,
                                      mg=wording.mg(p.current_mg), since=p.since),
                wording.STABLE(stable_days=t.stable_days, stable_mean=wording.mean(r.stable.mean)),
                wording.ADVANCE_CLOSING(next_mg=wording.mg(p.next_mg),
                                        next_date=p.next_date or ctx.today)]
    notes: tuple[Finding, ...] = ()
    if kindling.episodes or kindling.class_episodes:
        note = _kindling_note(kindling)
        reasons.append(note)
        evidence = (Count("withdrawal episodes with this drug", kindling.episodes),
                    Count(f"withdrawal episodes in the class {kindling.drug_class}",
                          kindling.class_episodes))
        notes = (Finding(FindingKind.KINDLING_HISTORY, Severity.INFO, drug.name, note, evidence),)
    return Recommendation(RecommendationKind.ADVANCE, tuple(reasons)), notes


def _compare(r: SymptomReading, t: Thresholds) -> str:
    assert r.baseline is not None
    current = wording.mean(r.current.mean)
    baseline = wording.mean(r.baseline.mean)
    if r.cut_date is not None and r.baseline.last == r.cut_date - dt.timedelta(days=1):
        return wording.COMPARE_CUT(current_days=t.current_days, current=current, baseline=baseline,
                                   baseline_days=t.baseline_days, cut_date=r.cut_date)
    return wording.COMPARE_OPENING(current_days=t.current_days, current=current,
                                   baseline=baseline, baseline_days=t.baseline_days,
                                   first=r.baseline.first)


def _consult_reasons(ctx: RuleContext, r: SymptomReading) -> list[str]:
    t = ctx.t
    wave = r.wave
    # Only a wave still going on (its last day today, or before one unlogged day) asks for more
    # than a hold: one that has settled is read by the hold conditions.
    if wave is None or (ctx.today - wave.last).days > MAX_GAP_DAYS:
        return []
    out: list[str] = []
    if r.severe and r.cut_date is not None and wave.first >= r.cut_date:
        recent = ctx.series.last_days(ctx.today, t.severe_lookback_days)
        before_last = recent.first - dt.timedelta(days=1)
        before = ctx.series.last_days(before_last, t.current_days)
        if (recent.mean is not None and before.mean is not None and recent.mean > before.mean):
            out.append(wording.SEVERE_RISING(
                days=wording.days((ctx.today - r.cut_date).days), cut_date=r.cut_date,
                recent=wording.mean(recent.mean), lookback=wording.days(t.severe_lookback_days),
                before=wording.mean(before.mean), current_days=t.current_days))
    if read_flare(ctx, wave).label is FlareLabel.RELAPSE:
        out.append(wording.RELAPSE_NOW())
    if out:
        out.insert(0, _wave_reason(wave))
    return out


def _wave_reason(wave: Wave) -> str:
    return wording.WAVE_NOW(n=wave.elevated_days, first=wave.first, last=wave.last,
                            peak=wave.peak_burden, peak_date=wave.peak_date)


def _kindling_note(k: KindlingHistory) -> str:
    episodes = k.episodes
    subject = k.drug
    if k.class_episodes > k.episodes and k.drug_class:
        episodes = k.class_episodes
        subject = f"{k.drug_class} drugs"
    return wording.KINDLING_NOTE(episodes=episodes,
                                 episode_word="episode" if episodes == 1 else "episodes",
                                 subject=subject)

