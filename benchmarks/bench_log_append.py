"""Adding a work-log entry stays flat as the log grows.

Times N single appends (``repos.log.add``: one committed unit of work with its chain link and
audit event) on a log of 100 entries, grows the same log to 100,000 entries by bulk-inserting
through the repository's own chain code (``append_entry``) in one transaction, then times N
single appends again. Prints the ratio of the median times (target: at most 1.2), and the
timeline queries the UI uses at that size.

    .venv/bin/python benchmarks/bench_log_append.py [--entries 100000] [--samples 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.store import audit  # noqa: E402
from app.store.hashing import GENESIS, chain_hash  # noqa: E402
from app.store.models import AuditEvent, Operator, new_id  # noqa: E402
from app.store.repositories import Repositories  # noqa: E402
from app.store.repositories.log_append import entry_tail, link_entry, new_entry  # noqa: E402
from app.store.store import Store  # noqa: E402
from app.store.worklog_records import LogFilter  # noqa: E402

START = datetime.fromisoformat("2025-07-21T14:30:00+08:00")
TARGET = 1.2


def append_once(repos: Repositories, incident_id: str, i: int, occurred: datetime) -> float:
    t0 = time.perf_counter()
    repos.log.add(incident_id, f"单条追加第{i}条：现场巡查，记录无异常。",
                  occurred_at=occurred + timedelta(seconds=i), force=True)
    return time.perf_counter() - t0


def bulk_fill(store: Store, incident_id: str, operator_id: str, upto: int) -> None:
    """Grow the log to ``upto`` entries in one transaction, through the repository's chain
    code (``new_entry``, ``link_entry``), each entry with its audit event as ``add`` makes it.
    Rows are flushed in batches; the audit chain is carried along here instead of being looked
    up for every row, which is what makes this fast."""
    with store.writer() as s:
        op = s.get(Operator, operator_id)
        assert op is not None
        tail = entry_tail(s, incident_id)
        head = audit.last_event_head(s) or audit.ChainHead(0, GENESIS)
        now = datetime.now(UTC)
        for n in range(tail.seq + 1, upto + 1):
            entry = new_entry(
                incident_id, op, f"批量第{n}条：搜救队在三号街区排查倒塌房屋，转移群众。",
                START + timedelta(minutes=n), phase="response", category="other",
                operational_period=None, unit=None, participants="", place="",
                linked_items=[])
            tail = link_entry(entry, tail)
            event = AuditEvent(
                seq=head.count + 1, id=new_id(), event_type="log.add", occurred_at=now,
                agent=op.name, operator_id=op.id, incident_id=incident_id, item_id=None,
                object_type="log_entry", object_id=entry.id, outcome="success",
                detail={"seq": entry.seq, "entry_hash": entry.entry_hash},
                prev_hash=head.hash, hash="")
            event.hash = chain_hash(head.hash, audit.event_content(event))
            head = audit.ChainHead(event.seq, event.hash)
            s.add_all([entry, event])
            if n % 2000 == 0:
                s.flush()
        s.info[audit.SESSION_HEAD_KEY] = head


def time_query(label: str, fn: object) -> None:
    assert callable(fn)
    t0 = time.perf_counter()
    fn()
    print(f"  {label:<44} {1000 * (time.perf_counter() - t0):8.1f} ms")


@dataclass
class Bench:
    store: Store
    repos: Repositories
    incident_id: str
    operator_id: str


def make_store(root: Path, entries: int) -> Bench:
    """A store whose incident has ``entries`` log entries. A second incident's 2,000 entries,
    bulk-inserted first, grow the WAL file, so both stores commit into a WAL of the same
    (already grown) size and the timing compares the log size, not the file's growth."""
    store = Store.open(root, create=True)
    repos = Repositories(store)
    op = repos.operators.add("张三", "旗应急管理局", "archivist", position="档案员")
    warm = repos.incidents.create("预热事件", "natural", "IV", START, "Z100", number="WARM")
    bulk_fill(store, warm.id, op.id, 2_000)
    inc = repos.incidents.create("基准测试事件", "natural", "I", START, "Z109", number="BENCH")
    bulk_fill(store, inc.id, op.id, entries)
    return Bench(store, repos, inc.id, op.id)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=100)
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--samples", type=int, default=200)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-log-") as tmp:
        small = make_store(Path(tmp) / "small", args.small)
        t0 = time.perf_counter()
        large = make_store(Path(tmp) / "large", args.entries)
        fill_s = time.perf_counter() - t0
        # Alternate the two stores sample by sample, so drift in the disk's behaviour during
        # the run falls on both sides alike.
        t_small: list[float] = []
        t_large: list[float] = []
        late = START + timedelta(days=400)
        for i in range(args.samples):
            t_small.append(append_once(small.repos, small.incident_id, i, late))
            t_large.append(append_once(large.repos, large.incident_id, i, late))

        med_small, med_large = statistics.median(t_small), statistics.median(t_large)
        ratio = med_large / med_small
        print(f"bulk fill to {args.entries} entries (one transaction): {fill_s:.1f} s")
        for size, times in ((args.small, t_small), (args.entries, t_large)):
            print(f"append at {size:>7} entries: median {1000 * statistics.median(times):6.2f} ms,"
                  f" mean {1000 * statistics.mean(times):6.2f} ms ({args.samples} samples)")
        print(f"ratio (at {args.entries} / at {args.small}, median): {ratio:.3f}  "
              f"(target <= {TARGET})")

        log = large.repos.log
        inc_id = large.incident_id
        print(f"timeline queries at {log.count(inc_id)} entries:")
        time_query("page(offset=0, limit=100)", lambda: log.page(inc_id, limit=100))
        time_query("page(offset=50000, limit=100)",
                   lambda: log.page(inc_id, offset=50_000, limit=100))
        middle = log.page(inc_id, offset=50_000, limit=1)[0].cursor
        time_query("page(after=cursor of row 50000, limit=100)",
                   lambda: log.page(inc_id, limit=100, after=middle))
        time_query("page(newest_first, limit=100)",
                   lambda: log.page(inc_id, limit=100, newest_first=True))
        time_query("count()", lambda: log.count(inc_id))
        time_query("count(review_status=unreviewed)",
                   lambda: log.count(inc_id, LogFilter(review_status="unreviewed")))
        time_query("page(one day's date range)",
                   lambda: log.page(inc_id, LogFilter(
                       occurred_from=START + timedelta(days=30),
                       occurred_to=START + timedelta(days=31)), limit=100))
        small.store.close()
        large.store.close()
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
