"""CI runs the benchmark runner in quick mode, so it cannot rot: the table must come out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHEAP = ["packs", "stall"]


@pytest.mark.slow
def test_quick_bench_run_writes_the_table(tmp_path: Path) -> None:
    out = tmp_path / "bench.md"
    committed = (REPO / "docs" / "benchmarks.md").read_bytes()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    args = [sys.executable, "-m", "bench", "--quick", "--output", str(out)]
    for name in CHEAP:
        args += ["--only", name]
    result = subprocess.run(args, capture_output=True, text=True, timeout=600, env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    # The heading says the mode and, for --only, which benchmarks ran.
    assert f"(quick run, only {', '.join(sorted(CHEAP))})" in text
    assert "Machine:" in text and "Versions:" in text
    assert "| benchmark | metric | ours | baseline | ratio | goal | met | note |" in text
    rows = [ln for ln in text.splitlines() if ln.startswith("| ") and not ln.startswith("| benchmark")]
    for name in CHEAP:
        assert any(r.startswith(f"| {name} |") for r in rows), (name, text)
    assert "benchmarks that crashed" not in result.stderr
    assert (REPO / "docs" / "benchmarks.md").read_bytes() == committed  # quick runs don't write there
