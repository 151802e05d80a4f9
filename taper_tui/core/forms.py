"""Form specs from the command line (`tablet:50:split=4`) into `model.Form` values.

Grammar: `KIND:AMOUNT[:key=value]...`, kinds and amounts:
  tablet:50            mg per tablet          keys: split=1|2|4, release=ir|xr|ec
  capsule:20           mg per capsule         keys: beads=N (your own count), release=
  liquid:20mg/ml       mg per mL (`20`, `20mg/ml`, `10mg/5ml`)   keys: step=0.05 (syringe mark, mL)
  syringe:0.05ml       an oral syringe alone (for a home-made suspension); its smallest mark
  drops:2mg            mg per drop
  scale:0.001g         a scale's resolution in grams
A mistake is a ValueError whose message names the spec and says what is expected.
"""

from __future__ import annotations

import re
from decimal import Decimal

from taper_tui.core.model import Form, FormKind, Release

_KEYS: dict[str, set[str]] = {
    "tablet": {"split", "release"},
    "capsule": {"beads", "release"},
    "liquid": {"step", "syringe"},
    "syringe": set(),
    "drops": set(),
    "scale": set(),
}
_SPLITS = (1, 2, 4)


def parse_form(spec: str) -> Form:
    """Parse one form spec; ValueError with a one-line message on bad input."""
    text = spec.strip()
    parts = [p.strip() for p in text.split(":")]
    kind = parts[0].lower()
    if kind not in _KEYS:
        raise ValueError(f"form {spec!r}: unknown kind {parts[0]!r} "
                         f"(use one of {', '.join(sorted(_KEYS))})")
    if len(parts) < 2 or not parts[1]:
        raise ValueError(f"form {spec!r}: missing the amount, e.g. {_example(kind)}")
    options: dict[str, str] = {}
    for part in parts[2:]:
        key, sep, value = part.partition("=")
        key = key.strip().lower()
        if not sep or not value.strip():
            raise ValueError(f"form {spec!r}: expected key=value, got {part!r}")
        if key not in _KEYS[kind]:
            allowed = ", ".join(sorted(_KEYS[kind])) or "none"
            raise ValueError(f"form {spec!r}: {kind} takes no {key!r} (allowed: {allowed})")
        options[key] = value.strip()
    amount = parts[1]
    release = _release(spec, options.get("release", "ir"))
    if kind == "tablet":
        split = _int(spec, "split", options.get("split", "1"))
        if split not in _SPLITS:
            raise ValueError(f"form {spec!r}: split must be 1, 2 or 4")
        return Form(FormKind.TABLET, mg=_amount(spec, amount, ("mg",)), split=split,
                    release=release, label=text)
    if kind == "capsule":
        beads = _int(spec, "beads", options["beads"]) if "beads" in options else None
        if beads is not None and beads < 1:
            raise ValueError(f"form {spec!r}: beads must be a whole number of at least 1")
        return Form(FormKind.CAPSULE, mg=_amount(spec, amount, ("mg",)), beads=beads,
                    release=release, label=text)
    if kind == "liquid":
        step_text = options.get("step") or options.get("syringe")
        step = _amount(spec, step_text, ("ml",)) if step_text else None
        return Form(FormKind.LIQUID, mg_per_ml=_concentration(spec, amount), step_ml=step,
                    label=text)
    if kind == "syringe":
        return Form(FormKind.LIQUID, step_ml=_amount(spec, amount, ("ml",)), label=text)
    if kind == "drops":
        return Form(FormKind.DROPS, mg_per_drop=_amount(spec, amount, ("mg",)), label=text)
    return Form(FormKind.SCALE, resolution_g=_amount(spec, amount, ("g",)), label=text)


def parse_forms(specs: list[str] | tuple[str, ...]) -> tuple[Form, ...]:
    return tuple(parse_form(s) for s in specs)


def describe(form: Form) -> str:
    """Short human label of a form: `50 mg tablet (quarters)`, `20 mg/mL liquid, 0.05 mL marks`."""
    if form.kind is FormKind.TABLET:
        parts = {1: "", 2: " (halves)", 4: " (quarters)"}.get(form.split, f" (1/{form.split})")
        return f"{fmt(form.mg)} mg tablet{parts}{_rel(form)}"
    if form.kind is FormKind.CAPSULE:
        beads = f", {form.beads} beads" if form.beads else ""
        return f"{fmt(form.mg)} mg capsule{beads}{_rel(form)}"
    if form.kind is FormKind.LIQUID:
        marks = f", {fmt(form.step_ml)} mL marks" if form.step_ml else ""
        if form.mg_per_ml is None:
            return f"oral syringe{marks}"
        return f"{fmt(form.mg_per_ml)} mg/mL liquid{marks}"
    if form.kind is FormKind.DROPS:
        return f"drops, {fmt(form.mg_per_drop)} mg per drop"
    return f"scale, {fmt(form.resolution_g)} g resolution"


def fmt(value: Decimal | None) -> str:
    """A Decimal without trailing zeros or exponent: 12.50 -> 12.5, 1E+1 -> 10."""
    if value is None:
        return "?"
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


def _rel(form: Form) -> str:
    return "" if form.release is Release.IMMEDIATE else f", {form.release.value}"


_NUMBER = r"(\d+(?:\.\d+)?|\.\d+)"


def _amount(spec: str, text: str, units: tuple[str, ...]) -> Decimal:
    raw = text.strip().lower().replace(" ", "")
    for unit in units:
        if raw.endswith(unit):
            raw = raw[: -len(unit)]
            break
    if not re.fullmatch(_NUMBER, raw):
        raise ValueError(f"form {spec!r}: {text!r} is not a positive number"
                         f"{' in ' + units[0] if units else ''}")
    value = Decimal(raw)
    if value <= 0:
        raise ValueError(f"form {spec!r}: {text!r} must be greater than zero")
    return value


def _concentration(spec: str, text: str) -> Decimal:
    raw = text.strip().lower().replace(" ", "")
    match = re.fullmatch(_NUMBER + r"(?:mg)?(?:/" + _NUMBER + r"?ml)?", raw)
    if not match:
        raise ValueError(f"form {spec!r}: concentration {text!r} not understood "
                         "(use e.g. 20mg/ml or 10mg/5ml)")
    mg = Decimal(match.group(1))
    ml = Decimal(match.group(2)) if match.group(2) else Decimal(1)
    if mg <= 0 or ml <= 0:
        raise ValueError(f"form {spec!r}: concentration must be greater than zero")
    return mg / ml


def _int(spec: str, key: str, text: str) -> int:
    if not re.fullmatch(r"\d+", text):
        raise ValueError(f"form {spec!r}: {key} must be a whole number, got {text!r}")
    return int(text)


def _release(spec: str, text: str) -> Release:
    try:
        return Release(text.lower())
    except ValueError:
        raise ValueError(f"form {spec!r}: release must be ir, xr or ec, got {text!r}") from None


def _example(kind: str) -> str:
    return {"tablet": "tablet:50", "capsule": "capsule:20:beads=220",
            "liquid": "liquid:20mg/ml:step=0.05", "syringe": "syringe:0.05ml",
            "drops": "drops:2mg", "scale": "scale:0.001g"}[kind]


__all__ = ["describe", "fmt", "parse_form", "parse_forms"]
