"""`fieldarchive` / `fieldarchive gui`: the desktop application."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import Output, add_store_arg, store_path


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    gui = sub.add_parser("gui", help="open the desktop application (the default)",
                         parents=[common])
    add_store_arg(gui)
    # --lang (the interface language) is a global option of every command.
    gui.set_defaults(handler=_gui)


def _gui(args: argparse.Namespace, out: Output) -> int:
    from app.ui.main import run

    return run(store_path(args), explicit_store=args.store is not None,
               language=getattr(args, "lang", None))


def run_default(args: argparse.Namespace, out: Output) -> int:
    args.store = None
    return _gui(args, out)
