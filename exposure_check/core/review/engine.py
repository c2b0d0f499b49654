"""The reviewer: run the importers and detectors over files or pasted text and collect findings.

Runs in the caller's thread; the UI calls it from a worker with a `progress(done, total)` callback
and a cancel event. Nothing is written anywhere.

Each chunk's detections are gathered into its distinct findings (`chunk_findings`: line numbers,
repeats, first occurrence) independently of the other chunks; the review merges them in input
order (`_Collector.merge`), which gives exactly what counting every detection one by one gives.

Large inputs (`PARALLEL_MIN_BYTES` and up, on a machine with more than one core) have that
per-chunk work done in worker processes as well as in this thread (`ParallelDetect`): the
importers stay in this thread, which takes a batch of chunks itself whenever the workers have
enough in hand; a bounded window of chunks is in flight, and results are taken in order, so
findings, counts and memory are as in one process. The processes are forked only where that is
safe (`start_method`: Linux, no other thread, as in the CLI), else spawned (the GUI has threads);
entry points call `multiprocessing.freeze_support()` for frozen builds.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..model import DeclaredFacts, Pack
from . import importers as imp
from .detectors import (
    DECLARED_PREFIX,
    KIND_LOCATION,
    KIND_ORG,
    KIND_TITLE,
    Detection,
    Detectors,
    Spans,
    detector_of,
    prepare_scan,
)
from .findings import (
    Finding,
    Suggestion,
    merge_suggestions,
    platform_for,
    redact,
    suggestions_for,
    summarize,
    topic_of,
)

MAX_REDACT_CHARS = 1 << 20  # a redacted rewrite is offered for texts up to 1 MiB
# Below this input size (bytes on disk: a zip holds ~5× as much text), starting worker processes
# (~0.35 s each, mostly imports, in parallel) costs more than they save; above it they and this
# thread run the detectors on all cores.
PARALLEL_MIN_BYTES = 4 << 20
MAX_WORKERS = 4


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class ReviewInput:
    """A file on disk, or pasted text (`text`), or bytes (stdin)."""

    name: str
    path: Path | None = None
    text: str | None = None
    data: bytes | None = None

    @classmethod
    def file(cls, path: str | os.PathLike[str]) -> ReviewInput:
        p = Path(path)
        return cls(str(p), path=p)

    @classmethod
    def pasted(cls, text: str, name: str = "pasted text") -> ReviewInput:
        return cls(name, text=text)


@dataclass
class ReviewResult:
    findings: list[Finding] = field(default_factory=list)
    issues: list[imp.Issue] = field(default_factory=list)
    sources: list[imp.SourceInfo] = field(default_factory=list)
    suggested_answers: dict[str, str] = field(default_factory=dict)
    redacted: dict[str, str] = field(default_factory=dict)
    truncated: bool = False  # more distinct findings than max_findings; counts are still complete
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return any(i.severity == "error" for i in self.issues)


_HINT_KIND = {"org": "org", "title": "title", "phone": "phone", "location": "location",
              "address": "address", "url": "url", "handle": "handle"}


def _for_display(dets: list[Detection]) -> list[Detection]:
    """A declared fact is more specific than a generic organisation or title on the same span."""
    declared = Spans((d.start, d.end) for d in dets if d.kind.startswith(DECLARED_PREFIX))
    if not declared:
        return dets
    return [d for d in dets if d.kind not in _UNDER_DECLARED or not declared.overlaps(d.start, d.end)]


# The kinds a declared fact hides (each is its detector's only kind).
_UNDER_DECLARED = frozenset({KIND_ORG, KIND_TITLE, KIND_LOCATION})


def _with_hints(text: str, hints: Sequence[imp.Hint], dets: list[Detection]) -> list[Detection]:
    if not hints:
        return dets
    extra = []
    by_kind: dict[str, Spans] = {}
    for h in hints:
        kind = _HINT_KIND.get(h.kind)
        if kind is None:
            continue
        if kind not in by_kind:
            by_kind[kind] = Spans((d.start, d.end) for d in dets if detector_of(d.kind) in (kind, "declared"))
        if by_kind[kind].overlaps(h.start, h.end):
            continue
        if len(text[h.start:h.end].strip()) < 2:
            continue
        extra.append(Detection(kind, h.start, h.end, text[h.start:h.end], 0.9, h.why))
    return dets + extra


# One distinct finding of a chunk: kind, text, confidence, detail, line, start, end (in the chunk)
# of its first occurrence there, its key (text case-folded) and its occurrences there.
Entry = tuple[str, str, float, str, int, int, int, str, int]


@dataclass
class ChunkFindings:
    """What one chunk adds to the review: its distinct findings in order of first occurrence (the
    order the review keeps them in), and the detections themselves when a redacted rewrite of the
    source is wanted."""

    entries: list[Entry]
    dets: list[Detection] | None = None


def chunk_findings(detectors: Detectors, text: str, line: int, hints: Sequence[imp.Hint] = (),
                   keep_dets: bool = False) -> ChunkFindings:
    """Detect in one chunk and gather its findings: everything per chunk that does not depend on
    other chunks, so that worker processes can do it and the review only merges (`_Collector`)."""
    dets = _for_display(_with_hints(text, hints, detectors.detect(text)))
    seen: dict[tuple[str, str], list[Any]] = {}
    count = text.count
    pos = 0
    # Detectors.detect gives its detections in order of position; only hints add others after.
    for kind, start, end, found, confidence, detail in sorted(dets, key=_start_of) if hints else dets:
        line += count("\n", pos, start)
        pos = start
        key = (kind, found.casefold())
        have = seen.get(key)
        if have is None:
            seen[key] = [kind, found, confidence, detail, line, start, end, key[1], 1]
        else:
            have[8] += 1
    return ChunkFindings([tuple(e) for e in seen.values()], dets if keep_dets else None)


def _start_of(d: Detection) -> int:
    return d.start


class _Collector:
    def __init__(self, pack: Pack | None, max_findings: int) -> None:
        self.pack = pack
        self.max = max_findings
        self.findings: dict[tuple[str, str, str], Finding] = {}
        self.counts: dict[str, int] = {}
        self.truncated = False
        # (topic, platform) → suggestions: suggestions_for depends on nothing else, and building
        # the pack's item map for every new finding cost more than the rest of merging it.
        self._suggested: dict[tuple[str, str | None], tuple[Suggestion, ...]] = {}

    def suggestions(self, topic: str, platform: str | None) -> tuple[Suggestion, ...]:
        key = (topic, platform)
        found = self._suggested.get(key)
        if found is None:
            found = self._suggested[key] = suggestions_for(self.pack, topic, platform)
        return found

    def add(self, f: Finding) -> bool:
        """Count `f`; True when it is new (kept), False for a repeat or beyond the cap."""
        self.counts[f.topic] = self.counts.get(f.topic, 0) + 1
        key = (f.source, f.kind, f.text.casefold())
        have = self.findings.get(key)
        if have is not None:
            have.count += 1
            return False
        if len(self.findings) >= self.max:
            self.truncated = True
            return False
        f.suggestions = self.suggestions(f.topic, platform_for(f.kind, f.platform))
        self.findings[key] = f
        return True

    def merge(self, chunk: imp.Chunk, found: ChunkFindings, platform: str | None, offset: int | None) -> None:
        """Add a chunk's findings: the same as `add` for each of its detections in order.
        `offset`: the chunk's offset in a plain-text source, whose findings carry their span."""
        counts, findings = self.counts, self.findings
        source = chunk.source
        for kind, text, confidence, detail, line, start, end, folded, n in found.entries:
            topic = topic_of(kind)
            counts[topic] = counts.get(topic, 0) + n
            key = (source, kind, folded)
            have = findings.get(key)
            if have is not None:
                have.count += n
                continue
            if len(findings) >= self.max:
                self.truncated = True
                continue
            f = Finding(source, line, kind, text, confidence, detail, _context(chunk.text, start, end),
                        platform, n)
            if offset is not None:
                f.start, f.end = start + offset, end + offset
            f.suggestions = self.suggestions(topic, platform_for(kind, platform))
            findings[key] = f


def _context(text: str, start: int, end: int) -> str:
    s = text[max(0, start - 40):min(len(text), end + 40)]
    return " ".join(s.split())


_worker_detectors: Detectors | None = None


def _init_worker(declared: DeclaredFacts | None) -> None:
    global _worker_detectors
    _worker_detectors = Detectors(declared)


Job = tuple[str, int, tuple[imp.Hint, ...], bool]  # a chunk's text, line, hints; keep_dets


def _findings_in_worker(jobs: list[Job]) -> list[ChunkFindings]:
    assert _worker_detectors is not None
    return [chunk_findings(_worker_detectors, *job) for job in jobs]


class ParallelDetect:
    """`chunk_findings` over a stream of chunks, in worker processes and in this thread, results
    in input order.

    Chunks go out `batch` at a time (fewer, larger messages: less work passing them). While the
    workers have `window` batches in hand, this thread does the next batch itself instead of
    waiting for them (a batch done here costs nothing to pass), so on two cores one worker and
    this thread keep both busy. At most `window` batches are with the workers and `2 * window`
    are held, so memory stays bounded by a few chunks whatever the input size."""

    def __init__(self, declared: DeclaredFacts | None, workers: int, local: Detectors,
                 batch: int = 4) -> None:
        import multiprocessing

        self.local = local  # if a worker process dies (out of memory…), the rest runs here
        self.broken = False
        self.method = start_method()
        self.pool = ProcessPoolExecutor(max_workers=workers,
                                        mp_context=multiprocessing.get_context(self.method),
                                        initializer=_init_worker, initargs=(declared,))
        self.window = 3 * workers
        self.batch = batch
        self.done_here = 0  # batches done in this thread while the workers were busy

    def run(self, chunks: Iterator[tuple[imp.Chunk, bool]]) -> Iterator[tuple[imp.Chunk, ChunkFindings]]:
        """`chunks`: each chunk, and whether its detections are wanted too (`keep_dets`)."""
        pending: deque[_Batch] = deque()
        batch: list[imp.Chunk] = []
        jobs: list[Job] = []
        for chunk, keep in chunks:
            batch.append(chunk)
            jobs.append((chunk.text, chunk.line, chunk.hints, keep))
            if len(batch) >= self.batch:
                self._add(pending, batch, jobs)
                batch, jobs = [], []
                while pending and (len(pending) >= 2 * self.window or pending[0].ready()):
                    yield from self._take(pending)
        if batch:
            self._add(pending, batch, jobs)
        while pending:
            yield from self._take(pending)

    def _add(self, pending: deque[_Batch], batch: list[imp.Chunk], jobs: list[Job]) -> None:
        busy = sum(1 for b in pending if b.future is not None and not b.future.done())
        if busy < self.window and not self.broken:
            pending.append(_Batch(batch, jobs, self._submit(jobs)))
        else:
            self.done_here += 1
            pending.append(_Batch(batch, jobs, None, [chunk_findings(self.local, *job) for job in jobs]))

    def _submit(self, jobs: list[Job]) -> Future[list[ChunkFindings]] | None:
        """The chunks' findings from a worker, or None (done here when taken) once a worker died:
        the pool may notice at a submit as well as at a result."""
        if not self.broken:
            try:
                return self.pool.submit(_findings_in_worker, jobs)
            except BrokenExecutor:
                self.broken = True
        return None

    def _take(self, pending: deque[_Batch]) -> Iterator[tuple[imp.Chunk, ChunkFindings]]:
        b = pending.popleft()
        found = b.found
        if found is None and b.future is not None:
            try:
                found = b.future.result()
            except BrokenExecutor:
                self.broken = True
        if found is None:
            found = [chunk_findings(self.local, *job) for job in b.jobs]
        yield from zip(b.chunks, found, strict=True)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class _Batch:
    chunks: list[imp.Chunk]
    jobs: list[Job]
    future: Future[list[ChunkFindings]] | None  # with a worker
    found: list[ChunkFindings] | None = None  # done here

    def ready(self) -> bool:
        return self.found is not None or self.future is None or self.future.done()


def start_method() -> str:
    """How worker processes start. "fork" where it is safe: on Linux, in a process with no other
    thread (the CLI, the benchmark). A forked worker has the detectors' modules already imported
    (a spawned one spends ~0.4 s importing them before it helps: ~9% of a 50 MB review's wall
    time on two cores). Anywhere else "spawn": with other threads running (the GUI's), a forked
    child can inherit a lock some thread held, and macOS and Windows do not fork safely or at
    all."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _workers_for(total: int) -> int:
    """Worker processes for an input of `total` bytes: one per core but one, the caller's thread
    doing its share of the detectors besides the importers (see ParallelDetect)."""
    if total < PARALLEL_MIN_BYTES:
        return 0
    cores = _cores()
    return min(cores - 1, MAX_WORKERS) if cores > 1 else 0


def review(inputs: Sequence[ReviewInput], declared: DeclaredFacts | None = None, *,
           pack: Pack | None = None, platform: str | None = None, locale: str = "en",
           progress: ProgressFn | None = None, cancel: CancelFlag | None = None,
           limits: imp.Limits | None = None, max_findings: int = 5000,
           workers: int | None = None) -> ReviewResult:
    """Review `inputs`. Raises importers.Cancelled when `cancel` is set; never raises for bad
    input (each problem is an Issue in the result). `workers`: detector processes besides this
    thread (0: this thread only; default: one per core but one, for inputs of PARALLEL_MIN_BYTES
    and up)."""
    limits = limits or imp.Limits()
    detectors = Detectors(declared)
    total = 0
    for inp in inputs:
        if inp.path is not None:
            with contextlib.suppress(OSError):
                total += inp.path.stat().st_size
        elif inp.text is not None:
            total += len(inp.text.encode("utf-8"))
        elif inp.data is not None:
            total += len(inp.data)
    done = [0]

    def advance(n: int) -> None:
        done[0] += n

    def report() -> None:
        if progress is not None:
            progress(min(done[0], total), total)

    def should_stop() -> bool:
        return cancel is not None and cancel.is_set()

    ctx = imp.Context(limits, should_stop=should_stop, advance=advance)
    collector = _Collector(pack, max_findings)
    result = ReviewResult()
    report()
    n_workers = _workers_for(total) if workers is None else workers
    if n_workers > 0:
        prepare_scan()  # compiled once here, not in each worker (a forked one inherits it)
    parallel = ParallelDetect(declared, n_workers, detectors) if n_workers > 0 else None
    try:
        _review_inputs(inputs, detectors, parallel, ctx, collector, result, platform, locale, report)
    finally:
        if parallel is not None:
            parallel.close()
    result.findings = list(collector.findings.values())
    result.issues = ctx.issues
    result.sources = ctx.sources
    result.truncated = collector.truncated
    result.counts = dict(sorted(collector.counts.items()))
    result.suggested_answers = merge_suggestions(pack, result.findings)
    return result


def _review_inputs(inputs: Sequence[ReviewInput], detectors: Detectors, parallel: ParallelDetect | None,
                   ctx: imp.Context, collector: _Collector, result: ReviewResult, platform: str | None,
                   locale: str, report: Callable[[], None]) -> None:
    for inp in inputs:
        ctx.check()
        redact_dets: list[Detection] | None = None
        whole: list[str] = []
        fh: Any = None
        try:
            if inp.text is not None:
                data = inp.text.encode("utf-8")
                fh, size = io.BytesIO(data), len(data)
                name = inp.name
            elif inp.data is not None:
                fh, size, name = io.BytesIO(inp.data), len(inp.data), inp.name
            else:
                assert inp.path is not None
                name = inp.name
                try:
                    if inp.path.is_dir():
                        ctx.issue(name, "is a folder; give the files inside it", "error")
                        continue
                    fh = open(inp.path, "rb")  # noqa: SIM115 - closed in finally
                    size = os.fstat(fh.fileno()).st_size
                except FileNotFoundError:
                    ctx.issue(name, "no such file", "error")
                    continue
                except OSError as exc:
                    ctx.issue(name, f"cannot be read ({exc.strerror or exc})", "error")
                    continue
            n_sources = len(ctx.sources)
            redactable = size <= MAX_REDACT_CHARS * 4

            def textual(chunk: imp.Chunk, n_sources: int = n_sources, name: str = name) -> bool:
                src = ctx.sources[n_sources] if len(ctx.sources) > n_sources else None
                return src is not None and src.kind == "text" and chunk.source == name

            jobs = ((c, redactable and textual(c)) for c in imp.import_source(fh, name, size, ctx, platform))
            detected = (parallel.run(jobs) if parallel is not None else
                        ((c, chunk_findings(detectors, c.text, c.line, c.hints, keep)) for c, keep in jobs))
            for chunk, found in detected:
                ctx.check()
                is_text = textual(chunk)
                if found.dets is not None:
                    if redact_dets is None:
                        redact_dets = []
                    redact_dets.extend(Detection(d.kind, d.start + chunk.offset, d.end + chunk.offset,
                                                 d.text, d.confidence, d.detail) for d in found.dets)
                    whole.append(chunk.text)
                collector.merge(chunk, found, chunk.platform or platform, chunk.offset if is_text else None)
                report()
            for src in ctx.sources[n_sources:]:
                if src.photo is not None:
                    _photo_findings(src, collector, platform)
            if redact_dets is not None:
                text = "".join(whole)
                if len(text) <= MAX_REDACT_CHARS:
                    result.redacted[name] = redact(text, redact_dets, locale)
        finally:
            if fh is not None:
                fh.close()
        report()


def _photo_findings(src: imp.SourceInfo, collector: _Collector, platform: str | None) -> None:
    meta = src.photo
    assert meta is not None
    if meta.gps:
        lat, lon = meta.gps
        collector.add(Finding(src.name, 0, "photo.gps", f"{lat:.6f}, {lon:.6f}", 0.99, meta.place,
                              "", platform))
    if meta.device:
        collector.add(Finding(src.name, 0, "photo.device", meta.device, 0.99, meta.software, "", platform))
    if meta.taken:
        collector.add(Finding(src.name, 0, "photo.time", meta.taken, 0.99, "", "", platform))
    for key, value in meta.other.items():
        collector.add(Finding(src.name, 0, "photo.other", f"{key}: {value}", 0.9, "", "", platform))


def review_text(text: str, declared: DeclaredFacts | None = None, **kwargs: Any) -> ReviewResult:
    return review([ReviewInput.pasted(text)], declared, **kwargs)


__all__ = ["ReviewInput", "ReviewResult", "review", "review_text", "summarize", "topic_of"]
