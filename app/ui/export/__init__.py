"""The Export tab: transfer history and the export wizard (移交)."""
