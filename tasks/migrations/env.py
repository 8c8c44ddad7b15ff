"""Alembic environment: the URL comes from the caller's config (``tasks.store.migrate``) or
``NEWSQA_DATABASE_URL``."""

from alembic import context
from sqlalchemy import engine_from_config, pool

from newsqa import config as settings
from newsqa.tasks.models import Base

cfg = context.config
url = cfg.get_main_option("sqlalchemy.url") or settings.DATABASE_URL.get()
connection = cfg.attributes.get("connection")

if connection is not None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = engine_from_config({"sqlalchemy.url": url}, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
