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

# SQLite's rule for rebuilding a table (what batch mode does): foreign keys off while it
# runs, else dropping the old copy of a table with rows pointing at it fails; then check
# them. The pragma is a no-op inside a transaction, so it goes straight to the driver's
# connection before SQLAlchemy begins one (our engines emit BEGIN themselves).
driver = connection.connection.driver_connection
driver.execute("PRAGMA foreign_keys=OFF")
try:
    with context.begin_transaction():
        context.run_migrations()
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"the migration left rows pointing nowhere: {broken[:5]}")
finally:
    driver.execute("PRAGMA foreign_keys=ON")
