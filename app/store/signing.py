"""Per-reviewer Ed25519 keys: the private key wrapped under the passphrase, never exported.

A reviewer or supervisor gets a key pair when they get a passphrase. The private key is kept
in the operator row encrypted with AES-256-GCM under the key that the passphrase derivation
gives (``app.store.passphrase``), bound to the operator's id (a wrapped key copied to another
operator does not open); the public key sits beside it in the same (sealed) row. A signature
covers a purpose label and the canonical JSON of what was signed, so a review's signature
cannot be replayed as a schedule approval.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from app.store.hashing import canonical_json

SCHEME = "ed25519-aesgcm1"


@dataclass(frozen=True)
class KeyPair:
    public_key: str  # base64 of the 32 raw bytes
    wrapped: str  # SCHEME$nonce$ciphertext (base64)


def new_key_pair(operator_id: str, wrapping_key: bytes) -> KeyPair:
    key = Ed25519PrivateKey.generate()
    return KeyPair(public_key_text(key.public_key()), wrap(key, operator_id, wrapping_key))


def public_key_text(key: Ed25519PublicKey) -> str:
    return base64.b64encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def wrap(key: Ed25519PrivateKey, operator_id: str, wrapping_key: bytes) -> str:
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    nonce = os.urandom(12)
    sealed = AESGCM(wrapping_key).encrypt(nonce, raw, _aad(operator_id))
    return f"{SCHEME}${base64.b64encode(nonce).decode()}${base64.b64encode(sealed).decode()}"


def unwrap(wrapped: str, operator_id: str, wrapping_key: bytes) -> Ed25519PrivateKey | None:
    """The private key, or None when the wrapping key (the passphrase) is wrong."""
    try:
        scheme, nonce_b64, sealed_b64 = wrapped.split("$")
        if scheme != SCHEME:
            return None
        raw = AESGCM(wrapping_key).decrypt(base64.b64decode(nonce_b64),
                                           base64.b64decode(sealed_b64), _aad(operator_id))
        return Ed25519PrivateKey.from_private_bytes(raw)
    except (ValueError, TypeError, InvalidTag):
        return None


def _aad(operator_id: str) -> bytes:
    return f"fieldarchive signing key of operator {operator_id}".encode()


def signed_bytes(purpose: str, content: Any) -> bytes:
    return purpose.encode("ascii") + b"\n" + canonical_json(content)


def sign(key: Ed25519PrivateKey, purpose: str, content: Any) -> str:
    return base64.b64encode(key.sign(signed_bytes(purpose, content))).decode()


def verify(public_key: str | None, signature: str | None, purpose: str, content: Any) -> bool:
    """Does ``signature`` (base64) by ``public_key`` (base64) cover ``content``? Never raises."""
    if not public_key or not signature:
        return False
    try:
        pub = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        pub.verify(base64.b64decode(signature, validate=True), signed_bytes(purpose, content))
        return True
    except (ValueError, TypeError, InvalidSignature):
        return False
