"""``verify``: check a transfer package, folder or ZIP, with nothing from the store.

Every check of the 四性 catalogue that a package alone can answer, per item and per file,
each result citing its DA/T 70-2018 item (``catalogue``). ``bagit_only`` judges any BagIt
bag as RFC 8493 does and nothing more. Nothing is written here: the caller writes the
report where it was asked to.

The checks live beside this module, one idea each: ``verify_bagit`` (RFC 8493, with the
digest pass of ``verify_digests``), ``verify_signature``, ``verify_dat93`` (the package's
structure and counts), ``verify_items`` (each 件 and its files), ``verify_records`` (audit
events, chain, registration form) and ``verify_xml`` (parsing and schemas).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.layout import COVERS
from app.export.package_reader import open_package
from app.export.report import PACKAGE, Report, Result, fail
from app.export.verify_bagit import check_bagit
from app.export.verify_dat93 import check_dat93
from app.export.verify_digests import ProgressFn

# The bar's share for the DA/T 93 checks after the digest pass (per item: metadata,
# formats, and with ``decode`` every original read and decoded again).
CHECKS_SHARE = 0.1
DECODE_SHARE = 0.5


class _Progress:
    """One bar for the whole verify: the digest pass reports its bytes ("digest"), the
    checks after it their items ("checks"), each stage scaled into its share, so the bar
    does not sit full while the checks run. ``done`` and ``total`` are in one unit; the
    last report has done == total."""

    def __init__(self, report: ProgressFn, checks_share: float) -> None:
        self.report = report
        self.share = checks_share
        self.digest_total = 0
        self.total = 0

    def digest(self, stage: str, done: int, total: int) -> None:
        if total != self.digest_total or not self.total:
            self.digest_total = total
            self.total = max(1, round(total / (1 - self.share))) if total else 1000
        self.report("digest", done, self.total)

    def checks(self, done: int, total: int) -> None:
        if not self.total:
            self.total = 1000  # nothing was digested: the checks are the whole bar
        room = self.total - self.digest_total
        self.report("checks", self.digest_total + (room * done // total if total else room),
                    self.total)


def verify_package(path: Path, *, trusted_key: str | None = None, bagit_only: bool = False,
                   decode: bool = True, progress: ProgressFn | None = None,
                   previous: Path | None = None,
                   algorithms: set[str] | None = None) -> Report:
    """Check a package; ``algorithms`` limits which payload manifests' digests are
    recomputed (all by default; every manifest is still checked for completeness)."""
    report = Report("verify", path.name)
    report.notes.update({f"covers:{k}": v for k, v in COVERS.items()} if not bagit_only
                        else {})
    try:
        reader = open_package(path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        report.add([fail("zip-integrity" if path.is_file() else "bagit", PACKAGE,
                         QT_TRANSLATE_NOOP("Errors", "the package cannot be opened ({reason})"),
                         reason=str(err))])
        return report
    bar = None if progress is None else _Progress(
        progress, 0.0 if bagit_only else DECODE_SHARE if decode else CHECKS_SHARE)
    try:
        report.add(reader.problems)
        bag = check_bagit(reader, report, bagit_only, bar.digest if bar else None,
                          algorithms)
        if bag is not None and not bagit_only:
            check_dat93(bag, report, trusted_key, decode, bar.checks if bar else None)
        if bar is not None:
            bar.checks(1, 1)  # the end, whatever was skipped
    finally:
        reader.close()
    if previous is not None and not bagit_only:
        from app.export.anchors import verify_previous

        report.add([Result(r.check, f"--previous {r.subject}", r.ok, r.template, r.params,
                           r.required) for r in verify_previous(path, previous)])
    return report
