"""The incident dashboard and the retention-schedule window."""
