"""Plain-Python domain rules: codes, retention, archival codes. No Qt, no SQL."""
