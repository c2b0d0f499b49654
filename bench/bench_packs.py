"""Pack load/validate time (vs one plain tomllib parse of the same files) and fuzzed-pack throughput.

The fuzzer lives here so the soak test (tests/proof/test_soak_packs.py) and this benchmark use the
same, seeded cases: case N is always the same pack. Mutations work on bytes (flips, cuts, inserted
fragments), on the parsed TOML tree (deleted keys, wrong types, huge or deep values, duplicated
IDs, broken conditions, hostile Unicode), and on the directory (missing, empty, non-UTF-8 or
special files).
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import statistics
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import Result

ROOT = Path(__file__).resolve().parent.parent
BASES = {"core": ROOT / "resources" / "packs" / "core", "mini": ROOT / "tests" / "core" / "fixtures" / "mini"}

FRAGMENTS = [b"[[items]]\n", b'id = "a.one"\n', b'applies_when = "((("\n', b"options = 3\n",
             b"x = " + b"[" * 40 + b"1" + b"]" * 40 + b"\n", b"\xff\xfe", b"nan", b"= =",
             b"[pack]\n", b'"""', b"inf", b"\x00", b'"\\u0000"', b'severity = "extreme"\n',
             b'platforms = ["nope"]\n', b"[option_sets]\n", b"\xe2\x80\xae", b"'''"]
HOSTILE_STRINGS = ["", " ", "((((", "not (", "a and or b", "role == ", "\u202eevil", "\u200b",
                   "<img src='https://evil.example/x.png'>", "x" * 12_000, "名" * 4000,
                   "../../etc/passwd", "{{}}", "\\", "\x00", "a.one", "a.two", "${HOME}"]


def _toml_key(k: str) -> str:
    return json.dumps(k, ensure_ascii=False)


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(x)}" for k, x in v.items()) + "}"
    return '""'


def dump_toml(data: dict[str, Any]) -> bytes:
    """A tiny TOML writer: every top-level key as `key = <inline value>`."""
    return "\n".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in data.items()).encode(
        "utf-8", "surrogatepass") + b"\n"


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _parent(root: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    node = root
    for step in path[:-1]:
        node = node[step]
    return node, path[-1]


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(11)
    if kind == 0:
        return rng.choice(HOSTILE_STRINGS)
    if kind == 1:
        return rng.choice([0, -1, 2**53 + 1, -(2**63), 2**80, 10**400 if rng.random() < 0.1 else 7])
    if kind == 2:
        return rng.choice([math.nan, math.inf, -math.inf, 1e308, -0.0, 0.5])
    if kind == 3:
        return rng.random() < 0.5
    if kind == 4:
        return []
    if kind == 5:
        return {}
    if kind == 6 and depth < 3:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(1, 4))]
    if kind == 7 and depth < 3:
        return {rng.choice(["id", "x", "label", "when"]): _random_value(rng, depth + 1)}
    if kind == 8:
        deep: Any = 1
        for _ in range(rng.choice([5, 33, 60])):
            deep = [deep]
        return deep
    if kind == 9:
        return ["a"] * rng.choice([10, 6000])
    return "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randrange(1, 40)))


def _mutate_tree(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    for _ in range(rng.randrange(1, 5)):
        paths = _paths(data)
        if not paths:
            break
        path = rng.choice(paths)
        parent, key = _parent(data, path)
        op = rng.randrange(5)
        if op == 0:  # delete
            del parent[key]
        elif op == 1:  # replace with something of the wrong kind
            parent[key] = _random_value(rng)
        elif op == 2 and isinstance(parent, list):  # duplicate a list entry (e.g. an item: dup ID)
            parent.insert(key, json.loads(json.dumps(parent[key])))
        elif op == 3 and isinstance(parent[key], str):  # break or redirect a string
            parent[key] = rng.choice(HOSTILE_STRINGS)
        else:  # add an unknown key beside it
            if isinstance(parent, dict):
                parent[f"junk{rng.randrange(99)}"] = _random_value(rng)
    return data


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randrange(1, 7)):
        op = rng.randrange(5)
        pos = rng.randrange(max(len(buf), 1))
        if op == 0 and buf:
            buf[pos] = rng.randrange(256)
        elif op == 1:
            del buf[pos:pos + rng.randrange(1, 80)]
        elif op == 2:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 20)))
        elif op == 3:
            buf[pos:pos] = rng.choice(FRAGMENTS)
        else:
            buf[pos:pos] = buf[pos:pos + rng.randrange(1, 200)]
    return bytes(buf)


@dataclass(frozen=True)
class Case:
    seed: int
    base: str
    kind: str  # "bytes", "tree", "files"


def _base_files(base: str) -> dict[str, bytes]:
    root = BASES[base]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.toml"))}


_BASE_CACHE: dict[str, dict[str, bytes]] = {}


def write_case(seed: int, dest: Path) -> Case:
    """Write fuzzed pack number `seed` into `dest` (replaced). Deterministic per seed."""
    rng = random.Random(seed)
    base = "core" if rng.random() < 0.5 else "mini"
    if base not in _BASE_CACHE:
        _BASE_CACHE[base] = _base_files(base)
    files = dict(_BASE_CACHE[base])
    name = rng.choice(sorted(files))
    roll = rng.random()
    kind = "bytes" if roll < 0.45 else "tree" if roll < 0.9 else "files"
    if kind == "bytes":
        files[name] = _mutate_bytes(files[name], rng)
    elif kind == "tree":
        try:
            tree = tomllib.loads(files[name].decode("utf-8"))
            files[name] = dump_toml(_mutate_tree(tree, rng))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            files[name] = _mutate_bytes(files[name], rng)
    special = None
    if kind == "files":
        op = rng.randrange(5)
        if op == 0:
            del files[name]
        elif op == 1:
            files["items/empty.toml"] = b""
        elif op == 2:
            files["items/latin1.toml"] = "question = \"caf\xe9\"\n".encode("latin-1")
        elif op == 3:
            files["locales/xx_XX.toml"] = b'[items."a.one"]\nquestion = "?"\n'
        elif hasattr(os, "mkfifo"):
            special = rng.choice(["fifo", "zero", "dir"])
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for rel, data in files.items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_bytes(data)
    if special is not None:
        (dest / "items").mkdir(exist_ok=True)
        target = dest / "items" / f"special-{special}.toml"
        if special == "fifo":
            os.mkfifo(target)
        elif special == "zero":
            target.symlink_to("/dev/zero")
        else:
            target.mkdir()
    return Case(seed, base, kind)


@dataclass
class SoakStats:
    cases: int = 0
    valid: int = 0
    rejected: int = 0
    internal_errors: int = 0
    uncaught: int = 0
    max_ms: float = 0.0
    total_ms: float = 0.0
    worst_seed: int = -1


def soak(seeds: range, workdir: Path, on_failure: list[str] | None = None) -> SoakStats:
    """Validate each fuzzed pack; count outcomes. Anything but a Problem list is a failure."""
    from exposure_check.core.packs import validate_pack

    stats = SoakStats()
    dest = workdir / "case"
    for seed in seeds:
        case = write_case(seed, dest)
        t0 = time.perf_counter()
        try:
            problems = validate_pack(dest)
        except BaseException as exc:  # validate_pack must never raise
            stats.uncaught += 1
            if on_failure is not None:
                on_failure.append(f"seed {seed} ({case.kind}): uncaught {type(exc).__name__}: {exc}")
            problems = None
        ms = (time.perf_counter() - t0) * 1000.0
        stats.cases += 1
        stats.total_ms += ms
        if ms > stats.max_ms:
            stats.max_ms, stats.worst_seed = ms, seed
        if problems is None:
            continue
        bad = [p for p in problems if "internal error" in p.message]
        if bad:
            stats.internal_errors += 1
            if on_failure is not None:
                on_failure.append(f"seed {seed} ({case.kind}): {bad[0]}")
        elif problems:
            stats.rejected += 1
        else:
            stats.valid += 1
    return stats


def run(quick: bool) -> list[Result]:
    import tempfile

    from exposure_check.core.packs import load_pack

    runs = 5 if quick else 20
    core = BASES["core"]
    files = sorted(core.rglob("*.toml"))
    load_pack(core)  # warm: imports, schema compile
    loads, parses, indexed = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        load_pack(core)
        loads.append((time.perf_counter() - t0) * 1000.0)
        t0 = time.perf_counter()
        load_pack(core, prevalidated=True)  # what the app does: files from the build-time index
        indexed.append((time.perf_counter() - t0) * 1000.0)
        t0 = time.perf_counter()
        for f in files:
            tomllib.loads(f.read_text(encoding="utf-8"))
        parses.append((time.perf_counter() - t0) * 1000.0)
    load_ms, parse_ms = statistics.median(loads), statistics.median(parses)
    indexed_ms = statistics.median(indexed)
    n = 30 if quick else 200
    with tempfile.TemporaryDirectory(prefix="ec-fuzz-") as tmp:
        t0 = time.perf_counter()
        stats = soak(range(n), Path(tmp))
        wall = time.perf_counter() - t0
    ok = stats.uncaught == 0 and stats.internal_errors == 0
    return [
        Result(f"core pack load + validate (median of {runs})", load_ms, parse_ms, "ms", "≤ 250 ms (ours)",
               load_ms <= 250.0, f"baseline: one tomllib parse of the same {len(files)} files; "
               "this is `pack validate` and any changed core file"),
        Result(f"core pack load at app start, from its index (median of {runs})", indexed_ms, parse_ms,
               "ms", "≤ 250 ms (ours)", indexed_ms <= 250.0,
               "resources/packs/core.prevalidated.json: no TOML parse, no schema check; semantic "
               "checks run"),
        Result(f"fuzzed packs: slowest of {n}", stats.max_ms, None, "ms", "≤ 2 s each",
               stats.max_ms <= 2000.0 and ok,
               f"{n / wall:.0f} packs/s incl. writing; {stats.rejected} rejected, {stats.valid} valid, "
               f"{stats.internal_errors + stats.uncaught} crashes"),
    ]


if __name__ == "__main__":  # `python -m bench.bench_packs SEED DIR` writes one case, for debugging
    print(write_case(int(sys.argv[1]), Path(sys.argv[2])))
