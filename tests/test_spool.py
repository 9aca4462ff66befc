"""The spooled sequence a long export keeps its records in, and what is spooled with it."""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

import pytest

from app.domain.spool import Spool, spool_dir
from app.export import manifest_lines
from app.export.manifest_lines import ManifestLines
from app.export.report import NO_PARAMS, Report, fail, ok


def test_a_spool_reads_back_what_went_in_in_order() -> None:
    values = [(n, f"名{n}", {"n": n}) for n in range(2345)]
    spool = Spool(values, chunk=100)
    assert len(spool) == 2345 and bool(spool)
    assert list(spool) == values
    assert list(spool) == values  # again: every pass reads the file anew
    assert spool[0] == values[0] and spool[1999] == values[1999]
    assert spool[2344] == values[-1] and spool[-1] == values[-1]
    assert spool[95:105] == values[95:105]
    with pytest.raises(IndexError):
        spool[2345]
    assert not Spool()
    assert list(Spool()) == []


def test_a_spool_lies_on_disk_not_in_a_memory_backed_tmp(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TMPDIR", raising=False)
    spool = Spool(range(300), chunk=100)
    assert spool_dir() == "/var/tmp" and _spool_file(spool).startswith("/var/tmp/")
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the user's choice wins
    tempfile.tempdir = None  # tempfile caches the folder it found
    try:
        assert _spool_file(Spool(range(300), chunk=100)).startswith(str(tmp_path))
    finally:
        tempfile.tempdir = None


def _spool_file(spool: Spool[int]) -> str:
    """The spool's temporary file (unlinked at once: its name as the system keeps it)."""
    fd = spool._file.fileno()  # type: ignore[union-attr]
    return os.readlink(f"/proc/self/fd/{fd}")


def test_records_appended_while_a_pass_runs_are_read_by_it() -> None:
    spool: Spool[int] = Spool(range(250), chunk=100)
    seen = []
    for n in spool:
        seen.append(n)
        if n == 10:
            spool.extend(range(250, 400))
    assert seen == list(range(400))


def test_report_results_survive_the_spool() -> None:
    results = [ok("code-format", "A-1"), fail("code-format", "A-2", "bad {code}", code="x"),
               fail("decodes", "A-3", "damaged", required=False)]
    spool = Spool(results, chunk=2)
    back = list(spool)
    assert back == results
    assert back[0].params is NO_PARAMS
    assert back[1].text() == "bad x"


def test_a_spooled_report_writes_the_same_xml_as_a_listed_one() -> None:
    results = [ok("code-format", f"A-{n}") if n % 7 else
               fail("code-format", f"A-{n}", "bad {code}", code=str(n)) for n in range(3000)]
    results += [ok("required-fields", f"A-{n}") for n in range(3000)]
    listed = Report("preflight", "P", list(results))
    spooled = Report("preflight", "P", Spool(results))
    assert spooled.to_xml() == listed.to_xml()
    assert spooled.to_text() == listed.to_text()
    assert len(spooled.warnings) == len(listed.warnings)


def test_manifest_lines_in_runs_come_out_in_path_order(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    monkeypatch.setattr(manifest_lines, "RUN", 50)
    rels = [f"data/件{n:05d}/f.jpg" for n in range(1234)] + ["data/form/登记表.pdf"]
    random.Random(1).shuffle(rels)
    spooled = ManifestLines()
    for n, rel in enumerate(rels):
        spooled.add(rel, n, f"{n:064x}", f"{n + 1:064x}")
    assert spooled.runs  # it did go to the file
    assert spooled.files == len(rels)
    assert [r for r, _s, _m in spooled.sorted()] == sorted(rels)
    payload = spooled.payload_digest("data/form/")
    spooled.add("data/zz.xml", 1, "a" * 64, "b" * 64)  # added after a pass: still there
    assert [r for r, _s, _m in spooled.sorted()] == sorted([*rels, "data/zz.xml"])
    monkeypatch.setattr(manifest_lines, "RUN", 10 ** 9)
    held = ManifestLines()
    for n, rel in enumerate(rels):
        held.add(rel, n, f"{n:064x}", f"{n + 1:064x}")
    assert held.payload_digest("data/form/") == payload
