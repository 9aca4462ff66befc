"""Physical objects (实物): a record without a file, and photo items linked to it.

Decision: the object is an item of kind ``physical`` (门类 SW) holding the record —
description, dimensions, condition, storage location, label number — and no file. Each
photo of it is an ordinary photo item (门类 ZP) imported through the same path as any
photo (bit-identical original, EXIF, upright thumbnail, HEIC gets a JPEG), linked to the
object with the relation ``photo-of``. Why not the photos as files of the object item:
each photo keeps its own date, position, camera and technical record (an item has one
technical record); more photos can be attached later (a repaired object, a new label)
without changing a stored item; and a photo already imported (a duplicate) is linked
instead of being stored twice.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.capture.importer import (
    Failed,
    ImportReport,
    ProgressCallback,
    import_files,
    printable,
)
from app.capture.provenance import (
    build_provenance,
    creator_from_provenance,
    item_fields_from_provenance,
)
from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.domain.timeutil import now_local
from app.store.errors import InvalidInput
from app.store.repositories import Repositories
from app.store.repositories.items import ItemRecord

PHOTO_OF = "photo-of"


@dataclass(frozen=True)
class PhysicalObject:
    """What the record says about the object."""

    title: str
    description: str
    dimensions: str = ""
    condition: str = ""
    storage_location: str = ""
    label_number: str = ""


@dataclass(frozen=True)
class PhysicalResult:
    item: ItemRecord
    photos: ImportReport
    photo_ids: tuple[str, ...]  # every photo now linked (new and already stored ones)


def add_physical(
    repos: Repositories,
    incident: str,
    obj: PhysicalObject,
    photos: Sequence[Path] = (),
    *,
    source_channel: str = "self",
    provenance: Mapping[str, Any] | None = None,
    date: datetime | None = None,
    operator: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> PhysicalResult:
    """Record a physical object and attach its photos (each photo gets its own result)."""
    if not obj.title.strip():
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "A physical object needs a title."))
    source_channel, prov = build_provenance(source_channel, provenance or {})
    repos.incidents.get(incident)  # a clear error before anything is made
    batch = repos.items.create_batch(incident, source_channel, prov, operator=operator)
    fields: dict[str, Any] = {
        "title": obj.title.strip(), "description": obj.description.strip(),
        "dimensions": obj.dimensions.strip(), "condition": obj.condition.strip(),
        "storage_location": obj.storage_location.strip(),
        "label_number": obj.label_number.strip(),
        **item_fields_from_provenance(source_channel, prov),
    }
    creator = creator_from_provenance(source_channel, prov)
    if creator:
        fields["creator"] = creator
    item = repos.items.ingest(
        incident, "physical", [], batch_id=batch.id, date=date or now_local(), fields=fields,
        technical={"record": "physical object"}, event_type="item.physical", operator=operator,
    )
    return attach_photos(repos, item.id, photos, batch_id=batch.id, operator=operator,
                         progress=progress, cancel=cancel)


def attach_photos(
    repos: Repositories,
    physical_id: str,
    photos: Sequence[Path],
    *,
    batch_id: str | None = None,
    source_channel: str = "self",
    provenance: Mapping[str, Any] | None = None,
    operator: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> PhysicalResult:
    """Import ``photos`` (photos only) and link each, new or already stored, to the object."""
    item = repos.items.get(physical_id)
    if item.kind != "physical":
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "Item {item} is a {kind}, not a physical object."),
            item=physical_id, kind=item.kind)
    report = ImportReport(batch_id=batch_id)
    if photos:
        report = import_files(
            repos, item.incident_id, photos, source_channel=source_channel,
            provenance=provenance, batch_id=batch_id, operator=operator,
            kinds=frozenset({"photo"}), progress=progress, cancel=cancel,
        )
    linked = set(linked_photos(repos, physical_id))
    new_links = [i.item_id for i in report.imported]
    for dup in list(report.duplicates):
        # Already stored: link it, if what is stored is a photo.
        kind = repos.items.get(dup.item_id).kind
        if kind == "photo":
            new_links.append(dup.item_id)
        else:
            report.duplicates.remove(dup)
            report.failed.append(Failed.of(dup.path, Message(QT_TRANSLATE_NOOP(
                "Errors", "{name} is already stored as a {kind} (item {item}), not a photo."),
                {"name": printable(dup.path.name), "kind": kind, "item": dup.item_id}),
                "wrong-kind"))

    for photo_id in new_links:
        if photo_id not in linked:
            repos.items.relate(photo_id, physical_id, PHOTO_OF, operator=operator)
            linked.add(photo_id)
    return PhysicalResult(repos.items.get(physical_id), report,
                          tuple(linked_photos(repos, physical_id)))


def linked_photos(repos: Repositories, physical_id: str) -> list[str]:
    """Ids of the photo items linked to a physical object."""
    return list(repos.items.relating(physical_id, PHOTO_OF))
