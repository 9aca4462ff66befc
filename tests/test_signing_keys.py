"""Reviewers' Ed25519 keys: made with the passphrase, opened only with it, never stored bare."""

from __future__ import annotations

import base64
import hashlib
import sqlite3

import pytest
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)

from app.store import passphrase as kdf
from app.store import signing
from app.store.errors import InvalidInput, PermissionDenied
from app.store.repositories import Repositories

PASS = "审核口令1234"


def _raw_private(key) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def test_a_reviewer_gets_a_key_pair_only_their_passphrase_opens(repos: Repositories) -> None:
    added = repos.operators.add("李审核", "档案局", "reviewer", passphrase=PASS)
    assert added.public_key
    record, key = repos.operators.unlock_signing_key("李审核", PASS)
    assert record == added
    assert signing.public_key_text(key.public_key()) == added.public_key
    sig = signing.sign(key, "test", {"a": 1})
    assert signing.verify(added.public_key, sig, "test", {"a": 1})
    assert not signing.verify(added.public_key, sig, "test", {"a": 2})
    with pytest.raises(PermissionDenied, match="Wrong passphrase for 李审核"):
        repos.operators.unlock_signing_key("李审核", "wrong-passphrase")
    # The private key is in the database only wrapped, never as its raw bytes.
    raw = (repos.store.db_path).read_bytes()
    private = _raw_private(key)
    assert private not in raw and base64.b64encode(private) not in raw
    # An archivist has neither passphrase nor key.
    assert repos.operators.add("张伟", "档案馆", "archivist").public_key is None


def test_passphrases_need_eight_characters(repos: Repositories) -> None:
    with pytest.raises(InvalidInput, match="at least 8 characters"):
        repos.operators.add("李审核", "档案局", "reviewer", passphrase="seven77")


def test_an_operator_from_before_keys_is_rekeyed_when_they_next_give_it(
    repos: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store made with 6-character-era scrypt (N=2^14 hash, no key) keeps working."""
    repos.operators.add("李审核", "档案局", "reviewer", passphrase=PASS)
    salt = b"0123456789abcdef"
    old = hashlib.scrypt("老口令六个字".encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    old_hash = (f"scrypt${2**14}$8$1${base64.b64encode(salt).decode()}$"
                f"{base64.b64encode(old).decode()}")
    conn = sqlite3.connect(repos.store.db_path)
    with conn:  # what migration 0005 leaves for an operator added before it
        conn.execute("UPDATE operator SET passphrase_hash=?, public_key=NULL, signing_key=NULL",
                     (old_hash,))
    conn.close()
    monkeypatch.setenv(kdf.COST_ENV, "15")  # today's cost is above the stored one
    record, key = repos.operators.unlock_signing_key("李审核", "老口令六个字")
    assert record.public_key == signing.public_key_text(key.public_key())
    with sqlite3.connect(repos.store.db_path) as conn:
        stored = conn.execute("SELECT passphrase_hash FROM operator").fetchone()[0]
    assert stored.startswith(f"scrypt${2**15}$") and not kdf.is_outdated(stored)
    # The same key comes back next time, and the re-keying is in the audit trail.
    again = repos.operators.unlock_signing_key("李审核", "老口令六个字")[1]
    assert _raw_private(again) == _raw_private(key)
    assert "operator.rekey" in [e.event_type for e in repos.audit.list()]


def test_a_new_passphrase_keeps_the_key_pair(repos: Repositories) -> None:
    added = repos.operators.add("李审核", "档案局", "reviewer", passphrase=PASS)
    with pytest.raises(PermissionDenied):
        repos.operators.set_passphrase("李审核", "wrong-passphrase", "新口令新口令新口令")
    changed = repos.operators.set_passphrase("李审核", PASS, "新口令新口令新口令")
    assert changed.public_key == added.public_key
    with pytest.raises(PermissionDenied):
        repos.operators.unlock_signing_key("李审核", PASS)
    assert repos.operators.unlock_signing_key("李审核", "新口令新口令新口令")[0].id == added.id


def test_the_production_cost_is_about_half_a_second_not_the_tests_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(kdf.COST_ENV)
    assert kdf.cost_n() == 2**17
