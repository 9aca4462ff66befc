"""The code tables of DOMAIN.md "Codes", in one place.

Every option that takes one of these codes also accepts its Chinese name (and, for
convenience, the English label). Entries marked ``verify`` are our best reading of a
standard we could not check in full; correct them here.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.messages import QT_TRANSLATE_NOOP, Message, MessageValueError


@dataclass(frozen=True)
class Code:
    code: str
    zh: str
    en: str


@dataclass(frozen=True)
class CodeTable:
    name: str
    label_zh: str
    label_en: str
    codes: tuple[Code, ...]

    def values(self) -> list[str]:
        return [c.code for c in self.codes]

    def get(self, code: str) -> Code:
        for c in self.codes:
            if c.code == code:
                return c
        raise KeyError(code)

    def parse(self, text: str) -> str:
        """Return the code for ``text`` given as code, Chinese name or English label."""
        wanted = text.strip()
        for c in self.codes:
            if wanted in (c.code, c.zh) or wanted.casefold() in (
                c.code.casefold(),
                c.en.casefold(),
            ):
                return c.code
        choices = ", ".join(f"{c.code} ({c.zh})" for c in self.codes)
        raise MessageValueError(
            QT_TRANSLATE_NOOP("Errors", "Unknown {what} '{text}'; use one of: {choices}."),
            what=Message(self.label_en), text=text, choices=choices)

    def label(self, code: str, lang: str = "zh") -> str:
        c = self.get(code)
        return c.zh if lang.startswith("zh") else c.en


def _table(name: str, zh: str, en: str, *rows: tuple[str, str, str]) -> CodeTable:
    return CodeTable(name, zh, en, tuple(Code(*r) for r in rows))


INCIDENT_KIND = _table(
    "incident_kind", "事件类型", QT_TRANSLATE_NOOP("Errors", "incident kind"),
    ("natural", "自然灾害", "Natural disaster"),
    ("accident", "事故灾难", "Accident"),
    ("health", "公共卫生事件", "Public health event"),
    ("security", "社会安全事件", "Social security event"),
)

INCIDENT_LEVEL = _table(
    "incident_level", "事件级别", QT_TRANSLATE_NOOP("Errors", "incident level"),
    ("I", "特别重大", "Extraordinarily serious"),
    ("II", "重大", "Serious"),
    ("III", "较大", "Relatively serious"),
    ("IV", "一般", "General"),
)

PHASE = _table(
    "phase", "事件阶段", QT_TRANSLATE_NOOP("Errors", "phase"),
    ("prevention", "预防与应急准备", "Prevention and preparedness"),
    ("warning", "监测与预警", "Monitoring and warning"),
    ("response", "应急处置与救援", "Response and rescue"),
    ("recovery", "事后恢复与重建", "Recovery and reconstruction"),
)

SOURCE_CHANNEL = _table(
    "source_channel", "来源渠道", QT_TRANSLATE_NOOP("Errors", "source channel"),
    ("self", "自形成", "Created on site"),
    ("media", "媒体移交", "Media handover"),
    ("oral", "口述采录", "Oral history"),
    ("donation", "社会征集", "Public collection"),
)

RETENTION = _table(
    "retention", "保管期限", QT_TRANSLATE_NOOP("Errors", "retention"),
    ("Y", "永久", "Permanent"),
    ("D30", "定期30年", "30 years"),
    ("D10", "定期10年", "10 years"),
)

CLASSIFICATION = _table(
    "classification", "密级", QT_TRANSLATE_NOOP("Errors", "classification"),
    ("public", "公开", "Public"),
    ("internal", "内部", "Internal"),
    ("secret", "秘密", "Secret"),
    ("confidential", "机密", "Confidential"),
    ("top-secret", "绝密", "Top secret"),
)

# 门类 codes; SW for physical objects is "verify" in DOMAIN.md.
CATEGORY = _table(
    "category", "门类", QT_TRANSLATE_NOOP("Errors", "category"),
    ("ZP", "照片", "Photo"),
    ("LY", "录音", "Audio"),
    ("LX", "录像", "Video"),
    ("WS", "文书", "Document"),
    ("SW", "实物", "Physical object"),
)

ITEM_KIND = _table(
    "item_kind", "类型", QT_TRANSLATE_NOOP("Errors", "item kind"),
    ("photo", "照片", "Photo"),
    ("audio", "录音", "Audio"),
    ("video", "录像", "Video"),
    ("document", "文书", "Document"),
    ("physical", "实物", "Physical object"),
    ("log", "工作日志", "Work log"),
)

# Which 门类 an item kind is filed under.
CATEGORY_OF_KIND: dict[str, str] = {
    "photo": "ZP",
    "audio": "LY",
    "video": "LX",
    "document": "WS",
    "physical": "SW",
    "log": "WS",
}

ROLE = _table(
    "role", "角色", QT_TRANSLATE_NOOP("Errors", "role"),
    ("archivist", "档案员", "Archivist"),
    ("reviewer", "审核人", "Reviewer"),
    ("supervisor", "监督检查人", "Supervisor"),
)

# Roles whose acts carry authority and therefore need a passphrase.
ROLES_WITH_PASSPHRASE = frozenset({"reviewer", "supervisor"})

LOG_CATEGORY = _table(
    "log_category", "日志类别", QT_TRANSLATE_NOOP("Errors", "log category"),
    ("capture", "采集", "Capture"),
    ("handover", "移交接收", "Handover"),
    ("oral", "口述采录", "Oral history"),
    ("collection", "征集", "Collection"),
    ("meeting", "会议", "Meeting"),
    ("decision", "决策", "Decision"),
    ("other", "其他", "Other"),
)

REVIEW_STATUS = _table(
    "review_status", "审核状态", QT_TRANSLATE_NOOP("Errors", "review status"),
    ("unreviewed", "未审核", "Unreviewed"),
    ("approved", "已通过", "Approved"),
    ("returned", "退回修改", "Returned with comments"),
)

# Life cycle of an item in the store.
ITEM_STATE = _table(
    "item_state", "状态", QT_TRANSLATE_NOOP("Errors", "item state"),
    ("captured", "已采集", "Captured"),
    ("described", "已著录", "Described"),
    ("filed", "已归档", "Filed"),
    ("transferred", "已移交", "Transferred"),
)

OPEN_STATUS = _table(
    "open_status", "开放状态", QT_TRANSLATE_NOOP("Errors", "open status"),
    ("open", "开放", "Open"),
    ("controlled", "控制", "Controlled"),
    ("pending", "待定", "Pending"),
)

ALL_TABLES: tuple[CodeTable, ...] = (
    INCIDENT_KIND, INCIDENT_LEVEL, PHASE, SOURCE_CHANNEL, RETENTION, CLASSIFICATION,
    CATEGORY, ITEM_KIND, ROLE, LOG_CATEGORY, REVIEW_STATUS, ITEM_STATE, OPEN_STATUS,
)
