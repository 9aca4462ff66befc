"""Filed items for export tests: real camera files imported, then described and filed.

Filing (档号 assignment) is another branch's work; until it lands, ``file_items`` sets the
fields a filed item has directly through ``store.writer()`` (tests may; app code may not).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from app.capture.importer import import_files
from app.store.models import Incident, Item
from app.store.repositories import Repositories

SAMPLES = Path(__file__).parent / "data" / "camera-samples"
JPEGS = [SAMPLES / "jpg" / n for n in ("Canon_40D.jpg", "Nikon_D70.jpg", "Pentax_K10D.jpg",
                                        "Sony_HDR-HC3.jpg", "Fujifilm_FinePix_E500.jpg")]
HEIC = SAMPLES / "heic" / "IMG_5195.HEIC"


def import_items(repos: Repositories, incident_id: str, paths: list[Path]) -> list[str]:
    report = import_files(repos, incident_id, paths)
    assert not report.failed, report.failed
    return [i.item_id for i in report.imported]


def file_items(repos: Repositories, item_ids: list[str], *, classification: str = "internal",
               retention: str = "Y") -> list[str]:
    """Describe and file these items, 件号 continuing in their 档号 group; their codes."""
    out = []
    with repos.store.writer() as s:
        for item_id in item_ids:
            item = s.get(Item, item_id)
            assert item is not None
            inc = s.get(Incident, item.incident_id)
            assert inc is not None
            group = f"{inc.fonds_code}-{item.category}·2025-{retention}-{inc.org_code or 'YJB'}"
            last = s.scalar(select(func.max(Item.piece_number)).where(
                Item.archival_code.like(group + "-%"))) or 0
            item.title = f"救援现场照片 {item.id[:4]}"
            item.creator = "张三"
            item.date = item.date or datetime(2025, 7, 22, 3, 0, tzinfo=UTC)
            item.description = "事由：地震救援；地点：某镇；摄影者：张三"
            item.retention = retention
            item.classification = classification
            item.year = 2025
            item.piece_number = last + 1
            item.archival_code = f"{group}-{last + 1:04d}"
            item.state = "filed"
            item.filed_at = datetime.now(UTC)
            s.flush()
            out.append(item.archival_code)
    return out
