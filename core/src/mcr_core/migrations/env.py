"""Alembic environment shared by every service: runs on the connection Database.migrate gives."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=None,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
