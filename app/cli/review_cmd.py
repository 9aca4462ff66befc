"""`fieldarchive review PATH [PATH...]`: open the read-only review window.

PATH is a store folder, a transfer package folder or a package ZIP; several packages (the
bags of one group, packages of one incident from several teams) open together and are
browsed as one, each item showing the package it came from. Anything else is refused in
one sentence before any window opens.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import Output, UsageError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    review = sub.add_parser("review", help="inspect a store or transfer packages read-only "
                            "(supervisors)", parents=[common])
    review.add_argument("paths", type=Path, nargs="+", metavar="PATH",
                        help="a store folder, or package folders and ZIPs")
    review.set_defaults(handler=_review)


def _review(args: argparse.Namespace, out: Output) -> int:
    if out.json_mode:
        raise UsageError("review opens a window; --json does not apply")
    from app.export.package_review import refuse_unknown

    paths = [Path(p).expanduser() for p in args.paths]
    for path in paths:
        refuse_unknown(path)  # said before Qt starts
    from app.ui.review.app import run_review

    return run_review(paths, getattr(args, "lang", None))
