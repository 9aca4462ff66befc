"""Stores with items for the library tests: real imported camera files, and many small
generated photos (each a real JPEG with a real thumbnail, stored through the repository)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image

from app.capture.importer import ImportReport, import_files
from app.store.models import Item, new_id
from app.store.repositories import Repositories
from app.store.repositories.items import NewFile
from app.store.store import Store

SAMPLES = Path(__file__).parent / "data" / "camera-samples"
CAMERA_JPEGS = SAMPLES / "jpg"
FIRST_PHOTO = datetime.fromisoformat("2025-07-21T15:00:00+08:00")


def import_samples(repos: Repositories, incident_id: str,
                   paths: list[Path] | None = None) -> ImportReport:
    return import_files(repos, incident_id, paths or [CAMERA_JPEGS])


def _jpeg(n: int, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, ((n * 37) % 256, (n * 11) % 256, (n * 5) % 256)).save(
        out, "JPEG", quality=70)
    return out.getvalue()


def add_photos(repos: Repositories, incident_id: str, count: int,
               start: datetime = FIRST_PHOTO,
               **fields: object) -> list[str]:
    """``count`` photos a minute apart, each with its own content (no duplicates)."""
    ids = []
    thumb = _jpeg(0, (160, 120))
    for n in range(count):
        record = repos.items.ingest(
            incident_id, "photo",
            [NewFile(_jpeg(n + 1, (32, 24)) + f"{start.isoformat()}#{n}".encode(), "original",
                     f"IMG_{n:05d}.JPG", "image/jpeg", suffix=".jpg"),
             NewFile(thumb, "thumbnail", "", "image/jpeg", suffix=".jpg", derived_from=0)],
            date=start + timedelta(minutes=n), fields=dict(fields))
        ids.append(record.id)
    return ids


def bulk_items(store: Store, incident_id: str, count: int,
               start: datetime = FIRST_PHOTO) -> None:
    """``count`` photo rows in one transaction, a minute apart, with varied phases and
    states (no files, no audit events: for tests and benchmarks that only read)."""
    phases = ("response", "recovery", None, "warning")
    states = ("captured", "captured", "described")
    now = datetime.now(UTC)
    rows = [{
        "id": new_id(), "incident_id": incident_id, "kind": "photo", "category": "ZP",
        "source_channel": "self", "state": states[n % 3], "title": f"现场照片{n:05d}",
        "creator": "张伟" if n % 2 else "李明", "date": start + timedelta(minutes=n),
        "date_offset_min": 480, "phase": phases[n % 4], "classification": "internal",
        "technical": {}, "caption": {}, "created_at": now, "updated_at": now,
        "place": "", "people": "", "description": "", "keywords": "", "language": "zh",
        "open_status": "pending", "secrecy_period": "", "cross_reference": "",
        "dimensions": "", "condition": "", "storage_location": "", "label_number": "",
        "revision": 1, "excluded": False, "exclusion_reason": "",
    } for n in range(count)]
    with store.writer() as s:
        s.execute(Item.__table__.insert(), rows)
