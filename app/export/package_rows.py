"""The pieces a package is read with: the rows it becomes, the facts and damage it shows,
and one open package with its reader (shared by ``package_contents`` and ``package_history``).
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.export.layout import (
    OTHER,
)
from app.export.package_reader import PackageReader

ITEM_NS = "urn:fieldarchive:item:1"
CAT_NS = "urn:fieldarchive:catalogue:1"
PKG_NS = "urn:fieldarchive:package:1"
LOG_NS = "urn:fieldarchive:worklog:1"
INCIDENT_XML = OTHER + "事件.xml"
SCHEDULE_XML = OTHER + "归档范围和保管期限表.xml"
KIND_OF_CATEGORY = {"ZP": "photo", "LY": "audio", "LX": "video", "WS": "document",
                    "SW": "physical"}
NAMESPACE = uuid.UUID("6f1d2c9e-3b8a-4e59-9a57-1f0c2d7e8a41")  # ids made up for damaged rows
Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Damage:
    """Something in a package that could not be read as it should: where, and what."""

    package: str  # the package's name
    subject: str  # a path inside it, or a 档号
    message: Message
    item_id: str | None = None


@dataclass(frozen=True)
class PackageFacts:
    """What identifies one opened package (for the banner and the review report)."""

    index: int  # 1-based, in the order given
    path: str
    name: str
    is_zip: bool
    batch: str  # External-Identifier
    bag: str  # Bag-Count, e.g. "1 of 2"
    incident_number: str
    bagging_date: str
    signer: str
    fingerprint: str  # the signing key's, as the signature file states it
    tagmanifest_sha256: str  # SHA-256 of tagmanifest-sha256.txt (what the signature covers)
    payload_digest: str  # Payload-Digest-SHA256 from bag-info.txt
    audit_head: str  # "count hash" from bag-info.txt
    items: int
    files: int
    bytes: int  # the payload's bytes (data/)
    batch_row_id: str  # the transfer_batch row of this package in the review database


@dataclass
class Contents:
    rows: Rows = field(default_factory=dict)
    packages: list[PackageFacts] = field(default_factory=list)
    damage: list[Damage] = field(default_factory=list)
    readers: list[PackageReader] = field(default_factory=list)
    # every 档号 and payload path per package -> the item read from it (to place findings)
    item_of: dict[tuple[int, str], str] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # item id -> package name
    _seen: dict[str, set[str]] = field(default_factory=dict)


def add_row(out: Contents, table: str, row: dict[str, Any], key: str | None = None) -> bool:
    """Add a row unless one with the same key is there already (met in two packages)."""
    if key is not None:
        seen = out._seen.setdefault(table, set())
        if key in seen:
            return False
        seen.add(key)
    out.rows.setdefault(table, []).append(row)
    return True


def made_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


def code_of(table: codes.CodeTable, label: str, default: str | None) -> str | None:
    try:
        return table.parse(label) if label.strip() else default
    except ValueError:
        return default


def parse_time(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def offset_min(value: datetime | None) -> int:
    delta = value.utcoffset() if value is not None else None
    return int(delta.total_seconds() // 60) if delta is not None else 0


def to_int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def to_float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def text_of(el: etree._Element, ns: str, tag: str) -> str:
    found = el.find(f"{{{ns}}}{tag}")
    return (found.text or "") if found is not None else ""


def bag_tags(data: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in data.decode("utf-8", "replace").splitlines():
        key, sep, value = line.partition(":")
        if sep and not line[:1].isspace():
            out.setdefault(key.strip(), value.strip())
    return out


class OpenPackage:
    """One package being read: its reader, its name, and where its damage goes."""

    def __init__(self, index: int, path: Path, reader: PackageReader, out: Contents) -> None:
        self.index = index
        self.path = path
        self.reader = reader
        self.name = path.name
        self.out = out

    def damage(self, subject: str, template: str, item_id: str | None = None,
               **params: Any) -> None:
        self.out.damage.append(Damage(self.name, subject, Message(template, params), item_id))

    def bytes_of(self, rel: str) -> bytes | None:
        if rel not in self.reader.files:
            return None
        try:
            return self.reader.read(rel)
        except (OSError, zipfile.BadZipFile) as err:
            self.damage(rel, QT_TRANSLATE_NOOP(
                "Errors", "{path} cannot be read ({reason})"), path=rel, reason=str(err))
            return None

    def xml(self, rel: str, *, required: bool = True) -> etree._Element | None:
        data = self.bytes_of(rel)
        if data is None:
            if required and rel not in self.reader.files:
                self.damage(rel, QT_TRANSLATE_NOOP("Errors", "{path} is missing"), path=rel)
            return None
        try:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError as err:
            self.damage(rel, QT_TRANSLATE_NOOP(
                "Errors", "{path} is not well-formed XML ({reason})"), path=rel,
                reason=str(err)[:200])
            return None

    def vault_path(self, rel: str) -> str:
        """The name a package file has in the review database: package number, then path."""
        return f"{self.index}/{rel}"


