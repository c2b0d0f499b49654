"""Importers: turn text, CSV, JSON, HTML, DOCX, ZIP archives (a LinkedIn export among them) and
images into chunks of text for the detectors, streaming where the format allows.

Nothing is written to disk. Every problem with an input becomes an `Issue` naming the file (and the
archive entry) and what is wrong; a bad file never raises out of `import_source`.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import operator
import re
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import IO, Any, Literal
from xml.parsers import expat

from . import photos
from .safezip import EntryRefused, MiB, ZipLimits, ZipRefused, iter_entries, open_archive

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Limits:
    zip: ZipLimits = ZipLimits()
    chunk_chars: int = 64 * 1024
    max_line: int = 1 * MiB  # longer lines are cut (text) or end the file (CSV)
    csv_field: int = 128 * 1024  # the csv module's own default limit
    max_json: int = 32 * MiB  # larger JSON files are reviewed as plain text
    max_image: int = 64 * MiB
    max_nested: int = 32 * MiB  # a DOCX inside a ZIP is read into memory up to this size
    max_stdin: int = 64 * MiB


@dataclass(frozen=True)
class Hint:
    """A span whose meaning the file's structure tells us: a CSV column 'Company Name'."""

    kind: str
    start: int
    end: int
    why: str


@dataclass(frozen=True)
class Chunk:
    source: str  # "export.zip!Positions.csv"
    text: str
    line: int  # line (or CSV row) of the chunk's first character, 1-based
    offset: int  # character offset of the chunk in the decoded source (plain text only)
    platform: str | None = None
    hints: tuple[Hint, ...] = ()


@dataclass(frozen=True)
class Issue:
    source: str
    message: str
    severity: Severity = "warning"


@dataclass
class SourceInfo:
    name: str
    kind: str
    size: int = 0
    encoding: str = ""
    lossy: bool = False
    entries: int = 0
    platform: str | None = None
    photo: photos.PhotoMetadata | None = None


class Cancelled(Exception):
    pass


@dataclass
class Context:
    limits: Limits
    issues: list[Issue] = field(default_factory=list)
    sources: list[SourceInfo] = field(default_factory=list)
    should_stop: Callable[[], bool] = lambda: False
    advance: Callable[[int], None] = lambda n: None

    def check(self) -> None:
        if self.should_stop():
            raise Cancelled()

    def issue(self, source: str, message: str, severity: Severity = "warning") -> None:
        self.issues.append(Issue(source, message, severity))


# --- Decoding ---------------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def sniff_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030, else cp1252, judged on the first bytes."""
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return enc
    for enc in ("utf-8", "gb18030"):
        dec = codecs.getincrementaldecoder(enc)("strict")
        try:
            dec.decode(head, final=False)
            return enc
        except UnicodeDecodeError:
            continue
    return "cp1252"


class _Counting(io.RawIOBase):
    """Reports bytes read from a top-level file to the progress callback."""

    def __init__(self, raw: IO[bytes], advance: Callable[[int], None]) -> None:
        self._raw = raw
        self._advance = advance

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        data = self._raw.read(n)
        self._advance(len(data))
        return data

    def readinto(self, b: Any) -> int:
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)


# Encodings in which a b"\n" byte is always a line end, never part of another character.
_NEWLINE_SAFE = frozenset({"utf-8", "utf-8-sig", "gb18030", "cp1252"})


def decode_stream(stream: Any, info: SourceInfo, ctx: Context, block: int = 256 * 1024) -> Iterator[str]:
    """Decoded text in blocks. Undecodable bytes become U+FFFD and mark the source lossy. Where
    the encoding allows, the bytes are cut after a line end, so that a block (but a line longer
    than a block) ends with one: consumers that work line by line then take whole blocks, instead
    of joining and slicing the text (costly for text beyond Latin-1). The text is the same."""
    head = stream.read(block)
    enc = sniff_encoding(head)
    info.encoding = {"utf-8-sig": "utf-8 (BOM)"}.get(enc, enc)
    dec = codecs.getincrementaldecoder(enc)("replace")
    by_lines = enc in _NEWLINE_SAFE
    carry = b""
    data = head
    while data:
        ctx.check()
        if by_lines:
            if carry:
                data = carry + data
            cut = data.rfind(b"\n") + 1
            if 0 < cut < len(data):
                data, carry = data[:cut], data[cut:]
            else:
                carry = b""
        text = dec.decode(data)
        if "\ufffd" in text:
            info.lossy = True
        if text:
            yield text
        data = stream.read(block)
    tail = dec.decode(carry, final=True)
    if tail:
        info.lossy = info.lossy or "\ufffd" in tail
        yield tail


_BREAK_WS = re.compile(r"\s")


def text_chunks(blocks: Iterator[str], source: str, ctx: Context, platform: str | None = None
                ) -> Iterator[Chunk]:
    """Group decoded text into chunks of about `chunk_chars`, cut at line ends where possible.

    A line longer than `max_line` (a huge single-line file) is cut at a space, or hard-cut when it
    has none, so memory stays bounded.
    """
    size = ctx.limits.chunk_chars
    buf = ""
    line = 1
    offset = 0
    for block in blocks:
        buf += block
        while len(buf) >= size:
            cut = buf.rfind("\n", 0, size) + 1
            if cut <= 0:
                spaces = [m.end() for m in _BREAK_WS.finditer(buf, size // 2, size)]
                cut = spaces[-1] if spaces else size
            piece, buf = buf[:cut], buf[cut:]
            yield Chunk(source, piece, line, offset, platform)
            line += piece.count("\n")
            offset += len(piece)
    if buf:
        yield Chunk(source, buf, line, offset, platform)


def _segments(blocks: Iterator[str], max_line: int) -> Iterator[str]:
    """The decoded blocks regrouped into whole lines: each piece ends with "\n" (but the last
    piece of a text that does not end with one). Raises _LineTooLong when an unfinished line grows
    past `max_line`."""
    buf = ""
    for block in blocks:
        buf += block
        nl = buf.rfind("\n")
        if nl >= 0:
            yield buf[:nl + 1]
            buf = buf[nl + 1:]
        if len(buf) > max_line:
            raise _LineTooLong()
    if buf:
        yield buf


def _lines_of(segment: str) -> list[str]:
    """A segment's lines, each with its "\n" (split at C speed, for the csv module)."""
    if not segment.endswith("\n"):
        return [segment]  # the last piece: one line, without a line end
    return list(map(operator.add, segment[:-1].split("\n"), itertools.repeat("\n")))


_SEP_RUN = re.compile("\x1f\x1f+")


def _csv_plain(segment: str) -> str | None:
    """What the csv path of import_csv makes of `segment` (whole rows, from a row's start) when
    no column gives hints: each row's non-empty cells joined by " | ", with " | " after the last
    one, or an empty line for a row without any. Built with str methods at C speed, for rows
    whose quoting is plain: every quote that opens a cell follows a "," or a line start, and no
    quoted cell is "" or holds a quote ("") or a line end. Then the quotes, split at, alternate
    outside and inside quoted cells, the way the csv module reads them (what follows a closing
    quote up to the next "," joins the cell there too). Outside quotes, there is no "\r" (the csv
    module's other line end), and no \x1e or \x1f (used as marks below). The checks are counts
    over the text outside quotes (with a mark for each quoted cell), not a loop over the cells.
    Any other segment: None (the caller reads it with the csv module)."""
    parts = segment.split('"')
    if "" in parts[1:-1] or not len(parts) % 2:
        # "": an empty cell, or a quote in one; an odd number of quotes: a cell that goes on past
        # the segment (the count of marks below misses it when the text holds a \x1e of its own)
        return None
    quoted = parts[1::2]
    # The rows' structure, with \x1e for each quoted cell and \x1f for each comma: mostly ASCII,
    # where str methods are fastest, even when the cells hold other scripts.
    text = "\x1e".join(parts[0::2])
    if "\r" in text or "\x1f" in text:
        return None
    if quoted:
        marks = text.count("\x1e")
        count = text.count
        if marks != len(quoted) or segment.count("\n") != count("\n") or \
                marks != count(",\x1e") + count("\n\x1e") + text.startswith("\x1e"):
            # A \x1e of the text's own; a line end in a quoted cell; a quote inside a cell.
            return None
    text = text.replace(",", "\x1f")
    if not text.endswith("\n"):
        text += "\n"
    # Drop the empty cells, then put " | " after each other cell.
    text = _SEP_RUN.sub("\x1f", text)
    if text.startswith("\x1f"):
        text = text[1:]
    text = text.replace("\n\x1f", "\n").replace("\x1f\n", "\n").replace("\x1f", " | ")
    # " | " before every line end, then taken off the empty lines again (two passes: str.replace
    # skips a match that overlaps the one before, as a run of empty lines' matches do).
    text = text.replace("\n", " | \n").replace("\n | \n", "\n\n").replace("\n | \n", "\n\n")
    if text.startswith(" | \n"):
        text = text[3:]
    if not quoted:
        return text
    parts[0::2] = text.split("\x1e")
    parts[1::2] = quoted
    return "".join(parts)


class _LineTooLong(Exception):
    pass


# --- Formats -------------------------------------------------------------------------------------

# CSV columns whose header tells us what the cell is (LinkedIn export names and common ones).
_COLUMN_KINDS = {
    "company name": "org", "company": "org", "organization": "org", "organisation": "org",
    "employer": "org", "school name": "org", "authority": "org",
    "title": "title", "job title": "title", "position": "title", "headline": "title",
    "email address": "email", "email": "email", "e-mail": "email",
    "number": "phone", "phone number": "phone", "phone": "phone", "mobile": "phone",
    "geo location": "location", "location": "location", "address": "address",
    "zip code": "address", "websites": "url", "twitter handles": "handle", "instant messengers": "handle",
    "first name": "name", "last name": "name", "maiden name": "name",
}
# LinkedIn files about *other* people: their columns are not the user's own employer or title.
_OTHER_PEOPLE = {"connections.csv", "invitations.csv", "messages.csv", "recommendations_received.csv",
                 "endorsement_received_info.csv", "company follows.csv", "member_follows.csv"}


def import_csv(blocks: Iterator[str], source: str, ctx: Context, platform: str | None) -> Iterator[Chunk]:
    """Rows as text, each row's non-empty cells joined by " | ", with hints for cells whose column
    tells what they are. Files whose columns tell nothing (an export's messages) are read with
    _csv_plain wherever it can (a whole segment from a row's start), else with the csv module:
    the same text either way, many times faster."""
    base = PurePosixPath(source.split("!")[-1]).name.lower()
    use_hints = base not in _OTHER_PEOPLE
    limits = ctx.limits
    csv.field_size_limit(limits.csv_field)
    segments = _segments(blocks, limits.max_line)
    queue: deque[str] = deque()  # lines for the csv module

    def feed() -> Iterator[str]:
        while True:
            while queue:
                yield queue.popleft()
            segment = next(segments, None)
            if segment is None:
                return
            queue.extend(_lines_of(segment))

    reader = csv.reader(feed())
    plain_lines = 0  # lines read by _csv_plain (reader.line_num counts the csv module's only)
    header: list[str] = []
    kinds: list[str | None] = []
    hinting = False
    parts: list[str] = []
    hints: list[Hint] = []
    length = 0
    row_no = 0
    first_row = 1
    try:
        while True:
            if header and not hinting and not queue:
                # The csv module is at a row's start, with nothing read ahead: the next segment
                # goes to _csv_plain, in pieces no longer than the csv module's limit for a cell
                # (so that a longer cell still gets its error).
                segment = next(segments, None)
                if segment is None:
                    break
                while segment:
                    size = len(segment) if len(segment) <= limits.csv_field else \
                        segment.rfind("\n", 0, limits.csv_field) + 1
                    text = _csv_plain(segment[:size]) if size else None
                    if text is None:
                        queue.extend(_lines_of(segment))
                        break
                    segment = segment[size:]
                    rows_before = row_no
                    pos = 0
                    while True:  # the same chunks as row by row: cut after the row that fills one
                        nl = text.find("\n", pos + limits.chunk_chars - length - 1)
                        if nl < 0:
                            if pos < len(text):
                                parts.append(text[pos:])
                                length += len(text) - pos
                                row_no += text.count("\n", pos)
                            break
                        parts.append(text[pos:nl + 1])
                        row_no += text.count("\n", pos, nl + 1)
                        pos = nl + 1
                        yield Chunk(source, "".join(parts), first_row, 0, platform, ())
                        parts, length, first_row = [], 0, row_no + 1
                        ctx.check()
                    plain_lines += row_no - rows_before
                continue
            row = next(reader, None)
            if row is None:
                break
            row_no = plain_lines + reader.line_num
            if not header:
                header = [h.strip().lstrip("\ufeff").lower() for h in row]
                kinds = [_COLUMN_KINDS.get(h) for h in header] if use_hints else []
                hinting = any(kinds)
            if hinting and row_no > 1:
                for i, cell in enumerate(row):
                    if not cell:
                        continue
                    kind = kinds[i] if i < len(kinds) else None
                    if kind:
                        hints.append(Hint(kind, length, length + len(cell), f"column '{header[i]}'"))
                    parts.append(cell)
                    length += len(cell)
                    parts.append(" | ")
                    length += 3
                parts.append("\n")
                length += 1
            else:  # no column tells us anything: the same text, built at C speed
                line = " | ".join(filter(None, row) if "" in row else row)
                line = line + " | \n" if line else "\n"
                parts.append(line)
                length += len(line)
            if length >= limits.chunk_chars:
                yield Chunk(source, "".join(parts), first_row, 0, platform, tuple(hints))
                parts, hints, length, first_row = [], [], 0, row_no + 1
                ctx.check()
    except _LineTooLong:
        ctx.issue(source, f"line {row_no + 1} is longer than {limits.max_line // MiB} MiB; "
                          "the rest of the file was not reviewed")
    except csv.Error as exc:
        ctx.issue(source, f"row {plain_lines + reader.line_num}: {exc}; the rest of the file was not "
                          f"reviewed (the limit is {limits.csv_field // 1024} KiB per field)")
    if parts:
        yield Chunk(source, "".join(parts), first_row, 0, platform, tuple(hints))


def _walk_json(value: Any) -> Iterator[tuple[str, str]]:
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        key, v = stack.pop()
        if isinstance(v, dict):
            stack.extend(reversed([(str(k), x) for k, x in v.items()]))
        elif isinstance(v, list):
            stack.extend(reversed([(key, x) for x in v]))
        elif isinstance(v, str):
            yield key, v
        elif v is not None and not isinstance(v, bool):
            yield key, str(v)


def import_json(data: bytes, source: str, info: SourceInfo, ctx: Context, platform: str | None
                ) -> Iterator[Chunk]:
    enc = sniff_encoding(data[:65536])
    info.encoding = enc
    text = data.decode(enc, "replace")
    info.lossy = "\ufffd" in text
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        ctx.issue(source, f"not valid JSON ({str(exc)[:120]}); reviewed as plain text")
        yield from text_chunks(iter([text]), source, ctx, platform)
        return
    parts: list[str] = []
    hints: list[Hint] = []
    length = 0
    for key, value in _walk_json(doc):
        kind = _COLUMN_KINDS.get(key.strip().lower().replace("_", " "))
        prefix = f"{key}: " if key else ""
        if kind:
            at = length + len(prefix)
            hints.append(Hint(kind, at, at + len(value), f"field '{key}'"))
        line = f"{prefix}{value}\n"
        parts.append(line)
        length += len(line)
        if length >= ctx.limits.chunk_chars:
            yield Chunk(source, "".join(parts), 1, 0, platform, tuple(hints))
            parts, hints, length = [], [], 0
            ctx.check()
    if parts:
        yield Chunk(source, "".join(parts), 1, 0, platform, tuple(hints))


class _VisibleText(HTMLParser):
    _HIDDEN = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
    _BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
              "header", "footer", "td", "th", "dd", "dt", "blockquote", "pre", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.out: list[str] = []
        self.size = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN and tag != "head":
            self.hidden += 1
        if tag in self._BLOCK:
            self._put("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN and tag != "head" and self.hidden:
            self.hidden -= 1
        if tag in self._BLOCK:
            self._put("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self._put(data)

    def _put(self, s: str) -> None:
        self.out.append(s)
        self.size += len(s)

    def take(self) -> str:
        s = "".join(self.out)
        self.out, self.size = [], 0
        return s


def import_html(blocks: Iterator[str], source: str, ctx: Context, platform: str | None) -> Iterator[Chunk]:
    parser = _VisibleText()

    def visible() -> Iterator[str]:
        for block in blocks:
            parser.feed(block)
            if parser.size >= ctx.limits.chunk_chars:
                yield parser.take()
        parser.close()
        yield parser.take()

    yield from text_chunks(visible(), source, ctx, platform)


_DOCX_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$"
                         r"|^docProps/(core|app)\.xml$")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class _DocxText:
    """Text of one WordprocessingML part, via expat, refusing any DOCTYPE (no entity tricks)."""

    def __init__(self, props: bool) -> None:
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._doctype
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._data
        self.props = props
        self.in_text = 0
        self.out: list[str] = []

    def _doctype(self, *args: Any) -> None:
        raise ValueError("the XML declares a DOCTYPE, which a Word file never needs")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        if name in (f"{_W} t", f"{_W} delText") or self.props:
            self.in_text += 1
        elif name == f"{_W} tab":
            self.out.append("\t")

    def _end(self, name: str) -> None:
        if name in (f"{_W} t", f"{_W} delText") or self.props:
            self.in_text = max(0, self.in_text - 1)
            if self.props:
                self.out.append("\n")
        elif name in (f"{_W} p", f"{_W} br"):
            self.out.append("\n")

    def _data(self, data: str) -> None:
        if self.in_text:
            self.out.append(data)


def import_docx(fileobj: IO[bytes], source: str, info: SourceInfo, ctx: Context, platform: str | None
                ) -> Iterator[Chunk]:
    try:
        zf = open_archive(fileobj, ctx.limits.zip)
    except ZipRefused as exc:
        ctx.issue(source, f"not a readable Word document: {exc}", "error")
        return
    info.encoding = "utf-8"
    with zf:
        for entry in iter_entries(zf, ctx.limits.zip):
            name = entry.info.filename
            if not _DOCX_PARTS.match(name):
                continue  # macros (vbaProject.bin), media and styles are never read
            if entry.stream is None:
                ctx.issue(f"{source}!{name}", f"skipped: {entry.problem}")
                continue
            doc = _DocxText(props=name.startswith("docProps/"))
            try:
                while True:
                    data = entry.stream.read(256 * 1024)
                    doc.parser.Parse(data, not data)
                    if not data:
                        break
                    ctx.check()
            except (expat.ExpatError, ValueError) as exc:
                ctx.issue(f"{source}!{name}", f"not valid XML ({exc}); skipped")
                continue
            except (EntryRefused, zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                ctx.issue(f"{source}!{name}", f"skipped: {exc}")
                continue
            text = "".join(doc.out)
            if text.strip():
                part = "document properties" if doc.props else name
                yield from text_chunks(iter([text]), f"{source}!{part}" if part != "word/document.xml"
                                       else source, ctx, platform)


# --- Dispatch -------------------------------------------------------------------------------------

_LINKEDIN_FILES = {"profile.csv", "positions.csv", "email addresses.csv", "phonenumbers.csv",
                   "connections.csv", "education.csv", "skills.csv", "profile summary.csv"}
_IMAGE_EXT = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".heic", ".heif"}
_TEXT_EXT = {".txt", ".md", ".text", ".vcf", ".eml", ".log", ".rtf", ".ics", ""}


def kind_of(name: str, head: bytes) -> str:
    ext = PurePosixPath(name.lower()).suffix
    if photos.is_heic(head) or ext in (".heic", ".heif"):
        return "heic"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx" if ext == ".docx" else ("zip" if ext not in (".xlsx", ".pptx", ".odt") else "office")
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF", b"II*\x00", b"MM\x00*")):
        return "image" if not head.startswith(b"RIFF") or head[8:12] == b"WEBP" else "binary"
    if ext == ".zip":
        return "zip"
    if ext == ".docx":
        return "docx"
    if ext in _IMAGE_EXT:
        return "image"
    if ext == ".csv" or ext == ".tsv":
        return "csv"
    if ext == ".json":
        return "json"
    if ext in (".html", ".htm", ".xhtml"):
        return "html"
    if b"\x00" in head[:4096] and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary"
    return "text"


def import_source(fileobj: IO[bytes], name: str, size: int, ctx: Context, platform: str | None = None,
                  *, top: bool = True) -> Iterator[Chunk]:
    """Chunks of one input (a file, pasted text, or an archive entry). Never raises for bad input;
    problems go to ctx.issues. `fileobj` must be seekable when the input is an archive or image."""
    stream: Any = _Counting(fileobj, ctx.advance) if top else fileobj
    head = fileobj.read(16) if top else b""
    if top:
        fileobj.seek(0)
    kind = kind_of(name, head)
    info = SourceInfo(name, kind, size, platform=platform)
    ctx.sources.append(info)
    if kind == "zip":
        if not top:
            ctx.issue(name, "an archive inside an archive is not opened", "info")
            return
        yield from _import_zip(fileobj, name, info, ctx)
        return
    if kind == "office":
        ctx.issue(name, "spreadsheets and presentations are not reviewed; export them as CSV or text",
                  "info")
        return
    if kind == "binary":
        ctx.issue(name, "not a text, document, archive or image file; skipped", "info")
        return
    if kind == "heic":
        ctx.issue(name, "HEIC photos cannot be read without an extra image plug-in; convert the photo "
                        "to JPEG to check its metadata", "warning")
        return
    if kind == "image":
        yield from _import_image(stream, name, info, ctx, platform)
        return
    if kind == "docx":
        yield from import_docx(fileobj, name, info, ctx, platform)
        if top:
            ctx.advance(size)
        return
    if kind == "json" and size <= ctx.limits.max_json:
        data = stream.read(ctx.limits.max_json + 1)
        yield from import_json(data, name, info, ctx, platform)
        return
    blocks = decode_stream(stream, info, ctx)
    if kind == "csv":
        yield from import_csv(blocks, name, ctx, platform)
    elif kind == "html":
        yield from import_html(blocks, name, ctx, platform)
    else:
        yield from text_chunks(blocks, name, ctx, platform)
    if info.lossy:
        ctx.issue(name, f"some bytes are not valid {info.encoding}; they were replaced (lossy)", "info")


def _import_image(stream: Any, name: str, info: SourceInfo, ctx: Context, platform: str | None
                  ) -> Iterator[Chunk]:
    data = stream.read(ctx.limits.max_image + 1)
    if len(data) > ctx.limits.max_image:
        ctx.issue(name, f"image larger than {ctx.limits.max_image // MiB} MiB; skipped")
        return
    try:
        info.photo = photos.read_metadata(io.BytesIO(data))
    except photos.PhotoError as exc:
        ctx.issue(name, str(exc))
        return
    yield from ()


def _import_zip(fileobj: IO[bytes], name: str, info: SourceInfo, ctx: Context) -> Iterator[Chunk]:
    try:
        zf = open_archive(fileobj, ctx.limits.zip)
    except ZipRefused as exc:
        ctx.issue(name, f"refused: {exc}", "error")
        return
    with zf:
        infos = zf.infolist()
        names = {PurePosixPath(i.filename.replace("\\", "/")).name.lower() for i in infos}
        platform = "linkedin" if len(names & _LINKEDIN_FILES) >= 2 else None
        info.platform = platform
        try:
            for entry in iter_entries(zf, ctx.limits.zip):
                ctx.check()
                entry_name = f"{name}!{entry.info.filename}"
                info.entries += 1
                if entry.stream is None:
                    ctx.issue(entry_name, f"skipped: {entry.problem}")
                    ctx.advance(entry.info.compress_size)
                    continue
                try:
                    yield from _import_entry(entry.stream, entry.info, entry_name, ctx, platform)
                except EntryRefused as exc:
                    ctx.issue(entry_name, f"skipped: {exc}")
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
                    ctx.issue(entry_name, f"damaged entry ({str(exc)[:160]}); skipped")
                ctx.advance(entry.info.compress_size)
        except ZipRefused as exc:
            ctx.issue(name, f"stopped: {exc}", "error")


def _import_entry(stream: Any, zinfo: zipfile.ZipInfo, name: str, ctx: Context, platform: str | None
                  ) -> Iterator[Chunk]:
    head = stream.read(16)
    kind = kind_of(zinfo.filename, head)
    small_json = kind == "json" and zinfo.file_size <= ctx.limits.max_json
    if kind in ("docx", "image", "zip", "heic") or small_json:
        cap = ctx.limits.max_image if kind == "image" else ctx.limits.max_nested
        data = head + stream.read(cap + 1 - len(head)) if kind not in ("zip", "heic") else head
        if len(data) > cap:
            ctx.issue(name, f"larger than {cap // MiB} MiB; skipped")
            return
        yield from import_source(io.BytesIO(data), name, len(data), ctx, platform, top=False)
        return
    prefixed: Any = _Prefixed(head, stream)
    yield from import_source(prefixed, name, zinfo.file_size, ctx, platform, top=False)


class _Prefixed:
    """A stream whose first bytes were already read for sniffing."""

    def __init__(self, head: bytes, rest: Any) -> None:
        self._head = head
        self._rest = rest

    def read(self, n: int = -1) -> bytes:
        if self._head:
            if n is None or n < 0 or n >= len(self._head):
                h, self._head = self._head, b""
                more: bytes = self._rest.read(-1 if n is None or n < 0 else n - len(h))
                return h + more
            h, self._head = self._head[:n], self._head[n:]
            return h
        result: bytes = self._rest.read(n)
        return result

    def seek(self, *args: Any) -> int:  # pragma: no cover - only top-level inputs are seeked
        raise io.UnsupportedOperation("seek")
