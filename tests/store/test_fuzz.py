"""Mutated day files and taper.yaml: never a traceback, never a hang, every bad file reported.

The full run (10,000+ cases) is `python benchmarks/faults.py`; the suite runs a sample of it.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synth_journal import SETTINGS, write_journal

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import fuzz_core  # noqa: E402

from taper_tui.store.fast_yaml import Fallback, fast_load  # noqa: E402


def corpus() -> tuple[list[bytes], list[bytes]]:
    import datetime as dt

    from synth_journal import day_text

    rng = random.Random(3)
    days = [day_text(dt.date(2026, 11, 20), i, rng).encode() for i in (0, 1, 28, 401, 402)]
    days += [p.read_bytes() for p in sorted((ROOT / "sample_journal").rglob("days/**/*.yaml"))[:20]]
    setting_files = [SETTINGS.encode()]
    if (ROOT / "sample_journal" / "taper.yaml").exists():
        setting_files.append((ROOT / "sample_journal" / "taper.yaml").read_bytes())
    return days, setting_files


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "j"
    write_journal(root, 10)
    return root


def test_mutated_files_never_crash_hang_or_go_unreported(journal: Path) -> None:
    days, setting_files = corpus()
    report = fuzz_core.fuzz(journal, days, setting_files, n=300, first_seed=1000)
    assert report.cases == 300
    assert report.tracebacks == []
    assert report.hangs == []
    assert report.unreported == []
    assert report.disagreements == []
    assert report.bad_files > 100  # The mutator does break files.


YAML_BITS = st.sampled_from([":", ": ", "- ", "[", "]", "{", "}", "&x ", "*x", "!!str ", "|",
                             ">", '"', "'", "\t", "\n", "#", "? ", "<<: ", "~", "1e9999", "0x1F",
                             "2026-02-30", "21:17", "yes", "\u2028", "\x00", "\x85", "💊"])
snippets = st.lists(st.one_of(YAML_BITS, st.text(max_size=6)), max_size=8).map("".join)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(where=st.floats(0, 1), snippet=snippets, raw=st.binary(max_size=8))
def test_hypothesis_insertions_into_a_day_file(journal: Path, where: float, snippet: str,
                                               raw: bytes) -> None:
    days, _ = corpus()
    base = days[1]
    at = int(where * len(base))
    data = base[:at] + snippet.encode("utf-8", "surrogatepass") + raw + base[at:]
    report = fuzz_core.FuzzReport()
    fuzz_core.run_case(journal, fuzz_core.DAY_REL, data, report, "hypothesis")
    (journal / fuzz_core.DAY_REL).write_bytes(base)
    assert report.tracebacks == [] and report.hangs == []
    assert report.unreported == [] and report.disagreements == []


@settings(max_examples=200, deadline=None)
@given(doc=st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12),
              st.floats(allow_nan=False), st.dates()),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12))
def test_the_fast_loader_agrees_with_ruamel_on_dumped_documents(doc: object) -> None:
    import io

    from ruamel.yaml import YAML

    for flow in (False, None, True):
        out = io.StringIO()
        dumper = YAML(typ="safe", pure=True)
        dumper.default_flow_style = flow
        dumper.dump(doc, out)
        text = out.getvalue()
        try:
            expected = YAML(typ="safe", pure=False).load(text)
        except Exception:  # ruamel's dumper wrote what its C parser rejects: not ours to judge.
            with pytest.raises(Fallback):
                fast_load(text)
            continue
        try:
            got = fast_load(text)
        except Fallback:
            continue
        assert repr(got) == repr(expected), text


def test_check_names_every_bad_file_it_is_given(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """`taper-tui check` on a journal holding many mutated day files: one line per bad one."""
    from taper_tui.cli.main import main
    from taper_tui.store import load_journal

    root = tmp_path / "j"
    write_journal(root, 3)
    days, _ = corpus()
    rng = random.Random(42)
    written = []
    for i in range(60):
        rel = f"days/2025/2025-0{1 + i // 28}-{1 + i % 28:02d}.yaml"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(fuzz_core.mutate(rng.choice(days), rng))
        written.append(rel)
    result = load_journal(root, fuzz_core.TODAY)
    used = {d.path for d in result.journal.days}
    bad = [rel for rel in written if rel not in used]
    assert len(bad) > 20
    code = main(["check", str(root)])
    out = capsys.readouterr().out
    assert code == 1
    for rel in bad:
        assert any(line.startswith(rel) and ": error: " in line for line in out.splitlines()), rel
