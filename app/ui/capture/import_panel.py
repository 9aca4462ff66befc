"""Import files and folders (a camera card, a phone dump, a media handover) into the incident.

Files come from the two buttons or from a drop anywhere on the window (the capture page
routes drops here). The import runs in the worker primitive; every finished file arrives
as it happens: a thumbnail in the grid (read from the vault and decoded on the worker
thread), or a red/amber line saying why it was not stored. Cancel stops between files or
mid-copy: finished files are kept, nothing half-copied is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.store.records import IncidentRecord
from app.ui.capture.import_outcome import (
    DUPLICATE,
    FAILED,
    IMPORTED,
    NOT_STARTED,
    FileOutcome,
    ImportSummary,
)
from app.ui.capture.message_label import Message, MessageLabel
from app.ui.capture.provenance_form import ProvenanceForm
from app.ui.capture.results_model import DetailRole, ImportResultsModel
from app.ui.capture.thumbnail_model import Thumb, ThumbnailModel, item_thumbnail
from app.ui.services import UiServices
from app.ui.worker import Worker

THUMB_ICON = QSize(120, 90)
THUMB_CELL = QSize(150, 126)


class ResultBridge(QObject):
    """Lives on the GUI thread; the worker emits through it, so slots run on the GUI."""

    result = Signal(object, object)  # FileOutcome, QImage | None


class ImportPanel(QWidget):
    """``import_finished`` carries the ImportSummary of each run."""

    import_finished = Signal(object)
    item_stored = Signal(str)

    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.incident: IncidentRecord | None = services.selection.current
        self.worker: Worker | None = None
        self.pending: list[Path] = []
        self.counts = {IMPORTED: 0, DUPLICATE: 0, FAILED: 0}
        self.bridge = ResultBridge(self)
        self.bridge.result.connect(self._on_result)

        self.add_files_button = QPushButton(self)
        self.add_files_button.setObjectName("add_files_button")
        self.add_files_button.clicked.connect(self.choose_files)
        self.add_folder_button = QPushButton(self)
        self.add_folder_button.setObjectName("add_folder_button")
        self.add_folder_button.clicked.connect(self.choose_folder)
        self.drop_hint = QLabel(self)
        self.drop_hint.setStyleSheet("color: palette(placeholder-text);")
        self.start_button = QPushButton(self)
        self.start_button.setObjectName("start_button")
        self.start_button.clicked.connect(self.start_pending)
        self.start_button.setVisible(False)

        self.provenance_box = QGroupBox(self)
        self.provenance = ProvenanceForm(parent=self.provenance_box)
        box_layout = QVBoxLayout(self.provenance_box)
        box_layout.addWidget(self.provenance)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.status_label = MessageLabel(self)
        self.status_label.setWordWrap(False)
        self.status_label.setMinimumWidth(200)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)

        self.thumbnails = ThumbnailModel(self, icon_size=THUMB_ICON)
        self.grid = QListView(self)
        self.grid.setObjectName("thumbnail_grid")
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        self.grid.setIconSize(THUMB_ICON)
        self.grid.setGridSize(THUMB_CELL)
        self.grid.setWordWrap(True)
        self.grid.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.grid.setModel(self.thumbnails)

        self.results = ImportResultsModel(self)
        self.results_view = QListView(self)
        self.results_view.setObjectName("results_list")
        self.results_view.setModel(self.results)
        self.results_view.setWordWrap(True)
        self.results_view.selectionModel().currentChanged.connect(self._show_detail)
        self.results_title = QLabel(self)
        self.results_title.setBuddy(self.results_view)
        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setStyleSheet("color: palette(placeholder-text);")
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary_label")
        self.message_label = MessageLabel(self)
        self.message_label.setObjectName("message_label")

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_files_button)
        buttons.addWidget(self.add_folder_button)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.drop_hint, 1)
        run_row = QHBoxLayout()
        run_row.addWidget(self.progress, 2)
        run_row.addWidget(self.status_label, 2)
        run_row.addWidget(self.cancel_button)
        results_box = QWidget(self)
        results_layout = QVBoxLayout(results_box)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.results_title)
        results_layout.addWidget(self.results_view, 1)
        results_layout.addWidget(self.detail_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.grid)
        self.splitter.addWidget(results_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        left = QVBoxLayout()
        left.addLayout(buttons)
        left.addWidget(self.message_label)
        left.addLayout(run_row)
        left.addWidget(self.summary_label)
        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addWidget(self.provenance_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        services.selection.changed.connect(self._incident_changed)
        self.retranslate()

    # -- adding files --------------------------------------------------------------------------
    def choose_files(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Add files to import"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda files: self.add_paths([Path(f) for f in files]))
        dialog.open()
        return dialog

    def choose_folder(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Add a folder to import (a camera card, a phone)"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda folder: self.add_paths([Path(folder)]))
        dialog.open()
        return dialog

    def add_paths(self, paths: list[Path]) -> None:
        """Import these files and folders now, or as soon as the running import ends."""
        self.pending.extend(p for p in paths if p not in self.pending)
        if self.worker is None:
            self.start_pending()
        else:
            self._say(lambda: self.tr("{count} more waiting; they are imported when this import "
                              "ends.").format(count=len(self.pending)))

    def start_pending(self, keep_view: bool = False) -> Worker | None:
        if not self.pending or self.worker is not None:
            return None
        if self.incident is None:
            self._hold(lambda: self.tr("Choose or create an incident first; then press "
                                       "Import now."))
            return None
        problem = self.provenance.problem()
        if problem is not None:
            self._hold(lambda: problem + " " + self.tr("Then press Import now."))
            return None
        from app.ui.capture.import_job import run_import  # the media libraries, when needed

        channel, details = self.provenance.provenance()
        paths, self.pending = self.pending, []
        self.start_button.setVisible(False)
        if not keep_view:
            self.thumbnails.clear()
            self.results.clear()
            self.counts = {IMPORTED: 0, DUPLICATE: 0, FAILED: 0}
            self.detail_label.clear()
        self._say("")
        worker = self.services.jobs.prepare(
            run_import, self.services.repos, self.incident.id, paths,
            source_channel=channel, provenance=details, on_result=self._deliver)
        worker.signals.progress.connect(self._on_progress)
        worker.signals.finished.connect(self._on_finished)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.done.connect(self._on_done)
        self.worker = worker
        self.progress.setRange(0, 0)
        self.status_label.show_message(lambda: self.tr("Looking at the files…"))
        self.cancel_button.setEnabled(True)
        self._update_summary()
        self.services.jobs.submit(worker)
        return worker

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.pending.clear()
            self.cancel_button.setEnabled(False)
            self.status_label.show_message(lambda: self.tr("Cancelling… files still being copied "
                                              "are dropped, finished files are kept."))

    @property
    def running(self) -> bool:
        return self.worker is not None

    # -- results (the worker thread calls _deliver) --------------------------------------------
    def _deliver(self, outcome: FileOutcome) -> None:
        image: QImage | None = None
        if outcome.status == IMPORTED and outcome.item_id:
            try:
                image = item_thumbnail(self.services.repos, outcome.item_id)
            except (OSError, ValueError):
                image = None  # the item is stored; only its picture is missing here
        self.bridge.result.emit(outcome, image)

    def _on_result(self, outcome: FileOutcome, image: QImage | None) -> None:
        if outcome.status in self.counts:
            self.counts[outcome.status] += 1
        if outcome.status == IMPORTED and outcome.item_id:
            self.thumbnails.add(Thumb(outcome.item_id, outcome.name, outcome.kind, image,
                                      str(outcome.path)))
            self.services.last_item.set(outcome.item_id)
            self.item_stored.emit(outcome.item_id)
        if self.results.add(outcome) and outcome.status == FAILED:
            self.results_view.scrollToBottom()
        self._update_summary()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if not self.cancel_button.isEnabled() and self.progress.maximum() > 0:
            return  # cancelled: the bar stays where the import got to (files in flight are
            # dropped, so their bytes counting up to the total would say too much)
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if text and self.cancel_button.isEnabled():
            self.status_label.show_message(text)

    def _on_finished(self, summary: ImportSummary) -> None:
        # Cancelled, the bar stays where the import got to (not at 100 %).
        if not summary.cancelled:
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
        if summary.cancelled:
            self.status_label.show_message(lambda: self.tr("Cancelled."))
            self._say(lambda: self.tr("Import cancelled: {count} files were not imported; every "
                              "file that finished is kept.").format(
                count=summary.count(NOT_STARTED)))
        else:
            self.status_label.show_message(lambda: self.tr("Import finished."))
        self.import_finished.emit(summary)

    def _on_failed(self, message: str) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status_label.show_message(lambda: self.tr("Import stopped."))
        self._say(message, error=True)

    def _on_done(self) -> None:
        self.worker = None
        self.cancel_button.setEnabled(False)
        if self.pending:
            self.start_pending(keep_view=True)

    # -- look ----------------------------------------------------------------------------------
    def _hold(self, message: Message) -> None:
        self._say(message, error=True)
        self.start_button.setVisible(True)

    def _say(self, message: Message, error: bool = False) -> None:
        self.message_label.show_message(message, "#be1e1e" if error else "")

    def _show_detail(self) -> None:
        index = self.results_view.currentIndex()
        self.detail_label.setText(str(index.data(DetailRole) or "") if index.isValid() else "")

    def _update_summary(self) -> None:
        self.summary_label.setText(self.tr(
            "Imported: {imported}   Duplicates: {duplicates}   Failed: {failed}").format(
            imported=self.counts[IMPORTED], duplicates=self.counts[DUPLICATE],
            failed=self.counts[FAILED]))

    def _incident_changed(self, incident: IncidentRecord | None) -> None:
        self.incident = incident

    def retranslate(self) -> None:
        self.add_files_button.setText(self.tr("Add fil&es…"))
        self.add_folder_button.setText(self.tr("Add fo&lder…"))
        self.start_button.setText(self.tr("Import no&w"))
        self.drop_hint.setText(self.tr("or drop files and folders anywhere on the window"))
        self.provenance_box.setTitle(self.tr("Where the files come from"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.results_title.setText(self.tr("Not stored, or stored with a warnin&g:"))
        if not self.running and not self.status_label.text():
            self.status_label.show_message(lambda: self.tr("Ready."))  # then it follows
        self.results.retranslate()
        self._update_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
