"""The Archivematica profile: a valid bag with objects/, metadata/metadata.csv (Dublin
Core) and the registration form in metadata/submissionDocumentation/."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import bagit
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.export.pipeline import export_incident
from app.export.plan import Options
from app.export.seal import Signer
from app.export.verify import verify_package
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from tests.export_support import HEIC, JPEGS, file_items, import_items


def test_the_archivematica_profile(repos: Repositories, incident: IncidentRecord,
                                   tmp_path: Path) -> None:
    codes = file_items(repos, import_items(repos, incident.id, JPEGS[:2] + [HEIC]))
    result = export_incident(repos, incident.id, tmp_path,
                             Signer(Ed25519PrivateKey.generate(), "李娜"),
                             options=Options(profile="archivematica"))
    [path] = result.paths
    bag = bagit.Bag(str(path))
    bag.validate()
    assert verify_package(path, bagit_only=True).passed
    data = path / "data"
    assert sorted(p.name for p in (data / "objects").iterdir()) == sorted(codes)
    for item_id in result.batch.item_ids:
        item = repos.items.get(item_id)
        original = item.file("original")
        assert original is not None and item.archival_code is not None
        packaged = next((data / "objects" / item.archival_code).glob("*-001.*"))
        assert hashlib.sha256(packaged.read_bytes()).hexdigest() == original.sha256
    rows = list(csv.DictReader(io.StringIO(
        (data / "metadata" / "metadata.csv").read_text("utf-8"))))
    assert [r["filename"] for r in rows] == [f"objects/{c}" for c in codes]
    assert all(r["dc.identifier"] in codes and r["dc.creator"] == "张三" and r["dc.title"]
               for r in rows)
    assert {"dc.title", "dc.date", "dc.description", "dc.rights"} <= set(rows[0])
    submission = data / "metadata" / "submissionDocumentation"
    assert (submission / "电子档案移交与接收登记表.pdf").is_file()
    assert (data / "metadata" / "items" / f"{codes[0]}.xml").is_file()
    assert not (data / "Z109").exists() and not (data / "其他").exists()
