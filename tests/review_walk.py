"""Walk an object graph (attributes, recursively) looking for anything that can write.

Read-only by construction means: from the object under test, no repository, writable
``Store``, ``Vault`` or ``Placement`` can be reached, no object offers a method of the
writable repositories that its reading half lacks, and every database engine reached hands
out ``query_only`` connections.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from app.store import audit, store_lock, vault
from app.store.repositories import Repositories
from app.store.repositories.audit_log import AuditQueries, AuditRepository
from app.store.repositories.base import Repository
from app.store.repositories.incidents import IncidentQueries, IncidentRepository
from app.store.repositories.items import ItemQueries, ItemRepository
from app.store.repositories.operators import OperatorQueries, OperatorRepository
from app.store.repositories.schedules import ScheduleQueries, ScheduleRepository
from app.store.repositories.worklog import WorkLogQueries, WorkLogRepository
from app.store.store import Store

WRITABLE_TYPES: tuple[type, ...] = (Store, Repositories, Repository, vault.Vault,
                                    vault.Placement, audit.HeadWriter, store_lock.StoreLock)
PAIRS = [(IncidentRepository, IncidentQueries), (ScheduleRepository, ScheduleQueries),
         (ItemRepository, ItemQueries), (WorkLogRepository, WorkLogQueries),
         (OperatorRepository, OperatorQueries), (AuditRepository, AuditQueries),
         (vault.Vault, vault.VaultFiles)]
# Every public method the writable classes have and their reading halves lack, and writer().
WRITE_METHODS = frozenset(
    {name for full, half in PAIRS for name in set(dir(full)) - set(dir(half))
     if not name.startswith("_")} | {"writer"})


@dataclass
class Walk:
    writers: list[str] = field(default_factory=list)
    engines: list[Engine] = field(default_factory=list)
    visited: int = 0
    kinds: set[str] = field(default_factory=set)  # the names of the classes reached


def walk(root: object, name: str = "root") -> Walk:
    found = Walk()
    seen: set[int] = set()
    stack: list[tuple[object, str]] = [(root, name)]
    while stack:
        obj, where = stack.pop()
        if id(obj) in seen or obj is None or isinstance(obj, (str, bytes, int, float, bool)):
            continue
        seen.add(id(obj))
        found.visited += 1
        found.kinds.add(type(obj).__name__)
        if isinstance(obj, WRITABLE_TYPES):
            found.writers.append(f"{where}: a {type(obj).__name__}")
            continue
        if isinstance(obj, Engine):
            found.engines.append(obj)
            continue
        if isinstance(obj, sessionmaker):
            stack.append((obj.kw.get("bind"), f"{where}.bind"))
            continue
        module = type(obj).__module__ or ""
        if module.startswith("app."):
            bad = {n for n in WRITE_METHODS if _defined_in_app(type(obj), n)}
            if bad:
                found.writers.append(f"{where}: a {type(obj).__name__} with {sorted(bad)}")
        stack.extend(_children(obj, where))
    return found


def _defined_in_app(cls: type, name: str) -> bool:
    """Does one of our own classes (not Qt's: QWidget has create()) define ``name``?"""
    for klass in cls.__mro__:
        if name in vars(klass):
            return (klass.__module__ or "").startswith("app.")
    return False


def _children(obj: object, where: str) -> Iterator[tuple[object, str]]:
    if isinstance(obj, (types.ModuleType, type)):
        return
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield k, f"{where}[key]"
            yield v, f"{where}[{k!r}]"
        return
    if isinstance(obj, (list, tuple, set, frozenset)):
        for n, v in enumerate(obj):
            yield v, f"{where}[{n}]"
        return
    if isinstance(obj, types.MethodType):
        yield obj.__self__, f"{where}.__self__"
        return
    if isinstance(obj, functools.partial):
        yield obj.func, f"{where}.func"
        yield from ((a, f"{where}.arg") for a in (*obj.args, *obj.keywords.values()))
        return
    if isinstance(obj, types.FunctionType):
        for cell in obj.__closure__ or ():
            try:
                yield cell.cell_contents, f"{where}.<closure>"
            except ValueError:
                continue
        return
    module = type(obj).__module__ or ""
    if module.startswith(("sqlalchemy", "threading", "_thread", "logging", "concurrent")):
        return
    attrs: dict[str, Any] = {}
    try:
        attrs.update(vars(obj))
    except TypeError:
        pass
    for slot in getattr(type(obj), "__slots__", ()):
        if hasattr(obj, slot):
            attrs[slot] = getattr(obj, slot)
    for key, value in attrs.items():
        yield value, f"{where}.{key}"
    children = getattr(obj, "children", None)
    if module.startswith(("PySide6", "app.")) and callable(children):
        try:
            for n, child in enumerate(children()):
                yield child, f"{where}.child{n}<{type(child).__name__}>"
        except (TypeError, RuntimeError):
            pass


def query_only(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.exec_driver_sql("PRAGMA query_only").scalar())
