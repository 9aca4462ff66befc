"""SQLAlchemy 2.0 typed models of the archive store.

Only the repository layer (``app/store/repositories``) opens sessions on these. Times are
aware datetimes stored as UTC; where the local offset at the time matters (an item's date,
a log entry) it is kept beside it in minutes.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.store.types import JSONText, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class StoreSetting(Base):
    """Store-wide settings (the default operator, the store's own id)."""

    __tablename__ = "store_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Operator(Base):
    __tablename__ = "operator"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    unit: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16))  # archivist | reviewer | supervisor
    # scrypt hash (see app/store/passphrase.py); only for reviewer and supervisor.
    passphrase_hash: Mapped[str | None] = mapped_column(String(200))
    # Ed25519 signing key (app/store/signing.py): the public half, and the private half
    # wrapped under the passphrase; made when the operator gets a passphrase.
    public_key: Mapped[str | None] = mapped_column(String(64))
    signing_key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Incident(Base):
    __tablename__ = "incident"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    number: Mapped[str | None] = mapped_column(String(64), unique=True)  # 事件编号
    name: Mapped[str] = mapped_column(String(400))
    kind: Mapped[str] = mapped_column(String(16))  # codes.INCIDENT_KIND
    level: Mapped[str] = mapped_column(String(4))  # codes.INCIDENT_LEVEL
    place: Mapped[str] = mapped_column(String(400), default="")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    response_ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lead_unit: Mapped[str] = mapped_column(String(400), default="")
    participating_units: Mapped[list[str]] = mapped_column(JSONText(), default=list)
    fonds_code: Mapped[str] = mapped_column(String(32))  # 全宗号
    fonds_name: Mapped[str] = mapped_column(String(400), default="")  # 全宗名称
    org_code: Mapped[str] = mapped_column(String(32), default="")  # 机构(问题)代码 for 档号
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str | None] = mapped_column(ForeignKey("operator.id"))


class RetentionSchedule(Base):
    """An incident's 归档范围和保管期限表; a new version is a new row, old ones are kept."""

    __tablename__ = "retention_schedule"
    __table_args__ = (UniqueConstraint("incident_id", "version"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(400))
    template_version: Mapped[str] = mapped_column(String(32), default="")
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft | approved
    approval_ref: Mapped[str] = mapped_column(String(200), default="")
    approved_by: Mapped[str | None] = mapped_column(ForeignKey("operator.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The approver's Ed25519 signature over the approved schedule (None: approved before
    # signatures existed, listed in the seal baseline event).
    approval_signature: Mapped[str | None] = mapped_column(String(100))


class RetentionCategory(Base):
    __tablename__ = "retention_category"
    __table_args__ = (UniqueConstraint("schedule_id", "key"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    schedule_id: Mapped[str] = mapped_column(ForeignKey("retention_schedule.id"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    retention: Mapped[str] = mapped_column(String(4))  # codes.RETENTION
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class ImportBatch(Base):
    """One capture or import batch with its provenance (来源渠道 and its details)."""

    __tablename__ = "import_batch"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id"), index=True)
    source_channel: Mapped[str] = mapped_column(String(16))  # codes.SOURCE_CHANNEL
    # Channel details: organisation, handover date, document number / narrator, interviewer,
    # unit, consent reference / donor, contact, authorisation, copyright, open status.
    provenance: Mapped[dict[str, Any]] = mapped_column(JSONText(), default=dict)
    operator_id: Mapped[str | None] = mapped_column(ForeignKey("operator.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(Text, default="")


class Item(Base):
    """One 件, the filing unit, with its descriptive, control and technical fields."""

    __tablename__ = "item"
    __table_args__ = (
        Index("ix_item_incident_created", "incident_id", "created_at"),
        # One 件号 per group (全宗, 门类, 年度, 保管期限, 机构): the database itself refuses a
        # duplicate. Unfiled items have NULLs here, which SQLite never counts as equal.
        Index("uq_item_group_piece", "fonds_code", "category", "year", "retention",
              "org_code", "piece_number", unique=True),
        # The dashboard's grouped count reads this index alone, never the items' rows.
        Index("ix_item_dashboard", "incident_id", "kind", "source_channel",
              "retention_category_key", "phase", "state", "archival_code", "transferred_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)  # 电子文件号
    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id"))
    batch_id: Mapped[str | None] = mapped_column(ForeignKey("import_batch.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # codes.ITEM_KIND
    category: Mapped[str] = mapped_column(String(4))  # codes.CATEGORY (门类)
    source_channel: Mapped[str] = mapped_column(String(16), default="self")
    state: Mapped[str] = mapped_column(String(16), default="captured")  # codes.ITEM_STATE
    # identity
    archival_code: Mapped[str | None] = mapped_column(String(120), unique=True)  # 档号
    piece_number: Mapped[int | None] = mapped_column(Integer)  # 件号
    year: Mapped[int | None] = mapped_column(Integer)  # 年度
    # The 全宗号 and 机构代码 the 档号 was formed with (NULL while not filed), so the group
    # of a filed item is in its own row and an incident edit can tell what changes.
    fonds_code: Mapped[str | None] = mapped_column(String(32))
    org_code: Mapped[str | None] = mapped_column(String(32))
    filing_run_id: Mapped[str | None] = mapped_column(String(36), index=True)
    cross_reference: Mapped[str] = mapped_column(String(400), default="")  # 参见号
    # description
    title: Mapped[str] = mapped_column(String(1000), default="")  # 题名
    creator: Mapped[str] = mapped_column(String(400), default="")  # 责任者
    date: Mapped[datetime | None] = mapped_column(UTCDateTime())  # 日期
    date_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    place: Mapped[str] = mapped_column(String(400), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    altitude: Mapped[float | None] = mapped_column(Float)
    people: Mapped[str] = mapped_column(Text, default="")  # 人物
    description: Mapped[str] = mapped_column(Text, default="")  # 文字说明
    # The photo's six caption elements (app.domain.captions), composing the 文字说明.
    caption: Mapped[dict[str, str]] = mapped_column(JSONText(), default=dict,
                                                    server_default="{}")
    keywords: Mapped[str] = mapped_column(Text, default="")
    phase: Mapped[str | None] = mapped_column(String(16))  # codes.PHASE
    # control
    retention: Mapped[str | None] = mapped_column(String(4))  # codes.RETENTION
    retention_category_key: Mapped[str | None] = mapped_column(String(64))
    classification: Mapped[str] = mapped_column(String(16), default="internal")
    secrecy_period: Mapped[str] = mapped_column(String(32), default="")  # 保密期限
    open_status: Mapped[str] = mapped_column(String(16), default="pending")
    language: Mapped[str] = mapped_column(String(32), default="zh")  # 语种
    # appraisal (鉴定): 不归档, kept in the store but never filed or exported
    excluded: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    exclusion_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # technical (format-specific values and the raw EXIF dump)
    technical: Mapped[dict[str, Any]] = mapped_column(JSONText(), default=dict)
    # physical object (实物) record
    dimensions: Mapped[str] = mapped_column(String(200), default="")
    condition: Mapped[str] = mapped_column(String(400), default="")
    storage_location: Mapped[str] = mapped_column(String(400), default="")
    label_number: Mapped[str] = mapped_column(String(100), default="")
    # history
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str | None] = mapped_column(ForeignKey("operator.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    filed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    transferred_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    transfer_batch_id: Mapped[str | None] = mapped_column(String(36), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)


class FilingRun(Base):
    """One filing (归档) run: the 档号 it assigned are in the items (filing_run_id)."""

    __tablename__ = "filing_run"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    agent: Mapped[str] = mapped_column(String(200))
    operator_id: Mapped[str | None] = mapped_column(String(36))
    item_count: Mapped[int] = mapped_column(Integer, default=0)


class TransferBatch(Base):
    """One transfer (移交) batch: written 'writing' before the rename, 'done' after it."""

    __tablename__ = "transfer_batch"
    __table_args__ = (UniqueConstraint("incident_id", "number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id"))
    number: Mapped[int] = mapped_column(Integer)  # 批次, per incident
    status: Mapped[str] = mapped_column(String(16))  # writing | done | abandoned
    paths: Mapped[list[str]] = mapped_column(JSONText())  # final package paths
    item_ids: Mapped[list[str]] = mapped_column(JSONText())
    item_count: Mapped[int] = mapped_column(Integer)
    byte_count: Mapped[int] = mapped_column(Integer)
    digests: Mapped[dict[str, Any]] = mapped_column(JSONText())  # per bag: tag manifest etc.
    fingerprint: Mapped[str] = mapped_column(String(64))  # the signing key's
    reviewer: Mapped[str] = mapped_column(String(200))
    carrier: Mapped[str] = mapped_column(String(200))
    audit_head_count: Mapped[int] = mapped_column(Integer)
    audit_head_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ItemRelation(Base):
    """A link between two items: a photo of a physical object, a 参见 cross-reference."""

    __tablename__ = "item_relation"
    __table_args__ = (UniqueConstraint("item_id", "related_item_id", "relation"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("item.id"), index=True)
    related_item_id: Mapped[str] = mapped_column(ForeignKey("item.id"), index=True)
    relation: Mapped[str] = mapped_column(String(32))  # photo-of | see-also | derived-from


class File(Base):
    """One stored file of an item: the original, or a derivative made from it."""

    __tablename__ = "file"
    __table_args__ = (Index("ix_file_sha256", "sha256"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    item_id: Mapped[str] = mapped_column(ForeignKey("item.id"), index=True)
    # original | archival (e.g. JPEG from HEIC) | access (MP3) | thumbnail | poster
    role: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(Integer, default=1)  # -001, -002 in a package
    # Indexed: SQLite searches it on every insert into ``file`` (migration 0009).
    derived_from: Mapped[str | None] = mapped_column(ForeignKey("file.id"), index=True)
    vault_path: Mapped[str] = mapped_column(String(400), unique=True)  # relative, POSIX
    original_name: Mapped[str] = mapped_column(String(1000), default="")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    sm3: Mapped[str] = mapped_column(String(64))
    format: Mapped[str] = mapped_column(String(100))  # MIME type, found from content
    format_version: Mapped[str] = mapped_column(String(50), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LogEntry(Base):
    """One work-log (工作日志) entry. Append-only: never updated, never deleted."""

    __tablename__ = "log_entry"
    __table_args__ = (
        UniqueConstraint("incident_id", "seq"),
        Index("ix_log_entry_incident_occurred", "incident_id", "occurred_at"),
        # The dashboard's and the incident list's log counts read this index alone, never
        # the entries' text: ids (looked up by corrections and reviews) and what each corrects.
        Index("ix_log_entry_incident_id", "incident_id", "id", "corrects_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id"))
    seq: Mapped[int] = mapped_column(Integer)
    phase: Mapped[str | None] = mapped_column(String(16))
    operational_period: Mapped[str] = mapped_column(String(100), default="")
    unit: Mapped[str] = mapped_column(String(200), default="")
    recorder_id: Mapped[str | None] = mapped_column(ForeignKey("operator.id"))
    recorder_name: Mapped[str] = mapped_column(String(200))
    recorder_position: Mapped[str] = mapped_column(String(200), default="")
    participants: Mapped[str] = mapped_column(Text, default="")
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    tz_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    place: Mapped[str] = mapped_column(String(400), default="")
    category: Mapped[str] = mapped_column(String(16), default="other")
    content: Mapped[str] = mapped_column(Text)
    linked_items: Mapped[list[str]] = mapped_column(JSONText(), default=list)
    corrects_id: Mapped[str | None] = mapped_column(ForeignKey("log_entry.id"), index=True)
    correction_reason: Mapped[str] = mapped_column(Text, default="")
    retention: Mapped[str] = mapped_column(String(4), default="Y")
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))


class LogReview(Base):
    """A review (审核) record of one entry. Append-only, chained per incident."""

    __tablename__ = "log_review"
    __table_args__ = (UniqueConstraint("incident_id", "seq"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id"))
    seq: Mapped[int] = mapped_column(Integer)
    entry_id: Mapped[str] = mapped_column(ForeignKey("log_entry.id"), index=True)
    reviewer_id: Mapped[str] = mapped_column(ForeignKey("operator.id"))
    reviewer_name: Mapped[str] = mapped_column(String(200))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16))  # approved | returned
    opinion: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    review_hash: Mapped[str] = mapped_column(String(64))
    # The reviewer's Ed25519 signature over the review's content (None: made before
    # signatures existed, listed in the seal baseline event).
    signature: Mapped[str | None] = mapped_column(String(100))


class AuditEvent(Base):
    """A PREMIS-style event. Append-only; each hash covers the content and the previous hash."""

    __tablename__ = "audit_event"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    event_type: Mapped[str] = mapped_column(String(64))  # e.g. incident.create, file.ingest
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    agent: Mapped[str] = mapped_column(String(200))  # operator name, or the OS user
    operator_id: Mapped[str | None] = mapped_column(String(36))
    incident_id: Mapped[str | None] = mapped_column(String(36), index=True)
    item_id: Mapped[str | None] = mapped_column(String(36), index=True)
    object_type: Mapped[str] = mapped_column(String(32), default="")
    object_id: Mapped[str | None] = mapped_column(String(36))
    outcome: Mapped[str] = mapped_column(String(16), default="success")
    detail: Mapped[dict[str, Any]] = mapped_column(JSONText(), default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # 1: the hash covers the detail's values; 2: their digests (app.store.hashing
    # ``digest_form``), so an export may replace a value by its digest and still verify.
    hash_form: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class DecodeVerdict(Base):
    """Whether a stored file's bytes decode, judged once per SHA-256 by the decode pass.

    verdict: ok | damaged | undecodable (nothing here reads the format) | too-large (over
    the memory budget and not decodable reduced); ``reason`` says what was seen.
    """

    __tablename__ = "decode_verdict"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    verdict: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    decoder: Mapped[str] = mapped_column(String(64))
    decoder_version: Mapped[str] = mapped_column(String(64))
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SearchDoc(Base):
    """What each row of the FTS5 table ``search_index`` is (same rowid); see search_index."""

    __tablename__ = "search_doc"
    __table_args__ = (UniqueConstraint("kind", "ref_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # = the FTS5 rowid
    kind: Mapped[str] = mapped_column(String(8))  # item | log
    ref_id: Mapped[str] = mapped_column(String(36))  # item.id or log_entry.id
    incident_id: Mapped[str] = mapped_column(String(36), index=True)
    phase: Mapped[str | None] = mapped_column(String(16))
    subkind: Mapped[str] = mapped_column(String(16))  # item kind or log category


class SearchPending(Base):
    """Rows whose searchable text changed, queued by triggers; drained before each commit."""

    __tablename__ = "search_pending"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    ref_id: Mapped[str] = mapped_column(String(36), primary_key=True)
