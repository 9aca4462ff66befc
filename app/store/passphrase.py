"""Passphrases of reviewers and supervisors: stored only as a salted scrypt hash.

One scrypt derivation gives 64 bytes: the first 32 are the stored verifier (the hash below),
the last 32 the AES-GCM key that wraps the operator's signing key (``app.store.signing``).
PBKDF2's output blocks are independent, so the verifier says nothing about the wrapping key,
and one unlock costs one derivation (about half a second here), not two.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from app.domain.messages import QT_TRANSLATE_NOOP, MessageValueError

# scrypt cost: N=2^17, r=8 takes about 0.57 s and 128 MiB on the development machine
# (measured with hashlib.scrypt, dklen=64): slow to guess offline, bearable for one sign-off.
# Tests make it cheaper through this variable (tests/conftest.py only).
COST_ENV = "FIELDARCHIVE_KDF_LOG2N"
DEFAULT_LOG2N = 17
R, P = 8, 1
MIN_LENGTH = 8
_MAXMEM = 2**31 - 1
VERIFIER_LEN = 32
KEY_LEN = 32


def cost_n() -> int:
    try:
        log2n = int(os.environ.get(COST_ENV, DEFAULT_LOG2N))
    except ValueError:
        log2n = DEFAULT_LOG2N
    return 2 ** max(1, min(log2n, 20))


def check_passphrase(passphrase: str) -> None:
    """Raise a ValueError (one sentence) when the passphrase is too weak to be accepted."""
    if len(passphrase) < MIN_LENGTH:
        raise MessageValueError(QT_TRANSLATE_NOOP(
            "Errors", "A passphrase needs at least {count} characters."), count=MIN_LENGTH)



@dataclass(frozen=True)
class Derived:
    """What one derivation gives: the stored hash and the key that wraps the signing key."""

    stored: str
    wrapping_key: bytes


def derive_new(passphrase: str, *, check: bool = True) -> Derived:
    """A fresh salt at today's cost: the hash to store and the wrapping key.

    ``check=False`` re-stores a passphrase the store accepted under an older, shorter
    minimum: its owner keeps it until they choose a new one.
    """
    if check:
        check_passphrase(passphrase)
    salt = os.urandom(16)
    n = cost_n()
    out = _scrypt(passphrase, salt, n, R, P, VERIFIER_LEN + KEY_LEN)
    return Derived(_format(n, R, P, salt, out[:VERIFIER_LEN]), out[VERIFIER_LEN:])


def hash_passphrase(passphrase: str) -> str:
    return derive_new(passphrase).stored


def unlock(passphrase: str, stored: str | None) -> bytes | None:
    """The wrapping key when ``passphrase`` matches ``stored``, else None."""
    parsed = _parse(stored)
    if parsed is None:
        return None
    n, r, p, salt, expected = parsed
    try:
        out = _scrypt(passphrase, salt, n, r, p, len(expected) + KEY_LEN)
    except (ValueError, MemoryError):
        return None
    if not hmac.compare_digest(out[:len(expected)], expected):
        return None
    return out[len(expected):]


def verify_passphrase(passphrase: str, stored: str | None) -> bool:
    return unlock(passphrase, stored) is not None


def is_outdated(stored: str | None) -> bool:
    """Made at a lower cost than today's (a store from before the cost was raised)."""
    parsed = _parse(stored)
    return parsed is not None and parsed[0] < cost_n()


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          dklen=dklen, maxmem=_MAXMEM)


def _format(n: int, r: int, p: int, salt: bytes, digest: bytes) -> str:
    salt_b64 = base64.b64encode(salt).decode()
    digest_b64 = base64.b64encode(digest).decode()
    return f"scrypt${n}${r}${p}${salt_b64}${digest_b64}"


def _parse(stored: str | None) -> tuple[int, int, int, bytes, bytes] | None:
    if not stored:
        return None
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return None
        return (int(n), int(r), int(p), base64.b64decode(salt_b64),
                base64.b64decode(digest_b64))
    except (ValueError, TypeError):
        return None
