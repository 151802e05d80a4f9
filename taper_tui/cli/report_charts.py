"""Charts for the prescriber report: inline SVG for the HTML, plotext text for the Markdown.

The SVG is drawn by hand so the HTML stays one self-contained file with no scripts or fonts to
fetch; it uses dark strokes and dash patterns rather than colour alone, so it prints in black and
white. The text chart is the same plotext rendering the terminal shows, without its colour codes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
DASHES = ("6 3", "2 2", "8 2 2 2")


def _x(date: dt.date, first: dt.date, last: dt.date, left: float, width: float) -> float:
    span = max((last - first).days, 1)
    return left + width * (date - first).days / span


def burden_svg(burden: Sequence[tuple[dt.date, int]],
               doses: Mapping[str, Sequence[tuple[dt.date, Decimal]]],
               waves: Sequence[tuple[dt.date, dt.date]], first: dt.date, last: dt.date,
               width: int = 720, height: int = 230) -> str:
    """Daily symptom burden (solid, left axis), each drug's dose (dashed, right axis), waves
    shaded."""
    left, right, top, bottom = 40.0, 48.0, 14.0, 34.0
    w, h = width - left - right, height - top - bottom
    top_burden = max([b for _, b in burden] + [1])
    top_dose = max([float(mg) for series in doses.values() for _, mg in series] + [1.0])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="100%" role="img" aria-label="Symptom burden and dose, {first} to {last}">',
             "<title>Symptom burden and dose</title>"]
    for wf, wl in waves:
        x0 = _x(max(wf, first), first, last, left, w)
        x1 = _x(min(wl, last), first, last, left, w)
        parts.append(f'<rect x="{x0:.1f}" y="{top}" width="{max(x1 - x0, 2):.1f}" height="{h}" '
                     'fill="#ddd" stroke="none"/>')
    parts.append(f'<rect x="{left}" y="{top}" width="{w}" height="{h}" fill="none" '
                 'stroke="#444" stroke-width="0.8"/>')
    if burden:
        pts = " ".join(f"{_x(d, first, last, left, w):.1f},{top + h - h * b / top_burden:.1f}"
                       for d, b in burden)
        parts.append(f'<polyline points="{pts}" fill="none" stroke="#000" stroke-width="1.6"/>')
    for i, (drug, series) in enumerate(doses.items()):
        if not series:
            continue
        steps: list[str] = []
        for j, (d, mg) in enumerate(series):
            y = top + h - h * float(mg) / top_dose
            x = _x(d, first, last, left, w)
            if j:
                steps.append(f"{x:.1f},{steps[-1].split(',')[1]}")
            steps.append(f"{x:.1f},{y:.1f}")
        parts.append(f'<polyline points="{" ".join(steps)}" fill="none" stroke="#333" '
                     f'stroke-width="1.2" stroke-dasharray="{DASHES[i % len(DASHES)]}">'
                     f"<title>{escape(drug)} mg</title></polyline>")
    text = 'font-family="sans-serif" font-size="10" fill="#000"'
    parts += [
        f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" {text}>{top_burden}</text>',
        f'<text x="{left - 4}" y="{top + h}" text-anchor="end" {text}>0</text>',
        f'<text x="{left + w + 4}" y="{top + 8}" {text}>{top_dose:g} mg</text>',
        f'<text x="{left}" y="{height - 18}" {text}>{first}</text>',
        f'<text x="{left + w}" y="{height - 18}" text-anchor="end" {text}>{last}</text>',
    ]
    legend = "burden (sum of scores, solid)" + "".join(
        f"; {drug} mg (dashed)" for drug in doses if doses[drug])
    if waves:
        legend += "; waves shaded"
    parts.append(f'<text x="{left}" y="{height - 4}" {text}>{escape(legend)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def sparkline_svg(points: Sequence[tuple[dt.date, int]], first: dt.date, last: dt.date,
                  width: int = 160, height: int = 26) -> str:
    """One symptom's 0-10 scores over the period, as a small line."""
    if not points:
        return ""
    coords = " ".join(
        f"{_x(d, first, last, 1, width - 2):.1f},{height - 1 - (height - 2) * s / 10:.1f}"
        for d, s in points)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="scores 0 to 10">'
            f'<line x1="0" y1="{height - 1}" x2="{width}" y2="{height - 1}" stroke="#bbb"/>'
            f'<polyline points="{coords}" fill="none" stroke="#000" stroke-width="1.2"/></svg>')


def burden_text(burden: Sequence[tuple[dt.date, int]],
                doses: Mapping[str, Sequence[tuple[dt.date, Decimal]]],
                width: int = 78, height: int = 16) -> str:
    """The burden and dose chart as plain text (plotext, braille dots, no colour codes)."""
    import plotext as plt

    plt.clear_figure()
    plt.plotsize(width, height)
    plt.theme("clear")
    plt.date_form("Y-m-d")
    if burden:
        plt.plot([d.isoformat() for d, _ in burden], [b for _, b in burden], marker="braille",
                 label="burden")
    for drug, series in doses.items():
        if series:
            plt.plot([d.isoformat() for d, _ in series], [float(mg) for _, mg in series],
                     marker="dot", label=f"{drug} mg", yside="right")
    plt.title("Symptom burden (left) and dose (right)")
    text = _ANSI.sub("", str(plt.build()))
    plt.clear_figure()
    return "\n".join(line.rstrip() for line in text.splitlines())
