"""Names and conventions of a FieldArchive transfer package, shared by export and verify.

Plain Python (``verify`` reads packages with nothing from the store).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

DESCRIPTION = "data/说明文件.TXT"
CATALOGUE = "data/目录文件.XML"
OTHER = "data/其他/"
FORM_DIR = "data/其他/交接信息/"
FORM_PDF = FORM_DIR + "电子档案移交与接收登记表.pdf"
FORM_XML = FORM_DIR + "登记表.xml"
PREFLIGHT_XML = OTHER + "四性检测报告.xml"
EVENTS_XML = OTHER + "审计事件.xml"
CHAIN_XML = OTHER + "审计链.xml"
WORKLOG_XML = OTHER + "工作日志/工作日志.xml"
SIGNATURE_FILE = "fieldarchive-signature.txt"
PUBLIC_KEY_FILE = "fieldarchive-public-key.pem"
TAG_FILES = ("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sm3.txt")
TAGMANIFEST = "tagmanifest-sha256.txt"
# Files beside data/ that no manifest lists, by design (what covers what: see COVERS).
UNLISTED_TAG_FILES = (SIGNATURE_FILE, PUBLIC_KEY_FILE)

COVERS = {
    "manifest-sha256.txt": "every payload file under data/ (SHA-256)",
    "manifest-sm3.txt": "every payload file under data/ (SM3, GB/T 32905)",
    "tagmanifest-sha256.txt": "bagit.txt, bag-info.txt, manifest-sha256.txt, "
                              "manifest-sm3.txt",
    "fieldarchive-signature.txt": "Ed25519 signature of the bytes of "
                                  "tagmanifest-sha256.txt; not itself listed anywhere",
    "Payload-Digest-SHA256": "SHA-256 of the sorted manifest-sha256 lines of data/ except "
                             "data/其他/交接信息/ (the form that states it)",
}


def payload_digest(lines: Sequence[tuple[str, str]], form_dir: str = FORM_DIR) -> str:
    """SHA-256 over "sha256  path\\n" of (path, sha256), sorted by path, the form's folder
    (交接信息/) left out: the form states this digest and cannot cover itself."""
    h = hashlib.sha256()
    for path, sha in sorted(lines):
        if not path.startswith(form_dir):
            h.update(f"{sha}  {path}\n".encode())
    return h.hexdigest()


def key_fingerprint(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()


def encode_path(rel: str) -> str:
    """BagIt 1.0 §2.1.3: CR, LF and % in a manifest path are percent-encoded."""
    return rel.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def decode_path(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0d", "\r").replace("%0A", "\n") \
        .replace("%0a", "\n").replace("%25", "%")


def parse_description(data: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """(key -> value, 档号 group -> 件号 runs) from a 说明文件.TXT."""
    values: dict[str, str] = {}
    pieces: dict[str, str] = {}
    for line in data.decode("utf-8", "replace").splitlines():
        key, sep, value = line.partition(": ")
        if not sep:
            continue
        if key == "件号范围":
            group, _, runs = value.rpartition(" ")
            pieces[group] = runs
        else:
            values[key] = value
    return values, pieces
