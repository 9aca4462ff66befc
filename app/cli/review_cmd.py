"""`fieldarchive review PATH`: open a store folder in the read-only review window.

Packages (a bag folder or a ZIP) need the transfer package format, which the export work
defines; until then a package is refused with a plain sentence, not opened half-way.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import Output, UsageError
from app.domain.messages import QT_TRANSLATE_NOOP
from app.store.errors import NotAStore


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    review = sub.add_parser("review", help="inspect a store read-only (supervisors)",
                            parents=[common])
    review.add_argument("path", type=Path, metavar="PATH", help="the store folder to review")
    review.set_defaults(handler=_review)


def refuse_packages(path: Path) -> None:
    """A transfer package is recognised and refused: its reader comes with its format."""
    if path.is_file() and path.suffix.lower() == ".zip" or (path / "bagit.txt").is_file():
        raise NotAStore(QT_TRANSLATE_NOOP(
            "Errors", "{path} is a transfer package; reviewing packages needs the package "
            "format, which this version cannot read yet. Give a store folder."), path=path)


def _review(args: argparse.Namespace, out: Output) -> int:
    if out.json_mode:
        raise UsageError("review opens a window; --json does not apply")
    path = Path(args.path).expanduser()
    refuse_packages(path)
    from app.ui.review.app import run_review

    return run_review(path, getattr(args, "lang", None))
