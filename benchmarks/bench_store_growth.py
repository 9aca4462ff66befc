"""Benchmark: does storing a batch get slower as the store fills up?

    .venv/bin/python benchmarks/bench_store_growth.py               # grow to 30,000 items
    .venv/bin/python benchmarks/bench_store_growth.py --items 100000

Items of one 1 KB file each are staged and committed in batches of 500 (the importer's
path: vault with fsync, rows, seal, audit events, search queue) into one fresh store until
it holds ``--items``. It prints the time of the first and the last few batches and their
ratio. The target: a batch into a full store costs at most 1.5x one into a new store (the
work per item must not depend on how many items are already there). Before migration 0009
each new file row searched the whole ``file`` table for rows derived from it: 1.99x at
30,000 items (2.56 s a batch against 1.29 s), and 10.4 s a batch at 100,000. Since: 0.86x
at 30,000.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench_export_many import new_store, stage_small_item  # the same items, the same store

from app.store.repositories import Repositories

BATCH = 500
SAMPLE = 5  # batches timed at each end


def commit_batch(repos: Repositories, incident_id: str, start: int) -> float:
    began = time.perf_counter()
    repos.items.commit_staged([stage_small_item(repos, incident_id, start + n)
                               for n in range(BATCH)])
    return time.perf_counter() - began


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=30_000)
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench_growth_"))
    try:
        store, repos, incident_id = new_store(root)
        batches = max(args.items // BATCH, 2 * SAMPLE)
        times = []
        for b in range(batches):
            times.append(commit_batch(repos, incident_id, b * BATCH))
            if (b + 1) % 20 == 0:
                print(f"  {(b + 1) * BATCH:>7} items, last batch {times[-1]:.2f} s", flush=True)
        store.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    first = statistics.median(times[:SAMPLE])
    last = statistics.median(times[-SAMPLE:])
    print(f"batch of {BATCH} into a new store   {first:6.2f} s (median of {SAMPLE})")
    print(f"batch of {BATCH} at {batches * BATCH:,} items  {last:6.2f} s")
    print(f"ratio {last / first:.2f}  (target <= 1.5)")


if __name__ == "__main__":
    main()
