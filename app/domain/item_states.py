"""The life of an item (件): captured → described → filed → transferred, and appraisal.

Plain rules, no database: the repositories apply them inside one transaction.

- captured: stored, not yet fully described (something required for description missing).
- described: nothing required for description is missing (``completeness.DESCRIBE``).
- filed: has its 档号; needs everything a description needs, a schedule category and
  not being excluded.
- transferred: handed over in a transfer package; frozen (no edit, no renumbering).

Appraisal (鉴定) is a flag beside the state, not a state: an item marked 不归档 (a test
shot, a blurred duplicate) keeps its state, stays in the store with its reason, leaves the
completeness figures and is never filed or exported. It can be restored.
"""

from __future__ import annotations

from collections.abc import Collection

from app.domain.messages import QT_TRANSLATE_NOOP

CAPTURED = "captured"
DESCRIBED = "described"
FILED = "filed"
TRANSFERRED = "transferred"
STATES = (CAPTURED, DESCRIBED, FILED, TRANSFERRED)

# The field code a filing needs beside the description: the schedule category.
CATEGORY_FIELD = "category"


class StateError(ValueError):
    """A transition the rules refuse; a translatable template with named arguments."""

    context = "Errors"

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


# The completeness stage (``app.domain.completeness.RULES``) an item must pass to be in a
# state; a captured item needs nothing.
STAGE_OF_STATE: dict[str, str | None] = {
    CAPTURED: None, DESCRIBED: "describe", FILED: "file", TRANSFERRED: "transfer",
}


def is_frozen(state: str) -> bool:
    """A transferred item never changes: no edit, no un-filing, no new 件号."""
    return state == TRANSFERRED


def description_state(missing_for_description: Collection[str]) -> str:
    """captured or described, from what the description still lacks."""
    return CAPTURED if missing_for_description else DESCRIBED


def after_edit(state: str, missing_for_description: Collection[str]) -> str:
    """The state after a description change of an item that is not (or no longer) filed.

    A filed item keeps its state here; whether an edit un-files it is ``edit_unfiles``.
    """
    if state == TRANSFERRED:
        raise StateError(QT_TRANSLATE_NOOP(
            "Errors", "A transferred item cannot change; add a work-log note instead."))
    if state == FILED:
        return FILED
    return description_state(missing_for_description)


def edit_unfiles(state: str, changed_group_parts: Collection[str],
                 missing_for_description: Collection[str]) -> bool:
    """Whether an edit takes a filed item's 档号 away.

    It does when a part of its group (全宗, 机构, 年度, 保管期限; the 门类 follows the kind
    and does not change) changed, or when the item no longer has what filing needs.
    """
    return state == FILED and bool(changed_group_parts or missing_for_description)


def filing_blockers(state: str, excluded: bool,
                    missing_for_filing: Collection[str]) -> tuple[str, ...]:
    """Why an item cannot be filed now: field codes, or ``excluded`` / ``filed`` /
    ``transferred``; empty when it can."""
    if state == TRANSFERRED:
        return (TRANSFERRED,)
    if state == FILED:
        return (FILED,)
    if excluded:
        return ("excluded",)
    return tuple(missing_for_filing)


def after_filing(state: str) -> str:
    if state not in (CAPTURED, DESCRIBED):
        raise StateError(QT_TRANSLATE_NOOP("Errors", "Only a described item can be filed; "
                                                     "this one is {state}."), state=state)
    return FILED


def after_unfiling(state: str, missing_for_description: Collection[str]) -> str:
    if state == TRANSFERRED:
        raise StateError(QT_TRANSLATE_NOOP(
            "Errors", "A transferred item keeps its archival code for ever."))
    return description_state(missing_for_description)


def after_transfer(state: str) -> str:
    if state != FILED:
        raise StateError(QT_TRANSLATE_NOOP("Errors", "Only a filed item can be transferred; "
                                                     "this one is {state}."), state=state)
    return TRANSFERRED


def can_appraise(state: str) -> bool:
    """Any item but a transferred one can be excluded or restored; excluding a filed item
    takes its 档号 away (it is never filed while excluded)."""
    return state != TRANSFERRED
