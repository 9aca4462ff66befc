"""Passphrases of reviewers and supervisors: stored only as a salted scrypt hash."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from app.domain.messages import QT_TRANSLATE_NOOP, MessageValueError

# scrypt cost: ~50 ms and 16 MiB on a laptop; slow for guessing, quick for one sign-off.
N, R, P = 2**14, 8, 1
MIN_LENGTH = 6


def check_passphrase(passphrase: str) -> None:
    """Raise a ValueError (one sentence) when the passphrase is too weak to be accepted."""
    if len(passphrase) < MIN_LENGTH:
        raise MessageValueError(QT_TRANSLATE_NOOP(
            "Errors", "A passphrase needs at least {count} characters."), count=MIN_LENGTH)



def hash_passphrase(passphrase: str) -> str:
    check_passphrase(passphrase)
    salt = os.urandom(16)
    digest = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=32)
    salt_b64 = base64.b64encode(salt).decode()
    digest_b64 = base64.b64encode(digest).decode()
    return f"scrypt${N}${R}${P}${salt_b64}${digest_b64}"


def verify_passphrase(passphrase: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt = base64.b64decode(salt_b64)
        expected = base64.b64decode(digest_b64)
        actual = hashlib.scrypt(
            passphrase.encode("utf-8"), salt=salt, n=int(n), r=int(r), p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)
