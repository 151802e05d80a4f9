"""Load the packaged drug data (`taper_tui/data/drugs.yaml`) into `core.drugs` values.

Every number in the file must name its source (a key of `sources:`) or say `missing:`; a number
without one is a `DrugDataError`, never a guess. The parsed data is cached for the process, and
the parsed YAML document across processes in a per-user cache folder (`$XDG_CACHE_HOME/taper_tui`,
else `~/.cache/taper_tui`) as JSON: data only, keyed by the SHA-256 of the file's text, checked on
every read and rebuilt when missing, stale, corrupt or of another format. The checks that turn the
document into drug facts run on it either way, so the result is the same with or without it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from taper_tui.core.drugs import (
    Citation,
    DrugFacts,
    Equivalent,
    FormFacts,
    HalfLife,
    OccupancyFit,
    merge_settings,
)
from taper_tui.core.model import DrugSettings, FormKind, Release, Settings

_FORM_FLAGS = ("may_split", "may_open", "may_crush", "may_make_liquid")

#: Layout of the cached document; a cache of any other format (older or newer) is rebuilt.
CACHE_FORMAT = 1
_UNUSABLE = (OSError, ValueError, KeyError, TypeError, AttributeError, ArithmeticError,
             RecursionError)


class DrugDataError(ValueError):
    """The drug data file is malformed or has a number without a source."""


@functools.cache
def builtin_drugs() -> Mapping[str, DrugFacts]:
    """All drugs in the packaged data, by lower-case name."""
    return facts_from_document(_builtin_document())


@functools.cache
def default_equivalence_table() -> str:
    return str(_builtin_document().get("default_equivalence_table", "ashton"))


@functools.cache
def _builtin_document() -> dict[str, Any]:
    return load_document(_builtin_text(), cache_folder())


def _builtin_text() -> str:
    """The text of the packaged drugs.yaml. Read straight from the package folder when it is one
    (importing importlib.resources costs about 20 ms, a tenth of a whole `status`)."""
    import taper_tui.data

    folder = getattr(taper_tui.data, "__file__", None)
    if folder:
        try:
            return (Path(folder).parent / "drugs.yaml").read_text(encoding="utf-8")
        except OSError:
            pass
    from importlib import resources

    return resources.files("taper_tui.data").joinpath("drugs.yaml").read_text(encoding="utf-8")


def cache_folder() -> Path | None:
    """The per-user cache folder ($XDG_CACHE_HOME/taper_tui or ~/.cache/taper_tui); None when
    there is no home to put it in."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):
            return None
    return Path(base) / "taper_tui"


def load_document(text: str, folder: Path | None) -> dict[str, Any]:
    """The YAML document of a drugs.yaml `text`: from the JSON cache in `folder` when it holds
    exactly this text's document, else parsed (and the cache written, best effort). Raises
    DrugDataError as parsing does."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    path = folder / f"drugs-{sha[:16]}.json" if folder is not None else None
    if path is not None:
        cached = _read_cached(path, sha)
        if cached is not None:
            return cached
    data = _load(text)
    if path is not None:
        _write_cached(path, sha, data)
    return data


def _read_cached(path: Path, sha: str) -> dict[str, Any] | None:
    from taper_tui.store.cache import decode_doc

    try:
        doc = json.loads(path.read_bytes())
        if not isinstance(doc, dict) or doc.get("format") != CACHE_FORMAT or doc.get("sha") != sha:
            return None
        data = decode_doc(doc["document"])
    except _UNUSABLE:
        return None
    return data if isinstance(data, dict) else None


def _write_cached(path: Path, sha: str, data: dict[str, Any]) -> None:
    """Best effort: a folder that cannot be written costs only speed."""
    from taper_tui.store.atomic import atomic_write
    from taper_tui.store.cache import encode_doc

    try:
        payload = {"format": CACHE_FORMAT, "sha": sha, "document": encode_doc(data)}
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(path, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    except Exception:  # Data JSON cannot keep exactly, no space, read-only: no cache then.
        return


def drug_facts(name: str, settings: DrugSettings | None = None) -> DrugFacts | None:
    """The facts for `name` merged with the person's settings; None if neither knows the drug."""
    facts = builtin_drugs().get(name.strip().lower())
    if settings is not None:
        return merge_settings(facts, settings)
    return facts


def all_drug_facts(settings: Settings) -> dict[str, DrugFacts]:
    """Built-in drugs plus the person's own drugs, with their overrides merged."""
    out = dict(builtin_drugs())
    for name, drug in settings.drugs.items():
        out[name] = merge_settings(out.get(name), drug)
    return out


def _load(text: str) -> dict[str, Any]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from taper_tui.store.fast_yaml import Fallback, fast_load

    try:
        try:
            data = fast_load(text)  # The same data as ruamel's safe loader, about 5x faster.
        except Fallback:
            data = YAML(typ="safe", pure=False).load(text)
    except YAMLError as exc:
        raise DrugDataError(f"drugs.yaml is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DrugDataError("drugs.yaml must be a mapping")
    return data


def parse_drug_data(text: str) -> dict[str, DrugFacts]:
    """Parse the text of a drugs.yaml; raises DrugDataError on any unsourced or malformed value."""
    return facts_from_document(_load(text))


def facts_from_document(data: Mapping[str, Any]) -> dict[str, DrugFacts]:
    """The drug facts in a parsed drugs.yaml document; raises DrugDataError as parse_drug_data."""
    sources = {str(k): Citation(str(k), " ".join(str(v).split()))
               for k, v in (data.get("sources") or {}).items()}
    reader = _Reader(sources)
    class_limits: dict[str, tuple[Decimal, Citation]] = {}
    for cls, entry in (data.get("classes") or {}).items():
        value = reader.number(entry.get("max_cut_percent_14d"), f"classes.{cls}")
        if value is not None:
            class_limits[str(cls)] = value
    drugs: dict[str, DrugFacts] = {}
    for name, entry in (data.get("drugs") or {}).items():
        if not isinstance(entry, dict):
            raise DrugDataError(f"drugs.{name}: must be a mapping")
        drugs[str(name)] = reader.drug(str(name), entry, class_limits)
    return drugs


class _Reader:
    def __init__(self, sources: Mapping[str, Citation]) -> None:
        self.sources = sources
        self.missing: list[tuple[str, str]] = []

    def cite(self, entry: Mapping[str, Any], where: str) -> Citation:
        key = entry.get("source")
        if key is None:
            raise DrugDataError(f"{where}: a number without a source (add source: or missing:)")
        if str(key) not in self.sources:
            raise DrugDataError(f"{where}: unknown source {key!r} (not in sources:)")
        return self.sources[str(key)]

    def is_missing(self, entry: Any, where: str) -> bool:
        if isinstance(entry, Mapping) and "missing" in entry:
            self.missing.append((where, str(entry["missing"])))
            return True
        return False

    def number(self, entry: Any, where: str, key: str = "value") -> tuple[Decimal, Citation] | None:
        if entry is None or self.is_missing(entry, where):
            return None
        if not isinstance(entry, Mapping):
            raise DrugDataError(f"{where}: a bare number {entry!r} has no source")
        return _dec(entry.get(key), where), self.cite(entry, where)

    def drug(self, name: str, entry: Mapping[str, Any],
             class_limits: Mapping[str, tuple[Decimal, Citation]]) -> DrugFacts:
        self.missing = []
        cls = entry.get("class")
        forms = tuple(self.form(f, f"drugs.{name}.forms[{i}]")
                      for i, f in enumerate(entry.get("forms") or ()))
        fits: list[OccupancyFit] = []
        region = None
        occ = entry.get("occupancy")
        if occ is None:
            self.missing.append(("occupancy", "no occupancy entry"))
        elif not self.is_missing(occ, "occupancy"):
            region = str(occ.get("default_region")) if occ.get("default_region") else None
            for i, fit in enumerate(occ.get("fits") or ()):
                where = f"drugs.{name}.occupancy.fits[{i}]"
                fits.append(OccupancyFit(_dec(fit.get("emax"), where), _dec(fit.get("ed50"), where),
                                         str(fit.get("region")), self.cite(fit, where)))
        equivalents: dict[str, Equivalent] = {}
        for table, eq in (entry.get("equivalents") or {}).items():
            where = f"drugs.{name}.equivalents.{table}"
            if self.is_missing(eq, f"equivalents.{table}"):
                continue
            equivalents[str(table)] = Equivalent(str(table), _dec(eq.get("mg"), where),
                                                 _dec(eq.get("diazepam_mg"), where),
                                                 self.cite(eq, where))
        half = entry.get("half_life_h")
        half_life = None
        if half is not None and not self.is_missing(half, "half_life_h"):
            where = f"drugs.{name}.half_life_h"
            half_life = HalfLife(
                _dec(half.get("low"), where), _dec(half.get("high"), where), self.cite(half, where),
                _opt_dec(half.get("metabolite_low"), where),
                _opt_dec(half.get("metabolite_high"), where))
        limit = class_limits.get(str(cls)) if cls else None
        return DrugFacts(
            name=name, drug_class=str(cls) if cls else None, forms=forms,
            occupancy_fits=tuple(fits), default_region=region, equivalents=equivalents,
            half_life=half_life,
            max_cut_percent_14d=limit[0] if limit else None,
            max_cut_14d_source=limit[1] if limit else None,
            missing=tuple(self.missing))

    def form(self, entry: Mapping[str, Any], where: str) -> FormFacts:
        try:
            kind = FormKind(str(entry.get("kind")))
            release = Release(str(entry.get("release", "ir")))
        except ValueError as exc:
            raise DrugDataError(f"{where}: {exc}") from exc
        missing: list[tuple[str, str]] = []
        cites: list[Citation] = []
        strengths: tuple[Decimal, ...] = ()
        s = entry.get("strengths_mg")
        if isinstance(s, Mapping) and "missing" in s:
            missing.append(("strengths_mg", str(s["missing"])))
        elif s is not None:
            if not isinstance(s, Mapping):
                raise DrugDataError(f"{where}.strengths_mg: numbers without a source")
            strengths = tuple(_dec(v, where) for v in (s.get("value") or ()))
            cites.append(self.cite(s, f"{where}.strengths_mg"))
        scalars: dict[str, Decimal | None] = {}
        for key in ("mg_per_ml", "mg_per_drop"):
            got = self.number(entry.get(key), f"{where}.{key}") if entry.get(key) else None
            scalars[key] = got[0] if got else None
            if got:
                cites.append(got[1])
        flags: dict[str, bool | None] = {}
        for key in _FORM_FLAGS:
            raw = entry.get(key)
            flags[key] = None
            if isinstance(raw, Mapping) and "missing" in raw:
                missing.append((key, str(raw["missing"])))
            elif raw is not None:
                if not isinstance(raw, Mapping):
                    raise DrugDataError(f"{where}.{key}: a value without a source")
                flags[key] = bool(raw.get("value"))
                self.cite(raw, f"{where}.{key}")
        equiv = None
        te = entry.get("tablet_equivalent")
        if te is not None:
            self.cite(te, f"{where}.tablet_equivalent")
            equiv = (_dec(te.get("tablet_mg"), where), _dec(te.get("form_mg"), where))
        notes = []
        note = entry.get("note")
        if note is not None:
            self.cite(note, f"{where}.note")
            notes.append(str(note.get("text")))
        bead = entry.get("bead_count")
        if isinstance(bead, Mapping) and "missing" in bead:
            missing.append(("bead_count", str(bead["missing"])))
        return FormFacts(
            kind=kind, source=cites[0] if cites else None, strengths_mg=strengths,
            mg_per_ml=scalars["mg_per_ml"], mg_per_drop=scalars["mg_per_drop"], release=release,
            may_split=flags["may_split"], may_open=flags["may_open"],
            may_crush=flags["may_crush"], may_make_liquid=flags["may_make_liquid"],
            tablet_equivalent=equiv, label=entry.get("label"), notes=tuple(notes),
            missing=tuple(missing))


def _dec(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise DrugDataError(f"{where}: expected a number, got {value!r}")
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise DrugDataError(f"{where}: not a number: {value!r}") from exc


def _opt_dec(value: Any, where: str) -> Decimal | None:
    return None if value is None else _dec(value, where)
