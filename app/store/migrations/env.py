"""Alembic environment: always run on the connection handed in by app.store.migrate."""

from alembic import context

from app.store.models import Base
from app.store.search_index import include_name

config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
    compare_type=True,
    include_name=include_name,  # the FTS5 table and its shadow tables are SQLite's own
)

with context.begin_transaction():
    context.run_migrations()
