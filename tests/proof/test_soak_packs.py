"""Pack soak: seeded fuzzed packs through `validate_pack`, none may crash or take over 2 s.

CI runs a light form (SOAK_PACKS cases, default 100); `make soak` (SOAK=full) runs 10,000.
The fuzzer is bench/bench_packs.py, shared with the benchmark. Set SOAK_REPORT=FILE to write
the counts as JSON (docs/reliability.md quotes them).
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.bench_packs import soak, write_case  # noqa: E402

FULL = os.environ.get("SOAK") == "full"
CASES = 10_000 if FULL else int(os.environ.get("SOAK_PACKS", "100"))
# The bound is 2 s per pack; the light CI form only guards against hangs on a busy runner.
LIMIT_MS = 2000.0 if FULL else 10_000.0


@pytest.mark.slow
def test_fuzzed_packs_never_crash_the_loader(tmp_path: Path) -> None:
    failures: list[str] = []
    stats = soak(range(CASES), tmp_path, failures)
    report = os.environ.get("SOAK_REPORT")
    if report:
        Path(report).write_text(json.dumps({**dataclasses.asdict(stats), "limit_ms": LIMIT_MS}),
                                encoding="utf-8")
    assert stats.cases == CASES
    assert failures == [], "\n".join(failures[:20])
    assert stats.uncaught == 0 and stats.internal_errors == 0
    assert stats.rejected > 0 and stats.valid > 0  # the fuzzer is neither too gentle nor too harsh
    assert stats.max_ms <= LIMIT_MS, f"seed {stats.worst_seed} took {stats.max_ms:.0f} ms"


def test_cases_are_reproducible(tmp_path: Path) -> None:
    def snapshot(d: Path) -> dict[str, bytes]:
        return {p.relative_to(d).as_posix(): p.read_bytes() for p in sorted(d.rglob("*"))
                if p.is_file() and not p.is_symlink()}

    for seed in (0, 7, 4242):
        write_case(seed, tmp_path / "a")
        write_case(seed, tmp_path / "b")
        assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
@pytest.mark.parametrize("special", ["fifo", "zero", "dir"])
def test_special_files_in_a_pack_are_refused_not_hung_on(tmp_path: Path, special: str) -> None:
    """A tampered pack with a FIFO or a link to /dev/zero once hung the loader (found by this soak)."""
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(REPO / "tests" / "core" / "fixtures" / "mini", pack)
    target = pack / "items" / "extra.toml"
    if special == "fifo":
        os.mkfifo(target)
    elif special == "zero":
        target.symlink_to("/dev/zero")
    else:
        target.mkdir()
    code = textwrap.dedent(f"""
        from exposure_check.core.packs import validate_pack
        for p in validate_pack({str(pack)!r}):
            print(p)
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    if special != "dir":
        assert "extra.toml:1: -: not a regular file" in result.stdout
    assert "internal error" not in result.stdout


def test_problem_list_is_capped_per_file(tmp_path: Path) -> None:
    """Soak seed 6598 (6,000 wrong-typed steps) once gave 6,000 problems and took seconds."""
    from exposure_check.core.packs import MAX_SCHEMA_PROBLEMS, validate_pack

    case = write_case(6598, tmp_path / "case")
    problems = validate_pack(tmp_path / "case")
    assert case.kind == "tree" and problems
    assert len(problems) <= MAX_SCHEMA_PROBLEMS + 1
    assert "more than 100 problems" in problems[0].message
