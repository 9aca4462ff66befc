"""Camera frames (BGR ``numpy`` arrays) into QImages, off the GUI thread.

QImage (unlike QPixmap) may be made and filled on any thread; the camera loop and the
import job call these on their own threads and hand the finished QImage to the GUI by
signal, so the GUI thread never scales or decodes a picture.
"""

from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage


def fit_size(width: int, height: int, bound: QSize) -> tuple[int, int]:
    """The largest size within ``bound`` with the picture's aspect ratio (never enlarged)."""
    if width <= 0 or height <= 0 or bound.width() <= 0 or bound.height() <= 0:
        return width, height
    scale = min(bound.width() / width, bound.height() / height, 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


def frame_to_qimage(image: np.ndarray, bound: QSize | None = None) -> QImage:
    """A BGR frame as an RGB QImage that owns its pixels, scaled down to fit ``bound``."""
    height, width = image.shape[:2]
    if bound is not None:
        w, h = fit_size(width, height, bound)
        if (w, h) != (width, height):
            image = cv2.resize(image, (w, h), interpolation=cv2.INTER_AREA)
            width, height = w, h
    rgb = np.ascontiguousarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
    wrapped = QImage(rgb.data, width, height, rgb.strides[0], QImage.Format.Format_RGB888)
    return wrapped.copy()  # the numpy buffer goes away with this function
