"""What the Log screen shows for one day: its rows (doses, scores, exposures), head and red flags.

Pure rendering over a `LogForm` and the journal: Textual markup strings and `Option`s, no state.
Row ids say what a row is: `dose:<drug>`, `sym:<name>`, `exp:<what>`, and `exp+` (add one).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from textual.markup import escape
from textual.widgets.option_list import Option

from taper_tui.core import wording
from taper_tui.core.model import Journal
from taper_tui.store.journal_store import day_relpath
from taper_tui.ui.log_form import LogForm, recent_exposures

Plans = dict[str, tuple[Decimal | None, str | None]]
"""Per drug: the planned mg for the form's day and how to measure it (both may be unknown)."""

ADD_EXPOSURE = "exp+"


def dose_prompt(form: LogForm, drug: str, plans: Plans) -> str:
    doses = form.doses_of(drug)
    name = escape(drug.ljust(14))
    if doses:
        total = sum((d.mg for d in doses), Decimal(0))
        return f"{name} [b]{wording.mg(total)} mg[/b] [$success]✓ logged[/]"
    mg, how = plans.get(drug, (None, None))
    if mg is None:
        return f"{name} [dim]no dose logged · c to enter one[/]"
    extra = f" — {escape(how)}" if how else ""
    return (f"{name} planned [b]{wording.mg(mg)} mg[/b]{extra}\n"
            f"{' ' * 15}[dim]Enter: taken as planned · c: another amount[/]")


def score_prompt(form: LogForm, journal: Journal, name: str) -> str:
    score = form.score(name)
    flag = journal.settings.is_red_flag(name)
    label = escape(name.replace("_", " ").ljust(18))
    bar = "–" if score is None else "■" * score + "[dim]" + "□" * (10 - score) + "[/]"
    value = "  " if score is None else f"{score:>2}"
    text = f"{label} {bar} {value}"
    if flag:
        text += " [dim](red flag)[/]"
    return f"[$error]{text}[/]" if flag and score else text


def exposure_prompt(form: LogForm, what: str) -> str:
    mark = "[b $success]✓[/]" if form.has_exposure(what) else " "
    return f"\\[{mark}] {escape(what)}"


def row_ids(form: LogForm, journal: Journal) -> list[str]:
    """Doses in taper.yaml's order, then the tracked symptoms (and any other scored ones), then
    the recent exposures (and the day's own), then the row that adds an exposure."""
    ids = [f"dose:{drug}" for drug in journal.settings.drugs]
    names = [s.name for s in journal.settings.symptoms]
    names += sorted(n for n in (form.base.symptoms if form.base else {}) if n not in names)
    names += sorted(n for n in form.symptoms if n not in names)
    ids += [f"sym:{name}" for name in names]
    shown = list(recent_exposures(journal, form.date))
    shown += [e.what for e in (form.base.exposures if form.base else ()) if e.what not in shown]
    shown += [w for w in form.exposures if w not in shown]
    ids += [f"exp:{what}" for what in shown]
    ids.append(ADD_EXPOSURE)
    return ids


def row_prompt(row: str, form: LogForm, journal: Journal, plans: Plans) -> str:
    if row.startswith("dose:"):
        return dose_prompt(form, row[5:], plans)
    if row.startswith("sym:"):
        return score_prompt(form, journal, row[4:])
    if row.startswith("exp:"):
        return exposure_prompt(form, row[4:])
    return "[dim]+ add an exposure (a)[/]"


def row_options(form: LogForm, journal: Journal, plans: Plans) -> list[Option]:
    return [Option(row_prompt(row, form, journal, plans), id=row)
            for row in row_ids(form, journal)]


def head_markup(form: LogForm, today: dt.date, writable: bool, git_note: str = "") -> str:
    """Two lines: the day and its saved state; then the day keys and the file's path."""
    when = form.date.strftime("%A %d %B %Y")
    rel = " (today)" if form.date == today else ""
    if not writable:
        status = "[b $error]read-only: not saved[/]"
    elif form.kept:
        status = "[b $warning]● unsaved: kept after an outside edit · ctrl+s saves[/]"
    elif form.dirty:
        status = "[$warning]… saving[/]"
    elif form.touched or form.saved_any:
        status = "[b $success]✓ saved[/]" + (f" [dim]· {escape(git_note)}[/]" if git_note else "")
    elif form.base is None:
        status = "[dim]not logged yet[/]"
    else:
        status = "[dim]no changes[/]"
    return (f"[b]{when}[/b]{rel}   {status}\n[dim][ previous day · ] next day · "
            f"{escape(day_relpath(form.date))}[/]")


def red_flag_markup(form: LogForm, journal: Journal) -> str:
    """The red-flag symptoms scored above 0 with the crisis text, or '' when there are none."""
    settings = journal.settings
    flags = [n for n in settings.red_flags if (form.score(n) or 0) > 0]
    flags += [s.name for s in settings.symptoms
              if s.red_flag and (form.score(s.name) or 0) > 0 and s.name not in flags]
    if not flags:
        return ""
    crisis = settings.crisis_text or wording.DEFAULT_CRISIS_TEXT
    return (f"[b]{escape(', '.join(f.replace('_', ' ') for f in flags))}[/b]: "
            f"{escape(crisis)}")
