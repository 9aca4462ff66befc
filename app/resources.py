"""Where the program's resources (translations, icons, schemas, templates) live.

From a source checkout or an editable install they are in the repository's ``resources/``;
in a PyInstaller bundle they are unpacked under ``sys._MEIPASS/resources``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        return Path(frozen_root) / "resources"
    return _REPO_ROOT / "resources"


def resource_path(*parts: str) -> Path:
    """A path inside ``resources/``, e.g. ``resource_path("i18n", "fieldarchive_zh_CN.ts")``."""
    return resources_dir().joinpath(*parts)
