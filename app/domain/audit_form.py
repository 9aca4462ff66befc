"""The audit chain's hash forms, and the digest form that lets an exported event hide a value.

Form 1 (events recorded before migration 0007c): an event's hash covers its content with the
detail's values as they are. Form 2 (every event since): the hash covers the same content
with each leaf value of the detail (a string, number, boolean or null, however deep)
replaced by ``sha256:<hex>``, the SHA-256 of the value's canonical JSON; keys and structure
stay in clear. A package can then carry an old value as its digest alone, and the link
still checks: the verifier digests the values it has and takes the redacted ones as given.

A digest hides a value only as well as the value is hard to guess (a retention code or a
name from a short list can be found by trying them): the user chooses what to redact
knowing that, and the package says which values were.

Plain Python: the store records with it, ``verify`` checks with it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

FORM_VALUES = 1
FORM_DIGESTS = 2
CURRENT_FORM = FORM_DIGESTS
PREFIX = "sha256:"

Path = tuple[str | int, ...]


def canonical_json(value: Any) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8 (as ``chain_hash`` uses)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str).encode("utf-8")


def value_digest(value: Any) -> str:
    return PREFIX + hashlib.sha256(canonical_json(value)).hexdigest()


def digest_form(value: Any, redacted: Iterable[Path] = (), _at: Path = ()) -> Any:
    """``value`` with every leaf replaced by its digest; a leaf at a ``redacted`` path is
    already a digest (as an export wrote it) and is taken as it is."""
    paths = set(map(tuple, redacted))
    return _digest(value, paths, _at)


def _digest(value: Any, redacted: set[Path], at: Path) -> Any:
    if at in redacted:
        return value
    if isinstance(value, dict):
        return {k: _digest(v, redacted, (*at, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_digest(v, redacted, (*at, n)) for n, v in enumerate(value)]
    return value_digest(value)


def hashed_content(content: dict[str, Any], form: int,
                   redacted: Iterable[Path] = ()) -> dict[str, Any]:
    """What an event's hash covers, in its form."""
    if form == FORM_DIGESTS:
        return {**content, "detail": digest_form(content.get("detail"), redacted)}
    return content


def redact(detail: Any, paths: Sequence[Path]) -> tuple[Any, list[Path]]:
    """A copy of ``detail`` with the leaves at (or under) each path replaced by their
    digests, and the leaf paths so replaced (what the package lists as redacted)."""
    wanted = set(map(tuple, paths))
    done: list[Path] = []

    def walk(value: Any, at: Path, inside: bool) -> Any:
        inside = inside or at in wanted
        if isinstance(value, dict):
            return {k: walk(v, (*at, k), inside) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, (*at, n), inside) for n, v in enumerate(value)]
        if inside:
            done.append(at)
            return value_digest(value)
        return value

    return walk(detail, (), False), done


def leaf_paths(value: Any, at: Path = ()) -> list[Path]:
    """The path of every leaf (for redacting a whole subtree leaf by leaf)."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in leaf_paths(v, (*at, k))]
    if isinstance(value, list):
        return [p for n, v in enumerate(value) for p in leaf_paths(v, (*at, n))]
    return [at]
