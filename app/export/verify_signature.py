"""verify's signature check: the Ed25519 signature over tagmanifest-sha256.txt, the public
key file beside it, the fingerprint bag-info.txt states, and (``--trusted-key``) the
fingerprint known from outside, from the signed paper form."""

from __future__ import annotations

import base64
import binascii

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.layout import PUBLIC_KEY_FILE, SIGNATURE_FILE, TAGMANIFEST, key_fingerprint
from app.export.report import Result, fail, ok
from app.export.verify_bagit import Bag, parse_tags


def check_signature(bag: Bag, trusted_key: str | None) -> list[Result]:
    reader = bag.reader
    if SIGNATURE_FILE not in reader.files or TAGMANIFEST not in reader.files:
        return [fail("signature", SIGNATURE_FILE, QT_TRANSLATE_NOOP(
            "Errors", "the package has no signature ({file} is missing)"),
            file=SIGNATURE_FILE)]
    fields = parse_tags(reader.read(SIGNATURE_FILE), "utf-8")
    try:
        raw = base64.b64decode(fields.get("Public-Key", ""), validate=True)
        sig = base64.b64decode(fields.get("Signature", ""), validate=True)
        key = Ed25519PublicKey.from_public_bytes(raw)
        key.verify(sig, reader.read(fields.get("Signed-File", TAGMANIFEST)
                                    if fields.get("Signed-File") == TAGMANIFEST
                                    else TAGMANIFEST))
    except (InvalidSignature, ValueError, binascii.Error) as err:
        return [fail("signature", SIGNATURE_FILE, QT_TRANSLATE_NOOP(
            "Errors", "the signature over {file} does not verify ({reason})"),
            file=TAGMANIFEST, reason=type(err).__name__)]
    out = [ok("signature", SIGNATURE_FILE)]
    fingerprint = key_fingerprint(raw)
    if PUBLIC_KEY_FILE in reader.files:
        from cryptography.hazmat.primitives import serialization

        try:
            pem = serialization.load_pem_public_key(reader.read(PUBLIC_KEY_FILE))
            same = pem.public_bytes(serialization.Encoding.Raw,
                                    serialization.PublicFormat.Raw) == raw
        except (ValueError, TypeError):
            same = False
        if not same:
            out.append(fail("signature", PUBLIC_KEY_FILE, QT_TRANSLATE_NOOP(
                "Errors", "{file} is not the key that made the signature"),
                file=PUBLIC_KEY_FILE))
    stated = bag.info.get("Key-Fingerprint", "")
    if stated and stated != fingerprint:
        out.append(fail("signature", "bag-info.txt", QT_TRANSLATE_NOOP(
            "Errors", "bag-info.txt names key {stated}, but the package is signed with "
            "{actual}"), stated=stated, actual=fingerprint))
    if trusted_key is not None:
        wanted = trusted_key.strip().lower().removeprefix("sha256:")
        if wanted != fingerprint:
            out.append(fail("trusted-key", SIGNATURE_FILE, QT_TRANSLATE_NOOP(
                "Errors", "the package is signed with key {actual}, not with the trusted "
                "key {trusted}"), actual=fingerprint, trusted=wanted))
        else:
            out.append(ok("trusted-key", SIGNATURE_FILE))
    return out
