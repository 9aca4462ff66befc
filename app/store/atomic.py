"""The one way a finished file is written: a temporary file, fsync, then rename.

A reader (or a crash) sees the old file or the whole new one, never half of one. The
temporary name is the program's own (pid and a random part), so two programs writing the
same file at once never share it, and it starts with a dot so a folder listing skips it.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` durably and atomically; returns ``path``."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
