"""Full disks, failing writes, read-only journals and concurrent editors never cost an entry."""

from __future__ import annotations

import datetime as dt
import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synth_journal import TODAY, write_journal

from taper_tui.cli.main import main
from taper_tui.store import WriteError, load_journal
from taper_tui.store import atomic as atomic_mod
from taper_tui.store.day_writer import ConflictError, DayPatch, save_day

DAY = dt.date(2026, 11, 26)
REL = "days/2026/2026-11-26.yaml"
PATCH = DayPatch(date=DAY, symptoms={"anxiety": 9})


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "j"
    write_journal(root, 5)
    return root


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


class FailingFile:
    """A file object whose write fails as a full disk or a broken disk would."""

    def __init__(self, real: Any, err: int) -> None:
        self.real, self.err = real, err

    def __enter__(self) -> FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()

    def write(self, data: bytes) -> int:
        self.real.write(data[: len(data) // 2])  # Half of it reached the temporary file.
        self.real.flush()
        raise OSError(self.err, os.strerror(self.err))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def fail_write(err: int) -> Callable[[pytest.MonkeyPatch], None]:
    def install(mp: pytest.MonkeyPatch) -> None:
        real_fdopen = os.fdopen
        mp.setattr(os, "fdopen", lambda fd, *a, **k: FailingFile(real_fdopen(fd, *a, **k), err))
    return install


def fail_call(name: str, err: int) -> Callable[[pytest.MonkeyPatch], None]:
    def install(mp: pytest.MonkeyPatch) -> None:
        def boom(*args: object, **kwargs: object) -> None:
            raise OSError(err, os.strerror(err))
        mp.setattr(os, name, boom)
    return install


FAULTS = {
    "ENOSPC on write": (fail_write(errno.ENOSPC), "the disk is full"),
    "EIO on write": (fail_write(errno.EIO), "input/output error"),
    "EDQUOT on write": (fail_write(errno.EDQUOT), "quota"),
    "ENOSPC on fsync": (fail_call("fsync", errno.ENOSPC), "the disk is full"),
    "EIO on fsync": (fail_call("fsync", errno.EIO), "input/output error"),
    "EIO on replace": (fail_call("replace", errno.EIO), "input/output error"),
    "EROFS on replace": (fail_call("replace", errno.EROFS), "read-only"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("existing", [True, False], ids=["existing day", "new day"])
def test_a_failing_write_leaves_the_original_and_no_temporary_file(
        root: Path, monkeypatch: pytest.MonkeyPatch, fault: str, existing: bool) -> None:
    install, words = FAULTS[fault]
    path = root / REL
    if not existing:
        path.unlink()
    before = path.read_bytes() if existing else None
    with monkeypatch.context() as mp:
        install(mp)
        with pytest.raises(WriteError) as info:
            save_day(root, PATCH)
    message = str(info.value)
    assert words in message and "unchanged" in message and REL in message
    assert (path.read_bytes() if path.exists() else None) == before
    assert leftovers(path.parent) == []
    # And the journal still loads, with the day as it was.
    result = load_journal(root, TODAY)
    assert not [p for p in result.problems if p.path == REL]


@pytest.mark.parametrize("fault", ["ENOSPC on write", "EIO on fsync"])
def test_log_reports_a_failing_disk_in_one_line_without_traceback(
        root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        fault: str) -> None:
    before = (root / REL).read_bytes()
    install, words = FAULTS[fault]
    with monkeypatch.context() as mp:
        install(mp)
        code = main(["log", str(root), "--date", DAY.isoformat(), "--symptom", "anxiety=9"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("taper-tui: error: could not save") and words in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert (root / REL).read_bytes() == before


def make_read_only(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod the journal read-only; as root (who ignores modes), refuse writes as the kernel
    would for an ordinary user."""
    for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
        folder.chmod(0o555)
    if os.geteuid() != 0:
        return
    real_access = os.access

    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        if mode & os.W_OK and Path(path).resolve().is_relative_to(root.resolve()):
            return False
        return real_access(path, mode, *args, **kwargs)

    def refuse(*args: object, **kwargs: object) -> Any:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    import tempfile

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(Path, "mkdir", refuse)
    monkeypatch.setattr(Path, "write_text", refuse)


def test_a_read_only_journal_loads_and_says_it_is_not_writable(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writable = load_journal(root, TODAY, use_cache=False)
    try:
        make_read_only(root, monkeypatch)
        result = load_journal(root, TODAY)
        assert result.writable is False
        assert result.journal == writable.journal and result.problems == writable.problems
        assert not (root / ".taper-cache").exists()  # The cache was skipped, silently.
    finally:
        for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
            folder.chmod(0o755)


def test_log_into_a_read_only_journal_fails_clearly(
        root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    try:
        make_read_only(root, monkeypatch)
        code = main(["log", str(root), "--symptom", "anxiety=3"])
        check = main(["check", str(root)])
    finally:
        for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
            folder.chmod(0o755)
    captured = capsys.readouterr()
    assert code == 1 and check == 0
    assert captured.err.startswith("taper-tui: error: could not save")
    assert "read-only" in captured.err or "permission denied" in captured.err
    assert "Traceback" not in captured.err and len(captured.err.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before
    assert not (root / "days/2026/2026-11-27.yaml").exists()


def test_a_failing_cache_write_costs_only_speed(root: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    truth = load_journal(root, TODAY, use_cache=False)
    with monkeypatch.context() as mp:
        fail_write(errno.ENOSPC)(mp)
        result = load_journal(root, TODAY)
    assert result.journal == truth.journal and result.problems == truth.problems
    assert leftovers(root / ".taper-cache") == []


# Someone else (an editor, a sync tool, another device) changes the file between load and save.

edits = st.one_of(
    st.binary(min_size=0, max_size=40).map(lambda b: ("append", b)),
    st.tuples(st.integers(0, 400), st.integers(0, 255)).map(lambda t: ("flip", t)),
    st.just(("truncate", 0)),
    st.just(("delete", 0)),
)


def apply_edit(path: Path, edit: tuple[str, Any]) -> bool:
    """Change the file as another program would; False when the edit changes nothing."""
    kind, arg = edit
    data = path.read_bytes()
    if kind == "append":
        new = data + arg
    elif kind == "flip":
        index, value = arg
        index %= len(data)
        new = data[:index] + bytes([value]) + data[index + 1:]
    elif kind == "truncate":
        new = data[: len(data) // 2]
    else:
        path.unlink()
        return True
    stat = path.stat()
    path.write_bytes(new)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # Even with the same mtime.
    return bool(new != data)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edit=edits)
def test_a_file_changed_between_load_and_save_is_never_overwritten(
        tmp_path_factory: pytest.TempPathFactory, edit: tuple[str, Any]) -> None:
    root = tmp_path_factory.mktemp("race") / "j"
    write_journal(root, 2)
    result = load_journal(root, TODAY)
    path = root / REL
    if not apply_edit(path, edit):
        return
    theirs = path.read_bytes() if path.exists() else None
    with pytest.raises(ConflictError):
        save_day(root, PATCH, result.fingerprints[REL])
    assert (path.read_bytes() if path.exists() else None) == theirs


def test_a_day_created_meanwhile_is_a_conflict(root: Path) -> None:
    path = root / "days/2026/2026-11-27.yaml"
    load_journal(root, TODAY)
    path.write_text("date: 2026-11-27\nnotes: written on the phone\n", encoding="utf-8")
    with pytest.raises(ConflictError):
        save_day(root, DayPatch(date=TODAY, symptoms={"anxiety": 2}), expect_missing=True)
    assert "phone" in path.read_text(encoding="utf-8")


def test_an_edit_landing_while_saving_is_detected(root: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from taper_tui.store import day_writer

    path = root / REL
    result = load_journal(root, TODAY)
    real_dump = day_writer.dump_rt  # type: ignore[attr-defined]

    def dump_while_editor_saves(doc: Any, style: Any) -> str:
        text = real_dump(doc, style)
        path.write_text(path.read_text(encoding="utf-8") + "# saved in vim\n", encoding="utf-8")
        return text

    monkeypatch.setattr(day_writer, "dump_rt", dump_while_editor_saves)
    with pytest.raises(ConflictError):
        save_day(root, PATCH, result.fingerprints[REL])
    assert path.read_text(encoding="utf-8").endswith("# saved in vim\n")


def test_atomic_write_describes_every_errno_plainly() -> None:
    for err in (errno.ENOSPC, errno.EIO, errno.EROFS, errno.EACCES, errno.EDQUOT):
        text = atomic_mod._describe(Path("x.yaml"), OSError(err, os.strerror(err)))
        assert text.startswith("could not save x.yaml: ") and text.endswith("is unchanged")
