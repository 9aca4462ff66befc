"""Benchmark: importing camera-sized photos against a plain copy + SHA-256 of the same files.

    .venv/bin/python benchmarks/bench_import.py            # 1000 photos of 4000 x 3000
    .venv/bin/python benchmarks/bench_import.py --count 200
    .venv/bin/python benchmarks/bench_import.py --count 200 --cold   # page cache dropped

The photos are generated once (noisy gradients, so they compress like real 12-megapixel
photos, about 4.3 MB each, with EXIF: camera, date, GPS, Orientation 1/6/3/8, and the
160 x 120 preview a DCF camera embeds) and cached. Every phase reads the same files, in
the same run:

  baseline   copy each file to a fresh folder while computing SHA-256 (nothing else)
  durable    the same, each copy fsynced: what storing safely costs at the least
  prepare    probe + EXIF + upright thumbnail only (no copy)
  import     the real thing: import_files() into a fresh store (SHA-256, EXIF,
             thumbnails, vault with fsync, database rows, audit events)
  sm3        the digest pass that follows on that store: each original re-read, its
             SHA-256 checked and its SM3 recorded (app.store.digests)

It prints throughput and the ratio of each to the baseline; the target is import >= 0.5.
It also prints import + sm3 together, the time until the last SM3 is recorded.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import struct
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from app.capture.importer import import_files  # noqa: E402
from app.capture.prepare import prepare_file  # noqa: E402
from app.store.digests import complete_digests, pending_count  # noqa: E402
from app.store.hashing import CHUNK  # noqa: E402
from app.store.repositories import Repositories  # noqa: E402
from app.store.store import Store  # noqa: E402

WIDTH, HEIGHT = 4000, 3000
GENERATOR_VERSION = 2
ORIENTATIONS = (1, 6, 3, 8)


def generate(folder: Path, count: int) -> list[Path]:
    """``count`` distinct camera-like JPEGs in ``folder`` (kept for the next run).

    Like a DCF camera's, each carries a 160 x 120 thumbnail in EXIF IFD1, made from the
    same pixels and stored unrotated like the picture. Photos made by another
    GENERATOR_VERSION are deleted and made again.
    """
    folder.mkdir(parents=True, exist_ok=True)
    version = folder / "VERSION"
    if not version.exists() or version.read_text().strip() != str(GENERATOR_VERSION):
        for old in [*folder.glob("DSC_*.JPG"), *folder.glob("DSC_*.part")]:
            old.unlink()
        # Each photo is renamed into place whole, so the version can be written first.
        version.write_text(str(GENERATOR_VERSION))
    paths = [folder / f"DSC_{n:05d}.JPG" for n in range(count)]
    missing = [p for p in paths if not p.exists()]
    if not missing:
        return paths
    print(f"generating {len(missing)} photos of {WIDTH} x {HEIGHT} in {folder} (once) …",
          flush=True)
    rng = np.random.default_rng(2025)
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    gradient = np.stack([x / WIDTH * 200, y / HEIGHT * 170, (x + y) / (WIDTH + HEIGHT) * 150],
                        axis=-1)
    base = np.clip(gradient + rng.normal(0, 10, gradient.shape), 0, 255).astype(np.uint8)
    start = datetime(2025, 7, 21, 14, 30, 0)

    def one(path: Path) -> None:
        n = int(path.stem.split("_")[1])
        pixels = base.copy()
        local = np.random.default_rng(n)
        row, col = (n * 97) % (HEIGHT - 256), (n * 131) % (WIDTH - 256)
        pixels[row:row + 256, col:col + 256] = local.integers(0, 255, (256, 256, 3),
                                                                dtype=np.uint8)
        image = Image.fromarray(pixels)
        exif = image.getexif()
        exif[0x010F], exif[0x0110] = "NIKON CORPORATION", "NIKON Z 6_2"
        exif[0x0112] = ORIENTATIONS[n % 4]
        when = (start + timedelta(seconds=7 * n)).strftime("%Y:%m:%d %H:%M:%S")
        exif.get_ifd(0x8769).update({0x9003: when, 0x9011: "+08:00"})
        exif.get_ifd(0x8825).update({1: "N", 2: (40.0, 49.0, 1.5 + n % 50), 3: "E",
                                     4: (111.0, 39.0, 12.0), 6: 1063.0})
        thumbnail = io.BytesIO()
        image.reduce(WIDTH // 160).save(thumbnail, "JPEG", quality=90)  # 160 x 120
        tmp = path.with_suffix(".part")
        image.save(tmp, "JPEG", quality=92,
                   exif=with_ifd1_thumbnail(exif.tobytes(), thumbnail.getvalue()))
        os.replace(tmp, path)

    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        list(pool.map(one, missing))
    return paths


def with_ifd1_thumbnail(exif: bytes, thumbnail: bytes) -> bytes:
    """Pillow's EXIF bytes (it writes no IFD1) with an IFD1 JPEG thumbnail appended.

    IFD0's next-IFD pointer (after its entries) is pointed at a new IFD1 holding
    Compression = 6 (JPEG), JPEGInterchangeFormat (offset from the TIFF header) and
    JPEGInterchangeFormatLength; the thumbnail's bytes follow it.
    """
    tiff = bytearray(exif.removeprefix(b"Exif\x00\x00"))
    order = "<" if tiff[:2] == b"II" else ">"
    (ifd0,) = struct.unpack_from(order + "L", tiff, 4)
    (entries,) = struct.unpack_from(order + "H", tiff, ifd0)
    tiff += b"\x00" * (len(tiff) % 2)  # IFDs start on a word boundary
    ifd1 = len(tiff)
    struct.pack_into(order + "L", tiff, ifd0 + 2 + 12 * entries, ifd1)
    tiff += struct.pack(order + "H", 3)
    tiff += struct.pack(order + "HHLHH", 0x0103, 3, 1, 6, 0)
    tiff += struct.pack(order + "HHLL", 0x0201, 4, 1, ifd1 + 2 + 3 * 12 + 4)
    tiff += struct.pack(order + "HHLL", 0x0202, 4, 1, len(thumbnail))
    tiff += struct.pack(order + "L", 0) + thumbnail
    return b"Exif\x00\x00" + bytes(tiff)


def drop_caches() -> bool:
    """Empty the page cache (root only) so every phase reads from the disk."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def warm(paths: list[Path]) -> None:
    for p in paths:
        with open(p, "rb") as f:
            while f.read(CHUNK):
                pass


def baseline(paths: list[Path], out: Path, fsync: bool = False) -> None:
    for p in paths:
        sha = hashlib.sha256()
        with open(p, "rb") as src, open(out / p.name, "wb") as dst:
            while chunk := src.read(CHUNK):
                dst.write(chunk)
                sha.update(chunk)
            if fsync:
                dst.flush()
                os.fsync(dst.fileno())
        sha.hexdigest()


def durable_copy(paths: list[Path], out: Path) -> None:
    baseline(paths, out, fsync=True)


def prepare_only(paths: list[Path], out: Path) -> None:
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        list(pool.map(prepare_file, paths))


def real_import(paths: list[Path], out: Path) -> None:
    with Store.open(out / "store", create=True) as store:
        repos = Repositories(store)
        incident = repos.incidents.create(
            "bench", "natural", "I", datetime.fromisoformat("2025-07-21T14:30:00+08:00"),
            "Z109")
        report = import_files(repos, incident.id, paths)
        if report.failed or len(report.imported) != len(paths):
            raise SystemExit(f"import did not take every file: {report.failed[:3]}")
        if pending_count(store) != len(paths):
            raise SystemExit("the import was expected to leave every SM3 to the pass")


def sm3_pass(paths: list[Path], out: Path) -> None:
    with Store.open(out / "store") as store:
        report = complete_digests(store)
        if report.done != len(paths) or report.problems or pending_count(store):
            raise SystemExit(f"the SM3 pass did not finish: {report}")


def timed(fn: Callable[[list[Path], Path], None], paths: list[Path], out: Path,
          cold: bool) -> float:
    if cold:
        drop_caches()
    else:
        warm(paths)
    start = time.perf_counter()
    fn(paths, out)
    return time.perf_counter() - start


def thumbnail_sources(paths: list[Path]) -> dict[str, int]:
    seen: dict[str, int] = {}
    for p in paths[:20]:
        source = prepare_file(p).technical.get("thumbnail_source", "?")
        seen[source] = seen.get(source, 0) + 1
    return seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="photos (default 1000)")
    parser.add_argument("--cache", type=Path,
                        default=Path.home() / ".cache" / "fieldarchive-bench" / "photos",
                        help="where the generated photos are kept between runs")
    parser.add_argument("--scratch", type=Path, default=Path(tempfile.gettempdir()),
                        help="where copies and the store go (removed afterwards)")
    parser.add_argument("--cold", action="store_true",
                        help="drop the page cache before each phase (root only)")
    args = parser.parse_args(argv)
    paths = generate(args.cache, args.count)
    if args.cold and not drop_caches():
        print("cannot drop the page cache (needs root); measuring with a warm cache")
        args.cold = False
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    print(f"{len(paths)} photos, {megabytes:.0f} MB, {os.cpu_count()} CPU(s), "
          f"{'cold' if args.cold else 'warm'} page cache")
    print(f"thumbnails of the first 20: {thumbnail_sources(paths)}")
    phases: list[tuple[str, Callable[[list[Path], Path], None]]] = [
        ("baseline", baseline), ("durable", durable_copy), ("prepare", prepare_only),
        ("import", real_import), ("sm3", sm3_pass)]
    times: dict[str, float] = {}
    outs: dict[str, Path] = {}
    for name, fn in phases:
        # The SM3 pass works on the store the import made.
        out = outs["import"] if name == "sm3" else Path(
            tempfile.mkdtemp(prefix=f"{name}-", dir=args.scratch))
        outs[name] = out
        times[name] = timed(fn, paths, out, args.cold)
        if name != "import":
            shutil.rmtree(out, ignore_errors=True)
    base = times["baseline"]
    times["import+sm3"] = times["import"] + times["sm3"]
    print(f"{'phase':<11}{'seconds':>9}{'photos/s':>10}{'MB/s':>8}{'ratio':>8}")
    for name, seconds in times.items():
        print(f"{name:<11}{seconds:>9.2f}{len(paths) / seconds:>10.1f}"
              f"{megabytes / seconds:>8.1f}{base / seconds:>8.2f}")
    ratio = base / times["import"]
    verdict = "meets" if ratio >= 0.5 else "misses"
    print(f"import throughput is {ratio:.2f} x the baseline's; {verdict} the target of 0.50")
    print(f"with the SM3 pass that follows it is {base / times['import+sm3']:.2f} x; the "
          f"import alone is {times['durable'] / times['import']:.2f} x a durable copy's")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
