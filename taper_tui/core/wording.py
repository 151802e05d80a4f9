"""The one catalogue of every clinical sentence the CLI and the app show.

Every message a rule produces is a `Template` defined here, with named fields, so the wording can
be read (and checked by tests) in one place. The app informs and never prescribes: no sentence
tells anyone to stop a drug or change a dose on their own; choices are framed as information plus
"discuss with your prescriber". `tests/core/test_wording.py` scans `CATALOGUE` for that.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

_CATALOGUE: list[Template] = []


@dataclass(frozen=True, slots=True)
class Template:
    """A sentence with `{named}` fields, filled by calling it with keyword arguments."""

    key: str
    text: str

    def __call__(self, **fields: object) -> str:
        return self.text.format(**fields)


def _t(key: str, text: str) -> Template:
    template = Template(key, text)
    _CATALOGUE.append(template)
    return template


# --- number formatting (one style everywhere) --------------------------------------------------


def mg(value: Decimal) -> str:
    """A dose without exponent or trailing zeros: 37.5, 0.05, 100."""
    text = format(value.normalize(), "f")
    return text


def mean(value: Decimal | None) -> str:
    """A mean burden to one decimal, or 'no data'."""
    return "no data" if value is None else str(value.quantize(Decimal("0.1")))


def pct(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.1")).normalize()) if value % 1 else str(int(value))


def days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


# --- recommendation reasons --------------------------------------------------------------------

STEP_NOT_FINISHED = _t(
    "step.not_finished", "The step has lasted {days} of its planned {step_days} days.")
STEP_FINISHED = _t(
    "step.finished",
    "The step has lasted its planned {step_days} days: {days} at {mg} mg since {since}.")
COMPARE_CUT = _t(
    "compare.cut",
    "{current_days}-day mean burden {current} vs {baseline} in the {baseline_days} days before "
    "the cut on {cut_date}.")
COMPARE_OPENING = _t(
    "compare.opening",
    "{current_days}-day mean burden {current} vs {baseline} in the first {baseline_days} days of "
    "symptom scores (from {first}).")
SYMPTOMS_UP = _t(
    "symptoms.up",
    "Symptoms are up against that baseline: a run of elevated days reaches into the last "
    "{current_days} days ({elevated} of them elevated: more than {margin} points and {ratio} "
    "times the baseline).")
STABLE = _t(
    "symptoms.stable",
    "Symptoms have stayed near that baseline for the last {stable_days} days "
    "({stable_mean} mean, no wave).")
NOT_STABLE_YET = _t(
    "symptoms.not_stable",
    "Symptoms have not yet been near that baseline for {stable_days} days: a wave ran from "
    "{wave_first} to {wave_last}.")
WAVE_NOW = _t(
    "wave.now",
    "A wave of {n} elevated days has run from {first} to {last} "
    "(peak burden {peak} on {peak_date}).")
SEVERE_RECENT = _t(
    "severe.recent",
    "{symptom} was scored {score} on {date}; {severe} or more counts as severe.")
TOO_FEW_SCORES = _t(
    "data.too_few",
    "Only {n} of the last {window} days have symptom scores ({needed} are needed to compare); "
    "logging scores each day makes this reading possible.")
NO_BASELINE = _t(
    "data.no_baseline",
    "There are no symptom scores to compare with before {date}.")
ON_HOLD = _t("hold.recorded", "A hold is recorded {when}.")
NO_PLAN = _t("plan.none", "No plan is set for {drug} in taper.yaml.")
NO_DOSE = _t("dose.none", "No dose of {drug} is logged up to {date}.")
PLAN_DONE = _t("plan.done", "The plan has no further step after {mg} mg.")
NEXT_CUT_TOO_LARGE = _t(
    "plan.next_too_large",
    "The next planned step, {from_mg} to {to_mg} mg, is a {pct}% cut: more than the maximum of "
    "{max}% per step set in the plan.")

ADVANCE_CLOSING = _t(
    "advance.closing",
    "The step looks settled. The plan's next dose is {next_mg} mg (planned from {next_date}); "
    "discuss it with your prescriber before any change.")
HOLD_CLOSING = _t(
    "hold.closing",
    "Tapering guidance describes staying at the current dose until symptoms settle; discuss the "
    "timing of the next step with your prescriber.")
HOLD_WAIT = _t(
    "hold.wait",
    "The plan's next step is {next_mg} mg from {next_date}; discuss it with your prescriber when "
    "the time comes.")
CONSULT_CLOSING = _t(
    "consult.closing",
    "This is worth talking over with your prescriber soon. Guidelines describe going back to part "
    "of the previous dose as one option; that is a decision to make with them, not on your own.")
SEVERE_RISING = _t(
    "consult.severe_rising",
    "Symptoms are severe and rising {days} after the cut on {cut_date}: mean burden {recent} over "
    "the last {lookback} vs {before} in the {current_days} days before.")
RELAPSE_NOW = _t(
    "consult.relapse",
    "The current wave does not fit the usual withdrawal pattern: it may be relapse; discuss with "
    "your prescriber.")
URGENT_REASON = _t(
    "urgent.reason",
    "A red-flag symptom was recorded: {symptom} at {score} on {date}. Please seek help now.")
KINDLING_NOTE = _t(
    "kindling.note",
    "{episodes} earlier withdrawal {episode_word} with {subject} recorded. Later withdrawals can "
    "be worse than earlier ones, so a slower rate than planned is worth discussing with your "
    "prescriber.")

# --- findings ----------------------------------------------------------------------------------

MISSED_DOSE = _t(
    "finding.missed_dose",
    "No {drug} dose is logged on {count} in the last {window} where the plan expects one "
    "(latest {latest}, plan {planned} mg). Missed doses can bring on withdrawal symptoms.")
ALTERNATE_DAY = _t(
    "finding.alternate_day",
    "{drug} doses follow a skip pattern: a lower or no dose on {n} days, every {period} days, "
    "since {first}. Skipping doses to taper is strongly discouraged, because the level in the body "
    "rises and falls from day to day; discuss a steady daily schedule with your prescriber.")
OFF_PLAN_DOSE = _t(
    "finding.off_plan_dose",
    "The {drug} dose logged differs from the plan on {count} in the last {window} "
    "(latest {latest}: {taken} mg logged, plan {planned} mg).")
DOUBLE_DOSE = _t(
    "finding.double_dose",
    "{taken} mg of {drug} is logged on {date}, {times} times the usual {usual} mg. If this "
    "was not intended, tell your prescriber.")
DOSE_TIMING = _t(
    "finding.dose_timing",
    "{drug} was logged more than {tolerance} hours from the usual {usual} on {count} in the last "
    "{window} (latest {latest} at {time}). With a half-life of about {half_life} hours, dose "
    "timing changes the level in the body.")
LARGE_CUT = _t(
    "finding.large_cut",
    "The cut of {drug} on {date} from {from_mg} to {to_mg} mg was {pct}%, more than the plan's "
    "maximum of {max}% per step.")
LARGE_CUT_BENZO = _t(
    "finding.large_cut_benzo",
    "Cuts of {drug} add up to {pct}% in the {window} to {date}. The ASAM 2025 benzodiazepine "
    "tapering guideline says a taper should typically not exceed {max}% every 2 weeks; discuss the "
    "pace with your prescriber.")
CUT_DURING_HOLD = _t(
    "finding.cut_during_hold",
    "The cut of {drug} on {date} was made while symptoms were up: {why}")
SIMULTANEOUS_CHANGE = _t(
    "finding.simultaneous_change",
    "{drug} changed on {date} and {other} on {other_date}, {apart} apart. With one change at a "
    "time it is possible to tell which change causes which symptoms; discuss the order with your "
    "prescriber.")
REINSTATEMENT_CYCLE = _t(
    "finding.reinstatement_cycle",
    "{n} reinstatements of {drug} are recorded (latest {latest}). Repeated cut-and-reinstate "
    "cycles can make later withdrawals harder; a slower rate is worth discussing with your "
    "prescriber.")
EXPOSURE = _t(
    "finding.exposure",
    "On days with {what} and the day after, mean burden was {with_mean} (n={n_with}) vs "
    "{without_mean} on other days (n={n_without}) in the last {window}: {diff} points {direction}.")
WAVE = _t(
    "finding.wave",
    "A wave: {n} elevated days from {first} to {last} (peak burden {peak} on {peak_date}), against "
    "a baseline mean of {baseline}.")
WITHDRAWAL_PATTERN = _t(
    "finding.withdrawal_pattern",
    "The wave from {first} began {after} after the {change} of {drug} on {date}{symptoms}: a "
    "pattern consistent with withdrawal. This is a reading of the journal, not a diagnosis.")
POSSIBLE_RELAPSE = _t(
    "finding.possible_relapse",
    "The wave from {first} began {timing}, with mood symptoms ({symptoms}) and no physical ones: "
    "may be relapse; discuss with your prescriber.")
SEVERE_SYMPTOM = _t(
    "finding.severe_symptom",
    "{symptom} was scored {score} on {date}; {severe} or more counts as severe.")
RED_FLAG = _t(
    "finding.red_flag",
    "Red-flag symptom: {symptom} at {score} on {date}. {crisis}")

#: Shown with red-flag findings when taper.yaml sets no `crisis:` text. Deliberately generic: no
#: phone numbers, because they differ by country; the person can set their own.
DEFAULT_CRISIS_TEXT = (
    "If you are in danger or thinking about ending your life, contact your local emergency number "
    "or a crisis line now, or go to the nearest emergency department. A seizure needs emergency "
    "care. Tell someone you trust and contact your prescriber as soon as you can. (You can put the "
    "crisis contacts for your country under 'crisis:' in taper.yaml.)")

DISCLAIMER = (
    "This is information read from your journal, not medical advice: decisions stay with you and "
    "your prescriber.")

#: Every template, for tests and for the app's help screen.
CATALOGUE: tuple[Template, ...] = tuple(_CATALOGUE)


# --- kindling episode kinds, as people read them ------------------------------------------------

KINDLING_KINDS: dict[str, str] = {
    "stop_restart": "stopped, then restarted",
    "reinstatement": "reinstated after a cut",
    "large_cut": "cut larger than the plan's maximum",
    "cut_during_hold": "cut while symptoms called for a hold",
}


def kindling_kind(kind: str) -> str:
    """A kindling episode kind in plain words (the machine name when it has none)."""
    return KINDLING_KINDS.get(kind, kind.replace("_", " "))
