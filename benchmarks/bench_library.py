"""Search stays fast as the library grows: a large store against one a tenth its size.

Builds two stores, each with one incident: the large one with N items and 5N work-log entries
(default N = 20,000: 100,000 entries), the small one with N/10 and N/2. Rows are inserted
directly in writer sessions (items with an original file row, log entries chained by the
repository's own ``new_entry``/``link_entry``), committed in groups as an import commits them,
so the search index is filled by the same triggers and pre-commit drain as in real use; the
fill rate is printed. A two-character Chinese word (溃坝) and a Latin word (levee) each occur
in about 1% of the items and entries.

Then both stores are searched for the first 50 results of each word, ``--samples`` times,
alternating sample by sample so drift on a shared machine falls on both alike; and each is
searched again in a process of its own, whose peak resident memory is that store's alone.
Printed: the medians, the ratio large/small (target: at most 2) and the two peaks and their
difference (target: at most 150 MB).

    .venv/bin/python benchmarks/bench_library.py [--items 20000] [--samples 30]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.store.models import File, Item, Operator, new_id  # noqa: E402
from app.store.repositories import Repositories  # noqa: E402
from app.store.repositories.log_append import entry_tail, link_entry, new_entry  # noqa: E402
from app.store.repositories.search import SearchQueries  # noqa: E402
from app.store.store import Store  # noqa: E402

START = datetime.fromisoformat("2025-07-21T14:30:00+08:00")
WORDS = ("溃坝", "levee")  # each in about 1% of items and entries
RARE_SHARE = 0.01
LIMIT = 50
GROUP = 1_000  # rows per committed group, as an import commits them
RATIO_TARGET = 2.0
MEMORY_TARGET_MB = 150.0

PHRASES = (
    "搜救队在三号街区排查倒塌房屋", "群众转移到第二安置点", "道路积水严重，车辆绕行",
    "医疗队为伤员包扎", "指挥部召开调度会议", "发放帐篷和饮用水", "通信保障车抵达",
    "电力抢修恢复供电", "志愿者登记物资", "无人机航拍灾区全景", "学校临时改作安置点",
    "余震后复查危房", "卫生防疫消杀作业", "记者采访受灾群众", "清点救灾物资库存",
    "G6高速K123+500处塌方", "桥梁出现裂缝，封闭交通", "夜间巡查安置点",
    "rescue team at the school", "field hospital set up", "water supply restored",
)
PLACES = ("兴和县", "察哈尔右翼前旗", "某镇中心小学", "二号安置点", "县医院", "G6高速")
PEOPLE = ("张三", "李娜", "王五", "乌云其木格", "巴特尔", "赵六", "孙七")


def text(rng: random.Random, rare: str | None, parts: int) -> str:
    chosen = rng.sample(PHRASES, parts)
    if rare is not None:
        chosen.insert(rng.randrange(len(chosen) + 1), f"{rare}险情" if rare == "溃坝"
                      else f"{rare} breach")
    return "，".join(chosen) + "。"


def rare_word(rng: random.Random) -> str | None:
    draw = rng.random()
    for n, word in enumerate(WORDS):
        if RARE_SHARE * n <= draw < RARE_SHARE * (n + 1):
            return word
    return None


def fill(root: Path, items: int, entries: int, seed: int) -> tuple[str, float]:
    """A store with one incident of ``items`` items and ``entries`` log entries; returns
    the incident's id and the seconds the fill took."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    with Store.open(root, create=True) as store:
        repos = Repositories(store)
        op = repos.operators.add("张三", "旗档案馆", "archivist")
        inc = repos.incidents.create("基准测试地震", "natural", "I", START, "Z109",
                                     number="BENCH")
        now = datetime.now(UTC)
        for start in range(0, items, GROUP):
            with store.writer() as s:
                # (No relationships: the flush does not order tables; as commit_staged does.)
                s.connection().exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                for n in range(start, min(items, start + GROUP)):
                    item_id = new_id()
                    rare = rare_word(rng)
                    s.add(Item(
                        id=item_id, incident_id=inc.id, kind="photo", category="ZP",
                        source_channel="self", state="captured",
                        title=f"现场照片 {n}：{rng.choice(PHRASES)}",
                        description=text(rng, rare, 2), people=rng.choice(PEOPLE),
                        place=rng.choice(PLACES), keywords="地震 救援", phase="response",
                        date=START + timedelta(minutes=n), created_at=now, updated_at=now))
                    s.add(File(
                        id=new_id(), item_id=item_id, role="original", seq=1,
                        vault_path=f"bench/{item_id}.jpg", original_name=f"IMG_{n:05d}.JPG",
                        size=1, sha256=f"{n:064x}", sm3="", format="image/jpeg",
                        created_at=now))
        for start in range(0, entries, GROUP):
            with store.writer() as s:
                recorder = s.get(Operator, op.id)
                assert recorder is not None
                tail = entry_tail(s, inc.id)
                for n in range(start, min(entries, start + GROUP)):
                    entry = new_entry(
                        inc.id, recorder, text(rng, rare_word(rng), 2),
                        START + timedelta(minutes=n), phase="response", category="other",
                        operational_period=None, unit=None, participants=rng.choice(PEOPLE),
                        place=rng.choice(PLACES), linked_items=[])
                    tail = link_entry(entry, tail)
                    s.add(entry)
    return inc.id, time.perf_counter() - t0


def search_once(search: SearchQueries, word: str, incident_id: str) -> float:
    t0 = time.perf_counter()
    search.search(word, incident_id, limit=LIMIT)
    return time.perf_counter() - t0


def peak_memory(root: Path, incident_id: str, samples: int) -> dict[str, object]:
    """In a process of its own: the searches of the timing run, then the peak RSS."""
    hits = {}
    with Store.open(root) as store:
        search = Repositories(store).search
        for word in WORDS:
            hits[word] = len(search.search(word, incident_id, limit=LIMIT))
            for _ in range(samples):
                search.search(word, incident_id, limit=LIMIT)
    # ru_maxrss is in KiB on Linux.
    return {"hits": hits,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_child(root: Path, incident_id: str, samples: int) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(root), incident_id,
         "--samples", str(samples)], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=20_000)
    ap.add_argument("--samples", type=int, default=30)
    ap.add_argument("--measure", nargs=2, metavar=("STORE", "INCIDENT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(peak_memory(Path(args.measure[0]), args.measure[1], args.samples)))
        return 0

    sizes = {"small": (args.items // 10, args.items // 2), "large": (args.items, 5 * args.items)}
    with tempfile.TemporaryDirectory(prefix="bench-library-") as tmp:
        stores: dict[str, tuple[Path, str]] = {}
        for name, (n_items, n_entries) in sizes.items():
            root = Path(tmp) / name
            incident_id, seconds = fill(root, n_items, n_entries, seed=len(name))
            rows = n_items + n_entries
            print(f"{name}: {n_items} items + {n_entries} log entries filled and indexed in "
                  f"{seconds:.1f} s ({rows / seconds:,.0f} rows/s, groups of {GROUP})")
            stores[name] = (root, incident_id)
        # Latency: both stores open in this process, searched alternately sample by sample,
        # so drift in a shared machine's load falls on both sides alike.
        opened = {name: Store.open(root) for name, (root, _) in stores.items()}
        try:
            times: dict[tuple[str, str], list[float]] = {}
            for word in WORDS:
                for name, store in opened.items():
                    search_once(Repositories(store).search, word, stores[name][1])  # warm-up
                for _ in range(args.samples):
                    for name, store in opened.items():
                        times.setdefault((name, word), []).append(
                            search_once(Repositories(store).search, word, stores[name][1]))
        finally:
            for store in opened.values():
                store.close()
        # Memory: each store searched in a process of its own, its peak RSS alone.
        memory = {name: run_child(root, incident_id, args.samples)
                  for name, (root, incident_id) in stores.items()}

    ok = True
    for word in WORDS:
        med = {name: 1000 * statistics.median(times[name, word]) for name in stores}
        for name in stores:
            shown = memory[name]["hits"][word]  # type: ignore[index]
            print(f"search '{word}' ({name}, first {LIMIT}; {shown} shown): median "
                  f"{med[name]:.2f} ms over {args.samples} samples")
        ratio = med["large"] / med["small"]
        ok = ok and ratio <= RATIO_TARGET
        print(f"  ratio large/small: {ratio:.2f}  (target <= {RATIO_TARGET})")
    peak = {name: float(memory[name]["peak_rss_mb"]) for name in stores}  # type: ignore[arg-type]
    diff = peak["large"] - peak["small"]
    ok = ok and diff <= MEMORY_TARGET_MB
    print(f"peak memory of a process searching it: small {peak['small']:.0f} MB, large "
          f"{peak['large']:.0f} MB, difference {diff:.0f} MB (target <= {MEMORY_TARGET_MB:.0f})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
