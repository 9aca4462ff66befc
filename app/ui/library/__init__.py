"""The Library page: every item of an incident, its preview, description and filing."""
