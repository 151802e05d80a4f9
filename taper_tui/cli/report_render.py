"""Lay out a `Report` as Markdown or as one self-contained HTML page that prints cleanly.

Both come from the same blocks (paragraphs, tables, lists, charts), so the two formats always
carry the same facts. The HTML has its CSS inline, its charts as inline SVG, and nothing to fetch.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from taper_tui.cli import report_charts
from taper_tui.core.report_model import SECTIONS, Report

DISCLAIMER = ("Prepared by the person from their own taper journal with taper-tui. It informs; it "
              "is not a diagnosis, and any change to a medicine is for the person and their "
              "prescriber to decide together.")


@dataclass(frozen=True, slots=True)
class Para:
    text: str


@dataclass(frozen=True, slots=True)
class Table:
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Items:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    kind: str
    """"burden" (burden and doses) or "symptoms" (one small line per symptom)."""


Block = Para | Table | Items | Chart


def _mg(value: Decimal | None) -> str:
    return "–" if value is None else format(value.normalize(), "f")


def _mean(value: Decimal | None) -> str:
    return "–" if value is None else str(value.quantize(Decimal("0.1")))


def _or_none(items: list[Block], empty: str) -> list[Block]:
    return items or [Para(empty)]


def sections(r: Report) -> list[tuple[str, str, list[Block]]]:
    """(id, title, blocks) for every section, in report order."""
    body: dict[str, list[Block]] = {}
    attention: list[Block] = []
    if r.attention:
        attention.append(Items(tuple(f"[{f.severity.value}] {f.message}" for f in r.attention)))
        if any(f.severity.value == "urgent" for f in r.attention) and r.crisis_text:
            attention.append(Para(r.crisis_text.strip()))
    body["attention"] = _or_none(attention, "No urgent findings or warnings from the rules.")
    body["drugs"] = _or_none([Table(
        ("Drug", "Class", "Now (mg)", "Since", "Plan's next step", "Rules' reading"),
        tuple((d.drug, d.drug_class or "–", _mg(d.current_mg), str(d.since or "–"),
               "on hold" if d.on_hold else (f"{_mg(d.next_mg)} mg on {d.next_date}"
                                            if d.next_date else "–"),
               d.reading + (": " + " ".join(d.reasons) if d.reasons else ""))
              for d in r.drugs))] if r.drugs else [], "No drugs in taper.yaml.")
    body["steps"] = _or_none([Table(("Date", "Drug", "What", "Detail"), tuple(
        (str(s.date), s.drug, s.what, s.detail) for s in r.steps))] if r.steps else [],
        "No dose changes or holds in this period.")
    symptoms: list[Block] = [Chart("burden")] if r.burden else []
    scored = [t for t in r.symptoms if t.days]
    if scored:
        symptoms.append(Table(("Symptom", "Kind", "Days scored", "Mean, first 14", "Mean, last 14",
                               "Peak"), tuple(
            (t.name, t.kind, str(t.days), _mean(t.first_mean), _mean(t.last_mean),
             f"{t.peak} on {t.peak_date}" if t.peak_date else "–") for t in scored)))
        symptoms.append(Chart("symptoms"))
    body["symptoms"] = _or_none(symptoms, "No symptom scores in this period.")
    body["waves"] = _or_none([Table(
        ("From", "To", "Peak burden", "Baseline mean", "Raised symptoms"), tuple(
            (str(w.first), str(w.last), f"{w.peak_burden} on {w.peak_date}",
             _mean(w.baseline_mean), ", ".join(w.raised) or "–") for w in r.waves))]
        if r.waves else [], "No waves (runs of elevated days) in this period.")
    timeline: list[Block] = []
    if r.timeline:
        timeline.append(Table(("Date", "What"), tuple((str(t.date), t.what) for t in r.timeline)))
        timeline.append(Para("Readings follow the timing and kind of symptoms only (onset soon "
                             "after a cut, physical symptoms: consistent with withdrawal; mood "
                             "symptoms returning weeks later: may be relapse). They are not a "
                             "diagnosis."))
    body["timeline"] = _or_none(timeline, "No cuts, reinstatements or waves in this period.")
    kindling = [f"{drug}: {e.date or 'date unknown'} {e.kind.replace('_', ' ')} ({e.source}): "
                f"{e.detail}" for drug, events in r.kindling.items() for e in events]
    body["kindling"] = _or_none([Items(tuple(kindling))] if kindling else [],
                                "No earlier withdrawal episodes recorded.")
    body["dosing"] = _or_none([Items(r.dosing)] if r.dosing else [], "No planned doses to compare.")
    exposures: list[Block] = []
    if r.exposures:
        exposures.append(Table(("Exposure", "Days", "Last"), tuple(
            (e.what, str(e.days), str(e.last)) for e in r.exposures)))
    if r.exposure_findings:
        exposures.append(Items(r.exposure_findings))
    body["exposures"] = _or_none(exposures, "No exposures recorded in this period.")
    body["notes"] = _or_none([Table(("Date", "Note"), tuple(
        (str(n.date), n.text) for n in r.notes))] if r.notes else [],
        "No notes flagged for the prescriber (a note line starting with 'prescriber:' or '!').")
    return [(key, title, body[key]) for key, title in SECTIONS]


def _title(r: Report) -> str:
    return f"Taper report, {r.first} to {r.last}"


def _subtitle(r: Report) -> str:
    return (f"{r.logged_days} days logged in the period; made {r.today}. {DISCLAIMER}")


# --- Markdown ------------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_block(block: Block, r: Report) -> str:
    if isinstance(block, Para):
        return block.text
    if isinstance(block, Items):
        return "\n".join(f"- {_md_cell(i)}" for i in block.items)
    if isinstance(block, Table):
        lines = ["| " + " | ".join(block.head) + " |", "|" + "---|" * len(block.head)]
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
        return "\n".join(lines)
    if block.kind == "burden":
        return "```text\n" + report_charts.burden_text(r.burden, r.doses) + "\n```"
    return ""


def render_markdown(r: Report) -> str:
    out = [f"# {_title(r)}", "", f"_{_subtitle(r)}_", ""]
    for _, title, blocks in sections(r):
        out += [f"## {title}", ""]
        for block in blocks:
            text = _md_block(block, r)
            if text:
                out += [text, ""]
    return "\n".join(out)


# --- HTML ----------------------------------------------------------------------------------------

CSS = """
@page { size: A4; margin: 14mm; }
body { font: 10.5pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #000;
       max-width: 190mm; margin: 0 auto; padding: 0 4mm; }
h1 { font-size: 16pt; margin: 0 0 2pt; }
h2 { font-size: 12pt; margin: 12pt 0 4pt; border-bottom: 1px solid #999; }
p.sub { color: #333; font-size: 9pt; margin: 0 0 6pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { text-align: left; vertical-align: top; padding: 2pt 5pt; border-bottom: 1px solid #ccc; }
th { border-bottom: 1px solid #555; }
ul { margin: 2pt 0; padding-left: 16pt; }
section { break-inside: avoid-page; }
figure { margin: 4pt 0; }
.sparks td { border: none; padding: 1pt 5pt; }
@media print { a { color: #000; text-decoration: none; } }
"""


def _html_block(block: Block, r: Report) -> str:
    if isinstance(block, Para):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Items):
        return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Table):
        head = "".join(f"<th>{escape(h)}</th>" for h in block.head)
        rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                       for row in block.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    waves = [(w.first, w.last) for w in r.waves]
    if block.kind == "burden":
        return "<figure>" + report_charts.burden_svg(r.burden, r.doses, waves, r.first,
                                                     r.last) + "</figure>"
    rows = "".join(f"<tr><td>{escape(t.name)}</td><td>"
                   f"{report_charts.sparkline_svg(t.points, r.first, r.last)}</td></tr>"
                   for t in r.symptoms if t.days)
    return f'<table class="sparks"><tbody>{rows}</tbody></table>'


def render_html(r: Report) -> str:
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{escape(_title(r))}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
             f"<h1>{escape(_title(r))}</h1>", f'<p class="sub">{escape(_subtitle(r))}</p>']
    for key, title, blocks in sections(r):
        parts.append(f'<section id="{key}"><h2>{escape(title)}</h2>')
        parts += [_html_block(b, r) for b in blocks]
        parts.append("</section>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
