"""A real `fieldarchive file` killed with SIGKILL while it files leaves no gap and no
half-numbered group: the filing is one transaction, so after the kill either every item of
the run has its 档号 or none has, and the next run numbers them all from where the groups
stood."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import DB_NAME, Store
from tests.filing_support import DESCRIBED, add_items, assert_gap_free
from tests.test_store_support import REPO, sql

CST = timezone(timedelta(hours=8))
# Across a year's end, two retentions: four groups.
START = datetime(2024, 12, 25, 8, 0, tzinfo=CST)
ITEMS = 200
SEED = 20251202


def _writer_busy(db: Path) -> bool:
    """Whether another connection holds the database's write lock right now."""
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as err:
        if "locked" in str(err) or "busy" in str(err):
            return True
        raise
    finally:
        conn.close()


def _file_and_kill(store_root: Path, incident_id: str, rng: random.Random) -> bool:
    """Run `fieldarchive file`; SIGKILL it a seeded random moment after it takes the write
    lock. Returns whether it was killed (False: it finished first)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "file", "--store", str(store_root),
         "--incident", incident_id, "--json"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = store_root / DB_NAME
    try:
        while proc.poll() is None:
            if _writer_busy(db):
                time.sleep(rng.uniform(0, 0.2))
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.002)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _prepare(repos: Repositories, incident: IncidentRecord) -> list[str]:
    dates = [START + timedelta(hours=7 * n) for n in range(ITEMS)]
    ids = add_items(repos, incident.id, dates)
    important, general = ids[0::2], ids[1::2]
    repos.description.describe(important, {**DESCRIBED, "category": "photos-important"})
    repos.description.describe(general, {**DESCRIBED, "category": "photos-general"})
    # A first run numbers some items, so the killed run continues groups that exist.
    repos.filing.file(incident.id, important[:5] + general[:30])
    more = add_items(repos, incident.id, dates[:40], tag="late")
    repos.description.describe(more, {**DESCRIBED, "category": "photos-important"})
    return ids + more


def test_sigkill_during_filing_leaves_no_gap_and_no_half_numbered_group(
        store_path: Path, repos: Repositories, incident: IncidentRecord) -> None:
    ids = _prepare(repos, incident)
    repos.store.close()
    rng = random.Random(SEED)
    killed = 0
    for _attempt in range(3):
        filed_before = sql(store_path, "SELECT count(*) FROM item WHERE archival_code "
                                       "IS NOT NULL")[0][0]
        killed += _file_and_kill(store_path, incident.id, rng)
        filed_after = sql(store_path, "SELECT count(*) FROM item WHERE archival_code "
                                      "IS NOT NULL")[0][0]
        # All of the run or none of it.
        assert filed_after in (filed_before, len(ids)), (filed_before, filed_after)
        assert_gap_free(store_path)
        if filed_after == len(ids):
            break
    assert killed >= 1
    # The store opens cleanly, and the next run files what is left, gap-free.
    with Store.open(store_path) as store:
        again = Repositories(store)
        again.filing.file(incident.id)
        rows = again.item_status.status(incident.id)
    assert all(r.archival_code for r in rows) and len(rows) == len(ids)
    groups = assert_gap_free(store_path)
    assert sum(len(p) for p in groups.values()) == len(ids)
    assert set(groups) == {"Z109-ZP·2024-Y-YJB", "Z109-ZP·2025-Y-YJB",
                           "Z109-ZP·2024-D30-YJB", "Z109-ZP·2025-D30-YJB"}
    codes = sql(store_path, "SELECT count(DISTINCT archival_code) FROM item")
    assert codes[0][0] == len(ids)
