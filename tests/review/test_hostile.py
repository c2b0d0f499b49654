"""The hostile-file corpus: every file finishes, reports what is wrong, writes nothing, and keeps
its output bounded. Timing figures live in bench/; the alarm below only catches a hang."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from exposure_check.core.review import Limits, ReviewInput, review
from exposure_check.core.review.safezip import ZipLimits

from .corpus import CORPUS

HANG_SECONDS = 120  # a hang detector, not a speed target (the ≤ 30 s figures are in the benchmark)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture
def alarm() -> Iterator[None]:
    def boom(signum: int, frame: object) -> None:
        raise TimeoutError("the reviewer hung on a hostile file")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _listing(root: Path) -> set[tuple[str, int]]:
    out = set()
    for dirpath, _dirs, files in os.walk(root):
        for f in files:
            p = Path(dirpath) / f
            out.add((str(p), p.stat().st_size))
    return out


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_file_is_handled(name: str, corpus_dir: Path, tmp_path: Path, alarm: None) -> None:
    builder, expected = CORPUS[name]
    path = builder(corpus_dir)
    watched = [corpus_dir, tmp_path, Path(os.environ["TMPDIR"])]
    before = [_listing(w) for w in watched]
    data_dir = Path(os.environ["EXPOSURE_CHECK_DATA_DIR"])
    result = review([ReviewInput.file(path)])
    assert [_listing(w) for w in watched] == before, "the reviewer wrote a file"
    assert not data_dir.exists(), "the reviewer created the data dir"
    messages = " ".join(i.message for i in result.issues)
    if expected:
        assert expected in messages, messages
    assert len(result.findings) <= 5000
    for issue in result.issues:  # every problem names the file it is about
        assert issue.source.startswith(str(path))


def test_zip_slip_entry_is_skipped_but_others_are_read(corpus_dir: Path) -> None:
    path = CORPUS["zip-slip"][0](corpus_dir)
    result = review([ReviewInput.file(path)])
    assert any(f.text == "fine@example.org" for f in result.findings)
    assert not any("evil" in f.source for f in result.findings)
    assert not (corpus_dir.parent / "evil.txt").exists()


def test_total_limit_counts_bytes_actually_decompressed(tmp_path: Path) -> None:
    path = tmp_path / "many-mid.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(8):
            zf.writestr(f"part{i}.txt", os.urandom(300 * 1024).hex()[: 300 * 1024])
    limits = Limits(zip=ZipLimits(max_total=1 << 20))
    result = review([ReviewInput.file(path)], limits=limits)
    assert any(i.severity == "error" and "more than 1 MiB" in i.message for i in result.issues)


def test_per_entry_limit(tmp_path: Path) -> None:
    path = tmp_path / "big-entry.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("big.txt", b"x " * (600 * 1024))
    result = review([ReviewInput.file(path)], limits=Limits(zip=ZipLimits(max_entry=512 * 1024)))
    assert any("larger than" in i.message for i in result.issues)


def test_extractall_is_never_called(monkeypatch: pytest.MonkeyPatch, corpus_dir: Path) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("extractall/extract must never be called")

    monkeypatch.setattr(zipfile.ZipFile, "extractall", forbidden)
    monkeypatch.setattr(zipfile.ZipFile, "extract", forbidden)
    for name in ("zip-slip", "symlink", "lying-size"):
        review([ReviewInput.file(CORPUS[name][0](corpus_dir))])


def test_zip_bomb_memory_is_bounded(corpus_dir: Path) -> None:
    """Peak RSS of a fresh interpreter reviewing the 64 MiB bomb stays far below its size."""
    path = CORPUS["zip-bomb"][0](corpus_dir)
    # VmHWM, not ru_maxrss: on Linux ru_maxrss carries the forking parent's (pytest's) peak over exec.
    code = ("import sys\nfrom exposure_check.core.review import ReviewInput, review\n"
            "review([ReviewInput.file(sys.argv[1])])\n"
            "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                         check=True, timeout=HANG_SECONDS)
    peak_mib = int(out.stdout.strip()) / 1024
    assert peak_mib < 200, peak_mib
