"""A tiny deterministic journal generator for the store's fault, fuzz and cache tests.

`write_journal(root, days)` writes a valid `taper.yaml` and `days` day files ending on `END` in the
format of /tmp/format-spec.md: header comments, end-of-line comments, both sequence styles, flow
maps, `|` notes, two drugs. `benchmarks/gen_journal.py` is the full generator; this one only needs
to be realistic enough that every file goes through the real parser and decoder.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

END = dt.date(2026, 11, 26)
TODAY = dt.date(2026, 11, 27)
SYMPTOMS = ("brain_zaps", "dizziness", "insomnia", "anxiety", "low_mood", "irritability")

SETTINGS = """\
# taper.yaml written by tests/store/synth_journal.py
version: 1
drugs:
  sertraline:
    dose_time: "08:00"
    doses_per_day: 1
    forms:
      - liquid: 20          # mg per mL
        syringe_ml: 0.05
      - tablet: 50
        split: 2
    plan:
      start: 2016-11-30
      start_mg: 100
      method: percent
      cut_percent: 5
      step_days: 28
      max_cut_percent: 10
  clonazepam:
    dose_time: "21:30"
    forms:
      - tablet: 0.5
        split: 4
symptoms:
  brain_zaps: {kind: physical}
  dizziness: {kind: physical}
  insomnia: {kind: sleep}
  anxiety: {kind: mood}
  low_mood: {kind: mood}
  irritability: {kind: mood}
  suicidal_thoughts: {kind: mood, red_flag: true}
rules:
  baseline_days: 14
history:
  - date: 2015-03-01
    drug: sertraline
    event: started
    mg: 50
"""


def day_text(date: dt.date, index: int, rng: random.Random) -> str:
    """One valid day file (about 20-30 lines)."""
    mg = max(0.8, round(100 * 0.95 ** (index // 28), 3))
    lines = [f"# Day {index + 1} of the taper", f"date: {date.isoformat()}", "doses:"]
    dash = "  - " if index % 3 else "- "
    pad = " " * len(dash)
    lines += [f"{dash}drug: sertraline", f'{pad}time: "08:{rng.randrange(60):02d}"',
              f"{pad}mg: {mg}", f"{pad}measured: {mg / 20:.2f} mL of 20 mg/mL"]
    if index >= 400:
        lines += [f"{dash}drug: clonazepam", f'{pad}time: "21:{rng.randrange(60):02d}"',
                  f"{pad}mg: {max(0.013, round(0.5 * 0.97 ** ((index - 400) // 28), 3))}"]
    lines.append("symptoms:")
    for name in SYMPTOMS:
        comment = "  # after the cut" if rng.random() < 0.08 else ""
        lines.append(f"  {name}: {rng.randrange(11)}{comment}")
    if rng.random() < 0.15:
        lines.append("# a comment line between keys")
    if index % 2:
        lines += ["exposures:", f'  - {{what: caffeine, amount: {rng.randrange(1, 4)} cups, '
                  f'time: "09:{rng.randrange(60):02d}"}}']
    else:
        lines += ["exposures:", f"{dash}what: caffeine", f"{pad}amount: 1 cup"]
    if index % 28 == 0 and index:
        lines += ["events:", f"{dash}type: cut", f"{pad}drug: sertraline", f"{pad}mg: {mg}"]
    lines += ["notes: |", f"  Day {index + 1}. Slept {rng.randrange(4, 9)} hours; "
              "zaps in the afternoon.", "  Walked for half an hour."]
    return "\n".join(lines) + "\n"


def write_journal(root: Path, days: int, *, end: dt.date = END, seed: int = 1) -> list[Path]:
    """Write a journal with `days` day files ending on `end`; return the day file paths."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "taper.yaml").write_text(SETTINGS, encoding="utf-8")
    (root / ".gitignore").write_text(".taper-cache/\n", encoding="utf-8")
    start = end - dt.timedelta(days=days - 1)
    paths = []
    for i in range(days):
        date = start + dt.timedelta(days=i)
        path = root / "days" / f"{date.year:04d}" / f"{date.isoformat()}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(day_text(date, i, rng), encoding="utf-8")
        paths.append(path)
    return paths
