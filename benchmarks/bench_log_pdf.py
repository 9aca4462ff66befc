"""The work-log PDF costs the same per character whatever the size of an entry.

Renders one log holding a single entry of N characters and one of 4N (Chinese, and English
words), and prints the time per character of the larger over the smaller: 1.0 is linear,
fpdf2's ``multi_cell`` given the whole paragraph was about 3 (a 30-KB entry took 1.4 s,
1 MB 21 s). Target: at most 1.5 (pages, fonts and the PDF's own writing cost a little more
than linear).

    .venv/bin/python benchmarks/bench_log_pdf.py [--chars 20000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.export.log_pdf import render_log_pdf  # noqa: E402
from app.store.repositories import Repositories  # noqa: E402
from app.store.store import Store  # noqa: E402

START = datetime.fromisoformat("2025-07-21T14:30:00+08:00")
TARGET = 1.5
TEXTS = {
    "Chinese": "搜救一队进入震中村，开始排查倒塌房屋。",
    "English": "the first team went into the village and photographed the houses. ",
}


def seconds_to_render(chars: int, unit: str) -> float:
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "s", create=True) as store:
        repos = Repositories(store)
        incident = repos.incidents.create("某旗地震", "natural", "I", START, "Z109", number="E1")
        repos.operators.add("张三", unit="旗档案馆", role="archivist")
        repos.log.add(incident.id, (unit * (chars // len(unit) + 1))[:chars],
                      occurred_at=START.replace(hour=15))
        rendition = repos.log.entries_for_rendition(incident.id)
        t0 = time.perf_counter()
        bytes(render_log_pdf(rendition).output())
        return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chars", type=int, default=20_000)
    args = parser.parse_args()
    worst = 0.0
    for name, unit in TEXTS.items():
        small = seconds_to_render(args.chars, unit)
        large = seconds_to_render(4 * args.chars, unit)
        ratio = (large / (4 * args.chars)) / (small / args.chars)
        worst = max(worst, ratio)
        print(f"{name}: {args.chars} chars {small:.2f} s, {4 * args.chars} chars {large:.2f} s,"
              f" per-character ratio {ratio:.2f} (target <= {TARGET})")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
