"""Run by the crash test: an export that writes slowly and says when it has started."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.export.pipeline import export_incident
from app.export.seal import Signer
from app.store.repositories import Repositories
from app.store.store import Store


def main() -> None:
    store_dir, out, marker = (Path(a) for a in sys.argv[1:4])
    with Store.open(store_dir) as store:
        def progress(stage: str, done: int, total: int) -> None:
            marker.write_text(f"{done}/{total}")
            time.sleep(0.5)  # slow enough to be killed in the middle of writing

        export_incident(Repositories(store), "EQ2025-01", out,
                        Signer(Ed25519PrivateKey.generate(), "李娜"), progress=progress)


if __name__ == "__main__":
    main()
