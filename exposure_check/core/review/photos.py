"""Photo metadata: what a picture's EXIF says about where and when it was taken, and a clean copy.

Pillow reads JPEG, PNG, TIFF and WebP metadata. HEIC needs the pillow-heif plug-in, which we do not
ship (it would be a new native dependency), so HEIC files are reported as unsupported.
"""

from __future__ import annotations

import io
import math
import os
import struct
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from PIL import Image, ImageOps, UnidentifiedImageError

from .lexicon import CITIES

_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_TAGS = {271: "make", 272: "model", 305: "software", 306: "datetime", 315: "artist", 33432: "copyright"}
_EXIF_TAGS = {36867: "taken", 42036: "lens", 42033: "body_serial", 42032: "owner"}
_TEXT_KEYS = ("Author", "Comment", "Description", "Title", "Software", "Copyright", "Creation Time",
              "Source", "Location")
NEARBY_KM = 50.0


class PhotoError(Exception):
    pass


@dataclass(frozen=True)
class PhotoMetadata:
    format: str
    width: int
    height: int
    gps: tuple[float, float] | None = None
    place: str = ""  # "near Beijing (12 km)" when a known city is within 50 km
    place_zh: str = ""
    make: str = ""
    model: str = ""
    taken: str = ""
    software: str = ""
    other: dict[str, str] = field(default_factory=dict)  # artist, owner, serial, text chunks, …
    has_metadata: bool = False

    @property
    def device(self) -> str:
        make, model = self.make.strip(), self.model.strip()
        if make and model.lower().startswith(make.lower()):
            return model
        return " ".join(p for p in (make, model) if p)

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.format, "width": self.width, "height": self.height,
                "gps": list(self.gps) if self.gps else None, "place": self.place,
                "device": self.device, "taken": self.taken, "software": self.software,
                "other": dict(self.other), "has_metadata": self.has_metadata}


def _ratio(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError, ZeroDivisionError):
        num, den = v
        return float(num) / float(den) if den else 0.0


def _dms(value: Any, ref: Any) -> float | None:
    try:
        d, m, s = (_ratio(x) for x in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    deg = d + m / 60.0 + s / 3600.0
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    if str(ref).strip().upper() in ("S", "W"):
        deg = -deg
    if math.isnan(deg) or math.isinf(deg):
        return None
    return round(deg, 6)


def _text(v: Any) -> str:
    if isinstance(v, bytes):
        v = v.decode("utf-8", "replace")
    return str(v).replace("\x00", "").strip()[:200]


def nearest_city(lat: float, lon: float) -> tuple[str, str, float] | None:
    best: tuple[str, str, float] | None = None
    for en, zh, clat, clon in CITIES:
        p1, p2 = math.radians(lat), math.radians(clat)
        dp, dl = p2 - p1, math.radians(clon - lon)
        a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        km = 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
        if best is None or km < best[2]:
            best = (en, zh, km)
    return best if best and best[2] <= NEARBY_KM else None


def _open(source: str | os.PathLike[str] | IO[bytes]) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(source)
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoError(f"not a supported image ({exc.__class__.__name__})") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise PhotoError(f"the image cannot be read ({exc})") from None


def is_heic(head: bytes) -> bool:
    return head[4:12] in (b"ftypheic", b"ftypheix", b"ftyphevc", b"ftypmif1", b"ftypmsf1", b"ftypheim")


def read_metadata(source: str | os.PathLike[str] | IO[bytes]) -> PhotoMetadata:
    """The metadata of an image. Raises PhotoError for files Pillow cannot read."""
    img = _open(source)
    try:
        fmt = img.format or "?"
        other: dict[str, str] = {}
        try:
            exif = img.getexif()
            base = {name: _text(exif[tag]) for tag, name in _TAGS.items() if tag in exif}
            sub = exif.get_ifd(_EXIF_IFD)
            for tag, name in _EXIF_TAGS.items():
                if tag in sub:
                    base[name] = _text(sub[tag])
            gps_ifd = exif.get_ifd(_GPS_IFD)
        except (OSError, ValueError, SyntaxError, TypeError, KeyError, struct.error):
            base, gps_ifd = {}, {}
        gps = None
        if gps_ifd and 2 in gps_ifd and 4 in gps_ifd:
            lat = _dms(gps_ifd[2], gps_ifd.get(1, "N"))
            lon = _dms(gps_ifd[4], gps_ifd.get(3, "E"))
            if lat is not None and lon is not None and abs(lat) <= 90 and abs(lon) <= 180:
                gps = (lat, lon)
        for key in ("artist", "copyright", "lens", "body_serial", "owner"):
            if base.get(key):
                other[key] = base[key]
        for key in _TEXT_KEYS:
            if key in img.info and isinstance(img.info[key], str | bytes):
                other[key.lower()] = _text(img.info[key])
        for key in ("xmp", "XML:com.adobe.xmp"):
            if img.info.get(key):
                other["xmp"] = "present"
        place = place_zh = ""
        if gps:
            near = nearest_city(*gps)
            if near:
                place = f"near {near[0]} ({near[2]:.0f} km)"
                place_zh = f"{near[1]}附近（{near[2]:.0f} 公里）"
        has = bool(gps or base or other or img.info.get("exif") or img.info.get("icc_profile"))
        return PhotoMetadata(fmt, img.width, img.height, gps, place, place_zh,
                             base.get("make", ""), base.get("model", ""),
                             base.get("taken") or base.get("datetime", ""), base.get("software", ""),
                             other, has)
    finally:
        img.close()


def save_clean_copy(src: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Path:
    """Write a copy of the image at `dest` with no metadata at all. The original is never touched.

    The pixels are copied into a brand-new image (so no EXIF, XMP, ICC, text chunks or thumbnails
    survive) after applying the EXIF orientation, so the copy looks the same as the original.
    Written to a temporary file in the destination directory, then renamed into place.
    """
    src_p, dest_p = Path(src), Path(dest)
    if dest_p.exists() and src_p.exists() and os.path.samefile(src_p, dest_p):
        raise PhotoError("the clean copy must be a new file; the original is never modified")
    with open(src_p, "rb") as fh:
        data = fh.read()
    img = _open(io.BytesIO(data))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = ImageOps.exif_transpose(img) or img
            img.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning) as exc:
        raise PhotoError(f"the image cannot be decoded ({exc})") from None
    fmt = (img.format or "").upper()
    ext = dest_p.suffix.lower()
    out_fmt = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}.get(ext, fmt or "PNG")
    if out_fmt not in ("JPEG", "PNG", "WEBP"):
        out_fmt = "PNG"
    mode = img.mode
    if out_fmt == "JPEG" and mode not in ("RGB", "L", "CMYK"):
        mode = "RGB"
    clean = Image.new(mode, img.size)
    clean.paste(img.convert(mode) if mode != img.mode else img)
    dest_p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".clean-", suffix=ext or ".png", dir=dest_p.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            kwargs: dict[str, Any] = {"quality": 95} if out_fmt == "JPEG" else {}
            clean.save(out, format=out_fmt, **kwargs)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dest_p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest_p
