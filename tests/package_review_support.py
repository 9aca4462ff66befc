"""Real transfer packages for review tests: two teams' stores of one incident, exported by
the real export (one as two bags of one group, one as a ZIP)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.export.pipeline import export_incident
from app.export.plan import Options
from app.export.seal import Signer
from app.store.repositories import Repositories
from app.store.store import Store
from tests.export_support import JPEGS, file_items, import_items

PASS = "review-2025"


@dataclass
class Packages:
    bags: tuple[Path, ...]  # team A: two bags of one group (folders)
    zip: Path  # team B: one ZIP
    codes_a: list[str]
    codes_b: list[str]
    fingerprint_a: str


def make_team(root: Path, org: str, photos: list[Path], *, zip_: bool,
          carrier: int | None) -> tuple[tuple[Path, ...], list[str], str]:
    store = Store.open(root / "store", create=True)
    repos = Repositories(store)
    inc = repos.incidents.create(
        "2025年某旗7.1级地震", "natural", "I",
        datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109", number="EQ2025-01",
        org_code=org)
    repos.operators.add("张伟", "旗档案馆", "archivist")
    repos.operators.add("李审核", "应急管理厅", "reviewer", passphrase=PASS)
    codes = file_items(repos, import_items(repos, inc.id, photos))
    first = repos.log.add(inc.id, f"{org}到达现场，开始拍摄。")
    repos.log.correct(first.id, f"{org}到达震中某镇中心小学，开始拍摄。", reason="补充地点")
    second = repos.log.add(inc.id, f"{org}接收旗融媒体中心移交的照片。", category="handover")
    repos.log.review([second.id], "李审核", PASS, opinion="同意")
    out = root / "out"
    out.mkdir()
    signer = Signer(Ed25519PrivateKey.generate(), "李娜")
    result = export_incident(repos, inc.id, out, signer, as_zip=zip_,
                             options=Options(carrier_size=carrier))
    store.close()
    return tuple(result.paths), codes, signer.fingerprint


@pytest.fixture(scope="session")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Packages:
    root = tmp_path_factory.mktemp("packages")
    (root / "a").mkdir()
    (root / "b").mkdir()
    bags, codes_a, fingerprint = make_team(root / "a", "YJB", JPEGS[:3], zip_=False,
                                       carrier=4 * 1024 * 1024 + 160_000)
    zips, codes_b, _ = make_team(root / "b", "XFD", JPEGS[3:5], zip_=True, carrier=None)
    return Packages(bags, zips[0], codes_a, codes_b, fingerprint)
