"""Interface languages: Chinese (zh_CN) and English (the source language of every message).

Translations are ``resources/i18n/fieldarchive_<lang>.ts`` sources; the ``.qm`` files Qt
loads are built, never committed: the packaged build compiles them next to the sources
(``python -m app.ui.i18n``), and a source checkout compiles them at start-up into the user's
cache folder whenever they are missing or older than their ``.ts``.
Only QtCore here, so the build can call it without a display.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from app.domain.messages import Translatable, render
from app.resources import resource_path

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
LANGUAGES = ("zh_CN", "en")
TS_PREFIX = "fieldarchive_"
# Qt's own strings (OK/Cancel buttons, file dialogs) come from Qt's catalogue.
QT_CATALOGUES = ("qtbase",)

_current = SOURCE_LANGUAGE


class TranslationBuildError(RuntimeError):
    """lrelease is missing or failed; the interface falls back to English."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate knows
    """Mark ``text`` for translation in ``context``; translate it where it is shown."""
    return text


def current_language() -> str:
    """The language of the installed translation ("zh_CN" or "en")."""
    return _current


def is_chinese() -> bool:
    return _current.startswith("zh")


def system_language() -> str:
    """Chinese on a Chinese system (any zh locale, or a locale of China), English otherwise."""
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    if locale.territory() == QLocale.Country.China:
        return "zh_CN"  # e.g. mn_CN on a bilingual Inner Mongolian desktop
    return "en"


def normalize(language: str | None) -> str | None:
    if not language:
        return None
    if language.lower().replace("-", "_").startswith("zh"):
        return "zh_CN"
    if language.lower().startswith("en"):
        return "en"
    return None


def message_text(message: object) -> str:
    """An error or message (``app.domain.messages``) in the interface language.

    Its template is looked up in its context; arguments that are messages themselves are
    translated the same way; anything else (a name, a path, a number) is kept as given.
    Without a QApplication (the command line) the translator installed by
    ``install_command_line_translation`` is used.
    """
    if not isinstance(message, Translatable):
        return str(message)
    text = _translate(message.context, message.template)
    return render(text, message.params, message_text)


_cli_translator: QTranslator | None = None
_INSTALLED: list[QTranslator] = []  # the application's translators (see Translations)
_cli_chosen = False  # the command line chose the language: the app's translators do not count


def _translate(context: str, source: str) -> str:
    if not source:
        return source
    if _cli_chosen:  # the command line (which may run a QCoreApplication for the microphone)
        return (_cli_translator.translate(context, source) or source) if _cli_translator \
            else source
    if QCoreApplication.instance() is not None:
        return QCoreApplication.translate(context, source)
    return source


def install_command_line_translation(language: str, cache_dir: Path) -> bool:
    """Let ``message_text`` answer in ``language`` where no QApplication runs (the CLI)."""
    global _cli_translator, _current, _cli_chosen
    wanted = normalize(language) or SOURCE_LANGUAGE
    _cli_translator = None
    _cli_chosen = True
    _current = SOURCE_LANGUAGE
    if wanted == SOURCE_LANGUAGE:
        return True
    qm = qm_file(wanted, cache_dir)
    translator = QTranslator()
    if qm is None or not translator.load(str(qm)):
        return False
    _cli_translator = translator
    _current = wanted
    return True


def uninstall_command_line_translation() -> None:
    """Back to the application's translators (or English without an application)."""
    global _cli_translator, _current, _cli_chosen
    _cli_translator, _cli_chosen, _current = None, False, SOURCE_LANGUAGE


# -- building .qm files ---------------------------------------------------------------------

def ts_sources(i18n_dir: Path | None = None) -> list[Path]:
    return sorted((i18n_dir or resource_path("i18n")).glob(f"{TS_PREFIX}*.ts"))


def lrelease_command() -> list[str]:
    """PySide6-Essentials ships Qt's ``lrelease`` binary inside the PySide6 package."""
    import PySide6

    package_dir = Path(PySide6.__file__).parent
    for name in ("lrelease.exe", "lrelease") if os.name == "nt" else ("lrelease",):
        binary = package_dir / name
        if binary.is_file():
            return [str(binary)]
    script = Path(sys.executable).parent / "pyside6-lrelease"
    if script.is_file():
        return [str(script)]
    for name in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(name)
        if found:
            return [found]
    raise TranslationBuildError("Qt's lrelease tool was not found (it ships with PySide6).")


def compile_ts(ts: Path, qm: Path) -> Path:
    """Compile one ``.ts`` into ``qm``, replacing it only when the new file is complete."""
    qm.parent.mkdir(parents=True, exist_ok=True)
    partial = qm.with_name(qm.name + ".part")
    try:
        subprocess.run(
            [*lrelease_command(), "-silent", str(ts), "-qm", str(partial)],
            check=True, capture_output=True, timeout=120,
        )
    except (OSError, subprocess.SubprocessError) as err:
        partial.unlink(missing_ok=True)
        raise TranslationBuildError(f"Could not compile {ts.name}: {err}") from err
    os.replace(partial, qm)
    return qm


def compile_all_translations(out_dir: Path | None = None) -> list[Path]:
    """Compile every ``.ts`` (for the build: bootstrap and PyInstaller's build.spec)."""
    return [
        compile_ts(ts, (out_dir or ts.parent) / (ts.stem + ".qm")) for ts in ts_sources()
    ]


def lupdate_command() -> list[str]:
    import PySide6

    binary = Path(PySide6.__file__).parent / ("lupdate.exe" if os.name == "nt" else "lupdate")
    if binary.is_file():
        return [str(binary)]
    found = shutil.which("pyside6-lupdate")
    if found:
        return [found]
    raise TranslationBuildError("Qt's lupdate tool was not found (it ships with PySide6).")


def python_sources(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "migrations" not in p.parts)


def update_ts(ts: Path, sources: list[Path]) -> None:
    """Merge the messages found in ``sources`` into ``ts`` (new ones come out unfinished)."""
    language = ts.stem.removeprefix(TS_PREFIX)
    # The source language's own .ts holds only its plural forms ("%n entries").
    plural_only = ["-pluralonly"] if language == SOURCE_LANGUAGE else []
    subprocess.run(
        [*lupdate_command(), *map(str, sources), "-no-obsolete", "-locations", "none",
         *plural_only, "-source-language", SOURCE_LANGUAGE, "-target-language", language,
         "-ts", str(ts)],
        check=True, capture_output=True, timeout=300,
    )


def _fresh(qm: Path, ts: Path) -> bool:
    return qm.is_file() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime)


def qm_file(language: str, cache_dir: Path, i18n_dir: Path | None = None) -> Path | None:
    """The compiled translation for ``language``, built into ``cache_dir`` if needed.

    A ``.qm`` shipped beside the ``.ts`` (the packaged build) wins while it is up to date.
    """
    ts = (i18n_dir or resource_path("i18n")) / f"{TS_PREFIX}{language}.ts"
    shipped = ts.with_suffix(".qm")
    if _fresh(shipped, ts):
        return shipped
    if not ts.exists():
        return None
    cached = cache_dir / shipped.name
    if not _fresh(cached, ts):
        try:
            compile_ts(ts, cached)
        except (TranslationBuildError, OSError) as err:
            log.warning("interface stays in English: %s", err)
            return None
    return cached


# -- switching at run time -------------------------------------------------------------------
# Strings of Qt's own dialogs that Qt's zh_CN catalogue lacks in their Qt 6 form (the file
# dialog's labels gained mnemonics); our catalogue, installed last, answers for them.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),  # the file list's "Type"
)


def interface_locale(language: str) -> QLocale:
    """The locale whose month and day names match the interface language."""
    if normalize(language) == "zh_CN":
        return QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def _relocale_date_widgets() -> None:
    """Existing date editors and calendars keep the locale they were made with: renew it."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is None or not isinstance(QCoreApplication.instance(), widgets.QApplication):
        return
    for widget in widgets.QApplication.allWidgets():
        if isinstance(widget, widgets.QDateTimeEdit | widgets.QCalendarWidget):
            widget.setLocale(QLocale())
            if isinstance(widget, widgets.QDateTimeEdit) and widget.calendarWidget():
                widget.calendarWidget().setLocale(QLocale())


class Translations(QObject):
    """Installs the translators for one language; widgets retranslate on LanguageChange."""

    language_changed = Signal(str)

    def __init__(self, cache_dir: Path, parent: QObject | None = None,
                 i18n_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.cache_dir = cache_dir
        self.i18n_dir = i18n_dir
        # Shared by every Translations: the application has one set of translators, and a
        # second object (a store switch, a test) must replace, not stack on, the first's.
        self._installed = _INSTALLED

    @property
    def language(self) -> str:
        return _current

    def set_language(self, language: str) -> bool:
        """Switch the interface; returns False (and stays in English) if loading failed."""
        global _current
        global _cli_translator, _cli_chosen
        wanted = normalize(language) or SOURCE_LANGUAGE
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before choosing a language")
        _cli_translator, _cli_chosen = None, False  # the window's translators answer now
        # Month and day names of date pickers follow the interface, not the system locale.
        QLocale.setDefault(interface_locale(wanted))
        for translator in self._installed:
            try:
                app.removeTranslator(translator)
            except RuntimeError:
                pass  # deleted with the object that made it (Qt removed it then)
        self._installed.clear()
        if wanted == SOURCE_LANGUAGE:
            # English needs only its plural forms ("1 entry", "2 entries"): optional.
            self._install(app, wanted, plural_only=True)
            loaded = True
        else:
            loaded = self._install(app, wanted)
        _current = wanted if loaded else SOURCE_LANGUAGE
        if not loaded:
            QLocale.setDefault(interface_locale(SOURCE_LANGUAGE))
        _relocale_date_widgets()
        self.language_changed.emit(_current)
        return loaded

    def _install(self, app: QCoreApplication, language: str, plural_only: bool = False) -> bool:
        qm = qm_file(language, self.cache_dir, self.i18n_dir)
        ours = QTranslator(self)
        if qm is None or not ours.load(str(qm)):
            if not plural_only:
                log.warning("no usable translation for %s", language)
            return False
        if plural_only:
            app.installTranslator(ours)
            self._installed.append(ours)
            return True
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for catalogue in QT_CATALOGUES:
            qt_translator = QTranslator(self)
            if qt_translator.load(f"{catalogue}_{language}", qt_dir):
                app.installTranslator(qt_translator)
                self._installed.append(qt_translator)
        app.installTranslator(ours)
        self._installed.append(ours)
        return True


if __name__ == "__main__":
    # python -m app.ui.i18n           compile every .ts into resources/i18n/*.qm (the build)
    # python -m app.ui.i18n --update  merge new messages from app/ into the .ts sources
    if "--update" in sys.argv[1:]:
        app_dir = Path(__file__).resolve().parent.parent
        for source in ts_sources():
            update_ts(source, python_sources(app_dir))
            print(source)
    else:
        for built in compile_all_translations():
            print(built)
