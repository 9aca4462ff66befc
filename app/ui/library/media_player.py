"""Sound and video played in place with Qt Multimedia: play/pause, a seek slider with the
time, and the volume. The player reads the stored file; it never writes anything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.retranslate import Retranslating


def clock(ms: int) -> str:
    seconds = max(ms, 0) // 1000
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class MediaPlayerWidget(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.audio.setVolume(0.8)
        self.player.setAudioOutput(self.audio)
        self.video = QVideoWidget(self)
        self.video.setMinimumHeight(120)
        self.player.setVideoOutput(self.video)
        self.play_button = QToolButton(self)
        self.play_button.setObjectName("playPause")
        self.play_button.clicked.connect(self.toggle)
        self.position_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.position_slider.setObjectName("seek")
        self.position_slider.setRange(0, 0)
        self.position_slider.sliderMoved.connect(self.player.setPosition)
        self.position_slider.setPageStep(5000)
        self.position_slider.valueChanged.connect(self._slider_changed)
        self.time_label = QLabel(self)
        self.volume_label = QLabel(self)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.volume_slider.setObjectName("volume")
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(80)
        self.volume_slider.setMaximumWidth(110)
        self.volume_slider.valueChanged.connect(lambda v: self.audio.setVolume(v / 100))
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.position_slider, 1)
        controls.addWidget(self.time_label)
        controls.addSpacing(8)
        controls.addWidget(self.volume_label)
        controls.addWidget(self.volume_slider)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.video, 1)
        layout.addLayout(controls)
        self.player.positionChanged.connect(self._position_changed)
        self.player.durationChanged.connect(self._duration_changed)
        self.player.playbackStateChanged.connect(self._state_changed)
        self.retranslate()

    def open(self, path: Path | None, with_picture: bool) -> None:
        self.player.stop()
        self.video.setVisible(with_picture)
        self.player.setSource(QUrl.fromLocalFile(str(path)) if path else QUrl())
        self._position_changed(0)

    def stop(self) -> None:
        self.player.stop()
        self.player.setSource(QUrl())

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def _slider_changed(self, value: int) -> None:
        # Keyboard and page steps on the slider seek too (a drag seeks through sliderMoved).
        if not self.position_slider.isSliderDown() and abs(value - self.player.position()) > 500:
            self.player.setPosition(value)

    def _position_changed(self, ms: int) -> None:
        self.position_slider.blockSignals(True)
        self.position_slider.setValue(ms)
        self.position_slider.blockSignals(False)
        self.time_label.setText(f"{clock(ms)} / {clock(self.player.duration())}")

    def _duration_changed(self, ms: int) -> None:
        self.position_slider.setRange(0, ms)
        self._position_changed(self.player.position())

    def _state_changed(self) -> None:
        playing = self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay))
        self.retranslate()

    def retranslate(self) -> None:
        playing = self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setToolTip(self.tr("Pause") if playing else self.tr("Play"))
        if self.play_button.icon().isNull():
            self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.volume_label.setText(self.tr("Volume"))
        self.position_slider.setToolTip(self.tr("Position: drag, or use the arrow keys"))
