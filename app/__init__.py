"""FieldArchive (现场建档): offline archiving of major incidents."""

__version__ = "0.1.0"
