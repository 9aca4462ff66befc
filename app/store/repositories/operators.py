"""Operators: archivists, reviewers and supervisors, and the store's default operator."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP, MessageValueError
from app.store import audit
from app.store.errors import InvalidInput, PermissionDenied
from app.store.models import Operator, StoreSetting
from app.store.passphrase import hash_passphrase, verify_passphrase
from app.store.records import OperatorRecord
from app.store.repositories.base import (
    DEFAULT_OPERATOR_KEY,
    Repository,
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
    )


class OperatorRepository(Repository):
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
        try:
            hashed = hash_passphrase(passphrase) if (needs and passphrase) else None
        except MessageValueError as err:
            raise InvalidInput(err.template, **err.params) from None
        with self.store.writer() as s:
            if s.scalar(select(Operator.id).where(Operator.name == name)):
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "An operator named '{name}' already exists."), name=name)
            actor = resolve_actor(s, acting) if acting else None
            op = Operator(
                name=name,
                unit=unit,
                position=position.strip(),
                role=role,
                passphrase_hash=hashed,
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
                        "position": op.position, "default": bool(make_default or first)},
            )
            return to_record(op)

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

    def set_default(self, name: str) -> OperatorRecord:
        with self.store.writer() as s:
            op = find_operator(s, name)
            _set_default(s, op.id)
            audit.record(s, audit.Actor(op.name, op.id), "operator.set-default",
                         object_type="operator", object_id=op.id)
            return to_record(op)

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


def _roles_allowed(role: str) -> set[str]:
    # A supervisor may do what a reviewer may.
    return {"reviewer", "supervisor"} if role == "reviewer" else {role}


def _set_default(session: Session, operator_id: str) -> None:
    setting = session.get(StoreSetting, DEFAULT_OPERATOR_KEY)
    if setting is None:
        session.add(StoreSetting(key=DEFAULT_OPERATOR_KEY, value=operator_id))
    else:
        setting.value = operator_id
