"""The desktop interface (Qt widgets)."""
