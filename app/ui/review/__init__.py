"""Review mode: a supervisor's read-only window, built on the read interface alone."""
