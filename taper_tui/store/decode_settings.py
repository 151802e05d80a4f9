"""`taper.yaml` (plain data from the safe loader) -> `Settings` plus problems.

A bad entry is reported and left out; the rest of the settings still load.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from taper_tui.core.model import (
    DEFAULT_RED_FLAGS,
    DrugSettings,
    EventType,
    Form,
    FormKind,
    HistoryEntry,
    Method,
    PlanSpec,
    Release,
    Settings,
    SymptomKind,
    SymptomSettings,
    Thresholds,
)
from taper_tui.store.decode_day import (
    TIME,
    KeyPath,
    Pending,
    _Collector,
    _show,
    _unknown_keys,
    parse_mg,
)

SETTINGS_KEYS = frozenset({"version", "drugs", "symptoms", "red_flags", "rules", "crisis",
                           "equivalence_table", "git", "history"})
DRUG_KEYS = frozenset({"class", "dose_time", "doses_per_day", "forms", "plan", "occupancy",
                       "note", "notes"})
PLAN_KEYS = frozenset(f.name for f in dataclasses.fields(PlanSpec))
FORM_EXTRA_KEYS = frozenset({"split", "syringe_ml", "beads", "release", "label"})
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.+-]{0,63}$")


def _number(value: Any, keys: KeyPath, out: _Collector, what: str) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        out.error("bad-type", f"{what} must be a number, not {_show(value)}", keys)
        return None
    number = parse_mg(value)
    if number is None:
        out.error("out-of-range", f"{what} must be 0 or more, not {_show(value)}", keys)
    return number


def _int(value: Any, keys: KeyPath, out: _Collector, what: str, low: int = 0) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        out.error("bad-type", f"{what} must be a whole number >= {low}, not {_show(value)}", keys)
        return None
    return value


def _form(entry: Any, keys: KeyPath, out: _Collector) -> Form | None:
    if not isinstance(entry, dict):
        out.error("bad-form", "a form is a mapping such as {tablet: 50, split: 2}", keys)
        return None
    kinds = [k for k in entry if k in FormKind.__members__.values()]
    if len(kinds) != 1:
        out.error("bad-form", "a form names exactly one of: tablet, capsule, liquid, drops, "
                  "scale", keys, "e.g. - tablet: 50")
        return None
    kind = FormKind(kinds[0])
    _unknown_keys(entry, FORM_EXTRA_KEYS | {kind.value}, keys, out)
    strength = _number(entry[kind.value], (*keys, kind.value), out, kind.value)
    if strength is None or strength == 0:
        if strength == 0:
            out.error("out-of-range", f"{kind.value} strength must be above 0", keys)
        return None
    values: dict[str, Any] = {"kind": kind}
    if kind in (FormKind.TABLET, FormKind.CAPSULE):
        values["mg"] = strength
    elif kind is FormKind.LIQUID:
        values["mg_per_ml"] = strength
    elif kind is FormKind.DROPS:
        values["mg_per_drop"] = strength
    else:
        values["resolution_g"] = strength
    if "split" in entry:
        split = _int(entry["split"], (*keys, "split"), out, "split", 1)
        if split is not None:
            values["split"] = split
    if "syringe_ml" in entry:
        values["step_ml"] = _number(entry["syringe_ml"], (*keys, "syringe_ml"), out, "syringe_ml")
    if "beads" in entry:
        values["beads"] = _int(entry["beads"], (*keys, "beads"), out, "beads", 1)
    if "release" in entry:
        try:
            values["release"] = Release(str(entry["release"]).lower())
        except ValueError:
            out.error("bad-form", f"release must be ir, xr or ec, not {_show(entry['release'])}",
                      (*keys, "release"))
    if isinstance(entry.get("label"), str):
        values["label"] = entry["label"]
    return Form(**values)


def _plan(entry: Any, keys: KeyPath, out: _Collector) -> PlanSpec | None:
    if not isinstance(entry, dict):
        out.error("bad-plan", "plan must be a mapping (start:, start_mg:, method:, ...)", keys)
        return None
    _unknown_keys(entry, PLAN_KEYS, keys, out)
    start = entry.get("start")
    if isinstance(start, dt.datetime) or not isinstance(start, dt.date):
        out.error("bad-plan", f"plan start must be a date YYYY-MM-DD, not {_show(start)}",
                  (*keys, "start"))
        return None
    start_mg = _number(entry.get("start_mg"), (*keys, "start_mg"), out, "start_mg")
    if start_mg is None:
        return None
    values: dict[str, Any] = {"start": start, "start_mg": start_mg}
    if "method" in entry:
        try:
            values["method"] = Method(str(entry["method"]).lower())
        except ValueError:
            out.error("bad-plan", f"unknown method {_show(entry['method'])}", (*keys, "method"),
                      "use percent, occupancy, linear, slide or custom")
            return None
    for name in ("cut_percent", "max_cut_percent", "target_mg", "final_mg", "cut_mg",
                 "occupancy_step"):
        if entry.get(name) is not None:
            number = _number(entry[name], (*keys, name), out, name)
            if number is not None:
                values[name] = number
    for name, low in (("step_days", 1), ("slide_weeks", 1), ("slide_hold_days", 0)):
        if name in entry:
            number_i = _int(entry[name], (*keys, name), out, name, low)
            if number_i is not None:
                values[name] = number_i
    for name in ("cut_percent", "max_cut_percent"):
        if name in values and not 0 < values[name] <= 100:
            out.error("out-of-range", f"{name} must be above 0 and at most 100", (*keys, name))
            del values[name]
    if "doses" in entry:
        raw = entry["doses"]
        doses = [parse_mg(d) for d in raw] if isinstance(raw, list) else [None]
        if any(d is None for d in doses) or isinstance(raw, bool):
            out.error("bad-plan", "doses must be a list of mg numbers", (*keys, "doses"))
        else:
            values["doses"] = tuple(d for d in doses if d is not None)
    return PlanSpec(**values)


def _drug(name: str, entry: Any, keys: KeyPath, out: _Collector) -> DrugSettings | None:
    if entry is None:
        entry = {}
    if not isinstance(entry, dict):
        out.error("bad-drug", f"drug {name} must be a mapping (forms:, plan:, ...)", keys)
        return None
    _unknown_keys(entry, DRUG_KEYS, keys, out)
    forms = tuple(
        f for i, e in enumerate(entry.get("forms") or [])
        if (f := _form(e, (*keys, "forms", i), out)) is not None
    ) if isinstance(entry.get("forms") or [], list) else ()
    plan = _plan(entry["plan"], (*keys, "plan"), out) if entry.get("plan") is not None else None
    values: dict[str, Any] = {"name": name, "forms": forms, "plan": plan}
    if isinstance(entry.get("class"), str):
        values["drug_class"] = entry["class"].strip().lower()
    dose_time = entry.get("dose_time")
    if dose_time is not None:
        if isinstance(dose_time, str) and TIME.match(dose_time.strip()):
            values["dose_time"] = dose_time.strip()
        else:
            out.error("bad-time", f'dose_time must be "HH:MM", not {_show(dose_time)}',
                      (*keys, "dose_time"))
    if "doses_per_day" in entry:
        per_day = _int(entry["doses_per_day"], (*keys, "doses_per_day"), out, "doses_per_day", 1)
        if per_day is not None:
            values["doses_per_day"] = per_day
    occ = entry.get("occupancy")
    if isinstance(occ, dict):
        for key, field_name in (("emax", "occupancy_emax"), ("ed50", "occupancy_ed50")):
            if key in occ:
                values[field_name] = _number(occ[key], (*keys, "occupancy", key), out, key)
    return DrugSettings(**values)


def _symptoms(value: Any, out: _Collector) -> tuple[SymptomSettings, ...]:
    result: list[SymptomSettings] = []
    if value is None:
        return ()
    items: list[tuple[Any, Any]]
    if isinstance(value, list):
        items = [(v, None) for v in value]
    elif isinstance(value, dict):
        items = list(value.items())
    else:
        out.error("bad-type", "symptoms must be a mapping (name: {kind: ...}) or a list",
                  ("symptoms",))
        return ()
    for name, spec in items:
        keys: KeyPath = ("symptoms", str(name))
        if not isinstance(name, str) or not _NAME.match(name):
            out.error("bad-name", f"symptom name {_show(name)} must be a short name", ("symptoms",))
            continue
        kind = SymptomKind.OTHER
        red = False
        label = None
        if isinstance(spec, dict):
            if "kind" in spec:
                try:
                    kind = SymptomKind(str(spec["kind"]).lower())
                except ValueError:
                    out.error("bad-type", f"symptom kind must be physical, mood, sleep or other, "
                              f"not {_show(spec['kind'])}", (*keys, "kind"))
            red = spec.get("red_flag") is True
            label = spec.get("label") if isinstance(spec.get("label"), str) else None
        elif spec is not None:
            out.error("bad-type", f"symptom {name} must be a mapping such as {{kind: mood}}", keys)
        result.append(SymptomSettings(name=name, kind=kind, red_flag=red, label=label))
    return tuple(result)


def _thresholds(value: Any, out: _Collector) -> Thresholds:
    if not isinstance(value, dict):
        if value is not None:
            out.error("bad-type", "rules must be a mapping of threshold: value", ("rules",))
        return Thresholds()
    fields = {f.name: f for f in dataclasses.fields(Thresholds)}
    values: dict[str, Any] = {}
    for key, raw in value.items():
        keys: KeyPath = ("rules", str(key))
        if key not in fields:
            out.warn("unknown-key", f"unknown rule threshold {key!r} (kept, not used)", keys)
            continue
        default = getattr(Thresholds(), key)
        if isinstance(default, int):
            number_i = _int(raw, keys, out, key)
            if number_i is not None:
                values[key] = number_i
        else:
            number = _number(raw, keys, out, key)
            if number is not None:
                values[key] = number
    return Thresholds(**values)


def _history(value: Any, out: _Collector) -> tuple[HistoryEntry, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        out.error("bad-type", "history must be a list of entries", ("history",))
        return ()
    entries = []
    for i, entry in enumerate(value):
        keys: KeyPath = ("history", i)
        if not isinstance(entry, dict) or not isinstance(entry.get("drug"), str):
            out.error("bad-history", "a history entry needs at least drug: and event:", keys)
            continue
        _unknown_keys(entry, frozenset({"date", "drug", "event", "mg", "note"}), keys, out)
        try:
            event = EventType(str(entry.get("event")).lower())
        except ValueError:
            out.error("bad-event", f"unknown event {_show(entry.get('event'))}", (*keys, "event"),
                      "use stopped, started, reinstated, cut, switched, skipped or hold")
            continue
        date = entry.get("date")
        if date is not None and (isinstance(date, dt.datetime) or not isinstance(date, dt.date)):
            out.warn("bad-date", f"history date {_show(date)} is not YYYY-MM-DD; kept undated",
                     (*keys, "date"))
            date = None
        mg = parse_mg(entry["mg"]) if entry.get("mg") is not None else None
        note = entry.get("note")
        entries.append(HistoryEntry(date=date, drug=entry["drug"].strip(), event=event, mg=mg,
                                    note=str(note) if note is not None else None))
    return tuple(entries)


def decode_settings(doc: Any) -> tuple[Settings, list[Pending]]:
    out = _Collector()
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        out.error("not-a-mapping", "taper.yaml must be a mapping of settings", ())
        return Settings(), out.problems
    _unknown_keys(doc, SETTINGS_KEYS, (), out)
    drugs: dict[str, DrugSettings] = {}
    raw_drugs = doc.get("drugs") or {}
    if not isinstance(raw_drugs, dict):
        out.error("bad-type", "drugs must be a mapping of drug name: settings", ("drugs",))
        raw_drugs = {}
    for name, entry in raw_drugs.items():
        if not isinstance(name, str) or not _NAME.match(name):
            out.error("bad-name", f"drug name {_show(name)} must be a short name (letters, "
                      "digits, - _ .)", ("drugs",))
            continue
        drug = _drug(name, entry, ("drugs", name), out)
        if drug is not None:
            drugs[name] = drug
    red_flags: tuple[str, ...] = DEFAULT_RED_FLAGS
    raw_flags = doc.get("red_flags")
    if isinstance(raw_flags, list):
        red_flags = tuple(dict.fromkeys([*DEFAULT_RED_FLAGS, *(str(f) for f in raw_flags)]))
    elif raw_flags is not None:
        out.error("bad-type", "red_flags must be a list of symptom names", ("red_flags",))
    crisis = doc.get("crisis")
    table = str(doc.get("equivalence_table") or "ashton").lower()
    if table not in ("ashton", "vadod"):
        out.error("bad-type", "equivalence_table must be ashton or vadod", ("equivalence_table",))
        table = "ashton"
    git = doc.get("git")
    settings = Settings(
        drugs=drugs,
        symptoms=_symptoms(doc.get("symptoms"), out),
        red_flags=red_flags,
        thresholds=_thresholds(doc.get("rules"), out),
        history=_history(doc.get("history"), out),
        crisis_text=str(crisis).strip() if isinstance(crisis, str) and crisis.strip() else None,
        equivalence_table=table,
        git_autocommit=isinstance(git, Mapping) and git.get("autocommit") is True,
    )
    return settings, out.problems
