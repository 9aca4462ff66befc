"""Operators: archivists, reviewers and supervisors, and the store's default operator."""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP, MessageValueError
from app.store import audit, signing
from app.store import passphrase as kdf
from app.store.errors import InvalidInput, PermissionDenied
from app.store.models import Operator, StoreSetting, new_id
from app.store.passphrase import verify_passphrase
from app.store.records import OperatorRecord
from app.store.repositories.base import (
    DEFAULT_OPERATOR_KEY,
    Queries,
    Repository,
    check_plain,
    default_operator,
    find_operator,
    resolve_actor,
)


def to_record(op: Operator) -> OperatorRecord:
    return OperatorRecord(
        id=op.id,
        name=op.name,
        unit=op.unit,
        position=op.position,
        role=op.role,
        has_passphrase=bool(op.passphrase_hash),
        created_at=op.created_at,
        public_key=op.public_key,
    )


class OperatorQueries(Queries):
    """Reading operators and checking passphrases."""

    def list(self) -> list[OperatorRecord]:
        with self.store.reader() as s:
            return [to_record(o) for o in s.scalars(select(Operator).order_by(Operator.name))]

    def get(self, name: str) -> OperatorRecord:
        with self.store.reader() as s:
            return to_record(find_operator(s, name))

    def default(self) -> OperatorRecord | None:
        with self.store.reader() as s:
            op = default_operator(s)
            return to_record(op) if op else None

    def authenticate(self, name: str, passphrase: str, role: str | None = None) -> OperatorRecord:
        """Confirm an act of authority: the right role and the right passphrase."""
        with self.store.reader() as s:
            op = find_operator(s, name)
            record = to_record(op)
            stored = op.passphrase_hash
        if role is not None and record.role not in _roles_allowed(role):
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "Errors", "{name} is an operator with the {role} role; this needs a {needed}."),
                name=record.name, role=record.role, needed=role)
        if not verify_passphrase(passphrase, stored):
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "Errors", "Wrong passphrase for {name}; nothing was changed."), name=record.name)

        return record


class OperatorRepository(Repository, OperatorQueries):
    def add(
        self,
        name: str,
        unit: str,
        role: str,
        position: str = "",
        passphrase: str | None = None,
        acting: str | None = None,
        make_default: bool | None = None,
    ) -> OperatorRecord:
        """Add an operator. The first one added becomes the store's default operator."""
        name, unit = name.strip(), unit.strip()
        check_plain(name, QT_TRANSLATE_NOOP("Errors", "operator name"))
        check_plain(unit, QT_TRANSLATE_NOOP("Errors", "unit"))
        check_plain(position, QT_TRANSLATE_NOOP("Errors", "position"))
        if not name:
            raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "An operator needs a name."))
        if not unit:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "An operator needs a unit (the organisation they work for)."))
        try:
            role = codes.ROLE.parse(role)
        except MessageValueError as err:
            raise InvalidInput(err.template, **err.params) from None
        needs = role in codes.ROLES_WITH_PASSPHRASE
        if needs and not passphrase:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "A {role} needs a passphrase to confirm their sign-offs."), role=role)
        op_id = new_id()
        try:
            derived = kdf.derive_new(passphrase) if (needs and passphrase) else None
        except MessageValueError as err:
            raise InvalidInput(err.template, **err.params) from None
        keys = signing.new_key_pair(op_id, derived.wrapping_key) if derived else None
        with self.store.writer() as s:
            if s.scalar(select(Operator.id).where(Operator.name == name)):
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "An operator named '{name}' already exists."), name=name)
            actor = resolve_actor(s, acting) if acting else None
            op = Operator(
                id=op_id,
                name=name,
                unit=unit,
                position=position.strip(),
                role=role,
                passphrase_hash=derived.stored if derived else None,
                public_key=keys.public_key if keys else None,
                signing_key=keys.wrapped if keys else None,
                created_at=datetime.now(UTC),
            )
            s.add(op)
            s.flush()
            first = default_operator(s) is None
            if make_default or (make_default is None and first):
                _set_default(s, op.id)
            audit.record(
                s,
                actor or audit.Actor(op.name, op.id),
                "operator.add",
                object_type="operator",
                object_id=op.id,
                detail={"name": op.name, "unit": op.unit, "role": op.role,
                        "position": op.position, "default": bool(make_default or first),
                        "public_key": op.public_key},
            )
            return to_record(op)

    def set_default(self, name: str, passphrase: str | None = None) -> OperatorRecord:
        """Make ``name`` the current operator. A reviewer or supervisor confirms with their
        passphrase: authority never comes from this setting alone."""
        with self.store.writer() as s:
            op = find_operator(s, name)
            if op.role in codes.ROLES_WITH_PASSPHRASE and not (
                    passphrase and verify_passphrase(passphrase, op.passphrase_hash)):
                raise PermissionDenied(QT_TRANSLATE_NOOP(
                    "Errors", "{name} is a {role}: making them the current operator needs "
                    "their passphrase, and it was missing or wrong; nothing was changed."),
                    name=op.name, role=op.role)
            _set_default(s, op.id)
            audit.record(s, audit.Actor(op.name, op.id), "operator.set-default",
                         object_type="operator", object_id=op.id)
            return to_record(op)

    def authenticate(self, name: str, passphrase: str, role: str | None = None) -> OperatorRecord:
        """Confirm an act of authority: the right role and the right passphrase."""
        return self.unlock_signing_key(name, passphrase, role)[0]

    def unlock_signing_key(self, name: str, passphrase: str, role: str | None = None
                           ) -> tuple[OperatorRecord, Ed25519PrivateKey]:
        """The operator and their Ed25519 private key, opened with their passphrase.

        Raises PermissionDenied for a wrong passphrase or role. An operator whose passphrase
        was stored before signing keys (or at a lower cost) is re-keyed here, once: the
        passphrase is stored again at today's cost and the key pair made (or kept and
        wrapped again), recorded as an ``operator.rekey`` audit event.
        """
        with self.store.reader() as s:
            op = find_operator(s, name)
            record = to_record(op)
            stored, wrapped = op.passphrase_hash, op.signing_key
        if role is not None and record.role not in _roles_allowed(role):
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "Errors", "{name} is an operator with the {role} role; this needs a "
                "{needed}."), name=record.name, role=record.role, needed=role)
        wrapping_key = kdf.unlock(passphrase, stored)
        if wrapping_key is None:
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "Errors", "Wrong passphrase for {name}; nothing was changed."),
                name=record.name)
        key = signing.unwrap(wrapped, record.id, wrapping_key) if wrapped else None
        if wrapped and key is None:
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "Errors", "The signing key of {name} cannot be opened: it was changed outside "
                "the program. Run 'fieldarchive check'."), name=record.name)
        if key is None or kdf.is_outdated(stored):
            return self._rekey(record.name, passphrase, key, check=False)
        return record, key

    def set_passphrase(self, name: str, current: str | None, new: str) -> OperatorRecord:
        """Give a reviewer or supervisor a new passphrase (the current one confirms it).

        An operator who has none yet (an archivist made reviewer by hand, a store from
        before passphrases) needs no current one. The signing key stays the same pair,
        wrapped again under the new passphrase, so earlier signatures still verify.
        """
        try:
            kdf.check_passphrase(new)
        except MessageValueError as err:
            raise InvalidInput(err.template, **err.params) from None
        with self.store.reader() as s:
            has_one = bool(find_operator(s, name).passphrase_hash)
        key = None
        if has_one:
            _record, key = self.unlock_signing_key(name, current or "")
        return self._rekey(name, new, key)[0]

    def _rekey(self, name: str, passphrase: str, key: Ed25519PrivateKey | None,
               check: bool = True) -> tuple[OperatorRecord, Ed25519PrivateKey]:
        derived = kdf.derive_new(passphrase, check=check)
        key = key or Ed25519PrivateKey.generate()
        with self.store.writer() as s:
            op = find_operator(s, name)
            op.passphrase_hash = derived.stored
            op.public_key = signing.public_key_text(key.public_key())
            op.signing_key = signing.wrap(key, op.id, derived.wrapping_key)
            audit.record(s, audit.Actor(op.name, op.id), "operator.rekey",
                         object_type="operator", object_id=op.id,
                         detail={"public_key": op.public_key})
            return to_record(op), key


def _roles_allowed(role: str) -> set[str]:
    # A supervisor may do what a reviewer may.
    return {"reviewer", "supervisor"} if role == "reviewer" else {role}


def _set_default(session: Session, operator_id: str) -> None:
    setting = session.get(StoreSetting, DEFAULT_OPERATOR_KEY)
    if setting is None:
        session.add(StoreSetting(key=DEFAULT_OPERATOR_KEY, value=operator_id))
    else:
        setting.value = operator_id
