"""The private temp dir: 0700, ours alone, cleaned on exit and (when stale) on the next start."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from exposure_check import paths, tempdir


@pytest.fixture(autouse=True)
def _fresh_session():
    yield
    tempdir.cleanup()


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_session_dir_is_private_and_under_the_runtime_root() -> None:
    session = tempdir.session_dir()
    assert session.parent == paths.runtime_dir()
    assert _mode(session) == 0o700 and _mode(session.parent) == 0o700
    f = tempdir.new_file(".pdf")
    assert f.parent == session and _mode(f) == 0o600


def test_install_redirects_python_temp_files_and_cleanup_restores(monkeypatch) -> None:
    before = os.environ["TMPDIR"]
    session = tempdir.install()
    with tempfile.NamedTemporaryFile() as fh:
        assert Path(fh.name).parent == session
    assert os.environ["TMPDIR"] == str(session)
    tempdir.cleanup()
    assert not session.exists()
    assert os.environ["TMPDIR"] == before
    tempdir.cleanup()  # twice is fine


def test_loose_root_permissions_are_tightened() -> None:
    root = paths.runtime_dir()
    root.mkdir(parents=True)
    os.chmod(root, 0o777)
    tempdir.session_dir()
    assert _mode(root) == 0o700


def test_symlinked_root_is_refused(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target)
    monkeypatch.setenv("EXPOSURE_CHECK_RUNTIME_DIR", str(link))
    monkeypatch.setattr(paths, "runtime_dir", lambda: link)  # resolve() would follow the link
    with pytest.raises(tempdir.TempDirError):
        tempdir.session_dir()


def test_linux_without_xdg_runtime_dir_avoids_shared_tmp(monkeypatch) -> None:
    monkeypatch.delenv("EXPOSURE_CHECK_RUNTIME_DIR")
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux fallback only")
    assert not str(paths.runtime_dir()).startswith(tempfile.gettempdir() + "/runtime-")
    assert paths.runtime_dir().name == "run"


def _child(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=60, env=os.environ.copy())


def test_clean_exit_removes_the_session_dir() -> None:
    result = _child("""
        from exposure_check import tempdir
        s = tempdir.install()
        (s / "preview.html").write_text("answers")
        print(s)
    """)
    assert result.returncode == 0, result.stderr
    assert not Path(result.stdout.strip()).exists()


def test_killed_session_is_removed_on_next_start_but_live_one_is_kept() -> None:
    # A process killed with SIGKILL (no atexit) leaves its dir behind.
    dead = _child("""
        import os, signal
        from exposure_check import tempdir
        s = tempdir.install()
        (s / "export.json").write_text("answers")
        print(s, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    dead_dir = Path(dead.stdout.strip())
    assert dead_dir.is_dir()
    # The next start removes it; its own session holds a lock, so our clean-up keeps it.
    live = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys
        from exposure_check import tempdir
        print(tempdir.install(), flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert live.stdout is not None
        live_dir = Path(live.stdout.readline().strip())
        assert live_dir.is_dir()
        assert not dead_dir.exists()  # the next start removed it
        assert tempdir.cleanup_stale() == 0  # and nobody removes a live one
        assert live_dir.is_dir()
    finally:
        assert live.stdin is not None
        live.stdin.close()
        live.wait(timeout=30)
    assert not live_dir.exists()


def test_half_created_session_without_lock_is_kept_while_young() -> None:
    root = paths.runtime_dir()
    root.mkdir(parents=True, mode=0o700)
    young = root / f"{tempdir.PREFIX}999999-abc"
    young.mkdir()
    assert tempdir.cleanup_stale() == 0 and young.exists()
    old = os.stat(young).st_mtime - 3600
    os.utime(young, (old, old))
    assert tempdir.cleanup_stale() == 1 and not young.exists()
