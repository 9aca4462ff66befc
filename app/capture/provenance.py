"""Provenance of an import batch (来源渠道 and its details), checked before anything is stored.

Each source channel has its own details (DOMAIN.md "Sources"):
自形成 self: none; 媒体移交 media: organisation, handover date, document number;
口述采录 oral: narrator, interviewer, unit, consent reference (DA/T 59);
社会征集 donation: donor, contact, authorisation, copyright note, open status.
The details are kept on the batch (ImportBatch.provenance), and every item of the batch
points at it (Item.batch_id) and carries its channel (Item.source_channel).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP, MessageValueError
from app.store.errors import InvalidInput

CHANNEL_FIELDS: dict[str, tuple[str, ...]] = {
    "self": (),
    "media": ("organisation", "handover_date", "document_number"),
    "oral": ("narrator", "interviewer", "unit", "consent"),
    "donation": ("donor", "contact", "authorisation", "copyright", "open_status"),
}
# The one detail without which the channel says nothing.
REQUIRED_FIELD = {"media": "organisation", "oral": "narrator", "donation": "donor"}
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "organisation": ("移交单位", "organisation"),
    "handover_date": ("移交日期", "handover date"),
    "document_number": ("移交文号", "document number"),
    "narrator": ("口述者", "narrator"),
    "interviewer": ("采集者", "interviewer"),
    "unit": ("采集单位", "unit"),
    "consent": ("授权书编号", "consent reference"),
    "donor": ("捐赠者", "donor"),
    "contact": ("联系方式", "contact"),
    "authorisation": ("授权说明", "authorisation"),
    "copyright": ("版权信息", "copyright"),
    "open_status": ("开放状态", "open status"),
}


def option_name(key: str) -> str:
    return "--" + key.replace("_", "-")


def channel_label(channel: str) -> str:
    c = codes.SOURCE_CHANNEL.get(channel)
    return f"{c.en.lower()} ({c.zh})"


def build_provenance(channel: str, values: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """The channel code and its checked details; raises InvalidInput with one sentence."""
    try:
        code = codes.SOURCE_CHANNEL.parse(channel)
    except MessageValueError as err:
        raise InvalidInput(err.template, **err.params) from None
    clean = {k: str(v).strip() for k, v in values.items() if v is not None and str(v).strip()}
    unknown = sorted(set(clean) - set(FIELD_LABELS))
    if unknown:
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "Unknown provenance details: {names}."),
                           names=", ".join(unknown))
    allowed = CHANNEL_FIELDS[code]
    misplaced = [k for k in clean if k not in allowed]
    if misplaced:
        owners = {k: next(c for c, f in CHANNEL_FIELDS.items() if k in f) for k in misplaced}
        first = misplaced[0]  # (the next one is named once this one is put right)
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "{option} belongs to {owner}, but this source is {source}; give --source "
            "to match."), option=option_name(first), owner=channel_label(owners[first]),
            source=channel_label(code))
    required = REQUIRED_FIELD.get(code)
    if required and required not in clean:
        zh, en = FIELD_LABELS[required]
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "A {source} source needs the {field} ({field_zh}); give {option}."),
            source=channel_label(code), field=en, field_zh=zh, option=option_name(required))
    if "handover_date" in clean:
        clean["handover_date"] = _iso_date(clean["handover_date"])
    if "open_status" in clean:
        try:
            clean["open_status"] = codes.OPEN_STATUS.parse(clean["open_status"])
        except MessageValueError as err:
            raise InvalidInput(err.template, **err.params) from None
    return code, clean


def _iso_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The handover date '{text}' is not an ISO 8601 date; write e.g. "
            "2025-07-23."), text=text) from None



def creator_from_provenance(channel: str, provenance: Mapping[str, Any]) -> str:
    """Who made material that came from outside: the handing-over organisation, the
    narrator, the donor. Empty for material made on site (the operator made it)."""
    key = {"media": "organisation", "oral": "narrator", "donation": "donor"}.get(channel)
    return str(provenance.get(key, "")) if key else ""


def item_fields_from_provenance(channel: str, provenance: Mapping[str, Any]) -> dict[str, Any]:
    """Item fields a batch's provenance decides (a donor's open status)."""
    if channel == "donation" and provenance.get("open_status"):
        return {"open_status": provenance["open_status"]}
    return {}
