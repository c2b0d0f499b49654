"""Photo metadata: GPS, device and time are shown; a clean copy has none; the original is untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image

from exposure_check.core.packs import load_core_pack
from exposure_check.core.review import ReviewInput, review
from exposure_check.core.review.photos import PhotoError, read_metadata, save_clean_copy


def _photo(path: Path, lat: tuple[float, float, float] = (39.0, 54.0, 14.4), lat_ref: str = "N",
           lon: tuple[float, float, float] = (116.0, 24.0, 25.2), lon_ref: str = "E") -> Path:
    img = Image.new("RGB", (32, 24), (200, 10, 10))
    exif = Image.Exif()
    exif[271] = "Apple"
    exif[272] = "iPhone 15 Pro"
    exif[306] = "2026:05:01 09:30:00"
    exif.get_ifd(0x8769)[36867] = "2026:05:01 09:29:58"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = lat_ref, lat, lon_ref, lon
    img.save(path, exif=exif, comment=b"hello")
    return path


def test_reads_gps_device_time_and_place(tmp_path: Path) -> None:
    meta = read_metadata(_photo(tmp_path / "p.jpg"))
    assert meta.gps == pytest.approx((39.904, 116.407), abs=1e-3)
    assert meta.place.startswith("near Beijing")
    assert meta.place_zh.startswith("北京附近")
    assert meta.device == "Apple iPhone 15 Pro"
    assert meta.taken == "2026:05:01 09:29:58"


def test_southern_western_hemisphere(tmp_path: Path) -> None:
    meta = read_metadata(_photo(tmp_path / "s.jpg", (33.0, 52.0, 8.4), "S", (151.0, 12.0, 32.4), "W"))
    assert meta.gps is not None and meta.gps[0] < 0 and meta.gps[1] < 0


def test_review_reports_photo_findings(tmp_path: Path) -> None:
    r = review([ReviewInput.file(_photo(tmp_path / "p.jpg"))], pack=load_core_pack())
    topics = {f.topic for f in r.findings}
    assert {"photo-location", "photo-device", "photo-time"} <= topics


@pytest.mark.parametrize("suffix", [".jpg", ".png"])
def test_clean_copy_strips_everything_and_never_touches_original(tmp_path: Path, suffix: str) -> None:
    src = _photo(tmp_path / "orig.jpg")
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    dest = save_clean_copy(src, tmp_path / f"clean{suffix}")
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    clean = read_metadata(dest)
    assert clean.gps is None and not clean.device and not clean.taken and not clean.other
    with Image.open(dest) as img:
        assert not img.getexif()
        assert "exif" not in img.info and "comment" not in img.info
        assert img.size == (32, 24)


def test_clean_copy_refuses_to_overwrite_original(tmp_path: Path) -> None:
    src = _photo(tmp_path / "orig.jpg")
    with pytest.raises(PhotoError):
        save_clean_copy(src, src)


def test_not_an_image(tmp_path: Path) -> None:
    p = tmp_path / "x.png"
    p.write_bytes(b"not an image")
    with pytest.raises(PhotoError):
        read_metadata(p)
