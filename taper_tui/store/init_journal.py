"""Creating a new journal folder with a commented `taper.yaml` that explains itself."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from taper_tui.store.atomic import WriteError, atomic_write, make_dirs
from taper_tui.store.layout import CACHE_DIR, DAYS_DIR, SETTINGS_FILE

GITIGNORE = f"# Derived data written by taper-tui; rebuilt when missing.\n{CACHE_DIR}/\n"


class JournalExists(Exception):
    """`init` never overwrites a journal."""


@dataclass(frozen=True, slots=True)
class InitOptions:
    drug: str = "sertraline"
    start_mg: Decimal = Decimal(50)
    start: dt.date | None = None
    method: str = "percent"
    form_lines: tuple[str, ...] = (
        "      - tablet: 50      # mg per tablet",
        "        split: 2        # may be halved",
    )


def _number(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())


def settings_text(options: InitOptions, today: dt.date) -> str:
    start = options.start or today
    forms = "\n".join(options.form_lines)
    return f"""\
# taper.yaml: your taper settings. Edit it in any text editor; taper-tui reads it at every start.
# The full reference is docs/journal-format.md. Lines starting with # are comments.
# taper-tui informs; decisions about your medicines stay with you and your prescriber.
version: 1

drugs:
  {options.drug}:
    dose_time: "08:00"      # when you usually take it (HH:MM, in quotes)
    doses_per_day: 1
    forms:                  # what you have at home; the kind is the key, its value the strength
{forms}
      # - liquid: 20        # oral liquid, mg per mL
      #   syringe_ml: 0.05  # the smallest mark on your oral syringe
      # - capsule: 20       # mg per capsule; beads: your own count of beads in one capsule
      #   beads: 220
      # - scale: 0.001      # a scale's resolution in grams
    plan:
      start: {start.isoformat()}     # first day of the current dose
      start_mg: {_number(options.start_mg)}            # the dose you start from, in mg
      method: {options.method}         # percent | occupancy | linear | slide | custom
      cut_percent: 10       # each step cuts this % of the CURRENT dose, so cuts shrink as you go
      step_days: 28         # days on each step at least; holding a step shifts the next one
      max_cut_percent: 10   # the rate guard: no step cuts more than this % of the current dose

symptoms:                   # what you rate each day, 0 = none .. 10 = worst
  brain_zaps: {{kind: physical}}
  dizziness: {{kind: physical}}
  nausea: {{kind: physical}}
  insomnia: {{kind: sleep}}
  anxiety: {{kind: mood}}
  low_mood: {{kind: mood}}
  irritability: {{kind: mood}}
  suicidal_thoughts: {{kind: mood, red_flag: true}}   # any score above 0 shows crisis guidance

# rules:                    # thresholds for the recommendations (defaults shown)
#   baseline_days: 14       # days before a cut that form your baseline
#   current_days: 7         # recent days compared against it
#   stable_days: 14         # days near baseline before the next step is suggested
#   severe_score: 7         # a single score this high counts as severe

# crisis: |                 # shown with any red-flag symptom; put your country's crisis line here
#   Call your local emergency number or crisis line now.

equivalence_table: ashton   # benzodiazepine equivalents: ashton | vadod

git:
  autocommit: false         # true: commit each day you log (only the files taper-tui wrote)

history:                    # earlier stops, restarts and reinstatements, before this journal
  # - date: 2021-03-01
  #   drug: {options.drug}
  #   event: stopped          # stopped | started | reinstated | cut | switched
  #   note: stopped cold turkey; zaps for six weeks
  []
"""


def init_journal(folder: Path, today: dt.date, options: InitOptions | None = None,
                 *, git: bool = False) -> list[str]:
    """Create the journal; return what was done, one line each. Raises JournalExists."""
    options = options or InitOptions()
    folder = Path(folder)
    if (folder / SETTINGS_FILE).exists():
        raise JournalExists(f"{folder} already holds a journal ({SETTINGS_FILE}); nothing changed")
    if folder.exists() and any(p.name not in (".git",) for p in folder.iterdir()):
        raise JournalExists(f"{folder} is not empty; choose a new or empty folder")
    make_dirs(folder)
    folder.chmod(0o700)
    make_dirs(folder / DAYS_DIR)
    atomic_write(folder / SETTINGS_FILE, settings_text(options, today).encode("utf-8"))
    atomic_write(folder / ".gitignore", GITIGNORE.encode("utf-8"))
    done = [f"created {folder}/{SETTINGS_FILE}", f"created {folder}/{DAYS_DIR}/",
            f"created {folder}/.gitignore"]
    if git:
        done.extend(_git_init(folder))
    return done


def _git_init(folder: Path) -> list[str]:
    git = shutil.which("git")
    if git is None:
        return ["git is not installed: the journal works without it"]
    try:
        for args in (["init", "-q"], ["add", SETTINGS_FILE, ".gitignore"],
                     ["-c", "user.name=taper-tui", "-c", "user.email=taper-tui@localhost",
                      "commit", "-q", "-m", "Start the taper journal"]):
            subprocess.run([git, *args], cwd=folder, check=True, capture_output=True,
                           timeout=30)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        raise WriteError(f"git init failed in {folder}: {exc}") from exc
    return ["initialised a git repository with a first commit"]
