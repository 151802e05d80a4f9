"""Writing the prescriber report and the calendar from the app (command palette).

The same functions as `taper-tui report` and `taper-tui calendar`: the rules' assessment ->
`core.report_model.build_report` -> `cli.report_render.render_html|render_markdown`, and
`core.calendar_ics.upcoming_steps` -> `build_calendar`; written atomically by the store. The app
asks where (prefilled with a file next to the journal folder) and runs `write_export` in a thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from taper_tui.core.model import Journal

KINDS = {
    "html": ("prescriber report (HTML)", "taper-report-{date}.html"),
    "md": ("prescriber report (Markdown)", "taper-report-{date}.md"),
    "ics": ("calendar of the planned steps", "taper-steps-{date}.ics"),
}


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    error: str | None = None
    notes: tuple[str, ...] = ()
    """Things the calendar could not include (a plan without dates, ...)."""


def default_path(root: Path, kind: str, today: dt.date) -> Path:
    """Beside the journal folder (not inside it: the folder holds the journal's own files)."""
    return Path(root).resolve().parent / KINDS[kind][1].format(date=today.isoformat())


def resolve_path(answer: str, root: Path) -> Path:
    """The path typed: `~` expanded; a relative path is taken from the journal folder's parent."""
    path = Path(answer.strip()).expanduser()
    return path if path.is_absolute() else Path(root).resolve().parent / path


def export_text(journal: Journal, today: dt.date, kind: str,
                stamp: dt.datetime | None = None) -> tuple[str, tuple[str, ...]]:
    """The file's text and any notes, for `kind` "html", "md" or "ics"."""
    from taper_tui.core.rules import evaluate
    from taper_tui.store.drug_data import all_drug_facts

    facts = all_drug_facts(journal.settings)
    assessment = evaluate(journal, today, facts)
    if kind == "ics":
        from taper_tui.core.calendar_ics import build_calendar, upcoming_steps

        progress = {d.drug: d.progress for d in assessment.drugs}
        steps, notes = upcoming_steps(journal.settings.drugs, progress, today)
        return build_calendar(steps, today, stamp or dt.datetime.now(dt.UTC)), tuple(notes)
    from taper_tui.cli.report_render import render_html, render_markdown
    from taper_tui.core.report_model import build_report

    report = build_report(journal, assessment, today, None, None, facts)
    return (render_html(report) if kind == "html" else render_markdown(report)), ()


def write_export(journal: Journal, today: dt.date, kind: str, path: Path) -> ExportResult:
    """Build and write one export; never raises for a problem the person can act on."""
    from taper_tui.store.atomic import WriteError, atomic_write

    try:
        text, notes = export_text(journal, today, kind)
        atomic_write(path, text.encode("utf-8"))
    except (WriteError, OSError) as exc:
        return ExportResult(path, str(exc))
    return ExportResult(path, None, notes)
