"""An edit racing a filing in another process: the writers take turns (BEGIN IMMEDIATE)
and each reads what it changes inside its own transaction, so whichever goes second sees
all of the first and nothing is half-saved: every 档号 matches its item's retention and
year, and every group runs without gaps."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.domain.archival_code import parse_code
from app.store.engine import BUSY_TIMEOUT_ENV
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import DB_NAME, Store
from tests.filing_support import DESCRIBED, add_items, assert_gap_free
from tests.test_filing_crash import _writer_busy
from tests.test_store_support import REPO, sql

CST = timezone(timedelta(hours=8))
START = datetime(2025, 3, 1, 8, 0, tzinfo=CST)


def test_reclassifying_while_another_process_files_saves_nothing_by_halves(
        store_path: Path, repos: Repositories, incident: IncidentRecord,
        monkeypatch: pytest.MonkeyPatch) -> None:
    ids = add_items(repos, incident.id, [START + timedelta(hours=n) for n in range(150)])
    repos.description.describe(ids, {**DESCRIBED, "category": "photos-important"})
    repos.store.close()
    # Wait as long as a loaded machine needs for the other writer's turn.
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "120000")
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "file", "--store", str(store_path),
         "--incident", incident.id],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ})
    moved = ids[::3]
    try:
        while proc.poll() is None and not _writer_busy(store_path / DB_NAME):
            time.sleep(0.002)
        with Store.open(store_path) as store:
            result = Repositories(store).description.describe(moved,
                                                              {"category": "photos-general"})
    finally:
        _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert len(result.changed) == len(moved)
    rows = sql(store_path, "SELECT id, archival_code, retention, year, state FROM item")
    for item_id, code, retention, year, state in rows:
        if item_id in moved:
            assert retention == "D30"
        if code is None:
            assert state in ("captured", "described") and year is None
            continue
        group = parse_code(str(code)).group
        assert (group.retention, group.year, state) == (retention, year, "filed")
    assert_gap_free(store_path)
    # Whatever the order was, filing again leaves everything filed and gap-free.
    with Store.open(store_path) as store:
        Repositories(store).filing.file(incident.id)
    groups = assert_gap_free(store_path)
    assert sum(len(p) for p in groups.values()) == len(ids)
