"""The Archivematica profile: the same items as a standard Archivematica transfer.

Archivematica takes a BagIt bag whose payload holds ``objects/`` (the digital objects) and
``metadata/`` (``metadata.csv`` with Dublin Core columns, ``submissionDocumentation/``).
Here each 件's files go to ``objects/<档号>/``, its metadata XML, 说明文件 and 目录文件 to
``metadata/``, the registration form to ``metadata/submissionDocumentation/``, and
``metadata.csv`` describes each item folder (Archivematica applies a folder row to it).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from app.domain import codes
from app.export import archival_code
from app.store.transfer_records import ExportItem

FORM_DIR = "data/metadata/submissionDocumentation/"
COLUMNS = ("filename", "dc.identifier", "dc.title", "dc.creator", "dc.date",
           "dc.description", "dc.subject", "dc.coverage", "dc.type", "dc.format",
           "dc.language", "dc.rights", "dc.relation")


def place(rel: str) -> str:
    """Where a DA/T 93 path goes in the Archivematica layout."""
    if rel.startswith("data/其他/交接信息/"):
        return FORM_DIR + rel[len("data/其他/交接信息/"):]
    if rel.startswith("data/其他/"):
        return "data/metadata/其他/" + rel[len("data/其他/"):]
    parts = rel.split("/")
    if len(parts) == 2:  # 说明文件.TXT, 目录文件.XML
        return "data/metadata/" + parts[1]
    if len(parts) == 5:  # data/<全宗号>/<门类>/<档号>/<name>
        code, name = parts[3], parts[4]
        if name == f"{code}.xml":
            return f"data/metadata/items/{name}"
        return f"data/objects/{code}/{name}"
    return rel


def _label(table: codes.CodeTable, code: str | None) -> str:
    try:
        return table.label(code) if code else ""
    except KeyError:
        return code or ""


def metadata_csv(items: Sequence[ExportItem], batch: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in items:
        code = item.archival_code or item.id
        parsed = archival_code.parse(code)
        writer.writerow([
            f"objects/{code}", code, item.title, item.creator,
            item.date.isoformat() if item.date else "", item.description, item.keywords,
            item.place, _label(codes.CATEGORY, item.category),
            "; ".join(sorted({f.format for f in item.files if f.role == "original"})),
            item.language,
            f"{_label(codes.CLASSIFICATION, item.classification)}; "
            f"{_label(codes.OPEN_STATUS, item.open_status)}; "
            f"{_label(codes.RETENTION, item.retention)}",
            f"{batch}; 全宗号 {parsed.fonds}" if parsed else batch,
        ])
    return out.getvalue().encode("utf-8")
