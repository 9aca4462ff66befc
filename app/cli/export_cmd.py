"""`fieldarchive export` and `fieldarchive verify`: the transfer package (移交) and its check.

export: pre-flight, then the package(s) written under a temporary name, signed with the
approving reviewer's key (unlocked by their passphrase, asked on the terminal or read from
standard input), renamed, and only then the items marked transferred. Prints the package
path(s); exits 1 with the pre-flight findings when a required check blocks it.

verify: a package (folder or ZIP) checked with nothing from a store; exit 0 only when every
required check passes. The report goes to ``--report FILE`` (.xml, .json, else text in
Chinese and English) and its SHA-256 is printed, so the report itself can be checked later.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import threading
from pathlib import Path
from typing import Any

from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    Output,
    UsageError,
    add_operator_arg,
    add_store_arg,
    open_store,
    read_passphrase,
)

EXIT_INTERRUPTED = 130


def size_type(value: str) -> int:
    """``700M``, ``4.7G``, ``25GB`` or a byte count."""
    from app.export.plan import parse_size

    try:
        return parse_size(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a size: {value!r} (e.g. 700M, 4.7G)") from None


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    ex = sub.add_parser("export", parents=[common],
                        help="write a transfer package (BagIt, DA/T 93 layout) of filed items")
    add_store_arg(ex)
    add_operator_arg(ex)
    ex.add_argument("--incident", required=True, metavar="ID")
    ex.add_argument("--out", required=True, type=Path, metavar="DIR")
    ex.add_argument("--zip", action="store_true", help="one ZIP with stored entries per bag")
    ex.add_argument("--carrier-size", type=size_type, metavar="SIZE",
                    help="split into several bags of one group, each at most SIZE")
    ex.add_argument("--carrier-type", default="移动硬盘", metavar="TYPE")
    ex.add_argument("--carrier-number", default="", metavar="NUMBER")
    ex.add_argument("--items", nargs="+", metavar="ITEM",
                    help="these items (id or 档号) instead of every filed, untransferred one")
    ex.add_argument("--classified", action="store_true",
                    help="a separate classified batch of the items classified 秘密 or higher")
    ex.add_argument("--profile", choices=("dat93", "archivematica"), default="dat93",
                    help="archivematica: the same items as a standard Archivematica "
                         "transfer (objects/, metadata/metadata.csv); check it with "
                         "'verify --bagit-only'")
    ex.add_argument("--redact-old", action="append", default=[], metavar="FIELD",
                    help="in the exported audit events, replace the earlier values of this "
                         "field (e.g. title, description; 'all' for every changed field) by "
                         "their SHA-256 digests; the chain still verifies (repeatable)")
    ex.add_argument("--reviewer", required=True, metavar="NAME",
                    help="the approving reviewer (审核人), whose key signs the package")
    ex.set_defaults(handler=_export)

    ve = sub.add_parser("verify", parents=[common],
                        help="check a transfer package (四性检测) with no store")
    ve.add_argument("package", type=Path, metavar="PACKAGE")
    ve.add_argument("--report", type=Path, metavar="FILE",
                    help="write the report here (.xml, .json, or text in Chinese and English)")
    ve.add_argument("--trusted-key", metavar="FINGERPRINT",
                    help="the signing key's SHA-256 fingerprint, known from the paper form")
    ve.add_argument("--previous", type=Path, metavar="OLDER",
                    help="the previous package from the same store: check the chain between")
    ve.add_argument("--bagit-only", action="store_true",
                    help="check BagIt validity alone (bags made by other tools)")
    ve.add_argument("--algorithm", action="append", choices=("sha256", "sm3"),
                    help="recompute only these manifests' digests (default: all)")
    ve.add_argument("--no-decode", action="store_true",
                    help="skip decoding every image, sound and video")
    ve.set_defaults(handler=_verify)


def _export(args: argparse.Namespace, out: Output) -> int:
    from app.cli.import_cmd import ctrl_c_cancels
    from app.export.errors import ExportBlocked
    from app.export.pipeline import export_incident
    from app.export.plan import Options
    from app.export.seal import Signer
    from app.store.repositories import Repositories

    passphrase = read_passphrase(f"Passphrase of {args.reviewer}: ")
    cancel = threading.Event()
    with open_store(args) as store, ctrl_c_cancels(cancel):
        repos = Repositories(store)
        reviewer, key = repos.operators.unlock_signing_key(args.reviewer, passphrase,
                                                           role="reviewer")
        options = Options(carrier_size=args.carrier_size, carrier_type=args.carrier_type,
                          carrier_number=args.carrier_number, classified=args.classified,
                          profile=args.profile,
                          preparer=args.operator or "",
                          redact_old_values=tuple("*" if f == "all" else f
                                                  for f in args.redact_old))
        progress = _progress() if sys.stderr.isatty() and not out.json_mode else None
        try:
            result = export_incident(repos, args.incident, args.out,
                                     Signer(key, reviewer.name), as_zip=args.zip,
                                     options=options, items=args.items,
                                     operator=args.operator, progress=progress,
                                     cancel=cancel)
        except ExportBlocked as err:
            from app.ui.i18n import message_text

            for r in err.report.blocking + err.report.warnings:
                kind = "BLOCKS " if r.blocking else "WARNING"
                out.line(f"{kind} {r.check:<22} {r.subject}: {r.text('en')}")
            return out.fail(message_text(err), code=err.code,
                            extra={"preflight": err.report.to_json()})
        finally:
            if progress is not None:
                sys.stderr.write("\r\033[K")
    for b in result.reconciled:
        out.line(f"Reconciled batch {b.number}: its package was found finished; its "
                 f"{b.item_count} item(s) are now marked transferred.")
    for w in result.preflight.warnings:
        out.line(f"WARNING {w.check:<22} {w.subject}: {w.text('en')}")
    for p in result.paths:
        out.line(str(p))
    out.result({"paths": [str(p) for p in result.paths], "batch_id": result.batch.id,
                "batch_number": result.batch.number, "items": result.batch.item_count,
                "bytes": result.batch.byte_count, "fingerprint": result.batch.fingerprint,
                "digests": result.batch.digests,
                "warnings": [w.text("en") for w in result.preflight.warnings]})
    return EXIT_OK


def _progress() -> Any:
    def progress(stage: str, done: int, total: int) -> None:
        sys.stderr.write(f"\r{stage} {100 * done // total if total else 100:3d}%")
        sys.stderr.flush()
    return progress


def _lang(args: argparse.Namespace) -> str:
    """The report's language on the terminal: the global --lang, else the locale."""
    from app.cli.language import environment_language

    chosen = getattr(args, "lang", None) or environment_language()
    return "zh" if str(chosen).lower().startswith("zh") else "en"


def _verify(args: argparse.Namespace, out: Output) -> int:
    from app.export.verify import verify_package

    package: Path = args.package
    if not package.exists():
        raise UsageError(f"fieldarchive verify: {package} does not exist")
    if args.previous is not None and not args.previous.exists():
        raise UsageError(f"fieldarchive verify: {args.previous} does not exist")
    progress = _progress() if sys.stderr.isatty() and not out.json_mode else None
    try:
        report = verify_package(package, trusted_key=args.trusted_key,
                                bagit_only=args.bagit_only, decode=not args.no_decode,
                                previous=args.previous, progress=progress,
                                algorithms=set(args.algorithm) if args.algorithm else None)
    finally:
        if progress is not None:
            sys.stderr.write("\r\033[K")
    if args.report is not None:
        suffix = args.report.suffix.lower()
        if suffix == ".xml":
            data = report.to_xml()
        elif suffix == ".json":
            data = json.dumps(report.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
        else:
            data = (report.to_text("zh") + "\n" + report.to_text("en")).encode("utf-8")
        args.report.write_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
    else:
        digest = hashlib.sha256(report.to_xml()).hexdigest()
    if out.json_mode:
        obj = report.to_json()
        obj["report_sha256"] = digest
        if not report.passed:
            obj["error"] = f"{len(report.blocking)} required check(s) failed"
        out.result(obj)
    else:
        out.line(report.to_text(_lang(args)).rstrip("\n"))
        out.line(f"Report SHA-256: {digest}"
                 + (f" ({args.report})" if args.report is not None else " (XML rendition)"))
    if report.passed:
        return EXIT_OK
    if not out.json_mode:
        print(f"fieldarchive: verify failed: {len(report.blocking)} required check(s) "
              f"failed", file=sys.stderr)
    return EXIT_FAILED
