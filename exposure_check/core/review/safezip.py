"""Read ZIP archives without trusting them: never `extractall`, nothing written to disk.

Entries are streamed one at a time through a reader that counts the bytes actually decompressed,
so a lying header cannot get past the limits (10,000 entries, 1 GiB in total, 256 MiB per entry,
at most 100:1 compression for entries over 100 KiB).
"""

from __future__ import annotations

import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

MiB = 1 << 20


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 10_000
    max_total: int = 1 << 30
    max_entry: int = 256 * MiB
    max_ratio: int = 100
    ratio_min_size: int = 100 * 1024
    max_central_directory: int = 16 * MiB


class ZipRefused(Exception):
    """The whole archive is refused (too many entries, unreadable, total limit reached)."""


class EntryRefused(Exception):
    """One entry is skipped; the message says why."""


_DRIVE = re.compile(r"^[A-Za-z]:")


def entry_problem(info: zipfile.ZipInfo) -> str | None:
    """Why an entry must not be read, or None. Checks the name and the entry's kind."""
    name = info.filename
    if "\x00" in name:
        return "its name contains a NUL byte"
    norm = name.replace("\\", "/")
    if norm.startswith("/"):
        return "it has an absolute path"
    if _DRIVE.match(norm):
        return "its path starts with a drive letter"
    if any(part == ".." for part in norm.split("/")):
        return "its path contains '..' (zip-slip)"
    if info.flag_bits & 0x1:
        return "it is encrypted"
    mode = (info.external_attr >> 16) & 0xFFFF
    if info.create_system == 3 and stat.S_ISLNK(mode):
        return "it is a symbolic link"
    return None


class _CountingEntry:
    """A read-only stream over one entry that enforces the limits on decompressed bytes."""

    def __init__(self, raw: IO[bytes], info: zipfile.ZipInfo, limits: ZipLimits, budget: list[int]) -> None:
        self._raw = raw
        self._info = info
        self._limits = limits
        self._budget = budget  # [bytes left for the whole archive], shared between entries
        self.count = 0

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            n = 1 * MiB
        data = self._raw.read(min(n, 1 * MiB))
        self.count += len(data)
        self._budget[0] -= len(data)
        lim = self._limits
        if self.count > lim.max_entry:
            raise EntryRefused(f"it is larger than {lim.max_entry // MiB} MiB when decompressed")
        if self._budget[0] < 0:
            raise ZipRefused(f"the archive holds more than {lim.max_total // MiB} MiB of data when "
                             "decompressed; the rest was not read")
        if (self.count > lim.ratio_min_size
                and self.count > lim.max_ratio * max(self._info.compress_size, 1)):
            raise EntryRefused(f"it decompresses to more than {lim.max_ratio} times its compressed "
                               "size (a zip bomb?)")
        return data

    def read1(self, n: int = -1) -> bytes:
        return self.read(n)

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._raw.close()


def _precheck(fileobj: IO[bytes], limits: ZipLimits) -> None:
    """Refuse absurd archives from the end record alone, before zipfile reads the directory."""
    end_rec = getattr(zipfile, "_EndRecData", None)
    if end_rec is None:
        return
    try:
        rec: Any = end_rec(fileobj)
    except (OSError, ValueError, zipfile.BadZipFile, IndexError):
        return  # zipfile itself reports the problem
    if not rec:
        return
    entries, cd_size = int(rec[4]), int(rec[5])
    if entries > limits.max_entries:
        raise ZipRefused(f"it has {entries:,} entries; the limit is {limits.max_entries:,}")
    if cd_size > limits.max_central_directory:
        raise ZipRefused("its central directory is implausibly large")


def open_archive(fileobj: IO[bytes], limits: ZipLimits) -> zipfile.ZipFile:
    _precheck(fileobj, limits)
    try:
        fileobj.seek(0)
        zf = zipfile.ZipFile(fileobj)
    except zipfile.LargeZipFile:
        raise ZipRefused("it needs ZIP64 support that is switched off") from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, IndexError,
            UnicodeDecodeError) as exc:
        raise ZipRefused(f"it is not a readable ZIP archive ({_why(exc)})") from None
    if len(zf.infolist()) > limits.max_entries:
        zf.close()
        raise ZipRefused(f"it has more than {limits.max_entries:,} entries")
    return zf


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:200]


@dataclass
class Entry:
    info: zipfile.ZipInfo
    stream: _CountingEntry | None  # None when refused
    problem: str | None


def iter_entries(zf: zipfile.ZipFile, limits: ZipLimits) -> Iterator[Entry]:
    """Yield each file entry with a limited stream, or with the reason it was refused.

    Raises ZipRefused when the archive-wide budget runs out. The caller must finish with (or
    close) one stream before asking for the next.
    """
    budget = [limits.max_total]
    for info in zf.infolist():
        if info.is_dir():
            continue
        problem = entry_problem(info)
        if problem is None and info.file_size > limits.max_entry:
            problem = f"it claims to be larger than {limits.max_entry // MiB} MiB"
        if problem is not None:
            yield Entry(info, None, problem)
            continue
        try:
            raw = zf.open(info)
        except (zipfile.BadZipFile, NotImplementedError, OSError, ValueError, EOFError,
                RuntimeError) as exc:
            yield Entry(info, None, f"it cannot be read ({_why(exc)})")
            continue
        stream = _CountingEntry(raw, info, limits, budget)
        try:
            yield Entry(info, stream, None)
        finally:
            stream.close()
