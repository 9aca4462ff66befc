"""The capture screens: import, camera, microphone and physical objects (one page, sub-tabs)."""
