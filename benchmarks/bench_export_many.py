"""Benchmark: exporting many small files: peak memory and time against the count.

    .venv/bin/python benchmarks/bench_export_many.py --counts 1000 10000   # issue: 10k, 100k

For each count a fresh store gets that many 1 KB items (filed), then a child process
exports them (pre-flight, write, seal, commit) and reports its peak RSS and the time. The
targets (issue 9): peak under 300 MB at 100,000, and time at 10x the count at most 11x.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.export.pipeline import export_incident  # noqa: E402
from app.export.seal import Signer  # noqa: E402
from app.store.models import Item  # noqa: E402
from app.store.repositories import Repositories  # noqa: E402
from app.store.repositories.items import NewFile, StagedItem  # noqa: E402
from app.store.store import Store  # noqa: E402
from tests.export_support import file_items  # noqa: E402


def file_all(repos: Repositories, item_ids: list[str]) -> None:
    """``tests.export_support.file_items`` for a fresh store with one 档号 group, the same
    values set on each item, without its per-item query for the group's last 件号 (that
    scans the table: quadratic, hours at 100,000). One item is filed by ``file_items``
    itself; the rest continue its group from there."""
    first = file_items(repos, item_ids[:1])[0]
    group, _, piece = first.rpartition("-")
    last = int(piece)
    with repos.store.writer() as s:
        for start in range(1, len(item_ids), 2000):
            chunk = item_ids[start:start + 2000]
            by_id = {i.id: i for i in s.scalars(select(Item).where(Item.id.in_(chunk)))}
            for item_id in chunk:
                item = by_id[item_id]
                last += 1
                item.title = f"救援现场照片 {item.id[:4]}"
                item.creator = "张三"
                item.date = item.date or datetime(2025, 7, 22, 3, 0, tzinfo=UTC)
                item.description = "事由：地震救援；地点：某镇；摄影者：张三"
                item.retention = "Y"
                item.classification = "internal"
                item.year = 2025
                item.piece_number = last
                item.archival_code = f"{group}-{last:04d}"
                item.state = "filed"
                item.filed_at = datetime.now(UTC)
            s.flush()
            s.expunge_all()


def new_store(root: Path) -> tuple[Store, Repositories, str]:
    """A fresh store under ``root`` with the benchmark incident (also bench_store_growth)."""
    store = Store.open(root / "store", create=True)
    repos = Repositories(store)
    inc = repos.incidents.create("基准测试", "natural", "I",
                                 datetime.fromisoformat("2025-07-21T14:30:00+08:00"),
                                 "Z109", number="BENCH", org_code="YJB")
    return store, repos, inc.id


def stage_small_item(repos: Repositories, incident_id: str, n: int) -> StagedItem:
    """One photo item of a single 1 KB file (a JPEG's magic, then noise)."""
    return repos.items.stage(incident_id, "photo", [NewFile(
        b"\xff\xd8\xff\xe0" + os.urandom(1020), original_name=f"IMG_{n:06d}.jpg",
        format="image/jpeg")])


def fill(root: Path, count: int) -> None:
    store, repos, incident_id = new_store(root)
    ids = []
    batch = []
    for n in range(count):
        batch.append(stage_small_item(repos, incident_id, n))
        if len(batch) == 500 or n == count - 1:
            ids += [r.id for r in repos.items.commit_staged(batch)]  # type: ignore[union-attr]
            batch = []
    file_all(repos, ids)
    store.close()


def child(root: Path) -> None:
    store = Store.open(root / "store")
    out = root / "out"
    out.mkdir()
    start = time.perf_counter()
    export_incident(Repositories(store), "BENCH", out,
                    Signer(Ed25519PrivateKey.generate(), "基准"), decode=False)
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{took:.2f} {peak:.0f}")
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--counts", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--child", type=Path)
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    results = []
    for count in args.counts:
        root = Path(tempfile.mkdtemp(prefix="bench_many_"))
        try:
            fill(root, count)
            out = subprocess.run([sys.executable, __file__, "--child", str(root)],
                                 capture_output=True, text=True, check=True).stdout.split()
            took, peak = float(out[0]), float(out[1])
            results.append((count, took, peak))
            print(f"{count:>7} files  {took:8.2f} s  peak {peak:6.0f} MB")
        finally:
            shutil.rmtree(root, ignore_errors=True)
    for (c1, t1, _), (c2, t2, _) in zip(results, results[1:], strict=False):
        print(f"time at {c2 / c1:.0f}x the count: {t2 / t1:.1f}x  (target <= 1.1 per 1x)")


if __name__ == "__main__":
    main()
