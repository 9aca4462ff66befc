"""Seal: the BagIt 1.0 tag files, and the Ed25519 signature over the tag manifest.

What covers what (also written into the signature file):
- manifest-sha256.txt / manifest-sm3.txt: every payload file under data/;
- tagmanifest-sha256.txt: bagit.txt, bag-info.txt and both payload manifests (so the
  audit head, the payload digest and every bag-info label are covered);
- fieldarchive-signature.txt: the Ed25519 signature of tagmanifest-sha256.txt's bytes.
  It and fieldarchive-public-key.pem sit beside data/ and are NOT listed in the tag
  manifest: a signature cannot be inside what it signs. The key proves nothing alone:
  compare its fingerprint with the one on the signed paper registration form.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app import __version__
from app.export.layout import (
    COVERS,
    PUBLIC_KEY_FILE,
    SIGNATURE_FILE,
    TAG_FILES,
    encode_path,
    key_fingerprint,
)
from app.export.manifest_lines import HashingWriter
from app.export.plan import BagPlan
from app.export.sinks import Sink
from app.export.write import Written


@dataclass(frozen=True)
class Signer:
    """The approving reviewer's key; never written anywhere but into a signature."""

    key: Ed25519PrivateKey
    name: str

    @property
    def public_raw(self) -> bytes:
        return self.key.public_key().public_bytes(serialization.Encoding.Raw,
                                                  serialization.PublicFormat.Raw)

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self.public_raw)


def _manifest(entries: Mapping[str, str]) -> bytes:
    return "".join(f"{digest}  {encode_path(rel)}\n"
                   for rel, digest in sorted(entries.items())).encode("utf-8")


@dataclass(frozen=True)
class Sealed:
    tagmanifest_sha256: str
    manifest_sha256: str
    payload_oxum: str
    fingerprint: str
    payload_bytes: int = 0


def seal_bag(bag: BagPlan, written: Written, sink: Sink, signer: Signer) -> Sealed:
    manifest = written.manifest
    oxum = f"{manifest.bytes}.{manifest.files}"
    info = dict(written.bag_info)
    info["Payload-Oxum"] = oxum
    info["Bag-Software-Agent"] = f"FieldArchive {__version__}"
    small: dict[str, bytes] = {
        "bagit.txt": b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
        "bag-info.txt": "".join(f"{k}: {v}\n" for k, v in info.items() if v).encode("utf-8"),
    }
    digests: dict[str, str] = {}
    for name in TAG_FILES:
        with sink.stream(name, len(small.get(name, b""))) as out:
            w = HashingWriter(out)
            if name in small:
                w.write(small[name])
            else:  # a payload manifest: one line per file, written as it is made
                manifest.write_manifest(w, name[len("manifest-"):-len(".txt")])
        digests[name] = w.sha256
    tagmanifest = _manifest({n: digests[n] for n in TAG_FILES})
    sink.put("tagmanifest-sha256.txt", tagmanifest)
    signature = signer.key.sign(tagmanifest)
    lines = [
        "Algorithm: Ed25519",
        "Signed-File: tagmanifest-sha256.txt",
        f"Signer: {signer.name}",
        f"Public-Key: {base64.b64encode(signer.public_raw).decode()}",
        f"Key-Fingerprint: SHA256:{signer.fingerprint}",
        f"Signature: {base64.b64encode(signature).decode()}",
    ] + [f"Covers-{k}: {v}" for k, v in COVERS.items()]
    sink.put(SIGNATURE_FILE, ("\n".join(lines) + "\n").encode("utf-8"))
    pem = signer.key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    sink.put(PUBLIC_KEY_FILE, pem)
    return Sealed(hashlib.sha256(tagmanifest).hexdigest(), digests["manifest-sha256.txt"],
                  oxum, signer.fingerprint, manifest.bytes)
