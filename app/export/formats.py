"""The archival format whitelist (by MIME type found from content) and package file names.

Plain Python: pre-flight checks the store's recorded formats against it, ``verify`` the
formats it finds in a package's files by their content.
"""

from __future__ import annotations

# DOMAIN.md "What is captured": archival formats per kind (HEIC and RAW are kept as
# received beside an archival JPEG; they are allowed as originals).
WHITELIST: dict[str, str] = {
    "image/jpeg": "jpg",
    "image/tiff": "tif",
    "image/heic": "heic",
    "image/heif": "heif",
    "image/png": "png",
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "audio/mpeg": "mp3",
    "video/mp4": "mp4",
    "video/mpeg": "mpg",
    "video/x-msvideo": "avi",
    "video/quicktime": "mov",
    "application/pdf": "pdf",
    "application/ofd": "ofd",
    "application/xml": "xml",
    "text/xml": "xml",
}

# Roles of stored files that travel in a package (thumbnails and posters are caches).
PACKAGED_ROLES = ("original", "archival", "access")


def extension(mime: str, original_name: str) -> str:
    """The file-name extension in a package: from the format, else the original's."""
    if mime in WHITELIST:
        return WHITELIST[mime]
    suffix = original_name.rsplit(".", 1)[-1].lower() if "." in original_name else "bin"
    return "".join(ch for ch in suffix if ch.isalnum())[:8] or "bin"


def sniff(head: bytes) -> str | None:
    """The MIME type of a file from its first bytes (the formats of the whitelist)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
            return "image/heic"
        if brand == b"qt  ":
            return "video/quicktime"
        return "video/mp4"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "audio/wav"
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return "video/x-msvideo"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF
                                   and head[1] & 0xE0 == 0xE0):
        return "audio/mpeg"
    if head.startswith(b"\x00\x00\x01\xba") or head.startswith(b"\x00\x00\x01\xb3"):
        return "video/mpeg"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        return "application/ofd"  # OFD is a ZIP container; verify looks inside
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<?xml") or stripped.startswith(b"<"):
        return "application/xml"
    return None
