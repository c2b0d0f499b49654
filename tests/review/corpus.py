"""A corpus of hostile inputs for the reviewer, generated on demand (nothing binary is committed).

Each builder writes one file into `folder` and returns its path; `EXPECT` says what the reviewer
must report for it (a substring of an issue message).
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

Builder = Callable[[Path], Path]


def _zip(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]],
         compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for info, data in entries:
            zf.writestr(info, data)
    return path


def zip_bomb(folder: Path) -> Path:
    """One entry of 64 MiB of zeros: about 1000:1."""
    path = folder / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf, \
            zf.open("notes.txt", "w") as out:
        block = b"\0" * (1 << 20)
        for _ in range(64):
            out.write(block)
    return path


def zip_bomb_nested(folder: Path) -> Path:
    """A bomb inside a zip inside a zip: the inner archive is never opened."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.txt", b"\0" * (8 << 20))
    return _zip(folder / "nested.zip", [("inner.zip", inner.getvalue())], zipfile.ZIP_STORED)


def zip_slip(folder: Path) -> Path:
    return _zip(folder / "slip.zip", [("../../evil.txt", b"owned"), ("ok.txt", b"fine@example.org")])


def zip_absolute(folder: Path) -> Path:
    return _zip(folder / "absolute.zip", [("/etc/evil.txt", b"owned")])


def zip_drive(folder: Path) -> Path:
    return _zip(folder / "drive.zip", [("C:\\Windows\\evil.txt", b"owned")])


def zip_symlink(folder: Path) -> Path:
    info = zipfile.ZipInfo("link")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return _zip(folder / "symlink.zip", [(info, b"/etc/passwd")])


def zip_encrypted(folder: Path) -> Path:
    """An entry whose headers set the 'encrypted' flag (zipfile cannot write one, so patch it)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("secret.txt", b"bob@example.org")
    data = bytearray(buf.getvalue())
    struct.pack_into("<H", data, 6, struct.unpack_from("<H", data, 6)[0] | 1)  # local header
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<H", data, cd + 8, struct.unpack_from("<H", data, cd + 8)[0] | 1)
    path = folder / "encrypted.zip"
    path.write_bytes(bytes(data))
    return path


def zip_lying_size(folder: Path) -> Path:
    """The central directory claims 5 bytes; the entry really holds much more."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Positions.csv", b"Company Name,Title\n" + b"Acme Ltd,Engineer\n" * 50000)
    data = bytearray(buf.getvalue())
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, cd + 24, 5)
    path = folder / "lying.zip"
    path.write_bytes(bytes(data))
    return path


def zip_lying_name(folder: Path) -> Path:
    """The local header names a different file from the central directory."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("aaaa.txt", b"hello")
    data = bytearray(buf.getvalue())
    data[30:34] = b"../x"  # the local header's name (starts at offset 30)
    path = folder / "lying-name.zip"
    path.write_bytes(bytes(data))
    return path


def zip_truncated(folder: Path) -> Path:
    src = _zip(folder / "whole.zip", [(f"f{i}.txt", b"x" * 100) for i in range(20)])
    data = src.read_bytes()
    src.unlink()
    path = folder / "truncated.zip"
    path.write_bytes(data[: len(data) - 200])
    return path


def zip_many_entries(folder: Path) -> Path:
    path = folder / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for i in range(100_000):
            zf.writestr(f"e{i}", b"")
    return path


def huge_line(folder: Path) -> Path:
    path = folder / "huge-line.txt"
    with open(path, "wb") as fh:
        for _ in range(24):
            fh.write(b"a" * (1 << 20))
        fh.write(b" contact me: someone@example.org")
    return path


def csv_huge_field(folder: Path) -> Path:
    path = folder / "big-field.csv"
    path.write_bytes(b"Company Name,Notes\nAcme Ltd,\"" + b"x" * (300 * 1024) + b"\"\nOther Ltd,y\n")
    return path


def csv_huge_line(folder: Path) -> Path:
    path = folder / "big-line.csv"
    path.write_bytes(b"a,b\n" + b"y" * (3 << 20) + b"\n")
    return path


def invalid_encoding(folder: Path) -> Path:
    path = folder / "bad-encoding.txt"
    path.write_bytes(b"Engineer at Acme Ltd, mail a@example.org\n" + bytes(range(128, 256)) * 50
                     + b"\xff\xfe\x00")
    return path


def docx_doctype(folder: Path) -> Path:
    xml = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>")
    return _zip(folder / "doctype.docx", [("word/document.xml", xml)])


def not_an_image(folder: Path) -> Path:
    path = folder / "broken.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(2000))
    return path


def heic(folder: Path) -> Path:
    path = folder / "photo.heic"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\0" * 100)
    return path


# builder → (substring expected in an issue message, or "" when no issue is required)
CORPUS: dict[str, tuple[Builder, str]] = {
    "zip-bomb": (zip_bomb, "times its compressed size"),
    "zip-bomb-nested": (zip_bomb_nested, "archive inside an archive"),
    "zip-slip": (zip_slip, "'..'"),
    "absolute-path": (zip_absolute, "absolute path"),
    "drive-letter": (zip_drive, "drive letter"),
    "symlink": (zip_symlink, "symbolic link"),
    "encrypted": (zip_encrypted, "encrypted"),
    "lying-size": (zip_lying_size, "damaged entry"),
    "lying-name": (zip_lying_name, "cannot be read"),
    "truncated-central-directory": (zip_truncated, "not a readable ZIP"),
    "100k-empty-entries": (zip_many_entries, "entries; the limit is 10,000"),
    "huge-single-line": (huge_line, ""),
    "csv-field-over-limit": (csv_huge_field, "field larger than field limit"),
    "csv-line-over-limit": (csv_huge_line, "longer than 1 MiB"),
    "invalid-encoding": (invalid_encoding, "lossy"),
    "docx-doctype": (docx_doctype, "DOCTYPE"),
    "broken-image": (not_an_image, "image"),
    "heic": (heic, "HEIC"),
}
