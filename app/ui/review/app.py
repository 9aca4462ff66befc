"""Start the review window on its own: no settings written, no store opened writable."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_cache_path

from app.export.package_review import open_review
from app.ui.errors import install_exception_hook
from app.ui.i18n import Translations, normalize, system_language
from app.ui.main import application
from app.ui.review.review_window import ReviewWindow
from app.ui.settings import APPLICATION
from app.ui.worker import Jobs


def run_review(paths: list[Path], language: str | None) -> int:
    """Open a store or packages read-only (a StoreError goes to the caller, before any
    window)."""
    reader = open_review(paths)
    try:
        app = application()
        translations = Translations(user_cache_path(APPLICATION, appauthor=False) / "i18n", app)
        translations.set_language(normalize(language) or system_language())
        install_exception_hook()
        jobs = Jobs(parent=app)
        window = ReviewWindow(reader, jobs, translations)
        window.show()
        try:
            return app.exec()
        finally:
            jobs.cancel_all()
            jobs.wait()
    finally:
        reader.close()
