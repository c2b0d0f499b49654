"""Benchmarks: each `bench_*.py` compares against its own baseline measured in the same run."""
