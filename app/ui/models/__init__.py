"""Qt item models over repository records."""
