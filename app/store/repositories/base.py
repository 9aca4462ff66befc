"""Shared helpers for repositories: who is acting, and looking things up by id."""

from __future__ import annotations

import getpass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.domain.text import escaped, first_control
from app.domain.timeutil import DATE_OUT_OF_RANGE, in_range, out_of_range_params
from app.store.audit import Actor
from app.store.errors import InvalidInput, NotFound
from app.store.models import Incident, Operator, StoreSetting
from app.store.source import StoreSource
from app.store.store import Store

DEFAULT_OPERATOR_KEY = "default_operator_id"


class Queries:
    """Reading only: sessions from ``store.reader()``, never a writer.

    Each repository keeps its reading methods in such a class; review mode builds on those
    alone (``app.store.reading``), so reading code is shared, not copied, and a reader holds
    no method that writes.
    """

    def __init__(self, store: StoreSource) -> None:
        self.store = store


class Repository(Queries):
    store: Store

    def __init__(self, store: Store) -> None:
        self.store = store


def check_date(value: datetime) -> datetime:
    """``value`` if it lies in the years an archive takes, else InvalidInput saying so."""
    if not in_range(value):
        raise InvalidInput(DATE_OUT_OF_RANGE, **out_of_range_params(value))
    return value


CONTROL_IN_NAME = QT_TRANSLATE_NOOP(
    "Errors", "The {what} '{value}' holds a control character ({char}); names are one line "
    "of plain text: type it without line breaks or control characters.")


def check_plain(value: str, what: str) -> str:
    """``value`` if it holds no control character (see app.domain.text), else InvalidInput.

    ``what`` is a QT_TRANSLATE_NOOP("Errors", ...) word such as "name".
    """
    at = first_control(value)
    if at is not None:
        raise InvalidInput(CONTROL_IN_NAME, what=Message(what), value=escaped(value),
                           char=escaped(value[at]))
    return value


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def find_operator(session: Session, name: str) -> Operator:
    op = session.scalar(select(Operator).where(Operator.name == name.strip()))
    if op is None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "Errors", "There is no operator named '{name}'; add one with "
            "'fieldarchive operator add' or check the spelling."), name=name)
    return op


def default_operator(session: Session) -> Operator | None:
    op_id = session.scalar(
        select(StoreSetting.value).where(StoreSetting.key == DEFAULT_OPERATOR_KEY)
    )
    return session.get(Operator, op_id) if op_id else None


def resolve_actor(session: Session, operator_name: str | None) -> Actor:
    """``--operator NAME`` if given, else the store's default operator, else the OS user."""
    if operator_name:
        op = find_operator(session, operator_name)
        return Actor(op.name, op.id)
    default = default_operator(session)
    if default is not None:
        return Actor(default.name, default.id)
    return Actor(f"os:{os_user()}")


def find_incident(session: Session, ref: str) -> Incident:
    """An incident by id, by a unique id prefix (8+ characters) or by its number."""
    ref = ref.strip()
    found = session.get(Incident, ref) if ref else None
    if found is None and ref:
        found = session.scalar(select(Incident).where(Incident.number == ref))
    if found is None and len(ref) >= 8:
        matches = session.scalars(
            select(Incident).where(Incident.id.like(ref.replace("%", "") + "%")).limit(2)
        ).all()
        if len(matches) == 1:
            found = matches[0]
    if found is None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "Errors", "There is no incident '{ref}' in this store; 'fieldarchive incident "
            "list' shows the ids."), ref=ref)
    return found
