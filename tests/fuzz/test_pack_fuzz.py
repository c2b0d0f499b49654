"""Fuzz the pack loader: whatever the input, it returns a Pack or raises PackError — nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exposure_check.core.packs import PackError, load_pack

MINI = Path(__file__).resolve().parents[1] / "core" / "fixtures" / "mini"
ITEMS = (MINI / "items" / "items.toml").read_bytes()
PACK = (MINI / "pack.toml").read_bytes()
LOCALE = (MINI / "locales" / "zh_CN.toml").read_bytes()

toml_scalars = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True),
    st.booleans(), st.text(max_size=30))
FRAGMENTS = [b"[[items]]\n", b"id = \"a.one\"\n", b"applies_when = \"(((\"\n", b"options = 3\n",
             b"x = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
             b"\xff\xfe", b"nan", b"= =", b"[pack]\n", b"\"\"\"", b"inf", b"\x00", b"\"\\u0000\"",
             b"severity = \"extreme\"\n", b"platforms = [\"nope\"]\n", b"[option_sets]\n"]


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "fragment", "dup"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[pos:pos + draw(st.integers(1, 80))]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(max_size=20))
        elif op == "fragment":
            data[pos:pos] = draw(st.sampled_from(FRAGMENTS))
        elif op == "dup":
            data[pos:pos] = data[pos:pos + draw(st.integers(1, 200))]
    return bytes(data)


def _write(root: Path, pack: bytes, items: bytes, locale: bytes) -> None:
    if root.exists():
        shutil.rmtree(root)
    (root / "items").mkdir(parents=True)
    (root / "locales").mkdir()
    (root / "pack.toml").write_bytes(pack)
    (root / "items" / "items.toml").write_bytes(items)
    (root / "locales" / "zh_CN.toml").write_bytes(locale)


def _load(root: Path) -> None:
    try:
        load_pack(root)
    except PackError as exc:
        assert exc.problems, "PackError without problems"
        for p in exc.problems:
            assert "internal error" not in p.message
            assert "\n" not in p.message.strip() or "malformed TOML" in p.message


@settings(max_examples=700, deadline=None, suppress_health_check=list(HealthCheck))
@given(which=st.sampled_from(["pack", "items", "locale"]), data=st.data())
def test_mutated_files_never_crash_the_loader(tmp_path_factory, which: str, data: st.DataObject) -> None:
    root = tmp_path_factory.getbasetemp() / "fuzz-mutated"
    files = {"pack": PACK, "items": ITEMS, "locale": LOCALE}
    files[which] = data.draw(mutated(files[which]))
    _write(root, files["pack"], files["items"], files["locale"])
    _load(root)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(item=st.dictionaries(
    st.sampled_from(["id", "category", "platforms", "severity", "question", "why", "applies_when",
                     "options", "steps", "effort_minutes", "cost", "sources", "linkability",
                     "weight", "mandatory", "scenarios", "junk"]),
    st.one_of(toml_scalars, st.lists(toml_scalars, max_size=3)), max_size=12))
def test_generated_items_never_crash_the_loader(tmp_path_factory, item: dict[str, object]) -> None:
    import json

    root = tmp_path_factory.getbasetemp() / "fuzz-generated"
    lines = ["[[items]]"]
    for key, value in item.items():
        if isinstance(value, float) and value != value:
            rendered = "nan"
        elif isinstance(value, float) and value in (float("inf"), float("-inf")):
            rendered = "inf" if value > 0 else "-inf"
        elif isinstance(value, bool):
            rendered = "true" if value else "false"
        elif isinstance(value, list):
            rendered = json.dumps(value).replace("NaN", "nan").replace("Infinity", "inf")
            rendered = rendered.replace("true", "true").replace("false", "false")
        else:
            rendered = json.dumps(value)
        lines.append(f"{key} = {rendered}")
    _write(root, PACK, ITEMS + b"\n" + "\n".join(lines).encode("utf-8") + b"\n", LOCALE)
    _load(root)
