"""Which fields an item must have, for describing and for transfer (DOMAIN.md "Description").

Two tables of rules: DESCRIBE (题名, 责任者, 日期, 保管期限, 密级; the 文字说明 for photos;
the consent reference for oral history; donor and authorisation for 社会征集) and TRANSFER
(the same plus the 档号). FILING is what a 档号 needs: the description plus a schedule
category. ``missing`` gives the field codes an item lacks; ``field_label`` their names.

An item is a plain mapping or any object with attributes (a frozen record, an ORM row).
The batch provenance (``provenance``: consent, donor, authorisation) is read from the item
too, so a caller puts the batch's details beside the item's own fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.messages import QT_TRANSLATE_NOOP, Message

FIELDS_CONTEXT = "Fields"

# Field code -> its name, marked for translation in the "Fields" context.
FIELD_LABELS: dict[str, str] = {
    "title": QT_TRANSLATE_NOOP("Fields", "Title"),
    "creator": QT_TRANSLATE_NOOP("Fields", "Creator"),
    "date": QT_TRANSLATE_NOOP("Fields", "Date"),
    "retention": QT_TRANSLATE_NOOP("Fields", "Retention period"),
    "classification": QT_TRANSLATE_NOOP("Fields", "Security classification"),
    "description": QT_TRANSLATE_NOOP("Fields", "Caption"),
    "consent": QT_TRANSLATE_NOOP("Fields", "Consent reference"),
    "donor": QT_TRANSLATE_NOOP("Fields", "Donor"),
    "authorisation": QT_TRANSLATE_NOOP("Fields", "Authorisation"),
    "category": QT_TRANSLATE_NOOP("Fields", "Schedule category"),
    "archival_code": QT_TRANSLATE_NOOP("Fields", "Archival code"),
    "dimensions": QT_TRANSLATE_NOOP("Fields", "Dimensions"),
    "condition": QT_TRANSLATE_NOOP("Fields", "Condition"),
    "storage_location": QT_TRANSLATE_NOOP("Fields", "Storage location"),
    "label_number": QT_TRANSLATE_NOOP("Fields", "Label number"),
}

# The Chinese names beside the English ones, for the command line (which prints both, as it
# does for every code table); the desktop app translates FIELD_LABELS through its catalogue.
FIELD_NAMES_ZH: dict[str, str] = {
    "title": "题名", "creator": "责任者", "date": "日期", "retention": "保管期限",
    "classification": "密级", "description": "文字说明", "consent": "授权书编号",
    "donor": "捐赠者", "authorisation": "授权说明", "category": "归档类目",
    "archival_code": "档号", "dimensions": "尺寸", "condition": "保存状况",
    "storage_location": "存放位置", "label_number": "标签号",
}


def field_label(code: str) -> Message:
    """The name of a field code, translated where it is shown (``message_text``)."""
    return Message(FIELD_LABELS.get(code, code), context=FIELDS_CONTEXT)


def value_of(item: Any, name: str) -> Any:
    """A field of a mapping or an object; None when it has none."""
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def _filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return True


def _provenance(item: Any, key: str) -> Any:
    prov = value_of(item, "provenance")
    return prov.get(key) if isinstance(prov, Mapping) else None


@dataclass(frozen=True)
class FieldRule:
    """A field code, when it applies to an item, and how to read it."""

    code: str
    applies: Callable[[Any], bool]
    read: Callable[[Any], Any]


def _always(_item: Any) -> bool:
    return True


def _own(code: str) -> FieldRule:
    return FieldRule(code, _always, lambda item: value_of(item, code))


def _kind_is(kind: str) -> Callable[[Any], bool]:
    return lambda item: value_of(item, "kind") == kind


def _channel_is(channel: str) -> Callable[[Any], bool]:
    return lambda item: value_of(item, "source_channel") == channel


def _from_batch(code: str, channel: str) -> FieldRule:
    return FieldRule(code, _channel_is(channel), lambda item: _provenance(item, code))


DESCRIBE: tuple[FieldRule, ...] = (
    _own("title"),
    _own("creator"),
    _own("date"),
    _own("retention"),
    _own("classification"),
    FieldRule("description", _kind_is("photo"), lambda item: value_of(item, "description")),
    _from_batch("consent", "oral"),
    _from_batch("donor", "donation"),
    _from_batch("authorisation", "donation"),
)
FILING: tuple[FieldRule, ...] = DESCRIBE + (
    FieldRule("category", _always, lambda item: value_of(item, "retention_category_key")),
)
TRANSFER: tuple[FieldRule, ...] = DESCRIBE + (_own("archival_code"),)

RULES = {"describe": DESCRIBE, "file": FILING, "transfer": TRANSFER}


def missing(item: Any, stage: str = "describe") -> tuple[str, ...]:
    """The field codes ``item`` lacks for ``stage`` (describe, file or transfer), in the
    order of the table."""
    return tuple(rule.code for rule in RULES[stage]
                 if rule.applies(item) and not _filled(rule.read(item)))


def is_complete(item: Any, stage: str = "describe") -> bool:
    return not missing(item, stage)
