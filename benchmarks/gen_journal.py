#!/usr/bin/env python3
"""Write a synthetic taper journal for the benchmarks: N years of day files ending on 2026-11-26.

    python benchmarks/gen_journal.py OUT --years N [--seed S]

Deterministic for a given N and seed. OUT must not exist yet or be empty. The journal is valid:
`taper-tui check OUT` reports no errors (with TAPER_TODAY=2026-11-27).

What it holds, to look like years of hand-kept files rather than one template:
- Two drugs. Sertraline from 100 mg as the 20 mg/mL concentrate, cut by 5-10% of the current dose
  after holds of 28-56 days; below 20 mg a home-made 2 mg/mL dilution. At the smallest dose it is
  stopped, and some months later reinstated (the next taper starts lower). Clonazepam starts later
  (day 400, or a third of the way into shorter journals), is held, then tapered the same way.
- Symptom scores that drift around a personal baseline and jump after a cut (a wave: physical
  symptoms first, then mood and sleep), then revert; sometimes a big wave and a `hold` event.
- Missed doses (some with a `skipped` event), coffee, alcohol and the odd supplement.
- Variety in how the files are written: header, end-of-line and between-key comments; sequences
  indented (`  - `) or flush with their key (`- `); flow maps on some days; quoted and unquoted
  times; `|` block notes and one-line notes; key order that varies now and then.

It writes text directly (no YAML library) so that 30 years (10,950 files) take a few seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

END = dt.date(2026, 11, 26)

# name -> (kind, personal baseline score, how strongly a withdrawal wave shows in it)
SYMPTOMS: dict[str, tuple[str, float, float]] = {
    "brain_zaps": ("physical", 0.2, 1.0),
    "dizziness": ("physical", 0.3, 0.7),
    "nausea": ("physical", 0.2, 0.4),
    "fatigue": ("physical", 1.5, 0.5),
    "insomnia": ("sleep", 1.2, 0.8),
    "anxiety": ("mood", 2.0, 0.6),
    "low_mood": ("mood", 1.2, 0.5),
    "irritability": ("mood", 1.0, 0.5),
}
NAMES = tuple(SYMPTOMS)
RED_FLAG = "suicidal_thoughts"

EOL_COMMENTS = ("worse in the evening", "on and off", "mostly after lunch", "mild",
                "woke at 4", "when I stood up", "better than yesterday")
HEADERS = ("written in the evening", "filled in the next morning", "from my phone",
           "short entry today")
BETWEEN = ("scored at bedtime", "added later", "roughly", "from memory")
NOTE_LINES = (
    "Quiet day.", "Walked to work, felt fine.", "Long day at work.", "Swim after work.",
    "Cooked with friends.", "Rain all day, stayed in.", "Slept badly, woke at 3.",
    "Zaps when turning my head.", "Dizzy on the stairs in the morning.", "Good day.",
    "Talked to Dr. Okafor: agreed to hold this step two more weeks.",
    "Bit teary in the evening, passed.", "Headache in the afternoon.", "Yoga, then early night.",
    "Jittery after the second coffee.", "Visited my parents.", "Tired but OK.",
)


def mg_text(ug: int) -> str:
    """Micrograms as an mg number without trailing zeros: 59500 -> 59.5, 100000 -> 100."""
    return format(Decimal(ug).scaleb(-3).normalize(), "f")


def ml_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


@dataclass
class Course:
    """One drug's days: the dose (µg, or None when not taken), events and the step number."""

    name: str
    dose: list[int | None]
    step: list[int]
    events: dict[int, list[list[tuple[str, str]]]] = field(default_factory=dict)
    waves: list[tuple[int, float, int]] = field(default_factory=list)
    """(day index of the cut, amplitude, length in days)."""
    taper_start: int = 0
    start_ug: int = 0

    def event(self, i: int, kind: str, ug: int | None = None, note: str | None = None) -> None:
        entry = [("type", kind), ("drug", self.name)]
        if ug is not None:
            entry.append(("mg", mg_text(ug)))
        if note is not None:
            entry.append(("note", note))
        self.events.setdefault(i, []).append(entry)


def next_dose(ug: int, cut: float, grid: int) -> int | None:
    """`ug` cut by `cut`, rounded to `grid`, never by more than 10%; None if no cut fits."""
    new = round(ug * (1 - cut) / grid) * grid
    if (ug - new) * 10 > ug:
        new += grid
    if new >= ug:
        new = ug - grid
    if new <= 0 or (ug - new) * 10 > ug:
        return None
    return new


def simulate(rng: random.Random, name: str, n: int, first: int, start_ug: int, held: int,
             floor_ug: int, grid: dict[int, int], restart_ug: int) -> Course:
    """Hold `held` days from day `first`, then cut 5-10% every 28-56 days down to `floor_ug`.

    `grid` maps a threshold (µg) to the measuring resolution used for doses at or above it.
    At the floor the drug is stopped; after months off it is reinstated at `restart_ug`.
    """
    course = Course(name, [None] * n, [0] * n, taper_start=min(first + held, n - 1),
                    start_ug=start_ug)
    i, ug, step, hold = first, start_ug, 0, held
    if first > 0:
        course.event(first, "started", start_ug)
    while i < n:
        for j in range(i, min(n, i + hold)):
            course.dose[j], course.step[j] = ug, step
        i += hold
        if i >= n:
            break
        cut = rng.uniform(0.05, 0.10)
        target = ug * (1 - cut)
        resolution = grid[max(t for t in grid if target >= t)]
        new = next_dose(ug, cut, resolution) if ug > floor_ug else None
        if new is None:
            course.event(i, "stopped", note="stopped at the smallest step")
            off = rng.randint(90, 240)
            i += off
            if i >= n:
                break
            ug, step = restart_ug, step + 1
            course.event(i, "reinstated", ug, note="symptoms came back; restarted low")
            hold = rng.randint(28, 56)
            continue
        ug, step = new, step + 1
        course.event(i, "cut", ug)
        size = rng.random()
        if size < 0.06:  # a big wave: hold, and stay longer on this step
            amplitude, length = rng.uniform(4.5, 6.5), rng.randint(18, 30)
            course.event(i + rng.randint(3, 6), "hold", note="waiting for the wave to pass")
            hold = 56
        else:
            amplitude, length = rng.uniform(0.5, 2.5), rng.randint(6, 14)
            hold = rng.randint(28, 56)
        course.waves.append((i, amplitude, length))
    return course


def wave_boost(n: int, courses: list[Course]) -> list[float]:
    """Per day, how far withdrawal waves lift the scores: rises from day 2, peaks, fades."""
    boost = [0.0] * n
    for course in courses:
        for start, amplitude, length in course.waves:
            peak = 2 + length // 4
            for k in range(2, length):
                j = start + k
                if j >= n:
                    break
                shape = (k - 1) / (peak - 1) if k < peak else (length - k) / (length - peak)
                boost[j] += amplitude * shape
    return boost


def sertraline_measure(ug: int) -> str:
    if ug >= 20000:
        return f"{ml_text(Decimal(ug) / 20000)} mL of 20 mg/mL"
    return f"{ml_text(Decimal(ug) / 2000)} mL of 2 mg/mL (my dilution)"


def clonazepam_measure(ug: int) -> str:
    if ug % 125 == 0 and ug >= 500:
        return f"{ml_text(Decimal(ug) / 500)} x 0.5 mg tablet"
    return f"{ml_text(Decimal(ug) / 100)} mL of 0.1 mg/mL suspension"


class Writer:
    """Renders one day with this file's own style choices."""

    def __init__(self, rng: random.Random) -> None:
        self.flush = rng.random() < 0.35
        self.quote_times = rng.random() < 0.7
        self.dash = "- " if self.flush else "  - "
        self.cont = "  " if self.flush else "    "

    def time(self, minutes: int) -> str:
        text = f"{minutes // 60:02d}:{minutes % 60:02d}"
        return f'"{text}"' if self.quote_times else text

    def items(self, out: list[str], entries: list[list[tuple[str, str]]], flow: bool,
              comment: str | None = None) -> None:
        for entry in entries:
            if flow:
                # Times are always quoted in flow maps: libyaml (ruamel's C parser) rejects a
                # plain `20:31` inside braces although YAML 1.2 allows it.
                inner = ", ".join(f'{k}: "{v}"' if k == "time" and v[0] != '"' else f"{k}: {v}"
                                  for k, v in entry)
                out.append(self.dash + "{" + inner + "}")
                continue
            first = True
            for k, v in entry:
                out.append(f"{self.dash if first else self.cont}{k}: {v}")
                first = False
            if comment:
                out[-1] += f"  # {comment}"
                comment = None


def quoted(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def note_value(text: str) -> str:
    plain = ": " not in text and " #" not in text and text[0] not in "-?:,[]{}#&*!|>'\"%@`"
    return text if plain else quoted(text)


def generate(out: Path, years: int, seed: int) -> int:
    rng = random.Random(seed)
    n = 365 * years
    first_date = END - dt.timedelta(days=n - 1)
    sertraline = simulate(rng, "sertraline", n, 0, 100_000, rng.randint(28, 56), 500,
                          {20_000: 1000, 0: 20}, 10_000)
    cz_first = min(400, n // 3)
    clonazepam = simulate(rng, "clonazepam", n, cz_first, 1000, min(180, n // 4), 50,
                          {1250: 125, 0: 5}, 500)
    boost = wave_boost(n, [sertraline, clonazepam])

    level = {s: SYMPTOMS[s][1] for s in NAMES}
    missed_yesterday = False
    made_dirs: set[int] = set()
    ordinal0 = first_date.toordinal()
    for i in range(n):
        date = dt.date.fromordinal(ordinal0 + i)
        w = Writer(rng)
        r = rng.random
        lines: list[str] = []
        step = sertraline.step[i]
        if r() < 0.75:
            lines.append(f"# Day {i + 1} of taper - sertraline step {step}")
        if r() < 0.08:
            lines.append(f"# {rng.choice(HEADERS)}")
        body: dict[str, list[str]] = {}

        # Doses.
        doses: list[list[tuple[str, str]]] = []
        missed = False
        if sertraline.dose[i] is not None:
            if r() < 0.012:
                missed = True
                if r() < 0.5:
                    sertraline.event(i, "skipped")
            else:
                ug = sertraline.dose[i] or 0
                entry = [("drug", "sertraline"), ("mg", mg_text(ug))]
                if r() < 0.92:
                    entry.append(("time", w.time(8 * 60 + rng.randint(-30, 75))))
                if r() < 0.8:
                    entry.append(("measured", sertraline_measure(ug)))
                doses.append(entry)
        if clonazepam.dose[i] is not None:
            ug = clonazepam.dose[i] or 0
            entry = [("drug", "clonazepam"), ("mg", mg_text(ug)),
                     ("time", w.time(21 * 60 + rng.randint(-30, 60)))]
            if r() < 0.7:
                entry.append(("measured", clonazepam_measure(ug)))
            doses.append(entry)
        if doses:
            body["doses"] = ["doses:"]
            w.items(body["doses"], doses, r() < 0.2, "late" if r() < 0.03 else None)

        # Exposures.
        exposures: list[list[tuple[str, str]]] = []
        coffee = r() < 0.45
        if coffee:
            exposures.append([("what", "caffeine"), ("amount", rng.choice(("1 cup", "2 cups"))),
                              ("time", w.time(rng.randint(8 * 60, 15 * 60)))])
        drink = r() < 0.15
        if drink:
            exposures.append([("what", "alcohol"),
                              ("amount", rng.choice(("1 glass of wine", "2 beers"))),
                              ("time", w.time(rng.randint(18 * 60, 22 * 60)))])
        if r() < 0.05:
            exposures.append([("what", "magnesium"), ("amount", "1 tablet")])
        if exposures:
            body["exposures"] = ["exposures:"]
            w.items(body["exposures"], exposures, r() < 0.3)

        # Symptoms: drift back towards the baseline, plus waves, missed doses and coffee.
        lift = boost[i] + (2.0 if missed_yesterday else 0.0)
        scores: dict[str, int] = {}
        for s in NAMES:
            _, base, weight = SYMPTOMS[s]
            level[s] += (base - level[s]) * 0.3 + rng.gauss(0, 0.6)
            value = level[s] + lift * weight + (0.8 if coffee and s in ("anxiety", "insomnia")
                                                else 0.0)
            scores[s] = max(0, min(10, round(value)))
        missed_yesterday = missed
        if r() < 0.1:
            scores = {s: v for s, v in scores.items() if v > 0} or {"anxiety": 0}
        if r() < 0.1:
            scores[RED_FLAG] = 0
        if r() < 0.1:
            body["symptoms"] = ["symptoms: {" + ", ".join(f"{s}: {v}" for s, v in scores.items())
                                + "}"]
        else:
            sym = ["symptoms:"] + [f"  {s}: {v}" for s, v in scores.items()]
            if r() < 0.15:
                k = rng.randrange(1, len(sym))
                sym[k] += f"  # {rng.choice(EOL_COMMENTS)}"
            body["symptoms"] = sym

        # Events (cuts, holds, starts, stops, skips), then notes.
        events = sertraline.events.get(i, []) + clonazepam.events.get(i, [])
        if events:
            body["events"] = ["events:"]
            w.items(body["events"], events, False)
        roll = r()
        if roll < 0.45:
            chosen = rng.sample(NOTE_LINES, rng.randint(1, 3))
            body["notes"] = ["notes: |"] + [f"  {line}" for line in chosen]
        elif roll < 0.55:
            body["notes"] = [f"notes: {note_value(rng.choice(NOTE_LINES))}"]

        order = ["doses", "symptoms", "exposures", "events", "notes"]
        if r() < 0.05:
            order = ["symptoms", "doses", "notes", "exposures", "events"]
        between = rng.choice(order) if r() < 0.1 else None
        lines.append(f"date: {date.isoformat()}")
        for key in order:
            if key in body:
                if key == between:
                    lines.append(f"# {rng.choice(BETWEEN)}")
                lines.extend(body[key])

        iso = date.isoformat()
        folder = f"{out}/days/{iso[:4]}"
        if date.year not in made_dirs:
            Path(folder).mkdir(parents=True, exist_ok=True)
            made_dirs.add(date.year)
        with open(f"{folder}/{iso}.yaml", "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    # Written last, so that a folder holding taper.yaml is a complete journal (bench.py reuses it).
    write_settings(out, first_date, clonazepam, first_date + dt.timedelta(days=cz_first))
    return n


def write_settings(out: Path, first: dt.date, clonazepam: Course, cz_start: dt.date) -> None:
    cz_plan = first + dt.timedelta(days=clonazepam.taper_start)
    text = f"""\
# Synthetic benchmark journal, written by benchmarks/gen_journal.py. Not a real person.
# Every value here is made up for the benchmark; nothing in it is advice.
version: 1
drugs:
  sertraline:
    class: ssri
    dose_time: "08:00"
    doses_per_day: 1
    forms:
      # Sertraline oral concentrate, 20 mg/mL (openFDA NDC 59762-0067; clinical.md 5.1).
      - liquid: 20
        syringe_ml: 0.05
      # A home-made 1-in-10 dilution of the concentrate, for the small doses.
      - liquid: 2
        syringe_ml: 0.01
    plan:
      start: {first.isoformat()}
      start_mg: 100
      method: percent
      cut_percent: 7.5     # of the current dose
      step_days: 42
      max_cut_percent: 10
      final_mg: 0.5
  clonazepam:
    class: benzodiazepine
    dose_time: "21:30"
    doses_per_day: 1
    forms:
      - tablet: 0.5        # synthetic: this person's packet, not a sourced strength
        split: 4
      # Home-made suspension: one 0.5 mg tablet in 5 mL of water.
      - liquid: 0.1
        syringe_ml: 0.05
    plan:
      start: {cz_plan.isoformat()}
      start_mg: 1
      method: percent
      cut_percent: 7.5
      step_days: 42
      max_cut_percent: 10
      final_mg: 0.05
symptoms:
  brain_zaps: {{kind: physical}}
  dizziness: {{kind: physical}}
  nausea: {{kind: physical}}
  fatigue: {{kind: physical}}
  insomnia: {{kind: sleep}}
  anxiety: {{kind: mood}}
  low_mood: {{kind: mood}}
  irritability: {{kind: mood}}
  suicidal_thoughts: {{kind: mood, red_flag: true}}
red_flags: [suicidal_thoughts, akathisia, seizure]
rules:
  baseline_days: 14
  stable_days: 14
equivalence_table: ashton
git:
  autocommit: false
history:
  - date: {(first - dt.timedelta(days=700)).isoformat()}
    drug: sertraline
    event: stopped
    mg: 100
    note: stopped cold turkey
  - date: {(first - dt.timedelta(days=670)).isoformat()}
    drug: sertraline
    event: reinstated
    mg: 100
  - drug: clonazepam      # date unknown
    event: started
    mg: 0.5
    note: "first prescribed for sleep, years ago (started again on {cz_start.isoformat()})"
"""
    out.mkdir(parents=True, exist_ok=True)
    (out / "taper.yaml").write_text(text, encoding="utf-8")
    (out / ".gitignore").write_text(".taper-cache/\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to create (must not exist or be empty)")
    parser.add_argument("--years", type=int, required=True, help="years of days: 1, 3, 10, 30")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.years < 1:
        parser.error("--years must be at least 1")
    if args.out.exists() and any(args.out.iterdir()):
        print(f"gen_journal: {args.out} is not empty; refusing to write into it", file=sys.stderr)
        return 2
    count = generate(args.out, args.years, args.seed)
    print(f"wrote {count} day files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
