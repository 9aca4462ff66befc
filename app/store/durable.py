"""Writing a file so that it is either whole or absent: temp file, fsync, rename."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(out: Path, data: bytes) -> None:
    """``out`` holds ``data`` or is as it was; never a half-written file."""
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
