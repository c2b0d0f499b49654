"""Find, load, validate and merge packs. Bad input becomes a list of Problems, never a traceback.

A pack is a directory: `pack.toml` (meta, categories, platforms, profile, option sets, scenarios,
red flags, report contacts, retired IDs), `items/*.toml` (`[[items]]`), and `locales/<L>.toml`.
A single `.toml` file holding all of that also works. See docs/pack-format.md.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import re
import stat
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from .conditions import ConditionError, compile_condition
from .model import (
    SOURCE_LOCALE,
    SUPPORTED_LOCALES,
    Category,
    Item,
    LocalLines,
    LocalText,
    Option,
    Pack,
    Platform,
    ProfileOption,
    ProfileQuestion,
    RedFlag,
    ReportContact,
    Scenario,
    SearchEngine,
    Source,
    Step,
)
from .org import OrgFields, parse_org

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 500
MAX_DEPTH = 32
MAX_STRING = 10 * 1024
MAX_INT = 2**53
MAX_SCHEMA_PROBLEMS = 100
DEFAULT_VISIBILITY = {"exposed": 1.0, "safe": 0.0, "unsure": 0.5, "na": 0.0}
# Strict content lint: longest acceptable text, in characters.
STRICT_LIMITS = {"question": 300, "why": 1200, "step": 400, "label": 80}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.item or '-'}: {self.message}"


class PackError(Exception):
    """A pack could not be loaded. `problems` holds one entry per problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class _Doc:
    path: Path
    text: str
    data: dict[str, Any]
    # True when these exact bytes were validated when the index was written (see _Prevalidated)
    prevalidated: bool = False

    def line_of(self, ident: str, key: str = "id", *, last: bool = False) -> int:
        """Best-effort line number of `key = "ident"` (or a quoted table key) in the file."""
        if not ident:
            return 1
        pat = re.compile(rf'^\s*{re.escape(key)}\s*=\s*["\']{re.escape(ident)}["\']', re.M)
        matches = list(pat.finditer(self.text))
        m = (matches[-1] if last else matches[0]) if matches else None
        if m is None:
            m = re.search(rf'["\']{re.escape(ident)}["\']', self.text)
        if m is None:
            m = re.search(re.escape(ident), self.text)
        return self.text.count("\n", 0, m.start()) + 1 if m else 1


@dataclass
class _Collector:
    problems: list[Problem] = field(default_factory=list)

    def add(self, doc: _Doc | Path | None, line: int, item: str, message: str) -> None:
        path = doc.path if isinstance(doc, _Doc) else doc
        self.problems.append(Problem(str(path) if path else "<pack>", line, item, message))

    def at(self, doc: _Doc, ident: str, message: str, key: str = "id") -> None:
        self.add(doc, doc.line_of(ident, key), ident, message)


# ---------------------------------------------------------------------------------------------
# Reading files: size, encoding, TOML syntax, depth, string and number limits.


def _check_values(value: object, depth: int = 0) -> str | None:
    if depth > MAX_DEPTH:
        return f"nesting deeper than {MAX_DEPTH} levels"
    if isinstance(value, dict):
        for k, v in value.items():
            if len(k) > MAX_STRING:
                return f"a key longer than {MAX_STRING // 1024} KiB"
            err = _check_values(v, depth + 1)
            if err:
                return err
    elif isinstance(value, list):
        for v in value:
            err = _check_values(v, depth + 1)
            if err:
                return err
    elif isinstance(value, str):
        if len(value.encode("utf-8")) > MAX_STRING:
            return f"a string longer than {MAX_STRING // 1024} KiB: {value[:40]!r}…"
    elif isinstance(value, bool):
        return None
    elif isinstance(value, float):
        if not math.isfinite(value):
            return f"a non-finite number ({value}); use a plain number"
    elif isinstance(value, int) and abs(value) > MAX_INT:
        return f"an integer too large ({str(value)[:30]}…)"
    return None


def _find_line(text: str, needle: str) -> int:
    idx = text.find(needle)
    return text.count("\n", 0, idx) + 1 if idx >= 0 else 1


def read_toml(path: Path, out: _Collector, pre: _Prevalidated | None = None) -> _Doc | None:
    """Read one TOML file under the limits; report a Problem and return None on bad input.

    With `pre`, a file whose bytes the index lists is taken from the index, not parsed again.
    """
    try:
        # O_NONBLOCK + fstat: a FIFO or a link to /dev/zero in a tampered pack must not hang us.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                out.add(path, 1, "", "not a regular file (a device, pipe or socket); packs hold plain files")
                return None
            if st.st_size > MAX_FILE_BYTES:
                out.add(path, 1, "",
                        f"file is {st.st_size} bytes, over the {MAX_FILE_BYTES // 2**20} MiB limit")
                return None
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        out.add(path, 1, "", f"cannot read file: {exc.strerror or exc}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        out.add(path, 1, "", f"file is over the {MAX_FILE_BYTES // 2**20} MiB limit")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        out.add(path, line, "", f"invalid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    known = pre.lookup(path, raw) if pre is not None else None
    if known is not None:
        return _Doc(path, text, known, prevalidated=True)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        out.add(path, int(m.group(1)) if m else 1, "", f"malformed TOML: {exc}")
        return None
    except RecursionError:
        out.add(path, 1, "", f"nesting deeper than {MAX_DEPTH} levels")
        return None
    err = _check_values(data)
    if err:
        snippet = err.split(": ", 1)[1][:20].strip("'…") if ": " in err else ""
        out.add(path, _find_line(text, snippet) if snippet else 1, "", err)
        return None
    return _Doc(path, text, data)


# ---------------------------------------------------------------------------------------------
# Schema validation (jsonschema is imported lazily: it costs ~170 ms).

_SCHEMA: dict[str, Any] | None = None


def _schema() -> dict[str, Any]:
    global _SCHEMA
    if _SCHEMA is None:
        from ..paths import pack_schema_path

        _SCHEMA = cast(dict[str, Any], json.loads(pack_schema_path().read_text("utf-8")))
    return _SCHEMA


_VALIDATORS: dict[str | None, Any] = {}


def _validator(definition: str | None) -> Any:
    if definition not in _VALIDATORS:
        import jsonschema

        root = _schema()
        schema: dict[str, Any] = root if definition is None else {
            "$defs": root["$defs"], "$ref": f"#/$defs/{definition}"}
        _VALIDATORS[definition] = jsonschema.Draft202012Validator(schema)
    return _VALIDATORS[definition]


def _schema_check(doc: _Doc, definition: str | None, out: _Collector) -> bool:
    if doc.prevalidated:
        return True
    validator = _validator(definition)
    ok = True
    # Capped: a 6,000-entry list of wrong types once took seconds and printed 6,000 lines.
    errors = list(itertools.islice(validator.iter_errors(doc.data), MAX_SCHEMA_PROBLEMS + 1))
    if len(errors) > MAX_SCHEMA_PROBLEMS:
        out.add(doc, 1, "", f"more than {MAX_SCHEMA_PROBLEMS} problems in this file; "
                            "the first ones follow, fix them first")
    for err in sorted(errors[:MAX_SCHEMA_PROBLEMS], key=lambda e: list(e.absolute_path)):
        ok = False
        path = list(err.absolute_path)
        ident = ""
        node: Any = doc.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                ident = node["id"]
        where = "/".join(str(p) for p in path) or "(top level)"
        line = doc.line_of(ident) if ident else (
            _find_line(doc.text, str(path[-1])) if path and isinstance(path[-1], str) else 1)
        msg = err.message if len(err.message) < 300 else err.message[:300] + "…"
        out.add(doc, line, ident, f"{where}: {msg}")
    return ok


# ---------------------------------------------------------------------------------------------
# Translation bookkeeping.


def source_hash(entry: Mapping[str, Any]) -> str:
    """Fingerprint of an item's (or red flag's) source-locale text; translations record it."""
    keys = ("question", "why", "text", "advice", "options", "steps")
    payload: dict[str, Any] = {}
    for key in keys:
        if key not in entry:
            continue
        value = entry[key]
        if key == "options" and isinstance(value, list):
            value = {o.get("id"): o.get("label") for o in value if isinstance(o, dict)}
        elif key == "steps" and isinstance(value, list):
            value = [[s.get("platform"), s.get("text")] for s in value if isinstance(s, dict)]
        payload[key] = value
    blob = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:12]


# ---------------------------------------------------------------------------------------------
# The shipped pack's index: its files as validated when the index was written.
#
# Parsing and schema-checking the core pack is ~0.5 s of pure Python, paid at every start on a
# worker thread, where it competes with the GUI thread for the GIL. `scripts/build_pack_index.py`
# writes, next to the core pack, each file's SHA-256 and parsed data (committed, so it ships in
# every build); a file whose bytes still match is taken from the index. The index sits in the
# install directory, as trusted as the code; it is only ever used for the core pack, never for an
# organisation's pack or a pack being validated. A changed file, another schema, or an index that
# cannot be read just means the full parse and check, as before.

PREVALIDATED_FORMAT = 1


def prevalidated_path(pack_dir: Path) -> Path:
    """Where the index of the pack in `pack_dir` lives: `<dir>.prevalidated.json` beside it."""
    return pack_dir.with_name(pack_dir.name + ".prevalidated.json")


def _schema_digest() -> str:
    from ..paths import pack_schema_path

    return hashlib.sha256(pack_schema_path().read_bytes()).hexdigest()


@dataclass(frozen=True)
class _Prevalidated:
    root: Path
    files: Mapping[str, tuple[str, dict[str, Any]]]  # relative path → (sha256, data)

    def lookup(self, path: Path, raw: bytes) -> dict[str, Any] | None:
        try:
            rel = path.relative_to(self.root).as_posix()
        except ValueError:
            return None
        entry = self.files.get(rel)
        if entry is None or entry[0] != hashlib.sha256(raw).hexdigest():
            return None
        return entry[1]


def _open_prevalidated(pack_dir: Path) -> _Prevalidated | None:
    """The index beside `pack_dir`, or None when there is none or it does not apply."""
    try:
        index = json.loads(prevalidated_path(pack_dir).read_bytes())
        if (index.get("format") != PREVALIDATED_FORMAT or index.get("schema") != _schema_digest()
                or not isinstance(index.get("files"), dict)):
            return None
        files = {rel: (e["sha256"], e["data"]) for rel, e in index["files"].items()
                 if isinstance(e, dict) and isinstance(e.get("sha256"), str)
                 and isinstance(e.get("data"), dict)}
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return None
    return _Prevalidated(pack_dir, files)


def build_prevalidated(pack_dir: Path) -> dict[str, Any]:
    """The index for `pack_dir`: validates the pack in full first (raises PackError if broken).

    Files whose data JSON cannot carry exactly (TOML dates and times) are left out; they are
    parsed at load time.
    """
    load_pack(pack_dir)
    out = _Collector()
    raw = _read_raw(pack_dir, out)
    if raw is None:
        raise PackError(out.problems)
    docs = {id(d): d for d in [raw.main, *(d for d, _ in raw.item_docs), *raw.locales.values(),
                               *(d for d, _ in raw.search_docs)]}
    files: dict[str, Any] = {}
    for doc in docs.values():
        try:
            exact = json.loads(json.dumps(doc.data)) == doc.data
        except (TypeError, ValueError):
            exact = False
        if exact:
            files[doc.path.relative_to(pack_dir).as_posix()] = {
                "sha256": hashlib.sha256(doc.path.read_bytes()).hexdigest(), "data": doc.data}
    return {"format": PREVALIDATED_FORMAT, "schema": _schema_digest(),
            "files": dict(sorted(files.items()))}


# ---------------------------------------------------------------------------------------------
# Loading.


@dataclass
class _Raw:
    """The raw documents of a pack (and its overlays), before they become model objects."""

    root: Path
    main: _Doc
    item_docs: list[tuple[_Doc, dict[str, Any]]] = field(default_factory=list)
    locales: dict[str, _Doc] = field(default_factory=dict)
    # self-search engines: from pack.toml's [[search_engines]] and an optional search.toml
    search_docs: list[tuple[_Doc, dict[str, Any]]] = field(default_factory=list)


def _pack_files(path: Path, out: _Collector) -> tuple[Path | None, list[Path], list[Path]]:
    if path.is_file():
        return path, [], []
    if not path.is_dir():
        out.add(path, 1, "", "no such pack (expected a directory with pack.toml, or a .toml file)")
        return None, [], []
    main = path / "pack.toml"
    if not main.is_file():
        out.add(path, 1, "", "not a pack: pack.toml is missing")
        return None, [], []
    items = sorted((path / "items").glob("*.toml")) if (path / "items").is_dir() else []
    locales = sorted((path / "locales").glob("*.toml")) if (path / "locales").is_dir() else []
    if len(items) + len(locales) > MAX_FILES:
        out.add(path, 1, "", f"more than {MAX_FILES} files")
        return None, [], []
    return main, items, locales


def _read_raw(path: Path, out: _Collector, pre: _Prevalidated | None = None) -> _Raw | None:
    main_path, item_paths, locale_paths = _pack_files(path, out)
    if main_path is None:
        return None
    main = read_toml(main_path, out, pre)
    if main is None:
        return None
    ok = _schema_check(main, None, out)
    raw = _Raw(path, main)
    for it in main.data.get("items", []) if ok else []:
        raw.item_docs.append((main, it))
    for p in item_paths:
        doc = read_toml(p, out, pre)
        if doc is None:
            ok = False
            continue
        if not _schema_check(doc, "items_file", out):
            ok = False
            continue
        for it in doc.data["items"]:
            raw.item_docs.append((doc, it))
    for p in locale_paths:
        loc = p.stem
        if loc not in SUPPORTED_LOCALES or loc == SOURCE_LOCALE:
            out.add(p, 1, "", f"unknown locale {loc!r}; supported: "
                    f"{', '.join(x for x in SUPPORTED_LOCALES if x != SOURCE_LOCALE)}")
            ok = False
            continue
        doc = read_toml(p, out, pre)
        if doc is None or not _schema_check(doc, "locale", out):
            ok = False
            continue
        raw.locales[loc] = doc
    raw.search_docs.extend((main, e) for e in main.data.get("search_engines", []) if ok)
    search_path = path / "search.toml"
    if path.is_dir() and search_path.is_file():
        doc = read_toml(search_path, out, pre)
        if doc is None or not _schema_check(doc, "search_file", out):
            ok = False
        else:
            raw.search_docs.extend((doc, e) for e in doc.data["search_engines"])
    return raw if ok else None


def _texts(doc: _Doc, ident: str, value: str, translations: Mapping[str, str | None]) -> LocalText:
    out = {SOURCE_LOCALE: value}
    for loc, text in translations.items():
        if text:
            out[loc] = text
    return out


class _Builder:
    """Turns raw documents into a Pack, running the semantic checks on the way."""

    def __init__(self, raws: list[_Raw], out: _Collector, strict: bool) -> None:
        self.raws = raws
        self.out = out
        self.strict = strict
        self.locales: dict[str, list[_Doc]] = {}
        for raw in raws:
            for loc, doc in raw.locales.items():
                self.locales.setdefault(loc, []).append(doc)
        self.outdated: dict[str, list[str]] = {}
        self.untranslated: dict[str, list[str]] = {}

    # -- locale look-ups ------------------------------------------------------------------------
    def _loc(self, section: str, ident: str) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for loc, docs in self.locales.items():
            for doc in docs:
                entry = doc.data.get(section, {}).get(ident)
                if isinstance(entry, dict):
                    found[loc] = entry
        return found

    def _local(self, section: str, ident: str, key: str, source: str) -> LocalText:
        texts = {SOURCE_LOCALE: source}
        for loc, entry in self._loc(section, ident).items():
            value = entry.get(key)
            if isinstance(value, str) and value:
                texts[loc] = value
        return texts

    def _track(self, section: str, ident: str, entry: Mapping[str, Any], doc: _Doc) -> None:
        """Record missing and outdated translations of an item or red flag."""
        translated = self._loc(section, ident)
        want = source_hash(entry)
        for loc in self.locales:
            tr_entry = translated.get(loc)
            if tr_entry is None:
                self.untranslated.setdefault(loc, []).append(ident)
                if self.strict:
                    self.out.at(doc, ident, f"no {loc} translation")
                continue
            if tr_entry.get("source") != want:
                self.outdated.setdefault(loc, []).append(ident)
                if self.strict:
                    self.out.at(doc, ident, f"{loc} translation is outdated: the English text "
                                f"changed (update it, then set source = \"{want}\")")

    def _strict_len(self, doc: _Doc, ident: str, kind: str, text: str) -> None:
        limit = STRICT_LIMITS[kind]
        if self.strict and len(text) > limit:
            self.out.at(doc, ident, f"{kind} is {len(text)} characters; keep it under {limit}")

    # -- building -----------------------------------------------------------------------------
    def build(self) -> Pack | None:
        base = self.raws[0]
        meta = base.main.data["pack"]
        locales = tuple(meta.get("locales", [SOURCE_LOCALE]))
        for loc in locales:
            if loc not in SUPPORTED_LOCALES:
                self.out.at(base.main, str(loc), f"unknown locale {loc!r}", key="locales")
        if SOURCE_LOCALE not in locales:
            self.out.add(base.main, 1, "", f"locales must include the source locale {SOURCE_LOCALE!r}")
        for loc in base.locales:
            if loc not in locales:
                self.out.add(base.locales[loc], 1, "", f"locale {loc!r} is not listed in [pack] locales")
        if self.strict:
            for loc in locales:
                if loc != SOURCE_LOCALE and loc not in base.locales:
                    self.out.add(base.main, 1, "", f"locale {loc!r} has no locales/{loc}.toml")

        categories = self._categories()
        platforms = self._platforms()
        profile = self._profile()
        scenarios = self._scenarios()
        option_sets = self._option_sets()
        items = self._items(categories, platforms, profile, scenarios, option_sets)
        red_flags = self._red_flags(scenarios)
        contacts = self._contacts()
        org = self._org()
        if org.security_contact is not None:  # the org's contact replaces every locale's default
            contacts = {loc: org.security_contact for loc in (*locales, *contacts)}
        replaced = self._retired({it.id for it in items})
        items = self._apply_overlays(items)
        search_engines = self._search_engines(platforms)
        self._check_locale_keys(items, red_flags, categories, platforms, profile, scenarios,
                                option_sets)
        if self.out.problems:
            return None
        name = self._local("pack", "", "name", meta["name"])
        pack_locale_name = {loc: d.data.get("pack", {}).get("name") for loc, ds in self.locales.items()
                            for d in ds[:1]}
        name = dict(name)
        name.update({k: v for k, v in pack_locale_name.items() if v})
        return Pack(
            id=meta["id"], version=meta["version"], name=name, locales=locales,
            categories=tuple(categories.values()), platforms=tuple(platforms.values()),
            profile=tuple(profile.values()), items=tuple(items), scenarios=tuple(scenarios.values()),
            red_flags=tuple(red_flags), report_contacts=contacts, replaced=replaced,
            outdated={k: tuple(v) for k, v in self.outdated.items()},
            untranslated={k: tuple(v) for k, v in self.untranslated.items()},
            overlays=tuple(r.main.data["pack"]["id"] for r in self.raws[1:]),
            search_engines=tuple(search_engines),
            branding=org.branding, security_contact=org.security_contact,
            org_settings=org.settings, locked_settings=org.locked,
        )

    def _all(self, section: str) -> Iterator[tuple[_Doc, dict[str, Any]]]:
        for raw in self.raws:
            for entry in raw.main.data.get(section, []):
                yield raw.main, entry

    def _unique(self, kind: str, seen: Mapping[str, Any], doc: _Doc, ident: str) -> bool:
        if ident in seen:
            self.out.add(doc, doc.line_of(ident, last=True), ident, f"duplicate {kind} ID {ident!r}")
            return False
        return True

    def _namespaced(self, doc: _Doc, ident: str) -> bool:
        for raw in self.raws[1:]:
            if raw.main is doc or doc.path.is_relative_to(raw.root):
                ns = raw.main.data["pack"].get("namespace", raw.main.data["pack"]["id"])
                if not ident.startswith(ns + "."):
                    self.out.at(doc, ident, f"overlay IDs must start with {ns + '.'!r}")
                    return False
        return True

    def _categories(self) -> dict[str, Category]:
        out: dict[str, Category] = {}
        for doc, c in self._all("categories"):
            if self._unique("category", out, doc, c["id"]) and self._namespaced(doc, c["id"]):
                out[c["id"]] = Category(
                    c["id"], self._local("categories", c["id"], "name", c["name"]),
                    self._local("categories", c["id"], "description", c.get("description", "")))
        return out

    def _platforms(self) -> dict[str, Platform]:
        out: dict[str, Platform] = {}
        for doc, p in self._all("platforms"):
            if self._unique("platform", out, doc, p["id"]) and self._namespaced(doc, p["id"]):
                out[p["id"]] = Platform(p["id"], self._local("platforms", p["id"], "name", p["name"]),
                                        p["group"], p.get("icon", ""), p.get("url", ""))
        return out

    def _profile(self) -> dict[str, ProfileQuestion]:
        out: dict[str, ProfileQuestion] = {}
        for doc, q in self._all("profile"):
            if not self._unique("profile question", out, doc, q["id"]):
                continue
            locs = self._loc("profile", q["id"])
            opts = []
            for o in q.get("options", []):
                label = {SOURCE_LOCALE: o["label"]}
                for loc, entry in locs.items():
                    tl = entry.get("options", {}).get(o["id"])
                    if tl:
                        label[loc] = tl
                opts.append(ProfileOption(o["id"], label))
            if q["kind"] in ("choice", "multi") and len(opts) < 2:
                self.out.at(doc, q["id"], "a choice question needs at least two options")
            if q["kind"] == "platforms" and q["id"] != "platforms":
                self.out.at(doc, q["id"], "the platforms question must have id 'platforms'")
            out[q["id"]] = ProfileQuestion(
                q["id"], q["kind"], self._local("profile", q["id"], "label", q["label"]),
                self._local("profile", q["id"], "help", q.get("help", "")), tuple(opts))
        return out

    def _scenarios(self) -> dict[str, Scenario]:
        out: dict[str, Scenario] = {}
        for doc, s in self._all("scenarios"):
            if self._unique("scenario", out, doc, s["id"]):
                out[s["id"]] = Scenario(s["id"], self._local("scenarios", s["id"], "name", s["name"]))
        return out

    def _option_sets(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for raw in self.raws:
            for set_id, options in raw.main.data.get("option_sets", {}).items():
                if set_id in out:
                    self.out.at(raw.main, set_id, f"duplicate option set {set_id!r}")
                out[set_id] = options
        return out

    def _option_label(self, set_id: str | None, item_id: str, opt: dict[str, Any]) -> LocalText:
        label = {SOURCE_LOCALE: opt["label"]}
        for loc, docs in self.locales.items():
            for doc in docs:
                if set_id is not None:
                    tl = doc.data.get("option_sets", {}).get(set_id, {}).get(opt["id"])
                else:
                    tl = doc.data.get("items", {}).get(item_id, {}).get("options", {}).get(opt["id"])
                if tl:
                    label[loc] = tl
        return label

    def _items(self, categories: Mapping[str, Category], platforms: Mapping[str, Platform],
               profile: Mapping[str, ProfileQuestion], scenarios: Mapping[str, Scenario],
               option_sets: Mapping[str, list[dict[str, Any]]]) -> list[Item]:
        items: list[Item] = []
        seen: dict[str, Item] = {}
        platform_ids = frozenset(platforms)
        for raw in self.raws:
            for doc, it in raw.item_docs:
                item = self._item(doc, it, categories, platforms, profile, scenarios, option_sets,
                                  platform_ids, seen)
                if item is not None:
                    seen[item.id] = item
                    items.append(item)
        return items

    def _item(self, doc: _Doc, it: dict[str, Any], categories: Mapping[str, Category],
              platforms: Mapping[str, Platform], profile: Mapping[str, ProfileQuestion],
              scenarios: Mapping[str, Scenario], option_sets: Mapping[str, list[dict[str, Any]]],
              platform_ids: frozenset[str], seen: Mapping[str, Item]) -> Item | None:
        iid: str = it["id"]
        if not self._unique("item", seen, doc, iid) or not self._namespaced(doc, iid):
            return None
        bad = False
        if it["category"] not in categories:
            self.out.at(doc, iid, f"unknown category {it['category']!r}")
            bad = True
        for p in it.get("platforms", []):
            if p not in platforms:
                self.out.at(doc, iid, f"unknown platform {p!r}")
                bad = True
        for s in it.get("scenarios", []):
            if s not in scenarios:
                self.out.at(doc, iid, f"unknown scenario {s!r}")
                bad = True
        cond_src = it.get("applies_when", "true") or "true"
        try:
            compile_condition(cond_src, profile, platform_ids)
        except ConditionError as exc:
            self.out.at(doc, iid, f"applies_when: {exc}")
            bad = True
        set_id: str | None = None
        raw_opts = it["options"]
        if isinstance(raw_opts, str):
            set_id = raw_opts
            if set_id not in option_sets:
                self.out.at(doc, iid, f"unknown option set {set_id!r}")
                return None
            raw_opts = option_sets[set_id]
        options = []
        for o in raw_opts:
            vis = o.get("visibility", DEFAULT_VISIBILITY[o["kind"]])
            options.append(Option(o["id"], self._option_label(set_id, iid, o), float(vis), o["kind"]))
            self._strict_len(doc, iid, "label", o["label"])
        ids = [o.id for o in options]
        if len(set(ids)) != len(ids):
            self.out.at(doc, iid, "duplicate option IDs")
            bad = True
        kinds = [o.kind for o in options]
        if kinds.count("unsure") != 1:
            self.out.at(doc, iid, "needs exactly one option of kind 'unsure' (the honest skip)")
            bad = True
        if "safe" not in kinds:
            self.out.at(doc, iid, "needs at least one option of kind 'safe'")
            bad = True
        locs = self._loc("items", iid)
        steps = []
        for st in it.get("steps", []):
            if st["platform"] not in platforms:
                self.out.at(doc, iid, f"step for unknown platform {st['platform']!r}")
                bad = True
            lines: dict[str, tuple[str, ...]] = {SOURCE_LOCALE: tuple(st["text"])}
            for loc, entry in locs.items():
                tl = entry.get("steps", {}).get(st["platform"])
                if tl:
                    lines[loc] = tuple(tl)
            for line in st["text"]:
                self._strict_len(doc, iid, "step", line)
            steps.append(Step(st["platform"], cast(LocalLines, lines), st.get("checked", ""),
                              st.get("source", "")))
        if self.strict:
            if not steps:
                self.out.at(doc, iid, "no remediation steps")
            if not it.get("sources"):
                self.out.at(doc, iid, "no sources")
            if "effort_minutes" not in it:
                self.out.at(doc, iid, "no effort_minutes")
            for st in it.get("steps", []):
                if not st.get("checked") or not st.get("source"):
                    self.out.at(doc, iid, f"step for {st['platform']!r} needs 'checked' and 'source'")
        self._strict_len(doc, iid, "question", it["question"])
        self._strict_len(doc, iid, "why", it["why"])
        self._track("items", iid, it, doc)
        if bad:
            return None
        return Item(
            id=iid, category=it["category"], platforms=tuple(it.get("platforms", [])),
            severity=it["severity"], question=self._local("items", iid, "question", it["question"]),
            why=self._local("items", iid, "why", it["why"]), applies_when=cond_src,
            options=tuple(options), steps=tuple(steps),
            effort_minutes=int(it.get("effort_minutes", 15)), cost=it.get("cost", "free"),
            sources=tuple(Source(s["title"], s["url"]) for s in it.get("sources", [])),
            linkability=float(it.get("linkability", 1.0)), weight=float(it.get("weight", 1.0)),
            mandatory=bool(it.get("mandatory", False)), scenarios=tuple(it.get("scenarios", [])),
            origin=self._origin(doc))

    def _origin(self, doc: _Doc) -> str:
        for raw in self.raws:
            if raw.main is doc or doc.path.is_relative_to(raw.root):
                return str(raw.main.data["pack"]["id"])
        return "core"

    def _red_flags(self, scenarios: Mapping[str, Scenario]) -> list[RedFlag]:
        out: list[RedFlag] = []
        seen: dict[str, RedFlag] = {}
        for doc, rf in self._all("red_flags"):
            if not self._unique("red flag", seen, doc, rf["id"]):
                continue
            if rf["scenario"] not in scenarios:
                self.out.at(doc, rf["id"], f"unknown scenario {rf['scenario']!r}")
                continue
            self._track("red_flags", rf["id"], rf, doc)
            flag = RedFlag(rf["id"], rf["scenario"],
                           self._local("red_flags", rf["id"], "text", rf["text"]),
                           self._local("red_flags", rf["id"], "advice", rf["advice"]), rf["weight"],
                           tuple(Source(s["title"], s["url"]) for s in rf.get("sources", [])))
            seen[flag.id] = flag
            out.append(flag)
        return out

    def _contacts(self) -> dict[str, ReportContact]:
        out: dict[str, ReportContact] = {}
        for raw in self.raws:
            for loc, c in raw.main.data.get("report_contact", {}).items():
                out[loc] = ReportContact(
                    {SOURCE_LOCALE: c["name"]}, {SOURCE_LOCALE: c["text"]}, c.get("email", ""),
                    c.get("phone", ""), c.get("url", ""),
                    tuple(Source(s["title"], s["url"]) for s in c.get("sources", [])))
        return out

    def _org(self) -> OrgFields:
        """An overlay's [org] table: branding, contact, settings (core/org.py). The last one wins."""
        org = OrgFields()
        base = self.raws[0].main
        if "org" in base.data:
            self.out.add(base, _find_line(base.text, "[org"), "", "only an overlay pack may have [org]")
        for raw in self.raws[1:]:
            if "org" in raw.main.data:
                org, problems = parse_org(raw.main.data["org"], raw.root)
                for key, message in problems:
                    self.out.add(raw.main, _find_line(raw.main.text, key), "", f"org: {message}")
        return org

    def _retired(self, live: set[str]) -> dict[str, str]:
        replaced: dict[str, str] = {}
        entries = list(self._all("retired"))
        retired_ids = {e["id"] for _, e in entries}
        for doc, e in entries:
            if e["id"] in live:
                self.out.at(doc, e["id"], "a retired ID is still used by an item")
                continue
            new = e.get("replaced_by", "")
            if new and new not in live and new not in retired_ids:
                self.out.at(doc, e["id"], f"replaced_by names an unknown item {new!r}")
                continue
            replaced[e["id"]] = new
        return replaced

    def _search_engines(self, platforms: Mapping[str, Platform]) -> list[SearchEngine]:
        """Self-search engines (docs/selfsearch.md); overlays add their own or disable ours."""
        out: dict[str, SearchEngine] = {}
        for raw in self.raws:
            for doc, e in raw.search_docs:
                sid: str = e["id"]
                if not self._unique("search engine", out, doc, sid) or not self._namespaced(doc, sid):
                    continue
                if e.get("platform") and e["platform"] not in platforms:
                    self.out.at(doc, sid, f"unknown platform {e['platform']!r}")
                    continue
                if e["kind"] != "image" and ("{q}" not in e["url"] or not e.get("templates")):
                    self.out.at(doc, sid, "a search needs {q} in its url and at least one template")
                    continue
                note = self._local("search_engines", sid, "note", e["note"]) if e.get("note") else {}
                out[sid] = SearchEngine(
                    sid, self._local("search_engines", sid, "name", e["name"]), e["kind"], e["url"],
                    templates=tuple(e.get("templates", [])), quote=bool(e.get("quote", True)),
                    platform=e.get("platform", ""), prefer_locales=tuple(e.get("prefer_locales", [])),
                    note=note, script=e.get("script", "any"), origin=self._origin(doc))
        for raw in self.raws[1:]:
            for sid in raw.main.data.get("overlay", {}).get("disable_search_engines", []):
                if out.pop(sid, None) is None:
                    self.out.at(raw.main, sid, f"disable_search_engines names an unknown search {sid!r}",
                                key="")
        return list(out.values())

    def _apply_overlays(self, items: list[Item]) -> list[Item]:
        by_id = {it.id: it for it in items}
        disabled: set[str] = set()
        for raw in self.raws[1:]:
            ov = raw.main.data.get("overlay", {})
            for iid in ov.get("disable", []):
                if iid not in by_id:
                    self.out.at(raw.main, iid, f"disable names an unknown item {iid!r}", key="")
                disabled.add(iid)
            for iid in ov.get("mandatory", []):
                if iid not in by_id:
                    self.out.at(raw.main, iid, f"mandatory names an unknown item {iid!r}", key="")
                else:
                    by_id[iid] = replace(by_id[iid], mandatory=True)
            for iid, w in ov.get("weights", {}).items():
                if iid not in by_id:
                    self.out.at(raw.main, iid, f"weights names an unknown item {iid!r}", key="")
                else:
                    by_id[iid] = replace(by_id[iid], weight=float(w))
        return [by_id[it.id] for it in items if it.id not in disabled]

    def _check_locale_keys(self, items: Iterable[Item], red_flags: Iterable[RedFlag],
                           categories: Mapping[str, Category], platforms: Mapping[str, Platform],
                           profile: Mapping[str, ProfileQuestion], scenarios: Mapping[str, Scenario],
                           option_sets: Mapping[str, Any]) -> None:
        known = {
            "items": {it.id for it in items} | {it["id"] for r in self.raws for _, it in r.item_docs},
            "red_flags": {rf.id for rf in red_flags},
            "categories": set(categories), "platforms": set(platforms), "profile": set(profile),
            "scenarios": set(scenarios), "option_sets": set(option_sets),
            "search_engines": {e["id"] for r in self.raws for _, e in r.search_docs},
        }
        for loc, docs in self.locales.items():
            for doc in docs:
                for section, ids in known.items():
                    for key in doc.data.get(section, {}):
                        if key not in ids:
                            self.out.at(doc, key, f"{loc} translation for unknown "
                                        f"{section.rstrip('s').replace('_', ' ')} {key!r}")
                if self.strict:
                    self._strict_missing(loc, doc, categories, platforms, profile, scenarios)

    def _strict_missing(self, loc: str, doc: _Doc, categories: Mapping[str, Category],
                        platforms: Mapping[str, Platform], profile: Mapping[str, ProfileQuestion],
                        scenarios: Mapping[str, Scenario]) -> None:
        for section, ids in (("categories", categories), ("platforms", platforms),
                             ("scenarios", scenarios), ("profile", profile)):
            present = doc.data.get(section, {})
            for ident in ids:
                if ident not in present:
                    self.out.add(doc, 1, ident, f"no {loc} translation for {section} entry {ident!r}")


def load_pack(path: Path | str, overlays: Sequence[Path | str] = (), *,
              strict: bool = False, prevalidated: bool = False) -> Pack:
    """Load a pack (plus overlays) or raise PackError listing every problem found.

    `prevalidated`: use the index beside `path` (the shipped core pack only; never overlays).
    """
    out = _Collector()
    raws = []
    pre = _open_prevalidated(Path(path)) if prevalidated and Path(path).is_dir() else None
    for i, p in enumerate([Path(path), *(Path(o) for o in overlays)]):
        raw = _read_raw(p, out, pre if i == 0 else None)
        if raw is not None:
            raws.append(raw)
    if out.problems or not raws:
        raise PackError(out.problems)
    for raw in raws[1:]:
        if raw.main.data["pack"].get("kind") != "overlay":
            out.add(raw.main, 1, "", "an overlay pack must set kind = \"overlay\" in [pack]")
    if out.problems:
        raise PackError(out.problems)
    pack = _Builder(raws, out, strict).build()
    if pack is None or out.problems:
        raise PackError(out.problems)
    return pack


def validate_pack(path: Path | str, overlays: Sequence[Path | str] = (), *,
                  strict: bool = False) -> list[Problem]:
    try:
        load_pack(path, overlays, strict=strict)
    except PackError as exc:
        return exc.problems
    except Exception as exc:  # a loader bug must still not become a traceback for the user
        return [Problem(str(path), 1, "", f"internal error while loading: {type(exc).__name__}: {exc}")]
    return []


def load_core_pack(overlays: Sequence[Path | str] = ()) -> Pack:
    from ..paths import core_pack_dir

    return load_pack(core_pack_dir(), overlays, prevalidated=True)


# ---------------------------------------------------------------------------------------------
# Export.


def _text(value: LocalText, locale: str | None) -> Any:
    if locale is None:
        return dict(value)
    return value.get(locale) or value.get(SOURCE_LOCALE, "")


def pack_to_dict(pack: Pack, locale: str | None = None) -> dict[str, Any]:
    """The resolved pack as plain data; with `locale`, strings are resolved (with fallback)."""

    def lines(value: LocalLines) -> Any:
        if locale is None:
            return {k: list(v) for k, v in value.items()}
        return list(value.get(locale) or value.get(SOURCE_LOCALE, ()))

    return {
        "id": pack.id, "version": pack.version, "name": _text(pack.name, locale),
        "locales": list(pack.locales), "locale": locale, "overlays": list(pack.overlays),
        "categories": [{"id": c.id, "name": _text(c.name, locale),
                        "description": _text(c.description, locale)} for c in pack.categories],
        "platforms": [{"id": p.id, "name": _text(p.name, locale), "group": p.group, "icon": p.icon,
                       "url": p.url} for p in pack.platforms],
        "profile": [{"id": q.id, "kind": q.kind, "label": _text(q.label, locale),
                     "help": _text(q.help, locale),
                     "options": [{"id": o.id, "label": _text(o.label, locale)} for o in q.options]}
                    for q in pack.profile],
        "scenarios": [{"id": s.id, "name": _text(s.name, locale)} for s in pack.scenarios],
        "items": [{
            "id": it.id, "category": it.category, "platforms": list(it.platforms),
            "severity": it.severity, "question": _text(it.question, locale),
            "why": _text(it.why, locale), "applies_when": it.applies_when,
            "options": [{"id": o.id, "label": _text(o.label, locale), "kind": o.kind,
                         "visibility": o.visibility} for o in it.options],
            "steps": [{"platform": s.platform, "text": lines(s.lines), "checked": s.checked,
                       "source": s.source} for s in it.steps],
            "effort_minutes": it.effort_minutes, "cost": it.cost,
            "sources": [{"title": s.title, "url": s.url} for s in it.sources],
            "linkability": it.linkability, "weight": it.weight, "mandatory": it.mandatory,
            "scenarios": list(it.scenarios), "origin": it.origin,
        } for it in pack.items],
        "red_flags": [{"id": r.id, "scenario": r.scenario, "text": _text(r.text, locale),
                       "advice": _text(r.advice, locale), "weight": r.weight,
                       "sources": [{"title": s.title, "url": s.url} for s in r.sources]}
                      for r in pack.red_flags],
        "report_contacts": {loc: {"name": _text(c.name, locale), "text": _text(c.text, locale),
                                  "email": c.email, "phone": c.phone, "url": c.url,
                                  "sources": [{"title": s.title, "url": s.url} for s in c.sources]}
                            for loc, c in pack.report_contacts.items()},
        "retired": [{"id": k, "replaced_by": v} for k, v in pack.replaced.items()],
        "outdated": {k: list(v) for k, v in pack.outdated.items()},
        "untranslated": {k: list(v) for k, v in pack.untranslated.items()},
        "search_engines": [{"id": e.id, "name": _text(e.name, locale), "kind": e.kind, "url": e.url,
                            "templates": list(e.templates), "quote": e.quote, "platform": e.platform,
                            "prefer_locales": list(e.prefer_locales),
                            "note": _text(e.note, locale) if e.note else "", "origin": e.origin,
                            "script": e.script}
                           for e in pack.search_engines],
        "org": {
            "branding": {"display_name": _text(pack.branding.display_name, locale),
                         "logo": pack.branding.logo, "accent_color": pack.branding.accent_color}
            if pack.branding else None,
            "security_contact": {"name": _text(c.name, locale), "text": _text(c.text, locale),
                                 "email": c.email, "phone": c.phone, "url": c.url}
            if (c := pack.security_contact) else None,
            "settings": dict(pack.org_settings), "locked": list(pack.locked_settings),
        },
    }
