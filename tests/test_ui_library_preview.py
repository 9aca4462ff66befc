"""The Library's preview with real files imported through the importer: a photo decoded at
screen size and upright, a WAV and an MP4 that play in place (the position advances), a
document opened from a copy in the cache folder with the vault left untouched."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSize
from PySide6.QtMultimedia import QMediaPlayer

from app.capture.importer import import_files
from app.store.records import IncidentRecord
from app.ui.library.preview_jobs import copy_to_cache, decode_photo
from app.ui.library.preview_pane import DOCUMENT, MEDIA, PHOTO, ItemPreview
from app.ui.services import UiServices
from tests import pulse, ui_log_support
from tests.capture_media import make_video
from tests.library_support import SAMPLES

PULSE_PROBLEM = pulse.ensure()  # a sound server before Qt first asks for audio devices
services = ui_log_support.services  # a shared fixture
ORIENTED = SAMPLES / "jpg" / "orientation"


def row_of(services: UiServices, incident: IncidentRecord, name: str):
    for row in services.repos.library.page(incident.id, limit=500):
        if row.original_name == name:
            return row
    raise AssertionError(name)


def vault_digest(services: UiServices) -> str:
    digest = hashlib.sha256()
    root = services.store.vault.root
    for path in sorted(root.rglob("*")):
        digest.update(str(path.relative_to(root)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def preview(qtbot, services: UiServices, tmp_path: Path) -> ItemPreview:
    widget = ItemPreview(services.repos.library, services.jobs, cache_dir=tmp_path / "cache")
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    widget.show()
    return widget


def test_a_photo_is_decoded_upright_at_screen_size(qtbot, preview: ItemPreview,
                                                   services: UiServices,
                                                   incident: IncidentRecord) -> None:
    import_files(services.repos, incident.id, [ORIENTED / "landscape_6.jpg",
                                               SAMPLES / "jpg" / "Canon_40D.jpg"])
    turned = row_of(services, incident, "landscape_6.jpg")
    with Image.open(ORIENTED / "landscape_6.jpg") as img:
        stored_w, stored_h = img.size  # as stored: turned on its side (orientation 6)
    preview.show_item(turned)
    assert preview.stack.currentIndex() == PHOTO
    qtbot.waitUntil(preview.image_view.has_image, timeout=20_000)
    assert preview.full_size == (stored_h, stored_w)  # upright: width and height swap
    # The JPEG is decoded reduced when the bound is small (draft), never above the bound.
    small = decode_photo(services.repos.library, row_of(services, incident,
                                                        "Canon_40D.jpg").id,
                         QSize(200, 150), 1, cancel=threading.Event(),
                         progress=lambda *a: None)
    assert small.image is not None and small.image.width() <= 200
    assert small.full_size == (100, 68)
    preview.image_view.zoom_by(2.0)
    assert not preview.image_view.fitted


@pytest.mark.skipif(PULSE_PROBLEM is not None, reason=str(PULSE_PROBLEM))
@pytest.mark.parametrize("name", ["tone.wav", "site.mp4"])
def test_sound_and_video_play_in_place(qtbot, preview: ItemPreview, services: UiServices,
                                       incident: IncidentRecord, tmp_path: Path,
                                       name: str) -> None:
    source = tmp_path / "card" / name
    source.parent.mkdir()
    if name.endswith(".wav"):
        pulse.write_tone(source, 4.0)
    else:
        make_video(source, 4.0)
    report = import_files(services.repos, incident.id, [source])
    assert report.imported, report
    before = vault_digest(services)
    preview.show_item(row_of(services, incident, name))
    assert preview.stack.currentIndex() == MEDIA
    player = preview.player.player
    qtbot.waitUntil(lambda: player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia,
                    timeout=20_000)
    assert preview.player.video.isVisibleTo(preview) == name.endswith(".mp4")
    preview.player.toggle()  # play
    qtbot.waitUntil(lambda: player.position() > 300, timeout=20_000)
    assert player.duration() > 3000
    preview.player.toggle()  # pause
    qtbot.waitUntil(lambda: player.playbackState() == QMediaPlayer.PlaybackState.PausedState)
    paused_at = player.position()
    player.setPosition(1000)  # seek
    qtbot.waitUntil(lambda: abs(player.position() - 1000) < 200, timeout=10_000)
    assert paused_at > 300
    assert preview.player.position_slider.maximum() == player.duration()
    preview.player.volume_slider.setValue(30)
    assert abs(preview.player.audio.volume() - 0.3) < 0.01
    preview.show_item(None)
    assert vault_digest(services) == before  # playing wrote nothing into the vault


def test_a_document_opens_from_a_cache_copy(qtbot, preview: ItemPreview,
                                            services: UiServices, incident: IncidentRecord,
                                            tmp_path: Path) -> None:
    source = tmp_path / "card" / "通报.pdf"
    source.parent.mkdir()
    source.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    report = import_files(services.repos, incident.id, [source])
    assert report.imported, report
    row = row_of(services, incident, "通报.pdf")
    before = vault_digest(services)
    preview.show_item(row)
    assert preview.stack.currentIndex() == DOCUMENT
    copy = copy_to_cache(services.repos.library, row.id, tmp_path / "cache",
                         cancel=threading.Event(), progress=lambda *a: None)
    assert copy.read_bytes() == source.read_bytes()
    assert copy.is_relative_to(tmp_path / "cache") and copy.name == "通报.pdf"
    (copy.parent / ".~lock.通报.pdf#").write_text("a viewer's lock file")
    assert vault_digest(services) == before
