"""The four-property check catalogue (四性检测, DA/T 70-2018), shared by pre-flight and verify.

Each check names the property it serves, the DA/T 70-2018 item it implements, whether a
failure blocks (required) or is reported (warning), and its title in Chinese and English.
The item numbers are our best reading of the standard's 移交与接收 (YJ) table, whose full
text we could not check (DOMAIN.md: "verify"): they are kept here alone so they can be
corrected in one place. Plain Python: ``verify`` uses it with nothing from the store.
"""

from __future__ import annotations

from dataclasses import dataclass

AUTHENTICITY = "authenticity"
INTEGRITY = "integrity"
USABILITY = "usability"
SECURITY = "security"
PROPERTIES = (AUTHENTICITY, INTEGRITY, USABILITY, SECURITY)
PROPERTY_ZH = {AUTHENTICITY: "真实性", INTEGRITY: "完整性", USABILITY: "可用性",
               SECURITY: "安全性"}
STANDARD = "DA/T 70-2018"


@dataclass(frozen=True)
class CheckSpec:
    id: str
    prop: str
    dat70: str  # the DA/T 70-2018 item (verify: see the module note)
    required: bool
    title_en: str
    title_zh: str


def _c(id: str, prop: str, dat70: str, required: bool, en: str, zh: str) -> CheckSpec:
    return CheckSpec(id, prop, dat70, required, en, zh)


CHECKS: tuple[CheckSpec, ...] = (
    # 真实性 authenticity
    _c("digests-recorded", AUTHENTICITY, "YJ-1-1", True,
       "Every file has its SHA-256 and SM3 recorded", "每个文件均记录SHA-256与SM3数字摘要"),
    _c("digests-match", AUTHENTICITY, "YJ-1-1", True,
       "Digests recomputed equal those recorded", "重新计算的数字摘要与记录一致"),
    _c("signature", AUTHENTICITY, "YJ-1-2", True,
       "The package signature is valid", "数据包电子签名有效"),
    _c("trusted-key", AUTHENTICITY, "YJ-1-2", True,
       "The signing key is the one known from outside", "签名公钥与外部已知指纹一致"),
    _c("code-format", AUTHENTICITY, "YJ-1-3", True,
       "The archival code (档号) is well formed", "档号格式正确"),
    _c("code-unique", AUTHENTICITY, "YJ-1-3", True,
       "The archival code (档号) is unique", "档号唯一"),
    _c("metadata-matches-file", AUTHENTICITY, "YJ-1-4", True,
       "File name, size and format match the metadata", "文件名、大小、格式与元数据一致"),
    _c("audit-chain", AUTHENTICITY, "YJ-1-5", True,
       "The store's audit chain in the package links up to its signed anchor",
       "数据包中的审计链完整并与签名锚点相连"),
    # 完整性 integrity
    _c("required-fields", INTEGRITY, "YJ-2-1", True,
       "Required description fields are filled in", "必填著录项完整"),
    _c("filed-state", INTEGRITY, "YJ-2-1", True,
       "The item is filed and not yet transferred", "已归档且尚未移交"),
    _c("has-original", INTEGRITY, "YJ-2-2", True,
       "The item's originals are present", "电子文件（原件）齐全"),
    _c("piece-gap-free", INTEGRITY, "YJ-2-3", True,
       "Piece numbers (件号) run without gaps", "件号连续无断号"),
    _c("counts", INTEGRITY, "YJ-2-4", True,
       "Item, file and byte counts match the description file",
       "件数、文件数、字节数与说明文件一致"),
    _c("catalogue-folders", INTEGRITY, "YJ-2-4", True,
       "Each catalogued 档号 has exactly one folder, none unlisted",
       "目录文件中每个档号对应且仅对应一个文件夹"),
    _c("bagit", INTEGRITY, "YJ-2-5", True,
       "The BagIt bag is complete and valid", "BagIt数据包完整有效"),
    _c("worklog-reviewed", INTEGRITY, "YJ-2-6", False,
       "Every work-log entry is reviewed", "工作日志均已审核"),
    # 可用性 usability
    _c("xml-valid", USABILITY, "YJ-3-1", True,
       "XML is well formed and valid against its schema", "XML格式良好且符合模式"),
    _c("format-whitelist", USABILITY, "YJ-3-2", True,
       "The format, found from content, is on the archival whitelist",
       "文件格式（按内容识别）符合归档格式要求"),
    _c("decodes", USABILITY, "YJ-3-3", False,
       "The file opens and decodes", "文件可正常打开和解码"),
    _c("no-compression", USABILITY, "YJ-3-4", True,
       "No encryption and no compression in the package", "数据包未加密、未压缩"),
    # 安全性 security
    _c("classification", SECURITY, "YJ-4-1", True,
       "No item classified 秘密 or higher in an ordinary package",
       "普通数据包中无秘密及以上密级档案"),
    _c("no-unlisted-files", SECURITY, "YJ-4-2", True,
       "No unlisted or hidden files", "无未登记文件或隐藏文件"),
    _c("no-path-escape", SECURITY, "YJ-4-2", True,
       "No path leaves the package (.., absolute, symlink)",
       "无越出数据包的路径（..、绝对路径、符号链接）"),
    _c("process-log", SECURITY, "YJ-4-3", False,
       "The item's process history (audit events) is in the package",
       "数据包含有该件的过程记录（审计事件）"),
    _c("zip-integrity", SECURITY, "YJ-4-4", True,
       "Every ZIP entry's CRC and the central directory are sound, no entry outside the root",
       "ZIP条目CRC与中央目录完好，无越出根目录的条目"),
)

BY_ID: dict[str, CheckSpec] = {c.id: c for c in CHECKS}


def spec(check_id: str) -> CheckSpec:
    return BY_ID[check_id]
